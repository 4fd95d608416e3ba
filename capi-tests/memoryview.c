// test: differential
/* memoryview from C: PyMemoryView_FromObject / FromMemory / FromBuffer /
 * GetContiguous, the Check / GET_BUFFER / GET_BASE macros, views of
 * views, writes through a writable view, release with exports alive and
 * the errors for non-exporters and bad requests. */
#include "testing.h"

int main(void)
{
    start();
    PyObject *b = PyBytes_FromString("memory");
    PyObject *m = PyMemoryView_FromObject(b);
    show("from bytes", PyObject_CallMethod(m, "tobytes", NULL));
    printf("check: %d %d\n", PyMemoryView_Check(m), PyMemoryView_Check(b));
    PyObject *it = PyObject_GetIter(m);
    printf("gc tracked: view %d, iterator %d\n", PyObject_GC_IsTracked(m),
           PyObject_GC_IsTracked(it));
    show("iterator type", PyObject_Type(it));
    show("next", PyIter_Next(it));
    Py_DECREF(it);
    Py_buffer *view = PyMemoryView_GET_BUFFER(m);
    printf("buffer: len=%zd itemsize=%zd readonly=%d ndim=%d format=%s shape0=%zd stride0=%zd\n",
           view->len, view->itemsize, view->readonly, view->ndim, view->format,
           view->shape[0], view->strides[0]);
    printf("base is b: %d, buf is data: %d\n", PyMemoryView_GET_BASE(m) == b,
           view->buf == PyBytes_AS_STRING(b));
    show("type", PyObject_Type(m));
    show("len", PyLong_FromSsize_t(PyObject_Length(m)));
    show("item 0", PySequence_GetItem(m, 0));

    PyObject *mm = PyMemoryView_FromObject(m);
    printf("view of view: base is b: %d, same buf: %d\n", PyMemoryView_GET_BASE(mm) == b,
           PyMemoryView_GET_BUFFER(mm)->buf == view->buf);
    show("obj", PyObject_GetAttrString(mm, "obj"));
    show("equal", PyObject_RichCompare(m, mm, Py_EQ));
    show("equal bytes", PyObject_RichCompare(m, b, Py_EQ));

    /* A buffer export of the memoryview blocks release(). */
    Py_buffer v;
    show_int("get from memoryview", PyObject_GetBuffer(m, &v, PyBUF_FULL_RO));
    printf("export obj is m: %d, buf same: %d\n", v.obj == m, v.buf == view->buf);
    show("release with export", PyObject_CallMethod(m, "release", NULL));
    PyBuffer_Release(&v);
    show_int("writable from ro", PyObject_GetBuffer(m, &v, PyBUF_WRITABLE));
    print_error();
    printf("\n");
    show("release", PyObject_CallMethod(m, "release", NULL));
    show("after release", PyObject_CallMethod(m, "tobytes", NULL));
    show_int("buffer after release", PyObject_GetBuffer(m, &v, PyBUF_SIMPLE));
    print_error();
    printf("\n");
    show("view of view still", PyObject_CallMethod(mm, "tobytes", NULL));

    /* Requests a memoryview refuses: contiguity it lacks, a format
     * without a shape. */
    PyObject *two = PyObject_CallMethod(mm, "cast", "s(ii)", "B", 2, 3);
    show_int("2-D C", PyObject_GetBuffer(two, &v, PyBUF_C_CONTIGUOUS));
    PyBuffer_Release(&v);
    show_int("2-D F", PyObject_GetBuffer(two, &v, PyBUF_F_CONTIGUOUS));
    show_int("2-D any", PyObject_GetBuffer(two, &v, PyBUF_ANY_CONTIGUOUS));
    PyBuffer_Release(&v);
    show_int("2-D format only", PyObject_GetBuffer(two, &v, PyBUF_FORMAT));
    show_int("2-D simple", PyObject_GetBuffer(two, &v, PyBUF_SIMPLE));
    printf("simple: len=%zd ndim=%d shape=%s\n", v.len, v.ndim, v.shape ? "set" : "NULL");
    PyBuffer_Release(&v);
    PyObject *every2 = PySlice_New(NULL, NULL, PyLong_FromLong(2));
    PyObject *sv = PyObject_GetItem(mm, every2);
    show_int("strided ND", PyObject_GetBuffer(sv, &v, PyBUF_ND));
    show_int("strided any", PyObject_GetBuffer(sv, &v, PyBUF_ANY_CONTIGUOUS));
    show_int("strided records", PyObject_GetBuffer(sv, &v, PyBUF_RECORDS_RO));
    printf("records: format=%s shape0=%zd stride0=%zd\n", v.format, v.shape[0], v.strides[0]);
    PyBuffer_Release(&v);
    Py_DECREF(sv);
    Py_DECREF(every2);
    Py_DECREF(two);

    /* Writable memory. */
    char mem[5] = "abcd";
    PyObject *w = PyMemoryView_FromMemory(mem, 4, PyBUF_WRITE);
    show("obj of FromMemory", PyObject_GetAttrString(w, "obj"));
    printf("base: %s\n", PyMemoryView_GET_BASE(w) == NULL ? "NULL" : "set");
    show("readonly", PyObject_GetAttrString(w, "readonly"));
    show_int("setitem", PySequence_SetItem(w, 1, PyLong_FromLong('Z')));
    printf("mem: %s\n", mem);
    PyObject *r = PyMemoryView_FromMemory(mem, 2, PyBUF_READ);
    show("ro readonly", PyObject_GetAttrString(r, "readonly"));
    show_int("ro setitem", PySequence_SetItem(r, 0, PyLong_FromLong('Q')));
    show("ro tobytes", PyObject_CallMethod(r, "tobytes", NULL));

    /* A view of a described buffer. */
    int ints[3] = {7, -8, 9};
    Py_buffer info = {0};
    info.buf = ints;
    info.len = sizeof ints;
    info.itemsize = sizeof(int);
    info.readonly = 1;
    info.ndim = 1;
    info.format = "i";
    PyObject *fb = PyMemoryView_FromBuffer(&info);
    show("from buffer", PyObject_CallMethod(fb, "tolist", NULL));
    show("format", PyObject_GetAttrString(fb, "format"));
    show("shape", PyObject_GetAttrString(fb, "shape"));
    show("strides", PyObject_GetAttrString(fb, "strides"));
    show("obj", PyObject_GetAttrString(fb, "obj"));
    info.buf = NULL;
    show("from buffer NULL buf", PyMemoryView_FromBuffer(&info));

    /* Contiguous views: as-is when contiguous, a copy when not. */
    PyObject *ba = PyByteArray_FromStringAndSize("0123456789", 10);
    PyObject *c = PyMemoryView_GetContiguous(ba, PyBUF_WRITE, 'C');
    show("contiguous write", PyObject_CallMethod(c, "tobytes", NULL));
    printf("contiguous shares: %d\n", PyMemoryView_GET_BUFFER(c)->buf == PyByteArray_AS_STRING(ba));
    PyObject *whole = PyMemoryView_FromObject(ba);
    PyObject *step = PySlice_New(NULL, NULL, PyLong_FromLong(3));
    PyObject *strided = PyObject_GetItem(whole, step);
    PyObject *copy = PyMemoryView_GetContiguous(strided, PyBUF_READ, 'C');
    show("contiguous copy", PyObject_CallMethod(copy, "tobytes", NULL));
    show("copy contiguous", PyObject_GetAttrString(copy, "c_contiguous"));
    show("copy readonly", PyObject_GetAttrString(copy, "readonly"));
    show("strided write", PyMemoryView_GetContiguous(strided, PyBUF_WRITE, 'C'));
    show("bytes write", PyMemoryView_GetContiguous(b, PyBUF_WRITE, 'C'));

    show_int("resize while viewed", PyByteArray_Resize(ba, 3));
    Py_DECREF(c);
    Py_DECREF(copy);
    Py_DECREF(strided);
    Py_DECREF(whole);
    show_int("resize after", PyByteArray_Resize(ba, 3));

    show("from int", PyMemoryView_FromObject(Py_None));

    Py_DECREF(step);
    Py_DECREF(ba);
    Py_DECREF(fb);
    Py_DECREF(r);
    Py_DECREF(w);
    Py_DECREF(mm);
    Py_DECREF(m);
    Py_DECREF(b);
    return finish();
}
