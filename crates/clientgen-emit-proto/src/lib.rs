//! The Protocol Buffers emitter: an [`Api`] to proto3 files with gRPC services whose RPCs
//! carry `google.api.http` annotations naming their REST routes.
//!
//! Output layout (paths relative to the output directory, which is the protoc include root):
//!
//! | file | contents |
//! |---|---|
//! | `<group>/<tag>/messages.proto` | package `[prefix.]<group>.<tag>.v1`: a message or enum per schema the tag's operations reach, and a `…Request` / `…Response` message per RPC |
//! | `<group>/<tag>/service.proto` | `service <Tag>Service` with one RPC per operation and its `google.api.http` rule |
//! | `google/api/annotations.proto`, `google/api/http.proto` | the HTTP annotation definitions (from googleapis, Apache 2.0) |
//! | `buf.yaml` | a Buf module configuration with the lint rules the output is checked against |
//! | `README.md` | the packages and the protoc commands for Python, Go and TypeScript |
//!
//! Mapping: objects are messages (fields numbered in property order, `json_name` keeping the
//! wire name), enums are enums with an `<ENUM>_UNSPECIFIED = 0` value and members prefixed
//! with the enum name, unions are messages with a `oneof`, `allOf` compositions that could
//! not be merged are messages with a field per part, `date-time` is
//! `google.protobuf.Timestamp`, free-form JSON `google.protobuf.Value` / `Struct`, `binary`
//! and `byte` are `bytes`, maps are `map<string, V>`, and a 204 returns
//! `google.protobuf.Empty`. Optional and nullable scalars are `optional`. Lists of lists, and
//! lists or maps inside maps and `oneof`s, are wrapped in a message with one `values` field.

mod names;
mod render;

use clientgen_emit::OutputFile;
use clientgen_ir::Api;

/// What to generate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Prefix of every proto package (`acme` → `acme.support_desk.tickets.v1`).
    pub package_prefix: Option<String>,
    /// The group the definitions are generated for (default: derived from the API title, see
    /// `clientgen_emit_structs::group_name`); the second package component and top folder.
    pub group: Option<String>,
}

/// Generates the proto files for `api`, sorted by path.
///
/// Nothing here fails: every IR the lowering produces has a proto rendering.
pub fn emit(api: &Api, options: &Options) -> Vec<OutputFile> {
    render::emit(api, options)
}
