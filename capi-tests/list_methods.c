// test: differential
/* list and tuple through their Python-visible methods and slots: sort (key,
 * reverse, stability, errors, mutation during sort), slicing with every
 * step sign, extended slice assignment and deletion, repr of nested and
 * recursive lists, hashes, iterators, and the exact errors. */
#include "testing.h"

static PyObject *L(long v) { return PyLong_FromLong(v); }

/* list(range(n)) */
static PyObject *range_list(long n)
{
    PyObject *l = PyList_New(n);
    long i;
    for (i = 0; i < n; i++) {
        PyList_SET_ITEM(l, i, L(i));
    }
    return l;
}

/* o.name(*args, **kw): args a new tuple (stolen), kw NULL or a dict (stolen). */
static PyObject *call(PyObject *o, const char *name, PyObject *args, PyObject *kw)
{
    PyObject *m = PyObject_GetAttrString(o, name), *r = NULL;
    if (m != NULL) {
        r = PyObject_Call(m, args, kw);
        Py_DECREF(m);
    }
    Py_DECREF(args);
    Py_XDECREF(kw);
    return r;
}

static PyObject *kw1(const char *k, PyObject *v)
{
    PyObject *d = PyDict_New();
    PyDict_SetItemString(d, k, v);
    Py_DECREF(v);
    return d;
}

static PyObject *slice3(PyObject *a, PyObject *b, PyObject *c)
{
    PyObject *s = PySlice_New(a, b, c);
    Py_XDECREF(a);
    Py_XDECREF(b);
    Py_XDECREF(c);
    return s;
}

int main(void)
{
    PyObject *l, *t, *o, *s, *k, *it, *x;
    long vals[] = {-7, -3, -1, 0, 1, 3, 7};
    int i, j, m;
    start();

    /* slicing with every step sign */
    l = range_list(6);
    t = PySequence_Tuple(l);
    for (i = 0; i < 7; i++) {
        for (m = 0; m < 7; m++) {
            char label[64];
            if (vals[m] == 0) {
                continue;
            }
            s = slice3(L(vals[i]), NULL, L(vals[m]));
            snprintf(label, sizeof label, "l[%ld::%ld]", vals[i], vals[m]);
            show(label, PyObject_GetItem(l, s));
            snprintf(label, sizeof label, "t[%ld::%ld]", vals[i], vals[m]);
            show(label, PyObject_GetItem(t, s));
            Py_DECREF(s);
        }
    }
    show("l[::0]", PyObject_GetItem(l, (s = slice3(NULL, NULL, L(0)))));
    Py_DECREF(s);
    show("l['a']", PyObject_GetItem(l, (o = PyUnicode_FromString("a"))));
    show("t['a']", PyObject_GetItem(t, o));
    Py_DECREF(o);
    show("l[-7]", PyObject_GetItem(l, (o = L(-7))));
    show("t[-7]", PyObject_GetItem(t, o));
    Py_DECREF(o);
    o = PyNumber_Lshift((x = L(1)), (k = L(100)));
    Py_DECREF(x);
    Py_DECREF(k);
    show("l[1<<100]", PyObject_GetItem(l, o));
    Py_DECREF(o);

    /* extended slice assignment and deletion */
    for (j = 0; j < 4; j++) {
        long step = j < 2 ? 2 : -2;
        PyObject *c = range_list(7), *v = j % 2 ? range_list(3) : range_list(4);
        s = slice3(NULL, NULL, L(step));
        printf("l[::%ld] = %s: ", step, j % 2 ? "3 items" : "4 items");
        show_int("", PyObject_SetItem(c, s, v));
        show("  ->", Py_NewRef(c));
        show_int("  del", PyObject_DelItem(c, s));
        show("  ->", c);
        Py_DECREF(s);
        Py_DECREF(v);
    }
    o = range_list(5);
    show_int("l[1:3] = 5", PyObject_SetItem(o, (s = slice3(L(1), L(3), NULL)), (x = L(5))));
    Py_DECREF(x);
    show_int("l[1:3] = 'ab'", PyObject_SetItem(o, s, (x = PyUnicode_FromString("ab"))));
    Py_DECREF(x);
    show_int("l[1:3] = l", PyObject_SetItem(o, s, o));
    show("  ->", Py_NewRef(o));
    Py_DECREF(s);
    show_int("l[10:20] = (9,)", PyObject_SetItem(o, (s = slice3(L(10), L(20), NULL)), (x = PyTuple_Pack(1, Py_None))));
    Py_DECREF(x);
    Py_DECREF(s);
    show("  ->", Py_NewRef(o));
    show_int("del l[::-3]", PyObject_DelItem(o, (s = slice3(NULL, NULL, L(-3)))));
    Py_DECREF(s);
    show("  ->", Py_NewRef(o));
    x = L(9);
    show_int("l[9] = 9", PyObject_SetItem(o, x, x));
    show_int("del l[9]", PyObject_DelItem(o, x));
    Py_DECREF(x);
    Py_DECREF(o);

    /* methods */
    o = range_list(3);
    show("append", call(o, "append", PyTuple_Pack(1, Py_None), NULL));
    show("insert(-1, 'a')", call(o, "insert", Py_BuildValue("(is)", -1, "a"), NULL));
    show("insert(1)", call(o, "insert", Py_BuildValue("(i)", 1), NULL));
    show("extend(range-ish)", call(o, "extend", Py_BuildValue("((ii))", 7, 8), NULL));
    show("extend(5)", call(o, "extend", Py_BuildValue("(i)", 5), NULL));
    show("extend(self)", call(o, "extend", PyTuple_Pack(1, o), NULL));
    show("list", Py_NewRef(o));
    show("pop()", call(o, "pop", PyTuple_New(0), NULL));
    show("pop(0)", call(o, "pop", Py_BuildValue("(i)", 0), NULL));
    show("pop(99)", call(o, "pop", Py_BuildValue("(i)", 99), NULL));
    show("pop('a')", call(o, "pop", Py_BuildValue("(s)", "a"), NULL));
    show("pop(1, 2)", call(o, "pop", Py_BuildValue("(ii)", 1, 2), NULL));
    show("remove('a')", call(o, "remove", Py_BuildValue("(s)", "a"), NULL));
    show("remove('zz')", call(o, "remove", Py_BuildValue("(s)", "zz"), NULL));
    show("index(7)", call(o, "index", Py_BuildValue("(i)", 7), NULL));
    show("index(7, 4)", call(o, "index", Py_BuildValue("(ii)", 7, 4), NULL));
    show("index(7, -3, -1)", call(o, "index", Py_BuildValue("(iii)", 7, -3, -1), NULL));
    show("index(7, 'a')", call(o, "index", Py_BuildValue("(is)", 7, "a"), NULL));
    show("index()", call(o, "index", PyTuple_New(0), NULL));
    show("index('q')", call(o, "index", Py_BuildValue("(s)", "q"), NULL));
    show("count(7)", call(o, "count", Py_BuildValue("(i)", 7), NULL));
    show("count()", call(o, "count", PyTuple_New(0), NULL));
    show("copy()", call(o, "copy", PyTuple_New(0), NULL));
    show("reverse()", call(o, "reverse", PyTuple_New(0), NULL));
    show("list", Py_NewRef(o));
    show("__sizeof__ == 40 + 8*allocated",
         PyBool_FromLong(PyLong_AsLong(x = call(o, "__sizeof__", PyTuple_New(0), NULL)) ==
                         40 + 8 * ((PyListObject *)o)->allocated));
    Py_DECREF(x);
    show("clear()", call(o, "clear", PyTuple_New(0), NULL));
    show("list", Py_NewRef(o));
    Py_DECREF(o);
    o = PyList_New(0);
    printf("allocated while appending:");
    for (i = 0; i < 20; i++) {
        PyList_Append(o, Py_None);
        printf(" %zd", ((PyListObject *)o)->allocated);
    }
    printf("\n");
    Py_DECREF(o);

    /* sort */
    o = Py_BuildValue("[iiiiiiii]", 5, -1, 3, 3, 0, 9, -7, 2);
    show("sort()", call(o, "sort", PyTuple_New(0), NULL));
    show("  ->", Py_NewRef(o));
    show("sort(reverse=True)", call(o, "sort", PyTuple_New(0), kw1("reverse", Py_NewRef(Py_True))));
    show("  ->", Py_NewRef(o));
    show("sort(key=int.__neg__)", call(o, "sort", PyTuple_New(0), kw1("key", PyObject_GetAttrString((PyObject *)&PyLong_Type, "__neg__"))));
    show("  ->", Py_NewRef(o));
    show("sort(key=int.__neg__, reverse=True)", call(o, "sort", PyTuple_New(0), kw1("key", PyObject_GetAttrString((PyObject *)&PyLong_Type, "__neg__"))));
    show("  ->", Py_NewRef(o));
    show("sort(1)", call(o, "sort", Py_BuildValue("(i)", 1), NULL));
    show("sort(foo=1)", call(o, "sort", PyTuple_New(0), kw1("foo", L(1))));
    show("sort(key=5)", call(o, "sort", PyTuple_New(0), kw1("key", L(5))));
    Py_DECREF(o);
    /* stability: equal keys keep their order, also when reversed */
    o = Py_BuildValue("[ssssss]", "bb", "a", "cc", "d", "eee", "f");
    show("stable sort(key=len)", call(o, "sort", PyTuple_New(0), kw1("key", PyObject_GetAttrString((PyObject *)&PyUnicode_Type, "__len__"))));
    show("  ->", Py_NewRef(o));
    show("stable sort(key=len, reverse=True)", call(o, "sort", PyTuple_New(0), kw1("reverse", Py_NewRef(Py_True))));
    show("  ->", Py_NewRef(o));
    Py_DECREF(o);
    o = Py_BuildValue("[ssssss]", "bb", "a", "cc", "d", "eee", "f");
    x = PyDict_New();
    PyDict_SetItemString(x, "reverse", Py_True);
    PyDict_SetItemString(x, "key", (k = PyObject_GetAttrString((PyObject *)&PyUnicode_Type, "__len__")));
    Py_XDECREF(k);
    show("sort(key=len, reverse=True)", call(o, "sort", PyTuple_New(0), x));
    show("  ->", Py_NewRef(o));
    Py_DECREF(o);
    o = Py_BuildValue("[sssss]", "pear", "Apple", "fig", "apple", "Fig");
    show("sort strs", call(o, "sort", PyTuple_New(0), NULL));
    show("  ->", Py_NewRef(o));
    show("sort(key=str.lower)", call(o, "sort", PyTuple_New(0), kw1("key", PyObject_GetAttrString((PyObject *)&PyUnicode_Type, "lower"))));
    show("  ->", Py_NewRef(o));
    Py_DECREF(o);
    o = Py_BuildValue("[dddd]", 2.5, -1.0, 3.25, 0.0);
    show("sort floats", call(o, "sort", PyTuple_New(0), NULL));
    show("  ->", Py_NewRef(o));
    Py_DECREF(o);
    o = Py_BuildValue("[isi]", 3, "a", 1);
    show("sort mixed", call(o, "sort", PyTuple_New(0), NULL));
    show("  -> (a permutation)", PyLong_FromSsize_t(PyList_GET_SIZE(o)));
    Py_DECREF(o);
    /* a long list with runs, big ints and negative numbers */
    o = PyList_New(0);
    for (i = 0; i < 300; i++) {
        PyList_Append(o, (x = L((i * 7919L) % 211 - 100)));
        Py_DECREF(x);
    }
    PyList_Append(o, (x = PyNumber_Lshift((k = L(1)), (s = L(80)))));
    Py_DECREF(x);
    Py_DECREF(k);
    Py_DECREF(s);
    PyList_Sort(o);
    x = PyObject_CallMethod(o, "copy", NULL);
    PyList_Sort(x);
    show("sorted twice equal", PyObject_RichCompare(o, x, Py_EQ));
    Py_DECREF(x);
    printf("sorted head/tail: %ld %ld %ld ... ", PyLong_AsLong(PyList_GET_ITEM(o, 0)),
           PyLong_AsLong(PyList_GET_ITEM(o, 1)), PyLong_AsLong(PyList_GET_ITEM(o, 2)));
    show("last", Py_NewRef(PyList_GET_ITEM(o, 300)));
    for (i = 1, j = 1; i < 300; i++) {
        if (PyObject_RichCompareBool(PyList_GET_ITEM(o, i - 1), PyList_GET_ITEM(o, i), Py_LE) != 1) {
            j = 0;
        }
    }
    check("sorted order", j);
    Py_DECREF(o);
    /* mutation during sort: the key appends to the list */
    o = range_list(3);
    k = PyObject_GetAttrString(o, "append");
    show("sort(key=l.append)", call(o, "sort", PyTuple_New(0), kw1("key", k)));
    show("  ->", Py_NewRef(o));
    Py_DECREF(o);
    o = Py_BuildValue("[i]", 5);
    k = PyObject_GetAttrString(o, "append");
    show("[5].sort(key=l.append)", call(o, "sort", PyTuple_New(0), kw1("key", k)));
    show("  ->", Py_NewRef(o));
    show_int("PyList_Sort(NULL)", PyList_Sort(NULL));
    show_int("PyList_Sort(tuple)", PyList_Sort(t));
    Py_DECREF(o);

    /* repr of nested and recursive lists */
    o = range_list(2);
    PyList_Append(o, o);
    x = PyTuple_Pack(2, o, Py_None);
    PyList_Append(o, x);
    show("recursive", Py_NewRef(o));
    show("tuple holding it", x);
    show("nested", Py_BuildValue("[[i[]](())[(i,)]]", 1, 2));
    PyList_SetSlice(o, 0, PyList_GET_SIZE(o), NULL); /* break the cycle */
    Py_DECREF(o);

    /* hashes and comparison */
    show("hash(())", PyLong_FromSsize_t(PyObject_Hash((x = PyTuple_New(0)))));
    Py_DECREF(x);
    show("hash((1, 2, 3))", PyLong_FromSsize_t(PyObject_Hash((x = Py_BuildValue("(iii)", 1, 2, 3)))));
    Py_DECREF(x);
    show("hash((-1, (0, -2)))", PyLong_FromSsize_t(PyObject_Hash((x = Py_BuildValue("(i(ii))", -1, 0, -2)))));
    Py_DECREF(x);
    show("hash(list)", PyLong_FromSsize_t(PyObject_Hash(l)));
    show("hash(([],))", PyLong_FromSsize_t(PyObject_Hash((x = Py_BuildValue("([])")))));
    Py_DECREF(x);
    x = Py_BuildValue("(ii)", 1, 2);
    k = Py_BuildValue("(ii)", 1, 3);
    show("(1, 2) < (1, 3)", PyObject_RichCompare(x, k, Py_LT));
    show("(1, 2) >= (1,)", PyObject_RichCompare(x, (s = Py_BuildValue("(i)", 1)), Py_GE));
    show("(1, 2) < [1, 3]", PyObject_RichCompare(x, l, Py_LT));
    show("[1] == (1,)", PyObject_RichCompare((o = Py_BuildValue("[i]", 1)), s, Py_EQ));
    show("[1] < [1, 0]", PyObject_RichCompare(o, (it = Py_BuildValue("[ii]", 1, 0)), Py_LT));
    Py_DECREF(x);
    x = Py_BuildValue("[s]", "a");
    show("[1] < ['a']", PyObject_RichCompare(o, x, Py_LT));
    Py_DECREF(x);
    Py_DECREF(k);
    Py_DECREF(s);
    Py_DECREF(o);
    Py_DECREF(it);

    /* concatenation, repetition, containment */
    show("l + l", PyNumber_Add(l, l));
    show("t + t", PyNumber_Add(t, t));
    show("l * 2", PyNumber_Multiply(l, (x = L(2))));
    show("2 * t", PyNumber_Multiply(x, t));
    Py_DECREF(x);
    show("l * 'a'", PyNumber_Multiply(l, (x = PyUnicode_FromString("a"))));
    Py_DECREF(x);
    show("t + 1", PyNumber_Add(t, (x = L(1))));
    show_int("1 in t", PySequence_Contains(t, x));
    Py_DECREF(x);
    o = range_list(2);
    show("l += 'ab'", PyNumber_InPlaceAdd(o, (x = PyUnicode_FromString("ab"))));
    Py_DECREF(x);
    show("l *= 2", PyNumber_InPlaceMultiply(o, (x = L(2))));
    show("l *= 0", PyNumber_InPlaceMultiply(o, (k = L(0))));
    Py_DECREF(k);
    Py_DECREF(x);
    Py_DECREF(o);

    /* iterators */
    it = PyObject_GetIter(l);
    show("type(iter(list))", PyObject_GetAttrString((PyObject *)Py_TYPE(it), "__name__"));
    show("length_hint", PyObject_CallMethod(it, "__length_hint__", NULL));
    Py_XDECREF(PyIter_Next(it));
    show("length_hint after next", PyObject_CallMethod(it, "__length_hint__", NULL));
    Py_DECREF(it);
    it = PyObject_CallMethod(l, "__reversed__", NULL);
    show("type(reversed(list))", PyObject_GetAttrString((PyObject *)Py_TYPE(it), "__name__"));
    printf("reversed:");
    while ((x = PyIter_Next(it)) != NULL) {
        printf(" %ld", PyLong_AsLong(x));
        Py_DECREF(x);
    }
    printf("\n");
    Py_DECREF(it);
    it = PyObject_GetIter(t);
    show("type(iter(tuple))", PyObject_GetAttrString((PyObject *)Py_TYPE(it), "__name__"));
    show("tuple it length_hint", PyObject_CallMethod(it, "__length_hint__", NULL));
    Py_DECREF(it);

    /* tuple methods and constructor */
    show("t.index(3)", PyObject_CallMethod(t, "index", "i", 3));
    show("t.index(3, 4)", PyObject_CallMethod(t, "index", "ii", 3, 4));
    show("t.count(3)", PyObject_CallMethod(t, "count", "i", 3));
    show("t.__getnewargs__()", PyObject_CallMethod(t, "__getnewargs__", NULL));
    show("tuple()", PyObject_CallNoArgs((PyObject *)&PyTuple_Type));
    show("tuple(l)", PyObject_CallOneArg((PyObject *)&PyTuple_Type, l));
    show("tuple('ab')", PyObject_CallOneArg((PyObject *)&PyTuple_Type, (x = PyUnicode_FromString("ab"))));
    show("tuple(1)", PyObject_CallOneArg((PyObject *)&PyTuple_Type, (k = L(1))));
    show("list('ab')", PyObject_CallOneArg((PyObject *)&PyList_Type, x));
    show("list(1)", PyObject_CallOneArg((PyObject *)&PyList_Type, k));
    show("list(1, 2)", PyObject_CallFunction((PyObject *)&PyList_Type, "ii", 1, 2));
    Py_DECREF(x);
    Py_DECREF(k);
    check("tuple(t) is t", (x = PyObject_CallOneArg((PyObject *)&PyTuple_Type, t)) == t);
    Py_DECREF(x);
    check("t[:] is t", (x = PySequence_GetSlice(t, 0, 100)) == t);
    Py_DECREF(x);
    check("t * 1 is t", (x = PySequence_Repeat(t, 1)) == t);
    Py_DECREF(x);

    /* the C API's bad input */
    show("PyList_GetItem(t, 0)", Py_XNewRef(PyList_GetItem(t, 0)));
    show("PyList_GetItem(l, -1)", Py_XNewRef(PyList_GetItem(l, -1)));
    show("PyList_GetItemRef(t, 0)", PyList_GetItemRef(t, 0));
    show_int("PyList_Append(l, NULL)", PyList_Append(l, NULL));
    show_int("PyList_Append(t, x)", PyList_Append(t, Py_None));
    show_int("PyList_Insert(l, 0, NULL)", PyList_Insert(l, 0, NULL));
    show_int("PyList_SetItem(t, 0, x)", PyList_SetItem(t, 0, Py_NewRef(Py_None)));
    show_int("PyList_Size(t)", PyList_Size(t));
    show("PyList_AsTuple(t)", PyList_AsTuple(t));
    show("PyList_New(-1)", PyList_New(-1));
    show("PyList_GetSlice(l, 4, 2)", PyList_GetSlice(l, 4, 2));
    show_int("PyList_Reverse(NULL)", PyList_Reverse(NULL));
    show_int("PyTuple_Size(l)", PyTuple_Size(l));
    show("PyTuple_GetItem(l, 0)", Py_XNewRef(PyTuple_GetItem(l, 0)));
    show("PyTuple_GetSlice(l, 0, 1)", PyTuple_GetSlice(l, 0, 1));
    show("PyTuple_New(-1)", PyTuple_New(-1));
    show_int("PyTuple_SetItem(l, 0, x)", PyTuple_SetItem(l, 0, Py_NewRef(Py_None)));
    show_int("PyTuple_SetItem(shared t, 0, x)", PyTuple_SetItem(t, 0, Py_NewRef(Py_None)));
    x = PyTuple_New(3);
    show_int("PyTuple_SetItem(x, -1, v)", PyTuple_SetItem(x, -1, Py_NewRef(Py_None)));
    PyTuple_SET_ITEM(x, 0, L(1));
    PyTuple_SET_ITEM(x, 1, L(2));
    PyTuple_SET_ITEM(x, 2, L(3));
    show_int("_PyTuple_Resize(&x, 5)", _PyTuple_Resize(&x, 5));
    PyTuple_SET_ITEM(x, 3, L(4));
    PyTuple_SET_ITEM(x, 4, L(5));
    show("  ->", Py_NewRef(x));
    show_int("_PyTuple_Resize(&x, 2)", _PyTuple_Resize(&x, 2));
    show("  ->", x);
    x = Py_NewRef(t);
    show_int("_PyTuple_Resize(&shared, 2)", _PyTuple_Resize(&x, 2));
    check("  x is NULL", x == NULL);

    Py_DECREF(l);
    Py_DECREF(t);
    return finish();
}
