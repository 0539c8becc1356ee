//! Generating everything a project configuration asks for: every group, every enabled
//! language, and each group's own OpenAPI document — in parallel, skipping outputs whose
//! inputs did not change, archiving what is replaced.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clientgen_config::{Group, GroupMatcher, Project};
use clientgen_emit::OutputFile;
use clientgen_spec::{Diagnostic, LoadError, Loaded, Severity, Sources};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::Language;
use crate::output::{self, PendingWrite, Staleness, WriteError, WriteOptions};

/// Folder name of a group's own OpenAPI document among the targets.
pub const OPENAPI_TARGET: &str = "openapi";

/// What a project run should do.
#[derive(Debug, Clone, Default)]
pub struct ProjectOptions {
    /// Only these groups (all when `None`).
    pub groups: Option<Vec<String>>,
    /// Only these languages (all enabled ones when `None`); the groups' OpenAPI documents are
    /// written when this is `None` or `include_openapi` is set.
    pub languages: Option<Vec<Language>>,
    /// Write the groups' OpenAPI documents even when `languages` is given.
    pub include_openapi: bool,
    /// Generate even when the inputs are unchanged.
    pub force: bool,
    /// Write nothing; report what is out of date.
    pub check: bool,
    /// Also remove outputs (under the output folder) of groups and languages no longer
    /// configured; implies `force`.
    pub clean: bool,
}

/// How one output (a group in one language) turned out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobOutcome {
    /// Its inputs did not change since it was written; nothing was generated.
    Skipped,
    /// Generated; the output on disk was already identical.
    Unchanged,
    /// Generated and written.
    Written {
        /// Files written.
        written: usize,
        /// Files removed.
        removed: usize,
    },
    /// `--check`: the output on disk is up to date.
    UpToDate,
    /// `--check`: the output on disk differs.
    Stale(Vec<Staleness>),
}

/// One output of a run.
#[derive(Debug, Clone)]
pub struct JobReport {
    /// The group.
    pub group: String,
    /// The language (`typescript`, …) or `openapi`.
    pub target: String,
    /// The output folder.
    pub dir: PathBuf,
    /// What happened.
    pub outcome: JobOutcome,
    /// Number of files in the output (0 when skipped).
    pub files: usize,
    /// Time spent on this output (emit and write).
    pub duration: Duration,
}

/// A finished run.
#[derive(Debug)]
pub struct ProjectReport {
    /// Every output, in group and language order.
    pub jobs: Vec<JobReport>,
    /// Per document: warnings from loading and lowering it, with the files they refer to.
    pub warnings: Vec<DocumentWarnings>,
    /// The archive version created, if outputs were archived.
    pub archived: Option<PathBuf>,
    /// Output folders removed by `clean`.
    pub removed: Vec<PathBuf>,
    /// True when the quick check found every input unchanged and nothing was loaded.
    pub quick: bool,
    /// Wall-clock time of the whole run.
    pub elapsed: Duration,
}

impl ProjectReport {
    /// True when `--check` found something out of date.
    pub fn stale(&self) -> bool {
        self.jobs
            .iter()
            .any(|job| matches!(job.outcome, JobOutcome::Stale(_)))
    }
}

/// The warnings of one document and the files their spans point into.
#[derive(Debug)]
pub struct DocumentWarnings {
    /// The document's files.
    pub sources: Sources,
    /// Its warnings.
    pub warnings: Vec<Diagnostic>,
}

/// Why a project run failed; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// The configuration is unusable in a way only the documents reveal (a group that
    /// matches no operation, an unknown `--groups` name, no `schema` at all).
    #[error("{}", render(diagnostics, sources))]
    Config {
        /// What is wrong.
        diagnostics: Vec<Diagnostic>,
        /// The configuration file.
        sources: Sources,
    },
    /// A document could not be used.
    #[error("{0}")]
    Input(#[from] LoadError),
    /// An output could not be written (outputs written before it stay as they are; the one
    /// that failed is unchanged).
    #[error("{0}")]
    Write(#[from] WriteError),
    /// A template in `templates_dir` could not be rendered; nothing of that output was written.
    #[error("template {path}: {message}")]
    Template {
        /// The template file.
        path: PathBuf,
        /// minijinja's description of the problem, with its line.
        message: String,
    },
}

fn render(diagnostics: &[Diagnostic], sources: &Sources) -> String {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic.to_plain(sources))
        .collect::<Vec<_>>()
        .join("\n")
}

/// One unit of work: a group in one target.
struct Job {
    group: usize,
    target: Target,
    dir: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Language(Language),
    OpenApi,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Language(language) => language.name(),
            Target::OpenApi => OPENAPI_TARGET,
        }
    }
}

/// A group ready to be emitted.
struct PreparedGroup {
    api: clientgen_ir::Api,
    document: String,
}

/// Runs the project: see the module documentation.
///
/// # Errors
/// [`ProjectError`]; outputs are written one by one, each atomically, so a failure leaves
/// every output either as it was or completely new.
pub fn run_project(
    project: &Project,
    options: &ProjectOptions,
    progress: &(dyn Fn(&JobReport) + Sync),
) -> Result<ProjectReport, ProjectError> {
    let started = Instant::now();
    let force = options.force || options.clean;
    let groups = selected_groups(project, options)?;
    let targets = selected_targets(project, options);
    let mut jobs: Vec<Job> = Vec::new();
    for (index, group) in groups.iter().enumerate() {
        for target in &targets {
            jobs.push(Job {
                group: index,
                target: *target,
                dir: project.output_dir(group, target.name()),
            });
        }
    }
    let state_path = project
        .root
        .join(&project.config.output_dir)
        .join(STATE_FILE);
    let config_hash = file_hash(&project.path);
    let previous = State::read(&state_path, &project.root);

    // Quick path: configuration, documents and clientgen unchanged, and every output still
    // carrying the input it was written from.
    if !force
        && !options.check
        && let Some(previous) = &previous
        && previous.unchanged(config_hash)
        && jobs.iter().all(|job| {
            previous
                .outputs
                .get(&job.dir)
                .is_some_and(|input| output::recorded_input(&job.dir) == Some(*input))
        })
    {
        let reports: Vec<JobReport> = jobs
            .iter()
            .map(|job| JobReport {
                group: groups[job.group].name.to_owned(),
                target: job.target.name().to_owned(),
                dir: job.dir.clone(),
                outcome: JobOutcome::Skipped,
                files: 0,
                duration: Duration::ZERO,
            })
            .collect();
        for report in &reports {
            progress(report);
        }
        return Ok(ProjectReport {
            jobs: reports,
            warnings: Vec::new(),
            archived: None,
            removed: Vec::new(),
            quick: true,
            elapsed: started.elapsed(),
        });
    }

    let Prepared {
        documents,
        merge_warnings,
        groups: prepared,
        spec_files,
    } = prepare(project, &groups)?;

    // Emit and write, in parallel.
    let archive_root = project.archive_dir();
    let version_name = crate::archive::new_version_name(&archive_root);
    let archive_version = archive_root.join(&version_name);
    let archive = project.config.archive.enabled && !options.check;
    let templates = project
        .config
        .templates_dir
        .as_ref()
        .map(|dir| project.root.join(dir));
    // Phase 1, in parallel: emit every output and stage its files next to it. Anything that can
    // fail because of the inputs (templates) or the disk (staging) fails here, before any
    // output is touched.
    let staged: Vec<Result<(JobReport, Option<PendingWrite>), ProjectError>> = jobs
        .par_iter()
        .map(|job| {
            let job_started = Instant::now();
            let group = &groups[job.group];
            let report = |outcome: JobOutcome, files: usize| {
                let report = JobReport {
                    group: group.name.to_owned(),
                    target: job.target.name().to_owned(),
                    dir: job.dir.clone(),
                    outcome,
                    files,
                    duration: job_started.elapsed(),
                };
                progress(&report);
                report
            };
            let Some(prepared) = prepared.get(job.group) else {
                return Ok((report(JobOutcome::Skipped, 0), None));
            };
            let request = request_for(project, group, job.target, &job.dir);
            let template_key = templates
                .as_ref()
                .map(|dir| templates_fingerprint(&dir.join(job.target.name())))
                .unwrap_or(0);
            let input = input_hash(&prepared.document, job.target, &request, template_key);
            if !force && !options.check && output::recorded_input(&job.dir) == Some(input) {
                return Ok((report(JobOutcome::Skipped, 0), None));
            }
            let mut files = match job.target {
                Target::Language(language) => crate::emit(&prepared.api, language, &request),
                Target::OpenApi => vec![OutputFile::new("openapi.json", prepared.document.clone())],
            };
            if let Some(dir) = &templates {
                apply_templates(
                    &dir.join(job.target.name()),
                    &mut files,
                    &prepared.api,
                    group.name,
                    job.target.name(),
                )?;
            }
            if options.check {
                let differences = output::staleness(&job.dir, &files);
                let outcome = if differences.is_empty() {
                    JobOutcome::UpToDate
                } else {
                    JobOutcome::Stale(differences)
                };
                return Ok((report(outcome, files.len()), None));
            }
            let write_options = WriteOptions {
                input_hash: Some(input),
                archive_to: archive
                    .then(|| archive_version.join(group.name).join(job.target.name())),
            };
            let pending = output::prepare_output(&job.dir, &files, &write_options)?;
            let stats = pending.stats();
            let outcome = if pending.is_noop() || (stats.written == 0 && stats.removed == 0) {
                JobOutcome::Unchanged
            } else {
                JobOutcome::Written {
                    written: stats.written,
                    removed: stats.removed,
                }
            };
            Ok((report(outcome, stats.files), Some(pending)))
        })
        .collect();
    let mut reports = Vec::with_capacity(staged.len());
    let mut pending_writes = Vec::new();
    let mut failure = None;
    for result in staged {
        match result {
            Ok((report, pending)) => {
                reports.push(report);
                pending_writes.extend(pending);
            }
            Err(error) => failure = failure.or(Some(error)),
        }
    }
    if let Some(error) = failure {
        for pending in pending_writes {
            pending.abandon();
        }
        let _ = std::fs::remove_dir_all(&archive_version);
        return Err(error);
    }
    // Phase 2: make every staged output visible; if one cannot be, put back the ones already
    // swapped in, so the run leaves every previous output as it was.
    let mut applied = Vec::with_capacity(pending_writes.len());
    let mut pending_writes = pending_writes.into_iter();
    while let Some(pending) = pending_writes.next() {
        match pending.commit() {
            Ok(write) => applied.push(write),
            Err(error) => {
                for write in applied.into_iter().rev() {
                    write.rollback();
                }
                for pending in pending_writes {
                    pending.abandon();
                }
                let _ = std::fs::remove_dir_all(&archive_version);
                return Err(ProjectError::Write(error));
            }
        }
    }
    for write in applied {
        write.finish();
    }

    let mut removed = Vec::new();
    if options.clean && !options.check {
        removed = clean_unconfigured(project);
    }
    let archived = archive_version.is_dir().then_some(archive_version);
    if archived.is_some() {
        crate::archive::rotate(&archive_root, project.config.archive.max_versions);
    }
    if !options.check {
        let mut state = previous.unwrap_or_default();
        state.version = env!("CARGO_PKG_VERSION").to_owned();
        state.config = config_hash;
        state.files = spec_files;
        for report in &reports {
            if let Some(input) = output::recorded_input(&report.dir) {
                state.outputs.insert(report.dir.clone(), input);
            }
        }
        state.write(&state_path, &project.root);
    }
    Ok(ProjectReport {
        jobs: reports,
        warnings: document_warnings(documents, merge_warnings),
        archived,
        removed,
        quick: false,
        elapsed: started.elapsed(),
    })
}

/// The documents of a project loaded and lowered, and each group cut out of its document.
struct Prepared {
    documents: Vec<(Loaded, clientgen_ir::Lowered)>,
    /// Warnings from merging documents, by index into `documents`.
    merge_warnings: Vec<(usize, Diagnostic)>,
    /// One per group, in the order given.
    groups: Vec<PreparedGroup>,
    /// Every document file read, with its content hash.
    spec_files: BTreeMap<PathBuf, u64>,
}

/// Loads and lowers each document once, merges the documents of groups that list several,
/// and slices every group out of its API.
fn prepare(project: &Project, groups: &[Group<'_>]) -> Result<Prepared, ProjectError> {
    // Each group's documents (a set), each distinct set, and each distinct document.
    let mut schema_paths: Vec<PathBuf> = Vec::new();
    let mut sets: Vec<Vec<usize>> = Vec::new();
    let mut group_sets: Vec<usize> = Vec::with_capacity(groups.len());
    for group in groups {
        let paths = project.schemas_for(group);
        if paths.is_empty() {
            return Err(ProjectError::Config {
                diagnostics: vec![
                    Diagnostic::error(
                        project.group_span(group),
                        format!("group `{}` has no OpenAPI document", group.name),
                    )
                    .with_help("set `schema` at the top of the configuration, or on the group"),
                ],
                sources: clone_sources(project),
            });
        }
        let set: Vec<usize> = paths
            .into_iter()
            .map(
                |path| match schema_paths.iter().position(|known| *known == path) {
                    Some(index) => index,
                    None => {
                        schema_paths.push(path);
                        schema_paths.len() - 1
                    }
                },
            )
            .collect();
        let index = match sets.iter().position(|known| *known == set) {
            Some(index) => index,
            None => {
                sets.push(set);
                sets.len() - 1
            }
        };
        group_sets.push(index);
    }
    let loaded: Vec<Result<(Loaded, clientgen_ir::Lowered), LoadError>> = schema_paths
        .par_iter()
        .map(|path| {
            let loaded = clientgen_spec::load(path)?;
            let lowered = clientgen_ir::lower(&loaded.document);
            Ok((loaded, lowered))
        })
        .collect();
    let mut documents = Vec::with_capacity(loaded.len());
    for result in loaded {
        documents.push(result?);
    }
    let mut spec_files: BTreeMap<PathBuf, u64> = BTreeMap::new();
    for (loaded, _) in &documents {
        for (_, file) in loaded.sources.iter() {
            spec_files.insert(
                file.path().to_path_buf(),
                xxhash_rust::xxh3::xxh3_64(file.text().as_bytes()),
            );
        }
    }
    // Sets of several documents, read as one API.
    let mut merged: Vec<Option<clientgen_ir::Api>> = Vec::with_capacity(sets.len());
    let mut merge_warnings: Vec<(usize, Diagnostic)> = Vec::new();
    for set in &sets {
        if set.len() == 1 {
            merged.push(None);
            continue;
        }
        let (api, warnings) = merge_documents(&documents, set)?;
        merge_warnings.extend(warnings);
        merged.push(Some(api));
    }

    // The tags of every operation by path and method, per document (for slicing documents).
    let tags_by_operation: Vec<FxHashMap<(&str, clientgen_spec::Method), &[String]>> = documents
        .iter()
        .map(|(_, lowered)| {
            lowered
                .api
                .operations
                .iter()
                .map(|operation| {
                    (
                        (operation.path.as_str(), operation.method),
                        operation.tags.as_slice(),
                    )
                })
                .collect()
        })
        .collect();
    // Slice each group out of its API, in parallel.
    let sliced: Vec<Result<PreparedGroup, Diagnostic>> = groups
        .par_iter()
        .zip(&group_sets)
        .map(|(group, set_index)| {
            let set = &sets[*set_index];
            let whole = match &merged[*set_index] {
                Some(api) => api,
                None => &documents[set[0]].1.api,
            };
            let matcher = GroupMatcher::new(project, group);
            let selected = whole
                .operations
                .iter()
                .filter(|operation| matcher.matches(&operation.path, &operation.tags))
                .count();
            if selected == 0 {
                let names: Vec<String> =
                    set.iter().map(|index| schema_paths[*index].display().to_string()).collect();
                return Err(Diagnostic::error(
                    project.group_span(group),
                    format!("group `{}` matches no operation of {}", group.name, names.join(", ")),
                )
                .with_help("check its `apps`, `tags` and `paths` (`clientgen inspect` lists every operation with its tag)"));
            }
            let mut api = if group.config.is_some() {
                clientgen_ir::slice(whole, |operation| matcher.matches(&operation.path, &operation.tags))
            } else {
                whole.clone()
            };
            let (title, description, version) = titles(project, group, &api);
            api.title = title.clone();
            api.description = description.clone();
            api.version = version.clone();
            let mut overrides = vec![("title", title.as_str()), ("version", version.as_str())];
            if let Some(description) = &description {
                overrides.push(("description", description.as_str()));
            }
            let roots: Vec<&clientgen_spec::Node> = set
                .iter()
                .filter_map(|index| documents[*index].0.trees.first())
                .collect();
            let document = clientgen_spec::slice_documents(
                &roots,
                |part, path, method| {
                    group.config.is_none()
                        || set.get(part).is_some_and(|index| {
                            matcher.matches(
                                path,
                                tags_by_operation[*index].get(&(path, method)).copied().unwrap_or_default(),
                            )
                        })
                },
                &overrides,
            );
            Ok(PreparedGroup { api, document })
        })
        .collect();
    let mut problems = Vec::new();
    let mut prepared = Vec::with_capacity(sliced.len());
    for result in sliced {
        match result {
            Ok(group) => prepared.push(group),
            Err(problem) => problems.push(problem),
        }
    }
    if !problems.is_empty() {
        return Err(ProjectError::Config {
            diagnostics: problems,
            sources: clone_sources(project),
        });
    }
    drop(tags_by_operation);
    Ok(Prepared {
        documents,
        merge_warnings,
        groups: prepared,
        spec_files,
    })
}

/// Reads the documents `set` (indexes into `documents`, in configuration order) as one API.
///
/// Returns the merged IR and warnings by document index (operation ids renamed because an
/// earlier document uses them).
///
/// # Errors
/// [`ProjectError::Input`] when the documents clash (see [`clientgen_spec::combine::clashes`]):
/// the clashes found in the first document that has any, each placed there and naming the
/// place in the earlier document it clashes with.
fn merge_documents(
    documents: &[(Loaded, clientgen_ir::Lowered)],
    set: &[usize],
) -> Result<(clientgen_ir::Api, Vec<(usize, Diagnostic)>), ProjectError> {
    const HELP: &str = "documents listed together in `schema` are read as one API: each \
        operation may be in only one of them, and what they both define (components, \
        `security`, the OpenAPI version) must be the same; or give each group its own `schema`";
    let roots: Vec<&clientgen_spec::Node> = set
        .iter()
        .filter_map(|index| documents[*index].0.trees.first())
        .collect();
    let clashes = clientgen_spec::combine::clashes(&roots);
    if let Some(first) = clashes.first() {
        let later = first.later.0;
        let diagnostics = clashes
            .iter()
            .filter(|clash| clash.later.0 == later)
            .map(|clash| {
                let earlier = documents[set[clash.earlier.0]]
                    .0
                    .sources
                    .location(clash.earlier.1);
                let (message, label) = if clash.duplicate {
                    (
                        format!("{} is also in {earlier}", clash.what),
                        "defined twice",
                    )
                } else {
                    (
                        format!("{} differs from the one in {earlier}", clash.what),
                        "defined differently",
                    )
                };
                Diagnostic::error(clash.later.1, message)
                    .with_label(label)
                    .with_help(HELP)
            })
            .collect();
        return Err(ProjectError::Input(LoadError {
            sources: documents[set[later]].0.sources.clone(),
            diagnostics,
        }));
    }
    let parts: Vec<&clientgen_spec::Document> = set
        .iter()
        .map(|index| &documents[*index].0.document)
        .collect();
    let (api, issues) = clientgen_ir::lower_merged(&parts);
    let diagnostic = |issue: &clientgen_ir::MergeIssue| {
        let mut diagnostic = Diagnostic {
            severity: if issue.error {
                Severity::Error
            } else {
                Severity::Warning
            },
            message: issue.message.clone(),
            span: issue.span,
            label: None,
            help: None,
            related: Vec::new(),
        };
        if issue.error {
            diagnostic = diagnostic.with_help(HELP);
        }
        diagnostic
    };
    if let Some(first) = issues.iter().find(|issue| issue.error) {
        let part = first.part;
        return Err(ProjectError::Input(LoadError {
            sources: documents[set[part]].0.sources.clone(),
            diagnostics: issues
                .iter()
                .filter(|issue| issue.error && issue.part == part)
                .map(diagnostic)
                .collect(),
        }));
    }
    let warnings = issues
        .iter()
        .map(|issue| (set[issue.part], diagnostic(issue)))
        .collect();
    Ok((api, warnings))
}

/// The warnings of every document, grouped by document; `extra` adds warnings by document
/// index (from merging documents).
fn document_warnings(
    documents: Vec<(Loaded, clientgen_ir::Lowered)>,
    extra: Vec<(usize, Diagnostic)>,
) -> Vec<DocumentWarnings> {
    documents
        .into_iter()
        .enumerate()
        .map(|(index, (loaded, lowered))| {
            let mut warnings = loaded.warnings;
            warnings.extend(lowered.warnings);
            warnings.extend(
                extra
                    .iter()
                    .filter(|(document, _)| *document == index)
                    .map(|(_, warning)| warning.clone()),
            );
            DocumentWarnings {
                sources: loaded.sources,
                warnings,
            }
        })
        .collect()
}

/// What `clientgen check` found in a project.
#[derive(Debug)]
pub struct ProjectCheck {
    /// Per document: warnings from loading and lowering it.
    pub warnings: Vec<DocumentWarnings>,
    /// Each group with the number of operations it holds.
    pub groups: Vec<(String, usize)>,
}

/// Loads a project's documents and checks every group against them, generating nothing.
///
/// # Errors
/// As for [`run_project`], for problems found before anything would be written.
pub fn check_project(project: &Project) -> Result<ProjectCheck, ProjectError> {
    let groups = project.groups();
    let prepared = prepare(project, &groups)?;
    Ok(ProjectCheck {
        groups: groups
            .iter()
            .zip(&prepared.groups)
            .map(|(group, prepared)| (group.name.to_owned(), prepared.api.operations.len()))
            .collect(),
        warnings: document_warnings(prepared.documents, prepared.merge_warnings),
    })
}

fn clone_sources(project: &Project) -> Sources {
    let mut sources = Sources::new();
    for (_, file) in project.sources.iter() {
        sources.add(
            file.path().to_path_buf(),
            file.name().to_owned(),
            std::sync::Arc::clone(file.text()),
        );
    }
    sources
}

fn selected_groups<'p>(
    project: &'p Project,
    options: &ProjectOptions,
) -> Result<Vec<Group<'p>>, ProjectError> {
    let all = project.groups();
    let Some(wanted) = &options.groups else {
        return Ok(all);
    };
    let unknown: Vec<&String> = wanted
        .iter()
        .filter(|name| !all.iter().any(|group| group.name == name.as_str()))
        .collect();
    if !unknown.is_empty() {
        let known: Vec<&str> = all.iter().map(|group| group.name).collect();
        return Err(ProjectError::Config {
            diagnostics: vec![Diagnostic::error_without_span(format!(
                "unknown group{} {}; the configuration defines {}",
                if unknown.len() > 1 { "s" } else { "" },
                unknown
                    .iter()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                known
                    .iter()
                    .map(|name| format!("`{name}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))],
            sources: clone_sources(project),
        });
    }
    Ok(all
        .into_iter()
        .filter(|group| wanted.iter().any(|name| name == group.name))
        .collect())
}

fn selected_targets(project: &Project, options: &ProjectOptions) -> Vec<Target> {
    let mut targets: Vec<Target> = Language::ALL
        .into_iter()
        .filter(|language| project.enabled(language.name()))
        .filter(|language| {
            options
                .languages
                .as_ref()
                .is_none_or(|wanted| wanted.contains(language))
        })
        .map(Target::Language)
        .collect();
    if options.languages.is_none() || options.include_openapi {
        targets.push(Target::OpenApi);
    }
    targets
}

/// Title, description and version of a group's clients.
fn titles(
    project: &Project,
    group: &Group<'_>,
    api: &clientgen_ir::Api,
) -> (String, Option<String>, String) {
    let config = &project.config;
    let group_config = group.config;
    let base_title = config.title.clone().unwrap_or_else(|| api.title.clone());
    let title = group_config
        .and_then(|group| group.title.clone())
        .unwrap_or_else(|| {
            if group.config.is_none() || project.groups().len() == 1 {
                base_title.clone()
            } else {
                format!("{base_title} ({})", group.name)
            }
        });
    let description = group_config
        .and_then(|group| group.description.clone())
        .or_else(|| config.description.clone())
        .or_else(|| api.description.clone());
    let version = group_config
        .and_then(|group| group.version.clone())
        .or_else(|| config.version.clone())
        .unwrap_or_else(|| api.version.clone());
    (title, description, version)
}

/// Emitter options for a group: the configuration's, with names made distinct per group.
fn request_for(project: &Project, group: &Group<'_>, target: Target, dir: &Path) -> crate::Request {
    let language = match target {
        Target::Language(language) => language,
        Target::OpenApi => Language::TypeScript,
    };
    let config = &project.config;
    let single = group.config.is_none();
    let mut request = crate::Request::new(PathBuf::new(), language, dir.to_path_buf());
    request.typescript = clientgen_emit_typescript::Options {
        package_name: if single {
            None
        } else {
            Some(format!(
                "{}-{}",
                kebab(config.title.as_deref().unwrap_or("api")),
                kebab(group.name)
            ))
        },
        zod: config.typescript.zod,
        fetchers: config.typescript.fetchers,
        swr_hooks: config.typescript.swr_hooks,
        package_files: config.typescript.package_files,
    };
    request.python.package_name = match (&config.python.package_name, single) {
        (Some(name), true) => Some(name.clone()),
        (Some(name), false) => Some(format!("{name}-{}", kebab(group.name))),
        (None, true) => None,
        (None, false) => Some(format!("{}-client", kebab(group.name))),
    };
    request.python.sync_client = config.python.sync_client;
    request.python.functional_api = config.python.functional_api;
    request.go.module = config.go.module.as_ref().map(|module| {
        format!(
            "{}/{}",
            module.trim_end_matches('/'),
            group.name.replace(['.', '_'], "-")
        )
    });
    request.go.group = (!single).then(|| group.name.to_owned());
    request.proto.package_prefix = config.proto.package_prefix.clone();
    request.proto.group = (!single).then(|| group.name.to_owned());
    request
}

fn kebab(text: &str) -> String {
    let words = clientgen_ir::naming::words(text);
    if words.is_empty() {
        String::from("api")
    } else {
        words.join("-")
    }
}

/// Everything an output depends on: the group's slice of the document, the emitter options,
/// the target, template overrides and clientgen's version.
fn input_hash(document: &str, target: Target, request: &crate::Request, templates: u64) -> u64 {
    let options = match target {
        Target::Language(Language::TypeScript) => format!("{:?}", request.typescript),
        Target::Language(Language::Python) => format!("{:?}", request.python),
        Target::Language(Language::Go) => format!("{:?}", request.go),
        Target::Language(Language::Proto) => format!("{:?}", request.proto),
        Target::OpenApi => String::new(),
    };
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    hasher.update(target.name().as_bytes());
    hasher.update(options.as_bytes());
    hasher.update(&templates.to_le_bytes());
    hasher.update(document.as_bytes());
    hasher.digest()
}

/// A hash of every template under `dir` (0 when there is none).
fn templates_fingerprint(dir: &Path) -> u64 {
    let mut paths = Vec::new();
    collect_files(dir, dir, &mut paths);
    if paths.is_empty() {
        return 0;
    }
    paths.sort();
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for path in paths {
        hasher.update(path.as_bytes());
        if let Ok(contents) = std::fs::read(dir.join(&path)) {
            hasher.update(&contents);
        }
    }
    hasher.digest()
}

fn collect_files(root: &Path, directory: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            collect_files(root, &path, out);
        } else if let Ok(relative) = path.strip_prefix(root) {
            out.push(
                relative
                    .components()
                    .map(|component| component.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
}

/// Replaces generated files by the templates of the same path under `dir` (the built-in
/// output is the fallback for every other file). Templates are minijinja (Jinja2) and see
/// `generated` (what clientgen would have written), `header`, `title`, `version`, `group` and
/// `language`.
fn apply_templates(
    dir: &Path,
    files: &mut [OutputFile],
    api: &clientgen_ir::Api,
    group: &str,
    language: &str,
) -> Result<(), ProjectError> {
    if !dir.is_dir() {
        return Ok(());
    }
    for file in files.iter_mut() {
        let path = dir.join(&file.path);
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut environment = minijinja::Environment::new();
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
            .keep_trailing_newline(true)
            .build()
        {
            environment.set_syntax(syntax);
        }
        let context = minijinja::context! {
            generated => file.contents.clone(),
            header => clientgen_emit::header_text(api),
            title => api.title.clone(),
            version => api.version.clone(),
            group => group,
            language => language,
        };
        file.contents =
            environment
                .render_str(&source, context)
                .map_err(|error| ProjectError::Template {
                    path: path.clone(),
                    message: match error.line() {
                        Some(line) => format!("line {line}: {error}"),
                        None => error.to_string(),
                    },
                })?;
    }
    Ok(())
}

/// Removes clientgen outputs under the output folder that no configured group and language
/// writes; returns the folders removed.
fn clean_unconfigured(project: &Project) -> Vec<PathBuf> {
    let output = project.root.join(&project.config.output_dir);
    let mut expected: BTreeSet<PathBuf> = BTreeSet::new();
    for group in project.groups() {
        for target in clientgen_config::TARGETS {
            if target == OPENAPI_TARGET || project.enabled(target) {
                expected.insert(project.output_dir(&group, target));
            }
        }
    }
    let mut found = Vec::new();
    for top in ["clients", "schemas"] {
        find_outputs(&output.join(top), &mut found);
    }
    let mut removed = Vec::new();
    for dir in found {
        if !expected.contains(&dir) && std::fs::remove_dir_all(&dir).is_ok() {
            removed.push(dir);
        }
    }
    removed
}

fn find_outputs(directory: &Path, out: &mut Vec<PathBuf>) {
    if directory.join(output::MARKER_FILE).is_file() {
        out.push(directory.to_path_buf());
        return;
    }
    let Ok(entries) = std::fs::read_dir(directory) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            find_outputs(&entry.path(), out);
        }
    }
}

fn file_hash(path: &Path) -> u64 {
    std::fs::read(path).map_or(0, |bytes| xxhash_rust::xxh3::xxh3_64(&bytes))
}

/// Name of the file (in the output folder) remembering what the last run was made from.
pub const STATE_FILE: &str = ".clientgen-state";

/// What the last run was generated from, for the quick path of the next one.
#[derive(Debug, Default)]
struct State {
    version: String,
    config: u64,
    /// Every document file read, with its content hash.
    files: BTreeMap<PathBuf, u64>,
    /// Every output folder written, with its input hash.
    outputs: BTreeMap<PathBuf, u64>,
}

impl State {
    /// Reads the state file; paths in it are relative to the project root when they are inside
    /// it.
    fn read(path: &Path, root: &Path) -> Option<State> {
        let text = std::fs::read_to_string(path).ok()?;
        let mut state = State::default();
        for line in text.lines() {
            let (kind, rest) = line.split_once(' ')?;
            match kind {
                "#" => {}
                "version" => state.version = rest.to_owned(),
                "config" => state.config = u64::from_str_radix(rest, 16).ok()?,
                "file" | "output" => {
                    let (hash, relative) = rest.split_once(' ')?;
                    let hash = u64::from_str_radix(hash, 16).ok()?;
                    let target = if kind == "file" {
                        &mut state.files
                    } else {
                        &mut state.outputs
                    };
                    target.insert(root.join(relative), hash);
                }
                _ => return None,
            }
        }
        Some(state)
    }

    /// True when clientgen, the configuration and every document file are as they were.
    fn unchanged(&self, config: u64) -> bool {
        self.version == env!("CARGO_PKG_VERSION")
            && self.config == config
            && !self.files.is_empty()
            && self
                .files
                .iter()
                .all(|(path, hash)| file_hash(path) == *hash)
    }

    /// Writes the state file. It holds hashes and project-relative paths only, so it is the
    /// same on every machine for the same inputs.
    fn write(&self, path: &Path, root: &Path) {
        let relative = |target: &Path| {
            target
                .strip_prefix(root)
                .unwrap_or(target)
                .components()
                .map(|component| component.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        };
        let mut text = String::from(
            "# clientgen state: what the last run was generated from; safe to delete\n",
        );
        text.push_str(&format!("version {}\n", self.version));
        text.push_str(&format!("config {:016x}\n", self.config));
        let mut files: Vec<(String, u64)> = self
            .files
            .iter()
            .map(|(file, hash)| (relative(file), *hash))
            .collect();
        files.sort();
        for (file, hash) in files {
            text.push_str(&format!("file {hash:016x} {file}\n"));
        }
        let mut outputs: Vec<(String, u64)> = self
            .outputs
            .iter()
            .map(|(output, hash)| (relative(output), *hash))
            .collect();
        outputs.sort();
        for (output, hash) in outputs {
            text.push_str(&format!("output {hash:016x} {output}\n"));
        }
        if let Some(parent) = path.parent() {
            let _ = std::fs::create_dir_all(parent);
        }
        // Only a cache: failing to write it only costs the next run its quick path.
        let _ = std::fs::write(path, text);
    }
}
