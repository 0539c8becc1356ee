//! Python literals, identifiers and docstrings, written the way ruff's formatter leaves them.

use clientgen_emit::CodeWriter;

/// Python's hard keywords: never usable as identifiers.
pub(crate) const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// Python's lower-case builtins (`dir(builtins)` of CPython 3.13) and the names the lazy
/// `__init__.py` loaders use (`import_module`, `annotations`). A module file named like one of
/// these would shadow it in its package's `__init__.py`: type checkers bind a submodule's name
/// in the package namespace on import (so `-> object` would name the module `object.py`), and
/// Python itself does so at run time once the submodule is imported.
pub(crate) const PACKAGE_NAMES: &[&str] = &[
    "abs",
    "aiter",
    "all",
    "anext",
    "any",
    "ascii",
    "bin",
    "bool",
    "breakpoint",
    "bytearray",
    "bytes",
    "callable",
    "chr",
    "classmethod",
    "compile",
    "complex",
    "copyright",
    "credits",
    "delattr",
    "dict",
    "dir",
    "divmod",
    "enumerate",
    "eval",
    "exec",
    "exit",
    "filter",
    "float",
    "format",
    "frozenset",
    "getattr",
    "globals",
    "hasattr",
    "hash",
    "help",
    "hex",
    "id",
    "input",
    "int",
    "isinstance",
    "issubclass",
    "iter",
    "len",
    "license",
    "list",
    "locals",
    "map",
    "max",
    "memoryview",
    "min",
    "next",
    "object",
    "oct",
    "open",
    "ord",
    "pow",
    "print",
    "property",
    "quit",
    "range",
    "repr",
    "reversed",
    "round",
    "set",
    "setattr",
    "slice",
    "sorted",
    "staticmethod",
    "str",
    "sum",
    "super",
    "tuple",
    "type",
    "vars",
    "zip",
    "import_module",
    "annotations",
    "importlib",
    "typing",
];

/// A string literal as ruff writes it: double quotes unless the text holds more double than
/// single quotes, escapes only where needed, lower-case hex escapes.
pub(crate) fn string_literal(text: &str) -> String {
    let doubles = text.matches('"').count();
    let singles = text.matches('\'').count();
    let quote = if doubles > singles { '\'' } else { '"' };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for character in text.chars() {
        push_escaped(&mut out, character, quote);
    }
    out.push(quote);
    out
}

fn push_escaped(out: &mut String, character: char, quote: char) {
    match character {
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        character if character == quote => {
            out.push('\\');
            out.push(character);
        }
        character if needs_escape(character) => {
            let code = character as u32;
            if code <= 0xff {
                out.push_str(&format!("\\x{code:02x}"));
            } else if code <= 0xffff {
                out.push_str(&format!("\\u{code:04x}"));
            } else {
                out.push_str(&format!("\\U{code:08x}"));
            }
        }
        character => out.push(character),
    }
}

/// Characters that must not appear raw in source: controls and line separators.
fn needs_escape(character: char) -> bool {
    character.is_control()
        || matches!(
            character,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{200b}'..='\u{200f}'
        )
}

/// Text for a docstring line: backslashes doubled, control characters escaped, `"""` broken.
fn docstring_text(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for character in line.chars() {
        match character {
            '\\' => out.push_str("\\\\"),
            '\r' | '\n' => {}
            character if needs_escape(character) => push_escaped(&mut out, character, '"'),
            character => out.push(character),
        }
    }
    out.replace("\"\"\"", "\\\"\\\"\\\"")
}

/// Writes a docstring the way ruff formats it (nothing for no lines): one line when there
/// is one, else the summary on the first line and the closing quotes on their own line.
/// Blank lines at both ends are dropped, and the indentation the lines after the first have
/// in common is removed.
pub(crate) fn write_docstring(writer: &mut CodeWriter, lines: &[String]) {
    let mut lines: Vec<String> = lines
        .iter()
        .map(|line| line.replace('\t', "    ").trim_end().to_owned())
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    while lines.first().is_some_and(String::is_empty) {
        lines.remove(0);
    }
    let Some(first) = lines.first_mut() else {
        return;
    };
    let trimmed = first.trim_start().to_owned();
    *first = trimmed;
    let common = lines
        .iter()
        .skip(1)
        .filter(|line| !line.is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    if common > 0 {
        for line in lines.iter_mut().skip(1) {
            if !line.is_empty() {
                *line = line[common..].to_owned();
            }
        }
    }
    let count = lines.len();
    let mut escaped: Vec<String> = Vec::with_capacity(count);
    for (index, line) in lines.iter().enumerate() {
        // A quote right before the closing quotes must be escaped.
        let text = if index + 1 == count && line.ends_with('"') {
            format!("{}\\\"", docstring_text(&line[..line.len() - 1]))
        } else {
            docstring_text(line)
        };
        escaped.push(text);
    }
    if escaped[0].starts_with('"') {
        escaped[0].insert(0, ' ');
    }
    if count == 1 {
        writer.line(format!("\"\"\"{}\"\"\"", escaped[0]));
        return;
    }
    writer.line(format!("\"\"\"{}", escaped[0]));
    for line in &escaped[1..] {
        writer.line(line);
    }
    writer.line("\"\"\"");
}

/// The lines of a description for a docstring.
pub(crate) fn description_lines(text: &str) -> Vec<String> {
    clientgen_emit::description_lines(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals() {
        assert_eq!(string_literal("a"), "\"a\"");
        assert_eq!(string_literal("it's"), "\"it's\"");
        assert_eq!(string_literal("say \"hi\""), "'say \"hi\"'");
        assert_eq!(string_literal("a\\b\n\u{b}"), "\"a\\\\b\\n\\x0b\"");
    }

    #[test]
    fn docstrings() {
        let mut writer = CodeWriter::new("    ");
        write_docstring(&mut writer, &["Summary \"x\"".into()]);
        assert_eq!(writer.finish(), "\"\"\"Summary \"x\\\"\"\"\"\n");
        let mut writer = CodeWriter::new("    ");
        write_docstring(
            &mut writer,
            &[
                "".into(),
                "A".into(),
                "".into(),
                "  - b".into(),
                "  - c\\d".into(),
            ],
        );
        assert_eq!(writer.finish(), "\"\"\"A\n\n- b\n- c\\\\d\n\"\"\"\n");
    }
}
