/* A stable-ABI extension module with multi-phase initialization (PEP 489):
 * PyInit_multiphase returns its PyModuleDef; the importer creates the
 * module from a spec and runs the Py_mod_exec slot, which sees the module's
 * spec-given name and its per-module state. */
#include <Python.h>

typedef struct {
    long calls;
} mp_state;

static PyObject *mp_count(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    mp_state *st = (mp_state *)PyModule_GetState(module);
    if (st == NULL) {
        return NULL;
    }
    st->calls++;
    return PyLong_FromLong(st->calls);
}

static int mp_exec(PyObject *module)
{
    PyObject *name = PyModule_GetNameObject(module);
    int r;
    if (name == NULL) {
        return -1;
    }
    r = PyModule_AddObjectRef(module, "NAME_AT_EXEC", name);
    Py_DECREF(name);
    if (r < 0) {
        return -1;
    }
    return PyModule_AddStringConstant(module, "KIND", "multi-phase");
}

static PyMethodDef mp_methods[] = {
    {"count", mp_count, METH_NOARGS, "count() -> calls so far"},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot mp_slots[] = {
    {Py_mod_exec, (void *)mp_exec},
    {0, NULL},
};

static struct PyModuleDef mp_module = {
    PyModuleDef_HEAD_INIT, "multiphase", "A multi-phase test module.", sizeof(mp_state),
    mp_methods, mp_slots, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_multiphase(void)
{
    return PyModuleDef_Init(&mp_module);
}
