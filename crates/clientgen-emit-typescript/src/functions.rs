//! `_utils/fetchers/<tag>.ts` (standalone functions that validate responses with zod, usable in
//! Next.js server components) and `_utils/hooks/<tag>.ts` (SWR 2 hooks).

use std::collections::BTreeSet;

use clientgen_emit::{CodeWriter, OutputFile};
use clientgen_ir::{Method, PathSegment, TypeKind};

use crate::Emitter;
use crate::client::Signature;
use crate::names::string_literal;
use crate::types::write_doc;
use crate::zod::Imports;

impl Emitter<'_> {
    /// One fetcher file per tag plus the index.
    pub(crate) fn fetcher_files(&self) -> Vec<OutputFile> {
        let tags: Vec<usize> = (0..self.api.tags.len()).collect();
        let mut files = crate::parallel_map(&tags, |tag_index| self.fetcher_file(*tag_index));
        let mut index = CodeWriter::new("  ");
        for names in &self.names.tags {
            index.line(format!("export * from \"./{}\";", names.file));
        }
        if self.names.tags.is_empty() {
            index.line("export {};");
        }
        files.push(OutputFile::new(
            "_utils/fetchers/index.ts",
            self.finish_file(index),
        ));
        files
    }

    fn fetcher_file(&self, tag_index: usize) -> OutputFile {
        let tag = &self.api.tags[tag_index];
        let tag_names = &self.names.tags[tag_index];
        let mut body = CodeWriter::new("  ");
        let mut models = BTreeSet::new();
        let mut enums = BTreeSet::new();
        let mut zod_imports = Imports::default();
        let mut uses_z = false;
        for (index, operation) in self.api.operations.iter().enumerate() {
            if operation.tag != tag.name {
                continue;
            }
            let signature = self.signature(index);
            self.collect_signature_types(&signature, &mut models, &mut enums);
            let validation = signature.json_type.and_then(|(ty, optional)| {
                if matches!(self.api.type_def(ty).kind, TypeKind::Any)
                    && self.api.type_def(ty).name.is_none()
                {
                    return None;
                }
                let expression = self.zod_for_use(ty, &mut zod_imports);
                Some((expression, optional))
            });
            if let Some((expression, _)) = &validation
                && expression.starts_with("z.")
            {
                uses_z = true;
            }
            let extra = match &validation {
                Some(_) => vec![
                    String::new(),
                    String::from(
                        "The response is validated with its zod schema; a mismatch throws a `ZodError`.",
                    ),
                ],
                None => Vec::new(),
            };
            write_doc(&mut body, &self.operation_doc(operation, &extra));
            let mut arguments = signature.arguments();
            arguments.push(String::from("client: API = getAPI()"));
            arguments.push(format!(
                "{}?: RequestOptions",
                signature.names.options_argument
            ));
            body.line(format!(
                "export async function {}({}): Promise<{}> {{",
                signature.names.fetcher,
                arguments.join(", "),
                signature.returns
            ));
            body.indent();
            let mut call_arguments = signature.call_arguments();
            call_arguments.push(signature.names.options_argument.clone());
            let call = format!(
                "client.{}.{}({})",
                tag_names.property,
                signature.names.method,
                call_arguments.join(", ")
            );
            match &validation {
                Some((expression, optional)) => {
                    body.line(format!("const response = await {call};"));
                    if *optional {
                        body.line(format!("return response === undefined ? undefined : {expression}.parse(response);"));
                    } else {
                        body.line(format!("return {expression}.parse(response);"));
                    }
                }
                None => body.line(format!("return {call};")),
            }
            body.dedent();
            body.line("}");
            body.blank();
        }
        let mut writer = CodeWriter::new("  ");
        if uses_z {
            writer.line("import { z } from \"zod\";");
        }
        writer.line("import { getAPI, type API } from \"../../client\";");
        writer.line("import type { RequestOptions } from \"../../http\";");
        write_type_imports(&mut writer, "../../models", &models);
        write_type_imports(&mut writer, "../../enums", &enums);
        if !zod_imports.helpers.is_empty() {
            let helpers: Vec<&str> = zod_imports.helpers.iter().copied().collect();
            writer.line(format!(
                "import {{ {} }} from \"../schemas/_helpers\";",
                helpers.join(", ")
            ));
        }
        for schema in &zod_imports.schemas {
            writer.line(format!(
                "import {{ {schema} }} from \"../schemas/{}.schema\";",
                self.schema_file_for(schema)
            ));
        }
        writer.blank();
        writer.lines(body.finish().trim_end());
        OutputFile::new(
            format!("_utils/fetchers/{}.ts", tag_names.file),
            self.finish_file(writer),
        )
    }

    /// Model and enum names used in a signature.
    fn collect_signature_types(
        &self,
        signature: &Signature<'_>,
        models: &mut BTreeSet<String>,
        enums: &mut BTreeSet<String>,
    ) {
        for (_, _, index) in &signature.path {
            if let Some(parameter) = signature.operation.parameters.get(*index) {
                self.collect_type_references(parameter.ty, models, enums, 0);
            }
        }
        if let Some((_, _, _, content)) = &signature.body
            && !matches!(
                content.kind,
                clientgen_ir::MediaKind::Binary | clientgen_ir::MediaKind::Text
            )
        {
            self.collect_type_references(content.ty, models, enums, 0);
        }
        if let Some((ty, _)) = signature.json_type {
            self.collect_type_references(ty, models, enums, 0);
        }
        if let Some((_, interface, _)) = &signature.params {
            models.insert(interface.clone());
        }
    }

    /// One hook file per tag, the shared helpers and the index.
    pub(crate) fn hook_files(&self) -> Vec<OutputFile> {
        let tags: Vec<usize> = (0..self.api.tags.len()).collect();
        let mut files = crate::parallel_map(&tags, |tag_index| self.hook_file(*tag_index));
        let mut shared = CodeWriter::new("  ");
        shared.lines(HOOKS_SHARED);
        files.push(OutputFile::new(
            "_utils/hooks/_shared.ts",
            self.finish_file(shared),
        ));
        let mut index = CodeWriter::new("  ");
        index.line("export { isReadKeyUnder, type MutationConfig, type MutationKey, type QueryConfig } from \"./_shared\";");
        for names in &self.names.tags {
            index.line(format!("export * from \"./{}\";", names.file));
        }
        files.push(OutputFile::new(
            "_utils/hooks/index.ts",
            self.finish_file(index),
        ));
        files
    }

    fn hook_file(&self, tag_index: usize) -> OutputFile {
        let tag = &self.api.tags[tag_index];
        let tag_names = &self.names.tags[tag_index];
        let mut body = CodeWriter::new("  ");
        let mut models = BTreeSet::new();
        let mut enums = BTreeSet::new();
        let mut fetchers = BTreeSet::new();
        let mut uses_query = false;
        let mut uses_mutation = false;
        for (index, operation) in self.api.operations.iter().enumerate() {
            if operation.tag != tag.name {
                continue;
            }
            let signature = self.signature(index);
            self.collect_signature_types(&signature, &mut models, &mut enums);
            fetchers.insert(signature.names.fetcher.clone());
            if operation.method == Method::Get {
                uses_query = true;
                self.query_hook(&mut body, &signature);
            } else {
                uses_mutation = true;
                self.mutation_hook(&mut body, &signature);
            }
            body.blank();
        }
        let mut writer = CodeWriter::new("  ");
        let mut swr_imports = Vec::new();
        if uses_mutation {
            swr_imports.push("useSWRConfig");
        }
        if uses_query {
            swr_imports.push("type SWRResponse");
        }
        if uses_query {
            writer.line(format!(
                "import useSWR, {{ {} }} from \"swr\";",
                swr_imports.join(", ")
            ));
        } else if !swr_imports.is_empty() {
            writer.line(format!(
                "import {{ {} }} from \"swr\";",
                swr_imports.join(", ")
            ));
        }
        if uses_mutation {
            writer
                .line("import useSWRMutation, { type SWRMutationResponse } from \"swr/mutation\";");
        }
        writer.line("import type { APIError } from \"../../http\";");
        write_type_imports(&mut writer, "../../models", &models);
        write_type_imports(&mut writer, "../../enums", &enums);
        let fetcher_list: Vec<&str> = fetchers.iter().map(String::as_str).collect();
        crate::names::write_import(
            &mut writer,
            "import",
            &fetcher_list,
            &format!("../fetchers/{}", tag_names.file),
        );
        let mut shared = Vec::new();
        if uses_mutation {
            shared.extend(["isReadKeyUnder", "type MutationConfig", "type MutationKey"]);
        }
        if uses_query {
            shared.push("type QueryConfig");
        }
        if !shared.is_empty() {
            writer.line(format!(
                "import {{ {} }} from \"./_shared\";",
                shared.join(", ")
            ));
        }
        writer.blank();
        writer.lines(body.finish().trim_end());
        OutputFile::new(
            format!("_utils/hooks/{}.ts", tag_names.file),
            self.finish_file(writer),
        )
    }

    /// `useX(...)`: an SWR read; the request waits while a path parameter (or required
    /// params object) is `null` or `undefined`.
    fn query_hook(&self, writer: &mut CodeWriter, signature: &Signature<'_>) {
        let operation = signature.operation;
        let mut arguments = Vec::new();
        let mut gates = Vec::new();
        let mut key_parts = vec![string_literal(&format!("GET {}", operation.path))];
        for (name, ty, _) in &signature.path {
            arguments.push(format!("{name}: {ty} | null | undefined"));
            gates.push(format!("{name} === null || {name} === undefined"));
            key_parts.push(name.clone());
        }
        if let Some((name, ty, optional, _)) = &signature.body {
            if *optional {
                arguments.push(format!("{name}?: {ty}"));
            } else {
                arguments.push(format!("{name}: {ty} | null | undefined"));
                gates.push(format!("{name} === null || {name} === undefined"));
            }
            key_parts.push(name.clone());
        }
        if let Some((name, ty, optional)) = &signature.params {
            if *optional
                && signature
                    .body
                    .as_ref()
                    .is_none_or(|(_, _, body_optional, _)| *body_optional)
            {
                arguments.push(format!("{name}?: {ty}"));
            } else if *optional {
                arguments.push(format!("{name}: {ty} | undefined"));
            } else {
                arguments.push(format!("{name}: {ty} | null | undefined"));
                gates.push(format!("{name} === null || {name} === undefined"));
            }
            key_parts.push(name.clone());
        }
        arguments.push(format!("config?: QueryConfig<{}>", signature.returns));
        let extra = vec![
            String::new(),
            format!(
                "SWR key: `[\"GET {}\", …arguments]`; `null` arguments pause the request.",
                operation.path
            ),
        ];
        write_doc(writer, &self.operation_doc(operation, &extra));
        writer.line(format!(
            "export function {}({}): SWRResponse<{}, APIError> {{",
            signature.names.hook,
            arguments.join(", "),
            signature.returns
        ));
        writer.indent();
        let key = format!("[{}] as const", key_parts.join(", "));
        if gates.is_empty() {
            writer.line(format!("const swrKey = {key};"));
        } else {
            writer.line(format!(
                "const swrKey = {} ? null : ({key});",
                gates.join(" || ")
            ));
        }
        let destructure: Vec<String> = std::iter::once(String::new())
            .chain(key_parts.iter().skip(1).cloned())
            .collect();
        let mut call_arguments: Vec<String> = key_parts.iter().skip(1).cloned().collect();
        call_arguments.push(String::from("config?.client"));
        writer.line(format!(
            "return useSWR(swrKey, ([{}]) => {}({}), config);",
            destructure.join(", "),
            signature.names.fetcher,
            call_arguments.join(", ")
        ));
        writer.dedent();
        writer.line("}");
    }

    /// `useX()`: an SWR mutation whose `trigger` takes the call's arguments as one object and
    /// which, on success, revalidates every cached read under the same resource path.
    fn mutation_hook(&self, writer: &mut CodeWriter, signature: &Signature<'_>) {
        let operation = signature.operation;
        let mut fields = Vec::new();
        let mut call_arguments = Vec::new();
        for (name, ty, _) in &signature.path {
            fields.push(format!("{name}: {ty}"));
            call_arguments.push(format!("arg.{name}"));
        }
        if let Some((name, ty, optional, _)) = &signature.body {
            let mark = if *optional { "?" } else { "" };
            fields.push(format!("{name}{mark}: {ty}"));
            call_arguments.push(format!("arg.{name}"));
        }
        if let Some((name, ty, optional)) = &signature.params {
            let mark = if *optional { "?" } else { "" };
            fields.push(format!("{name}{mark}: {ty}"));
            call_arguments.push(format!("arg.{name}"));
        }
        let argument_type = if fields.is_empty() {
            String::from("never")
        } else {
            format!("{{ {} }}", fields.join("; "))
        };
        let prefix = resource_prefix(operation);
        let extra = vec![
            String::new(),
            format!(
                "`trigger({})` sends the request; on success every cached read whose path starts with `{prefix}` is revalidated.",
                if fields.is_empty() { "" } else { "{ … }" }
            ),
        ];
        write_doc(writer, &self.operation_doc(operation, &extra));
        writer.line(format!(
            "export function {}(config?: MutationConfig<{returns}, {argument_type}>): SWRMutationResponse<{returns}, APIError, MutationKey, {argument_type}> {{",
            signature.names.hook,
            returns = signature.returns
        ));
        writer.indent();
        writer.line("const { mutate } = useSWRConfig();");
        writer.line(format!(
            "return useSWRMutation<{}, APIError, MutationKey, {argument_type}>(",
            signature.returns
        ));
        writer.indent();
        writer.line(format!(
            "[{}],",
            string_literal(&format!(
                "{} {}",
                operation.method.http_name(),
                operation.path
            ))
        ));
        let parameter = if fields.is_empty() {
            "_key"
        } else {
            "_key, { arg }"
        };
        writer.line(format!("async ({parameter}) => {{"));
        writer.indent();
        call_arguments.push(String::from("config?.client"));
        writer.line(format!(
            "const result = await {}({});",
            signature.names.fetcher,
            call_arguments.join(", ")
        ));
        writer.line(format!(
            "await mutate((key) => isReadKeyUnder(key, {}));",
            string_literal(&prefix)
        ));
        writer.line("return result;");
        writer.dedent();
        writer.line("},");
        writer.line("config,");
        writer.dedent();
        writer.line(");");
        writer.dedent();
        writer.line("}");
    }

    /// The zod expression to validate a response of type `id` in a fetcher file.
    fn schema_file_for(&self, schema: &str) -> String {
        self.api
            .named_types()
            .find(|id| self.names.schema_name(*id) == schema)
            .map(|id| self.names.type_name(id).to_owned())
            .unwrap_or_else(|| schema.trim_end_matches("Schema").to_owned())
    }
}

/// The part of a write's path template before its first parameter: reads under it are
/// revalidated after the write (`/api/tickets/{id}/close/` → `/api/tickets/`).
fn resource_prefix(operation: &clientgen_ir::Operation) -> String {
    match operation.path_segments.first() {
        Some(PathSegment::Literal(text)) => text.clone(),
        _ => String::from("/"),
    }
}

fn write_type_imports(writer: &mut CodeWriter, module: &str, names: &BTreeSet<String>) {
    let list: Vec<&str> = names.iter().map(String::as_str).collect();
    crate::names::write_import(writer, "import type", &list, module);
}

const HOOKS_SHARED: &str = r#"import type { SWRConfiguration } from "swr";
import type { SWRMutationConfiguration } from "swr/mutation";
import type { API } from "../../client";
import type { APIError } from "../../http";

/** Options of the read hooks: SWR's, plus the API instance to use (default: `getAPI()`). */
export interface QueryConfig<Data> extends SWRConfiguration<Data, APIError> {
  client?: API;
}

/** Key of a mutation hook: `["<METHOD> <path template>"]`. */
export type MutationKey = readonly [string];

/** Options of the mutation hooks: SWR's, plus the API instance to use (default: `getAPI()`). */
export type MutationConfig<Data, Argument> = Omit<SWRMutationConfiguration<Data, APIError, MutationKey, Argument>, "throwOnError"> & {
  client?: API;
};

/** True for the SWR key of a read hook (`["GET <path>", …]`) whose path starts with `prefix`. */
export function isReadKeyUnder(key: unknown, prefix: string): boolean {
  if (!Array.isArray(key)) {
    return false;
  }
  const first: unknown = key[0];
  return typeof first === "string" && first.startsWith(`GET ${prefix}`);
}"#;
