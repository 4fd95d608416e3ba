// test: differential
/* The core codecs through the C API: UTF-8, Latin-1, ASCII, UTF-16 and
 * UTF-32 each way, every standard error handler, the exact
 * UnicodeDecodeError/UnicodeEncodeError details, stateful decoding, BOMs,
 * and the file system / locale helpers. */
#include "testing.h"

static void print_bytes(PyObject *b)
{
    const char *p = PyBytes_AS_STRING(b);
    Py_ssize_t i, n = PyBytes_GET_SIZE(b);
    printf("b'");
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
            printf("%c", c);
        } else {
            printf("\\x%02x", c);
        }
    }
    printf("'");
}

/* Prints a bytes result or the error with a UnicodeError's details. */
static void show_b(const char *label, PyObject *b)
{
    printf("%s: ", label);
    if (b == NULL) {
        PyObject *exc = PyErr_GetRaisedException();
        if (PyErr_GivenExceptionMatches(exc, PyExc_UnicodeError)) {
            PyObject *a = PyObject_GetAttrString(exc, "start");
            PyObject *z = PyObject_GetAttrString(exc, "end");
            PyObject *r = PyObject_GetAttrString(exc, "reason");
            printf("[start=%ld end=%ld reason=%s] ", PyLong_AsLong(a), PyLong_AsLong(z),
                   PyUnicode_AsUTF8(r));
            Py_XDECREF(a);
            Py_XDECREF(z);
            Py_XDECREF(r);
        }
        PyErr_SetRaisedException(exc);
        printf("raised ");
        print_error();
        printf("\n");
        return;
    }
    print_bytes(b);
    printf("\n");
    Py_DECREF(b);
}

static void show_s(const char *label, PyObject *s)
{
    if (s == NULL) {
        show_b(label, NULL);
    } else {
        show(label, s);
    }
}

static const char *handlers[] = {"strict", "replace", "ignore", "surrogateescape",
                                 "backslashreplace", "surrogatepass", "xmlcharrefreplace",
                                 "bogus", NULL};

static void decode_all(const char *codec, const char *data, Py_ssize_t n)
{
    int h;
    char label[128];
    for (h = 0; handlers[h]; h++) {
        snprintf(label, sizeof label, "decode %s %s", codec, handlers[h]);
        show_s(label, PyUnicode_Decode(data, n, codec, handlers[h]));
    }
}

static void encode_all(const char *codec, PyObject *s)
{
    int h;
    char label[128];
    for (h = 0; handlers[h]; h++) {
        snprintf(label, sizeof label, "encode %s %s", codec, handlers[h]);
        show_b(label, PyUnicode_AsEncodedString(s, codec, handlers[h]));
    }
}

int main(void)
{
    PyObject *s, *o;
    Py_ssize_t consumed;
    int bo;
    start();

    decode_all("utf-8", "a\xff" "b", 3);
    decode_all("utf-8", "\xe2\x28\xa1", 3);
    decode_all("utf-8", "x\xe2\x82", 3);
    decode_all("utf-8", "\xf0\x9f\x98x", 4);
    decode_all("utf-8", "\xed\xa0\x80z", 4);
    decode_all("ascii", "a\x80\x81" "b", 4);
    decode_all("latin-1", "caf\xe9", 4);
    decode_all("utf-16-le", "a\x00" "b", 3);
    decode_all("utf-16-le", "\x00\xd8" "a\x00", 4);
    decode_all("utf-16-le", "\x00\xdc" "a\x00", 4);
    decode_all("utf-16-be", "\xd8\x3d\xde\x00", 4);
    decode_all("utf-32-le", "\x00\x00\x11\x00", 4);
    decode_all("utf-32-le", "\x00\xd8\x00\x00", 4);
    decode_all("utf-32-be", "\x00\x00\x00" "a\x00\x01", 6);
    show_s("decode utf-16 BOM LE", PyUnicode_Decode("\xff\xfe" "a\x00", 4, "utf-16", NULL));
    show_s("decode utf-16 BOM BE", PyUnicode_Decode("\xfe\xff\x00" "a", 4, "utf-16", NULL));
    show_s("decode UTF_32 BOM", PyUnicode_Decode("\xff\xfe\x00\x00" "a\x00\x00\x00", 8, "UTF_32", NULL));
    show_s("decode unknown codec", PyUnicode_Decode("a", 1, "no-such-codec", NULL));
    show_s("decode NULL encoding", PyUnicode_Decode("h\xc3\xa9", 3, NULL, NULL));

    s = PyUnicode_FromString("a\xc3\xa9\xe2\x82\xac" "b");
    encode_all("ascii", s);
    encode_all("latin-1", s);
    encode_all("utf-16-be", s);
    Py_DECREF(s);
    s = PyUnicode_DecodeUTF8("x\xed\xb2\x80" "y\xed\xa0\x80\xed\xbf\xbf", 11, "surrogatepass");
    show("surrogates", Py_NewRef(s));
    encode_all("utf-8", s);
    encode_all("ascii", s);
    encode_all("utf-16-le", s);
    encode_all("utf-32-be", s);
    encode_all("utf-16", s);
    Py_DECREF(s);
    s = PyUnicode_FromString("a\xf0\x9f\x98\x80");
    show_b("AsUTF16String", PyUnicode_AsUTF16String(s));
    show_b("AsUTF32String", PyUnicode_AsUTF32String(s));
    show_b("AsLatin1String", PyUnicode_AsLatin1String(s));
    show_b("AsASCIIString", PyUnicode_AsASCIIString(s));
    show_b("AsUTF8String", PyUnicode_AsUTF8String(s));
    show_b("AsEncodedString(NULL)", PyUnicode_AsEncodedString(s, NULL, NULL));
    show_b("AsEncodedString(nope)", PyUnicode_AsEncodedString(s, "nope", NULL));
    Py_DECREF(s);


    /* unicode_escape and raw_unicode_escape */
    decode_all("unicode_escape", "a\\", 2);
    decode_all("unicode_escape", "\\x4g", 4);
    decode_all("unicode_escape", "\\u12", 4);
    decode_all("unicode_escape", "\\U00110000", 10);
    {
        const char *esc = "ab\\u00e9\\U0001f600\\x41\\t\\\\\\'\\\"\\101\\777\\0x\\\nz";
        show_s("DecodeUnicodeEscape", PyUnicode_DecodeUnicodeEscape(esc, (Py_ssize_t)strlen(esc), NULL));
    }
    decode_all("raw_unicode_escape", "\\u12", 4);
    decode_all("raw_unicode_escape", "\\U00110000x", 11);
    {
        const char *raw = "\\\\u0041 \\u0041 \xe9 \\\\\\u00e9";
        show_s("DecodeRawUnicodeEscape", PyUnicode_DecodeRawUnicodeEscape(raw, (Py_ssize_t)strlen(raw), NULL));
    }
    s = PyUnicode_FromString("a\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\\'\"\x7f\x01");
    show_b("AsUnicodeEscapeString", PyUnicode_AsUnicodeEscapeString(s));
    show_b("AsRawUnicodeEscapeString", PyUnicode_AsRawUnicodeEscapeString(s));
    encode_all("unicode_escape", s);
    Py_DECREF(s);
    s = PyUnicode_DecodeUTF8("a\xed\xa0\x80\xed\xb0\x80" "b", 8, "surrogatepass");
    printf("AsUTF8(surrogates): %s ", PyUnicode_AsUTF8(s) == NULL ? "NULL" : "?");
    print_error();
    printf("\n");
    Py_DECREF(s);
    /* stateful decoding */
    consumed = -1;
    show("DecodeUTF8Stateful(ab\\xe2\\x82)", PyUnicode_DecodeUTF8Stateful("ab\xe2\x82", 4, NULL, &consumed));
    show_int("  consumed", consumed);
    consumed = -1;
    show_s("DecodeUTF8Stateful(a\\xff)", PyUnicode_DecodeUTF8Stateful("a\xff", 2, NULL, &consumed));
    bo = 0;
    consumed = -1;
    show("DecodeUTF16Stateful(BOM a \\x3d\\xd8)", PyUnicode_DecodeUTF16Stateful("\xfe\xff\x00" "a\xd8\x3d", 6, NULL, &bo, &consumed));
    show_int("  consumed", consumed);
    show_int("  byteorder", bo);
    bo = 1;
    show("DecodeUTF16(byteorder=1)", PyUnicode_DecodeUTF16("\x00" "a\x00" "b", 4, NULL, &bo));
    bo = -1;
    consumed = -1;
    show("DecodeUTF32Stateful(le, 5 bytes)", PyUnicode_DecodeUTF32Stateful("a\x00\x00\x00" "b", 5, NULL, &bo, &consumed));
    show_int("  consumed", consumed);
    show_s("DecodeUTF32(truncated)", PyUnicode_DecodeUTF32("a\x00\x00\x00" "b", 5, NULL, NULL));
    show("DecodeASCII(replace)", PyUnicode_DecodeASCII("a\x80", 2, "replace"));
    show("DecodeLatin1", PyUnicode_DecodeLatin1("\xff\xe9", 2, NULL));
    show_s("DecodeUTF8(xmlcharrefreplace)", PyUnicode_DecodeUTF8("\xff", 1, "xmlcharrefreplace"));

    /* file system and locale encodings (UTF-8, surrogateescape) */
    o = PyUnicode_DecodeFSDefault("caf\xe9");
    show("DecodeFSDefault", Py_NewRef(o));
    show_b("EncodeFSDefault", PyUnicode_EncodeFSDefault(o));
    Py_DECREF(o);
    show("DecodeFSDefaultAndSize", PyUnicode_DecodeFSDefaultAndSize("ab\xff" "c", 3));
    show("DecodeLocale(surrogateescape)", PyUnicode_DecodeLocale("x\xff", "surrogateescape"));
    show_s("DecodeLocale(strict)", PyUnicode_DecodeLocale("x\xc3\xa9", "strict"));
    s = PyUnicode_FromString("h\xc3\xa9");
    show_b("EncodeLocale", PyUnicode_EncodeLocale(s, NULL));
    {
        PyObject *out = NULL;
        int r = PyUnicode_FSConverter(s, &out);
        printf("FSConverter: %d ", r != 0);
        show_b("", out);
        out = NULL;
        o = PyUnicode_DecodeLatin1("x\xff", 2, NULL);
        out = PyUnicode_AsLatin1String(o);
        Py_DECREF(o);
        o = out;
        out = NULL;
        r = PyUnicode_FSDecoder(o, &out);
        Py_DECREF(o);
        printf("FSDecoder: %d ", r != 0);
        show("", out);
        o = PyLong_FromLong(1);
        out = NULL;
        r = PyUnicode_FSConverter(o, &out);
        printf("FSConverter(1): %d ", r);
        show("", out);
        Py_DECREF(o);
    }
    Py_DECREF(s);
    printf("GetDefaultEncoding: %s\n", PyUnicode_GetDefaultEncoding());
    return finish();
}
