// test: differential
/* complex: repr, the PyComplex_* conversions, the _Py_c_* arithmetic and
 * its errno reports, the number slots (called as PyNumber_* dispatch calls
 * them), equality with ints and floats, hash, the constructor with its
 * string syntax, methods and __format__. */
#include "testing.h"
#include <errno.h>

#define SLOT(o, name) (Py_TYPE(o)->tp_as_number ? Py_TYPE(o)->tp_as_number->name : NULL)
#define BINOP(a, b, name) binop((a), (b), SLOT(a, name), SLOT(b, name))

static PyObject *binop(PyObject *a, PyObject *b, binaryfunc fa, binaryfunc fb)
{
    PyObject *r;
    if (fa != NULL) {
        r = fa(a, b);
        if (r != Py_NotImplemented) {
            return r;
        }
        Py_DECREF(r);
    }
    if (fb != NULL && fb != fa) {
        r = fb(a, b);
        if (r != Py_NotImplemented) {
            return r;
        }
        Py_DECREF(r);
    }
    PyErr_SetString(PyExc_TypeError, "unsupported operand types");
    return NULL;
}

static PyObject *power(PyObject *a, PyObject *b, PyObject *c)
{
    ternaryfunc fa = SLOT(a, nb_power), fb = SLOT(b, nb_power);
    PyObject *r;
    if (fa != NULL) {
        r = fa(a, b, c);
        if (r != Py_NotImplemented) {
            return r;
        }
        Py_DECREF(r);
    }
    if (fb != NULL && fb != fa) {
        r = fb(a, b, c);
        if (r != Py_NotImplemented) {
            return r;
        }
        Py_DECREF(r);
    }
    PyErr_SetString(PyExc_TypeError, "unsupported operand types");
    return NULL;
}

static PyObject *cx(double r, double i) { return PyComplex_FromDoubles(r, i); }

static void show_c(const char *label, Py_complex c)
{
    printf("%s: (%.17g, %.17g)", label, c.real, c.imag);
    if (PyErr_Occurred()) {
        printf(" raised ");
        print_error();
    }
    printf("\n");
}

static void show_c_errno(const char *label, Py_complex c)
{
    printf("%s: (%.17g, %.17g) errno=%s\n", label, c.real, c.imag,
           errno == 0 ? "0" : errno == EDOM ? "EDOM" : errno == ERANGE ? "ERANGE" : "?");
}

static void cmp(const char *label, PyObject *a, PyObject *b)
{
    static const char *const ops[] = {"<", "<=", "==", "!=", ">", ">="};
    int op;
    printf("%s:", label);
    for (op = Py_LT; op <= Py_GE; op++) {
        PyObject *r = PyObject_RichCompare(a, b, op);
        if (r == NULL) {
            printf(" %s[", ops[op]);
            print_error();
            printf("]");
        } else {
            printf(" %s%s", ops[op], r == Py_True ? "T" : "F");
        }
        Py_XDECREF(r);
    }
    printf("\n");
}

static PyObject *ctor(PyObject *args, PyObject *kwargs)
{
    PyObject *r = PyObject_Call((PyObject *)&PyComplex_Type, args, kwargs);
    Py_DECREF(args);
    Py_XDECREF(kwargs);
    return r;
}

int main(void)
{
    static const double parts[][2] = {
        {1, 2}, {0, 1}, {-0.0, -0.0}, {0, -0.0}, {0, 0}, {1.5, -0.0}, {-1, 0},
        {1e16, 1e-5}, {0.1, 0.2}, {-2.5, 1e300}, {1e-320, -3},
    };
    size_t i;
    char label[96];
    PyObject *a, *b, *o, *t = (PyObject *)&PyComplex_Type;
    Py_complex c;
    start();

    for (i = 0; i < Py_ARRAY_LENGTH(parts); i++) {
        snprintf(label, sizeof label, "complex(%.17g, %.17g)", parts[i][0], parts[i][1]);
        show(label, cx(parts[i][0], parts[i][1]));
    }
    show("complex(nan, inf)", cx(Py_NAN, Py_INFINITY));
    show("complex(-inf, nan)", cx(-Py_INFINITY, Py_NAN));
    show("complex(0, -inf)", cx(0, -Py_INFINITY));
    c.real = 3;
    c.imag = -4;
    o = PyComplex_FromCComplex(c);
    show("PyComplex_FromCComplex(3-4j)", Py_NewRef(o));
    check("PyComplex_Check", PyComplex_Check(o));
    check("PyComplex_CheckExact", PyComplex_CheckExact(o));
    show("str(3-4j)", PyObject_Str(o));
    show_double("PyComplex_RealAsDouble(3-4j)", PyComplex_RealAsDouble(o));
    show_double("PyComplex_ImagAsDouble(3-4j)", PyComplex_ImagAsDouble(o));
    show_c("PyComplex_AsCComplex(3-4j)", PyComplex_AsCComplex(o));
    show("abs(3-4j)", SLOT(o, nb_absolute)(o));
    show("-(3-4j)", SLOT(o, nb_negative)(o));
    a = SLOT(o, nb_positive)(o);
    check("+(3-4j) is itself", a == o);
    Py_DECREF(a);
    check("bool(3-4j)", SLOT(o, nb_bool)(o));
    show("(3-4j).conjugate()", PyObject_CallMethod(o, "conjugate", NULL));
    show("(3-4j).__getnewargs__()", PyObject_CallMethod(o, "__getnewargs__", NULL));
    show("(3-4j).__complex__()", PyObject_CallMethod(o, "__complex__", NULL));
    show("(3-4j).real", PyObject_GetAttrString(o, "real"));
    show("(3-4j).imag", PyObject_GetAttrString(o, "imag"));
    show_int("hash(3-4j)", PyObject_Hash(o));
    Py_DECREF(o);
    o = cx(0, 0);
    check("bool(0j)", SLOT(o, nb_bool)(o));
    show_int("hash(0j)", PyObject_Hash(o));
    Py_DECREF(o);
    o = cx(1.5, 0);
    a = PyFloat_FromDouble(1.5);
    check("hash(1.5+0j) == hash(1.5)", PyObject_Hash(o) == PyObject_Hash(a));
    Py_DECREF(a);
    Py_DECREF(o);
    o = cx(1, 2);
    show_int("hash(1+2j)", PyObject_Hash(o));
    Py_DECREF(o);
    o = cx(1e300, 1e300);
    show("abs(1e300+1e300j)", SLOT(o, nb_absolute)(o));
    Py_DECREF(o);
    o = cx(1.7e308, 1.7e308);
    show("abs(1.7e308+1.7e308j)", SLOT(o, nb_absolute)(o));
    Py_DECREF(o);
    o = cx(Py_INFINITY, Py_NAN);
    show("abs(inf+nanj)", SLOT(o, nb_absolute)(o));
    Py_DECREF(o);
    o = cx(Py_NAN, 1);
    show("abs(nan+1j)", SLOT(o, nb_absolute)(o));
    Py_DECREF(o);

    /* Conversions of other objects. */
    o = PyFloat_FromDouble(2.5);
    show_double("PyComplex_RealAsDouble(2.5)", PyComplex_RealAsDouble(o));
    show_double("PyComplex_ImagAsDouble(2.5)", PyComplex_ImagAsDouble(o));
    show_c("PyComplex_AsCComplex(2.5)", PyComplex_AsCComplex(o));
    Py_DECREF(o);
    o = PyLong_FromLong(-7);
    show_double("PyComplex_RealAsDouble(-7)", PyComplex_RealAsDouble(o));
    show_c("PyComplex_AsCComplex(-7)", PyComplex_AsCComplex(o));
    Py_DECREF(o);
    o = PyUnicode_FromString("1j");
    show_double("PyComplex_RealAsDouble('1j')", PyComplex_RealAsDouble(o));
    show_double("PyComplex_ImagAsDouble('1j')", PyComplex_ImagAsDouble(o));
    show_c("PyComplex_AsCComplex('1j')", PyComplex_AsCComplex(o));
    Py_DECREF(o);

    /* _Py_c_* */
    {
        Py_complex x = {1, 2}, y = {3, -4}, z = {0, 0}, big = {1e200, 1e200};
        Py_complex nanc = {Py_NAN, 0}, infc = {Py_INFINITY, Py_INFINITY};
        show_c("_Py_c_sum", _Py_c_sum(x, y));
        show_c("_Py_c_diff", _Py_c_diff(x, y));
        show_c("_Py_c_neg", _Py_c_neg(x));
        show_c("_Py_c_prod", _Py_c_prod(x, y));
        errno = 0;
        show_c_errno("_Py_c_quot", _Py_c_quot(x, y));
        errno = 0;
        show_c_errno("_Py_c_quot by 0", _Py_c_quot(x, z));
        errno = 0;
        show_c_errno("_Py_c_quot by nan", _Py_c_quot(x, nanc));
        errno = 0;
        show_c_errno("_Py_c_quot inf by x", _Py_c_quot(infc, x));
        errno = 0;
        show_c_errno("_Py_c_pow(x, y)", _Py_c_pow(x, y));
        errno = 0;
        show_c_errno("_Py_c_pow(x, 0)", _Py_c_pow(x, z));
        errno = 0;
        show_c_errno("_Py_c_pow(0, y)", _Py_c_pow(z, y));
        errno = 0;
        show_c_errno("_Py_c_pow(0, x)", _Py_c_pow(z, x));
        errno = 0;
        show_c_errno("_Py_c_pow(big, 2.5)", _Py_c_pow(big, (Py_complex){2.5, 0}));
        errno = 0;
        printf("_Py_c_abs(3+4j): %.17g\n", _Py_c_abs((Py_complex){3, 4}));
    }

    /* Arithmetic through the slots. */
    a = cx(1, 2);
    b = cx(3, -4);
    show("(1+2j) + (3-4j)", BINOP(a, b, nb_add));
    show("(1+2j) - (3-4j)", BINOP(a, b, nb_subtract));
    show("(1+2j) * (3-4j)", BINOP(a, b, nb_multiply));
    show("(1+2j) / (3-4j)", BINOP(a, b, nb_true_divide));
    show("(1+2j) ** (3-4j)", power(a, b, Py_None));
    show("pow(1+2j, 3-4j, 3-4j)", power(a, b, b));
    show("(1+2j) // (3-4j)", BINOP(a, b, nb_floor_divide));
    show("(1+2j) % (3-4j)", BINOP(a, b, nb_remainder));
    Py_DECREF(b);
    b = cx(0, 0);
    show("(1+2j) / 0j", BINOP(a, b, nb_true_divide));
    show("0j ** (1+2j)", power(b, a, Py_None));
    Py_DECREF(b);
    b = PyLong_FromLong(2);
    show("(1+2j) + 2", BINOP(a, b, nb_add));
    show("2 - (1+2j)", BINOP(b, a, nb_subtract));
    show("2 / (1+2j)", BINOP(b, a, nb_true_divide));
    show("(1+2j) ** 2", power(a, b, Py_None));
    show("2 ** (1+2j)", power(b, a, Py_None));
    Py_DECREF(b);
    b = PyLong_FromLong(0);
    show("(1+2j) / 0", BINOP(a, b, nb_true_divide));
    Py_DECREF(b);
    b = PyFloat_FromDouble(0.5);
    show("(1+2j) * 0.5", BINOP(a, b, nb_multiply));
    show("0.5 - (1+2j)", BINOP(b, a, nb_subtract));
    show("(1+2j) ** 0.5", power(a, b, Py_None));
    Py_DECREF(b);
    b = PyUnicode_FromString("x");
    show("(1+2j) + 'x'", BINOP(a, b, nb_add));
    Py_DECREF(b);
    Py_DECREF(a);
    {
        static const double pw[][4] = {
            {0, 0, -1, 0},   {0, 0, 0, 1},    {0, 1e200, 2, 0}, {1, 1, 101, 0},
            {1, 1, -3, 0},   {2, 0, 0, 0.5},  {0, 1, 0, 1},     {1, 1, 2, 0},
            {-1, 0, 0.5, 0}, {1e-200, 0, 2, 0}, {0, 0, 0, 0},  {0, 0, 2, 0},
            {0, 0, -0.5, 0}, {Py_INFINITY, 0, 2, 0}, {1.5, -2, 100, 0},
        };
        for (i = 0; i < Py_ARRAY_LENGTH(pw); i++) {
            a = cx(pw[i][0], pw[i][1]);
            b = cx(pw[i][2], pw[i][3]);
            snprintf(label, sizeof label, "complex(%g, %g) ** complex(%g, %g)", pw[i][0],
                     pw[i][1], pw[i][2], pw[i][3]);
            show(label, power(a, b, Py_None));
            Py_DECREF(a);
            Py_DECREF(b);
        }
    }
    {
        static const double dv[][4] = {
            {1, 1, Py_INFINITY, Py_INFINITY}, {Py_INFINITY, Py_INFINITY, 1, 1},
            {1, 0, 0, 1e-320}, {1e300, 1e300, 1e-300, 1e-300}, {1, 2, Py_NAN, 0},
            {Py_INFINITY, 0, Py_INFINITY, 0},
        };
        for (i = 0; i < Py_ARRAY_LENGTH(dv); i++) {
            a = cx(dv[i][0], dv[i][1]);
            b = cx(dv[i][2], dv[i][3]);
            snprintf(label, sizeof label, "complex(%g, %g) / complex(%g, %g)", dv[i][0],
                     dv[i][1], dv[i][2], dv[i][3]);
            show(label, BINOP(a, b, nb_true_divide));
            snprintf(label, sizeof label, "complex(%g, %g) * complex(%g, %g)", dv[i][0],
                     dv[i][1], dv[i][2], dv[i][3]);
            show(label, BINOP(a, b, nb_multiply));
            Py_DECREF(a);
            Py_DECREF(b);
        }
    }

    /* Comparisons. */
    a = cx(1, 0);
    b = PyLong_FromLong(1);
    cmp("1+0j vs 1", a, b);
    cmp("1 vs 1+0j", b, a);
    Py_DECREF(b);
    b = PyFloat_FromDouble(1.0);
    cmp("1+0j vs 1.0", a, b);
    Py_DECREF(b);
    b = cx(1, 0);
    cmp("1+0j vs 1+0j", a, b);
    Py_DECREF(b);
    b = PyUnicode_FromString("1");
    cmp("1+0j vs '1'", a, b);
    Py_DECREF(b);
    Py_DECREF(a);
    a = cx(1, 1);
    b = PyLong_FromLong(1);
    cmp("1+1j vs 1", a, b);
    Py_DECREF(b);
    Py_DECREF(a);
    a = cx(9007199254740992.0, 0);
    {
        PyObject *s = PyUnicode_FromString("9007199254740993");
        b = PyObject_CallOneArg((PyObject *)&PyLong_Type, s);
        Py_DECREF(s);
    }
    cmp("complex(2**53) vs 2**53+1", a, b);
    Py_DECREF(b);
    Py_DECREF(a);
    a = cx(Py_NAN, 0);
    cmp("nan+0j vs itself", a, a);
    Py_DECREF(a);

    /* The constructor. */
    show("complex()", PyObject_CallNoArgs(t));
    {
        static const char *const texts[] = {
            "1+2j", " ( 1-2.5e3J ) ", "1_0j", "j", "-j", "+J", "1+j", "1-j", " 1 ",
            "(1+2j", "1+2j)", "abc", "1__0j", "_1j", "1+2", "infj", "-inf+nanj", "1e500j",
            "", "()", "1 + 2j", "1.5e", "1e5e5j", "(j)", "\xd9\xa1+\xd9\xa2j",
        };
        for (i = 0; i < Py_ARRAY_LENGTH(texts); i++) {
            o = PyUnicode_FromString(texts[i]);
            snprintf(label, sizeof label, "complex('%s')", texts[i]);
            show(label, PyObject_CallOneArg(t, o));
            Py_DECREF(o);
        }
    }
    show("complex(1, 2)", ctor(Py_BuildValue("(ii)", 1, 2), NULL));
    show("complex(1.5)", ctor(Py_BuildValue("(d)", 1.5), NULL));
    show("complex(1j, 1j)", ctor(Py_BuildValue("(NN)", cx(0, 1), cx(0, 1)), NULL));
    show("complex(2, 1j)", ctor(Py_BuildValue("(iN)", 2, cx(0, 1)), NULL));
    show("complex(1+2j, 3)", ctor(Py_BuildValue("(Ni)", cx(1, 2), 3), NULL));
    show("complex('1', 2)", ctor(Py_BuildValue("(si)", "1", 2), NULL));
    show("complex(1, '2')", ctor(Py_BuildValue("(is)", 1, "2"), NULL));
    show("complex(None)", ctor(Py_BuildValue("(O)", Py_None), NULL));
    show("complex(1, None)", ctor(Py_BuildValue("(iO)", 1, Py_None), NULL));
    show("complex(1, 2, 3)", ctor(Py_BuildValue("(iii)", 1, 2, 3), NULL));
    show("complex(True)", ctor(Py_BuildValue("(O)", Py_True), NULL));
    show("complex(real=1, imag=2)",
         ctor(PyTuple_New(0), Py_BuildValue("{s:i,s:i}", "real", 1, "imag", 2)));
    show("complex(imag=2)", ctor(PyTuple_New(0), Py_BuildValue("{s:i}", "imag", 2)));
    show("complex(foo=1)", ctor(PyTuple_New(0), Py_BuildValue("{s:i}", "foo", 1)));
    show("complex(1, real=2)", ctor(Py_BuildValue("(i)", 1), Py_BuildValue("{s:i}", "real", 2)));
    show("complex(1, 2, imag=3)",
         ctor(Py_BuildValue("(ii)", 1, 2), Py_BuildValue("{s:i}", "imag", 3)));
    show("complex(real='1')", ctor(PyTuple_New(0), Py_BuildValue("{s:s}", "real", "1")));
    show("complex(imag='1')", ctor(PyTuple_New(0), Py_BuildValue("{s:s}", "imag", "1")));
    show("complex('1+2j', imag=0)",
         ctor(Py_BuildValue("(s)", "1+2j"), Py_BuildValue("{s:i}", "imag", 0)));
    show("complex(b'1')", ctor(Py_BuildValue("(y)", "1"), NULL));
    o = cx(1, 2);
    a = PyObject_CallOneArg(t, o);
    check("complex(z) is z", a == o);
    Py_XDECREF(a);
    Py_DECREF(o);

    /* A heap subclass of complex. */
    {
        static PyType_Slot slots[] = {{0, NULL}};
        static PyType_Spec spec = {"sub.MyComplex", 0, 0,
                                   Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, slots};
        PyObject *sub = PyType_FromSpecWithBases(&spec, (PyObject *)&PyComplex_Type);
        a = PyObject_CallFunction(sub, "ii", 1, 2);
        printf("MyComplex(1, 2): type %s\n", Py_TYPE(a)->tp_name);
        show("  repr", PyObject_Repr(a));
        check("  PyComplex_Check", PyComplex_Check(a));
        check("  PyComplex_CheckExact", PyComplex_CheckExact(a));
        b = SLOT(a, nb_positive)(a);
        printf("  +x: %s\n", Py_TYPE(b)->tp_name);
        show("  format(x, 'd')", PyObject_CallMethod(a, "__format__", "s", "d"));
        Py_DECREF(b);
        b = PyObject_CallOneArg(t, a);
        printf("  complex(x): %s ", Py_TYPE(b)->tp_name);
        show("", b);
        o = PyUnicode_FromString("3j");
        b = PyObject_CallOneArg(sub, o);
        Py_DECREF(o);
        printf("  MyComplex('3j'): %s ", Py_TYPE(b)->tp_name);
        show("", b);
        Py_DECREF(a);
        Py_DECREF(sub);
    }

    /* __format__ */
    {
        static const struct { double r, i; const char *spec; } fv[] = {
            {1, 2, ""}, {1, 2, "10.2f"}, {1, 2, "^20.3e"}, {1234.5, 1, ","}, {0, 0, ".2"},
            {-1, 0, "+"}, {1, 2, "=10"}, {1, 2, "010"}, {1, 2, "d"}, {1, 2, "%"}, {1, 2, "<12g"},
            {-0.0, 1, ""}, {0, -1, "g"}, {1.5, 2.5, " .1f"}, {1, 2, "*>14"}, {-1, -2, "z.0f"},
            {1e20, 1, "_.3e"}, {1, 2, "n"}, {3, -4, "#.0f"},
        };
        for (i = 0; i < Py_ARRAY_LENGTH(fv); i++) {
            o = cx(fv[i].r, fv[i].i);
            snprintf(label, sizeof label, "format(complex(%g, %g), '%s')", fv[i].r, fv[i].i,
                     fv[i].spec);
            show(label, PyObject_CallMethod(o, "__format__", "s", fv[i].spec));
            Py_DECREF(o);
        }
    }
    return finish();
}
