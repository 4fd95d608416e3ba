// test: differential
/* Heap types from PyType_Spec as extension authors write them: a module
 * with state, a type with members (every common Py_T_*), getsets, methods of
 * each convention including METH_METHOD (defining class reaching the module
 * state), number and sequence slots, a subclass made from a second spec,
 * PyType_GetSlot / GetModule / GetModuleByDef, and misuse errors. */
#include "testing.h"
#include <stddef.h>

typedef struct {
    PyObject_HEAD
    int i;
    double d;
    PyObject *o;
    char flag;
    long long ll;
} Point;

typedef struct { int created; } ModState;

static struct PyModuleDef mod_def;

static PyObject *point_new(PyTypeObject *tp, PyObject *args, PyObject *kw)
{
    Point *p = (Point *)tp->tp_alloc(tp, 0);
    if (p == NULL)
        return NULL;
    p->o = Py_NewRef(Py_None);
    PyObject *m = PyType_GetModuleByDef(tp, &mod_def);
    if (m == NULL)
        return NULL;
    ((ModState *)PyModule_GetState(m))->created++;
    return (PyObject *)p;
}

static int point_init(PyObject *self, PyObject *args, PyObject *kw)
{
    static char *names[] = {"i", "d", NULL};
    Point *p = (Point *)self;
    return PyArg_ParseTupleAndKeywords(args, kw, "|id:Point", names, &p->i, &p->d) ? 0 : -1;
}

static void point_dealloc(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    Py_XDECREF(((Point *)self)->o);
    tp->tp_free(self);
    Py_DECREF(tp);
}

static PyObject *point_repr(PyObject *self)
{
    Point *p = (Point *)self;
    return PyUnicode_FromFormat("Point(%d, %S)", p->i, p->o);
}

static PyObject *get_twice(PyObject *self, void *closure)
{
    return PyLong_FromLong(((Point *)self)->i * 2);
}

static int set_twice(PyObject *self, PyObject *v, void *closure)
{
    if (v == NULL) {
        PyErr_SetString(PyExc_AttributeError, "cannot delete twice");
        return -1;
    }
    long x = PyLong_AsLong(v);
    if (x == -1 && PyErr_Occurred())
        return -1;
    ((Point *)self)->i = (int)(x / 2);
    return 0;
}

static PyObject *scaled(PyObject *self, PyObject *arg)
{
    long k = PyLong_AsLong(arg);
    if (k == -1 && PyErr_Occurred())
        return NULL;
    return PyLong_FromLong(((Point *)self)->i * k);
}

static PyObject *created(PyObject *self, PyTypeObject *cls, PyObject *const *args, Py_ssize_t n, PyObject *kw)
{
    ModState *st = PyType_GetModuleState(cls);
    return PyLong_FromLong(st->created);
}

static PyObject *make(PyObject *cls, PyObject *arg)
{
    return PyObject_CallOneArg(cls, arg);
}

static PyObject *point_add(PyObject *a, PyObject *b)
{
    if (!PyLong_Check(b))
        Py_RETURN_NOTIMPLEMENTED;
    long x = PyLong_AsLong(b);
    return PyLong_FromLong(((Point *)a)->i + x);
}

static Py_ssize_t point_len(PyObject *self)
{
    return ((Point *)self)->i;
}

static PyMemberDef point_members[] = {
    {"i", Py_T_INT, offsetof(Point, i), 0, "an int"},
    {"d", Py_T_DOUBLE, offsetof(Point, d), 0, NULL},
    {"o", Py_T_OBJECT_EX, offsetof(Point, o), 0, NULL},
    {"flag", Py_T_BOOL, offsetof(Point, flag), 0, NULL},
    {"ll", Py_T_LONGLONG, offsetof(Point, ll), Py_READONLY, NULL},
    {NULL},
};

static PyGetSetDef point_getset[] = {
    {"twice", get_twice, set_twice, NULL, NULL},
    {NULL},
};

static PyMethodDef point_methods[] = {
    {"scaled", scaled, METH_O, NULL},
    {"created", (PyCFunction)(void (*)(void))created, METH_METHOD | METH_FASTCALL | METH_KEYWORDS, NULL},
    {"make", make, METH_O | METH_CLASS, NULL},
    {NULL},
};

static PyType_Slot point_slots[] = {
    {Py_tp_new, point_new},
    {Py_tp_init, point_init},
    {Py_tp_dealloc, point_dealloc},
    {Py_tp_repr, point_repr},
    {Py_tp_members, point_members},
    {Py_tp_getset, point_getset},
    {Py_tp_methods, point_methods},
    {Py_tp_doc, "A point."},
    {Py_nb_add, point_add},
    {Py_sq_length, point_len},
    {0, NULL},
};

static PyType_Spec point_spec = {
    "heapmod.Point", sizeof(Point), 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, point_slots,
};

static PyObject *sub_repr(PyObject *self)
{
    return PyUnicode_FromFormat("Sub<%d>", ((Point *)self)->i);
}

static PyType_Slot sub_slots[] = {
    {Py_tp_repr, sub_repr},
    {0, NULL},
};

static PyType_Spec sub_spec = {"heapmod.Sub", 0, 0, Py_TPFLAGS_DEFAULT, sub_slots};

static PyType_Spec final_spec = {"heapmod.Final", sizeof(Point), 0, Py_TPFLAGS_DEFAULT, sub_slots};

static struct PyModuleDef mod_def = {PyModuleDef_HEAD_INIT, "heapmod", NULL, sizeof(ModState), NULL};

static PyObject *attr(PyObject *o, const char *name)
{
    return PyObject_GetAttrString(o, name);
}

int main(void)
{
    start();
    PyObject *m = PyModule_Create(&mod_def);
    PyObject *tp = PyType_FromModuleAndSpec(m, &point_spec, NULL);
    show("type", Py_NewRef(tp));
    show("__name__", attr(tp, "__name__"));
    show("__module__", attr(tp, "__module__"));
    show("__doc__", attr(tp, "__doc__"));
    check("GetModule", PyType_GetModule((PyTypeObject *)tp) == m);
    check("GetSlot tp_repr", PyType_GetSlot((PyTypeObject *)tp, Py_tp_repr) == (void *)point_repr);
    check("GetSlot nb_subtract NULL", PyType_GetSlot((PyTypeObject *)tp, Py_nb_subtract) == NULL);
    show("GetSlot bad id", PyType_GetSlot((PyTypeObject *)tp, 1000) ? Py_NewRef(Py_None) : NULL);

    PyObject *args = PyTuple_New(0), *kwargs = Py_BuildValue("{s:i,s:d}", "i", 3, "d", 1.5);
    PyObject *p = PyObject_Call(tp, args, kwargs);
    Py_DECREF(args);
    Py_DECREF(kwargs);
    show("p", Py_NewRef(p));
    show("p.i", attr(p, "i"));
    show("p.d", attr(p, "d"));
    show("p.o", attr(p, "o"));
    show("p.flag", attr(p, "flag"));
    show("p.twice", attr(p, "twice"));
    PyObject *v = PyLong_FromLong(10);
    PyObject_SetAttrString(p, "twice", v);
    Py_DECREF(v);
    show("p.i after twice=10", attr(p, "i"));
    PyObject *one = PyLong_FromLong(1);
    show_int("set ll readonly", PyObject_SetAttrString(p, "ll", one));
    print_error();
    printf("\n");
    show_int("set i to str", PyObject_SetAttrString(p, "i", Py_None));
    print_error();
    printf("\n");
    show_int("del o", PyObject_DelAttrString(p, "o"));
    show("p.o after del", attr(p, "o"));
    show("p.scaled(4)", PyObject_CallMethod(p, "scaled", "i", 4));
    show("p.created()", PyObject_CallMethod(p, "created", NULL));
    show("Point.make(7)", PyObject_CallMethod(tp, "make", "i", 7));
    show("p + 1", PyNumber_Add(p, one));
    show("p - 1", PyNumber_Subtract(p, one));
    Py_DECREF(one);
    show_int("len(p)", PyObject_Length(p));
    show("Point(bad)", PyObject_CallFunction(tp, "s", "x"));
    show("i descr", attr(tp, "i"));
    show("created descr", attr(tp, "created"));

    PyObject *sub = PyType_FromModuleAndSpec(m, &sub_spec, tp);
    show("Sub", Py_NewRef(sub));
    show("Sub.__mro__", attr(sub, "__mro__"));
    PyObject *s = PyObject_CallFunction(sub, "i", 5);
    show("Sub(5)", Py_NewRef(s));
    show("Sub(5).scaled(2)", PyObject_CallMethod(s, "scaled", "i", 2));
    show("Sub(5).created()", PyObject_CallMethod(s, "created", NULL));
    check("IsSubtype", PyType_IsSubtype((PyTypeObject *)sub, (PyTypeObject *)tp));
    PyObject *fin = PyType_FromSpecWithBases(&final_spec, NULL);
    PyObject *bases = PyTuple_Pack(1, fin);
    show("subclass of non-base", PyType_FromSpecWithBases(&sub_spec, bases));
    Py_DECREF(bases);
    Py_DECREF(fin);
    Py_DECREF(s);
    Py_DECREF(sub);
    Py_DECREF(p);
    Py_DECREF(tp);
    Py_DECREF(m);
    return finish();
}
