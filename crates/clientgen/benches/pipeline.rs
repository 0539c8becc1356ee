//! `cargo bench -p clientgen`: how long each stage takes for every spec in ../shared/specs,
//! and what the whole `clientgen generate` command costs (process start to exit) with its peak
//! memory. Prints a table; the README quotes it.
//!
//! Stage times are medians of in-process runs of the same pipeline the CLI runs (the output is
//! written to a temporary directory each time). "CLI wall" is the median wall-clock time of
//! spawning the release binary; "peak MiB" is that process's peak resident memory.
//! `CLIENTGEN_BENCH_RUNS` sets the number of measured runs (default 10, after one warm-up).

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
    // `cargo bench` passes `--bench`; there are no other options.
    let runs: usize = std::env::var("CLIENTGEN_BENCH_RUNS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(10)
        .max(1);
    let temp = tempfile::tempdir().expect("temp dir");
    println!(
        "clientgen pipeline benchmark: TypeScript client, median of {runs} runs, {} cores",
        std::thread::available_parallelism()
            .map(usize::from)
            .unwrap_or(1)
    );
    println!();
    println!(
        "| spec | operations | schemas | load ms | lower ms | emit ms | write ms | total ms | files | KiB | CLI wall ms | peak MiB |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for spec in specs() {
        let name = spec
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("?")
            .to_owned();
        let out = temp.path().join(name.replace('.', "-"));
        let request = Request::new(spec.clone(), Language::TypeScript, out.clone());
        let mut samples: Vec<Timings> = Vec::with_capacity(runs);
        let mut written = clientgen_generate::WriteStats::default();
        for run in 0..=runs {
            let outcome =
                clientgen_generate::run(&request).unwrap_or_else(|error| panic!("{name}: {error}"));
            written = outcome.written;
            if run > 0 {
                samples.push(outcome.timings);
            }
        }
        let loaded = clientgen_spec::load(&spec).expect("loads");
        let operations = loaded.document.operations.len();
        let schemas = loaded.document.schemas.len();

        let mut walls = Vec::with_capacity(runs);
        let mut peak = 0.0_f64;
        for run in 0..=runs {
            let started = Instant::now();
            let output = Command::new(env!("CARGO_BIN_EXE_clientgen"))
                .args(["generate", "--timings", "--quiet", "--schema"])
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
            "| {name} | {operations} | {schemas} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {} | {} | {:.1} | {:.0} |",
            ms(median(samples.iter().map(|timing| timing.load).collect())),
            ms(median(samples.iter().map(|timing| timing.lower).collect())),
            ms(median(samples.iter().map(|timing| timing.emit).collect())),
            ms(median(samples.iter().map(|timing| timing.write).collect())),
            ms(median(samples.iter().map(Timings::total).collect())),
            written.files,
            written.bytes / 1024,
            ms(median(walls)),
            peak
        );
    }
}
