// test: differential
/* float: repr is the shortest string that round-trips, conversions, the
 * number slots (called as PyNumber_* dispatch calls them: the left
 * operand's slot, then the right one's — this tests the float type itself,
 * the number protocol has its own tests), exact comparisons with ints, the
 * numeric hash, methods, the constructor, and IEEE pack/unpack. */
#include "testing.h"

static const double values[] = {
    0.0, -0.0, 1.0, -1.5, 0.1, 0.2, 0.30000000000000004, 1.0 / 3.0, 2.0 / 3.0,
    100.0, 1e15, 1e16, 1.5e16, 1e22, 1e23, 123456789.125, 1e-4, 1e-5, 0.000123,
    5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 3.141592653589793,
    2.718281828459045, 1.4142135623730951, 9007199254740993.0, 4.35, 0.07,
    2.5, 1e-7, 123456789012345678.0, 0.5, 9999999999999998.0, 1e300, -1e-300,
};

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

static PyObject *f(double v) { return PyFloat_FromDouble(v); }

/* Shows `x OP y` for two doubles through the slot picked by `name`. */
#define SHOW_OP(label, x, y, name)                      \
    do {                                                \
        PyObject *a_ = f(x), *b_ = f(y);                \
        show(label, BINOP(a_, b_, name));               \
        Py_DECREF(a_);                                  \
        Py_DECREF(b_);                                  \
    } while (0)

static void show_pow(const char *label, double x, double y)
{
    PyObject *a = f(x), *b = f(y);
    PyObject *r = power(a, b, Py_None);
    printf("%s: ", label);
    if (r == NULL && PyErr_ExceptionMatches(PyExc_OverflowError)) {
        /* The args of an errno OverflowError: (34, 'Numerical result out of range'). */
        PyObject *exc = PyErr_GetRaisedException();
        PyObject *args = PyObject_GetAttrString(exc, "args");
        PyObject *repr = PyObject_Repr(args);
        printf("raised OverflowError%s\n", PyUnicode_AsUTF8(repr));
        Py_DECREF(repr);
        Py_DECREF(args);
        Py_DECREF(exc);
    } else {
        printf("\n");
        show("  ->", r);
    }
    Py_DECREF(a);
    Py_DECREF(b);
}

static void compare(const char *label, PyObject *a, PyObject *b)
{
    static const char *const ops[] = {"<", "<=", "==", "!=", ">", ">="};
    int op;
    printf("%s:", label);
    for (op = Py_LT; op <= Py_GE; op++) {
        PyObject *r = PyObject_RichCompare(a, b, op);
        printf(" %s%s", ops[op], r == NULL ? "!" : r == Py_True ? "T" : "F");
        if (r == NULL) {
            PyErr_Clear();
        }
        Py_XDECREF(r);
    }
    printf("\n");
}

/* int(digits). */
static PyObject *big(const char *digits)
{
    PyObject *s = PyUnicode_FromString(digits);
    PyObject *r = PyObject_CallOneArg((PyObject *)&PyLong_Type, s);
    Py_DECREF(s);
    return r;
}

static void call0(const char *label, PyObject *o, const char *name)
{
    show(label, PyObject_CallMethod(o, name, NULL));
}

static void show_packed(const char *label, int r, const unsigned char *p, int n)
{
    int i;
    printf("%s: %d ", label, r);
    for (i = 0; i < n; i++) {
        printf("%02x", p[i]);
    }
    if (PyErr_Occurred()) {
        printf(" raised ");
        print_error();
    }
    printf("\n");
}

static void pack_round_trip(double x)
{
    unsigned char buf[8];
    char label[80];
    int le, r;
    for (le = 0; le <= 1; le++) {
        memset(buf, 0, sizeof buf);
        r = PyFloat_Pack2(x, (char *)buf, le);
        snprintf(label, sizeof label, "Pack2(%.17g, le=%d)", x, le);
        show_packed(label, r, buf, 2);
        if (r == 0) {
            show_double("  Unpack2", PyFloat_Unpack2((char *)buf, le));
        }
        memset(buf, 0, sizeof buf);
        r = PyFloat_Pack4(x, (char *)buf, le);
        snprintf(label, sizeof label, "Pack4(%.17g, le=%d)", x, le);
        show_packed(label, r, buf, 4);
        if (r == 0) {
            show_double("  Unpack4", PyFloat_Unpack4((char *)buf, le));
        }
        r = PyFloat_Pack8(x, (char *)buf, le);
        snprintf(label, sizeof label, "Pack8(%.17g, le=%d)", x, le);
        show_packed(label, r, buf, 8);
        show_double("  Unpack8", PyFloat_Unpack8((char *)buf, le));
    }
}

int main(void)
{
    size_t i;
    PyObject *a, *b, *o, *t, *n;
    char label[64];
    start();

    for (i = 0; i < Py_ARRAY_LENGTH(values); i++) {
        snprintf(label, sizeof label, "repr(%.17g)", values[i]);
        show(label, PyFloat_FromDouble(values[i]));
    }
    show("inf", PyFloat_FromDouble(Py_INFINITY));
    show("-inf", PyFloat_FromDouble(-Py_INFINITY));
    show("nan", PyFloat_FromDouble(Py_NAN));

    /* Shortest round-trip repr of many bit patterns and decimal-looking
     * values (ties between 16/17-digit candidates included). */
    {
        unsigned long long state = 0x9E3779B97F4A7C15ULL;
        for (i = 0; i < 3000; i++) {
            double x;
            PyObject *r;
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            if (i % 3 == 0) {
                unsigned long long bits = state;
                memcpy(&x, &bits, sizeof x);
                if (!Py_IS_FINITE(x)) {
                    continue;
                }
            } else if (i % 3 == 1) {
                x = (double)(state >> 20) / 1000.0;
            } else {
                x = (double)(state >> 11) * 1e-3 + 0.25;
            }
            o = PyFloat_FromDouble(x);
            r = PyObject_Repr(o);
            printf("%s%s", PyUnicode_AsUTF8(r), i % 8 == 7 ? "\n" : " ");
            Py_DECREF(r);
            Py_DECREF(o);
        }
        printf("\n");
    }

    /* Conversions to double. */
    o = PyFloat_FromDouble(2.75);
    show_double("PyFloat_AsDouble(2.75)", PyFloat_AsDouble(o));
    show_double("PyFloat_AS_DOUBLE(2.75)", PyFloat_AS_DOUBLE(o));
    check("PyFloat_Check", PyFloat_Check(o));
    check("PyFloat_CheckExact", PyFloat_CheckExact(o));
    show("str(2.75)", PyObject_Str(o));
    show("int(2.75)", SLOT(o, nb_int)(o));
    show("float(2.75)", SLOT(o, nb_float)(o));
    Py_DECREF(o);
    o = PyLong_FromLong(7);
    show_double("PyFloat_AsDouble(7)", PyFloat_AsDouble(o));
    check("PyFloat_Check(7)", PyFloat_Check(o));
    Py_DECREF(o);
    show_double("PyFloat_AsDouble(True)", PyFloat_AsDouble(Py_True));
    o = big("1" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000");
    show_double("PyFloat_AsDouble(10**320)", PyFloat_AsDouble(o));
    Py_DECREF(o);
    o = PyUnicode_FromString("x");
    show_double("PyFloat_AsDouble('x')", PyFloat_AsDouble(o));
    Py_DECREF(o);
    show_double("PyFloat_AsDouble(None)", PyFloat_AsDouble(Py_None));
    show_double("PyFloat_AsDouble(NULL)", PyFloat_AsDouble(NULL));

    /* Parsing. */
    {
        static const char *const texts[] = {
            "  -1.25e3 ", "abc", "1_000.5", "1__0", "_1", "inf", "-Infinity", "nan",
            "-nan", "1e400", "-1e-400", "", " ", "0x10", "1.5j", "\t+.5\n", "1e", ".",
        };
        for (i = 0; i < Py_ARRAY_LENGTH(texts); i++) {
            o = PyUnicode_FromString(texts[i]);
            snprintf(label, sizeof label, "PyFloat_FromString('%s')", texts[i]);
            show(label, PyFloat_FromString(o));
            Py_DECREF(o);
        }
    }
    o = Py_BuildValue("y", " 2.5 ");
    show("PyFloat_FromString(b' 2.5 ')", PyFloat_FromString(o));
    Py_DECREF(o);
    o = Py_BuildValue("y", "x");
    show("PyFloat_FromString(b'x')", PyFloat_FromString(o));
    Py_DECREF(o);
    o = PyByteArray_FromStringAndSize("-4.5e1", 6);
    show("PyFloat_FromString(bytearray(b'-4.5e1'))", PyFloat_FromString(o));
    Py_DECREF(o);
    o = PyByteArray_FromStringAndSize("1x", 2);
    show("PyFloat_FromString(bytearray(b'1x'))", PyFloat_FromString(o));
    Py_DECREF(o);
    o = PyLong_FromLong(3);
    show("PyFloat_FromString(3)", PyFloat_FromString(o));
    Py_DECREF(o);

    /* Arithmetic through the slots. */
    a = PyFloat_FromDouble(7.5);
    b = PyFloat_FromDouble(-2.0);
    show("7.5 + -2.0", BINOP(a, b, nb_add));
    show("7.5 - -2.0", BINOP(a, b, nb_subtract));
    show("7.5 * -2.0", BINOP(a, b, nb_multiply));
    show("7.5 / -2.0", BINOP(a, b, nb_true_divide));
    show("7.5 // -2.0", BINOP(a, b, nb_floor_divide));
    show("7.5 % -2.0", BINOP(a, b, nb_remainder));
    show("divmod(7.5, -2.0)", BINOP(a, b, nb_divmod));
    show("7.5 ** -2.0", power(a, b, Py_None));
    show("pow(7.5, -2.0, 3)", power(a, b, a));
    show("-(7.5)", SLOT(a, nb_negative)(a));
    show("+(7.5)", SLOT(a, nb_positive)(a));
    show("abs(-2.0)", SLOT(b, nb_absolute)(b));
    check("bool(7.5)", SLOT(a, nb_bool)(a));
    Py_DECREF(b);
    b = PyLong_FromLong(2);
    show("7.5 + 2", BINOP(a, b, nb_add));
    show("2 * 7.5", BINOP(b, a, nb_multiply));
    show("2 - 7.5", BINOP(b, a, nb_subtract));
    show("2 / 7.5", BINOP(b, a, nb_true_divide));
    o = PyFloat_FromDouble(0.5);
    show("2 ** 0.5", power(b, o, Py_None));
    show("0.5 ** 2", power(o, b, Py_None));
    Py_DECREF(o);
    Py_DECREF(b);
    b = PyUnicode_FromString("s");
    show("7.5 + 's'", BINOP(a, b, nb_add));
    Py_DECREF(b);
    Py_DECREF(a);
    o = PyFloat_FromDouble(0.0);
    check("bool(0.0)", SLOT(o, nb_bool)(o));
    Py_DECREF(o);

    /* The same through the number protocol. */
    a = PyFloat_FromDouble(7.5);
    b = PyFloat_FromDouble(-2.0);
    show("PyNumber_Add(7.5, -2.0)", PyNumber_Add(a, b));
    show("PyNumber_Subtract(7.5, -2.0)", PyNumber_Subtract(a, b));
    show("PyNumber_Multiply(7.5, -2.0)", PyNumber_Multiply(a, b));
    show("PyNumber_TrueDivide(7.5, -2.0)", PyNumber_TrueDivide(a, b));
    show("PyNumber_FloorDivide(7.5, -2.0)", PyNumber_FloorDivide(a, b));
    show("PyNumber_Remainder(7.5, -2.0)", PyNumber_Remainder(a, b));
    show("PyNumber_Divmod(7.5, -2.0)", PyNumber_Divmod(a, b));
    show("PyNumber_Power(7.5, -2.0)", PyNumber_Power(a, b, Py_None));
    show("PyNumber_Negative(7.5)", PyNumber_Negative(a));
    show("PyNumber_Absolute(-2.0)", PyNumber_Absolute(b));
    show("PyNumber_Long(7.5)", PyNumber_Long(a));
    show("PyNumber_Float(7.5)", PyNumber_Float(a));
    show("PyNumber_Index(7.5)", PyNumber_Index(a));
    Py_DECREF(b);
    b = PyLong_FromLong(2);
    show("PyNumber_Add(7.5, 2)", PyNumber_Add(a, b));
    show("PyNumber_Multiply(2, 7.5)", PyNumber_Multiply(b, a));
    show("PyNumber_Power(2, -1.5)", PyNumber_Power(b, o = PyFloat_FromDouble(-1.5), Py_None));
    Py_DECREF(o);
    show("PyNumber_InPlaceAdd(7.5, 2)", PyNumber_InPlaceAdd(a, b));
    Py_DECREF(b);
    b = PyFloat_FromDouble(-8.0);
    o = PyFloat_FromDouble(1.0 / 3.0);
    show("PyNumber_Power(-8.0, 1/3)", PyNumber_Power(b, o, Py_None));
    Py_DECREF(o);
    Py_DECREF(b);
    b = PyUnicode_FromString("s");
    show("PyNumber_Add(7.5, 's')", PyNumber_Add(a, b));
    show("PyNumber_Float('s')", PyNumber_Float(b));
    Py_DECREF(b);
    Py_DECREF(a);

    SHOW_OP("1.0 / 0.0", 1.0, 0.0, nb_true_divide);
    SHOW_OP("1.0 // 0.0", 1.0, 0.0, nb_floor_divide);
    SHOW_OP("1.0 % 0.0", 1.0, 0.0, nb_remainder);
    SHOW_OP("divmod(1.0, 0.0)", 1.0, 0.0, nb_divmod);
    SHOW_OP("inf - inf", Py_INFINITY, Py_INFINITY, nb_subtract);
    SHOW_OP("inf * 0.0", Py_INFINITY, 0.0, nb_multiply);
    SHOW_OP("-7.0 % 3.0", -7.0, 3.0, nb_remainder);
    SHOW_OP("7.0 % -3.0", 7.0, -3.0, nb_remainder);
    SHOW_OP("-7.0 // 3.0", -7.0, 3.0, nb_floor_divide);
    SHOW_OP("0.0 % -3.0", 0.0, -3.0, nb_remainder);
    SHOW_OP("-0.0 // 5.0", -0.0, 5.0, nb_floor_divide);
    SHOW_OP("divmod(-7.5, 2.0)", -7.5, 2.0, nb_divmod);
    SHOW_OP("divmod(1e308, 1e-308)", 1e308, 1e-308, nb_divmod);
    SHOW_OP("0.1 + 0.2", 0.1, 0.2, nb_add);
    SHOW_OP("5.0 % inf", 5.0, Py_INFINITY, nb_remainder);
    SHOW_OP("-5.0 % inf", -5.0, Py_INFINITY, nb_remainder);
    SHOW_OP("1e308 * 10", 1e308, 10.0, nb_multiply);

    show_pow("0.0 ** -1.0", 0.0, -1.0);
    show_pow("0.0 ** -1.5", 0.0, -1.5);
    show_pow("-0.0 ** 3.0", -0.0, 3.0);
    show_pow("-0.0 ** -3.0", -0.0, -3.0);
    show_pow("(-8.0) ** (1/3)", -8.0, 1.0 / 3.0);
    show_pow("(-1.0) ** 0.5", -1.0, 0.5);
    show_pow("(-2.0) ** 3.0", -2.0, 3.0);
    show_pow("(-2.0) ** -2.0", -2.0, -2.0);
    show_pow("1e300 ** 2.0", 1e300, 2.0);
    show_pow("nan ** 0.0", Py_NAN, 0.0);
    show_pow("1.0 ** nan", 1.0, Py_NAN);
    show_pow("2.0 ** nan", 2.0, Py_NAN);
    show_pow("nan ** 2.0", Py_NAN, 2.0);
    show_pow("0.5 ** inf", 0.5, Py_INFINITY);
    show_pow("2.0 ** -inf", 2.0, -Py_INFINITY);
    show_pow("-1.0 ** inf", -1.0, Py_INFINITY);
    show_pow("-inf ** 3.0", -Py_INFINITY, 3.0);
    show_pow("-inf ** -3.0", -Py_INFINITY, -3.0);
    show_pow("-inf ** 2.0", -Py_INFINITY, 2.0);
    show_pow("-1.0 ** 1e300", -1.0, 1e300);
    show_pow("10.0 ** -400.0", 10.0, -400.0);

    /* Mixed int operands: exact or OverflowError. */
    n = big("1" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0"); /* 10**301 */
    a = f(1e300);
    show("1e300 + 10**301", BINOP(a, n, nb_add));
    show("10**301 * 1e300", BINOP(n, a, nb_multiply));
    compare("1e300 vs 10**301", a, n);
    compare("10**301 vs 1e300", n, a);
    Py_DECREF(a);
    a = f(Py_INFINITY);
    compare("inf vs 10**301", a, n);
    Py_DECREF(a);
    a = f(-Py_INFINITY);
    compare("-inf vs 10**301", a, n);
    Py_DECREF(a);
    a = f(Py_NAN);
    compare("nan vs 10**301", a, n);
    Py_DECREF(a);
    Py_DECREF(n);
    n = big("9007199254740993"); /* 2**53 + 1 */
    a = f(9007199254740992.0);
    compare("float(2**53) vs 2**53+1", a, n);
    Py_DECREF(a);
    a = f(9007199254740994.0);
    compare("float(2**53+2) vs 2**53+1", a, n);
    Py_DECREF(a);
    a = f(-9007199254740992.0);
    compare("-float(2**53) vs 2**53+1", a, n);
    Py_DECREF(a);
    Py_DECREF(n);
    n = big("-9007199254740993");
    a = f(-9007199254740992.0);
    compare("-float(2**53) vs -(2**53+1)", a, n);
    Py_DECREF(a);
    a = f(-9007199254740992.5e0);
    compare("-9007199254740992.5 vs -(2**53+1)", a, n);
    Py_DECREF(a);
    Py_DECREF(n);
    n = big("123456789012345678901234567890");
    a = f(123456789012345678901234567890.0);
    compare("1.2345678901234568e29 vs 123456789012345678901234567890", a, n);
    Py_DECREF(a);
    Py_DECREF(n);
    n = big("4611686018427387904"); /* 2**62 */
    a = f(4611686018427387904.0);
    compare("2.0**62 vs 2**62", a, n);
    show_int("hash(2.0**62) == hash(2**62)", PyObject_Hash(a) == PyObject_Hash(n));
    Py_DECREF(a);
    a = f(4611686018427387904.5e0 + 1024.0);
    compare("2.0**62+1024 vs 2**62", a, n);
    Py_DECREF(a);
    Py_DECREF(n);
    n = PyLong_FromLong(1);
    a = f(1.5);
    compare("1.5 vs 1", a, n);
    Py_DECREF(a);
    a = f(-0.0);
    Py_DECREF(n);
    n = PyLong_FromLong(0);
    compare("-0.0 vs 0", a, n);
    b = f(0.0);
    compare("-0.0 vs 0.0", a, b);
    Py_DECREF(b);
    Py_DECREF(a);
    Py_DECREF(n);
    a = f(Py_NAN);
    compare("nan vs nan (same object)", a, a);
    Py_DECREF(a);
    a = f(1.0);
    b = PyUnicode_FromString("1");
    compare("1.0 vs '1'", a, b);
    Py_DECREF(b);
    Py_DECREF(a);

    /* Exact float/int comparisons and equal hashes over many magnitudes:
     * x against int(x) - 1, int(x), int(x) + 1. */
    {
        unsigned long long state = 12345;
        PyObject *one = PyLong_FromLong(1);
        char line[64];
        int k;
        for (i = 0; i < 400; i++) {
            double x;
            PyObject *xi, *neighbours[3];
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            x = ldexp((double)(state >> 11), (int)(i % 100) * 9 - 60) * (i & 1 ? -1.0 : 1.0);
            a = f(x);
            xi = PyLong_FromDouble(x);
            neighbours[0] = PyNumber_Subtract(xi, one);
            neighbours[1] = Py_NewRef(xi);
            neighbours[2] = PyNumber_Add(xi, one);
            line[0] = 0;
            for (k = 0; k < 3; k++) {
                int lt = PyObject_RichCompareBool(a, neighbours[k], Py_LT);
                int eq = PyObject_RichCompareBool(a, neighbours[k], Py_EQ);
                int gt = PyObject_RichCompareBool(neighbours[k], a, Py_LT);
                snprintf(line + strlen(line), sizeof line - strlen(line), "%d%d%d ", lt, eq, gt);
            }
            printf("cmp %.17g: %s hash %s\n", x, line,
                   PyObject_Hash(a) == PyObject_Hash(xi) ? "same" : "differs");
            for (k = 0; k < 3; k++) {
                Py_DECREF(neighbours[k]);
            }
            Py_DECREF(xi);
            Py_DECREF(a);
        }
        Py_DECREF(one);
    }

    /* The numeric hash. */
    {
        static const double hv[] = {0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1e300, -2.5, 5e-324,
                                    1e22, 2305843009213693951.0, 1.5e-300};
        for (i = 0; i < Py_ARRAY_LENGTH(hv); i++) {
            o = f(hv[i]);
            snprintf(label, sizeof label, "hash(%.17g)", hv[i]);
            show_int(label, PyObject_Hash(o));
            Py_DECREF(o);
        }
    }
    o = f(Py_INFINITY);
    show_int("hash(inf)", PyObject_Hash(o));
    Py_DECREF(o);
    o = f(-Py_INFINITY);
    show_int("hash(-inf)", PyObject_Hash(o));
    Py_DECREF(o);
    a = f(Py_NAN);
    b = f(Py_NAN);
    check("hash(nan) stable", PyObject_Hash(a) == PyObject_Hash(a));
    check("hash(nan) differs between objects", PyObject_Hash(a) != PyObject_Hash(b));
    Py_DECREF(a);
    Py_DECREF(b);
    a = f(1.0);
    n = PyLong_FromLong(1);
    check("hash(1.0) == hash(1)", PyObject_Hash(a) == PyObject_Hash(n));
    Py_DECREF(a);
    Py_DECREF(n);
    a = f(1e20);
    n = big("100000000000000000000");
    check("hash(1e20) == hash(10**20)", PyObject_Hash(a) == PyObject_Hash(n));
    Py_DECREF(a);
    Py_DECREF(n);
    a = f(-123456.0);
    n = PyLong_FromLong(-123456);
    check("hash(-123456.0) == hash(-123456)", PyObject_Hash(a) == PyObject_Hash(n));
    Py_DECREF(a);
    Py_DECREF(n);

    /* nb_int. */
    {
        static const double iv[] = {2.75, -2.75, 1e20, -1e300, 0.999, -0.0};
        for (i = 0; i < Py_ARRAY_LENGTH(iv); i++) {
            o = f(iv[i]);
            snprintf(label, sizeof label, "int(%.17g)", iv[i]);
            show(label, SLOT(o, nb_int)(o));
            Py_DECREF(o);
        }
    }
    o = f(Py_INFINITY);
    show("int(inf)", SLOT(o, nb_int)(o));
    Py_DECREF(o);
    o = f(Py_NAN);
    show("int(nan)", SLOT(o, nb_int)(o));
    Py_DECREF(o);

    /* Methods and attributes. */
    {
        static const double mv[] = {0.1, -2.5, 1e300, 5e-324, 3.0, -0.0, 2.5, 3.5, -1.5e16};
        for (i = 0; i < Py_ARRAY_LENGTH(mv); i++) {
            o = f(mv[i]);
            printf("-- %.17g\n", mv[i]);
            call0("  is_integer", o, "is_integer");
            call0("  as_integer_ratio", o, "as_integer_ratio");
            call0("  hex", o, "hex");
            call0("  conjugate", o, "conjugate");
            call0("  __trunc__", o, "__trunc__");
            call0("  __floor__", o, "__floor__");
            call0("  __ceil__", o, "__ceil__");
            call0("  __round__", o, "__round__");
            call0("  __getnewargs__", o, "__getnewargs__");
            show("  real", PyObject_GetAttrString(o, "real"));
            show("  imag", PyObject_GetAttrString(o, "imag"));
            Py_DECREF(o);
        }
    }
    o = f(Py_INFINITY);
    call0("inf.as_integer_ratio()", o, "as_integer_ratio");
    call0("inf.is_integer()", o, "is_integer");
    call0("inf.hex()", o, "hex");
    call0("round(inf)", o, "__round__");
    call0("inf.__floor__()", o, "__floor__");
    show("round(inf, 2)", PyObject_CallMethod(o, "__round__", "i", 2));
    Py_DECREF(o);
    o = f(Py_NAN);
    call0("nan.as_integer_ratio()", o, "as_integer_ratio");
    call0("round(nan)", o, "__round__");
    Py_DECREF(o);
    {
        static const struct { double x; int nd; } rv[] = {
            {2.675, 2}, {0.125, 2}, {0.375, 2}, {5.0, -1}, {15.0, -1}, {25.0, -1},
            {-25.5, -1}, {1234.5678, -2}, {1234.5678, 3}, {1e300, -300}, {1e-300, 300},
            {123.456, 400}, {123.456, -400}, {-4.0, -1}, {0.5, 0}, {1.5, 0}, {-0.5, 0},
            {1.7976931348623157e308, -308}, {1.7976931348623157e308, -307},
        };
        for (i = 0; i < Py_ARRAY_LENGTH(rv); i++) {
            o = f(rv[i].x);
            snprintf(label, sizeof label, "round(%.17g, %d)", rv[i].x, rv[i].nd);
            show(label, PyObject_CallMethod(o, "__round__", "i", rv[i].nd));
            Py_DECREF(o);
        }
    }
    o = f(1.5);
    show("round(1.5, None)", PyObject_CallMethod(o, "__round__", "O", Py_None));
    show("round(1.5, 'a')", PyObject_CallMethod(o, "__round__", "s", "a"));
    show("round(1.5, 10**30)",
         PyObject_CallMethod(o, "__round__", "N", big("1000000000000000000000000000000")));
    show("round(1.5, 1, 2)", PyObject_CallMethod(o, "__round__", "ii", 1, 2));
    show("format(1.5, '.3f')", PyObject_CallMethod(o, "__format__", "s", ".3f"));
    show("format(1.5, '')", PyObject_CallMethod(o, "__format__", "s", ""));
    show("format(1.5, '>10.2e')", PyObject_CallMethod(o, "__format__", "s", ">10.2e"));
    show("format(1.5, '%')", PyObject_CallMethod(o, "__format__", "s", "%"));
    show("format(1.5, 'd')", PyObject_CallMethod(o, "__format__", "s", "d"));
    show("format(1.5, 3)", PyObject_CallMethod(o, "__format__", "i", 3));
    Py_DECREF(o);
    o = f(1234567.891);
    show("format(1234567.891, ',.2f')", PyObject_CallMethod(o, "__format__", "s", ",.2f"));
    show("format(1234567.891, '_g')", PyObject_CallMethod(o, "__format__", "s", "_g"));
    show("format(1234567.891, '+015.3f')", PyObject_CallMethod(o, "__format__", "s", "+015.3f"));
    Py_DECREF(o);
    t = (PyObject *)&PyFloat_Type;
    show("float.fromhex('0x1.8p1')", PyObject_CallMethod(t, "fromhex", "s", "0x1.8p1"));
    show("float.fromhex(' -0x.1p-4 ')", PyObject_CallMethod(t, "fromhex", "s", " -0x.1p-4 "));
    show("float.fromhex('inf')", PyObject_CallMethod(t, "fromhex", "s", "inf"));
    show("float.fromhex('zz')", PyObject_CallMethod(t, "fromhex", "s", "zz"));
    show("float.fromhex('0x1p99999')", PyObject_CallMethod(t, "fromhex", "s", "0x1p99999"));
    show("float.fromhex(5)", PyObject_CallMethod(t, "fromhex", "i", 5));
    show("float.__getformat__('double')", PyObject_CallMethod(t, "__getformat__", "s", "double"));
    show("float.__getformat__('float')", PyObject_CallMethod(t, "__getformat__", "s", "float"));
    show("float.__getformat__('x')", PyObject_CallMethod(t, "__getformat__", "s", "x"));
    show("float.__getformat__(1)", PyObject_CallMethod(t, "__getformat__", "i", 1));

    /* The constructor. */
    show("float()", PyObject_CallNoArgs(t));
    o = PyUnicode_FromString(" 1.5 ");
    show("float(' 1.5 ')", PyObject_CallOneArg(t, o));
    Py_DECREF(o);
    o = PyUnicode_FromString("abc");
    show("float('abc')", PyObject_CallOneArg(t, o));
    Py_DECREF(o);
    o = Py_BuildValue("y", "2.5");
    show("float(b'2.5')", PyObject_CallOneArg(t, o));
    Py_DECREF(o);
    o = PyLong_FromLong(-7);
    show("float(-7)", PyObject_CallOneArg(t, o));
    Py_DECREF(o);
    o = big("1" "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000" "0000000000" "0000000000" "0000000000"
            "0000000000" "0000000000");
    show("float(10**320)", PyObject_CallOneArg(t, o));
    Py_DECREF(o);
    show("float(None)", PyObject_CallOneArg(t, Py_None));
    show("float(True)", PyObject_CallOneArg(t, Py_True));
    o = f(2.5);
    a = PyObject_CallOneArg(t, o);
    check("float(x) is x", a == o);
    Py_XDECREF(a);
    Py_DECREF(o);
    show("float(1, 2)", PyObject_CallFunction(t, "ii", 1, 2));

    /* Limits. */
    show_double("PyFloat_GetMax()", PyFloat_GetMax());
    show_double("PyFloat_GetMin()", PyFloat_GetMin());
    o = PyFloat_GetInfo();
    printf("PyFloat_GetInfo():");
    for (i = 0; i < (size_t)PyTuple_Size(o); i++) {
        PyObject *r = PyObject_Repr(PyTuple_GetItem(o, (Py_ssize_t)i));
        printf(" %s", PyUnicode_AsUTF8(r));
        Py_DECREF(r);
    }
    printf("\n");
    Py_DECREF(o);

    /* Pack / unpack. */
    pack_round_trip(1.0);
    pack_round_trip(-2.5);
    pack_round_trip(0.1);
    pack_round_trip(65504.0);
    pack_round_trip(65520.0);
    pack_round_trip(1e-8);
    pack_round_trip(6e-8);
    pack_round_trip(-0.0);
    pack_round_trip(Py_INFINITY);
    pack_round_trip(-Py_INFINITY);
    pack_round_trip(1e300);
    pack_round_trip(3.4028234663852886e38);
    pack_round_trip(1.0009765625);
    pack_round_trip(1.00048828125);
    pack_round_trip(1.00146484375);
    {
        unsigned char nanbuf[8];
        show_packed("Pack2(nan)", PyFloat_Pack2(Py_NAN, (char *)nanbuf, 0), nanbuf, 2);
        check("Unpack2 of that is nan", Py_IS_NAN(PyFloat_Unpack2((char *)nanbuf, 0)));
        show_packed("Pack4(nan)", PyFloat_Pack4(Py_NAN, (char *)nanbuf, 0), nanbuf, 4);
        check("Unpack4 of that is nan", Py_IS_NAN(PyFloat_Unpack4((char *)nanbuf, 0)));
    }

    /* A heap subclass of float. */
    {
        static PyType_Slot slots[] = {{0, NULL}};
        static PyType_Spec spec = {"sub.MyFloat", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
                                   slots};
        PyObject *sub = PyType_FromSpecWithBases(&spec, (PyObject *)&PyFloat_Type);
        o = PyUnicode_FromString("2.5");
        a = PyObject_CallOneArg(sub, o);
        Py_DECREF(o);
        printf("MyFloat('2.5'): type %s\n", Py_TYPE(a)->tp_name);
        show("  repr", PyObject_Repr(a));
        check("  PyFloat_Check", PyFloat_Check(a));
        check("  PyFloat_CheckExact", PyFloat_CheckExact(a));
        show_double("  PyFloat_AsDouble", PyFloat_AsDouble(a));
        b = SLOT(a, nb_positive)(a);
        printf("  +x: %s %s\n", Py_TYPE(b)->tp_name, b == a ? "same" : "new");
        Py_DECREF(b);
        b = SLOT(a, nb_float)(a);
        printf("  float(x): %s\n", Py_TYPE(b)->tp_name);
        Py_DECREF(b);
        b = PyObject_CallOneArg(t, a);
        printf("  float(x) via the type: %s\n", Py_TYPE(b)->tp_name);
        Py_DECREF(b);
        n = PyLong_FromLong(1);
        b = BINOP(a, n, nb_add);
        printf("  x + 1: %s ", Py_TYPE(b)->tp_name);
        show("", b);
        Py_DECREF(n);
        b = PyObject_CallMethod(sub, "fromhex", "s", "0x1p1");
        printf("  MyFloat.fromhex('0x1p1'): %s ", Py_TYPE(b)->tp_name);
        show("", b);
        show("  format(x, 'd')", PyObject_CallMethod(a, "__format__", "s", "d"));
        show("  format(x, '.1f')", PyObject_CallMethod(a, "__format__", "s", ".1f"));
        b = PyObject_CallMethod(a, "conjugate", NULL);
        printf("  x.conjugate(): %s\n", Py_TYPE(b)->tp_name);
        Py_DECREF(b);
        b = f(2.5);
        check("  hash(x) == hash(2.5)", PyObject_Hash(a) == PyObject_Hash(b));
        Py_DECREF(b);
        Py_DECREF(a);
        show("MyFloat()", PyObject_CallNoArgs(sub));
        show("MyFloat(None)", PyObject_CallOneArg(sub, Py_None));
        Py_DECREF(sub);
    }

    /* Many short-lived floats (the free list) keep their values. */
    {
        PyObject *keep[300];
        double sum = 0.0;
        for (i = 0; i < 300; i++) {
            keep[i] = f((double)i);
        }
        for (i = 0; i < 300; i += 2) {
            Py_DECREF(keep[i]);
        }
        for (i = 0; i < 300; i += 2) {
            keep[i] = f((double)i * 2.0);
        }
        for (i = 0; i < 300; i++) {
            sum += PyFloat_AS_DOUBLE(keep[i]);
            Py_DECREF(keep[i]);
        }
        show_double("free list sum", sum);
    }
    return finish();
}
