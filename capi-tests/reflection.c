// test: differential
/* The Reflection functions seen from C code that Python calls:
 * PyEval_GetFrame, PyEval_GetFrameLocals/Globals/Builtins inside a
 * function and at module level; no frame outside Python code. (CPython
 * 3.13 crashes when the Frame* functions are called with no frame.) */
#include "testing.h"

static PyObject *probe(PyObject *self, PyObject *unused)
{
    (void)self;
    (void)unused;
    PyObject *locals = PyEval_GetFrameLocals();
    PyObject *globals = PyEval_GetFrameGlobals();
    PyObject *builtins = PyEval_GetFrameBuiltins();
    PyObject *keys = locals ? PySequence_List(locals) : NULL;
    if (keys != NULL) {
        PyList_Sort(keys);
    }
    PyObject *r = Py_BuildValue("(ONiiO)", PyEval_GetFrame() != NULL ? Py_True : Py_False,
                                keys ? keys : Py_None,
                                globals != NULL && PyDict_GetItemString(globals, "marker") != NULL,
                                builtins != NULL && PyDict_GetItemString(builtins, "len") != NULL,
                                locals ? PyDict_GetItemString(locals, "a") ? PyDict_GetItemString(locals, "a") : Py_None : Py_None);
    Py_XDECREF(locals);
    Py_XDECREF(globals);
    Py_XDECREF(builtins);
    return r;
}

static PyMethodDef probe_def = {"probe", probe, METH_NOARGS, NULL};

int main(void)
{
    start();
    check("no frame outside Python", PyEval_GetFrame() == NULL);
    PyObject *g = PyDict_New();
    PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins());
    PyObject *fn = PyCFunction_New(&probe_def, NULL);
    PyDict_SetItemString(g, "probe", fn);
    Py_DECREF(fn);
    PyObject *r = PyRun_String("marker = 1\n"
                               "def f(a, b=2):\n"
                               "    c = a + b\n"
                               "    return probe()\n"
                               "in_function = f(40)\n"
                               "at_module = probe()[:4]\n",
                               Py_file_input, g, g);
    show("run", r);
    show("in function", Py_NewRef(PyDict_GetItemString(g, "in_function")));
    PyObject *m = PyDict_GetItemString(g, "at_module");
    show("at module level", m ? Py_NewRef(m) : NULL);
    Py_DECREF(g);
    return finish();
}
