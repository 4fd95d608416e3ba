// test: differential
/* PEP 393 at the bit level: the `state` word (kind, compact, ascii bits in
 * CPython's bitfield order), where the characters sit relative to the
 * object, NUL termination, and the UTF-8 of ASCII strings being the data
 * itself. Python.h's string macros and Cython-generated code rely on all
 * of it. */
#include "testing.h"

static void layout(const char *label, PyObject *s)
{
    uint32_t state;
    char *data = (char *)PyUnicode_DATA(s);
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    memcpy(&state, &((PyASCIIObject *)s)->state, sizeof state);
    printf("%s: len=%zd kind bits=%u compact bit=%u ascii bit=%u data at +%td"
           " NUL-terminated=%s\n",
           label, n, (state >> 2) & 7u, (state >> 5) & 1u, (state >> 6) & 1u,
           data - (char *)s,
           PyUnicode_READ(kind, data, n) == 0 ? "yes" : "no");
}

int main(void)
{
    PyObject *a, *l, *b, *w;
    start();
    a = PyUnicode_FromString("plain ascii");
    l = PyUnicode_FromString("l\xc3\xa0tin");
    b = PyUnicode_FromString("\xe2\x82\xac uro");
    w = PyUnicode_FromString("\xf0\x9f\x90\x8d snake");
    layout("ascii", a);
    layout("latin1", l);
    layout("ucs2", b);
    layout("ucs4", w);
    check("ascii: PyUnicode_AsUTF8 is the character data",
          PyUnicode_AsUTF8(a) == (const char *)PyUnicode_DATA(a));
    check("sizeof(PyASCIIObject) is where ascii data starts",
          (char *)PyUnicode_DATA(a) - (char *)a == (Py_ssize_t)sizeof(PyASCIIObject));
    check("sizeof(PyCompactUnicodeObject) is where other data starts",
          (char *)PyUnicode_DATA(b) - (char *)b == (Py_ssize_t)sizeof(PyCompactUnicodeObject));
    Py_DECREF(a);
    Py_DECREF(l);
    Py_DECREF(b);
    Py_DECREF(w);
    return finish();
}
