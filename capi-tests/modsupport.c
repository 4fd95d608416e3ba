// test: differential
/* Py_BuildValue, PyArg_Parse*, PyArg_UnpackTuple and the calls built on
 * them (PyObject_CallFunction, PyObject_CallMethod, the ObjArgs forms),
 * compared with CPython: results and the exact error messages. */
#include "testing.h"

static PyObject *args_of(const char *fmt, ...)
{
    va_list va;
    va_start(va, fmt);
    PyObject *r = Py_VaBuildValue(fmt, va);
    va_end(va);
    return r;
}

static void parse_ints(const char *label, PyObject *args, const char *fmt)
{
    int a = -1, b = -1, c = -1;
    int ok = PyArg_ParseTuple(args, fmt, &a, &b, &c);
    printf("%s: ", label);
    if (ok)
        printf("ok %d %d %d\n", a, b, c);
    else {
        printf("raised ");
        print_error();
        printf("\n");
    }
    Py_DECREF(args);
}

static void parse_kw(const char *label, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"", "b", "c", "d", NULL};
    long a = -1, b = -1;
    const char *c = "unset";
    double d = -1;
    int ok = PyArg_ParseTupleAndKeywords(args, kw, "l|ls$d:kwfunc", kwlist, &a, &b, &c, &d);
    printf("%s: ", label);
    if (ok)
        printf("ok %ld %ld %s %g\n", a, b, c, d);
    else {
        printf("raised ");
        print_error();
        printf("\n");
    }
    Py_DECREF(args);
    Py_XDECREF(kw);
}

static PyObject *make_thing(void *p)
{
    return PyLong_FromLong(*(int *)p * 10);
}

int main(void)
{
    start();
    int seven = 7;
    show("empty", Py_BuildValue(""));
    show("i", Py_BuildValue("i", 42));
    show("ii", Py_BuildValue("ii", 1, 2));
    show("(i)", Py_BuildValue("(i)", 1));
    show("()", Py_BuildValue("()"));
    show("[i,i]", Py_BuildValue("[i,i]", 1, 2));
    show("{s:i,s:i}", Py_BuildValue("{s:i,s:i}", "a", 1, "b", 2));
    show("s", Py_BuildValue("s", "hello"));
    show("s#", Py_BuildValue("s#", "hello", (Py_ssize_t)3));
    show("z NULL", Py_BuildValue("z", NULL));
    show("y#", Py_BuildValue("y#", "a\0b", (Py_ssize_t)3));
    show("u", Py_BuildValue("u", L"wide\u00e9"));
    show("c", Py_BuildValue("c", 'x'));
    show("C", Py_BuildValue("C", 0x20ac));
    show("d f", Py_BuildValue("(df)", 1.5, 2.25f));
    show("lkLKnIB", Py_BuildValue("(lkLKnIB)", -5L, 5UL, -6LL, 6ULL, (Py_ssize_t)-7, 4000000000U, 200));
    show("N", Py_BuildValue("N", PyLong_FromLong(99)));
    show("O", Py_BuildValue("O", Py_None));
    show("O&", Py_BuildValue("O&", make_thing, &seven));
    show("nested", Py_BuildValue("((ii)[s]{s:(i)})", 1, 2, "x", "k", 3));
    show("many tuples", Py_BuildValue("((i)(ii)(i)(i,i)(i)(i)(i)(i)(ii)(i)(i))", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
                                      11, 12, 13, 14));
    show("tuples in lists", Py_BuildValue("[(ii),(i)]{s:(ii)}((),(i,(ii)))", 1, 2, 3, "k", 4, 5, 6, 7, 8));
    show("deep", Py_BuildValue("(((((((((((((((((((i)))))))))))))))))),i)", 1, 2));
    show("deep tuples after", Py_BuildValue("((((((((((((((((((i,i)))))))))))))))))(ii)(i))", 1, 2, 3, 4, 5));
    show("O NULL", Py_BuildValue("O", NULL));
    show("bad char", Py_BuildValue("(i&)", 1));
    show("unmatched", Py_BuildValue("(ii", 1, 2));
    {
        /* After an error the remaining N arguments are still released. */
        PyObject *kept = PyLong_FromLong(123456789);
        Py_ssize_t before = Py_REFCNT(kept);
        Py_INCREF(kept);
        show("O NULL then N", Py_BuildValue("(Os#[N])", NULL, "ab", (Py_ssize_t)1, kept));
        printf("N released: %d\n", Py_REFCNT(kept) == before);
        Py_DECREF(kept);
    }

    parse_ints("ii ok", args_of("(ii)", 1, 2), "ii");
    parse_ints("ii|i short", args_of("(i)", 1), "ii|i");
    parse_ints("ii too few named", args_of("(i)", 1), "ii:pair");
    parse_ints("ii too few", args_of("(i)", 1), "ii");
    parse_ints("i|i too many", args_of("(iii)", 1, 2, 3), "i|i:f");
    parse_ints("none", args_of("(i)", 1), ":noargs");
    parse_ints("str for int", args_of("(s)", "x"), "i");
    parse_ints("float for int", args_of("(d)", 1.5), "i:g");
    parse_ints("int overflow", args_of("(L)", 1LL << 40), "i");
    parse_ints("message", args_of("()"), "i;need one int");
    {
        unsigned char b;
        short h;
        PyObject *args = args_of("(ii)", 300, 40000);
        printf("b overflow: %d ", PyArg_ParseTuple(args, "bh", &b, &h));
        print_error();
        printf("\n");
        Py_DECREF(args);
        args = args_of("(ii)", -1, 70000);
        unsigned char B;
        unsigned short H;
        int ok = PyArg_ParseTuple(args, "BH", &B, &H);
        printf("BH masks: %d %u %u\n", ok, B, H);
        Py_DECREF(args);
    }
    {
        const char *s = NULL, *z = "x";
        Py_ssize_t n = 0;
        const char *sn = NULL;
        PyObject *o = NULL, *lst = NULL;
        PyObject *args = Py_BuildValue("(szs#ON)", "abc", NULL, "hello", (Py_ssize_t)5, Py_None, PyList_New(0));
        int ok = PyArg_ParseTuple(args, "szs#OO!", &s, &z, &sn, &n, &o, &PyList_Type, &lst);
        printf("strings: %d %s %s %.*s %d %d\n", ok, s, z ? z : "(null)", (int)n, sn, o == Py_None, lst != NULL);
        Py_DECREF(args);
        args = Py_BuildValue("(i)", 5);
        ok = PyArg_ParseTuple(args, "s:needs_str", &s);
        printf("s with int: %d ", ok);
        print_error();
        printf("\n");
        Py_DECREF(args);
        args = Py_BuildValue("(i)", 5);
        ok = PyArg_ParseTuple(args, "O!", &PyList_Type, &lst);
        printf("O! mismatch: %d ", ok);
        print_error();
        printf("\n");
        Py_DECREF(args);
        args = Py_BuildValue("(s#)", "a\0b", (Py_ssize_t)3);
        ok = PyArg_ParseTuple(args, "s", &s);
        printf("embedded NUL: %d ", ok);
        print_error();
        printf("\n");
        Py_DECREF(args);
        int c = 0, p = 0;
        args = Py_BuildValue("(Ci)", 0x20ac, 3);
        ok = PyArg_ParseTuple(args, "Cp", &c, &p);
        printf("C p: %d %x %d\n", ok, c, p);
        Py_DECREF(args);
        int x = 0, y = 0;
        args = Py_BuildValue("((ii))", 4, 5);
        ok = PyArg_ParseTuple(args, "(ii)", &x, &y);
        printf("nested: %d %d %d\n", ok, x, y);
        Py_DECREF(args);
        args = Py_BuildValue("(i)", 4);
        ok = PyArg_ParseTuple(args, "(ii)", &x, &y);
        printf("nested bad: %d ", ok);
        print_error();
        printf("\n");
        Py_DECREF(args);
    }

    {
        /* Formats longer than the shims keep on the stack: fifty units. */
#define TEN(x) x, x, x, x, x, x, x, x, x, x
#define I10 "iiiiiiiiii"
        PyObject *many = Py_BuildValue("(" I10 I10 I10 I10 I10 ")", TEN(1), TEN(2), TEN(3), TEN(4), TEN(5));
        show("build 50", Py_NewRef(many));
        int v[5] = {0};
        int ok = PyArg_ParseTuple(many, I10 I10 I10 I10 I10 ":fifty", TEN(&v[0]), TEN(&v[1]), TEN(&v[2]),
                                  TEN(&v[3]), TEN(&v[4]));
        printf("parse 50: %d %d %d %d %d %d\n", ok, v[0], v[1], v[2], v[3], v[4]);
        ok = PyArg_ParseTuple(many, I10 I10 I10 I10 "iiiiiiiii:fortynine", TEN(&v[0]), TEN(&v[1]),
                              TEN(&v[2]), TEN(&v[3]), &v[4], &v[4], &v[4], &v[4], &v[4], &v[4], &v[4],
                              &v[4], &v[4]);
        printf("parse 49 of 50: %d ", ok);
        print_error();
        printf("\n");
        Py_DECREF(many);
#undef TEN
#undef I10
    }

    parse_kw("kw positional", args_of("(ii)", 1, 2), NULL);
    parse_kw("kw by name", args_of("(i)", 1), Py_BuildValue("{s:i,s:s,s:d}", "b", 5, "c", "see", "d", 2.5));
    parse_kw("kw missing", args_of("()"), NULL);
    parse_kw("kw pos-only by name", args_of("()"), Py_BuildValue("{s:i}", "a", 1));
    parse_kw("kw twice", args_of("(ii)", 1, 2), Py_BuildValue("{s:i}", "b", 3));
    parse_kw("kw unknown", args_of("(i)", 1), Py_BuildValue("{s:i}", "zz", 3));
    parse_kw("kw too many positional", args_of("(iii)", 1, 2, 3), NULL);
    parse_kw("kw too many", args_of("(ii)", 1, 2), Py_BuildValue("{s:s,s:d,s:i}", "c", "x", "d", 1.0, "e", 1));

    {
        PyObject *a = NULL, *b = NULL;
        PyObject *args = Py_BuildValue("(ii)", 1, 2);
        printf("unpack: %d ", PyArg_UnpackTuple(args, "f", 1, 2, &a, &b));
        show("b", Py_NewRef(b));
        printf("unpack too few: %d ", PyArg_UnpackTuple(args, "f", 3, 4, &a, &b, &a, &b));
        print_error();
        printf("\n");
        printf("unpack too many: %d ", PyArg_UnpackTuple(args, "g", 0, 1, &a));
        print_error();
        printf("\n");
        Py_DECREF(args);
    }

    PyObject *s = PyUnicode_FromString("a,b,c");
    show("CallMethod split", PyObject_CallMethod(s, "split", "s", ","));
    show("CallMethod no args", PyObject_CallMethod(s, "upper", NULL));
    show("CallMethod missing", PyObject_CallMethod(s, "nope", NULL));
    PyObject *sep = PyUnicode_FromString("-");
    PyObject *join = PyObject_GetAttrString(sep, "join");
    show("CallFunction tuple arg", PyObject_CallFunction(join, "(sss)", "x", "y", "z"));
    show("CallFunctionObjArgs", PyObject_CallFunctionObjArgs(join, s, NULL));
    PyObject *comma = PyUnicode_FromString(",");
    PyObject *name = PyUnicode_FromString("count");
    show("CallMethodObjArgs", PyObject_CallMethodObjArgs(s, name, comma, NULL));
    Py_DECREF(name);
    Py_DECREF(comma);
    Py_DECREF(join);
    Py_DECREF(sep);
    Py_DECREF(s);
    return finish();
}
