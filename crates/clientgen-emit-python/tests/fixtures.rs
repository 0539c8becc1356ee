//! Snapshot tests over the hand-written fixtures in `tests/fixtures`: every generated Python
//! file of each fixture (the runtime modules, the same for every client, once). Review changes
//! with `cargo insta review` (or run with `INSTA_UPDATE=always` and read the diff).

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // Tests fail by panicking.

use std::path::{Path, PathBuf};

fn fixtures() -> Vec<PathBuf> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&directory)
        .expect("tests/fixtures exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            matches!(
                path.extension().and_then(|extension| extension.to_str()),
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

fn emit(fixture: &Path) -> Vec<clientgen_emit::OutputFile> {
    let loaded = clientgen_spec::load(fixture)
        .unwrap_or_else(|error| panic!("{} failed to load:\n{error}", fixture.display()));
    let lowered = clientgen_ir::lower(&loaded.document);
    clientgen_emit_python::emit(&lowered.api, &clientgen_emit_python::Options::default())
}

#[test]
fn python_output_matches_snapshots() {
    for fixture in fixtures() {
        let name = fixture
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or("fixture")
            .to_owned();
        let files = emit(&fixture);
        for file in &files {
            let shared = file.path.ends_with("/runtime.py") || file.path.ends_with("/_model.py");
            if shared && name != "recursion" {
                continue;
            }
            let snapshot = format!("{name}__{}", file.path.replace('/', "__"));
            insta::assert_snapshot!(snapshot, &file.contents);
        }
        let listing: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
        insta::assert_snapshot!(format!("{name}__files"), listing.join("\n"));
    }
}

#[test]
fn generation_is_deterministic() {
    for fixture in fixtures() {
        assert_eq!(
            emit(&fixture),
            emit(&fixture),
            "{} differs between runs",
            fixture.display()
        );
    }
}
