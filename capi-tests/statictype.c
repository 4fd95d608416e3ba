// test: differential
/* A type defined in C the way extensions define them: a static
 * PyTypeObject made ready with PyType_Ready, and a heap type from
 * PyType_FromSpec; instances created by calling the type; methods, members,
 * getters/setters, repr, rich comparison, deallocation. */
#include "testing.h"
#include <structmember.h>

static int deallocs;

typedef struct {
    PyObject_HEAD
    long value;
    PyObject *tag;
} Box;

static PyObject *box_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"value", "tag", NULL};
    long value = 0;
    PyObject *tag = Py_None;
    Box *self;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|lO:Box", kwlist, &value, &tag)) {
        return NULL;
    }
    self = (Box *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->value = value;
    self->tag = Py_NewRef(tag);
    return (PyObject *)self;
}

static void box_dealloc(PyObject *op)
{
    Box *self = (Box *)op;
    PyTypeObject *tp = Py_TYPE(op);
    deallocs++;
    Py_CLEAR(self->tag);
    tp->tp_free(op);
    if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE) {
        Py_DECREF(tp);
    }
}

static PyObject *box_repr(PyObject *op)
{
    Box *self = (Box *)op;
    return PyUnicode_FromFormat("Box(%ld, %R)", self->value, self->tag);
}

static PyObject *box_richcompare(PyObject *a, PyObject *b, int op)
{
    if (!PyObject_TypeCheck(b, Py_TYPE(a))) {
        Py_RETURN_NOTIMPLEMENTED;
    }
    Py_RETURN_RICHCOMPARE(((Box *)a)->value, ((Box *)b)->value, op);
}

static PyObject *box_double(PyObject *op, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(2 * ((Box *)op)->value);
}

static PyObject *box_add(PyObject *op, PyObject *arg)
{
    long n = PyLong_AsLong(arg);
    if (n == -1 && PyErr_Occurred()) {
        return NULL;
    }
    ((Box *)op)->value += n;
    Py_RETURN_NONE;
}

static PyObject *box_get_negative(PyObject *op, void *Py_UNUSED(closure))
{
    return PyLong_FromLong(-((Box *)op)->value);
}

static int box_set_negative(PyObject *op, PyObject *v, void *Py_UNUSED(closure))
{
    long n;
    if (v == NULL) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete negative");
        return -1;
    }
    n = PyLong_AsLong(v);
    if (n == -1 && PyErr_Occurred()) {
        return -1;
    }
    ((Box *)op)->value = -n;
    return 0;
}

static PyMethodDef box_methods[] = {
    {"double", box_double, METH_NOARGS, "Twice the value."},
    {"add", box_add, METH_O, "Add to the value."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef box_members[] = {
    {"value", T_LONG, offsetof(Box, value), 0, "The value."},
    {"tag", T_OBJECT, offsetof(Box, tag), READONLY, "The tag."},
    {NULL, 0, 0, 0, NULL},
};

static PyGetSetDef box_getset[] = {
    {"negative", box_get_negative, box_set_negative, "Minus the value.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyTypeObject Box_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "test.Box",
    .tp_basicsize = sizeof(Box),
    .tp_dealloc = box_dealloc,
    .tp_repr = box_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = PyDoc_STR("A box holding a number."),
    .tp_richcompare = box_richcompare,
    .tp_methods = box_methods,
    .tp_members = box_members,
    .tp_getset = box_getset,
    .tp_new = box_new,
};

static PyType_Slot heapbox_slots[] = {
    {Py_tp_new, (void *)box_new},
    {Py_tp_dealloc, (void *)box_dealloc},
    {Py_tp_repr, (void *)box_repr},
    {Py_tp_methods, box_methods},
    {Py_tp_members, box_members},
    {0, NULL},
};

static PyType_Spec heapbox_spec = {
    "test.HeapBox", (int)sizeof(Box), 0, Py_TPFLAGS_DEFAULT, heapbox_slots,
};

static void exercise(const char *name, PyObject *type)
{
    PyObject *a, *b, *five, *args;
    char label[80];

    five = PyLong_FromLong(5);
    args = Py_BuildValue("(is)", 7, "seven");
    a = PyObject_Call(type, args, NULL);
    Py_DECREF(args);
    b = PyObject_CallOneArg(type, five);
    snprintf(label, sizeof label, "%s a", name);
    show(label, Py_XNewRef(a));
    snprintf(label, sizeof label, "%s b", name);
    show(label, Py_XNewRef(b));
    if (a == NULL || b == NULL) {
        Py_XDECREF(a);
        Py_XDECREF(b);
        Py_DECREF(five);
        return;
    }
    show("type(a)", PyObject_Type(a));
    show("a.double()", PyObject_CallMethod(a, "double", NULL));
    show("a.add(5)", PyObject_CallMethod(a, "add", "O", five));
    show("a.value", PyObject_GetAttrString(a, "value"));
    show("a.tag", PyObject_GetAttrString(a, "tag"));
    show_int("a.value = 5", PyObject_SetAttrString(a, "value", five));
    show_int("a.tag = 5 (read-only)", PyObject_SetAttrString(a, "tag", five));
    show_int("a.value = a", PyObject_SetAttrString(a, "value", a));
    show_int("a.value = 5", PyObject_SetAttrString(a, "value", five));
    show("a.add('x')", PyObject_CallMethod(a, "add", "s", "x"));
    show("a.double(1)", PyObject_CallMethod(a, "double", "i", 1));
    show("a.missing", PyObject_GetAttrString(a, "missing"));
    show("a == b", PyObject_RichCompare(a, b, Py_EQ));
    show("a < b", PyObject_RichCompare(a, b, Py_LT));
    show("a == 5", PyObject_RichCompare(a, five, Py_EQ));
    if (PyObject_HasAttrString(type, "negative")) {
        show("a.negative", PyObject_GetAttrString(a, "negative"));
        show_int("a.negative = 5", PyObject_SetAttrString(a, "negative", five));
        show_int("del a.negative", PyObject_DelAttrString(a, "negative"));
    }
    show("a after changes", Py_NewRef(a));
    show("type(1, 2, 3)", PyObject_CallFunction(type, "iii", 1, 2, 3));
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(five);
}

int main(void)
{
    PyObject *heap;
    start();

    show_int("PyType_Ready", PyType_Ready(&Box_Type));
    check("ready flag", PyType_HasFeature(&Box_Type, Py_TPFLAGS_READY));
    check("base is object", Box_Type.tp_base == &PyBaseObject_Type);
    show("Box", Py_NewRef((PyObject *)&Box_Type));
    show("Box.__doc__", PyObject_GetAttrString((PyObject *)&Box_Type, "__doc__"));
    show("Box.__name__", PyObject_GetAttrString((PyObject *)&Box_Type, "__name__"));
    show("Box.__module__", PyObject_GetAttrString((PyObject *)&Box_Type, "__module__"));
    exercise("Box", (PyObject *)&Box_Type);
    printf("deallocs: %d\n", deallocs);

    heap = PyType_FromSpec(&heapbox_spec);
    show("HeapBox", Py_XNewRef(heap));
    if (heap != NULL) {
        check("heap type flag", PyType_HasFeature((PyTypeObject *)heap, Py_TPFLAGS_HEAPTYPE));
        exercise("HeapBox", heap);
        Py_DECREF(heap);
    }
    printf("deallocs: %d\n", deallocs);
    return finish();
}
