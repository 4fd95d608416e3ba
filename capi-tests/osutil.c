// test: differential
/* PyOS_FSPath (str, bytes, __fspath__ objects, bad results and types),
 * Py_FdIsInteractive on a regular file, PyOS_getsig/PyOS_setsig. */
#include "testing.h"
#include <signal.h>

static void handler(int sig) { (void)sig; }

int main(void)
{
    start();
    PyObject *g = PyDict_New();
    PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins());
    PyObject *r = PyRun_String("class P:\n"
                               "    def __fspath__(self): return '/from/fspath'\n"
                               "class B:\n"
                               "    def __fspath__(self): return b'/bytes/path'\n"
                               "class Bad:\n"
                               "    def __fspath__(self): return 42\n"
                               "p, b, bad = P(), B(), Bad()\n",
                               Py_file_input, g, g);
    Py_XDECREF(r);
    PyObject *s = PyUnicode_FromString("/plain");
    show("str", PyOS_FSPath(s));
    PyObject *by = PyBytes_FromString("/raw");
    show("bytes", PyOS_FSPath(by));
    show("__fspath__ str", PyOS_FSPath(PyDict_GetItemString(g, "p")));
    show("__fspath__ bytes", PyOS_FSPath(PyDict_GetItemString(g, "b")));
    show("__fspath__ int", PyOS_FSPath(PyDict_GetItemString(g, "bad")));
    PyObject *i = PyLong_FromLong(3);
    show("int", PyOS_FSPath(i));

    FILE *fp = tmpfile();
    show_int("regular file interactive", Py_FdIsInteractive(fp, "x.py"));
    fclose(fp);

    PyOS_sighandler_t before = PyOS_getsig(SIGUSR1);
    check("SIGUSR1 starts default", before == SIG_DFL);
    PyOS_sighandler_t old = PyOS_setsig(SIGUSR1, handler);
    check("setsig returns the old handler", old == SIG_DFL);
    check("getsig sees the new handler", PyOS_getsig(SIGUSR1) == handler);
    check("restoring returns ours", PyOS_setsig(SIGUSR1, SIG_DFL) == handler);
    check("bad signal number", PyOS_getsig(-5) == SIG_ERR);

    Py_DECREF(i);
    Py_DECREF(by);
    Py_DECREF(s);
    Py_DECREF(g);
    return finish();
}
