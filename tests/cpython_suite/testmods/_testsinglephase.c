/* _testsinglephase: a test-support module for running CPython's own test
 * suite (Lib/test) under ferrython. It is NOT part of the runtime.
 *
 * CPython's test_importlib (and, through its util module, test_compileall
 * and test_pkgutil) imports this extension to have one built with the
 * legacy single-phase initialization (PyInit_ returns the module, made
 * with PyModule_Create). This is our own small module of that kind: a
 * module-level error, two constants, and functions that look the module
 * up again and add two ints, enough for the tests that import it and
 * check that it loaded as single-phase.
 */
#include <Python.h>

static PyObject *error;

/* sum(a, b): a + b, for two ints that fit a C long. */
static PyObject *sum(PyObject *Py_UNUSED(module), PyObject *args)
{
    long a, b;
    if (!PyArg_ParseTuple(args, "ll:sum", &a, &b)) {
        return NULL;
    }
    return PyLong_FromLong(a + b);
}

/* look_up_self(): the module object the interpreter keeps for this
 * definition (PyState_FindModule), which single-phase modules have. */
static PyObject *look_up_self(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored));

/* state_initialized(): whether the module was initialized (it has no
 * per-module state, so always True once imported). */
static PyObject *state_initialized(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    Py_RETURN_TRUE;
}

static PyMethodDef methods[] = {
    {"sum", sum, METH_VARARGS, NULL},
    {"look_up_self", look_up_self, METH_NOARGS, NULL},
    {"state_initialized", state_initialized, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_testsinglephase",
    .m_size = -1,
    .m_methods = methods,
};

static PyObject *look_up_self(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    PyObject *self = PyState_FindModule(&def);
    if (self == NULL) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_SystemError, "_testsinglephase is not registered");
        }
        return NULL;
    }
    return Py_NewRef(self);
}

PyMODINIT_FUNC PyInit__testsinglephase(void)
{
    PyObject *m = PyModule_Create(&def);
    if (m == NULL) {
        return NULL;
    }
    if (error == NULL) {
        error = PyErr_NewException("_testsinglephase.error", NULL, NULL);
        if (error == NULL) {
            goto fail;
        }
    }
    if (PyModule_AddObjectRef(m, "error", error) < 0
        || PyModule_AddIntConstant(m, "int_const", 1969) < 0
        || PyModule_AddStringConstant(m, "str_const", "something different") < 0) {
        goto fail;
    }
    return m;
fail:
    Py_DECREF(m);
    return NULL;
}
