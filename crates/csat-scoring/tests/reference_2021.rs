//! The default dataset (examples/data/annual) reproduces every figure of
//! /work/shared/docs/REFERENCE-2021.md when rounded for display, half away from zero.

use csat_ingest::{LoadedWave, ReadOptions, load_wave_dir};
use csat_scoring::display::{
    MEAN_DP, NPS_DP, PERCENT_DP, RESPONSE_RATE_DP, largest_remainder, round_figure,
};
use csat_scoring::{Invitations, NpsBase, Scores, ScoringOptions, Tally, TallySpec};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn load(year: &str) -> LoadedWave {
    let dir = format!(
        "{}/../../examples/data/annual/{year}",
        env!("CARGO_MANIFEST_DIR")
    );
    load_wave_dir(&dir, ReadOptions::default()).unwrap()
}

fn score(w: &LoadedWave, options: &ScoringOptions) -> Scores {
    let spec = TallySpec::for_definition(&w.definition)
        .segment_pair("region", "industry")
        .low_scorers(5);
    let mut tally = Tally::with_spec(&w.definition, spec).unwrap();
    tally.add_all(w.wave.responses()).unwrap();
    Scores::compute(&w.definition, &tally, options).unwrap()
}

fn scores_2021() -> Scores {
    let w = load("2021");
    let inv = Invitations::from_wave(w.wave.info()).unwrap();
    score(&w, &ScoringOptions::default().with_invitations(inv))
}

#[path = "../../../examples/tests/support/reference_2021.rs"]
mod reference_2021;
use reference_2021::reference_items;

#[test]
fn wave_overall_average_and_response_rate() {
    let s = scores_2021();
    assert_eq!(s.total.respondents, 105);
    // "Overall average 4.62": the grand mean of every answered rated cell.
    assert_eq!(round_figure(&s.total.grand_mean, MEAN_DP), Some(dec!(4.62)));
    // "356 questionnaires sent, 105 returned (response rate 29%)": 105 / 356 = 29.49 %.
    let rr = s.response_rate.as_ref().unwrap();
    assert_eq!((rr.returned, rr.sent), (105, 356));
    assert_eq!(round_figure(&rr.rate, RESPONSE_RATE_DP), Some(dec!(29)));
}

#[test]
fn item_means_and_ranks_2021_and_2020() {
    let s21 = scores_2021();
    let w20 = load("2020");
    let s20 = score(&w20, &ScoringOptions::default());
    assert_eq!(s21.total.items.len(), 26);
    assert_eq!(s20.total.items.len(), 27);
    let reference = reference_items();
    for (label, mean, rank21, rank20) in &reference {
        let item = s21
            .total
            .items
            .iter()
            .find(|i| i.label == *label)
            .unwrap_or_else(|| panic!("no 2021 item {label}"));
        assert_eq!(
            round_figure(&item.mean, MEAN_DP),
            Some(mean.parse::<Decimal>().unwrap()),
            "{label}"
        );
        assert_eq!(item.rank, Some(*rank21), "2021 rank of {label}");
        // Item ids are stable across waves: find last year's rank by id.
        let last = s20.item(&item.question).unwrap();
        assert_eq!(last.rank, Some(*rank20), "2020 rank of {label}");
    }
    // "Highest item ... 4.74; lowest ... 4.47".
    let best = &s21.total.ranking[0];
    assert_eq!(s21.item(&best.question).unwrap().label, reference[0].0);
    let worst = s21.total.ranking.last().unwrap();
    assert_eq!(s21.item(&worst.question).unwrap().label, reference[25].0);
}

#[test]
fn nps_2021_over_answered_and_2020_over_stated_returned() {
    // 2021: 69 / 29 / 6 of 104 who answered -> 100 × 63 / 104 = 60.58 -> 60.6.
    let s = scores_2021();
    let nps = &s.total.nps[0];
    assert_eq!(
        (nps.promoters, nps.passives, nps.detractors, nps.answered),
        (69, 29, 6, 104)
    );
    assert_eq!(nps.base, 104);
    assert_eq!(round_figure(&nps.score, NPS_DP), Some(dec!(60.6)));
    // The six detractors, with their scores 5, 6, 6, 4, 6, 6 (lowest first here).
    let d = &s.detractors[0];
    assert_eq!(d.total, 6);
    let answers: Vec<u8> = d.listed.iter().map(|x| x.answer).collect();
    assert_eq!(answers, [4, 5, 6, 6, 6, 6]);
    assert!(d.listed.iter().all(|x| {
        ["company", "department", "industry"]
            .iter()
            .all(|a| x.attributes.contains_key(*a))
    }));

    // 2020: 70 / 28 / 7 (105 answered) over the 106 returned -> 100 × 63 / 106 = 59.43 -> 59.4.
    let w20 = load("2020");
    assert_eq!(w20.wave.responses().len(), 106);
    let s20 = score(
        &w20,
        &ScoringOptions::default().with_nps_base(NpsBase::Stated(106)),
    );
    let nps = &s20.total.nps[0];
    assert_eq!(
        (nps.promoters, nps.passives, nps.detractors, nps.answered),
        (70, 28, 7, 105)
    );
    assert_eq!(nps.base, 106);
    assert_eq!(round_figure(&nps.score, NPS_DP), Some(dec!(59.4)));
}

#[test]
fn five_lowest_respondents() {
    // "3.08, 3.38, 3.65, 3.73, 3.74 are the five lowest respondents of 2021."
    let s = scores_2021();
    let got: Vec<Decimal> = s
        .low_scorers
        .iter()
        .map(|l| round_figure(&l.mean, MEAN_DP).unwrap())
        .collect();
    assert_eq!(
        got,
        [dec!(3.08), dec!(3.38), dec!(3.65), dec!(3.73), dec!(3.74)]
    );
}

#[test]
fn license_model_shares_of_those_who_answered() {
    // 46.8 % / 0 % / 13.8 % / 39.4 %, both rounded one by one and by largest remainder.
    let s = scores_2021();
    let c = s.total.choice("license_model").unwrap();
    let expected = [dec!(46.8), dec!(0.0), dec!(13.8), dec!(39.4)];
    let each: Vec<Decimal> = c
        .options
        .iter()
        .map(|o| round_figure(&o.share, PERCENT_DP).unwrap())
        .collect();
    assert_eq!(each, expected);
    let counts: Vec<u64> = c.options.iter().map(|o| o.count).collect();
    assert_eq!(largest_remainder(&counts, PERCENT_DP).unwrap(), expected);
}

#[test]
fn best_segments() {
    // "The 'other finance' industry scored highest; the east region's finance customers
    // scored highest" (by overall average, among segments at or above the minimum base).
    let s = scores_2021();
    let industry = s.segments_by("industry").unwrap();
    assert_eq!(industry.ranking[0].values, ["其他金融"]);
    assert_eq!(industry.ranking[0].rank, 1);
    assert_eq!(industry.ranking.get(1).map(|r| r.rank), Some(2));
    let pair = s.pair("region", "industry").unwrap();
    assert_eq!(pair.ranking[0].values, ["东区", "其他金融"]);
    assert_eq!(pair.ranking.get(1).map(|r| r.rank), Some(2));
}
