// test: differential
// test: cflags -Wno-deprecated-declarations
/* Stable-ABI text, file and conversion functions: the deprecated
 * PyUnicode_As{De,En}coded* and old buffer functions, the charmap and
 * UTF-7 codecs, PyBytes_DecodeEscape, PyFile_*, PyObject_AsFileDescriptor,
 * PyModule_GetFilename, PyMarshal_*String, PyOS_strtol/strtoul,
 * PyOS_mystricmp/mystrnicmp and PyOS_snprintf/vsnprintf. */
#include "testing.h"
#include <marshal.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <unistd.h>

/* Exported for old abi3 binaries, no longer declared by the headers. */
PyAPI_FUNC(int) PyObject_AsCharBuffer(PyObject *, const char **, Py_ssize_t *);
PyAPI_FUNC(int) PyObject_AsReadBuffer(PyObject *, const void **, Py_ssize_t *);
PyAPI_FUNC(int) PyObject_AsWriteBuffer(PyObject *, void **, Py_ssize_t *);
PyAPI_FUNC(int) PyObject_CheckReadBuffer(PyObject *);
PyAPI_FUNC(Py_ssize_t) PyUnicode_GetSize(PyObject *);

static PyObject *ns;

static PyObject *eval(const char *code)
{
    return PyRun_String(code, Py_eval_input, ns, ns);
}

static void show_utf7(const char *data, Py_ssize_t len, const char *errors)
{
    char label[80];
    snprintf(label, sizeof label, "DecodeUTF7(%.*s, %s)", (int)len, data,
             errors ? errors : "NULL");
    show(label, PyUnicode_DecodeUTF7(data, len, errors));
    Py_ssize_t consumed = -1;
    PyObject *r = PyUnicode_DecodeUTF7Stateful(data, len, errors, &consumed);
    printf("  stateful: consumed %zd, ", consumed);
    show("result", r);
}

static void strtol_case(const char *text, int base)
{
    char *end = NULL;
    errno = 0;
    long v = PyOS_strtol(text, &end, base);
    int e = errno;
    errno = 0;
    unsigned long u = PyOS_strtoul(text, NULL, base);
    printf("strtol(\"%s\", %d): %ld, end at %td, errno %s; strtoul: %lu, errno %s\n", text,
           base, v, end - text, e == ERANGE ? "ERANGE" : e == 0 ? "0" : "other", u,
           errno == ERANGE ? "ERANGE" : errno == 0 ? "0" : "other");
}

static int vformat(char *buf, size_t size, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    int n = PyOS_vsnprintf(buf, size, format, va);
    va_end(va);
    return n;
}

static void show_warning_as_error(const char *label, PyObject *obj)
{
    /* With warnings turned into errors, the DeprecationWarning is raised. */
    show(label, obj);
}

int main(void)
{
    start();
    ns = PyDict_New();
    PyDict_SetItemString(ns, "__builtins__", PyEval_GetBuiltins());
    PyObject *r = PyRun_String(
        "import io, warnings, marshal\n"
        "class Reader:\n"
        "    def __init__(self, lines): self.lines = list(lines)\n"
        "    def readline(self, *n):\n"
        "        self.last = n\n"
        "        return self.lines.pop(0) if self.lines else self.lines_end\n"
        "    lines_end = ''\n"
        "class BadReader:\n"
        "    def readline(self): return 42\n"
        "class Writer:\n"
        "    def __init__(self): self.parts = []\n"
        "    def write(self, s): self.parts.append(s)\n"
        "class FdObj:\n"
        "    def __init__(self, fd): self.fd = fd\n"
        "    def fileno(self): return self.fd\n"
        "class Mod: pass\n",
        Py_file_input, ns, ns);
    if (r == NULL) {
        PyErr_Print();
        return 1;
    }
    Py_DECREF(r);

    /* Deprecated codec functions: the warning, then the results. */
    PyObject *text = PyUnicode_FromString("abc");
    r = PyRun_String("warnings.simplefilter('error')", Py_single_input, ns, ns);
    Py_XDECREF(r);
    show_warning_as_error("AsEncodedObject warns", PyUnicode_AsEncodedObject(text, "utf-8", NULL));
    show_warning_as_error("AsDecodedObject warns", PyUnicode_AsDecodedObject(text, "rot13", NULL));
    r = PyRun_String("warnings.simplefilter('ignore')", Py_single_input, ns, ns);
    Py_XDECREF(r);
    show("AsEncodedObject(abc, utf-8)", PyUnicode_AsEncodedObject(text, "utf-8", NULL));
    show("AsEncodedObject(abc, NULL)", PyUnicode_AsEncodedObject(text, NULL, NULL));
    show("AsEncodedObject(abc, rot13)", PyUnicode_AsEncodedObject(text, "rot13", NULL));
    show("AsEncodedObject(abc, nope)", PyUnicode_AsEncodedObject(text, "nope", NULL));
    show("AsEncodedObject(é, ascii)", PyUnicode_AsEncodedObject(PyUnicode_FromString("\xc3\xa9"), "ascii", NULL));
    show("AsEncodedUnicode(abc, rot13)", PyUnicode_AsEncodedUnicode(text, "rot13", NULL));
    show("AsEncodedUnicode(abc, utf-8)", PyUnicode_AsEncodedUnicode(text, "utf-8", NULL));
    show("AsDecodedObject(abc, rot13)", PyUnicode_AsDecodedObject(text, "rot13", NULL));
    show("AsDecodedObject(abc, utf-8)", PyUnicode_AsDecodedObject(text, "utf-8", NULL));
    show("AsDecodedUnicode(abc, rot13)", PyUnicode_AsDecodedUnicode(text, "rot13", NULL));
    r = PyRun_String(
        "import codecs\n"
        "def _abi1_search(name):\n"
        "    if name == 'abi1_to_bytes':\n"
        "        return codecs.CodecInfo(lambda s, e='strict': (b'enc', len(s)),\n"
        "                                lambda s, e='strict': (b'dec', len(s)), name=name)\n"
        "codecs.register(_abi1_search)\n",
        Py_file_input, ns, ns);
    Py_XDECREF(r);
    show("AsDecodedUnicode(abc, to bytes)", PyUnicode_AsDecodedUnicode(text, "abi1_to_bytes", NULL));
    show("AsDecodedObject(abc, to bytes)", PyUnicode_AsDecodedObject(text, "abi1_to_bytes", NULL));
    show("AsEncodedUnicode(abc, to bytes)", PyUnicode_AsEncodedUnicode(text, "abi1_to_bytes", "strict"));
    PyObject *bytes = PyBytes_FromString("abc");
    show("AsEncodedObject(bytes)", PyUnicode_AsEncodedObject(bytes, "utf-8", NULL));
    show("AsDecodedUnicode(bytes)", PyUnicode_AsDecodedUnicode(bytes, "utf-8", NULL));
    show_int("GetSize(abc)", PyUnicode_GetSize(text));
    PyErr_Clear();

    /* Old buffer functions. */
    const char *chars = NULL;
    const void *data = NULL;
    void *wdata = NULL;
    Py_ssize_t len = -1;
    show_int("AsCharBuffer(b'abc')", PyObject_AsCharBuffer(bytes, &chars, &len));
    printf("  -> %.*s (%zd)\n", (int)len, chars, len);
    show_int("AsReadBuffer(b'abc')", PyObject_AsReadBuffer(bytes, &data, &len));
    check("  same memory as the bytes", data == PyBytes_AsString(bytes));
    show_int("AsReadBuffer('abc')", PyObject_AsReadBuffer(text, &data, &len));
    PyErr_Clear();
    show_int("AsWriteBuffer(b'abc')", PyObject_AsWriteBuffer(bytes, &wdata, &len));
    PyErr_Clear();
    PyObject *ba = PyByteArray_FromStringAndSize("xyz", 3);
    show_int("AsWriteBuffer(bytearray)", PyObject_AsWriteBuffer(ba, &wdata, &len));
    ((char *)wdata)[0] = 'X';
    show("  bytearray after a write", Py_NewRef(ba));
    show_int("AsCharBuffer(NULL)", PyObject_AsCharBuffer(NULL, &chars, &len));
    PyErr_Clear();
    show_int("CheckReadBuffer(b'abc')", PyObject_CheckReadBuffer(bytes));
    show_int("CheckReadBuffer('abc')", PyObject_CheckReadBuffer(text));
    show_int("CheckReadBuffer(memoryview)", PyObject_CheckReadBuffer(eval("memoryview(b'')")));
    Py_DECREF(ba);

    /* Charmap codec. */
    PyObject *table = PyUnicode_FromString("abc\xe2\x82\xac");
    show("DecodeCharmap(\\0\\1\\3, str table)", PyUnicode_DecodeCharmap("\0\1\3", 3, table, NULL));
    show("DecodeCharmap(\\5, str table)", PyUnicode_DecodeCharmap("\5", 1, table, NULL));
    show("DecodeCharmap(\\5, replace)", PyUnicode_DecodeCharmap("\1\5", 2, table, "replace"));
    show("DecodeCharmap(NULL mapping)", PyUnicode_DecodeCharmap("\xe9", 1, NULL, NULL));
    PyObject *dmap = eval("{0: 'zero', 1: 0x263a, 2: None, 3: 0xFFFE, 4: '\\ufffe'}");
    show("DecodeCharmap(dict)", PyUnicode_DecodeCharmap("\0\1", 2, dmap, NULL));
    show("DecodeCharmap(dict, undefined)", PyUnicode_DecodeCharmap("\2", 1, dmap, NULL));
    show("DecodeCharmap(dict, 0xFFFE)", PyUnicode_DecodeCharmap("\3", 1, dmap, NULL));
    show("DecodeCharmap(dict, '\\ufffe')", PyUnicode_DecodeCharmap("\4", 1, dmap, "replace"));
    Py_DECREF(dmap);
    PyObject *emap = PyUnicode_BuildEncodingMap(table);
    show("type(BuildEncodingMap(abc€))", Py_NewRef((PyObject *)Py_TYPE(emap)));
    PyObject *ztable = PyUnicode_FromStringAndSize("\0xyz\xe2\x82\xac", 7);
    PyObject *zmap = PyUnicode_BuildEncodingMap(ztable);
    show("type(BuildEncodingMap(\\0xyz€))", Py_NewRef((PyObject *)Py_TYPE(zmap)));
    show("  size()", PyObject_CallMethod(zmap, "size", NULL));
    show("AsCharmapString(€zy, EncodingMap)", PyUnicode_AsCharmapString(PyUnicode_FromString("\xe2\x82\xaczy"), zmap));
    show("AsCharmapString(a, EncodingMap)", PyUnicode_AsCharmapString(PyUnicode_FromString("a"), zmap));
    Py_DECREF(zmap);
    Py_DECREF(ztable);
    show("BuildEncodingMap('')", PyUnicode_BuildEncodingMap(PyUnicode_FromString("")));
    show("AsCharmapString(cab€, map)", PyUnicode_AsCharmapString(PyUnicode_FromString("cab\xe2\x82\xac"), emap));
    show("AsCharmapString(z, map)", PyUnicode_AsCharmapString(PyUnicode_FromString("z"), emap));
    show("AsCharmapString(x, dict)", PyUnicode_AsCharmapString(PyUnicode_FromString("xy"), eval("{ord('x'): 65, ord('y'): b'BC'}")));
    show("AsCharmapString(x, NULL)", PyUnicode_AsCharmapString(text, NULL));
    show("AsCharmapString(bytes, map)", PyUnicode_AsCharmapString(bytes, emap));
    show("BuildEncodingMap(bytes)", PyUnicode_BuildEncodingMap(bytes));
    Py_DECREF(emap);
    Py_DECREF(table);

    /* UTF-7. */
    show_utf7("Hi Mom -+Jjo--!", 15, NULL);
    show_utf7("+AGEAYgBj-", 10, NULL);
    show_utf7("+2D3cAA-", 8, NULL);
    show_utf7("+2D3cAA", 7, NULL);
    show_utf7("+AGE", 4, NULL);
    show_utf7("a+AG", 4, NULL);
    show_utf7("+!", 2, NULL);
    show_utf7("+!", 2, "replace");
    show_utf7("a\x80z", 3, "replace");
    show_utf7("+AB-", 4, "replace");
    show_utf7("+AGE+", 5, "strict");
    show_utf7("+AGE+", 5, "ignore");
    show_utf7("+2D3-", 5, "replace");
    show_utf7("1+-2", 4, NULL);

    /* PyBytes_DecodeEscape */
    show("DecodeEscape(\\x41\\101\\n)", PyBytes_DecodeEscape("\\x41\\101\\n", 10, NULL, 0, NULL));
    show("DecodeEscape(\\x4)", PyBytes_DecodeEscape("\\x4", 3, NULL, 0, NULL));
    show("DecodeEscape(\\x4, replace)", PyBytes_DecodeEscape("\\x4", 3, "replace", 0, NULL));
    show("DecodeEscape(\\x4, ignore)", PyBytes_DecodeEscape("\\x4", 3, "ignore", 0, NULL));
    show("DecodeEscape(\\x4, bad)", PyBytes_DecodeEscape("\\x4", 3, "bad", 0, NULL));
    show("DecodeEscape(a\\)", PyBytes_DecodeEscape("a\\", 2, NULL, 0, NULL));
    show("DecodeEscape(\\q) ignored warning", PyBytes_DecodeEscape("\\q", 2, NULL, 0, NULL));
    r = PyRun_String("warnings.simplefilter('error')", Py_single_input, ns, ns);
    Py_XDECREF(r);
    show("DecodeEscape(\\q)", PyBytes_DecodeEscape("\\q", 2, NULL, 0, NULL));
    show("DecodeEscape(\\777)", PyBytes_DecodeEscape("\\777", 4, NULL, 0, NULL));
    r = PyRun_String("warnings.simplefilter('default')", Py_single_input, ns, ns);
    Py_XDECREF(r);

    /* PyFile_GetLine */
    PyObject *reader = eval("Reader(['one\\n', 'two', ''])");
    show("GetLine(f, -1)", PyFile_GetLine(reader, -1));
    show("GetLine(f, 0)", PyFile_GetLine(reader, 0));
    show("GetLine(f, -1) at the end", PyFile_GetLine(reader, -1));
    show("GetLine(f, 5)", PyFile_GetLine(reader, 5));
    show("  readline args", PyObject_GetAttrString(reader, "last"));
    Py_DECREF(reader);
    reader = eval("Reader([b'raw\\n', b'', b'x\\n'])");
    show("GetLine(bytes, -1)", PyFile_GetLine(reader, -1));
    show("GetLine(bytes, -1) empty", PyFile_GetLine(reader, -1));
    show("GetLine(bytes, 0)", PyFile_GetLine(reader, 0));
    Py_DECREF(reader);
    show("GetLine(BadReader())", PyFile_GetLine(eval("BadReader()"), 0));
    show("GetLine(5)", PyFile_GetLine(eval("5"), 0));

    /* PyFile_WriteObject / PyFile_WriteString */
    PyObject *writer = eval("Writer()");
    show_int("WriteObject(text, raw)", PyFile_WriteObject(text, writer, Py_PRINT_RAW));
    show_int("WriteObject(text, repr)", PyFile_WriteObject(text, writer, 0));
    show_int("WriteString(\"hé\")", PyFile_WriteString("h\xc3\xa9", writer));
    show("  written", PyObject_GetAttrString(writer, "parts"));
    show_int("WriteObject(text, NULL)", PyFile_WriteObject(text, NULL, 0));
    show_int("WriteObject(text, 5)", PyFile_WriteObject(text, eval("5"), 0));
    show_int("WriteString(s, NULL)", PyFile_WriteString("s", NULL));
    PyErr_SetString(PyExc_KeyError, "pending");
    show_int("WriteString with an error set", PyFile_WriteString("s", writer));
    show("  written", PyObject_GetAttrString(writer, "parts"));
    Py_DECREF(writer);

    /* PyFile_FromFd / PyObject_AsFileDescriptor */
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    PyObject *wf = PyFile_FromFd(fds[1], "ignored", "w", -1, "utf-8", NULL, NULL, 1);
    show("FromFd(w) type", wf ? Py_NewRef((PyObject *)Py_TYPE(wf)) : NULL);
    show_int("AsFileDescriptor(file) is the fd", PyObject_AsFileDescriptor(wf) == fds[1]);
    PyFile_WriteString("through the pipe\n", wf);
    r = PyObject_CallMethod(wf, "close", NULL);
    Py_XDECREF(r);
    Py_DECREF(wf);
    PyObject *rf = PyFile_FromFd(fds[0], NULL, "rb", 0, NULL, NULL, NULL, 1);
    show("FromFd(rb, unbuffered) type", rf ? Py_NewRef((PyObject *)Py_TYPE(rf)) : NULL);
    show("GetLine(pipe, -1)", PyFile_GetLine(rf, -1));
    r = PyObject_CallMethod(rf, "close", NULL);
    Py_XDECREF(r);
    Py_DECREF(rf);
    show("FromFd(bad mode)", PyFile_FromFd(0, NULL, "zz", -1, NULL, NULL, NULL, 0));
    show_int("AsFileDescriptor(7)", PyObject_AsFileDescriptor(eval("7")));
    show_int("AsFileDescriptor(FdObj(3))", PyObject_AsFileDescriptor(eval("FdObj(3)")));
    show_int("AsFileDescriptor(-1)", PyObject_AsFileDescriptor(eval("-1")));
    show_int("AsFileDescriptor(2**40)", PyObject_AsFileDescriptor(eval("2**40")));
    show_int("AsFileDescriptor(FdObj('x'))", PyObject_AsFileDescriptor(eval("FdObj('x')")));
    show_int("AsFileDescriptor(FdObj(-5))", PyObject_AsFileDescriptor(eval("FdObj(-5)")));
    show_int("AsFileDescriptor(1.5)", PyObject_AsFileDescriptor(eval("1.5")));
    r = PyRun_String("warnings.simplefilter('error')", Py_single_input, ns, ns);
    Py_XDECREF(r);
    show_int("AsFileDescriptor(True)", PyObject_AsFileDescriptor(Py_True));
    r = PyRun_String("warnings.simplefilter('default')", Py_single_input, ns, ns);
    Py_XDECREF(r);

    /* PyModule_GetFilename */
    PyObject *mod = PyModule_New("m");
    show_int("GetFilename(no __file__) is NULL", PyModule_GetFilename(mod) == NULL);
    PyErr_Clear();
    PyModule_AddStringConstant(mod, "__file__", "/tmp/m.py");
    printf("GetFilename: %s\n", PyModule_GetFilename(mod));
    Py_DECREF(mod);
    show_int("GetFilename(not a module) is NULL", PyModule_GetFilename(text) == NULL);
    PyErr_Clear();
    show("GetNameObject(not a module)", PyModule_GetNameObject(text));
    show("GetFilenameObject(not a module)", PyModule_GetFilenameObject(text));

    /* PyMarshal_*String */
    PyObject *value = eval("(1, 'two', [3.0, None], {b'k': frozenset({4})})");
    PyObject *dumped = PyMarshal_WriteObjectToString(value, 4);
    show("ReadObjectFromString", PyMarshal_ReadObjectFromString(PyBytes_AsString(dumped), PyBytes_Size(dumped)));
    show("ReadObjectFromString(truncated)", PyMarshal_ReadObjectFromString(PyBytes_AsString(dumped), 3));
    show("ReadObjectFromString(empty)", PyMarshal_ReadObjectFromString("", 0));
    show("ReadObjectFromString(bad type)", PyMarshal_ReadObjectFromString("\x01\x02", 2));
    show("WriteObjectToString(version 0)", PyMarshal_WriteObjectToString(eval("[1, 'x']"), 0));
    show("WriteObjectToString(object())", PyMarshal_WriteObjectToString(eval("object()"), 4));
    PyObject *code = eval("compile('1+1', 'f', 'eval')");
    PyObject *cd = PyMarshal_WriteObjectToString(code, 4);
    PyObject *back = PyMarshal_ReadObjectFromString(PyBytes_AsString(cd), PyBytes_Size(cd));
    show("code round trip evaluates to", PyEval_EvalCode(back, ns, ns));
    Py_DECREF(back);
    Py_DECREF(cd);
    Py_DECREF(code);
    Py_DECREF(dumped);
    Py_DECREF(value);

    /* PyOS_strtol / PyOS_strtoul */
    strtol_case("  42xyz", 10);
    strtol_case("-42", 0);
    strtol_case("+17", 0);
    strtol_case("0x1F", 0);
    strtol_case("0x1F", 16);
    strtol_case("1F", 16);
    strtol_case("0xZ", 0);
    strtol_case("0o17", 0);
    strtol_case("0b101", 0);
    strtol_case("0b2", 2);
    strtol_case("010", 0);
    strtol_case("000  ", 0);
    strtol_case("z", 36);
    strtol_case("12", 1);
    strtol_case("12", 37);
    strtol_case("", 10);
    strtol_case("  -", 10);
    strtol_case("9223372036854775807", 10);
    strtol_case("9223372036854775808", 10);
    strtol_case("-9223372036854775808", 10);
    strtol_case("-9223372036854775809", 10);
    strtol_case("18446744073709551615", 10);
    strtol_case("18446744073709551616xyz", 10);
    strtol_case("1_000", 10);

    /* PyOS_mystricmp / PyOS_mystrnicmp and the PyOS_stricmp macros */
    show_int("mystricmp(Hello, hELLO)", PyOS_mystricmp("Hello", "hELLO"));
    show_int("mystricmp(abc, abd) < 0", PyOS_mystricmp("abc", "abd") < 0);
    show_int("mystricmp(abc, ab)", PyOS_mystricmp("abc", "ab"));
    show_int("mystricmp(, )", PyOS_mystricmp("", ""));
    show_int("mystrnicmp(abcX, ABCy, 3)", PyOS_mystrnicmp("abcX", "ABCy", 3));
    show_int("mystrnicmp(abcX, ABCy, 4) < 0", PyOS_mystrnicmp("abcX", "ABCy", 4) < 0);
    show_int("mystrnicmp(x, y, 0)", PyOS_mystrnicmp("x", "y", 0));
    show_int("mystrnicmp(ab, AB, 10)", PyOS_mystrnicmp("ab", "AB", 10));
    show_int("stricmp(Z, z)", PyOS_stricmp("Z", "z"));
    show_int("strnicmp(Za, zb, 1)", PyOS_strnicmp("Za", "zb", 1));

    /* PyOS_snprintf / PyOS_vsnprintf */
    char buf[16];
    int n = PyOS_snprintf(buf, sizeof buf, "%s-%d-%.2f", "abc", 42, 1.5);
    printf("snprintf: %d \"%s\"\n", n, buf);
    n = PyOS_snprintf(buf, 8, "%s", "a long string here");
    printf("snprintf truncated: %d \"%s\"\n", n, buf);
    n = PyOS_snprintf(buf, 1, "%d", 12345);
    printf("snprintf size 1: %d \"%s\"\n", n, buf);
    n = vformat(buf, sizeof buf, "%05ld|%x|%c", 42L, 255u, 'q');
    printf("vsnprintf: %d \"%s\"\n", n, buf);
    memset(buf, 'Z', sizeof buf);
    n = PyOS_snprintf(buf, 4, "%s", "exactly4");
    printf("snprintf keeps the NUL: %d \"%s\"\n", n, buf);

    Py_DECREF(bytes);
    Py_DECREF(text);
    Py_DECREF(ns);
    return finish();
}
