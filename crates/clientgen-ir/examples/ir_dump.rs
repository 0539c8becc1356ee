//! Prints the IR of a document (a development aid).
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: ir_dump FILE");
        std::process::exit(2);
    };
    match clientgen_spec::load(std::path::Path::new(&path)) {
        Ok(loaded) => {
            let started = std::time::Instant::now();
            let lowered = clientgen_ir::lower(&loaded.document);
            let elapsed = started.elapsed();
            print!("{}", clientgen_ir::dump::dump(&lowered.api));
            for warning in &lowered.warnings {
                eprintln!("{}", warning.to_plain(&loaded.sources));
            }
            eprintln!("lowered in {elapsed:?}: {} types", lowered.api.types.len());
        }
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(2);
        }
    }
}
