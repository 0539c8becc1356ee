//! The proto output of every fixture (and every spec in ../shared/specs, when present)
//! compiles with protox; the fixtures' files match their snapshots.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // Tests fail by panicking.

use std::path::{Path, PathBuf};

fn specs(directory: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(directory) else {
        return Vec::new();
    };
    let mut specs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .and_then(|extension| extension.to_str())
                .is_some_and(|extension| extensions.contains(&extension))
        })
        .collect();
    specs.sort();
    specs
}

fn fixtures() -> Vec<PathBuf> {
    specs(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures"),
        &["yaml", "json"],
    )
}

fn emit(spec: &Path) -> Vec<clientgen_emit::OutputFile> {
    let loaded = clientgen_spec::load(spec)
        .unwrap_or_else(|error| panic!("{} failed to load: {error}", spec.display()));
    let lowered = clientgen_ir::lower(&loaded.document);
    clientgen_emit_proto::emit(&lowered.api, &clientgen_emit_proto::Options::default())
}

/// Writes the files to a temporary directory and compiles every `.proto` with protox.
fn compile(spec: &Path) {
    let files = emit(spec);
    let directory = std::env::temp_dir().join(format!(
        "clientgen-protox-{}-{}",
        std::process::id(),
        spec.file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or("spec")
    ));
    let _ = std::fs::remove_dir_all(&directory);
    let mut protos = Vec::new();
    for file in &files {
        let path = directory.join(&file.path);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, &file.contents).expect("write");
        if file.path.ends_with(".proto") {
            protos.push(file.path.clone());
        }
    }
    let result = protox::compile(&protos, [&directory]);
    let _ = std::fs::remove_dir_all(&directory);
    if let Err(error) = result {
        panic!("{}: protox failed: {error:?}", spec.display());
    }
}

#[test]
fn fixtures_compile_with_protox() {
    for fixture in fixtures() {
        compile(&fixture);
    }
}

#[test]
fn shared_specs_compile_with_protox() {
    let shared = std::env::var_os("CLIENTGEN_SHARED_SPECS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/specs"));
    for spec in specs(&shared, &["yml", "yaml", "json"]) {
        compile(&spec);
    }
}

#[test]
fn proto_output_matches_snapshots() {
    for fixture in fixtures() {
        let name = fixture
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or("fixture")
            .to_owned();
        let files = emit(&fixture);
        for file in &files {
            if file.path.starts_with("google/") {
                continue;
            }
            insta::assert_snapshot!(
                format!("proto__{name}__{}", file.path.replace('/', "__")),
                &file.contents
            );
        }
        assert_eq!(files, emit(&fixture), "{name}: deterministic");
    }
}
