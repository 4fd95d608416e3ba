// test: differential
// test: extension ext/abi3mod.c cpython-abi3
// test: extension ext/abi3mod.c ferrython-abi3
/* Loads a stable-ABI (abi3) extension module and uses it. Build 1 was
 * compiled against CPython 3.13's own headers, as a wheel ships it; build 2
 * against ferrython's Python.h with the same Py_LIMITED_API. Each binary
 * must work in ferrython and in CPython alike. The module is loaded the way
 * an import does it (dlopen, then PyInit_abi3mod). */
#include "testing.h"
#include <dlfcn.h>

/* Loads one build of abi3mod and exercises it. */
static void exercise(const char *path)
{
    void *handle;
    PyObject *(*init)(void);
    PyObject *m, *counter_type, *counter, *five;

    handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        printf("dlopen failed: %s\n", dlerror());
        return;
    }
    *(void **)&init = dlsym(handle, "PyInit_abi3mod");
    check("PyInit_abi3mod found", init != NULL);
    if (init == NULL) {
        return;
    }
    m = init();
    show("module", Py_XNewRef(m));
    if (m == NULL) {
        return;
    }
    show("ANSWER", PyObject_GetAttrString(m, "ANSWER"));
    show("add(2, 40)", PyObject_CallMethod(m, "add", "ii", 2, 40));
    show("add('x', 1)", PyObject_CallMethod(m, "add", "si", "x", 1));
    show("add(1)", PyObject_CallMethod(m, "add", "i", 1));
    show("describe('abc')", PyObject_CallMethod(m, "describe", "s", "abc"));
    show("none()", PyObject_CallMethod(m, "none", NULL));
    counter_type = PyObject_GetAttrString(m, "Counter");
    show("Counter", Py_XNewRef(counter_type));
    counter = PyObject_CallNoArgs(counter_type);
    check("Counter() made an instance",
          counter != NULL && PyObject_TypeCheck(counter, (PyTypeObject *)counter_type));
    show("increment()", PyObject_CallMethod(counter, "increment", NULL));
    show("increment()", PyObject_CallMethod(counter, "increment", NULL));
    show("count", PyObject_GetAttrString(counter, "count"));
    five = PyLong_FromLong(5);
    show_int("count = 5 (read-only)", PyObject_SetAttrString(counter, "count", five));
    show("Counter(1)", PyObject_CallOneArg(counter_type, five));
    Py_DECREF(five);
    Py_XDECREF(counter);
    Py_XDECREF(counter_type);
    Py_DECREF(m);
}

int main(int argc, char **argv)
{
    int i;
    if (argc < 2) {
        fprintf(stderr, "usage: abi3 path/to/abi3mod.so...\n");
        return 2;
    }
    start();
    for (i = 1; i < argc; i++) {
        /* Print which build by its role, not its path. */
        printf("-- build %d\n", i);
        exercise(argv[i]);
    }
    return finish();
}
