// test: differential
/* The Profiling and Tracing C API: a C trace function (PyEval_SetTrace)
 * sees call, line, return and exception events with CPython's arguments
 * (NULL for a return by exception), every frame's lines whether or not it
 * has an f_trace; a C profile function (PyEval_SetProfile) sees call,
 * return and the c_* events; a function that fails stops the code it
 * traces; sys.gettrace() shows the C function's object; the AllThreads
 * forms set every thread; setting them is audited. */
#include "testing.h"

static const char *const names[] = {
    "call", "exception", "line", "return", "c_call", "c_exception", "c_return", "opcode",
};

static int fail_on_line = -1;

/* Prints one event: its name, the function, the line and the argument. */
static int tracer(PyObject *obj, PyFrameObject *frame, int what, PyObject *arg)
{
    PyCodeObject *code = PyFrame_GetCode(frame);
    PyObject *name = PyObject_GetAttrString((PyObject *)code, "co_name");
    int line = PyFrame_GetLineNumber(frame);
    printf("  %s %s %s line %d ", PyUnicode_AsUTF8(obj), names[what], PyUnicode_AsUTF8(name),
           what == PyTrace_CALL ? 0 : line);
    if (arg == NULL) {
        printf("arg NULL");
    } else if (what == PyTrace_EXCEPTION) {
        printf("arg ");
        print_type_name(PyTuple_GetItem(arg, 1));
    } else if (what == PyTrace_C_CALL || what == PyTrace_C_RETURN
               || what == PyTrace_C_EXCEPTION) {
        PyObject *n = PyObject_GetAttrString(arg, "__name__");
        printf("arg %s", PyUnicode_AsUTF8(n));
        Py_DECREF(n);
    } else {
        PyObject *r = PyObject_Repr(arg);
        printf("arg %s", PyUnicode_AsUTF8(r));
        Py_DECREF(r);
    }
    printf("\n");
    Py_DECREF(name);
    Py_DECREF(code);
    if (what == PyTrace_LINE && line == fail_on_line) {
        PyErr_SetString(PyExc_RuntimeError, "tracer stops here");
        return -1;
    }
    return 0;
}

static int audit_hook(const char *event, PyObject *args, void *data)
{
    (void)args;
    (void)data;
    if (strcmp(event, "sys.settrace") == 0 || strcmp(event, "sys.setprofile") == 0) {
        printf("audit %s\n", event);
    }
    return 0;
}

static const char *code =
    "def inner(x):\n"              /* line 1 */
    "    y = x + 1\n"              /* line 2 */
    "    return y\n"               /* line 3 */
    "def boom():\n"                /* line 4 */
    "    raise KeyError('k')\n"    /* line 5 */
    "def outer():\n"               /* line 6 */
    "    v = inner(1)\n"           /* line 7 */
    "    try:\n"                   /* line 8 */
    "        boom()\n"             /* line 9 */
    "    except KeyError:\n"       /* line 10 */
    "        pass\n"               /* line 11 */
    "    return len([v])\n";       /* line 12 */

int main(void)
{
    PySys_AddAuditHook(audit_hook, NULL);
    start();
    PyObject *globals = PyDict_New();
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
    PyObject *r = PyRun_String(code, Py_file_input, globals, globals);
    Py_XDECREF(r);
    PyObject *outer = PyDict_GetItemString(globals, "outer");
    PyObject *tag = PyUnicode_FromString("T");

    printf("trace:\n");
    PyEval_SetTrace(tracer, tag);
    PyObject *obj = PySys_GetObject("gettrace");
    PyObject *got = PyObject_CallNoArgs(obj);
    printf("sys.gettrace() is the object: %d\n", got == tag);
    Py_DECREF(got);
    r = PyObject_CallNoArgs(outer);
    PyEval_SetTrace(NULL, NULL);
    show_int("result", r ? (int)PyLong_AsLong(r) : -1);
    Py_XDECREF(r);

    printf("profile:\n");
    PyObject *ptag = PyUnicode_FromString("P");
    PyEval_SetProfile(tracer, ptag);
    r = PyObject_CallNoArgs(outer);
    PyEval_SetProfile(NULL, NULL);
    Py_XDECREF(r);

    printf("failing tracer:\n");
    fail_on_line = 3;
    PyEval_SetTraceAllThreads(tracer, tag);
    r = PyObject_CallNoArgs(outer);
    printf("call failed: %d ", r == NULL);
    print_error();
    printf("\n");
    PyEval_SetTraceAllThreads(NULL, NULL);
    PyEval_SetProfileAllThreads(NULL, NULL);
    got = PyObject_CallNoArgs(obj);
    printf("sys.gettrace() after removal is None: %d\n", got == Py_None);
    Py_DECREF(got);

    Py_DECREF(tag);
    Py_DECREF(ptag);
    Py_DECREF(globals);
    return finish();
}
