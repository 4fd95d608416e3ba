/* A stable-ABI extension module: only limited-API calls, a heap type from
 * PyType_FromSpec, single-phase init. The abi3 test builds it against
 * CPython 3.13's headers with Py_LIMITED_API=0x030c0000, as a wheel would
 * ship it, and loads that binary unchanged. */
#include <Python.h>
#include <stddef.h> /* offsetof: the limited API does not include it */

static PyObject *abi3_add(PyObject *Py_UNUSED(module), PyObject *args)
{
    long a, b;
    if (!PyArg_ParseTuple(args, "ll", &a, &b)) {
        return NULL;
    }
    return PyLong_FromLong(a + b);
}

static PyObject *abi3_describe(PyObject *Py_UNUSED(module), PyObject *arg)
{
    return PyUnicode_FromFormat("%s of length %zd", PyLong_Check(arg) ? "int" : "object",
                                PyObject_Length(arg));
}

static PyObject *abi3_none(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    Py_RETURN_NONE;
}

typedef struct {
    PyObject_HEAD
    long count;
} Counter;

static PyObject *counter_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    allocfunc alloc = (allocfunc)PyType_GetSlot(type, Py_tp_alloc);
    Counter *self;
    if (!PyArg_ParseTuple(args, ":Counter") || (kwargs != NULL && PyObject_Length(kwargs) > 0)) {
        if (!PyErr_Occurred()) {
            PyErr_SetString(PyExc_TypeError, "Counter() takes no arguments");
        }
        return NULL;
    }
    self = (Counter *)alloc(type, 0);
    if (self != NULL) {
        self->count = 0;
    }
    return (PyObject *)self;
}

static void counter_dealloc(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    freefunc tp_free = (freefunc)PyType_GetSlot(tp, Py_tp_free);
    tp_free(self);
    Py_DECREF(tp);
}

static PyObject *counter_increment(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    ((Counter *)self)->count++;
    return PyLong_FromLong(((Counter *)self)->count);
}

static PyMethodDef counter_methods[] = {
    {"increment", counter_increment, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef counter_members[] = {
    {"count", Py_T_LONG, offsetof(Counter, count), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyType_Slot counter_slots[] = {
    {Py_tp_new, (void *)counter_new},
    {Py_tp_dealloc, (void *)counter_dealloc},
    {Py_tp_methods, counter_methods},
    {Py_tp_members, counter_members},
    {0, NULL},
};

static PyType_Spec counter_spec = {
    "abi3mod.Counter", (int)sizeof(Counter), 0, Py_TPFLAGS_DEFAULT, counter_slots,
};

static PyMethodDef abi3_methods[] = {
    {"add", abi3_add, METH_VARARGS, "add(a, b)"},
    {"describe", abi3_describe, METH_O, NULL},
    {"none", abi3_none, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef abi3_module = {
    PyModuleDef_HEAD_INIT, "abi3mod", "A stable-ABI test module.", -1, abi3_methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_abi3mod(void)
{
    PyObject *m = PyModule_Create(&abi3_module);
    PyObject *counter;
    if (m == NULL) {
        return NULL;
    }
    counter = PyType_FromSpec(&counter_spec);
    if (counter == NULL || PyModule_AddObjectRef(m, "Counter", counter) < 0
        || PyModule_AddIntConstant(m, "ANSWER", 42) < 0) {
        Py_XDECREF(counter);
        Py_DECREF(m);
        return NULL;
    }
    Py_DECREF(counter);
    return m;
}
