// test: differential
/* str: construction, UTF-8, PEP 393 kinds and the data macros, comparison,
 * concatenation, PyUnicode_FromFormat. */
#include "testing.h"

static void describe(const char *label, PyObject *s)
{
    Py_ssize_t i, n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    void *data = PyUnicode_DATA(s);
    printf("%s: len=%zd kind=%d ascii=%u compact=%u max=%#x chars=", label, n, kind,
           PyUnicode_IS_ASCII(s), PyUnicode_IS_COMPACT(s),
           (unsigned)PyUnicode_MAX_CHAR_VALUE(s));
    for (i = 0; i < n; i++) {
        printf("%s%x", i ? "," : "", (unsigned)PyUnicode_READ(kind, data, i));
    }
    printf(" last=%x utf8=%s\n", n ? (unsigned)PyUnicode_READ_CHAR(s, n - 1) : 0,
           PyUnicode_AsUTF8(s));
}

/* `label: b'...'` for a bytes result (independent of bytes.__repr__). */
static void show_bytes(const char *label, PyObject *b)
{
    char *p;
    Py_ssize_t i, n;
    printf("%s: ", label);
    if (b == NULL) {
        printf("raised ");
        print_error();
        printf("\n");
        return;
    }
    p = PyBytes_AS_STRING(b);
    n = PyBytes_GET_SIZE(b);
    printf("b'");
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
            printf("%c", c);
        } else {
            printf("\\x%02x", c);
        }
    }
    printf("'\n");
    Py_DECREF(b);
}

int main(void)
{
    PyObject *ascii, *latin, *bmp, *astral, *o, *p;
    Py_ssize_t size;
    const char *utf8;
    start();

    ascii = PyUnicode_FromString("hello");
    latin = PyUnicode_FromString("caf\xc3\xa9");
    bmp = PyUnicode_FromString("\xe2\x82\xac" "5 \xe6\x97\xa5");
    astral = PyUnicode_FromString("a\xf0\x9f\x98\x80" "b");
    describe("ascii", ascii);
    describe("latin1", latin);
    describe("bmp", bmp);
    describe("astral", astral);
    check("1BYTE_DATA", PyUnicode_1BYTE_DATA(latin)[3] == 0xe9);
    check("2BYTE_DATA", PyUnicode_2BYTE_DATA(bmp)[0] == 0x20ac);
    check("4BYTE_DATA", PyUnicode_4BYTE_DATA(astral)[1] == 0x1f600);
    show("ascii", Py_NewRef(ascii));
    show("latin1", Py_NewRef(latin));
    show("bmp", Py_NewRef(bmp));
    show("astral", Py_NewRef(astral));
    show_int("PyUnicode_GetLength(astral)", PyUnicode_GetLength(astral));
    utf8 = PyUnicode_AsUTF8AndSize(astral, &size);
    printf("AsUTF8AndSize(astral): %zd bytes, %s\n", size, utf8);
    show_int("PyUnicode_ReadChar(astral, 1)", PyUnicode_ReadChar(astral, 1));
    show_int("PyUnicode_ReadChar(astral, 9)", PyUnicode_ReadChar(astral, 9));
    check("PyUnicode_Check", PyUnicode_Check(ascii));
    check("PyUnicode_CheckExact", PyUnicode_CheckExact(ascii));

    show("FromStringAndSize('hel')", PyUnicode_FromStringAndSize("hello", 3));
    show("FromStringAndSize(bad utf-8)", PyUnicode_FromStringAndSize("a\xff", 2));
    show("DecodeUTF8(replace)", PyUnicode_DecodeUTF8("a\xff" "b", 3, "replace"));
    show("FromOrdinal(0x263a)", PyUnicode_FromOrdinal(0x263a));
    show("FromOrdinal(0x110000)", PyUnicode_FromOrdinal(0x110000));
    show("Concat", PyUnicode_Concat(ascii, astral));
    show_int("Compare(hello, caf\xc3\xa9)", PyUnicode_Compare(ascii, latin));
    show_int("CompareWithASCIIString(hello, 'hello')",
             PyUnicode_CompareWithASCIIString(ascii, "hello"));
    show_int("EqualToUTF8(latin1)", PyUnicode_EqualToUTF8(latin, "caf\xc3\xa9"));
    o = PyUnicode_FromString("hello");
    show("hello == hello", PyObject_RichCompare(ascii, o, Py_EQ));
    p = PyUnicode_FromString("hellp");
    show("hello < hellp", PyObject_RichCompare(ascii, p, Py_LT));
    check("hash(hello) == hash(hello)", PyObject_Hash(ascii) == PyObject_Hash(o));
    Py_DECREF(p);
    Py_DECREF(o);
    o = PyUnicode_FromString("");
    describe("empty", o);
    show("empty", o);

    show("FromFormat %s %d %i", PyUnicode_FromFormat("%s|%d|%i", "str", -12, 34));
    show("FromFormat %ld %zd %u %lu", PyUnicode_FromFormat("%ld|%zd|%u|%lu", -5L, (Py_ssize_t)7, 8u, 9ul));
    show("FromFormat %x %c %%", PyUnicode_FromFormat("%x|%c|%%", 255, 0x263a));
    show("FromFormat %5d %-5s| %.3s", PyUnicode_FromFormat("%5d|%-5s|%.3s", 42, "ab", "abcdef"));
    show("FromFormat %R %S %A", PyUnicode_FromFormat("%R|%S|%A", latin, latin, latin));
    show("FromFormat %U %V", PyUnicode_FromFormat("%U|%V", bmp, (PyObject *)NULL, "fallback"));
    show("FromFormat %zu %lld", PyUnicode_FromFormat("%zu|%lld", (size_t)3, -9LL));

    o = PyLong_FromLong(5);
    show("PyObject_Str(5)", PyObject_Str(o));
    show_bytes("PyUnicode_AsUTF8String", PyUnicode_AsUTF8String(bmp));
    show("PyUnicode_FromObject(5)", PyUnicode_FromObject(o));
    printf("PyUnicode_AsUTF8(5): %s ", PyUnicode_AsUTF8(o) == NULL ? "NULL" : "?");
    print_error();
    printf("\n");
    Py_DECREF(o);

    Py_DECREF(ascii);
    Py_DECREF(latin);
    Py_DECREF(bmp);
    Py_DECREF(astral);
    return finish();
}
