// test: differential
/* The error indicator: set, inspect, fetch/restore, raised-exception API,
 * matching, formatting, new exception classes, exception attributes. */
#include "testing.h"
#include <errno.h>
#include <unistd.h>

/* Fetch/Restore/Normalize, bad input, errno, import errors, syntax
 * locations, interrupts, the handled exception. */
static void more_indicator_tests(void)
{
    PyObject *type, *value, *tb, *exc, *o;

    /* Fetch/Restore round trip keeps the same instance. */
    PyErr_SetString(PyExc_ValueError, "round trip");
    exc = PyErr_GetRaisedException();
    PyErr_SetRaisedException(Py_NewRef(exc));
    PyErr_Fetch(&type, &value, &tb);
    check("Fetch gives the raised instance", value == exc);
    PyErr_Restore(type, value, tb);
    o = PyErr_GetRaisedException();
    check("Restore keeps it", o == exc);
    Py_DECREF(o);
    Py_DECREF(exc);

    /* Restore of an unnormalized (type, value) normalizes. */
    PyErr_Restore(Py_NewRef(PyExc_KeyError), PyUnicode_FromString("k"), NULL);
    show("Restore(KeyError, 'k')", PyErr_GetRaisedException());
    PyErr_Restore(Py_NewRef(PyExc_OSError), Py_BuildValue("(is)", 2, "gone"), NULL);
    show("Restore(OSError, (2, 'gone'))", PyErr_GetRaisedException());
    PyErr_Restore(Py_NewRef(PyExc_LookupError), PyObject_CallFunction(PyExc_KeyError, "s", "sub"), NULL);
    show("Restore(LookupError, KeyError('sub'))", PyErr_GetRaisedException());
    PyErr_Restore(Py_NewRef(PyExc_ValueError), PyUnicode_FromString("v"), PyLong_FromLong(3));
    show("Restore with a bad traceback", PyErr_GetRaisedException());
    PyErr_Restore(Py_NewRef(PyExc_ValueError), PyUnicode_FromString("v"), Py_NewRef(Py_None));
    exc = PyErr_GetRaisedException();
    show("Restore with traceback None", PyException_GetTraceback(exc));
    Py_DECREF(exc);
    PyErr_Restore(NULL, NULL, NULL);
    check("Restore(NULL) clears", PyErr_Occurred() == NULL);

    /* NormalizeException */
    type = Py_NewRef(PyExc_ValueError);
    value = PyUnicode_FromString("v");
    tb = NULL;
    PyErr_NormalizeException(&type, &value, &tb);
    show("normalized type", Py_NewRef(type));
    show("normalized value", Py_NewRef(value));
    Py_DECREF(type);
    Py_DECREF(value);
    type = Py_NewRef(PyExc_LookupError);
    value = PyObject_CallFunction(PyExc_KeyError, "s", "sub");
    PyErr_NormalizeException(&type, &value, &tb);
    show("subclass instance: type", Py_NewRef(type));
    show("subclass instance: value", Py_NewRef(value));
    Py_DECREF(type);
    Py_DECREF(value);
    type = Py_NewRef(PyExc_UnicodeEncodeError);
    value = PyUnicode_FromString("too few");
    PyErr_NormalizeException(&type, &value, &tb);
    show("failed normalization: type", Py_NewRef(type));
    show("failed normalization: value", Py_NewRef(value));
    Py_DECREF(type);
    Py_DECREF(value);
    type = value = tb = NULL;
    PyErr_NormalizeException(&type, &value, &tb);
    check("Normalize(NULL) leaves NULL", type == NULL && value == NULL);

    /* Bad input */
    o = PyLong_FromLong(42);
    PyErr_SetObject(o, NULL);
    show("SetObject(42)", NULL);
    Py_DECREF(o);
    PyErr_SetObject(PyExc_RuntimeError, PyExc_RuntimeError);
    show("SetObject(RuntimeError, class)", PyErr_GetRaisedException());
    exc = PyObject_CallFunction(PyExc_FileNotFoundError, "is", 2, "x");
    PyErr_SetObject(PyExc_OSError, exc);
    o = PyErr_GetRaisedException();
    check("SetObject with a subclass instance keeps it", o == exc);
    Py_DECREF(o);
    Py_DECREF(exc);
    check("GivenExceptionMatches(NULL, ...)", PyErr_GivenExceptionMatches(NULL, PyExc_Exception));
    check("ExceptionMatches with nothing raised", PyErr_ExceptionMatches(PyExc_Exception));
    exc = PyTuple_Pack(1, PyExc_ValueError);
    o = PyTuple_Pack(2, PyExc_KeyError, exc);
    Py_DECREF(exc);
    PyErr_SetString(PyExc_ValueError, "nested");
    check("ExceptionMatches(nested tuple)", PyErr_ExceptionMatches(o));
    PyErr_Clear();
    Py_DECREF(o);

    /* errno */
    int errnos[] = {EPERM, ENOENT, EINTR, EAGAIN, EACCES, EEXIST, ENOTDIR, EISDIR, EPIPE,
                    ECHILD, ESRCH, ECONNRESET, ECONNREFUSED, ETIMEDOUT, EINVAL, 0};
    for (size_t i = 0; i < sizeof errnos / sizeof errnos[0]; i++) {
        char label[64];
        snprintf(label, sizeof label, "SetFromErrno(%d)", errnos[i]);
        errno = errnos[i];
        if (errnos[i] == EINTR)
            continue; /* would run signal handlers */
        show(label, PyErr_SetFromErrno(PyExc_OSError));
    }
    errno = ENOENT;
    {
        PyObject *a = PyUnicode_FromString("a"), *b = PyUnicode_FromString("b");
        errno = ENOENT;
        PyErr_SetFromErrnoWithFilenameObjects(PyExc_OSError, a, b);
        Py_DECREF(a);
        Py_DECREF(b);
    }
    exc = PyErr_GetRaisedException();
    show("two filenames", Py_NewRef(exc));
    show("  str", PyObject_Str(exc));
    show("  filename2", PyObject_GetAttrString(exc, "filename2"));
    Py_DECREF(exc);
    errno = EEXIST;
    o = PyUnicode_FromString("dir");
    errno = EEXIST;
    PyErr_SetFromErrnoWithFilenameObject(PyExc_OSError, o);
    Py_DECREF(o);
    exc = PyErr_GetRaisedException();
    show("  str", PyObject_Str(exc));
    Py_DECREF(exc);
    errno = ENOENT;
    show("SetFromErrno(ValueError)", PyErr_SetFromErrno(PyExc_ValueError));
    errno = ENOENT;
    show("SetFromErrnoWithFilename(NULL)", PyErr_SetFromErrnoWithFilename(PyExc_OSError, NULL));

    errno = ENOENT;
    PyErr_SetFromErrnoWithFilename(PyExc_OSError, "bad\xff.txt");
    exc = PyErr_GetRaisedException();
    show("undecodable filename", PyObject_GetAttrString(exc, "filename"));
    Py_DECREF(exc);

    /* ImportError */
    {
        PyObject *msg = PyUnicode_FromString("no module named m");
        PyObject *name = PyUnicode_FromString("m");
        PyObject *path = PyUnicode_FromString("/p");
        show("SetImportError", PyErr_SetImportError(msg, name, NULL));
        PyErr_SetImportError(msg, name, path);
        exc = PyErr_GetRaisedException();
        show("  name", PyObject_GetAttrString(exc, "name"));
        show("  path", PyObject_GetAttrString(exc, "path"));
        show("  name_from", PyObject_GetAttrString(exc, "name_from"));
        show("  __reduce__", PyObject_CallMethod(exc, "__reduce__", NULL));
        Py_DECREF(exc);
        show("SetImportErrorSubclass(ModuleNotFoundError)",
             PyErr_SetImportErrorSubclass(PyExc_ModuleNotFoundError, msg, NULL, NULL));
        show("SetImportErrorSubclass(ValueError)",
             PyErr_SetImportErrorSubclass(PyExc_ValueError, msg, NULL, NULL));
        show("SetImportError(NULL msg)", PyErr_SetImportError(NULL, NULL, NULL));
        Py_DECREF(msg);
        Py_DECREF(name);
        Py_DECREF(path);
    }

    /* Syntax locations and program text */
    PyErr_SetString(PyExc_SyntaxError, "bad");
    PyErr_SyntaxLocationEx(__FILE__, 2, 4);
    exc = PyErr_GetRaisedException();
    show("located", Py_NewRef(exc));
    show("  lineno", PyObject_GetAttrString(exc, "lineno"));
    show("  offset", PyObject_GetAttrString(exc, "offset"));
    show("  end_lineno", PyObject_GetAttrString(exc, "end_lineno"));
    show("  end_offset", PyObject_GetAttrString(exc, "end_offset"));
    show("  text", PyObject_GetAttrString(exc, "text"));
    Py_DECREF(exc);
    PyErr_SetString(PyExc_ValueError, "not a syntax error");
    PyErr_SyntaxLocation(__FILE__, 1);
    exc = PyErr_GetRaisedException();
    show("ValueError located: msg", PyObject_GetAttrString(exc, "msg"));
    show("  print_file_and_line", PyObject_GetAttrString(exc, "print_file_and_line"));
    show("  offset", PyObject_GetAttrString(exc, "offset"));
    Py_DECREF(exc);
    show("ProgramText line 2", PyErr_ProgramText(__FILE__, 2));
    show("ProgramText line 0", PyErr_ProgramText(__FILE__, 0));
    show("ProgramText past the end", PyErr_ProgramText(__FILE__, 100000));
    show("ProgramText missing file", PyErr_ProgramText("/nonexistent/file.py", 1));

    /* Interrupts */
    show_int("CheckSignals, nothing pending", PyErr_CheckSignals());
    PyErr_SetInterrupt();
    show_int("CheckSignals after SetInterrupt", PyErr_CheckSignals());
    show_int("CheckSignals again", PyErr_CheckSignals());
    show_int("SetInterruptEx(SIGTERM)", PyErr_SetInterruptEx(15));
    show_int("SetInterruptEx(0)", PyErr_SetInterruptEx(0));
    show_int("SetInterruptEx(SIGINT)", PyErr_SetInterruptEx(2));
    show_int("CheckSignals", PyErr_CheckSignals());

    PyErr_SetInterrupt();
    show_int("PyOS_InterruptOccurred", PyOS_InterruptOccurred());
    show_int("PyOS_InterruptOccurred again", PyOS_InterruptOccurred());
    show_int("CheckSignals after it", PyErr_CheckSignals());

    /* Recursion control */
    show_int("Py_EnterRecursiveCall", Py_EnterRecursiveCall(" in test"));
    Py_LeaveRecursiveCall();

    /* The handled exception */
    PyErr_GetExcInfo(&type, &value, &tb);
    check("ExcInfo type is None", type == Py_None);
    check("ExcInfo value is NULL", value == NULL);
    check("ExcInfo traceback is None", tb == Py_None);
    Py_XDECREF(type);
    Py_XDECREF(tb);
    show("GetHandledException", PyErr_GetHandledException());
    exc = PyObject_CallFunction(PyExc_ValueError, "s", "handled");
    PyErr_SetHandledException(exc);
    show("GetHandledException after Set", PyErr_GetHandledException());
    PyErr_GetExcInfo(&type, &value, &tb);
    show("ExcInfo type", type);
    show("ExcInfo value", value);
    show("ExcInfo traceback", tb);
    PyErr_SetString(PyExc_TypeError, "while handling");
    o = PyErr_GetRaisedException();
    show("implicit __context__", PyException_GetContext(o));
    Py_DECREF(o);
    PyErr_SetExcInfo(NULL, NULL, NULL);
    show("after SetExcInfo(NULL...)", PyErr_GetHandledException());
    PyErr_SetExcInfo(Py_NewRef(PyExc_ValueError), Py_NewRef(exc), NULL);
    show("after SetExcInfo(exc)", PyErr_GetHandledException());
    PyErr_SetHandledException(Py_None);
    show("after SetHandledException(None)", PyErr_GetHandledException());
    Py_DECREF(exc);
}

/* What PyErr_Print, PyErr_WriteUnraisable and the warning functions write
 * to stderr, which is redirected into stdout here. */
static void printing_tests(void)
{
    PyObject *in, *out, *cls;
    fflush(stdout);
    dup2(1, 2);

#define STEP(label) do { printf("-- %s\n", label); fflush(stdout); } while (0)
    STEP("Print plain");
    PyErr_SetString(PyExc_ValueError, "plain");
    PyErr_Print();
    STEP("Print empty message");
    PyErr_SetNone(PyExc_KeyError);
    PyErr_Print();
    STEP("Print KeyError");
    PyErr_SetString(PyExc_KeyError, "k");
    PyErr_Print();
    STEP("Print context chain");
    PyErr_SetString(PyExc_ValueError, "inner");
    in = PyErr_GetRaisedException();
    PyErr_SetString(PyExc_TypeError, "outer");
    out = PyErr_GetRaisedException();
    PyException_SetContext(out, Py_NewRef(in));
    PyErr_SetRaisedException(out);
    PyErr_Print();
    STEP("Print cause chain with a note");
    PyErr_SetString(PyExc_TypeError, "outer");
    out = PyErr_GetRaisedException();
    PyException_SetCause(out, Py_NewRef(in));
    Py_XDECREF(PyObject_CallMethod(out, "add_note", "s", "a note"));
    Py_XDECREF(PyObject_CallMethod(out, "add_note", "s", "another"));
    PyErr_SetRaisedException(out);
    PyErr_Print();
    STEP("Print suppressed context");
    PyErr_SetString(PyExc_TypeError, "suppressed");
    out = PyErr_GetRaisedException();
    PyException_SetContext(out, Py_NewRef(in));
    PyObject_SetAttrString(out, "__suppress_context__", Py_True);
    PyErr_SetRaisedException(out);
    PyErr_Print();
    Py_DECREF(in);
    STEP("Print module exception");
    cls = PyErr_NewException("mymod.Custom", NULL, NULL);
    PyErr_SetString(cls, "custom");
    PyErr_Print();
    Py_DECREF(cls);
    STEP("Print SyntaxError");
    PyErr_SetString(PyExc_SyntaxError, "invalid syntax");
    PyErr_SyntaxLocationEx(__FILE__, 3, 2);
    PyErr_Print();
    STEP("Print SyntaxError without location");
    PyErr_SetString(PyExc_SyntaxError, "no location");
    PyErr_Print();
    STEP("Print OSError");
    errno = ENOENT;
    PyErr_SetFromErrnoWithFilename(PyExc_OSError, "missing.txt");
    PyErr_Print();
    STEP("Print exception group");
    {
        PyObject *v3 = PyObject_CallFunction(PyExc_ValueError, "i", 3);
        PyObject *k4 = PyObject_CallFunction(PyExc_KeyError, "i", 4);
        PyObject *v1 = PyObject_CallFunction(PyExc_ValueError, "i", 1);
        PyObject *t2 = PyObject_CallFunction(PyExc_TypeError, "i", 2);
        PyObject *inner_g = PyObject_CallFunction(PyExc_BaseExceptionGroup, "s[OO]", "inner", v3, k4);
        PyObject *g = PyObject_CallFunction(PyExc_BaseExceptionGroup, "s[OOO]", "outer", v1, t2, inner_g);
        Py_XDECREF(PyObject_CallMethod(g, "add_note", "s", "group note"));
        PyErr_SetRaisedException(g);
        PyErr_Print();
        STEP("Print group member with a context");
        PyObject *ctx = PyObject_CallFunction(PyExc_ValueError, "s", "ctx");
        PyObject *t = PyObject_CallFunction(PyExc_TypeError, "s", "in group");
        PyException_SetContext(t, ctx);
        PyErr_SetRaisedException(PyObject_CallFunction(PyExc_BaseExceptionGroup, "s[O]", "g", t));
        PyErr_Print();
        STEP("Print wide group");
        PyObject *list = PyList_New(0);
        for (int i = 0; i < 17; i++) {
            PyObject *v = PyObject_CallFunction(PyExc_ValueError, "i", i);
            PyList_Append(list, v);
            Py_DECREF(v);
        }
        PyErr_SetRaisedException(PyObject_CallFunction(PyExc_BaseExceptionGroup, "sO", "many", list));
        PyErr_Print();
        STEP("Print group as a cause");
        PyErr_SetString(PyExc_TypeError, "outer");
        out = PyErr_GetRaisedException();
        PyException_SetCause(out, PyObject_CallFunction(PyExc_BaseExceptionGroup, "s[O]", "wrap", v1));
        PyErr_SetRaisedException(out);
        PyErr_Print();
        Py_DECREF(list);
        Py_DECREF(t);
        Py_DECREF(inner_g);
        Py_DECREF(v1);
        Py_DECREF(t2);
        Py_DECREF(v3);
        Py_DECREF(k4);
    }
    STEP("Print with nothing raised");
    PyErr_Print();
    STEP("DisplayException");
    out = PyObject_CallFunction(PyExc_RuntimeError, "s", "displayed");
    PyErr_DisplayException(out);
    check("DisplayException leaves no error", PyErr_Occurred() == NULL);
    Py_DECREF(out);

    STEP("WriteUnraisable(NULL)");
    PyErr_SetString(PyExc_ValueError, "msg");
    PyErr_WriteUnraisable(NULL);
    STEP("WriteUnraisable(None) with empty message");
    PyErr_SetNone(PyExc_ValueError);
    PyErr_WriteUnraisable(Py_None);
    STEP("WriteUnraisable(obj)");
    PyErr_SetString(PyExc_KeyError, "k");
    PyErr_WriteUnraisable(PyExc_KeyError);
    check("WriteUnraisable clears", PyErr_Occurred() == NULL);
    STEP("FormatUnraisable");
    PyErr_SetString(PyExc_KeyError, "k");
    PyErr_FormatUnraisable("Exception ignored while doing %s %d", "stuff", 3);
    STEP("FormatUnraisable(NULL)");
    PyErr_SetString(PyExc_KeyError, "k");
    PyErr_FormatUnraisable(NULL);
    STEP("WriteUnraisable with nothing raised");
    PyErr_WriteUnraisable(NULL);

    STEP("WarnEx");
    printf("%d\n", PyErr_WarnEx(PyExc_UserWarning, "careful", 1));
    STEP("WarnEx again (shown once)");
    printf("%d\n", PyErr_WarnEx(PyExc_UserWarning, "careful", 1));
    STEP("WarnEx NULL category");
    printf("%d\n", PyErr_WarnEx(NULL, "null category", 1));
    STEP("WarnEx DeprecationWarning (ignored)");
    printf("%d\n", PyErr_WarnEx(PyExc_DeprecationWarning, "old", 1));
    STEP("WarnEx RuntimeWarning");
    printf("%d\n", PyErr_WarnEx(PyExc_RuntimeWarning, "rt", 0));
    STEP("WarnEx bad category");
    printf("%d ", PyErr_WarnEx(PyExc_ValueError, "x", 1));
    print_error();
    printf("\n");
    STEP("WarnExplicit");
    printf("%d\n", PyErr_WarnExplicit(PyExc_UserWarning, "explicit", "file.py", 12, "mod", NULL));
    printf("%d\n", PyErr_WarnExplicit(PyExc_UserWarning, "explicit", "file.py", 12, "mod", NULL));
    STEP("WarnExplicit with source");
    printf("%d\n", PyErr_WarnExplicit(PyExc_FutureWarning, "sourced", __FILE__, 1, NULL, NULL));
    STEP("WarnExplicit DeprecationWarning in __main__");
    printf("%d\n", PyErr_WarnExplicit(PyExc_DeprecationWarning, "main dep", "main.py", 3, "__main__", NULL));
    STEP("WarnExplicitFormat");
    printf("%d\n", PyErr_WarnExplicitFormat(PyExc_UserWarning, "fmt.py", 7, NULL, NULL, "value %d", 42));
    STEP("WarnFormat");
    printf("%d\n", PyErr_WarnFormat(PyExc_UserWarning, 1, "formatted %d %s", 5, "x"));
    STEP("ResourceWarning (ignored)");
    printf("%d\n", PyErr_ResourceWarning(NULL, 1, "res %s", "x"));
    STEP("done");
#undef STEP
}

int main(void)
{
    PyObject *type, *value, *tb, *exc, *cls, *args, *o, *tuple;
    start();

    check("nothing raised", PyErr_Occurred() == NULL);
    PyErr_SetString(PyExc_ValueError, "bad value");
    check("PyErr_Occurred is ValueError", PyErr_Occurred() == PyExc_ValueError);
    check("ExceptionMatches(ValueError)", PyErr_ExceptionMatches(PyExc_ValueError));
    check("ExceptionMatches(Exception)", PyErr_ExceptionMatches(PyExc_Exception));
    check("ExceptionMatches(TypeError)", PyErr_ExceptionMatches(PyExc_TypeError));
    tuple = PyTuple_Pack(2, PyExc_TypeError, PyExc_ArithmeticError);
    check("ExceptionMatches((TypeError, ArithmeticError))", PyErr_ExceptionMatches(tuple));
    PyErr_Clear();
    check("cleared", PyErr_Occurred() == NULL);

    PyErr_SetString(PyExc_KeyError, "k");
    PyErr_Fetch(&type, &value, &tb);
    check("fetch cleared", PyErr_Occurred() == NULL);
    check("fetched type", type == PyExc_KeyError);
    show("fetched value", Py_XNewRef(value));
    check("no traceback", tb == NULL);
    PyErr_Restore(type, value, tb);
    check("restored", PyErr_ExceptionMatches(PyExc_KeyError));
    printf("print_error: ");
    print_error();
    printf("\n");

    PyErr_SetObject(PyExc_ZeroDivisionError, NULL);
    exc = PyErr_GetRaisedException();
    show("SetObject(NULL)", Py_NewRef(exc));
    show("args", PyException_GetArgs(exc));
    Py_DECREF(exc);
    o = PyLong_FromLong(5);
    PyErr_SetObject(PyExc_IndexError, o);
    show("SetObject(5)", PyErr_GetRaisedException());
    args = PyTuple_Pack(2, o, o);
    PyErr_SetObject(PyExc_OSError, args);
    show("SetObject((5, 5))", PyErr_GetRaisedException());
    Py_DECREF(args);
    Py_DECREF(o);
    PyErr_SetNone(PyExc_StopIteration);
    show("SetNone(StopIteration)", PyErr_GetRaisedException());

    show("PyErr_Format", PyErr_Format(PyExc_TypeError, "%s takes %d arguments (%zd given)", "f", 2, (Py_ssize_t)3));
    PyErr_SetString(PyExc_RuntimeError, "first");
    exc = PyErr_GetRaisedException();
    PyErr_SetRaisedException(Py_NewRef(exc));
    check("SetRaisedException", PyErr_Occurred() == PyExc_RuntimeError);
    PyErr_Clear();
    check("GivenExceptionMatches(instance, RuntimeError)",
          PyErr_GivenExceptionMatches(exc, PyExc_RuntimeError));
    check("GivenExceptionMatches(class, BaseException)",
          PyErr_GivenExceptionMatches(PyExc_RuntimeError, PyExc_BaseException));
    check("GivenExceptionMatches(instance, (TypeError, ArithmeticError))",
          PyErr_GivenExceptionMatches(exc, tuple));
    check("PyExceptionInstance_Check", PyExceptionInstance_Check(exc));
    check("PyExceptionClass_Check", PyExceptionClass_Check(PyExc_RuntimeError));
    check("PyExceptionClass_Check(instance)", PyExceptionClass_Check(exc));
    check("PyExceptionInstance_Class", PyExceptionInstance_Class(exc) == PyExc_RuntimeError);
    show("__cause__", PyException_GetCause(exc));
    Py_DECREF(tuple);

    /* Implicit chaining: raising while handling sets __context__. */
    PyErr_SetString(PyExc_ValueError, "inner");
    o = PyErr_GetRaisedException();
    PyErr_SetRaisedException(o);
    PyErr_SetString(PyExc_TypeError, "outer"); /* replaces: no handler runs */
    Py_DECREF(exc);
    exc = PyErr_GetRaisedException();
    show("outer", Py_NewRef(exc));
    show("outer.__context__", PyException_GetContext(exc));
    PyException_SetCause(exc, PyObject_CallNoArgs(PyExc_KeyError));
    show("outer.__cause__", PyException_GetCause(exc));
    show("outer.__traceback__", PyException_GetTraceback(exc));
    show_int("SetTraceback(None)", PyException_SetTraceback(exc, Py_None));
    show_int("SetTraceback(NULL)", PyException_SetTraceback(exc, NULL));
    show_int("SetTraceback(5)", PyException_SetTraceback(exc, Py_True));
    show("outer.args", PyObject_GetAttrString(exc, "args"));
    Py_DECREF(exc);

    cls = PyErr_NewException("mymod.MyError", PyExc_ValueError, NULL);
    show("NewException", Py_NewRef(cls));
    check("subclass of ValueError", PyObject_IsSubclass(cls, PyExc_ValueError) == 1);
    PyErr_SetString(cls, "custom");
    check("matches ValueError", PyErr_ExceptionMatches(PyExc_ValueError));
    show("raised custom", PyErr_GetRaisedException());
    Py_DECREF(cls);
    cls = PyErr_NewExceptionWithDoc("mymod.Documented", "A documented error.", NULL, NULL);
    show("NewExceptionWithDoc", Py_NewRef(cls));
    show("__doc__", PyObject_GetAttrString(cls, "__doc__"));
    Py_DECREF(cls);

    show("PyErr_NoMemory", PyErr_NoMemory());
    show_int("PyErr_BadArgument", PyErr_BadArgument());
    errno = ENOENT;
    show("PyErr_SetFromErrno(OSError)", PyErr_SetFromErrno(PyExc_OSError));
    errno = EACCES;
    show("SetFromErrnoWithFilename", PyErr_SetFromErrnoWithFilename(PyExc_OSError, "/nope"));
    o = PyErr_NewException("mymod.E", NULL, NULL);
    show("hierarchy: KeyError < LookupError",
         PyBool_FromLong(PyObject_IsSubclass(PyExc_KeyError, PyExc_LookupError)));
    show("hierarchy: FileNotFoundError < OSError",
         PyBool_FromLong(PyObject_IsSubclass(PyExc_FileNotFoundError, PyExc_OSError)));
    show("IOError is OSError", PyBool_FromLong(PyExc_IOError == PyExc_OSError));
    printf("E's base: %s\n", ((PyTypeObject *)o)->tp_base->tp_name);
    show("E.__module__", PyObject_GetAttrString(o, "__module__"));
    Py_DECREF(o);

    more_indicator_tests();
    printing_tests();
    return finish();
}
