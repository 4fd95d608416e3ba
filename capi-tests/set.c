// test: differential
/* set and frozenset: iteration order of small ints (CPython's table layout,
 * linear probing, growth, dummies), pop order, operators and methods with
 * sets and other iterables, comparisons, frozenset hashes, repr, iteration
 * errors, the PySet_* C API and bad input. */
#include "testing.h"

static PyObject *ints(int n, const int *v)
{
    PyObject *l = PyList_New(0);
    int i;
    for (i = 0; i < n; i++) {
        PyObject *o = PyLong_FromLong(v[i]);
        PyList_Append(l, o);
        Py_DECREF(o);
    }
    return l;
}

/* set(v[0..n]) built through the constructor. */
static PyObject *set_of(int n, const int *v)
{
    PyObject *l = ints(n, v), *s = PySet_New(l);
    Py_DECREF(l);
    return s;
}

static PyObject *frozen_of(int n, const int *v)
{
    PyObject *l = ints(n, v), *s = PyFrozenSet_New(l);
    Py_DECREF(l);
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

static void show_hash(const char *label, PyObject *o)
{
    Py_hash_t h = PyObject_Hash(o);
    printf("%s: %lld", label, (long long)h);
    if (PyErr_Occurred()) {
        printf(" raised ");
        print_error();
    }
    printf("\n");
    Py_DECREF(o);
}

static void order(void)
{
    static const int a[] = {8, 16, 0, 24, 1, 9, 17};
    static const int b[] = {-1, -2, 5, 13, 21, 29, 37, 45, 53, 61};
    static const int c[] = {1000, 7, 3000000, -5, 64, 32, 1 << 30};
    PyObject *s, *o;
    int i;
    show("collisions", set_of(7, a));
    show("-1 and -2 share a hash", set_of(10, b));
    show("mixed", set_of(7, c));
    s = PySet_New(NULL);
    for (i = 0; i < 60; i++) {
        o = PyLong_FromLong((i * 37) % 1000);
        PySet_Add(s, o);
        Py_DECREF(o);
    }
    show("60 adds", Py_NewRef(s));
    for (i = 0; i < 60; i += 3) {
        o = PyLong_FromLong((i * 37) % 1000);
        PySet_Discard(s, o);
        Py_DECREF(o);
    }
    for (i = 1000; i < 1010; i++) {
        o = PyLong_FromLong(i);
        PySet_Add(s, o);
        Py_DECREF(o);
    }
    show("after discards and adds", Py_NewRef(s));
    show("copy", call0(s, "copy"));
    show("__sizeof__", call0(s, "__sizeof__"));
    show("set().__sizeof__", call0(o = PySet_New(NULL), "__sizeof__"));
    Py_DECREF(o);
    printf("pops:");
    for (i = 0; i < 8; i++) {
        PyObject *p = PySet_Pop(s);
        printf(" %ld", PyLong_AsLong(p));
        Py_DECREF(p);
    }
    printf("\n");
    o = PyLong_FromLong(2);
    PySet_Add(s, o);
    Py_DECREF(o);
    show("after pops and add(2)", Py_NewRef(s));
    PySet_Clear(s);
    show("cleared", Py_NewRef(s));
    show("pop from empty", PySet_Pop(s));
    Py_DECREF(s);
    /* A dummy slot is reused by the next add that probes it. */
    {
        static const int d[] = {1, 2};
        s = set_of(2, d);
        o = PyLong_FromLong(1);
        PySet_Discard(s, o);
        Py_DECREF(o);
        o = PyLong_FromLong(9);
        PySet_Add(s, o);
        Py_DECREF(o);
        show("{1, 2} - 1 + 9", s);
    }
}

static void operations(void)
{
    static const int x[] = {1, 2, 3, 4, 5, 40};
    static const int y[] = {4, 5, 6, 7, 8, 32};
    static const int z[] = {5, 100};
    PyObject *a = set_of(6, x), *b = set_of(6, y), *l = ints(2, z), *f = frozen_of(6, y), *o;
    show("a | b", PyNumber_Or(a, b));
    show("a & b", PyNumber_And(a, b));
    show("a - b", PyNumber_Subtract(a, b));
    show("b - a", PyNumber_Subtract(b, a));
    show("a ^ b", PyNumber_Xor(a, b));
    show("b ^ a", PyNumber_Xor(b, a));
    show("a | f", PyNumber_Or(a, f));
    show("f | a", PyNumber_Or(f, a));
    show("f & a", PyNumber_And(f, a));
    show("f - a", PyNumber_Subtract(f, a));
    show("a | list", PyNumber_Or(a, l));
    show("a.union(list, b)", PyObject_CallMethod(a, "union", "OO", l, b));
    show("a.union()", call0(a, "union"));
    show("a.intersection(list)", call1(a, "intersection", l));
    show("a.intersection(b, list)", PyObject_CallMethod(a, "intersection", "OO", b, l));
    show("a.difference(list, b)", PyObject_CallMethod(a, "difference", "OO", l, b));
    show("a.symmetric_difference(list)", call1(a, "symmetric_difference", l));
    show("f.union(list)", call1(f, "union", l));
    show("a.union(5)", call1(a, "union", o = PyLong_FromLong(5)));
    Py_DECREF(o);
    show("a.issubset(list)", call1(a, "issubset", l));
    show("a.issuperset(list)", call1(a, "issuperset", l));
    show("a.isdisjoint(list)", call1(a, "isdisjoint", l));
    show("a.isdisjoint(a - b)", call1(a, "isdisjoint", o = PyNumber_Subtract(b, a)));
    Py_DECREF(o);
    o = call0(a, "copy");
    show("o |= b", PyNumber_InPlaceOr(o, b));
    show("o &= f", PyNumber_InPlaceAnd(o, f));
    show("o -= {5}", PyNumber_InPlaceSubtract(o, l = (Py_DECREF(l), set_of(1, z))));
    show("o ^= a", PyNumber_InPlaceXor(o, a));
    {
        PyObject *one = ints(1, z);
        show("o |= list", PyNumber_InPlaceOr(o, one));
        Py_DECREF(one);
    }
    show("o.update(list, b)", PyObject_CallMethod(o, "update", "OO", l, b));
    show("o", Py_NewRef(o));
    show("o.intersection_update(a, f)", PyObject_CallMethod(o, "intersection_update", "OO", a, f));
    show("o", Py_NewRef(o));
    show("o.difference_update([4])", PyObject_CallMethod(o, "difference_update", "([i])", 4));
    show("o.symmetric_difference_update([1, 2])",
         PyObject_CallMethod(o, "symmetric_difference_update", "([ii])", 1, 2));
    show("o", Py_NewRef(o));
    show("o.update({7: 'x', 3: 'y'})", PyObject_CallMethod(o, "update", "({i:s,i:s})", 7, "x", 3, "y"));
    show("o", o);
    show("a <= b", PyObject_RichCompare(a, b, Py_LE));
    o = PyNumber_And(a, b);
    show("a & b <= b", PyObject_RichCompare(o, b, Py_LE));
    show("a & b < b", PyObject_RichCompare(o, b, Py_LT));
    show("b > a & b", PyObject_RichCompare(b, o, Py_GT));
    show("b >= b", PyObject_RichCompare(b, b, Py_GE));
    show("b == f", PyObject_RichCompare(b, f, Py_EQ));
    show("f != b", PyObject_RichCompare(f, b, Py_NE));
    show("a == a & b", PyObject_RichCompare(a, o, Py_EQ));
    show("a == list", PyObject_RichCompare(a, l, Py_EQ));
    show("a < [1]", PyObject_RichCompare(a, o = (Py_DECREF(o), ints(1, z)), Py_LT));
    Py_DECREF(o);
    Py_DECREF(a);
    Py_DECREF(b);
    Py_DECREF(f);
    Py_DECREF(l);
}

static void hashes_and_reprs(void)
{
    static const int one[] = {1};
    static const int three[] = {1, 2, 3};
    static const int ten[] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    static const int neg[] = {-1, -2};
    PyObject *f, *s, *t;
    show_hash("hash(frozenset())", PyFrozenSet_New(NULL));
    show_hash("hash(frozenset({1}))", frozen_of(1, one));
    show_hash("hash(frozenset({1, 2, 3}))", frozen_of(3, three));
    show_hash("hash(frozenset(range(10)))", frozen_of(10, ten));
    show_hash("hash(frozenset({-1, -2}))", frozen_of(2, neg));
    f = frozen_of(1, one);
    t = PyTuple_Pack(1, f);
    show_hash("hash(frozenset({frozenset({1})}))", PyFrozenSet_New(t));
    Py_DECREF(t);
    s = set_of(3, three);
    show_int("hash(set)", PyObject_Hash(s));
    show("repr(set())", PyObject_Repr(t = PySet_New(NULL)));
    Py_DECREF(t);
    show("repr(frozenset())", PyObject_Repr(t = PyFrozenSet_New(NULL)));
    Py_DECREF(t);
    show("repr({1, 2, 3})", PyObject_Repr(s));
    show("repr(frozenset({1}))", PyObject_Repr(f));
    t = PyTuple_Pack(2, f, s);
    show("frozenset((f, s))", PyFrozenSet_New(t));
    Py_DECREF(t);
    t = PyTuple_Pack(1, f);

    {
        PyObject *sf = PySet_New(t);
        PyObject *probe = set_of(1, one);
        show_int("set({1}) in {frozenset({1})}", PySequence_Contains(sf, probe));
        show_int("PySet_Contains(.., set({1}))", PySet_Contains(sf, probe));
        show("discard(set({1}))", call1(sf, "discard", probe));
        show("after", sf);
        Py_DECREF(probe);
    }
    Py_DECREF(t);
    show("PyFrozenSet_New(f) is f", PyBool_FromLong((t = PyFrozenSet_New(f)) == f));
    Py_DECREF(t);
    show("frozenset(f) is f",
         PyBool_FromLong((t = PyObject_CallOneArg((PyObject *)&PyFrozenSet_Type, f)) == f));
    Py_DECREF(t);
    show("f.copy() is f", PyBool_FromLong((t = call0(f, "copy")) == f));
    Py_DECREF(t);
    show("s.copy() is s", PyBool_FromLong((t = call0(s, "copy")) == s));
    Py_DECREF(t);
    Py_DECREF(f);
    Py_DECREF(s);
}

static void errors_and_capi(void)
{
    static const int three[] = {1, 2, 3};
    PyObject *s = set_of(3, three), *it, *o, *l = PyList_New(0), *f, *args, *kw;
    it = PyObject_GetIter(s);
    show("next", PyIter_Next(it));
    show("__length_hint__", call0(it, "__length_hint__"));
    o = PyLong_FromLong(50);
    PySet_Add(s, o);
    Py_DECREF(o);
    show("next after add", PyIter_Next(it));
    show("next again", PyIter_Next(it));
    Py_DECREF(it);
    show("remove(7)", call1(s, "remove", o = PyLong_FromLong(7)));
    show("discard(7)", call1(s, "discard", o));
    show("remove(50)", call1(s, "remove", o = (Py_DECREF(o), PyLong_FromLong(50))));
    Py_DECREF(o);
    show("add([])", call1(s, "add", l));
    show("remove([])", call1(s, "remove", l));
    show_int("[] in s", PySequence_Contains(s, l));
    show_int("PySet_Add(s, [])", PySet_Add(s, l));
    show_int("PySet_Contains(s, [])", PySet_Contains(s, l));
    show_int("PySet_Discard(s, [])", PySet_Discard(s, l));
    show_int("PySet_Size(s)", PySet_Size(s));
    show_int("PySet_Size(list)", PySet_Size(l));
    show_int("PySet_Add(list, 1)", PySet_Add(l, Py_None));
    show_int("PySet_Discard(list, 1)", PySet_Discard(l, Py_None));
    show_int("PySet_Clear(list)", PySet_Clear(l));
    show("PySet_Pop(list)", PySet_Pop(l));
    show_int("PySet_Contains(list, 1)", PySet_Contains(l, Py_None));
    f = PyFrozenSet_New(NULL);
    show_int("PySet_Add(new frozenset, 1)", PySet_Add(f, o = PyLong_FromLong(1)));
    show("filled frozenset", Py_NewRef(f));
    Py_INCREF(f);
    show_int("PySet_Add(shared frozenset, 2)", PySet_Add(f, o));
    Py_DECREF(o);
    Py_DECREF(f);
    show_int("PySet_Discard(frozenset, 1)", PySet_Discard(f, Py_None));
    show_int("PySet_Size(frozenset)", PySet_Size(f));
    show_int("PySet_Contains(frozenset, 1)", PySet_Contains(f, o = PyLong_FromLong(1)));
    Py_DECREF(o);
    show("PySet_Pop(frozenset)", PySet_Pop(f));
    show("frozenset.add", PyObject_GetAttrString(f, "add"));
    show_int("PySet_Discard(s, 1)", PySet_Discard(s, o = PyLong_FromLong(1)));
    show_int("PySet_Discard(s, 1) again", PySet_Discard(s, o));
    Py_DECREF(o);
    show("PySet_New(5)", PySet_New(o = PyLong_FromLong(5)));
    Py_DECREF(o);
    show("PyFrozenSet_New(dict)", PyFrozenSet_New(o = Py_BuildValue("{i:i,i:i}", 3, 0, 1, 0)));
    Py_DECREF(o);
    args = Py_BuildValue("(ii)", 1, 2);
    show("set(1, 2)", PyObject_Call((PyObject *)&PySet_Type, args, NULL));
    show("frozenset(1, 2)", PyObject_Call((PyObject *)&PyFrozenSet_Type, args, NULL));
    Py_DECREF(args);
    args = PyTuple_New(0);
    kw = Py_BuildValue("{s:i}", "a", 1);
    show("set(a=1)", PyObject_Call((PyObject *)&PySet_Type, args, kw));
    show("frozenset(a=1)", PyObject_Call((PyObject *)&PyFrozenSet_Type, args, kw));
    show("set()", PyObject_Call((PyObject *)&PySet_Type, args, NULL));
    Py_DECREF(kw);
    Py_DECREF(args);
    show("s.__init__([9, 8])", PyObject_CallMethod(s, "__init__", "([ii])", 9, 8));
    show("s", Py_NewRef(s));
    show("a - [1]", PyNumber_Subtract(s, l));
    show("a |= [1]", PyNumber_InPlaceOr(s, l));
    Py_DECREF(f);
    Py_DECREF(l);
    Py_DECREF(s);
}

static PyType_Slot sub_slots[] = {{0, NULL}};
static PyType_Spec sset_spec = {"test.S", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, sub_slots};
static PyType_Spec fset_spec = {"test.F", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, sub_slots};

static void subclasses(void)
{
    static const int v[] = {3, 1, 2};
    PyObject *st = PyType_FromSpecWithBases(&sset_spec, (PyObject *)&PySet_Type);
    PyObject *ft = PyType_FromSpecWithBases(&fset_spec, (PyObject *)&PyFrozenSet_Type);
    PyObject *l = ints(3, v), *s, *f, *o;
    if (st == NULL || ft == NULL) {
        show("PyType_FromSpecWithBases", NULL);
        return;
    }
    s = PyObject_CallOneArg(st, l);
    f = PyObject_CallOneArg(ft, l);
    show("S([3, 1, 2])", Py_NewRef(s));
    show("F([3, 1, 2])", Py_NewRef(f));
    show("S()", PyObject_CallNoArgs(st));
    show("F()", PyObject_CallNoArgs(ft));
    show("type(S | S)", PyObject_Type(o = PyNumber_Or(s, s)));
    Py_DECREF(o);
    show("type(F & S)", PyObject_Type(o = PyNumber_And(f, s)));
    Py_DECREF(o);
    show("type(S.copy())", PyObject_Type(o = PyObject_CallMethod(s, "copy", NULL)));
    Py_DECREF(o);
    show("type(F.copy())", PyObject_Type(o = PyObject_CallMethod(f, "copy", NULL)));
    Py_DECREF(o);
    show("S == F", PyObject_RichCompare(s, f, Py_EQ));
    show_int("hash(F) == hash(frozenset)", PyObject_Hash(f) == PyObject_Hash(o = PyFrozenSet_New(l)));
    Py_DECREF(o);
    check("PySet_Check(S)", PySet_Check(s));
    check("PyAnySet_Check(F)", PyAnySet_Check(f));
    check("PyFrozenSet_Check(F)", PyFrozenSet_Check(f));
    check("PyAnySet_CheckExact(F)", PyAnySet_CheckExact(f));
    Py_DECREF(s);
    Py_DECREF(f);
    Py_DECREF(l);
    Py_DECREF(st);
    Py_DECREF(ft);
}

int main(void)
{
    start();
    order();
    operations();
    hashes_and_reprs();
    errors_and_capi();
    subclasses();
    return finish();
}
