/* _testinternalcapi: a test-support module for running CPython's own test
 * suite (Lib/test) under ferrython. It is NOT part of the runtime.
 *
 * In CPython this module reports interpreter internals to the tests. This
 * is our own implementation of the parts the tests we run use, built like
 * any third-party extension against ferrython's Python.h by
 * tests/cpython_suite/run.sh. Every answer is what is true of ferrython,
 * found through its C API (the public one, or a CPython internal that
 * ferrython exports for this module); an internal that ferrython does
 * not have is simply absent.
 */
#include <Python.h>

/* has_inline_values(obj): whether obj keeps its attribute values inline,
 * after the object header. Ferrython stores instance attributes in a
 * dict only and gives no type Py_TPFLAGS_INLINE_VALUES, so this is the
 * type's flag. */
static PyObject *has_inline_values(PyObject *Py_UNUSED(module), PyObject *obj)
{
    return PyBool_FromLong(PyType_HasFeature(Py_TYPE(obj), Py_TPFLAGS_INLINE_VALUES));
}

/* get_recursion_depth(): how many Python frames the current thread is
 * running (1 at the module level of __main__). */
static PyObject *get_recursion_depth(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    long depth = 0;
    PyFrameObject *frame = PyEval_GetFrame();
    Py_XINCREF(frame);
    while (frame != NULL) {
        PyFrameObject *back = PyFrame_GetBack(frame);
        Py_DECREF(frame);
        frame = back;
        depth++;
    }
    return PyLong_FromLong(depth);
}

/* suppress_immortalization(flag) and get_immortalize_deferred(): in
 * CPython's free-threaded build, objects that use deferred reference
 * counting are made immortal, and tests can turn that off. Ferrython has
 * the GIL build's behaviour: nothing is immortalized that way, so there
 * is nothing to suppress. */
static PyObject *suppress_immortalization(PyObject *Py_UNUSED(module), PyObject *flag)
{
    if (PyObject_IsTrue(flag) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *get_immortalize_deferred(PyObject *Py_UNUSED(module),
                                          PyObject *Py_UNUSED(ignored))
{
    Py_RETURN_FALSE;
}

/* get_config(): the interpreter's configuration as a dict, one item per
 * option that PyConfig_Names() lists, valued by PyConfig_Get(). */
static PyObject *get_config(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    PyObject *names, *iter, *name, *config;
    names = PyConfig_Names();
    if (names == NULL) {
        return NULL;
    }
    iter = PyObject_GetIter(names);
    Py_DECREF(names);
    if (iter == NULL) {
        return NULL;
    }
    config = PyDict_New();
    while (config != NULL && (name = PyIter_Next(iter)) != NULL) {
        const char *utf8 = PyUnicode_AsUTF8(name);
        PyObject *value = utf8 == NULL ? NULL : PyConfig_Get(utf8);
        if (value == NULL || PyDict_SetItem(config, name, value) < 0) {
            Py_CLEAR(config);
        }
        Py_XDECREF(value);
        Py_DECREF(name);
    }
    Py_DECREF(iter);
    if (PyErr_Occurred()) {
        Py_XDECREF(config);
        return NULL;
    }
    return config;
}

/* The allocators' name, from the runtime, as CPython's
 * pymem_getallocatorsname. */
static PyObject *pymem_getallocatorsname(PyObject *self, PyObject *unused)
{
    const char *name = _PyMem_GetCurrentAllocatorName();
    if (name == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "cannot get allocators name");
        return NULL;
    }
    return PyUnicode_FromString(name);
}

static PyMethodDef functions[] = {
    {"get_config", get_config, METH_NOARGS, NULL},
    {"has_inline_values", has_inline_values, METH_O, NULL},
    {"get_recursion_depth", get_recursion_depth, METH_NOARGS, NULL},
    {"suppress_immortalization", suppress_immortalization, METH_O, NULL},
    {"get_immortalize_deferred", get_immortalize_deferred, METH_NOARGS, NULL},
    {"pymem_getallocatorsname", pymem_getallocatorsname, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_testinternalcapi",
    .m_doc = "Runtime facts for CPython's test suite (ferrython's own version).",
    .m_size = 0,
    .m_methods = functions,
};

PyMODINIT_FUNC PyInit__testinternalcapi(void)
{
    return PyModuleDef_Init(&module_def);
}
