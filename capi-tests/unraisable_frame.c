// test: differential
/* PyErr_WriteUnraisable and PyErr_FormatUnraisable on an exception raised
 * in C (so without a traceback): the report's traceback is the running
 * Python frame, and there is none when no Python code runs. */
#include "testing.h"

/* report(): raises ValueError in C and reports it as unraisable. */
static PyObject *report(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    PyErr_SetString(PyExc_ValueError, "from C");
    PyErr_WriteUnraisable(NULL);
    PyErr_SetString(PyExc_KeyError, "formatted");
    PyErr_FormatUnraisable("Exception ignored while testing %d", 1);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"report", report, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

int main(void)
{
    start();
    PyObject *globals = PyDict_New();
    PyObject *fn = PyCFunction_New(&methods[0], NULL);
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
    PyDict_SetItemString(globals, "report", fn);
    PyObject *r = PyRun_String(
        "import sys\n"
        "seen = []\n"
        "def hook(u):\n"
        "    tb = u.exc_traceback\n"
        "    seen.append((u.exc_type.__name__, u.err_msg,\n"
        "                 tb and (tb.tb_frame.f_code.co_name, tb.tb_next)))\n"
        "sys.unraisablehook = hook\n"
        "def caller():\n"
        "    report()\n"
        "caller()\n"
        "report()\n",
        Py_file_input, globals, globals);
    show("run", r);
    show("from Python", Py_NewRef(PyDict_GetItemString(globals, "seen")));
    PyList_SetSlice(PyDict_GetItemString(globals, "seen"), 0, PY_SSIZE_T_MAX, NULL);
    show("outside Python", report(NULL, NULL));
    show("seen", Py_NewRef(PyDict_GetItemString(globals, "seen")));
    Py_DECREF(fn);
    Py_DECREF(globals);
    return finish();
}
