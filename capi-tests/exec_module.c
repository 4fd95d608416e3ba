// test: differential
/* PyImport_ExtendInittab before initialization, and the
 * PyImport_ExecCodeModule family: the module's namespace, __file__ from the
 * code or the given path, sys.modules entry, removal after a failure. */
#include "testing.h"

static struct PyModuleDef one_def = {PyModuleDef_HEAD_INIT, "ext_one", NULL, -1, NULL};
static struct PyModuleDef two_def = {PyModuleDef_HEAD_INIT, "ext_two", "second", -1, NULL};

static PyObject *PyInit_one(void) { return PyModule_Create(&one_def); }
static PyObject *PyInit_two(void) { return PyModule_Create(&two_def); }

static struct _inittab extra[] = {
    {"ext_one", PyInit_one},
    {"ext_two", PyInit_two},
    {NULL, NULL},
};

static void show_attr(PyObject *m, const char *name)
{
    char label[64];
    snprintf(label, sizeof label, "  .%s", name);
    show(label, PyObject_GetAttrString(m, name));
}

int main(void)
{
    printf("extend: %d\n", PyImport_ExtendInittab(extra));
    start();
    PyObject *one = PyImport_ImportModule("ext_one");
    show("ext_one", one == NULL ? NULL : PyObject_GetAttrString(one, "__name__"));
    Py_XDECREF(one);
    PyObject *two = PyImport_ImportModule("ext_two");
    show("ext_two doc", two == NULL ? NULL : PyObject_GetAttrString(two, "__doc__"));
    Py_XDECREF(two);

    PyObject *co = Py_CompileString("x = 40 + 2\n"
                                    "def f():\n"
                                    "    return x * 2\n",
                                    "made_up.py", Py_file_input);
    PyObject *m = PyImport_ExecCodeModule("execmod", co);
    show("ExecCodeModule", m == NULL ? NULL : PyObject_GetAttrString(m, "__name__"));
    show_attr(m, "x");
    show_attr(m, "__file__");
    show("  f()", PyObject_CallMethod(m, "f", NULL));
    PyObject *again = PyImport_ImportModule("execmod");
    check("  importable afterwards", again == m);
    Py_XDECREF(again);
    Py_XDECREF(m);

    m = PyImport_ExecCodeModuleEx("execmod2", co, "/somewhere/execmod2.py");
    show("ExecCodeModuleEx", m == NULL ? NULL : PyObject_GetAttrString(m, "__name__"));
    show_attr(m, "__file__");
    Py_XDECREF(m);

    m = PyImport_ExecCodeModuleWithPathnames("execmod3", co, "/p/execmod3.py", NULL);
    show_attr(m, "__file__");
    Py_XDECREF(m);

    PyObject *name = PyUnicode_FromString("execmod4");
    PyObject *path = PyUnicode_FromString("/q/execmod4.py");
    m = PyImport_ExecCodeModuleObject(name, co, path, NULL);
    show_attr(m, "__file__");
    show_attr(m, "x");
    Py_XDECREF(m);

    PyObject *bad = Py_CompileString("y = 1\nraise KeyError('during exec')\n", "bad.py",
                                     Py_file_input);
    show("failing body", PyImport_ExecCodeModule("badmod", bad));
    PyObject *modules = PyImport_GetModuleDict();
    check("failed module removed", PyDict_GetItemString(modules, "badmod") == NULL);

    Py_DECREF(bad);
    Py_DECREF(path);
    Py_DECREF(name);
    Py_DECREF(co);
    return finish();
}
