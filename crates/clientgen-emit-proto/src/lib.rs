//! The Protocol Buffers emitter (work in progress).

use clientgen_emit::OutputFile;
use clientgen_ir::Api;

/// What to generate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Prefix of every proto package (`acme` → `acme.support_desk.tickets.v1`).
    pub package_prefix: Option<String>,
}

/// Generates the proto files for `api`.
pub fn emit(_api: &Api, _options: &Options) -> Vec<OutputFile> {
    Vec::new()
}
