// test: differential
/* The obsolete "lock only" buffer request: PyObject_GetBuffer (on bytes
 * and bytearray; CPython's other exporters may crash) and
 * PyBuffer_FillInfo with a NULL view raise BufferError (the messages
 * differ from CPython's, which name the exporter's C function). */
#include "testing.h"

int main(void)
{
    start();
    PyObject *b = PyBytes_FromString("abc");
    PyObject *ba = PyByteArray_FromStringAndSize("abc", 3);
    char data[3] = "xy";

    printf("bytes: %d ", PyObject_GetBuffer(b, NULL, PyBUF_SIMPLE));
    show_raises("raises", NULL);
    printf("bytearray: %d ", PyObject_GetBuffer(ba, NULL, PyBUF_SIMPLE));
    show_raises("raises", NULL);
    printf("fill info: %d ", PyBuffer_FillInfo(NULL, b, data, 2, 1, PyBUF_SIMPLE));
    show_raises("raises", NULL);

    Py_DECREF(ba);
    Py_DECREF(b);
    return finish();
}
