//! Several documents read as one API (`schema = [...]`): every spec in ../shared/specs, cut
//! into two documents by its paths (each keeping every component), must give exactly the
//! clients, in every language, and the OpenAPI document that the whole spec gives.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // Tests fail by panicking.

use std::path::{Path, PathBuf};

use clientgen_generate::{Language, Request};
use clientgen_spec::{Node, NodeKind};

fn shared_specs() -> Vec<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let directory = std::env::var_os("CLIENTGEN_SHARED_SPECS")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../../shared/specs"));
    let Ok(entries) = std::fs::read_dir(&directory) else {
        eprintln!("warning: {} is missing; skipped", directory.display());
        return Vec::new();
    };
    let mut specs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            )
        })
        .collect();
    specs.sort();
    specs
}

/// The document with only the path items `keep` accepts (by position).
fn with_paths(root: &Node, keep: impl Fn(usize) -> bool) -> String {
    let mut root = root.clone();
    if let NodeKind::Object(entries) = &mut root.kind
        && let Some(paths) = entries.iter_mut().find(|entry| &*entry.key == "paths")
        && let NodeKind::Object(items) = &mut paths.value.kind
    {
        let mut position = 0;
        items.retain(|_| {
            position += 1;
            keep(position - 1)
        });
    }
    root.to_json_pretty()
}

#[test]
fn a_spec_cut_in_two_gives_the_same_clients_as_the_whole() {
    for spec in shared_specs() {
        let whole = clientgen_spec::load(&spec).expect("the shared specs load");
        let root = whole.trees.first().expect("a tree");
        let count = root
            .get("paths")
            .and_then(Node::as_object)
            .map_or(0, <[_]>::len);
        let half = count / 2;
        let texts = [
            with_paths(root, |index| index < half),
            with_paths(root, |index| index >= half),
        ];
        let parts: Vec<clientgen_spec::Loaded> = texts
            .iter()
            .enumerate()
            .map(|(index, text)| {
                clientgen_spec::load_from_str(&format!("part{index}.json"), text, Path::new("."))
                    .expect("a part loads")
            })
            .collect();
        let documents: Vec<&clientgen_spec::Document> =
            parts.iter().map(|part| &part.document).collect();
        let (merged, issues) = clientgen_ir::lower_merged(&documents);
        assert_eq!(issues, Vec::new(), "{}", spec.display());
        let api = clientgen_ir::lower(&whole.document).api;
        assert_eq!(merged.operations.len(), api.operations.len());
        for language in [
            Language::TypeScript,
            Language::Python,
            Language::Go,
            Language::Proto,
        ] {
            let request = Request::new(spec.clone(), language, PathBuf::from("out"));
            let expected = clientgen_generate::emit(&api, language, &request);
            let actual = clientgen_generate::emit(&merged, language, &request);
            assert_eq!(
                actual.len(),
                expected.len(),
                "{} {language:?}",
                spec.display()
            );
            for (actual, expected) in actual.iter().zip(&expected) {
                assert_eq!(
                    actual.path,
                    expected.path,
                    "{} {language:?}",
                    spec.display()
                );
                assert!(
                    actual.contents == expected.contents,
                    "{} {language:?}: {} differs",
                    spec.display(),
                    actual.path
                );
            }
        }
        let roots: Vec<&Node> = parts.iter().filter_map(|part| part.trees.first()).collect();
        assert_eq!(clientgen_spec::combine::clashes(&roots), Vec::new());
        assert_eq!(
            clientgen_spec::slice_documents(&roots, |_, _, _| true, &[]),
            clientgen_spec::slice_document(root, |_, _| true, &[]),
            "{}",
            spec.display()
        );
    }
}
