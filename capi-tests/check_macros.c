// test: differential
/* Python.h macros that read objects in place: PyWeakref_Check* on refs,
 * proxies and callable proxies; PyStructSequence_GET_ITEM/SET_ITEM;
 * PySet_GET_SIZE. */
#include "testing.h"

int main(void)
{
    start();
    PyObject *g = PyDict_New();
    PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins());
    PyObject *r = PyRun_String("class T: pass\n"
                               "class C:\n"
                               "    def __call__(self): pass\n"
                               "t = T()\n"
                               "f = C()\n",
                               Py_file_input, g, g);
    Py_XDECREF(r);
    PyObject *t = PyDict_GetItemString(g, "t");
    PyObject *f = PyDict_GetItemString(g, "f");
    PyObject *ref = PyWeakref_NewRef(t, NULL);
    PyObject *proxy = PyWeakref_NewProxy(t, NULL);
    PyObject *cproxy = PyWeakref_NewProxy(f, NULL);
    PyObject *objs[] = {ref, proxy, cproxy, t};
    const char *names[] = {"ref", "proxy", "callable proxy", "plain object"};
    for (int i = 0; i < 4; i++) {
        printf("%s: Check %d CheckRef %d CheckRefExact %d CheckProxy %d\n", names[i],
               PyWeakref_Check(objs[i]), PyWeakref_CheckRef(objs[i]),
               PyWeakref_CheckRefExact(objs[i]), PyWeakref_CheckProxy(objs[i]));
    }

    PyStructSequence_Field fields[] = {{"a", NULL}, {"b", NULL}, {NULL, NULL}};
    PyStructSequence_Desc desc = {"ferry.pair", NULL, fields, 2};
    PyTypeObject *tp = PyStructSequence_NewType(&desc);
    PyObject *s = PyStructSequence_New(tp);
    PyStructSequence_SET_ITEM(s, 0, PyLong_FromLong(1));
    PyStructSequence_SET_ITEM(s, 1, PyUnicode_FromString("two"));
    show("struct sequence", Py_NewRef(s));
    show("GET_ITEM 1", Py_NewRef(PyStructSequence_GET_ITEM(s, 1)));

    PyObject *set = PySet_New(NULL);
    PySet_Add(set, t);
    PySet_Add(set, f);
    PySet_Add(set, t);
    show_int("PySet_GET_SIZE", PySet_GET_SIZE(set));
    PyObject *fs = PyFrozenSet_New(set);
    show_int("frozenset GET_SIZE", PySet_GET_SIZE(fs));

    Py_DECREF(fs);
    Py_DECREF(set);
    Py_DECREF(s);
    Py_DECREF(tp);
    Py_DECREF(cproxy);
    Py_DECREF(proxy);
    Py_DECREF(ref);
    Py_DECREF(g);
    return finish();
}
