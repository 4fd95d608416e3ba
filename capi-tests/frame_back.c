// test: differential
/* PyFrame_GetBack from a C function that Python code calls: the chain of
 * callers up to the module frame, each a new reference, then NULL with no
 * exception at the outermost frame. */
#include "testing.h"

/* chain(): the names of the running frame and all its callers. */
static PyObject *chain(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    PyObject *names = PyList_New(0);
    PyFrameObject *frame = PyEval_GetFrame();
    Py_XINCREF(frame);
    while (frame != NULL && names != NULL) {
        PyCodeObject *code = PyFrame_GetCode(frame);
        PyObject *name = PyObject_GetAttrString((PyObject *)code, "co_name");
        PyFrameObject *back = PyFrame_GetBack(frame);
        if (name == NULL || PyList_Append(names, name) < 0) {
            Py_CLEAR(names);
        }
        Py_XDECREF(name);
        Py_DECREF(code);
        Py_DECREF(frame);
        frame = back;
    }
    Py_XDECREF(frame);
    if (names != NULL && PyErr_Occurred()) {
        Py_CLEAR(names);
    }
    return names;
}

static PyMethodDef methods[] = {
    {"chain", chain, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

int main(void)
{
    start();
    PyObject *globals = PyDict_New();
    PyObject *fn = PyCFunction_New(&methods[0], NULL);
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
    PyDict_SetItemString(globals, "chain", fn);
    Py_DECREF(fn);
    PyObject *r = PyRun_String("def inner():\n"
                               "    return chain()\n"
                               "def outer():\n"
                               "    return inner()\n"
                               "result = (chain(), outer(), next(chain() for _ in 'x'))\n",
                               Py_file_input, globals, globals);
    show("run", r);
    show("frames", Py_NewRef(PyDict_GetItemString(globals, "result")));
    show("outside Python", chain(NULL, NULL));
    Py_DECREF(globals);
    return finish();
}
