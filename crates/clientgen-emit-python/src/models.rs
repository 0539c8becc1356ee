//! `models/` (pydantic models and type aliases), `models/__init__.py` (lazy exports) and
//! `enums.py`.

use clientgen_emit::{CodeWriter, OutputFile};
use clientgen_ir::naming::{self, Namespace};
use clientgen_ir::{
    AdditionalProperties, EnumKind, Number, Origin, StringFormat, TypeDef, TypeId, TypeKind, Value,
};

use crate::Emitter;
use crate::imports::{ImportBlock, Section};
use crate::layout::{self, Doc, text};
use crate::plan::{Declaration, FieldSpec, class_fields};
use crate::syntax::{description_lines, string_literal, write_docstring};
use crate::types::{Home, Imports, PyType, is_blank_enum, is_enum_class, union_of};

impl Emitter<'_> {
    /// Every file under `models/` and `enums.py`.
    pub(crate) fn model_files(&self) -> Vec<OutputFile> {
        let indexes: Vec<usize> = (0..self.plan.modules.len()).collect();
        let mut files = crate::parallel_map(&indexes, |index| self.model_module(*index));
        files.push(OutputFile::new(
            self.path("models/__init__.py"),
            self.models_index(),
        ));
        files.extend(crate::parallel_map(&self.plan.enum_types, |id| {
            self.enum_file(*id)
        }));
        files.push(OutputFile::new(
            self.path("enums/__init__.py"),
            self.enums_index(),
        ));
        files
    }

    fn model_module(&self, index: usize) -> OutputFile {
        let module = &self.plan.modules[index];
        let mut imports = Imports::default();
        let mut body = CodeWriter::new("    ");
        let mut rebuild: Vec<String> = Vec::new();
        for (position, id) in module.members.iter().enumerate() {
            if position > 0 {
                body.blank();
                body.blank();
            }
            match self.plan.declarations.get(id) {
                Some(Declaration::Class) => {
                    self.class_declaration(&mut body, *id, &mut imports);
                    rebuild.push(self.names.type_name(*id).to_owned());
                }
                Some(Declaration::EmptyClass) => {
                    imports.model.insert("Model");
                    layout::class_header(&mut body, self.names.type_name(*id), "Model");
                    body.indent();
                    let doc = self.type_doc(self.api.type_def(*id));
                    if doc.is_empty() {
                        body.line("pass");
                    } else {
                        write_docstring(&mut body, &doc);
                    }
                    body.dedent();
                }
                Some(Declaration::Intersection(classes)) => {
                    self.intersection_declaration(&mut body, *id, classes, &mut imports);
                    rebuild.extend(classes.iter().map(|(name, _)| name.clone()));
                }
                Some(Declaration::Alias) | None => {
                    self.alias_declaration(&mut body, *id, &mut imports);
                }
            }
        }
        if module.cyclic && !rebuild.is_empty() {
            body.blank();
            body.blank();
            for name in &rebuild {
                body.line(format!("{name}.model_rebuild()"));
            }
        }

        let mut block = ImportBlock::default();
        block.from(Section::Future, "__future__", "annotations");
        imports.add_external(&mut block);
        for name in &imports.model {
            block.from(Section::Local, ".._model", name);
        }
        if imports.upload {
            block.from(Section::Local, "..runtime", "Upload");
        }
        for id in &imports.enums {
            block.from(
                Section::Local,
                &format!("..enums.{}", self.plan.enum_stem(*id)),
                self.names.type_name(*id),
            );
        }
        for id in &imports.types {
            if module.members.contains(id) {
                continue;
            }
            block.from(
                Section::Local,
                &format!(".{}", self.plan.stem(*id)),
                self.names.type_name(*id),
            );
        }
        let mut writer = CodeWriter::new("    ");
        for line in block.render(0) {
            writer.line(line);
        }
        // isort wants two blank lines before a class or function, one before anything else.
        writer.blank();
        let body = body.finish();
        if body.starts_with("class ") || body.starts_with("def ") {
            writer.blank();
        }
        writer.lines(body.trim_end());
        OutputFile::new(
            self.path(&format!("models/{}.py", module.stem)),
            self.finish_file(writer),
        )
    }

    /// The docstring lines of a named type.
    pub(crate) fn type_doc(&self, def: &TypeDef) -> Vec<String> {
        let mut doc = Vec::new();
        if let Some(description) = &def.description {
            doc.extend(description_lines(description));
        }
        if let Origin::RequestView(_) = def.origin {
            if !doc.is_empty() {
                doc.push(String::new());
            }
            doc.push(String::from(
                "Request body form: read-only properties left out.",
            ));
        }
        if def.deprecated {
            if !doc.is_empty() {
                doc.push(String::new());
            }
            doc.push(String::from("Deprecated."));
        }
        doc
    }

    fn class_declaration(&self, writer: &mut CodeWriter, id: TypeId, imports: &mut Imports) {
        imports.model.insert("Model");
        let def = self.api.type_def(id);
        let name = self.names.type_name(id);
        layout::class_header(writer, name, "Model");
        writer.indent();
        let doc = self.type_doc(def);
        let fields = class_fields(self.api, &self.discriminators, id);
        let mut always_sent: Vec<&str> = Vec::new();
        let extra = match &def.kind {
            TypeKind::Object(object) => match object.additional {
                AdditionalProperties::Typed(values) => {
                    let mut scratch = Imports::default();
                    Some(self.py_type(values, &mut scratch).flat())
                }
                _ => None,
            },
            _ => None,
        };
        let mut doc = doc;
        if let Some(values) = &extra {
            if !doc.is_empty() {
                doc.push(String::new());
            }
            doc.push(format!(
                "Keys not declared here are kept in `model_extra`; the API documents their values as `{values}`."
            ));
        }
        let mut wrote = false;
        if !doc.is_empty() {
            write_docstring(writer, &doc);
            wrote = true;
        }
        if extra.is_some() {
            imports.pydantic.insert("ConfigDict");
            if wrote {
                writer.blank();
            }
            writer.line("model_config = ConfigDict(extra=\"allow\")");
            wrote = true;
        }
        for (index, field) in fields.iter().enumerate() {
            if index == 0 && wrote {
                writer.blank();
            }
            let always = self.field_declaration(writer, field, imports);
            if always {
                always_sent.push(field.python.as_str());
            }
            wrote = true;
        }
        if !always_sent.is_empty() {
            if wrote {
                writer.blank();
            }
            writer.line("def model_post_init(self, context: object, /) -> None:");
            writer.indent();
            write_docstring(
                writer,
                &[String::from(
                    "Marks the discriminator as set, so that requests always send it.",
                )],
            );
            for field in &always_sent {
                writer.line(format!(
                    "self.model_fields_set.add({})",
                    string_literal(field)
                ));
            }
            writer.dedent();
            wrote = true;
        }
        if !wrote {
            writer.line("pass");
        }
        writer.dedent();
    }

    /// Writes one field; returns true when the field must always be sent (a discriminator
    /// with a default).
    fn field_declaration(
        &self,
        writer: &mut CodeWriter,
        field: &FieldSpec<'_>,
        imports: &mut Imports,
    ) -> bool {
        let mut always = false;
        let required = field.property.is_some_and(|property| property.required);
        let (annotation, default): (PyType, Option<String>) = if let Some(values) = &field.narrowed
        {
            imports.typing.insert("Literal");
            let literal = PyType::Generic(
                String::from("Literal"),
                values
                    .iter()
                    .map(|value| PyType::Name(string_literal(value)))
                    .collect(),
            );
            if values.len() == 1 || !required {
                always = true;
                (literal, values.first().map(|value| string_literal(value)))
            } else {
                (literal, None)
            }
        } else if let Some(property) = field.property {
            let ty = self.py_type(property.ty, imports);
            if required {
                (ty, None)
            } else if let Some(default) = self.default_literal(property, imports) {
                (ty, Some(default))
            } else if ty.includes_none() {
                (ty, Some(String::from("None")))
            } else {
                imports.model.insert("Omittable");
                (
                    PyType::Generic(String::from("Omittable"), vec![ty]),
                    Some(String::from("None")),
                )
            }
        } else {
            return false;
        };
        let aliased = field.python != field.wire;
        let value = if aliased {
            imports.pydantic.insert("Field");
            let alias = string_literal(&field.wire);
            let mut arguments = Vec::new();
            if let Some(default) = &default {
                arguments.push(text(format!("default={default}")));
            }
            arguments.push(text(format!("validation_alias={alias}")));
            arguments.push(text(format!("serialization_alias={alias}")));
            Some(layout::Value::Bracketed(layout::call(
                "Field", arguments, "",
            )))
        } else {
            default.clone().map(layout::Value::Atom)
        };
        let statement =
            layout::assignment(&field.python, Some(annotation.annotation_doc()), value, 4);
        write_printed(writer, &statement, 4);
        let mut doc = Vec::new();
        if let Some(property) = field.property {
            if let Some(description) = &property.description {
                doc.extend(description_lines(description));
            }
            if property.deprecated {
                if !doc.is_empty() {
                    doc.push(String::new());
                }
                doc.push(String::from("Deprecated."));
            }
        } else {
            doc.push(String::from(
                "The discriminator value selecting this class (set by default).",
            ));
        }
        write_docstring(writer, &doc);
        always
    }

    /// The Python literal of a property's default, when its type can hold it as written.
    fn default_literal(
        &self,
        property: &clientgen_ir::Property,
        imports: &mut Imports,
    ) -> Option<String> {
        let value = property.default.as_ref()?;
        let mut id = self.api.resolve(property.ty);
        if let TypeKind::Nullable(inner) = &self.api.type_def(id).kind {
            if matches!(value, Value::Null) {
                return Some(String::from("None"));
            }
            id = self.api.resolve(*inner);
        }
        let def = self.api.type_def(id);
        match (&def.kind, value) {
            (TypeKind::Boolean, Value::Bool(flag)) => {
                Some(String::from(if *flag { "True" } else { "False" }))
            }
            (TypeKind::Integer { .. }, Value::Number(number)) => {
                number.as_i64().map(|integer| integer.to_string())
            }
            (TypeKind::Number { .. }, Value::Number(number)) => float_literal(*number),
            (TypeKind::String { format, .. }, Value::String(text)) => match format {
                StringFormat::Date
                | StringFormat::DateTime
                | StringFormat::Time
                | StringFormat::Uuid
                | StringFormat::Decimal
                | StringFormat::Binary => None,
                _ => Some(string_literal(text)),
            },
            (TypeKind::Literal(literal), value) if literal == value => {
                let rendered = crate::types::literal_type(value, imports);
                match rendered {
                    PyType::Generic(_, items) => items.first().map(PyType::flat),
                    _ => None,
                }
            }
            (TypeKind::Enum(enumeration), value) if def.name.is_some() => {
                let position = enumeration
                    .members
                    .iter()
                    .position(|member| member.value == *value)?;
                if is_enum_class(&def.kind) && self.home(id) == Home::Enums {
                    imports.enums.insert(id);
                    let members = enum_member_names(enumeration);
                    Some(format!(
                        "{}.{}",
                        self.names.type_name(id),
                        members[position]
                    ))
                } else {
                    match crate::types::literal_type(value, imports) {
                        PyType::Generic(_, items) => items.first().map(PyType::flat),
                        _ => None,
                    }
                }
            }
            _ => None,
        }
    }

    fn intersection_declaration(
        &self,
        writer: &mut CodeWriter,
        id: TypeId,
        classes: &[(String, Vec<TypeId>)],
        imports: &mut Imports,
    ) {
        let def = self.api.type_def(id);
        let doc = self.type_doc(def);
        for (index, (name, bases)) in classes.iter().enumerate() {
            if index > 0 {
                writer.blank();
                writer.blank();
            }
            let bases: Vec<Doc> = bases
                .iter()
                .map(|base| text(self.py_type(*base, imports).flat()))
                .collect();
            layout::write(
                writer,
                &layout::call(format!("class {name}"), bases, ":"),
                0,
            );
            writer.indent();
            let mut class_doc = doc.clone();
            if classes.len() > 1 {
                if !class_doc.is_empty() {
                    class_doc.push(String::new());
                }
                class_doc.push(format!(
                    "One of the forms of `{}`: all properties of its bases.",
                    self.names.type_name(id)
                ));
            }
            if class_doc.is_empty() {
                writer.line("pass");
            } else {
                write_docstring(writer, &class_doc);
            }
            writer.dedent();
        }
        if classes.len() > 1 {
            imports.typing.insert("TypeAlias");
            writer.blank();
            writer.blank();
            let members: Vec<PyType> = classes
                .iter()
                .map(|(name, _)| PyType::Name(name.clone()))
                .collect();
            let union = union_of(members, imports);
            self.write_alias(writer, self.names.type_name(id), &union, &doc);
        }
    }

    fn alias_declaration(&self, writer: &mut CodeWriter, id: TypeId, imports: &mut Imports) {
        imports.typing.insert("TypeAlias");
        let structure = self.structure(id, imports);
        let doc = self.type_doc(self.api.type_def(id));
        self.write_alias(writer, self.names.type_name(id), &structure, &doc);
    }

    fn write_alias(&self, writer: &mut CodeWriter, name: &str, ty: &PyType, doc: &[String]) {
        let value = match ty {
            PyType::Name(atom) => layout::Value::Atom(atom.clone()),
            other => layout::Value::Bracketed(other.annotation_doc()),
        };
        let statement = layout::assignment(name, Some(text("TypeAlias")), Some(value), 0);
        write_printed(writer, &statement, 0);
        write_docstring(writer, doc);
    }

    /// `models/__init__.py`: every model and enum, imported on first access.
    fn models_index(&self) -> String {
        let mut entries: Vec<(String, String)> = Vec::new();
        for id in self.api.named_types() {
            let name = self.names.type_name(id).to_owned();
            let module = match crate::plan::home_of(self.api, id) {
                Home::Models => format!(".{}", self.plan.stem(id)),
                Home::Enums | Home::Inline => format!("..enums.{}", self.plan.enum_stem(id)),
            };
            entries.push((name.clone(), module.clone()));
            if let Some(Declaration::Intersection(classes)) = self.plan.declarations.get(&id) {
                for (class, _) in classes {
                    if *class != name {
                        entries.push((class.clone(), module.clone()));
                    }
                }
            }
        }
        self.lazy_index(
            entries,
            &[
                String::from("Every model and enum of the API."),
                String::new(),
                String::from(
                    "Each is imported from its own module on first access, so importing this package",
                ),
                String::from("stays cheap however many models the API has."),
            ],
        )
    }

    /// A package `__init__.py` that imports each name from its module on first access
    /// (PEP 562), and declares them all for type checkers.
    pub(crate) fn lazy_index(&self, mut entries: Vec<(String, String)>, doc: &[String]) -> String {
        entries.sort_by(|left, right| left.0.cmp(&right.0));
        let mut checking = ImportBlock::default();
        for (name, module) in &entries {
            checking.from(Section::Local, module, name);
        }
        let mut writer = CodeWriter::new("    ");
        write_docstring(&mut writer, doc);
        writer.blank();
        let mut top = ImportBlock::default();
        top.from(Section::Future, "__future__", "annotations");
        top.from(Section::Standard, "importlib", "import_module");
        if !entries.is_empty() {
            top.from(Section::Standard, "typing", "TYPE_CHECKING");
        }
        for line in top.render(0) {
            writer.line(line);
        }
        if !checking.is_empty() {
            writer.blank();
            writer.line("if TYPE_CHECKING:");
            for line in checking.render(4) {
                writer.line(line);
            }
        }
        writer.blank();
        let all: Vec<Doc> = sorted_dunder_all(entries.iter().map(|(name, _)| name.as_str()))
            .into_iter()
            .map(|name| text(string_literal(name)))
            .collect();
        layout::write(
            &mut writer,
            &layout::collection("__all__ = ", "[", all, "]"),
            0,
        );
        writer.blank();
        let modules: Vec<Doc> = entries
            .iter()
            .map(|(name, module)| {
                text(format!(
                    "{}: {}",
                    string_literal(name),
                    string_literal(module)
                ))
            })
            .collect();
        let annotation = if entries.is_empty() {
            "_MODULES: dict[str, str] = "
        } else {
            "_MODULES = "
        };
        layout::write(
            &mut writer,
            &layout::collection(annotation, "{", modules, "}"),
            0,
        );
        writer.blank();
        writer.blank();
        writer.lines(LAZY_GETATTR);
        self.finish_file(writer)
    }

    /// `enums/<module>.py`: one enum (or enum-like alias) per module, so that importing a
    /// model only creates the enum classes it uses.
    fn enum_file(&self, id: TypeId) -> OutputFile {
        let mut imports = Imports::default();
        let mut body = CodeWriter::new("    ");
        let def = self.api.type_def(id);
        let name = self.names.type_name(id);
        let doc = self.type_doc(def);
        let mut base_import: Option<&str> = None;
        match &def.kind {
            TypeKind::Enum(enumeration) if is_enum_class(&def.kind) || is_blank_enum(&def.kind) => {
                let base = if enumeration.kind == EnumKind::Integer {
                    "IntEnum"
                } else {
                    "StrEnum"
                };
                base_import = Some(base);
                layout::class_header(&mut body, name, base);
                body.indent();
                if !doc.is_empty() {
                    write_docstring(&mut body, &doc);
                    body.blank();
                }
                let members = enum_member_names(enumeration);
                for (member, key) in enumeration.members.iter().zip(&members) {
                    let statement = layout::assignment(
                        key,
                        None,
                        Some(layout::Value::Atom(enum_value(&member.value))),
                        4,
                    );
                    write_printed(&mut body, &statement, 4);
                    if let Some(description) = &member.description {
                        let lines = description_lines(description);
                        let same = matches!(&member.value, Value::String(text) if lines.len() == 1 && lines[0] == *text);
                        if !same {
                            write_docstring(&mut body, &lines);
                        }
                    }
                }
                body.dedent();
            }
            _ => {
                imports.typing.insert("TypeAlias");
                let structure = self.structure(id, &mut imports);
                self.write_alias(&mut body, name, &structure, &doc);
            }
        }
        let mut block = ImportBlock::default();
        block.from(Section::Future, "__future__", "annotations");
        if let Some(base) = base_import {
            block.from(Section::Standard, "enum", base);
        }
        imports.add_external(&mut block);
        for model_name in &imports.model {
            block.from(Section::Local, ".._model", model_name);
        }
        let mut writer = CodeWriter::new("    ");
        for line in block.render(0) {
            writer.line(line);
        }
        let body = body.finish();
        writer.blank();
        if body.starts_with("class ") {
            writer.blank();
        }
        writer.lines(body.trim_end());
        OutputFile::new(
            self.path(&format!("enums/{}.py", self.plan.enum_stem(id))),
            self.finish_file(writer),
        )
    }

    /// `enums/__init__.py`: every enum, imported on first access.
    fn enums_index(&self) -> String {
        let entries: Vec<(String, String)> = self
            .plan
            .enum_types
            .iter()
            .map(|id| {
                (
                    self.names.type_name(*id).to_owned(),
                    format!(".{}", self.plan.enum_stem(*id)),
                )
            })
            .collect();
        self.lazy_index(
            entries,
            &[
                String::from("Every enum of the API."),
                String::new(),
                String::from(
                    "Each is imported from its own module on first access, so importing this package",
                ),
                String::from("stays cheap however many enums the API has."),
            ],
        )
    }
}

/// Writes printed statement text (with its full indentation) to a writer indented `column`.
pub(crate) fn write_printed(writer: &mut CodeWriter, printed: &str, column: usize) {
    for line in printed.split('\n') {
        writer.line(line.get(column..).unwrap_or_else(|| line.trim_start()));
    }
}

/// UPPER_SNAKE member names, unique within the enum.
pub(crate) fn enum_member_names(enumeration: &clientgen_ir::Enum) -> Vec<String> {
    let mut namespace = Namespace::new(false);
    namespace.reserve(["MRO"]);
    enumeration
        .members
        .iter()
        .map(|member| {
            let mut key = naming::screaming_snake_case(&member.name);
            if key.is_empty() {
                key = String::from("VALUE");
            }
            if key.starts_with(|character: char| character.is_ascii_digit()) {
                key.insert_str(0, "VALUE_");
            }
            namespace.claim_with_separator(&key, "_")
        })
        .collect()
}

/// The Python literal of an enum member's value.
fn enum_value(value: &Value) -> String {
    match value {
        Value::String(text) => string_literal(text),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => String::from(if *flag { "True" } else { "False" }),
        Value::Null => String::from("None"),
        other => string_literal(&other.to_json()),
    }
}

/// A float literal as ruff writes it (`1.0`, `1.5e-07`).
fn float_literal(number: Number) -> Option<String> {
    match number {
        Number::Integer(value) => Some(format!("{value}.0")),
        Number::Unsigned(value) => Some(format!("{value}.0")),
        Number::Float(value) if value.is_finite() => {
            let text = format!("{value:?}");
            if text.contains(['.', 'e', 'E']) {
                Some(text)
            } else {
                Some(format!("{text}.0"))
            }
        }
        Number::Float(_) => None,
    }
}

/// `__all__` in the order ruff's `RUF022` wants: SCREAMING_CASE, then CamelCase, then the
/// rest, each in natural order.
pub(crate) fn sorted_dunder_all<'a>(names: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut names: Vec<&str> = names.collect();
    let kind = |name: &str| {
        let has_cased = name
            .chars()
            .any(|character| character.is_ascii_alphabetic());
        let upper = has_cased && !name.chars().any(|character| character.is_ascii_lowercase());
        if name.len() > 1 && upper {
            0
        } else if name.starts_with(|character: char| character.is_ascii_uppercase()) {
            1
        } else {
            2
        }
    };
    names.sort_by(|left, right| {
        kind(left)
            .cmp(&kind(right))
            .then_with(|| crate::imports::natural(left, right))
    });
    names.dedup();
    names
}

pub(crate) const LAZY_GETATTR: &str = r#"def __getattr__(name: str) -> object:
    module = _MODULES.get(name)
    if module is None:
        message = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(message)
    value: object = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value"#;
