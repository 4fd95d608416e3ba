/* Loads spam.so the way an import would (dlopen, then PyInit_spam), and uses
 * it through the C API. Until `import spam` works in ferrython this program
 * is how the example is checked; it builds through ferrython-embed. */
#include <Python.h>
#include <dlfcn.h>

static void show(const char *label, PyObject *obj)
{
    PyObject *repr = obj != NULL ? PyObject_Repr(obj) : NULL;
    if (repr == NULL) {
        PyObject *exc = PyErr_GetRaisedException();
        PyObject *text = exc != NULL ? PyObject_Repr(exc) : NULL;
        printf("%s: raised %s\n", label, text != NULL ? PyUnicode_AsUTF8(text) : "?");
        Py_XDECREF(text);
        Py_XDECREF(exc);
    } else {
        printf("%s: %s\n", label, PyUnicode_AsUTF8(repr));
    }
    Py_XDECREF(repr);
    Py_XDECREF(obj);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "./spam.so";
    void *handle;
    PyObject *(*init)(void);
    PyObject *module, *counter_type, *counter, *ten;

    Py_Initialize();
    /* RTLD_GLOBAL is not needed: the module finds the C API in this
     * process, which links libferrython.so. */
    handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        fprintf(stderr, "dlopen: %s\n", dlerror());
        return 1;
    }
    *(void **)&init = dlsym(handle, "PyInit_spam");
    if (init == NULL) {
        fprintf(stderr, "dlsym: %s\n", dlerror());
        return 1;
    }
    module = init();
    if (module == NULL) {
        PyErr_Print();
        return 1;
    }
    show("spam.add(2, 40)", PyObject_CallMethod(module, "add", "ii", 2, 40));
    show("spam.add('x', 1)", PyObject_CallMethod(module, "add", "si", "x", 1));
    counter_type = PyObject_GetAttrString(module, "Counter");
    counter = PyObject_CallNoArgs(counter_type);
    show("increment()", PyObject_CallMethod(counter, "increment", NULL));
    ten = PyLong_FromLong(10);
    if (PyObject_SetAttrString(counter, "step", ten) < 0) {
        PyErr_Print();
    }
    Py_DECREF(ten);
    show("increment()", PyObject_CallMethod(counter, "increment", NULL));
    show("count", PyObject_GetAttrString(counter, "count"));
    show("double", PyObject_GetAttrString(counter, "double"));
    Py_XDECREF(counter);
    Py_XDECREF(counter_type);
    Py_DECREF(module);
    return Py_FinalizeEx() < 0 ? 120 : 0;
}
