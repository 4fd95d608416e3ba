// test: differential
/* Weak references: refs to an instance of a PyType_FromSpec type with a
 * weak-reference list (the "__weaklistoffset__" member), the shared
 * callback-less ref, calling a ref, callbacks at deallocation (with the
 * dead ref as argument, raised exception preserved), PyWeakref_GetRef's
 * results, hash and equality before and after death, refs to Python
 * classes' instances, and the errors. */
#define PY_SSIZE_T_CLEAN
/* PyWeakref_GetObject is deprecated in 3.13 but still part of the API. */
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include "testing.h"
#include <stddef.h>

typedef struct {
    PyObject_HEAD
    PyObject *weakreflist;
    long value;
} Obj;

static void obj_dealloc(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);
    printf("dealloc value=%ld\n", ((Obj *)self)->value);
    PyObject_ClearWeakRefs(self);
    tp->tp_free(self);
    Py_DECREF(tp);
}

static Py_hash_t obj_hash(PyObject *self)
{
    return ((Obj *)self)->value * 10;
}

static PyMemberDef obj_members[] = {
    {"__weaklistoffset__", Py_T_PYSSIZET, offsetof(Obj, weakreflist), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyType_Slot obj_slots[] = {
    {Py_tp_dealloc, obj_dealloc},
    {Py_tp_hash, obj_hash},
    {Py_tp_members, obj_members},
    {0, NULL},
};

static PyType_Spec obj_spec = {"wrtest.Obj", sizeof(Obj), 0, Py_TPFLAGS_DEFAULT, obj_slots};

static PyObject *new_obj(PyTypeObject *tp, long value)
{
    Obj *o = (Obj *)tp->tp_alloc(tp, 0);
    o->value = value;
    return (PyObject *)o;
}

static PyObject *seen_ref = NULL;
static int calls = 0;

static PyObject *callback(PyObject *self, PyObject *ref)
{
    PyObject *obj;
    int r = PyWeakref_GetRef(ref, &obj);
    calls++;
    printf("callback %s: ref is the one made: %s, GetRef -> %d, obj NULL: %s, error pending: %s\n",
           PyUnicode_AsUTF8AndSize(self, NULL), ref == seen_ref ? "yes" : "no", r,
           obj == NULL ? "yes" : "no", PyErr_Occurred() ? "yes" : "no");
    if (strcmp(PyUnicode_AsUTF8AndSize(self, NULL), "raising") == 0) {
        PyErr_SetString(PyExc_RuntimeError, "from callback");
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef cb_def = {"callback", callback, METH_O, NULL};

/* repr(obj) with every 0x... address replaced by ADDR; steals obj. */
static void show_noaddr(const char *label, PyObject *obj)
{
    PyObject *r;
    const char *t;
    printf("%s: ", label);
    if (obj == NULL) {
        printf("raised ");
        print_error();
        printf("\n");
        return;
    }
    r = PyObject_Repr(obj);
    for (t = PyUnicode_AsUTF8AndSize(r, NULL); *t; t++) {
        if (t[0] == '0' && t[1] == 'x') {
            printf("ADDR");
            for (t += 2; t[1] != 0 && strchr("0123456789abcdef", t[1]) != NULL; t++) {
            }
        } else {
            putchar(*t);
        }
    }
    printf("\n");
    Py_DECREF(r);
    Py_DECREF(obj);
}

int main(void)
{
    PyTypeObject *tp;
    PyObject *o, *o2, *r1, *r2, *r3, *obj, *cb, *cb2, *n, *g, *cls, *inst;
    PyObject *called, *p1, *p2, *fn;
    int rc;
    start();
    tp = (PyTypeObject *)PyType_FromSpec(&obj_spec);
    check("tp_weaklistoffset set", tp->tp_weaklistoffset == offsetof(Obj, weakreflist));

    o = new_obj(tp, 7);
    r1 = PyWeakref_NewRef(o, NULL);
    r2 = PyWeakref_NewRef(o, NULL);
    check("ref created", r1 != NULL);
    check("same callback-less ref", r1 == r2);
    Py_DECREF(r2);
    r2 = PyWeakref_NewRef(o, Py_None);
    check("None callback shares it too", r1 == r2);
    Py_DECREF(r2);
    show("type of ref", Py_NewRef((PyObject *)Py_TYPE(r1)));
    check("is a ReferenceType", PyObject_TypeCheck(r1, &_PyWeakref_RefType));
    called = PyObject_CallNoArgs(r1);
    check("r() is the object", called == o);
    Py_XDECREF(called);
    show("r(1)", PyObject_CallOneArg(r1, Py_None));
    rc = PyWeakref_GetRef(r1, &obj);
    printf("GetRef alive: %d, same: %s\n", rc, obj == o ? "yes" : "no");
    Py_XDECREF(obj);
    show_int("hash(ref)", PyObject_Hash(r1));
    check("GetObject alive (borrowed)", PyWeakref_GetObject(r1) == o);
    check("GetObject(non-ref) NULL", PyWeakref_GetObject(o) == NULL);
    printf("error: ");
    print_error();
    printf("\n");
    show("__callback__", PyObject_GetAttrString(r1, "__callback__"));

    /* Refs with callbacks are distinct objects. */
    {
        PyObject *first = PyUnicode_FromString("first");
        PyObject *raising = PyUnicode_FromString("raising");
        cb = PyCFunction_NewEx(&cb_def, first, NULL);
        cb2 = PyCFunction_NewEx(&cb_def, raising, NULL);
        Py_DECREF(first);
        Py_DECREF(raising);
    }
    r2 = PyWeakref_NewRef(o, cb);
    r3 = PyWeakref_NewRef(o, cb2);
    check("callback ref is new", r2 != r1 && r3 != r2);
    called = PyObject_GetAttrString(r2, "__callback__");
    check("__callback__ is the callback", called == cb);
    Py_XDECREF(called);
    show_int("r1 == r2 (same referent)", PyObject_RichCompareBool(r1, r2, Py_EQ));
    o2 = new_obj(tp, 7);
    r1 = (Py_DECREF(r1), PyWeakref_NewRef(o, NULL));
    {
        PyObject *other = PyWeakref_NewRef(o2, NULL);
        show_int("refs to equal-hash distinct objects equal", PyObject_RichCompareBool(r1, other, Py_EQ));
        Py_DECREF(other);
    }

    r2 = (Py_DECREF(r2), PyWeakref_NewRef(o, cb));
    show_int("hash(callback ref) alive", PyObject_Hash(r2));

    /* Death: the callbacks run with the dead ref, the pending error
     * survives, and the refs return None. */
    seen_ref = r2;
    PyErr_SetString(PyExc_KeyError, "pending");
    Py_DECREF(o);
    printf("after death: pending error kept: ");
    print_error();
    printf("\n");
    show_int("callbacks run", calls);
    show("r() after death", PyObject_CallNoArgs(r1));
    rc = PyWeakref_GetRef(r1, &obj);
    printf("GetRef dead: %d, obj NULL: %s\n", rc, obj == NULL ? "yes" : "no");
    show_int("hash(ref) cached after death", PyObject_Hash(r1));
    show_int("hash(callback ref) after death", PyObject_Hash(r2));
    check("GetObject dead is None", PyWeakref_GetObject(r1) == Py_None);
    show_int("r1 == r2 after death", PyObject_RichCompareBool(r1, r2, Py_EQ));
    show_int("r1 == r1 after death", PyObject_RichCompareBool(r1, r1, Py_EQ));
    show_int("r1 != r2 after death", PyObject_RichCompareBool(r1, r2, Py_NE));
    show("__callback__ after death", PyObject_GetAttrString(r2, "__callback__"));
    Py_DECREF(r1);
    Py_DECREF(r2);
    Py_DECREF(r3);

    /* A ref that dies before its referent: no callback. */
    o = new_obj(tp, 8);
    r2 = PyWeakref_NewRef(o, cb);
    Py_DECREF(r2);
    Py_DECREF(o);
    show_int("callbacks after ref died first", calls);
    Py_DECREF(o2);

    /* Instances of Python classes are weakly referenceable. */
    g = PyDict_New();
    cls = PyRun_String("class C:\n    pass\n", Py_file_input, g, g);
    Py_XDECREF(cls);
    cls = PyDict_GetItemString(g, "C");
    inst = PyObject_CallNoArgs(cls);
    r1 = PyWeakref_NewRef(inst, cb);
    seen_ref = r1;
    called = PyObject_CallNoArgs(r1);
    check("class instance ref alive", called == inst);
    Py_XDECREF(called);
    Py_DECREF(inst);
    show_int("callbacks after class instance died", calls);
    show("class instance r()", PyObject_CallNoArgs(r1));
    Py_DECREF(r1);
    /* A Python subclass of ref: constructor arguments, call, callback. */
    PyDict_SetItemString(g, "ref", (PyObject *)&_PyWeakref_RefType);
    called = PyRun_String("class R(ref):\n    pass\n"
                          "class T:\n    pass\n"
                          "t = T()\n"
                          "log = []\n"
                          "r = R(t, log.append)\n"
                          "res = [r() is t, type(r).__name__, r.__callback__ == log.append,"
                          " r == ref(t), len(log)]\n"
                          "del t\n"
                          "res += [r(), len(log), log[0] is r]\n"
                          "del r, log\n",
                          Py_file_input, g, g);
    if (called == NULL) {
        PyErr_Print();
    }
    Py_XDECREF(called);
    show("subclass results", Py_XNewRef(PyDict_GetItemString(g, "res")));
    show("ref() no args", PyRun_String("ref()", Py_eval_input, g, g));
    show("ref(1, 2, 3)", PyRun_String("ref(1, 2, 3)", Py_eval_input, g, g));
    show("ref(1)", PyRun_String("ref(1)", Py_eval_input, g, g));

    /* Proxies. */
    cls = PyRun_String("class P:\n    def __init__(self):\n        self.x = 1\n"
                       "    def __str__(self):\n        return 'P-str'\n"
                       "    def __bool__(self):\n        return False\n"
                       "class F:\n    def __call__(self, a, b=2):\n        return a + b\n"
                       "f = F()\n",
                       Py_file_input, g, g);
    Py_XDECREF(cls);
    inst = PyObject_CallNoArgs(PyDict_GetItemString(g, "P"));
    p1 = PyWeakref_NewProxy(inst, NULL);
    p2 = PyWeakref_NewProxy(inst, Py_None);
    r1 = PyWeakref_NewRef(inst, NULL);
    check("shared proxy", p1 == p2 && p1 != r1);
    Py_DECREF(p2);
    show("proxy type", Py_NewRef((PyObject *)Py_TYPE(p1)));
    show_noaddr("repr(ref)", Py_NewRef(r1));
    show_noaddr("repr(proxy)", Py_NewRef(p1));
    show("proxy.x", PyObject_GetAttrString(p1, "x"));
    show_int("set proxy.y", PyObject_SetAttrString(p1, "y", PyLong_FromLong(5)));
    show("inst.y", PyObject_GetAttrString(inst, "y"));
    show("str(proxy)", PyObject_Str(p1));
    show_int("bool(proxy)", PyObject_IsTrue(p1));
    show_int("hash(proxy)", PyObject_Hash(p1));
    show_int("proxy == inst", PyObject_RichCompareBool(p1, inst, Py_EQ));
    rc = PyWeakref_GetRef(p1, &obj);
    printf("GetRef(proxy): %d, same: %s\n", rc, obj == inst ? "yes" : "no");
    Py_XDECREF(obj);
    p2 = PyWeakref_NewProxy(inst, cb);
    check("callback proxy is new", p2 != p1);
    seen_ref = p2;
    Py_DECREF(inst);
    show_int("callbacks after proxy referent died", calls);
    show_noaddr("repr(dead proxy)", Py_NewRef(p1));
    show_noaddr("repr(dead ref)", Py_NewRef(r1));
    show("dead proxy.x", PyObject_GetAttrString(p1, "x"));
    show("str(dead proxy)", PyObject_Str(p1));
    show_int("bool(dead proxy)", PyObject_IsTrue(p1));
    Py_DECREF(p1);
    Py_DECREF(p2);
    Py_DECREF(r1);
    fn = PyDict_GetItemString(g, "f");
    p1 = PyWeakref_NewProxy(fn, NULL);
    show("callable proxy type", Py_NewRef((PyObject *)Py_TYPE(p1)));
    show_noaddr("repr(callable proxy)", Py_NewRef(p1));
    show("proxy(40)", PyObject_CallOneArg(p1, PyLong_FromLong(40)));
    Py_DECREF(p1);
    show("NewProxy(int)", PyWeakref_NewProxy(PyLong_FromLong(1), NULL));

    Py_DECREF(g);

    /* Errors. */
    n = PyLong_FromLong(5);
    show("NewRef(int)", PyWeakref_NewRef(n, NULL));
    rc = PyWeakref_GetRef(n, &obj);
    printf("GetRef(int): %d, obj NULL: %s, ", rc, obj == NULL ? "yes" : "no");
    print_error();
    printf("\n");
    Py_DECREF(n);
    n = PyUnicode_FromString("s");
    show("NewRef(str)", PyWeakref_NewRef(n, NULL));
    Py_DECREF(n);
    Py_DECREF(cb);
    Py_DECREF(cb2);
    Py_DECREF(tp);
    Py_Finalize();
    return 0;
}
