//! Prints how long each loading phase takes for the given file (a development aid; the real
//! figures come from `cargo bench`).
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: load_timing FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    for _ in 0..3 {
        let started = std::time::Instant::now();
        let tree = clientgen_spec::yaml::parse(&text, clientgen_spec::SourceId(0));
        let parsed = started.elapsed();
        drop(tree);
        let started = std::time::Instant::now();
        let loaded = clientgen_spec::load(std::path::Path::new(&path));
        println!(
            "yaml tree {parsed:?}, full load {:?} ok={}",
            started.elapsed(),
            loaded.is_ok()
        );
    }
}
