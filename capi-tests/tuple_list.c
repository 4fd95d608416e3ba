// test: differential
/* tuple and list: construction, the GET/SET_ITEM macros, indexing errors,
 * slices, list mutation, iteration, conversion. */
#include "testing.h"

int main(void)
{
    PyObject *t, *l, *o, *it, *item;
    Py_ssize_t i;
    start();

    t = PyTuple_New(3);
    for (i = 0; i < 3; i++) {
        PyTuple_SET_ITEM(t, i, PyLong_FromSsize_t(i * 10));
    }
    show("tuple", Py_NewRef(t));
    show_int("PyTuple_Size", PyTuple_Size(t));
    show_int("PyTuple_GET_SIZE", PyTuple_GET_SIZE(t));
    show("PyTuple_GET_ITEM(t, 2)", Py_NewRef(PyTuple_GET_ITEM(t, 2)));
    show("PyTuple_GetItem(t, 1)", Py_XNewRef(PyTuple_GetItem(t, 1)));
    show("PyTuple_GetItem(t, 3)", Py_XNewRef(PyTuple_GetItem(t, 3)));
    show("PyTuple_GetItem(t, -1)", Py_XNewRef(PyTuple_GetItem(t, -1)));
    show("PyTuple_GetSlice(t, 1, 10)", PyTuple_GetSlice(t, 1, 10));
    show("PyTuple_Pack", PyTuple_Pack(2, t, Py_None));
    show("empty tuple", PyTuple_New(0));
    show("1-tuple", PyTuple_Pack(1, Py_True));
    check("PyTuple_Check", PyTuple_Check(t));
    check("PyTuple_CheckExact", PyTuple_CheckExact(t));
    o = PyTuple_New(2);
    show_int("PyTuple_SetItem(o, 0, x)", PyTuple_SetItem(o, 0, PyLong_FromLong(7)));
    show_int("PyTuple_SetItem(o, 5, x)", PyTuple_SetItem(o, 5, PyLong_FromLong(8)));
    PyTuple_SET_ITEM(o, 1, PyUnicode_FromString("s"));
    show("tuple after SetItem", o);
    show("hash((0,10,20)) == hash((0,10,20))",
         PyBool_FromLong(PyObject_Hash(t) == PyObject_Hash(o = PyTuple_GetSlice(t, 0, 3))));
    Py_DECREF(o);

    l = PyList_New(0);
    for (i = 5; i > 0; i--) {
        o = PyLong_FromSsize_t(i);
        PyList_Append(l, o);
        Py_DECREF(o);
    }
    show("list", Py_NewRef(l));
    show_int("PyList_Size", PyList_Size(l));
    show_int("PyList_GET_SIZE", PyList_GET_SIZE(l));
    show("PyList_GET_ITEM(l, 0)", Py_NewRef(PyList_GET_ITEM(l, 0)));
    show("PyList_GetItem(l, 5)", Py_XNewRef(PyList_GetItem(l, 5)));
    show("PyList_GetItemRef(l, 1)", PyList_GetItemRef(l, 1));
    o = PyUnicode_FromString("x");
    show_int("PyList_Insert(l, 0, 'x')", PyList_Insert(l, 0, o));
    show_int("PyList_Insert(l, -100, 'x')", PyList_Insert(l, -100, o));
    show_int("PyList_Insert(l, 100, 'x')", PyList_Insert(l, 100, o));
    Py_DECREF(o);
    show("after inserts", Py_NewRef(l));
    show_int("PyList_SetItem(l, 0, None)", PyList_SetItem(l, 0, Py_NewRef(Py_None)));
    show_int("PyList_SetItem(l, 99, None)", PyList_SetItem(l, 99, Py_NewRef(Py_None)));
    show("PyList_GetSlice(l, 2, 5)", PyList_GetSlice(l, 2, 5));
    show_int("PyList_SetSlice(l, 0, 3, NULL)", PyList_SetSlice(l, 0, 3, NULL));
    show("after SetSlice", Py_NewRef(l));
    show_int("PyList_Sort", PyList_Sort(l));
    show("sorted", Py_NewRef(l));
    show_int("PyList_Reverse", PyList_Reverse(l));
    show("reversed", Py_NewRef(l));
    show("PyList_AsTuple", PyList_AsTuple(l));
    PyList_SET_ITEM(l, 0, PyLong_FromLong(-1)); /* replaces a borrowed slot */
    show("after SET_ITEM", Py_NewRef(l));
    check("PyList_Check", PyList_Check(l));
    check("PyList_CheckExact(tuple)", PyList_CheckExact(t));

    it = PyObject_GetIter(l);
    printf("iterate:");
    while ((item = PyIter_Next(it)) != NULL) {
        printf(" %ld", PyLong_AsLong(item));
        Py_DECREF(item);
    }
    printf(" (error: %s)\n", PyErr_Occurred() ? "yes" : "no");
    Py_DECREF(it);
    show("list == list", PyObject_RichCompare(l, l, Py_EQ));
    show("[] < [1]", PyObject_RichCompare((o = PyList_New(0)), l, Py_LT));
    Py_DECREF(o);
    show("PySequence_List(tuple)", PySequence_List(t));
    show("PySequence_Tuple(list)", PySequence_Tuple(l));
    show("PySequence_Contains(l, 3)", PyBool_FromLong(PySequence_Contains(l, (o = PyLong_FromLong(3)))));
    show_int("PySequence_Index(l, 3)", PySequence_Index(l, o));
    Py_DECREF(o);
    show("PySequence_Concat", PySequence_Concat(l, l));
    show("PySequence_Repeat", PySequence_Repeat(t, 2));

    Py_DECREF(l);
    Py_DECREF(t);
    return finish();
}
