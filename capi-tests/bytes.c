// test: differential
/* bytes: construction, the in-place macros, repr, concatenation, errors. */
#include "testing.h"

int main(void)
{
    PyObject *b, *c, *o;
    char *buf;
    Py_ssize_t len;
    start();

    b = PyBytes_FromString("abc");
    show("FromString", Py_NewRef(b));
    show_int("PyBytes_Size", PyBytes_Size(b));
    show_int("PyBytes_GET_SIZE", PyBytes_GET_SIZE(b));
    printf("PyBytes_AsString: %s\n", PyBytes_AsString(b));
    printf("PyBytes_AS_STRING: %s (NUL at end: %s)\n", PyBytes_AS_STRING(b),
           PyBytes_AS_STRING(b)[3] == '\0' ? "yes" : "no");
    check("PyBytes_Check", PyBytes_Check(b));
    check("PyBytes_CheckExact", PyBytes_CheckExact(b));
    c = PyBytes_FromStringAndSize("\x00\x01\x7f\x80\xff'\"\\\t\n", 10);
    show("binary repr", Py_NewRef(c));
    show_int("binary size", PyBytes_Size(c));
    if (PyBytes_AsStringAndSize(c, &buf, &len) == 0) {
        printf("AsStringAndSize: len=%zd last=%d\n", len, buf[len - 1]);
    }
    show_int("AsStringAndSize with NUL, no len", PyBytes_AsStringAndSize(c, &buf, NULL));
    o = PyBytes_FromStringAndSize(NULL, 4);
    show_int("FromStringAndSize(NULL, 4) size", PyBytes_Size(o));
    Py_DECREF(o);
    PyBytes_Concat(&b, c);
    show("Concat", Py_NewRef(b));
    PyBytes_ConcatAndDel(&b, PyBytes_FromString("!"));
    show("ConcatAndDel", Py_NewRef(b));
    show("FromFormat", PyBytes_FromFormat("%d-%s-%c", 42, "x", 'y'));
    show("empty", PyBytes_FromStringAndSize("", 0));
    show("b == b", PyObject_RichCompare(b, b, Py_EQ));
    show("len(b)", PyLong_FromSsize_t(PyObject_Length(b)));
    show("b[1]", PySequence_GetItem(b, 1));
    show("b[100]", PySequence_GetItem(b, 100));

    o = PyUnicode_FromString("text");
    show_int("PyBytes_Size(str)", PyBytes_Size(o));
    printf("PyBytes_AsString(str): %s ", PyBytes_AsString(o) == NULL ? "NULL" : "?");
    print_error();
    printf("\n");
    show("PyBytes_FromObject(str)", PyBytes_FromObject(o));
    Py_DECREF(o);
    o = PyList_New(0);
    show("PyBytes_FromObject([])", PyBytes_FromObject(o));
    Py_DECREF(o);

    Py_DECREF(b);
    Py_DECREF(c);
    return finish();
}
