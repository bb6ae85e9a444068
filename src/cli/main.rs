//! The `minsheng` command: validate, summarise, import and follow
//! livelihood public-works programmes.
//!
//! One file per command; [`output`] is where every command ends (exit codes,
//! closed pipes, failed writes), [`input`] where files are read, [`files`]
//! where files are written (never over an input, never half), [`table`]
//! the one text-table printer.

#![forbid(unsafe_code)]

use std::process::ExitCode;

/// mimalloc: measured faster than glibc's allocator for loading, validating
/// and summarising (BENCHMARKS.md, "A faster allocator").
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand, ValueEnum};

mod export;
mod extract;
mod files;
mod gen_cmd;
mod import;
mod input;
mod ledger;
mod output;
mod parse_target;
mod progress;
mod schema;
mod summary;
mod table;
mod validate;

/// Exit status, the same for every command.
const EXIT_STATUS: &str = "\
Exit status:
  0  success (warnings allowed)
  1  the input has errors (the output still describes it)
  2  unreadable input, a refused argument or a failed write
A reader that stops early (| head) is not a failure.";

/// Validate, summarise, import and follow livelihood public-works programmes (民生实事工程).
#[derive(Parser)]
#[command(name = "minsheng", version, about, long_about = None, after_help = EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check programme files; exit 0 when no file has an error, 1 when one has, 2 when one cannot be read.
    #[command(after_help = EXIT_STATUS)]
    Validate(validate::Args),
    /// Print a programme's sections, tasks, targets, totals and workload.
    #[command(after_help = EXIT_STATUS)]
    Summary(summary::Args),
    /// Parse target phrases (不少于300个, 16/10万以下, 年底前…) and print one JSON line per phrase.
    #[command(after_help = EXIT_STATUS)]
    ParseTarget(parse_target::Args),
    /// Print every target found in a text file, one JSON line each: its byte span, its sentence (whole when short, else an excerpt) and the sentence's span.
    #[command(after_help = EXIT_STATUS)]
    Extract(extract::Args),
    /// Import a notice's plain text as a draft programme (JSON on stdout; what could not be placed and the account of the text on stderr; --format json for all in one object); exit 1 when no task was recognised.
    #[command(after_help = EXIT_STATUS)]
    Import(import::Args),
    /// Print a realistic generated programme (deterministic for a seed), for tests and benchmarks, written as it is made.
    #[command(after_help = EXIT_STATUS)]
    Gen(gen_cmd::Args),
    /// Print the JSON Schema of the programme format, or write it into a directory.
    #[command(after_help = EXIT_STATUS)]
    Schema(schema::Args),
    /// Print where a programme stands as of a date, from progress reports: statuses, roll-ups, who is behind, reports due.
    #[command(after_help = EXIT_STATUS)]
    Progress(progress::Args),
    /// Write the work ledger (工作台账): one row per task and target, with the latest progress, as CSV or XLSX.
    #[command(after_help = EXIT_STATUS)]
    Ledger(ledger::Args),
    /// Write programmes, progress reports and evaluations as flat related tables (CSV, NDJSON, Parquet) for analysts.
    #[command(after_help = EXIT_STATUS)]
    Export(export::Args),
}

/// Text or JSON, for the commands that print a report.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Text tables for people.
    Text,
    /// JSON for programs.
    Json,
}

fn main() -> ExitCode {
    let outcome = match Cli::parse().command {
        Command::Validate(args) => validate::run(&args),
        Command::Summary(args) => summary::run(&args),
        Command::ParseTarget(args) => parse_target::run(&args),
        Command::Extract(args) => extract::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Gen(args) => gen_cmd::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Progress(args) => progress::run(&args),
        Command::Ledger(args) => ledger::run(&args),
        Command::Export(args) => export::run(&args),
    };
    output::exit(outcome)
}
