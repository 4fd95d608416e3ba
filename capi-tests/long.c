// test: differential
/* int: conversions both ways, limits and their errors, arithmetic through
 * PyNumber_*, big values, parsing. */
#include "testing.h"

static PyObject *num(long v) { return PyLong_FromLong(v); }

/* Applies a binary PyNumber function to two longs and shows the result. */
static void binop(const char *label, PyObject *(*f)(PyObject *, PyObject *), long x, long y)
{
    PyObject *a = num(x), *b = num(y);
    show(label, f(a, b));
    Py_DECREF(a);
    Py_DECREF(b);
}

int main(void)
{
    PyObject *big, *o, *two, *exp;
    int overflow;
    start();

    show("PyLong_FromLong(0)", PyLong_FromLong(0));
    show("PyLong_FromLong(-1)", PyLong_FromLong(-1));
    show("PyLong_FromLong(LONG_MAX)", PyLong_FromLong(LONG_MAX));
    show("PyLong_FromLong(LONG_MIN)", PyLong_FromLong(LONG_MIN));
    show("PyLong_FromUnsignedLong(ULONG_MAX)", PyLong_FromUnsignedLong(ULONG_MAX));
    show("PyLong_FromLongLong(LLONG_MIN)", PyLong_FromLongLong(LLONG_MIN));
    show("PyLong_FromUnsignedLongLong(ULLONG_MAX)", PyLong_FromUnsignedLongLong(ULLONG_MAX));
    show("PyLong_FromSsize_t(-5)", PyLong_FromSsize_t(-5));
    show("PyLong_FromSize_t(5)", PyLong_FromSize_t(5));
    show("PyLong_FromDouble(-3.99)", PyLong_FromDouble(-3.99));
    show("PyLong_FromDouble(1e20)", PyLong_FromDouble(1e20));
    show("PyLong_FromDouble(inf)", PyLong_FromDouble(Py_INFINITY));
    show("PyLong_FromDouble(nan)", PyLong_FromDouble(Py_NAN));
    show("PyLong_FromString('  -0x1F  ', 0)", PyLong_FromString("  -0x1F  ", NULL, 0));
    show("PyLong_FromString('1_000_000', 10)", PyLong_FromString("1_000_000", NULL, 10));
    show("PyLong_FromString('zz', 36)", PyLong_FromString("zz", NULL, 36));
    show("PyLong_FromString('12ab', 10)", PyLong_FromString("12ab", NULL, 10));
    show("PyLong_FromString('123456789012345678901234567890', 10)",
         PyLong_FromString("123456789012345678901234567890", NULL, 10));

    o = num(42);
    show_int("PyLong_AsLong(42)", PyLong_AsLong(o));
    show_int("PyLong_AsSsize_t(42)", PyLong_AsSsize_t(o));
    show_int("PyLong_AsLongLong(42)", PyLong_AsLongLong(o));
    show_double("PyLong_AsDouble(42)", PyLong_AsDouble(o));
    check("PyLong_Check(42)", PyLong_Check(o));
    check("PyLong_CheckExact(42)", PyLong_CheckExact(o));
    check("PyLong_Check(True)", PyLong_Check(Py_True));
    check("PyLong_CheckExact(True)", PyLong_CheckExact(Py_True));
    Py_DECREF(o);

    two = num(2);
    exp = num(100);
    big = PyNumber_Power(two, exp, Py_None);
    show("2 ** 100", Py_NewRef(big));
    show_int("PyLong_AsLong(2**100)", PyLong_AsLong(big));
    show_int("PyLong_AsUnsignedLong(2**100)", (long long)PyLong_AsUnsignedLong(big));
    show_int("PyLong_AsLongAndOverflow(2**100)", PyLong_AsLongAndOverflow(big, &overflow));
    show_int("  overflow", overflow);
    show_double("PyLong_AsDouble(2**100)", PyLong_AsDouble(big));
    show("-(2**100)", PyNumber_Negative(big));
    o = num(3);
    show("2**100 // 3", PyNumber_FloorDivide(big, o));
    show("2**100 % 3", PyNumber_Remainder(big, o));
    Py_DECREF(o);
    show("2**100 * 2**100", PyNumber_Multiply(big, big));
    show("2**100 - 2**100", PyNumber_Subtract(big, big));
    o = num(90);
    show("2**100 >> 90", PyNumber_Rshift(big, o));
    show("2 << 90", PyNumber_Lshift(two, o));
    Py_DECREF(o);
    Py_DECREF(big);
    Py_DECREF(exp);
    Py_DECREF(two);

    o = num(-1);
    show_int("PyLong_AsUnsignedLong(-1)", (long long)PyLong_AsUnsignedLong(o));
    show_int("PyLong_AsSize_t(-1)", (long long)PyLong_AsSize_t(o));
    Py_DECREF(o);
    o = PyUnicode_FromString("12");
    show_int("PyLong_AsLong('12')", PyLong_AsLong(o));
    Py_DECREF(o);
    o = PyFloat_FromDouble(1.5);
    show_int("PyLong_AsLong(1.5)", PyLong_AsLong(o));
    Py_DECREF(o);

    binop("7 + 5", PyNumber_Add, 7, 5);
    binop("7 - 12", PyNumber_Subtract, 7, 12);
    binop("-7 * 6", PyNumber_Multiply, -7, 6);
    binop("7 // 2", PyNumber_FloorDivide, 7, 2);
    binop("-7 // 2", PyNumber_FloorDivide, -7, 2);
    binop("7 // -2", PyNumber_FloorDivide, 7, -2);
    binop("-7 % 3", PyNumber_Remainder, -7, 3);
    binop("7 % -3", PyNumber_Remainder, 7, -3);
    binop("divmod(-7, 2)", PyNumber_Divmod, -7, 2);
    binop("7 / 2", PyNumber_TrueDivide, 7, 2);
    binop("1 / 3", PyNumber_TrueDivide, 1, 3);
    o = num(0);
    two = num(7);
    /* The message changed in 3.14 ("division by zero"). */
    show_raises("7 // 0", PyNumber_FloorDivide(two, o));
    show_raises("7 % 0", PyNumber_Remainder(two, o));
    show_raises("7 / 0", PyNumber_TrueDivide(two, o));
    Py_DECREF(two);
    Py_DECREF(o);
    binop("7 & 3", PyNumber_And, 7, 3);
    binop("-8 | 3", PyNumber_Or, -8, 3);
    binop("6 ^ 3", PyNumber_Xor, 6, 3);
    binop("-16 >> 2", PyNumber_Rshift, -16, 2);
    binop("1 << -1", PyNumber_Lshift, 1, -1);
    o = num(-5);
    show("abs(-5)", PyNumber_Absolute(o));
    show("~-5", PyNumber_Invert(o));
    show("+-5", PyNumber_Positive(o));
    show("index(-5)", PyNumber_Index(o));
    show("float(-5)", PyNumber_Float(o));
    show("str(-5)", PyObject_Str(o));
    Py_DECREF(o);
    return finish();
}
