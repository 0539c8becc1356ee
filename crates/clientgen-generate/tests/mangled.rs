//! Robustness: truncated and mangled versions of every real spec (and every fixture) go through
//! the whole pipeline. Each must end in a clean success (a complete client) or a clean failure
//! (at least one error diagnostic, with a span inside the file) — never a panic.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // Tests fail by panicking.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, limit: usize) -> usize {
        if limit == 0 {
            0
        } else {
            (self.next() % limit as u64) as usize
        }
    }
}

fn inputs() -> Vec<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let shared = std::env::var_os("CLIENTGEN_SHARED_SPECS")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../../shared/specs"));
    let mut files = Vec::new();
    for directory in [shared, manifest.join("../../tests/fixtures")] {
        let Ok(entries) = std::fs::read_dir(&directory) else {
            eprintln!("warning: {} is missing; skipped", directory.display());
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            ) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Variants of a document: truncations at evenly spaced points, then line-level and
/// character-level damage chosen at random.
fn variants(text: &str, seed: u64, count: usize) -> Vec<(String, String)> {
    let mut random = Random(seed | 1);
    let mut result = Vec::new();
    for step in 1..=8 {
        let cut = floor_boundary(text, text.len() * step / 9);
        result.push((format!("truncated at byte {cut}"), text[..cut].to_owned()));
    }
    let lines: Vec<&str> = text.lines().collect();
    for index in 0..count {
        let line = random.below(lines.len());
        let mut mangled: Vec<String> = lines.iter().map(|line| (*line).to_owned()).collect();
        let description = match index % 8 {
            0 => {
                mangled.remove(line);
                format!("line {} deleted", line + 1)
            }
            1 => {
                mangled.insert(line, lines[line].to_owned());
                format!("line {} duplicated", line + 1)
            }
            2 => {
                let other = random.below(lines.len());
                mangled.swap(line, other);
                format!("lines {} and {} swapped", line + 1, other + 1)
            }
            3 => {
                mangled[line] = format!("  {}", lines[line]);
                format!("line {} indented", line + 1)
            }
            4 => {
                let garbage = [
                    "[", "{", "\"", ": ", "- ", "&a ", "*a", "\t", "!!int ", "~", "}", "]",
                ];
                let piece = garbage[random.below(garbage.len())];
                let position =
                    floor_boundary(&mangled[line], random.below(mangled[line].len() + 1));
                mangled[line].insert_str(position, piece);
                format!("`{piece}` inserted in line {}", line + 1)
            }
            5 => {
                let replaced = mangled[line]
                    .replace("schemas/", "schemas/Missing")
                    .replace("type: ", "type: x");
                mangled[line] = replaced;
                format!("line {} pointed at nothing", line + 1)
            }
            6 => {
                let value = ["yes", "12", "null", "[]", "{}", "-1", "3.0.3", "''"][random.below(8)];
                if let Some((key, _)) = lines[line].split_once(": ") {
                    mangled[line] = format!("{key}: {value}");
                }
                format!("value of line {} replaced by {value}", line + 1)
            }
            _ => {
                let keep = floor_boundary(&mangled[line], mangled[line].len() / 2);
                mangled[line].truncate(keep);
                format!("line {} cut in half", line + 1)
            }
        };
        result.push((description, mangled.join("\n")));
    }
    result
}

fn run_one(name: &str, text: &str, base: &Path) -> Result<usize, String> {
    match clientgen_spec::load_from_str(name, text, base) {
        Ok(loaded) => {
            let lowered = clientgen_ir::lower(&loaded.document);
            let files = clientgen_emit_typescript::emit(
                &lowered.api,
                &clientgen_emit_typescript::Options::default(),
            );
            if files.iter().any(|file| file.path == "client.ts") {
                Ok(files.len())
            } else {
                Err(String::from("a successful load produced no client.ts"))
            }
        }
        Err(error) => {
            let errors: Vec<_> = error.errors().collect();
            if errors.is_empty() {
                return Err(String::from("a failed load reported no error"));
            }
            for diagnostic in &error.diagnostics {
                // Rendering must work too (this is what users see).
                let _ = format!("{:?}", diagnostic.to_report(&error.sources));
                if let Some(span) = diagnostic.span {
                    let length = error.sources.get(span.source).text().len();
                    if span.end as usize > length {
                        return Err(format!(
                            "span {span:?} beyond the end of the file ({length} bytes)"
                        ));
                    }
                }
            }
            Ok(0)
        }
    }
}

#[test]
fn mangled_specs_fail_cleanly_or_succeed() {
    let inputs = inputs();
    assert!(!inputs.is_empty());
    let mut failures = Vec::new();
    let mut outcomes = (0, 0);
    for (file_index, path) in inputs.iter().enumerate() {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("spec.yaml");
        let base = path.parent().unwrap_or(Path::new("."));
        // The largest specs get fewer random variants; each is a full pipeline run.
        let count = if text.len() > 1_000_000 { 16 } else { 40 };
        for (description, variant) in variants(&text, 0x5EED + file_index as u64, count) {
            let outcome = catch_unwind(AssertUnwindSafe(|| run_one(name, &variant, base)));
            match outcome {
                Ok(Ok(0)) => outcomes.1 += 1,
                Ok(Ok(_)) => outcomes.0 += 1,
                Ok(Err(problem)) => failures.push(format!("{name}, {description}: {problem}")),
                Err(_) => failures.push(format!("{name}, {description}: PANIC")),
            }
        }
    }
    eprintln!(
        "mangled variants: {} generated a client, {} were rejected with errors",
        outcomes.0, outcomes.1
    );
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        outcomes.1 > 0 && outcomes.0 > 0,
        "the variants exercise both outcomes"
    );
}

#[test]
fn invalid_utf8_is_an_error() {
    let temp = tempfile::tempdir().expect("temp dir");
    let path = temp.path().join("binary.yaml");
    std::fs::write(&path, b"openapi: 3.0.3\ninfo: \xff\xfe\n").expect("write");
    let error = clientgen_spec::load(&path).expect_err("not UTF-8");
    assert!(error.to_string().contains("not valid UTF-8"), "{error}");
}
