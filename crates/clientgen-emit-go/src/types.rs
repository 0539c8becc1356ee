//! Go types for IR types, `models.go` and `enums.go`.

use clientgen_ir::naming::Namespace;
use clientgen_ir::{
    AdditionalProperties, Api, Enum, EnumKind, IntegerFormat, NumberFormat, Object, Origin,
    Property, StringFormat, TypeDef, TypeId, TypeKind, Union, Value,
};

use crate::Emitter;
use crate::gofmt::{self, Row, comment_lines, doc_lines, string_literal};
use crate::names::exported;

/// What a Go type is underneath, as far as generated code has to care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Base {
    /// A string or a defined string type (string enums).
    String,
    /// A bool or a defined bool type.
    Bool,
    /// An integer type.
    Int,
    /// A floating-point type.
    Float,
    /// `time.Time`.
    Time,
    /// The runtime's `Date`.
    Date,
    /// The runtime's `Decimal`.
    Decimal,
    /// `[]byte` (base64 in JSON).
    Bytes,
    /// The runtime's `File`.
    File,
    /// `json.RawMessage`.
    Raw,
    /// The runtime's `NullValue`.
    NullValue,
    /// A struct (objects, unions, `allOf` compositions).
    Struct,
    /// A slice.
    Slice,
    /// A `map[string]…`.
    Map,
    /// The runtime's `Nullable[T]`.
    Nullable,
}

impl Base {
    /// True when nil is a value of the type (absent can be told from empty without a pointer).
    pub(crate) fn is_nilable(self) -> bool {
        matches!(self, Base::Slice | Base::Map | Base::Raw | Base::Bytes)
    }
}

/// A Go type expression with what generated code needs to know about it.
#[derive(Debug, Clone)]
pub(crate) struct GoType {
    /// The type as written (`[]Ticket`, `Nullable[time.Time]`).
    pub(crate) expr: String,
    /// What it is underneath.
    pub(crate) base: Base,
    /// Items of a slice, values of a map, the inner type of a `Nullable`.
    pub(crate) element: Option<TypeId>,
    /// For enums: the enum's type id (its values can be checked with `Valid()`).
    pub(crate) enumeration: Option<TypeId>,
}

impl GoType {
    fn new(expr: impl Into<String>, base: Base) -> Self {
        GoType {
            expr: expr.into(),
            base,
            element: None,
            enumeration: None,
        }
    }
}

/// How a union without its own struct is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Collapse {
    /// As this one of its variants (all variants are the same Go type, or one string enum
    /// with blank-only companions: drf-spectacular's `oneOf [XEnum, BlankEnum]`).
    To(TypeId),
    /// As `string` (every variant is a string, a string enum or a string literal).
    String,
}

/// True when an anonymous type needs a declaration of its own in Go.
pub(crate) fn needs_declaration(api: &Api, def: &TypeDef) -> bool {
    match &def.kind {
        TypeKind::Union(union) => collapse(api, union).is_none(),
        TypeKind::Intersection(_) | TypeKind::Enum(_) => true,
        TypeKind::Object(object) => !object.properties.is_empty(),
        _ => false,
    }
}

/// How a union is written when it needs no struct of its own.
pub(crate) fn collapse(api: &Api, union: &Union) -> Option<Collapse> {
    let variants = &union.variants;
    let first = *variants.first()?;
    if variants.len() == 1 {
        return Some(Collapse::To(first));
    }
    let keys: Vec<Option<String>> = variants
        .iter()
        .map(|variant| scalar_key(api, *variant, 0))
        .collect();
    if keys[0].is_some() && keys.iter().all(|key| *key == keys[0]) {
        return Some(Collapse::To(first));
    }
    let mut enums: Vec<TypeId> = Vec::new();
    let mut plain = false;
    for variant in variants {
        match string_like(api, *variant) {
            StringLike::Not => return None,
            StringLike::Plain => plain = true,
            StringLike::Blank => {}
            StringLike::Enum(id) => {
                if !enums.contains(&id) {
                    enums.push(id);
                }
            }
        }
    }
    if union.discriminator.is_some() {
        return None;
    }
    match (plain, enums.as_slice()) {
        (false, [only]) => Some(Collapse::To(*only)),
        (false, []) => Some(Collapse::To(first)),
        _ => Some(Collapse::String),
    }
}

enum StringLike {
    Not,
    Plain,
    Blank,
    Enum(TypeId),
}

fn string_like(api: &Api, id: TypeId) -> StringLike {
    let resolved = api.resolve(id);
    match &api.type_def(resolved).kind {
        TypeKind::String { format, .. } if string_format_base(format) == Base::String => {
            StringLike::Plain
        }
        TypeKind::Literal(Value::String(text)) => {
            if text.is_empty() {
                StringLike::Blank
            } else {
                StringLike::Plain
            }
        }
        TypeKind::Enum(enumeration) if enumeration.kind == EnumKind::String => {
            if enumeration
                .members
                .iter()
                .all(|member| member.value == Value::String(String::new()))
            {
                StringLike::Blank
            } else if api.type_def(resolved).name.is_some() {
                StringLike::Enum(resolved)
            } else {
                StringLike::Plain
            }
        }
        _ => StringLike::Not,
    }
}

/// A key that is equal for two types exactly when they have the same Go type, for types that
/// need no declaration of their own (`None` for the others).
fn scalar_key(api: &Api, id: TypeId, depth: usize) -> Option<String> {
    if depth > 16 {
        return None;
    }
    let def = api.type_def(id);
    if def.name.is_some() {
        return match def.kind {
            TypeKind::Alias(target) => scalar_key(api, target, depth + 1),
            _ => Some(format!("#{}", id.0)),
        };
    }
    Some(match &def.kind {
        TypeKind::Any | TypeKind::Never => String::from("raw"),
        TypeKind::Null => String::from("null"),
        TypeKind::Boolean => String::from("bool"),
        TypeKind::Integer { format, .. } => integer_type(*format).to_owned(),
        TypeKind::Number { format, .. } => number_type(*format).to_owned(),
        TypeKind::String { format, .. } => string_format_type(format).to_owned(),
        TypeKind::Literal(value) => literal_type(value).0.to_owned(),
        TypeKind::Array { items, .. } => format!("[]{}", scalar_key(api, *items, depth + 1)?),
        TypeKind::Map { values } => format!("map{}", scalar_key(api, *values, depth + 1)?),
        TypeKind::Nullable(inner) => format!("?{}", scalar_key(api, *inner, depth + 1)?),
        TypeKind::Alias(target) => scalar_key(api, *target, depth + 1)?,
        TypeKind::Enum(_)
        | TypeKind::Object(_)
        | TypeKind::Union(_)
        | TypeKind::Intersection(_) => return None,
    })
}

fn integer_type(format: IntegerFormat) -> &'static str {
    match format {
        IntegerFormat::Int32 => "int32",
        IntegerFormat::Int64 => "int64",
        IntegerFormat::Unspecified => "int",
    }
}

fn number_type(format: NumberFormat) -> &'static str {
    match format {
        NumberFormat::Float => "float32",
        NumberFormat::Double | NumberFormat::Unspecified => "float64",
    }
}

fn string_format_base(format: &StringFormat) -> Base {
    match format {
        StringFormat::DateTime => Base::Time,
        StringFormat::Date => Base::Date,
        StringFormat::Decimal => Base::Decimal,
        StringFormat::Byte => Base::Bytes,
        StringFormat::Binary => Base::File,
        _ => Base::String,
    }
}

fn string_format_type(format: &StringFormat) -> &'static str {
    match string_format_base(format) {
        Base::Time => "time.Time",
        Base::Date => "Date",
        Base::Decimal => "Decimal",
        Base::Bytes => "[]byte",
        Base::File => "File",
        _ => "string",
    }
}

fn literal_type(value: &Value) -> (&'static str, Base) {
    match value {
        Value::Null => ("NullValue", Base::NullValue),
        Value::Bool(_) => ("bool", Base::Bool),
        Value::Number(number) if number.as_i64().is_some() => ("int64", Base::Int),
        Value::Number(_) => ("float64", Base::Float),
        Value::String(_) => ("string", Base::String),
        Value::Array(_) | Value::Object(_) => ("json.RawMessage", Base::Raw),
    }
}

/// A Go literal for a scalar value (`None` for arrays and objects).
pub(crate) fn value_literal(value: &Value) -> Option<String> {
    match value {
        Value::Null => Some(String::from("NullValue{}")),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Number(number) => Some(number.to_string()),
        Value::String(text) => Some(string_literal(text)),
        Value::Array(_) | Value::Object(_) => None,
    }
}

impl Emitter<'_> {
    /// The Go type of values of `id`.
    pub(crate) fn go_type(&self, id: TypeId) -> GoType {
        self.go_type_at(id, 0)
    }

    fn go_type_at(&self, id: TypeId, depth: usize) -> GoType {
        if self.plan.is_declared(id) {
            let mut declared = self.structure(id, depth + 1);
            declared.expr = self.names.type_name(id).to_owned();
            if let TypeKind::Enum(_) = self.api.type_def(id).kind {
                declared.enumeration = Some(id);
            }
            return declared;
        }
        self.structure(id, depth + 1)
    }

    /// The Go type of a type's structure, ignoring its own name (the body of its declaration).
    pub(crate) fn structure(&self, id: TypeId, depth: usize) -> GoType {
        if depth > 48 {
            return GoType::new("json.RawMessage", Base::Raw);
        }
        let def = self.api.type_def(id);
        match &def.kind {
            TypeKind::Any | TypeKind::Never => GoType::new("json.RawMessage", Base::Raw),
            TypeKind::Null => GoType::new("NullValue", Base::NullValue),
            TypeKind::Boolean => GoType::new("bool", Base::Bool),
            TypeKind::Integer { format, .. } => GoType::new(integer_type(*format), Base::Int),
            TypeKind::Number { format, .. } => GoType::new(number_type(*format), Base::Float),
            TypeKind::String { format, .. } => {
                GoType::new(string_format_type(format), string_format_base(format))
            }
            TypeKind::Literal(value) => {
                let (expr, base) = literal_type(value);
                GoType::new(expr, base)
            }
            TypeKind::Enum(enumeration) => match enumeration.kind {
                EnumKind::String => GoType::new("string", Base::String),
                EnumKind::Integer => GoType::new("int", Base::Int),
                EnumKind::Number => GoType::new("float64", Base::Float),
                EnumKind::Boolean => GoType::new("bool", Base::Bool),
                EnumKind::Mixed => GoType::new("json.RawMessage", Base::Raw),
            },
            TypeKind::Array { items, .. } => {
                let item = self.go_type_at(*items, depth + 1);
                GoType {
                    expr: format!("[]{}", item.expr),
                    base: Base::Slice,
                    element: Some(*items),
                    enumeration: None,
                }
            }
            TypeKind::Map { values } => self.map_type(Some(*values), depth),
            TypeKind::Object(object) => {
                if !object.properties.is_empty() {
                    return GoType::new("struct{}", Base::Struct);
                }
                match object.additional {
                    AdditionalProperties::Typed(values) => self.map_type(Some(values), depth),
                    AdditionalProperties::Unspecified => self.map_type(None, depth),
                    AdditionalProperties::Forbidden => GoType::new("struct{}", Base::Struct),
                }
            }
            TypeKind::Union(union) => match collapse(self.api, union) {
                Some(Collapse::To(target)) => self.go_type_at(target, depth + 1),
                Some(Collapse::String) => GoType::new("string", Base::String),
                None => GoType::new("struct{}", Base::Struct),
            },
            TypeKind::Intersection(_) => GoType::new("struct{}", Base::Struct),
            TypeKind::Nullable(inner) => {
                let inner_type = self.go_type_at(*inner, depth + 1);
                if matches!(
                    inner_type.base,
                    Base::Raw | Base::Nullable | Base::NullValue
                ) {
                    return inner_type;
                }
                GoType {
                    expr: format!("Nullable[{}]", inner_type.expr),
                    base: Base::Nullable,
                    element: Some(*inner),
                    enumeration: None,
                }
            }
            TypeKind::Alias(target) => self.go_type_at(*target, depth + 1),
        }
    }

    fn map_type(&self, values: Option<TypeId>, depth: usize) -> GoType {
        let value = match values {
            Some(values) => self.go_type_at(values, depth + 1).expr,
            None => String::from("json.RawMessage"),
        };
        GoType {
            expr: format!("map[string]{value}"),
            base: Base::Map,
            element: values,
            enumeration: None,
        }
    }

    /// The declared struct that values of `id` hold by value (through aliases, collapsed
    /// unions and `Nullable`), if any.
    fn struct_target(&self, id: TypeId, depth: usize) -> Option<TypeId> {
        if depth > 32 {
            return None;
        }
        let def = self.api.type_def(id);
        let is_struct = match &def.kind {
            TypeKind::Object(object) => !object.properties.is_empty(),
            TypeKind::Union(union) => collapse(self.api, union).is_none(),
            TypeKind::Intersection(_) => true,
            _ => false,
        };
        if is_struct && self.plan.is_declared(id) {
            return Some(id);
        }
        match &def.kind {
            TypeKind::Alias(target) | TypeKind::Nullable(target) => {
                self.struct_target(*target, depth + 1)
            }
            TypeKind::Union(union) => match collapse(self.api, union) {
                Some(Collapse::To(target)) => self.struct_target(target, depth + 1),
                _ => None,
            },
            _ => None,
        }
    }

    /// The structs a struct holds by value (not through pointers, slices or maps).
    fn value_edges(&self, id: TypeId) -> Vec<TypeId> {
        match &self.api.type_def(id).kind {
            TypeKind::Object(object) => object
                .properties
                .iter()
                .filter(|property| {
                    property.required || self.go_type(property.ty).base == Base::Nullable
                })
                .filter_map(|property| self.struct_target(property.ty, 0))
                .collect(),
            TypeKind::Intersection(parts) => parts
                .iter()
                .filter_map(|part| self.struct_target(*part, 0))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// True when a value of `from` would contain a value of `owner` (a field of this type in
    /// `owner` must then be a pointer).
    fn contains_by_value(&self, from: TypeId, owner: TypeId) -> bool {
        let mut seen = rustc_hash::FxHashSet::default();
        let mut stack = vec![from];
        while let Some(id) = stack.pop() {
            if id == owner {
                return true;
            }
            if seen.insert(id) {
                stack.extend(self.value_edges(id));
            }
        }
        false
    }

    /// The field type and the JSON tag options (`,omitempty`) of a property of `owner`.
    pub(crate) fn field_type(&self, owner: TypeId, property: &Property) -> (String, &'static str) {
        let go_type = self.go_type(property.ty);
        let recursive = self
            .struct_target(property.ty, 0)
            .is_some_and(|target| self.contains_by_value(target, owner));
        match go_type.base {
            Base::Nullable => {
                let expr = if recursive {
                    let inner = go_type
                        .element
                        .map(|inner| self.go_type(inner).expr)
                        .unwrap_or_default();
                    format!("Nullable[*{inner}]")
                } else {
                    go_type.expr
                };
                (expr, if property.required { "" } else { ",omitzero" })
            }
            _ if property.required => {
                if recursive {
                    (format!("*{}", go_type.expr), "")
                } else {
                    (go_type.expr, "")
                }
            }
            Base::Slice | Base::Map => (go_type.expr, ",omitzero"),
            Base::Raw | Base::Bytes => (go_type.expr, ",omitempty"),
            _ => (format!("*{}", go_type.expr), ",omitempty"),
        }
    }

    /// A label for a union variant or `allOf` part field: the type's name, or a word for
    /// its shape (`String`, `Int64`, `TicketList`).
    pub(crate) fn variant_label(&self, id: TypeId) -> String {
        let go_type = self.go_type(id);
        if self.plan.is_declared(id) {
            return go_type.expr;
        }
        match go_type.base {
            Base::Slice => {
                let item = go_type
                    .element
                    .map(|item| self.variant_label(item))
                    .unwrap_or_else(|| String::from("Value"));
                format!("{item}List")
            }
            Base::Map => {
                let value = go_type
                    .element
                    .map(|value| self.variant_label(value))
                    .unwrap_or_else(|| String::from("Value"));
                format!("{value}Map")
            }
            Base::Nullable => go_type
                .element
                .map(|inner| self.variant_label(inner))
                .unwrap_or_else(|| String::from("Value")),
            Base::Raw => String::from("Value"),
            Base::Bytes => String::from("Bytes"),
            _ => exported(&go_type.expr, "Value"),
        }
    }

    /// `models.go`: every declared type that is not an enum.
    pub(crate) fn models_file(&self) -> String {
        let declarations: Vec<TypeId> = self
            .plan
            .declarations
            .iter()
            .copied()
            .filter(|id| !matches!(self.api.type_def(*id).kind, TypeKind::Enum(_)))
            .collect();
        let parts = crate::parallel_map(&declarations, |id| self.declaration(*id));
        let body = parts.join("\n");
        self.go_file(&[], &body)
    }

    /// The doc comment lines of a declared type.
    fn type_doc(&self, id: TypeId, name: &str, extra: &[String]) -> Vec<String> {
        let def = self.api.type_def(id);
        let mut doc = Vec::new();
        if let Some(description) = &def.description {
            doc.extend(doc_lines(description));
        }
        if def.name.is_none()
            && let Some(place) = self.plan.name(id)
        {
            {
                if !doc.is_empty() {
                    doc.push(String::new());
                }
                doc.push(format!(
                    "{name} is the type of {}.",
                    place_description(place)
                ));
            }
        }
        if let Origin::RequestView(of) = def.origin {
            if !doc.is_empty() {
                doc.push(String::new());
            }
            doc.push(format!(
                "{name} is the request form of {}: read-only properties are left out.",
                self.names.type_name(of)
            ));
        }
        if !extra.is_empty() {
            if !doc.is_empty() {
                doc.push(String::new());
            }
            doc.extend(extra.iter().cloned());
        }
        if def.deprecated {
            if !doc.is_empty() {
                doc.push(String::new());
            }
            doc.push(String::from(
                "Deprecated: the API marks this type deprecated.",
            ));
        }
        doc
    }

    /// One declaration of `models.go` (with its methods), ending with a newline.
    fn declaration(&self, id: TypeId) -> String {
        let def = self.api.type_def(id);
        let name = self.names.type_name(id).to_owned();
        let mut out: Vec<String> = Vec::new();
        match &def.kind {
            TypeKind::Object(object) if !object.properties.is_empty() => {
                out.extend(comment_lines(&self.type_doc(id, &name, &[])));
                self.object_struct(id, &name, object, &mut out);
            }
            TypeKind::Object(object) if object.additional == AdditionalProperties::Forbidden => {
                out.extend(comment_lines(&self.type_doc(
                    id,
                    &name,
                    &[String::from("An object without properties.")],
                )));
                out.push(format!("type {name} struct{{}}"));
            }
            TypeKind::Object(_) | TypeKind::Array { .. } | TypeKind::Map { .. } => {
                out.extend(comment_lines(&self.type_doc(id, &name, &[])));
                out.push(format!("type {name} {}", self.structure(id, 0).expr));
            }
            TypeKind::Union(union) if collapse(self.api, union).is_none() => {
                self.union_struct(id, &name, union, &mut out);
            }
            TypeKind::Intersection(parts) => self.intersection_struct(id, &name, parts, &mut out),
            TypeKind::Union(union) => {
                let variants: Vec<String> = union
                    .variants
                    .iter()
                    .map(|variant| self.go_type(*variant).expr)
                    .collect();
                out.extend(comment_lines(&self.type_doc(
                    id,
                    &name,
                    &[format!(
                        "One of: {} (all written as {}).",
                        variants.join(", "),
                        self.structure(id, 0).expr
                    )],
                )));
                out.push(format!("type {name} = {}", self.structure(id, 0).expr));
            }
            _ => {
                out.extend(comment_lines(&self.type_doc(id, &name, &[])));
                out.push(format!("type {name} = {}", self.structure(id, 0).expr));
            }
        }
        let mut text = out.join("\n");
        text.push('\n');
        text
    }

    fn object_struct(&self, id: TypeId, name: &str, object: &Object, out: &mut Vec<String>) {
        let mut fields = Namespace::new(false);
        let mut rows = Vec::new();
        // (wire name, field, optional check) of properties that cannot be struct tags.
        let mut untagged: Vec<(&str, String, Option<String>)> = Vec::new();
        let mut known: Vec<&str> = Vec::new();
        for (property, field) in object.properties.iter().zip(self.object_fields(object)) {
            let Some(field) = field else {
                continue;
            };
            fields.reserve([field.as_str()]);
            known.push(&property.name);
            let (field_type, options) = self.field_type(id, property);
            let mut doc = Vec::new();
            if let Some(description) = &property.description {
                doc.extend(doc_lines(description));
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
            if property.deprecated {
                if !doc.is_empty() {
                    doc.push(String::new());
                }
                doc.push(String::from(
                    "Deprecated: the API marks this property deprecated.",
                ));
            }
            for line in comment_lines(&doc) {
                rows.push(Row::Text(line));
            }
            let tag = if gofmt::is_json_tag_name(&property.name) {
                format!("`json:\"{}{options}\"`", property.name)
            } else {
                let check = match options {
                    "" => None,
                    ",omitzero" if field_type.starts_with("Nullable[") => {
                        Some(format!("v.{field}.Present"))
                    }
                    _ => Some(format!("v.{field} != nil")),
                };
                untagged.push((&property.name, field.clone(), check));
                String::from("`json:\"-\"`")
            };
            rows.push(Row::Cells(vec![field, field_type, tag]));
        }
        let extra = match object.additional {
            AdditionalProperties::Typed(values) => {
                fields.reserve(["MarshalJSON", "UnmarshalJSON"]);
                let field = fields.claim("AdditionalProperties");
                let value_type = self.go_type(values).expr;
                rows.push(Row::Text(String::from(
                    "// AdditionalProperties holds the keys not declared above.",
                )));
                rows.push(Row::Cells(vec![
                    field.clone(),
                    format!("map[string]{value_type}"),
                    String::from("`json:\"-\"`"),
                ]));
                Some((field, value_type))
            }
            _ => None,
        };
        if rows.is_empty() {
            out.push(format!("type {name} struct{{}}"));
        } else {
            out.push(format!("type {name} struct {{"));
            out.extend(gofmt::align(&rows, "\t"));
            out.push(String::from("}"));
        }
        if untagged.is_empty() && extra.is_none() {
            return;
        }
        // Custom JSON methods for what struct tags cannot say.
        out.push(String::new());
        out.push(String::from(
            "// MarshalJSON writes the declared properties and the ones struct tags cannot name.",
        ));
        out.push(format!("func (v {name}) MarshalJSON() ([]byte, error) {{"));
        out.push(format!("\ttype plain {name}"));
        out.push(String::from("\textra := map[string]any{}"));
        if let Some((field, _)) = &extra {
            out.push(format!("\tfor key, value := range v.{field} {{"));
            out.push(String::from("\t\textra[key] = value"));
            out.push(String::from("\t}"));
        }
        for (wire, field, check) in &untagged {
            match check {
                Some(check) => {
                    out.push(format!("\tif {check} {{"));
                    out.push(format!("\t\textra[{}] = v.{field}", string_literal(wire)));
                    out.push(String::from("\t}"));
                }
                None => out.push(format!("\textra[{}] = v.{field}", string_literal(wire))),
            }
        }
        out.push(String::from("\treturn marshalWithExtra(plain(v), extra)"));
        out.push(String::from("}"));
        out.push(String::new());
        out.push(String::from(
            "// UnmarshalJSON reads the declared properties and the ones struct tags cannot name.",
        ));
        out.push(format!(
            "func (v *{name}) UnmarshalJSON(data []byte) error {{"
        ));
        out.push(format!("\ttype plain {name}"));
        out.push(String::from(
            "\tif err := json.Unmarshal(data, (*plain)(v)); err != nil {",
        ));
        out.push(String::from("\t\treturn err"));
        out.push(String::from("\t}"));
        if !untagged.is_empty() {
            let targets: Vec<String> = untagged
                .iter()
                .map(|(wire, field, _)| format!("{}: &v.{field}", string_literal(wire)))
                .collect();
            out.push(format!(
                "\tif err := decodeKeys(data, map[string]any{{{}}}); err != nil {{",
                targets.join(", ")
            ));
            out.push(String::from("\t\treturn err"));
            out.push(String::from("\t}"));
        }
        if let Some((field, value_type)) = &extra {
            let known: Vec<String> = known.iter().map(|name| string_literal(name)).collect();
            let arguments = if known.is_empty() {
                String::from("data")
            } else {
                format!("data, {}", known.join(", "))
            };
            out.push(format!(
                "\textra, err := extraKeys[{value_type}]({arguments})"
            ));
            out.push(String::from("\tif err != nil {"));
            out.push(String::from("\t\treturn err"));
            out.push(String::from("\t}"));
            out.push(format!("\tv.{field} = extra"));
        }
        out.push(String::from("\treturn nil"));
        out.push(String::from("}"));
    }

    fn union_struct(&self, id: TypeId, name: &str, union: &Union, out: &mut Vec<String>) {
        let mut fields = Namespace::new(false);
        fields.reserve(["MarshalJSON", "UnmarshalJSON"]);
        let variants: Vec<(TypeId, String, GoType)> = union
            .variants
            .iter()
            .map(|variant| {
                let field = fields.claim(&self.variant_label(*variant));
                (*variant, field, self.go_type(*variant))
            })
            .collect();
        let listing: Vec<&str> = variants.iter().map(|(_, _, ty)| ty.expr.as_str()).collect();
        let how = match &union.discriminator {
            Some(discriminator) => format!(
                "told apart by the {} property",
                string_literal(&discriminator.property)
            ),
            None => String::from("the first that matches when reading"),
        };
        let extra = vec![
            format!("{name} is one of {}; {how}.", listing.join(", ")),
            String::from("Set exactly one field."),
        ];
        out.extend(comment_lines(&self.type_doc(id, name, &extra)));
        let rows: Vec<Row> = variants
            .iter()
            .map(|(_, field, ty)| Row::Cells(vec![field.clone(), format!("*{}", ty.expr)]))
            .collect();
        if rows.is_empty() {
            out.push(format!("type {name} struct{{}}"));
        } else {
            out.push(format!("type {name} struct {{"));
            out.extend(gofmt::align(&rows, "\t"));
            out.push(String::from("}"));
        }

        // Discriminator values per variant, first occurrence of each value only.
        let mut tags: Vec<Vec<&str>> = vec![Vec::new(); variants.len()];
        if let Some(discriminator) = &union.discriminator {
            let mut seen: Vec<&str> = Vec::new();
            for (value, target) in &discriminator.mapping {
                if seen.contains(&value.as_str()) {
                    continue;
                }
                let resolved = self.api.resolve(*target);
                if let Some(index) = variants.iter().position(|(variant, _, _)| {
                    *variant == *target || self.api.resolve(*variant) == resolved
                }) {
                    seen.push(value);
                    tags[index].push(value);
                }
            }
        }

        out.push(String::new());
        out.push(String::from(
            "// MarshalJSON writes the variant that is set.",
        ));
        out.push(format!("func (u {name}) MarshalJSON() ([]byte, error) {{"));
        if !variants.is_empty() {
            out.push(String::from("\tswitch {"));
            for (index, (_, field, ty)) in variants.iter().enumerate() {
                out.push(format!("\tcase u.{field} != nil:"));
                match (&union.discriminator, tags[index].first()) {
                    (Some(discriminator), Some(tag)) if ty.base == Base::Struct => {
                        out.push(format!(
                            "\t\treturn marshalTagged(u.{field}, {}, {})",
                            string_literal(&discriminator.property),
                            string_literal(tag)
                        ));
                    }
                    _ => out.push(format!("\t\treturn json.Marshal(u.{field})")),
                }
            }
            out.push(String::from("\t}"));
        }
        out.push(format!(
            "\treturn nil, errors.New({})",
            string_literal(&format!("{name}: no variant is set"))
        ));
        out.push(String::from("}"));
        out.push(String::new());

        let discriminated = union
            .discriminator
            .as_ref()
            .filter(|_| tags.iter().any(|values| !values.is_empty()));
        if let Some(discriminator) = discriminated {
            out.push(format!(
                "// UnmarshalJSON reads the variant the {} property names.",
                string_literal(&discriminator.property)
            ));
            out.push(format!(
                "func (u *{name}) UnmarshalJSON(data []byte) error {{"
            ));
            out.push(format!("\t*u = {name}{{}}"));
            out.push(format!(
                "\ttag, err := discriminatorValue(data, {})",
                string_literal(&discriminator.property)
            ));
            out.push(String::from("\tif err != nil {"));
            out.push(format!(
                "\t\treturn fmt.Errorf(\"%s: %w\", {}, err)",
                string_literal(name)
            ));
            out.push(String::from("\t}"));
            out.push(String::from("\tswitch tag {"));
            for (index, (_, field, ty)) in variants.iter().enumerate() {
                if tags[index].is_empty() {
                    continue;
                }
                let values: Vec<String> = tags[index]
                    .iter()
                    .map(|value| string_literal(value))
                    .collect();
                out.push(format!("\tcase {}:", values.join(", ")));
                out.push(format!("\t\tu.{field} = new({})", ty.expr));
                out.push(format!("\t\treturn json.Unmarshal(data, u.{field})"));
            }
            out.push(String::from("\t}"));
            out.push(format!(
                "\treturn fmt.Errorf(\"%s: unknown %s %q\", {}, {}, tag)",
                string_literal(name),
                string_literal(&discriminator.property)
            ));
            out.push(String::from("}"));
            return;
        }
        out.push(String::from(
            "// UnmarshalJSON reads the first variant, in order, that the JSON value matches.",
        ));
        out.push(format!(
            "func (u *{name}) UnmarshalJSON(data []byte) error {{"
        ));
        out.push(format!("\t*u = {name}{{}}"));
        if !variants.is_empty() {
            out.push(String::from("\tkind := jsonKind(data)"));
        }
        for (variant, field, ty) in &variants {
            let (kinds, extra_check, after) = self.match_condition(*variant, ty);
            let mut condition: Vec<String> = Vec::new();
            if !kinds.is_empty() {
                let alternatives: Vec<String> = kinds
                    .iter()
                    .map(|kind| format!("kind == '{kind}'"))
                    .collect();
                if alternatives.len() > 1 && extra_check.is_some() {
                    condition.push(format!("({})", alternatives.join(" || ")));
                } else {
                    condition.push(alternatives.join(" || "));
                }
            }
            if let Some(check) = &extra_check {
                condition.push(check.clone());
            }
            let mut indent = "\t";
            if !condition.is_empty() {
                out.push(format!("\tif {} {{", condition.join(" && ")));
                indent = "\t\t";
            }
            out.push(format!("{indent}var v {}", ty.expr));
            let valid = after
                .map(|check| format!(" && {check}"))
                .unwrap_or_default();
            out.push(format!(
                "{indent}if err := json.Unmarshal(data, &v); err == nil{valid} {{"
            ));
            out.push(format!("{indent}\tu.{field} = &v"));
            out.push(format!("{indent}\treturn nil"));
            out.push(format!("{indent}}}"));
            if !condition.is_empty() {
                out.push(String::from("\t}"));
            }
        }
        out.push(format!(
            "\treturn fmt.Errorf(\"%s: %s matches none of the variants\", {}, preview(data))",
            string_literal(name)
        ));
        out.push(String::from("}"));
    }

    /// JSON kinds (see the runtime's `jsonKind`) a variant can have, and an extra check on
    /// `data` for objects (their required keys and constant properties).
    fn match_condition(
        &self,
        variant: TypeId,
        ty: &GoType,
    ) -> (Vec<char>, Option<String>, Option<String>) {
        let kinds: Vec<char> = match ty.base {
            Base::String | Base::Time | Base::Date | Base::Bytes | Base::File => vec!['"'],
            Base::Decimal => vec!['"', '0'],
            Base::Bool => vec!['b'],
            Base::Int | Base::Float => vec!['0'],
            Base::NullValue => vec!['n'],
            Base::Slice => vec!['['],
            Base::Map => vec!['{'],
            Base::Raw | Base::Nullable => Vec::new(),
            Base::Struct => {
                let resolved = self.struct_target(variant, 0).unwrap_or(variant);
                match &self.api.type_def(resolved).kind {
                    TypeKind::Object(_) => vec!['{'],
                    TypeKind::Intersection(_) => vec!['{'],
                    _ => Vec::new(),
                }
            }
        };
        let mut checks = Vec::new();
        let mut after = None;
        if ty.base == Base::Struct {
            let resolved = self.struct_target(variant, 0).unwrap_or(variant);
            if let TypeKind::Object(object) = &self.api.type_def(resolved).kind {
                let required: Vec<String> = object
                    .properties
                    .iter()
                    .filter(|property| property.required)
                    .map(|property| string_literal(&property.name))
                    .collect();
                if !required.is_empty() {
                    checks.push(format!("hasKeys(data, {})", required.join(", ")));
                }
                for property in &object.properties {
                    let resolved_property = self.api.resolve(property.ty);
                    if let TypeKind::Literal(value) = &self.api.type_def(resolved_property).kind
                        && property.required
                    {
                        checks.push(format!(
                            "hasValue(data, {}, {})",
                            string_literal(&property.name),
                            string_literal(&value.to_json())
                        ));
                    }
                }
            }
        }
        if let TypeKind::Literal(value) = &self.api.type_def(self.api.resolve(variant)).kind
            && ty.base != Base::NullValue
            && ty.base != Base::Raw
            && let Some(literal) = value_literal(value)
        {
            after = Some(format!("v == {literal}"));
        }
        if ty.enumeration.is_some() && ty.base != Base::Raw {
            after = Some(String::from("v.Valid()"));
        }
        let check = (!checks.is_empty()).then(|| checks.join(" && "));
        (kinds, check, after)
    }

    fn intersection_struct(&self, id: TypeId, name: &str, parts: &[TypeId], out: &mut Vec<String>) {
        let mut fields = Namespace::new(false);
        fields.reserve(["MarshalJSON", "UnmarshalJSON"]);
        let parts: Vec<(String, GoType, bool)> = parts
            .iter()
            .map(|part| {
                let field = fields.claim(&self.variant_label(*part));
                let recursive = self
                    .struct_target(*part, 0)
                    .is_some_and(|target| self.contains_by_value(target, id));
                (field, self.go_type(*part), recursive)
            })
            .collect();
        let extra = vec![format!(
            "{name} has the properties of all of {} at once.",
            parts
                .iter()
                .map(|(_, ty, _)| ty.expr.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )];
        out.extend(comment_lines(&self.type_doc(id, name, &extra)));
        let rows: Vec<Row> = parts
            .iter()
            .map(|(field, ty, recursive)| {
                let pointer = if *recursive { "*" } else { "" };
                Row::Cells(vec![field.clone(), format!("{pointer}{}", ty.expr)])
            })
            .collect();
        if rows.is_empty() {
            out.push(format!("type {name} struct{{}}"));
        } else {
            out.push(format!("type {name} struct {{"));
            out.extend(gofmt::align(&rows, "\t"));
            out.push(String::from("}"));
        }
        let arguments: Vec<String> = parts
            .iter()
            .map(|(field, _, _)| format!("v.{field}"))
            .collect();
        out.push(String::new());
        out.push(String::from(
            "// MarshalJSON merges the JSON objects of the parts.",
        ));
        out.push(format!("func (v {name}) MarshalJSON() ([]byte, error) {{"));
        out.push(format!("\treturn mergeObjects({})", arguments.join(", ")));
        out.push(String::from("}"));
        out.push(String::new());
        out.push(String::from(
            "// UnmarshalJSON reads every part from the same JSON object.",
        ));
        out.push(format!(
            "func (v *{name}) UnmarshalJSON(data []byte) error {{"
        ));
        for (field, ty, recursive) in &parts {
            if *recursive {
                out.push(format!("\tv.{field} = new({})", ty.expr));
                out.push(format!(
                    "\tif err := json.Unmarshal(data, v.{field}); err != nil {{"
                ));
            } else {
                out.push(format!(
                    "\tif err := json.Unmarshal(data, &v.{field}); err != nil {{"
                ));
            }
            out.push(String::from("\t\treturn err"));
            out.push(String::from("\t}"));
        }
        out.push(String::from("\treturn nil"));
        out.push(String::from("}"));
    }

    /// `enums.go`: a defined type per enum, its values as constants, and `Valid()`.
    pub(crate) fn enums_file(&self) -> String {
        let enums: Vec<TypeId> = self
            .plan
            .declarations
            .iter()
            .copied()
            .filter(|id| matches!(self.api.type_def(*id).kind, TypeKind::Enum(_)))
            .collect();
        let parts = crate::parallel_map(&enums, |id| match &self.api.type_def(*id).kind {
            TypeKind::Enum(enumeration) => self.enum_declaration(*id, enumeration),
            _ => String::new(),
        });
        self.go_file(&[], &parts.join("\n"))
    }

    fn enum_declaration(&self, id: TypeId, enumeration: &Enum) -> String {
        let name = self.names.type_name(id);
        let mut out: Vec<String> = Vec::new();
        let underlying = self.structure(id, 0).expr;
        if enumeration.kind == EnumKind::Mixed {
            let values: Vec<String> = enumeration
                .members
                .iter()
                .map(|member| member.value.to_json())
                .collect();
            out.extend(comment_lines(&self.type_doc(
                id,
                name,
                &[format!("One of the JSON values {}.", values.join(", "))],
            )));
            out.push(format!("type {name} = json.RawMessage"));
            return out.join("\n") + "\n";
        }
        out.extend(comment_lines(&self.type_doc(id, name, &[])));
        out.push(format!("type {name} {underlying}"));
        let members = self.names.enum_members(id);
        if !enumeration.members.is_empty() {
            out.push(String::new());
            out.push(format!("// Values of {name}."));
            out.push(String::from("const ("));
            let mut rows = Vec::new();
            for (member, constant) in enumeration.members.iter().zip(members) {
                if let Some(description) = &member.description {
                    for line in comment_lines(&doc_lines(description)) {
                        rows.push(Row::Text(line));
                    }
                }
                let literal = value_literal(&member.value).unwrap_or_else(|| String::from("0"));
                rows.push(Row::Cells(vec![
                    constant.clone(),
                    name.to_owned(),
                    format!("= {literal}"),
                ]));
            }
            out.extend(gofmt::align(&rows, "\t"));
            out.push(String::from(")"));
        }
        // Valid: one case per distinct value.
        let mut seen: Vec<&Value> = Vec::new();
        let mut cases: Vec<&str> = Vec::new();
        for (member, constant) in enumeration.members.iter().zip(members) {
            if !seen.contains(&&member.value) {
                seen.push(&member.value);
                cases.push(constant);
            }
        }
        out.push(String::new());
        out.push(format!(
            "// Valid reports whether v is one of the values of {name}."
        ));
        out.push(format!("func (v {name}) Valid() bool {{"));
        if !cases.is_empty() {
            out.push(String::from("\tswitch v {"));
            out.push(format!("\tcase {}:", cases.join(", ")));
            out.push(String::from("\t\treturn true"));
            out.push(String::from("\t}"));
        }
        out.push(String::from("\treturn false"));
        out.push(String::from("}"));
        out.join("\n") + "\n"
    }
}

/// `Ticket category` → `the "category" property of Ticket`, for doc comments of hoisted
/// types.
fn place_description(place: &str) -> String {
    match place.split_once(' ') {
        Some((owner, rest)) => format!("{rest:?} in {owner}"),
        None => place.to_owned(),
    }
}

/// The declared object (with properties) that values of `id` are, through aliases.
pub(crate) fn declared_object<'a>(
    emitter: &Emitter<'a>,
    id: TypeId,
) -> Option<(TypeId, &'a Object)> {
    let mut current = id;
    for _ in 0..32 {
        let api: &'a Api = emitter.api;
        match &api.type_def(current).kind {
            TypeKind::Object(object) if !object.properties.is_empty() => {
                return Some((current, object));
            }
            TypeKind::Alias(target) | TypeKind::Nullable(target) => current = *target,
            _ => return None,
        }
    }
    None
}
