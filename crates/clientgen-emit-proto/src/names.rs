//! Protocol Buffers identifiers: packages, messages, enums, fields.

use clientgen_ir::naming::{self, reserved};

/// Lower-case words that must not be a package component or field name: proto keywords and
/// the keywords of the languages stubs are generated for (Python imports packages by them).
fn is_reserved(name: &str) -> bool {
    reserved::PROTO.contains(&name)
        || reserved::PYTHON
            .iter()
            .any(|word| word.eq_ignore_ascii_case(name))
}

/// A package component in `lower_snake_case`: `Allauth: Authentication` →
/// `allauth_authentication`; a leading digit gets `tag_`, a reserved word `_api`.
pub(crate) fn package_component(name: &str, fallback: &str) -> String {
    let mut component = naming::snake_case(name);
    if component.is_empty() {
        component = fallback.to_owned();
    }
    if component.starts_with(|character: char| character.is_ascii_digit()) {
        component.insert_str(0, "tag_");
    }
    if is_reserved(&component) {
        component.push_str("_api");
    }
    component
}

/// A message or enum name in `PascalCase` that keeps the document's spelling
/// (`Multi-language string` → `MultiLanguageString`); a leading digit gets `X`.
pub(crate) fn type_identifier(original: &str) -> String {
    let mut name = naming::type_name(original);
    if name.is_empty() {
        name = String::from("Type");
    }
    if name.starts_with(|character: char| character.is_ascii_digit()) {
        name.insert(0, 'X');
    }
    name
}

/// A `PascalCase` identifier from words (RPC names, wrapper messages).
pub(crate) fn pascal(name: &str, fallback: &str) -> String {
    let mut result = naming::pascal_case(name);
    if result.is_empty() {
        result = fallback.to_owned();
    }
    if result.starts_with(|character: char| character.is_ascii_digit()) {
        result.insert(0, 'X');
    }
    result
}

/// A field name in `lower_snake_case`: `isGlobal` → `is_global`, `+1` → `field_1`,
/// `from` → `from_value`.
pub(crate) fn field_name(name: &str) -> String {
    let mut field = naming::snake_case(name);
    if field.is_empty() {
        field = String::from("field");
    }
    if field.starts_with(|character: char| character.is_ascii_digit()) {
        field.insert_str(0, "field_");
    }
    if is_reserved(&field) {
        field.push_str("_value");
    }
    field
}

/// The JSON name protoc derives from a field name (`is_global` → `isGlobal`).
pub(crate) fn default_json_name(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut upper = false;
    for character in field.chars() {
        if character == '_' {
            upper = true;
        } else if upper {
            out.push(character.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(character);
        }
    }
    out
}

/// A proto string literal (double quotes, C escapes).
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
            character if character.is_control() => {
                let mut buffer = [0u8; 4];
                for byte in character.encode_utf8(&mut buffer).bytes() {
                    out.push_str(&format!("\\{byte:03o}"));
                }
            }
            character => out.push(character),
        }
    }
    out.push('"');
    out
}

/// Comment lines (`// …`) for a description, at `indent`.
pub(crate) fn comment(text: &str, indent: &str) -> Vec<String> {
    clientgen_emit::description_lines(text)
        .into_iter()
        .map(|line| {
            let line: String = line
                .chars()
                .map(|character| {
                    if character.is_control() {
                        ' '
                    } else {
                        character
                    }
                })
                .collect();
            let line = line.trim_end();
            if line.is_empty() {
                format!("{indent}//")
            } else {
                format!("{indent}// {line}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers() {
        assert_eq!(
            package_component("Allauth: Authentication", "x"),
            "allauth_authentication"
        );
        assert_eq!(package_component("2fa", "x"), "tag_2fa");
        assert_eq!(package_component("class", "x"), "class_api");
        assert_eq!(field_name("isGlobal"), "is_global");
        assert_eq!(field_name("+1"), "field_1");
        assert_eq!(field_name("from"), "from_value");
        assert_eq!(default_json_name("is_global_2"), "isGlobal2");
        assert_eq!(type_identifier("2fa"), "X2fa");
        assert_eq!(string_literal("a\"b\\\u{1}"), "\"a\\\"b\\\\\\001\"");
    }
}
