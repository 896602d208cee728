//! Open-text comments grouped by theme.

use csat_model::{Answer, QuestionKind};
use serde::{Deserialize, Serialize};

use crate::context::Context;

/// One comment.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Comment {
    /// Respondent id.
    pub respondent: String,
    /// The open-text question it answers.
    pub question: String,
    /// The text as written (trimmed by ingest).
    pub text: String,
}

/// An open-text question and how many answered it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TextQuestion {
    /// Question id.
    pub question: String,
    /// Question label.
    pub label: String,
    /// Respondents who wrote something.
    pub answered: u64,
}

/// The comments of one theme.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ThemeGroup {
    /// Theme id.
    pub theme: String,
    /// Chinese label.
    pub label: String,
    /// English label.
    pub label_en: String,
    /// The keywords that reveal it.
    pub keywords: Vec<String>,
    /// Comments mentioning it (a comment may count for several themes).
    pub count: u64,
    /// Those comments, in respondent then question order: the first
    /// [`max_comments_per_theme`](crate::ReportOptions::max_comments_per_theme) of them.
    pub comments: Vec<Comment>,
}

/// Open text grouped by theme.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CommentsSection {
    /// The open-text questions, in definition order.
    pub questions: Vec<TextQuestion>,
    /// Non-blank comments in all.
    pub total: u64,
    /// Themes by number of comments, most first (ties in dictionary order); themes without
    /// comments are listed with a count of 0.
    pub themes: Vec<ThemeGroup>,
    /// Comments that match no theme: the first
    /// [`max_comments_per_theme`](crate::ReportOptions::max_comments_per_theme) of them.
    pub unthemed: Vec<Comment>,
    /// Comments that match no theme, all counted.
    pub unthemed_count: u64,
}

pub(crate) fn comments(ctx: &Context<'_>) -> CommentsSection {
    let def = ctx.current.def;
    let open: Vec<(usize, &csat_model::Question)> = def
        .questions()
        .iter()
        .enumerate()
        .filter(|(_, q)| matches!(q.kind(), QuestionKind::OpenText))
        .collect();
    let mut questions: Vec<TextQuestion> = open
        .iter()
        .map(|(_, q)| TextQuestion {
            question: q.id().to_owned(),
            label: q.label().to_owned(),
            answered: 0,
        })
        .collect();
    let dictionary = ctx.options.themes.themes();
    let mut groups: Vec<ThemeGroup> = dictionary
        .iter()
        .map(|t| ThemeGroup {
            theme: t.id.clone(),
            label: t.label.clone(),
            label_en: t.label_en.clone(),
            keywords: t.keywords.clone(),
            count: 0,
            comments: Vec::new(),
        })
        .collect();
    let cap = ctx.options.max_comments_per_theme;
    let mut unthemed = Vec::new();
    let mut unthemed_count = 0u64;
    let mut total = 0u64;
    for r in ctx.current.wave.responses() {
        for (k, (i, q)) in open.iter().enumerate() {
            let Some(Answer::Text(text)) = r.answer(*i) else {
                continue;
            };
            if text.trim().is_empty() {
                continue;
            }
            total += 1;
            questions[k].answered += 1;
            let comment = Comment {
                respondent: r.respondent_id().to_owned(),
                question: q.id().to_owned(),
                text: text.clone(),
            };
            let mut matched = false;
            for (t, g) in dictionary.iter().zip(groups.iter_mut()) {
                if t.matches(text) {
                    matched = true;
                    g.count += 1;
                    if g.comments.len() < cap {
                        g.comments.push(comment.clone());
                    }
                }
            }
            if !matched {
                unthemed_count += 1;
                if unthemed.len() < cap {
                    unthemed.push(comment);
                }
            }
        }
    }
    // A stable sort keeps dictionary order among equal counts.
    groups.sort_by_key(|g| std::cmp::Reverse(g.count));
    CommentsSection {
        questions,
        total,
        themes: groups,
        unthemed,
        unthemed_count,
    }
}
