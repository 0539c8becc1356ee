//! Line breaking the way ruff's formatter (and black) does it, for the statements the emitter
//! writes.
//!
//! Statements are built as documents in the style of Wadler's "prettier printer": text, line
//! breaks that only happen when their group does not fit in the line, groups and indentation.
//! The builders below ([`call`], [`parameters`], [`subscript`], [`collection`], [`union`])
//! arrange their groups the way ruff's formatter does for the same syntax, so the printed
//! code needs no reformatting: a call whose arguments fit on one indented line keeps them
//! together ("hugging"), otherwise it puts one argument per line with a trailing comma;
//! collection literals and imports always go one element per line; a sole argument never
//! gets a trailing comma, a sole parameter does.

/// The line length ruff formats to by default.
pub(crate) const LINE_WIDTH: usize = 88;

/// The indentation unit.
const INDENT: usize = 4;

/// A layout document.
#[derive(Debug, Clone)]
pub(crate) enum Doc {
    /// Text without line breaks.
    Text(String),
    /// A space when the enclosing group is flat, a line break when it breaks.
    Line,
    /// Nothing when the enclosing group is flat, a line break when it breaks.
    SoftLine,
    /// Text written only when the enclosing group breaks (trailing commas, parentheses).
    IfBreak(&'static str),
    /// Contents laid out flat if they fit in the line, else broken.
    Group(Vec<Doc>),
    /// Contents one indentation level deeper (after their line breaks).
    Indent(Vec<Doc>),
    /// Contents in sequence.
    Concat(Vec<Doc>),
}

/// Text.
pub(crate) fn text(value: impl Into<String>) -> Doc {
    Doc::Text(value.into())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
}

/// Prints a statement that starts at `indent` columns (the indentation is written too).
pub(crate) fn print(doc: &Doc, indent: usize) -> String {
    let mut out = String::with_capacity(128);
    out.extend(std::iter::repeat_n(' ', indent));
    let mut position = indent;
    let mut stack: Vec<(usize, Mode, &Doc)> = vec![(indent, Mode::Break, doc)];
    while let Some((level, mode, doc)) = stack.pop() {
        match doc {
            Doc::Text(value) => {
                out.push_str(value);
                position += display_width(value);
            }
            Doc::Line | Doc::SoftLine => {
                if mode == Mode::Break {
                    out.push('\n');
                    out.extend(std::iter::repeat_n(' ', level));
                    position = level;
                } else if matches!(doc, Doc::Line) {
                    out.push(' ');
                    position += 1;
                }
            }
            Doc::IfBreak(value) => {
                if mode == Mode::Break {
                    out.push_str(value);
                    position += display_width(value);
                }
            }
            Doc::Group(children) => {
                let group_mode = if mode == Mode::Flat
                    || fits(children, &stack, LINE_WIDTH.saturating_sub(position))
                {
                    Mode::Flat
                } else {
                    Mode::Break
                };
                for child in children.iter().rev() {
                    stack.push((level, group_mode, child));
                }
            }
            Doc::Indent(children) => {
                for child in children.iter().rev() {
                    stack.push((level + INDENT, mode, child));
                }
            }
            Doc::Concat(children) => {
                for child in children.iter().rev() {
                    stack.push((level, mode, child));
                }
            }
        }
    }
    // Lines broken right after an opening bracket never end in spaces, but be safe.
    if out.contains(" \n") {
        out = out
            .split('\n')
            .map(str::trim_end)
            .collect::<Vec<_>>()
            .join("\n");
    }
    out
}

/// Prints a statement at `column` and writes it to `writer`, whose indentation must be
/// `column` (the printed lines carry their full indentation; the writer's is removed).
pub(crate) fn write(writer: &mut clientgen_emit::CodeWriter, doc: &Doc, column: usize) {
    let printed = print(doc, column);
    for line in printed.split('\n') {
        writer.line(line.get(column..).unwrap_or_else(|| line.trim_start()));
    }
}

/// Writes `class name(base):` at column 0, split as ruff does when it is longer than the line
/// (`class VeryLongName(\n    Model\n):`), however long the first line stays.
pub(crate) fn class_header(writer: &mut clientgen_emit::CodeWriter, name: &str, base: &str) {
    write(
        writer,
        &call(format!("class {name}"), vec![text(base)], ":"),
        0,
    );
}

/// The right-hand side of an assignment.
pub(crate) enum Value {
    /// Text that cannot be split (a name, a string, a number): when the line is too long
    /// ruff wraps it in parentheses on a line of its own, if that makes it fit.
    Atom(String),
    /// A call or other bracketed expression, split at its own brackets.
    Bracketed(Doc),
}

/// `target: annotation = value` (or without annotation / value) at `column`, laid out the
/// way ruff does: flat if it fits; an atom value goes in parentheses on its own line when
/// that makes the statement fit, else the annotation is split; a bracketed value is split
/// at its brackets once the annotation no longer fits on the first line.
pub(crate) fn assignment(
    target: &str,
    annotation: Option<Doc>,
    value: Option<Value>,
    column: usize,
) -> String {
    let mut head = vec![text(target.to_owned())];
    if let Some(annotation) = annotation {
        head.push(text(": "));
        head.push(annotation);
    }
    match value {
        None => {
            // An annotation that is a plain name goes in parentheses on a line of its own
            // when the statement is too long and that makes the name fit (ruff's best fit).
            if let [_, _, Doc::Text(name)] = head.as_slice() {
                let one_line = format!("{target}: {name}");
                if column + display_width(&one_line) > LINE_WIDTH
                    && column + INDENT + display_width(name) <= LINE_WIDTH
                {
                    let pad = " ".repeat(column);
                    return format!("{pad}{target}: (\n{pad}    {name}\n{pad})");
                }
            }
            print(&Doc::Concat(head), column)
        }
        Some(Value::Bracketed(doc)) => {
            head.push(text(" = "));
            head.push(doc);
            print(&Doc::Concat(head), column)
        }
        Some(Value::Atom(atom)) => {
            let flat_head = flat(&Doc::Concat(head.clone()));
            let one_line = format!("{flat_head} = {atom}");
            if column + display_width(&one_line) <= LINE_WIDTH {
                return format!("{}{one_line}", " ".repeat(column));
            }
            let value_fits = column + INDENT + display_width(&atom) <= LINE_WIDTH;
            if value_fits && column + display_width(&flat_head) + 4 <= LINE_WIDTH {
                let pad = " ".repeat(column);
                return format!("{pad}{flat_head} = (\n{pad}    {atom}\n{pad})");
            }
            head.push(text(format!(" = {atom}")));
            print(&Doc::Concat(head), column)
        }
    }
}

/// A document laid out on one line.
pub(crate) fn flat(doc: &Doc) -> String {
    let mut out = String::new();
    let mut stack: Vec<&Doc> = vec![doc];
    while let Some(doc) = stack.pop() {
        match doc {
            Doc::Text(value) => out.push_str(value),
            Doc::Line => out.push(' '),
            Doc::SoftLine | Doc::IfBreak(_) => {}
            Doc::Group(children) | Doc::Indent(children) | Doc::Concat(children) => {
                stack.extend(children.iter().rev());
            }
        }
    }
    out
}

/// True when `children` laid out flat, followed by the rest of the statement up to its next
/// possible line break, fit in `width` columns.
fn fits(children: &[Doc], rest: &[(usize, Mode, &Doc)], width: usize) -> bool {
    let mut remaining = width as isize;
    let mut pending: Vec<(Mode, &Doc)> = children
        .iter()
        .rev()
        .map(|child| (Mode::Flat, child))
        .collect();
    let mut rest_index = rest.len();
    loop {
        let Some((mode, doc)) = pending.pop() else {
            if rest_index == 0 {
                return true;
            }
            rest_index -= 1;
            let (_, mode, doc) = rest[rest_index];
            pending.push((mode, doc));
            continue;
        };
        match doc {
            Doc::Text(value) => remaining -= display_width(value) as isize,
            Doc::Line | Doc::SoftLine => {
                if mode == Mode::Break {
                    return true;
                }
                if matches!(doc, Doc::Line) {
                    remaining -= 1;
                }
            }
            Doc::IfBreak(value) => {
                if mode == Mode::Break {
                    remaining -= display_width(value) as isize;
                }
            }
            Doc::Group(children) | Doc::Indent(children) | Doc::Concat(children) => {
                for child in children.iter().rev() {
                    pending.push((mode, child));
                }
            }
        }
        if remaining < 0 {
            return false;
        }
    }
}

/// Columns a text takes: wide East Asian characters and emoji count twice, as in ruff.
pub(crate) fn display_width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    text.chars()
        .map(|character| {
            let code = character as u32;
            let wide = matches!(code,
                0x1100..=0x115F
                | 0x2E80..=0x303E
                | 0x3041..=0x33FF
                | 0x3400..=0x4DBF
                | 0x4E00..=0x9FFF
                | 0xA000..=0xA4CF
                | 0xAC00..=0xD7A3
                | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F
                | 0xFF00..=0xFF60
                | 0xFFE0..=0xFFE6
                | 0x1F300..=0x1F64F
                | 0x1F900..=0x1F9FF
                | 0x20000..=0x3FFFD);
            let zero = matches!(code, 0x0300..=0x036F | 0x200B..=0x200F | 0xFE00..=0xFE0F);
            if zero {
                0
            } else if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

fn join(items: Vec<Doc>, separator: impl Fn() -> Vec<Doc>) -> Vec<Doc> {
    let mut out = Vec::with_capacity(items.len() * 3);
    for (index, item) in items.into_iter().enumerate() {
        if index > 0 {
            out.extend(separator());
        }
        out.push(item);
    }
    out
}

fn comma_separated(items: Vec<Doc>) -> Vec<Doc> {
    join(items, || vec![text(","), Doc::Line])
}

/// `head(arguments)tail` as ruff lays out a call: flat; else the arguments together on one
/// indented line; else one per line with a trailing comma. A sole argument goes on its own
/// line without a comma.
pub(crate) fn call(head: impl Into<String>, arguments: Vec<Doc>, tail: &str) -> Doc {
    bracketed(head.into(), "(", arguments, ")", tail, Trailing::UnlessSole)
}

/// `head(parameters)tail` of a function definition: like [`call`], but a sole parameter put
/// on its own line gets a trailing comma too.
pub(crate) fn parameters(head: impl Into<String>, parameters: Vec<Doc>, tail: &str) -> Doc {
    bracketed(head.into(), "(", parameters, ")", tail, Trailing::Always)
}

/// [`parameters`] already split over lines: for a definition whose return annotation must be
/// split too (ruff splits the parameters first, then the annotation).
pub(crate) fn parameters_split(head: impl Into<String>, parameters: Vec<Doc>, tail: &str) -> Doc {
    match bracketed(head.into(), "(", parameters, ")", tail, Trailing::Always) {
        Doc::Concat(mut parts) => {
            // `[head(, Group([Indent(…), SoftLine]), )tail]`: the group becomes a plain
            // sequence, which the printer lays out broken.
            if let Some(Doc::Group(children)) = parts.get_mut(1) {
                let children = std::mem::take(children);
                parts[1] = Doc::Concat(children);
            }
            Doc::Concat(parts)
        }
        other => other,
    }
}

/// `base[elements]` (a sole element never gets a trailing comma: it would make a tuple).
pub(crate) fn subscript(base: impl Into<String>, elements: Vec<Doc>) -> Doc {
    bracketed(base.into(), "[", elements, "]", "", Trailing::UnlessSole)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Trailing {
    Always,
    UnlessSole,
}

fn bracketed(
    head: String,
    open: &str,
    items: Vec<Doc>,
    close: &str,
    tail: &str,
    trailing: Trailing,
) -> Doc {
    if items.is_empty() {
        return text(format!("{head}{open}{close}{tail}"));
    }
    let sole = items.len() == 1;
    let inner = if sole && trailing == Trailing::UnlessSole {
        items.into_iter().next().unwrap_or_else(|| text(""))
    } else if sole {
        // A sole parameter on its own line gets a comma (in the outer group).
        let mut contents = items;
        contents.push(Doc::IfBreak(","));
        Doc::Concat(contents)
    } else {
        let mut contents = comma_separated(items);
        contents.push(Doc::IfBreak(","));
        Doc::Group(contents)
    };
    Doc::Concat(vec![
        text(format!("{head}{open}")),
        Doc::Group(vec![Doc::Indent(vec![Doc::SoftLine, inner]), Doc::SoftLine]),
        text(format!("{close}{tail}")),
    ])
}

/// A collection literal (`[…]`, `{…}`, `(…)`): flat, else one element per line with a
/// trailing comma.
pub(crate) fn collection(head: &str, open: &str, items: Vec<Doc>, close: &str) -> Doc {
    if items.is_empty() {
        return text(format!("{head}{open}{close}"));
    }
    let mut contents = vec![Doc::SoftLine];
    contents.extend(comma_separated(items));
    contents.push(Doc::IfBreak(","));
    Doc::Concat(vec![
        text(format!("{head}{open}")),
        Doc::Group(vec![Doc::Indent(contents), Doc::SoftLine]),
        text(close),
    ])
}

/// `A | B | C`: flat, else one operand per line, each after the first led by `| `.
pub(crate) fn union(operands: Vec<Doc>) -> Doc {
    if operands.len() == 1 {
        return operands.into_iter().next().unwrap_or_else(|| text(""));
    }
    Doc::Group(join(operands, || vec![Doc::Line, text("| ")]))
}

/// A union as the annotation of an assignment: when it does not fit, ruff wraps it in
/// parentheses and breaks inside them.
pub(crate) fn parenthesized_union(operands: Vec<Doc>) -> Doc {
    if operands.len() == 1 {
        return operands.into_iter().next().unwrap_or_else(|| text(""));
    }
    Doc::Group(vec![
        Doc::IfBreak("("),
        Doc::Indent(vec![Doc::SoftLine, union(operands)]),
        Doc::SoftLine,
        Doc::IfBreak(")"),
    ])
}

/// An `import` statement: `from module import a, b`, or one name per line in parentheses.
pub(crate) fn from_import(module: &str, names: &[String], indent: usize) -> String {
    let flat = format!("from {module} import {}", names.join(", "));
    if indent + display_width(&flat) <= LINE_WIDTH {
        let mut line = " ".repeat(indent);
        line.push_str(&flat);
        return line;
    }
    let pad = " ".repeat(indent);
    let mut out = format!("{pad}from {module} import (\n");
    for name in names {
        out.push_str(&pad);
        out.push_str("    ");
        out.push_str(name);
        out.push_str(",\n");
    }
    out.push_str(&pad);
    out.push(')');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(names: &[&str]) -> Vec<Doc> {
        names.iter().map(|name| text(*name)).collect()
    }

    #[test]
    fn calls_hug_then_explode() {
        let short = call("f", args(&["a", "b"]), "");
        assert_eq!(print(&short, 0), "f(a, b)");
        let long_names: Vec<String> = (0..6)
            .map(|index| format!("argument_{index}_xxxxxxx"))
            .collect();
        let names: Vec<&str> = long_names.iter().map(String::as_str).collect();
        let hugged = call("function_name", args(&names[..4]), "");
        assert_eq!(
            print(&hugged, 0),
            "function_name(\n    argument_0_xxxxxxx, argument_1_xxxxxxx, argument_2_xxxxxxx, argument_3_xxxxxxx\n)"
        );
        let exploded = call("function_name", args(&names), "");
        assert!(print(&exploded, 0).ends_with("    argument_5_xxxxxxx,\n)"));
    }

    #[test]
    fn long_annotations_and_class_headers_as_ruff_writes_them() {
        // Checked against `ruff format` 0.17: a plain-name annotation without a value goes in
        // parentheses when that makes it fit, and stays as it is when nothing fits.
        let name = format!("Location{}", "X".repeat(72));
        assert_eq!(
            assignment("method", Some(text(name.clone())), None, 4),
            format!("    method: (\n        {name}\n    )")
        );
        let longer = format!("{name}{}", "Y".repeat(8));
        assert_eq!(
            assignment("method", Some(text(longer.clone())), None, 4),
            format!("    method: {longer}")
        );
        assert_eq!(
            assignment("method", Some(text("Short")), None, 4),
            "    method: Short"
        );
        let mut writer = clientgen_emit::CodeWriter::new("    ");
        class_header(&mut writer, &longer, "Model");
        class_header(&mut writer, "Ticket", "Model");
        assert_eq!(
            writer.finish(),
            format!("class {longer}(\n    Model\n):\nclass Ticket(Model):\n")
        );
    }

    #[test]
    fn return_annotations_split_after_the_parameters() {
        use crate::types::{PyType, definition};
        let a = PyType::Name(format!("Variant1{}", "x".repeat(40)));
        let b = PyType::Name(format!("Variant2{}", "y".repeat(40)));
        let parameters = || args(&["*", "client: SyncAPIClient", "entity_id: int"]);
        // Checked against `ruff format` 0.17.
        let (short_a, short_b) = (
            PyType::Name(format!("Variant1{}", "x".repeat(30))),
            PyType::Name(format!("Variant2{}", "y".repeat(30))),
        );
        let generic = PyType::Generic(
            String::from("Response"),
            vec![PyType::Union(vec![short_a.clone(), short_b.clone()])],
        );
        assert_eq!(
            print(
                &definition(String::from("def f"), parameters(), &generic, 0),
                0
            ),
            format!(
                "def f(\n    *, client: SyncAPIClient, entity_id: int\n) -> Response[\n    {} | {}\n]:",
                short_a.flat(),
                short_b.flat()
            )
        );
        let union = PyType::Union(vec![a.clone(), b.clone()]);
        assert_eq!(
            print(
                &definition(String::from("def f"), parameters(), &union, 0),
                0
            ),
            format!(
                "def f(\n    *, client: SyncAPIClient, entity_id: int\n) -> (\n    {}\n    | {}\n):",
                a.flat(),
                b.flat()
            )
        );
        let name = PyType::Name(format!("Client{}", "z".repeat(60)));
        assert_eq!(
            print(
                &definition(String::from("def property_name"), args(&["self"]), &name, 4),
                4
            ),
            format!(
                "    def property_name(\n        self,\n    ) -> {}:",
                name.flat()
            )
        );
        let short = PyType::Name(String::from("Ticket"));
        assert_eq!(
            print(
                &definition(String::from("def f"), parameters(), &short, 0),
                0
            ),
            "def f(*, client: SyncAPIClient, entity_id: int) -> Ticket:"
        );
    }

    #[test]
    fn sole_arguments_and_parameters() {
        let long = "x".repeat(90);
        assert_eq!(
            print(&call("f", vec![text(long.clone())], ""), 0),
            format!("f(\n    {long}\n)")
        );
        assert_eq!(
            print(&parameters("def f", vec![text(long.clone())], ":"), 0),
            format!("def f(\n    {long},\n):")
        );
    }

    #[test]
    fn imports_explode() {
        assert_eq!(from_import("a", &["b".into()], 0), "from a import b");
        let names: Vec<String> = (0..20).map(|index| format!("Name{index}")).collect();
        assert!(from_import("module", &names, 0).starts_with("from module import (\n    Name0,\n"));
    }
}
