// test: differential
/* bytes and bytearray through their Python-visible methods and slots:
 * repr of every byte value, searching, splitting, stripping, padding, case,
 * hex, translate, decode, constructors, slicing, mutation of bytearray,
 * and the errors for bad input. */
#include "testing.h"

/* o.name(*args) with args from a Py_BuildValue tuple format. */
#define M(o, name, ...) PyObject_CallMethod((o), (name), __VA_ARGS__)

static PyObject *kwcall(PyObject *o, const char *name, PyObject *args, const char *k, PyObject *v)
{
    PyObject *m = PyObject_GetAttrString(o, name), *kw = PyDict_New(), *r = NULL;
    PyDict_SetItemString(kw, k, v);
    if (m != NULL) {
        r = PyObject_Call(m, args, kw);
    }
    Py_XDECREF(m);
    Py_DECREF(kw);
    Py_DECREF(args);
    Py_DECREF(v);
    return r;
}

int main(void)
{
    PyObject *all, *b, *ba, *o, *x, *s;
    char buf[256];
    int i;
    start();

    for (i = 0; i < 256; i++) {
        buf[i] = (char)i;
    }
    all = PyBytes_FromStringAndSize(buf, 256);
    show("all 256", Py_NewRef(all));
    show("bytearray(all)", PyByteArray_FromObject(all));
    show("quote choice 1", PyBytes_FromString("it's"));
    show("quote choice 2", PyBytes_FromString("it's \"x\""));
    show("quote choice 3", PyBytes_FromString("say \"x\""));
    check("hash(b'abc') == hash('abc')",
          PyObject_Hash((o = PyBytes_FromString("abc"))) == PyObject_Hash((x = PyUnicode_FromString("abc"))));
    Py_DECREF(o);
    Py_DECREF(x);
    show("hash(b'')", PyLong_FromSsize_t(PyObject_Hash((o = PyBytes_FromString("")))));
    Py_DECREF(o);
    Py_DECREF(all);

    b = PyBytes_FromString("  Hello, World! hello\tworld  ");
    show("find(b'lo')", M(b, "find", "y", "lo"));
    show("find(b'lo', 6)", M(b, "find", "yi", "lo", 6));
    show("find(108)", M(b, "find", "i", 108));
    show("find(b'')", M(b, "find", "y", ""));
    show("find(b'', 100)", M(b, "find", "yi", "", 100));
    show("rfind(b'lo')", M(b, "rfind", "y", "lo"));
    show("rfind(b'lo', -20, -5)", M(b, "rfind", "yii", "lo", -20, -5));
    show("index(b'zz')", M(b, "index", "y", "zz"));
    show("rindex(b'o')", M(b, "rindex", "y", "o"));
    show("count(b'l')", M(b, "count", "y", "l"));
    show("count(b'')", M(b, "count", "y", ""));
    show("count(b'', 5, 3)", M(b, "count", "yii", "", 5, 3));
    show("find('l')", M(b, "find", "s", "l"));
    show("find(300)", M(b, "find", "i", 300));
    show("find(b'l', None, 5)", M(b, "find", "yOi", "l", Py_None, 5));
    show("find(b'l', 'a')", M(b, "find", "ys", "l", "a"));
    show("find()", M(b, "find", NULL));
    show("startswith(b'  He')", M(b, "startswith", "y", "  He"));
    show("startswith((b'x', b'  '))", M(b, "startswith", "((yy))", "x", "  "));
    show("startswith(b'He', 2)", M(b, "startswith", "yi", "He", 2));
    show("endswith(b'ld  ')", M(b, "endswith", "y", "ld  "));
    show("endswith(b'ld', 0, -2)", M(b, "endswith", "yii", "ld", 0, -2));
    show("startswith('a')", M(b, "startswith", "s", "a"));
    show("split()", M(b, "split", NULL));
    show("split(maxsplit=1)", kwcall(b, "split", PyTuple_New(0), "maxsplit", PyLong_FromLong(1)));
    show("rsplit(None, 1)", M(b, "rsplit", "Oi", Py_None, 1));
    show("split(b'l')", M(b, "split", "y", "l"));
    show("rsplit(b'l', 2)", M(b, "rsplit", "yi", "l", 2));
    show("split(b'')", M(b, "split", "y", ""));
    show("split(1)", M(b, "split", "i", 1));
    show("split(sep=b',')", kwcall(b, "split", PyTuple_New(0), "sep", PyBytes_FromString(",")));
    show("split(x=1)", kwcall(b, "split", PyTuple_New(0), "x", PyLong_FromLong(1)));
    show("strip()", M(b, "strip", NULL));
    show("lstrip()", M(b, "lstrip", NULL));
    show("rstrip(b' dl')", M(b, "rstrip", "y", " dl"));
    show("strip(None)", M(b, "strip", "O", Py_None));
    show("strip('a')", M(b, "strip", "s", "a"));
    show("partition(b', ')", M(b, "partition", "y", ", "));
    show("rpartition(b'l')", M(b, "rpartition", "y", "l"));
    show("partition(b'#')", M(b, "partition", "y", "#"));
    show("rpartition(b'#')", M(b, "rpartition", "y", "#"));
    show("partition(b'')", M(b, "partition", "y", ""));
    show("replace(b'l', b'L')", M(b, "replace", "yy", "l", "L"));
    show("replace(b'l', b'', 2)", M(b, "replace", "yyi", "l", "", 2));
    show("replace(b'', b'-')", M(b, "replace", "yy", "", "-"));
    show("replace(b'l')", M(b, "replace", "y", "l"));
    show("upper()", M(b, "upper", NULL));
    show("lower()", M(b, "lower", NULL));
    show("swapcase()", M(b, "swapcase", NULL));
    show("title()", M(b, "title", NULL));
    show("capitalize()", M(b, "capitalize", NULL));
    show("expandtabs()", M(b, "expandtabs", NULL));
    show("expandtabs(4)", M(b, "expandtabs", "i", 4));
    show("center(36, b'*')", M(b, "center", "iy", 36, "*"));
    show("center(10)", M(b, "center", "i", 10));
    show("ljust(33, b'.')", M(b, "ljust", "iy", 33, "."));
    show("rjust(33)", M(b, "rjust", "i", 33));
    show("center(40, 'x')", M(b, "center", "is", 40, "x"));
    show("center(40, b'xy')", M(b, "center", "iy", 40, "xy"));
    show("center()", M(b, "center", NULL));
    Py_DECREF(b);

    b = PyBytes_FromString("-42");
    show("zfill(6)", M(b, "zfill", "i", 6));
    show("zfill(2)", M(b, "zfill", "i", 2));
    show("zfill('a')", M(b, "zfill", "s", "a"));
    show("removeprefix(b'-')", M(b, "removeprefix", "y", "-"));
    show("removesuffix(b'2')", M(b, "removesuffix", "y", "2"));
    show("removesuffix(b'x')", M(b, "removesuffix", "y", "x"));
    show("isdigit()", M(b, "isdigit", NULL));
    show("isascii()", M(b, "isascii", NULL));
    Py_DECREF(b);
    b = PyBytes_FromString("Title Case Words");
    show("istitle()", M(b, "istitle", NULL));
    show("isupper()", M(b, "isupper", NULL));
    show("islower()", M(b, "islower", NULL));
    show("isalpha()", M(b, "isalpha", NULL));
    show("isalnum()", M(b, "isalnum", NULL));
    show("isspace()", M(b, "isspace", NULL));
    show("join", M(b, "join", "([yy])", "a", "b"));
    o = PyByteArray_FromStringAndSize("mid", 3);
    show("join with bytearray", M((x = PyBytes_FromString(", ")), "join", "([yOy])", "a", o, "b"));
    Py_DECREF(x);
    show("join bad item", M(b, "join", "([ys])", "a", "b"));
    show("join(1)", M(b, "join", "(i)", 1));
    Py_DECREF(b);

    b = PyBytes_FromString("line1\nline2\r\nline3\rlast");
    show("splitlines()", M(b, "splitlines", NULL));
    show("splitlines(True)", M(b, "splitlines", "i", 1));
    show("splitlines(keepends=True)", kwcall(b, "splitlines", PyTuple_New(0), "keepends", Py_NewRef(Py_True)));
    show("hex()", M(b, "hex", NULL));
    show("hex(':')", M(b, "hex", "s", ":"));
    show("hex(b'-', 3)", M(b, "hex", "yi", "-", 3));
    show("hex(' ', -4)", M(b, "hex", "si", " ", -4));
    show("hex('::')", M(b, "hex", "s", "::"));
    show("fromhex", M((PyObject *)&PyBytes_Type, "fromhex", "s", "de ad\tbe ef"));
    show("bytearray.fromhex", M((PyObject *)&PyByteArray_Type, "fromhex", "s", "00ff"));
    show("fromhex bad", M((PyObject *)&PyBytes_Type, "fromhex", "s", "abc"));
    show("fromhex bad 2", M((PyObject *)&PyBytes_Type, "fromhex", "s", "zz"));
    show("fromhex(bytes)", M((PyObject *)&PyBytes_Type, "fromhex", "y", "ab"));
    x = M((PyObject *)&PyBytes_Type, "maketrans", "yy", "ln", "LN");
    show("translate(maketrans)", M(b, "translate", "O", x));
    show("translate(None, b'aeiou')", M(b, "translate", "Oy", Py_None, "aeiou"));
    show("translate(table, delete=b'\\n')", kwcall(b, "translate", PyTuple_Pack(1, x), "delete", PyBytes_FromString("\n")));
    Py_DECREF(x);
    show("translate(b'x')", M(b, "translate", "y", "x"));
    show("maketrans(b'a', b'bc')", M((PyObject *)&PyBytes_Type, "maketrans", "yy", "a", "bc"));
    show("decode()", M(b, "decode", NULL));
    show("decode('ascii')", M(b, "decode", "s", "ascii"));
    Py_DECREF(b);
    b = PyBytes_FromString("caf\xc3\xa9 \xff");
    show("decode() bad", M(b, "decode", NULL));
    show("decode('utf-8', 'replace')", M(b, "decode", "ss", "utf-8", "replace"));
    show("decode('latin-1')", M(b, "decode", "s", "latin-1"));
    show("decode(errors='ignore')", kwcall(b, "decode", PyTuple_New(0), "errors", PyUnicode_FromString("ignore")));
    show("decode(1, 2, 3)", M(b, "decode", "iii", 1, 2, 3));
    Py_DECREF(b);

    /* %-formatting */
    {
    PyObject *f;
    f = PyBytes_FromString("%d|%5s|%-4b|%x|%c|%c|%r|%a|%.2f|%05d|%%|%+i|%o|%-6.2s|%u");
    x = Py_BuildValue("(iyyiiyssdiiiyi)", 42, "ab", "c", 255, 65, "z", "q\xc3\xa9", "w", 3.14159, -7, 5, 8, "xyz", 3);
    show("b'...' % tuple", PyNumber_Remainder(f, x));
    Py_DECREF(x);
    Py_DECREF(f);
    f = PyBytes_FromString("%(a)s-%(b)d");
    x = Py_BuildValue("{sysi}", "a", "AA", "b", 7);
    show("mapping", PyNumber_Remainder(f, x));
    Py_DECREF(x);
    x = Py_BuildValue("{y:y,y:i}", "a", "AA", "b", 7);
    show("mapping, bytes keys", PyNumber_Remainder(f, x));
    Py_DECREF(x);
    Py_DECREF(f);
    f = PyBytes_FromString("%*d|%-*s|%.*s");
    x = Py_BuildValue("(iiiyiy)", 4, 1, 3, "a", 1, "xyz");
    show("star width", PyNumber_Remainder(f, x));
    Py_DECREF(x);
    Py_DECREF(f);
    f = PyBytes_FromString("%s %s");
    show("too few", PyNumber_Remainder(f, (x = Py_BuildValue("(y)", "a"))));
    Py_DECREF(x);
    show("str arg", PyNumber_Remainder(f, (x = Py_BuildValue("(ss)", "a", "b"))));
    Py_DECREF(x);
    Py_DECREF(f);
    f = PyBytes_FromString("abc");
    show("too many", PyNumber_Remainder(f, (x = PyLong_FromLong(5))));
    Py_DECREF(x);
    Py_DECREF(f);
    f = PyBytes_FromString("%z");
    show("bad conversion", PyNumber_Remainder(f, (x = PyLong_FromLong(5))));
    Py_DECREF(f);
    f = PyBytes_FromString("%c");
    show("%c 300", PyNumber_Remainder(f, (s = PyLong_FromLong(300))));
    Py_DECREF(s);
    show("%c 'ab'", PyNumber_Remainder(f, (s = PyBytes_FromString("ab"))));
    Py_DECREF(s);
    Py_DECREF(f);
    f = PyByteArray_FromStringAndSize("%d!", 3);
    show("bytearray %", PyNumber_Remainder(f, x));
    Py_DECREF(f);
    Py_DECREF(x);
    }

    /* constructors */
    show("bytes()", PyObject_CallNoArgs((PyObject *)&PyBytes_Type));
    show("bytes(3)", PyObject_CallFunction((PyObject *)&PyBytes_Type, "i", 3));
    show("bytes(-1)", PyObject_CallFunction((PyObject *)&PyBytes_Type, "i", -1));
    show("bytes([1, 2, 255])", PyObject_CallFunction((PyObject *)&PyBytes_Type, "([iii])", 1, 2, 255));
    show("bytes([256])", PyObject_CallFunction((PyObject *)&PyBytes_Type, "([i])", 256));
    show("bytes([-1])", PyObject_CallFunction((PyObject *)&PyBytes_Type, "([i])", -1));
    show("bytes(['a'])", PyObject_CallFunction((PyObject *)&PyBytes_Type, "([s])", "a"));
    show("bytes('abc')", PyObject_CallFunction((PyObject *)&PyBytes_Type, "s", "abc"));
    show("bytes('h\xc3\xa9', 'utf-8')", PyObject_CallFunction((PyObject *)&PyBytes_Type, "ss", "h\xc3\xa9", "utf-8"));
    show("bytes('h\xc3\xa9', 'ascii')", PyObject_CallFunction((PyObject *)&PyBytes_Type, "ss", "h\xc3\xa9", "ascii"));
    show("bytes('h\xc3\xa9', 'ascii', 'replace')", PyObject_CallFunction((PyObject *)&PyBytes_Type, "sss", "h\xc3\xa9", "ascii", "replace"));
    show("bytes(1, 'utf-8')", PyObject_CallFunction((PyObject *)&PyBytes_Type, "is", 1, "utf-8"));
    show("bytes(1.5)", PyObject_CallFunction((PyObject *)&PyBytes_Type, "d", 1.5));
    show("bytes(bytearray)", PyObject_CallOneArg((PyObject *)&PyBytes_Type, o));
    show("bytearray(3)", PyObject_CallFunction((PyObject *)&PyByteArray_Type, "i", 3));
    show("bytearray('ab', 'ascii')", PyObject_CallFunction((PyObject *)&PyByteArray_Type, "ss", "ab", "ascii"));
    show("bytearray('ab')", PyObject_CallFunction((PyObject *)&PyByteArray_Type, "s", "ab"));
    show("bytearray([1, 2])", PyObject_CallFunction((PyObject *)&PyByteArray_Type, "([ii])", 1, 2));

    /* slots */
    b = PyBytes_FromString("abcdef");
    show("b[1]", PySequence_GetItem(b, 1));
    show("b[-1]", PyObject_GetItem(b, (x = PyLong_FromLong(-1))));
    Py_DECREF(x);
    show("b[::-2]", PyObject_GetItem(b, (s = PySlice_New(NULL, NULL, (x = PyLong_FromLong(-2))))));
    Py_DECREF(x);
    Py_DECREF(s);
    show("b['a']", PyObject_GetItem(b, (x = PyUnicode_FromString("a"))));
    show("b + 'a'", PyNumber_Add(b, x));
    show_int("'a' in b", PySequence_Contains(b, x));
    Py_DECREF(x);
    show("b + bytearray", PyNumber_Add(b, o));
    show("b * 3", PySequence_Repeat(b, 3));
    show_int("b'cd' in b", PySequence_Contains(b, (x = PyBytes_FromString("cd"))));
    Py_DECREF(x);
    show_int("99 in b", PySequence_Contains(b, (x = PyLong_FromLong(99))));
    Py_DECREF(x);
    show("b < b'abd'", PyObject_RichCompare(b, (x = PyBytes_FromString("abd")), Py_LT));
    Py_DECREF(x);
    show("b == bytearray(b)", PyObject_RichCompare(b, (x = PyByteArray_FromObject(b)), Py_EQ));
    show("bytearray(b) == b", PyObject_RichCompare(x, b, Py_EQ));
    show("b == 'abcdef'", PyObject_RichCompare(b, (s = PyUnicode_FromString("abcdef")), Py_EQ));
    Py_DECREF(s);
    show("list(b)", PySequence_List(b));
    Py_DECREF(x);

    /* bytearray mutation */
    ba = PyByteArray_FromObject(b);
    show("append(33)", M(ba, "append", "i", 33));
    show("append(256)", M(ba, "append", "i", 256));
    show("extend(b'xy')", M(ba, "extend", "y", "xy"));
    show("extend([1])", M(ba, "extend", "([i])", 1));
    show("extend('s')", M(ba, "extend", "s", "s"));
    show("insert(0, 64)", M(ba, "insert", "ii", 0, 64));
    show("pop()", M(ba, "pop", NULL));
    show("pop(0)", M(ba, "pop", "i", 0));
    show("remove(99)", M(ba, "remove", "i", 99));
    show("remove(200)", M(ba, "remove", "i", 200));
    show("reverse()", M(ba, "reverse", NULL));
    show("ba", Py_NewRef(ba));
    show_int("ba[0] = 65", PyObject_SetItem(ba, (x = PyLong_FromLong(0)), (s = PyLong_FromLong(65))));
    Py_DECREF(s);
    show_int("ba[0] = 300", PyObject_SetItem(ba, x, (s = PyLong_FromLong(300))));
    Py_DECREF(s);
    show_int("del ba[0]", PyObject_DelItem(ba, x));
    Py_DECREF(x);
    Py_DECREF(o);
    Py_DECREF(b);
    show_int("ba[1:3] = b'XYZ'", PyObject_SetItem(ba, (s = PySlice_New((x = PyLong_FromLong(1)), (o = PyLong_FromLong(3)), NULL)), (b = PyBytes_FromString("XYZ"))));
    Py_DECREF(x);
    Py_DECREF(o);
    show("ba", Py_NewRef(ba));
    show_int("ba[1:3] = 5", PyObject_SetItem(ba, s, (x = PyLong_FromLong(5))));
    Py_DECREF(x);
    Py_DECREF(s);
    show_int("ba[::2] = b'..'", PyObject_SetItem(ba, (s = PySlice_New(NULL, NULL, (x = PyLong_FromLong(2)))), b));
    show_int("del ba[::2]", PyObject_DelItem(ba, s));
    Py_DECREF(x);
    Py_DECREF(s);
    show("ba", Py_NewRef(ba));
    show("ba += b'!'", PyNumber_InPlaceAdd(ba, (x = PyBytes_FromString("!"))));
    Py_DECREF(x);
    show("ba.upper()", M(ba, "upper", NULL));
    show("ba.split(b'Z')", M(ba, "split", "y", "Z"));
    show("hash(ba)", PyLong_FromSsize_t(PyObject_Hash(ba)));
    show("ba.copy()", M(ba, "copy", NULL));
    show("ba.clear()", M(ba, "clear", NULL));
    show("ba", Py_NewRef(ba));
    show("pop() empty", M(ba, "pop", NULL));

    /* the C API */
    show_int("PyByteArray_Size(ba)", PyByteArray_Size(ba));
    show_int("PyByteArray_Resize(ba, 3)", PyByteArray_Resize(ba, 3));
    memcpy(PyByteArray_AsString(ba), "xyz", 3);
    show("after Resize + AsString", Py_NewRef(ba));
    printf("PyByteArray_AS_STRING: %s\n", PyByteArray_AS_STRING(ba));
    show("PyByteArray_Concat", PyByteArray_Concat(ba, b));
    show("PyByteArray_Concat(ba, 'x')", PyByteArray_Concat(ba, (x = PyUnicode_FromString("x"))));
    show("PyByteArray_FromObject(1)", PyByteArray_FromObject((o = PyLong_FromLong(2))));
    Py_DECREF(o);
    show_int("PyBytes_Size(ba)", PyBytes_Size(ba));
    show("PyBytes_FromObject(ba)", PyBytes_FromObject(ba));
    show("PyBytes_FromObject([65])", PyBytes_FromObject((o = Py_BuildValue("[i]", 65))));
    Py_DECREF(o);
    show("PyBytes_FromObject(1)", PyBytes_FromObject((o = PyLong_FromLong(1))));
    Py_DECREF(o);
    show("PyBytes_FromStringAndSize(NULL, -1)", PyBytes_FromStringAndSize(NULL, -1));
    o = PyBytes_FromStringAndSize(NULL, 10);
    memcpy(PyBytes_AS_STRING(o), "0123456789", 10);
    show_int("_PyBytes_Resize(&o, 4)", _PyBytes_Resize(&o, 4));
    show("  ->", Py_NewRef(o));
    show_int("_PyBytes_Resize(&o, 1)", _PyBytes_Resize(&o, 1));
    show("  ->", o);
    o = PyBytes_FromFormat("%s|%5d|%zd|%x|%c|%%|%.2s|%u|%ld", "str", 42, (Py_ssize_t)-7, 255, 'Z', "abc", 7u, -9L);
    show("FromFormat", o);
    show("FromFormat %c 300", PyBytes_FromFormat("%c", 300));
    Py_DECREF(b);
    b = PyBytes_FromString("a");
    PyBytes_Concat(&b, x);
    show("PyBytes_Concat(b, str)", b);
    Py_DECREF(x);
    x = NULL;
    PyBytes_Concat(&x, ba);
    check("Concat(&NULL) stays NULL", x == NULL);

    Py_DECREF(ba);
    return finish();
}
