// test: differential
/* PEP 574's pickle buffers from C: PyPickleBuffer_FromObject over bytes,
 * a bytearray and a 2-D memoryview, PyPickleBuffer_GetBuffer's view (it
 * is the wrapped object's memory), PyPickleBuffer_Check, release (twice),
 * and the errors for released buffers, other objects and non-exporters. */
#include "testing.h"

static void show_view(const char *label, PyObject *pb)
{
    const Py_buffer *view = PyPickleBuffer_GetBuffer(pb);
    printf("%s: ", label);
    if (view == NULL) {
        printf("raised ");
        print_error();
        printf("\n");
        return;
    }
    printf("len=%zd itemsize=%zd readonly=%d ndim=%d format=%s", view->len,
           view->itemsize, view->readonly, view->ndim,
           view->format != NULL ? view->format : "NULL");
    for (int i = 0; i < view->ndim; i++) {
        printf(" shape[%d]=%zd", i, view->shape[i]);
    }
    printf("\n");
}

int main(void)
{
    start();
    PyObject *b = PyBytes_FromString("pickled");
    PyObject *pb = PyPickleBuffer_FromObject(b);
    printf("check: %d %d\n", PyPickleBuffer_Check(pb), PyPickleBuffer_Check(b));
    show("type", PyObject_Type(pb));
    show_view("bytes view", pb);
    const Py_buffer *view = PyPickleBuffer_GetBuffer(pb);
    printf("same memory: %d, obj is b: %d\n", view->buf == PyBytes_AS_STRING(b),
           view->obj == b);
    PyObject *raw = PyObject_CallMethod(pb, "raw", NULL);
    show("raw", PyObject_CallMethod(raw, "tobytes", NULL));
    Py_DECREF(raw);
    PyObject *m = PyMemoryView_FromObject(pb);
    show("memoryview", PyObject_CallMethod(m, "tobytes", NULL));
    show("memoryview obj is b", PyBool_FromLong(PyMemoryView_GET_BASE(m) == b));
    Py_DECREF(m);

    show_int("release", PyPickleBuffer_Release(pb));
    show_view("after release", pb);
    show_int("release again", PyPickleBuffer_Release(pb));
    show("raw after release", PyObject_CallMethod(pb, "raw", NULL));
    Py_DECREF(pb);

    PyObject *ba = PyByteArray_FromStringAndSize("abcdef", 6);
    pb = PyPickleBuffer_FromObject(ba);
    show_view("bytearray view", pb);
    show("resize while wrapped", PyObject_CallMethod(ba, "extend", "y", "gh"));
    show_int("release", PyPickleBuffer_Release(pb));
    show("resize after release", PyObject_CallMethod(ba, "extend", "y", "gh"));
    show("bytearray", Py_NewRef(ba));
    Py_DECREF(pb);

    PyObject *flat = PyMemoryView_FromObject(ba);
    PyObject *two = PyObject_CallMethod(flat, "cast", "s(ii)", "B", 2, 4);
    pb = PyPickleBuffer_FromObject(two);
    show_view("2-D view", pb);
    raw = PyObject_CallMethod(pb, "raw", NULL);
    show("2-D raw", PyObject_GetAttrString(raw, "shape"));
    Py_DECREF(raw);
    PyPickleBuffer_Release(pb);
    Py_DECREF(pb);
    Py_DECREF(two);
    Py_DECREF(flat);
    Py_DECREF(ba);

    PyObject *n = PyLong_FromLong(5);
    show("from int", PyPickleBuffer_FromObject(n));
    show_view("get from bytes", b);
    show_int("release int", PyPickleBuffer_Release(n));
    print_error();
    printf("\n");
    Py_DECREF(n);
    Py_DECREF(b);
    return finish();
}
