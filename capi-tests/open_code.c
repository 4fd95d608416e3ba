// test: differential
/* PyFile_SetOpenCodeHook (PEP 578): the hook set before initialization
 * opens what io.open_code and PyFile_OpenCode* open; a hook cannot be
 * replaced; a failing hook's exception comes through. */
#include "testing.h"

static int calls = 0;

/* Opens real files as io.open would (the runtime may read its own modules
 * through the hook); a "virtual:" path gets an in-memory file instead. */
static PyObject *hook(PyObject *path, void *data)
{
    const char *p = PyUnicode_AsUTF8(path);
    PyObject *io = PyImport_ImportModule("_io"), *f;
    if (io == NULL) {
        return NULL;
    }
    if (strncmp(p, "virtual:", 8) != 0) {
        f = PyObject_CallMethod(io, "open", "Os", path, "rb");
    } else if (strcmp(p, "virtual:refused") == 0) {
        PyErr_SetString(PyExc_PermissionError, "not this one");
        f = NULL;
    } else {
        calls++;
        printf("hook(%s, %s)\n", p, (const char *)data);
        f = PyObject_CallMethod(io, "BytesIO", "y", "print('from the hook')\n");
    }
    Py_DECREF(io);
    return f;
}

static PyObject *no_hook(PyObject *path, void *data)
{
    (void)path;
    (void)data;
    return NULL;
}

static int audit(const char *event, PyObject *args, void *data)
{
    (void)args;
    (void)data;
    if (strcmp(event, "setopencodehook") == 0) {
        printf("audit: %s\n", event);
    }
    return 0;
}

int main(void)
{
    printf("set before init: %d\n", PyFile_SetOpenCodeHook(hook, "data"));
    PySys_AddAuditHook(audit, NULL);
    Py_Initialize();
    PyRun_SimpleString(
        "import io\n"
        "f = io.open_code('virtual:some/file.py')\n"
        "print(type(f).__name__, f.read())\n"
        "try:\n"
        "    io.open_code(b'bytes')\n"
        "except TypeError as e:\n"
        "    print('TypeError')\n");
    PyObject *f = PyFile_OpenCode("virtual:other.py");
    show("PyFile_OpenCode, read", f == NULL ? NULL : PyObject_CallMethod(f, "read", NULL));
    Py_XDECREF(f);
    PyObject *p = PyUnicode_FromString("virtual:third.py");
    f = PyFile_OpenCodeObject(p);
    Py_DECREF(p);
    show("PyFile_OpenCodeObject, read", f == NULL ? NULL : PyObject_CallMethod(f, "read", NULL));
    Py_XDECREF(f);
    show("refused", PyFile_OpenCode("virtual:refused"));
    PyObject *n = PyLong_FromLong(3);
    show("not a str", PyFile_OpenCodeObject(n));
    Py_DECREF(n);
    int r = PyFile_SetOpenCodeHook(no_hook, NULL);
    printf("replace after init: %d\n", r);
    print_error();
    printf("\nhook calls: %d\n", calls);
    return Py_FinalizeEx();
}
