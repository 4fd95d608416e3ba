// test: differential
// test: limited-run 0x030e0000
/* The first thing that must work: start the runtime, make strings, look at
 * them through the object protocol, raise and inspect errors, shut down.
 * Uses nothing beyond that, so it runs from the earliest builds on. */
#include "testing.h"

int main(void)
{
    PyObject *a, *b, *exc, *type, *value, *tb, *cls;
    start();
    check("Py_IsInitialized", Py_IsInitialized());

    a = PyUnicode_FromString("spam");
    b = PyUnicode_FromString("eggs \xe2\x82\xac");
    show("a", Py_NewRef(a));
    show("b", Py_NewRef(b));
    show("str(b)", PyObject_Str(b));
    show("type(a)", PyObject_Type(a));
    show("a == a", PyObject_RichCompare(a, a, Py_EQ));
    show("a < b", PyObject_RichCompare(a, b, Py_LT));
    show_int("a != b", PyObject_RichCompareBool(a, b, Py_NE));
    check("hash(a) == hash(a)", PyObject_Hash(a) == PyObject_Hash(a));
    show_int("IsTrue(a)", PyObject_IsTrue(a));
    show_int("len(b)", PyObject_Length(b));
    check("PyUnicode_Check(a)", PyUnicode_Check(a));
    check("PyUnicode_CheckExact(a)", PyUnicode_CheckExact(a));
    check("PyLong_Check(a)", PyLong_Check(a));
    check("PyType_Check(type)", PyType_Check((PyObject *)&PyUnicode_Type));
    show("a.__class__", PyObject_GetAttrString(a, "__class__"));
    show("a.nope", PyObject_GetAttrString(a, "nope"));
    show("None", Py_NewRef(Py_None));
    show("True", Py_NewRef(Py_True));

    PyErr_SetString(PyExc_ValueError, "bad value");
    check("ExceptionMatches(ValueError)", PyErr_ExceptionMatches(PyExc_ValueError));
    check("ExceptionMatches(Exception)", PyErr_ExceptionMatches(PyExc_Exception));
    check("ExceptionMatches(TypeError)", PyErr_ExceptionMatches(PyExc_TypeError));
    PyErr_Fetch(&type, &value, &tb);
    check("fetch cleared the indicator", PyErr_Occurred() == NULL);
    PyErr_Restore(type, value, tb);
    exc = PyErr_GetRaisedException();
    show("raised", Py_NewRef(exc));
    show("args", PyException_GetArgs(exc));
    Py_DECREF(exc);
    show("PyErr_Format", PyErr_Format(PyExc_TypeError, "%s must be %d, not %R", "x", 3, a));
    cls = PyErr_NewException("smoke.Error", PyExc_RuntimeError, NULL);
    show("new class", Py_NewRef(cls));
    PyErr_SetObject(cls, b);
    show("raised instance", PyErr_GetRaisedException());
    Py_DECREF(cls);
    show("FromFormat", PyUnicode_FromFormat("%d-%s-%U-%R", 7, "x", b, a));

    Py_DECREF(a);
    Py_DECREF(b);
    return finish();
}
