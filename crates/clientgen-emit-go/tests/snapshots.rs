//! Snapshot tests: every generated Go file of each small fixture in `tests/fixtures` (the
//! static runtime files once). Review changes with `cargo insta review`.

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
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "json")
            )
        })
        .collect();
    fixtures.sort();
    assert!(!fixtures.is_empty());
    fixtures
}

fn emit(fixture: &Path) -> Vec<clientgen_emit::OutputFile> {
    let loaded = clientgen_spec::load(fixture)
        .unwrap_or_else(|error| panic!("{} failed to load: {error}", fixture.display()));
    let lowered = clientgen_ir::lower(&loaded.document);
    clientgen_emit_go::emit(&lowered.api, &clientgen_emit_go::Options::default())
}

#[test]
fn go_output_matches_snapshots() {
    for fixture in fixtures() {
        let name = fixture
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or("fixture")
            .to_owned();
        let files = emit(&fixture);
        for file in &files {
            let runtime = matches!(
                file.path.as_str(),
                "errors.go" | "transport.go" | "values.go"
            );
            if runtime && name != "recursion" {
                continue;
            }
            insta::assert_snapshot!(
                format!("go__{name}__{}", file.path.replace('/', "__")),
                &file.contents
            );
        }
        let listing: Vec<&str> = files.iter().map(|file| file.path.as_str()).collect();
        insta::assert_snapshot!(format!("go__{name}__files"), listing.join("\n"));
    }
}

#[test]
fn go_output_is_deterministic() {
    for fixture in fixtures() {
        assert_eq!(emit(&fixture), emit(&fixture), "{}", fixture.display());
    }
}

#[test]
fn module_option_names_the_package() {
    let fixture = fixtures().into_iter().next().expect("a fixture");
    let loaded = clientgen_spec::load(&fixture).expect("loads");
    let lowered = clientgen_ir::lower(&loaded.document);
    let options = clientgen_emit_go::Options {
        module: Some(String::from("github.com/acme/desk-client/v2")),
        ..clientgen_emit_go::Options::default()
    };
    let files = clientgen_emit_go::emit(&lowered.api, &options);
    let go_mod = files
        .iter()
        .find(|file| file.path == "go.mod")
        .expect("go.mod");
    assert!(
        go_mod
            .contents
            .contains("module github.com/acme/desk-client/v2\n")
    );
    let client = files
        .iter()
        .find(|file| file.path == "client.go")
        .expect("client.go");
    assert!(client.contents.contains("\npackage deskclient\n"));
}
