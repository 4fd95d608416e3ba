// test: differential
/* The buffer protocol from C: PyObject_GetBuffer on bytes, bytearray and
 * memoryview with various flags, errors for non-exporters and writable
 * requests on read-only data, PyBuffer_FillInfo, contiguity, item
 * pointers, contiguous copies both ways (C and Fortran order),
 * PyObject_CopyData, PyBuffer_FillContiguousStrides and
 * PyBuffer_SizeFromFormat. */
#include "testing.h"

static void describe(const char *label, Py_buffer *v)
{
    printf("%s: len=%zd itemsize=%zd readonly=%d ndim=%d format=%s shape=%s strides=%s\n",
           label, v->len, v->itemsize, v->readonly, v->ndim,
           v->format ? v->format : "NULL", v->shape ? "set" : "NULL",
           v->strides ? "set" : "NULL");
}

int main(void)
{
    start();
    PyObject *b = PyBytes_FromString("abcdef");
    PyObject *ba = PyByteArray_FromStringAndSize("012345", 6);
    PyObject *i = PyLong_FromLong(5);
    Py_buffer v;

    show_int("check bytes", PyObject_CheckBuffer(b));
    show_int("check bytearray", PyObject_CheckBuffer(ba));
    show_int("check int", PyObject_CheckBuffer(i));

    show_int("get simple", PyObject_GetBuffer(b, &v, PyBUF_SIMPLE));
    describe("simple", &v);
    printf("same data: %d, obj is b: %d\n", v.buf == PyBytes_AS_STRING(b), v.obj == b);
    PyBuffer_Release(&v);
    printf("obj after release: %s\n", v.obj == NULL ? "NULL" : "set");

    show_int("get full ro", PyObject_GetBuffer(b, &v, PyBUF_FULL_RO));
    describe("full ro", &v);
    printf("shape[0]=%zd strides[0]=%zd contiguous C=%d F=%d A=%d\n", v.shape[0],
           v.strides[0], PyBuffer_IsContiguous(&v, 'C'), PyBuffer_IsContiguous(&v, 'F'),
           PyBuffer_IsContiguous(&v, 'A'));
    Py_ssize_t idx = 3;
    printf("item 3: %c\n", *(char *)PyBuffer_GetPointer(&v, &idx));
    char out[7] = {0};
    show_int("to contiguous", PyBuffer_ToContiguous(out, &v, 6, 'C'));
    printf("copied: %s\n", out);
    show_int("to contiguous bad len", PyBuffer_ToContiguous(out, &v, 5, 'C'));
    PyBuffer_Release(&v);

    show_int("get writable bytes", PyObject_GetBuffer(b, &v, PyBUF_WRITABLE));
    print_error();
    printf("\n");
    show_int("get int", PyObject_GetBuffer(i, &v, PyBUF_SIMPLE));

    show_int("get writable bytearray", PyObject_GetBuffer(ba, &v, PyBUF_CONTIG));
    describe("bytearray", &v);
    ((char *)v.buf)[0] = 'X';
    show_int("resize while exported", PyByteArray_Resize(ba, 2));
    show_int("from contiguous", PyBuffer_FromContiguous(&v, "ABC", 3, 'C'));
    PyBuffer_Release(&v);
    show("bytearray now", Py_NewRef(ba));
    show_int("resize after release", PyByteArray_Resize(ba, 4));
    show("bytearray resized", Py_NewRef(ba));

    /* A strided view (every other byte) through a memoryview slice. */
    PyObject *mv = PyMemoryView_FromObject(b);
    PyObject *sl = PySlice_New(NULL, NULL, PyLong_FromLong(2));
    PyObject *strided = PyObject_GetItem(mv, sl);
    show_int("get strided", PyObject_GetBuffer(strided, &v, PyBUF_FULL_RO));
    describe("strided", &v);
    printf("strides[0]=%zd C=%d F=%d A=%d\n", v.strides[0], PyBuffer_IsContiguous(&v, 'C'),
           PyBuffer_IsContiguous(&v, 'F'), PyBuffer_IsContiguous(&v, 'A'));
    memset(out, 0, sizeof out);
    show_int("strided to contiguous", PyBuffer_ToContiguous(out, &v, 3, 'C'));
    printf("copied: %s\n", out);
    idx = 2;
    printf("item 2: %c\n", *(char *)PyBuffer_GetPointer(&v, &idx));
    PyBuffer_Release(&v);
    show_int("strided simple", PyObject_GetBuffer(strided, &v, PyBUF_SIMPLE));
    print_error();
    printf("\n");

    /* PyObject_CopyData into a bytearray, from bytes and a strided view. */
    PyObject *dest = PyByteArray_FromStringAndSize("........", 8);
    show_int("copy data", PyObject_CopyData(dest, b));
    show("dest", Py_NewRef(dest));
    show_int("copy strided", PyObject_CopyData(dest, strided));
    show("dest", Py_NewRef(dest));
    show_int("copy too small", PyObject_CopyData(ba, dest));
    show_int("copy into bytes", PyObject_CopyData(b, ba));

    /* PyBuffer_FillInfo with and without an exporter. */
    char mem[4] = "wxyz";
    show_int("fill info", PyBuffer_FillInfo(&v, NULL, mem, 4, 0, PyBUF_FULL));
    describe("filled", &v);
    printf("obj: %s\n", v.obj == NULL ? "NULL" : "set");
    PyBuffer_Release(&v);
    show_int("fill info ro writable", PyBuffer_FillInfo(&v, b, mem, 4, 1, PyBUF_WRITABLE));
    show_int("fill info ro", PyBuffer_FillInfo(&v, b, mem, 4, 1, PyBUF_SIMPLE));
    describe("filled ro", &v);
    printf("obj is b: %d\n", v.obj == b);
    PyBuffer_Release(&v);

    /* A 2x3 Fortran-ordered array of shorts described by hand. */
    short grid[6] = {1, 4, 2, 5, 3, 6}; /* column-major [[1,2,3],[4,5,6]] */
    Py_ssize_t shape[2] = {2, 3}, strides[2];
    PyBuffer_FillContiguousStrides(2, shape, strides, 2, 'F');
    printf("F strides: %zd %zd\n", strides[0], strides[1]);
    Py_ssize_t cstrides[2];
    PyBuffer_FillContiguousStrides(2, shape, cstrides, 2, 'C');
    printf("C strides: %zd %zd\n", cstrides[0], cstrides[1]);
    Py_buffer g = {0};
    g.buf = grid;
    g.len = sizeof grid;
    g.itemsize = 2;
    g.readonly = 0;
    g.ndim = 2;
    g.format = "h";
    g.shape = shape;
    g.strides = strides;
    printf("grid C=%d F=%d A=%d\n", PyBuffer_IsContiguous(&g, 'C'),
           PyBuffer_IsContiguous(&g, 'F'), PyBuffer_IsContiguous(&g, 'A'));
    Py_ssize_t at[2] = {1, 2};
    printf("grid[1][2]=%d\n", *(short *)PyBuffer_GetPointer(&g, at));
    short flat[6];
    show_int("grid to C", PyBuffer_ToContiguous(flat, &g, sizeof grid, 'C'));
    printf("C order: %d %d %d %d %d %d\n", flat[0], flat[1], flat[2], flat[3], flat[4], flat[5]);
    show_int("grid to F", PyBuffer_ToContiguous(flat, &g, sizeof grid, 'F'));
    printf("F order: %d %d %d %d %d %d\n", flat[0], flat[1], flat[2], flat[3], flat[4], flat[5]);
    short rows[6] = {10, 20, 30, 40, 50, 60};
    show_int("grid from C", PyBuffer_FromContiguous(&g, rows, sizeof rows, 'C'));
    printf("memory: %d %d %d %d %d %d\n", grid[0], grid[1], grid[2], grid[3], grid[4], grid[5]);
    PyObject *gm = PyMemoryView_FromBuffer(&g);
    show("grid tolist", PyObject_CallMethod(gm, "tolist", NULL));
    PyObject *gb = PyObject_CallMethod(gm, "tobytes", NULL);
    PyObject *rb = PyBytes_FromStringAndSize((char *)rows, 12);
    show("grid tobytes == C", PyObject_RichCompare(gb, rb, Py_EQ));
    Py_DECREF(rb);
    Py_DECREF(gb);
    Py_DECREF(gm);

    show_int("size B", PyBuffer_SizeFromFormat("B"));
    show_int("size i", PyBuffer_SizeFromFormat("i"));
    show_int("size @d", PyBuffer_SizeFromFormat("@d"));
    show_int("size <q", PyBuffer_SizeFromFormat("<q"));
    show_int("size =l", PyBuffer_SizeFromFormat("=l"));
    const char *formats[] = {"bi", "<bi", "3s", "2h3i", "?q", "ci", "x", "@5sq", "<5sq",
                             "!l", "l", "", "10c", "P", "hhl", "e"};
    for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++) {
        printf("size '%s': %zd\n", formats[k], PyBuffer_SizeFromFormat(formats[k]));
    }

    Py_DECREF(dest);
    Py_DECREF(strided);
    Py_DECREF(sl);
    Py_DECREF(mv);
    Py_DECREF(i);
    Py_DECREF(ba);
    Py_DECREF(b);
    return finish();
}
