// test: differential
/* Capsules: creation, name/pointer/context/destructor accessors, name
 * matching (including NULL names), the destructor at deallocation, repr,
 * PyCapsule_Import, and the errors for NULL pointers, wrong names and
 * non-capsules. */
#include "testing.h"

static int destroyed = 0;
static char last_destroyed[64];

static void my_destructor(PyObject *cap)
{
    const char *name = PyCapsule_GetName(cap);
    destroyed++;
    snprintf(last_destroyed, sizeof last_destroyed, "%s ctx=%s", name ? name : "NULL",
             (const char *)PyCapsule_GetContext(cap));
}

static void other_destructor(PyObject *cap)
{
    (void)cap;
    destroyed += 100;
}

/* The repr without its address: `<capsule object "name" at` */
static void show_repr(const char *label, PyObject *cap)
{
    PyObject *r = PyObject_Repr(cap);
    const char *text = PyUnicode_AsUTF8AndSize(r, NULL);
    const char *at = strstr(text, " at 0x");
    printf("%s: %.*s at ADDR%s\n", label, (int)(at - text), text, at != NULL && text[strlen(text) - 1] == '>' ? ">" : "?");
    Py_DECREF(r);
}

int main(void)
{
    static int a = 1, b = 2;
    PyObject *cap, *cap2, *notcap;
    start();

    cap = PyCapsule_New(&a, "mod.api", NULL);
    check("capsule created", cap != NULL);
    check("CheckExact", PyCapsule_CheckExact(cap));
    show("type", Py_NewRef((PyObject *)Py_TYPE(cap)));
    show_repr("repr", cap);
    check("GetPointer right name", PyCapsule_GetPointer(cap, "mod.api") == &a);
    check("GetPointer wrong name is NULL", PyCapsule_GetPointer(cap, "mod.other") == NULL);
    printf("error: "); print_error(); printf("\n");
    check("GetPointer NULL name is NULL", PyCapsule_GetPointer(cap, NULL) == NULL);
    printf("error: "); print_error(); printf("\n");
    check("GetName", strcmp(PyCapsule_GetName(cap), "mod.api") == 0);
    check("GetContext NULL", PyCapsule_GetContext(cap) == NULL && !PyErr_Occurred());
    check("GetDestructor NULL", PyCapsule_GetDestructor(cap) == NULL && !PyErr_Occurred());
    show_int("IsValid right", PyCapsule_IsValid(cap, "mod.api"));
    show_int("IsValid wrong", PyCapsule_IsValid(cap, "x"));
    show_int("IsValid NULL name", PyCapsule_IsValid(cap, NULL));
    show_int("IsValid NULL", PyCapsule_IsValid(NULL, "mod.api"));

    show_int("SetPointer", PyCapsule_SetPointer(cap, &b));
    check("pointer changed", PyCapsule_GetPointer(cap, "mod.api") == &b);
    show_int("SetPointer NULL", PyCapsule_SetPointer(cap, NULL));
    show_int("SetContext", PyCapsule_SetContext(cap, "the context"));
    printf("context: %s\n", (const char *)PyCapsule_GetContext(cap));
    show_int("SetName", PyCapsule_SetName(cap, "mod.renamed"));
    show_repr("repr renamed", cap);
    show_int("SetDestructor", PyCapsule_SetDestructor(cap, my_destructor));
    check("GetDestructor", PyCapsule_GetDestructor(cap) == my_destructor);
    show_int("SetName NULL", PyCapsule_SetName(cap, NULL));
    show_repr("repr NULL name", cap);
    check("GetPointer(NULL) matches NULL name", PyCapsule_GetPointer(cap, NULL) == &b);
    show_int("IsValid NULL NULL", PyCapsule_IsValid(cap, NULL));
    PyCapsule_SetName(cap, "mod.renamed");
    show_int("destroyed before", destroyed);
    Py_DECREF(cap);
    show_int("destroyed after", destroyed);
    printf("last destroyed: %s\n", last_destroyed);

    /* Destructor given at creation, then replaced. */
    cap = PyCapsule_New(&a, NULL, my_destructor);
    PyCapsule_SetContext(cap, "c2");
    cap2 = PyCapsule_New(&b, "second", my_destructor);
    PyCapsule_SetDestructor(cap2, other_destructor);
    PyCapsule_SetContext(cap2, "c3");
    Py_DECREF(cap);
    show_int("destroyed", destroyed);
    printf("last destroyed: %s\n", last_destroyed);
    Py_DECREF(cap2);
    show_int("destroyed", destroyed);
    cap = PyCapsule_New(&a, "nodestructor", NULL);
    PyCapsule_SetDestructor(cap, NULL);
    Py_DECREF(cap);
    show_int("destroyed", destroyed);

    /* Errors. */
    show("New NULL pointer", PyCapsule_New(NULL, "x", NULL));
    notcap = PyLong_FromLong(5);
    check("GetPointer non-capsule", PyCapsule_GetPointer(notcap, "x") == NULL);
    printf("error: "); print_error(); printf("\n");
    check("GetPointer NULL", PyCapsule_GetPointer(NULL, "x") == NULL);
    printf("error: "); print_error(); printf("\n");
    check("GetName non-capsule", PyCapsule_GetName(notcap) == NULL);
    printf("error: "); print_error(); printf("\n");
    check("GetContext non-capsule", PyCapsule_GetContext(notcap) == NULL);
    printf("error: "); print_error(); printf("\n");
    check("GetDestructor non-capsule", PyCapsule_GetDestructor(notcap) == NULL);
    printf("error: "); print_error(); printf("\n");
    show_int("SetPointer non-capsule", PyCapsule_SetPointer(notcap, &a));
    show_int("SetName non-capsule", PyCapsule_SetName(notcap, "x"));
    show_int("SetContext non-capsule", PyCapsule_SetContext(notcap, NULL));
    show_int("SetDestructor non-capsule", PyCapsule_SetDestructor(notcap, NULL));
    show_int("IsValid non-capsule", PyCapsule_IsValid(notcap, "x"));
    Py_DECREF(notcap);

    /* PyCapsule_Import: ferrython has no importable module holding a
     * capsule yet (no sys.modules from C), so only the failure paths. */
    check("Import not a capsule", PyCapsule_Import("builtins.len", 0) == NULL);
    printf("error: "); print_error(); printf("\n");
    check("Import missing attribute", PyCapsule_Import("builtins.nothing_here", 0) == NULL);
    printf("error: "); print_error(); printf("\n");
    check("Import missing module", PyCapsule_Import("no_such_module_x.CAPI", 0) == NULL);
    printf("error type: ");
    {
        PyObject *e = PyErr_GetRaisedException();
        print_type_name(e);
        Py_XDECREF(e);
    }
    printf("\n");
    show_int("destroyed at end", destroyed);
    Py_Finalize();
    return 0;
}
