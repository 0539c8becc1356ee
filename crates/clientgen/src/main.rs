//! The `clientgen` command.
//!
//! Exit codes: 0 success; 1 the output could not be written, `generate --check` found stale
//! files, or `check` found warnings; 2 the input (configuration, document or arguments) is
//! unusable.

/// Writes a line to standard output; when the reader has gone away (`clientgen … | head`),
/// the rest of the output is dropped instead of panicking.
macro_rules! say {
    ($($argument:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($argument)*);
    }};
}

/// Like [`say!`], without the newline.
macro_rules! say_raw {
    ($($argument:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($argument)*);
    }};
}

mod cli;
mod project;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use clientgen_generate::{Error, Language, Request};
use clientgen_spec::{Diagnostic, Sources};

use cli::{Cli, Command, GenerateArgs, LanguageArg};

/// Warnings printed in full by `generate`; `check` prints all of them.
const WARNINGS_SHOWN: usize = 10;

/// mimalloc instead of the system allocator: a run makes millions of small allocations
/// (document tree, IR, generated text), and mimalloc's thread-local free lists make a whole
/// authentik.yml run 10–25% faster. Built with `no_thp`: asking for transparent huge pages
/// doubled peak memory and spent the time gained on zeroing 2 MiB pages.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Generate(arguments) => match &arguments.schema {
            Some(schema) => generate_single(&arguments, schema),
            None => project::generate(&arguments),
        },
        Command::Init(arguments) => project::init(&arguments),
        Command::Check(arguments) => match &arguments.schema {
            Some(schema) => check_schema(schema, false),
            None => project::check(arguments.config.as_deref()),
        },
        Command::Inspect(arguments) => check_schema(&arguments.schema, true),
        Command::Watch(arguments) => project::watch(&arguments),
        Command::Archive(arguments) => project::archive(&arguments),
    }
}

/// The library's language for a command-line language.
fn language(argument: LanguageArg) -> Language {
    match argument {
        LanguageArg::Typescript => Language::TypeScript,
        LanguageArg::Python => Language::Python,
        LanguageArg::Go => Language::Go,
        LanguageArg::Proto => Language::Proto,
    }
}

fn generate_single(arguments: &GenerateArgs, schema: &Path) -> ExitCode {
    let languages = arguments.selection.lang.clone().unwrap_or_default();
    if languages.len() > 1 {
        eprintln!("error: with --schema, give one --lang (or use a clientgen.toml for several)");
        return ExitCode::from(2);
    }
    let Some(out) = &arguments.out else {
        eprintln!("error: --schema needs --out DIR (or leave both out to follow clientgen.toml)");
        return ExitCode::from(2);
    };
    let language = language(
        languages
            .first()
            .copied()
            .unwrap_or(LanguageArg::Typescript),
    );
    let mut request = Request::new(schema.to_path_buf(), language, out.clone());
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
                say!(
                    "{} {} files ({} KiB) in {}: {} written, {} unchanged{removed}",
                    written.files,
                    language.name(),
                    written.bytes / 1024,
                    out.display(),
                    written.written,
                    written.files - written.written
                );
            }
            if arguments.timings {
                let timings = outcome.timings;
                say!(
                    "load {:.1} ms, lower {:.1} ms, emit {:.1} ms, write {:.1} ms, total {:.1} ms{}",
                    milliseconds(timings.load),
                    milliseconds(timings.lower),
                    milliseconds(timings.emit),
                    milliseconds(timings.write),
                    milliseconds(timings.total()),
                    peak_memory()
                );
            }
            ExitCode::SUCCESS
        }
        Err(Error::Input(error)) => {
            print_diagnostics(&error.diagnostics, &error.sources, None);
            eprintln!(
                "error: {} could not be used; nothing was written",
                schema.display()
            );
            ExitCode::from(2)
        }
        Err(Error::Write(error)) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
    }
}

/// `check --schema` and `inspect`: load and lower one document.
fn check_schema(schema: &Path, inspect: bool) -> ExitCode {
    match clientgen_spec::load(schema) {
        Ok(loaded) => {
            let lowered = clientgen_ir::lower(&loaded.document);
            let mut warnings = loaded.warnings;
            warnings.extend(lowered.warnings);
            print_diagnostics(&warnings, &loaded.sources, None);
            if inspect {
                let mut stdout = std::io::stdout().lock();
                let _ = stdout.write_all(clientgen_ir::dump::dump(&lowered.api).as_bytes());
                return ExitCode::SUCCESS;
            }
            say!(
                "{}: {} operations, {} schemas, {} warnings",
                schema.display(),
                lowered.api.operations.len(),
                loaded.document.schemas.len(),
                warnings.len()
            );
            if warnings.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(error) => {
            print_diagnostics(&error.diagnostics, &error.sources, None);
            ExitCode::from(2)
        }
    }
}

/// Prints diagnostics with source snippets, errors first; at most `limit` of them.
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
            "… and {} more warnings (`clientgen check` lists them all)",
            ordered.len() - shown
        );
    }
}

/// `, peak memory 44.0 MiB` from the process's peak resident memory (Linux `VmHWM`); empty
/// where it cannot be read.
fn peak_memory() -> String {
    let kib = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM:"))
                .and_then(|line| line.split_whitespace().nth(1))
                .and_then(|value| value.parse::<u64>().ok())
        });
    kib.map(|kib| format!(", peak memory {:.1} MiB", kib as f64 / 1024.0))
        .unwrap_or_default()
}

fn milliseconds(duration: std::time::Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
