//! `cargo run --example accept_diff -- FILE...`: print `OK` or `ERR msg` per
//! file (one line each), for accept/reject comparison with CPython.
fn main() {
    for f in std::env::args().skip(1) {
        let bytes = std::fs::read(&f).unwrap();
        match ferrython_compiler::compile_bytes(
            &bytes,
            &f,
            ferrython_compiler::CompileMode::Exec,
            0,
            0,
        ) {
            Ok(_) => println!("{f}\tOK"),
            Err(e) => println!("{f}\tERR\t{}", e.msg),
        }
    }
}
