//! The `clientgen` command.
//!
//! Exit codes: 0 success, 1 the output could not be written, 2 the input (document or
//! arguments) is unusable.

mod cli;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use clientgen_generate::{Error, Language, Request};
use clientgen_spec::{Diagnostic, Sources};

use cli::{Cli, Command, GenerateArgs, LanguageArg};

/// Warnings printed in full by `generate`; `check` prints all of them.
const WARNINGS_SHOWN: usize = 10;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate(arguments) => generate(&arguments),
        Command::Check(arguments) => check(&arguments.schema, false),
        Command::Inspect(arguments) => check(&arguments.schema, true),
    }
}

fn generate(arguments: &GenerateArgs) -> ExitCode {
    let language = match arguments.lang {
        LanguageArg::Typescript => Language::TypeScript,
        LanguageArg::Python => Language::Python,
        LanguageArg::Go => Language::Go,
        LanguageArg::Proto => Language::Proto,
    };
    let mut request = Request::new(arguments.schema.clone(), language, arguments.out.clone());
    request.typescript = clientgen_emit_typescript::Options {
        package_name: arguments.package_name.clone(),
        zod: !arguments.no_zod,
        fetchers: !arguments.no_fetchers,
        swr_hooks: !arguments.no_hooks,
        package_files: !arguments.no_package_files,
    };
    request.python.package_name = arguments.package_name.clone();
    request.go.module = arguments.go_module.clone();
    request.proto.package_prefix = arguments.proto_package_prefix.clone();
    match clientgen_generate::run(&request) {
        Ok(outcome) => {
            if !arguments.quiet {
                print_diagnostics(&outcome.warnings, &outcome.sources, Some(WARNINGS_SHOWN));
                let written = outcome.written;
                let removed = if written.removed > 0 {
                    format!(", {} removed", written.removed)
                } else {
                    String::new()
                };
                println!(
                    "{} {} files ({} KiB) in {}: {} written, {} unchanged{removed}",
                    written.files,
                    language.name(),
                    written.bytes / 1024,
                    arguments.out.display(),
                    written.written,
                    written.files - written.written
                );
            }
            if arguments.timings {
                let timings = outcome.timings;
                let memory = peak_memory_kib()
                    .map(|kib| format!(", peak memory {:.1} MiB", kib as f64 / 1024.0))
                    .unwrap_or_default();
                println!(
                    "load {:.1} ms, lower {:.1} ms, emit {:.1} ms, write {:.1} ms, total {:.1} ms{memory}",
                    milliseconds(timings.load),
                    milliseconds(timings.lower),
                    milliseconds(timings.emit),
                    milliseconds(timings.write),
                    milliseconds(timings.total())
                );
            }
            ExitCode::SUCCESS
        }
        Err(Error::Input(error)) => {
            print_diagnostics(&error.diagnostics, &error.sources, None);
            eprintln!(
                "error: {} could not be used; nothing was written",
                arguments.schema.display()
            );
            ExitCode::from(2)
        }
        Err(Error::Write(error)) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
    }
}

fn check(schema: &std::path::Path, inspect: bool) -> ExitCode {
    match clientgen_spec::load(schema) {
        Ok(loaded) => {
            let lowered = clientgen_ir::lower(&loaded.document);
            let mut warnings = loaded.warnings;
            warnings.extend(lowered.warnings);
            print_diagnostics(&warnings, &loaded.sources, None);
            if inspect {
                let mut stdout = std::io::stdout().lock();
                let _ = stdout.write_all(clientgen_ir::dump::dump(&lowered.api).as_bytes());
            } else {
                println!(
                    "{}: {} operations, {} schemas, {} warnings",
                    schema.display(),
                    lowered.api.operations.len(),
                    loaded.document.schemas.len(),
                    warnings.len()
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            print_diagnostics(&error.diagnostics, &error.sources, None);
            ExitCode::from(2)
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic], sources: &Sources, limit: Option<usize>) {
    if diagnostics.is_empty() {
        return;
    }
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let theme = if color {
        miette::GraphicalTheme::unicode()
    } else {
        miette::GraphicalTheme::unicode_nocolor()
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme).with_context_lines(2);
    let mut stderr = std::io::stderr().lock();
    let shown = limit.unwrap_or(usize::MAX);
    // Errors first: they are why the run stopped.
    let mut ordered: Vec<&Diagnostic> = diagnostics.iter().filter(|item| item.is_error()).collect();
    ordered.extend(diagnostics.iter().filter(|item| !item.is_error()));
    for diagnostic in ordered.iter().take(shown) {
        let report = diagnostic.to_report(sources);
        let mut text = String::new();
        if handler.render_report(&mut text, report.as_ref()).is_err() {
            text = diagnostic.to_plain(sources);
        }
        let _ = writeln!(stderr, "{text}");
    }
    if ordered.len() > shown {
        let _ = writeln!(
            stderr,
            "… and {} more warnings (`clientgen check --schema …` lists them all)",
            ordered.len() - shown
        );
    }
}

/// Peak resident memory of this process in KiB (`VmHWM`; Linux only, `None` elsewhere).
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn milliseconds(duration: std::time::Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
