//! Every real-world spec in `../shared/specs` loads without errors.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // Tests fail by panicking.

use std::path::{Path, PathBuf};

fn shared_specs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/specs");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| {
                    matches!(
                        path.extension().and_then(|extension| extension.to_str()),
                        Some("yml" | "yaml" | "json")
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    specs.sort();
    specs
}

#[test]
fn shared_specs_load_cleanly() {
    let specs = shared_specs();
    assert!(!specs.is_empty(), "no specs found in ../shared/specs");
    for path in specs {
        let started = std::time::Instant::now();
        match clientgen_spec::load(&path) {
            Ok(loaded) => {
                eprintln!(
                    "{}: {} operations, {} schemas, {} warnings, {:?}",
                    path.display(),
                    loaded.document.operations.len(),
                    loaded.document.schemas.len(),
                    loaded.warnings.len(),
                    started.elapsed()
                );
                for warning in loaded.warnings.iter().take(5) {
                    eprintln!("  {}", warning.to_plain(&loaded.sources));
                }
                assert!(!loaded.document.operations.is_empty());
            }
            Err(error) => panic!("{} failed to load:\n{error}", path.display()),
        }
    }
}
