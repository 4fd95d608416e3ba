// test: differential
/* Struct sequences (Tuple Objects chapter): heap and static types, named,
 * unnamed and hidden fields, repr, length, items, attributes, the
 * constructor and its errors, __reduce__ and __match_args__. */
#include "testing.h"

static PyStructSequence_Field fields[] = {
    {"year", "the year"},
    {"month", NULL},
    {NULL, NULL}, /* replaced by PyStructSequence_UnnamedField below */
    {"extra", "hidden: by name only"},
    {NULL, NULL},
};

static PyStructSequence_Desc desc = {"mod.point", "a point", fields, 3};

static PyStructSequence_Field sfields[] = {{"x", NULL}, {"y", NULL}, {NULL, NULL}};
static PyStructSequence_Desc sdesc = {"mod.pair", NULL, sfields, 2};
static PyTypeObject PairType;

int main(void)
{
    PyTypeObject *tp;
    PyObject *o, *x, *t, *e;
    start();
    fields[2].name = PyStructSequence_UnnamedField;

    tp = PyStructSequence_NewType(&desc);
    show("type", Py_NewRef((PyObject *)tp));
    show("n_sequence_fields", PyObject_GetAttrString((PyObject *)tp, "n_sequence_fields"));
    show("n_fields", PyObject_GetAttrString((PyObject *)tp, "n_fields"));
    show("n_unnamed_fields", PyObject_GetAttrString((PyObject *)tp, "n_unnamed_fields"));
    show("__match_args__", PyObject_GetAttrString((PyObject *)tp, "__match_args__"));
    check("subclass of tuple", PyType_IsSubtype(tp, &PyTuple_Type));

    o = PyStructSequence_New(tp);
    PyStructSequence_SetItem(o, 0, PyLong_FromLong(2024));
    PyStructSequence_SetItem(o, 1, PyLong_FromLong(5));
    PyStructSequence_SetItem(o, 2, PyUnicode_FromString("unnamed"));
    PyStructSequence_SetItem(o, 3, PyUnicode_FromString("hidden"));
    show("repr", Py_NewRef(o));
    show_int("len", PyObject_Length(o));
    show("o[1]", PySequence_GetItem(o, 1));
    show("o[3]", PySequence_GetItem(o, 3));
    show("o[-1]", PySequence_GetItem(o, -1));
    show("o.year", PyObject_GetAttrString(o, "year"));
    show("o.extra", PyObject_GetAttrString(o, "extra"));
    show("GetItem(3)", Py_NewRef(PyStructSequence_GetItem(o, 3)));
    show("tuple(o)", PySequence_Tuple(o));
    t = PySequence_Tuple(o);
    check("hash == hash(tuple)", PyObject_Hash(o) == PyObject_Hash(t));
    show("o == tuple", PyObject_RichCompare(o, t, Py_EQ));
    show("o[:2]", PySequence_GetSlice(o, 0, 2));
    show_int("setattr", PyObject_SetAttrString(o, "year", Py_None));
    show("__reduce__", PyObject_CallMethod(o, "__reduce__", NULL));
    show("type(t)", PyObject_CallOneArg((PyObject *)tp, t));
    x = Py_BuildValue("(iiss)", 1, 2, "u", "h");
    show("type(4 items)", PyObject_CallOneArg((PyObject *)tp, x));
    Py_DECREF(x);
    x = Py_BuildValue("(ii)", 1, 2);
    show("type(2 items)", PyObject_CallOneArg((PyObject *)tp, x));
    Py_DECREF(x);
    x = Py_BuildValue("(iiiii)", 1, 2, 3, 4, 5);
    show("type(5 items)", PyObject_CallOneArg((PyObject *)tp, x));
    Py_DECREF(x);
    x = Py_BuildValue("((iii){s:s})", 1, 2, 3, "extra", "from dict");
    show("type(seq, dict)", PyObject_Call((PyObject *)tp, x, NULL));
    show("  .extra", PyObject_GetAttrString((e = PyObject_Call((PyObject *)tp, x, NULL)), "extra"));
    Py_DECREF(e);
    Py_DECREF(x);
    x = Py_BuildValue("((iii)i)", 1, 2, 3, 4);
    show("type(seq, 4)", PyObject_Call((PyObject *)tp, x, NULL));
    Py_DECREF(x);
    show("type(5)", PyObject_CallOneArg((PyObject *)tp, (x = PyLong_FromLong(5))));
    Py_DECREF(x);
    Py_DECREF(t);
    Py_DECREF(o);

    show_int("InitType2", PyStructSequence_InitType2(&PairType, &sdesc));
    o = PyStructSequence_New(&PairType);
    PyStructSequence_SetItem(o, 0, PyLong_FromLong(1));
    PyStructSequence_SetItem(o, 1, PyFloat_FromDouble(2.5));
    show("static repr", Py_NewRef(o));
    show("static .y", PyObject_GetAttrString(o, "y"));
    show("static type name", PyObject_GetAttrString((PyObject *)&PairType, "__name__"));
    show("static module", PyObject_GetAttrString((PyObject *)&PairType, "__module__"));
    show("static type(l)", PyObject_CallOneArg((PyObject *)&PairType, (x = Py_BuildValue("[ii]", 3, 4))));
    Py_DECREF(x);
    Py_DECREF(o);
    show("heap type name", PyObject_GetAttrString((PyObject *)tp, "__name__"));
    show("heap module", PyObject_GetAttrString((PyObject *)tp, "__module__"));

    Py_DECREF(tp);
    return finish();
}
