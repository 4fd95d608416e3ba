/* An extension module for ferrython, written exactly as for CPython: a
 * function and a static type with a method, a member and a getter.
 *
 *     cc -shared -fPIC spam.c -o spam.so $(pkg-config --cflags ferrython)
 *
 * It does not link against libferrython.so: its symbols come from the
 * process that loads it (the ferrython binary, or an embedding program). */
#include <Python.h>
#include <structmember.h>

/* spam.add(a, b): the sum of two ints. */
static PyObject *spam_add(PyObject *Py_UNUSED(module), PyObject *args)
{
    long a, b;
    if (!PyArg_ParseTuple(args, "ll:add", &a, &b)) {
        return NULL;
    }
    return PyLong_FromLong(a + b);
}

/* spam.Counter: counts calls to increment(). */
typedef struct {
    PyObject_HEAD
    long count;
    long step;
} Counter;

static PyObject *counter_new(PyTypeObject *type, PyObject *Py_UNUSED(args),
                             PyObject *Py_UNUSED(kwargs))
{
    Counter *self = (Counter *)type->tp_alloc(type, 0);
    if (self != NULL) {
        self->count = 0;
        self->step = 1;
    }
    return (PyObject *)self;
}

static void counter_dealloc(PyObject *self)
{
    Py_TYPE(self)->tp_free(self);
}

static PyObject *counter_increment(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    Counter *c = (Counter *)self;
    c->count += c->step;
    return PyLong_FromLong(c->count);
}

static PyObject *counter_get_double(PyObject *self, void *Py_UNUSED(closure))
{
    return PyLong_FromLong(2 * ((Counter *)self)->count);
}

static PyMethodDef counter_methods[] = {
    {"increment", counter_increment, METH_NOARGS, "Add step to the count; return it."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef counter_members[] = {
    {"count", Py_T_LONG, offsetof(Counter, count), Py_READONLY, "The count."},
    {"step", T_LONG, offsetof(Counter, step), 0, "How much increment() adds."},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef counter_getset[] = {
    {"double", counter_get_double, NULL, "Twice the count.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject Counter_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "spam.Counter",
    .tp_basicsize = sizeof(Counter),
    .tp_dealloc = counter_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = PyDoc_STR("A counter."),
    .tp_methods = counter_methods,
    .tp_members = counter_members,
    .tp_getset = counter_getset,
    .tp_new = counter_new,
};

static PyMethodDef spam_methods[] = {
    {"add", spam_add, METH_VARARGS, "add(a, b) -> a + b"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef spam_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "spam",
    .m_doc = "An example extension module.",
    .m_size = -1,
    .m_methods = spam_methods,
};

PyMODINIT_FUNC PyInit_spam(void)
{
    PyObject *m;
    if (PyType_Ready(&Counter_Type) < 0) {
        return NULL;
    }
    m = PyModule_Create(&spam_module);
    if (m == NULL) {
        return NULL;
    }
    if (PyModule_AddObjectRef(m, "Counter", (PyObject *)&Counter_Type) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
