//! Rendering the proto files.

use std::collections::BTreeSet;

use clientgen_emit::OutputFile;
use clientgen_emit_structs::Plan;
use clientgen_ir::naming::{self, Namespace};
use clientgen_ir::{
    AdditionalProperties, Api, EnumKind, IntegerFormat, MediaKind, Method, NumberFormat, Operation,
    ParameterLocation, PathSegment, StringFormat, Success, TypeDef, TypeId, TypeKind, Union, Value,
};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::Options;
use crate::names::{
    comment, default_json_name, field_name, package_component, pascal, string_literal,
    type_identifier,
};

const TIMESTAMP: &str = "google/protobuf/timestamp.proto";
const STRUCT: &str = "google/protobuf/struct.proto";
const EMPTY: &str = "google/protobuf/empty.proto";
const ANNOTATIONS: &str = "google/api/annotations.proto";

/// True when a type is written as a message or enum of its own.
fn is_declaration(api: &Api, def: &TypeDef) -> bool {
    match &def.kind {
        TypeKind::Object(object) => !object.properties.is_empty(),
        TypeKind::Enum(enumeration) => enumeration.kind != EnumKind::Mixed,
        TypeKind::Union(union) => collapse(api, union).is_none(),
        TypeKind::Intersection(_) => true,
        _ => false,
    }
}

/// The variant a union is written as when all its variants have the same proto type.
fn collapse(api: &Api, union: &Union) -> Option<TypeId> {
    let first = *union.variants.first()?;
    if union.variants.len() == 1 {
        return Some(first);
    }
    let key = scalar_key(api, first, 0)?;
    union
        .variants
        .iter()
        .all(|variant| scalar_key(api, *variant, 0).as_deref() == Some(key.as_str()))
        .then_some(first)
}

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
        TypeKind::Any | TypeKind::Never => String::from("value"),
        TypeKind::Null => String::from("null"),
        TypeKind::Boolean => String::from("bool"),
        TypeKind::Integer { format, .. } => integer_type(*format).to_owned(),
        TypeKind::Number { format, .. } => number_type(*format).to_owned(),
        TypeKind::String { format, .. } => string_type(format).0.to_owned(),
        TypeKind::Literal(value) => literal_type(value).0.to_owned(),
        TypeKind::Array { items, .. } => format!("[]{}", scalar_key(api, *items, depth + 1)?),
        TypeKind::Map { values } => format!("map{}", scalar_key(api, *values, depth + 1)?),
        TypeKind::Nullable(inner) => format!("?{}", scalar_key(api, *inner, depth + 1)?),
        TypeKind::Alias(target) => scalar_key(api, *target, depth + 1)?,
        _ => return None,
    })
}

fn integer_type(format: IntegerFormat) -> &'static str {
    match format {
        IntegerFormat::Int32 => "int32",
        _ => "int64",
    }
}

fn number_type(format: NumberFormat) -> &'static str {
    match format {
        NumberFormat::Float => "float",
        _ => "double",
    }
}

/// The proto type of a string format, and the import it needs.
fn string_type(format: &StringFormat) -> (&'static str, Option<&'static str>) {
    match format {
        StringFormat::DateTime => ("google.protobuf.Timestamp", Some(TIMESTAMP)),
        StringFormat::Binary | StringFormat::Byte => ("bytes", None),
        _ => ("string", None),
    }
}

fn literal_type(value: &Value) -> (&'static str, Option<&'static str>) {
    match value {
        Value::Null => ("google.protobuf.NullValue", Some(STRUCT)),
        Value::Bool(_) => ("bool", None),
        Value::Number(number) if number.as_i64().is_some() => ("int64", None),
        Value::Number(_) => ("double", None),
        Value::String(_) => ("string", None),
        Value::Array(_) | Value::Object(_) => ("google.protobuf.Value", Some(STRUCT)),
    }
}

/// How a field is declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Single,
    Optional,
    Repeated,
    Map,
}

/// A field's type as declared (`repeated Ticket`, `map<string, int64>`, `optional string`).
#[derive(Debug, Clone)]
struct FieldType {
    label: Label,
    /// The type (for maps: the whole `map<string, V>`).
    ty: String,
    /// True for message types (which have presence already).
    message: bool,
}

impl FieldType {
    fn single(ty: impl Into<String>, message: bool) -> Self {
        FieldType {
            label: Label::Single,
            ty: ty.into(),
            message,
        }
    }

    /// `repeated T` / `optional T` / `T`, ready to be followed by the field name.
    fn declaration(&self) -> String {
        match self.label {
            Label::Single | Label::Map => self.ty.clone(),
            Label::Optional => format!("optional {}", self.ty),
            Label::Repeated => format!("repeated {}", self.ty),
        }
    }
}

struct Emitter<'a> {
    api: &'a Api,
    plan: Plan,
    header: String,
    group: String,
    prefix: Vec<String>,
    /// Per tag: package component and directory.
    tags: Vec<String>,
}

pub(crate) fn emit(api: &Api, options: &Options) -> Vec<OutputFile> {
    let plan = clientgen_emit_structs::plan(api, |_, def| is_declaration(api, def));
    let group_name = options
        .group
        .clone()
        .unwrap_or_else(|| clientgen_emit_structs::group_name(api));
    let group = package_component(&group_name, "api");
    let prefix: Vec<String> = options
        .package_prefix
        .as_deref()
        .unwrap_or("")
        .split('.')
        .filter(|part| !naming::words(part).is_empty())
        .map(|part| package_component(part, "api"))
        .collect();
    let mut directories = Namespace::new(true);
    directories.reserve(["v1"]);
    let tags = api
        .tags
        .iter()
        .map(|tag| directories.claim_with_separator(&package_component(&tag.name, "default"), "_"))
        .collect();
    let emitter = Emitter {
        api,
        plan,
        header: clientgen_emit::header_text(api),
        group,
        prefix,
        tags,
    };
    let indexes: Vec<usize> = (0..api.tags.len()).collect();
    let mut files: Vec<OutputFile> = indexes
        .par_iter()
        .flat_map_iter(|index| emitter.tag_files(*index))
        .collect();
    files.push(OutputFile::new(
        "google/api/annotations.proto",
        include_str!("google/annotations.proto"),
    ));
    files.push(OutputFile::new(
        "google/api/http.proto",
        include_str!("google/http.proto"),
    ));
    files.push(OutputFile::new("buf.yaml", emitter.buf_yaml()));
    files.push(OutputFile::new("README.md", emitter.readme()));
    files.sort_by(|left, right| left.path.cmp(&right.path));
    files
}

impl Emitter<'_> {
    fn package(&self, tag: &str) -> String {
        let mut parts = self.prefix.clone();
        parts.push(self.group.clone());
        parts.push(tag.to_owned());
        parts.push(String::from("v1"));
        parts.join(".")
    }

    fn tag_files(&self, index: usize) -> Vec<OutputFile> {
        let tag = &self.api.tags[index];
        let component = &self.tags[index];
        let directory = format!("{}/{component}", self.group);
        let package = self.package(component);
        let go_package = format!(
            "{}/{component};{}v1",
            self.group,
            component.replace('_', "")
        );
        let operations: Vec<&Operation> = self
            .api
            .operations
            .iter()
            .filter(|operation| operation.tag == tag.name)
            .collect();
        let mut file = TagFile::new(self, &operations);
        let service = file.service(tag, &operations);
        let messages = file.messages();
        let header = |imports: &BTreeSet<&str>| -> String {
            let mut text = format!(
                "// {}\n\nsyntax = \"proto3\";\n\npackage {package};\n\n",
                self.header
            );
            if !imports.is_empty() {
                for import in imports {
                    text.push_str(&format!("import {};\n", string_literal(import)));
                }
                text.push('\n');
            }
            text.push_str(&format!(
                "option go_package = {};\n",
                string_literal(&go_package)
            ));
            text
        };
        let messages_text = format!("{}{}", header(&file.message_imports), messages);
        let mut service_imports = file.service_imports.clone();
        let messages_path = format!("{directory}/messages.proto");
        service_imports.insert(&messages_path);
        let service_text = format!("{}\n{}", header(&service_imports), service);
        vec![
            OutputFile::new(messages_path.clone(), messages_text),
            OutputFile::new(format!("{directory}/service.proto"), service_text),
        ]
    }

    fn buf_yaml(&self) -> String {
        let lines = [
            format!("# {}", self.header),
            String::from(
                "# Lint with `buf lint` from this directory. The rules left out, and why:",
            ),
            String::from(
                "# - PACKAGE_DIRECTORY_MATCH: files live in <group>/<tag>/ while the package ends in .v1,",
            ),
            String::from(
                "#   the layout clientgen's users expect (one directory per group and tag).",
            ),
            String::from(
                "# - RPC_RESPONSE_STANDARD_NAME, RPC_REQUEST_RESPONSE_UNIQUE: operations that answer",
            ),
            String::from(
                "#   204 No Content return google.protobuf.Empty instead of a message of their own.",
            ),
            String::from(
                "# google/api holds googleapis' HTTP annotation files, which follow Google's own layout.",
            ),
            String::from("version: v2"),
            String::from("lint:"),
            String::from("  use:"),
            String::from("    - STANDARD"),
            String::from("  except:"),
            String::from("    - PACKAGE_DIRECTORY_MATCH"),
            String::from("    - RPC_RESPONSE_STANDARD_NAME"),
            String::from("    - RPC_REQUEST_RESPONSE_UNIQUE"),
            String::from("  ignore:"),
            String::from("    - google"),
        ];
        lines.join("\n") + "\n"
    }

    fn readme(&self) -> String {
        let title = if self.api.title.trim().is_empty() {
            "the API"
        } else {
            self.api.title.trim()
        };
        let mut text = format!(
            "<!-- {} -->\n\n# Protocol Buffers definitions for {title}\n\n\
One package per tag, each with `messages.proto` (a message or enum per schema its operations\n\
use, and a request and response message per RPC) and `service.proto` (a gRPC service whose\n\
RPCs carry `google.api.http` rules naming their REST method and path).\n\n\
| tag | package | service |\n|---|---|---|\n",
            self.header
        );
        for (tag, component) in self.api.tags.iter().zip(&self.tags) {
            text.push_str(&format!(
                "| {} | `{}` | `{}/{component}/service.proto` |\n",
                tag.name.replace('|', "\\|"),
                self.package(component),
                self.group
            ));
        }
        text.push_str(
            "\nRun the commands from this directory (the include root). `google/api/*.proto` are\n\
googleapis' HTTP annotation files; Go and TypeScript users take them from their own packages\n\
(`google.golang.org/genproto/googleapis/api`, `ts-proto`'s bundled copies).\n\n\
## Python (grpcio-tools)\n\n```sh\npython -m pip install grpcio-tools\nmkdir -p gen/python\n\
python -m grpc_tools.protoc -I . --python_out=gen/python --pyi_out=gen/python \\\n    --grpc_python_out=gen/python $(find . -name '*.proto' -not -path './gen/*')\n```\n\n\
## Go (protoc-gen-go, protoc-gen-go-grpc)\n\n```sh\n\
go install google.golang.org/protobuf/cmd/protoc-gen-go@latest\n\
go install google.golang.org/grpc/cmd/protoc-gen-go-grpc@latest\nmkdir -p gen/go\n",
        );
        text.push_str(&format!(
            "protoc -I . --go_out=gen/go --go_opt=paths=source_relative \\\n    --go-grpc_out=gen/go --go-grpc_opt=paths=source_relative {}/*/*.proto\n```\n\n",
            self.group
        ));
        text.push_str(
            "## TypeScript (ts-proto)\n\n```sh\nnpm install --save-dev ts-proto\nmkdir -p gen/ts\n",
        );
        text.push_str(&format!(
            "protoc -I . --plugin=./node_modules/.bin/protoc-gen-ts_proto --ts_proto_out=gen/ts \\\n    --ts_proto_opt=outputServices=grpc-js,esModuleInterop=true {}/*/*.proto\n```\n\n",
            self.group
        ));
        text.push_str(
            "## Lint\n\n`buf lint` checks the files against `buf.yaml` (Buf's STANDARD rules; the three left\n\
out are listed there with the reason).\n",
        );
        text
    }
}

/// One tag's package: names and rendering state.
struct TagFile<'a, 'e> {
    emitter: &'e Emitter<'a>,
    api: &'a Api,
    /// Package-level symbols: messages, enums, enum values.
    symbols: Namespace,
    /// Message and enum names of the declared types this package holds.
    names: FxHashMap<TypeId, String>,
    /// Declared types in output order.
    declared: Vec<TypeId>,
    /// Wrapper messages by the list or map type they hold.
    wrappers: FxHashMap<TypeId, String>,
    /// Rendered wrapper messages, in creation order.
    wrapper_texts: Vec<String>,
    message_imports: BTreeSet<&'static str>,
    service_imports: BTreeSet<&'static str>,
    /// RPC names, request and response message names per operation.
    rpcs: Vec<(String, String, String)>,
    /// Rendered request and response messages.
    rpc_messages: String,
}

impl<'a, 'e> TagFile<'a, 'e> {
    fn new(emitter: &'e Emitter<'a>, operations: &[&Operation]) -> Self {
        let api = emitter.api;
        let mut symbols = Namespace::new(false);
        let mut rpc_names = Namespace::new(false);
        let mut rpcs = Vec::with_capacity(operations.len());
        for operation in operations {
            let base = if operation.method_name.is_empty() {
                &operation.id
            } else {
                &operation.method_name
            };
            let mut rpc = rpc_names.claim(&pascal(base, "Call"));
            // An RPC whose request or response name is taken gets another name.
            while symbols.contains(&format!("{rpc}Request"))
                || symbols.contains(&format!("{rpc}Response"))
            {
                rpc = rpc_names.claim(&rpc);
            }
            let request = symbols.claim(&format!("{rpc}Request"));
            let response = symbols.claim(&format!("{rpc}Response"));
            rpcs.push((rpc, request, response));
        }
        // Declared types reachable from the operations.
        let mut reachable = vec![false; api.types.len()];
        let mut stack: Vec<TypeId> = Vec::new();
        for operation in operations {
            stack.extend(operation.parameters.iter().map(|parameter| parameter.ty));
            if let Some(content) = operation
                .request_body
                .as_ref()
                .and_then(|body| body.preferred_content())
            {
                stack.push(content.ty);
            }
            if let Success::Json { ty, .. } = operation.success {
                stack.push(ty);
            }
        }
        let mut seen: FxHashSet<TypeId> = FxHashSet::default();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            if let Some(slot) = reachable.get_mut(id.index()) {
                *slot = true;
            }
            stack.extend(api.type_def(id).kind.children());
        }
        let declared: Vec<TypeId> = emitter
            .plan
            .declarations
            .iter()
            .copied()
            .filter(|id| reachable[id.index()] && is_declaration(api, api.type_def(*id)))
            .collect();
        let mut names = FxHashMap::default();
        for id in &declared {
            let original = emitter.plan.name(*id).unwrap_or("Type");
            names.insert(*id, symbols.claim(&type_identifier(original)));
        }
        TagFile {
            emitter,
            api,
            symbols,
            names,
            declared,
            wrappers: FxHashMap::default(),
            wrapper_texts: Vec::new(),
            message_imports: BTreeSet::new(),
            service_imports: BTreeSet::new(),
            rpcs,
            rpc_messages: String::new(),
        }
    }

    /// The field type of values of `id`; `place` names wrapper messages.
    fn field_type(&mut self, id: TypeId, place: &str, depth: usize) -> FieldType {
        if depth > 32 {
            self.message_imports.insert(STRUCT);
            return FieldType::single("google.protobuf.Value", true);
        }
        if let Some(name) = self.names.get(&id) {
            let message = !matches!(self.api.type_def(id).kind, TypeKind::Enum(_));
            return FieldType::single(name.clone(), message);
        }
        let def = self.api.type_def(id);
        match &def.kind {
            TypeKind::Any | TypeKind::Never => {
                self.message_imports.insert(STRUCT);
                FieldType::single("google.protobuf.Value", true)
            }
            TypeKind::Null => {
                self.message_imports.insert(STRUCT);
                FieldType::single("google.protobuf.NullValue", false)
            }
            TypeKind::Boolean => FieldType::single("bool", false),
            TypeKind::Integer { format, .. } => FieldType::single(integer_type(*format), false),
            TypeKind::Number { format, .. } => FieldType::single(number_type(*format), false),
            TypeKind::String { format, .. } => {
                let (ty, import) = string_type(format);
                if let Some(import) = import {
                    self.message_imports.insert(import);
                }
                FieldType::single(ty, import.is_some())
            }
            TypeKind::Literal(value) => {
                let (ty, import) = literal_type(value);
                if let Some(import) = import {
                    self.message_imports.insert(import);
                }
                FieldType::single(ty, ty == "google.protobuf.Value")
            }
            TypeKind::Enum(_) => {
                // Mixed enums (and any enum without a declaration): any JSON value.
                self.message_imports.insert(STRUCT);
                FieldType::single("google.protobuf.Value", true)
            }
            TypeKind::Array { items, .. } => {
                let item = self.field_type(*items, &format!("{place} item"), depth + 1);
                let item = if matches!(item.label, Label::Repeated | Label::Map) {
                    FieldType::single(self.wrapper(*items, &format!("{place} item")), true)
                } else {
                    item
                };
                FieldType {
                    label: Label::Repeated,
                    ty: item.ty,
                    message: item.message,
                }
            }
            TypeKind::Map { values } => self.map_type(*values, place, depth),
            TypeKind::Object(object) => match object.additional {
                AdditionalProperties::Typed(values) if object.properties.is_empty() => {
                    self.map_type(values, place, depth)
                }
                _ => {
                    self.message_imports.insert(STRUCT);
                    FieldType::single("google.protobuf.Struct", true)
                }
            },
            TypeKind::Union(union) => match collapse(self.api, union) {
                Some(first) => self.field_type(first, place, depth + 1),
                None => {
                    self.message_imports.insert(STRUCT);
                    FieldType::single("google.protobuf.Value", true)
                }
            },
            TypeKind::Intersection(_) => {
                self.message_imports.insert(STRUCT);
                FieldType::single("google.protobuf.Struct", true)
            }
            TypeKind::Nullable(inner) => {
                let mut inner = self.field_type(*inner, place, depth + 1);
                if inner.label == Label::Single && !inner.message {
                    inner.label = Label::Optional;
                }
                inner
            }
            TypeKind::Alias(target) => self.field_type(*target, place, depth + 1),
        }
    }

    fn map_type(&mut self, values: TypeId, place: &str, depth: usize) -> FieldType {
        let value = self.field_type(values, &format!("{place} value"), depth + 1);
        let value_type = if matches!(value.label, Label::Repeated | Label::Map) {
            self.wrapper(values, &format!("{place} value"))
        } else {
            value.ty
        };
        FieldType {
            label: Label::Map,
            ty: format!("map<string, {value_type}>"),
            message: false,
        }
    }

    /// A message with one `values` field holding a list or map type, for places where proto
    /// cannot nest them.
    fn wrapper(&mut self, id: TypeId, place: &str) -> String {
        if let Some(name) = self.wrappers.get(&id) {
            return name.clone();
        }
        let name = self.symbols.claim(&pascal(place, "Values"));
        self.wrappers.insert(id, name.clone());
        let inner = self.field_type(id, place, 0);
        let inner = match inner.label {
            Label::Optional => FieldType {
                label: Label::Single,
                ..inner
            },
            _ => inner,
        };
        self.wrapper_texts.push(format!(
            "// {name} holds a list or map where proto needs a message.\nmessage {name} {{\n  {} values = 1;\n}}\n",
            inner.declaration()
        ));
        name
    }

    /// `messages.proto` after its header.
    fn messages(&mut self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let declared = self.declared.clone();
        for id in declared {
            parts.push(self.declaration(id));
        }
        parts.push(std::mem::take(&mut self.rpc_messages));
        parts.extend(std::mem::take(&mut self.wrapper_texts));
        let mut text = String::new();
        for part in parts {
            if part.is_empty() {
                continue;
            }
            if !part.starts_with('\n') {
                text.push('\n');
            }
            text.push_str(&part);
        }
        text
    }

    /// The message or enum of a declared type.
    fn declaration(&mut self, id: TypeId) -> String {
        let def = self.api.type_def(id);
        let name = self.names.get(&id).cloned().unwrap_or_default();
        let mut lines: Vec<String> = Vec::new();
        if let Some(description) = &def.description {
            lines.extend(comment(description, ""));
        }
        if def.name.is_none()
            && let Some(place) = self.emitter.plan.name(id)
        {
            lines.push(format!("// The type of {place}."));
        }
        match &def.kind {
            TypeKind::Enum(enumeration) => {
                let prefix = naming::screaming_snake_case(&name);
                lines.push(format!("enum {name} {{"));
                let zero = self
                    .symbols
                    .claim_with_separator(&format!("{prefix}_UNSPECIFIED"), "_");
                lines.push(String::from("  // No value (the JSON value is absent)."));
                lines.push(format!("  {zero} = 0;"));
                for (index, member) in enumeration.members.iter().enumerate() {
                    let mut member_name = naming::screaming_snake_case(&member.name);
                    if member_name.is_empty() {
                        member_name = String::from("VALUE");
                    }
                    let value = self
                        .symbols
                        .claim_with_separator(&format!("{prefix}_{member_name}"), "_");
                    let mut doc = format!("  // JSON value {}", member.value.to_json());
                    if let Some(description) = &member.description {
                        let first = clientgen_emit::description_lines(description)
                            .into_iter()
                            .next()
                            .unwrap_or_default();
                        let first: String = first
                            .chars()
                            .map(|character| {
                                if character.is_control() {
                                    ' '
                                } else {
                                    character
                                }
                            })
                            .collect();
                        if !first.trim().is_empty() {
                            doc.push_str(": ");
                            doc.push_str(first.trim());
                        }
                    }
                    lines.push(doc);
                    lines.push(format!("  {value} = {};", index + 1));
                }
                lines.push(String::from("}"));
            }
            TypeKind::Object(object) => {
                lines.push(format!("message {name} {{"));
                let properties: Vec<&clientgen_ir::Property> = object
                    .properties
                    .iter()
                    .filter(|property| {
                        !matches!(
                            self.api.type_def(self.api.resolve(property.ty)).kind,
                            TypeKind::Never
                        )
                    })
                    .collect();
                let names = field_names(properties.iter().map(|property| property.name.as_str()));
                let mut fields = Namespace::new(false);
                fields.reserve(names.iter().map(String::as_str));
                let mut number = 0u32;
                for (property, field) in properties.into_iter().zip(names) {
                    let mut ty =
                        self.field_type(property.ty, &format!("{name} {}", property.name), 0);
                    if !property.required && ty.label == Label::Single && !ty.message {
                        ty.label = Label::Optional;
                    }
                    if let Some(description) = &property.description {
                        lines.extend(comment(description, "  "));
                    }
                    if property.read_only {
                        lines.push(String::from("  // Read-only: set by the server."));
                    }
                    number = next_number(number);
                    lines.push(format!(
                        "  {} {field} = {number}{};",
                        ty.declaration(),
                        field_options(&field, &property.name, property.deprecated)
                    ));
                }
                if let AdditionalProperties::Typed(values) = object.additional {
                    let field = fields.claim_with_separator("additional_properties", "_");
                    let ty = self.map_type(values, &format!("{name} additional"), 0);
                    number = next_number(number);
                    lines.push(String::from(
                        "  // Keys not declared above (in JSON they sit beside the declared ones).",
                    ));
                    lines.push(format!("  {} {field} = {number};", ty.declaration()));
                }
                lines.push(String::from("}"));
            }
            TypeKind::Union(union) => {
                match &union.discriminator {
                    Some(discriminator) => lines.push(format!(
                        "// One of the variants, told apart in JSON by {}.",
                        string_literal(&discriminator.property)
                    )),
                    None => lines.push(String::from("// One of the variants.")),
                }
                lines.push(format!("message {name} {{"));
                lines.push(String::from("  oneof value {"));
                let mut fields = Namespace::new(false);
                for (index, variant) in union.variants.iter().enumerate() {
                    let place = format!("{name} option {}", index + 1);
                    let ty = self.field_type(*variant, &place, 0);
                    let ty = match ty.label {
                        Label::Repeated | Label::Map => {
                            FieldType::single(self.wrapper(*variant, &place), true)
                        }
                        _ => FieldType {
                            label: Label::Single,
                            ..ty
                        },
                    };
                    let label = naming::snake_case(&ty.ty.replace("google.protobuf.", ""));
                    let field = fields.claim_with_separator(&field_name(&label), "_");
                    lines.push(format!("    {} {field} = {};", ty.ty, index + 1));
                }
                lines.push(String::from("  }"));
                lines.push(String::from("}"));
            }
            TypeKind::Intersection(parts) => {
                lines.push(String::from(
                    "// All of the parts at once (in JSON, their properties side by side).",
                ));
                lines.push(format!("message {name} {{"));
                let mut fields = Namespace::new(false);
                for (index, part) in parts.iter().enumerate() {
                    let place = format!("{name} part {}", index + 1);
                    let ty = self.field_type(*part, &place, 0);
                    let ty = match ty.label {
                        Label::Optional => FieldType {
                            label: Label::Single,
                            ..ty
                        },
                        _ => ty,
                    };
                    let label = naming::snake_case(&ty.ty.replace("google.protobuf.", ""));
                    let field = fields.claim_with_separator(&field_name(&label), "_");
                    lines.push(format!("  {} {field} = {};", ty.declaration(), index + 1));
                }
                lines.push(String::from("}"));
            }
            _ => {}
        }
        lines.join("\n") + "\n"
    }

    /// `service.proto` after its header, plus the request and response messages it needs
    /// (appended to the messages).
    fn service(&mut self, tag: &clientgen_ir::Tag, operations: &[&Operation]) -> String {
        let mut request_messages: Vec<String> = Vec::new();
        let service_name = format!("{}Service", pascal(&tag.name, "Default"));
        let mut lines: Vec<String> = Vec::new();
        lines.push(format!(
            "// {service_name} holds the operations tagged {}.",
            string_literal(&tag.name)
        ));
        if let Some(description) = &tag.description {
            lines.push(String::from("//"));
            lines.extend(comment(description, ""));
        }
        lines.push(format!("service {service_name} {{"));
        for (index, operation) in operations.iter().enumerate() {
            let (rpc, request, response) = self.rpcs[index].clone();
            let (request_text, body_field, path) = self.request_message(operation, &request);
            request_messages.push(request_text);
            let returns = match &operation.success {
                Success::Empty => {
                    self.service_imports.insert(EMPTY);
                    String::from("google.protobuf.Empty")
                }
                success => {
                    request_messages.push(self.response_message(operation, success, &response));
                    response.clone()
                }
            };
            if index > 0 {
                lines.push(String::new());
            }
            if let Some(summary) = &operation.summary {
                lines.extend(comment(summary, "  "));
            } else if let Some(description) = &operation.description {
                lines.extend(comment(description, "  "));
            }
            lines.push(format!(
                "  // {} {} ({})",
                operation.method.http_name(),
                operation.path,
                operation.id
            ));
            lines.push(format!("  rpc {rpc}({request}) returns ({returns}) {{"));
            if operation.deprecated {
                lines.push(String::from("    option deprecated = true;"));
            }
            lines.push(String::from("    option (google.api.http) = {"));
            match operation.method {
                Method::Get | Method::Put | Method::Post | Method::Delete | Method::Patch => lines
                    .push(format!(
                        "      {}: {}",
                        operation.method.http_name().to_ascii_lowercase(),
                        string_literal(&path)
                    )),
                _ => {
                    lines.push(String::from("      custom: {"));
                    lines.push(format!(
                        "        kind: {}",
                        string_literal(operation.method.http_name())
                    ));
                    lines.push(format!("        path: {}", string_literal(&path)));
                    lines.push(String::from("      }"));
                }
            }
            if let Some(body) = body_field {
                lines.push(format!("      body: {}", string_literal(&body)));
            }
            if !matches!(operation.success, Success::Empty) {
                lines.push(String::from("      response_body: \"body\""));
            }
            lines.push(String::from("    };"));
            lines.push(String::from("  }"));
        }
        lines.push(String::from("}"));
        self.service_imports.insert(ANNOTATIONS);
        // The RPC messages go into messages.proto.
        let mut extra = String::new();
        for message in request_messages {
            extra.push('\n');
            extra.push_str(&message);
        }
        self.rpc_messages.push_str(&extra);
        lines.join("\n") + "\n"
    }
}

/// Field names for wire names: names that already are field names claim them first, so
/// that no field's JSON name (its wire name) equals another field's name.
fn field_names<'w>(wires: impl Iterator<Item = &'w str> + Clone) -> Vec<String> {
    let mut fields = Namespace::new(false);
    let mut names: Vec<Option<String>> = wires
        .clone()
        .map(|wire| {
            let field = field_name(wire);
            (field == wire && !fields.contains(&field)).then(|| fields.claim(&field))
        })
        .collect();
    for (slot, wire) in names.iter_mut().zip(wires) {
        if slot.is_none() {
            *slot = Some(fields.claim_with_separator(&field_name(wire), "_"));
        }
    }
    names.into_iter().flatten().collect()
}

/// The next field number, skipping the range proto reserves for itself.
fn next_number(current: u32) -> u32 {
    let next = current + 1;
    if (19000..20000).contains(&next) {
        20000
    } else {
        next
    }
}

/// ` [json_name = "…", deprecated = true]` where needed.
fn field_options(field: &str, wire: &str, deprecated: bool) -> String {
    let mut options = Vec::new();
    if default_json_name(field) != wire {
        options.push(format!("json_name = {}", string_literal(wire)));
    }
    if deprecated {
        options.push(String::from("deprecated = true"));
    }
    if options.is_empty() {
        String::new()
    } else {
        format!(" [{}]", options.join(", "))
    }
}

impl TagFile<'_, '_> {
    /// The request message of an RPC: path, query, header and cookie parameters, then the
    /// body. Returns the message, the body field's name and the HTTP path template.
    fn request_message(
        &mut self,
        operation: &Operation,
        name: &str,
    ) -> (String, Option<String>, String) {
        let mut lines = vec![format!(
            "// The parameters and body of {} {}.",
            operation.method.http_name(),
            operation.path
        )];
        lines.push(format!("message {name} {{"));
        let names = field_names(
            operation
                .parameters
                .iter()
                .map(|parameter| parameter.name.as_str()),
        );
        let mut fields = Namespace::new(false);
        fields.reserve(names.iter().map(String::as_str));
        let mut number = 0u32;
        let mut path_fields: FxHashMap<usize, String> = FxHashMap::default();
        for ((index, parameter), field) in operation.parameters.iter().enumerate().zip(names) {
            let mut ty = self.field_type(parameter.ty, &format!("{name} {}", parameter.name), 0);
            if !parameter.required && ty.label == Label::Single && !ty.message {
                ty.label = Label::Optional;
            }
            if let Some(description) = &parameter.description {
                lines.extend(comment(description, "  "));
            }
            lines.push(format!(
                "  // {} parameter {}{}.",
                match parameter.location {
                    ParameterLocation::Path => "Path",
                    ParameterLocation::Query => "Query",
                    ParameterLocation::Header => "Header",
                    ParameterLocation::Cookie => "Cookie",
                },
                string_literal(&parameter.name),
                if parameter.required {
                    " (required)"
                } else {
                    ""
                }
            ));
            number = next_number(number);
            lines.push(format!(
                "  {} {field} = {number}{};",
                ty.declaration(),
                field_options(&field, &parameter.name, parameter.deprecated)
            ));
            if parameter.location == ParameterLocation::Path {
                path_fields.insert(index, field);
            }
        }
        let mut body_field = None;
        if let Some(body) = &operation.request_body
            && let Some(content) = body.preferred_content()
        {
            let field = fields.claim_with_separator("body", "_");
            let mut ty = match content.kind {
                MediaKind::Binary => FieldType::single("bytes", false),
                MediaKind::Text => FieldType::single("string", false),
                _ => self.field_type(content.ty, &format!("{name} body"), 0),
            };
            if !body.required && ty.label == Label::Single && !ty.message {
                ty.label = Label::Optional;
            }
            if let Some(description) = &body.description {
                lines.extend(comment(description, "  "));
            }
            lines.push(format!(
                "  // The request body ({}{}).",
                content.media_type,
                if body.required { "" } else { ", optional" }
            ));
            number = next_number(number);
            lines.push(format!("  {} {field} = {number};", ty.declaration()));
            body_field = Some(field);
        }
        lines.push(String::from("}"));
        let mut path = String::new();
        for segment in &operation.path_segments {
            match segment {
                PathSegment::Literal(text) => path.push_str(text),
                PathSegment::Parameter(index) => match path_fields.get(index) {
                    Some(field) => {
                        path.push('{');
                        path.push_str(field);
                        path.push('}');
                    }
                    None => path.push('*'),
                },
            }
        }
        (lines.join("\n") + "\n", body_field, path)
    }

    /// The response message of an RPC: the success body in a field named `body`.
    fn response_message(&mut self, operation: &Operation, success: &Success, name: &str) -> String {
        let mut ty = match success {
            Success::Json { ty, .. } => self.field_type(*ty, &format!("{name} body"), 0),
            Success::Binary => FieldType::single("bytes", false),
            Success::Text | Success::Empty => FieldType::single("string", false),
        };
        if let Success::Json { optional: true, .. } = success
            && ty.label == Label::Single
            && !ty.message
        {
            ty.label = Label::Optional;
        }
        format!(
            "// What {} {} returns.\nmessage {name} {{\n  {} body = 1;\n}}\n",
            operation.method.http_name(),
            operation.path,
            ty.declaration()
        )
    }
}
