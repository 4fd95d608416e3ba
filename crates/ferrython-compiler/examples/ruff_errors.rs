//! `cargo run --example ruff_errors -- FILE`: show ruff's raw parse errors (a development aid).
fn main() {
    let path = std::env::args().nth(1).expect("usage: ruff_errors FILE");
    let src = std::fs::read_to_string(path).expect("read");
    let parsed = ruff_python_parser::parse_unchecked(&src, ruff_python_parser::Mode::Module.into());
    for e in parsed.errors() {
        println!("{:?} at {:?}", e.error, e.location);
    }
}
