//! The default dataset's 2021 report reproduces every figure of REFERENCE-2021.md, checked
//! through the report data (never by parsing rendered text). Expected values are copied from
//! REFERENCE-2021.md (and DOMAIN.md section 2 for the 2019 NPS of 48.1).

mod common;

use csat_report::{ChoiceType, NpsBasis, RecordKind};
use csat_scoring::display::round_half_away;
use rust_decimal::Decimal;

fn shown(s: &csat_report::Stat) -> &str {
    s.shown.as_deref().expect("a figure with data")
}

#[test]
fn the_wave() {
    let r = common::default_report();
    let s = &r.survey;
    // "Survey ran 2021-11-24 .. 2021-11-30 (5 working days); 356 questionnaires sent, 105
    // returned (response rate 29%)."
    assert_eq!(s.period_start.to_string(), "2021-11-24");
    assert_eq!(s.period_end.to_string(), "2021-11-30");
    assert_eq!(s.working_days, 5);
    assert_eq!((s.sent, s.returned, s.responses), (Some(356), 105, 105));
    let rate = s.response_rate.as_ref().unwrap();
    assert_eq!((shown(rate), rate.n), ("29", 356));
    assert_eq!(s.previous_waves, ["2019", "2020"]);
}

#[test]
fn overall_average_is_a_record() {
    let r = common::default_report();
    let h = &r.headline;
    // "Overall average 4.62, the highest on record."
    assert_eq!(shown(&h.overall_average), "4.62");
    let rec = h.overall_record.as_ref().expect("a record");
    assert_eq!(rec.kind, RecordKind::High);
    assert_eq!(rec.earlier_waves, 2);
    // "Highest item: 实施工程师现场服务的工作态度 4.74 (a record high). Lowest: 新技术、新产品的及时推广 4.47."
    let top = h.highest.as_ref().unwrap();
    assert_eq!(
        (top.label.as_str(), shown(&top.mean)),
        ("实施工程师现场服务的工作态度", "4.74")
    );
    assert_eq!(top.record.as_ref().map(|x| x.kind), Some(RecordKind::High));
    let low = h.lowest.as_ref().unwrap();
    assert_eq!(
        (low.label.as_str(), shown(&low.mean)),
        ("新技术、新产品的及时推广", "4.47")
    );
}

#[path = "../../../examples/tests/support/reference_2021.rs"]
mod reference_2021;
use reference_2021::reference_items;

#[test]
fn every_item_score_rank_and_last_years_rank() {
    let r = common::default_report();
    let t = &r.items;
    assert_eq!(t.previous_wave.as_deref(), Some("2020"));
    // "Last year's survey had 27 items."
    assert_eq!(t.previous_item_count, Some(27));
    assert_eq!(t.rows.len(), 26);
    for (label, score, rank, rank_2020) in reference_items() {
        let row = t
            .rows
            .iter()
            .find(|i| i.label == label)
            .unwrap_or_else(|| panic!("item {label}"));
        assert_eq!(shown(&row.mean), score, "{label}");
        assert_eq!(row.rank, rank, "{label}");
        assert_eq!(row.previous_rank, Some(rank_2020), "{label}");
        assert_eq!(
            row.rank_move,
            Some(i64::from(rank_2020) - i64::from(rank)),
            "{label}"
        );
    }
    // Rows are in rank order.
    assert!(t.rows.windows(2).all(|w| w[0].rank <= w[1].rank));
    // The 2020 item dropped in 2021 holds the free rank 25.
    assert_eq!(t.dropped.len(), 1);
    assert_eq!(t.dropped[0].previous_rank, Some(25));
}

#[test]
fn nps_and_its_history() {
    let r = common::default_report();
    let n = r.nps.as_ref().unwrap();
    // "2021: 69 / 29 / 6, NPS 60.6, computed over the 104 who answered."
    assert_eq!(
        (n.promoters, n.passives, n.detractors, n.answered, n.base),
        (69, 29, 6, 104, 104)
    );
    assert_eq!(shown(&n.score), "60.6");
    assert_eq!(n.basis, NpsBasis::Answered);
    // History 48.1 -> 59.4 -> 60.6; 2020 over 106 returned (70 / 28 / 7).
    let h: Vec<(&str, &str)> = n
        .history
        .iter()
        .map(|p| (p.wave.as_str(), shown(&p.score)))
        .collect();
    assert_eq!(h, [("2019", "48.1"), ("2020", "59.4"), ("2021", "60.6")]);
    let y2020 = &n.history[1];
    assert_eq!(
        (
            y2020.promoters,
            y2020.passives,
            y2020.detractors,
            y2020.base
        ),
        (70, 28, 7, 106)
    );
    assert_eq!(y2020.basis, NpsBasis::Returned);
    // The change is exact, then rounded: 100 × 63 / 104 − 100 × 63 / 106 = 60.577 − 59.434
    // = 1.143 -> +1.1 (not 60.6 − 59.4 = 1.2, a difference of rounded values).
    assert_eq!(n.change.as_ref().map(|c| c.shown.as_str()), Some("+1.1"));
    assert_eq!(r.headline.nps.as_ref().map(shown), Some("60.6"));
}

#[test]
fn six_detractors_and_five_lowest_respondents() {
    let r = common::default_report();
    let c = &r.callbacks;
    // "The six detractors are listed with company, department, industry and score
    // (5, 6, 6, 4, 6, 6)." The report lists them lowest answer first.
    assert_eq!(c.detractor_total, 6);
    let mut answers: Vec<u8> = c.detractors.iter().map(|d| d.answer).collect();
    assert_eq!(answers, [4, 5, 6, 6, 6, 6]);
    answers.sort_unstable();
    let mut published = [5, 6, 6, 4, 6, 6];
    published.sort_unstable();
    assert_eq!(answers, published);
    let columns: Vec<&str> = c.columns.iter().map(|x| x.attribute.as_str()).collect();
    assert_eq!(columns, ["company", "department", "industry"]);
    assert!(
        c.detractors
            .iter()
            .all(|d| d.details.iter().all(Option::is_some))
    );
    // "3.08, 3.38, 3.65, 3.73, 3.74 are the five lowest respondents of 2021."
    let low: Vec<&str> = c.low_scorers.iter().map(|l| shown(&l.mean)).collect();
    assert_eq!(low, ["3.08", "3.38", "3.65", "3.73", "3.74"]);
}

#[test]
fn sample_make_up() {
    let r = common::default_report();
    let s = &r.sample;
    assert_eq!(s.respondents, 105);
    // "staff 80, managers and above 25"
    let role = s.attributes.iter().find(|a| a.attribute == "role").unwrap();
    let counts: Vec<(&str, u64)> = role
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.count))
        .collect();
    assert_eq!(counts, [("员工", 80), ("经理", 25)]);
    // "male:female 25:1"
    let gender = s.ratios.iter().find(|x| x.attribute == "gender").unwrap();
    assert_eq!(gender.reduced, [25, 1]);
    assert_eq!(gender.shown, "25:1");
    // "63% from companies of more than 1000 people; for 83% of respondents IT staff are at
    // most 30% of their company" (whole percent in the reference; 1 decimal in the report).
    let whole = |label: &str| {
        let f = s.shares.iter().find(|f| f.label == label).unwrap();
        round_half_away(f.share.value.unwrap(), 0)
    };
    assert_eq!(whole("公司规模1000人以上"), Decimal::from(63));
    assert_eq!(whole("IT人员占比不超过30%"), Decimal::from(83));
}

#[test]
fn single_choice_shares() {
    let r = common::default_report();
    let c = r
        .choices
        .iter()
        .find(|c| c.question == "license_model")
        .unwrap();
    assert_eq!(c.kind, ChoiceType::Single);
    // "46.8%; subscription 0%; SaaS 13.8%; one-off buyout 39.4% (shares of those who answered)"
    let shares: Vec<(&str, &str)> = c
        .options
        .iter()
        .map(|o| (o.option.as_str(), shown(&o.share)))
        .collect();
    assert_eq!(
        shares,
        [
            ("per_device", "46.8"),
            ("subscription", "0.0"),
            ("saas", "13.8"),
            ("buyout", "39.4")
        ]
    );
    assert!(c.options.iter().all(|o| o.share.n == c.answered));
}

#[test]
fn best_segments() {
    let r = common::default_report();
    // "The 'other finance' industry scored highest; the east region's finance customers
    // scored highest."
    let industry = r.segment_table(&["industry"]).unwrap();
    assert_eq!(industry.best.as_deref(), Some(&["其他金融".to_owned()][..]));
    let pair = r.segment_table(&["region", "industry"]).unwrap();
    assert_eq!(
        pair.best.as_deref(),
        Some(&["东区".to_owned(), "其他金融".to_owned()][..])
    );
    let best = pair.rows.iter().find(|x| x.rank == Some(1)).unwrap();
    assert!(!best.below_min_base && best.respondents >= pair.min_base);
}

#[test]
fn every_published_theme_has_comments() {
    let r = common::default_report();
    let c = &r.comments;
    // "Themes that recur: network automation / automated operations, fault location and root
    // cause, monitoring and alerting gaps, asset and configuration management, firewall policy
    // management, equipment delivery lead time, training, on-site staffing."
    for theme in [
        "automation",
        "fault_location",
        "monitoring",
        "asset_config",
        "firewall_policy",
        "delivery_lead_time",
        "training",
        "onsite_staffing",
    ] {
        let g = c.themes.iter().find(|g| g.theme == theme).unwrap();
        assert!(g.count > 0, "{theme}");
        assert_eq!(g.count, g.comments.len() as u64);
    }
    let themed: std::collections::BTreeSet<(&str, &str)> = c
        .themes
        .iter()
        .flat_map(|g| {
            g.comments
                .iter()
                .map(|k| (k.respondent.as_str(), k.question.as_str()))
        })
        .collect();
    // Every comment is either themed or unthemed, never dropped.
    assert_eq!(themed.len() + c.unthemed.len(), c.total as usize);
    assert_eq!(c.total, c.questions.iter().map(|q| q.answered).sum::<u64>());
}
