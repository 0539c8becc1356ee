//! `cargo bench -p clientgen`: the cost of generating every language's client for every spec in
//! ../shared/specs. Prints a Markdown table; the README quotes it.
//!
//! For each spec and language:
//! - stage medians (load, lower, emit, write) of in-process runs of the pipeline the CLI runs,
//!   each writing a complete client into a new directory ("cold");
//! - "regen": the median total of regenerating over existing, unchanged output (nothing is
//!   rewritten; see `output::replace_directory`);
//! - "CLI wall": the median wall-clock time of spawning the release binary to write a new
//!   directory, process start to exit; "peak MiB": that process's peak resident memory.
//!
//! Environment: `CLIENTGEN_BENCH_RUNS` (measured runs, default 10, after one warm-up),
//! `CLIENTGEN_BENCH_OUT` (where output goes; default the system temp directory — put it on
//! tmpfs, e.g. /dev/shm, to take the disk out of the measurement), `CLIENTGEN_SHARED_SPECS`.

#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)] // A benchmark fails by panicking.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use clientgen_generate::{Language, Request, Timings};

/// The allocator the `clientgen` binary uses, so in-process stage times match the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn specs() -> Vec<PathBuf> {
    let directory = std::env::var_os("CLIENTGEN_SHARED_SPECS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/specs"));
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&directory)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", directory.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yml" | "yaml" | "json")
            )
        })
        .collect();
    specs.sort();
    specs
}

/// A `clientgen.toml` for `spec` with one group per tag (as `tags = ["<tag>"]`).
fn one_group_per_tag(spec: &Path) -> String {
    let loaded = clientgen_spec::load(spec).expect("loads");
    let api = clientgen_ir::lower(&loaded.document).api;
    let mut config = format!("schema = {:?}\n", spec.display().to_string());
    let mut names = std::collections::BTreeSet::new();
    for tag in &api.tags {
        let mut name: String = tag
            .name
            .chars()
            .map(|character| {
                if character.is_ascii_alphanumeric() {
                    character.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        if !name.starts_with(|character: char| character.is_ascii_alphabetic()) {
            name.insert_str(0, "tag_");
        }
        while !names.insert(name.clone()) {
            name.push('_');
        }
        // `tags` are globs; a tag such as `[legacy]` must be matched literally.
        let pattern = globset::escape(&tag.name);
        config.push_str(&format!(
            "\n[[groups]]\nname = {name:?}\ntags = [{pattern:?}]\n"
        ));
    }
    config
}

/// Project mode: one `clientgen generate` per spec with one group per tag and all four
/// languages, cold (into an empty output folder) and again with nothing changed.
fn project_mode(runs: usize, temp: &Path) {
    println!();
    println!(
        "Project mode: clientgen.toml with one group per tag, all four languages plus each group's OpenAPI document"
    );
    println!();
    println!("| spec | groups | outputs | cold wall ms | peak MiB | unchanged rerun wall ms |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (index, spec) in specs().into_iter().enumerate() {
        let name = spec
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("?")
            .to_owned();
        let config = one_group_per_tag(&std::fs::canonicalize(&spec).expect("spec path"));
        let groups = config.matches("[[groups]]").count();
        let mut cold = Vec::with_capacity(runs);
        let mut rerun = Vec::with_capacity(runs);
        let mut peak = 0.0_f64;
        for run in 0..=runs {
            let project = temp.join(format!("project-{index}-{run}"));
            std::fs::create_dir_all(&project).expect("mkdir");
            let config_path = project.join("clientgen.toml");
            std::fs::write(&config_path, &config).expect("write config");
            let generate = || {
                let started = Instant::now();
                let output = Command::new(env!("CARGO_BIN_EXE_clientgen"))
                    .args(["generate", "--quiet", "--timings", "--config"])
                    .arg(&config_path)
                    .output()
                    .expect("the clientgen binary runs");
                assert!(
                    output.status.success(),
                    "{name}: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
                (
                    started.elapsed(),
                    String::from_utf8_lossy(&output.stdout).into_owned(),
                )
            };
            let (wall, stdout) = generate();
            let (again, _) = generate();
            if run > 0 {
                cold.push(wall);
                rerun.push(again);
            }
            if let Some(memory) = stdout
                .split("peak memory ")
                .nth(1)
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|value| value.parse::<f64>().ok())
            {
                peak = peak.max(memory);
            }
        }
        println!(
            "| {name} | {groups} | {} | {:.1} | {:.0} | {:.1} |",
            groups * (Language::ALL.len() + 1),
            ms(median(cold)),
            peak,
            ms(median(rerun))
        );
    }
}

fn main() {
    let runs: usize = std::env::var("CLIENTGEN_BENCH_RUNS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(10)
        .max(1);
    let base = std::env::var_os("CLIENTGEN_BENCH_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let temp = tempfile::Builder::new()
        .prefix("clientgen-bench-")
        .tempdir_in(&base)
        .expect("temp dir");
    println!(
        "clientgen benchmark: median of {runs} runs, {} cores, output under {}",
        std::thread::available_parallelism()
            .map(usize::from)
            .unwrap_or(1),
        base.display()
    );
    println!();
    println!(
        "| spec | language | operations | load ms | lower ms | emit ms | write ms | total ms | regen ms | CLI wall ms | peak MiB | files | KiB |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut counter = 0usize;
    let mut fresh = |tag: &str| {
        counter += 1;
        temp.path().join(format!("{tag}-{counter}"))
    };
    for spec in specs() {
        let name = spec
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("?")
            .to_owned();
        let operations = clientgen_spec::load(&spec)
            .expect("loads")
            .document
            .operations
            .len();
        for language in Language::ALL {
            // Cold: a new directory every run.
            let mut cold: Vec<Timings> = Vec::with_capacity(runs);
            let mut written = clientgen_generate::WriteStats::default();
            let mut last_out = PathBuf::new();
            for run in 0..=runs {
                let out = fresh("cold");
                let request = Request::new(spec.clone(), language, out.clone());
                let outcome = clientgen_generate::run(&request)
                    .unwrap_or_else(|error| panic!("{name}: {error}"));
                written = outcome.written;
                last_out = out;
                if run > 0 {
                    cold.push(outcome.timings);
                }
            }
            // Regeneration over the last, unchanged output.
            let mut regen = Vec::with_capacity(runs);
            for run in 0..=runs {
                let request = Request::new(spec.clone(), language, last_out.clone());
                let outcome = clientgen_generate::run(&request)
                    .unwrap_or_else(|error| panic!("{name}: {error}"));
                assert_eq!(
                    outcome.written.written, 0,
                    "{name}: an unchanged regeneration rewrote files"
                );
                if run > 0 {
                    regen.push(outcome.timings.total());
                }
            }
            // The real command, process start to exit.
            let mut walls = Vec::with_capacity(runs);
            let mut peak = 0.0_f64;
            for run in 0..=runs {
                let out = fresh("cli");
                let started = Instant::now();
                let output = Command::new(env!("CARGO_BIN_EXE_clientgen"))
                    .args([
                        "generate",
                        "--timings",
                        "--quiet",
                        "--lang",
                        language.name(),
                        "--schema",
                    ])
                    .arg(&spec)
                    .arg("--out")
                    .arg(&out)
                    .output()
                    .expect("the clientgen binary runs");
                let wall = started.elapsed();
                assert!(
                    output.status.success(),
                    "{name}: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
                if run > 0 {
                    walls.push(wall);
                }
                let stdout = String::from_utf8_lossy(&output.stdout);
                if let Some(memory) = stdout
                    .split("peak memory ")
                    .nth(1)
                    .and_then(|rest| rest.split_whitespace().next())
                    .and_then(|value| value.parse::<f64>().ok())
                {
                    peak = peak.max(memory);
                }
            }
            println!(
                "| {name} | {} | {operations} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.0} | {} | {} |",
                language.name(),
                ms(median(cold.iter().map(|timing| timing.load).collect())),
                ms(median(cold.iter().map(|timing| timing.lower).collect())),
                ms(median(cold.iter().map(|timing| timing.emit).collect())),
                ms(median(cold.iter().map(|timing| timing.write).collect())),
                ms(median(cold.iter().map(Timings::total).collect())),
                ms(median(regen)),
                ms(median(walls)),
                peak,
                written.files,
                written.bytes / 1024,
            );
        }
    }
    project_mode(runs, temp.path());
}
