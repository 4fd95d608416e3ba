//! The `_tokenize` module (CPython's `Python/Python-tokenize.c`):
//! `TokenizerIter(readline, *, extra_tokens, encoding=None)`, the iterator
//! of `(type, string, (srow, scol), (erow, ecol), line)` tuples that
//! `tokenize.generate_tokens` and `tokenize.tokenize` are built on. The
//! tokenizer itself is in [`lexer`].
pub mod lexer;

use crate::capi::boundary::{guard_iter, guard_obj};
use crate::ffi::*;
use crate::modules::objtype::{gc_type, new_obj, parse, state};
use crate::object::descr::METHOD_END;
use crate::object::exceptions as exc;
use crate::object::{bytes, int, none, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult, Raised};
use crate::Owned;
use lexer::{Error, ErrorKind, Lexer, LineSource, Token};

/// Lines from a `readline` callable: str, or bytes decoded with
/// `encoding` when one is given. `StopIteration` ends the input.
struct Readline {
    readline: Option<Owned>,
    encoding: Option<String>,
}

impl LineSource for Readline {
    type Error = Raised;

    fn next_line(&mut self) -> Result<Option<String>, Raised> {
        let Some(f) = &self.readline else {
            return Ok(None);
        };
        // SAFETY: readline is a live object; the results are checked.
        unsafe {
            let line = match protocol::call_args(f.as_ptr(), &[]) {
                Ok(l) => l,
                Err(e) => {
                    if errors::matches(exc::PyExc_StopIteration) {
                        errors::clear();
                        return Ok(None);
                    }
                    return Err(e);
                }
            };
            let text = match &self.encoding {
                Some(enc) => {
                    if !bytes::check(line.as_ptr()) {
                        return Err(errors::type_error("readline() returned a non-bytes object"));
                    }
                    let e = pystr::from_str(enc)?;
                    let s = protocol::call_method_obj(line.as_ptr(), "decode", &[e.as_ptr()])?;
                    pystr::as_str(s.as_ptr())?.to_string()
                }
                None => {
                    if !pystr::check(line.as_ptr()) {
                        return Err(errors::type_error(
                            "readline() returned a non-string object",
                        ));
                    }
                    pystr::as_str(line.as_ptr())?.to_string()
                }
            };
            Ok(Some(text))
        }
    }
}

/// The iterator's state: the tokenizer, and whether a `__next__` is
/// running (`readline` may call back into the iterator).
pub struct TokIter {
    lexer: Lexer<Readline>,
    running: bool,
}

impl crate::modules::objtype::State for TokIter {
    fn traverse(&self, visit: crate::modules::objtype::Visit) -> libc::c_int {
        self.lexer
            .source()
            .readline
            .as_ref()
            .map_or(0, |f| visit(f.as_ptr()))
    }
    fn clear(&mut self) {
        self.lexer.source_mut().readline = None;
    }
}

/// `_tokenize.TokenizerIter`.
pub static mut TOKENIZER_ITER_TYPE: PyTypeObject = PyTypeObject {
    tp_iter: Some(crate::object::iterobject::self_iter),
    tp_iternext: Some(tokiter_next),
    tp_new: Some(tokiter_new),
    ..gc_type::<TokIter>(c"_tokenize.TokenizerIter", Py_TPFLAGS_BASETYPE)
};

unsafe extern "C" fn tokiter_new(
    tp: *mut PyTypeObject,
    args: *mut PyObject,
    kwargs: *mut PyObject,
) -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: args a tuple, kwargs NULL or a dict.
        unsafe {
            let n = tuple::size(args);
            if n != 1 {
                return Err(errors::type_error(format!(
                    "tokenizeriter() takes exactly 1 positional argument ({n} given)"
                )));
            }
            let [readline, extra, encoding] = parse(
                "tokenizeriter",
                args,
                kwargs,
                ["readline", "extra_tokens", "encoding"],
                1,
                2,
            )?;
            let extra = protocol::is_true(extra)?;
            let encoding = if encoding.is_null() || encoding == none::none() {
                None
            } else if pystr::check(encoding) {
                Some(pystr::as_str(encoding)?.to_string())
            } else {
                return Err(errors::type_error(format!(
                    "tokenizeriter() argument 'encoding' must be str, not {}",
                    crate::object::typeobj::type_name(encoding)
                )));
            };
            let src = Readline {
                readline: Some(Owned::from_borrowed(readline)),
                encoding,
            };
            new_obj(
                tp,
                TokIter {
                    lexer: Lexer::new(src, extra),
                    running: false,
                },
            )
        }
    })
}

/// Raises the exception a tokenizing error is (`SyntaxError`,
/// `IndentationError` or `TabError`, file `<string>`).
unsafe fn raise_syntax(e: lexer::SyntaxError) -> Raised {
    // SAFETY: the exception classes are set at load time.
    unsafe {
        let cls = match e.kind {
            ErrorKind::Syntax => exc::PyExc_SyntaxError,
            ErrorKind::Indentation => exc::PyExc_IndentationError,
            ErrorKind::Tab => exc::PyExc_TabError,
        };
        let build = || -> PyResult<Owned> {
            let details = tuple::from_vec(vec![
                pystr::from_str("<string>")?,
                int::from_i64(e.lineno as i64)?,
                int::from_i64(e.offset as i64)?,
                pystr::from_str(&e.text)?,
            ])?;
            let msg = pystr::from_str(&e.msg)?;
            protocol::call_args(cls, &[msg.as_ptr(), details.as_ptr()])
        };
        match build() {
            Ok(v) => errors::set_object(cls, v.as_ptr()),
            Err(r) => r,
        }
    }
}

/// A token as the tuple `tokenize.TokenInfo._make` takes.
fn token_tuple(t: Token) -> PyResult<Owned> {
    let pos = |(l, c): (usize, isize)| {
        tuple::from_vec(vec![int::from_i64(l as i64)?, int::from_i64(c as i64)?])
    };
    tuple::from_vec(vec![
        int::from_i64(t.kind as i64)?,
        pystr::from_str(&t.text)?,
        pos(t.start)?,
        pos(t.end)?,
        pystr::from_str(&t.line)?,
    ])
}

unsafe extern "C" fn tokiter_next(op: *mut PyObject) -> *mut PyObject {
    guard_iter(|| {
        // SAFETY: op is a TokenizerIter.
        unsafe {
            let st = state::<TokIter>(op);
            if st.running {
                return Err(errors::value_error("generator already executing"));
            }
            st.running = true;
            let r = st.lexer.next_token();
            let st = state::<TokIter>(op);
            st.running = false;
            match r {
                Ok(Some(t)) => token_tuple(t).map(Some),
                Ok(None) => Ok(None),
                Err(Error::Source(e)) => Err(e),
                Err(Error::Syntax(e)) => Err(raise_syntax(e)),
            }
        }
    })
}

static mut METHODS: [PyMethodDef; 1] = [METHOD_END];

/// `PyInit__tokenize`.
pub unsafe extern "C" fn init() -> *mut PyObject {
    guard_obj(|| {
        // SAFETY: the tables are static; the module is new.
        unsafe {
            let m = crate::modules::new_module("_tokenize", (&raw mut METHODS).cast())?;
            crate::modules::module_def::add_type(m.as_ptr(), &raw mut TOKENIZER_ITER_TYPE)?;
            PyResult::Ok(m)
        }
    })
}
