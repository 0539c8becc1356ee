//! Lowering operations: ids, parameters, bodies, responses and security.

use clientgen_spec::{Diagnostic, ParameterLocation, Span};
use rustc_hash::FxHashSet;

use crate::lower::{Context, Lowerer};
use crate::model::{
    Content, MediaKind, Operation, Pagination, Parameter, PathSegment, RequestBody, Response,
    StringFormat, Success, TypeId, TypeKind, Union,
};
use crate::naming;

impl Lowerer<'_> {
    /// Lowers every operation, in document order.
    pub(crate) fn lower_operations(&mut self) -> Vec<Operation> {
        let document = self.document;
        let mut seen_ids: FxHashSet<String> = FxHashSet::default();
        let mut operations = Vec::with_capacity(document.operations.len());
        for source in &document.operations {
            let usable = source
                .operation_id
                .as_deref()
                .filter(|id| id.chars().any(|character| character.is_ascii_alphabetic()));
            let (mut id, id_generated) = match usable {
                Some(id) => (id.to_owned(), false),
                None => (generated_id(source.method.key(), &source.path), true),
            };
            if !seen_ids.insert(id.clone()) {
                let original = id.clone();
                let mut counter = 2;
                while seen_ids.contains(&id) {
                    id = format!("{original}_{counter}");
                    counter += 1;
                }
                seen_ids.insert(id.clone());
                self.diagnostics.push(
                    Diagnostic::warning(
                        source.operation_id_span.unwrap_or(source.span),
                        format!(
                            "operationId `{original}` is used more than once; this one is called `{id}`"
                        ),
                    )
                    .with_label("duplicate operationId"),
                );
            }
            let tag = source
                .tags
                .first()
                .cloned()
                .unwrap_or_else(|| String::from("default"));
            let method_name = method_name(&id, &tag);
            let context_name = naming::type_name(&id);
            let context = Context::root(&context_name);

            // Path parameters first, in template order; then the rest in document order.
            let template = clientgen_spec::path_template_names(&source.path);
            let mut ordered: Vec<&clientgen_spec::Parameter> =
                Vec::with_capacity(source.parameters.len());
            for name in &template {
                if let Some(parameter) = source.parameters.iter().find(|parameter| {
                    parameter.location == ParameterLocation::Path && parameter.name == *name
                }) {
                    ordered.push(parameter);
                }
            }
            ordered.extend(
                source
                    .parameters
                    .iter()
                    .filter(|parameter| parameter.location != ParameterLocation::Path),
            );
            let mut parameters = Vec::with_capacity(ordered.len());
            for parameter in ordered {
                let parameter_context = context.child(&parameter.name);
                let ty = match &parameter.schema {
                    Some(schema) => self.lower(schema, &parameter_context),
                    None => self.any_type(),
                };
                parameters.push(Parameter {
                    name: parameter.name.clone(),
                    location: parameter.location,
                    required: parameter.required,
                    deprecated: parameter.deprecated,
                    description: parameter.description.clone(),
                    ty,
                    style: parameter.style,
                    explode: parameter.explode,
                });
            }
            let path_segments = path_segments(&source.path, &parameters);

            let request_body = source.request_body.as_ref().map(|body| {
                let body_context = context.child("Request");
                let contents = self.lower_contents(&body.content, &body_context);
                let preferred = self.preferred_request_content(&contents);
                RequestBody {
                    required: body.required,
                    description: body.description.clone(),
                    contents,
                    preferred,
                }
            });

            let mut responses = Vec::with_capacity(source.responses.len());
            for response in &source.responses {
                let status_part = match response.status {
                    clientgen_spec::StatusCode::Code(code) if (200..300).contains(&code) => {
                        String::from("Response")
                    }
                    clientgen_spec::StatusCode::Code(code) => format!("Response{code}"),
                    clientgen_spec::StatusCode::Range(digit) => format!("Response{digit}XX"),
                    clientgen_spec::StatusCode::Default => String::from("DefaultResponse"),
                };
                let response_context = context.child(&status_part);
                let contents = self.lower_contents(&response.content, &response_context);
                responses.push(Response {
                    status: response.status,
                    description: response.description.clone(),
                    contents,
                });
            }
            let success = self.success(&responses, source.span);
            let pagination = match (&success, source.method) {
                (
                    Success::Json {
                        ty,
                        optional: false,
                    },
                    clientgen_spec::Method::Get,
                ) => self.pagination(*ty),
                _ => None,
            };
            let security = self.security(source.security.as_ref(), source.span);
            operations.push(Operation {
                id,
                id_generated,
                tag,
                tags: source.tags.clone(),
                method_name,
                method: source.method,
                path: source.path.clone(),
                path_segments,
                summary: source.summary.clone(),
                description: source.description.clone(),
                deprecated: source.deprecated,
                parameters,
                request_body,
                responses,
                success,
                pagination,
                security,
                span: Some(source.span),
            });
        }
        operations
    }

    fn lower_contents(
        &mut self,
        contents: &[clientgen_spec::MediaType],
        context: &Context<'_>,
    ) -> Vec<Content> {
        let mut lowered = Vec::with_capacity(contents.len());
        for (index, media) in contents.iter().enumerate() {
            let mut kind = MediaKind::classify(&media.media_type);
            // Several media types share one place in the name space; the first keeps the plain
            // name, later ones (rarely hoisted) get a number.
            let part = if index == 0 {
                String::new()
            } else {
                format!("{}", index + 1)
            };
            let media_context = context.child(&part);
            let ty = match &media.schema {
                Some(schema) => self.lower(schema, &media_context),
                None if kind == MediaKind::Json => self.any_type(),
                None => self.binary_type(),
            };
            // `*/*` or `application/octet-stream` with a JSON-shaped schema is still binary on
            // the wire; but a wildcard with an object schema is JSON in practice.
            if media.media_type == "*/*" && self.is_structured(ty) {
                kind = MediaKind::Json;
            }
            lowered.push(Content {
                media_type: media.media_type.clone(),
                kind,
                ty,
            });
        }
        lowered
    }

    fn is_structured(&self, id: TypeId) -> bool {
        let resolved = crate::resolve_alias_in(&self.types, id);
        matches!(
            self.types[resolved.index()].kind,
            TypeKind::Object(_)
                | TypeKind::Map { .. }
                | TypeKind::Array { .. }
                | TypeKind::Union(_)
        )
    }

    /// Multipart when its schema has a binary field (a file upload), else JSON, else the first.
    fn preferred_request_content(&self, contents: &[Content]) -> usize {
        if let Some(index) = contents.iter().position(|content| {
            content.kind == MediaKind::Multipart && self.has_binary_field(content.ty)
        }) {
            return index;
        }
        for wanted in [
            MediaKind::Json,
            MediaKind::Multipart,
            MediaKind::FormUrlEncoded,
        ] {
            if let Some(index) = contents.iter().position(|content| content.kind == wanted) {
                return index;
            }
        }
        0
    }

    /// True when an object type has a property that is binary data or a list of it.
    pub(crate) fn has_binary_field(&self, id: TypeId) -> bool {
        let resolved = crate::resolve_alias_in(&self.types, id);
        let TypeKind::Object(object) = &self.types[resolved.index()].kind else {
            return false;
        };
        object
            .properties
            .iter()
            .any(|property| self.is_binary(property.ty))
    }

    fn is_binary(&self, id: TypeId) -> bool {
        let resolved = crate::resolve_alias_in(&self.types, id);
        match &self.types[resolved.index()].kind {
            TypeKind::String {
                format: StringFormat::Binary,
                ..
            } => true,
            TypeKind::Array { items, .. } | TypeKind::Nullable(items) => self.is_binary(*items),
            _ => false,
        }
    }

    /// Recognises DRF's paginated list shape: `results` (array) and `next` (nullable string).
    fn pagination(&self, id: TypeId) -> Option<Pagination> {
        let resolved = crate::resolve_alias_in(&self.types, id);
        let TypeKind::Object(object) = &self.types[resolved.index()].kind else {
            return None;
        };
        let property = |name: &str| {
            object
                .properties
                .iter()
                .find(|property| property.name == name)
        };
        let results = property("results")?;
        let TypeKind::Array { items, .. } =
            self.types[crate::resolve_alias_in(&self.types, results.ty).index()].kind
        else {
            return None;
        };
        let next = property("next")?;
        let next_is_link =
            match &self.types[crate::resolve_alias_in(&self.types, next.ty).index()].kind {
                TypeKind::Nullable(inner) => matches!(
                    self.types[crate::resolve_alias_in(&self.types, *inner).index()].kind,
                    TypeKind::String { .. }
                ),
                TypeKind::String { .. } => true,
                _ => false,
            };
        if !results.required || !next_is_link {
            return None;
        }
        let count = property("count")
            .filter(|count| {
                matches!(
                    self.types[crate::resolve_alias_in(&self.types, count.ty).index()].kind,
                    TypeKind::Integer { .. }
                )
            })
            .map(|count| count.name.clone());
        Some(Pagination {
            item: items,
            results: results.name.clone(),
            next: next.name.clone(),
            count,
        })
    }

    fn success(&mut self, responses: &[Response], span: Span) -> Success {
        let mut json_types: Vec<TypeId> = Vec::new();
        let mut empty = false;
        let mut binary = false;
        let mut text = false;
        for response in responses.iter().filter(|response| response.is_success()) {
            if response.contents.is_empty() {
                empty = true;
                continue;
            }
            let chosen = response
                .contents
                .iter()
                .find(|content| content.kind == MediaKind::Json)
                .or_else(|| response.contents.first());
            match chosen.map(|content| (content.kind, content.ty)) {
                Some((MediaKind::Json, ty)) => {
                    if !json_types.contains(&ty) {
                        json_types.push(ty);
                    }
                }
                Some((MediaKind::Text, _)) => text = true,
                Some(_) => binary = true,
                None => empty = true,
            }
        }
        if !json_types.is_empty() {
            let ty = if json_types.len() == 1 {
                json_types[0]
            } else {
                self.push(crate::model::TypeDef {
                    name: None,
                    kind: TypeKind::Union(Union {
                        variants: json_types,
                        discriminator: None,
                    }),
                    description: None,
                    deprecated: false,
                    origin: crate::model::Origin::Inline,
                    span: Some(span),
                })
            };
            return Success::Json {
                ty,
                optional: empty || binary || text,
            };
        }
        if binary {
            Success::Binary
        } else if text {
            Success::Text
        } else {
            Success::Empty
        }
    }

    fn security(
        &mut self,
        own: Option<&Vec<clientgen_spec::SecurityRequirement>>,
        span: Span,
    ) -> Vec<Vec<usize>> {
        let document = self.document;
        let requirements = match own.or(document.security.as_ref()) {
            Some(requirements) => requirements,
            None => return Vec::new(),
        };
        let mut result = Vec::with_capacity(requirements.len());
        for requirement in requirements {
            let mut indexes = Vec::with_capacity(requirement.schemes.len());
            for (name, _) in &requirement.schemes {
                match document
                    .security_schemes
                    .iter()
                    .position(|scheme| scheme.name == *name)
                {
                    Some(index) => indexes.push(index),
                    None => self.diagnostics.push(Diagnostic::warning(
                        span,
                        format!("security requirement names `{name}`, which is not in components.securitySchemes; it is ignored"),
                    )),
                }
            }
            result.push(indexes);
        }
        result
    }
}

/// `get` + `/api/tickets/{id}/close/` → `get_api_tickets_by_id_close`.
fn generated_id(method: &str, path: &str) -> String {
    let mut parts = vec![method.to_owned()];
    for segment in path.split('/').filter(|segment| !segment.is_empty()) {
        if let Some(name) = segment
            .strip_prefix('{')
            .and_then(|rest| rest.strip_suffix('}'))
        {
            parts.push(format!("by_{}", naming::snake_case(name)));
        } else {
            let words = naming::snake_case(segment);
            if !words.is_empty() {
                parts.push(words);
            }
        }
    }
    parts.join("_")
}

/// The operation id without the tag's words at its start, in snake case; the whole id when it
/// does not start with them or nothing would remain.
pub(crate) fn method_name(id: &str, tag: &str) -> String {
    let id_words = naming::words(id);
    let tag_words = naming::words(tag);
    if !tag_words.is_empty()
        && id_words.len() > tag_words.len()
        && id_words[..tag_words.len()] == tag_words[..]
    {
        id_words[tag_words.len()..].join("_")
    } else {
        id_words.join("_")
    }
}

/// Splits a path template into literal text and parameter references.
fn path_segments(path: &str, parameters: &[Parameter]) -> Vec<PathSegment> {
    let mut segments = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        let name = &after[..close];
        let index = parameters.iter().position(|parameter| {
            parameter.location == ParameterLocation::Path && parameter.name == name
        });
        match index {
            Some(index) => {
                if open > 0 {
                    segments.push(PathSegment::Literal(rest[..open].to_owned()));
                }
                segments.push(PathSegment::Parameter(index));
            }
            None => segments.push(PathSegment::Literal(rest[..open + close + 2].to_owned())),
        }
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        segments.push(PathSegment::Literal(rest.to_owned()));
    }
    merge_literals(segments)
}

fn merge_literals(segments: Vec<PathSegment>) -> Vec<PathSegment> {
    let mut merged: Vec<PathSegment> = Vec::with_capacity(segments.len());
    for segment in segments {
        match (merged.last_mut(), segment) {
            (Some(PathSegment::Literal(previous)), PathSegment::Literal(next)) => {
                previous.push_str(&next)
            }
            (_, segment) => merged.push(segment),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_method_names() {
        assert_eq!(
            generated_id("get", "/api/tickets/{id}/close/"),
            "get_api_tickets_by_id_close"
        );
        assert_eq!(generated_id("post", "/"), "post");
        assert_eq!(method_name("tickets_list", "tickets"), "list");
        assert_eq!(
            method_name("tickets_comments_list", "tickets"),
            "comments_list"
        );
        assert_eq!(method_name("tickets", "tickets"), "tickets");
        assert_eq!(method_name("users_list", "Allauth: Users"), "users_list");
        assert_eq!(method_name("core_users_list", "core"), "users_list");
    }
}
