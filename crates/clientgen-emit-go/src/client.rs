//! `client.go` (the `Client`, its options and services) and one `<tag>_service.go` per tag.

use clientgen_emit::OutputFile;
use clientgen_ir::naming::Namespace;
use clientgen_ir::{
    MediaKind, Object, Operation, Parameter, ParameterLocation, ParameterStyle, PathSegment,
    Success, TypeId, TypeKind,
};

use crate::Emitter;
use crate::gofmt::{Row, comment_lines, doc_lines, string_literal};
use crate::names::exported;
use crate::types::{Base, GoType};

/// Where an encoded value goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sink {
    Query,
    Header,
    Cookie,
    Form,
    Multipart,
}

impl Sink {
    /// The receiver whose `jsonText` method formats composite values.
    fn text_owner(self) -> &'static str {
        match self {
            Sink::Multipart => "form",
            _ => "r",
        }
    }

    /// A statement adding `name` = `value` (both Go expressions).
    fn add(self, name: &str, value: &str) -> String {
        match self {
            Sink::Query => format!("r.query.Add({name}, {value})"),
            Sink::Header => format!("r.header.Add({name}, {value})"),
            Sink::Cookie => format!("r.addCookie({name}, {value})"),
            Sink::Form => format!("values.Add({name}, {value})"),
            Sink::Multipart => format!("form.field({name}, {value})"),
        }
    }
}

impl Emitter<'_> {
    /// `client.go`.
    pub(crate) fn client_file(&self) -> String {
        let title = if self.api.title.trim().is_empty() {
            String::from("the API")
        } else {
            self.api
                .title
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut package_doc = vec![format!("Package {} is a client for {title}.", self.package)];
        if let Some(description) = &self.api.description {
            let lines = doc_lines(description);
            if !lines.is_empty() {
                package_doc.push(String::new());
                package_doc.extend(lines);
            }
        }
        let mut out: Vec<String> = Vec::new();
        let base_url = self.api.servers.first().map(String::as_str).unwrap_or("");
        let base_url = if base_url.contains('{') { "" } else { base_url };
        out.push(String::from(
            "// DefaultBaseURL is the server URL of the document (\"\" when it names none).",
        ));
        out.push(format!(
            "const DefaultBaseURL = {}",
            string_literal(base_url.trim_end_matches('/'))
        ));
        out.push(String::new());
        out.push(format!(
            "// Client calls {title}. Create one with NewClient; it is safe for concurrent use."
        ));
        out.push(String::from("type Client struct {"));
        let mut rows: Vec<Row> = [
            ("baseURL", "string"),
            ("httpClient", "*http.Client"),
            ("headers", "http.Header"),
            ("mu", "sync.RWMutex"),
            ("token", "string"),
            ("tokenPrefix", "string"),
            ("apiKey", "string"),
            ("apiKeyIn", "string"),
            ("apiKeyName", "string"),
        ]
        .iter()
        .map(|(name, ty)| Row::Cells(vec![(*name).to_owned(), (*ty).to_owned()]))
        .collect();
        for (tag, service) in self.api.tags.iter().zip(&self.names.services) {
            rows.push(Row::Blank);
            rows.push(Row::Text(format!(
                "// {} holds the operations tagged {}.",
                service.field,
                string_literal(&tag.name)
            )));
            rows.push(Row::Cells(vec![
                service.field.clone(),
                format!("*{}", service.type_name),
            ]));
        }
        out.extend(crate::gofmt::align(&rows, "\t"));
        out.push(String::from("}"));
        out.push(String::new());
        let auth = self.api.auth_defaults();
        let (token_prefix, key_in, key_name) = (
            auth.token_prefix,
            auth.api_key_location.key(),
            auth.api_key_name,
        );
        out.push(String::from(
            "// NewClient returns a client for the server at baseURL (DefaultBaseURL for the",
        ));
        out.push(String::from(
            "// document's own), configured by opts. Tokens are sent as",
        ));
        out.push(format!(
            "// \"Authorization: {token_prefix} <token>\" and API keys in the {key_in} {}",
            string_literal(&key_name)
        ));
        out.push(String::from("// unless options say otherwise."));
        out.push(String::from(
            "func NewClient(baseURL string, opts ...Option) *Client {",
        ));
        out.push(String::from("\tc := &Client{}"));
        out.push(String::from(
            "\tc.baseURL = strings.TrimRight(baseURL, \"/\")",
        ));
        out.push(String::from("\tc.httpClient = http.DefaultClient"));
        out.push(String::from("\tc.headers = http.Header{}"));
        out.push(format!(
            "\tc.tokenPrefix = {}",
            string_literal(&token_prefix)
        ));
        out.push(format!("\tc.apiKeyIn = {}", string_literal(key_in)));
        out.push(format!("\tc.apiKeyName = {}", string_literal(&key_name)));
        out.push(String::from("\tfor _, opt := range opts {"));
        out.push(String::from("\t\topt(c)"));
        out.push(String::from("\t}"));
        for service in &self.names.services {
            out.push(format!(
                "\tc.{} = &{}{{client: c}}",
                service.field, service.type_name
            ));
        }
        out.push(String::from("\treturn c"));
        out.push(String::from("}"));
        self.go_file(&package_doc, &out.join("\n"))
    }

    /// One `<tag>_service.go` per tag.
    pub(crate) fn service_files(&self) -> Vec<OutputFile> {
        let tags: Vec<usize> = (0..self.api.tags.len()).collect();
        crate::parallel_map(&tags, |index| self.service_file(*index))
    }

    fn service_file(&self, tag_index: usize) -> OutputFile {
        let tag = &self.api.tags[tag_index];
        let service = &self.names.services[tag_index];
        let mut out: Vec<String> = Vec::new();
        let mut doc = vec![format!(
            "{} holds the operations tagged {}.",
            service.type_name,
            string_literal(&tag.name)
        )];
        if let Some(description) = &tag.description {
            let lines = doc_lines(description);
            if !lines.is_empty() {
                doc.push(String::new());
                doc.extend(lines);
            }
        }
        out.extend(comment_lines(&doc));
        out.push(format!("type {} struct {{", service.type_name));
        out.push(String::from("\tclient *Client"));
        out.push(String::from("}"));
        for (index, operation) in self.api.operations.iter().enumerate() {
            if operation.tag != tag.name {
                continue;
            }
            out.push(String::new());
            self.operation(index, operation, &service.type_name, &mut out);
        }
        OutputFile::new(service.file.clone(), self.go_file(&[], &out.join("\n")))
    }

    /// The Go type of a parameter's field or argument.
    fn parameter_type(&self, parameter: &Parameter) -> GoType {
        let mut go_type = self.go_type(parameter.ty);
        if !parameter.required && !go_type.base.is_nilable() && go_type.base != Base::Nullable {
            go_type.expr = format!("*{}", go_type.expr);
        }
        go_type
    }

    fn operation(&self, index: usize, operation: &Operation, service: &str, out: &mut Vec<String>) {
        let names = &self.names.operations[index];
        // The params struct.
        let mut params_optional = true;
        if let Some(params_struct) = &names.params_struct {
            params_optional = !operation.parameters.iter().any(|parameter| {
                parameter.location != ParameterLocation::Path && parameter.required
            });
            out.push(format!(
                "// {params_struct} holds the query, header and cookie parameters of {service}.{}.",
                names.method
            ));
            out.push(format!("type {params_struct} struct {{"));
            let mut rows = Vec::new();
            for (parameter, field) in operation.parameters.iter().zip(&names.param_fields) {
                let Some(field) = field else {
                    continue;
                };
                let mut doc = Vec::new();
                if let Some(description) = &parameter.description {
                    doc.extend(doc_lines(description));
                }
                doc.push(format!(
                    "Sent in the {} as {}{}.",
                    parameter.location.key(),
                    string_literal(&parameter.name),
                    if parameter.required {
                        " (required)"
                    } else {
                        ""
                    }
                ));
                if parameter.deprecated {
                    doc.push(String::new());
                    doc.push(String::from(
                        "Deprecated: the API marks this parameter deprecated.",
                    ));
                }
                for line in comment_lines(&doc) {
                    rows.push(Row::Text(line));
                }
                rows.push(Row::Cells(vec![
                    field.clone(),
                    self.parameter_type(parameter).expr,
                ]));
            }
            out.extend(crate::gofmt::align(&rows, "\t"));
            out.push(String::from("}"));
            out.push(String::new());
        }

        // The signature.
        let mut arguments = vec![String::from("ctx context.Context")];
        for (parameter, argument) in operation.parameters.iter().zip(&names.path_arguments) {
            if let Some(argument) = argument {
                arguments.push(format!("{argument} {}", self.go_type(parameter.ty).expr));
            }
        }
        let body = operation
            .request_body
            .as_ref()
            .and_then(|body| body.preferred_content().map(|content| (body, content)));
        let mut body_type: Option<GoType> = None;
        if let Some((request_body, content)) = body {
            let go_type = match content.kind {
                MediaKind::Binary => GoType {
                    expr: String::from("io.Reader"),
                    base: Base::Raw,
                    element: None,
                    enumeration: None,
                },
                MediaKind::Text => {
                    let mut text = GoType {
                        expr: String::from("string"),
                        base: Base::String,
                        element: None,
                        enumeration: None,
                    };
                    if !request_body.required {
                        text.expr = String::from("*string");
                    }
                    text
                }
                _ => {
                    let mut go_type = self.go_type(content.ty);
                    if !request_body.required && !go_type.base.is_nilable() {
                        go_type.expr = format!("*{}", go_type.expr);
                        go_type.base = Base::Struct;
                    }
                    go_type
                }
            };
            arguments.push(format!("body {}", go_type.expr));
            body_type = Some(go_type);
        }
        if let Some(params_struct) = &names.params_struct {
            let pointer = if params_optional { "*" } else { "" };
            arguments.push(format!("params {pointer}{params_struct}"));
        }
        let (result, returns_pointer) = match &operation.success {
            Success::Empty => (None, false),
            Success::Json { ty, optional } => {
                let go_type = self.go_type(*ty);
                let pointer =
                    go_type.base == Base::Struct || (*optional && !go_type.base.is_nilable());
                let expr = if pointer {
                    format!("*{}", go_type.expr)
                } else {
                    go_type.expr
                };
                (Some(expr), pointer)
            }
            Success::Binary => (Some(String::from("[]byte")), false),
            Success::Text => (Some(String::from("string")), false),
        };
        let results = match &result {
            Some(result) => format!("({result}, error)"),
            None => String::from("error"),
        };

        // Doc comment.
        let mut doc = clientgen_emit::operation_prose(operation, doc_lines);
        if !doc.is_empty() {
            doc.push(String::new());
        }
        doc.push(format!(
            "{} {} ({}).",
            operation.method.http_name(),
            operation.path,
            operation.id
        ));
        if operation.deprecated {
            doc.push(String::new());
            doc.push(String::from(
                "Deprecated: the API marks this operation deprecated.",
            ));
        }
        out.extend(comment_lines(&doc_lines(&doc.join("\n"))));
        out.push(format!(
            "func (s *{service}) {}({}) {results} {{",
            names.method,
            arguments.join(", ")
        ));

        // The path.
        let mut pieces: Vec<String> = Vec::new();
        let mut literal = String::new();
        for segment in &operation.path_segments {
            match segment {
                PathSegment::Literal(text) => literal.push_str(text),
                PathSegment::Parameter(parameter_index) => {
                    let (Some(parameter), Some(Some(argument))) = (
                        operation.parameters.get(*parameter_index),
                        names.path_arguments.get(*parameter_index),
                    ) else {
                        continue;
                    };
                    let go_type = self.go_type(parameter.ty);
                    match parameter.style {
                        ParameterStyle::Label => literal.push('.'),
                        ParameterStyle::Matrix => {
                            literal.push(';');
                            literal.push_str(&parameter.name);
                            literal.push('=');
                        }
                        _ => {}
                    }
                    if !literal.is_empty() {
                        pieces.push(string_literal(&std::mem::take(&mut literal)));
                    }
                    let text = match go_type.base {
                        Base::Slice => {
                            let item = go_type
                                .element
                                .map(|item| self.go_type(item))
                                .unwrap_or_else(|| go_type.clone());
                            format!(
                                "pathList({argument}, func(item {}) string {{ return {} }})",
                                item.expr,
                                self.format(&item, "item", "r")
                            )
                        }
                        _ => self.format(&go_type, argument, "r"),
                    };
                    pieces.push(format!("url.PathEscape({text})"));
                }
            }
        }
        if !literal.is_empty() || pieces.is_empty() {
            pieces.push(string_literal(&literal));
        }
        out.push(format!(
            "\tr := newRequest({}, \"\")",
            string_literal(operation.method.http_name())
        ));
        out.push(format!("\tr.path = {}", pieces.join(" + ")));

        // Parameters.
        if names.params_struct.is_some() {
            let mut lines = Vec::new();
            for (parameter, field) in operation.parameters.iter().zip(&names.param_fields) {
                let Some(field) = field else {
                    continue;
                };
                let sink = match parameter.location {
                    ParameterLocation::Header => Sink::Header,
                    ParameterLocation::Cookie => Sink::Cookie,
                    _ => Sink::Query,
                };
                let go_type = self.go_type(parameter.ty);
                self.encode_optional(
                    &mut lines,
                    "",
                    sink,
                    &parameter.name,
                    parameter.style,
                    parameter.explode,
                    &go_type,
                    &format!("params.{field}"),
                    parameter.required,
                );
            }
            if params_optional {
                out.push(String::from("\tif params != nil {"));
                out.extend(lines.iter().map(|line| format!("\t\t{line}")));
                out.push(String::from("\t}"));
            } else {
                out.extend(lines.iter().map(|line| format!("\t{line}")));
            }
        }

        // The body.
        if let (Some((request_body, content)), Some(go_type)) = (body, &body_type) {
            let optional = !request_body.required;
            let mut lines = Vec::new();
            let media = string_literal(&content.media_type);
            match content.kind {
                MediaKind::Json => lines.push(format!("r.setJSON(body, {media})")),
                MediaKind::Text => {
                    let value = if optional { "*body" } else { "body" };
                    lines.push(format!("r.body = strings.NewReader({value})"));
                    lines.push(format!("r.contentType = {media}"));
                }
                MediaKind::Binary => {
                    lines.push(String::from("r.body = body"));
                    lines.push(format!("r.contentType = {media}"));
                }
                MediaKind::Multipart | MediaKind::FormUrlEncoded => {
                    let sink = if content.kind == MediaKind::Multipart {
                        lines.push(String::from("form := newMultipartForm()"));
                        Sink::Multipart
                    } else {
                        lines.push(String::from("values := url.Values{}"));
                        Sink::Form
                    };
                    self.encode_form_body(&mut lines, sink, content.ty, go_type);
                    if sink == Sink::Multipart {
                        lines.push(String::from("r.setMultipart(form)"));
                    } else {
                        lines.push(String::from("r.setForm(values)"));
                    }
                }
            }
            let needs_check = optional
                && (content.kind != MediaKind::Text || go_type.expr.starts_with('*'))
                && (go_type.expr.starts_with('*')
                    || go_type.base.is_nilable()
                    || content.kind == MediaKind::Binary);
            if needs_check {
                out.push(String::from("\tif body != nil {"));
                out.extend(lines.iter().map(|line| format!("\t\t{line}")));
                out.push(String::from("\t}"));
            } else {
                out.extend(lines.iter().map(|line| format!("\t{line}")));
            }
        }

        // The call.
        match &operation.success {
            Success::Empty => out.push(String::from("\treturn s.client.sendEmpty(ctx, r)")),
            Success::Binary => {
                out.push(String::from("\treturn s.client.send(ctx, r)"));
            }
            Success::Text => {
                out.push(String::from("\tdata, err := s.client.send(ctx, r)"));
                out.push(String::from("\treturn string(data), err"));
            }
            Success::Json { ty, optional } => {
                if let Some(accept) = operation
                    .responses
                    .iter()
                    .filter(|response| response.is_success())
                    .flat_map(|response| response.contents.iter())
                    .find(|content| content.kind == MediaKind::Json)
                {
                    out.push(format!(
                        "\tr.accept = {}",
                        string_literal(&accept.media_type)
                    ));
                }
                let go_type = self.go_type(*ty);
                out.push(format!("\tvar out {}", go_type.expr));
                let failure = if returns_pointer { "nil" } else { "out" };
                if *optional {
                    out.push(String::from("\tok, err := s.client.sendJSON(ctx, r, &out)"));
                    out.push(String::from("\tif err != nil || !ok {"));
                    out.push(format!("\t\treturn {failure}, err"));
                    out.push(String::from("\t}"));
                } else {
                    out.push(String::from(
                        "\tif _, err := s.client.sendJSON(ctx, r, &out); err != nil {",
                    ));
                    out.push(format!("\t\treturn {failure}, err"));
                    out.push(String::from("\t}"));
                }
                if returns_pointer {
                    out.push(String::from("\treturn &out, nil"));
                } else {
                    out.push(String::from("\treturn out, nil"));
                }
            }
        }
        out.push(String::from("}"));
    }

    /// A Go expression of type string for a scalar value of `go_type` held in `expr`;
    /// composite values become JSON text through `owner.jsonText`.
    fn format(&self, go_type: &GoType, expr: &str, owner: &str) -> String {
        match go_type.base {
            Base::String => {
                if go_type.expr == "string" {
                    expr.to_owned()
                } else {
                    format!("string({expr})")
                }
            }
            Base::Bool => {
                if go_type.expr == "bool" {
                    format!("strconv.FormatBool({expr})")
                } else {
                    format!("strconv.FormatBool(bool({expr}))")
                }
            }
            Base::Int => {
                if go_type.expr == "int" {
                    format!("strconv.Itoa({expr})")
                } else if go_type.expr == "int64" {
                    format!("strconv.FormatInt({expr}, 10)")
                } else {
                    format!("strconv.FormatInt(int64({expr}), 10)")
                }
            }
            Base::Float => {
                let bits = if go_type.expr == "float32" { 32 } else { 64 };
                if go_type.expr == "float64" {
                    format!("formatFloat({expr}, 64)")
                } else {
                    format!("formatFloat(float64({expr}), {bits})")
                }
            }
            Base::Time => format!("{}.Format(time.RFC3339Nano)", receiver(expr)),
            Base::Date => format!("{}.String()", receiver(expr)),
            Base::Decimal | Base::Raw => format!("string({expr})"),
            Base::Bytes => format!("formatBytes({expr})"),
            Base::NullValue | Base::File => String::from("\"\""),
            Base::Nullable => {
                let inner = go_type
                    .element
                    .map(|inner| self.go_type(inner))
                    .unwrap_or_else(|| GoType {
                        expr: String::from("json.RawMessage"),
                        base: Base::Raw,
                        element: None,
                        enumeration: None,
                    });
                format!(
                    "nullableText({expr}, func(v {}) string {{ return {} }})",
                    inner.expr,
                    self.format(&inner, "v", owner)
                )
            }
            Base::Struct | Base::Slice | Base::Map => format!("{owner}.jsonText({expr})"),
        }
    }

    /// Statements adding a value that may be absent (`required` false: a pointer, a nil-able
    /// value or a `Nullable`) under `name`.
    #[allow(clippy::too_many_arguments)]
    fn encode_optional(
        &self,
        lines: &mut Vec<String>,
        indent: &str,
        sink: Sink,
        name: &str,
        style: ParameterStyle,
        explode: bool,
        go_type: &GoType,
        access: &str,
        required: bool,
    ) {
        let name_literal = string_literal(name);
        if go_type.base == Base::Nullable {
            let inner = go_type
                .element
                .map(|inner| self.go_type(inner))
                .unwrap_or_else(|| go_type.clone());
            lines.push(format!("{indent}if {access}.Null {{"));
            lines.push(format!("{indent}\t{}", sink.add(&name_literal, "\"\"")));
            lines.push(format!("{indent}}} else if {access}.Present {{"));
            self.encode_value(
                lines,
                &format!("{indent}\t"),
                sink,
                name,
                style,
                explode,
                &inner,
                &format!("{access}.Value"),
            );
            lines.push(format!("{indent}}}"));
            return;
        }
        if required {
            self.encode_value(lines, indent, sink, name, style, explode, go_type, access);
            return;
        }
        lines.push(format!("{indent}if {access} != nil {{"));
        let value = if go_type.base.is_nilable() {
            access.to_owned()
        } else {
            format!("*{access}")
        };
        self.encode_value(
            lines,
            &format!("{indent}\t"),
            sink,
            name,
            style,
            explode,
            go_type,
            &value,
        );
        lines.push(format!("{indent}}}"));
    }

    /// Statements adding a present value under `name`, the way `style` and `explode` say.
    #[allow(clippy::too_many_arguments)]
    fn encode_value(
        &self,
        lines: &mut Vec<String>,
        indent: &str,
        sink: Sink,
        name: &str,
        style: ParameterStyle,
        explode: bool,
        go_type: &GoType,
        value: &str,
    ) {
        let name_literal = string_literal(name);
        let owner = sink.text_owner();
        match go_type.base {
            Base::File if sink == Sink::Multipart => {
                lines.push(format!("{indent}form.file({name_literal}, {value})"));
            }
            Base::Slice => {
                let item = go_type
                    .element
                    .map(|item| self.go_type(item))
                    .unwrap_or_else(|| go_type.clone());
                let repeated = match sink {
                    Sink::Query => style == ParameterStyle::Form && explode,
                    Sink::Form | Sink::Multipart => true,
                    Sink::Header | Sink::Cookie => false,
                };
                if repeated {
                    lines.push(format!("{indent}for _, item := range {value} {{"));
                    if item.base == Base::File && sink == Sink::Multipart {
                        lines.push(format!("{indent}\tform.file({name_literal}, item)"));
                    } else {
                        lines.push(format!(
                            "{indent}\t{}",
                            sink.add(&name_literal, &self.format(&item, "item", owner))
                        ));
                    }
                    lines.push(format!("{indent}}}"));
                } else {
                    let separator = match style {
                        ParameterStyle::SpaceDelimited => " ",
                        ParameterStyle::PipeDelimited => "|",
                        _ => ",",
                    };
                    lines.push(format!(
                        "{indent}{}",
                        sink.add(
                            &name_literal,
                            &format!(
                                "joinList({value}, {}, func(item {}) string {{ return {} }})",
                                string_literal(separator),
                                item.expr,
                                self.format(&item, "item", owner)
                            )
                        )
                    ));
                }
            }
            Base::Map | Base::Struct if matches!(sink, Sink::Query | Sink::Header) => {
                let entries = if go_type.base == Base::Map {
                    let values = go_type
                        .element
                        .map(|values| self.go_type(values))
                        .unwrap_or_else(|| GoType {
                            expr: String::from("json.RawMessage"),
                            base: Base::Raw,
                            element: None,
                            enumeration: None,
                        });
                    format!(
                        "mapEntries({value}, func(item {}) string {{ return {} }})",
                        values.expr,
                        self.format(&values, "item", owner)
                    )
                } else {
                    format!("r.objectEntries({value})")
                };
                if sink == Sink::Query && style == ParameterStyle::DeepObject {
                    lines.push(format!("{indent}for _, entry := range {entries} {{"));
                    lines.push(format!(
                        "{indent}\t{}",
                        sink.add(
                            &format!("{}+entry[0]+\"]\"", string_literal(&format!("{name}["))),
                            "entry[1]"
                        )
                    ));
                    lines.push(format!("{indent}}}"));
                } else if sink == Sink::Query && explode {
                    lines.push(format!("{indent}for _, entry := range {entries} {{"));
                    lines.push(format!("{indent}\t{}", sink.add("entry[0]", "entry[1]")));
                    lines.push(format!("{indent}}}"));
                } else {
                    let separator = if explode { "=" } else { "," };
                    lines.push(format!(
                        "{indent}{}",
                        sink.add(
                            &name_literal,
                            &format!("joinEntries({entries}, {})", string_literal(separator))
                        )
                    ));
                }
            }
            _ => {
                lines.push(format!(
                    "{indent}{}",
                    sink.add(&name_literal, &self.format(go_type, value, owner))
                ));
            }
        }
    }

    /// Statements adding each property of a form or multipart body.
    fn encode_form_body(&self, lines: &mut Vec<String>, sink: Sink, ty: TypeId, go_type: &GoType) {
        let resolved = crate::types::declared_object(self, ty);
        match resolved {
            Some((owner, object)) => {
                let fields = self.object_fields(object);
                for (property, field) in object.properties.iter().zip(fields) {
                    let Some(field) = field else {
                        continue;
                    };
                    let (field_type, _) = self.field_type(owner, property);
                    let field_go = self.go_type(property.ty);
                    let required = property.required && !field_type.starts_with('*');
                    self.encode_optional(
                        lines,
                        "",
                        sink,
                        &property.name,
                        ParameterStyle::Form,
                        true,
                        &field_go,
                        &format!("body.{field}"),
                        required,
                    );
                }
            }
            None => {
                // Not an object: a map is sent key by key, anything else as one JSON field.
                let value = if go_type.expr.starts_with('*') {
                    "*body"
                } else {
                    "body"
                };
                if go_type.base == Base::Map {
                    lines.push(format!("for _, key := range sortedKeys({value}) {{"));
                    lines.push(format!(
                        "\t{}",
                        sink.add(
                            "key",
                            &format!("{}.jsonText({value}[key])", sink.text_owner())
                        )
                    ));
                    lines.push(String::from("}"));
                } else {
                    lines.push(sink.add(
                        "\"data\"",
                        &format!("{}.jsonText({value})", sink.text_owner()),
                    ));
                }
            }
        }
    }
}

/// Field names of a struct for an object, as `models.go` declares them (`None` for
/// properties that cannot occur).
impl Emitter<'_> {
    pub(crate) fn object_fields(&self, object: &Object) -> Vec<Option<String>> {
        let mut fields = Namespace::new(false);
        fields.reserve(["MarshalJSON", "UnmarshalJSON"]);
        object
            .properties
            .iter()
            .map(|property| {
                if matches!(
                    self.api.type_def(self.api.resolve(property.ty)).kind,
                    TypeKind::Never
                ) {
                    None
                } else {
                    Some(fields.claim(&exported(&property.name, "Field")))
                }
            })
            .collect()
    }
}

/// An expression usable as the receiver of a method call (`*p` needs parentheses).
fn receiver(expr: &str) -> String {
    if expr.starts_with('*') {
        format!("({expr})")
    } else {
        expr.to_owned()
    }
}
