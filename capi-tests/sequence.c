// test: differential
/* The Sequence Protocol over list, tuple, str, bytes, bytearray, dict and
 * non-sequences: sizes, items, slices, concatenation, repetition, search,
 * conversion, PySequence_Fast, and the errors for bad input. */
#include "testing.h"

static PyObject *L(long v) { return PyLong_FromLong(v); }

static void seq_ops(const char *name, PyObject *s)
{
    char label[128];
    PyObject *o;
    printf("-- %s\n", name);
    show_int("  Check", PySequence_Check(s));
    show_int("  Size", PySequence_Size(s));
    show_int("  Length", PySequence_Length(s));
    show("  GetItem(0)", PySequence_GetItem(s, 0));
    show("  GetItem(-1)", PySequence_GetItem(s, -1));
    show("  GetItem(99)", PySequence_GetItem(s, 99));
    show("  GetSlice(1, 3)", PySequence_GetSlice(s, 1, 3));
    show("  GetSlice(-100, 100)", PySequence_GetSlice(s, -100, 100));
    show("  Concat(s, s)", PySequence_Concat(s, s));
    show("  Repeat(s, 2)", PySequence_Repeat(s, 2));
    show("  Repeat(s, -1)", PySequence_Repeat(s, -1));
    o = L(2);
    snprintf(label, sizeof label, "  Contains(2)");
    show_int(label, PySequence_Contains(s, o));
    show_int("  Count(2)", PySequence_Count(s, o));
    show_int("  Index(2)", PySequence_Index(s, o));
    Py_DECREF(o);
    show("  Tuple", PySequence_Tuple(s));
    show("  List", PySequence_List(s));
    o = PySequence_Fast(s, "not fast");
    if (o != NULL) {
        printf("  Fast: size %zd, same object: %s\n", PySequence_Fast_GET_SIZE(o), o == s ? "yes" : "no");
        Py_DECREF(o);
    } else {
        show("  Fast", o);
    }
}

int main(void)
{
    PyObject *l, *t, *s, *b, *ba, *d, *i, *o, *it, *x;
    Py_ssize_t k;
    start();

    l = PyList_New(0);
    for (k = 1; k <= 4; k++) {
        PyList_Append(l, (o = L(k)));
        Py_DECREF(o);
    }
    PyList_Append(l, (o = L(2)));
    Py_DECREF(o);
    t = PySequence_Tuple(l);
    s = PyUnicode_FromString("a2b2");
    b = PyBytes_FromString("\x01\x02\x03\x02");
    ba = PyByteArray_FromStringAndSize("\x01\x02\x03", 3);
    d = PyDict_New();
    PyDict_SetItem(d, (o = L(0)), Py_None);
    Py_DECREF(o);
    i = L(5);

    seq_ops("list", l);
    seq_ops("tuple", t);
    seq_ops("str", s);
    seq_ops("bytes", b);
    seq_ops("bytearray", ba);
    seq_ops("dict", d);
    seq_ops("int", i);

    printf("-- mutation\n");
    o = PySequence_List(l);
    show_int("SetItem(0, 'x')", PySequence_SetItem(o, 0, (x = PyUnicode_FromString("x"))));
    show_int("SetItem(-1, 'x')", PySequence_SetItem(o, -1, x));
    show_int("SetItem(99, 'x')", PySequence_SetItem(o, 99, x));
    show_int("DelItem(1)", PySequence_DelItem(o, 1));
    show_int("DelItem(-1)", PySequence_DelItem(o, -1));
    show("after", Py_NewRef(o));
    show_int("SetSlice(0, 1, t)", PySequence_SetSlice(o, 0, 1, t));
    show("after", Py_NewRef(o));
    show_int("DelSlice(1, -1)", PySequence_DelSlice(o, 1, -1));
    show("after", Py_NewRef(o));
    show_int("SetSlice(0, 1, 5)", PySequence_SetSlice(o, 0, 1, i));
    show("InPlaceConcat(o, t)", PySequence_InPlaceConcat(o, t));
    show("InPlaceRepeat(o, 2)", PySequence_InPlaceRepeat(o, 2));
    show("o", Py_NewRef(o));
    show("InPlaceConcat(t, t)", PySequence_InPlaceConcat(t, t));
    show("InPlaceRepeat(t, 0)", PySequence_InPlaceRepeat(t, 0));
    show_int("SetItem(tuple)", PySequence_SetItem(t, 0, x));
    show_int("DelItem(tuple)", PySequence_DelItem(t, 0));
    show_int("SetSlice(tuple)", PySequence_SetSlice(t, 0, 1, l));
    show_int("DelSlice(tuple)", PySequence_DelSlice(t, 0, 1));
    show_int("SetItem(dict)", PySequence_SetItem(d, 0, x));
    show_int("SetItem(int)", PySequence_SetItem(i, 0, x));
    show_int("DelItem(int)", PySequence_DelItem(i, 0));
    show_int("SetSlice(int)", PySequence_SetSlice(i, 0, 1, l));
    show_int("DelSlice(int)", PySequence_DelSlice(i, 0, 1));
    Py_DECREF(x);
    show("Concat(l, t)", PySequence_Concat(l, t));
    show("Concat(t, l)", PySequence_Concat(t, l));
    show("Concat(i, i)", PySequence_Concat(i, i));
    show("Concat(s, b)", PySequence_Concat(s, b));
    show("Concat(b, ba)", PySequence_Concat(b, ba));
    show("Concat(ba, b)", PySequence_Concat(ba, b));
    show("Repeat(i, 2)", PySequence_Repeat(i, 2));
    show("Fast(5)", PySequence_Fast(i, "custom message"));
    show("Fast(dict)", PySequence_Fast(d, "x"));
    show("Tuple(5)", PySequence_Tuple(i));
    show("List(5)", PySequence_List(i));
    show_int("Contains(5, 1)", PySequence_Contains(i, i));
    show_int("Count(5, 1)", PySequence_Count(i, i));
    show_int("Index(l, 'zz')", PySequence_Index(l, s));
    show_int("Contains(s, 5)", PySequence_Contains(s, i));
    show_int("Contains(b, 256)", PySequence_Contains(b, (x = L(256))));
    Py_DECREF(x);
    show_int("Contains(b, 'a')", PySequence_Contains(b, s));
    show_int("In(l, 3)", PySequence_In(l, (x = L(3))));
    Py_DECREF(x);

    printf("-- NULL arguments\n");
    show_int("Size(NULL)", PySequence_Size(NULL));
    show("GetItem(NULL)", PySequence_GetItem(NULL, 0));
    show("Concat(NULL, l)", PySequence_Concat(NULL, l));
    show("Tuple(NULL)", PySequence_Tuple(NULL));
    show("List(NULL)", PySequence_List(NULL));
    show_int("Contains(l, NULL)", PySequence_Contains(l, NULL));
    show_int("SetItem(l, 0, NULL)", PySequence_SetItem(l, 0, NULL));

    printf("-- iterators\n");
    it = PySeqIter_New(s);
    printf("PySeqIter_New(str):");
    while ((x = PyIter_Next(it)) != NULL) {
        PyObject *r = PyObject_Repr(x);
        printf(" %s", PyUnicode_AsUTF8(r));
        Py_DECREF(r);
        Py_DECREF(x);
    }
    printf("\n");
    Py_DECREF(it);

    Py_DECREF(o);
    Py_DECREF(l);
    Py_DECREF(t);
    Py_DECREF(s);
    Py_DECREF(b);
    Py_DECREF(ba);
    Py_DECREF(d);
    Py_DECREF(i);
    return finish();
}
