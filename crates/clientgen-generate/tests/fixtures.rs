//! Snapshot tests over the hand-written fixtures in `tests/fixtures`: every generated
//! TypeScript file, the IR dump and the diagnostics of each fixture. Review changes with
//! `cargo insta review` (or run with `INSTA_UPDATE=always` and read the diff).

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // Tests fail by panicking.

use std::path::{Path, PathBuf};

use clientgen_generate::{Language, Request};

fn fixtures() -> Vec<PathBuf> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&directory)
        .expect("tests/fixtures exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "json")
            )
        })
        .collect();
    fixtures.sort();
    assert!(
        fixtures.len() >= 6,
        "expected the fixtures in {}",
        directory.display()
    );
    fixtures
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or("fixture")
        .to_owned()
}

/// Paths in diagnostics, relative to the repository, so snapshots do not depend on checkouts.
fn relative(path: &Path) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = root.canonicalize().unwrap_or(root);
    let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
    path.strip_prefix(&root)
        .map(Path::to_path_buf)
        .unwrap_or(path)
}

#[test]
fn typescript_output_matches_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for fixture in fixtures() {
        let name = stem(&fixture);
        // Run from the repository root so diagnostics name `tests/fixtures/…`.
        let request = Request::new(
            root.join(relative(&fixture)),
            Language::TypeScript,
            PathBuf::from("unused"),
        );
        let generated = clientgen_generate::generate(&request)
            .unwrap_or_else(|error| panic!("{name} failed to generate:\n{error}"));
        for file in &generated.files {
            // The runtime is the same for every client; it is snapshotted once.
            if file.path == "http.ts" && name != "recursion" {
                continue;
            }
            let snapshot = format!("typescript__{name}__{}", file.path.replace('/', "__"));
            insta::assert_snapshot!(snapshot, &file.contents);
        }
        let listing: Vec<&str> = generated
            .files
            .iter()
            .map(|file| file.path.as_str())
            .collect();
        insta::assert_snapshot!(format!("typescript__{name}__files"), listing.join("\n"));
    }
}

#[test]
fn ir_and_diagnostics_match_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for fixture in fixtures() {
        let name = stem(&fixture);
        let loaded = clientgen_spec::load(&root.join(relative(&fixture)))
            .unwrap_or_else(|error| panic!("{name} failed to load:\n{error}"));
        let lowered = clientgen_ir::lower(&loaded.document);
        insta::assert_snapshot!(
            format!("ir__{name}"),
            clientgen_ir::dump::dump(&lowered.api)
        );
        let mut diagnostics: Vec<String> = loaded
            .warnings
            .iter()
            .chain(lowered.warnings.iter())
            .map(|diagnostic| {
                let plain = diagnostic.to_plain(&loaded.sources);
                // Keep only the file name: the loader names files as the caller spelled them.
                match plain.rsplit_once("tests/fixtures/") {
                    Some((_, rest)) => rest.to_owned(),
                    None => plain,
                }
            })
            .collect();
        diagnostics.sort();
        insta::assert_snapshot!(format!("diagnostics__{name}"), diagnostics.join("\n"));
    }
}

#[test]
fn generation_is_deterministic() {
    for fixture in fixtures() {
        let request = Request::new(
            fixture.clone(),
            Language::TypeScript,
            PathBuf::from("unused"),
        );
        let first = clientgen_generate::generate(&request).expect("generates");
        let second = clientgen_generate::generate(&request).expect("generates");
        assert_eq!(
            first.files,
            second.files,
            "{} differs between runs",
            fixture.display()
        );
    }
}
