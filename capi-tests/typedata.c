// test: differential
/* PyType_GetTypeDataSize and PyObject_GetTypeData (3.12) on types made
 * from specs with negative (extending), positive and inherited basic
 * sizes, with a Py_RELATIVE_OFFSET member that must land in the type's
 * data; _PyObject_GC_Resize (PyObject_GC_Resize) of a variable-size
 * collected object; PyType_ClearCache. */
#include "testing.h"
#include <stddef.h>

typedef struct {
    long a;
    double b;
} Data;

static PyMemberDef data_members[] = {
    {"a", Py_T_LONG, offsetof(Data, a), Py_RELATIVE_OFFSET, NULL},
    {NULL},
};

static PyType_Slot extend_slots[] = {
    {Py_tp_members, data_members},
    {0, NULL},
};

static PyObject *make_type(const char *name, int basicsize, PyType_Slot *slots,
                           PyObject *base)
{
    PyType_Spec spec = {name, basicsize, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, slots};
    return PyType_FromSpecWithBases(&spec, base);
}

static PyType_Slot plain_slots[] = {{0, NULL}};

static int vec_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(Py_TYPE(self));
    return 0;
}

static PyType_Slot vec_slots[] = {
    {Py_tp_traverse, vec_traverse},
    {0, NULL},
};

static void report(const char *label, PyObject *type)
{
    PyTypeObject *tp = (PyTypeObject *)type;
    PyObject *obj = PyObject_CallNoArgs(type);
    printf("%s: data size %zd, data offset %td\n", label, PyType_GetTypeDataSize(tp),
           (char *)PyObject_GetTypeData(obj, tp) - (char *)obj);
    Py_DECREF(obj);
}

int main(void)
{
    start();
    PyObject *ext = make_type("m.Extend", -(int)sizeof(Data), extend_slots, NULL);
    report("extends object by Data", ext);
    PyObject *obj = PyObject_CallNoArgs(ext);
    Data *d = PyObject_GetTypeData(obj, (PyTypeObject *)ext);
    d->a = 1234;
    d->b = 2.5;
    show("member a reads the type data", PyObject_GetAttrString(obj, "a"));
    PyObject *v = PyLong_FromLong(-7);
    PyObject_SetAttrString(obj, "a", v);
    Py_DECREF(v);
    show_int("type data after setting a", d->a);
    Py_DECREF(obj);

    PyObject *sub = make_type("m.Sub", -8, plain_slots, ext);
    report("extends Extend by 8", sub);
    obj = PyObject_CallNoArgs(sub);
    check("Extend's data inside a Sub", PyObject_GetTypeData(obj, (PyTypeObject *)ext) == (char *)obj + 16);
    check("Sub's data after Extend's", (char *)PyObject_GetTypeData(obj, (PyTypeObject *)sub) >= (char *)obj + 16 + sizeof(Data));
    Py_DECREF(obj);
    Py_DECREF(sub);

    PyObject *fsub = make_type("m.FloatSub", -1, plain_slots, (PyObject *)&PyFloat_Type);
    report("extends float by 1", fsub);
    Py_DECREF(fsub);
    PyObject *fixed = make_type("m.Fixed", (int)sizeof(PyObject) + 24, plain_slots, NULL);
    report("basicsize object+24", fixed);
    Py_DECREF(fixed);
    PyObject *inherit = make_type("m.Inherit", 0, plain_slots, ext);
    report("inherits Extend's size", inherit);
    Py_DECREF(inherit);
    Py_DECREF(ext);

    /* PyObject_GC_Resize */
    PyType_Spec vec_spec = {"m.Vec", sizeof(PyVarObject), sizeof(PyObject *),
                            Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC, vec_slots};
    PyObject *vec_type = PyType_FromSpec(&vec_spec);
    PyVarObject *vec = PyObject_GC_NewVar(PyVarObject, (PyTypeObject *)vec_type, 2);
    show_int("Py_SIZE after GC_NewVar", Py_SIZE(vec));
    vec = PyObject_GC_Resize(PyVarObject, vec, 100);
    show_int("Py_SIZE after GC_Resize(100)", Py_SIZE(vec));
    memset((char *)vec + sizeof(PyVarObject), 0, 100 * sizeof(PyObject *));
    vec = PyObject_GC_Resize(PyVarObject, vec, 1);
    show_int("Py_SIZE after GC_Resize(1)", Py_SIZE(vec));
    PyObject_GC_Track(vec);
    check("tracked after resizing", PyObject_GC_IsTracked((PyObject *)vec));
    show("repr type", Py_NewRef((PyObject *)Py_TYPE(vec)));
    Py_DECREF(vec);
    Py_DECREF(vec_type);

    /* PyType_ClearCache: lookups still work afterwards. */
    PyType_ClearCache();
    show("int.__add__ after ClearCache", PyObject_CallMethod((PyObject *)&PyLong_Type, "__add__", "ii", 2, 3));
    return finish();
}
