//! Checks generated waves against the published figures of [`super::reference`], from the CSV
//! bytes alone: what a reader of the files would compute, exactly, with rust_decimal and
//! integer counts, rounding half away from zero for display.

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};

use csat_model::{QuestionKind, SurveyDefinition, WaveInfo};
use rust_decimal::{Decimal, RoundingStrategy};

use super::comments::THEMES;
use super::reference as published;
use super::table;

/// The verdicts: what held and what did not, one sentence each.
#[derive(Debug, Default)]
pub(super) struct Checks {
    pub(super) passed: Vec<String>,
    pub(super) failed: Vec<String>,
}

impl Checks {
    fn check(&mut self, ok: bool, what: String) {
        if ok {
            self.passed.push(what);
        } else {
            self.failed.push(what);
        }
    }
}

/// A non-negative fraction, compared exactly by cross-multiplication (no rounding, so two
/// means are equal only when they are equal).
#[derive(Debug, Clone, Copy)]
pub(super) struct Ratio {
    num: u64,
    den: u64,
}

impl Ratio {
    fn new(num: u64, den: u64) -> Self {
        Self { num, den }
    }

    fn key(self, other: Self) -> (u128, u128) {
        (
            u128::from(self.num) * u128::from(other.den),
            u128::from(other.num) * u128::from(self.den),
        )
    }

    /// The value rounded to `dp` decimals for display, half away from zero.
    fn shown(self, dp: u32) -> Decimal {
        if self.den == 0 {
            return Decimal::ZERO;
        }
        (Decimal::from(self.num) / Decimal::from(self.den))
            .round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
    }
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = self.key(*other);
        a == b
    }
}

impl Eq for Ratio {}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Self) -> Ordering {
        let (a, b) = self.key(*other);
        a.cmp(&b)
    }
}

impl std::fmt::Display for Ratio {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

/// `part / whole` as a percentage rounded to `dp` decimals, half away from zero.
fn percent(part: usize, whole: usize, dp: u32) -> Decimal {
    Ratio::new(100 * part as u64, whole as u64).shown(dp)
}

/// NPS = promoters / base x 100 - detractors / base x 100, shown with one decimal.
fn nps_value(promoters: usize, detractors: usize, base: usize) -> Decimal {
    ((Decimal::from(promoters) - Decimal::from(detractors)) * Decimal::ONE_HUNDRED
        / Decimal::from(base.max(1)))
    .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
}

/// What later checks across waves need from one wave.
pub(super) struct Figures {
    pub(super) overall: Ratio,
    pub(super) top_item: Ratio,
    pub(super) public_cloud: Ratio,
    pub(super) public_cloud_answered: Ratio,
}

/// One wave's CSV read back, column by column.
struct Parsed {
    ids: Vec<String>,
    attributes: BTreeMap<String, Vec<String>>,
    rated: Vec<String>,
    levels: Vec<Vec<Option<u8>>>,
    nps: Vec<Option<u8>>,
    license: Vec<String>,
    cloud: Vec<Vec<String>>,
    texts: Vec<String>,
}

fn parse(def: &SurveyDefinition, csv_bytes: &[u8], c: &mut Checks, year: &str) -> Parsed {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_bytes);
    let mut records = Vec::new();
    for (i, rec) in reader.records().enumerate() {
        match rec {
            Ok(r) => records.push(r),
            Err(e) => c.check(false, format!("{year}: record {i} reads as CSV: {e}")),
        }
    }
    let header: Vec<String> = records
        .first()
        .map(|h| h.iter().map(str::to_owned).collect())
        .unwrap_or_default();
    let expected: Vec<String> = table::header(def).into_iter().map(str::to_owned).collect();
    c.check(
        header == expected,
        format!("{year}: header is respondent_id, the attributes, the questions in order"),
    );
    let col = |name: &str| header.iter().position(|h| h == name).unwrap_or(usize::MAX);
    let rows: Vec<Vec<String>> = records
        .iter()
        .skip(1)
        .map(|r| r.iter().map(str::to_owned).collect())
        .collect();
    let get = |row: &Vec<String>, name: &str| row.get(col(name)).cloned().unwrap_or_default();
    let mut bad = Vec::new();
    let mut number = |v: String, max: u8, what: &str| -> Option<u8> {
        if v.is_empty() {
            return None;
        }
        match v.parse::<u8>() {
            Ok(n) if n <= max => Some(n),
            _ => {
                bad.push(format!("{what} = {v:?}"));
                None
            }
        }
    };
    let rated: Vec<String> = def.rated_items().map(|(_, q)| q.id().to_owned()).collect();
    let mut p = Parsed {
        ids: rows
            .iter()
            .map(|r| get(r, def.respondent_column()))
            .collect(),
        attributes: def
            .attributes()
            .iter()
            .map(|a| {
                (
                    a.id.clone(),
                    rows.iter().map(|r| get(r, a.column())).collect(),
                )
            })
            .collect(),
        rated: rated.clone(),
        levels: Vec::with_capacity(rows.len()),
        nps: Vec::with_capacity(rows.len()),
        license: rows.iter().map(|r| get(r, "license_model")).collect(),
        cloud: rows
            .iter()
            .map(|r| {
                let v = get(r, "cloud_use");
                v.split(';')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .collect(),
        texts: rows
            .iter()
            .flat_map(|r| [get(r, "troubling_problem"), get(r, "wishes")])
            .filter(|t| !t.is_empty())
            .collect(),
    };
    for r in &rows {
        let levels = rated
            .iter()
            .map(|id| number(get(r, id), 5, id).filter(|&l| l >= 1))
            .collect();
        p.levels.push(levels);
        p.nps.push(number(get(r, "nps"), 10, "nps"));
    }
    c.check(
        bad.is_empty(),
        format!("{year}: every rated cell is 1..5 or blank and every NPS 0..10 or blank {bad:?}"),
    );
    check_labels(c, def, &p, year);
    p
}

/// Every choice answer is an option label of the definition.
fn check_labels(c: &mut Checks, def: &SurveyDefinition, p: &Parsed, year: &str) {
    for (q, values) in [
        ("license_model", p.license.clone()),
        ("cloud_use", p.cloud.concat()),
    ] {
        let labels: Vec<String> = match def.question(q).map(csat_model::Question::kind) {
            Some(
                QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options },
            ) => options.iter().map(|o| o.label.clone()).collect(),
            _ => Vec::new(),
        };
        c.check(
            values.iter().all(|v| v.is_empty() || labels.contains(v)),
            format!("{year}: every {q} answer is an option label of the definition"),
        );
    }
}

/// Sum and count of the answered levels in `rows` of `levels`, optionally of one item.
fn grand(levels: &[&Vec<Option<u8>>], item: Option<usize>) -> Ratio {
    let (mut s, mut n) = (0, 0);
    for row in levels {
        for (i, l) in row.iter().enumerate() {
            if let Some(l) = l
                && item.is_none_or(|x| x == i)
            {
                s += u64::from(*l);
                n += 1;
            }
        }
    }
    Ratio::new(s, n)
}

/// Competition ranks ("1224"): one more than the number of strictly greater values.
fn ranks(means: &[Ratio]) -> Vec<u32> {
    means
        .iter()
        .map(|m| 1 + means.iter().filter(|o| *o > m).count() as u32)
        .collect()
}

/// The figures of one wave, computed from its parsed rows.
struct Scores {
    overall: Ratio,
    /// Item means in the definition's order of rated items, and their competition ranks.
    means: Vec<Ratio>,
    ranks: Vec<u32>,
    /// NPS promoters, passives, detractors, answered.
    bands: (usize, usize, usize, usize),
    /// The detractors' scores in respondent order.
    detractors: Vec<u8>,
}

impl Scores {
    fn of(p: &Parsed) -> Self {
        let all: Vec<&Vec<Option<u8>>> = p.levels.iter().collect();
        let means: Vec<Ratio> = (0..p.rated.len()).map(|i| grand(&all, Some(i))).collect();
        let (mut pro, mut pas, mut answered) = (0, 0, 0);
        let mut detractors = Vec::new();
        for &s in p.nps.iter().flatten() {
            answered += 1;
            match s {
                9.. => pro += 1,
                7 | 8 => pas += 1,
                _ => detractors.push(s),
            }
        }
        Self {
            overall: grand(&all, None),
            ranks: ranks(&means),
            means,
            bands: (pro, pas, detractors.len(), answered),
            detractors,
        }
    }

    fn item(&self, p: &Parsed, id: &str) -> Option<(Ratio, u32)> {
        let i = p.rated.iter().position(|x| x == id)?;
        Some((self.means[i], self.ranks[i]))
    }
}

/// Checks one wave and returns what the checks across waves need.
pub(super) fn wave(
    year: &str,
    def: &SurveyDefinition,
    info: &WaveInfo,
    csv_bytes: &[u8],
    c: &mut Checks,
) -> Figures {
    let p = parse(def, csv_bytes, c, year);
    check_identity(c, year, def, info, &p);
    let s = Scores::of(&p);
    match year {
        "2021" => check_2021(c, &p, &s, info, def),
        "2020" => check_2020(c, &p, &s),
        _ => {
            let (pro, pas, det, answered) = s.bands;
            let nps = nps_value(pro, det, answered);
            c.check(
                nps == Decimal::new(published::NPS_2019_VALUE, 1),
                format!("{year}: NPS {pro}/{pas}/{det} over {answered} answered = {nps}"),
            );
        }
    }
    c.check(
        s.overall.den > 0,
        format!(
            "{year}: overall average {} = {}; {} item means from {} to {}",
            s.overall,
            s.overall.shown(2),
            s.means.len(),
            s.means.iter().min().map_or(Decimal::ZERO, |m| m.shown(2)),
            s.means.iter().max().map_or(Decimal::ZERO, |m| m.shown(2)),
        ),
    );
    check_texts(c, year, &p.texts);

    let public = p
        .cloud
        .iter()
        .filter(|s| s.iter().any(|x| x == "公有云"))
        .count();
    let cloud_answered = p.cloud.iter().filter(|s| !s.is_empty()).count();
    Figures {
        overall: s.overall,
        top_item: s
            .item(&p, published::TOP_ITEM_2021)
            .map_or(Ratio::new(0, 1), |(m, _)| m),
        public_cloud: Ratio::new(public as u64, p.ids.len() as u64),
        public_cloud_answered: Ratio::new(public as u64, cloud_answered as u64),
    }
}

/// The wave file, respondent ids, and rated item ids.
fn check_identity(c: &mut Checks, year: &str, def: &SurveyDefinition, info: &WaveInfo, p: &Parsed) {
    let n = p.ids.len();
    c.check(
        info.id() == year && info.survey_id() == def.id(),
        format!("{year}: wave.toml is wave {year} of survey {}", def.id()),
    );
    let unique: HashSet<&String> = p.ids.iter().collect();
    let well_formed = p
        .ids
        .iter()
        .enumerate()
        .all(|(i, id)| *id == format!("C{year}-{:03}", i + 1));
    c.check(
        unique.len() == n && well_formed,
        format!("{year}: respondent ids C{year}-001.. unique and in order"),
    );
    let sent = info.sent().unwrap_or(0);
    c.check(
        sent >= n as u64,
        format!(
            "{year}: {n} returned of {sent} sent ({}%)",
            percent(n, sent as usize, 0)
        ),
    );
    let mut expected: Vec<&str> = published::REFERENCE_ITEMS.iter().map(|i| i.id).collect();
    if year != "2021" {
        expected.push(published::DROPPED_ITEM);
    }
    let mut have: Vec<&str> = p.rated.iter().map(String::as_str).collect();
    have.sort_unstable();
    expected.sort_unstable();
    c.check(
        have == expected,
        format!("{year}: {} rated items with the stable ids", have.len()),
    );
}

fn check_2020(c: &mut Checks, p: &Parsed, s: &Scores) {
    let n = p.ids.len();
    c.check(
        n == published::RETURNED_2020,
        format!("2020: {n} returned as published"),
    );
    let mut ok = published::REFERENCE_ITEMS
        .iter()
        .all(|r| s.item(p, r.id).is_some_and(|(_, rank)| rank == r.rank_2020));
    ok &= s
        .item(p, published::DROPPED_ITEM)
        .is_some_and(|(_, rank)| rank == published::DROPPED_ITEM_RANK_2020);
    c.check(
        ok,
        "2020: competition ranks of the 27 item means give the published rank 2020 column \
         (dropped item 25)"
            .into(),
    );
    let (pro, pas, det, _) = s.bands;
    let nps = nps_value(pro, det, n);
    c.check(
        (pro, pas, det) == published::NPS_2020 && nps == Decimal::new(published::NPS_2020_VALUE, 1),
        format!("2020: NPS {pro}/{pas}/{det} over {n} returned = {nps}"),
    );
    let top = s
        .item(p, published::TOP_ITEM_2021)
        .map_or(Ratio::new(0, 1), |(m, _)| m);
    c.check(
        top < Ratio::new(474, 100),
        format!(
            "2020: {} {} below 4.74",
            published::TOP_ITEM_2021,
            top.shown(2)
        ),
    );
}

fn check_texts(c: &mut Checks, year: &str, texts: &[String]) {
    c.check(
        (25..=45).contains(&texts.len()),
        format!("{year}: {} open-text comments (25..45)", texts.len()),
    );
    let missing: Vec<&str> = THEMES
        .iter()
        .filter(|(_, words)| !texts.iter().any(|t| words.iter().any(|w| t.contains(w))))
        .map(|(name, _)| *name)
        .collect();
    c.check(
        missing.is_empty(),
        format!(
            "{year}: comments cover all {} themes {missing:?}",
            THEMES.len()
        ),
    );
    c.check(
        texts.iter().any(|t| t.contains(',')) && texts.iter().any(|t| t.contains('"')),
        format!("{year}: some comments carry commas and double quotes"),
    );
}

fn check_2021(
    c: &mut Checks,
    p: &Parsed,
    scores: &Scores,
    info: &WaveInfo,
    def: &SurveyDefinition,
) {
    let n = p.ids.len();
    let sent = info.sent().unwrap_or(0);
    c.check(
        n == published::RETURNED_2021
            && sent == published::SENT_2021
            && percent(n, sent as usize, 0) == Decimal::from(published::RESPONSE_RATE_2021_PERCENT),
        format!(
            "2021: {n} returned of {sent} sent ({}%) as published",
            percent(n, sent as usize, 0)
        ),
    );
    c.check(
        scores.overall.shown(2) == Decimal::new(published::OVERALL_2021, 2),
        format!(
            "2021: overall average {} as published",
            scores.overall.shown(2)
        ),
    );
    let mut wrong = Vec::new();
    for r in &published::REFERENCE_ITEMS {
        match p.rated.iter().position(|x| x == r.id) {
            Some(i)
                if scores.means[i].shown(2) == Decimal::new(r.mean_2021, 2)
                    && scores.ranks[i] == r.rank_2021 => {}
            Some(i) => wrong.push(format!(
                "{} {} rank {}",
                r.id,
                scores.means[i].shown(2),
                scores.ranks[i]
            )),
            None => wrong.push(format!("{} missing", r.id)),
        }
    }
    c.check(
        wrong.is_empty(),
        format!(
            "2021: the 26 item means and competition ranks match the published table {wrong:?}"
        ),
    );
    let (pro, pas, det, answered) = scores.bands;
    let nps = nps_value(pro, det, answered);
    c.check(
        (pro, pas, det) == published::NPS_2021
            && answered == published::NPS_2021_ANSWERED
            && nps == Decimal::new(published::NPS_2021_VALUE, 1),
        format!("2021: NPS {pro}/{pas}/{det} of {answered} answered = {nps}"),
    );
    c.check(
        scores.detractors == published::DETRACTORS_2021,
        format!(
            "2021: detractors in respondent order score {:?}",
            scores.detractors
        ),
    );

    check_lowest(c, p);
    check_make_up(c, p);
    check_license(c, p, def);
    check_segments(c, p);
}

/// REFERENCE-2021.md, "Low-score customers".
fn check_lowest(c: &mut Checks, p: &Parsed) {
    let mut own: Vec<Ratio> = p.levels.iter().map(|row| grand(&[row], None)).collect();
    own.sort();
    let lowest: Vec<Decimal> = own.iter().take(6).map(|r| r.shown(2)).collect();
    let expected: Vec<Decimal> = published::LOWEST_2021
        .iter()
        .map(|&v| Decimal::new(v, 2))
        .collect();
    c.check(
        lowest.len() == 6
            && lowest[..5] == expected[..]
            && own[5] > own[4]
            && lowest[5] >= Decimal::new(375, 2),
        format!(
            "2021: lowest own averages {} (next {})",
            own[..5]
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            lowest.get(5).copied().unwrap_or_default()
        ),
    );
}

/// REFERENCE-2021.md, "The wave": who answered.
fn check_make_up(c: &mut Checks, p: &Parsed) {
    let n = p.ids.len();
    let count = |attr: &str, values: &[&str]| {
        p.attributes.get(attr).map_or(0, |vs| {
            vs.iter().filter(|v| values.contains(&v.as_str())).count()
        })
    };
    let roles: Vec<(&str, usize)> = published::ROLES_2021
        .iter()
        .map(|&(r, _)| (r, count("role", &[r])))
        .collect();
    c.check(
        roles == published::ROLES_2021,
        format!("2021: roles {roles:?}"),
    );
    let (male, female) = (count("gender", &["男"]), count("gender", &["女"]));
    c.check(
        female > 0 && male == published::MALE_PER_FEMALE_2021 * female,
        format!("2021: male {male} : female {female} = 25 : 1"),
    );
    let large = count("company_size", &published::LARGE_COMPANIES);
    c.check(
        percent(large, n, 0) == Decimal::from(published::LARGE_COMPANY_PERCENT_2021),
        format!(
            "2021: {large} of {n} from companies over 1000 people ({}%)",
            percent(large, n, 0)
        ),
    );
    let small_it = count("it_share", &published::SMALL_IT_SHARES);
    c.check(
        percent(small_it, n, 0) == Decimal::from(published::SMALL_IT_SHARE_PERCENT_2021),
        format!(
            "2021: {small_it} of {n} with IT staff at most 30% ({}%)",
            percent(small_it, n, 0)
        ),
    );
}

fn check_license(c: &mut Checks, p: &Parsed, def: &SurveyDefinition) {
    let options = match def
        .question("license_model")
        .map(csat_model::Question::kind)
    {
        Some(QuestionKind::SingleChoice { options }) => options.as_slice(),
        _ => &[],
    };
    let answered = p.license.iter().filter(|v| !v.is_empty()).count();
    let mut shown = Vec::new();
    let mut ok = true;
    for (id, tenths) in published::LICENSE_SHARES_2021 {
        let label = options
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.label.as_str());
        let k = p
            .license
            .iter()
            .filter(|v| Some(v.as_str()) == label)
            .count();
        let share = percent(k, answered, 1);
        ok &= label.is_some() && share == Decimal::new(tenths, 1);
        shown.push(format!("{id} {k} = {share}%"));
    }
    c.check(
        ok,
        format!(
            "2021: license model of {answered} answered: {}",
            shown.join(", ")
        ),
    );
}

/// Segments of at least MIN_SEGMENT respondents by one or two attributes; the published top
/// segment must be strictly above every other, by the grand mean of its answered cells and
/// by the mean of its item means.
fn check_segments(c: &mut Checks, p: &Parsed) {
    let industry = &p.attributes["industry"];
    let region = &p.attributes["region"];
    for (what, key, top) in [
        (
            "industry",
            Box::new(|r: usize| industry[r].clone()) as Box<dyn Fn(usize) -> String>,
            published::TOP_INDUSTRY.to_owned(),
        ),
        (
            "industry x region",
            Box::new(|r: usize| format!("{} {}", industry[r], region[r])),
            format!("{} {}", published::TOP_INDUSTRY, published::TOP_REGION),
        ),
    ] {
        let mut groups: BTreeMap<String, Vec<&Vec<Option<u8>>>> = BTreeMap::new();
        for (r, row) in p.levels.iter().enumerate() {
            groups.entry(key(r)).or_default().push(row);
        }
        groups.retain(|_, rows| rows.len() >= published::MIN_SEGMENT);
        let grand_means: BTreeMap<&String, Ratio> = groups
            .iter()
            .map(|(k, rows)| (k, grand(rows, None)))
            .collect();
        let item_means: BTreeMap<&String, Decimal> = groups
            .iter()
            .map(|(k, rows)| {
                let ms: Vec<Decimal> = (0..p.rated.len())
                    .map(|i| grand(rows, Some(i)))
                    .filter(|m| m.den > 0)
                    .map(|m| Decimal::from(m.num) / Decimal::from(m.den))
                    .collect();
                (
                    k,
                    ms.iter().sum::<Decimal>() / Decimal::from(ms.len().max(1) as u64),
                )
            })
            .collect();
        let top_grand = grand_means.get(&top);
        let top_items = item_means.get(&top);
        let ok = top_grand.is_some_and(|t| grand_means.iter().all(|(k, m)| **k == top || m < t))
            && top_items.is_some_and(|t| item_means.iter().all(|(k, m)| **k == top || m < t));
        let runner_up = grand_means
            .iter()
            .filter(|(k, _)| ***k != top)
            .max_by(|a, b| a.1.cmp(b.1))
            .map(|(k, m)| format!("{k} {}", m.shown(2)))
            .unwrap_or_default();
        c.check(
            ok,
            format!(
                "2021: {what} {top} scores highest of {} segments of {}+ ({}; next {runner_up})",
                groups.len(),
                published::MIN_SEGMENT,
                top_grand.map_or(Decimal::ZERO, |m| m.shown(2)),
            ),
        );
    }
}

/// Checks across the waves, oldest first: records and trends.
pub(super) fn across(c: &mut Checks, years: &[&str], figures: &[Figures]) {
    let rising = |f: &dyn Fn(&Figures) -> Ratio| figures.windows(2).all(|w| f(&w[0]) < f(&w[1]));
    let shown = |f: &dyn Fn(&Figures) -> Ratio, dp| {
        figures
            .iter()
            .zip(years)
            .map(|(x, y)| format!("{y} {:.*}", dp as usize, f(x).shown(dp)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    c.check(
        rising(&|f| f.overall),
        format!(
            "overall average rises to a record: {}",
            shown(&|f| f.overall, 4)
        ),
    );
    c.check(
        rising(&|f| f.top_item),
        format!(
            "{} rises to a record: {}",
            published::TOP_ITEM_2021,
            shown(&|f| f.top_item, 4)
        ),
    );
    c.check(
        rising(&|f| f.public_cloud) && rising(&|f| f.public_cloud_answered),
        format!(
            "public cloud share of respondents rises: {}",
            shown(
                &|f| Ratio::new(f.public_cloud.num * 100, f.public_cloud.den),
                1
            )
        ),
    );
}
