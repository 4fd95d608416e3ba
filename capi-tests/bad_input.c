// test: differential
/* C-API misuse and wrong types that CPython reports with an exception:
 * the same exception type (and message where 3.13 and 3.14 agree), never
 * a crash. */
#include "testing.h"

int main(void)
{
    PyObject *i, *s, *t, *l, *d, *f;
    start();
    i = PyLong_FromLong(3);
    s = PyUnicode_FromString("s");
    t = PyTuple_New(0);
    l = PyList_New(0);
    d = PyDict_New();

    /* Concrete functions given the wrong type: SystemError (bad internal call). */
    show_int("PyList_Append(tuple)", PyList_Append(t, i));
    show_int("PyList_Size(dict)", PyList_Size(d));
    show("PyList_GetItem(str)", Py_XNewRef(PyList_GetItem(s, 0)));
    show_int("PyList_SetItem(dict)", PyList_SetItem(d, 0, Py_NewRef(i)));
    show_int("PyList_Insert(NULL list)", PyList_Insert(t, 0, i));
    show_int("PyList_Sort(tuple)", PyList_Sort(t));
    show_int("PyTuple_Size(list)", PyTuple_Size(l));
    show("PyTuple_GetItem(list)", Py_XNewRef(PyTuple_GetItem(l, 0)));
    show_int("PyTuple_SetItem(list)", PyTuple_SetItem(l, 0, Py_NewRef(i)));
    show_int("PyDict_SetItem(list)", PyDict_SetItem(l, s, i));
    show_int("PyDict_Size(str)", PyDict_Size(s));
    show("PyDict_Keys(list)", PyDict_Keys(l));
    show_int("PyDict_DelItem(tuple)", PyDict_DelItem(t, s));
    show("PyDict_GetItemWithError(list)", Py_XNewRef(PyDict_GetItemWithError(l, s)));
    show_int("PyUnicode_GetLength(int)", PyUnicode_GetLength(i));
    show("PyUnicode_Concat(str, int)", PyUnicode_Concat(s, i));
    show_int("PyBytes_Size(int)", PyBytes_Size(i));

    /* Abstract functions given unsupported types: TypeError. */
    show("3 + 's'", PyNumber_Add(i, s));
    show("'s' * 's'", PyNumber_Multiply(s, s));
    show("-'s'", PyNumber_Negative(s));
    f = PyFloat_FromDouble(1.5);
    show("~1.5", PyNumber_Invert(f));
    show("int(None)", PyNumber_Long(Py_None));
    show("float('s')", PyNumber_Float(s));
    show("index(1.5)", PyNumber_Index(f));
    show_int("PyObject_Length(None)", PyObject_Length(Py_None));
    show("PyObject_GetItem(None, 3)", PyObject_GetItem(Py_None, i));
    show_int("PyObject_SetItem(None, 3, 3)", PyObject_SetItem(Py_None, i, i));
    show("PyObject_GetIter(None)", PyObject_GetIter(Py_None));
    show("PyObject_Call(None)", PyObject_Call(Py_None, t, NULL));
    show("PyObject_GetAttr(3, 3)", PyObject_GetAttr(i, i));
    show_int("PyObject_SetAttr(3, 'real', 3)", PyObject_SetAttrString(i, "real", i));
    show_int("PyObject_IsInstance(3, 3)", PyObject_IsInstance(i, i));
    show_int("PyObject_IsSubclass(3, int)", PyObject_IsSubclass(i, (PyObject *)&PyLong_Type));
    show("PySequence_Tuple(3)", PySequence_Tuple(i));
    show("PySequence_List(None)", PySequence_List(Py_None));

    /* Out-of-range values. */
    show("PyLong_FromString('', 10)", PyLong_FromString("", NULL, 10));
    /* 3.14 reworded the message ("int() base must be >= 2 and <= 36, or 0"). */
    show_raises("PyLong_FromString('1', 1)", PyLong_FromString("1", NULL, 1));
    show_raises("PyLong_FromString('1', 37)", PyLong_FromString("1", NULL, 37));
    show_int("PyLong_AsLong(None)", PyLong_AsLong(Py_None));
    show_int("PyLong_AsLong(NULL)", PyLong_AsLong(NULL));
    show("PyTuple_New(-1)", PyTuple_New(-1));
    show("PyList_New(-1)", PyList_New(-1));
    show("PyBytes_FromStringAndSize(x, -1)", PyBytes_FromStringAndSize("x", -1));
    show("PyUnicode_FromStringAndSize(x, -1)", PyUnicode_FromStringAndSize("x", -1));
    show("PyUnicode_FromOrdinal(-1)", PyUnicode_FromOrdinal(-1));
    show("PyErr_NewException('noname')", PyErr_NewException("noname", NULL, NULL));

    Py_DECREF(i);
    Py_DECREF(s);
    Py_DECREF(t);
    Py_DECREF(l);
    Py_DECREF(d);
    Py_DECREF(f);
    return finish();
}
