// test: differential
/* PyImport_ReloadModule re-runs a module's source in the same module
 * object (importlib.reload); a non-module is refused. */
#include "testing.h"
#include <stdlib.h>
#include <unistd.h>

static void write_module(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

int main(void)
{
    char dir[] = "/tmp/capi_reload_XXXXXX";
    if (mkdtemp(dir) == NULL) {
        return 1;
    }
    char path[256];
    snprintf(path, sizeof path, "%s/reloaded_mod.py", dir);
    write_module(path, "value = 1\n");

    Py_Initialize();
    PyRun_SimpleString("import sys; sys.dont_write_bytecode = True");
    PyObject *d = PyUnicode_FromString(dir);
    PyList_Insert(PySys_GetObject("path"), 0, d);
    Py_DECREF(d);

    PyObject *m = PyImport_ImportModule("reloaded_mod");
    show("value", PyObject_GetAttrString(m, "value"));
    write_module(path, "value = 22\nadded = 'yes'\n");
    PyObject *r = PyImport_ReloadModule(m);
    printf("same module: %d\n", r == m);
    show("value after reload", PyObject_GetAttrString(m, "value"));
    show("added", PyObject_GetAttrString(m, "added"));
    Py_XDECREF(r);
    Py_DECREF(m);

    PyObject *n = PyLong_FromLong(5);
    show("reload(5)", PyImport_ReloadModule(n));
    Py_DECREF(n);

    remove(path);
    rmdir(dir);
    return Py_FinalizeEx();
}
