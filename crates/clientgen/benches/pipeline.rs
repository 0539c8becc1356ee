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
}
