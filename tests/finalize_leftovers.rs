//! Finalization frees what the program left behind: after `Py_FinalizeEx`
//! tore the modules down and collected, no object may still be tracked
//! by the collector (`FERRYTHON_GC_LEFTOVERS=1` lists any, with the
//! references from outside the leftovers that keep each alive). Every
//! case below left objects behind once: a reference a `tp_traverse` did
//! not report (function type parameters and builtins, weak reference
//! callbacks), a Python signal handler, module exception classes and
//! thread-local dicts held in process-wide or thread-state slots.
use std::process::Command;

fn leftovers(code: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_ferrython"))
        .env("FERRYTHON_GC_LEFTOVERS", "1")
        .env_remove("PYTHONPATH")
        .current_dir(std::env::temp_dir())
        .args(["-c", code])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "{code}: {err}");
    err.lines()
        .filter(|l| l.starts_with("gc leftover:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn nothing_tracked_survives_finalization() {
    for code in [
        // Generic classes and functions (PEP 695) in typing itself.
        "import typing",
        "def f[T](x: T) -> T: return x\nclass C[T]: pass",
        // logging keeps its handlers through weak references with callbacks.
        "import logging\nlogging.getLogger('x').addHandler(logging.StreamHandler())",
        // A cycle through a weak reference's callback.
        "import weakref\nclass A: pass\na = A()\na.r = weakref.ref(a, lambda r, keep=a: None)\ndel a",
        // signal keeps the Python handlers of signals.
        "import signal\nsignal.signal(signal.SIGUSR1, lambda *a: None)",
        "import unittest",
        // Exception classes of builtin modules.
        "import struct, zlib, binascii, socket",
        // Thread-local values and threads.
        "import threading\nl = threading.local()\nl.x = [l]\nt = threading.Thread(target=print)\nt.start(); t.join()",
        "import dataclasses, json, re, enum, argparse, pathlib, tempfile, decimal, pickle, inspect, queue, ast, dis, datetime, hashlib, shutil",
    ] {
        let found = leftovers(code);
        assert!(found.is_empty(), "{code}:\n{found}");
    }
}
