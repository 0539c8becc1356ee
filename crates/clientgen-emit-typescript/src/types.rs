//! TypeScript type expressions, `models.ts` and `enums.ts`.

use std::collections::BTreeSet;

use clientgen_emit::CodeWriter;
use clientgen_ir::naming::{self, Namespace};
use clientgen_ir::{
    AdditionalProperties, Enum, Object, ParameterLocation, StringFormat, TypeDef, TypeId, TypeKind,
    Union, Value,
};

use crate::Emitter;
use crate::names::{property_key, string_literal};

/// One union variant as both TypeScript and zod see it: the variant type plus, when the
/// variant does not pin the discriminator property to its values itself, those values.
pub(crate) struct TaggedVariant<'a> {
    pub(crate) ty: TypeId,
    pub(crate) tag: Option<(&'a str, Vec<&'a str>)>,
}

impl Emitter<'_> {
    /// The TypeScript type for a type id: the identifier of a named type, else its structure.
    pub(crate) fn ts_type(&self, id: TypeId) -> String {
        let def = self.api.type_def(id);
        if def.name.is_some() {
            return self.names.type_name(id).to_owned();
        }
        self.ts_structure(def)
    }

    /// The structure of a type, ignoring its name.
    pub(crate) fn ts_structure(&self, def: &TypeDef) -> String {
        match &def.kind {
            TypeKind::Any => String::from("unknown"),
            TypeKind::Never => String::from("never"),
            TypeKind::Null => String::from("null"),
            TypeKind::Boolean => String::from("boolean"),
            TypeKind::Integer { .. } | TypeKind::Number { .. } => String::from("number"),
            TypeKind::String { format, .. } => match format {
                StringFormat::Binary => String::from("Blob"),
                _ => String::from("string"),
            },
            TypeKind::Literal(value) => literal_type(value),
            TypeKind::Enum(enumeration) => enumeration
                .members
                .iter()
                .map(|member| literal_type(&member.value))
                .collect::<Vec<_>>()
                .join(" | "),
            TypeKind::Array { items, .. } => format!("{}[]", self.ts_operand(*items)),
            TypeKind::Map { values } => format!("Record<string, {}>", self.ts_type(*values)),
            TypeKind::Object(object) => {
                let mut writer = CodeWriter::new("  ");
                self.object_body(&mut writer, object);
                format!("{{ {} }}", writer.finish().replace('\n', " ").trim())
            }
            TypeKind::Union(union) => self.union_type(union),
            TypeKind::Intersection(parts) => parts
                .iter()
                .map(|part| self.ts_operand(*part))
                .collect::<Vec<_>>()
                .join(" & "),
            TypeKind::Nullable(inner) => format!("{} | null", self.ts_type(*inner)),
            TypeKind::Alias(target) => self.ts_type(*target),
        }
    }

    /// A type usable as an operand of `[]`, `&` or `|` without changing meaning.
    pub(crate) fn ts_operand(&self, id: TypeId) -> String {
        let text = self.ts_type(id);
        let def = self.api.type_def(id);
        let compound = def.name.is_none()
            && match &def.kind {
                TypeKind::Union(union) => union.variants.len() > 1,
                TypeKind::Intersection(_) | TypeKind::Nullable(_) => true,
                TypeKind::Enum(enumeration) => enumeration.members.len() > 1,
                TypeKind::Alias(target) => {
                    let target_def = self.api.type_def(*target);
                    target_def.name.is_none()
                        && matches!(
                            target_def.kind,
                            TypeKind::Union(_) | TypeKind::Intersection(_) | TypeKind::Nullable(_)
                        )
                }
                _ => false,
            };
        if compound { format!("({text})") } else { text }
    }

    /// The variants of a union, each with the discriminator values it must be tagged with.
    pub(crate) fn tagged_variants<'u>(&self, union: &'u Union) -> Vec<TaggedVariant<'u>> {
        union
            .variants
            .iter()
            .map(|variant| {
                let Some(discriminator) = &union.discriminator else {
                    return TaggedVariant {
                        ty: *variant,
                        tag: None,
                    };
                };
                let values: Vec<&str> = discriminator
                    .mapping
                    .iter()
                    .filter(|(_, target)| target == variant)
                    .map(|(value, _)| value.as_str())
                    .collect();
                if values.is_empty()
                    || self.pins_property(*variant, &discriminator.property, &values)
                {
                    TaggedVariant {
                        ty: *variant,
                        tag: None,
                    }
                } else {
                    TaggedVariant {
                        ty: *variant,
                        tag: Some((discriminator.property.as_str(), values)),
                    }
                }
            })
            .collect()
    }

    /// True when the variant's own type already restricts `property` to exactly `values`.
    fn pins_property(&self, variant: TypeId, property: &str, values: &[&str]) -> bool {
        let resolved = self.api.resolve(variant);
        let TypeKind::Object(object) = &self.api.type_def(resolved).kind else {
            return false;
        };
        let Some(found) = object
            .properties
            .iter()
            .find(|candidate| candidate.name == property)
        else {
            return false;
        };
        if !found.required {
            return false;
        }
        let property_type = self.api.resolve(found.ty);
        let allowed: Vec<&str> = match &self.api.type_def(property_type).kind {
            TypeKind::Literal(Value::String(text)) => vec![text.as_str()],
            TypeKind::Enum(enumeration) => enumeration
                .members
                .iter()
                .filter_map(|member| match &member.value {
                    Value::String(text) => Some(text.as_str()),
                    _ => None,
                })
                .collect(),
            _ => return false,
        };
        allowed.len() == values.len() && values.iter().all(|value| allowed.contains(value))
    }

    fn union_type(&self, union: &Union) -> String {
        if union.variants.is_empty() {
            return String::from("never");
        }
        self.tagged_variants(union)
            .iter()
            .map(|variant| match &variant.tag {
                None => self.ts_operand(variant.ty),
                Some((property, values)) => format!(
                    "({} & {{ {}: {} }})",
                    self.ts_operand(variant.ty),
                    property_key(property),
                    values
                        .iter()
                        .map(|value| string_literal(value))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ),
            })
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// The lines inside an interface or object type literal.
    pub(crate) fn object_body(&self, writer: &mut CodeWriter, object: &Object) {
        for property in &object.properties {
            let mut doc = Vec::new();
            if let Some(description) = &property.description {
                doc.extend(clientgen_emit::description_lines(description));
            }
            if property.read_only {
                doc.push(String::from(
                    "Read-only: sent by the server, ignored in requests.",
                ));
            }
            if property.write_only {
                doc.push(String::from(
                    "Write-only: sent by the client, never returned.",
                ));
            }
            if let Some(format) = self.format_hint(property.ty) {
                doc.push(format!("@format {format}"));
            }
            if property.deprecated {
                doc.push(String::from("@deprecated"));
            }
            write_doc(writer, &doc);
            let optional = if property.required { "" } else { "?" };
            writer.line(format!(
                "{}{optional}: {};",
                property_key(&property.name),
                self.ts_type(property.ty)
            ));
        }
        if let AdditionalProperties::Typed(values) = object.additional {
            let values_type = self.ts_type(values);
            if object.properties.is_empty() {
                writer.line(format!("[key: string]: {values_type};"));
            } else {
                // Declared properties need not match the type of the others, so the index
                // signature can only promise `unknown`.
                write_doc(
                    writer,
                    &[format!("Other keys hold values of type `{values_type}`.")],
                );
                writer.line("[key: string]: unknown;");
            }
        }
    }

    /// A `@format` hint for string formats worth knowing about.
    fn format_hint(&self, id: TypeId) -> Option<&'static str> {
        let resolved = self.api.resolve(id);
        let kind = match &self.api.type_def(resolved).kind {
            TypeKind::Nullable(inner) => &self.api.type_def(self.api.resolve(*inner)).kind,
            kind => kind,
        };
        match kind {
            TypeKind::String { format, .. } => match format {
                StringFormat::Date => Some("date"),
                StringFormat::DateTime => Some("date-time"),
                StringFormat::Time => Some("time"),
                StringFormat::Duration => Some("duration"),
                StringFormat::Uuid => Some("uuid"),
                StringFormat::Uri => Some("uri"),
                StringFormat::Email => Some("email"),
                StringFormat::Decimal => Some("decimal (a string, to keep precision)"),
                StringFormat::Byte => Some("byte (base64)"),
                _ => None,
            },
            TypeKind::Integer {
                format: clientgen_ir::IntegerFormat::Int64,
                ..
            } => Some("int64 (exact up to 2^53 in JavaScript)"),
            _ => None,
        }
    }

    /// `models.ts`: every named type that is not an enum, and the parameter interfaces.
    pub(crate) fn models_file(&self) -> String {
        let mut writer = CodeWriter::new("  ");
        let enum_imports: BTreeSet<&str> = self
            .api
            .named_types()
            .filter(|id| matches!(self.api.type_def(*id).kind, TypeKind::Enum(_)))
            .map(|id| self.names.type_name(id))
            .collect();
        // Enum types are only needed when something in this file refers to them; the type
        // checker (noUnusedLocals) holds us to that.
        let used = self.enums_used_by_models();
        let imports: Vec<&str> = enum_imports
            .into_iter()
            .filter(|name| used.contains(*name))
            .collect();
        if !imports.is_empty() {
            crate::names::write_import(&mut writer, "import type", &imports, "./enums");
            writer.blank();
        }
        for id in self.api.named_types() {
            let def = self.api.type_def(id);
            if matches!(def.kind, TypeKind::Enum(_)) {
                continue;
            }
            let name = self.names.type_name(id);
            write_doc(&mut writer, &type_doc(def));
            match &def.kind {
                TypeKind::Object(object)
                    if !object.properties.is_empty()
                        || matches!(object.additional, AdditionalProperties::Typed(_)) =>
                {
                    writer.block(format!("export interface {name} {{"), "}", |writer| {
                        self.object_body(writer, object);
                    });
                }
                TypeKind::Object(_) => {
                    writer.line(format!("export type {name} = Record<string, never>;"));
                }
                _ => {
                    writer.line(format!("export type {name} = {};", self.ts_structure(def)));
                }
            }
            writer.blank();
        }
        for (index, operation) in self.api.operations.iter().enumerate() {
            let Some(interface) = &self.names.operations[index].params_interface else {
                continue;
            };
            write_doc(
                &mut writer,
                &[format!(
                    "Query, header and cookie parameters of `{} {}` ({}).",
                    operation.method.http_name(),
                    operation.path,
                    operation.id
                )],
            );
            writer.block(format!("export interface {interface} {{"), "}", |writer| {
                for parameter in &operation.parameters {
                    if parameter.location == ParameterLocation::Path {
                        continue;
                    }
                    let mut doc = Vec::new();
                    if let Some(description) = &parameter.description {
                        doc.extend(clientgen_emit::description_lines(description));
                    }
                    doc.push(format!("Sent in the {}.", parameter.location.key()));
                    if parameter.deprecated {
                        doc.push(String::from("@deprecated"));
                    }
                    write_doc(writer, &doc);
                    let optional = if parameter.required { "" } else { "?" };
                    writer.line(format!(
                        "{}{optional}: {};",
                        property_key(&parameter.name),
                        self.ts_type(parameter.ty)
                    ));
                }
            });
            writer.blank();
        }
        self.finish_file(writer)
    }

    /// Enum names referred to from `models.ts`.
    fn enums_used_by_models(&self) -> BTreeSet<String> {
        let mut used = BTreeSet::new();
        let visit = |id: TypeId, used: &mut BTreeSet<String>| {
            self.collect_enum_references(id, used, 0);
        };
        for id in self.api.named_types() {
            let def = self.api.type_def(id);
            if matches!(def.kind, TypeKind::Enum(_)) {
                continue;
            }
            for child in def.kind.children() {
                visit(child, &mut used);
            }
        }
        for operation in &self.api.operations {
            for parameter in &operation.parameters {
                if parameter.location != ParameterLocation::Path {
                    visit(parameter.ty, &mut used);
                }
            }
        }
        used
    }

    /// Adds the names of enums that rendering `id` mentions.
    pub(crate) fn collect_enum_references(
        &self,
        id: TypeId,
        used: &mut BTreeSet<String>,
        depth: usize,
    ) {
        let def = self.api.type_def(id);
        if def.name.is_some() {
            if matches!(def.kind, TypeKind::Enum(_)) {
                used.insert(self.names.type_name(id).to_owned());
            }
            return;
        }
        if depth > 64 {
            return;
        }
        for child in def.kind.children() {
            self.collect_enum_references(child, used, depth + 1);
        }
    }

    /// `enums.ts`: each enum as an `as const` object and a union type of its values.
    pub(crate) fn enums_file(&self) -> String {
        let mut writer = CodeWriter::new("  ");
        for id in self.api.named_types() {
            let def = self.api.type_def(id);
            let TypeKind::Enum(enumeration) = &def.kind else {
                continue;
            };
            let name = self.names.type_name(id);
            write_doc(&mut writer, &type_doc(def));
            writer.block(
                format!("export const {name} = {{"),
                "} as const;",
                |writer| {
                    for (key, member) in member_keys(enumeration).iter().zip(&enumeration.members) {
                        if let Some(description) = &member.description {
                            write_doc(writer, &clientgen_emit::description_lines(description));
                        }
                        writer.line(format!("{key}: {},", literal_type(&member.value)));
                    }
                },
            );
            write_doc(&mut writer, &[format!("One of the values of `{name}`.")]);
            writer.line(format!(
                "export type {name} = (typeof {name})[keyof typeof {name}];"
            ));
            writer.blank();
        }
        if writer.is_empty() {
            writer.line("export {};");
        }
        self.finish_file(writer)
    }

    /// Prepends the header to a file's text.
    pub(crate) fn finish_file(&self, writer: CodeWriter) -> String {
        let mut text = format!("// {}\n\n", self.header);
        let body = writer.finish();
        text.push_str(body.trim_end());
        text.push('\n');
        text
    }
}

/// PascalCase keys of an enum's `as const` object, unique within the enum.
pub(crate) fn member_keys(enumeration: &Enum) -> Vec<String> {
    let mut namespace = Namespace::new(false);
    enumeration
        .members
        .iter()
        .map(|member| {
            let mut key = naming::pascal_case(&member.name);
            if key.is_empty() {
                key = String::from("Value");
            }
            if key.starts_with(|character: char| character.is_ascii_digit()) {
                key.insert(0, '_');
            }
            namespace.claim(&key)
        })
        .collect()
}

/// A literal type for a value; structured values have no literal type and become `unknown`.
pub(crate) fn literal_type(value: &Value) -> String {
    match value {
        Value::Null => String::from("null"),
        Value::Bool(flag) => flag.to_string(),
        Value::Number(number) => number.to_string(),
        Value::String(text) => string_literal(text),
        Value::Array(_) | Value::Object(_) => String::from("unknown"),
    }
}

/// The doc comment lines of a named type.
pub(crate) fn type_doc(def: &TypeDef) -> Vec<String> {
    let mut doc = Vec::new();
    if let Some(description) = &def.description {
        doc.extend(clientgen_emit::description_lines(description));
    }
    if let clientgen_ir::Origin::RequestView(_) = def.origin {
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.push(String::from(
            "Request body form: read-only properties left out.",
        ));
    }
    if def.deprecated {
        doc.push(String::from("@deprecated"));
    }
    doc
}

/// Writes a `/** … */` comment (nothing for no lines).
pub(crate) fn write_doc(writer: &mut CodeWriter, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    if lines.len() == 1 {
        writer.line(format!(
            "/** {} */",
            clientgen_emit::block_comment_safe(&lines[0])
        ));
        return;
    }
    writer.line("/**");
    for line in lines {
        let safe = clientgen_emit::block_comment_safe(line);
        if safe.is_empty() {
            writer.line(" *");
        } else {
            writer.line(format!(" * {safe}"));
        }
    }
    writer.line(" */");
}
