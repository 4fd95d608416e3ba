// test: differential
/* The context-variable C API: PyContextVar_New/Get/Set/Reset with and
 * without defaults, PyContext_New/Copy/CopyCurrent/Enter/Exit, the
 * exact-type checks, and the errors CPython reports for misuse. */
#include "testing.h"

static void show_get(const char *label, PyObject *var, PyObject *def)
{
    PyObject *val = (PyObject *)1;
    int r = PyContextVar_Get(var, def, &val);
    printf("%s: %d ", label, r);
    if (r < 0) {
        printf("raised ");
        print_error();
        printf(" value=%s\n", val == NULL ? "NULL" : "set");
    } else if (val == NULL) {
        printf("NULL\n");
    } else {
        show("value", val);
    }
}

/* `label: r` and the type of the exception raised (messages hold
 * addresses). */
static void show_status(const char *label, int r)
{
    printf("%s: %d", label, r);
    PyObject *exc = PyErr_GetRaisedException();
    if (exc != NULL) {
        printf(" raised ");
        print_type_name(exc);
        Py_DECREF(exc);
    }
    printf("\n");
}

int main(void)
{
    start();
    PyObject *dflt = PyLong_FromLong(10);
    PyObject *v = PyContextVar_New("v", dflt);
    PyObject *w = PyContextVar_New("w", NULL);
    check("ContextVar_CheckExact(v)", PyContextVar_CheckExact(v));
    check("Context_CheckExact(v)", PyContext_CheckExact(v));
    show("name", PyObject_GetAttrString(v, "name"));
    show_get("get v", v, NULL);
    show_get("get w", w, NULL);
    PyObject *five = PyLong_FromLong(5);
    show_get("get w default", w, five);

    PyObject *one = PyLong_FromLong(1);
    PyObject *tok = PyContextVar_Set(v, one);
    check("ContextToken_CheckExact(tok)", PyContextToken_CheckExact(tok));
    show_get("get v after set", v, NULL);
    show("token.old_value", PyObject_GetAttrString(tok, "old_value"));

    PyObject *snapshot = PyContext_CopyCurrent();
    check("Context_CheckExact(copy)", PyContext_CheckExact(snapshot));
    show_int("len(copy)", PyObject_Length(snapshot));

    show_int("Reset", PyContextVar_Reset(v, tok));
    show_get("get v after reset", v, NULL);
    show_status("Reset again", PyContextVar_Reset(v, tok));
    show_status("Reset wrong var", PyContextVar_Reset(w, tok));
    show_int("Reset non-token", PyContextVar_Reset(v, one));

    show_int("Enter snapshot", PyContext_Enter(snapshot));
    show_get("get v in snapshot", v, NULL);
    show_status("Enter twice", PyContext_Enter(snapshot));
    PyObject *tok2 = PyContextVar_Set(w, five);
    show_get("get w in snapshot", w, NULL);
    show_int("Exit snapshot", PyContext_Exit(snapshot));
    show_status("Exit again", PyContext_Exit(snapshot));
    show_get("get w outside", w, NULL);
    show_status("Reset in other context", PyContextVar_Reset(w, tok2));

    PyObject *empty = PyContext_New();
    show_int("len(new)", PyObject_Length(empty));
    PyObject *copy = PyContext_Copy(snapshot);
    show_int("len(Copy(snapshot))", PyObject_Length(copy));
    show("Copy(non-context)", PyContext_Copy(one));
    show_int("Enter(non-context)", PyContext_Enter(one));
    show("Set(non-var)", PyContextVar_Set(one, one));
    PyObject *val = NULL;
    show_int("Get(non-var)", PyContextVar_Get(one, NULL, &val));

    Py_DECREF(tok2);
    Py_DECREF(copy);
    Py_DECREF(empty);
    Py_DECREF(snapshot);
    Py_DECREF(tok);
    Py_DECREF(one);
    Py_DECREF(five);
    Py_DECREF(w);
    Py_DECREF(v);
    Py_DECREF(dflt);
    return Py_FinalizeEx() < 0;
}
