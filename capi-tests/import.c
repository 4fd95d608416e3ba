// test: differential
/* The import C API: PyImport_AppendInittab (single- and multi-phase init
 * functions), PyImport_ImportModule,
 * PyImport_Import, PyImport_ImportModuleLevel, PyImport_GetModule,
 * PyImport_GetModuleDict and the PyImport_AddModule family. */
#include "testing.h"

static PyObject *twice(PyObject *self, PyObject *arg)
{
    (void)self;
    return PyNumber_Add(arg, arg);
}

static PyMethodDef methods[] = {
    {"twice", twice, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef single_def = {
    PyModuleDef_HEAD_INIT, "single", "single-phase module", -1, methods,
};

static PyObject *PyInit_single(void)
{
    PyObject *m = PyModule_Create(&single_def);
    if (m != NULL) {
        PyModule_AddIntConstant(m, "answer", 42);
    }
    return m;
}

static int multi_exec(PyObject *m)
{
    return PyModule_AddStringConstant(m, "greeting", "hello");
}

static PyModuleDef_Slot multi_slots[] = {
    {Py_mod_exec, multi_exec},
    {0, NULL},
};

static struct PyModuleDef multi_def = {
    PyModuleDef_HEAD_INIT, "multi", "multi-phase module", 0, methods, multi_slots,
};

static PyObject *PyInit_multi(void)
{
    return PyModuleDef_Init(&multi_def);
}

static PyObject *PyInit_failing(void)
{
    PyErr_SetString(PyExc_RuntimeError, "init refused");
    return NULL;
}

int main(void)
{
    /* Before initialization: no error indicator to look at yet. */
    printf("append single: %d\n", PyImport_AppendInittab("single", PyInit_single));
    printf("append multi: %d\n", PyImport_AppendInittab("multi", PyInit_multi));
    printf("append failing: %d\n", PyImport_AppendInittab("failing", PyInit_failing));
    start();

    PyObject *single = PyImport_ImportModule("single");
    show("single", Py_NewRef(single));
    show("single.answer", PyObject_GetAttrString(single, "answer"));
    show("single.__doc__", PyObject_GetAttrString(single, "__doc__"));
    show("single.twice(21)", PyObject_CallMethod(single, "twice", "i", 21));
    PyObject *again = PyImport_ImportModule("single");
    check("imported once", again == single);
    Py_XDECREF(again);

    PyObject *multi = PyImport_ImportModule("multi");
    show("multi", multi == NULL ? NULL : Py_NewRef(multi));
    show("multi.greeting", PyObject_GetAttrString(multi, "greeting"));
    show("multi.__name__", PyObject_GetAttrString(multi, "__name__"));
    show("multi.twice('ab')", PyObject_CallMethod(multi, "twice", "s", "ab"));

    show("failing", PyImport_ImportModule("failing"));
    show("missing", PyImport_ImportModule("no_such_module_here"));

    PyObject *name = PyUnicode_FromString("single");
    PyObject *viaimport = PyImport_Import(name);
    check("PyImport_Import gives the same module", viaimport == single);
    Py_XDECREF(viaimport);
    PyObject *got = PyImport_GetModule(name);
    check("GetModule finds it", got == single);
    Py_XDECREF(got);
    PyObject *nope = PyUnicode_FromString("never_imported");
    PyObject *none = PyImport_GetModule(nope);
    check("GetModule of a missing module is NULL", none == NULL);
    check("  with no error", PyErr_Occurred() == NULL);

    PyObject *modules = PyImport_GetModuleDict();
    check("sys.modules has single", PyDict_GetItemString(modules, "single") == single);

    PyObject *fresh = PyImport_AddModuleRef("fresh_module");
    show("fresh", Py_NewRef(fresh));
    show("fresh dict keys", PyObject_CallMethod(PyModule_GetDict(fresh), "keys", NULL));
    PyObject *fresh2 = PyImport_AddModule("fresh_module");
    check("AddModule returns the same module", fresh2 == fresh);
    PyObject *fresh_name = PyUnicode_FromString("fresh_module");
    PyObject *fresh3 = PyImport_AddModuleObject(fresh_name);
    Py_DECREF(fresh_name);
    check("AddModuleObject returns the same module", fresh3 == fresh);
    Py_DECREF(fresh);

    PyObject *sys = PyImport_ImportModuleLevel("sys", NULL, NULL, NULL, 0);
    show("sys via ImportModuleLevel", sys);
    show("empty name", PyImport_ImportModuleLevel("", NULL, NULL, NULL, 0));
    show("negative level", PyImport_ImportModuleLevel("sys", NULL, NULL, NULL, -1));

    Py_DECREF(nope);
    Py_DECREF(name);
    Py_XDECREF(multi);
    Py_XDECREF(single);
    return finish();
}
