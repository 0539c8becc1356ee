//! Source files and byte spans into them.
//!
//! Every node of a loaded document remembers the [`Span`] it came from, so that any problem
//! found later (while lowering to the IR, or even while emitting) can be reported with the
//! file, line and column of the offending text.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Index of a file in a [`Sources`] set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SourceId(pub u32);

/// A half-open byte range `start..end` in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Span {
    /// The file the range lies in.
    pub source: SourceId,
    /// Byte offset of the first byte.
    pub start: u32,
    /// Byte offset one past the last byte.
    pub end: u32,
}

impl Span {
    /// A span covering `start..end` (byte offsets) of `source`.
    pub fn new(source: SourceId, start: usize, end: usize) -> Self {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        Span { source, start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    /// True when the span covers no bytes (a position rather than a range).
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// One loaded file: its path as given, its display name and its full text (shared, so clones
/// are cheap).
#[derive(Debug, Clone)]
pub struct SourceFile {
    path: PathBuf,
    name: String,
    text: Arc<str>,
    /// Byte offsets at which each line starts; computed on first use (diagnostics only).
    line_starts: OnceLock<Vec<u32>>,
}

impl SourceFile {
    /// The path the file was read from (or a label such as `<stdin>` for in-memory input).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The name shown in diagnostics: the path as the user wrote it.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The full text of the file.
    pub fn text(&self) -> &Arc<str> {
        &self.text
    }

    /// 1-based line and 1-based column (in characters) of a byte offset.
    pub fn line_column(&self, offset: u32) -> (usize, usize) {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(
                    self.text
                        .bytes()
                        .enumerate()
                        .filter(|(_, byte)| *byte == b'\n')
                        .map(|(index, _)| u32::try_from(index + 1).unwrap_or(u32::MAX)),
                )
                .collect()
        });
        let line = starts.partition_point(|start| *start <= offset).max(1) - 1;
        let line_start = starts[line] as usize;
        let end = (offset as usize).min(self.text.len());
        let column = self
            .text
            .get(line_start..end)
            .map_or(end - line_start, |prefix| prefix.chars().count());
        (line + 1, column + 1)
    }
}

/// The set of files a document was loaded from: the root document first, then every file
/// reached through a relative `$ref`, in the order they were first referenced.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its id. `name` is what diagnostics print for it.
    pub fn add(&mut self, path: PathBuf, name: String, text: Arc<str>) -> SourceId {
        let id = SourceId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile {
            path,
            name,
            text,
            line_starts: OnceLock::new(),
        });
        id
    }

    /// The file with the given id.
    ///
    /// Ids are only created by [`Sources::add`], so an id from this set is always valid; an id
    /// from another set falls back to the root file rather than panicking.
    pub fn get(&self, id: SourceId) -> &SourceFile {
        let index = id.0 as usize;
        self.files
            .get(index)
            .or_else(|| self.files.first())
            .unwrap_or_else(|| unreachable_empty())
    }

    /// Looks up a file by its (canonicalised) path.
    pub fn find(&self, path: &Path) -> Option<SourceId> {
        self.files
            .iter()
            .position(|file| file.path == path)
            .map(|index| SourceId(index as u32))
    }

    /// All files, root first.
    pub fn iter(&self) -> impl Iterator<Item = (SourceId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(index, file)| (SourceId(index as u32), file))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when no file has been added.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// `name:line:column` of the start of a span, as printed in plain-text messages.
    pub fn location(&self, span: Span) -> String {
        let file = self.get(span.source);
        let (line, column) = file.line_column(span.start);
        format!("{}:{line}:{column}", file.name())
    }
}

/// `Sources::get` on an empty set: only reachable through a programming error, never through
/// input data, because every loader path adds the root file before creating any span.
#[cold]
fn unreachable_empty() -> &'static SourceFile {
    static EMPTY: OnceLock<SourceFile> = OnceLock::new();
    EMPTY.get_or_init(|| SourceFile {
        path: PathBuf::new(),
        name: String::from("<empty>"),
        text: Arc::from(""),
        line_starts: OnceLock::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_are_one_based_and_count_characters() {
        let mut sources = Sources::new();
        let id = sources.add(
            PathBuf::from("a.yaml"),
            "a.yaml".into(),
            Arc::from("ab\nçd: x\n"),
        );
        let file = sources.get(id);
        assert_eq!(file.line_column(0), (1, 1));
        assert_eq!(file.line_column(3), (2, 1));
        // "ç" is two bytes; the byte after it is the second character of the line.
        assert_eq!(file.line_column(5), (2, 2));
        assert_eq!(sources.location(Span::new(id, 3, 4)), "a.yaml:2:1");
    }
}
