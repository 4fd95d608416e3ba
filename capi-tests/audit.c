// test: differential
/* PEP 578 from C: a hook added before initialization sees PySys_Audit's
 * events with the arguments its format builds, and events raised from
 * Python; a hook that fails aborts the event; hooks go at finalization,
 * after the events that announce it. */
#include "testing.h"

static int calls;

static int hook(const char *event, PyObject *args, void *data)
{
    /* Finalization: the interpreter's state is cleared, then the hooks. */
    if (strcmp(event, "cpython.PyInterpreterState_Clear") == 0
        || strcmp(event, "cpython._PySys_ClearAuditHooks") == 0) {
        printf("hook(%s) %s %zd args\n", (const char *)data, event, PyTuple_Size(args));
        fflush(stdout);
        return 0;
    }
    if (strncmp(event, "test.", 5) != 0) {
        return 0;
    }
    calls++;
    PyObject *r = PyObject_Repr(args);
    printf("hook(%s) %s %s\n", (const char *)data, event, r ? PyUnicode_AsUTF8(r) : "?");
    Py_XDECREF(r);
    if (strcmp(event, "test.fail") == 0) {
        PyErr_SetString(PyExc_RuntimeError, "hook says no");
        return -1;
    }
    return 0;
}

int main(void)
{
    printf("AddAuditHook before init: %d\n", PySys_AddAuditHook(hook, "early"));
    start();
    show_int("Audit no args", PySys_Audit("test.none", NULL));
    show_int("Audit (is)", PySys_Audit("test.fmt", "is", 7, "seven"));
    show_int("Audit single O", PySys_Audit("test.one", "O", Py_None));
    PyObject *t = Py_BuildValue("(ii)", 1, 2);
    show_int("AuditTuple", PySys_AuditTuple("test.tuple", t));
    Py_DECREF(t);
    show_int("AuditTuple(NULL)", PySys_AuditTuple("test.null", NULL));
    show_int("Audit failing", PySys_Audit("test.fail", "i", 1));
    print_error();
    printf("\n");
    show_int("sys.audit from Python", PyRun_SimpleString("import sys; sys.audit('test.py', 'x')"));
    printf("calls: %d\n", calls);
    return finish();
}
