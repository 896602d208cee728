//! Scoring every wave once, so each section reads from the same scores.

use csat_model::{QuestionKind, SurveyDefinition, Wave};
use csat_scoring::{Invitations, NpsBase, Scores, ScoringOptions, Tally, TallySpec};
use csat_trend::WavePoint;

use crate::error::{Error, ErrorKind, scoring};
use crate::input::ReportInput;
use crate::options::{NpsBasis, ReportOptions};

/// One wave with its scores.
pub(crate) struct Scored<'a> {
    pub(crate) def: &'a SurveyDefinition,
    pub(crate) wave: &'a Wave,
    pub(crate) scores: Scores,
    pub(crate) point: WavePoint,
    /// The recommendation question followed in this wave, if it has one.
    pub(crate) nps_question: Option<String>,
    pub(crate) nps_basis: NpsBasis,
}

impl Scored<'_> {
    pub(crate) fn id(&self) -> &str {
        self.wave.info().id()
    }

    pub(crate) fn nps(&self) -> Option<&csat_scoring::NpsScore> {
        self.scores.total.nps_of(self.nps_question.as_deref()?)
    }
}

/// The current wave and the earlier ones in time order, scored.
pub(crate) struct Context<'a> {
    pub(crate) current: Scored<'a>,
    pub(crate) previous: Vec<Scored<'a>>,
    pub(crate) options: &'a ReportOptions,
}

impl<'a> Context<'a> {
    pub(crate) fn new(input: &'a ReportInput<'a>) -> Result<Self, Error> {
        let options = &input.options;
        let (def, wave) = input.current;
        check_pair(def, wave)?;
        check_options(def, options)?;
        let nps_question = match &options.nps_question {
            Some(q) => Some(q.clone()),
            None => def
                .recommendation_questions()
                .next()
                .map(|(_, q)| q.id().to_owned()),
        };
        let current = score(
            def,
            wave,
            current_spec(def, options),
            options,
            nps_question.clone(),
        )?;

        let mut previous = Vec::with_capacity(input.previous.len());
        let mut seen = vec![wave.info().id()];
        for &(pdef, pwave) in &input.previous {
            check_pair(pdef, pwave)?;
            let info = pwave.info();
            if info.survey_id() != def.id() {
                return Err(ErrorKind::OtherSurvey {
                    wave: info.id().to_owned(),
                    survey: info.survey_id().to_owned(),
                    expected: def.id().to_owned(),
                }
                .into());
            }
            if seen.contains(&info.id()) {
                return Err(ErrorKind::DuplicateWave {
                    wave: info.id().to_owned(),
                }
                .into());
            }
            seen.push(info.id());
            let current_start = wave.info().period().start();
            if info.period().start() >= current_start {
                return Err(ErrorKind::PreviousNotEarlier {
                    wave: info.id().to_owned(),
                    start: info.period().start(),
                    current: wave.info().id().to_owned(),
                    current_start,
                }
                .into());
            }
            // Follow the same recommendation question where the earlier wave asked it.
            let q = nps_question
                .as_deref()
                .filter(|q| is_recommendation(pdef, q))
                .map(str::to_owned)
                .or_else(|| {
                    pdef.recommendation_questions()
                        .next()
                        .map(|(_, q)| q.id().to_owned())
                });
            let spec = TallySpec::new().low_scorers(0).detractors(0);
            previous.push(score(pdef, pwave, spec, options, q)?);
        }
        previous.sort_by_key(|s| (s.point.period().start(), s.point.period().end()));
        Ok(Self {
            current,
            previous,
            options,
        })
    }

    /// Every wave in time order, the current one last.
    pub(crate) fn waves(&self) -> impl Iterator<Item = &Scored<'a>> + '_ {
        self.previous.iter().chain(std::iter::once(&self.current))
    }

    /// The wave just before the current one.
    pub(crate) fn last_previous(&self) -> Option<&Scored<'a>> {
        self.previous.last()
    }
}

fn is_recommendation(def: &SurveyDefinition, q: &str) -> bool {
    def.question(q)
        .is_some_and(|q| matches!(q.kind(), QuestionKind::Recommendation))
}

fn check_pair(def: &SurveyDefinition, wave: &Wave) -> Result<(), Error> {
    if wave.info().survey_id() == def.id() {
        Ok(())
    } else {
        Err(ErrorKind::DefinitionMismatch {
            wave: wave.info().id().to_owned(),
            survey: wave.info().survey_id().to_owned(),
            definition: def.id().to_owned(),
        }
        .into())
    }
}

fn check_attribute(def: &SurveyDefinition, option: &'static str, a: &str) -> Result<(), Error> {
    if def.attribute_index(a).is_some() {
        Ok(())
    } else {
        Err(ErrorKind::UnknownAttribute {
            option,
            attribute: a.to_owned(),
        }
        .into())
    }
}

fn check_options(def: &SurveyDefinition, o: &ReportOptions) -> Result<(), Error> {
    if let Some(q) = &o.nps_question
        && !is_recommendation(def, q)
    {
        return Err(ErrorKind::UnknownQuestion {
            option: "nps_question",
            question: q.clone(),
            expected: "recommendation",
        }
        .into());
    }
    for a in o.segment_by.iter().flatten() {
        check_attribute(def, "segment_by", a)?;
    }
    for (a, b) in &o.segment_pairs {
        check_attribute(def, "segment_pairs", a)?;
        check_attribute(def, "segment_pairs", b)?;
    }
    for a in o.callback_attributes.iter().flatten() {
        check_attribute(def, "callback_attributes", a)?;
    }
    for f in &o.share_facts {
        check_attribute(def, "share_facts", &f.attribute)?;
        let attr = def
            .attributes()
            .iter()
            .find(|a| a.id == f.attribute)
            .filter(|a| a.values.is_some());
        if let Some(attr) = attr {
            for v in &f.values {
                if !attr.accepts(v) {
                    return Err(ErrorKind::UnknownValue {
                        option: "share_facts",
                        attribute: f.attribute.clone(),
                        value: v.clone(),
                    }
                    .into());
                }
            }
        }
    }
    Ok(())
}

/// The attributes segmented by: the option, or every attribute with a closed list.
pub(crate) fn segment_attributes(def: &SurveyDefinition, o: &ReportOptions) -> Vec<String> {
    match &o.segment_by {
        Some(list) => list.clone(),
        None => def
            .attributes()
            .iter()
            .filter(|a| a.values.is_some())
            .map(|a| a.id.clone())
            .collect(),
    }
}

fn current_spec(def: &SurveyDefinition, o: &ReportOptions) -> TallySpec {
    let mut spec = TallySpec::new()
        .low_scorers(o.low_scorers)
        .detractors(o.detractor_cap);
    for a in segment_attributes(def, o) {
        spec = spec.segment_by(a);
    }
    for (a, b) in &o.segment_pairs {
        spec = spec.segment_pair(a.clone(), b.clone());
    }
    spec
}

fn score<'a>(
    def: &'a SurveyDefinition,
    wave: &'a Wave,
    spec: TallySpec,
    options: &ReportOptions,
    nps_question: Option<String>,
) -> Result<Scored<'a>, Error> {
    let id = wave.info().id();
    let mut tally = Tally::with_spec(def, spec).map_err(scoring(id))?;
    for r in wave.responses() {
        tally.add(r).map_err(scoring(id))?;
    }
    let nps_basis = options.basis_of(id);
    let mut so = ScoringOptions::default();
    if nps_basis == NpsBasis::Returned {
        so = so.with_nps_base(NpsBase::Stated(wave.returned()));
    }
    if let Some(inv) = Invitations::from_wave(wave.info()) {
        so = so.with_invitations(inv);
    }
    if let Some(min) = options.min_segment_base {
        so = so.with_min_segment_base(min);
    }
    let scores = Scores::compute(def, &tally, &so).map_err(scoring(id))?;
    Ok(Scored {
        def,
        wave,
        scores,
        point: WavePoint::from(wave.info()),
        nps_question,
        nps_basis,
    })
}
