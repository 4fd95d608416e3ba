// test: differential
/* PyObject_ASCII and PyObject_Format (with NULL and non-str specs), and
 * PyErr_Print: it records sys.last_exc/last_type/last_value, and for a
 * SystemExit it exits the process with the exit code (run in a child). */
#include "testing.h"
#include <sys/wait.h>
#include <unistd.h>

static void show_sys(const char *name)
{
    PyObject *sys = PyImport_ImportModule("sys");
    PyObject *v = PyObject_GetAttrString(sys, name);
    printf("sys.%s: ", name);
    if (v == NULL) {
        print_error();
    } else {
        PyObject *r = PyObject_Repr(v);
        printf("%s", PyUnicode_AsUTF8(r));
        Py_DECREF(r);
        Py_DECREF(v);
    }
    printf("\n");
    Py_DECREF(sys);
}

/* Raises SystemExit(code) in a child process and prints how it ended
 * (steals the reference to code). */
static void exit_in_child(PyObject *code)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        PyErr_SetObject(PyExc_SystemExit, code);
        Py_DECREF(code);
        PyErr_Print();
        _exit(99); /* not reached when PyErr_Print exits */
    }
    int status = 0;
    Py_DECREF(code);
    waitpid(pid, &status, 0);
    printf("child exited: %d status %d\n", WIFEXITED(status), WEXITSTATUS(status));
}

int main(void)
{
    start();
    PyObject *s = PyUnicode_FromString("h\xc3\xa9llo \xe2\x82\xac");
    show("ascii(str)", PyObject_ASCII(s));
    show("repr(str)", PyObject_Repr(s));
    show("ascii(NULL)", PyObject_ASCII(NULL));
    PyObject *lst = Py_BuildValue("[Oi]", s, 7);
    show("ascii(list)", PyObject_ASCII(lst));

    PyObject *f = PyFloat_FromDouble(3.14159);
    PyObject *spec = PyUnicode_FromString(".2f");
    show("format(f, '.2f')", PyObject_Format(f, spec));
    show("format(f, NULL)", PyObject_Format(f, NULL));
    PyObject *i = PyLong_FromLong(255);
    PyObject *xspec = PyUnicode_FromString("#06x");
    show("format(255, '#06x')", PyObject_Format(i, xspec));
    PyObject *rspec = PyUnicode_FromString(">8"), *dspec = PyUnicode_FromString("d");
    show("format(str, '>8')", PyObject_Format(s, rspec));
    show("format(f, 5)", PyObject_Format(f, i));
    show("format(list, 'd')", PyObject_Format(lst, dspec));
    Py_DECREF(rspec);
    Py_DECREF(dspec);

    PyErr_SetString(PyExc_ValueError, "printed");
    PyErr_Print();
    show_int("error after print", PyErr_Occurred() != NULL);
    show_sys("last_exc");
    show_sys("last_type");
    show_sys("last_value");

    exit_in_child(PyLong_FromLong(3));
    exit_in_child(Py_None);
    exit_in_child(PyUnicode_FromString("message to stderr"));

    Py_DECREF(xspec);
    Py_DECREF(i);
    Py_DECREF(spec);
    Py_DECREF(f);
    Py_DECREF(lst);
    Py_DECREF(s);
    return finish();
}
