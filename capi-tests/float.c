// test: differential
/* float: repr is the shortest string that round-trips, conversions, and
 * arithmetic through PyNumber_*. */
#include "testing.h"

static const double values[] = {
    0.0, -0.0, 1.0, -1.5, 0.1, 0.2, 0.30000000000000004, 1.0 / 3.0, 2.0 / 3.0,
    100.0, 1e15, 1e16, 1.5e16, 1e22, 1e23, 123456789.125, 1e-4, 1e-5, 0.000123,
    5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 3.141592653589793,
    2.718281828459045, 1.4142135623730951, 9007199254740993.0, 4.35, 0.07,
};

int main(void)
{
    size_t i;
    PyObject *a, *b, *o;
    char label[64];
    start();

    for (i = 0; i < Py_ARRAY_LENGTH(values); i++) {
        snprintf(label, sizeof label, "repr(%.17g)", values[i]);
        show(label, PyFloat_FromDouble(values[i]));
    }
    show("inf", PyFloat_FromDouble(Py_INFINITY));
    show("-inf", PyFloat_FromDouble(-Py_INFINITY));
    show("nan", PyFloat_FromDouble(Py_NAN));

    o = PyFloat_FromDouble(2.75);
    show_double("PyFloat_AsDouble(2.75)", PyFloat_AsDouble(o));
    show_double("PyFloat_AS_DOUBLE(2.75)", PyFloat_AS_DOUBLE(o));
    check("PyFloat_Check", PyFloat_Check(o));
    check("PyFloat_CheckExact", PyFloat_CheckExact(o));
    show("str(2.75)", PyObject_Str(o));
    show("int(2.75)", PyNumber_Long(o));
    Py_DECREF(o);
    o = PyLong_FromLong(7);
    show_double("PyFloat_AsDouble(7)", PyFloat_AsDouble(o));
    check("PyFloat_Check(7)", PyFloat_Check(o));
    Py_DECREF(o);
    o = PyUnicode_FromString("x");
    show_double("PyFloat_AsDouble('x')", PyFloat_AsDouble(o));
    Py_DECREF(o);
    o = PyUnicode_FromString("  -1.25e3 ");
    show("PyFloat_FromString('  -1.25e3 ')", PyFloat_FromString(o));
    Py_DECREF(o);
    o = PyUnicode_FromString("abc");
    show("PyFloat_FromString('abc')", PyFloat_FromString(o));
    Py_DECREF(o);

    a = PyFloat_FromDouble(7.5);
    b = PyFloat_FromDouble(-2.0);
    show("7.5 + -2.0", PyNumber_Add(a, b));
    show("7.5 - -2.0", PyNumber_Subtract(a, b));
    show("7.5 * -2.0", PyNumber_Multiply(a, b));
    show("7.5 / -2.0", PyNumber_TrueDivide(a, b));
    show("7.5 // -2.0", PyNumber_FloorDivide(a, b));
    show("7.5 % -2.0", PyNumber_Remainder(a, b));
    show("divmod(7.5, -2.0)", PyNumber_Divmod(a, b));
    show("7.5 ** -2.0", PyNumber_Power(a, b, Py_None));
    show("-(7.5)", PyNumber_Negative(a));
    show("abs(-2.0)", PyNumber_Absolute(b));
    Py_DECREF(b);
    b = PyLong_FromLong(2);
    show("7.5 + 2", PyNumber_Add(a, b));
    show("2 * 7.5", PyNumber_Multiply(b, a));
    o = PyFloat_FromDouble(0.5);
    show("2 ** 0.5", PyNumber_Power(b, o, Py_None));
    Py_DECREF(o);
    Py_DECREF(b);
    Py_DECREF(a);
    return finish();
}
