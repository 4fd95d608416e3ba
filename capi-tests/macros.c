// test: differential
/* Python.h's macros at run time, on real objects, against CPython: filling
 * fresh tuples, lists, bytes and strings in place, reading them back,
 * PySequence_Fast, builtin-function accessors, number and type helpers. */
#include "testing.h"

static PyObject *echo(PyObject *self, PyObject *arg)
{
    (void)self;
    return Py_NewRef(arg);
}

static PyMethodDef echo_def = {"echo", echo, METH_O, "Return the argument."};

int main(void)
{
    PyObject *t, *l, *b, *ba, *s, *fast, *f, *d, *item;
    Py_ssize_t i;
    Py_UCS4 ch;
    char *p;
    start();

    /* tuple and list filled with SET_ITEM (which steals). */
    t = PyTuple_New(3);
    l = PyList_New(3);
    for (i = 0; i < 3; i++) {
        PyTuple_SET_ITEM(t, i, PyLong_FromSsize_t(i * i));
        PyList_SET_ITEM(l, i, PyUnicode_FromFormat("s%zd", i));
    }
    show("tuple", Py_NewRef(t));
    show("list", Py_NewRef(l));
    show_int("PyTuple_GET_SIZE", PyTuple_GET_SIZE(t));
    show_int("PyList_GET_SIZE", PyList_GET_SIZE(l));
    show("PyTuple_GET_ITEM(t, 2)", Py_NewRef(PyTuple_GET_ITEM(t, 2)));
    show("PyList_GET_ITEM(l, 1)", Py_NewRef(PyList_GET_ITEM(l, 1)));

    /* PySequence_Fast over a tuple and a list. */
    fast = PySequence_Fast(l, "not a sequence");
    printf("fast list:");
    for (i = 0; i < PySequence_Fast_GET_SIZE(fast); i++) {
        item = PySequence_Fast_GET_ITEM(fast, i);
        printf(" %s", PyUnicode_AsUTF8(item));
    }
    printf(" (items[0] is GET_ITEM(0): %s)\n",
           PySequence_Fast_ITEMS(fast)[0] == PySequence_Fast_GET_ITEM(fast, 0) ? "yes" : "no");
    Py_DECREF(fast);
    fast = PySequence_Fast(t, "not a sequence");
    check("fast of a tuple is the tuple", fast == t);
    show("PySequence_ITEM(t, 1)", PySequence_ITEM(t, 1));
    Py_DECREF(fast);
    show("PySequence_Fast(5)", PySequence_Fast(PyTuple_GET_ITEM(t, 2), "need a sequence"));

    /* bytes and bytearray written in place. */
    b = PyBytes_FromStringAndSize(NULL, 5);
    p = PyBytes_AS_STRING(b);
    for (i = 0; i < 5; i++) {
        p[i] = (char)('a' + i);
    }
    show("bytes written in place", Py_NewRef(b));
    show_int("PyBytes_GET_SIZE", PyBytes_GET_SIZE(b));
    check("NUL after the bytes", PyBytes_AS_STRING(b)[5] == '\0');
    ba = PyByteArray_FromStringAndSize("xyz", 3);
    PyByteArray_AS_STRING(ba)[0] = 'X';
    show("bytearray written in place", Py_NewRef(ba));
    show_int("PyByteArray_GET_SIZE", PyByteArray_GET_SIZE(ba));

    /* str: PyUnicode_New + PyUnicode_WRITE, then read back. */
    s = PyUnicode_New(4, 0x1F600);
    PyUnicode_WRITE(PyUnicode_KIND(s), PyUnicode_DATA(s), 0, 'o');
    PyUnicode_WRITE(PyUnicode_KIND(s), PyUnicode_DATA(s), 1, 'k');
    PyUnicode_WRITE(PyUnicode_KIND(s), PyUnicode_DATA(s), 2, ' ');
    PyUnicode_WRITE(PyUnicode_KIND(s), PyUnicode_DATA(s), 3, 0x1F600);
    show("PyUnicode_New + WRITE", Py_NewRef(s));
    ch = PyUnicode_READ_CHAR(s, 3);
    printf("READ_CHAR(3)=%#x high=%#x low=%#x joined=%#x max=%#x kind=%d\n", (unsigned)ch,
           (unsigned)Py_UNICODE_HIGH_SURROGATE(ch), (unsigned)Py_UNICODE_LOW_SURROGATE(ch),
           (unsigned)Py_UNICODE_JOIN_SURROGATES(Py_UNICODE_HIGH_SURROGATE(ch),
                                                Py_UNICODE_LOW_SURROGATE(ch)),
           (unsigned)PyUnicode_MAX_CHAR_VALUE(s), PyUnicode_KIND(s));

    /* float, dict. */
    f = PyFloat_FromDouble(-2.5);
    show_double("PyFloat_AS_DOUBLE", PyFloat_AS_DOUBLE(f));
    d = PyDict_New();
    PyDict_SetItemString(d, "a", f);
    PyDict_SetItemString(d, "b", f);
    show_int("PyDict_GET_SIZE", PyDict_GET_SIZE(d));

    /* A builtin function and its accessors. */
    item = PyCFunction_NewEx(&echo_def, d, NULL);
    check("PyCFunction_Check", PyCFunction_Check(item));
    check("GET_FUNCTION", PyCFunction_GET_FUNCTION(item) == echo);
    check("GET_SELF", PyCFunction_GET_SELF(item) == d);
    check("GET_FLAGS is METH_O", PyCFunction_GET_FLAGS(item) == METH_O);
    check("GET_CLASS is NULL", PyCFunction_GET_CLASS(item) == NULL);
    show("call it", PyObject_CallOneArg(item, f));
    Py_DECREF(item);

    /* Type helpers. */
    check("PyType_HasFeature(list, LIST_SUBCLASS)",
          PyType_HasFeature(&PyList_Type, Py_TPFLAGS_LIST_SUBCLASS));
    check("PyType_IS_GC(list)", PyType_IS_GC(&PyList_Type));
    check("PyType_IS_GC(float)", PyType_IS_GC(&PyFloat_Type));
    check("PyObject_TypeCheck(True, int)", PyObject_TypeCheck(Py_True, &PyLong_Type));
    check("Py_IS_TYPE(True, bool)", Py_IS_TYPE(Py_True, &PyBool_Type));
    printf("Py_MIN/Py_MAX/Py_ABS: %d %d %d, Py_CHARMASK(-1)=%d, Py_ARRAY_LENGTH=%d\n",
           Py_MIN(3, -4), Py_MAX(3, -4), Py_ABS(-7), Py_CHARMASK(-1),
           (int)Py_ARRAY_LENGTH("abcd"));

    Py_DECREF(d);
    Py_DECREF(f);
    Py_DECREF(s);
    Py_DECREF(ba);
    Py_DECREF(b);
    Py_DECREF(l);
    Py_DECREF(t);
    return finish();
}
