// test: differential
// test: cflags -Wno-deprecated-declarations
/* More of the sys C API: PySys_GetXOptions, PySys_SetArgv(Ex); against
 * ferrython only: PySys_AddXOption, PySys_AddWarnOption(Unicode),
 * PySys_ResetWarnOptions, PySys_SetPath and the PySys_GetAttr family. */
#include "testing.h"

static void show_sys(const char *name)
{
    PyObject *v = PySys_GetObject(name);
    printf("sys.%s: ", name);
    if (v == NULL) {
        printf("<absent>\n");
        return;
    }
    PyObject *r = PyObject_Repr(v);
    printf("%s\n", PyUnicode_AsUTF8(r));
    Py_DECREF(r);
}

int main(void)
{
    start();
    PyObject *x = PySys_GetXOptions();
    check("GetXOptions is a dict", PyDict_Check(x));
    check("GetXOptions is sys._xoptions", PySys_GetObject("_xoptions") == x);

    wchar_t *args[] = {L"/nonexistent/dir/script.py", L"--flag", L"v\u00e9"};
    PySys_SetArgvEx(3, args, 0);
    show_sys("argv");
    PyObject *path = PySys_GetObject("path");
    Py_ssize_t before = PyList_Size(path);
    PySys_SetArgv(3, args);
    path = PySys_GetObject("path");
    show_int("path grew by", PyList_Size(path) - before);
    show("path[0]", Py_NewRef(PyList_GetItem(path, 0)));
    wchar_t *cargs[] = {L"-c"};
    PySys_SetArgvEx(1, cargs, 1);
    show("path[0] for -c", Py_NewRef(PyList_GetItem(PySys_GetObject("path"), 0)));
    PySys_SetArgvEx(0, NULL, 0);
    show_sys("argv");

    /* Removed from CPython's headers in 3.13 (still exported here for old
     * binaries), or added after 3.13: checked against ferrython only. */
    int failures = 0;
#if PY_VERSION_HEX >= 0x030E0000
    PySys_AddXOption(L"dev");
    PySys_AddXOption(L"importtime=2");
    PyObject *want = Py_BuildValue("{s:O,s:s}", "dev", Py_True, "importtime", "2");
    failures += PyObject_RichCompareBool(PySys_GetXOptions(), want, Py_EQ) != 1;
    Py_DECREF(want);
    PySys_AddWarnOption(L"ignore::DeprecationWarning");
    PyObject *w = PyUnicode_FromString("error::UserWarning");
    PySys_AddWarnOptionUnicode(w);
    Py_DECREF(w);
    want = Py_BuildValue("[ss]", "ignore::DeprecationWarning", "error::UserWarning");
    failures += PyObject_RichCompareBool(PySys_GetObject("warnoptions"), want, Py_EQ) != 1;
    Py_DECREF(want);
    PySys_ResetWarnOptions();
    failures += PyList_Size(PySys_GetObject("warnoptions")) != 0;
    PySys_SetPath(L"/first:/second/dir");
    want = Py_BuildValue("[ss]", "/first", "/second/dir");
    failures += PyObject_RichCompareBool(PySys_GetObject("path"), want, Py_EQ) != 1;
    Py_DECREF(want);
    PyObject *name = PyUnicode_FromString("argv");
    PyObject *v = PySys_GetAttr(name);
    failures += v != PySys_GetObject("argv");
    Py_XDECREF(v);
    v = PySys_GetAttrString("no_such_attr");
    failures += v != NULL || !PyErr_ExceptionMatches(PyExc_RuntimeError);
    PyErr_Clear();
    PyObject *res = NULL;
    failures += PySys_GetOptionalAttr(name, &res) != 1 || res == NULL;
    Py_XDECREF(res);
    failures += PySys_GetOptionalAttrString("no_such_attr", &res) != 0 || res != NULL;
    failures += PyErr_Occurred() != NULL;
    Py_DECREF(name);
#endif
    show_int("ferrython-only checks failed", failures);
    return finish();
}
