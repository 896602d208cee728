//! The annual customer-satisfaction report, as an analyst runs it.
//!
//! ```text
//! cargo run --release --example annual_report
//! cargo run --release --example annual_report -- --survey my/survey.toml --responses my/2022.csv \
//!     [--wave my/wave.toml] [--previous DIR ...] [--format md|html|json|csv|all] [--out DIR] \
//!     [--lang zh|en] [--options report.toml] [--nps-basis WAVE=answered|returned] [--lenient]
//! ```
//!
//! Without arguments: the default dataset's 2021 report (examples/data/annual/2021, compared
//! with 2019 and 2020), printed as Markdown and written as HTML, JSON, Markdown and CSV into
//! `out/annual-report-2021/` (relative to the current directory).
//!
//! With `--survey` and `--responses`: the same for an analyst's own data. The wave file
//! (`--wave`, else `wave.toml` beside the responses) gives the wave id, survey id, period and
//! questionnaires sent. Each `--previous DIR` is an earlier wave's directory holding
//! `survey.toml`, `wave.toml` and `responses.csv`. Responses may be CSV, JSON (`.json`, an
//! array) or JSON lines (`.jsonl`). `--options` reads report options from TOML
//! (`csat_report::ReportOptions`: segment pairs, share facts, call-back columns, themes, ...).
//!
//! Errors (a wrong path, a file that does not parse, a bad record under the default strict
//! reading) print `error: ...` and exit with status 2; `--lenient` skips bad records and says
//! how many.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use csat::ingest::{
    Ingested, ReadOptions, load_wave_dir, read_csv_path, read_definition, read_json,
    read_json_lines, read_wave_info,
};
use csat::model::{SurveyDefinition, Wave};
use csat::report::{
    AnnualReport, Language, NpsBasis, RenderOptions, ReportInput, ReportOptions, render,
};

/// What to write.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Markdown,
    Html,
    Json,
    Csv,
    All,
}

struct Args {
    survey: Option<PathBuf>,
    responses: Option<PathBuf>,
    wave: Option<PathBuf>,
    previous: Vec<PathBuf>,
    format: Format,
    out: Option<PathBuf>,
    language: Language,
    options: Option<PathBuf>,
    nps_basis: Vec<(String, NpsBasis)>,
    lenient: bool,
}

const USAGE: &str = "usage: annual_report [--survey FILE --responses FILE [--wave FILE] [--previous DIR ...]] \
[--format md|html|json|csv|all] [--out DIR] [--lang zh|en] [--options FILE] \
[--nps-basis WAVE=answered|returned] [--lenient]";

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        survey: None,
        responses: None,
        wave: None,
        previous: Vec::new(),
        format: Format::All,
        out: None,
        language: Language::Zh,
        options: None,
        nps_basis: Vec::new(),
        lenient: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || {
            it.next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--survey" => a.survey = Some(value()?.into()),
            "--responses" => a.responses = Some(value()?.into()),
            "--wave" => a.wave = Some(value()?.into()),
            "--previous" => a.previous.push(value()?.into()),
            "--out" => a.out = Some(value()?.into()),
            "--options" => a.options = Some(value()?.into()),
            "--lang" => a.language = value()?.parse()?,
            "--format" => {
                a.format = match value()?.as_str() {
                    "md" | "markdown" => Format::Markdown,
                    "html" => Format::Html,
                    "json" => Format::Json,
                    "csv" => Format::Csv,
                    "all" => Format::All,
                    other => {
                        return Err(format!(
                            "unknown format {other:?} (expected md, html, json, csv or all)"
                        ));
                    }
                }
            }
            "--nps-basis" => {
                let v = value()?;
                let (wave, basis) = v.split_once('=').ok_or_else(|| {
                    format!("--nps-basis takes WAVE=answered|returned, not {v:?}")
                })?;
                let basis = match basis {
                    "answered" => NpsBasis::Answered,
                    "returned" => NpsBasis::Returned,
                    other => {
                        return Err(format!(
                            "unknown NPS basis {other:?} (expected answered or returned)"
                        ));
                    }
                };
                a.nps_basis.push((wave.to_owned(), basis));
            }
            "--lenient" => a.lenient = true,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if a.survey.is_some() != a.responses.is_some() {
        return Err(format!("--survey and --responses go together\n{USAGE}"));
    }
    if a.survey.is_none() && (a.wave.is_some() || !a.previous.is_empty()) {
        return Err(format!(
            "--wave and --previous need --survey and --responses\n{USAGE}"
        ));
    }
    Ok(a)
}

/// The options of the default dataset's report, kept beside the data so that the example, the
/// report's tests and the bench all use the same file.
fn default_dataset_options() -> Result<ReportOptions, String> {
    read_options(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/annual/report-options.toml"
    )))
}

fn read_options(path: &Path) -> Result<ReportOptions, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read options file {}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("options file {}: {e}", path.display()))
}

fn read_options_flag(lenient: bool) -> ReadOptions {
    if lenient {
        ReadOptions::lenient()
    } else {
        ReadOptions::default()
    }
}

/// Reports what lenient reading skipped, so nothing is dropped silently.
fn note_rejections(what: &str, ingested_rejected: u64, first: Option<&csat::ingest::Error>) {
    if ingested_rejected > 0 {
        eprintln!("warning: {what}: {ingested_rejected} bad record(s) skipped");
        if let Some(e) = first {
            eprintln!("  first: {e}");
        }
    }
}

fn read_responses(
    def: &SurveyDefinition,
    path: &Path,
    opts: ReadOptions,
) -> Result<Ingested, String> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let open = || {
        std::fs::File::open(path)
            .map_err(|e| format!("cannot open responses {}: {e}", path.display()))
    };
    let read = match ext.as_str() {
        "json" => read_json(def, std::io::BufReader::new(open()?), opts),
        "jsonl" | "ndjson" => read_json_lines(def, std::io::BufReader::new(open()?), opts),
        _ => read_csv_path(def, path, opts),
    };
    read.map_err(|e| {
        if e.path().is_some() {
            e.to_string()
        } else {
            format!("{}: {e}", path.display())
        }
    })
}

struct Loaded {
    definition: SurveyDefinition,
    wave: Wave,
}

fn load_dir(dir: &Path, lenient: bool) -> Result<Loaded, String> {
    if !dir.is_dir() {
        return Err(format!("wave directory {} does not exist", dir.display()));
    }
    let w = load_wave_dir(dir, read_options_flag(lenient)).map_err(|e| e.to_string())?;
    note_rejections(
        &dir.display().to_string(),
        w.summary.rejected,
        w.rejections.first(),
    );
    Ok(Loaded {
        definition: w.definition,
        wave: w.wave,
    })
}

fn load_own(a: &Args, survey: &Path, responses: &Path) -> Result<Loaded, String> {
    if !responses.is_file() {
        return Err(format!(
            "responses file {} does not exist",
            responses.display()
        ));
    }
    let definition = read_definition(survey).map_err(|e| e.to_string())?;
    let wave_path = match &a.wave {
        Some(p) => p.clone(),
        None => responses
            .parent()
            .unwrap_or_else(|| Path::new("."))
            .join("wave.toml"),
    };
    if !wave_path.is_file() {
        return Err(format!(
            "no wave file {}: pass --wave FILE (id, survey_id, period, sent) or put wave.toml beside the responses",
            wave_path.display()
        ));
    }
    let info = read_wave_info(&wave_path).map_err(|e| e.to_string())?;
    let ingested = read_responses(&definition, responses, read_options_flag(a.lenient))?;
    note_rejections(
        &responses.display().to_string(),
        ingested.summary.rejected,
        ingested.rejections.first(),
    );
    let wave = Wave::new(info, &definition, ingested.responses)
        .map_err(|e| format!("{}: {e}", wave_path.display()))?;
    Ok(Loaded { definition, wave })
}

fn write(path: &Path, content: &str) -> Result<(), String> {
    std::fs::write(path, content).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    eprintln!("wrote {}", path.display());
    Ok(())
}

fn run() -> Result<(), String> {
    let a = parse_args()?;
    let (current, previous, mut options) =
        if let (Some(survey), Some(responses)) = (&a.survey, &a.responses) {
            let current = load_own(&a, survey, responses)?;
            let previous = a
                .previous
                .iter()
                .map(|d| load_dir(d, a.lenient))
                .collect::<Result<Vec<_>, _>>()?;
            let options = match &a.options {
                Some(p) => read_options(p)?,
                None => ReportOptions::default(),
            };
            (current, previous, options)
        } else {
            let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/annual");
            let current = load_dir(&data.join("2021"), a.lenient)?;
            let previous = vec![
                load_dir(&data.join("2019"), a.lenient)?,
                load_dir(&data.join("2020"), a.lenient)?,
            ];
            let options = match &a.options {
                Some(p) => read_options(p)?,
                None => default_dataset_options()?,
            };
            (current, previous, options)
        };
    for (wave, basis) in &a.nps_basis {
        options = options.with_nps_basis(wave.clone(), *basis);
    }
    let mut input = ReportInput::new(&current.definition, &current.wave).with_options(options);
    for p in &previous {
        input = input.with_previous(&p.definition, &p.wave);
    }
    let report = AnnualReport::build(&input).map_err(|e| e.to_string())?;

    let render_options = RenderOptions::new(a.language);
    let markdown = render::markdown(&report, &render_options);
    if matches!(a.format, Format::Markdown | Format::All) {
        print!("{markdown}");
    }
    let out = a
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("out/annual-report-{}", report.survey.wave)));
    std::fs::create_dir_all(&out)
        .map_err(|e| format!("cannot create output directory {}: {e}", out.display()))?;
    if matches!(a.format, Format::Markdown | Format::All) {
        write(&out.join("report.md"), &markdown)?;
    }
    if matches!(a.format, Format::Html | Format::All) {
        write(
            &out.join("report.html"),
            &render::html(&report, &render_options),
        )?;
    }
    if matches!(a.format, Format::Json | Format::All) {
        write(
            &out.join("report.json"),
            &report.to_json().map_err(|e| e.to_string())?,
        )?;
    }
    if matches!(a.format, Format::Csv | Format::All) {
        let dir = out.join("csv");
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create output directory {}: {e}", dir.display()))?;
        let tables = render::csv_tables(&report, &render_options).map_err(|e| e.to_string())?;
        for t in &tables {
            std::fs::write(dir.join(&t.name), &t.content)
                .map_err(|e| format!("cannot write {}: {e}", dir.join(&t.name).display()))?;
        }
        eprintln!("wrote {} CSV tables to {}", tables.len(), dir.display());
    }
    eprintln!("report written to {}", out.display());
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}
