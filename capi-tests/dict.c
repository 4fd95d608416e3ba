// test: differential
/* dict: set/get/delete, insertion order through PyDict_Next and the views,
 * missing keys, unhashable keys, merging, copies. */
#include "testing.h"

int main(void)
{
    PyObject *d, *k, *v, *o, *lst;
    Py_ssize_t pos;
    int i;
    start();

    d = PyDict_New();
    for (i = 0; i < 12; i++) {
        k = PyUnicode_FromFormat("k%d", (i * 7) % 12);
        v = PyLong_FromLong(i);
        PyDict_SetItem(d, k, v);
        Py_DECREF(k);
        Py_DECREF(v);
    }
    show("dict", Py_NewRef(d));
    show_int("PyDict_Size", PyDict_Size(d));
    show_int("PyDict_GET_SIZE", PyDict_GET_SIZE(d));
    show("GetItemString(k5)", Py_XNewRef(PyDict_GetItemString(d, "k5")));
    show("GetItemString(zz)", Py_XNewRef(PyDict_GetItemString(d, "zz")));
    k = PyUnicode_FromString("k3");
    show("GetItemWithError(k3)", Py_XNewRef(PyDict_GetItemWithError(d, k)));
    show_int("Contains(k3)", PyDict_Contains(d, k));
    show_int("DelItem(k3)", PyDict_DelItem(d, k));
    show_int("DelItem(k3) again", PyDict_DelItem(d, k));
    show_int("Contains(k3)", PyDict_Contains(d, k));
    show("PyObject_GetItem(d, k3)", PyObject_GetItem(d, k));
    show_int("SetItem(k3) re-adds at the end", PyDict_SetItem(d, k, Py_None));
    Py_DECREF(k);
    show_int("DelItemString(k0)", PyDict_DelItemString(d, "k0"));
    show_int("SetItemString(k1) keeps position", PyDict_SetItemString(d, "k1", Py_True));

    printf("PyDict_Next:");
    pos = 0;
    while (PyDict_Next(d, &pos, &k, &v)) {
        PyObject *r = PyObject_Repr(v);
        printf(" %s=%s", PyUnicode_AsUTF8(k), PyUnicode_AsUTF8(r));
        Py_DECREF(r);
    }
    printf("\n");
    show("PyDict_Keys", PyDict_Keys(d));
    show("PyDict_Values", PyDict_Values(d));
    show("PyDict_Items", PyDict_Items(d));
    o = PyDict_Copy(d);
    show("copy == d", PyObject_RichCompare(o, d, Py_EQ));
    PyDict_Clear(o);
    show("cleared copy", o);

    /* Non-string keys, hashing of equal numbers. */
    o = PyDict_New();
    k = PyLong_FromLong(1);
    v = PyUnicode_FromString("int");
    PyDict_SetItem(o, k, v);
    Py_DECREF(v);
    v = PyFloat_FromDouble(1.0);
    PyDict_SetItem(o, v, Py_False);
    PyDict_SetItem(o, Py_True, Py_True);
    show("{1: ..., 1.0: ..., True: ...}", Py_NewRef(o));
    Py_DECREF(k);
    Py_DECREF(v);
    lst = PyList_New(0);
    i = PyDict_SetItem(o, lst, Py_None);
    printf("SetItem(unhashable): %d %s\n", i,
           PyErr_ExceptionMatches(PyExc_TypeError) ? "TypeError" : "?");
    PyErr_Clear(); /* the message differs in 3.14 */
    k = PyTuple_Pack(2, Py_None, Py_None);
    show_int("SetItem((None, None))", PyDict_SetItem(o, k, Py_None));
    show("with a tuple key", Py_NewRef(o));
    Py_DECREF(k);
    show_int("PyDict_Merge", PyDict_Merge(o, d, 1));
    show_int("PyDict_Update", PyDict_Update(o, d));
    show_int("size after merge", PyDict_Size(o));
    show_int("PyDict_Merge(d, list)", PyDict_Merge(o, lst, 1));
    Py_DECREF(lst);
    Py_DECREF(o);
    check("PyDict_Check", PyDict_Check(d));
    check("PyDict_CheckExact", PyDict_CheckExact(d));
    o = PyObject_GetIter(d);
    k = PyIter_Next(o);
    show("first key by iteration", k);
    Py_DECREF(o);
    Py_DECREF(d);
    return finish();
}
