//! The quality regulation's 14-dimension weighted survey (DOMAIN.md section 2,
//! docs/examples/regulation-survey.toml), computed by hand.
//!
//! Weights: 专业技术 r01 10, 日常 r02 7, 软件 r03 7, 硬件 r04 7, 安全 r05 7, 运维管理 r06 7,
//! 服务报告 r07 7, 热线畅通 r08 8, 态度 r09 5, 响应及时性 r10 6, 服务台回访 r11 6,
//! 行为规范 r12 3, 备件供应 r13 10, 培训 r14 10 (sum 100). Mapping 5 → 100, 4 → 90, 3 → 70,
//! 2 → 0, 1 → −10. Targets: overall satisfaction ≥ 90, satisfaction rate ≥ 85.

use csat_model::{Answer, Response, SurveyDefinition};
use csat_scoring::{Kpi, Scores, ScoringOptions, Tally};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn definition() -> SurveyDefinition {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/examples/regulation-survey.toml"
    );
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A respondent answering r01..r14 with `levels` (None = blank).
fn respondent(def: &SurveyDefinition, id: &str, levels: [Option<u8>; 14]) -> Response {
    let mut b = Response::builder(def, id);
    for (i, l) in levels.into_iter().enumerate() {
        if let Some(l) = l {
            b = b
                .answer(&format!("r{:02}", i + 1), Answer::Level(l))
                .unwrap();
        }
    }
    b.build().unwrap()
}

fn score(def: &SurveyDefinition, rs: &[Response]) -> Scores {
    let mut t = Tally::new(def).unwrap();
    t.add_all(rs).unwrap();
    Scores::compute(def, &t, &ScoringOptions::default()).unwrap()
}

fn kpi(s: &Scores, k: Kpi) -> Option<bool> {
    s.kpis.iter().find(|c| c.kpi == k).and_then(|c| c.met)
}

#[test]
fn all_satisfied_is_100_percent() {
    // Every dimension's mean mapped value is 100, so Σ weight × 100 / 100 = 100.
    let def = definition();
    let rs: Vec<_> = (1..=3)
        .map(|i| respondent(&def, &format!("C{i}"), [Some(5); 14]))
        .collect();
    let s = score(&def, &rs);
    let w = s.total.weighted_satisfaction.as_ref().unwrap();
    assert_eq!(w.value, Some(dec!(100)));
    assert_eq!(w.weight_sum, dec!(100));
    assert!(!w.renormalised);
    assert_eq!(w.parts.len(), 14);
    assert_eq!(s.total.satisfaction_rate.rate.value, Some(dec!(100)));
    assert_eq!(kpi(&s, Kpi::OverallSatisfaction), Some(true));
    assert_eq!(kpi(&s, Kpi::SatisfactionRate), Some(true));
}

#[test]
fn mixed_case_worked_by_hand() {
    // A: all 5. B: all 4. C: all 5 but r13 = 1 and r14 = 3. D: all 5, r08 blank.
    // E: all 3 but r01 = 1.
    let def = definition();
    let mut resp_c = [Some(5); 14];
    resp_c[12] = Some(1);
    resp_c[13] = Some(3);
    let mut resp_d = [Some(5); 14];
    resp_d[7] = None;
    let mut resp_e = [Some(3); 14];
    resp_e[0] = Some(1);
    let rs = [
        respondent(&def, "A", [Some(5); 14]),
        respondent(&def, "B", [Some(4); 14]),
        respondent(&def, "C", resp_c),
        respondent(&def, "D", resp_d),
        respondent(&def, "E", resp_e),
    ];
    let s = score(&def, &rs);
    let w = s.total.weighted_satisfaction.as_ref().unwrap();
    // Mean mapped value per dimension (A, B, C, D, E):
    //   r02..r07, r09..r12 (weights 42 + 5 + 6 + 6 + 3 = 62): 100 90 100 100 70 -> 460 / 5 = 92
    //   r01 (10): 100 90 100 100 −10 -> 380 / 5 = 76
    //   r08 (8):  100 90 100 —   70  -> 360 / 4 = 90
    //   r13 (10): 100 90 −10 100 70  -> 350 / 5 = 70
    //   r14 (10): 100 90 70  100 70  -> 430 / 5 = 86
    // Overall = (62 × 92 + 10 × 76 + 8 × 90 + 10 × 70 + 10 × 86) / 100
    //         = (5704 + 760 + 720 + 700 + 860) / 100 = 8744 / 100 = 87.44 %
    assert_eq!(w.value, Some(dec!(87.44)));
    let part = |t: &str| w.parts.iter().find(|p| p.target == t).unwrap();
    assert_eq!(part("tech").mapped_mean.value, Some(dec!(76)));
    assert_eq!(part("hotline").mapped_mean.value, Some(dec!(90)));
    assert_eq!(part("hotline").mapped_mean.n, 4);
    assert_eq!(part("spare_parts").mapped_mean.value, Some(dec!(70)));
    assert_eq!(part("training").mapped_mean.value, Some(dec!(86)));
    // 10 × 76 / 100 = 7.6 points from 专业技术.
    assert_eq!(part("tech").contribution, Some(dec!(7.6)));
    assert_eq!(kpi(&s, Kpi::OverallSatisfaction), Some(false)); // 87.44 < 90
    // Own mapped means: A 100, B 90, C (12 × 100 − 10 + 70) / 14 = 90, D 100,
    // E (13 × 70 − 10) / 14 = 900 / 14 = 64.29 < 70 -> 4 of 5 = 80 % < 85.
    let sr = &s.total.satisfaction_rate;
    assert_eq!((sr.satisfied, sr.scored), (4, 5));
    assert_eq!(sr.rate.value, Some(dec!(80)));
    assert_eq!(kpi(&s, Kpi::SatisfactionRate), Some(false));
}

#[test]
fn unanswered_dimensions_are_left_out_and_weights_renormalised() {
    // One respondent answers only r01 = 5 (weight 10) and r13 = 3 (weight 10):
    // (10 × 100 + 10 × 70) / (10 + 10) = 1700 / 20 = 85; the other 12 are left out.
    let def = definition();
    let mut only = [None; 14];
    only[0] = Some(5);
    only[12] = Some(3);
    let s = score(&def, &[respondent(&def, "F", only)]);
    let w = s.total.weighted_satisfaction.as_ref().unwrap();
    assert_eq!(w.value, Some(dec!(85)));
    assert_eq!(w.used_weight_sum, dec!(20));
    assert!(w.renormalised);
    assert_eq!(w.left_out.len(), 12);
    assert!(w.left_out.contains(&"hotline".to_owned()));
    assert_eq!(
        w.parts[0].effective_weight,
        Some(Decimal::new(5, 1)) // 10 / 20
    );
}
