//! Fixed headings in Chinese and English, and render options.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The language of a rendering's fixed headings; survey labels (items, values, comments) are
/// always shown as the survey wrote them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Language {
    /// Simplified Chinese (the default: the surveys are Chinese).
    #[default]
    Zh,
    /// English.
    En,
}

impl Language {
    /// The BCP 47 tag, for HTML's `lang` attribute.
    #[must_use]
    pub fn tag(self) -> &'static str {
        match self {
            Self::Zh => "zh-CN",
            Self::En => "en",
        }
    }

    pub(crate) fn words(self) -> &'static Words {
        match self {
            Self::Zh => &ZH,
            Self::En => &EN,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Zh => "zh",
            Self::En => "en",
        })
    }
}

impl FromStr for Language {
    type Err = String;

    /// `zh` or `en` (also `zh-CN`, `chinese`, `english`, any case).
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "cn" | "chinese" => Ok(Self::Zh),
            "en" | "english" => Ok(Self::En),
            other => Err(format!("unknown language {other:?} (expected zh or en)")),
        }
    }
}

/// How to render a report.
///
/// # Example
///
/// ```
/// use csat_report::{Language, RenderOptions};
///
/// let o = RenderOptions::new(Language::En);
/// assert_eq!(o.language, Language::En);
/// assert!(RenderOptions::default().csv_bom);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct RenderOptions {
    /// Language of the fixed headings.
    pub language: Language,
    /// Start CSV files with a UTF-8 byte order mark, so spreadsheet programs read Chinese
    /// correctly (on by default).
    pub csv_bom: bool,
    /// List every comment under its theme in Markdown and HTML (on by default); off shows the
    /// counts only.
    pub comment_texts: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        Self {
            language: Language::default(),
            csv_bom: true,
            comment_texts: true,
        }
    }
}

impl RenderOptions {
    /// Default options with headings in `language`.
    #[must_use]
    pub fn new(language: Language) -> Self {
        Self {
            language,
            ..Self::default()
        }
    }
}

/// The fixed words of a rendering.
pub(crate) struct Words {
    /// Whether theme labels should be the English ones.
    pub(crate) english: bool,
    pub(crate) report: &'static str,
    pub(crate) survey: &'static str,
    pub(crate) item: &'static str,
    pub(crate) value: &'static str,
    pub(crate) period: &'static str,
    pub(crate) working_days: &'static str,
    pub(crate) sent: &'static str,
    pub(crate) returned: &'static str,
    pub(crate) responses: &'static str,
    pub(crate) response_rate: &'static str,
    pub(crate) compared_with: &'static str,
    pub(crate) sample: &'static str,
    pub(crate) attribute: &'static str,
    pub(crate) count: &'static str,
    pub(crate) share: &'static str,
    pub(crate) missing: &'static str,
    pub(crate) highlights: &'static str,
    pub(crate) overall_average: &'static str,
    pub(crate) vs_previous: &'static str,
    pub(crate) record_high: &'static str,
    pub(crate) record_low: &'static str,
    pub(crate) previous_best: &'static str,
    pub(crate) previous_worst: &'static str,
    pub(crate) highest_item: &'static str,
    pub(crate) lowest_item: &'static str,
    pub(crate) items: &'static str,
    pub(crate) rank: &'static str,
    pub(crate) score: &'static str,
    pub(crate) change: &'static str,
    pub(crate) rank_move: &'static str,
    pub(crate) new_item: &'static str,
    pub(crate) dropped_items: &'static str,
    pub(crate) unanswered_items: &'static str,
    pub(crate) nps: &'static str,
    pub(crate) promoters: &'static str,
    pub(crate) passives: &'static str,
    pub(crate) detractors: &'static str,
    pub(crate) base: &'static str,
    pub(crate) basis_answered: &'static str,
    pub(crate) basis_returned: &'static str,
    pub(crate) significant: &'static str,
    pub(crate) not_significant: &'static str,
    pub(crate) history: &'static str,
    pub(crate) wave: &'static str,
    pub(crate) callbacks: &'static str,
    pub(crate) detractor_list: &'static str,
    pub(crate) low_scorers: &'static str,
    pub(crate) respondent: &'static str,
    pub(crate) answer: &'static str,
    pub(crate) own_average: &'static str,
    pub(crate) items_answered: &'static str,
    pub(crate) cells: &'static str,
    pub(crate) segments: &'static str,
    pub(crate) best_segment: &'static str,
    pub(crate) below_base: &'static str,
    pub(crate) choices: &'static str,
    pub(crate) single_choice: &'static str,
    pub(crate) multiple_choice: &'static str,
    pub(crate) option: &'static str,
    pub(crate) answered: &'static str,
    pub(crate) comments: &'static str,
    pub(crate) theme: &'static str,
    pub(crate) keywords: &'static str,
    pub(crate) comment_count: &'static str,
    pub(crate) unthemed: &'static str,
    pub(crate) question: &'static str,
    pub(crate) satisfaction: &'static str,
    pub(crate) weighted_satisfaction: &'static str,
    pub(crate) satisfaction_rate: &'static str,
    pub(crate) threshold: &'static str,
    pub(crate) mean_of_item_means: &'static str,
    pub(crate) weight: &'static str,
    pub(crate) mapped_mean: &'static str,
    pub(crate) contribution: &'static str,
    pub(crate) renormalised: &'static str,
    pub(crate) kpi: &'static str,
    pub(crate) target: &'static str,
    pub(crate) actual: &'static str,
    pub(crate) met: &'static str,
    pub(crate) yes: &'static str,
    pub(crate) no: &'static str,
    pub(crate) no_data: &'static str,
    pub(crate) kpi_overall_satisfaction: &'static str,
    pub(crate) kpi_satisfaction_rate: &'static str,
    pub(crate) kpi_overall_average: &'static str,
    pub(crate) trend: &'static str,
    pub(crate) respondents: &'static str,
    pub(crate) item_trend: &'static str,
    pub(crate) choice_trend: &'static str,
    pub(crate) chart_overall: &'static str,
    pub(crate) chart_nps: &'static str,
    pub(crate) chart_items: &'static str,
    pub(crate) chart_items_note: &'static str,
    pub(crate) chart_nps_mix: &'static str,
    pub(crate) chart_segments: &'static str,
    pub(crate) to: &'static str,
}

const ZH: Words = Words {
    english: false,
    report: "年度客户满意度报告",
    survey: "调查概况",
    item: "项目",
    value: "数值",
    period: "调查时间",
    working_days: "个工作日",
    sent: "发放问卷",
    returned: "回收问卷",
    responses: "有效问卷",
    response_rate: "回收率",
    compared_with: "对比调查",
    sample: "样本构成",
    attribute: "属性",
    count: "人数",
    share: "占比",
    missing: "未填写",
    highlights: "要点",
    overall_average: "整体平均分",
    vs_previous: "较上次",
    record_high: "创历史新高",
    record_low: "创历史新低",
    previous_best: "此前最高",
    previous_worst: "此前最低",
    highest_item: "最高项",
    lowest_item: "最低项",
    items: "各项得分与排名",
    rank: "排名",
    score: "得分",
    change: "变化",
    rank_move: "名次变化",
    new_item: "新增",
    dropped_items: "上次调查而本次未调查的项目",
    unanswered_items: "无人作答的项目",
    nps: "净推荐值（NPS）",
    promoters: "推荐者",
    passives: "中立者",
    detractors: "贬损者",
    base: "基数",
    basis_answered: "作答人数",
    basis_returned: "回收问卷数",
    significant: "在 5% 水平下显著",
    not_significant: "在 5% 水平下不显著",
    history: "历年 NPS",
    wave: "调查",
    callbacks: "回访名单",
    detractor_list: "贬损者",
    low_scorers: "个人平均分最低的客户",
    respondent: "受访者",
    answer: "推荐分",
    own_average: "个人平均分",
    items_answered: "作答项数",
    cells: "个作答",
    segments: "交叉分组分析",
    best_segment: "得分最高",
    below_base: "样本不足",
    choices: "选择题",
    single_choice: "单选",
    multiple_choice: "多选",
    option: "选项",
    answered: "作答人数",
    comments: "开放题意见（按主题）",
    theme: "主题",
    keywords: "关键词",
    comment_count: "条数",
    unthemed: "未归类意见",
    question: "问题",
    satisfaction: "满意度与 KPI",
    weighted_satisfaction: "加权满意度",
    satisfaction_rate: "满意率",
    threshold: "满意阈值",
    mean_of_item_means: "各项平均分的平均",
    weight: "权重",
    mapped_mean: "百分制得分",
    contribution: "贡献",
    renormalised: "权重已按作答部分重新归一",
    kpi: "指标",
    target: "目标",
    actual: "实际",
    met: "达成",
    yes: "是",
    no: "否",
    no_data: "无数据",
    kpi_overall_satisfaction: "整体满意度（加权）",
    kpi_satisfaction_rate: "满意率",
    kpi_overall_average: "整体平均分",
    trend: "趋势",
    respondents: "样本",
    item_trend: "各项得分历年对比",
    choice_trend: "选择题历年对比",
    chart_overall: "历年整体平均分",
    chart_nps: "历年 NPS",
    chart_items: "各项得分排名",
    chart_items_note: "括号内为上次排名；坐标轴不从 0 开始",
    chart_nps_mix: "NPS 构成",
    chart_segments: "分组平均分",
    to: "至",
};

const EN: Words = Words {
    english: true,
    report: "Annual customer-satisfaction report",
    survey: "Survey",
    item: "Item",
    value: "Value",
    period: "Fieldwork",
    working_days: "working days",
    sent: "Questionnaires sent",
    returned: "Questionnaires returned",
    responses: "Responses scored",
    response_rate: "Response rate",
    compared_with: "Compared with",
    sample: "Sample",
    attribute: "Attribute",
    count: "Count",
    share: "Share",
    missing: "not given",
    highlights: "Highlights",
    overall_average: "Overall average",
    vs_previous: "vs previous",
    record_high: "record high",
    record_low: "record low",
    previous_best: "previous best",
    previous_worst: "previous low",
    highest_item: "Highest item",
    lowest_item: "Lowest item",
    items: "Item scores and ranks",
    rank: "Rank",
    score: "Score",
    change: "Change",
    rank_move: "Rank move",
    new_item: "new",
    dropped_items: "Items of the previous wave not asked this time",
    unanswered_items: "Items nobody answered",
    nps: "Net Promoter Score (NPS)",
    promoters: "Promoters",
    passives: "Passives",
    detractors: "Detractors",
    base: "Base",
    basis_answered: "answered",
    basis_returned: "returned",
    significant: "significant at the 5% level",
    not_significant: "not significant at the 5% level",
    history: "NPS by wave",
    wave: "Wave",
    callbacks: "Call-backs",
    detractor_list: "Detractors",
    low_scorers: "Lowest own averages",
    respondent: "Respondent",
    answer: "Answer",
    own_average: "Own average",
    items_answered: "Items answered",
    cells: "answers",
    segments: "Segments",
    best_segment: "best",
    below_base: "base too small",
    choices: "Choice questions",
    single_choice: "single choice",
    multiple_choice: "multiple choice",
    option: "Option",
    answered: "answered",
    comments: "Comments by theme",
    theme: "Theme",
    keywords: "Keywords",
    comment_count: "Comments",
    unthemed: "Comments without a theme",
    question: "Question",
    satisfaction: "Satisfaction and KPIs",
    weighted_satisfaction: "Weighted satisfaction",
    satisfaction_rate: "Satisfaction rate",
    threshold: "satisfied at",
    mean_of_item_means: "Mean of item means",
    weight: "Weight",
    mapped_mean: "Mapped mean",
    contribution: "Contribution",
    renormalised: "weights renormalised over the answered parts",
    kpi: "KPI",
    target: "Target",
    actual: "Actual",
    met: "Met",
    yes: "yes",
    no: "no",
    no_data: "no data",
    kpi_overall_satisfaction: "Overall satisfaction (weighted)",
    kpi_satisfaction_rate: "Satisfaction rate",
    kpi_overall_average: "Overall average",
    trend: "Trend",
    respondents: "Respondents",
    item_trend: "Items by wave",
    choice_trend: "Choice questions by wave",
    chart_overall: "Overall average by wave",
    chart_nps: "NPS by wave",
    chart_items: "Item scores, ranked",
    chart_items_note: "previous rank in brackets; the axis does not start at 0",
    chart_nps_mix: "NPS composition",
    chart_segments: "Average by segment",
    to: "to",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_parse_and_print() {
        assert_eq!("EN".parse::<Language>(), Ok(Language::En));
        assert_eq!("zh-CN".parse::<Language>(), Ok(Language::Zh));
        assert!("fr".parse::<Language>().is_err());
        assert_eq!(Language::Zh.to_string(), "zh");
        assert_eq!(Language::En.tag(), "en");
    }
}
