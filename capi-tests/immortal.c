// test: limited-run 0x030c0000
/* The 3.14 immortal-object encoding that compiled extensions depend on:
 * static objects carry refcount 3 << 30 (low 32 bits) with ob_flags 5, and
 * Py_INCREF/Py_DECREF leave them alone, whether inlined (full API) or
 * called through _Py_IncRef/_Py_DecRef (limited API). A static object an
 * extension declares with PyObject_HEAD_INIT gets the same header. */
#include "testing.h"

static struct {
    PyObject_HEAD
    long payload;
} static_obj = { PyObject_HEAD_INIT(NULL) 7 };

static void header(const char *label, PyObject *op)
{
    Py_ssize_t before = Py_REFCNT(op);
    int i;
    for (i = 0; i < 1000; i++) {
        Py_INCREF(op);
    }
    for (i = 0; i < 2000; i++) {
        Py_DECREF(op);
    }
    printf("%s: refcnt=%#lx flags=%u unchanged by 1000 increfs and 2000 decrefs: %s\n",
           label, (unsigned long)op->ob_refcnt, (unsigned)op->ob_flags,
           Py_REFCNT(op) == before ? "yes" : "no");
}

int main(void)
{
    PyObject *small, *big;
    start();
    header("None", Py_None);
    header("True", Py_True);
    header("Ellipsis", Py_Ellipsis);
    header("NotImplemented", Py_NotImplemented);
    header("int type", (PyObject *)&PyLong_Type);
    header("static object of an extension", (PyObject *)&static_obj);
    small = PyLong_FromLong(5);
    check("small int is immortal", (int32_t)small->ob_refcnt < 0);
    Py_DECREF(small);
    big = PyLong_FromLong(123456789);
    check("fresh int is mortal with refcount 1", big->ob_refcnt == 1 && big->ob_flags == 0);
    Py_DECREF(big);
    return finish();
}
