//! A readable text rendering of the IR, for snapshot tests and `clientgen inspect`.

use std::fmt::Write;

use crate::model::{AdditionalProperties, Api, Origin, PathSegment, Success, TypeId, TypeKind};

/// Renders the API: every named type with its structure, then every operation.
///
/// Anonymous types are written inline (`Ticket[]`, `string | null`); named ones by name with
/// their arena id (`Ticket#12`), so that distinct types of the same name can be told apart.
pub fn dump(api: &Api) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "api {:?} version {:?}", api.title, api.version);
    for id in api.named_types() {
        let def = api.type_def(id);
        let origin = match def.origin {
            Origin::Component => String::new(),
            Origin::Inline => String::from(" (inline)"),
            Origin::RequestView(of) => format!(" (request view of {})", reference(api, of)),
        };
        let _ = write!(out, "\ntype {}{origin} = ", reference(api, id));
        match &def.kind {
            TypeKind::Object(object) => {
                out.push_str("object {\n");
                for property in &object.properties {
                    let mut flags = Vec::new();
                    if property.required {
                        flags.push("required");
                    }
                    if property.read_only {
                        flags.push("readOnly");
                    }
                    if property.write_only {
                        flags.push("writeOnly");
                    }
                    let flags = if flags.is_empty() {
                        String::new()
                    } else {
                        format!(" [{}]", flags.join(", "))
                    };
                    let _ = writeln!(
                        out,
                        "  {:?}: {}{flags}",
                        property.name,
                        inline(api, property.ty, 0)
                    );
                }
                match object.additional {
                    AdditionalProperties::Unspecified => {}
                    AdditionalProperties::Forbidden => out.push_str("  ..: never\n"),
                    AdditionalProperties::Typed(values) => {
                        let _ = writeln!(out, "  ..: {}", inline(api, values, 0));
                    }
                }
                out.push_str("}\n");
            }
            TypeKind::Enum(enumeration) => {
                let _ = writeln!(out, "enum {:?} {{", enumeration.kind);
                for member in &enumeration.members {
                    let _ = writeln!(out, "  {} = {}", member.name, member.value.to_json());
                }
                out.push_str("}\n");
            }
            _ => {
                out.push_str(&structure(api, id, 0));
                out.push('\n');
            }
        }
    }
    for operation in &api.operations {
        let _ = write!(
            out,
            "\noperation {} ({}{}) {} ",
            operation.id,
            operation.tag,
            if operation.method_name.is_empty() {
                String::new()
            } else {
                format!(".{}", operation.method_name)
            },
            operation.method.http_name()
        );
        for segment in &operation.path_segments {
            match segment {
                PathSegment::Literal(text) => out.push_str(text),
                PathSegment::Parameter(index) => {
                    let _ = write!(out, "{{{}}}", operation.parameters[*index].name);
                }
            }
        }
        out.push('\n');
        for parameter in &operation.parameters {
            let _ = writeln!(
                out,
                "  {} {:?}{}: {} ({:?}, explode={})",
                parameter.location.key(),
                parameter.name,
                if parameter.required { "" } else { "?" },
                inline(api, parameter.ty, 0),
                parameter.style,
                parameter.explode
            );
        }
        if let Some(body) = &operation.request_body {
            for (index, content) in body.contents.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "  body{} {} ({:?}){}: {}",
                    if body.required { "" } else { "?" },
                    content.media_type,
                    content.kind,
                    if index == body.preferred {
                        " preferred"
                    } else {
                        ""
                    },
                    inline(api, content.ty, 0)
                );
            }
        }
        for response in &operation.responses {
            let status = match response.status {
                crate::model::StatusCode::Code(code) => code.to_string(),
                crate::model::StatusCode::Range(digit) => format!("{digit}XX"),
                crate::model::StatusCode::Default => String::from("default"),
            };
            if response.contents.is_empty() {
                let _ = writeln!(out, "  {status}: (no body)");
            }
            for content in &response.contents {
                let _ = writeln!(
                    out,
                    "  {status} {} ({:?}): {}",
                    content.media_type,
                    content.kind,
                    inline(api, content.ty, 0)
                );
            }
        }
        let success = match &operation.success {
            Success::Empty => String::from("nothing"),
            Success::Json { ty, optional } => format!(
                "{}{}",
                inline(api, *ty, 0),
                if *optional { " (or nothing)" } else { "" }
            ),
            Success::Binary => String::from("binary"),
            Success::Text => String::from("text"),
        };
        let _ = writeln!(out, "  returns {success}");
        if let Some(pagination) = &operation.pagination {
            let _ = writeln!(
                out,
                "  paginated: {:?} of {}, next in {:?}",
                pagination.results,
                inline(api, pagination.item, 0),
                pagination.next
            );
        }
        if !operation.security.is_empty() {
            let alternatives: Vec<String> = operation
                .security
                .iter()
                .map(|alternative| {
                    if alternative.is_empty() {
                        String::from("(none)")
                    } else {
                        alternative
                            .iter()
                            .map(|index| api.security_schemes[*index].name.clone())
                            .collect::<Vec<_>>()
                            .join(" + ")
                    }
                })
                .collect();
            let _ = writeln!(out, "  security {}", alternatives.join(" | "));
        }
    }
    out
}

fn reference(api: &Api, id: TypeId) -> String {
    format!(
        "{}#{}",
        api.type_def(id).name.as_deref().unwrap_or("?"),
        id.0
    )
}

fn inline(api: &Api, id: TypeId, depth: usize) -> String {
    if api.type_def(id).name.is_some() {
        reference(api, id)
    } else {
        structure(api, id, depth)
    }
}

fn structure(api: &Api, id: TypeId, depth: usize) -> String {
    if depth > 16 {
        return String::from("…");
    }
    let next = depth + 1;
    match &api.type_def(id).kind {
        TypeKind::Any => String::from("any"),
        TypeKind::Never => String::from("never"),
        TypeKind::Null => String::from("null"),
        TypeKind::Boolean => String::from("boolean"),
        TypeKind::Integer { format, .. } => format!("integer({format:?})"),
        TypeKind::Number { format, .. } => format!("number({format:?})"),
        TypeKind::String { format, .. } => format!("string({format:?})"),
        TypeKind::Literal(value) => format!("literal {}", value.to_json()),
        TypeKind::Enum(enumeration) => format!(
            "enum({})",
            enumeration
                .members
                .iter()
                .map(|member| member.value.to_json())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        TypeKind::Array { items, .. } => format!("array<{}>", inline(api, *items, next)),
        TypeKind::Map { values } => format!("map<{}>", inline(api, *values, next)),
        TypeKind::Object(object) => format!("object({} properties)", object.properties.len()),
        TypeKind::Union(union) => {
            let variants: Vec<String> = union
                .variants
                .iter()
                .map(|variant| inline(api, *variant, next))
                .collect();
            match &union.discriminator {
                Some(discriminator) => format!(
                    "union by {:?} {{{}}} of ({})",
                    discriminator.property,
                    discriminator
                        .mapping
                        .iter()
                        .map(|(value, target)| format!("{value:?} => {}", reference(api, *target)))
                        .collect::<Vec<_>>()
                        .join(", "),
                    variants.join(" | ")
                ),
                None => format!("({})", variants.join(" | ")),
            }
        }
        TypeKind::Intersection(parts) => format!(
            "({})",
            parts
                .iter()
                .map(|part| inline(api, *part, next))
                .collect::<Vec<_>>()
                .join(" & ")
        ),
        TypeKind::Nullable(inner) => format!("{} | null", inline(api, *inner, next)),
        TypeKind::Alias(target) => format!("alias {}", inline(api, *target, next)),
    }
}
