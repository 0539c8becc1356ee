//! The project configuration of clientgen: `clientgen.toml`, or `[tool.clientgen]` in a
//! `pyproject.toml`.
//!
//! [`load`] reads and validates a configuration and reports problems as
//! [`clientgen_spec::Diagnostic`]s with file, line and column, like problems in specs.
//! [`Project`] then answers the questions the pipeline asks: which groups there are, which
//! operations each holds ([`GroupMatcher`]), and which folder each group's output goes to
//! ([`Project::output_dir`]).

mod model;
mod starter;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clientgen_spec::{Diagnostic, SourceId, Sources, Span};
use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;

pub use model::{
    ArchiveConfig, Config, GoConfig, GroupConfig, ProtoConfig, PythonConfig, SchemaPaths,
    TypeScriptConfig, ZonesConfig,
};
pub use starter::starter_config;

/// File names looked for, in order, by [`discover`].
pub const CONFIG_FILES: [&str; 2] = ["clientgen.toml", "pyproject.toml"];

/// Name of the group used when the configuration defines none.
pub const DEFAULT_GROUP: &str = "api";

/// A loaded, validated configuration and where it lives.
#[derive(Debug)]
pub struct Project {
    /// The folder of the configuration file; relative paths in it are relative to this.
    pub root: PathBuf,
    /// The configuration file.
    pub path: PathBuf,
    /// Its contents.
    pub config: Config,
    /// The configuration file as a diagnostic source.
    pub sources: Sources,
    /// Its id in `sources`.
    pub source: SourceId,
}

/// A configuration that could not be used.
#[derive(Debug)]
pub struct ConfigError {
    /// The configuration file as a diagnostic source.
    pub sources: Sources,
    /// What is wrong, with places.
    pub diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let lines: Vec<String> = self
            .diagnostics
            .iter()
            .map(|diagnostic| diagnostic.to_plain(&self.sources))
            .collect();
        formatter.write_str(&lines.join("\n"))
    }
}

impl std::error::Error for ConfigError {}

/// Finds the configuration for `directory`: a `clientgen.toml`, or a `pyproject.toml` with a
/// `[tool.clientgen]` table, in the directory or the nearest parent that has one.
pub fn discover(directory: &Path) -> Option<PathBuf> {
    let mut current = Some(directory);
    while let Some(folder) = current {
        let toml = folder.join(CONFIG_FILES[0]);
        if toml.is_file() {
            return Some(toml);
        }
        let pyproject = folder.join(CONFIG_FILES[1]);
        if let Ok(text) = std::fs::read_to_string(&pyproject)
            && text.contains("[tool.clientgen")
        {
            return Some(pyproject);
        }
        current = folder.parent();
    }
    None
}

#[derive(Deserialize)]
struct PyProject {
    tool: Option<Tools>,
}

#[derive(Deserialize)]
struct Tools {
    clientgen: Option<Config>,
}

/// Reads and validates a configuration file (`clientgen.toml`, or a `pyproject.toml` whose
/// `[tool.clientgen]` table holds the same keys).
///
/// # Errors
/// [`ConfigError`] for an unreadable file, TOML syntax errors, unknown keys and values of the
/// wrong type (all with line and column), invalid or duplicate group names, unsafe folder
/// names, invalid globs, and two groups writing to the same folder.
pub fn load(path: &Path) -> Result<Project, ConfigError> {
    let mut sources = Sources::new();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            return Err(ConfigError {
                sources,
                diagnostics: vec![Diagnostic::error_without_span(format!(
                    "cannot read {}: {error}",
                    path.display()
                ))],
            });
        }
    };
    let source = sources.add(
        path.to_path_buf(),
        path.display().to_string(),
        Arc::from(text.as_str()),
    );
    let is_pyproject = path.file_name().is_some_and(|name| name == CONFIG_FILES[1]);
    let parsed: Result<Option<Config>, toml::de::Error> = if is_pyproject {
        toml::from_str::<PyProject>(&text)
            .map(|pyproject| pyproject.tool.and_then(|tool| tool.clientgen))
    } else {
        toml::from_str::<Config>(&text).map(Some)
    };
    let config = match parsed {
        Ok(Some(config)) => config,
        Ok(None) => {
            return Err(ConfigError {
                sources,
                diagnostics: vec![
                    Diagnostic::error(
                        Span::new(source, 0, 0),
                        format!("{} has no [tool.clientgen] table", path.display()),
                    )
                    .with_help(
                        "add one, or write a clientgen.toml (`clientgen init` writes a starter)",
                    ),
                ],
            });
        }
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            let message = error.message().trim().to_owned();
            return Err(ConfigError {
                sources,
                diagnostics: vec![
                    Diagnostic::error(Span::new(source, span.start, span.end), message)
                        .with_label("here"),
                ],
            });
        }
    };
    // An absolute root makes output folders and the run state independent of the working
    // directory clientgen is started from.
    let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let root = absolute
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let project = Project {
        root,
        path: path.to_path_buf(),
        config,
        sources,
        source,
    };
    let diagnostics = project.validate();
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(ConfigError {
            sources: project.sources,
            diagnostics,
        });
    }
    Ok(project)
}

/// The JSON schema of `clientgen.toml`, pretty-printed (checked in as `clientgen.schema.json`).
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Config);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// A folder or file name that cannot leave its parent: no separators, not `.`/`..`, not empty.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', ':', '\0'])
}

/// True for group names: letters, digits, `_`, `-`, `.`, not starting with `.` or `-`.
fn is_group_name(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|first| first.is_ascii_alphanumeric() || first == '_')
        && name
            .chars()
            .all(|character| character.is_ascii_alphanumeric() || "_-.".contains(character))
}

/// A group as the pipeline sees it (the implicit `api` group when the configuration has none).
#[derive(Debug, Clone)]
pub struct Group<'a> {
    /// The group's name.
    pub name: &'a str,
    /// Its configuration; `None` for the implicit group.
    pub config: Option<&'a GroupConfig>,
}

/// The languages (and the group schema) a project writes, as named in folders.
pub const TARGETS: [&str; 5] = ["typescript", "python", "go", "proto", "openapi"];

impl Project {
    /// The groups, in configuration order.
    pub fn groups(&self) -> Vec<Group<'_>> {
        if self.config.groups.is_empty() {
            vec![Group {
                name: DEFAULT_GROUP,
                config: None,
            }]
        } else {
            self.config
                .groups
                .iter()
                .map(|group| Group {
                    name: group.name.get_ref().as_str(),
                    config: Some(group),
                })
                .collect()
        }
    }

    /// The OpenAPI documents a group is generated from, in order: its own `schema`, else the
    /// top-level one; empty when neither is set. Several documents are read as one API.
    pub fn schemas_for(&self, group: &Group<'_>) -> Vec<PathBuf> {
        group
            .config
            .and_then(|config| config.schema.as_ref())
            .or(self.config.schema.as_ref())
            .map(|schema| {
                schema
                    .get_ref()
                    .paths()
                    .iter()
                    .map(|path| self.root.join(path))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The zone folder of a group (`cfg` for `cfg_support`, else `custom`, by default).
    pub fn zone(&self, group: &str) -> &str {
        self.config
            .zones
            .prefixes
            .iter()
            .filter(|(prefix, _)| group.starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())
            .map_or(self.config.zones.default.as_str(), |(_, zone)| {
                zone.as_str()
            })
    }

    /// The folder a group's output for `target` (one of [`TARGETS`]) goes to:
    /// the group's `<target>_output` if set, else
    /// `<output_dir>/clients/<target>/<zone>/<group>` (and `<output_dir>/schemas/<zone>/<group>`
    /// for the group's OpenAPI document).
    pub fn output_dir(&self, group: &Group<'_>, target: &str) -> PathBuf {
        let overridden = group.config.and_then(|config| match target {
            "typescript" => config.typescript_output.as_deref(),
            "python" => config.python_output.as_deref(),
            "go" => config.go_output.as_deref(),
            "proto" => config.proto_output.as_deref(),
            _ => None,
        });
        if let Some(path) = overridden {
            return self.root.join(path);
        }
        let output = self.root.join(&self.config.output_dir);
        let zone = self.zone(group.name);
        if target == "openapi" {
            output.join("schemas").join(zone).join(group.name)
        } else {
            output
                .join("clients")
                .join(target)
                .join(zone)
                .join(group.name)
        }
    }

    /// The archive folder.
    pub fn archive_dir(&self) -> PathBuf {
        match &self.config.archive.dir {
            Some(dir) => self.root.join(dir),
            None => self.root.join(&self.config.output_dir).join("archive"),
        }
    }

    /// Whether a target language is turned on.
    pub fn enabled(&self, target: &str) -> bool {
        match target {
            "typescript" => self.config.typescript.enabled,
            "python" => self.config.python.enabled,
            "go" => self.config.go.enabled,
            "proto" => self.config.proto.enabled,
            _ => true,
        }
    }

    /// The span of a group's name in the configuration (for diagnostics about the group).
    pub fn group_span(&self, group: &Group<'_>) -> Span {
        match group.config {
            Some(config) => {
                let range = config.name.span();
                Span::new(self.source, range.start, range.end)
            }
            None => Span::new(self.source, 0, 0),
        }
    }

    fn validate(&self) -> Vec<Diagnostic> {
        let mut diagnostics = Vec::new();
        let span_of =
            |range: std::ops::Range<usize>| Span::new(self.source, range.start, range.end);
        let schemas = std::iter::once(&self.config.schema)
            .chain(self.config.groups.iter().map(|group| &group.schema))
            .flatten();
        for schema in schemas {
            let span = span_of(schema.span());
            let paths = schema.get_ref().paths();
            if paths.is_empty() {
                diagnostics.push(
                    Diagnostic::error(span, "`schema` lists no documents")
                        .with_label("expected at least one path"),
                );
            }
            for (index, path) in paths.iter().enumerate() {
                if paths[..index].contains(path) {
                    diagnostics.push(
                        Diagnostic::error(span, format!("`{path}` is listed twice in `schema`"))
                            .with_label("a document can be read only once"),
                    );
                }
            }
        }
        let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
        for group in &self.config.groups {
            let name = group.name.get_ref().as_str();
            let span = span_of(group.name.span());
            if !is_group_name(name) {
                diagnostics.push(
                    Diagnostic::error(span, format!("invalid group name `{name}`"))
                        .with_label("expected letters, digits, `_`, `-` or `.`")
                        .with_help("group names become folder and package names, so they cannot contain `/` or start with `.`"),
                );
            }
            if let Some(first) = seen.insert(name, span) {
                diagnostics.push(
                    Diagnostic::error(span, format!("group `{name}` is defined twice"))
                        .with_related(first, "first defined here"),
                );
            }
            if group.apps.is_empty()
                && group.tags.is_empty()
                && group.paths.is_empty()
                && group.schema.is_none()
            {
                diagnostics.push(
                    Diagnostic::error(span, format!("group `{name}` selects no operations"))
                        .with_help("give it `apps`, `tags` or `paths` (or a `schema` of its own)"),
                );
            }
            for (field, patterns) in [
                ("apps", &group.apps),
                ("tags", &group.tags),
                ("paths", &group.paths),
            ] {
                for pattern in patterns {
                    if let Err(error) = glob(pattern) {
                        diagnostics.push(Diagnostic::error(
                            span,
                            format!("group `{name}`: `{pattern}` in `{field}` is not a valid glob: {error}"),
                        ));
                    }
                }
            }
        }
        let zones =
            std::iter::once(&self.config.zones.default).chain(self.config.zones.prefixes.values());
        for zone in zones {
            if !is_plain_name(zone) {
                diagnostics.push(
                    Diagnostic::error(
                        Span::new(self.source, 0, 0),
                        format!("zone folder `{zone}` must be a plain folder name"),
                    )
                    .with_help(
                        "zones are folders under the output folder: no `/`, `..` or empty names",
                    ),
                );
            }
        }
        // Two outputs in one folder would overwrite each other.
        let mut folders: BTreeMap<PathBuf, (String, Span)> = BTreeMap::new();
        for group in self.groups() {
            for target in TARGETS {
                let folder = self.output_dir(&group, target);
                let owner = format!("{} output of group `{}`", target, group.name);
                let span = self.group_span(&group);
                if let Some((other, other_span)) =
                    folders.insert(folder.clone(), (owner.clone(), span))
                {
                    diagnostics.push(
                        Diagnostic::error(
                            span,
                            format!(
                                "the {owner} and the {other} both go to {}",
                                folder.display()
                            ),
                        )
                        .with_related(other_span, "the other group"),
                    );
                }
            }
        }
        diagnostics
    }
}

/// The Django app of a path: its first segment after the API prefix
/// (`/api/tickets/{id}/` → `tickets` with prefix `api`); `None` when the path does not start
/// with the prefix or the segment is a path parameter.
pub fn app_of<'p>(path: &'p str, api_prefix: &str) -> Option<&'p str> {
    let mut segments = path
        .trim_start_matches('/')
        .split('/')
        .filter(|segment| !segment.is_empty());
    let prefix = api_prefix.trim_matches('/');
    if !prefix.is_empty() {
        for expected in prefix.split('/') {
            if segments.next()? != expected {
                return None;
            }
        }
    }
    segments.next().filter(|segment| !segment.starts_with('{'))
}

fn glob(pattern: &str) -> Result<Glob, globset::Error> {
    GlobBuilder::new(pattern).literal_separator(true).build()
}

/// Decides which operations belong to a group.
#[derive(Debug)]
pub struct GroupMatcher {
    apps: GlobSet,
    tags: GlobSet,
    paths: GlobSet,
    api_prefix: String,
    everything: bool,
}

/// The tag an operation without tags is filed under (in every emitter and in group matching).
pub const UNTAGGED: &str = "default";

impl GroupMatcher {
    /// A matcher for `group`; the implicit group and groups with their own schema but no
    /// selectors match every operation.
    pub fn new(project: &Project, group: &Group<'_>) -> Self {
        let build = |patterns: &[String], as_prefix: bool| {
            let mut builder = GlobSetBuilder::new();
            for pattern in patterns {
                if let Ok(glob) = glob(pattern) {
                    builder.add(glob);
                }
                // A path pattern ending in `/` also covers everything below it.
                if as_prefix
                    && pattern.ends_with('/')
                    && let Ok(glob) = glob(&format!("{pattern}**"))
                {
                    builder.add(glob);
                }
            }
            builder.build().unwrap_or_else(|_| GlobSet::empty())
        };
        let (apps, tags, paths, everything) = match group.config {
            Some(config) => (
                build(&config.apps, false),
                build(&config.tags, false),
                build(&config.paths, true),
                config.apps.is_empty() && config.tags.is_empty() && config.paths.is_empty(),
            ),
            None => (GlobSet::empty(), GlobSet::empty(), GlobSet::empty(), true),
        };
        GroupMatcher {
            apps,
            tags,
            paths,
            api_prefix: project.config.api_prefix.trim_matches('/').to_owned(),
            everything,
        }
    }

    /// The Django app of a path (see [`app_of`]).
    pub fn app<'p>(&self, path: &'p str) -> Option<&'p str> {
        app_of(path, &self.api_prefix)
    }

    /// True when the operation (by path and tags) belongs to the group: any of its apps, tags
    /// or paths matches. An operation without tags counts as tagged `default`, the name of the
    /// sub-client it lands in (as `clientgen inspect` shows).
    pub fn matches(&self, path: &str, tags: &[String]) -> bool {
        self.everything
            || self.app(path).is_some_and(|app| self.apps.is_match(app))
            || if tags.is_empty() {
                self.tags.is_match(UNTAGGED)
            } else {
                tags.iter().any(|tag| self.tags.is_match(tag))
            }
            || self.paths.is_match(path)
    }
}

#[cfg(test)]
mod tests;
