//! Disassembly snapshots of representative programs. The expected listings
//! live in `tests/snapshots/*.dis`; run with `UPDATE_SNAPSHOTS=1` to
//! rewrite them after an intended change, then review the diff.

use ferrython_compiler::{compile_source, disassemble, verify::verify, CompileMode};

fn check(name: &str, src: &str, mode: CompileMode, optimize: i32) {
    let code = compile_source(src, "<snapshot>", mode, 0, optimize)
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    verify(&code).unwrap_or_else(|e| panic!("{name}: {e}"));
    let text = format!(
        "# source:\n{}\n{}",
        src.lines()
            .map(|l| format!("#   {l}\n"))
            .collect::<String>(),
        disassemble(&code)
    );
    let path = format!("{}/tests/snapshots/{name}.dis", env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    match std::fs::read_to_string(&path) {
        Ok(expected) if !update => {
            if expected != text {
                panic!("snapshot {name} differs (UPDATE_SNAPSHOTS=1 to accept)\n--- expected\n{expected}\n--- got\n{text}");
            }
        }
        _ => std::fs::write(&path, text).unwrap(),
    }
}

#[test]
fn assignments_and_operators() {
    check(
        "assignments",
        "a = b = 1\nx, *y, z = s\na, b = b, a\nd[k] += 1\no.attr -= 2\nl[1:2] = t\ndel a, d[k], o.attr\n\
         c = 2 ** 10 + -1 * 3\ns = 'ab' + 'cd'\nt = (1, (2, 3), None)\nn = not (a < b < c)\nq = a if b else c\n\
         w = (v := 5) and z or y\n",
        CompileMode::Exec,
        0,
    );
}

#[test]
fn control_flow() {
    check(
        "control_flow",
        "def f(n):\n    total = 0\n    for i in range(n):\n        if i % 2:\n            continue\n        elif i > 10:\n            break\n        total += i\n    else:\n        total = -1\n    while total:\n        total -= 1\n    return total\n",
        CompileMode::Exec,
        0,
    );
}

#[test]
fn functions_and_closures() {
    check(
        "functions",
        "@decorator\ndef outer(a, b=1, /, c=2, *args, d, e=3, **kw):\n    x = a\n    def inner():\n        nonlocal x\n        x += 1\n        return x + b\n    return inner, lambda y=x: y\nf(1, *a, k=2, **m)\ng(x, y, key=z)\n",
        CompileMode::Exec,
        0,
    );
}

#[test]
fn classes() {
    check(
        "classes",
        "class C(Base, metaclass=Meta):\n    'Doc.'\n    attr: int = 1\n    def __init__(self):\n        self.x = 1\n        self.__p = 2\n        super().__init__()\n    @property\n    def y(self):\n        return __class__\n",
        CompileMode::Exec,
        0,
    );
}

#[test]
fn exceptions_and_with() {
    check(
        "exceptions",
        "def f():\n    try:\n        a()\n    except ValueError as e:\n        raise RuntimeError('x') from e\n    except (TypeError, KeyError):\n        pass\n    else:\n        b()\n    finally:\n        c()\n    with open(p) as fh, lock:\n        return fh.read()\n",
        CompileMode::Exec,
        0,
    );
}

#[test]
fn except_star() {
    check(
        "except_star",
        "try:\n    f()\nexcept* ValueError as eg:\n    handle(eg)\nexcept* TypeError:\n    pass\n",
        CompileMode::Exec,
        0,
    );
}

#[test]
fn generators_and_async() {
    check(
        "generators_async",
        "def gen(xs):\n    yield 1\n    r = yield from xs\n    return r\nasync def co(a):\n    async with a as b:\n        await b\n    async for i in a:\n        yield i\n",
        CompileMode::Exec,
        0,
    );
}

#[test]
fn comprehensions() {
    check(
        "comprehensions",
        "def f(xs):\n    a = [x * 2 for x in xs if x]\n    b = {x: y for x, y in xs}\n    c = {x for x in xs for y in x}\n    d = (x for x in xs)\n    return a, b, c, d\n",
        CompileMode::Exec,
        0,
    );
}

#[test]
fn match_statement() {
    check(
        "match",
        "match cmd:\n    case ['go', direction] if direction in dirs:\n        go(direction)\n    case {'x': x, **rest}:\n        pass\n    case Point(x=0, y=y) | Point(y=y):\n        pass\n    case 1 | 2 | None:\n        pass\n    case [*_]:\n        pass\n    case other:\n        print(other)\n",
        CompileMode::Exec,
        0,
    );
}

#[test]
fn fstrings() {
    check(
        "fstrings",
        "s = f'{a} and {b!r:>{width}} {c=} {d:.2f}' 'tail'\n",
        CompileMode::Exec,
        0,
    );
}

#[test]
fn type_params_and_aliases() {
    check(
        "type_params",
        "def first[T](xs: list[T]) -> T:\n    return xs[0]\nclass Box[T: int, *Ts, **P]:\n    def get(self) -> T: ...\ntype Pair[K, V = int] = tuple[K, V]\n",
        CompileMode::Exec,
        0,
    );
}

#[test]
fn annotations_module_level() {
    check(
        "annotations",
        "x: int = 1\ny: 'str'\ndef f(a: int, *b: str, c: float = 1.0) -> bool: ...\n",
        CompileMode::Exec,
        0,
    );
}

#[test]
fn optimize_two_strips_asserts_and_docstrings() {
    check(
        "optimize2",
        "'module doc'\ndef f():\n    'doc'\n    assert x, 'msg'\n    return __debug__\n",
        CompileMode::Exec,
        2,
    );
}

#[test]
fn eval_and_single_modes() {
    check("eval_mode", "a + b * c", CompileMode::Eval, 0);
    check("single_mode", "x = 1; x + 1\n", CompileMode::Single, 0);
}

#[test]
fn imports() {
    check(
        "imports",
        "import os\nimport os.path as osp\nfrom . import sibling\nfrom ..pkg.mod import (a as b, c)\nfrom m import *\n",
        CompileMode::Exec,
        0,
    );
}

#[test]
fn single_mode_takes_one_statement() {
    let e = compile_source("x = 1\nx + 1\n", "<s>", CompileMode::Single, 0, 0).unwrap_err();
    assert_eq!(
        e.msg,
        "multiple statements found while compiling a single statement"
    );
    assert_eq!(
        (e.lineno, e.offset, e.end_lineno, e.end_offset),
        (1, 6, 1, 7)
    );
    assert!(compile_source("if x:\n  pass\n", "<s>", CompileMode::Single, 0, 0).is_ok());
    assert!(compile_source("", "<s>", CompileMode::Eval, 0, 0).is_err());
}
