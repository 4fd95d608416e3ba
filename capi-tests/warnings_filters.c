// test: differential
/* Warnings issued from C go through the warnings module's filters:
 * "error" turns them into exceptions, "ignore" drops them, and
 * catch_warnings(record=True) sees them with their category, text,
 * location and (for ResourceWarning) source. */
#include "testing.h"

static PyObject *globals;

static void run(const char *code)
{
    PyObject *r = PyRun_String(code, Py_file_input, globals, globals);
    if (r == NULL) {
        printf("run failed: ");
        print_error();
        printf("\n");
    }
    Py_XDECREF(r);
}

/* Prints what catch_warnings recorded in `log` and empties it. */
static void show_log(const char *label)
{
    printf("%s:\n", label);
    fflush(stdout);
    run("for w in log:\n"
        "    print('  ', w.category.__name__, str(w.message), w.filename, w.lineno,\n"
        "          type(w.source).__name__)\n"
        "log.clear()\n");
}

int main(void)
{
    start();
    globals = PyDict_New();
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
    run("import warnings, sys\n");

    run("warnings.simplefilter('error')\n");
    show_int("WarnEx under 'error'", PyErr_WarnEx(PyExc_UserWarning, "boom", 1));
    show_int("WarnEx NULL category under 'error'", PyErr_WarnEx(NULL, "rt boom", 1));
    show_int("WarnFormat under 'error'", PyErr_WarnFormat(PyExc_FutureWarning, 1, "n=%d", 3));
    show_int("WarnExplicit under 'error'",
             PyErr_WarnExplicit(PyExc_UserWarning, "explicit", "f.py", 5, "m", NULL));

    run("warnings.resetwarnings()\n"
        "warnings.simplefilter('ignore')\n");
    show_int("WarnEx under 'ignore'", PyErr_WarnEx(PyExc_UserWarning, "quiet", 1));

    run("cw = warnings.catch_warnings(record=True)\n"
        "log = cw.__enter__()\n"
        "warnings.simplefilter('always')\n");
    show_int("WarnEx recorded", PyErr_WarnEx(PyExc_UserWarning, "seen", 1));
    show_int("WarnEx recorded again", PyErr_WarnEx(PyExc_UserWarning, "seen", 1));
    show_int("WarnExplicit recorded",
             PyErr_WarnExplicit(PyExc_SyntaxWarning, "syn", "g.py", 9, NULL, NULL));
    PyObject *src = PyUnicode_FromString("the resource");
    show_int("ResourceWarning recorded", PyErr_ResourceWarning(src, 1, "unclosed %s", "file"));
    Py_DECREF(src);
    show_log("recorded");

    run("warnings.simplefilter('ignore', DeprecationWarning)\n"
        "warnings.simplefilter('error', UserWarning)\n");
    show_int("DeprecationWarning ignored", PyErr_WarnEx(PyExc_DeprecationWarning, "old", 1));
    show_int("UserWarning error", PyErr_WarnEx(PyExc_UserWarning, "new", 1));
    run("warnings.filterwarnings('ignore', message='skip.*')\n");
    show_int("message filter", PyErr_WarnEx(PyExc_UserWarning, "skip me", 1));
    run("cw.__exit__(None, None, None)\n");
    show_log("after exit");

    Py_DECREF(globals);
    return finish();
}
