// test: differential
/* Cell objects from C: PyCell_New/Get/Set, empty cells, the type's repr
 * parts, and misuse (a non-cell) reported as SystemError. */
#include "testing.h"

int main(void)
{
    start();
    PyObject *v = PyUnicode_FromString("content");
    PyObject *c = PyCell_New(v);
    show("type", PyObject_Type(c));
    show("get", PyCell_Get(c));
    show("cell_contents", PyObject_GetAttrString(c, "cell_contents"));
    show_int("set None", PyCell_Set(c, Py_None));
    show("get after set", PyCell_Get(c));
    show_int("set NULL", PyCell_Set(c, NULL));
    show("get empty", PyCell_Get(c));
    show("cell_contents empty", PyObject_GetAttrString(c, "cell_contents"));
    PyObject *e = PyCell_New(NULL);
    show("new empty get", PyCell_Get(e));
    show("get non-cell", PyCell_Get(v));
    show_int("set non-cell", PyCell_Set(v, v));
    print_error();
    printf("\n");
    Py_DECREF(e);
    Py_DECREF(c);
    Py_DECREF(v);
    return finish();
}
