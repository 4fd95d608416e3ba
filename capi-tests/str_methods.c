// test: differential
/* str methods called through PyObject_CallMethod / PyObject_Call, with
 * keyword arguments, bad arguments, non-ASCII case mapping, formatting,
 * indexing, slicing and iteration. */
#include "testing.h"

static PyObject *S(const char *utf8)
{
    return PyUnicode_FromString(utf8);
}

/* `label: b'...'` for a bytes result (independent of bytes.__repr__). */
static void show_bytes(const char *label, PyObject *b)
{
    const char *p;
    Py_ssize_t i, n;
    if (b == NULL || !PyBytes_Check(b)) {
        show(label, b);
        return;
    }
    printf("%s: b'", label);
    p = PyBytes_AS_STRING(b);
    n = PyBytes_GET_SIZE(b);
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

/* Calls s.name(*args) where args is built from fmt; steals nothing. */
#define M(label, s, name, ...) show(label, PyObject_CallMethod((s), (name), __VA_ARGS__))

/* Calls s.name(*args, **kwargs) with args/kwargs built by Py_BuildValue. */
static void MK(const char *label, PyObject *s, const char *name, PyObject *args, PyObject *kw)
{
    PyObject *m = PyObject_GetAttrString(s, name);
    if (m == NULL) {
        show(label, NULL);
    } else {
        show_bytes(label, PyObject_Call(m, args, kw));
        Py_DECREF(m);
    }
    Py_XDECREF(args);
    Py_XDECREF(kw);
}

int main(void)
{
    PyObject *s, *t, *u, *o, *it, *x;
    start();
    s = S("  Hello, World  ");
    t = S("a,b,,c");
    u = S("stra\xc3\x9f" "e \xce\x91\xce\xa3 \xc7\x86 \xc4\xb0 \xef\xac\x83");

    M("strip", s, "strip", NULL);
    M("lstrip", s, "lstrip", NULL);
    M("rstrip(' d')", s, "rstrip", "s", " d");
    M("strip(1)", s, "strip", "i", 1);
    M("lower", s, "lower", NULL);
    M("upper", s, "upper", NULL);
    M("swapcase", s, "swapcase", NULL);
    M("title", t, "title", NULL);
    M("capitalize", s, "capitalize", NULL);
    M("upper(u)", u, "upper", NULL);
    M("lower(u)", u, "lower", NULL);
    M("casefold(u)", u, "casefold", NULL);
    M("title(u)", u, "title", NULL);
    M("swapcase(u)", u, "swapcase", NULL);
    M("capitalize(u)", u, "capitalize", NULL);
    x = S("\xce\x9f\xce\x94\xce\x9f\xce\xa3 \xce\xa3 A\xce\xa3'\xce\xa3");
    M("lower(sigma)", x, "lower", NULL);
    Py_DECREF(x);
    M("upper(1)", s, "upper", "i", 1);

    M("split()", s, "split", NULL);
    M("split(',')", t, "split", "s", ",");
    M("split(',', 1)", t, "split", "si", ",", 1);
    M("rsplit(',', 1)", t, "rsplit", "si", ",", 1);
    M("split('')", t, "split", "s", "");
    M("split(1)", t, "split", "i", 1);
    M("split(None, 1)", s, "split", "Oi", Py_None, 1);
    M("rsplit(None, 1)", s, "rsplit", "Oi", Py_None, 1);
    MK("split(sep=',', maxsplit=2)", t, "split", PyTuple_New(0), Py_BuildValue("{s:s,s:i}", "sep", ",", "maxsplit", 2));
    MK("split(foo=1)", t, "split", PyTuple_New(0), Py_BuildValue("{s:i}", "foo", 1));
    MK("split(',', sep=',')", t, "split", Py_BuildValue("(s)", ","), Py_BuildValue("{s:s}", "sep", ","));
    M("split(1,2,3)", t, "split", "iii", 1, 2, 3);
    x = S("a\nb\r\nc\rd\x0b" "e\xe2\x80\xa8" "f\n");
    M("splitlines()", x, "splitlines", NULL);
    M("splitlines(True)", x, "splitlines", "i", 1);
    Py_DECREF(x);


    /* mixed kinds: 2-byte haystack with 1-byte needle and back */
    x = S("\xe2\x82\xac" "1,\xc3\xa9,\xe2\x82\xac" "2,\xf0\x9f\x98\x80");
    M("mixed split(',')", x, "split", "s", ",");
    M("mixed rsplit(',', 1)", x, "rsplit", "si", ",", 1);
    M("mixed find('\xc3\xa9')", x, "find", "s", "\xc3\xa9");
    M("mixed rfind('\xe2\x82\xac')", x, "rfind", "s", "\xe2\x82\xac");
    M("mixed count('\xe2\x82\xac')", x, "count", "s", "\xe2\x82\xac");
    M("mixed replace(',', '\xe2\x80\x94')", x, "replace", "ss", ",", "\xe2\x80\x94");
    M("mixed replace('\xf0\x9f\x98\x80', '!')", x, "replace", "ss", "\xf0\x9f\x98\x80", "!");
    M("mixed partition('\xc3\xa9')", x, "partition", "s", "\xc3\xa9");
    M("mixed strip('\xe2\x82\xac\xf0\x9f\x98\x80')", x, "strip", "s", "\xe2\x82\xac\xf0\x9f\x98\x80");
    M("mixed endswith('\xf0\x9f\x98\x80')", x, "endswith", "s", "\xf0\x9f\x98\x80");
    M("mixed startswith('\xe2\x82\xac" "1')", x, "startswith", "s", "\xe2\x82\xac" "1");
    Py_DECREF(x);
    x = S("caf\xc3\xa9 caf\xc3\xa9");
    M("latin1 find('\xe2\x82\xac')", x, "find", "s", "\xe2\x82\xac");
    M("latin1 split('\xc3\xa9')", x, "split", "s", "\xc3\xa9");
    M("latin1 replace('\xc3\xa9', 'e')", x, "replace", "ss", "\xc3\xa9", "e");
    M("latin1 replace('f', '\xe2\x82\xac')", x, "replace", "ss", "f", "\xe2\x82\xac");
    M("latin1 upper", x, "upper", NULL);
    M("latin1 center(13, '\xe2\x80\xa2')", x, "center", "is", 13, "\xe2\x80\xa2");
    Py_DECREF(x);
    x = S("-");
    o = Py_BuildValue("[sss]", "a", "b", "c");
    M("'-'.join(list)", x, "join", "O", o);
    Py_DECREF(o);
    o = Py_BuildValue("(sis)", "a", 1, "c");
    M("'-'.join(bad)", x, "join", "(O)", o);
    Py_DECREF(o);
    M("'-'.join(5)", x, "join", "i", 5);
    M("'-'.join('xyz')", x, "join", "s", "xyz");
    Py_DECREF(x);

    M("find('o')", s, "find", "s", "o");
    M("rfind('o')", s, "rfind", "s", "o");
    M("find('o', 6)", s, "find", "si", "o", 6);
    M("find('o', -5, -1)", s, "find", "sii", "o", -5, -1);
    M("find('zz')", s, "find", "s", "zz");
    M("find('', 20)", s, "find", "si", "", 20);
    M("index('zz')", s, "index", "s", "zz");
    M("rindex('l')", s, "rindex", "s", "l");
    M("count('l')", s, "count", "s", "l");
    M("count('')", s, "count", "s", "");
    M("find()", s, "find", NULL);
    M("find(1)", s, "find", "i", 1);
    M("find('a', 'x')", s, "find", "ss", "a", "x");
    M("startswith('  He')", s, "startswith", "s", "  He");
    M("startswith(('x', '  '))", s, "startswith", "((ss))", "x", "  ");
    M("endswith('ld', 0, -2)", s, "endswith", "sii", "ld", 0, -2);
    M("startswith(1)", s, "startswith", "i", 1);
    M("startswith((1,))", s, "startswith", "((i))", 1);

    M("replace(',', ';')", t, "replace", "ss", ",", ";");
    M("replace(',', ';', 2)", t, "replace", "ssi", ",", ";", 2);
    M("replace('', '-')", t, "replace", "ss", "", "-");
    MK("replace(',', '', count=1)", t, "replace", Py_BuildValue("(ss)", ",", ""), Py_BuildValue("{s:i}", "count", 1));
    M("replace('a')", t, "replace", "s", "a");
    M("partition(',')", t, "partition", "s", ",");
    M("rpartition(',')", t, "rpartition", "s", ",");
    M("partition('x')", t, "partition", "s", "x");
    M("rpartition('x')", t, "rpartition", "s", "x");
    M("partition('')", t, "partition", "s", "");
    M("removeprefix('a,')", t, "removeprefix", "s", "a,");
    M("removesuffix('c')", t, "removesuffix", "s", "c");
    M("removeprefix(1)", t, "removeprefix", "i", 1);

    M("center(11, '*')", t, "center", "is", 11, "*");
    M("center(9)", t, "center", "i", 9);
    M("ljust(9, '.')", t, "ljust", "is", 9, ".");
    M("rjust(9)", t, "rjust", "i", 9);
    M("center(3,'xy')", t, "center", "is", 3, "xy");
    M("center('x')", t, "center", "s", "x");
    M("center()", t, "center", NULL);
    x = S("-42");
    M("zfill(6)", x, "zfill", "i", 6);
    Py_DECREF(x);
    x = S("a\tbc\tdef\n\tg");
    M("expandtabs()", x, "expandtabs", NULL);
    M("expandtabs(4)", x, "expandtabs", "i", 4);
    Py_DECREF(x);

    {
        const char *samples[] = {"", "abc", "ABC", "Abc Def", "abc1", "123", "\xc2\xb2", "\xc2\xbd",
                                 "\xd9\xa3", " \t\n", "_id9", "9id", "a\x01", "\xc7\x85", "ab Cd", NULL};
        const char *preds[] = {"isalnum", "isalpha", "isascii", "isdecimal", "isdigit",
                               "isidentifier", "islower", "isnumeric", "isprintable",
                               "isspace", "istitle", "isupper", NULL};
        int i, j;
        for (i = 0; samples[i]; i++) {
            x = S(samples[i]);
            printf("%-8s", PyUnicode_AsUTF8(o = PyObject_Repr(x)));
            Py_DECREF(o);
            for (j = 0; preds[j]; j++) {
                o = PyObject_CallMethod(x, preds[j], NULL);
                printf(" %s=%d", preds[j] + 2, o == Py_True);
                Py_XDECREF(o);
            }
            printf("\n");
            Py_DECREF(x);
        }
    }

    o = PyObject_CallMethod((PyObject *)&PyUnicode_Type, "maketrans", "ss", "abc", "xyz");
    show("maketrans('abc', 'xyz')", Py_NewRef(o));
    M("translate", t, "translate", "O", o);
    Py_DECREF(o);
    o = PyObject_CallMethod((PyObject *)&PyUnicode_Type, "maketrans", "sss", "a", "b", ",");
    M("translate(delete)", t, "translate", "O", o);
    Py_DECREF(o);
    show("maketrans(1)", PyObject_CallMethod((PyObject *)&PyUnicode_Type, "maketrans", "i", 1));

    MK("encode()", u, "encode", PyTuple_New(0), NULL);
    MK("encode('ascii', errors='replace')", u, "encode", Py_BuildValue("(s)", "ascii"), Py_BuildValue("{s:s}", "errors", "replace"));
    MK("encode('ascii')", u, "encode", Py_BuildValue("(s)", "ascii"), NULL);
    MK("encode(1)", u, "encode", Py_BuildValue("(i)", 1), NULL);
    MK("encode('nope')", u, "encode", Py_BuildValue("(s)", "nope"), NULL);

    /* formatting */
    x = S("%s|%r|%a|%5d|%-5d|%05d|%+d|%x|%#X|%o|%.3f|%10.2e|%g|%c|%c|%%|%.2s");
    o = Py_BuildValue("(sssiiiiiiidddiss)", "h\xc3\xa9", "h\xc3\xa9", "h\xc3\xa9", 42, 42, -42, 7, 255, 255, 8,
                      3.14159, 12345.678, 1e-5, 0x263a, "z", "abcdef");
    show("%-format", PyUnicode_Format(x, o));
    Py_DECREF(o);
    Py_DECREF(x);
    x = S("%d|%x|%X|%o|%#o|%+.5d|% d|%-6x|%06.1f|%e|%G|%r|%c");
    o = PyLong_FromString("-1180591620717411303424", NULL, 10);
    it = Py_BuildValue("(OiiiiiiidddOi)", o, -255, 3054, -8, 8, 42, 7, 171, -2.25, 0.0, 1e20, o, 65);
    Py_DECREF(o);
    show("%-format numbers", PyUnicode_Format(x, it));
    Py_DECREF(it);
    Py_DECREF(x);
    x = S("%(a)s-%(b)05.1f");
    o = Py_BuildValue("{s:s,s:d}", "a", "A", "b", 2.25);
    show("%(key)", PyUnicode_Format(x, o));
    Py_DECREF(o);
    Py_DECREF(x);
    x = S("%*d|%-*.*f");
    o = Py_BuildValue("(iiiid)", 5, 1, 8, 2, 1.5);
    show("%*d", PyUnicode_Format(x, o));
    Py_DECREF(o);
    Py_DECREF(x);
    {
        struct { const char *fmt; PyObject *args; } bad[] = {
            {"%d", Py_BuildValue("(s)", "x")},
            {"%s %s", Py_BuildValue("(i)", 1)},
            {"%s", Py_BuildValue("(ii)", 1, 2)},
            {"%z", Py_BuildValue("(i)", 1)},
            {"%(a)s", Py_BuildValue("(i)", 1)},
            {"%c", Py_BuildValue("(d)", 1.5)},
            {"%x", Py_BuildValue("(d)", 1.5)},
            {"%.2f", Py_BuildValue("(s)", "x")},
            {"%", Py_BuildValue("()")},
            {"abc", Py_BuildValue("i", 1)},
            {"%s", Py_BuildValue("i", 7)},
            {"%d%%", Py_BuildValue("i", 7)},
            {NULL, NULL}};
        int i;
        for (i = 0; bad[i].fmt; i++) {
            char label[64];
            x = S(bad[i].fmt);
            snprintf(label, sizeof label, "'%s' %% ...", bad[i].fmt);
            show(label, PyNumber_Remainder(x, bad[i].args));
            Py_DECREF(x);
            Py_DECREF(bad[i].args);
        }
    }
    {
        struct { const char *fmt; PyObject *args; } cases[] = {
            {"%s %s", Py_BuildValue("{s:i}", "a", 1)},
            {"%s", Py_BuildValue("[ii]", 1, 2)},
            {"%s %s", Py_BuildValue("[ii]", 1, 2)},
            {"%(a)s %s", Py_BuildValue("{s:i}", "a", 1)},
            {"%s %(a)s", Py_BuildValue("{s:i}", "a", 1)},
            {"abc", Py_BuildValue("{s:i}", "a", 1)},
            {"abc", Py_BuildValue("[i]", 1)},
            {"%(a)s", Py_BuildValue("{s:i,s:i}", "a", 1, "b", 2)},
            {"%%", Py_BuildValue("()")},
            {"%s", Py_BuildValue("()")},
            {"abc", Py_BuildValue("()")},
            {"%(a", Py_BuildValue("{s:i}", "a", 1)},
            {"%(b)s", Py_BuildValue("{s:i}", "a", 1)},
            {NULL, NULL}};
        int i;
        for (i = 0; cases[i].fmt; i++) {
            char label[64];
            x = S(cases[i].fmt);
            snprintf(label, sizeof label, "'%s' %% mapping/seq", cases[i].fmt);
            show(label, PyNumber_Remainder(x, cases[i].args));
            Py_DECREF(x);
            Py_DECREF(cases[i].args);
        }
    }
    x = S("{} {!r} {:>6} {[1]} {k} {k!a:^9} {{}} {:.{p}f}");
    MK("format", x, "format", Py_BuildValue("(ssssd)", "ab", "h\xc3\xa9", "x", "xyz", 3.14159),
       Py_BuildValue("{s:s,s:i}", "k", "\xc3\xa9t\xc3\xa9", "p", 2));
    Py_DECREF(x);
    {
        const char *bad[] = {"{0", "{}{0}", "{a}", "{1}", "}", "{!x}", "{0[0]}", "{:d}", "{0.}", "{0!}", NULL};
        int i;
        for (i = 0; bad[i]; i++) {
            x = S(bad[i]);
            M(bad[i], x, "format", "i", 1);
            Py_DECREF(x);
        }
    }
    x = S("{x}-{y}");
    o = Py_BuildValue("{s:i,s:s}", "x", 1, "y", "two");
    M("format_map", x, "format_map", "O", o);
    Py_DECREF(o);
    o = Py_BuildValue("{}");
    M("format_map({})", x, "format_map", "O", o);
    Py_DECREF(o);
    Py_DECREF(x);
    M("__format__('*^9')", t, "__format__", "s", "*^9");
    M("__format__('d')", t, "__format__", "s", "d");
    M("__getnewargs__", t, "__getnewargs__", NULL);

    /* indexing, slicing, repetition, containment, iteration */
    o = PyLong_FromLong(-1);
    show("u[-1]", PyObject_GetItem(u, o));
    Py_DECREF(o);
    o = PyLong_FromLong(99);
    show("u[99]", PyObject_GetItem(u, o));
    Py_DECREF(o);
    show("u['x']", PyObject_GetItem(u, t));
    o = PySlice_New(NULL, NULL, x = PyLong_FromLong(-2));
    Py_DECREF(x);
    show("u[::-2]", PyObject_GetItem(u, o));
    Py_DECREF(o);
    show("u[2:5]", PySequence_GetSlice(u, 2, 5));
    show("t * 3", PySequence_Repeat(t, 3));
    show("t * 0", PySequence_Repeat(t, 0));
    show_int("',,' in t", PySequence_Contains(t, x = S(",,")));
    Py_DECREF(x);
    it = PyObject_GetIter(u);
    printf("iter:");
    while ((o = PyIter_Next(it)) != NULL) {
        printf(" %s", PyUnicode_AsUTF8(o));
        Py_DECREF(o);
    }
    printf("\n");
    Py_DECREF(it);

    /* str() construction */
    show("str()", PyObject_CallNoArgs((PyObject *)&PyUnicode_Type));
    show("str(5)", PyObject_CallFunction((PyObject *)&PyUnicode_Type, "i", 5));
    show("str(b'caf\\xc3\\xa9', 'utf-8')", PyObject_CallFunction((PyObject *)&PyUnicode_Type, "y#s", "caf\xc3\xa9", (Py_ssize_t)5, "utf-8"));
    show("str(b'\\xff', 'utf-8', 'replace')", PyObject_CallFunction((PyObject *)&PyUnicode_Type, "y#ss", "\xff", (Py_ssize_t)1, "utf-8", "replace"));
    o = PyByteArray_FromStringAndSize("caf\xc3\xa9", 5);
    show("str(bytearray, 'utf-8')", PyObject_CallFunction((PyObject *)&PyUnicode_Type, "Os", o, "utf-8"));
    show("FromEncodedObject(bytearray, latin-1)", PyUnicode_FromEncodedObject(o, "latin-1", NULL));
    Py_DECREF(o);
    show("str(b'a', 1)", PyObject_CallFunction((PyObject *)&PyUnicode_Type, "yi", "a", 1));
    show("str(1, 'utf-8')", PyObject_CallFunction((PyObject *)&PyUnicode_Type, "is", 1, "utf-8"));
    show("str('a', 'utf-8')", PyObject_CallFunction((PyObject *)&PyUnicode_Type, "ss", "a", "utf-8"));


    /* a str subclass made with PyType_FromSpec */
    {
        PyType_Slot slots[] = {{Py_tp_base, &PyUnicode_Type}, {0, NULL}};
        PyType_Spec spec = {"test.MyStr", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, slots};
        PyObject *tp = PyType_FromSpec(&spec);
        PyObject *inst = tp ? PyObject_CallFunction(tp, "s", "Sub\xc3\xa9") : NULL;
        show("subclass instance", inst ? Py_NewRef(inst) : NULL);
        if (inst != NULL) {
            check("PyUnicode_Check(sub)", PyUnicode_Check(inst));
            check("PyUnicode_CheckExact(sub)", PyUnicode_CheckExact(inst));
            show_int("len(sub)", PyObject_Length(inst));
            printf("AsUTF8(sub): %s\n", PyUnicode_AsUTF8(inst));
            M("sub.upper()", inst, "upper", NULL);
            show("str(sub)", PyObject_Str(inst));
            show("sub + 'x'", PyNumber_Add(inst, x = S("x")));
            Py_DECREF(x);
            show_int("sub == 'Sub\xc3\xa9'", PyObject_RichCompareBool(inst, x = S("Sub\xc3\xa9"), Py_EQ));
            show_int("hash equal", PyObject_Hash(inst) == PyObject_Hash(x));
            Py_DECREF(x);
            Py_DECREF(inst);
        }
        Py_XDECREF(tp);
    }
    x = S("abc");
    M("'abc'.__sizeof__()", x, "__sizeof__", NULL);
    Py_DECREF(x);
    x = S("\xc3\xa9\xe2\x82\xac");
    M("'\xc3\xa9\xe2\x82\xac'.__sizeof__()", x, "__sizeof__", NULL);
    Py_DECREF(x);
    Py_DECREF(s);
    Py_DECREF(t);
    Py_DECREF(u);
    return finish();
}
