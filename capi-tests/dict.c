// test: differential
/* dict: set/get/delete, insertion order through PyDict_Next and the views,
 * missing keys, unhashable keys, merging, copies. */
#include "testing.h"

static void basics(void)
{
    PyObject *d, *k, *v, *o, *lst;
    Py_ssize_t pos;
    int i;

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
}

/* A dict {i: i*10 for i in range(n)} with int keys. */
static PyObject *int_dict(int n)
{
    PyObject *d = PyDict_New();
    int i;
    for (i = 0; i < n; i++) {
        PyObject *k = PyLong_FromLong(i), *v = PyLong_FromLong(i * 10);
        PyDict_SetItem(d, k, v);
        Py_DECREF(k);
        Py_DECREF(v);
    }
    return d;
}

static PyObject *set_of(int a, int b, int c)
{
    PyObject *t = Py_BuildValue("(iii)", a, b, c), *s = PySet_New(t);
    Py_DECREF(t);
    return s;
}

static PyObject *call0(PyObject *o, const char *name)
{
    return PyObject_CallMethod(o, name, NULL);
}

static PyObject *call1(PyObject *o, const char *name, PyObject *arg)
{
    PyObject *n = PyUnicode_FromString(name);
    PyObject *r = PyObject_CallMethodObjArgs(o, n, arg, NULL);
    Py_DECREF(n);
    return r;
}

/* Calls type(*args, **kwargs) where args/kwargs are built by the caller
 * (stolen). */
static PyObject *call_type(PyObject *tp, PyObject *args, PyObject *kwargs)
{
    PyObject *r = PyObject_Call(tp, args, kwargs);
    Py_DECREF(args);
    Py_XDECREF(kwargs);
    return r;
}

static void order_and_resize(void)
{
    PyObject *d = int_dict(10), *k;
    int i;
    k = PyLong_FromLong(3);
    PyDict_DelItem(d, k);
    Py_DECREF(k);
    k = PyLong_FromLong(5);
    PyDict_DelItem(d, k);
    PyDict_SetItem(d, k, Py_None);
    Py_DECREF(k);
    show("after del 3, 5 and re-adding 5", Py_NewRef(d));
    for (i = 100; i < 160; i++) {
        k = PyLong_FromLong(i);
        PyDict_SetItem(d, k, k);
        Py_DECREF(k);
    }
    for (i = 100; i < 155; i++) {
        k = PyLong_FromLong(i);
        PyDict_DelItem(d, k);
        Py_DECREF(k);
    }
    show("after growing and shrinking", Py_NewRef(d));
    k = PyDict_New();
    show("__sizeof__ {}", call0(k, "__sizeof__"));
    Py_DECREF(k);
    k = int_dict(1);
    show("__sizeof__ {0: 0}", call0(k, "__sizeof__"));
    Py_DECREF(k);
    k = PyDict_New();
    PyDict_SetItemString(k, "a", Py_None);
    show("__sizeof__ {'a': None}", call0(k, "__sizeof__"));
    Py_DECREF(k);
    k = int_dict(6);
    show("__sizeof__ 6 ints", call0(k, "__sizeof__"));
    Py_DECREF(k);
    for (i = 1; i <= 6; i++) {
        PyObject *c;
        int j;
        k = int_dict(12);
        for (j = 0; j < i; j++) {
            PyObject *key = PyLong_FromLong(j * 2);
            PyDict_DelItem(k, key);
            Py_DECREF(key);
        }
        c = PyDict_Copy(k);
        printf("copy after %d deletions: ", i);
        show("__sizeof__", call0(c, "__sizeof__"));
        show("   contents", c);
        Py_DECREF(k);
    }
    Py_DECREF(d);
}

static void views(void)
{
    PyObject *d = int_dict(5), *ks, *vs, *its, *s, *o, *it, *d2;
    ks = call0(d, "keys");
    vs = call0(d, "values");
    its = call0(d, "items");
    show("keys", Py_NewRef(ks));
    show("values", Py_NewRef(vs));
    show("items", Py_NewRef(its));
    show_int("len(keys)", PyObject_Size(ks));
    o = PyLong_FromLong(3);
    show_int("3 in keys", PySequence_Contains(ks, o));
    show_int("30 in values", PySequence_Contains(vs, o));
    Py_DECREF(o);
    o = Py_BuildValue("(ii)", 2, 20);
    show_int("(2, 20) in items", PySequence_Contains(its, o));
    Py_DECREF(o);
    o = Py_BuildValue("(ii)", 2, 21);
    show_int("(2, 21) in items", PySequence_Contains(its, o));
    Py_DECREF(o);
    o = PyList_New(0);
    show_int("[] in keys", PySequence_Contains(ks, o));
    show_int("[] in items", PySequence_Contains(its, o));
    Py_DECREF(o);
    show("reversed(keys)", PySequence_List(it = call0(ks, "__reversed__")));
    Py_XDECREF(it);
    show("reversed(values)", PySequence_List(it = call0(vs, "__reversed__")));
    Py_XDECREF(it);
    show("reversed(items)", PySequence_List(it = call0(its, "__reversed__")));
    Py_XDECREF(it);
    show("reversed(d)", PySequence_List(it = call0(d, "__reversed__")));
    Py_XDECREF(it);
    s = set_of(3, 4, 7);
    show("keys & {3, 4, 7}", PyNumber_And(ks, s));
    show("{3, 4, 7} & keys", PyNumber_And(s, ks));
    show("keys | {3, 4, 7}", PyNumber_Or(ks, s));
    show("keys - {3, 4, 7}", PyNumber_Subtract(ks, s));
    show("{3, 4, 7} - keys", PyNumber_Subtract(s, ks));
    show("keys ^ {3, 4, 7}", PyNumber_Xor(ks, s));
    show("keys == {0,1,2,3,4}", PyObject_RichCompare(ks, o = PySet_New(ks), Py_EQ));
    show("keys < {0,1,2,3,4}", PyObject_RichCompare(ks, o, Py_LT));
    show("keys <= {0,1,2,3,4}", PyObject_RichCompare(ks, o, Py_LE));
    Py_DECREF(o);
    show("keys == [0,1,2,3,4]", PyObject_RichCompare(ks, o = PySequence_List(ks), Py_EQ));
    Py_DECREF(o);
    show("keys.isdisjoint({3, 4, 7})", call1(ks, "isdisjoint", s));
    o = Py_BuildValue("[ii]", 8, 9);
    show("keys.isdisjoint([8, 9])", call1(ks, "isdisjoint", o));
    show("keys & [8, 9]", PyNumber_And(ks, o));
    Py_DECREF(o);
    d2 = int_dict(3);
    o = PyLong_FromLong(1);
    PyDict_SetItem(d2, o, o);
    Py_DECREF(o);
    show("items ^ items", PyNumber_Xor(its, o = call0(d2, "items")));
    show("items & items", PyNumber_And(its, o));
    show("items - items", PyNumber_Subtract(its, o));
    Py_DECREF(o);
    show("values & values", PyNumber_And(vs, vs));
    show("keys.mapping", PyObject_GetAttrString(ks, "mapping"));
    show_int("hash(keys)", PyObject_Hash(ks));
    /* Views follow the dict. */
    o = PyLong_FromLong(99);
    PyDict_SetItem(d, o, o);
    Py_DECREF(o);
    show("keys after d[99] = 99", Py_NewRef(ks));
    show_int("len(items)", PyObject_Size(its));
    Py_DECREF(d2);
    Py_DECREF(s);
    Py_DECREF(ks);
    Py_DECREF(vs);
    Py_DECREF(its);
    Py_DECREF(d);
    d = PyDict_New();
    show("empty keys", call0(d, "keys"));
    Py_DECREF(d);
}

static void iteration_errors(void)
{
    PyObject *d = int_dict(3), *it, *k, *o;
    it = PyObject_GetIter(d);
    show("next", PyIter_Next(it));
    o = PyLong_FromLong(50);
    PyDict_SetItem(d, o, o);
    Py_DECREF(o);
    show("next after adding a key", PyIter_Next(it));
    show("next again", PyIter_Next(it));
    Py_DECREF(it);
    it = PyObject_GetIter(o = call0(d, "items"));
    Py_DECREF(o);
    show("items next", PyIter_Next(it));
    k = PyLong_FromLong(50);
    PyDict_DelItem(d, k);
    Py_DECREF(k);
    show("items next after deleting a key", PyIter_Next(it));
    Py_DECREF(it);
    it = PyObject_GetIter(d);
    show("next", PyIter_Next(it));
    k = PyLong_FromLong(2);
    PyDict_DelItem(d, k);
    Py_DECREF(k);
    k = PyLong_FromLong(7);
    PyDict_SetItem(d, k, k);
    Py_DECREF(k);
    show("next", PyIter_Next(it));
    show("next after replacing a key", PyIter_Next(it));
    show("__length_hint__", call0(it, "__length_hint__"));
    Py_DECREF(it);
    it = PyObject_GetIter(d);
    show("__length_hint__ fresh", call0(it, "__length_hint__"));
    while ((k = PyIter_Next(it)) != NULL) {
        Py_DECREF(k);
    }
    show("next past the end", PyIter_Next(it));
    show("__length_hint__ at end", call0(it, "__length_hint__"));
    Py_DECREF(it);
    Py_DECREF(d);
}

static void methods(void)
{
    PyObject *d = int_dict(4), *o, *k, *args, *kw;
    k = PyLong_FromLong(2);
    show("get(2)", call1(d, "get", k));
    Py_DECREF(k);
    k = PyLong_FromLong(9);
    show("get(9)", call1(d, "get", k));
    show("get(9, 'x')", PyObject_CallMethod(d, "get", "Os", k, "x"));
    show("get()", call0(d, "get"));
    show("get(1, 2, 3)", PyObject_CallMethod(d, "get", "iii", 1, 2, 3));
    show("setdefault(9)", call1(d, "setdefault", k));
    show("setdefault(9, 'y')", PyObject_CallMethod(d, "setdefault", "Os", k, "y"));
    show("setdefault(10, 'y')", PyObject_CallMethod(d, "setdefault", "is", 10, "y"));
    show("pop(9)", call1(d, "pop", k));
    show("pop(9)", call1(d, "pop", k));
    show("pop(9, 'z')", PyObject_CallMethod(d, "pop", "Os", k, "z"));
    Py_DECREF(k);
    o = PyList_New(0);
    show("pop([])", call1(d, "pop", o));
    show("get([])", call1(d, "get", o));
    show("empty.pop([])", call1(k = PyDict_New(), "pop", o));
    Py_DECREF(k);
    Py_DECREF(o);
    show("d", Py_NewRef(d));
    show("copy", call0(d, "copy"));
    show("popitem", call0(d, "popitem"));
    show("popitem", call0(d, "popitem"));
    show("d", Py_NewRef(d));
    call0(d, "clear");
    show("after clear", Py_NewRef(d));
    show("popitem on empty", call0(d, "popitem"));
    Py_DECREF(d);

    /* fromkeys */
    o = Py_BuildValue("[iii]", 3, 1, 3);
    show("dict.fromkeys([3, 1, 3])", call1((PyObject *)&PyDict_Type, "fromkeys", o));
    show("dict.fromkeys([3, 1, 3], 0)",
         PyObject_CallMethod((PyObject *)&PyDict_Type, "fromkeys", "Oi", o, 0));
    Py_DECREF(o);
    o = PyUnicode_FromString("abca");
    show("dict.fromkeys('abca')", call1((PyObject *)&PyDict_Type, "fromkeys", o));
    Py_DECREF(o);
    o = int_dict(3);
    show("dict.fromkeys(dict)", call1((PyObject *)&PyDict_Type, "fromkeys", o));
    Py_DECREF(o);
    o = PyLong_FromLong(3);
    show("dict.fromkeys(3)", call1((PyObject *)&PyDict_Type, "fromkeys", o));
    Py_DECREF(o);
    show("dict.fromkeys()", call0((PyObject *)&PyDict_Type, "fromkeys"));

    /* update and the constructor */
    d = int_dict(2);
    o = Py_BuildValue("[(ii)(ii)]", 1, 100, 7, 70);
    show("update([(1, 100), (7, 70)])", call1(d, "update", o));
    Py_DECREF(o);
    show("d", Py_NewRef(d));
    o = int_dict(1);
    show("update({0: 0})", call1(d, "update", o));
    Py_DECREF(o);
    o = Py_BuildValue("[(iii)]", 1, 2, 3);
    show("update([(1, 2, 3)])", call1(d, "update", o));
    Py_DECREF(o);
    o = Py_BuildValue("[(ii)i]", 1, 2, 3);
    show("update([(1, 2), 3])", call1(d, "update", o));
    Py_DECREF(o);
    o = Py_BuildValue("[s]", "ab");
    show("update(['ab'])", call1(d, "update", o));
    Py_DECREF(o);
    o = PyLong_FromLong(5);
    show("update(5)", call1(d, "update", o));
    Py_DECREF(o);
    show("update(1, 2)", PyObject_CallMethod(d, "update", "ii", 1, 2));
    args = PyTuple_New(0);
    kw = Py_BuildValue("{s:i,s:i}", "x", 1, "y", 2);
    o = PyObject_GetAttrString(d, "update");
    show("update(x=1, y=2)", PyObject_Call(o, args, kw));
    Py_DECREF(o);
    Py_DECREF(args);
    Py_DECREF(kw);
    show("d", Py_NewRef(d));
    show("dict()", call_type((PyObject *)&PyDict_Type, PyTuple_New(0), NULL));
    show("dict(d)", call_type((PyObject *)&PyDict_Type, Py_BuildValue("(O)", d), NULL));
    show("dict([(1, 2)], z=3)",
         call_type((PyObject *)&PyDict_Type, Py_BuildValue("([(ii)])", 1, 2),
                   Py_BuildValue("{s:i}", "z", 3)));
    show("dict(1, 2)", call_type((PyObject *)&PyDict_Type, Py_BuildValue("(ii)", 1, 2), NULL));
    show("dict(keys view)", call_type((PyObject *)&PyDict_Type,
                                      Py_BuildValue("(N)", call0(d, "items")), NULL));

    /* operators and comparison */
    o = Py_BuildValue("{i:s,i:s}", 1, "one", 50, "fifty");
    show("d | o", PyNumber_Or(d, o));
    show("o | d", PyNumber_Or(o, d));
    k = Py_BuildValue("[(is)]", 60, "sixty");
    show("d | [(60, 'sixty')]", PyNumber_Or(d, k));
    show("d |= [(60, 'sixty')]", PyNumber_InPlaceOr(d, k));
    Py_DECREF(k);
    show("d", Py_NewRef(d));
    show("d == d.copy()", PyObject_RichCompare(d, k = PyDict_Copy(d), Py_EQ));
    show("d != d.copy()", PyObject_RichCompare(d, k, Py_NE));
    PyDict_SetItemString(k, "x", Py_None);
    show("d == changed copy", PyObject_RichCompare(d, k, Py_EQ));
    show("d < copy", PyObject_RichCompare(d, k, Py_LT));
    Py_DECREF(k);
    show("d == o", PyObject_RichCompare(d, o, Py_EQ));
    Py_DECREF(o);
    show_int("hash(d)", PyObject_Hash(d));
    Py_DECREF(d);
}

static void reprs(void)
{
    PyObject *d = PyDict_New(), *inner = int_dict(2), *l;
    PyDict_SetItemString(d, "inner", inner);
    l = PyList_New(0);
    PyList_Append(l, inner);
    PyList_Append(l, d);
    PyDict_SetItemString(d, "list", l);
    PyDict_SetItemString(d, "self", d);
    show("recursive", Py_NewRef(d));
    show("keys of recursive", call0(d, "keys"));
    show("values of recursive", call0(d, "values"));
    show("str(d)", PyObject_Str(d));
    PyDict_Clear(d);
    Py_DECREF(l);
    Py_DECREF(inner);
    Py_DECREF(d);
}

static void capi(void)
{
    PyObject *d = int_dict(3), *k, *r = NULL, *l;
    int rc;
    k = PyLong_FromLong(1);
    rc = PyDict_GetItemRef(d, k, &r);
    printf("GetItemRef(1): %d ", rc);
    show("", r);
    Py_DECREF(k);
    k = PyLong_FromLong(8);
    rc = PyDict_GetItemRef(d, k, &r);
    printf("GetItemRef(8): %d %s\n", rc, r == NULL ? "NULL" : "?");
    rc = PyDict_SetDefaultRef(d, k, Py_True, &r);
    printf("SetDefaultRef(8, True): %d ", rc);
    show("", r);
    rc = PyDict_SetDefaultRef(d, k, Py_False, &r);
    printf("SetDefaultRef(8, False): %d ", rc);
    show("", r);
    show("SetDefault(8)", Py_XNewRef(PyDict_SetDefault(d, k, Py_None)));
    rc = PyDict_Pop(d, k, &r);
    printf("Pop(8): %d ", rc);
    show("", r);
    rc = PyDict_Pop(d, k, &r);
    printf("Pop(8) again: %d %s\n", rc, r == NULL ? "NULL" : "?");
    rc = PyDict_Pop(d, k, NULL);
    printf("Pop(8, NULL): %d\n", rc);
    Py_DECREF(k);
    PyDict_SetItemString(d, "s", Py_None);
    show_int("ContainsString(s)", PyDict_ContainsString(d, "s"));
    show_int("ContainsString(t)", PyDict_ContainsString(d, "t"));
    rc = PyDict_GetItemStringRef(d, "s", &r);
    printf("GetItemStringRef(s): %d ", rc);
    show("", r);
    rc = PyDict_PopString(d, "s", &r);
    printf("PopString(s): %d ", rc);
    show("", r);
    rc = PyDict_PopString(d, "s", &r);
    printf("PopString(s) again: %d\n", rc);
    l = Py_BuildValue("[(ii)(ii)]", 0, -1, 5, 50);
    show_int("MergeFromSeq2(override=0)", PyDict_MergeFromSeq2(d, l, 0));
    show("d", Py_NewRef(d));
    show_int("MergeFromSeq2(override=1)", PyDict_MergeFromSeq2(d, l, 1));
    show("d", Py_NewRef(d));
    Py_DECREF(l);
    l = Py_BuildValue("{i:i,i:i}", 0, -7, 9, 90);
    show_int("Merge(override=0)", PyDict_Merge(d, l, 0));
    show("d", Py_NewRef(d));
    Py_DECREF(l);
    l = PyList_New(0);
    show_int("MergeFromSeq2([[1]])", PyList_Append(l, l) + PyDict_MergeFromSeq2(d, l, 1));
    PyList_Clear(l);
    Py_DECREF(l);

    /* Bad input. */
    l = PyList_New(0);
    show_int("SetItem(list, ...)", PyDict_SetItem(l, Py_None, Py_None));
    show_int("SetItemString(list, ...)", PyDict_SetItemString(l, "a", Py_None));
    show_int("DelItem(list, ...)", PyDict_DelItem(l, Py_None));
    show_int("Size(list)", PyDict_Size(l));
    show_int("Size(NULL)", PyDict_Size(NULL));
    show("GetItem(list, None) (no error)", Py_XNewRef(PyDict_GetItem(l, Py_None)));
    show("GetItem(d, []) (no error)", Py_XNewRef(PyDict_GetItem(d, l)));
    show("GetItemWithError(d, [])", Py_XNewRef(PyDict_GetItemWithError(d, l)));
    show("GetItemWithError(list, 1)", Py_XNewRef(PyDict_GetItemWithError(l, Py_None)));
    show_int("Contains(d, [])", PyDict_Contains(d, l));
    show_int("DelItem(d, [])", PyDict_DelItem(d, l));
    show_int("SetItem(d, [], 1)", PyDict_SetItem(d, l, Py_None));
    show("Keys(list)", PyDict_Keys(l));
    show("Values(NULL)", PyDict_Values(NULL));
    show("Copy(list)", PyDict_Copy(l));
    show_int("Merge(d, NULL)", PyDict_Merge(d, NULL, 1));
    show_int("Merge(list, d)", PyDict_Merge(l, d, 1));
    show_int("Update(d, 5)", PyDict_Update(d, k = PyLong_FromLong(5)));
    Py_DECREF(k);
    show_int("MergeFromSeq2(d, 5)", PyDict_MergeFromSeq2(d, k = PyLong_FromLong(5), 1));
    Py_DECREF(k);
    rc = PyDict_GetItemRef(l, Py_None, &r);
    printf("GetItemRef(list): %d %s ", rc, r == NULL ? "NULL" : "?");
    show_int("", -1);
    PyDict_Clear(l);
    show_int("Next(list)", PyDict_Next(l, &(Py_ssize_t){0}, NULL, NULL));
    Py_DECREF(l);
    show("d", d);

    /* mappingproxy */
    d = int_dict(2);
    r = PyDictProxy_New(d);
    show("proxy", Py_NewRef(r));
    show_int("len(proxy)", PyObject_Size(r));
    show("proxy[1]", PyObject_GetItem(r, k = PyLong_FromLong(1)));
    show_int("proxy[1] = 1", PyObject_SetItem(r, k, k));
    show_int("1 in proxy", PySequence_Contains(r, k));
    Py_DECREF(k);
    show("proxy.keys()", call0(r, "keys"));
    show("proxy.items()", call0(r, "items"));
    show("proxy.get(5, 'x')", PyObject_CallMethod(r, "get", "is", 5, "x"));
    show("proxy.copy()", call0(r, "copy"));
    show("proxy == d", PyObject_RichCompare(r, d, Py_EQ));
    show("list(proxy)", PySequence_List(r));
    show("proxy | {9: 9}", PyNumber_Or(r, k = Py_BuildValue("{i:i}", 9, 9)));
    show("proxy |= {9: 9}", PyNumber_InPlaceOr(r, k));
    Py_DECREF(k);
    Py_DECREF(r);
    l = PyList_New(0);
    show("PyDictProxy_New(list)", PyDictProxy_New(l));
    Py_DECREF(l);
    show("PyDictProxy_New(5)", PyDictProxy_New(k = PyLong_FromLong(5)));
    Py_DECREF(k);
    Py_DECREF(d);
}

static PyObject *dd_missing(PyObject *self, PyObject *key)
{
    (void)self;
    return PyUnicode_FromFormat("missing %R", key);
}

static PyMethodDef dd_methods[] = {
    {"__missing__", dd_missing, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static PyType_Slot dd_slots[] = {
    {Py_tp_methods, dd_methods},
    {0, NULL},
};

static PyType_Spec dd_spec = {"test.DD", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, dd_slots};

static PyType_Slot plain_slots[] = {{0, NULL}};
static PyType_Spec plain_spec = {"test.Plain", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
                                 plain_slots};

static void subclasses(void)
{
    PyObject *tp = PyType_FromSpecWithBases(&dd_spec, (PyObject *)&PyDict_Type);
    PyObject *plain = PyType_FromSpecWithBases(&plain_spec, (PyObject *)&PyDict_Type);
    PyObject *d, *k, *args, *kw;
    if (tp == NULL || plain == NULL) {
        show("PyType_FromSpecWithBases", NULL);
        return;
    }
    d = PyObject_CallNoArgs(tp);
    k = PyLong_FromLong(5);
    show("DD()[5]", PyObject_GetItem(d, k));
    show_int("5 in DD()", PySequence_Contains(d, k));
    show("DD().get(5)", PyObject_CallMethod(d, "get", "O", k));
    show("PyDict_GetItemWithError(DD(), 5)", Py_XNewRef(PyDict_GetItemWithError(d, k)));
    PyObject_SetItem(d, k, k);
    show("DD()[5] after setting", PyObject_GetItem(d, k));
    Py_DECREF(k);
    show("repr", PyObject_Repr(d));
    show("copy", PyObject_CallMethod(d, "copy", NULL));
    show("type of copy", PyObject_Type(k = PyObject_CallMethod(d, "copy", NULL)));
    Py_DECREF(k);
    show("type of d | d", PyObject_Type(k = PyNumber_Or(d, d)));
    Py_DECREF(k);
    check("PyDict_Check(DD())", PyDict_Check(d));
    check("PyDict_CheckExact(DD())", PyDict_CheckExact(d));
    show_int("PyDict_SetItem(DD(), 1, 1)", PyDict_SetItem(d, Py_True, Py_True));
    show("d", Py_NewRef(d));
    Py_DECREF(d);
    args = Py_BuildValue("([(ii)])", 1, 2);
    kw = Py_BuildValue("{s:i}", "x", 3);
    show("Plain([(1, 2)], x=3)", PyObject_Call(plain, args, kw));
    show("type of DD.fromkeys([1])",
         PyObject_Type(k = PyObject_CallMethod(tp, "fromkeys", "([i])", 1)));
    show("DD.fromkeys([1])", k);
    d = PyObject_Call(plain, args, kw);
    show_int("Plain()[1] missing", PyObject_GetItem(d, Py_False) == NULL);
    PyErr_Clear();
    show("Plain == dict", PyObject_RichCompare(d, k = PyDict_Copy(d), Py_EQ));
    Py_DECREF(k);
    Py_DECREF(d);
    Py_DECREF(args);
    Py_DECREF(kw);
    Py_DECREF(plain);
    Py_DECREF(tp);
}

int main(void)
{
    start();
    basics();
    order_and_resize();
    views();
    iteration_errors();
    methods();
    reprs();
    capi();
    subclasses();
    return finish();
}
