//! Execute compiled programs on a small reference interpreter and compare
//! their output with CPython 3.13's: checks what the bytecode *does*
//! (operand order, unpacking, exception table, handler depths, patterns).

mod support {
    pub mod mini_vm;
}
#[path = "data/cpython_outputs.rs"]
mod cpython;

use ferrython_compiler::{compile_source, verify::verify, CompileMode};
use support::mini_vm::{Vm, V};

#[test]
fn programs_print_what_cpython_prints() {
    let mut failures = Vec::new();
    for &(name, src, expected) in cpython::CASES {
        let code = compile_source(src, name, CompileMode::Exec, 0, 0).unwrap();
        verify(&code).unwrap();
        let vm = Vm::new();
        let r = vm.run_module(&code);
        let out = vm.out.borrow().clone();
        if let Err(e) = r {
            let msg = match e {
                V::Exc(e) => format!("{}: {}", e.0, e.1),
                other => format!("{other:?}"),
            };
            failures.push(format!("{name}: uncaught {msg}\n--- output so far\n{out}"));
        } else if out != expected {
            failures.push(format!("{name}:\n--- ours\n{out}--- cpython\n{expected}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
