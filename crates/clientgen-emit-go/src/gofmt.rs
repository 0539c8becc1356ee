//! Writing Go that `gofmt` leaves as it is: column alignment the way `text/tabwriter` does it
//! for gofmt, doc comments in the form gofmt's doc-comment reformatter prints, string
//! literals, struct tags, and import lists derived from the code actually written.

use std::collections::BTreeSet;

/// One line of an aligned block (a struct body or a `const (…)` group).
#[derive(Debug, Clone)]
pub(crate) enum Row {
    /// Cells separated by alignment: every cell but the last is padded to its column.
    Cells(Vec<String>),
    /// A line that is not aligned (a comment); it ends the current alignment section.
    Text(String),
    /// An empty line; it ends the current alignment section.
    Blank,
}

/// Renders rows the way gofmt's tabwriter does (padding 1, spaces, column blocks of
/// consecutive lines), each line prefixed by `indent`.
pub(crate) fn align(rows: &[Row], indent: &str) -> Vec<String> {
    let cells: Vec<&[String]> = rows
        .iter()
        .map(|row| match row {
            Row::Cells(cells) => cells.as_slice(),
            _ => &[][..],
        })
        .collect();
    let mut widths: Vec<Vec<usize>> = cells.iter().map(|line| vec![0; line.len()]).collect();
    column_blocks(&cells, 0, 0, cells.len(), &mut widths);
    rows.iter()
        .enumerate()
        .map(|(index, row)| match row {
            Row::Blank => String::new(),
            Row::Text(text) => format!("{indent}{text}"),
            Row::Cells(line) => {
                let mut out = String::from(indent);
                for (column, cell) in line.iter().enumerate() {
                    out.push_str(cell);
                    if column + 1 < line.len() {
                        let width = widths[index][column];
                        let used = cell.chars().count();
                        for _ in used..width.max(used + 1) {
                            out.push(' ');
                        }
                    }
                }
                out
            }
        })
        .collect()
}

/// `text/tabwriter`'s `format`: a column block is a run of consecutive lines that all have a
/// cell in `column` followed by another cell; its width is the widest cell plus the padding.
fn column_blocks(
    lines: &[&[String]],
    column: usize,
    start: usize,
    end: usize,
    widths: &mut [Vec<usize>],
) {
    let has_cell = |line: &[String]| line.len() > column + 1;
    let mut this = start;
    while this < end {
        if !has_cell(lines[this]) {
            this += 1;
            continue;
        }
        let begin = this;
        let mut width = 0;
        while this < end && has_cell(lines[this]) {
            width = width.max(lines[this][column].chars().count() + 1);
            this += 1;
        }
        for line_widths in &mut widths[begin..this] {
            line_widths[column] = width;
        }
        column_blocks(lines, column + 1, begin, this, widths);
    }
}

/// The lines of a doc comment (without `// `) for a description, in the form gofmt's doc
/// comment reformatter prints them, so that gofmt changes nothing:
///
/// * lines are trimmed (indented lines would become code blocks or lists);
/// * runs of blank lines become one, and none lead or trail;
/// * a line that Go reads as an old-style heading is written as a `# ` heading;
/// * paragraphs made only of link definitions (`[text]: url`) move to the end;
/// * characters Go source may not contain (NUL, a byte order mark) and other control
///   characters become spaces.
pub(crate) fn doc_lines(text: &str) -> Vec<String> {
    let cleaned: String = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .map(|character| {
            if character == '\n' || character == '\t' {
                character
            } else if character.is_control() || character == '\u{feff}' {
                ' '
            } else {
                character
            }
        })
        .collect();
    let mut lines: Vec<String> = Vec::new();
    for line in cleaned.split('\n') {
        // gofmt's doc comment printer writes `` and '' as typographic quotes.
        let trimmed = line
            .trim()
            .replace('\t', " ")
            .replace("``", "\u{201c}")
            .replace("''", "\u{201d}");
        if trimmed.is_empty() && lines.last().is_none_or(|last: &String| last.is_empty()) {
            continue;
        }
        lines.push(trimmed);
    }
    while lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    // Paragraphs.
    let mut paragraphs: Vec<Vec<String>> = Vec::new();
    for line in lines {
        if line.is_empty() {
            paragraphs.push(Vec::new());
        } else {
            match paragraphs.last_mut() {
                Some(paragraph) => paragraph.push(line),
                None => paragraphs.push(vec![line]),
            }
        }
    }
    let (links, mut paragraphs): (Vec<Vec<String>>, Vec<Vec<String>>) = paragraphs
        .into_iter()
        .filter(|paragraph| !paragraph.is_empty())
        .partition(|paragraph| paragraph.iter().all(|line| is_link_definition(line)));
    let count = paragraphs.len();
    for (index, paragraph) in paragraphs.iter_mut().enumerate() {
        let heading =
            index > 0 && index + 1 < count && paragraph.len() == 1 && is_old_heading(&paragraph[0]);
        if heading {
            paragraph[0] = format!("# {}", paragraph[0]);
        }
    }
    if !links.is_empty() {
        paragraphs.push(links.into_iter().flatten().collect());
    }
    let mut out = Vec::new();
    for (index, paragraph) in paragraphs.into_iter().enumerate() {
        if index > 0 {
            out.push(String::new());
        }
        out.extend(paragraph);
    }
    out
}

/// `go/doc/comment`'s test for an old-style (implicit) heading line.
fn is_old_heading(line: &str) -> bool {
    let mut characters = line.chars();
    let Some(first) = characters.next() else {
        return false;
    };
    if !(first.is_alphabetic() && first.is_uppercase()) {
        return false;
    }
    let Some(last) = line.chars().last() else {
        return false;
    };
    if !(last.is_alphabetic() || last.is_numeric()) {
        return false;
    }
    if line.contains(|character: char| ";:!?+*/=[]{}_^°&§~%#@<\">\\".contains(character)) {
        return false;
    }
    let mut rest = line;
    while let Some((_, after)) = rest.split_once('\'') {
        if after != "s" && !after.starts_with("s ") {
            return false;
        }
        rest = after;
    }
    let mut rest = line;
    while let Some((_, after)) = rest.split_once('.') {
        if after.is_empty() || after.starts_with(' ') {
            return false;
        }
        rest = after;
    }
    true
}

/// A line of the form `[text]: url` (what `go/doc/comment` takes for a link definition).
fn is_link_definition(line: &str) -> bool {
    let Some(rest) = line.strip_prefix('[') else {
        return false;
    };
    let Some((text, after)) = rest.split_once("]:") else {
        return false;
    };
    if text.is_empty() || text.contains(['[', ']']) {
        return false;
    }
    let url = after.trim();
    !url.is_empty() && !url.contains(char::is_whitespace)
}

/// Writes `// ` comment lines for doc lines (an empty doc line becomes `//`).
pub(crate) fn comment_lines(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|line| {
            if line.is_empty() {
                String::from("//")
            } else {
                format!("// {line}")
            }
        })
        .collect()
}

/// A Go interpreted string literal.
pub(crate) fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{feff}' => out.push_str("\\ufeff"),
            character if (character as u32) < 0x20 || character == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", character as u32));
            }
            character if character.is_control() => {
                out.push_str(&format!("\\u{:04x}", character as u32));
            }
            character => out.push(character),
        }
    }
    out.push('"');
    out
}

/// True when `name` can be a key in a `json:"…"` struct tag: `encoding/json` accepts it and
/// `go vet` does not object to it (no spaces).
pub(crate) fn is_json_tag_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().all(|character| {
            character.is_alphanumeric() || "!#$%&()*+-./:;<=>?@[]^_{|}~".contains(character)
        })
}

/// Standard library packages generated code may use, by the name code refers to them with.
const PACKAGES: &[(&str, &str)] = &[
    ("base64", "encoding/base64"),
    ("bytes", "bytes"),
    ("context", "context"),
    ("errors", "errors"),
    ("fmt", "fmt"),
    ("http", "net/http"),
    ("io", "io"),
    ("json", "encoding/json"),
    ("strconv", "strconv"),
    ("strings", "strings"),
    ("sync", "sync"),
    ("time", "time"),
    ("url", "net/url"),
];

/// Package names generated code refers to; locals must not shadow them.
pub(crate) fn package_names() -> impl Iterator<Item = &'static str> {
    PACKAGES.iter().map(|(name, _)| *name)
}

/// The import paths a piece of Go code uses: every `name.` selector on a package of
/// [`PACKAGES`], outside comments and string literals.
pub(crate) fn imports_of(code: &str) -> BTreeSet<&'static str> {
    let mut found = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let bytes = line.as_bytes();
        let mut index = 0;
        let mut previous: u8 = b' ';
        while index < bytes.len() {
            let byte = bytes[index];
            match byte {
                b'"' | b'`' | b'\'' => {
                    let quote = byte;
                    index += 1;
                    while index < bytes.len() && bytes[index] != quote {
                        if bytes[index] == b'\\' && quote != b'`' {
                            index += 1;
                        }
                        index += 1;
                    }
                    index += 1;
                    previous = quote;
                    continue;
                }
                b'/' if bytes.get(index + 1) == Some(&b'/') => break,
                _ => {}
            }
            let starts_word = byte.is_ascii_lowercase()
                && !(previous.is_ascii_alphanumeric() || previous == b'_' || previous == b'.');
            if starts_word {
                let begin = index;
                while index < bytes.len()
                    && (bytes[index].is_ascii_alphanumeric() || bytes[index] == b'_')
                {
                    index += 1;
                }
                if bytes.get(index) == Some(&b'.') {
                    let word = &line[begin..index];
                    if let Some((_, path)) = PACKAGES.iter().find(|(name, _)| *name == word) {
                        found.insert(*path);
                    }
                }
                previous = bytes[index - 1];
                continue;
            }
            previous = byte;
            index += 1;
        }
    }
    found
}

/// An `import` declaration for paths (nothing for none), sorted as gofmt sorts them.
pub(crate) fn import_block(paths: &BTreeSet<&str>) -> String {
    match paths.len() {
        0 => String::new(),
        1 => format!(
            "import {}\n\n",
            string_literal(paths.iter().next().copied().unwrap_or_default())
        ),
        _ => {
            let mut out = String::from("import (\n");
            for path in paths {
                out.push('\t');
                out.push_str(&string_literal(path));
                out.push('\n');
            }
            out.push_str(")\n\n");
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(items: &[&str]) -> Row {
        Row::Cells(items.iter().map(|item| (*item).to_owned()).collect())
    }

    #[test]
    fn aligns_like_gofmt() {
        let rows = vec![
            Row::Text(String::from("// A is a.")),
            cells(&["A", "int", "`json:\"a\"`"]),
            Row::Text(String::from("// LongName is b.")),
            cells(&["LongName", "string", "`json:\"long_name\"`"]),
            cells(&["B", "*int", "`json:\"b,omitempty\"`"]),
            Row::Blank,
            cells(&["Cccccccccc", "bool"]),
            cells(&["D", "Nullable[int]", "`json:\"d\"`"]),
        ];
        assert_eq!(
            align(&rows, "\t"),
            vec![
                "\t// A is a.",
                "\tA int `json:\"a\"`",
                "\t// LongName is b.",
                "\tLongName string `json:\"long_name\"`",
                "\tB        *int   `json:\"b,omitempty\"`",
                "",
                "\tCccccccccc bool",
                "\tD          Nullable[int] `json:\"d\"`",
            ]
        );
    }

    #[test]
    fn doc_comments_take_gofmt_form() {
        assert_eq!(
            doc_lines("Doc one.\n\n\n  Heading Here\n\ntext\n\n[a]: http://x\n\n  - item\n"),
            vec![
                "Doc one.",
                "",
                "# Heading Here",
                "",
                "text",
                "",
                "- item",
                "",
                "[a]: http://x"
            ]
        );
        assert_eq!(
            doc_lines("Ends with a period.\n\nNext."),
            ["Ends with a period.", "", "Next."]
        );
    }

    #[test]
    fn literals_and_imports() {
        assert_eq!(string_literal("a\"b\\c\n\u{0}"), "\"a\\\"b\\\\c\\n\\x00\"");
        let code =
            "x := json.Marshal(v) // time.Now\ny := \"fmt.Sprintf\"\nz := strconv.Itoa(n.time)\n";
        assert_eq!(
            imports_of(code).into_iter().collect::<Vec<_>>(),
            vec!["encoding/json", "strconv"]
        );
        assert!(is_json_tag_name("kobo--lock_all"));
        assert!(!is_json_tag_name("a b"));
        assert!(!is_json_tag_name("a,b"));
    }
}
