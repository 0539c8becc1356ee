//! The intermediate representation: one language-neutral description of an API.
//!
//! Types live in an arena ([`Api::types`]) and refer to each other by [`TypeId`]. Ids are
//! stable: the same document always yields the same ids, in document order. A type either has
//! a [`TypeDef::name`] (components, hoisted inline objects and enums, request views) and is
//! emitted as a declaration, or is anonymous and emitted structurally where it is used
//! (`Ticket[]`, `string | null`).

use clientgen_spec::Span;

pub use clientgen_spec::{
    Constraints, Method, Number, ParameterLocation, ParameterStyle, SecurityScheme,
    SecuritySchemeKind, StatusCode,
};

/// Index of a type in [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

impl TypeId {
    /// The index into [`Api::types`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A whole API, ready for emitters.
#[derive(Debug, Clone)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version` (the API's version).
    pub version: String,
    /// `info.description`.
    pub description: Option<String>,
    /// Server URLs, in order.
    pub servers: Vec<String>,
    /// The type arena.
    pub types: Vec<TypeDef>,
    /// Operations in document order.
    pub operations: Vec<Operation>,
    /// Security schemes, in document order.
    pub security_schemes: Vec<SecurityScheme>,
    /// Every tag used by an operation, in order of first use, with its description when the
    /// document's `tags` list has one.
    pub tags: Vec<Tag>,
}

/// A client's default authentication, from [`Api::auth_defaults`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthDefaults {
    /// The word before the token in `Authorization: <prefix> <token>` (`Bearer`, `Token`).
    pub token_prefix: String,
    /// Where the API key goes: [`ParameterLocation::Header`], `Query` or `Cookie` (never `Path`).
    pub api_key_location: ParameterLocation,
    /// The API key's header, query parameter or cookie name (`X-API-Key` by default).
    pub api_key_name: String,
}

impl Api {
    /// How a generated client authenticates by default, read from [`Api::security_schemes`].
    ///
    /// The token prefix is `Bearer` when an HTTP `bearer` scheme exists (case-insensitive, as
    /// RFC 7235 auth schemes are); otherwise, for an API key named `Authorization` in a header
    /// (drf-spectacular's DRF `TokenAuthentication`), the prefix quoted in its description
    /// (`Token-based authentication with required prefix "Token"`), `Token` when none is quoted;
    /// otherwise `Bearer`. The API key is the first `apiKey` scheme not named `Authorization`,
    /// or the `X-API-Key` header when the document has none.
    pub fn auth_defaults(&self) -> AuthDefaults {
        let schemes = &self.security_schemes;
        let bearer = schemes.iter().any(|scheme| {
            matches!(&scheme.kind, SecuritySchemeKind::Http { scheme, .. } if scheme.eq_ignore_ascii_case("bearer"))
        });
        let token_scheme = schemes.iter().find(|scheme| {
            matches!(&scheme.kind, SecuritySchemeKind::ApiKey { name, location }
                if name.eq_ignore_ascii_case("authorization") && *location == ParameterLocation::Header)
        });
        let token_prefix = match token_scheme {
            Some(scheme) if !bearer => scheme
                .description
                .as_deref()
                .and_then(|description| description.split("prefix \"").nth(1))
                .and_then(|rest| rest.split('"').next())
                .filter(|prefix| !prefix.is_empty())
                .unwrap_or("Token")
                .to_owned(),
            _ => String::from("Bearer"),
        };
        let api_key = schemes.iter().find_map(|scheme| match &scheme.kind {
            SecuritySchemeKind::ApiKey { name, location }
                if !name.eq_ignore_ascii_case("authorization") =>
            {
                Some((*location, name.clone()))
            }
            _ => None,
        });
        let (api_key_location, api_key_name) = match api_key {
            Some((ParameterLocation::Path, name)) => (ParameterLocation::Header, name),
            Some((location, name)) => (location, name),
            None => (ParameterLocation::Header, String::from("X-API-Key")),
        };
        AuthDefaults {
            token_prefix,
            api_key_location,
            api_key_name,
        }
    }

    /// The type with the given id.
    ///
    /// Ids only come from this arena, so lookups cannot fail; an out-of-range id (a bug in a
    /// caller mixing arenas) yields the `Any` type rather than a panic.
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        static ANY: TypeDef = TypeDef {
            name: None,
            kind: TypeKind::Any,
            description: None,
            deprecated: false,
            origin: Origin::Inline,
            span: None,
        };
        self.types.get(id.index()).unwrap_or(&ANY)
    }

    /// Follows [`TypeKind::Alias`] links to the type that has a structure of its own.
    pub fn resolve(&self, id: TypeId) -> TypeId {
        let mut current = id;
        for _ in 0..64 {
            match self.type_def(current).kind {
                TypeKind::Alias(target) => current = target,
                _ => return current,
            }
        }
        current
    }

    /// Ids of all named types, in arena order.
    pub fn named_types(&self) -> impl Iterator<Item = TypeId> + '_ {
        self.types
            .iter()
            .enumerate()
            .filter(|(_, def)| def.name.is_some())
            .map(|(index, _)| TypeId(index as u32))
    }

    /// Operations tagged (first tag) with `tag`, in document order.
    pub fn operations_for_tag<'a>(&'a self, tag: &'a str) -> impl Iterator<Item = &'a Operation> {
        self.operations
            .iter()
            .filter(move |operation| operation.tag == tag)
    }
}

/// A tag: the unit operations are grouped by into sub-clients.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The tag as written (`tickets`, `Allauth: Authentication`).
    pub name: String,
    /// Its description from the document's `tags` list.
    pub description: Option<String>,
}

/// One entry of the type arena.
#[derive(Debug, Clone)]
pub struct TypeDef {
    /// The name as written in the document (or derived for hoisted types); `None` for
    /// anonymous structural types. Emitters derive their identifiers from it with
    /// [`crate::naming`].
    pub name: Option<String>,
    /// What the type is.
    pub kind: TypeKind,
    /// `description` (or `title` when there is no description).
    pub description: Option<String>,
    /// `deprecated`.
    pub deprecated: bool,
    /// Where the type came from.
    pub origin: Origin,
    /// The schema it was lowered from.
    pub span: Option<Span>,
}

/// Why a type exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A schema with an identity in the document (`components/schemas/X` or a `$ref` target).
    Component,
    /// An inline schema: anonymous, or hoisted and named after where it appears.
    Inline,
    /// The request (write) view of a type that has `readOnly` properties: those are left out
    /// and `writeOnly` ones kept. The id is the type it is a view of.
    RequestView(TypeId),
}

/// The shape of a type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// Any JSON value (a free-form schema, `{}`, `true`).
    Any,
    /// No value at all (`false`, `not: {}`); properties of this type can never be present.
    Never,
    /// Only `null` (drf-spectacular's `NullEnum`).
    Null,
    /// `true` or `false`.
    Boolean,
    /// An integer.
    Integer {
        /// `int32`, `int64` or unspecified.
        format: IntegerFormat,
        /// Bounds.
        constraints: Box<Constraints>,
    },
    /// A number.
    Number {
        /// `float`, `double` or unspecified.
        format: NumberFormat,
        /// Bounds.
        constraints: Box<Constraints>,
    },
    /// A string.
    String {
        /// Its format (dates, uuids, decimals, binary data …).
        format: StringFormat,
        /// Length and pattern.
        constraints: Box<Constraints>,
    },
    /// Exactly one value (`const`, or a one-value `enum` that is not named).
    Literal(Value),
    /// A set of allowed values with member names.
    Enum(Enum),
    /// A list.
    Array {
        /// Item type.
        items: TypeId,
        /// `minItems`, `maxItems`, `uniqueItems`.
        constraints: Box<Constraints>,
    },
    /// An object used as a dictionary: any keys, values of one type (`additionalProperties`).
    Map {
        /// Value type.
        values: TypeId,
    },
    /// An object with known properties.
    Object(Object),
    /// One of several types.
    Union(Union),
    /// All of several types at once, where they could not be merged into one object.
    Intersection(Vec<TypeId>),
    /// The inner type, or `null`.
    Nullable(TypeId),
    /// Another named type under a second name (`components/schemas/A: {$ref: B}`).
    Alias(TypeId),
}

impl TypeKind {
    /// The types this kind refers to directly, in order: array items, map values, the inner
    /// type of `Nullable`/`Alias`, union variants, intersection parts, and an object's property
    /// types followed by its typed `additionalProperties`. Leaf kinds have none.
    pub fn children(&self) -> Vec<TypeId> {
        match self {
            TypeKind::Array { items, .. } => vec![*items],
            TypeKind::Map { values } => vec![*values],
            TypeKind::Nullable(inner) | TypeKind::Alias(inner) => vec![*inner],
            TypeKind::Union(union) => union.variants.clone(),
            TypeKind::Intersection(parts) => parts.clone(),
            TypeKind::Object(object) => {
                let mut ids: Vec<TypeId> = object
                    .properties
                    .iter()
                    .map(|property| property.ty)
                    .collect();
                if let AdditionalProperties::Typed(values) = object.additional {
                    ids.push(values);
                }
                ids
            }
            _ => Vec::new(),
        }
    }
}

/// `format` of an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntegerFormat {
    /// No format (or an unknown one).
    Unspecified,
    /// `int32`.
    Int32,
    /// `int64`: values may exceed 2^53, which JavaScript numbers cannot hold exactly.
    Int64,
}

/// `format` of a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumberFormat {
    /// No format (or an unknown one).
    Unspecified,
    /// `float`.
    Float,
    /// `double`.
    Double,
}

/// `format` of a string, as far as it changes generated types or validation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StringFormat {
    /// No format.
    Plain,
    /// `date` (RFC 3339 full-date, `2024-05-01`).
    Date,
    /// `date-time` (RFC 3339, `2024-05-01T10:00:00Z`).
    DateTime,
    /// `time`.
    Time,
    /// `duration` (ISO 8601, or Django's `"[DD] [HH:[MM:]]ss[.uuuuuu]"`).
    Duration,
    /// `uuid`.
    Uuid,
    /// `uri`, `url`, `uri-reference`, `iri`.
    Uri,
    /// `email`, `idn-email`.
    Email,
    /// `ipv4`, `ipv6`.
    IpAddress,
    /// `hostname`.
    Hostname,
    /// `decimal` (drf-spectacular's `DecimalField`): a decimal number sent as a string to keep
    /// its precision.
    Decimal,
    /// `byte`: base64-encoded data in a JSON string.
    Byte,
    /// `binary`: raw bytes (a file part in multipart bodies, a whole binary body).
    Binary,
    /// `password`: a plain string that UIs should mask.
    Password,
    /// Any other format, kept as written.
    Other(String),
}

impl StringFormat {
    /// Maps a `format` keyword to the enum.
    pub fn from_keyword(format: Option<&str>) -> Self {
        match format {
            None | Some("") => StringFormat::Plain,
            Some("date") => StringFormat::Date,
            Some("date-time") => StringFormat::DateTime,
            Some("time") => StringFormat::Time,
            Some("duration") => StringFormat::Duration,
            Some("uuid") => StringFormat::Uuid,
            Some("uri" | "url" | "uri-reference" | "iri" | "iri-reference") => StringFormat::Uri,
            Some("email" | "idn-email") => StringFormat::Email,
            Some("ipv4" | "ipv6" | "ip") => StringFormat::IpAddress,
            Some("hostname" | "idn-hostname") => StringFormat::Hostname,
            Some("decimal") => StringFormat::Decimal,
            Some("byte" | "base64") => StringFormat::Byte,
            Some("binary") => StringFormat::Binary,
            Some("password") => StringFormat::Password,
            Some(other) => StringFormat::Other(other.to_owned()),
        }
    }
}

/// A JSON value without source positions (enum values, defaults, `const`).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number, exact for integers that fit 64 bits.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, keys in document order.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// Converts a document node.
    pub fn from_node(node: &clientgen_spec::Node) -> Self {
        use clientgen_spec::NodeKind;
        match &node.kind {
            NodeKind::Null => Value::Null,
            NodeKind::Bool(value) => Value::Bool(*value),
            NodeKind::Number(number) => Value::Number(*number),
            NodeKind::String(text) => Value::String(text.to_string()),
            NodeKind::Array(items) => Value::Array(items.iter().map(Value::from_node).collect()),
            NodeKind::Object(entries) => Value::Object(
                entries
                    .iter()
                    .map(|entry| (entry.key.to_string(), Value::from_node(&entry.value)))
                    .collect(),
            ),
        }
    }

    /// Compact JSON text of the value (also a valid JavaScript and Python-JSON literal).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write_json(&mut out);
        out
    }

    fn write_json(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(value) => out.push_str(if *value { "true" } else { "false" }),
            Value::Number(number) => out.push_str(&number.to_string()),
            Value::String(text) => clientgen_spec::node::write_json_string(text, out),
            Value::Array(items) => {
                out.push('[');
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    item.write_json(out);
                }
                out.push(']');
            }
            Value::Object(entries) => {
                out.push('{');
                for (index, (key, value)) in entries.iter().enumerate() {
                    if index > 0 {
                        out.push(',');
                    }
                    clientgen_spec::node::write_json_string(key, out);
                    out.push(':');
                    value.write_json(out);
                }
                out.push('}');
            }
        }
    }
}

/// An enumeration.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// What the values are.
    pub kind: EnumKind,
    /// The members, in document order. `null` is never a member: a nullable enum is a
    /// [`TypeKind::Nullable`] around the enum.
    pub members: Vec<EnumMember>,
}

/// The value type of an enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnumKind {
    /// All values are strings.
    String,
    /// All values are integers.
    Integer,
    /// All values are numbers, some not integers.
    Number,
    /// All values are booleans.
    Boolean,
    /// Values of several types.
    Mixed,
}

/// One enum member.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumMember {
    /// The value exactly as the document wrote it.
    pub value: Value,
    /// A language-neutral name in `snake_case` words (`in_progress`, `minus_created_at`,
    /// `value_1`, `empty`), from `x-enum-varnames`, drf-spectacular's `* \`1\` - Low`
    /// description lines, or the value itself. Emitters apply their case and resolve
    /// collisions.
    pub name: String,
    /// A description (from `x-enum-descriptions` or the drf-spectacular label).
    pub description: Option<String>,
}

/// An object with declared properties.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// All properties, including those inherited through `allOf`, in document order.
    pub properties: Vec<Property>,
    /// What other keys may hold.
    pub additional: AdditionalProperties,
    /// Named types this object was composed from with `allOf` (for emitters that model
    /// inheritance; `properties` is complete without them).
    pub parents: Vec<TypeId>,
}

/// The `additionalProperties` of an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdditionalProperties {
    /// Not specified: other keys may appear and are of no known type. Clients ignore them.
    Unspecified,
    /// `false`: no other keys.
    Forbidden,
    /// Other keys hold values of this type.
    Typed(TypeId),
}

/// One property of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct Property {
    /// The key on the wire, exactly as written (`kobo--lock_all`, `from`, `+1`).
    pub name: String,
    /// Its type.
    pub ty: TypeId,
    /// Listed in `required`.
    pub required: bool,
    /// `readOnly`: sent by the server only.
    pub read_only: bool,
    /// `writeOnly`: sent by the client only.
    pub write_only: bool,
    /// `deprecated`.
    pub deprecated: bool,
    /// `description` (or `title`).
    pub description: Option<String>,
    /// `default`.
    pub default: Option<Value>,
}

/// A union of types (`oneOf`, `anyOf`, or several entries in `type`).
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    /// The alternatives, in order; never `null` (see [`TypeKind::Nullable`]).
    pub variants: Vec<TypeId>,
    /// How the alternatives are told apart, when the document says.
    pub discriminator: Option<Discriminator>,
}

/// The property whose value selects a union variant.
#[derive(Debug, Clone, PartialEq)]
pub struct Discriminator {
    /// The property name on the wire.
    pub property: String,
    /// Every discriminator value and the variant it selects, in order: the explicit
    /// `mapping` first, then (as OpenAPI specifies) each named variant not mapped yet under its
    /// component name. A variant may appear under several values.
    pub mapping: Vec<(String, TypeId)>,
}

/// A path template split at its parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// Text copied as is (`/api/tickets/`).
    Literal(String),
    /// A parameter: the index into [`Operation::parameters`].
    Parameter(usize),
}

/// One operation of the API.
#[derive(Debug, Clone)]
pub struct Operation {
    /// `operationId` as written, or one generated from method and path when it was missing
    /// or unusable (`get_api_tickets_by_id`).
    pub id: String,
    /// True when [`Operation::id`] was generated.
    pub id_generated: bool,
    /// The first tag (`default` when the operation has none); sub-clients group by it.
    pub tag: String,
    /// All tags as written.
    pub tags: Vec<String>,
    /// The id with the tag's words dropped from its start, as `snake_case` words: the method
    /// name inside the tag's sub-client (`tickets_list` in tag `tickets` → `list`).
    pub method_name: String,
    /// The HTTP method.
    pub method: Method,
    /// The path template as written (`/api/tickets/{id}/close/`).
    pub path: String,
    /// The path template split at parameters.
    pub path_segments: Vec<PathSegment>,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `deprecated`.
    pub deprecated: bool,
    /// Parameters: path ones first in template order, then the others in document order.
    pub parameters: Vec<Parameter>,
    /// The request body, if any.
    pub request_body: Option<RequestBody>,
    /// All responses, in document order.
    pub responses: Vec<Response>,
    /// What a successful call returns (derived from the 2XX responses).
    pub success: Success,
    /// Set when the operation returns one page of a DRF-style paginated list.
    pub pagination: Option<Pagination>,
    /// The effective security requirements (the operation's own or the document's): any one
    /// alternative must be met; each alternative lists indexes into [`Api::security_schemes`].
    /// An empty alternative means the operation may be called without credentials.
    pub security: Vec<Vec<usize>>,
    /// Where the operation is in the document.
    pub span: Option<Span>,
}

/// A parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The name on the wire.
    pub name: String,
    /// Where it goes.
    pub location: ParameterLocation,
    /// Whether the caller must give it.
    pub required: bool,
    /// `deprecated`.
    pub deprecated: bool,
    /// `description`.
    pub description: Option<String>,
    /// Its type.
    pub ty: TypeId,
    /// How it is serialized.
    pub style: ParameterStyle,
    /// `explode`.
    pub explode: bool,
}

/// How a body is encoded, derived from its media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MediaKind {
    /// `application/json`, `application/*+json` and parameters thereof.
    Json,
    /// `multipart/form-data` (and other `multipart/*`).
    Multipart,
    /// `application/x-www-form-urlencoded`.
    FormUrlEncoded,
    /// `text/*`, `application/xml` and other textual types: a string body.
    Text,
    /// `application/octet-stream` and any other type: raw bytes.
    Binary,
}

impl MediaKind {
    /// Classifies a media type (parameters such as `; charset=utf-8` are ignored).
    pub fn classify(media_type: &str) -> Self {
        let essence = media_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let (kind, subtype) = essence.split_once('/').unwrap_or((essence.as_str(), ""));
        if subtype == "json" || subtype.ends_with("+json") {
            MediaKind::Json
        } else if kind == "multipart" {
            MediaKind::Multipart
        } else if essence == "application/x-www-form-urlencoded" {
            MediaKind::FormUrlEncoded
        } else if kind == "text"
            || subtype == "xml"
            || subtype.ends_with("+xml")
            || subtype == "javascript"
            || subtype == "yaml"
            || subtype == "x-yaml"
        {
            MediaKind::Text
        } else {
            MediaKind::Binary
        }
    }
}

/// One representation of a body.
#[derive(Debug, Clone, PartialEq)]
pub struct Content {
    /// The media type as written.
    pub media_type: String,
    /// Its encoding family.
    pub kind: MediaKind,
    /// The body type.
    pub ty: TypeId,
}

/// A request body.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestBody {
    /// Whether a body must be sent.
    pub required: bool,
    /// `description`.
    pub description: Option<String>,
    /// Every representation the server accepts, in document order.
    pub contents: Vec<Content>,
    /// The representation clients should send: multipart when the multipart schema has a
    /// binary (file) field, else JSON when offered, else the first one.
    pub preferred: usize,
}

impl RequestBody {
    /// The representation clients should send.
    pub fn preferred_content(&self) -> Option<&Content> {
        self.contents.get(self.preferred).or(self.contents.first())
    }
}

/// A response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// Its status code key.
    pub status: StatusCode,
    /// `description`.
    pub description: Option<String>,
    /// The body per media type (empty for bodiless responses).
    pub contents: Vec<Content>,
}

impl Response {
    /// True for 2XX codes and the `2XX` range.
    pub fn is_success(&self) -> bool {
        match self.status {
            StatusCode::Code(code) => (200..300).contains(&code),
            StatusCode::Range(digit) => digit == 2,
            StatusCode::Default => false,
        }
    }
}

/// A paginated list response, as DRF's pagination classes produce it: an object with the
/// page's items in an array (`results`) and the URL of the next page in a nullable string
/// (`next`), usually with `count` and `previous` too (page-number and limit/offset
/// pagination; cursor pagination has no `count`). Following `next` until it is `null` visits
/// every item, whatever the pagination style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// The type of one item.
    pub item: TypeId,
    /// The property holding the page's items (`results`).
    pub results: String,
    /// The property holding the next page's URL (`next`).
    pub next: String,
    /// The property holding the total number of items (`count`), when there is one.
    pub count: Option<String>,
}

/// What a successful call returns.
#[derive(Debug, Clone, PartialEq)]
pub enum Success {
    /// Nothing (204, or 2XX responses without content).
    Empty,
    /// A JSON body of this type. `optional` when some 2XX responses have no body.
    Json {
        /// The body type (a union when 2XX responses differ).
        ty: TypeId,
        /// Some success responses carry no body.
        optional: bool,
    },
    /// Raw bytes (file downloads).
    Binary,
    /// Text.
    Text,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn auth_of(schemes: &str) -> AuthDefaults {
        let document = format!(
            "openapi: 3.0.3\ninfo: {{title: T, version: '1'}}\npaths: {{}}\ncomponents:\n  securitySchemes:\n{schemes}"
        );
        let loaded = clientgen_spec::load_from_str("t.yaml", &document, std::path::Path::new("."))
            .expect("valid");
        crate::lower(&loaded.document).api.auth_defaults()
    }

    #[test]
    fn auth_defaults_follow_the_security_schemes() {
        // DRF TokenAuthentication as drf-spectacular describes it, beside an API key header.
        let drf = auth_of(
            "    tokenAuth: {type: apiKey, in: header, name: Authorization, description: 'Token-based authentication with required prefix \"Token\"'}\n    key: {type: apiKey, in: header, name: X-Desk-Key}\n",
        );
        assert_eq!(drf.token_prefix, "Token");
        assert_eq!(drf.api_key_location, ParameterLocation::Header);
        assert_eq!(drf.api_key_name, "X-Desk-Key");
        // A quoted prefix other than Token is kept; a query key stays in the query.
        let custom = auth_of(
            "    tokenAuth: {type: apiKey, in: header, name: authorization, description: 'required prefix \"Knox\"'}\n    key: {type: apiKey, in: query, name: api_key}\n",
        );
        assert_eq!(custom.token_prefix, "Knox");
        assert_eq!(custom.api_key_location, ParameterLocation::Query);
        assert_eq!(custom.api_key_name, "api_key");
        // HTTP bearer wins, whatever its spelling; no API key scheme gives X-API-Key.
        let bearer = auth_of(
            "    jwt: {type: http, scheme: Bearer}\n    tokenAuth: {type: apiKey, in: header, name: Authorization}\n",
        );
        assert_eq!(bearer.token_prefix, "Bearer");
        assert_eq!(bearer.api_key_location, ParameterLocation::Header);
        assert_eq!(bearer.api_key_name, "X-API-Key");
        // An Authorization key without a quoted prefix means DRF's default, Token.
        let bare = auth_of("    tokenAuth: {type: apiKey, in: header, name: Authorization}\n");
        assert_eq!(bare.token_prefix, "Token");
    }
}
