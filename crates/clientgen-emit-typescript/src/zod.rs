//! zod 4 schemas: one file per named type under `_utils/schemas/`.
//!
//! Every schema is annotated `z.ZodType<Model>`, so the TypeScript compiler proves that what a
//! schema accepts is exactly what the model type describes. References between schemas go
//! through `z.lazy`, which makes recursion and import cycles harmless.
//!
//! The schemas validate responses, so they accept everything the server may really send:
//! integers are not limited to JavaScript's safe range (int64 ids beyond 2^53 parse, with the
//! precision loss `JSON.parse` always has), `maxLength` counts characters as Python does (not
//! UTF-16 units), formats are not checked (Django sends `""` for blank URL fields), and a
//! `pattern` is only applied when it is a valid ECMAScript regular expression.

use std::collections::BTreeSet;

use clientgen_emit::{CodeWriter, OutputFile};
use clientgen_ir::{
    AdditionalProperties, Constraints, EnumKind, Number, StringFormat, TypeId, TypeKind, Value,
};

use crate::Emitter;
use crate::names::{property_key, string_literal};
use crate::types::{type_doc, write_doc};

/// Largest integer JavaScript numbers hold exactly; bounds beyond it carry no information.
const SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// What a file using zod expressions needs to import.
#[derive(Default)]
pub(crate) struct Imports {
    /// Schema constants used.
    pub(crate) schemas: BTreeSet<String>,
    /// Helpers from `_helpers.ts` used.
    pub(crate) helpers: BTreeSet<&'static str>,
}

impl Emitter<'_> {
    /// All schema files, the helpers module and the index.
    pub(crate) fn schema_files(&self) -> Vec<OutputFile> {
        let named: Vec<TypeId> = self.api.named_types().collect();
        let mut files: Vec<OutputFile> = crate::parallel_map(&named, |id| self.schema_file(*id));
        files.push(OutputFile::new(
            "_utils/schemas/_helpers.ts",
            self.helpers_file(),
        ));
        let mut index = CodeWriter::new("  ");
        for id in &named {
            let schema = self.names.schema_name(*id);
            let file = self.names.type_name(*id);
            index.line(format!("export {{ {schema} }} from \"./{file}.schema\";"));
        }
        if named.is_empty() {
            index.line("export {};");
        }
        files.push(OutputFile::new(
            "_utils/schemas/index.ts",
            self.finish_file(index),
        ));
        files
    }

    fn schema_file(&self, id: TypeId) -> OutputFile {
        let def = self.api.type_def(id);
        let name = self.names.type_name(id);
        let schema_name = self.names.schema_name(id);
        let mut imports = Imports::default();
        let expression = self.zod_structure(id, &mut imports, 0);
        imports.schemas.remove(schema_name);
        let mut writer = CodeWriter::new("  ");
        writer.line("import { z } from \"zod\";");
        let module = if matches!(def.kind, TypeKind::Enum(_)) {
            "enums"
        } else {
            "models"
        };
        writer.line(format!("import type {{ {name} }} from \"../../{module}\";"));
        if !imports.helpers.is_empty() {
            let helpers: Vec<&str> = imports.helpers.iter().copied().collect();
            writer.line(format!(
                "import {{ {} }} from \"./_helpers\";",
                helpers.join(", ")
            ));
        }
        for other in &imports.schemas {
            let file = other.strip_suffix("Schema").unwrap_or(other);
            writer.line(format!(
                "import {{ {other} }} from \"./{}.schema\";",
                self.schema_file_stem(other, file)
            ));
        }
        writer.blank();
        write_doc(&mut writer, &type_doc(def));
        writer.line(format!(
            "export const {schema_name}: z.ZodType<{name}> = {expression};"
        ));
        OutputFile::new(
            format!("_utils/schemas/{name}.schema.ts"),
            self.finish_file(writer),
        )
    }

    /// The file stem of the schema constant `schema` (normally the type name it was derived
    /// from; looked up when a collision gave the schema a numbered name).
    fn schema_file_stem(&self, schema: &str, guess: &str) -> String {
        if let Some(id) = self
            .api
            .named_types()
            .find(|id| self.names.schema_name(*id) == schema)
        {
            return self.names.type_name(id).to_owned();
        }
        guess.to_owned()
    }

    /// A zod expression validating values of `id` outside the schema modules (in fetchers):
    /// named types by their schema constant, others structurally.
    pub(crate) fn zod_for_use(&self, id: TypeId, imports: &mut Imports) -> String {
        if self.api.type_def(id).name.is_some() {
            let schema = self.names.schema_name(id).to_owned();
            imports.schemas.insert(schema.clone());
            return schema;
        }
        self.zod_structure(id, imports, 0)
    }

    /// A zod expression for a use of `id`: a lazy reference for named types.
    fn zod_reference(&self, id: TypeId, imports: &mut Imports, depth: usize) -> String {
        if self.api.type_def(id).name.is_some() {
            let schema = self.names.schema_name(id).to_owned();
            let text = format!("z.lazy(() => {schema})");
            imports.schemas.insert(schema);
            return text;
        }
        self.zod_structure(id, imports, depth + 1)
    }

    /// A zod expression for the structure of `id` (its definition, even when it is named).
    fn zod_structure(&self, id: TypeId, imports: &mut Imports, depth: usize) -> String {
        if depth > 64 {
            return String::from("z.unknown()");
        }
        let def = self.api.type_def(id);
        match &def.kind {
            TypeKind::Any => String::from("z.unknown()"),
            TypeKind::Never => String::from("z.never()"),
            TypeKind::Null => String::from("z.null()"),
            TypeKind::Boolean => String::from("z.boolean()"),
            TypeKind::Integer { constraints, .. } => {
                imports.helpers.insert("integer");
                format!("integer(){}", number_checks(constraints))
            }
            TypeKind::Number { constraints, .. } => {
                format!("z.number(){}", number_checks(constraints))
            }
            TypeKind::String {
                format,
                constraints,
            } => match format {
                StringFormat::Binary => String::from("z.instanceof(Blob)"),
                _ => {
                    let mut text = String::from("z.string()");
                    if let Some(minimum) = constraints.min_length.filter(|minimum| *minimum > 0) {
                        // UTF-16 length ≥ character count, so `.min` never rejects valid text.
                        text.push_str(&format!(".min({minimum})"));
                    }
                    if let Some(maximum) = constraints.max_length {
                        imports.helpers.insert("maxLength");
                        text.push_str(&format!(".check(maxLength({maximum}))"));
                    }
                    if let Some(pattern) = constraints
                        .pattern
                        .as_deref()
                        .filter(|pattern| is_ecmascript_pattern(pattern))
                    {
                        text.push_str(&format!(
                            ".regex(new RegExp({}, \"u\"))",
                            string_literal(pattern)
                        ));
                    }
                    text
                }
            },
            TypeKind::Literal(value) => literal_schema(value),
            TypeKind::Enum(enumeration) => {
                let values: Vec<String> = enumeration
                    .members
                    .iter()
                    .map(|member| value_literal(&member.value))
                    .collect();
                if enumeration.kind == EnumKind::String {
                    format!("z.enum([{}])", values.join(", "))
                } else if values.len() == 1 {
                    format!("z.literal({})", values.join(""))
                } else {
                    format!("z.literal([{}])", values.join(", "))
                }
            }
            TypeKind::Array { items, constraints } => {
                let mut text = format!("z.array({})", self.zod_reference(*items, imports, depth));
                if let Some(minimum) = constraints.min_items.filter(|minimum| *minimum > 0) {
                    text.push_str(&format!(".min({minimum})"));
                }
                if let Some(maximum) = constraints.max_items {
                    text.push_str(&format!(".max({maximum})"));
                }
                text
            }
            TypeKind::Map { values } => format!(
                "z.record(z.string(), {})",
                self.zod_reference(*values, imports, depth)
            ),
            TypeKind::Object(object) => {
                if object.properties.is_empty() {
                    return match object.additional {
                        AdditionalProperties::Typed(values) => format!(
                            "z.record(z.string(), {})",
                            self.zod_reference(values, imports, depth)
                        ),
                        _ => String::from("z.record(z.string(), z.never())"),
                    };
                }
                let mut text = String::from("z.object({\n");
                for property in &object.properties {
                    let mut value = self.zod_reference(property.ty, imports, depth);
                    if !property.required {
                        value.push_str(".optional()");
                    }
                    // `__proto__` in an object literal would set the prototype; a computed key
                    // defines an own property instead.
                    let key = if property.name == "__proto__" {
                        String::from("[\"__proto__\"]")
                    } else {
                        property_key(&property.name)
                    };
                    text.push_str(&format!("  {key}: {value},\n"));
                }
                text.push_str("})");
                if let AdditionalProperties::Typed(values) = object.additional {
                    text.push_str(&format!(
                        ".catchall({})",
                        self.zod_reference(values, imports, depth)
                    ));
                }
                if object
                    .properties
                    .iter()
                    .any(|property| OBJECT_PROTOTYPE_MEMBERS.contains(&property.name.as_str()))
                {
                    imports.helpers.insert("ownProperties");
                    text = format!("z.preprocess(ownProperties, {text})");
                }
                text
            }
            TypeKind::Union(union) => {
                if union.variants.is_empty() {
                    return String::from("z.never()");
                }
                let tagged = self.tagged_variants(union);
                let discriminated = union.discriminator.as_ref().filter(|_| {
                    tagged.iter().all(|variant| {
                        variant.tag.is_some() || self.pinned_values(variant.ty, union).is_some()
                    })
                });
                match discriminated {
                    Some(discriminator) => {
                        let key = property_key(&discriminator.property);
                        let options: Vec<String> = tagged
                            .iter()
                            .map(|variant| {
                                let values = match &variant.tag {
                                    Some((_, values)) => {
                                        values.iter().map(|value| (*value).to_owned()).collect()
                                    }
                                    None => {
                                        self.pinned_values(variant.ty, union).unwrap_or_default()
                                    }
                                };
                                let literal = literal_of_strings(&values);
                                let inner = self.zod_reference(variant.ty, imports, depth);
                                // The loose object exposes the values to discriminatedUnion; the
                                // pipe then validates the whole variant, typed as the variant
                                // tagged with its values.
                                format!(
                                    "z.looseObject({{ {key}: {literal} }}).pipe(z.object({{ {key}: {literal} }}).and({inner}))"
                                )
                            })
                            .collect();
                        format!(
                            "z.discriminatedUnion({}, [\n  {},\n])",
                            string_literal(&discriminator.property),
                            options.join(",\n  ")
                        )
                    }
                    None => {
                        let options: Vec<String> = union
                            .variants
                            .iter()
                            .map(|variant| self.zod_reference(*variant, imports, depth))
                            .collect();
                        if options.len() == 1 {
                            options.join("")
                        } else {
                            format!("z.union([{}])", options.join(", "))
                        }
                    }
                }
            }
            TypeKind::Intersection(parts) => {
                let mut parts = parts.iter();
                let Some(first) = parts.next() else {
                    return String::from("z.unknown()");
                };
                let mut text = self.zod_reference(*first, imports, depth);
                for part in parts {
                    text = format!(
                        "z.intersection({text}, {})",
                        self.zod_reference(*part, imports, depth)
                    );
                }
                text
            }
            TypeKind::Nullable(inner) => {
                format!("{}.nullable()", self.zod_reference(*inner, imports, depth))
            }
            TypeKind::Alias(target) => self.zod_reference(*target, imports, depth),
        }
    }

    /// For a variant that pins the discriminator itself: the values it pins.
    fn pinned_values(&self, variant: TypeId, union: &clientgen_ir::Union) -> Option<Vec<String>> {
        let discriminator = union.discriminator.as_ref()?;
        let values: Vec<String> = discriminator
            .mapping
            .iter()
            .filter(|(_, target)| *target == variant)
            .map(|(value, _)| value.clone())
            .collect();
        (!values.is_empty()).then_some(values)
    }

    /// `_utils/schemas/_helpers.ts`: checks shared by the schema files.
    fn helpers_file(&self) -> String {
        let mut writer = CodeWriter::new("  ");
        writer.lines(HELPERS);
        self.finish_file(writer)
    }
}

/// Members of `Object.prototype`: a zod object schema with a property of one of these names
/// would read the inherited member when the property is absent (`{}` fails
/// `z.object({ constructor: z.string().optional() })`), so such schemas validate the
/// object's own properties only (`ownProperties` in the helpers).
const OBJECT_PROTOTYPE_MEMBERS: &[&str] = &[
    "constructor",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "toString",
    "valueOf",
    "__defineGetter__",
    "__defineSetter__",
    "__lookupGetter__",
    "__lookupSetter__",
    "__proto__",
];

const HELPERS: &str = r#"import { z } from "zod";

/**
 * An integer of any size. `z.int()` stops at Number.MAX_SAFE_INTEGER, but servers send
 * int64 values beyond it; `JSON.parse` reads those with reduced precision, and rejecting
 * them would make whole responses unreadable.
 */
export function integer() {
  return z.number().refine(Number.isInteger, { message: "Expected an integer" });
}

/**
 * The own properties of a plain object, on an object without a prototype; anything else as it
 * is. Object schemas with a property named like a member of `Object.prototype` (`constructor`,
 * `toString`, …) parse through this, because zod reads `value[key]`, which finds the inherited
 * member when the property is absent.
 */
export function ownProperties(value: unknown): unknown {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.assign(Object.create(null) as object, value)
    : value;
}

/** At most `limit` characters, counted as code points the way Python and JSON Schema count them. */
export function maxLength(limit: number) {
  return z.refine<string>((value) => Array.from(value).length <= limit, {
    message: `Expected at most ${limit} characters`,
  });
}"#;

/// `.gte()`/`.gt()`/`.lte()`/`.lt()`/`.multipleOf()` for numeric constraints that JavaScript
/// numbers can express.
fn number_checks(constraints: &Constraints) -> String {
    let mut text = String::new();
    let usable =
        |number: &Number| number.as_f64().is_finite() && number.as_f64().abs() <= SAFE_INTEGER;
    if let Some(minimum) = constraints.minimum.as_ref().filter(|number| usable(number)) {
        text.push_str(&format!(".gte({minimum})"));
    }
    if let Some(minimum) = constraints
        .exclusive_minimum
        .as_ref()
        .filter(|number| usable(number))
    {
        text.push_str(&format!(".gt({minimum})"));
    }
    if let Some(maximum) = constraints.maximum.as_ref().filter(|number| usable(number)) {
        text.push_str(&format!(".lte({maximum})"));
    }
    if let Some(maximum) = constraints
        .exclusive_maximum
        .as_ref()
        .filter(|number| usable(number))
    {
        text.push_str(&format!(".lt({maximum})"));
    }
    if let Some(step) = constraints
        .multiple_of
        .as_ref()
        .filter(|number| usable(number) && number.as_f64() > 0.0)
    {
        text.push_str(&format!(".multipleOf({step})"));
    }
    text
}

/// A JavaScript literal for a scalar enum or const value.
fn value_literal(value: &Value) -> String {
    match value {
        Value::String(text) => string_literal(text),
        other => other.to_json(),
    }
}

fn literal_schema(value: &Value) -> String {
    match value {
        Value::Null => String::from("z.null()"),
        Value::Array(_) | Value::Object(_) => String::from("z.unknown()"),
        scalar => format!("z.literal({})", value_literal(scalar)),
    }
}

fn literal_of_strings(values: &[String]) -> String {
    if values.len() == 1 {
        format!("z.literal({})", string_literal(&values[0]))
    } else {
        format!(
            "z.literal([{}])",
            values
                .iter()
                .map(|value| string_literal(value))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}

/// True when `pattern` compiles as an ECMAScript regular expression with the `u` flag, the
/// way the generated code compiles it; anything else is left out rather than crash at load.
fn is_ecmascript_pattern(pattern: &str) -> bool {
    regress::Regex::with_flags(pattern, "u").is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_checked_as_ecmascript() {
        assert!(is_ecmascript_pattern(r"^-?\d{0,8}(?:\.\d{0,2})?$"));
        assert!(is_ecmascript_pattern(r"^[-a-zA-Z0-9_]+$"));
        assert!(!is_ecmascript_pattern(r"(?P<name>\w+)"));
        assert!(!is_ecmascript_pattern(r"\Z"));
    }
}
