//! `cargo run --example compile_tree -- DIR`: compile every `.py` under DIR,
//! report panics, failures and timing (a development aid).
use std::path::Path;

fn walk(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "py") {
            out.push(p);
        }
    }
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: compile_tree DIR");
    let mut files = Vec::new();
    walk(Path::new(&dir), &mut files);
    let (mut ok, mut err, mut panics) = (0, 0, 0);
    let start = std::time::Instant::now();
    for f in &files {
        let bytes = std::fs::read(f).unwrap();
        let name = f.display().to_string();
        let r = std::panic::catch_unwind(|| {
            ferrython_compiler::compile_bytes(
                &bytes,
                &name,
                ferrython_compiler::CompileMode::Exec,
                0,
                0,
            )
        });
        match r {
            Ok(Ok(code)) => {
                ok += 1;
                match ferrython_compiler::verify::verify(&code) {
                    Ok(()) => println!("OK {name}"),
                    Err(e) => println!("VERIFY {name}: {e}"),
                }
            }
            Ok(Err(e)) => {
                err += 1;
                println!(
                    "ERR {name}: {}:{}:{} {}",
                    e.kind.name(),
                    e.lineno,
                    e.offset,
                    e.msg
                );
            }
            Err(_) => {
                panics += 1;
                println!("PANIC {name}");
            }
        }
    }
    println!(
        "total {} ok {ok} err {err} panic {panics} in {:?}",
        files.len(),
        start.elapsed()
    );
}
