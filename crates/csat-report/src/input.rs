//! What a report is built from: the current wave, earlier waves, options.

use csat_model::{SurveyDefinition, Wave};

use crate::options::ReportOptions;

/// The waves and options an [`AnnualReport`](crate::AnnualReport) is built from.
///
/// Each wave comes with the definition its responses were checked against: waves of the same
/// survey may ask different items (27 in 2020, 26 in 2021) and are matched by item id.
///
/// # Example
///
/// ```no_run
/// use csat_ingest::{ReadOptions, load_wave_dir};
/// use csat_report::{AnnualReport, ReportInput, ReportOptions};
///
/// let y2020 = load_wave_dir("examples/data/annual/2020", ReadOptions::default())?;
/// let y2021 = load_wave_dir("examples/data/annual/2021", ReadOptions::default())?;
/// let input = ReportInput::new(&y2021.definition, &y2021.wave)
///     .with_previous(&y2020.definition, &y2020.wave)
///     .with_options(ReportOptions::default());
/// let report = AnnualReport::build(&input)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct ReportInput<'a> {
    pub(crate) current: (&'a SurveyDefinition, &'a Wave),
    pub(crate) previous: Vec<(&'a SurveyDefinition, &'a Wave)>,
    pub(crate) options: ReportOptions,
}

impl<'a> ReportInput<'a> {
    /// The wave to report on, with default options and no earlier waves.
    #[must_use]
    pub fn new(definition: &'a SurveyDefinition, wave: &'a Wave) -> Self {
        Self {
            current: (definition, wave),
            previous: Vec::new(),
            options: ReportOptions::default(),
        }
    }

    /// Adds an earlier wave of the same survey (any order: waves are sorted by period).
    #[must_use]
    pub fn with_previous(mut self, definition: &'a SurveyDefinition, wave: &'a Wave) -> Self {
        self.previous.push((definition, wave));
        self
    }

    /// Sets the options.
    #[must_use]
    pub fn with_options(mut self, options: ReportOptions) -> Self {
        self.options = options;
        self
    }

    /// The wave reported on.
    #[must_use]
    pub fn current(&self) -> (&'a SurveyDefinition, &'a Wave) {
        self.current
    }

    /// The earlier waves, as given.
    #[must_use]
    pub fn previous(&self) -> &[(&'a SurveyDefinition, &'a Wave)] {
        &self.previous
    }

    /// The options.
    #[must_use]
    pub fn options(&self) -> &ReportOptions {
        &self.options
    }
}
