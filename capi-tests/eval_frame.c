/* PyEval_EvalFrame(Ex) refuses the frames C code can reach (running,
 * finished, or a generator's), which CPython would run a second time;
 * PyEval_EvalCodeEx checks the closure against the code's free
 * variables. Ferrython only (CPython crashes on these). */
#include "testing.h"

static PyObject *eval_running(PyObject *self, PyObject *args)
{
    return PyEval_EvalFrame(PyEval_GetFrame());
}

static PyMethodDef methods[] = {
    {"eval_running", eval_running, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

int main(void)
{
    start();
    PyObject *g = PyDict_New();
    PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins());
    PyObject *m = PyModule_New("helpers");
    PyModule_AddFunctions(m, methods);
    PyDict_SetItemString(g, "eval_running", PyObject_GetAttrString(m, "eval_running"));
    PyObject *r = PyRun_String("def f():\n"
                               "    return eval_running()\n"
                               "try:\n"
                               "    f()\n"
                               "except SystemError as e:\n"
                               "    print('running frame:', e)\n"
                               "    done = e.__traceback__.tb_frame\n"
                               "def gen():\n"
                               "    yield 1\n"
                               "gframe = gen().gi_frame\n"
                               "def outer():\n"
                               "    x = 1\n"
                               "    def inner():\n"
                               "        return x\n"
                               "    return inner\n"
                               "free_code = outer().__code__\n",
                               Py_file_input, g, g);
    show("setup", r);
    PyFrameObject *done = (PyFrameObject *)PyDict_GetItemString(g, "done");
    show("finished frame", PyEval_EvalFrame(done));
    show("finished frame, Ex", PyEval_EvalFrameEx(done, 0));
    show("generator frame", PyEval_EvalFrame((PyFrameObject *)PyDict_GetItemString(g, "gframe")));
    show("NULL frame", PyEval_EvalFrame(NULL));
    PyObject *code = PyDict_GetItemString(g, "free_code");
    show("EvalCodeEx without the closure", PyEval_EvalCodeEx(code, g, NULL, NULL, 0, NULL, 0, NULL, 0, NULL, NULL));
    PyObject *cell = PyCell_New(PyLong_FromLong(7));
    PyObject *closure = PyTuple_Pack(1, cell);
    show("EvalCodeEx with it", PyEval_EvalCodeEx(code, g, NULL, NULL, 0, NULL, 0, NULL, 0, NULL, closure));
    show("EvalCodeEx not code", PyEval_EvalCodeEx(g, g, NULL, NULL, 0, NULL, 0, NULL, 0, NULL, NULL));
    show("EvalCodeEx bad kwdefs", PyEval_EvalCodeEx(code, g, NULL, NULL, 0, NULL, 0, NULL, 0, closure, closure));
    Py_DECREF(closure);
    Py_DECREF(cell);
    Py_DECREF(m);
    Py_DECREF(g);
    return finish();
}
