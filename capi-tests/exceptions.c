// test: differential
/* Exception objects from C: every type's repr/str/args, the extended
 * layouts (OSError and its errno subclasses, SyntaxError, ImportError,
 * Unicode*Error, SystemExit, StopIteration, NameError, AttributeError),
 * BaseException methods, exception groups, and the PyUnicode*Error_*
 * accessors. */
#include "testing.h"
#include <errno.h>
#include <stddef.h>

/* `label: repr(obj.name)`; steals obj. */
static void show_attr(const char *label, PyObject *obj, const char *name)
{
    if (obj == NULL) {
        show(label, NULL);
        return;
    }
    show(label, PyObject_GetAttrString(obj, name));
    Py_DECREF(obj);
}

/* `label: str(obj)`; steals obj. */
static void show_str(const char *label, PyObject *obj)
{
    if (obj == NULL) {
        show(label, NULL);
        return;
    }
    PyObject *s = PyObject_Str(obj);
    Py_DECREF(obj);
    if (s == NULL) {
        show(label, NULL);
        return;
    }
    printf("%s: %s\n", label, PyUnicode_AsUTF8(s));
    Py_DECREF(s);
}

/* obj.name() or obj.name(arg); steals obj and arg. */
static PyObject *meth(PyObject *obj, const char *name, PyObject *arg)
{
    PyObject *r = arg ? PyObject_CallMethod(obj, name, "O", arg)
                      : PyObject_CallMethod(obj, name, NULL);
    Py_DECREF(obj);
    Py_XDECREF(arg);
    return r;
}

static PyObject *build(PyObject *type, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *args = Py_VaBuildValue(format, va);
    va_end(va);
    if (args == NULL)
        return NULL;
    PyObject *r = PyObject_CallObject(type, args);
    Py_DECREF(args);
    return r;
}

static PyObject *build_kw(PyObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *r = PyObject_Call(type, args, kwargs);
    Py_DECREF(args);
    Py_DECREF(kwargs);
    return r;
}

/* The extended layouts: every CPython 3.13 field at CPython's offset. */
static void layouts(void)
{
#define OFF(T, f) printf("  %s.%s: %zu\n", #T, #f, offsetof(T, f))
    OFF(PyBaseExceptionObject, args);
    OFF(PyBaseExceptionObject, suppress_context);
    OFF(PyBaseExceptionGroupObject, msg);
    OFF(PyBaseExceptionGroupObject, excs);
    OFF(PySyntaxErrorObject, msg);
    OFF(PySyntaxErrorObject, filename);
    OFF(PySyntaxErrorObject, lineno);
    OFF(PySyntaxErrorObject, offset);
    OFF(PySyntaxErrorObject, end_lineno);
    OFF(PySyntaxErrorObject, end_offset);
    OFF(PySyntaxErrorObject, text);
    OFF(PySyntaxErrorObject, print_file_and_line);
    OFF(PyImportErrorObject, msg);
    OFF(PyImportErrorObject, name);
    OFF(PyImportErrorObject, path);
    OFF(PyImportErrorObject, name_from);
    OFF(PyUnicodeErrorObject, encoding);
    OFF(PyUnicodeErrorObject, object);
    OFF(PyUnicodeErrorObject, start);
    OFF(PyUnicodeErrorObject, end);
    OFF(PyUnicodeErrorObject, reason);
    OFF(PySystemExitObject, code);
    OFF(PyOSErrorObject, myerrno);
    OFF(PyOSErrorObject, strerror);
    OFF(PyOSErrorObject, filename);
    OFF(PyOSErrorObject, filename2);
    OFF(PyOSErrorObject, written);
    OFF(PyStopIterationObject, value);
    OFF(PyNameErrorObject, name);
    OFF(PyAttributeErrorObject, obj);
    OFF(PyAttributeErrorObject, name);
#undef OFF
    /* Instances are as large as their C struct. */
    printf("  OSError basicsize ok: %d\n",
           ((PyTypeObject *)PyExc_FileNotFoundError)->tp_basicsize == (Py_ssize_t)sizeof(PyOSErrorObject));
    printf("  UnicodeDecodeError basicsize ok: %d\n",
           ((PyTypeObject *)PyExc_UnicodeDecodeError)->tp_basicsize == (Py_ssize_t)sizeof(PyUnicodeErrorObject));
    printf("  TabError basicsize ok: %d\n",
           ((PyTypeObject *)PyExc_TabError)->tp_basicsize == (Py_ssize_t)sizeof(PySyntaxErrorObject));
    printf("  ModuleNotFoundError basicsize ok: %d\n",
           ((PyTypeObject *)PyExc_ModuleNotFoundError)->tp_basicsize == (Py_ssize_t)sizeof(PyImportErrorObject));
    /* Reading the fields directly, as extensions do. */
    PyObject *e = PyObject_CallFunction(PyExc_OSError, "iss", 2, "msg", "file");
    printf("  ((PyOSErrorObject *)e)->filename: %s\n", PyUnicode_AsUTF8(((PyOSErrorObject *)e)->filename));
    printf("  ((PyOSErrorObject *)e)->written: %zd\n", ((PyOSErrorObject *)e)->written);
    Py_DECREF(e);
    e = PyObject_CallFunction(PyExc_StopIteration, "i", 7);
    printf("  ((PyStopIterationObject *)e)->value: %ld\n", PyLong_AsLong(((PyStopIterationObject *)e)->value));
    Py_DECREF(e);
}

int main(void)
{
    PyObject *e, *o;
    start();
    printf("layouts:\n");
    layouts();

    /* Every builtin type: called with one argument. */
    PyObject *types[] = {
        PyExc_BaseException, PyExc_Exception, PyExc_GeneratorExit, PyExc_KeyboardInterrupt,
        PyExc_SystemExit, PyExc_ArithmeticError, PyExc_FloatingPointError, PyExc_OverflowError,
        PyExc_ZeroDivisionError, PyExc_AssertionError, PyExc_AttributeError, PyExc_BufferError,
        PyExc_EOFError, PyExc_ImportError, PyExc_ModuleNotFoundError, PyExc_LookupError,
        PyExc_IndexError, PyExc_KeyError, PyExc_MemoryError, PyExc_NameError,
        PyExc_UnboundLocalError, PyExc_OSError, PyExc_BlockingIOError, PyExc_ChildProcessError,
        PyExc_ConnectionError, PyExc_BrokenPipeError, PyExc_ConnectionAbortedError,
        PyExc_ConnectionRefusedError, PyExc_ConnectionResetError, PyExc_FileExistsError,
        PyExc_FileNotFoundError, PyExc_InterruptedError, PyExc_IsADirectoryError,
        PyExc_NotADirectoryError, PyExc_PermissionError, PyExc_ProcessLookupError,
        PyExc_TimeoutError, PyExc_ReferenceError, PyExc_RuntimeError, PyExc_NotImplementedError,
        PyExc_RecursionError, PyExc_StopAsyncIteration, PyExc_StopIteration, PyExc_SyntaxError,
        PyExc_IndentationError, PyExc_TabError, PyExc_SystemError, PyExc_TypeError,
        PyExc_ValueError, PyExc_UnicodeError, PyExc_Warning, PyExc_BytesWarning,
        PyExc_DeprecationWarning, PyExc_EncodingWarning, PyExc_FutureWarning,
        PyExc_ImportWarning, PyExc_PendingDeprecationWarning, PyExc_ResourceWarning,
        PyExc_RuntimeWarning, PyExc_SyntaxWarning, PyExc_UnicodeWarning, PyExc_UserWarning,
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        char label[128];
        e = build(types[i], "(s)", "msg");
        snprintf(label, sizeof label, "%s", ((PyTypeObject *)types[i])->tp_name);
        show(label, Py_XNewRef(e));
        show_str("  str", Py_XNewRef(e));
        if (e != NULL)
            printf("  tp_base: %s\n", Py_TYPE(e)->tp_base->tp_name);
        Py_XDECREF(e);
    }

    /* OSError picks the errno's subclass. */
    int errnos[] = {EPERM, ENOENT, ESRCH, EINTR, EIO, ECHILD, EAGAIN, EACCES, EEXIST,
                    ENOTDIR, EISDIR, EPIPE, ECONNABORTED, ECONNRESET, ESHUTDOWN, ETIMEDOUT,
                    ECONNREFUSED, EALREADY, EINPROGRESS, EINVAL};
    for (size_t i = 0; i < sizeof errnos / sizeof errnos[0]; i++) {
        char label[64];
        snprintf(label, sizeof label, "OSError(%d, 'x')", errnos[i]);
        show(label, build(PyExc_OSError, "(is)", errnos[i], "x"));
    }
    e = build(PyExc_OSError, "(iss)", ENOENT, "No such file or directory", "f");
    show_str("str with filename", Py_NewRef(e));
    show_attr("args trimmed", Py_NewRef(e), "args");
    show_attr("errno", Py_NewRef(e), "errno");
    show_attr("strerror", Py_NewRef(e), "strerror");
    show_attr("filename", Py_NewRef(e), "filename");
    show_attr("filename2", Py_NewRef(e), "filename2");
    show("__reduce__", meth(e, "__reduce__", NULL));
    e = build(PyExc_OSError, "(issOs)", ENOENT, "No such file or directory", "f", Py_None, "g");
    show_str("str with two filenames", Py_NewRef(e));
    show("__reduce__ with two", meth(e, "__reduce__", NULL));
    show_attr("OSError(1).args", build(PyExc_OSError, "(i)", 1), "args");
    show_attr("six args keep all", build(PyExc_OSError, "(isssss)", 2, "x", "f", "w", "g", "h"), "args");
    show_attr("six args: errno", build(PyExc_OSError, "(isssss)", 2, "x", "f", "w", "g", "h"), "errno");
    show_str("str(OSError('a', 'b'))", build(PyExc_OSError, "(ss)", "a", "b"));
    show_str("str(OSError(2, None))", build(PyExc_OSError, "(iO)", 2, Py_None));
    show("FileNotFoundError(13, 'x') stays", build(PyExc_FileNotFoundError, "(is)", 13, "x"));
    show_attr("BlockingIOError written", build(PyExc_BlockingIOError, "(isi)", EAGAIN, "x", 5), "characters_written");
    show_attr("BlockingIOError unset", build(PyExc_BlockingIOError, "(is)", EAGAIN, "x"), "characters_written");
    show("OSError(x=1)", build_kw(PyExc_OSError, PyTuple_New(0), Py_BuildValue("{s:i}", "x", 1)));

    /* SyntaxError */
    e = build(PyExc_SyntaxError, "(s(siis))", "invalid syntax", "/src/pkg/mod.py", 3, 7, "x = = 1\n");
    show("SyntaxError", Py_NewRef(e));
    show_str("  str", Py_NewRef(e));
    const char *fields[] = {"msg", "filename", "lineno", "offset", "text", "end_lineno",
                            "end_offset", "print_file_and_line"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        show_attr(fields[i], Py_NewRef(e), fields[i]);
    Py_DECREF(e);
    show_str("no lineno", build(PyExc_SyntaxError, "(s(sOis))", "m", "f.py", Py_None, 1, "t"));
    show_str("no filename", build(PyExc_SyntaxError, "(s(Oiis))", "m", Py_None, 2, 1, "t"));
    show_attr("six-item location", build(PyExc_SyntaxError, "(s(siisii))", "m", "f", 1, 2, "t", 3, 4), "end_offset");
    show("short location", build(PyExc_SyntaxError, "(s(sii))", "m", "f", 1, 2));
    show("location not a sequence", build(PyExc_SyntaxError, "(si)", "m", 5));
    show_str("IndentationError", build(PyExc_IndentationError, "(s(siis))", "unexpected indent", "a.py", 2, 1, "  x"));

    /* ImportError */
    e = build_kw(PyExc_ImportError, Py_BuildValue("(s)", "no module named m"),
                 Py_BuildValue("{s:s,s:s}", "name", "m", "path", "/p/m.py"));
    show("ImportError", Py_NewRef(e));
    show_str("  str", Py_NewRef(e));
    show_attr("  msg", Py_NewRef(e), "msg");
    show_attr("  name", Py_NewRef(e), "name");
    show_attr("  path", Py_NewRef(e), "path");
    show_attr("  name_from", Py_NewRef(e), "name_from");
    show("  __reduce__", meth(e, "__reduce__", NULL));
    show_str("two args", build(PyExc_ImportError, "(ss)", "a", "b"));
    show_attr("ModuleNotFoundError(name=)",
              build_kw(PyExc_ModuleNotFoundError, PyTuple_New(0), Py_BuildValue("{s:s}", "name", "q")),
              "name");
    show("bad keyword", build_kw(PyExc_ImportError, PyTuple_New(0), Py_BuildValue("{s:s}", "bogus", "q")));
    show("misspelt keyword", build_kw(PyExc_ImportError, PyTuple_New(0), Py_BuildValue("{s:s}", "nam", "q")));
    show("AttributeError misspelt keyword",
         build_kw(PyExc_AttributeError, PyTuple_New(0), Py_BuildValue("{s:s}", "ob", "q")));
    show("NameError unknown keyword",
         build_kw(PyExc_NameError, PyTuple_New(0), Py_BuildValue("{s:s}", "obj", "q")));

    /* NameError, AttributeError, StopIteration, SystemExit, KeyError */
    show_attr("NameError name", build_kw(PyExc_NameError, Py_BuildValue("(s)", "m"), Py_BuildValue("{s:s}", "name", "n")), "name");
    show_attr("NameError no name", build(PyExc_NameError, "(s)", "m"), "name");
    e = build_kw(PyExc_AttributeError, Py_BuildValue("(s)", "m"), Py_BuildValue("{s:s,s:i}", "name", "attr", "obj", 3));
    show_attr("AttributeError name", Py_NewRef(e), "name");
    show_attr("AttributeError obj", Py_NewRef(e), "obj");
    show("AttributeError __reduce__", meth(Py_NewRef(e), "__reduce__", NULL));
    PyObject_SetAttrString(e, "extra", Py_True);
    show("AttributeError __getstate__", meth(e, "__getstate__", NULL));
    show("AttributeError() __reduce__", meth(build(PyExc_AttributeError, "()"), "__reduce__", NULL));
    show_attr("StopIteration()", build(PyExc_StopIteration, "()"), "value");
    show_attr("StopIteration(1, 2)", build(PyExc_StopIteration, "(ii)", 1, 2), "value");
    show_attr("SystemExit()", build(PyExc_SystemExit, "()"), "code");
    show_attr("SystemExit(3)", build(PyExc_SystemExit, "(i)", 3), "code");
    show_attr("SystemExit(1, 2)", build(PyExc_SystemExit, "(ii)", 1, 2), "code");
    show_str("str(KeyError('k'))", build(PyExc_KeyError, "(s)", "k"));
    show_str("str(KeyError(''))", build(PyExc_KeyError, "(s)", ""));
    show_str("str(KeyError(1, 2))", build(PyExc_KeyError, "(ii)", 1, 2));
    show("ValueError(x=1)", build_kw(PyExc_ValueError, PyTuple_New(0), Py_BuildValue("{s:i}", "x", 1)));

    /* Unicode errors and their accessors */
    e = PyUnicodeDecodeError_Create("utf-8", "a\xff\xfe", 3, 1, 2, "invalid start byte");
    /* (bytes reprs are left to the bytes tests) */
    show_str("  str", Py_NewRef(e));
    show("  encoding", PyUnicodeDecodeError_GetEncoding(e));
    o = PyUnicodeDecodeError_GetObject(e);
    printf("  object: %s of size %zd\n", Py_TYPE(o)->tp_name, Py_SIZE(o));
    Py_DECREF(o);
    show("  reason", PyUnicodeDecodeError_GetReason(e));
    Py_ssize_t pos = -7;
    show_int("  GetStart", PyUnicodeDecodeError_GetStart(e, &pos));
    show_int("  start", pos);
    show_int("  GetEnd", PyUnicodeDecodeError_GetEnd(e, &pos));
    show_int("  end", pos);
    show_int("  SetEnd(3)", PyUnicodeDecodeError_SetEnd(e, 3));
    show_str("  str after SetEnd", Py_NewRef(e));
    show_int("  SetStart(-5)", PyUnicodeDecodeError_SetStart(e, -5));
    PyUnicodeDecodeError_GetStart(e, &pos);
    show_int("  clamped start", pos);
    show_int("  SetEnd(99)", PyUnicodeDecodeError_SetEnd(e, 99));
    PyUnicodeDecodeError_GetEnd(e, &pos);
    show_int("  clamped end", pos);
    show_int("  SetReason", PyUnicodeDecodeError_SetReason(e, "new reason"));
    show_attr("  reason attribute", e, "reason");
    e = build(PyExc_UnicodeEncodeError, "(ssiis)", "ascii", "caf\xc3\xa9", 3, 4, "ordinal not in range(128)");
    show("UnicodeEncodeError", Py_NewRef(e));
    show_str("  str", Py_NewRef(e));
    show("  object", PyUnicodeEncodeError_GetObject(e));
    show("  encoding", PyUnicodeEncodeError_GetEncoding(e));
    show_int("  GetStart", PyUnicodeEncodeError_GetStart(e, &pos));
    show_int("  start", pos);
    show_int("  GetEnd", PyUnicodeEncodeError_GetEnd(e, &pos));
    show_int("  end", pos);
    show("  GetObject wrong kind", PyUnicodeDecodeError_GetObject(e));
    Py_DECREF(e);
    show_str("encode range", build(PyExc_UnicodeEncodeError, "(ssiis)", "ascii", "abc", 0, 2, "r"));
    show_str("encode \\u20ac", build(PyExc_UnicodeEncodeError, "(ssiis)", "latin-1", "\xe2\x82\xac", 0, 1, "r"));
    show_str("encode \\U0001f600", build(PyExc_UnicodeEncodeError, "(ssiis)", "ascii", "\xf0\x9f\x98\x80", 0, 1, "r"));
    show_str("encode out of range", build(PyExc_UnicodeEncodeError, "(ssiis)", "ascii", "x", 5, 6, "r"));
    e = build(PyExc_UnicodeTranslateError, "(siis)", "\xc3\xa9", 0, 1, "no mapping");
    show("UnicodeTranslateError", Py_NewRef(e));
    show_str("  str", Py_NewRef(e));
    show_attr("  encoding", Py_NewRef(e), "encoding");
    show("  reason", PyUnicodeTranslateError_GetReason(e));
    Py_DECREF(e);
    show_str("translate range", build(PyExc_UnicodeTranslateError, "(siis)", "abc", 0, 3, "r"));
    show("wrong arg count", build(PyExc_UnicodeEncodeError, "(ssi)", "ascii", "a", 0));
    show("encoding not str", build(PyExc_UnicodeEncodeError, "(isiis)", 1, "a", 0, 1, "r"));
    o = build(PyExc_UnicodeDecodeError, "(sNiis)", "utf-8", PyByteArray_FromStringAndSize("\xff", 1), 0, 1, "r");
    show_str("decode bytearray object", Py_NewRef(o));
    PyObject *obj = PyObject_GetAttrString(o, "object");
    show_attr("  object type", PyObject_Type(obj), "__name__");
    Py_XDECREF(obj);
    Py_DECREF(o);
    show("decode str object", build(PyExc_UnicodeDecodeError, "(ssiis)", "a", "x", 0, 1, "r"));
    show_str("uninitialized", PyObject_CallMethod(PyExc_UnicodeDecodeError, "__new__", "O", PyExc_UnicodeDecodeError));

    /* BaseException methods */
    e = build(PyExc_ValueError, "(s)", "v");
    show("add_note(1)", meth(Py_NewRef(e), "add_note", PyLong_FromLong(1)));
    show("add_note('first')", meth(Py_NewRef(e), "add_note", PyUnicode_FromString("first")));
    show("add_note('second')", meth(Py_NewRef(e), "add_note", PyUnicode_FromString("second")));
    show_attr("__notes__", Py_NewRef(e), "__notes__");
    show("__reduce__", meth(Py_NewRef(e), "__reduce__", NULL));
    show("__setstate__(5)", meth(Py_NewRef(e), "__setstate__", PyLong_FromLong(5)));
    o = Py_BuildValue("{s:i}", "extra", 7);
    show("__setstate__(dict)", meth(Py_NewRef(e), "__setstate__", Py_NewRef(o)));
    Py_DECREF(o);
    show_attr("extra", Py_NewRef(e), "extra");
    show("with_traceback(None)", meth(Py_NewRef(e), "with_traceback", Py_NewRef(Py_None)));
    show("with_traceback(5)", meth(Py_NewRef(e), "with_traceback", PyLong_FromLong(5)));
    show_int("__suppress_context__ before", PyObject_IsTrue(PyObject_GetAttrString(e, "__suppress_context__")));
    PyException_SetCause(e, build(PyExc_KeyError, "(s)", "c"));
    show_int("__suppress_context__ after SetCause", PyObject_IsTrue(PyObject_GetAttrString(e, "__suppress_context__")));
    {
        const char *names[] = {"__traceback__", "__context__", "__cause__", "args", "__suppress_context__"};
        for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
            printf("del %s: ", names[i]);
            if (PyObject_DelAttrString(e, names[i]) < 0)
                print_error();
            printf("\n");
        }
        o = PyLong_FromLong(0);
        printf("__suppress_context__ = 0: ");
        if (PyObject_SetAttrString(e, "__suppress_context__", o) < 0)
            print_error();
        printf("\n");
        Py_DECREF(o);
        PyObject_SetAttrString(e, "__suppress_context__", Py_False);
        show("__suppress_context__ = False", PyObject_GetAttrString(e, "__suppress_context__"));
        o = Py_BuildValue("[ii]", 1, 2);
        PyObject_SetAttrString(e, "args", o);
        Py_DECREF(o);
        show("args = [1, 2]", PyObject_GetAttrString(e, "args"));
        o = PyLong_FromLong(5);
        printf("args = 5: ");
        if (PyObject_SetAttrString(e, "args", o) < 0)
            print_error();
        printf("\n");
        Py_DECREF(o);
    }
    show("__context__ not an exception", PyObject_SetAttrString(e, "__context__", Py_True) ? NULL : Py_NewRef(Py_None));
    Py_DECREF(e);
    e = build(PyExc_ValueError, "(s)", "v");
    PyObject_SetAttrString(e, "__notes__", Py_None);
    show("add_note with __notes__ None", meth(e, "add_note", PyUnicode_FromString("n")));

    /* Exception groups */
    PyObject *v1 = build(PyExc_ValueError, "(i)", 1), *t2 = build(PyExc_TypeError, "(i)", 2);
    PyObject *v3 = build(PyExc_ValueError, "(i)", 3), *k4 = build(PyExc_KeyError, "(i)", 4);
    PyObject *inner = build(PyExc_BaseExceptionGroup, "(s[OO])", "inner", v3, k4);
    PyObject *eg = build(PyExc_BaseExceptionGroup, "(s[OOO])", "outer", v1, t2, inner);
    /* CPython exports no PyExc_ExceptionGroup: take it from an instance. */
    PyObject *PyExc_ExceptionGroup = (PyObject *)Py_TYPE(eg);
    show("group", Py_NewRef(eg));
    show_str("  str", Py_NewRef(eg));
    show_attr("  message", Py_NewRef(eg), "message");
    show_attr("  exceptions", Py_NewRef(eg), "exceptions");
    show("  split(ValueError)", meth(Py_NewRef(eg), "split", Py_NewRef(PyExc_ValueError)));
    o = PyTuple_Pack(2, PyExc_ValueError, PyExc_KeyError);
    show("  split((ValueError, KeyError))", meth(Py_NewRef(eg), "split", Py_NewRef(o)));
    Py_DECREF(o);
    show("  split(Exception)", meth(Py_NewRef(eg), "split", Py_NewRef(PyExc_Exception)));
    show("  subgroup(TypeError)", meth(Py_NewRef(eg), "subgroup", Py_NewRef(PyExc_TypeError)));
    show("  subgroup(OSError)", meth(Py_NewRef(eg), "subgroup", Py_NewRef(PyExc_OSError)));
    show("  subgroup(5)", meth(Py_NewRef(eg), "subgroup", PyLong_FromLong(5)));
    o = PyList_New(0);
    PyList_Append(o, k4);
    show("  derive([KeyError(4)])", meth(Py_NewRef(eg), "derive", Py_NewRef(o)));
    Py_DECREF(o);
    show("  single", build(PyExc_ExceptionGroup, "(s[O])", "one", v1));
    show_str("  single str", build(PyExc_ExceptionGroup, "(s[O])", "one", v1));
    o = build(PyExc_KeyboardInterrupt, "()");
    show("  BaseExceptionGroup of BaseException", build(PyExc_BaseExceptionGroup, "(s[O])", "b", o));
    show("  ExceptionGroup of BaseException", build(PyExc_ExceptionGroup, "(s[O])", "b", o));
    Py_DECREF(o);
    show("  empty", build(PyExc_ExceptionGroup, "(s[])", "e"));
    show("  not a sequence", build(PyExc_ExceptionGroup, "(si)", "e", 5));
    show("  message not str", build(PyExc_ExceptionGroup, "(i[O])", 5, v1));
    show("  item not exception", build(PyExc_ExceptionGroup, "(s[Oi])", "e", v1, 5));
    show("  three args", build(PyExc_ExceptionGroup, "(s[O]i)", "e", v1, 3));
    show_int("  ExceptionGroup < Exception", PyObject_IsSubclass(PyExc_ExceptionGroup, PyExc_Exception));
    show_int("  ExceptionGroup < BaseExceptionGroup",
             PyObject_IsSubclass(PyExc_ExceptionGroup, PyExc_BaseExceptionGroup));
    show_attr("  __mro__", Py_NewRef(PyExc_ExceptionGroup), "__mro__");
    /* except* support: argument checks (a real use needs a traceback) */
    show("PrepReraiseStar(non-exception)", PyUnstable_Exc_PrepReraiseStar(Py_None, Py_None));
    show("PrepReraiseStar(excs not a list)", PyUnstable_Exc_PrepReraiseStar(eg, Py_None));
    o = Py_BuildValue("[Oi]", v1, 5);
    show("PrepReraiseStar(bad item)", PyUnstable_Exc_PrepReraiseStar(eg, o));
    Py_DECREF(o);
    o = Py_BuildValue("[O]", v1);
    show("PrepReraiseStar(not raised)", PyUnstable_Exc_PrepReraiseStar(eg, o));
    Py_DECREF(o);
    Py_DECREF(eg);
    Py_DECREF(inner);
    Py_DECREF(v1);
    Py_DECREF(t2);
    Py_DECREF(v3);
    Py_DECREF(k4);

    /* Classes from PyErr_NewException with the extended layouts */
    PyObject *cls = PyErr_NewException("pkg.MyOSError", PyExc_OSError, NULL);
    show("NewException(OSError base)", Py_NewRef(cls));
    show("  instance", build(cls, "(is)", ENOENT, "x"));
    show_attr("  errno", build(cls, "(is)", ENOENT, "x"), "errno");
    show_str("  str", build(cls, "(iss)", ENOENT, "x", "f"));
    Py_DECREF(cls);
    cls = PyErr_NewException("pkg.Base", NULL, NULL);
    PyObject *sub = PyErr_NewException("pkg.sub.Derived", cls, NULL);
    show("derived class", Py_NewRef(sub));
    show_int("  subclass of pkg.Base", PyObject_IsSubclass(sub, cls));
    show_int("  subclass of Exception", PyObject_IsSubclass(sub, PyExc_Exception));
    show("  __module__", PyObject_GetAttrString(sub, "__module__"));
    show("  __doc__", PyObject_GetAttrString(sub, "__doc__"));
    show("  instance", build(sub, "(si)", "x", 1));
    show("  keywords", build_kw(sub, PyTuple_New(0), Py_BuildValue("{s:i}", "x", 1)));
    printf("  tp_name: %s\n", ((PyTypeObject *)sub)->tp_name);
    o = Py_BuildValue("{s:s,s:i}", "__module__", "elsewhere", "code", 7);
    PyObject *withdict = PyErr_NewException("pkg.WithDict", NULL, o);
    Py_DECREF(o);
    show("dict class", Py_NewRef(withdict));
    show("  code", PyObject_GetAttrString(withdict, "code"));
    Py_DECREF(withdict);
    show("no dot in name", PyErr_NewException("NoDot", NULL, NULL));
    o = PyTuple_Pack(2, PyExc_ValueError, PyExc_KeyError);
    PyObject *multi = PyErr_NewException("pkg.Multi", o, NULL);
    Py_DECREF(o);
    show("two bases", Py_NewRef(multi));
    show("  __mro__", PyObject_GetAttrString(multi, "__mro__"));
    show("  instance", build(multi, "(s)", "k"));
    Py_XDECREF(multi);
    o = PyTuple_Pack(2, PyExc_OSError, PyExc_ValueError);
    multi = PyErr_NewException("pkg.OSValue", o, NULL);
    Py_DECREF(o);
    show("OSError and ValueError", build(multi, "(is)", 2, "x"));
    Py_XDECREF(multi);
    o = PyTuple_Pack(2, PyExc_OSError, PyExc_SyntaxError);
    show("layout conflict", PyErr_NewException("pkg.Conflict", o, NULL));
    Py_DECREF(o);
    o = PyDict_New();
    Py_XDECREF(PyErr_NewExceptionWithDoc("pkg.Doc", "doc text", NULL, o));
    show("caller's dict after NewExceptionWithDoc", o);
    Py_DECREF(sub);
    Py_DECREF(cls);
    cls = PyErr_NewException("pkg.Sub", PyExc_SyntaxError, NULL);
    show_str("NewException(SyntaxError base)", build(cls, "(s(siis))", "m", "f.py", 1, 1, "t"));
    Py_DECREF(cls);

    /* The hierarchy survives a finalize/initialize cycle. */
    fflush(stdout);
    Py_FinalizeEx();
    Py_Initialize();
    v1 = build(PyExc_ValueError, "(i)", 1);
    eg = build(PyExc_BaseExceptionGroup, "(s[O])", "again", v1);
    show("group after re-initialization", Py_NewRef(eg));
    show_int("  is an Exception", PyObject_IsInstance(eg, PyExc_Exception));
    show_attr("  __mro__", PyObject_Type(eg), "__mro__");
    show("OSError errno mapping after re-initialization", build(PyExc_OSError, "(is)", ENOENT, "x"));
    Py_DECREF(eg);
    Py_DECREF(v1);
    return finish();
}
