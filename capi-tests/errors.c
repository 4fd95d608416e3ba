// test: differential
/* The error indicator: set, inspect, fetch/restore, raised-exception API,
 * matching, formatting, new exception classes, exception attributes. */
#include "testing.h"
#include <errno.h>

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
    show("E's base", PyObject_GetAttrString(o, "__base__"));
    Py_DECREF(o);
    return finish();
}
