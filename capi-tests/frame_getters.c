// test: differential
/* The frame getters of the C API from a C function that Python code
 * calls: PyFrame_GetLocals (a write-through FrameLocalsProxy for a function
 * frame, the dict of a module frame), PyFrame_GetGlobals,
 * PyFrame_GetBuiltins, PyFrame_GetLasti and PyFrame_GetVar(String), with
 * their errors. */
#include "testing.h"

/* probe(name): facts about the caller's frame and its variable `name`. */
static PyObject *probe(PyObject *Py_UNUSED(self), PyObject *name)
{
    PyFrameObject *frame = PyEval_GetFrame();
    if (frame == NULL) {
        Py_RETURN_NONE;
    }
    PyObject *locals = PyFrame_GetLocals(frame);
    PyObject *globals = PyFrame_GetGlobals(frame);
    PyObject *builtins = PyFrame_GetBuiltins(frame);
    if (locals == NULL || globals == NULL || builtins == NULL) {
        Py_XDECREF(locals);
        Py_XDECREF(globals);
        Py_XDECREF(builtins);
        return NULL;
    }
    PyObject *value = PyFrame_GetVar(frame, name);
    if (value == NULL) {
        PyObject *exc = PyErr_GetRaisedException();
        value = PyUnicode_FromFormat("%s: %S", Py_TYPE(exc)->tp_name, exc);
        Py_DECREF(exc);
    }
    PyObject *r = Py_BuildValue("(sOOiN)", Py_TYPE(locals)->tp_name,
                                PyDict_Check(globals) ? Py_True : Py_False,
                                builtins == PyEval_GetBuiltins() ? Py_True : Py_False,
                                PyFrame_GetLasti(frame) > 0, value);
    Py_DECREF(locals);
    Py_DECREF(globals);
    Py_DECREF(builtins);
    return r;
}

/* store_var(name, value): stores into the caller's locals through
 * PyFrame_GetLocals. */
static PyObject *store_var(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *name, *value;
    if (!PyArg_ParseTuple(args, "OO", &name, &value)) {
        return NULL;
    }
    PyObject *locals = PyFrame_GetLocals(PyEval_GetFrame());
    if (locals == NULL) {
        return NULL;
    }
    int r = PyObject_SetItem(locals, name, value);
    Py_DECREF(locals);
    if (r < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* var_string(): PyFrame_GetVarString for "x" in the caller's frame. */
static PyObject *var_string(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    return PyFrame_GetVarString(PyEval_GetFrame(), "x");
}

static PyMethodDef methods[] = {
    {"probe", probe, METH_O, NULL},
    {"store_var", store_var, METH_VARARGS, NULL},
    {"var_string", var_string, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

int main(void)
{
    start();
    PyObject *globals = PyDict_New();
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
    for (PyMethodDef *m = methods; m->ml_name != NULL; m++) {
        PyObject *fn = PyCFunction_New(m, NULL);
        PyDict_SetItemString(globals, m->ml_name, fn);
        Py_DECREF(fn);
    }
    PyObject *r = PyRun_String("def f(a):\n"
                               "    x = a * 2\n"
                               "    def inner():\n"
                               "        return a\n"
                               "    got = [probe('x'), probe('a'), probe('missing'), var_string()]\n"
                               "    store_var('x', 'written')\n"
                               "    store_var('extra', 42)\n"
                               "    got.append((x, locals()['extra']))\n"
                               "    return got\n"
                               "x = 'module x'\n"
                               "result = f(21) + [probe('x')]\n"
                               "try:\n"
                               "    var_string()\n"
                               "except NameError as e:\n"
                               "    result.append(str(e))\n"
                               "result.append(probe(5))\n",
                               Py_file_input, globals, globals);
    show("run", r);
    show("result", Py_XNewRef(PyDict_GetItemString(globals, "result")));
    Py_DECREF(globals);
    return finish();
}
