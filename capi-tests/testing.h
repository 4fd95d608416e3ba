/* Helpers shared by the C-API tests: they print results in a form that is
 * the same under ferrython and CPython, so differential tests can compare
 * stdout line by line. Each helper that takes an object steals it. */
#ifndef CAPI_TESTING_H
#define CAPI_TESTING_H

#include <Python.h>
#include <stdio.h>
#include <string.h>

/* Prints the qualified name of an object's type (as tp_name spells it:
 * "ValueError", "mymod.MyError"); works with Py_LIMITED_API too. */
static inline void print_type_name(PyObject *obj)
{
    PyObject *name = PyType_GetFullyQualifiedName(Py_TYPE(obj));
    printf("%s", name != NULL ? PyUnicode_AsUTF8AndSize(name, NULL) : "<no name>");
    if (name == NULL) {
        PyErr_Clear();
    }
    Py_XDECREF(name);
}

/* The raised exception as `TypeName: message`, cleared; "no error" when
 * none is set. */
static inline void print_error(void)
{
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *msg;
    const char *text;
    if (exc == NULL) {
        printf("no error");
        return;
    }
    msg = PyObject_Str(exc);
    text = msg != NULL ? PyUnicode_AsUTF8AndSize(msg, NULL) : "<str failed>";
    /* CPython's PyErr_BadInternalCall names its C source file and line:
     * "Objects/listobject.c:527: bad argument to internal function". */
    if (PyErr_GivenExceptionMatches(exc, PyExc_SystemError)) {
        const char *colon = strstr(text, ".c:");
        if (colon != NULL && (colon = strstr(colon + 3, ": ")) != NULL) {
            text = colon + 2;
        }
    }
    print_type_name(exc);
    printf(": %s", text);
    if (msg == NULL) {
        PyErr_Clear();
    }
    Py_XDECREF(msg);
    Py_DECREF(exc);
}

/* `label: repr(obj)`, or `label: raised Type: message` when obj is NULL. */
static inline void show(const char *label, PyObject *obj)
{
    PyObject *repr;
    printf("%s: ", label);
    if (obj == NULL && !PyErr_Occurred()) {
        printf("NULL, no error\n");
        return;
    }
    if (obj == NULL) {
        printf("raised ");
        print_error();
        printf("\n");
        return;
    }
    if (PyErr_Occurred()) {
        printf("[error set with a result] ");
        print_error();
        printf(" ");
    }
    repr = PyObject_Repr(obj);
    if (repr == NULL) {
        printf("repr raised ");
        print_error();
    } else {
        printf("%s", PyUnicode_AsUTF8AndSize(repr, NULL));
        Py_DECREF(repr);
    }
    printf("\n");
    Py_DECREF(obj);
}

/* `label: TypeName` of the exception raised (for messages that changed
 * between CPython 3.13 and 3.14); steals obj. */
static inline void show_raises(const char *label, PyObject *obj)
{
    PyObject *exc;
    printf("%s: ", label);
    if (obj != NULL) {
        printf("no exception\n");
        Py_DECREF(obj);
        return;
    }
    exc = PyErr_GetRaisedException();
    printf("raised ");
    if (exc != NULL) {
        print_type_name(exc);
    } else {
        printf("nothing");
    }
    printf("\n");
    Py_XDECREF(exc);
}

/* `label: value` for an integer result, with the error when one is set. */
static inline void show_int(const char *label, long long value)
{
    printf("%s: %lld", label, value);
    if (PyErr_Occurred()) {
        printf(" raised ");
        print_error();
    }
    printf("\n");
}

/* `label: value` for a double result, with the error when one is set. */
static inline void show_double(const char *label, double value)
{
    printf("%s: %.17g", label, value);
    if (PyErr_Occurred()) {
        printf(" raised ");
        print_error();
    }
    printf("\n");
}

/* `label: yes/no`. */
static inline void check(const char *label, int cond)
{
    printf("%s: %s\n", label, cond ? "yes" : "no");
}

/* Starts the runtime; every test calls it first. */
static inline void start(void)
{
    Py_Initialize();
}

/* Shuts the runtime down; returns main's exit status. */
static inline int finish(void)
{
    if (PyErr_Occurred()) {
        printf("error left set at exit: ");
        print_error();
        printf("\n");
        return 1;
    }
    fflush(stdout);
    return Py_FinalizeEx() < 0 ? 120 : 0;
}

#endif
