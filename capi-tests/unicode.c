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


    /* creation from each kind, wide chars, UCS4 */
    {
        Py_UCS1 b1[] = {'h', 0xe9};
        Py_UCS2 b2[] = {'h', 0x20ac};
        Py_UCS4 b4[] = {'h', 0x1f600, 0x263a};
        Py_UCS4 bad4[] = {0x110000};
        Py_UCS4 buf[8];
        wchar_t wbuf[8];
        wchar_t *wcopy;
        Py_UCS4 *ucopy;
        Py_ssize_t n;
        describe("FromKindAndData(1)", o = PyUnicode_FromKindAndData(PyUnicode_1BYTE_KIND, b1, 2));
        Py_DECREF(o);
        describe("FromKindAndData(2, ascii)", o = PyUnicode_FromKindAndData(PyUnicode_2BYTE_KIND, b2, 1));
        Py_DECREF(o);
        describe("FromKindAndData(2)", o = PyUnicode_FromKindAndData(PyUnicode_2BYTE_KIND, b2, 2));
        Py_DECREF(o);
        describe("FromKindAndData(4)", o = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, b4, 3));
        show("FromKindAndData(4, bad)", PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, bad4, 1));
        show("FromKindAndData(3)", PyUnicode_FromKindAndData(3, b4, 1));
        show("FromKindAndData(size -1)", PyUnicode_FromKindAndData(1, b1, -1));
        show("FromWideChar(L\"w\\u00e9\\U0001F600\", -1)", PyUnicode_FromWideChar(L"w\u00e9\U0001F600", -1));
        show("FromWideChar(2)", PyUnicode_FromWideChar(L"abc", 2));
        n = PyUnicode_AsWideChar(o, NULL, 0);
        show_int("AsWideChar(NULL)", n);
        n = PyUnicode_AsWideChar(o, wbuf, 8);
        printf("AsWideChar(8): %zd %x %x %x %x\n", n, (unsigned)wbuf[0], (unsigned)wbuf[1], (unsigned)wbuf[2], (unsigned)wbuf[3]);
        n = PyUnicode_AsWideChar(o, wbuf, 2);
        printf("AsWideChar(2): %zd %x %x\n", n, (unsigned)wbuf[0], (unsigned)wbuf[1]);
        wcopy = PyUnicode_AsWideCharString(o, &n);
        printf("AsWideCharString: %zd %x %x\n", n, (unsigned)wcopy[1], (unsigned)wcopy[3]);
        PyMem_Free(wcopy);
        p = PyUnicode_FromStringAndSize("a\0b", 3);
        wcopy = PyUnicode_AsWideCharString(p, NULL);
        printf("AsWideCharString(embedded NUL): %s ", wcopy == NULL ? "NULL" : "?");
        print_error();
        printf("\n");
        Py_DECREF(p);
        ucopy = PyUnicode_AsUCS4(o, buf, 8, 1);
        printf("AsUCS4: %x %x %x %x\n", (unsigned)ucopy[0], (unsigned)ucopy[1], (unsigned)ucopy[2], (unsigned)ucopy[3]);
        printf("AsUCS4(short): %s ", PyUnicode_AsUCS4(o, buf, 3, 1) == NULL ? "NULL" : "?");
        print_error();
        printf("\n");
        ucopy = PyUnicode_AsUCS4Copy(o);
        printf("AsUCS4Copy: %x %x\n", (unsigned)ucopy[1], (unsigned)ucopy[3]);
        PyMem_Free(ucopy);
        Py_DECREF(o);
    }

    /* substring, search and the method-like functions */
    o = PyUnicode_FromString("one two  three\xe2\x82\xac two");
    show("Substring(4, 7)", PyUnicode_Substring(o, 4, 7));
    show("Substring(10, 99)", PyUnicode_Substring(o, 10, 99));
    show("Substring(5, 2)", PyUnicode_Substring(o, 5, 2));
    show("Substring(-1, 2)", PyUnicode_Substring(o, -1, 2));
    p = PyUnicode_FromString("two");
    show_int("Find(two, fwd)", PyUnicode_Find(o, p, 0, PY_SSIZE_T_MAX, 1));
    show_int("Find(two, back)", PyUnicode_Find(o, p, 0, PY_SSIZE_T_MAX, -1));
    show_int("Find(two, 5, 10)", PyUnicode_Find(o, p, 5, 10, 1));
    show_int("FindChar(e)", PyUnicode_FindChar(o, 'e', 0, 100, 1));
    show_int("FindChar(e, back)", PyUnicode_FindChar(o, 'e', 0, 100, -1));
    show_int("FindChar(euro)", PyUnicode_FindChar(o, 0x20ac, 0, 100, 1));
    show_int("Count(two)", PyUnicode_Count(o, p, 0, PY_SSIZE_T_MAX));
    show_int("Tailmatch(two, suffix)", PyUnicode_Tailmatch(o, p, 0, PY_SSIZE_T_MAX, 1));
    show_int("Tailmatch(two, prefix)", PyUnicode_Tailmatch(o, p, 4, PY_SSIZE_T_MAX, -1));
    show_int("Contains(two)", PyUnicode_Contains(o, p));
    {
        PyObject *x = PyUnicode_FromString("2");
        show("Replace(two, 2, 1)", PyUnicode_Replace(o, p, x, 1));
        show("Replace(two, 2, -1)", PyUnicode_Replace(o, p, x, -1));
        Py_DECREF(x);
    }
    show("Split(NULL, -1)", PyUnicode_Split(o, NULL, -1));
    show("Split(two, -1)", PyUnicode_Split(o, p, -1));
    show("RSplit(NULL, 1)", PyUnicode_RSplit(o, NULL, 1));
    show("Partition(two)", PyUnicode_Partition(o, p));
    show("RPartition(two)", PyUnicode_RPartition(o, p));
    {
        PyObject *lines = PyUnicode_FromString("a\nb\r\n\nc");
        show("Splitlines(0)", PyUnicode_Splitlines(lines, 0));
        show("Splitlines(1)", PyUnicode_Splitlines(lines, 1));
        Py_DECREF(lines);
    }
    {
        PyObject *parts = PyUnicode_Split(o, NULL, -1);
        PyObject *sep = PyUnicode_FromString("\xc2\xb7");
        show("Join(middot)", PyUnicode_Join(sep, parts));
        show("Join(NULL)", PyUnicode_Join(NULL, parts));
        Py_DECREF(sep);
        Py_DECREF(parts);
    }
    Py_DECREF(p);

    /* comparison and identity */
    p = PyUnicode_FromString("one");
    show_int("Compare(one, o)", PyUnicode_Compare(p, o));
    show_int("EqualToUTF8AndSize(one, 'on', 2)", PyUnicode_EqualToUTF8AndSize(p, "one", 2));
    show_int("CompareWithASCIIString(one, 'onf')", PyUnicode_CompareWithASCIIString(p, "onf"));
    show_int("CompareWithASCIIString(one, 'on')", PyUnicode_CompareWithASCIIString(p, "on"));
    show("RichCompare(one, o, GT)", PyUnicode_RichCompare(p, o, Py_GT));
    show_int("IsIdentifier(one)", PyUnicode_IsIdentifier(p));
    show_int("IsIdentifier(o)", PyUnicode_IsIdentifier(o));
    {
        PyObject *a = PyUnicode_FromString("interned_test_name");
        PyObject *b = PyUnicode_FromString("interned_test_name");
        PyObject *c = PyUnicode_InternFromString("interned_test_name");
        check("distinct before interning", a != b);
        PyUnicode_InternInPlace(&a);
        PyUnicode_InternInPlace(&b);
        check("InternInPlace gives one object", a == b && a == c);
        check("CHECK_INTERNED", PyUnicode_CHECK_INTERNED(a) != 0);
        Py_DECREF(a);
        Py_DECREF(b);
        Py_DECREF(c);
    }
    {
        PyObject *l = PyUnicode_FromString("ab");
        PyUnicode_Append(&l, p);
        show("Append", Py_NewRef(l));
        PyUnicode_AppendAndDel(&l, PyUnicode_FromString("\xe2\x82\xac"));
        show("AppendAndDel", l);
    }
    Py_DECREF(p);
    Py_DECREF(o);

    /* building strings in place */
    o = PyUnicode_New(5, 0x20ac);
    show_int("Fill", PyUnicode_Fill(o, 0, 5, '.'));
    show_int("WriteChar", PyUnicode_WriteChar(o, 1, 0x20ac));
    show_int("WriteChar(out of range)", PyUnicode_WriteChar(o, 9, 'x'));
    show_int("WriteChar(too big)", PyUnicode_WriteChar(o, 0, 0x1f600));
    p = PyUnicode_FromString("xyz");
    show_int("CopyCharacters", PyUnicode_CopyCharacters(o, 2, p, 1, 10));
    Py_DECREF(p);
    show("built", Py_NewRef(o));
    show_int("Resize(3)", PyUnicode_Resize(&o, 3));
    show("resized", o);
    o = PyUnicode_FromString("shared!");
    p = Py_NewRef(o);
    show_int("Resize(shared, 6)", PyUnicode_Resize(&p, 6));
    show("resized copy", p);
    show("original", o);
    o = PyUnicode_FromString("shared");
    Py_INCREF(o);
    show_int("WriteChar(shared)", PyUnicode_WriteChar(o, 0, 'S'));
    Py_DECREF(o);
    Py_DECREF(o);

    /* repr */
    show("repr quotes", PyUnicode_FromString("it's"));
    show("repr both quotes", PyUnicode_FromString("it's \"q\""));
    show("repr escapes", PyUnicode_FromString("tab\t nl\n cr\r bs\\ nul\x01 del\x7f"));
    show("repr non-printables", PyUnicode_FromString("\xc2\xa0\xc2\xad\xe2\x80\xa8\xef\xbf\xbe\xf3\xa0\x80\x81"));
    show("repr printable", PyUnicode_FromString("\xc3\xa9\xe4\xb8\x80\xf0\x9f\x98\x80"));
    show("repr lone surrogate", PyUnicode_DecodeUTF8("\xed\xa0\x80", 3, "surrogatepass"));

    /* bad input */
    o = PyLong_FromLong(7);
    show_int("GetLength(int)", PyUnicode_GetLength(o));
    show_int("ReadChar(int)", (long long)PyUnicode_ReadChar(o, 0));
    show("Concat(int, str)", PyUnicode_Concat(o, ascii));
    show("Concat(str, int)", PyUnicode_Concat(ascii, o));
    show_int("Compare(str, int)", PyUnicode_Compare(ascii, o));
    show_int("EqualToUTF8(int)", PyUnicode_EqualToUTF8(o, "7"));
    show_int("Contains(str, int)", PyUnicode_Contains(ascii, o));
    show_int("Contains(int, str)", PyUnicode_Contains(o, ascii));
    show("Split(int)", PyUnicode_Split(o, NULL, -1));
    show("Split(str, int)", PyUnicode_Split(ascii, o, -1));
    show("Join(str, int)", PyUnicode_Join(ascii, o));
    show("RichCompare(str, int)", PyUnicode_RichCompare(ascii, o, Py_EQ));
    show("Format(str, int)", PyUnicode_Format(ascii, o));
    show_int("Find(str, int)", PyUnicode_Find(ascii, o, 0, 5, 1));
    show("AsUTF8String(int)", PyUnicode_AsUTF8String(o));
    show("FromEncodedObject(int)", PyUnicode_FromEncodedObject(o, NULL, NULL));
    show("FromEncodedObject(str)", PyUnicode_FromEncodedObject(ascii, "utf-8", NULL));
    show("FromObject(int)", PyUnicode_FromObject(o));
    Py_DECREF(o);
    show("FromStringAndSize(NULL, 3)", PyUnicode_FromStringAndSize(NULL, 3));
    show("FromStringAndSize(-1)", PyUnicode_FromStringAndSize("a", -1));
    show("FromStringAndSize(NULL, 0)", PyUnicode_FromStringAndSize(NULL, 0));
    show("New(-1)", PyUnicode_New(-1, 'a'));
    show("New(1, 0x110000)", PyUnicode_New(1, 0x110000));
    show("FromOrdinal(-1)", PyUnicode_FromOrdinal(-1));
    Py_DECREF(ascii);
    Py_DECREF(latin);
    Py_DECREF(bmp);
    Py_DECREF(astral);
    return finish();
}
