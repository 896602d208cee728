//! Builds one wave's responses from its [`WaveSpec`].
//!
//! The order of construction: respondent attributes; which rated items each respondent left
//! blank; the planned low respondents' levels; everyone else's levels, column by column, so that
//! each item's answered count and level sum are exactly the plan's; NPS answers following each
//! respondent's own satisfaction; the choice and open-text answers; finally a shuffle of the
//! rows and the respondent ids, company and person names in output order.

use csat_model::{Answer, QuestionKind, Response, SurveyDefinition};

use super::comments;
use super::names::{self, Companies};
use super::plan::{ItemPlan, WaveSpec};
use super::rng::SplitMix64;

/// No respondent skips more rated items than this (the low respondents' skips are planned).
const MAX_BLANKS_PER_ROW: usize = 6;

/// Relative odds of taking one more point below 5 on a cell that is already 0, 1, 2, 3 points
/// below: most answers are 5 or 4, a few 3, rarely a 2, never a 1 outside the low respondents.
const STEP_ODDS: [u64; 4] = [20, 6, 1, 0];

/// A respondent's attributes and tendencies, in construction order.
struct Row {
    industry: &'static str,
    region: &'static str,
    size: &'static str,
    it_share: &'static str,
    role: &'static str,
    gender: Option<&'static str>,
    /// Propensity to rate below 5.
    harshness: u64,
    /// Propensity to leave items blank.
    skipping: u64,
}

/// The wave's responses in output order, each checked against `def`.
pub(super) fn build(spec: &WaveSpec, def: &SurveyDefinition) -> Result<Vec<Response>, String> {
    let mut g = SplitMix64::new(spec.seed);
    let rated: Vec<&str> = def.rated_items().map(|(_, q)| q.id()).collect();
    let plans = match_plans(spec, &rated)?;
    let rows = attributes(spec, &mut g)?;
    let answered = blanks(spec, &rated, &plans, &rows, &mut g)?;
    let levels = levels(spec, &plans, &answered, &rows, &mut g)?;
    let nps = nps(spec, &levels, &mut g)?;
    let license = license(spec, def, &mut g)?;
    let cloud = cloud(spec, def, &mut g)?;
    let (problems, wishes) = texts(spec, &mut g);
    let order = output_order(spec, &nps, &mut g)?;

    let q = |id: &str| {
        def.question_index(id)
            .ok_or_else(|| format!("the definition has no question {id:?}"))
    };
    let (q_nps, q_license, q_cloud) = (q("nps")?, q("license_model")?, q("cloud_use")?);
    let (q_problem, q_wishes) = (q("troubling_problem")?, q("wishes")?);

    let mut companies = Companies::new();
    let mut out = Vec::with_capacity(order.len());
    for (pos, &r) in order.iter().enumerate() {
        let row = &rows[r];
        let id = format!("C{}-{:03}", spec.year, pos + 1);
        let company = companies.name(row.industry, row.region, row.size);
        let department = names::department(&mut g);
        let contact = names::person(&mut g, row.gender == Some("女"));
        let mut attrs = Vec::with_capacity(def.attributes().len());
        for a in def.attributes() {
            let v = match a.id.as_str() {
                "company" => Some(company.clone()),
                "department" => Some(department.clone()),
                "contact" => Some(contact.clone()),
                "industry" => Some(row.industry.to_owned()),
                "region" => Some(row.region.to_owned()),
                "company_size" => Some(row.size.to_owned()),
                "it_share" => Some(row.it_share.to_owned()),
                "role" => Some(row.role.to_owned()),
                "gender" => row.gender.map(str::to_owned),
                other => return Err(format!("no values planned for attribute {other:?}")),
            };
            attrs.push(v);
        }
        let mut answers = vec![None; def.questions().len()];
        for ((index, _), level) in def.rated_items().zip(&levels[r]) {
            answers[index] = level.map(Answer::Level);
        }
        answers[q_nps] = nps[r].map(Answer::Recommend);
        answers[q_license] = license[r].map(Answer::Choice);
        answers[q_cloud] = cloud[r].clone().map(Answer::Choices);
        answers[q_problem] = problems[r].map(|t| Answer::Text(t.to_owned()));
        answers[q_wishes] = wishes[r].map(|t| Answer::Text(t.to_owned()));
        out.push(Response::new(def, id, attrs, answers).map_err(|e| e.to_string())?);
    }
    Ok(out)
}

/// The plan of each rated item, in the definition's order.
fn match_plans<'s>(spec: &'s WaveSpec, rated: &[&str]) -> Result<Vec<&'s ItemPlan>, String> {
    if spec.items.len() != rated.len() {
        return Err(format!(
            "the plan has {} items, the definition {} rated items",
            spec.items.len(),
            rated.len()
        ));
    }
    rated
        .iter()
        .map(|id| {
            spec.items
                .iter()
                .find(|p| p.id == *id)
                .ok_or_else(|| format!("no plan for rated item {id:?}"))
        })
        .collect()
}

/// `counts` written out value by value.
fn expand(counts: &[(&'static str, usize)]) -> Vec<&'static str> {
    counts
        .iter()
        .flat_map(|&(v, n)| std::iter::repeat_n(v, n))
        .collect()
}

fn shuffled(
    what: &str,
    counts: &[(&'static str, usize)],
    len: usize,
    g: &mut SplitMix64,
) -> Result<Vec<&'static str>, String> {
    let mut v = expand(counts);
    if v.len() != len {
        return Err(format!("{what} counts add up to {}, not {len}", v.len()));
    }
    g.shuffle(&mut v);
    Ok(v)
}

/// Attributes in construction order: first the planned low respondents, then the others, the
/// favoured industry's respondents last.
fn attributes(spec: &WaveSpec, g: &mut SplitMix64) -> Result<Vec<Row>, String> {
    let n = spec.rows;
    let (top_industry, top_region, top_regions) = spec.favoured;
    let planned_top = spec
        .industries
        .iter()
        .find(|(i, _)| *i == top_industry)
        .map(|&(_, c)| c);
    if planned_top != Some(top_regions.len()) {
        return Err(format!(
            "{top_industry} has {planned_top:?} respondents but {} regions",
            top_regions.len()
        ));
    }
    let others: Vec<(&'static str, usize)> = spec
        .industries
        .iter()
        .copied()
        .filter(|(i, _)| *i != top_industry)
        .collect();
    let mut industries = shuffled("industry", &others, n - top_regions.len(), g)?;
    let mut regions = shuffled("region", spec.regions, n - top_regions.len(), g)?;
    industries.extend(std::iter::repeat_n(top_industry, top_regions.len()));
    regions.extend_from_slice(top_regions);
    let sizes = shuffled("company size", spec.company_sizes, n, g)?;
    let it_shares = shuffled("IT share", spec.it_shares, n, g)?;
    let roles = shuffled("role", spec.roles, n, g)?;
    let mut genders: Vec<Option<&'static str>> =
        expand(spec.genders).into_iter().map(Some).collect();
    if genders.len() > n {
        return Err(format!("{} genders for {n} respondents", genders.len()));
    }
    genders.resize(n, None);
    g.shuffle(&mut genders);

    let mut rows = Vec::with_capacity(n);
    for i in 0..n {
        // A tenth of the customers are markedly more critical than the rest, so the own
        // averages tail off gradually above the planned low respondents.
        let harshness = if industries[i] != top_industry {
            if g.chance(1, 10) {
                36 + g.below(15) as u64
            } else {
                4 + g.below(21) as u64
            }
        } else if regions[i] == top_region {
            1
        } else {
            3
        };
        let skipping = if g.chance(1, 5) { 12 } else { 1 };
        rows.push(Row {
            industry: industries[i],
            region: regions[i],
            size: sizes[i],
            it_share: it_shares[i],
            role: roles[i],
            gender: genders[i],
            harshness,
            skipping,
        });
    }
    Ok(rows)
}

/// `answered[row][item]`: the planned skips of the low respondents, then blanks spread over the
/// others (some respondents skip more readily) until each item has its planned answered count.
fn blanks(
    spec: &WaveSpec,
    rated: &[&str],
    plans: &[&ItemPlan],
    rows: &[Row],
    g: &mut SplitMix64,
) -> Result<Vec<Vec<bool>>, String> {
    let n_low = spec.low_rows.len();
    let mut answered = vec![vec![true; rated.len()]; rows.len()];
    let mut skipped = vec![0usize; rows.len()];
    for (r, low) in spec.low_rows.iter().enumerate() {
        for id in low.skipped {
            let c = rated
                .iter()
                .position(|x| x == id)
                .ok_or_else(|| format!("low respondent skips unknown item {id:?}"))?;
            answered[r][c] = false;
            skipped[r] += 1;
        }
    }
    for (c, plan) in plans.iter().enumerate() {
        let blank_already = answered.iter().filter(|a| !a[c]).count();
        let need = rows
            .len()
            .checked_sub(plan.answered as usize + blank_already)
            .ok_or_else(|| format!("{} cannot have {} answers", plan.id, plan.answered))?;
        for _ in 0..need {
            let odds: Vec<u64> = (0..rows.len())
                .map(|r| {
                    if r >= n_low && answered[r][c] && skipped[r] < MAX_BLANKS_PER_ROW {
                        rows[r].skipping
                    } else {
                        0
                    }
                })
                .collect();
            let r = g
                .weighted(&odds)
                .ok_or_else(|| format!("no respondent left to skip {}", plan.id))?;
            answered[r][c] = false;
            skipped[r] += 1;
        }
    }
    Ok(answered)
}

/// `levels[row][item]`, `None` where blank. Column sums are exactly the plan's; the low
/// respondents' row sums are exactly theirs.
fn levels(
    spec: &WaveSpec,
    plans: &[&ItemPlan],
    answered: &[Vec<bool>],
    rows: &[Row],
    g: &mut SplitMix64,
) -> Result<Vec<Vec<Option<u8>>>, String> {
    let n_low = spec.low_rows.len();
    // Points below the maximum an item must collect: 5 * answered - sum.
    let mut shortfall = Vec::with_capacity(plans.len());
    for p in plans {
        if p.sum < p.answered || p.sum > 5 * p.answered {
            return Err(format!(
                "{}: sum {} impossible for {} answers",
                p.id, p.sum, p.answered
            ));
        }
        shortfall.push(u64::from(5 * p.answered - p.sum));
    }
    let mut levels = vec![vec![None; plans.len()]; rows.len()];

    for (r, low) in spec.low_rows.iter().enumerate() {
        let cols: Vec<usize> = (0..plans.len()).filter(|&c| answered[r][c]).collect();
        let a = cols.len() as u32;
        if low.total < a || low.total > 5 * a {
            return Err(format!("low total {} impossible over {a} items", low.total));
        }
        let mut v = vec![(low.total / a) as u8; cols.len()];
        let mut idx: Vec<usize> = (0..cols.len()).collect();
        g.shuffle(&mut idx);
        for &i in &idx[..(low.total % a) as usize] {
            v[i] += 1;
        }
        // Move points from the items the wave rates low to random others: an unhappy
        // respondent is unhappiest where everyone is.
        let odds: Vec<u64> = cols.iter().map(|&c| shortfall[c]).collect();
        for _ in 0..cols.len() {
            let down = g
                .weighted(&odds)
                .ok_or("an item with no shortfall at all")?;
            let up = g.below(cols.len());
            if down != up && v[down] > 1 && v[up] < 5 {
                v[down] -= 1;
                v[up] += 1;
            }
        }
        for (&c, &l) in cols.iter().zip(&v) {
            levels[r][c] = Some(l);
        }
    }

    for (c, plan) in plans.iter().enumerate() {
        let taken: u64 = levels[..n_low]
            .iter()
            .filter_map(|row| row[c])
            .map(|l| u64::from(5 - l))
            .sum();
        let mut left = shortfall[c]
            .checked_sub(taken)
            .ok_or_else(|| format!("{}: the low respondents take too many points", plan.id))?;
        let mut below = vec![0usize; rows.len()];
        while left > 0 {
            let odds: Vec<u64> = (0..rows.len())
                .map(|r| {
                    if r >= n_low && answered[r][c] {
                        rows[r].harshness * STEP_ODDS[below[r]]
                    } else {
                        0
                    }
                })
                .collect();
            let r = g
                .weighted(&odds)
                .ok_or_else(|| format!("{}: shortfall cannot be placed", plan.id))?;
            below[r] += 1;
            left -= 1;
        }
        for r in n_low..rows.len() {
            if answered[r][c] {
                levels[r][c] = Some(5 - below[r] as u8);
            }
        }
    }
    Ok(levels)
}

fn is_detractor(score: u8) -> bool {
    score <= 6
}

/// NPS answers: the low respondents' as planned; the others by their own average (with some
/// noise: satisfaction and willingness to recommend go together, not in lockstep), the least
/// satisfied as the remaining detractors, then passives, then promoters.
fn nps(
    spec: &WaveSpec,
    levels: &[Vec<Option<u8>>],
    g: &mut SplitMix64,
) -> Result<Vec<Option<u8>>, String> {
    let n_low = spec.low_rows.len();
    let mut out = vec![None; levels.len()];
    let mut detractors = spec.nps.detractors.to_vec();
    let mut passives = spec.nps.passives;
    let mut promoters = spec.nps.promoters;
    for (r, low) in spec.low_rows.iter().enumerate() {
        out[r] = Some(low.nps);
        let left = match low.nps {
            s if is_detractor(s) => {
                let i = detractors.iter().position(|&d| d == s).ok_or_else(|| {
                    format!("low respondent's NPS {s} is not a planned detractor")
                })?;
                detractors.remove(i);
                Some(())
            }
            7 | 8 => passives.checked_sub(1).map(|p| passives = p),
            _ => promoters.checked_sub(1).map(|p| promoters = p),
        };
        left.ok_or("low respondents' NPS answers exceed the plan")?;
    }
    let mut others: Vec<(u64, usize)> = (n_low..levels.len())
        .map(|r| {
            let (sum, n) = levels[r]
                .iter()
                .flatten()
                .fold((0u64, 0u64), |(s, n), &l| (s + u64::from(l), n + 1));
            (sum * 1000 / n.max(1) + g.below(250) as u64, r)
        })
        .collect();
    others.sort_unstable();
    if detractors.len() + spec.nps.blank + passives + promoters != others.len() {
        return Err("NPS plan does not add up to the number of respondents".into());
    }
    detractors.sort_unstable();
    let mut rest: Vec<usize> = others.iter().map(|&(_, r)| r).collect();
    for (&s, r) in detractors.iter().zip(rest.drain(..detractors.len())) {
        out[r] = Some(s);
    }
    for _ in 0..spec.nps.blank {
        let i = g.below(rest.len());
        rest.remove(i);
    }
    for (i, &r) in rest.iter().enumerate() {
        out[r] = Some(if i < passives {
            7 + g.below(2) as u8
        } else if g.chance(3, 5) {
            10
        } else {
            9
        });
    }
    Ok(out)
}

fn options<'d>(def: &'d SurveyDefinition, id: &str) -> Result<Vec<&'d str>, String> {
    match def.question(id).map(csat_model::Question::kind) {
        Some(QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options }) => {
            Ok(options.iter().map(|o| o.id.as_str()).collect())
        }
        _ => Err(format!("{id:?} is not a choice question of the definition")),
    }
}

fn option_index(options: &[&str], id: &str) -> Result<u16, String> {
    options
        .iter()
        .position(|o| *o == id)
        .map(|i| i as u16)
        .ok_or_else(|| format!("no option {id:?}"))
}

/// License-model answers (option positions) with exactly the planned counts.
fn license(
    spec: &WaveSpec,
    def: &SurveyDefinition,
    g: &mut SplitMix64,
) -> Result<Vec<Option<u16>>, String> {
    let opts = options(def, "license_model")?;
    let mut out = Vec::with_capacity(spec.rows);
    for &(id, count) in spec.license {
        let i = option_index(&opts, id)?;
        out.extend(std::iter::repeat_n(Some(i), count));
    }
    if out.len() > spec.rows {
        return Err("more license answers than respondents".into());
    }
    out.resize(spec.rows, None);
    g.shuffle(&mut out);
    Ok(out)
}

/// Cloud answers: exactly the planned number of blanks, "暂未使用", public and hybrid users;
/// every other user (and some public or hybrid ones) ticks private cloud.
fn cloud(
    spec: &WaveSpec,
    def: &SurveyDefinition,
    g: &mut SplitMix64,
) -> Result<Vec<Option<Vec<u16>>>, String> {
    let opts = options(def, "cloud_use")?;
    let (public, private) = (
        option_index(&opts, "public")?,
        option_index(&opts, "private")?,
    );
    let (hybrid, none) = (option_index(&opts, "hybrid")?, option_index(&opts, "none")?);
    let p = &spec.cloud;
    let mut order: Vec<usize> = (0..spec.rows).collect();
    g.shuffle(&mut order);
    let mut out = vec![None; spec.rows];
    let users = order
        .get(p.blank + p.none..)
        .ok_or("more cloud blanks and non-users than respondents")?;
    for &r in &order[p.blank..p.blank + p.none] {
        out[r] = Some(vec![none]);
    }
    if users.len() < p.public.max(p.hybrid) {
        return Err("fewer cloud users than planned public or hybrid users".into());
    }
    let mut sets = vec![Vec::new(); users.len()];
    for (option, count) in [(public, p.public), (hybrid, p.hybrid)] {
        let mut pick: Vec<usize> = (0..users.len()).collect();
        g.shuffle(&mut pick);
        for &i in &pick[..count] {
            sets[i].push(option);
        }
    }
    for (set, &r) in sets.iter_mut().zip(users) {
        if set.is_empty() || g.chance(1, 2) {
            set.push(private);
        }
        set.sort_unstable();
        out[r] = Some(set.clone());
    }
    Ok(out)
}

/// The two open-text answers per row: the low respondents all name a problem; the other
/// comments go to random respondents.
fn texts(
    spec: &WaveSpec,
    g: &mut SplitMix64,
) -> (Vec<Option<&'static str>>, Vec<Option<&'static str>>) {
    let (n_problems, n_wishes) = spec.comments;
    let n_low = spec.low_rows.len();
    let mut problems = vec![None; spec.rows];
    let mut others: Vec<usize> = (n_low..spec.rows).collect();
    g.shuffle(&mut others);
    let writers = (0..n_low).chain(others);
    for (r, text) in writers.zip(comments::pick(&comments::PROBLEMS, n_problems, g)) {
        problems[r] = Some(text);
    }
    let mut wishes = vec![None; spec.rows];
    let mut all: Vec<usize> = (0..spec.rows).collect();
    g.shuffle(&mut all);
    for (&r, text) in all
        .iter()
        .zip(comments::pick(&comments::WISHES, n_wishes, g))
    {
        wishes[r] = Some(text);
    }
    (problems, wishes)
}

/// A random order of the rows, then the detractors rearranged among their own positions so
/// that in respondent-id order they score as planned.
fn output_order(
    spec: &WaveSpec,
    nps: &[Option<u8>],
    g: &mut SplitMix64,
) -> Result<Vec<usize>, String> {
    let mut order: Vec<usize> = (0..spec.rows).collect();
    g.shuffle(&mut order);
    let slots: Vec<usize> = (0..order.len())
        .filter(|&p| nps[order[p]].is_some_and(is_detractor))
        .collect();
    let mut pool: Vec<usize> = slots.iter().map(|&p| order[p]).collect();
    if slots.len() != spec.nps.detractors.len() {
        return Err("detractor count differs from the plan".into());
    }
    for (&slot, &score) in slots.iter().zip(spec.nps.detractors) {
        let i = pool
            .iter()
            .position(|&r| nps[r] == Some(score))
            .ok_or("detractor scores differ from the plan")?;
        order[slot] = pool.remove(i);
    }
    Ok(order)
}
