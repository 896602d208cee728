//! Significance tests against reference values computed independently with scipy.
//!
//! The rows below are the output of `tests/reference/make_reference.py` (scipy 1.17.1):
//! Welch's statistic and p-value from `scipy.stats.ttest_ind_from_stats(equal_var=False)`, its
//! degrees of freedom and interval from `scipy.stats.ttest_ind(equal_var=False)` on the raw
//! answers; the two-proportion and NPS tests written out with `scipy.stats.norm`. Re-run the
//! script and paste its output to regenerate them. Agreement is required to 1e-9 relative.

// The reference values are pasted digit for digit as the script prints them, so they can be
// compared with its output by eye or with diff.
#![allow(clippy::unreadable_literal)]

use csat_trend::{
    Alpha, LevelCounts, NpsCounts, Proportion, TestKind, TestResult, nps_difference_test,
    two_proportion_z_test, welch_t_test,
};
use rust_decimal::Decimal;

enum Case {
    Welch {
        earlier: &'static [(&'static str, u64)],
        later: &'static [(&'static str, u64)],
        alpha: f64,
        statistic: f64,
        df: f64,
        p: f64,
        ci: (f64, f64),
    },
    Prop {
        earlier: (u64, u64),
        later: (u64, u64),
        alpha: f64,
        statistic: f64,
        p: f64,
        ci: (f64, f64),
    },
    Nps {
        earlier: (u64, u64, u64, u64),
        later: (u64, u64, u64, u64),
        alpha: f64,
        statistic: f64,
        p: f64,
        ci: (f64, f64),
    },
}

use Case::{Nps, Prop, Welch};

#[rustfmt::skip]
const CASES: &[Case] = &[
    // item on the 5-point scale, 105 answers each year
    Welch { earlier: &[("5", 60), ("4", 35), ("3", 10)], later: &[("5", 78), ("4", 22), ("3", 5)], alpha: 0.05, statistic: 2.584558321895873, df: 201.62907296938315, p: 0.010456387233110303, ci: (0.05193282562986337, 0.38616241246537497) },
    // mapped values (100/90/70/0/-10), unequal n and spread, 99 % interval
    Welch { earlier: &[("100", 40), ("90", 30), ("70", 20), ("0", 5), ("-10", 5)], later: &[("100", 70), ("90", 20), ("70", 8), ("0", 2)], alpha: 0.01, statistic: 3.7851666168266327, df: 148.59827918007085, p: 0.0002222919916658984, ci: (4.069464163789011, 22.130535836210978) },
    // five answers each, 90 % interval
    Welch { earlier: &[("5", 2), ("4", 2), ("3", 1)], later: &[("5", 3), ("4", 1), ("3", 1)], alpha: 0.1, statistic: 0.3651483716701111, df: 7.964601769911504, p: 0.7245069714941794, ci: (-0.8191035601391041, 1.2191035601391038) },
    // a fall, one wave without spread
    Welch { earlier: &[("5", 12)], later: &[("5", 9), ("4", 2), ("2", 1)], alpha: 0.05, statistic: -1.6031511026549958, df: 11.0, p: 0.13720476378732432, ci: (-0.9887132744501766, 0.15537994111684272) },
    // satisfaction rate 80/105 -> 92/104
    Prop { earlier: (80, 105), later: (92, 104), alpha: 0.05, statistic: 2.323814925309791, p: 0.020135415452262377, ci: (2.069591548364615, 22.472532993759927) },
    // public-cloud share 12/80 -> 25/100, 99 % interval
    Prop { earlier: (12, 80), later: (25, 100), alpha: 0.01, statistic: 1.649728075048346, p: 0.09899856531477223, ci: (-5.170628722894886, 25.170628722894886) },
    // a fall from 100 % to 90 %
    Prop { earlier: (50, 50), later: (45, 50), alpha: 0.05, statistic: -2.2941573387056162, p: 0.021781462791119557, ci: (-18.315422946098067, -1.684577053901931) },
    // REFERENCE-2021: 2020 70/28/7 over 106 -> 2021 69/29/6
    Nps { earlier: (70, 28, 7, 106), later: (69, 29, 6, 104), alpha: 0.05, statistic: 0.13733513937181108, p: 0.8907658963681944, ci: (-15.168684109429133, 17.454605734973395) },
    // DOMAIN.md: 2019 62/30/12 of 104 (48.1) -> 2020 70/28/7 over 106 (59.4)
    Nps { earlier: (62, 30, 12, 104), later: (70, 28, 7, 106), alpha: 0.05, statistic: 1.2588083785835198, p: 0.20809955329571694, ci: (-6.325864864478678, 29.039943238934416) },
    // a large rise, 99 % interval
    Nps { earlier: (30, 40, 30, 100), later: (50, 30, 20, 100), alpha: 0.01, statistic: 2.727272727272727, p: 0.006386023282707057, ci: (1.6658776609620958, 58.334122339037904) },
];

fn close(what: &str, got: f64, want: f64) {
    let scale = want.abs().max(1e-300);
    assert!(
        (got - want).abs() / scale <= 1e-9,
        "{what}: got {got:e}, scipy {want:e} (relative error {:e})",
        (got - want).abs() / scale
    );
}

fn levels(l: &[(&str, u64)]) -> LevelCounts {
    LevelCounts::new(
        l.iter()
            .map(|&(v, c)| (v.parse::<Decimal>().expect("decimal"), c)),
    )
    .expect("valid counts")
}

fn nps(c: (u64, u64, u64, u64)) -> NpsCounts {
    NpsCounts::new(c.0, c.1, c.2)
        .and_then(|n| n.with_base(c.3))
        .expect("valid NPS counts")
}

fn check(i: usize, r: &TestResult, statistic: f64, p: f64, ci: (f64, f64)) {
    close(&format!("case {i} statistic"), r.statistic(), statistic);
    close(&format!("case {i} p-value"), r.p_value(), p);
    close(&format!("case {i} ci low"), r.confidence_interval().0, ci.0);
    close(
        &format!("case {i} ci high"),
        r.confidence_interval().1,
        ci.1,
    );
}

#[test]
fn matches_scipy() {
    for (i, case) in CASES.iter().enumerate() {
        match *case {
            Welch {
                earlier,
                later,
                alpha,
                statistic,
                df,
                p,
                ci,
            } => {
                let r = welch_t_test(&levels(earlier), &levels(later), Alpha::new(alpha).unwrap())
                    .unwrap();
                assert_eq!(r.kind(), TestKind::WelchT);
                close(&format!("case {i} df"), r.degrees_of_freedom().unwrap(), df);
                check(i, &r, statistic, p, ci);
            }
            Prop {
                earlier,
                later,
                alpha,
                statistic,
                p,
                ci,
            } => {
                let r = two_proportion_z_test(
                    &Proportion::new(earlier.0, earlier.1).unwrap(),
                    &Proportion::new(later.0, later.1).unwrap(),
                    Alpha::new(alpha).unwrap(),
                )
                .unwrap();
                assert_eq!(r.kind(), TestKind::TwoProportionZ);
                assert_eq!(r.degrees_of_freedom(), None);
                check(i, &r, statistic, p, ci);
            }
            Nps {
                earlier,
                later,
                alpha,
                statistic,
                p,
                ci,
            } => {
                let r = nps_difference_test(&nps(earlier), &nps(later), Alpha::new(alpha).unwrap())
                    .unwrap();
                assert_eq!(r.kind(), TestKind::NpsZ);
                check(i, &r, statistic, p, ci);
            }
        }
    }
}

#[test]
fn significance_calls_follow_the_reference_p_values() {
    // From the rows above: p = 0.0105 is significant at 5 % but not at 1 %; NPS 59.4 -> 60.6
    // (p = 0.89) is not significant at any usual level.
    let y2020 = LevelCounts::from_levels([(5, 60), (4, 35), (3, 10)]).unwrap();
    let y2021 = LevelCounts::from_levels([(5, 78), (4, 22), (3, 5)]).unwrap();
    assert!(
        welch_t_test(&y2020, &y2021, Alpha::FIVE_PERCENT)
            .unwrap()
            .is_significant()
    );
    assert!(
        !welch_t_test(&y2020, &y2021, Alpha::ONE_PERCENT)
            .unwrap()
            .is_significant()
    );
    let r = nps_difference_test(
        &nps((70, 28, 7, 106)),
        &nps((69, 29, 6, 104)),
        Alpha::TEN_PERCENT,
    )
    .unwrap();
    assert!(!r.is_significant());
}
