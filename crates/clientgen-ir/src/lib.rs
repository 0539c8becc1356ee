//! The language-neutral intermediate representation of an API, and its lowering from a loaded
//! OpenAPI document.
//!
//! ```no_run
//! let loaded = clientgen_spec::load(std::path::Path::new("openapi.yaml")).map_err(|e| e.to_string())?;
//! let lowered = clientgen_ir::lower(&loaded.document);
//! for operation in &lowered.api.operations {
//!     println!("{} {} {}", operation.method.http_name(), operation.path, operation.id);
//! }
//! # Ok::<(), String>(())
//! ```

pub mod dump;
mod lower;
mod merge;
pub mod model;
pub mod naming;
mod operations;
mod slice;
mod views;

pub use merge::MergeIssue;
pub use model::*;
pub use slice::slice;

use clientgen_spec::{Diagnostic, Document};

/// The result of lowering: the API and the warnings found on the way.
#[derive(Debug)]
pub struct Lowered {
    /// The API.
    pub api: Api,
    /// Problems that did not stop lowering (duplicate operation ids, unknown security scheme
    /// names, `allOf` cycles), with their places in the document.
    pub warnings: Vec<Diagnostic>,
}

/// Lowers a loaded document into the IR.
///
/// Lowering never fails: the loader has already rejected documents that cannot be used, and
/// what remains questionable is reported in [`Lowered::warnings`].
pub fn lower(document: &Document) -> Lowered {
    let mut lowered = lower_without_views(document);
    views::split(&mut lowered.api);
    lowered
}

/// Lowers several documents (in configuration order) into one API: see [`merge`] for how
/// they are combined. The request/response views are made after merging, from the uses of
/// every document.
///
/// Returns the API and what merging had to resolve or could not; warnings from lowering each
/// document are not repeated here ([`lower`] reports them per document).
pub fn lower_merged(documents: &[&Document]) -> (Api, Vec<MergeIssue>) {
    let parts = documents
        .iter()
        .map(|document| lower_without_views(document).api)
        .collect();
    let (mut api, issues) = merge::merge(parts);
    views::split(&mut api);
    (api, issues)
}

fn lower_without_views(document: &Document) -> Lowered {
    let mut lowerer = lower::Lowerer::new(document);
    lowerer.lower_components();
    let operations = lowerer.lower_operations();

    let mut tags: Vec<Tag> = Vec::new();
    for operation in &operations {
        if !tags.iter().any(|tag| tag.name == operation.tag) {
            let description = document
                .tags
                .iter()
                .find(|tag| tag.name == operation.tag)
                .and_then(|tag| tag.description.clone());
            tags.push(Tag {
                name: operation.tag.clone(),
                description,
            });
        }
    }
    let api = Api {
        title: document.info.title.clone(),
        version: document.info.version.clone(),
        description: document.info.description.clone(),
        servers: document
            .servers
            .iter()
            .map(|server| server.url.clone())
            .collect(),
        types: std::mem::take(&mut lowerer.types),
        operations,
        security_schemes: document.security_schemes.clone(),
        tags,
    };
    Lowered {
        api,
        warnings: lowerer.diagnostics,
    }
}

/// Follows alias links inside a type arena under construction.
pub(crate) fn resolve_alias_in(types: &[TypeDef], id: TypeId) -> TypeId {
    let mut current = id;
    for _ in 0..64 {
        match types.get(current.index()).map(|def| &def.kind) {
            Some(TypeKind::Alias(target)) => current = *target,
            _ => return current,
        }
    }
    current
}
