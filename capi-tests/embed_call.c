// test: differential
/* The "Pure Embedding" example of CPython's "Embedding Python in Another
 * Application" page: import a module, call one of its functions with
 * arguments converted from C, print the result. The module (multiply.py,
 * as on that page) is written to a temporary directory first. */
#include <Python.h>
#include <stdio.h>
#include <stdlib.h>

static int call(const char *modname, const char *funcname, int argc, const char **argv)
{
    PyObject *pName, *pModule, *pFunc;
    PyObject *pArgs, *pValue;
    int i;

    pName = PyUnicode_DecodeFSDefault(modname);
    pModule = PyImport_Import(pName);
    Py_DECREF(pName);

    if (pModule != NULL) {
        pFunc = PyObject_GetAttrString(pModule, funcname);
        if (pFunc && PyCallable_Check(pFunc)) {
            pArgs = PyTuple_New(argc);
            for (i = 0; i < argc; ++i) {
                pValue = PyLong_FromLong(atoi(argv[i]));
                if (!pValue) {
                    Py_DECREF(pArgs);
                    Py_DECREF(pModule);
                    fprintf(stderr, "Cannot convert argument\n");
                    return 1;
                }
                PyTuple_SetItem(pArgs, i, pValue);
            }
            pValue = PyObject_CallObject(pFunc, pArgs);
            Py_DECREF(pArgs);
            if (pValue != NULL) {
                printf("Result of call: %ld\n", PyLong_AsLong(pValue));
                Py_DECREF(pValue);
            } else {
                Py_DECREF(pFunc);
                Py_DECREF(pModule);
                PyErr_Print();
                fprintf(stderr, "Call failed\n");
                return 1;
            }
        } else {
            if (PyErr_Occurred())
                PyErr_Print();
            printf("Cannot find function \"%s\"\n", funcname);
        }
        Py_XDECREF(pFunc);
        Py_DECREF(pModule);
    } else {
        PyErr_Clear();
        printf("Failed to load \"%s\"\n", modname);
    }
    return 0;
}

int main(void)
{
    char dir[] = "/tmp/embed_call_XXXXXX";
    if (mkdtemp(dir) == NULL) {
        return 1;
    }
    char path[256];
    snprintf(path, sizeof path, "%s/multiply.py", dir);
    FILE *f = fopen(path, "w");
    fputs("def multiply(a,b):\n"
          "    print(\"Will compute\", a, \"times\", b)\n"
          "    c = 0\n"
          "    for i in range(0, a):\n"
          "        c = c + b\n"
          "    return c\n", f);
    fclose(f);

    Py_Initialize();
    PyObject *sys_path = PySys_GetObject("path");
    PyObject *d = PyUnicode_FromString(dir);
    PyList_Insert(sys_path, 0, d);
    Py_DECREF(d);

    const char *args[] = {"3", "2"};
    int rc = call("multiply", "multiply", 2, args);
    fflush(stdout);
    rc |= call("multiply", "missing", 0, NULL);
    rc |= call("no_such_module_here", "f", 0, NULL);
    PyRun_SimpleString("import sys; sys.stdout.flush()");
    if (Py_FinalizeEx() < 0) {
        return 120;
    }
    remove(path);
    rmdir(dir);
    return rc;
}
