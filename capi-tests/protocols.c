// test: differential
/* The object protocol on builtin types: repr/str/hash, comparisons, truth,
 * length, items, attributes, iteration, calls, type checks. */
#include "testing.h"

int main(void)
{
    PyObject *i, *f, *s, *t, *l, *d, *o, *key, *it, *item;
    start();

    i = PyLong_FromLong(-42);
    f = PyFloat_FromDouble(1.5);
    s = PyUnicode_FromString("spam");
    t = PyTuple_Pack(3, i, f, s);
    l = PySequence_List(t);
    d = PyDict_New();
    PyDict_SetItem(d, s, t);

    show("repr(t)", PyObject_Repr(t));
    show("str(s)", PyObject_Str(s));
    show("repr(s)", PyObject_Repr(s));
    show("str(f)", PyObject_Str(f));
    show("repr(d)", PyObject_Repr(d));
    show("repr(NULL)", PyObject_Repr(NULL));
    show("str(NULL)", PyObject_Str(NULL));
    show_int("hash(-42)", PyObject_Hash(i));
    o = PyLong_FromLong(-1);
    show_int("hash(-1)", PyObject_Hash(o));
    show_int("hash(1.5)", PyObject_Hash(f));
    show_int("hash(True)", PyObject_Hash(Py_True));
    show_int("hash(None) != -1", PyObject_Hash(Py_None) != -1);
    show_int("hash(list)", PyObject_Hash(l));
    show_int("hash(dict)", PyObject_Hash(d));
    Py_DECREF(o);

    show("-42 < 1.5", PyObject_RichCompare(i, f, Py_LT));
    show("-42 == -42.0", (o = PyFloat_FromDouble(-42.0), PyObject_RichCompare(i, o, Py_EQ)));
    Py_DECREF(o);
    show("'spam' != 1.5", PyObject_RichCompare(s, f, Py_NE));
    show("'spam' < 1.5", PyObject_RichCompare(s, f, Py_LT));
    show_int("RichCompareBool(t, t, Py_EQ)", PyObject_RichCompareBool(t, t, Py_EQ));
    show_int("RichCompareBool(l, t, Py_EQ)", PyObject_RichCompareBool(l, t, Py_EQ));
    show_int("RichCompareBool(None, None, Py_LT)", PyObject_RichCompareBool(Py_None, Py_None, Py_LT));
    show_int("IsTrue(0)", PyObject_IsTrue((o = PyLong_FromLong(0))));
    Py_DECREF(o);
    show_int("IsTrue(-42)", PyObject_IsTrue(i));
    show_int("IsTrue('')", PyObject_IsTrue((o = PyUnicode_FromString(""))));
    Py_DECREF(o);
    show_int("IsTrue([])", PyObject_IsTrue((o = PyList_New(0))));
    Py_DECREF(o);
    show_int("IsTrue(None)", PyObject_IsTrue(Py_None));
    show_int("IsTrue(0.0)", PyObject_IsTrue((o = PyFloat_FromDouble(0.0))));
    Py_DECREF(o);
    show_int("Not(t)", PyObject_Not(t));
    show_int("Length(t)", PyObject_Length(t));
    show_int("Size(d)", PyObject_Size(d));
    show_int("Length(s)", PyObject_Length(s));
    show_int("Length(-42)", PyObject_Length(i));

    o = PyLong_FromLong(1);
    show("GetItem(t, 1)", PyObject_GetItem(t, o));
    show("GetItem(s, 1)", PyObject_GetItem(s, o));
    show("GetItem(d, 'spam')", PyObject_GetItem(d, s));
    show("GetItem(d, 1)", PyObject_GetItem(d, o));
    show("GetItem(-42, 1)", PyObject_GetItem(i, o));
    show_int("SetItem(l, 1, 's')", PyObject_SetItem(l, o, s));
    show_int("SetItem(t, 1, 's')", PyObject_SetItem(t, o, s));
    show_int("SetItem(d, 1, 's')", PyObject_SetItem(d, o, s));
    show_int("DelItem(l, 1)", PyObject_DelItem(l, o));
    show_int("DelItem(d, 1)", PyObject_DelItem(d, o));
    show_int("DelItem(d, 1) again", PyObject_DelItem(d, o));
    show("l", Py_NewRef(l));
    show("d", Py_NewRef(d));
    Py_DECREF(o);
    o = PyUnicode_FromString("x");
    show("GetItem(l, 'x')", PyObject_GetItem(l, o));
    Py_DECREF(o);

    show("getattr(-42, 'real')", PyObject_GetAttrString(i, "real"));
    show("getattr(1.5, 'imag')", PyObject_GetAttrString(f, "imag"));
    show("getattr(-42, 'nope')", PyObject_GetAttrString(i, "nope"));
    key = PyUnicode_FromString("__class__");
    show("getattr(s, '__class__')", PyObject_GetAttr(s, key));
    Py_DECREF(key);
    show_int("hasattr(s, 'upper')", PyObject_HasAttrString(s, "upper"));
    show_int("hasattr(s, 'nope')", PyObject_HasAttrString(s, "nope"));
    show_int("setattr(-42, 'x', 1)", PyObject_SetAttrString(i, "x", i));
    show("type(-42)", PyObject_Type(i));
    check("TypeCheck(True, int)", PyObject_TypeCheck(Py_True, &PyLong_Type));
    check("IsInstance(True, int)", PyObject_IsInstance(Py_True, (PyObject *)&PyLong_Type) == 1);
    check("IsSubclass(bool, int)",
          PyObject_IsSubclass((PyObject *)&PyBool_Type, (PyObject *)&PyLong_Type) == 1);
    check("PyType_IsSubtype(bool, object)", PyType_IsSubtype(&PyBool_Type, &PyBaseObject_Type));

    it = PyObject_GetIter(d);
    printf("iter(d):");
    while ((item = PyIter_Next(it)) != NULL) {
        PyObject *r = PyObject_Repr(item);
        printf(" %s", PyUnicode_AsUTF8(r));
        Py_DECREF(r);
        Py_DECREF(item);
    }
    printf("\n");
    Py_DECREF(it);
    it = PyObject_GetIter(s);
    item = PyIter_Next(it);
    show("next(iter('spam'))", item);
    Py_DECREF(it);
    show("iter(-42)", PyObject_GetIter(i));

    show("int('12')", PyObject_CallOneArg((PyObject *)&PyLong_Type, (o = PyUnicode_FromString("12"))));
    Py_DECREF(o);
    show("float()", PyObject_CallNoArgs((PyObject *)&PyFloat_Type));
    show("tuple(l)", PyObject_CallOneArg((PyObject *)&PyTuple_Type, l));
    o = PyTuple_Pack(1, t);
    show("list(t) via PyObject_Call", PyObject_Call((PyObject *)&PyList_Type, o, NULL));
    show("str(t) via PyObject_CallObject", PyObject_CallObject((PyObject *)&PyUnicode_Type, o));
    Py_DECREF(o);
    show("call -42", PyObject_CallNoArgs(i));
    show("'spam'.upper()", PyObject_CallMethod(s, "upper", NULL));
    show("'spam'.find('a')", PyObject_CallMethod(s, "find", "s", "a"));
    show("l.index(-42)", PyObject_CallMethod(l, "index", "O", i));
    show("d.get('x', 0)", PyObject_CallMethod(d, "get", "si", "x", 0));
    show_int("PyCallable_Check(int)", PyCallable_Check((PyObject *)&PyLong_Type));
    show_int("PyCallable_Check(-42)", PyCallable_Check(i));

    Py_DECREF(i);
    Py_DECREF(f);
    Py_DECREF(s);
    Py_DECREF(t);
    Py_DECREF(l);
    Py_DECREF(d);
    return finish();
}
