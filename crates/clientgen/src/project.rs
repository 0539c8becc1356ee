//! Commands that follow a project configuration: `generate` (without `--schema`), `init`,
//! `check`, `watch` and `archive`.

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clientgen_config::Project;
use clientgen_generate::output::{Staleness, WriteOptions};
use clientgen_generate::project::{
    JobOutcome, JobReport, ProjectError, ProjectOptions, ProjectReport,
};

use crate::cli::{
    ArchiveArgs, ArchiveCommand, GenerateArgs, InitArgs, ProjectSelection, WatchArgs,
};
use crate::{WARNINGS_SHOWN, milliseconds, peak_memory, print_diagnostics};

/// Finds and loads the configuration; prints why not and returns the exit code otherwise.
fn load_project(config: Option<&Path>) -> Result<Project, ExitCode> {
    let path = match config {
        Some(path) => path.to_path_buf(),
        None => {
            let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            match clientgen_config::discover(&here) {
                Some(path) => path,
                None => {
                    eprintln!(
                        "error: no clientgen.toml (or pyproject.toml with [tool.clientgen]) here or in a parent folder"
                    );
                    eprintln!(
                        "  help: `clientgen init --schema openapi.yaml` writes one, or pass --schema and --out"
                    );
                    return Err(ExitCode::from(2));
                }
            }
        }
    };
    clientgen_config::load(&path).map_err(|error| {
        print_diagnostics(&error.diagnostics, &error.sources, None);
        eprintln!("error: {} could not be used", path.display());
        ExitCode::from(2)
    })
}

fn options_from(selection: &ProjectSelection) -> ProjectOptions {
    ProjectOptions {
        groups: selection.groups.clone(),
        languages: selection.lang.as_ref().map(|languages| {
            languages
                .iter()
                .map(|language| crate::language(*language))
                .collect()
        }),
        ..ProjectOptions::default()
    }
}

/// Prints why a run failed and returns its exit code.
fn report_error(error: &ProjectError) -> ExitCode {
    match error {
        ProjectError::Config {
            diagnostics,
            sources,
        } => {
            print_diagnostics(diagnostics, sources, None);
            eprintln!("error: the configuration does not fit the documents; nothing was written");
            ExitCode::from(2)
        }
        ProjectError::Input(error) => {
            print_diagnostics(&error.diagnostics, &error.sources, None);
            eprintln!("error: a document could not be used; nothing was written");
            ExitCode::from(2)
        }
        ProjectError::Write(error) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
        ProjectError::Template { .. } => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

/// Shows each finished output: a progress bar on a terminal, one line each otherwise.
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    quiet: bool,
}

impl Progress {
    fn new(quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {pos} outputs {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(100));
            bar
        });
        Progress { bar, quiet }
    }

    fn finished(&self, report: &JobReport) {
        match &self.bar {
            Some(bar) => {
                bar.inc(1);
                bar.set_message(format!("({} {})", report.group, report.target));
            }
            None if !self.quiet => eprintln!(
                "  {:<12} {:<24} {}",
                report.target,
                report.group,
                status(report)
            ),
            None => {}
        }
    }

    fn clear(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn status(report: &JobReport) -> String {
    match &report.outcome {
        JobOutcome::Skipped => String::from("skipped (inputs unchanged)"),
        JobOutcome::Unchanged => String::from("unchanged"),
        JobOutcome::Written { written, removed } => {
            let removed = if *removed > 0 {
                format!(", {removed} removed")
            } else {
                String::new()
            };
            format!("{written} written{removed}")
        }
        JobOutcome::UpToDate => String::from("up to date"),
        JobOutcome::Stale(differences) => format!("STALE ({} files)", differences.len()),
    }
}

fn print_summary(report: &ProjectReport, timings: bool) {
    say!(
        "{:<24} {:<11} {:>6}  {:<28}{}",
        "group",
        "language",
        "files",
        "result",
        if timings { "      time" } else { "" }
    );
    for job in &report.jobs {
        let time = if timings {
            format!(" {:>7.1} ms", milliseconds(job.duration))
        } else {
            String::new()
        };
        say!(
            "{:<24} {:<11} {:>6}  {:<28}{time}",
            job.group,
            job.target,
            job.files,
            status(job)
        );
    }
    if let Some(archived) = &report.archived {
        say!("previous outputs archived in {}", archived.display());
    }
    for removed in &report.removed {
        say!("removed {} (no longer configured)", removed.display());
    }
    if report.quick {
        say!("nothing changed since the last run (--force regenerates anyway)");
    }
    if timings {
        say!(
            "total {:.1} ms{}",
            milliseconds(report.elapsed),
            peak_memory()
        );
    }
}

/// `clientgen generate` without `--schema`.
pub fn generate(arguments: &GenerateArgs) -> ExitCode {
    let project = match load_project(arguments.selection.config.as_deref()) {
        Ok(project) => project,
        Err(code) => return code,
    };
    let mut options = options_from(&arguments.selection);
    options.force = arguments.force;
    options.check = arguments.check;
    options.clean = arguments.clean;
    let progress = Progress::new(arguments.quiet);
    let result = clientgen_generate::project::run_project(&project, &options, &|report| {
        progress.finished(report)
    });
    progress.clear();
    let report = match result {
        Ok(report) => report,
        Err(error) => return report_error(&error),
    };
    if !arguments.quiet {
        for document in &report.warnings {
            print_diagnostics(&document.warnings, &document.sources, Some(WARNINGS_SHOWN));
        }
        print_summary(&report, arguments.timings);
    } else if arguments.timings {
        say!(
            "total {:.1} ms{}",
            milliseconds(report.elapsed),
            peak_memory()
        );
    }
    if arguments.check {
        let mut stale = false;
        for job in &report.jobs {
            if let JobOutcome::Stale(differences) = &job.outcome {
                stale = true;
                for difference in differences {
                    let (kind, path) = match difference {
                        Staleness::Missing(path) => ("missing", path),
                        Staleness::Changed(path) => ("changed", path),
                        Staleness::Extra(path) => ("not generated", path),
                    };
                    say!("{}: {kind}", job.dir.join(path).display());
                }
            }
        }
        if stale {
            eprintln!("error: the generated output is out of date; run `clientgen generate`");
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}

/// `clientgen init`.
pub fn init(arguments: &InitArgs) -> ExitCode {
    if arguments.config.exists() && !arguments.force {
        eprintln!(
            "error: {} exists; pass --force to overwrite it",
            arguments.config.display()
        );
        return ExitCode::from(2);
    }
    let loaded = match clientgen_spec::load(&arguments.schema) {
        Ok(loaded) => loaded,
        Err(error) => {
            print_diagnostics(&error.diagnostics, &error.sources, None);
            return ExitCode::from(2);
        }
    };
    let lowered = clientgen_ir::lower(&loaded.document);
    // The configuration names the document relative to itself.
    let config_dir = arguments
        .config
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let schema = relative_to(&arguments.schema, &config_dir);
    let text = clientgen_config::starter_config(&lowered.api, &schema, &arguments.api_prefix);
    if let Err(error) = std::fs::write(&arguments.config, text) {
        eprintln!(
            "error: cannot write {}: {error}",
            arguments.config.display()
        );
        return ExitCode::from(1);
    }
    say!(
        "wrote {} for {} ({} operations); edit its groups, then run `clientgen generate`",
        arguments.config.display(),
        arguments.schema.display(),
        lowered.api.operations.len()
    );
    ExitCode::SUCCESS
}

/// `path` relative to `base` when both are absolute or both relative and it lies below it;
/// otherwise as given. Always with `/` separators.
fn relative_to(path: &Path, base: &Path) -> String {
    let absolute = |path: &Path| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let path_absolute = absolute(path);
    let base_absolute = absolute(base);
    let relative = path_absolute
        .strip_prefix(&base_absolute)
        .map_or(path, |relative| relative);
    relative
        .components()
        .map(|component| component.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// `clientgen check` with a configuration.
pub fn check(config: Option<&Path>) -> ExitCode {
    let project = match load_project(config) {
        Ok(project) => project,
        Err(code) => return code,
    };
    match clientgen_generate::project::check_project(&project) {
        Ok(check) => {
            let mut warnings = 0;
            for document in &check.warnings {
                print_diagnostics(&document.warnings, &document.sources, None);
                warnings += document.warnings.len();
            }
            for (group, operations) in &check.groups {
                say!("group {group}: {operations} operations");
            }
            say!(
                "{}: {} groups, {warnings} warnings",
                project.path.display(),
                check.groups.len()
            );
            if warnings > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(error) => report_error(&error),
    }
}

/// `clientgen watch`.
pub fn watch(arguments: &WatchArgs) -> ExitCode {
    use notify::RecursiveMode;
    let (sender, receiver) = std::sync::mpsc::channel();
    let mut debouncer = match notify_debouncer_full::new_debouncer(
        Duration::from_millis(arguments.debounce),
        None,
        sender,
    ) {
        Ok(debouncer) => debouncer,
        Err(error) => {
            eprintln!("error: cannot watch files: {error}");
            return ExitCode::from(1);
        }
    };
    let mut watched_dirs: BTreeSet<PathBuf> = BTreeSet::new();
    loop {
        // Each round reloads the configuration, so edits to it take effect.
        let files = match load_project(arguments.selection.config.as_deref()) {
            Ok(project) => {
                let options = options_from(&arguments.selection);
                let progress = Progress::new(false);
                let result =
                    clientgen_generate::project::run_project(&project, &options, &|report| {
                        progress.finished(report)
                    });
                progress.clear();
                match result {
                    Ok(report) => print_summary(&report, false),
                    Err(error) => {
                        report_error(&error);
                    }
                }
                watched_files(&project)
            }
            Err(_) => arguments.selection.config.iter().cloned().collect(),
        };
        for file in &files {
            let directory = file
                .parent()
                .filter(|parent| !parent.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
            let recursive = if file.is_dir() {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            let target = if file.is_dir() {
                file.clone()
            } else {
                directory
            };
            if watched_dirs.insert(target.clone()) {
                let _ = debouncer.watch(&target, recursive);
            }
        }
        say!("watching {} files for changes (Ctrl-C stops)", files.len());
        // Wait for a change to one of the watched files (editors often replace files, so their
        // folders are watched and events filtered).
        loop {
            let Ok(events) = receiver.recv() else {
                return ExitCode::SUCCESS;
            };
            let Ok(events) = events else {
                continue;
            };
            let relevant = events
                .iter()
                .flat_map(|event| event.paths.iter())
                .any(|path| {
                    files
                        .iter()
                        .any(|file| path == file || (file.is_dir() && path.starts_with(file)))
                });
            if relevant {
                break;
            }
        }
    }
}

/// The configuration, every document it names (with the files they reference) and the
/// templates folder.
fn watched_files(project: &Project) -> Vec<PathBuf> {
    let canonical =
        |path: &Path| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut files: BTreeSet<PathBuf> = BTreeSet::new();
    files.insert(canonical(&project.path));
    let schemas: BTreeSet<PathBuf> = project
        .groups()
        .iter()
        .flat_map(|group| project.schemas_for(group))
        .collect();
    for schema in schemas {
        if let Ok(loaded) = clientgen_spec::load(&schema) {
            for (_, file) in loaded.sources.iter() {
                files.insert(canonical(file.path()));
            }
        }
        files.insert(canonical(&schema));
    }
    if let Some(templates) = &project.config.templates_dir {
        files.insert(canonical(&project.root.join(templates)));
    }
    files.into_iter().collect()
}

/// `clientgen archive …`.
pub fn archive(arguments: &ArchiveArgs) -> ExitCode {
    let project = match load_project(arguments.config.as_deref()) {
        Ok(project) => project,
        Err(code) => return code,
    };
    let root = project.archive_dir();
    let versions = clientgen_generate::archive::versions(&root);
    let known = |version: &str| -> Result<(), ExitCode> {
        if versions.iter().any(|known| known == version) {
            Ok(())
        } else {
            eprintln!(
                "error: no archived version `{version}` in {}; `clientgen archive list` shows them",
                root.display()
            );
            Err(ExitCode::from(2))
        }
    };
    let selected = |group: &str, groups: &Option<Vec<String>>| {
        groups
            .as_ref()
            .is_none_or(|groups| groups.iter().any(|name| name == group))
    };
    match &arguments.command {
        ArchiveCommand::List => {
            if versions.is_empty() {
                say!("no archived versions in {}", root.display());
            }
            for version in &versions {
                let outputs: Vec<String> =
                    clientgen_generate::archive::contents(&root.join(version))
                        .into_iter()
                        .map(|(group, target)| format!("{group}/{target}"))
                        .collect();
                say!("{version}  {}", outputs.join(", "));
            }
            ExitCode::SUCCESS
        }
        ArchiveCommand::Diff { from, to, groups } => {
            if let Err(code) = known(from) {
                return code;
            }
            if let Some(to) = to
                && let Err(code) = known(to)
            {
                return code;
            }
            let groups_by_name = project.groups();
            let mut printed = false;
            for (group, target) in clientgen_generate::archive::contents(&root.join(from)) {
                if !selected(&group, groups) {
                    continue;
                }
                let old =
                    clientgen_generate::archive::archived_output(&root, from, &group, &target);
                let (new, label) = match to {
                    Some(to) => (
                        clientgen_generate::archive::archived_output(&root, to, &group, &target),
                        to.clone(),
                    ),
                    None => match groups_by_name
                        .iter()
                        .find(|candidate| candidate.name == group)
                    {
                        Some(current) => (
                            project.output_dir(current, &target),
                            String::from("current"),
                        ),
                        None => continue,
                    },
                };
                let diff = clientgen_generate::archive::diff(
                    &old,
                    &new,
                    &format!("{from}/{group}/{target}"),
                    &format!("{label}/{group}/{target}"),
                );
                if !diff.is_empty() {
                    say_raw!("{diff}");
                    printed = true;
                }
            }
            if !printed {
                say!("no differences");
            }
            ExitCode::SUCCESS
        }
        ArchiveCommand::Restore { version, groups } => {
            if let Err(code) = known(version) {
                return code;
            }
            let groups_by_name = project.groups();
            let backup = root.join(clientgen_generate::archive::new_version_name(&root));
            let mut restored = 0;
            for (group, target) in clientgen_generate::archive::contents(&root.join(version)) {
                if !selected(&group, groups) {
                    continue;
                }
                let Some(current) = groups_by_name
                    .iter()
                    .find(|candidate| candidate.name == group)
                else {
                    eprintln!("warning: group `{group}` is no longer configured; not restored");
                    continue;
                };
                let files = clientgen_generate::archive::read_output(
                    &clientgen_generate::archive::archived_output(&root, version, &group, &target),
                );
                let destination = project.output_dir(current, &target);
                let options = WriteOptions {
                    input_hash: None,
                    archive_to: project
                        .config
                        .archive
                        .enabled
                        .then(|| backup.join(&group).join(&target)),
                };
                match clientgen_generate::output::write_output(&destination, &files, &options) {
                    Ok(_) => {
                        say!("restored {group}/{target} into {}", destination.display());
                        restored += 1;
                    }
                    Err(error) => {
                        eprintln!("error: {error}");
                        return ExitCode::from(1);
                    }
                }
            }
            if backup.is_dir() {
                say!(
                    "the outputs it replaced are archived in {}",
                    backup.display()
                );
                clientgen_generate::archive::rotate(&root, project.config.archive.max_versions);
            }
            if restored == 0 {
                say!("nothing to restore");
            }
            ExitCode::SUCCESS
        }
    }
}
