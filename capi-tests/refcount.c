// test: differential
/* Reference counting: fresh objects, Py_INCREF/Py_DECREF, the X variants,
 * Py_NewRef, Py_CLEAR, Py_SETREF, and the immortal singletons. */
#include "testing.h"

int main(void)
{
    PyObject *a, *b, *keep, *slot;
    Py_ssize_t none_before;
    start();

    a = PyLong_FromLong(123456789);
    show_int("fresh int refcnt", Py_REFCNT(a));
    Py_INCREF(a);
    show_int("after Py_INCREF", Py_REFCNT(a));
    Py_DECREF(a);
    show_int("after Py_DECREF", Py_REFCNT(a));
    b = Py_NewRef(a);
    check("Py_NewRef returns its argument", b == a);
    show_int("after Py_NewRef", Py_REFCNT(a));
    Py_XDECREF(b);
    Py_XINCREF(NULL);
    Py_XDECREF(NULL);
    check("Py_XNewRef(NULL) is NULL", Py_XNewRef(NULL) == NULL);
    show_int("after Py_XDECREF", Py_REFCNT(a));

    slot = Py_NewRef(a);
    Py_CLEAR(slot);
    check("Py_CLEAR sets NULL", slot == NULL);
    Py_CLEAR(slot); /* a no-op on NULL */
    show_int("after Py_CLEAR", Py_REFCNT(a));

    keep = PyFloat_FromDouble(2.5);
    slot = Py_NewRef(a);
    Py_SETREF(slot, Py_NewRef(keep));
    check("Py_SETREF replaced", slot == keep);
    show_int("old value after Py_SETREF", Py_REFCNT(a));
    show_int("new value after Py_SETREF", Py_REFCNT(keep));
    Py_XSETREF(slot, NULL);
    check("Py_XSETREF to NULL", slot == NULL);
    show_int("after Py_XSETREF", Py_REFCNT(keep));

    /* Immortal objects ignore increments and decrements. */
    none_before = Py_REFCNT(Py_None);
    Py_INCREF(Py_None);
    Py_INCREF(Py_None);
    Py_DECREF(Py_None);
    check("None refcnt unchanged by Py_INCREF", Py_REFCNT(Py_None) == none_before);
    check("Py_IsNone", Py_IsNone(Py_None));
    check("Py_IsTrue", Py_IsTrue(Py_True) && !Py_IsTrue(Py_False));
    check("Py_IsFalse", Py_IsFalse(Py_False));
    check("Py_Is", Py_Is(a, a) && !Py_Is(a, keep));
    check("Py_TYPE(None) is NoneType", strcmp(Py_TYPE(Py_None)->tp_name, "NoneType") == 0);
    check("Py_TYPE(True) is bool", Py_IS_TYPE(Py_True, &PyBool_Type));
    check("Py_TYPE(Ellipsis)", strcmp(Py_TYPE(Py_Ellipsis)->tp_name, "ellipsis") == 0);
    check("Py_TYPE(NotImplemented)",
          strcmp(Py_TYPE(Py_NotImplemented)->tp_name, "NotImplementedType") == 0);
    show("None", Py_NewRef(Py_None));
    show("True", Py_NewRef(Py_True));
    show("False", Py_NewRef(Py_False));
    show("Ellipsis", Py_NewRef(Py_Ellipsis));
    show("NotImplemented", Py_NewRef(Py_NotImplemented));

    /* Py_IncRef / Py_DecRef: the function forms, NULL-tolerant. */
    Py_IncRef(a);
    show_int("after Py_IncRef", Py_REFCNT(a));
    Py_DecRef(a);
    Py_IncRef(NULL);
    Py_DecRef(NULL);
    show_int("after Py_DecRef", Py_REFCNT(a));

    Py_DECREF(keep);
    Py_DECREF(a);
    return finish();
}
