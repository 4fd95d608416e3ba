//! Builds the test-support extension modules of `tests/cpython_suite/testmods/`
//! (our own `_testcapi`, `_testlimitedcapi`, `_testinternalcapi`,
//! `_testsinglephase`, which
//! CPython's test suite imports) against `include/` with `-Wall -Werror`,
//! as `tests/cpython_suite/run.sh` builds them, so they cannot rot; then
//! imports them into the freshly built `ferrython` and checks a few
//! answers.
use std::path::{Path, PathBuf};
use std::process::Command;

/// What the smoke script prints; each line comes from one of the modules.
const EXPECTED: &str = "\
limits 2147483647 -2147483648 9223372036854775807 18446744073709551615
sequence 98 IndexError bytearray(b'Ab')
hasattr 1 0
null SystemError
exception (0, 1) _testcapi.error
buffer BufferError
await 1
depth 1 2
inline False
allocators pymalloc True
singlephase 3 True 1969 error
";

const SMOKE: &str = r#"
import _testcapi, _testlimitedcapi as lim, _testinternalcapi as internal
print("limits", _testcapi.INT_MAX, _testcapi.INT_MIN, _testcapi.PY_SSIZE_T_MAX,
      _testcapi.ULLONG_MAX)
try:
    lim.sequence_getitem(b"ab", 2)
except IndexError as e:
    err = type(e).__name__
b = bytearray(b"abc")
lim.sequence_setitem(b, 0, 65)
lim.sequence_delitem(b, -1)
print("sequence", lim.sequence_getitem(b"ab", 1), err, b)
print("hasattr", lim.object_hasattrstring(b, b"append"), lim.object_hasattrstring(b, b"nope"))
try:
    lim.sequence_getitem(None, 0)
except SystemError as e:
    print("null", type(e).__name__)
try:
    _testcapi.raise_exception(_testcapi.error, 2)
except _testcapi.error as e:
    print("exception", e.args, _testcapi.error.__module__ + "." + _testcapi.error.__name__)
try:
    _testcapi.getbuffer_with_null_view(bytearray())
except BufferError as e:
    print("buffer", type(e).__name__)
async def waiter():
    return await _testcapi.awaitType(iter([1]))
print("await", waiter().send(None))
def f():
    return internal.get_recursion_depth()
print("depth", internal.get_recursion_depth(), f())
class Plain:
    pass
print("inline", internal.has_inline_values(Plain()))
print("allocators", internal.pymem_getallocatorsname(), _testcapi.WITH_PYMALLOC)
import _testsinglephase as single
print("singlephase", single.sum(1, 2), single.look_up_self() is single, single.int_const,
      single.error.__name__)
"#;

fn build(src: &Path, include: &Path, out: &Path) {
    let status = Command::new(std::env::var("CC").unwrap_or_else(|_| "cc".into()))
        .args(["-O1", "-Wall", "-Werror", "-shared", "-fPIC", "-I"])
        .arg(include)
        .arg(src)
        .arg("-o")
        .arg(out)
        .status()
        .expect("cannot run the C compiler");
    assert!(status.success(), "{} does not compile", src.display());
}

#[test]
fn test_support_modules_build_and_load() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ferrython = PathBuf::from(env!("CARGO_BIN_EXE_ferrython"));
    let out = Command::new(&ferrython)
        .args([
            "-c",
            "import importlib.machinery as m; print(m.EXTENSION_SUFFIXES[0])",
        ])
        .output()
        .expect("cannot run ferrython");
    let suffix = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(suffix.ends_with(".so"), "odd extension suffix {suffix:?}");

    let dir = std::env::temp_dir().join(format!("ferrython-testmods-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut built = 0;
    for entry in std::fs::read_dir(root.join("tests/cpython_suite/testmods")).unwrap() {
        let src = entry.unwrap().path();
        if src.extension().is_some_and(|e| e == "c") {
            let name = src.file_stem().unwrap().to_string_lossy().into_owned();
            build(&src, &root.join("include"), &dir.join(name + &suffix));
            built += 1;
        }
    }
    assert_eq!(built, 4, "expected the four test-support modules");

    let run = Command::new(&ferrython)
        .args(["-c", SMOKE])
        .env("PYTHONPATH", &dir)
        .output()
        .expect("cannot run ferrython");
    std::fs::remove_dir_all(&dir).ok();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(
        stdout,
        EXPECTED,
        "stderr:\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
}
