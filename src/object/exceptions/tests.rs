//! The exception types' Python-visible behaviour, checked against the text
//! CPython 3.13 gives for the same expressions (shown in each comment).
use super::*;

/// `"Type: message"` of the raised exception, cleared.
fn raised() -> String {
    let e = errors::take().expect("an exception is set");
    // SAFETY: e is an exception instance.
    unsafe { display::format_exception_only(e.as_ptr()) }
}

fn s(x: &str) -> Owned {
    pystr::from_str(x).unwrap()
}

fn i(x: i64) -> Owned {
    int::from_i64(x).unwrap()
}

fn b(x: &[u8]) -> Owned {
    bytes::from_slice(x).unwrap()
}

fn none_() -> Owned {
    Owned::from_borrowed_static(none::none())
}

/// `tp(*args)`, or the raised exception as text.
unsafe fn call(tp: *mut PyObject, args: &[&Owned]) -> Result<Owned, String> {
    let v: Vec<*mut PyObject> = args.iter().map(|o| o.as_ptr()).collect();
    // SAFETY: tp callable.
    unsafe { protocol::call_args(tp, &v).map_err(|_| raised()) }
}

/// `tp(*args, **kw)`.
unsafe fn call_kw(
    tp: *mut PyObject,
    args: &[&Owned],
    kw: &[(&str, &Owned)],
) -> Result<Owned, String> {
    // SAFETY: tp callable.
    unsafe {
        let t = tuple::from_slice(&args.iter().map(|o| o.as_ptr()).collect::<Vec<_>>()).unwrap();
        let d = dict::new().unwrap();
        for (k, v) in kw {
            dict::set_item(d.as_ptr(), s(k).as_ptr(), v.as_ptr()).unwrap();
        }
        protocol::call(tp, t.as_ptr(), d.as_ptr()).map_err(|_| raised())
    }
}

unsafe fn repr(o: &Owned) -> String {
    // SAFETY: o valid.
    unsafe { protocol::repr_string(o.as_ptr()).unwrap() }
}

unsafe fn str_(o: &Owned) -> String {
    // SAFETY: o valid.
    unsafe {
        let r = protocol::str_(o.as_ptr()).unwrap();
        pystr::as_str(r.as_ptr()).unwrap().to_string()
    }
}

/// `repr(o.name)` or the raised exception.
unsafe fn attr(o: &Owned, name: &str) -> String {
    // SAFETY: o valid.
    unsafe {
        match protocol::getattr_str(o.as_ptr(), name) {
            Ok(v) => repr(&v),
            Err(_) => raised(),
        }
    }
}

/// `repr(o.name(*args))` or the raised exception.
unsafe fn meth(o: &Owned, name: &str, args: &[&Owned]) -> String {
    // SAFETY: o valid.
    unsafe {
        let v: Vec<*mut PyObject> = args.iter().map(|o| o.as_ptr()).collect();
        match protocol::call_method_obj(o.as_ptr(), name, &v) {
            Ok(r) => repr(&r),
            Err(_) => raised(),
        }
    }
}

fn list(items: &[&Owned]) -> Owned {
    crate::object::list::from_vec(items.iter().map(|o| (*o).clone_ref()).collect()).unwrap()
}

trait CloneRef {
    fn clone_ref(&self) -> Owned;
}
impl CloneRef for Owned {
    fn clone_ref(&self) -> Owned {
        // SAFETY: self is a live reference.
        unsafe { Owned::from_borrowed(self.as_ptr()) }
    }
}

#[test]
fn exception_types_behave_as_cpython() {
    crate::runtime::lifecycle::initialize();
    // SAFETY: the runtime is initialized on this thread.
    unsafe {
        // OSError
        let e = call(PyExc_OSError, &[&i(2), &s("x")]).unwrap();
        assert_eq!(repr(&e), "FileNotFoundError(2, 'x')");
        let e = call(
            PyExc_OSError,
            &[&i(2), &s("No such file or directory"), &s("f")],
        )
        .unwrap();
        assert_eq!(str_(&e), "[Errno 2] No such file or directory: 'f'");
        assert_eq!(attr(&e, "args"), "(2, 'No such file or directory')");
        let e = call(
            PyExc_OSError,
            &[
                &i(2),
                &s("No such file or directory"),
                &s("f"),
                &none_(),
                &s("g"),
            ],
        )
        .unwrap();
        assert_eq!(str_(&e), "[Errno 2] No such file or directory: 'f' -> 'g'");
        assert_eq!(
            meth(&e, "__reduce__", &[]),
            "(<class 'FileNotFoundError'>, (2, 'No such file or directory', 'f', None, 'g'))"
        );
        assert_eq!(
            attr(&call(PyExc_OSError, &[&i(1)]).unwrap(), "args"),
            "(1,)"
        );
        assert_eq!(
            call_kw(PyExc_OSError, &[], &[("x", &i(1))]).err_text(),
            "TypeError: OSError() takes no keyword arguments"
        );
        let e = call(PyExc_BlockingIOError, &[&i(11), &s("x"), &i(5)]).unwrap();
        assert_eq!(attr(&e, "characters_written"), "5");
        let e = call(PyExc_BlockingIOError, &[&i(11), &s("x")]).unwrap();
        assert_eq!(
            attr(&e, "characters_written"),
            "AttributeError: characters_written"
        );
        let e = call(PyExc_OSError, &[&i(11), &s("x"), &i(5)]).unwrap();
        assert_eq!(attr(&e, "filename"), "None");
        assert_eq!(
            str_(&call(PyExc_OSError, &[&s("a"), &s("b")]).unwrap()),
            "[Errno a] b"
        );
        assert_eq!(
            str_(&call(PyExc_OSError, &[&i(2), &none_()]).unwrap()),
            "[Errno 2] None"
        );
        let e = call(
            PyExc_OSError,
            &[&i(2), &s("x"), &s("f"), &i(5), &i(6), &i(7)],
        )
        .unwrap();
        assert_eq!(attr(&e, "args"), "(2, 'x', 'f', 5, 6, 7)");
        assert_eq!(attr(&e, "errno"), "None");
        assert_eq!(
            repr(&call(PyExc_FileNotFoundError, &[&i(13), &s("x")]).unwrap()),
            "FileNotFoundError(13, 'x')"
        );
        for (errno, name) in [
            (1, "PermissionError"),
            (4, "InterruptedError"),
            (10, "ChildProcessError"),
            (11, "BlockingIOError"),
            (17, "FileExistsError"),
            (20, "NotADirectoryError"),
            (21, "IsADirectoryError"),
            (32, "BrokenPipeError"),
            (103, "ConnectionAbortedError"),
            (104, "ConnectionResetError"),
            (108, "BrokenPipeError"),
            (110, "TimeoutError"),
            (111, "ConnectionRefusedError"),
            (114, "BlockingIOError"),
            (115, "BlockingIOError"),
            (3, "ProcessLookupError"),
            (5, "OSError"),
        ] {
            let e = call(PyExc_OSError, &[&i(errno), &s("x")]).unwrap();
            assert_eq!(typeobj::type_name(e.as_ptr()), name, "errno {errno}");
        }

        // SyntaxError
        let info = |f: &Owned, l: &Owned| {
            tuple::pack(&[f.as_ptr(), l.as_ptr(), i(4).as_ptr(), s("text").as_ptr()]).unwrap()
        };
        let e = call(
            PyExc_SyntaxError,
            &[&s("msg"), &info(&s("/a/b/file.py"), &i(3))],
        )
        .unwrap();
        assert_eq!(str_(&e), "msg (file.py, line 3)");
        assert_eq!(
            repr(&e),
            "SyntaxError('msg', ('/a/b/file.py', 3, 4, 'text'))"
        );
        assert_eq!(attr(&e, "text"), "'text'");
        assert_eq!(attr(&e, "end_lineno"), "None");
        let e = call(
            PyExc_SyntaxError,
            &[&s("msg"), &info(&s("file.py"), &none_())],
        )
        .unwrap();
        assert_eq!(str_(&e), "msg (file.py)");
        let e = call(PyExc_SyntaxError, &[&s("msg"), &info(&none_(), &i(3))]).unwrap();
        assert_eq!(str_(&e), "msg (line 3)");
        let six = tuple::from_vec(vec![s("f"), i(3), i(4), s("t"), i(5), i(6)]).unwrap();
        let e = call(PyExc_SyntaxError, &[&s("msg"), &six]).unwrap();
        assert_eq!(attr(&e, "end_offset"), "6");
        let three = tuple::from_vec(vec![s("f"), i(3), i(4)]).unwrap();
        assert_eq!(
            call(PyExc_SyntaxError, &[&s("msg"), &three]).err_text(),
            "TypeError: function takes at least 4 arguments (3 given)"
        );
        assert_eq!(
            call(PyExc_SyntaxError, &[&s("msg"), &i(5)]).err_text(),
            "TypeError: 'int' object is not iterable"
        );
        assert_eq!(attr(&call(PyExc_SyntaxError, &[]).unwrap(), "msg"), "None");
        let e = call(
            PyExc_IncompleteInputError,
            &[&s("incomplete"), &info(&s("<input>"), &i(1))],
        )
        .unwrap();
        assert_eq!(str_(&e), "incomplete (<input>, line 1)");
        assert_eq!(
            attr(&Owned::from_borrowed(PyExc_IncompleteInputError), "__mro__"),
            "(<class '_IncompleteInputError'>, <class 'SyntaxError'>, <class 'Exception'>, <class 'BaseException'>, <class 'object'>)"
        );

        // ImportError
        let e = call_kw(
            PyExc_ImportError,
            &[&s("m")],
            &[("name", &s("n")), ("path", &s("p"))],
        )
        .unwrap();
        assert_eq!(
            meth(&e, "__reduce__", &[]),
            "(<class 'ImportError'>, ('m',), {'name': 'n', 'path': 'p'})"
        );
        assert_eq!(str_(&e), "m");
        let e = call_kw(PyExc_ImportError, &[&s("m"), &s("x")], &[("name", &s("n"))]).unwrap();
        assert_eq!(str_(&e), "('m', 'x')");
        assert_eq!(attr(&e, "msg"), "None");
        assert_eq!(
            call_kw(PyExc_ImportError, &[], &[("nam", &s("n"))]).err_text(),
            "TypeError: ImportError() got an unexpected keyword argument 'nam'. Did you mean 'name'?"
        );
        let e = call_kw(PyExc_ModuleNotFoundError, &[], &[("name_from", &s("q"))]).unwrap();
        assert_eq!(attr(&e, "name_from"), "'q'");

        // Unicode errors
        let e = call(
            PyExc_UnicodeDecodeError,
            &[
                &s("utf-8"),
                &b(b"\xff"),
                &i(0),
                &i(1),
                &s("invalid start byte"),
            ],
        )
        .unwrap();
        assert_eq!(
            str_(&e),
            "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"
        );
        let e = call(
            PyExc_UnicodeDecodeError,
            &[
                &s("utf-8"),
                &b(b"\xff\xfe\xfd"),
                &i(1),
                &i(3),
                &s("invalid"),
            ],
        )
        .unwrap();
        assert_eq!(
            str_(&e),
            "'utf-8' codec can't decode bytes in position 1-2: invalid"
        );
        let e = call(
            PyExc_UnicodeEncodeError,
            &[
                &s("ascii"),
                &s("\u{e9}"),
                &i(0),
                &i(1),
                &s("ordinal not in range(128)"),
            ],
        )
        .unwrap();
        assert_eq!(
            str_(&e),
            "'ascii' codec can't encode character '\\xe9' in position 0: ordinal not in range(128)"
        );
        assert_eq!(
            repr(&e),
            "UnicodeEncodeError('ascii', '\u{e9}', 0, 1, 'ordinal not in range(128)')"
        );
        assert_eq!(attr(&e, "start"), "0");
        assert_eq!(attr(&e, "end"), "1");
        let e = call(
            PyExc_UnicodeEncodeError,
            &[&s("ascii"), &s("\u{20ac}"), &i(0), &i(1), &s("r")],
        )
        .unwrap();
        assert_eq!(
            str_(&e),
            "'ascii' codec can't encode character '\\u20ac' in position 0: r"
        );
        let e = call(
            PyExc_UnicodeEncodeError,
            &[&s("ascii"), &s("\u{1f600}"), &i(0), &i(1), &s("r")],
        )
        .unwrap();
        assert_eq!(
            str_(&e),
            "'ascii' codec can't encode character '\\U0001f600' in position 0: r"
        );
        let e = call(
            PyExc_UnicodeEncodeError,
            &[&s("ascii"), &s("abc"), &i(0), &i(2), &s("r")],
        )
        .unwrap();
        assert_eq!(
            str_(&e),
            "'ascii' codec can't encode characters in position 0-1: r"
        );
        let e = call(
            PyExc_UnicodeEncodeError,
            &[&s("ascii"), &s("\u{e9}"), &i(5), &i(6), &s("r")],
        )
        .unwrap();
        assert_eq!(
            str_(&e),
            "'ascii' codec can't encode characters in position 5-5: r"
        );
        let e = call(
            PyExc_UnicodeTranslateError,
            &[&s("\u{e9}"), &i(0), &i(1), &s("r")],
        )
        .unwrap();
        assert_eq!(
            str_(&e),
            "can't translate character '\\xe9' in position 0: r"
        );
        let e = call(
            PyExc_UnicodeTranslateError,
            &[&s("abc"), &i(0), &i(3), &s("r")],
        )
        .unwrap();
        assert_eq!(str_(&e), "can't translate characters in position 0-2: r");
        protocol::setattr(e.as_ptr(), crate::interned!("object"), b(b"xy").as_ptr()).unwrap();
        assert!(protocol::str_(e.as_ptr()).is_err());
        assert_eq!(raised(), "TypeError: object attribute must be unicode");
        assert_eq!(
            call(PyExc_UnicodeEncodeError, &[&s("ascii"), &s("a"), &i(0)]).err_text(),
            "TypeError: function takes exactly 5 arguments (3 given)"
        );
        assert_eq!(
            call(
                PyExc_UnicodeEncodeError,
                &[&i(1), &s("a"), &i(0), &i(1), &s("r")]
            )
            .err_text(),
            "TypeError: argument 1 must be str, not int"
        );
        assert_eq!(
            call(
                PyExc_UnicodeDecodeError,
                &[&s("a"), &s("x"), &i(0), &i(1), &s("r")]
            )
            .err_text(),
            "TypeError: a bytes-like object is required, not 'str'"
        );

        // KeyError, StopIteration, SystemExit, NameError, AttributeError
        assert_eq!(str_(&call(PyExc_KeyError, &[&s("k")]).unwrap()), "'k'");
        assert_eq!(
            str_(&call(PyExc_KeyError, &[&s("k"), &i(2)]).unwrap()),
            "('k', 2)"
        );
        assert_eq!(str_(&call(PyExc_KeyError, &[]).unwrap()), "");
        assert_eq!(
            attr(&call(PyExc_StopIteration, &[]).unwrap(), "value"),
            "None"
        );
        assert_eq!(
            attr(
                &call(PyExc_StopIteration, &[&i(1), &i(2)]).unwrap(),
                "value"
            ),
            "1"
        );
        assert_eq!(attr(&call(PyExc_SystemExit, &[]).unwrap(), "code"), "None");
        assert_eq!(
            attr(&call(PyExc_SystemExit, &[&i(1), &i(2)]).unwrap(), "code"),
            "(1, 2)"
        );
        let e = call_kw(
            PyExc_AttributeError,
            &[&s("m")],
            &[("name", &s("n")), ("obj", &i(3))],
        )
        .unwrap();
        assert_eq!(attr(&e, "obj"), "3");
        assert_eq!(attr(&e, "name"), "'n'");
        let e = call_kw(PyExc_NameError, &[&s("m")], &[("name", &s("n"))]).unwrap();
        assert_eq!(attr(&e, "name"), "'n'");
        assert_eq!(
            call_kw(PyExc_NameError, &[&s("m")], &[("obj", &s("n"))]).err_text(),
            "TypeError: NameError() got an unexpected keyword argument 'obj'"
        );

        // BaseException methods
        let e = call(PyExc_ValueError, &[&s("a")]).unwrap();
        assert_eq!(
            meth(&e, "add_note", &[&i(1)]),
            "TypeError: note must be a str, not 'int'"
        );
        assert_eq!(meth(&e, "add_note", &[&s("x")]), "None");
        assert_eq!(meth(&e, "add_note", &[&s("y")]), "None");
        assert_eq!(attr(&e, "__notes__"), "['x', 'y']");
        let e = call(PyExc_ValueError, &[&s("a")]).unwrap();
        protocol::setattr(e.as_ptr(), crate::interned!("__notes__"), i(5).as_ptr()).unwrap();
        assert_eq!(
            meth(&e, "add_note", &[&s("x")]),
            "TypeError: Cannot add note: __notes__ is not a list"
        );
        let e = call(PyExc_ValueError, &[&i(1), &i(2)]).unwrap();
        assert_eq!(
            meth(&e, "__reduce__", &[]),
            "(<class 'ValueError'>, (1, 2))"
        );
        protocol::setattr(e.as_ptr(), crate::interned!("x"), i(3).as_ptr()).unwrap();
        assert_eq!(
            meth(&e, "__reduce__", &[]),
            "(<class 'ValueError'>, (1, 2), {'x': 3})"
        );
        assert_eq!(
            meth(&e, "__setstate__", &[&i(5)]),
            "TypeError: state is not a dictionary"
        );
        assert_eq!(
            meth(&e, "with_traceback", &[&i(5)]),
            "TypeError: __traceback__ must be a traceback or None"
        );
        assert_eq!(meth(&e, "with_traceback", &[&none_()]), "ValueError(1, 2)");
        assert_eq!(
            call_kw(PyExc_ValueError, &[], &[("x", &i(1))]).err_text(),
            "TypeError: ValueError() takes no keyword arguments"
        );

        // Exception groups
        let empty = list(&[]);
        assert_eq!(
            call(PyExc_BaseExceptionGroup, &[&s("m"), &empty]).err_text(),
            "ValueError: second argument (exceptions) must be a non-empty sequence"
        );
        assert_eq!(
            call(PyExc_BaseExceptionGroup, &[&s("m"), &i(5)]).err_text(),
            "TypeError: second argument (exceptions) must be a sequence"
        );
        let ve = call(PyExc_ValueError, &[]).unwrap();
        assert_eq!(
            call(PyExc_BaseExceptionGroup, &[&i(5), &list(&[&ve])]).err_text(),
            "TypeError: BaseExceptionGroup.__new__() argument 1 must be str, not int"
        );
        assert_eq!(
            call(PyExc_BaseExceptionGroup, &[&s("m"), &list(&[&ve, &i(5)])]).err_text(),
            "ValueError: Item 1 of second argument (exceptions) is not an exception"
        );
        let eg = call(PyExc_BaseExceptionGroup, &[&s("m"), &list(&[&ve])]).unwrap();
        assert_eq!(repr(&eg), "ExceptionGroup('m', [ValueError()])");
        let ki = call(PyExc_KeyboardInterrupt, &[]).unwrap();
        let beg = call(PyExc_BaseExceptionGroup, &[&s("m"), &list(&[&ki])]).unwrap();
        assert_eq!(repr(&beg), "BaseExceptionGroup('m', [KeyboardInterrupt()])");
        assert_eq!(
            call(PyExc_ExceptionGroup, &[&s("m"), &list(&[&ki])]).err_text(),
            "TypeError: Cannot nest BaseExceptions in an ExceptionGroup"
        );
        assert_eq!(
            call(PyExc_ExceptionGroup, &[&s("m"), &list(&[&ve]), &i(3)]).err_text(),
            "TypeError: BaseExceptionGroup.__new__() takes exactly 2 arguments (3 given)"
        );
        let v1 = call(PyExc_ValueError, &[&i(1)]).unwrap();
        let t2 = call(PyExc_TypeError, &[&i(2)]).unwrap();
        let v3 = call(PyExc_ValueError, &[&i(3)]).unwrap();
        let k4 = call(PyExc_KeyError, &[&i(4)]).unwrap();
        assert_eq!(
            str_(&call(PyExc_ExceptionGroup, &[&s("m"), &list(&[&v1, &t2])]).unwrap()),
            "m (2 sub-exceptions)"
        );
        assert_eq!(
            str_(&call(PyExc_ExceptionGroup, &[&s("m"), &list(&[&v1])]).unwrap()),
            "m (1 sub-exception)"
        );
        let inner = call(PyExc_ExceptionGroup, &[&s("n"), &list(&[&v3, &k4])]).unwrap();
        let eg = call(PyExc_ExceptionGroup, &[&s("m"), &list(&[&v1, &t2, &inner])]).unwrap();
        assert_eq!(attr(&eg, "message"), "'m'");
        assert_eq!(
            attr(&eg, "exceptions"),
            "(ValueError(1), TypeError(2), ExceptionGroup('n', [ValueError(3), KeyError(4)]))"
        );
        let vt = Owned::from_borrowed(PyExc_ValueError);
        assert_eq!(
            meth(&eg, "split", &[&vt]),
            "(ExceptionGroup('m', [ValueError(1), ExceptionGroup('n', [ValueError(3)])]), ExceptionGroup('m', [TypeError(2), ExceptionGroup('n', [KeyError(4)])]))"
        );
        let tt = Owned::from_borrowed(PyExc_TypeError);
        assert_eq!(
            meth(&eg, "subgroup", &[&tt]),
            "ExceptionGroup('m', [TypeError(2)])"
        );
        let ot = Owned::from_borrowed(PyExc_OSError);
        assert_eq!(meth(&eg, "subgroup", &[&ot]), "None");
        let et = Owned::from_borrowed(PyExc_Exception);
        assert!(meth(&eg, "split", &[&et]).ends_with(", None)"));
        assert_eq!(
            meth(&eg, "split", &[&i(5)]),
            "TypeError: expected an exception type, a tuple of exception types, or a callable (other than a class)"
        );
        let pair = tuple::pack(&[PyExc_ValueError, PyExc_KeyError]).unwrap();
        assert_eq!(
            meth(&eg, "split", &[&pair]),
            "(ExceptionGroup('m', [ValueError(1), ExceptionGroup('n', [ValueError(3), KeyError(4)])]), ExceptionGroup('m', [TypeError(2)]))"
        );
        assert_eq!(
            meth(&eg, "derive", &[&list(&[&k4])]),
            "ExceptionGroup('m', [KeyError(4)])"
        );
        assert_eq!(
            attr(&Owned::from_borrowed(PyExc_ExceptionGroup), "__mro__"),
            "(<class 'ExceptionGroup'>, <class 'BaseExceptionGroup'>, <class 'Exception'>, <class 'BaseException'>, <class 'object'>)"
        );
        assert!(errors::current().is_null());
    }
    traceback_frames_are_printed_from_attributes();
    except_star_reraise();
    warnings_use_the_caller_frame();
}

/// `PyErr_WarnEx` from C called by Python code: the warning is located at
/// the calling frame and recorded in its globals' `__warningregistry__`.
/// The frame is a stand-in with the attributes a frame has.
fn warnings_use_the_caller_frame() {
    use crate::capi::warnings::PyErr_WarnEx;
    // SAFETY: the runtime is initialized on this thread.
    unsafe {
        let globals = dict::new().unwrap();
        dict::set_item(
            globals.as_ptr(),
            crate::interned!("__name__"),
            s("__main__").as_ptr(),
        )
        .unwrap();
        let code_cls = class_with("code", &[("co_filename", s("script.py").as_ptr())]);
        let frame_cls = class_with(
            "frame",
            &[
                ("f_code", code_cls.as_ptr()),
                ("f_lineno", i(7).as_ptr()),
                ("f_globals", globals.as_ptr()),
                ("f_back", none::none()),
            ],
        );
        let frame = call(frame_cls.as_ptr(), &[]).unwrap();
        let ts = crate::runtime::tstate::get();
        let saved = std::mem::replace(&mut ts.frame, frame.as_ptr());
        let msg = c"deprecated in main";
        assert_eq!(PyErr_WarnEx(PyExc_DeprecationWarning, msg.as_ptr(), 1), 0);
        assert_eq!(PyErr_WarnEx(PyExc_DeprecationWarning, msg.as_ptr(), 1), 0);
        let reg =
            dict::get_item(globals.as_ptr(), crate::interned!("__warningregistry__")).unwrap();
        assert!(!reg.is_null());
        // As in CPython, the registry also records the filters' version.
        let shown = repr(&Owned::from_borrowed(reg));
        assert!(shown.starts_with("{'version': "), "{shown}");
        assert!(
            shown.ends_with(", ('deprecated in main', <class 'DeprecationWarning'>, 7): True}"),
            "{shown}"
        );
        // Two levels up there is no frame: `<sys>`, whose filters ignore it.
        assert_eq!(
            PyErr_WarnEx(PyExc_DeprecationWarning, c"elsewhere".as_ptr(), 2),
            0
        );
        assert_eq!(dict::len(reg), 2);
        ts.frame = saved;
        assert!(errors::current().is_null());
    }
}

/// `except*` re-raising, as CPython does for:
/// ```python
/// try: raise ExceptionGroup('eg', [ValueError(1), TypeError(2), KeyError(3)])
/// except* ValueError: raise        # re-raised part
/// except* TypeError: raise RuntimeError('new')   # a new exception
/// # KeyError(3) is unhandled: its part is re-raised too
/// ```
fn except_star_reraise() {
    // SAFETY: the runtime is initialized on this thread.
    unsafe {
        let v1 = call(PyExc_ValueError, &[&i(1)]).unwrap();
        let t2 = call(PyExc_TypeError, &[&i(2)]).unwrap();
        let k3 = call(PyExc_KeyError, &[&i(3)]).unwrap();
        let orig = call(
            PyExc_BaseExceptionGroup,
            &[&s("eg"), &list(&[&v1, &t2, &k3])],
        )
        .unwrap();
        let split = |t: *mut PyObject| {
            let r = protocol::call_method_obj(orig.as_ptr(), "split", &[t]).unwrap();
            let items = tuple::items(r.as_ptr());
            (
                Owned::from_borrowed(items[0]),
                Owned::from_borrowed(items[1]),
            )
        };
        let (vpart, rest) = split(PyExc_ValueError);
        let (_, kpart) = {
            let r = protocol::call_method_obj(rest.as_ptr(), "split", &[PyExc_TypeError]).unwrap();
            let items = tuple::items(r.as_ptr());
            (
                Owned::from_borrowed(items[0]),
                Owned::from_borrowed(items[1]),
            )
        };
        let new = call(PyExc_RuntimeError, &[&s("new")]).unwrap();
        protocol::setattr(new.as_ptr(), crate::interned!("__context__"), orig.as_ptr()).unwrap();
        let none = none_();
        let r = group::prep_reraise_star(
            orig.as_ptr(),
            &[vpart.as_ptr(), new.as_ptr(), kpart.as_ptr()],
        )
        .unwrap();
        assert_eq!(
            repr(&r),
            "ExceptionGroup('', [RuntimeError('new'), ExceptionGroup('eg', [ValueError(1), KeyError(3)])])"
        );
        let r = group::prep_reraise_star(orig.as_ptr(), &[vpart.as_ptr(), none.as_ptr()]).unwrap();
        assert_eq!(repr(&r), "ExceptionGroup('eg', [ValueError(1)])");
        let r = group::prep_reraise_star(orig.as_ptr(), &[none.as_ptr()]).unwrap();
        assert_eq!(repr(&r), "None");
        let r = group::prep_reraise_star(orig.as_ptr(), &[new.as_ptr()]).unwrap();
        assert_eq!(repr(&r), "RuntimeError('new')");
        let r = group::prep_reraise_star(v1.as_ptr(), &[v1.as_ptr()]).unwrap();
        assert_eq!(r.as_ptr(), v1.as_ptr());
        let pair = |m: (Owned, Owned)| format!("{} | {}", repr(&m.0), repr(&m.1));
        assert_eq!(
            pair(group::exception_group_match(orig.as_ptr(), PyExc_ValueError).unwrap()),
            "ExceptionGroup('eg', [ValueError(1)]) | ExceptionGroup('eg', [TypeError(2), KeyError(3)])"
        );
        assert_eq!(
            pair(group::exception_group_match(v1.as_ptr(), PyExc_ValueError).unwrap()),
            "ExceptionGroup('', (ValueError(1),)) | None"
        );
        assert_eq!(
            pair(group::exception_group_match(v1.as_ptr(), PyExc_TypeError).unwrap()),
            "None | ValueError(1)"
        );
        assert_eq!(
            pair(group::exception_group_match(none.as_ptr(), PyExc_TypeError).unwrap()),
            "None | None"
        );
        assert_eq!(
            pair(group::exception_group_match(orig.as_ptr(), PyExc_Exception).unwrap()),
            "ExceptionGroup('eg', [ValueError(1), TypeError(2), KeyError(3)]) | None"
        );
        assert!(errors::current().is_null());
    }
}

trait ErrText {
    /// The error of a call that must fail.
    fn err_text(self) -> String;
}
impl ErrText for Result<Owned, String> {
    fn err_text(self) -> String {
        match self {
            Ok(_) => "no exception".into(),
            Err(e) => e,
        }
    }
}

/// `type(name, (), attrs)`.
unsafe fn class_with(name: &str, attrs: &[(&str, *mut PyObject)]) -> Owned {
    // SAFETY: the runtime is initialized; the values are valid.
    unsafe {
        let d = dict::new().unwrap();
        for (k, v) in attrs {
            dict::set_item(d.as_ptr(), pystr::intern(k), *v).unwrap();
        }
        let bases = tuple::empty();
        let n = s(name);
        protocol::call_args(
            (&raw mut typeobj::PyType_Type).cast(),
            &[n.as_ptr(), bases.as_ptr(), d.as_ptr()],
        )
        .unwrap()
    }
}

/// Run from the main test: the runtime lives on one thread.
fn traceback_frames_are_printed_from_attributes() {
    // SAFETY: the runtime is initialized on this thread.
    unsafe {
        let code_cls = class_with(
            "code",
            &[
                ("co_filename", s(file!()).as_ptr()),
                ("co_name", s("f").as_ptr()),
            ],
        );
        let frame_cls = class_with("frame", &[("f_code", code_cls.as_ptr())]);
        let tb_cls = class_with(
            "traceback",
            &[
                ("tb_frame", frame_cls.as_ptr()),
                ("tb_lineno", i(1).as_ptr()),
                ("tb_next", none::none()),
            ],
        );
        let tb = call(tb_cls.as_ptr(), &[]).unwrap();
        let e = call(PyExc_ValueError, &[&s("boom")]).unwrap();
        protocol::setattr(e.as_ptr(), crate::interned!("__traceback__"), tb.as_ptr()).unwrap();
        let first = display::source_line(file!(), 1).unwrap();
        assert_eq!(
            display::format_exception(e.as_ptr()),
            format!(
                "Traceback (most recent call last):\n  File \"{}\", line 1, in f\n    {}\nValueError: boom\n",
                file!(),
                first.trim()
            )
        );
        assert!(errors::current().is_null());
    }
}
