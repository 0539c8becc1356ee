//! Reading files and resolving references between them.
//!
//! Loading happens in two phases. First every file reachable through a relative `$ref` is read
//! and parsed into a [`Node`] tree (JSON or YAML, chosen by extension, else by the first
//! character). Then the typed reader ([`crate::parse`]) walks the root document with all trees
//! at hand, so it never needs to load anything while it holds borrows into them.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::document::Document;
use crate::node::Node;
use crate::source::{SourceId, Sources, Span};

/// A successfully loaded document.
#[derive(Debug)]
pub struct Loaded {
    /// The typed document, in the 3.1 shape.
    pub document: Document,
    /// The files it was read from (for diagnostics).
    pub sources: Sources,
    /// The parsed tree of each file, indexed like `sources` (kept so that slices of the
    /// original document can be written out again).
    pub trees: Vec<Node>,
    /// Warnings found while loading; the document is usable regardless.
    pub warnings: Vec<Diagnostic>,
}

/// A document that could not be loaded.
#[derive(Debug)]
pub struct LoadError {
    /// The files read before the failure (for rendering the diagnostics).
    pub sources: Sources,
    /// Every error and warning found, in order.
    pub diagnostics: Vec<Diagnostic>,
}

impl LoadError {
    fn single(sources: Sources, diagnostic: Diagnostic) -> Self {
        LoadError {
            sources,
            diagnostics: vec![diagnostic],
        }
    }

    /// The errors (not the warnings).
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|item| item.is_error())
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut first = true;
        for diagnostic in self.errors() {
            if !first {
                formatter.write_str("\n")?;
            }
            first = false;
            formatter.write_str(&diagnostic.to_plain(&self.sources))?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Loads an OpenAPI 3.0/3.1 document from a file, following relative `$ref`s into other files.
///
/// # Errors
/// [`LoadError`] with at least one error diagnostic when a file cannot be read, is not valid
/// JSON/YAML, is Swagger 2.0 or an unknown OpenAPI version, lacks `paths`, has a keyword of the
/// wrong type, or has a `$ref` that points nowhere.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let mut files = Files::default();
    let root = match files.read(path, path.display().to_string()) {
        Ok(root) => root,
        Err(FileFailure::Io(message)) => {
            return Err(LoadError::single(
                files.sources,
                Diagnostic::error_without_span(format!(
                    "cannot read {}: {message}",
                    path.display()
                )),
            ));
        }
        Err(FileFailure::Syntax(diagnostic)) => {
            return Err(LoadError::single(files.sources, *diagnostic));
        }
    };
    finish(files, root)
}

/// Loads a document from text already in memory. `name` is used in diagnostics and to choose
/// the syntax (`.json` → JSON); relative `$ref`s are resolved against `base_dir`.
///
/// # Errors
/// As for [`load`].
pub fn load_from_str(name: &str, text: &str, base_dir: &Path) -> Result<Loaded, LoadError> {
    let mut files = Files::default();
    let path = base_dir.join(name);
    let root = match files.add_text(path, name.to_owned(), Arc::from(text)) {
        Ok(root) => root,
        Err(diagnostic) => return Err(LoadError::single(files.sources, *diagnostic)),
    };
    finish(files, root)
}

fn finish(mut files: Files, root: SourceId) -> Result<Loaded, LoadError> {
    files.load_referenced(root);
    if let Some(diagnostic) = files.syntax_failure.take() {
        return Err(LoadError::single(files.sources, *diagnostic));
    }
    let mut diagnostics = Diagnostics::default();
    let document = crate::parse::read_document(&files, root, &mut diagnostics);
    match document {
        Some(document) if !diagnostics.has_errors() => Ok(Loaded {
            document,
            sources: files.sources,
            trees: files.trees,
            warnings: diagnostics.take(),
        }),
        _ => {
            let mut diagnostics = diagnostics.take();
            // Errors first, in source order, so the most useful message leads.
            diagnostics.sort_by_key(|item| std::cmp::Reverse(item.severity));
            Err(LoadError {
                sources: files.sources,
                diagnostics,
            })
        }
    }
}

/// Why a file could not be used.
enum FileFailure {
    /// It could not be read (missing, unreadable, not UTF-8).
    Io(String),
    /// It is not valid JSON/YAML.
    Syntax(Box<Diagnostic>),
}

/// All files of one load and their parsed trees.
#[derive(Default)]
pub(crate) struct Files {
    pub(crate) sources: Sources,
    pub(crate) trees: Vec<Node>,
    /// Files that were referenced but could not be read, by canonical path.
    unreadable: FxHashMap<PathBuf, String>,
    /// A referenced file that is not valid JSON/YAML: always fatal.
    syntax_failure: Option<Box<Diagnostic>>,
    /// Per file (indexed like `trees`), the `$ref` values that name other files.
    file_refs: Vec<Vec<String>>,
}

impl Files {
    fn read(&mut self, path: &Path, name: String) -> Result<SourceId, FileFailure> {
        let canonical =
            std::fs::canonicalize(path).map_err(|error| FileFailure::Io(error.to_string()))?;
        if let Some(id) = self.sources.find(&canonical) {
            return Ok(id);
        }
        let bytes =
            std::fs::read(&canonical).map_err(|error| FileFailure::Io(error.to_string()))?;
        let text = String::from_utf8(bytes)
            .map_err(|error| FileFailure::Io(format!("the file is not valid UTF-8 ({error})")))?;
        self.add_text(canonical, name, Arc::from(text))
            .map_err(FileFailure::Syntax)
    }

    fn add_text(
        &mut self,
        path: PathBuf,
        name: String,
        text: Arc<str>,
    ) -> Result<SourceId, Box<Diagnostic>> {
        let is_json = match path.extension().and_then(|extension| extension.to_str()) {
            Some(extension) if extension.eq_ignore_ascii_case("json") => true,
            Some(extension)
                if extension.eq_ignore_ascii_case("yaml")
                    || extension.eq_ignore_ascii_case("yml") =>
            {
                false
            }
            _ => text
                .trim_start_matches('\u{feff}')
                .trim_start()
                .starts_with('{'),
        };
        let id = self.sources.add(path, name, Arc::clone(&text));
        let (tree, file_refs) = if is_json {
            crate::json::parse_collecting_refs(&text, id)?
        } else {
            crate::yaml::parse_collecting_refs(&text, id)?
        };
        self.trees.push(tree);
        self.file_refs.push(file_refs);
        Ok(id)
    }

    /// The tree of a file.
    pub(crate) fn tree(&self, id: SourceId) -> Option<&Node> {
        self.trees.get(id.0 as usize)
    }

    /// Reads every file named by a relative `$ref`, transitively.
    fn load_referenced(&mut self, root: SourceId) {
        let mut queue = vec![root];
        while let Some(file) = queue.pop() {
            let mut targets: Vec<String> = Vec::new();
            for reference in self.file_refs.get(file.0 as usize).into_iter().flatten() {
                let file_part = reference.split('#').next().unwrap_or("");
                if !is_url(file_part) && !targets.iter().any(|seen| seen == file_part) {
                    targets.push(file_part.to_owned());
                }
            }
            let base = self.sources.get(file).path().to_path_buf();
            for target in targets {
                let path = resolve_relative(&base, &target);
                let Ok(canonical) = std::fs::canonicalize(&path) else {
                    self.unreadable
                        .entry(path)
                        .or_insert_with(|| String::from("no such file"));
                    continue;
                };
                if self.sources.find(&canonical).is_some()
                    || self.unreadable.contains_key(&canonical)
                {
                    continue;
                }
                let name = display_name(&self.sources, file, &target);
                match self.read(&canonical, name) {
                    Ok(id) => queue.push(id),
                    Err(FileFailure::Io(message)) => {
                        self.unreadable.insert(canonical, message);
                    }
                    Err(FileFailure::Syntax(diagnostic)) => {
                        if self.syntax_failure.is_none() {
                            self.syntax_failure = Some(diagnostic);
                        }
                    }
                }
            }
        }
    }

    /// Finds the file a `$ref`'s file part names, relative to the referencing file.
    pub(crate) fn find_file(&self, from: SourceId, file_part: &str) -> Result<SourceId, String> {
        let base = self.sources.get(from).path();
        let path = resolve_relative(base, file_part);
        match std::fs::canonicalize(&path) {
            Ok(canonical) => self.sources.find(&canonical).ok_or_else(|| {
                self.unreadable
                    .get(&canonical)
                    .cloned()
                    .unwrap_or_else(|| String::from("the file could not be read"))
            }),
            Err(error) => Err(error.to_string()),
        }
    }
}

/// How a referenced file is named in diagnostics: relative to the directory of the file that
/// names it, joined onto that file's own display name.
fn display_name(sources: &Sources, from: SourceId, target: &str) -> String {
    let from_name = sources.get(from).name();
    match Path::new(from_name).parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join(target).display().to_string(),
        _ => target.to_owned(),
    }
}

fn resolve_relative(base_file: &Path, target: &str) -> PathBuf {
    let decoded = percent_decode(target);
    match base_file.parent() {
        Some(parent) => parent.join(decoded),
        None => PathBuf::from(decoded),
    }
}

/// Percent-decodes a URI component (`%7B` → `{`); invalid UTF-8 falls back to the raw text.
pub(crate) fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .map_or_else(|_| text.to_owned(), |decoded| decoded.into_owned())
}

/// True for absolute URIs with a scheme (`https://…`, `urn:…`), which clientgen does not fetch.
pub(crate) fn is_url(reference: &str) -> bool {
    match reference.find(':') {
        Some(colon) => {
            let scheme = &reference[..colon];
            // A single letter is a Windows drive (`C:\specs\a.yaml`), not a scheme.
            scheme.len() > 1
                && scheme
                    .chars()
                    .all(|character| character.is_ascii_alphanumeric() || "+-.".contains(character))
        }
        None => false,
    }
}

/// A parsed `$ref` value: which file, and which JSON pointer inside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    pub(crate) source: SourceId,
    /// Percent-decoded JSON pointer; empty for the whole file.
    pub(crate) pointer: String,
}

impl Files {
    /// Interprets a `$ref` string written in file `from`.
    pub(crate) fn target(
        &self,
        from: SourceId,
        reference: &str,
        span: Span,
    ) -> Result<Target, Box<Diagnostic>> {
        let (file_part, fragment) = match reference.split_once('#') {
            Some((file_part, fragment)) => (file_part, fragment),
            None => (reference, ""),
        };
        if is_url(file_part) {
            return Err(Box::new(
                Diagnostic::error(
                    span,
                    format!("remote reference `{reference}` is not supported"),
                )
                .with_label("remote $ref")
                .with_help("download the referenced document and refer to it by a relative path"),
            ));
        }
        let source = if file_part.is_empty() {
            from
        } else {
            self.find_file(from, file_part).map_err(|message| {
                Box::new(
                    Diagnostic::error(
                        span,
                        format!(
                            "`$ref` names the file `{file_part}`, which cannot be read: {message}"
                        ),
                    )
                    .with_label("dangling $ref"),
                )
            })?
        };
        let pointer = percent_decode(fragment);
        if !pointer.is_empty() && !pointer.starts_with('/') {
            return Err(Box::new(
                Diagnostic::error(
                    span,
                    format!("`$ref` fragment `#{fragment}` is not a JSON pointer"),
                )
                .with_label("expected `#/…`")
                .with_help("anchors (`#name`) are not supported; use a pointer such as `#/components/schemas/Name`"),
            ));
        }
        Ok(Target { source, pointer })
    }

    /// The node a target points at.
    pub(crate) fn node_at(&self, target: &Target) -> Option<&Node> {
        self.tree(target.source)?.pointer(&target.pointer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_and_drive_letters() {
        assert!(is_url("https://example.com/a.yaml"));
        assert!(is_url("urn:x"));
        assert!(!is_url("C:\\specs\\a.yaml"));
        assert!(!is_url("../common.yaml"));
    }

    #[test]
    fn an_empty_type_is_a_warning_and_an_unknown_type_an_error() {
        let document = |ty: &str| {
            format!(
                "openapi: 3.1.0\ninfo: {{title: T, version: '1'}}\npaths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        move: {{type: {ty}, nullable: true}}\n"
            )
        };
        let loaded = match load_from_str("t.yaml", &document("''"), Path::new(".")) {
            Ok(loaded) => loaded,
            Err(failure) => panic!("expected a document, got {:?}", failure.diagnostics),
        };
        assert_eq!(loaded.warnings.len(), 1);
        assert_eq!(loaded.warnings[0].message, "empty `type` is ignored");
        let failure = match load_from_str("t.yaml", &document("strng"), Path::new(".")) {
            Ok(_) => panic!("`type: strng` must be an error"),
            Err(failure) => failure,
        };
        assert!(
            failure
                .diagnostics
                .iter()
                .any(|diagnostic| diagnostic.message == "unknown type `strng`")
        );
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("/paths/~1pets%7Bid%7D"), "/paths/~1pets{id}");
        assert_eq!(percent_decode("plain"), "plain");
    }
}
