//! The typed OpenAPI document, always in the OpenAPI 3.1 (JSON Schema 2020-12) shape.
//!
//! OpenAPI 3.0 input is upgraded while it is read: `nullable: true` becomes `"null"` in the
//! type list (or an `anyOf` with a null branch where there is no `type`), boolean
//! `exclusiveMinimum`/`exclusiveMaximum` become numbers, and `example` joins `examples`.
//! Every `$ref` to a schema is resolved to a [`SchemaId`] in [`Document::schemas`]; other
//! references (parameters, responses, request bodies, headers, path items) are resolved in
//! place, so consumers never see a reference that does not point anywhere.

use crate::node::{Node, Number};
use crate::source::{SourceId, Span};

/// The OpenAPI version a document declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenApiVersion {
    /// Minor version: `0` for 3.0.x, `1` for 3.1.x.
    pub minor: u8,
    /// The version string as written, e.g. `3.0.3`.
    pub text: String,
}

/// A fully loaded document: the root file plus every schema reached by `$ref`.
#[derive(Debug)]
pub struct Document {
    /// The version the root document declared (the model is in the 3.1 shape regardless).
    pub version: OpenApiVersion,
    /// `info`.
    pub info: Info,
    /// `servers`, in order.
    pub servers: Vec<Server>,
    /// Every operation of every path item, in document order (paths, then methods in the
    /// order get, put, post, delete, options, head, patch, trace).
    pub operations: Vec<Operation>,
    /// All schemas that have an identity of their own: the root's `components/schemas` first,
    /// in document order, then every other `$ref` target in the order first referenced.
    pub schemas: Vec<SchemaEntry>,
    /// `components/securitySchemes`, in order.
    pub security_schemes: Vec<SecurityScheme>,
    /// Top-level `security`; `None` when absent.
    pub security: Option<Vec<SecurityRequirement>>,
    /// Top-level `tags`, in order.
    pub tags: Vec<TagInfo>,
    /// The root file.
    pub root: SourceId,
}

/// `info`: title, version and description of the API.
#[derive(Debug, Clone, Default)]
pub struct Info {
    /// `title` (required by OpenAPI; empty when missing).
    pub title: String,
    /// `version` of the API (not of OpenAPI).
    pub version: String,
    /// `description`, CommonMark.
    pub description: Option<String>,
}

/// One `servers` entry.
#[derive(Debug, Clone)]
pub struct Server {
    /// URL, possibly relative and possibly with `{variables}`.
    pub url: String,
    /// `description`.
    pub description: Option<String>,
}

/// A tag declared in the top-level `tags` list.
#[derive(Debug, Clone)]
pub struct TagInfo {
    /// The tag name.
    pub name: String,
    /// `description`.
    pub description: Option<String>,
}

/// Index of a schema in [`Document::schemas`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchemaId(pub u32);

/// A schema with an identity: a component or the target of a `$ref`.
#[derive(Debug)]
pub struct SchemaEntry {
    /// A name for it: the component name, else the last JSON pointer token, else the file stem.
    pub name: String,
    /// The file it lives in.
    pub source: SourceId,
    /// Its JSON pointer in that file (`/components/schemas/Pet`).
    pub pointer: String,
    /// True for entries of the root document's `components/schemas`.
    pub is_component: bool,
    /// The schema itself.
    pub schema: Schema,
}

/// HTTP methods OpenAPI path items can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// DELETE
    Delete,
    /// OPTIONS
    Options,
    /// HEAD
    Head,
    /// PATCH
    Patch,
    /// TRACE
    Trace,
}

impl Method {
    /// All methods, in the order OpenAPI lists them in a path item.
    pub const ALL: [Method; 8] = [
        Method::Get,
        Method::Put,
        Method::Post,
        Method::Delete,
        Method::Options,
        Method::Head,
        Method::Patch,
        Method::Trace,
    ];

    /// The lower-case key used in a path item (`get`).
    pub fn key(self) -> &'static str {
        match self {
            Method::Get => "get",
            Method::Put => "put",
            Method::Post => "post",
            Method::Delete => "delete",
            Method::Options => "options",
            Method::Head => "head",
            Method::Patch => "patch",
            Method::Trace => "trace",
        }
    }

    /// The upper-case HTTP method name (`GET`).
    pub fn http_name(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }
}

/// One operation: a method on a path.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The path template, e.g. `/api/tickets/{id}/`.
    pub path: String,
    /// The method.
    pub method: Method,
    /// `operationId` as written (may be missing or not an identifier).
    pub operation_id: Option<String>,
    /// Where the `operationId` value is.
    pub operation_id_span: Option<Span>,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `tags`, in order.
    pub tags: Vec<String>,
    /// `deprecated`.
    pub deprecated: bool,
    /// Parameters: the path item's merged with the operation's (the operation's win on the
    /// same name and location).
    pub parameters: Vec<Parameter>,
    /// `requestBody`.
    pub request_body: Option<RequestBody>,
    /// `responses`, in document order.
    pub responses: Vec<Response>,
    /// `security`; `None` means "inherit the top-level requirement".
    pub security: Option<Vec<SecurityRequirement>>,
    /// Where the operation is declared: its method key (`get:`), a compact place to point
    /// diagnostics at.
    pub span: Span,
}

/// Where a parameter is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParameterLocation {
    /// In the path template.
    Path,
    /// In the query string.
    Query,
    /// In a request header.
    Header,
    /// In the `Cookie` header.
    Cookie,
}

impl ParameterLocation {
    /// The `in` value (`path`, `query`, `header`, `cookie`).
    pub fn key(self) -> &'static str {
        match self {
            ParameterLocation::Path => "path",
            ParameterLocation::Query => "query",
            ParameterLocation::Header => "header",
            ParameterLocation::Cookie => "cookie",
        }
    }
}

/// Serialization style of a parameter (`style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParameterStyle {
    /// `matrix` (path): `;id=5`.
    Matrix,
    /// `label` (path): `.5`.
    Label,
    /// `form` (query, cookie): `id=5&id=6` or `id=5,6`.
    Form,
    /// `simple` (path, header): `5,6`.
    Simple,
    /// `spaceDelimited` (query): `5%206`.
    SpaceDelimited,
    /// `pipeDelimited` (query): `5|6`.
    PipeDelimited,
    /// `deepObject` (query): `id[role]=admin`.
    DeepObject,
}

/// A parameter of an operation.
#[derive(Debug, Clone)]
pub struct Parameter {
    /// The name on the wire.
    pub name: String,
    /// Where it goes.
    pub location: ParameterLocation,
    /// `required` (always true for path parameters).
    pub required: bool,
    /// `deprecated`.
    pub deprecated: bool,
    /// `description`.
    pub description: Option<String>,
    /// The schema (from `schema`, or from the single `content` entry).
    pub schema: Option<Schema>,
    /// `style`, or the default for the location (`form` for query and cookie, `simple` for
    /// path and header).
    pub style: ParameterStyle,
    /// `explode`, or the default for the style (true for `form`, false otherwise).
    pub explode: bool,
    /// The media type when the parameter used `content` instead of `schema`.
    pub content_type: Option<String>,
    /// Where the parameter object is.
    pub span: Span,
}

/// A request body.
#[derive(Debug, Clone)]
pub struct RequestBody {
    /// `description`.
    pub description: Option<String>,
    /// `required`.
    pub required: bool,
    /// The body per media type, in document order.
    pub content: Vec<MediaType>,
    /// Where the request body object is.
    pub span: Span,
}

/// One entry of a `content` map.
#[derive(Debug, Clone)]
pub struct MediaType {
    /// The media type range as written (`application/json`, `multipart/form-data`, `*/*`).
    pub media_type: String,
    /// The schema of the body in that representation.
    pub schema: Option<Schema>,
    /// Per-property `encoding` (multipart and form bodies), in order.
    pub encoding: Vec<Encoding>,
    /// Where the media type object is.
    pub span: Span,
}

/// One `encoding` entry of a form or multipart body.
#[derive(Debug, Clone)]
pub struct Encoding {
    /// The property it applies to.
    pub property: String,
    /// `contentType`.
    pub content_type: Option<String>,
    /// `style`.
    pub style: Option<ParameterStyle>,
    /// `explode`.
    pub explode: Option<bool>,
}

/// The key of a response in `responses`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusCode {
    /// An exact code such as `200`.
    Code(u16),
    /// A range such as `2XX` (the digit is stored: `2`).
    Range(u8),
    /// `default`.
    Default,
}

/// One response of an operation.
#[derive(Debug, Clone)]
pub struct Response {
    /// The status code key.
    pub status: StatusCode,
    /// `description`.
    pub description: Option<String>,
    /// The body per media type, in document order (empty for bodiless responses such as 204).
    pub content: Vec<MediaType>,
    /// Response headers, in order.
    pub headers: Vec<Header>,
    /// Where the response object is.
    pub span: Span,
}

/// A response header.
#[derive(Debug, Clone)]
pub struct Header {
    /// The header name.
    pub name: String,
    /// `description`.
    pub description: Option<String>,
    /// `required`.
    pub required: bool,
    /// Its schema.
    pub schema: Option<Schema>,
}

/// One alternative of a `security` list: every scheme named must be satisfied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecurityRequirement {
    /// `(scheme name, scopes)` pairs, in order. An empty requirement means "no auth needed".
    pub schemes: Vec<(String, Vec<String>)>,
}

/// A security scheme from `components/securitySchemes`.
#[derive(Debug, Clone)]
pub struct SecurityScheme {
    /// Its key in `securitySchemes`.
    pub name: String,
    /// What kind of scheme it is.
    pub kind: SecuritySchemeKind,
    /// `description`.
    pub description: Option<String>,
}

/// The kinds of security scheme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SecuritySchemeKind {
    /// `type: apiKey`: a key in a header, query parameter or cookie.
    ApiKey {
        /// Header, query parameter or cookie name.
        name: String,
        /// Where the key goes (never [`ParameterLocation::Path`]).
        location: ParameterLocation,
    },
    /// `type: http`: `Authorization: <scheme> <credentials>`.
    Http {
        /// `scheme`, lower-cased (`bearer`, `basic`).
        scheme: String,
        /// `bearerFormat` (`JWT`).
        bearer_format: Option<String>,
    },
    /// `type: oauth2`.
    OAuth2,
    /// `type: openIdConnect`.
    OpenIdConnect {
        /// `openIdConnectUrl`.
        url: String,
    },
    /// `type: mutualTLS`.
    MutualTls,
}

/// JSON Schema primitive types, as a set (`type` may list several in 3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct TypeSet(u8);

/// One JSON Schema primitive type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PrimitiveType {
    /// `null`
    Null,
    /// `boolean`
    Boolean,
    /// `object`
    Object,
    /// `array`
    Array,
    /// `number`
    Number,
    /// `string`
    String,
    /// `integer`
    Integer,
}

impl PrimitiveType {
    /// All types, in the order used when listing a set.
    pub const ALL: [PrimitiveType; 7] = [
        PrimitiveType::Null,
        PrimitiveType::Boolean,
        PrimitiveType::Object,
        PrimitiveType::Array,
        PrimitiveType::Number,
        PrimitiveType::String,
        PrimitiveType::Integer,
    ];

    /// Parses a `type` keyword value.
    pub fn from_keyword(keyword: &str) -> Option<Self> {
        Some(match keyword {
            "null" => PrimitiveType::Null,
            "boolean" => PrimitiveType::Boolean,
            "object" => PrimitiveType::Object,
            "array" => PrimitiveType::Array,
            "number" => PrimitiveType::Number,
            "string" => PrimitiveType::String,
            "integer" => PrimitiveType::Integer,
            _ => return None,
        })
    }

    /// The keyword spelling.
    pub fn keyword(self) -> &'static str {
        match self {
            PrimitiveType::Null => "null",
            PrimitiveType::Boolean => "boolean",
            PrimitiveType::Object => "object",
            PrimitiveType::Array => "array",
            PrimitiveType::Number => "number",
            PrimitiveType::String => "string",
            PrimitiveType::Integer => "integer",
        }
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl TypeSet {
    /// The empty set (no `type` keyword).
    pub const EMPTY: TypeSet = TypeSet(0);

    /// Adds a type.
    pub fn insert(&mut self, primitive: PrimitiveType) {
        self.0 |= primitive.bit();
    }

    /// Removes a type.
    pub fn remove(&mut self, primitive: PrimitiveType) {
        self.0 &= !primitive.bit();
    }

    /// True when the type is in the set.
    pub fn contains(self, primitive: PrimitiveType) -> bool {
        self.0 & primitive.bit() != 0
    }

    /// True when no type is listed.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Number of types listed.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// The listed types, in [`PrimitiveType::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = PrimitiveType> {
        PrimitiveType::ALL
            .into_iter()
            .filter(move |primitive| self.contains(*primitive))
    }

    /// The set without `null`.
    pub fn without_null(self) -> TypeSet {
        TypeSet(self.0 & !PrimitiveType::Null.bit())
    }
}

/// Validation keywords kept for validators (zod, Pydantic) and documentation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    /// `minimum` (inclusive).
    pub minimum: Option<Number>,
    /// `maximum` (inclusive).
    pub maximum: Option<Number>,
    /// `exclusiveMinimum` as a number (3.0 booleans are converted).
    pub exclusive_minimum: Option<Number>,
    /// `exclusiveMaximum` as a number (3.0 booleans are converted).
    pub exclusive_maximum: Option<Number>,
    /// `multipleOf`.
    pub multiple_of: Option<Number>,
    /// `minLength`, in characters.
    pub min_length: Option<u64>,
    /// `maxLength`, in characters.
    pub max_length: Option<u64>,
    /// `pattern`, an ECMA-262 regular expression (not anchored unless it says so).
    pub pattern: Option<String>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems`.
    pub unique_items: bool,
    /// `minProperties`.
    pub min_properties: Option<u64>,
    /// `maxProperties`.
    pub max_properties: Option<u64>,
}

impl Constraints {
    /// True when no keyword is set.
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// `discriminator`.
#[derive(Debug, Clone)]
pub struct Discriminator {
    /// `propertyName`.
    pub property_name: String,
    /// `mapping`: discriminator value to schema, in document order.
    pub mapping: Vec<(String, SchemaId)>,
    /// Where the discriminator object is.
    pub span: Span,
}

/// A schema in the JSON Schema 2020-12 vocabulary OpenAPI 3.1 uses.
///
/// Only keywords that affect generated code or validation are kept; unknown keywords are
/// ignored (JSON Schema allows them).
#[derive(Debug, Clone, Default)]
pub struct Schema {
    /// Where the schema object is.
    pub span: Option<Span>,
    /// `true` / `false` boolean schemas: `Some(true)` accepts anything, `Some(false)` nothing.
    pub boolean: Option<bool>,
    /// `$ref`, resolved. In 3.1 it may have siblings, which then also apply.
    pub reference: Option<SchemaId>,
    /// `type` (a set: 3.1 lists, 3.0 `nullable` folded in).
    pub types: TypeSet,
    /// `format`.
    pub format: Option<String>,
    /// `title`.
    pub title: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `enum`, values as written.
    pub enumeration: Option<Vec<Node>>,
    /// `const`.
    pub constant: Option<Box<Node>>,
    /// `default`.
    pub default: Option<Box<Node>>,
    /// `properties`, in document order.
    pub properties: Vec<(String, Schema)>,
    /// `required`.
    pub required: Vec<String>,
    /// `additionalProperties` (`false` is `Some(Schema { boolean: Some(false), .. })`).
    pub additional_properties: Option<Box<Schema>>,
    /// `items`.
    pub items: Option<Box<Schema>>,
    /// `prefixItems` (tuples).
    pub prefix_items: Vec<Schema>,
    /// `allOf`.
    pub all_of: Vec<Schema>,
    /// `anyOf`.
    pub any_of: Vec<Schema>,
    /// `oneOf`.
    pub one_of: Vec<Schema>,
    /// `not`.
    pub not: Option<Box<Schema>>,
    /// `discriminator`.
    pub discriminator: Option<Box<Discriminator>>,
    /// `readOnly`.
    pub read_only: bool,
    /// `writeOnly`.
    pub write_only: bool,
    /// `deprecated`.
    pub deprecated: bool,
    /// Validation keywords; `None` when the schema has none (see [`Schema::constraints`]).
    /// Boxed, like the other rarely present parts, to keep `Schema` small: documents hold
    /// tens of thousands of them.
    pub constraint_keywords: Option<Box<Constraints>>,
    /// Vendor extensions clientgen understands; `None` when there are none.
    pub extensions: Option<Box<SchemaExtensions>>,
}

/// Vendor extensions of a schema that clientgen uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SchemaExtensions {
    /// `x-enum-varnames` (also read from `x-enumNames`): member names for `enum` values.
    pub enum_varnames: Option<Vec<String>>,
    /// `x-enum-descriptions`: one description per `enum` value.
    pub enum_descriptions: Option<Vec<String>>,
    /// `x-spec-enum-id` (drf-spectacular): identifies enums generated from the same choices.
    pub spec_enum_id: Option<String>,
}

/// The constraints of a schema without any (what [`Schema::constraints`] returns for `None`).
static NO_CONSTRAINTS: Constraints = Constraints {
    minimum: None,
    maximum: None,
    exclusive_minimum: None,
    exclusive_maximum: None,
    multiple_of: None,
    min_length: None,
    max_length: None,
    pattern: None,
    min_items: None,
    max_items: None,
    unique_items: false,
    min_properties: None,
    max_properties: None,
};

impl Schema {
    /// The validation keywords (all unset when the schema has none).
    pub fn constraints(&self) -> &Constraints {
        self.constraint_keywords
            .as_deref()
            .unwrap_or(&NO_CONSTRAINTS)
    }

    /// The validation keywords, for setting them.
    pub fn constraints_mut(&mut self) -> &mut Constraints {
        self.constraint_keywords.get_or_insert_with(Box::default)
    }

    /// `x-enum-varnames`, when present.
    pub fn enum_varnames(&self) -> Option<&[String]> {
        self.extensions.as_ref()?.enum_varnames.as_deref()
    }

    /// `x-enum-descriptions`, when present.
    pub fn enum_descriptions(&self) -> Option<&[String]> {
        self.extensions.as_ref()?.enum_descriptions.as_deref()
    }

    /// `x-spec-enum-id`, when present.
    pub fn spec_enum_id(&self) -> Option<&str> {
        self.extensions.as_ref()?.spec_enum_id.as_deref()
    }

    /// True when the schema says nothing except, possibly, annotations: it accepts any value.
    pub fn is_unconstrained(&self) -> bool {
        self.boolean != Some(false)
            && self.reference.is_none()
            && self.types.is_empty()
            && self.enumeration.is_none()
            && self.constant.is_none()
            && self.properties.is_empty()
            && self.additional_properties.is_none()
            && self.items.is_none()
            && self.prefix_items.is_empty()
            && self.all_of.is_empty()
            && self.any_of.is_empty()
            && self.one_of.is_empty()
            && self.not.is_none()
            && self.format.is_none()
    }

    /// True when the schema is exactly `{"type": "null"}` or `{"enum": [null]}` (or `const: null`).
    pub fn is_null_only(&self) -> bool {
        let types_null = self.types.len() == 1 && self.types.contains(PrimitiveType::Null);
        let enum_null = self.enumeration.as_ref().is_some_and(|values| {
            !values.is_empty()
                && values
                    .iter()
                    .all(|value| matches!(value.kind, crate::node::NodeKind::Null))
        });
        let const_null = self
            .constant
            .as_ref()
            .is_some_and(|value| matches!(value.kind, crate::node::NodeKind::Null));
        (types_null || enum_null || const_null)
            && self.reference.is_none()
            && self.properties.is_empty()
            && self.all_of.is_empty()
            && self.any_of.is_empty()
            && self.one_of.is_empty()
    }
}
