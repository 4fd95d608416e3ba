// test: differential
/* The number protocol on ints and bools: every PyNumber_* operator, big
 * values (multiplication, division, pow, shifts), negative operands, mixed
 * int/bool, hashes, huge reprs, int() parsing, the Python-visible int
 * methods, and the errors of bad operands. */
#include "testing.h"

static PyObject *num(long v) { return PyLong_FromLong(v); }

static PyObject *parse(const char *s) { return PyLong_FromString(s, NULL, 0); }

/* Applies f to two objects and shows the result; steals both. */
static void op2(const char *label, PyObject *(*f)(PyObject *, PyObject *), PyObject *a, PyObject *b)
{
    show(label, f(a, b));
    Py_DECREF(a);
    Py_DECREF(b);
}

/* Applies f to one object and shows the result; steals it. */
static void op1(const char *label, PyObject *(*f)(PyObject *), PyObject *a)
{
    show(label, f(a));
    Py_DECREF(a);
}

/* Calls obj.name(*args, **kwargs) and shows the result; steals args
 * (a tuple) and kwargs (a dict or NULL), not obj. */
static void meth(const char *label, PyObject *obj, const char *name, PyObject *args, PyObject *kwargs)
{
    PyObject *m = PyObject_GetAttrString(obj, name);
    if (m == NULL) {
        show(label, NULL);
    } else {
        show(label, PyObject_Call(m, args, kwargs));
        Py_DECREF(m);
    }
    Py_DECREF(args);
    Py_XDECREF(kwargs);
}

static void show_hash(const char *label, PyObject *o)
{
    show_int(label, (long long)PyObject_Hash(o));
    Py_DECREF(o);
}

static PyType_Slot sub_slots[] = {{0, NULL}};
static PyType_Spec sub_spec = {"test.IntSub", 0, 0, Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE, sub_slots};

/* An int subclass made with PyType_FromSpecWithBases: construction, the
 * operators' exact-int results, from_bytes on the subclass. */
static void subclass(void)
{
    PyObject *sub, *v, *args, *one, *r;
    sub = PyType_FromSpecWithBases(&sub_spec, (PyObject *)&PyLong_Type);
    if (sub == NULL) {
        show("IntSub", NULL);
        return;
    }
    v = PyObject_Call(sub, args = Py_BuildValue("(si)", "-2a", 16), NULL);
    Py_DECREF(args);
    show("IntSub('-2a', 16)", Py_NewRef(v));
    printf("type: %s, PyLong_Check %d, PyLong_CheckExact %d\n", Py_TYPE(v)->tp_name,
           PyLong_Check(v), PyLong_CheckExact(v));
    show_int("AsLong(IntSub(-42))", PyLong_AsLong(v));
    show_int("hash(IntSub(-42))", PyObject_Hash(v));
    one = PyLong_FromLong(1);
    r = PyNumber_Add(v, one);
    printf("IntSub(-42) + 1: %ld %s\n", PyLong_AsLong(r), Py_TYPE(r)->tp_name);
    Py_DECREF(r);
    r = PyNumber_Positive(v);
    printf("+IntSub(-42): %ld %s\n", PyLong_AsLong(r), Py_TYPE(r)->tp_name);
    Py_DECREF(r);
    r = PyNumber_Index(v);
    printf("index(IntSub(-42)): %ld %s\n", PyLong_AsLong(r), Py_TYPE(r)->tp_name);
    Py_DECREF(r);
    r = PyNumber_Long(v);
    printf("int(IntSub(-42)): %ld %s\n", PyLong_AsLong(r), Py_TYPE(r)->tp_name);
    Py_DECREF(r);
    show("IntSub(-42) == -42", PyObject_RichCompare(v, r = PyLong_FromLong(-42), Py_EQ));
    Py_DECREF(r);
    r = PyObject_GetAttrString(sub, "from_bytes");
    Py_SETREF(r, PyObject_Call(r, args = Py_BuildValue("(y#s)", "\x01\x00", (Py_ssize_t)2, "big"), NULL));
    Py_DECREF(args);
    if (r != NULL) {
        printf("IntSub.from_bytes(b'\\x01\\x00'): %ld %s\n", PyLong_AsLong(r), Py_TYPE(r)->tp_name);
    }
    show("", r);
    show("IntSub()", PyObject_CallNoArgs(sub));
    r = PyObject_GetAttrString(v, "__format__");
    Py_SETREF(r, PyObject_CallOneArg(r, args = PyUnicode_FromString("q")));
    Py_DECREF(args);
    show("format(IntSub(-42), 'q')", r);
    r = PyObject_GetAttrString(v, "__format__");
    Py_SETREF(r, PyObject_CallOneArg(r, args = PyUnicode_FromString("+#x")));
    Py_DECREF(args);
    show("format(IntSub(-42), '+#x')", r);
    Py_DECREF(one);
    Py_DECREF(v);
    Py_DECREF(sub);
}

int main(void)
{
    PyObject *a, *b, *kw, *t;
    start();

    /* Small values across the sign combinations. */
    op2("7 // -2", PyNumber_FloorDivide, num(7), num(-2));
    op2("-7 // -2", PyNumber_FloorDivide, num(-7), num(-2));
    op2("-7 % 3", PyNumber_Remainder, num(-7), num(3));
    op2("7 % -3", PyNumber_Remainder, num(7), num(-3));
    op2("-7 % -3", PyNumber_Remainder, num(-7), num(-3));
    op2("divmod(7, -2)", PyNumber_Divmod, num(7), num(-2));
    op2("divmod(-7, -2)", PyNumber_Divmod, num(-7), num(-2));
    op2("LONG_MAX + 1", PyNumber_Add, num(LONG_MAX), num(1));
    op2("LONG_MIN - 1", PyNumber_Subtract, num(LONG_MIN), num(1));
    op2("LONG_MIN * -1", PyNumber_Multiply, num(LONG_MIN), num(-1));
    op2("LONG_MIN // -1", PyNumber_FloorDivide, num(LONG_MIN), num(-1));
    op2("LONG_MAX * LONG_MAX", PyNumber_Multiply, num(LONG_MAX), num(LONG_MAX));
    op2("2**59 + 2**59", PyNumber_Add, num(1L << 59), num(1L << 59));
    op2("-(2**60) - 2**60", PyNumber_Subtract, num(-(1L << 60)), num(1L << 60));
    op2("1 << 62", PyNumber_Lshift, num(1), num(62));
    op2("1 << 64", PyNumber_Lshift, num(1), num(64));
    op2("-1 << 100", PyNumber_Lshift, num(-1), num(100));
    op2("-5 >> 1", PyNumber_Rshift, num(-5), num(1));
    op2("-5 >> 100", PyNumber_Rshift, num(-5), num(100));
    op2("5 >> 100", PyNumber_Rshift, num(5), num(100));
    op2("1 >> -1", PyNumber_Rshift, num(1), num(-1));
    op2("1 << 2**64", PyNumber_Lshift, num(1), parse("18446744073709551616"));
    op2("0 << 2**64", PyNumber_Lshift, num(0), parse("18446744073709551616"));
    op2("-1 >> 2**64", PyNumber_Rshift, num(-1), parse("18446744073709551616"));

    op2("-6 & 13", PyNumber_And, num(-6), num(13));
    op2("-6 | 13", PyNumber_Or, num(-6), num(13));
    op2("-6 ^ -13", PyNumber_Xor, num(-6), num(-13));
    op1("~0", PyNumber_Invert, num(0));
    op1("-0", PyNumber_Negative, num(0));
    op1("abs(LONG_MIN)", PyNumber_Absolute, num(LONG_MIN));
    op1("-LONG_MIN", PyNumber_Negative, num(LONG_MIN));

    /* Powers, with and without modulus. */
    op2("3 ** 40", PyNumber_Multiply, num(1), PyNumber_Power(num(3), num(40), Py_None));
    show("3 ** 1000", PyNumber_Power(a = num(3), b = num(1000), Py_None));
    Py_DECREF(a); Py_DECREF(b);
    show("(-2) ** 63", PyNumber_Power(a = num(-2), b = num(63), Py_None));
    Py_DECREF(a); Py_DECREF(b);
    show("(-1) ** (2**100+1)", PyNumber_Power(a = num(-1), b = parse("0x10000000000000000000000001"), Py_None));
    Py_DECREF(a); Py_DECREF(b);
    show("0 ** 0", PyNumber_Power(a = num(0), b = num(0), Py_None));
    Py_DECREF(a); Py_DECREF(b);
    t = num(7);
    show("pow(3, 200, 7)", PyNumber_Power(a = num(3), b = num(200), t));
    Py_DECREF(a); Py_DECREF(b);
    show("pow(3, -1, 7)", PyNumber_Power(a = num(3), b = num(-1), t));
    Py_DECREF(a); Py_DECREF(b);
    show("pow(-2, 3, 7)", PyNumber_Power(a = num(-2), b = num(3), t));
    Py_DECREF(a); Py_DECREF(b);
    Py_DECREF(t);
    t = num(-7);
    show("pow(3, -1, -7)", PyNumber_Power(a = num(3), b = num(-1), t));
    Py_DECREF(a); Py_DECREF(b);
    show("pow(2, 10, -7)", PyNumber_Power(a = num(2), b = num(10), t));
    Py_DECREF(a); Py_DECREF(b);
    Py_DECREF(t);
    t = parse("1000000000000000000000000000057");
    show("pow(12345678901234567890, 2**70+3, big)", PyNumber_Power(a = parse("12345678901234567890"), b = parse("0x400000000000000003"), t));
    Py_DECREF(a); Py_DECREF(b);
    show("pow(2, -1, big)", PyNumber_Power(a = num(2), b = num(-1), t));
    Py_DECREF(a); Py_DECREF(b);
    Py_DECREF(t);
    t = num(4);
    show("pow(2, -1, 4)", PyNumber_Power(a = num(2), b = num(-1), t));
    Py_DECREF(a); Py_DECREF(b); Py_DECREF(t);
    t = num(0);
    show("pow(2, 3, 0)", PyNumber_Power(a = num(2), b = num(3), t));
    Py_DECREF(a); Py_DECREF(b); Py_DECREF(t);
    t = num(1);
    show("pow(5, 0, 1)", PyNumber_Power(a = num(5), b = num(0), t));
    Py_DECREF(a); Py_DECREF(b); Py_DECREF(t);
    t = PyUnicode_FromString("x");
    show("pow(2, 3, 'x')", PyNumber_Power(a = num(2), b = num(3), t));
    show("pow(2, 'x')", PyNumber_Power(a, t, Py_None));
    show("2 **= 'x'", PyNumber_InPlacePower(a, t, Py_None));
    Py_DECREF(a); Py_DECREF(b); Py_DECREF(t);

    /* Big multiplication, division and their identities. */
    a = PyNumber_Power(t = num(3), b = num(1000), Py_None);
    Py_DECREF(t); Py_DECREF(b);
    b = PyNumber_Power(t = num(7), kw = num(300), Py_None);
    Py_DECREF(t); Py_DECREF(kw);
    show("3**1000 // 7**300", PyNumber_FloorDivide(a, b));
    show("3**1000 % 7**300", PyNumber_Remainder(a, b));
    t = PyNumber_Negative(a);
    show("divmod(-3**1000, 7**300)", PyNumber_Divmod(t, b));
    show("divmod(-3**1000, -7**300)", PyNumber_Divmod(t, kw = PyNumber_Negative(b)));
    Py_DECREF(kw);
    show("3**1000 * 7**300 - 1", PyNumber_Subtract(kw = PyNumber_Multiply(a, b), Py_True));
    Py_DECREF(kw);
    show("3**1000 & -7**300", PyNumber_And(a, kw = PyNumber_Negative(b)));
    show("3**1000 | -7**300", PyNumber_Or(a, kw));
    show("3**1000 ^ -7**300", PyNumber_Xor(a, kw));
    Py_DECREF(kw);
    show("-3**1000 >> 1500", PyNumber_Rshift(t, kw = num(1500)));
    Py_DECREF(kw);
    show("-3**1000 >> 1584", PyNumber_Rshift(t, kw = num(1584)));
    Py_DECREF(kw);
    show("3**1000 / 7**300", PyNumber_TrueDivide(a, b));
    show("7**300 / 3**1000", PyNumber_TrueDivide(b, a));
    show("3**1000 / True", PyNumber_TrueDivide(a, Py_True));
    show("3**1000 // 0", PyNumber_FloorDivide(a, kw = num(0)));
    show_raises("3**1000 / 0", PyNumber_TrueDivide(a, kw));
    Py_DECREF(kw);
    show("repr(-3**1000)", PyObject_Repr(t));
    show("hash(3**1000)", PyLong_FromSsize_t(PyObject_Hash(a)));
    show("hash(-3**1000)", PyLong_FromSsize_t(PyObject_Hash(t)));
    show("3**1000 < 7**300", PyObject_RichCompare(a, b, Py_LT));
    show("-3**1000 < 7**300", PyObject_RichCompare(t, b, Py_LT));
    show("3**1000 == 3**1000", PyObject_RichCompare(a, kw = PyNumber_Negative(t), Py_EQ));
    Py_DECREF(kw);
    Py_DECREF(t); Py_DECREF(a); Py_DECREF(b);
    op2("(2**200+1) // (2**100-3)", PyNumber_FloorDivide, parse("0x100000000000000000000000000000000000000000000000001"),
        parse("0xffffffffffffffffffffffffd"));
    op2("(2**200+1) % (2**100-3)", PyNumber_Remainder, parse("0x100000000000000000000000000000000000000000000000001"),
        parse("0xffffffffffffffffffffffffd"));
    op2("(2**200+1) / (2**100-3)", PyNumber_TrueDivide, parse("0x100000000000000000000000000000000000000000000000001"),
        parse("0xffffffffffffffffffffffffd"));
    op2("2**64 // 2**32", PyNumber_FloorDivide, parse("18446744073709551616"), parse("4294967296"));
    /* Values of 3 and 4 digits (the 120-bit path) with every sign. */
    op2("(2**70+5) // -7", PyNumber_FloorDivide, parse("0x400000000000000005"), num(-7));
    op2("(2**70+5) % -7", PyNumber_Remainder, parse("0x400000000000000005"), num(-7));
    op2("-(2**70) // 7", PyNumber_FloorDivide, parse("-0x400000000000000000"), num(7));
    op2("-(2**70) % 7", PyNumber_Remainder, parse("-0x400000000000000000"), num(7));
    op2("-(2**100) // -(2**61-1)", PyNumber_FloorDivide, parse("-0x10000000000000000000000000"), parse("-0x1fffffffffffffff"));
    op2("-(2**100) % (2**61-1)", PyNumber_Remainder, parse("-0x10000000000000000000000000"), parse("0x1fffffffffffffff"));
    op2("divmod(2**119-1, -(2**60+3))", PyNumber_Divmod, parse("0x7fffffffffffffffffffffffffffff"), parse("-0x1000000000000003"));
    op2("(2**119) // (2**119)", PyNumber_FloorDivide, parse("0x800000000000000000000000000000"), parse("0x800000000000000000000000000000"));
    op2("(2**89) + -(2**89)", PyNumber_Add, parse("0x20000000000000000000000"), parse("-0x20000000000000000000000"));
    op2("(2**89) - (2**89 - 300)", PyNumber_Subtract, parse("0x20000000000000000000000"), parse("0x1fffffffffffffffffffed4"));
    op2("-(2**89) - 1", PyNumber_Subtract, parse("-0x20000000000000000000000"), num(1));
    op2("(2**60) - (2**60 + 1)", PyNumber_Subtract, parse("0x1000000000000000"), parse("0x1000000000000001"));


    /* int with float: int's slots decline, float's reflected ones answer. */
    op2("1 + 1.5", PyNumber_Add, num(1), PyFloat_FromDouble(1.5));
    op2("1.5 * 3", PyNumber_Multiply, PyFloat_FromDouble(1.5), num(3));
    op2("7 / 2.0", PyNumber_TrueDivide, num(7), PyFloat_FromDouble(2.0));
    op2("7 // 2.0", PyNumber_FloorDivide, num(7), PyFloat_FromDouble(2.0));
    op2("2**100 * 0.5", PyNumber_Multiply, parse("0x10000000000000000000000000"), PyFloat_FromDouble(0.5));
    op2("2**1024 + 1.0", PyNumber_Add, parse("0x1" "0000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000"
        "0000000000000000000000000000000000000000000000000000000000000000"), PyFloat_FromDouble(1.0));
    show("1 < 1.5", PyObject_RichCompare(a = num(1), b = PyFloat_FromDouble(1.5), Py_LT));
    Py_DECREF(a); Py_DECREF(b);
    show("2**53+1 == float(2**53+1)", PyObject_RichCompare(a = parse("9007199254740993"),
         b = PyFloat_FromDouble(9007199254740993.0), Py_EQ));
    Py_DECREF(a); Py_DECREF(b);
    show("2**53 == float(2**53)", PyObject_RichCompare(a = parse("9007199254740992"),
         b = PyFloat_FromDouble(9007199254740992.0), Py_EQ));
    Py_DECREF(a); Py_DECREF(b);
    show("1 == True", PyObject_RichCompare(a = num(1), Py_True, Py_EQ));
    Py_DECREF(a);
    show("hash(2**53) == hash(float(2**53))", PyBool_FromLong(PyObject_Hash(a = parse("9007199254740992")) ==
         PyObject_Hash(b = PyFloat_FromDouble(9007199254740992.0))));
    Py_DECREF(a); Py_DECREF(b);
    show("pow(2, 0.5)", PyNumber_Power(a = num(2), b = PyFloat_FromDouble(0.5), Py_None));
    Py_DECREF(a); Py_DECREF(b);

    /* Hashes. */
    show_hash("hash(-1)", num(-1));
    show_hash("hash(-2)", num(-2));
    show_hash("hash(2**61-1)", parse("2305843009213693951"));
    show_hash("hash(2**61)", parse("2305843009213693952"));
    show_hash("hash(2**64)", parse("18446744073709551616"));
    show_hash("hash(-2**64)", parse("-18446744073709551616"));
    show_hash("hash(LONG_MIN)", num(LONG_MIN));
    show_hash("hash(True)", Py_NewRef(Py_True));

    /* Reprs of huge numbers and the digit limit. */
    a = PyNumber_Power(t = num(10), b = num(4299), Py_None);
    Py_DECREF(t); Py_DECREF(b);
    show("len(str(10**4299))", PyLong_FromSsize_t(PyUnicode_GetLength(t = PyObject_Str(a))));
    Py_DECREF(t);
    show("str(10**4300)", PyObject_Str(t = PyNumber_Multiply(a, b = num(10))));
    Py_DECREF(t); Py_DECREF(b); Py_DECREF(a);
    show("hex(-255)", PyNumber_ToBase(a = num(-255), 16));
    show("oct(8)", PyNumber_ToBase(b = num(8), 8));
    show("bin(-5)", PyNumber_ToBase(t = num(-5), 2));
    show("ToBase(-5, 10)", PyNumber_ToBase(t, 10));
    show("ToBase(-5, 3)", PyNumber_ToBase(t, 3));
    Py_DECREF(a); Py_DECREF(b); Py_DECREF(t);

    /* bool with int. */
    op2("True & True", PyNumber_And, Py_NewRef(Py_True), Py_NewRef(Py_True));
    op2("True | False", PyNumber_Or, Py_NewRef(Py_True), Py_NewRef(Py_False));
    op2("True ^ True", PyNumber_Xor, Py_NewRef(Py_True), Py_NewRef(Py_True));
    op2("True & 3", PyNumber_And, Py_NewRef(Py_True), num(3));
    op2("2 | True", PyNumber_Or, num(2), Py_NewRef(Py_True));
    op2("True + True", PyNumber_Add, Py_NewRef(Py_True), Py_NewRef(Py_True));
    op2("True * -3", PyNumber_Multiply, Py_NewRef(Py_True), num(-3));
    op2("False - True", PyNumber_Subtract, Py_NewRef(Py_False), Py_NewRef(Py_True));
    op2("True << 70", PyNumber_Lshift, Py_NewRef(Py_True), num(70));
    op2("divmod(True, 2)", PyNumber_Divmod, Py_NewRef(Py_True), num(2));
    op1("-True", PyNumber_Negative, Py_NewRef(Py_True));
    op1("abs(False)", PyNumber_Absolute, Py_NewRef(Py_False));
    op1("index(True)", PyNumber_Index, Py_NewRef(Py_True));
    op1("int(True)", PyNumber_Long, Py_NewRef(Py_True));
    show("PyBool_FromLong(-3)", PyBool_FromLong(-3));
    show("PyBool_FromLong(0)", PyBool_FromLong(0));

    /* In-place forms. */
    op2("7 += 1", PyNumber_InPlaceAdd, num(7), num(1));
    op2("7 -= 10", PyNumber_InPlaceSubtract, num(7), num(10));
    op2("7 *= 6", PyNumber_InPlaceMultiply, num(7), num(6));
    op2("7 //= 2", PyNumber_InPlaceFloorDivide, num(7), num(2));
    op2("7 %= 4", PyNumber_InPlaceRemainder, num(7), num(4));
    op2("7 <<= 3", PyNumber_InPlaceLshift, num(7), num(3));
    op2("7 >>= 1", PyNumber_InPlaceRshift, num(7), num(1));
    op2("7 &= 5", PyNumber_InPlaceAnd, num(7), num(5));
    op2("7 |= 8", PyNumber_InPlaceOr, num(7), num(8));
    op2("7 ^= 2", PyNumber_InPlaceXor, num(7), num(2));
    show("7 **= 2", PyNumber_InPlacePower(a = num(7), b = num(2), Py_None));
    Py_DECREF(a); Py_DECREF(b);
    op2("7 @= 2", PyNumber_InPlaceMatrixMultiply, num(7), num(2));
    op2("7 @ 2", PyNumber_MatrixMultiply, num(7), num(2));

    /* Unsupported operands and bad input. */
    op2("1 + 'a'", PyNumber_Add, num(1), PyUnicode_FromString("a"));
    op2("1 += 'a'", PyNumber_InPlaceAdd, num(1), PyUnicode_FromString("a"));
    op2("'ab' * 3", PyNumber_Multiply, PyUnicode_FromString("ab"), num(3));
    op2("'ab' * 'c'", PyNumber_Multiply, PyUnicode_FromString("ab"), PyUnicode_FromString("c"));
    op2("'a' + 'b'", PyNumber_Add, PyUnicode_FromString("a"), PyUnicode_FromString("b"));
    op2("1 - None", PyNumber_Subtract, num(1), Py_NewRef(Py_None));
    op2("divmod(1, 'a')", PyNumber_Divmod, num(1), PyUnicode_FromString("a"));
    op1("-'a'", PyNumber_Negative, PyUnicode_FromString("a"));
    op1("~None", PyNumber_Invert, Py_NewRef(Py_None));
    op1("abs('a')", PyNumber_Absolute, PyUnicode_FromString("a"));
    op1("index('a')", PyNumber_Index, PyUnicode_FromString("a"));
    op1("int(None)", PyNumber_Long, Py_NewRef(Py_None));
    op1("int(' -12_3 ')", PyNumber_Long, PyUnicode_FromString(" -12_3 "));
    op1("int('12a')", PyNumber_Long, PyUnicode_FromString("12a"));
    op1("int(b'42')", PyNumber_Long, PyBytes_FromString("42"));
    op1("int(b'4x')", PyNumber_Long, PyBytes_FromString("4x"));
    op1("int(bytearray(b'12'))", PyNumber_Long, PyByteArray_FromStringAndSize("12", 2));
    op1("int(bytearray(b'x'))", PyNumber_Long, PyByteArray_FromStringAndSize("x", 1));
    show("int(bytearray(b'12'), 16)", PyObject_Call((PyObject *)&PyLong_Type,
         t = Py_BuildValue("(Ni)", PyByteArray_FromStringAndSize("12", 2), 16), NULL));
    Py_DECREF(t);
    show("PyNumber_Index(NULL)", PyNumber_Index(NULL));
    show("PyNumber_Negative(NULL)", PyNumber_Negative(NULL));
    check("PyNumber_Check(5)", PyNumber_Check(a = num(5)));
    check("PyIndex_Check(5)", PyIndex_Check(a));
    t = PyComplex_FromDoubles(1.0, 2.0);
    check("PyNumber_Check(1+2j)", PyNumber_Check(t));
    check("PyIndex_Check(1+2j)", PyIndex_Check(t));
    Py_DECREF(t);
    t = PyFloat_FromDouble(1.5);
    check("PyNumber_Check(1.5)", PyNumber_Check(t));
    check("PyIndex_Check(1.5)", PyIndex_Check(t));
    Py_DECREF(t);
    check("PyNumber_Check(True)", PyNumber_Check(Py_True));
    check("PyNumber_Check(None)", PyNumber_Check(Py_None));
    check("PyNumber_Check('a')", PyNumber_Check(b = PyUnicode_FromString("a")));
    check("PyIndex_Check('a')", PyIndex_Check(b));
    show_int("PyNumber_AsSsize_t(5, NULL)", PyNumber_AsSsize_t(a, NULL));
    Py_DECREF(a);
    a = parse("-100000000000000000000000");
    show_int("PyNumber_AsSsize_t(-10**23, NULL)", PyNumber_AsSsize_t(a, NULL));
    show_int("PyNumber_AsSsize_t(-10**23, OverflowError)", PyNumber_AsSsize_t(a, PyExc_OverflowError));
    show_int("PyNumber_AsSsize_t('a', IndexError)", PyNumber_AsSsize_t(b, PyExc_IndexError));
    Py_DECREF(a); Py_DECREF(b);

    /* int's Python-visible methods. */
    a = num(-37);
    meth("(-37).bit_length()", a, "bit_length", PyTuple_New(0), NULL);
    meth("(-37).bit_count()", a, "bit_count", PyTuple_New(0), NULL);
    meth("(-37).as_integer_ratio()", a, "as_integer_ratio", PyTuple_New(0), NULL);
    meth("(-37).conjugate()", a, "conjugate", PyTuple_New(0), NULL);
    meth("(-37).is_integer()", a, "is_integer", PyTuple_New(0), NULL);
    meth("(-37).__round__(-1)", a, "__round__", PyTuple_Pack(1, t = num(-1)), NULL);
    Py_DECREF(t);
    meth("(-37).__round__()", a, "__round__", PyTuple_New(0), NULL);
    meth("(-37).__trunc__()", a, "__trunc__", PyTuple_New(0), NULL);
    meth("(-37).__getnewargs__()", a, "__getnewargs__", PyTuple_New(0), NULL);
    meth("(-37).__sizeof__()", a, "__sizeof__", PyTuple_New(0), NULL);
    meth("(-37).to_bytes(2, 'little', signed=True)", a, "to_bytes",
         PyTuple_Pack(2, t = num(2), b = PyUnicode_FromString("little")),
         kw = Py_BuildValue("{s:O}", "signed", Py_True));
    Py_DECREF(t); Py_DECREF(b);
    meth("(-37).to_bytes()", a, "to_bytes", PyTuple_New(0), NULL);
    meth("(-37).__format__('+08x')", a, "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("+08x")), NULL);
    Py_DECREF(t);
    meth("(-37).__format__('q')", a, "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("q")), NULL);
    Py_DECREF(t);
    meth("(-37).__format__(5)", a, "__format__", PyTuple_Pack(1, t = num(5)), NULL);
    Py_DECREF(t);
    Py_DECREF(a);
    a = num(1234567);
    meth("format(1234567, ',')", a, "__format__", PyTuple_Pack(1, t = PyUnicode_FromString(",")), NULL);
    Py_DECREF(t);
    meth("format(1234567, '_b')", a, "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("_b")), NULL);
    Py_DECREF(t);
    meth("format(1234567, '#o')", a, "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("#o")), NULL);
    Py_DECREF(t);
    meth("format(1234567, '^12')", a, "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("^12")), NULL);
    Py_DECREF(t);
    meth("format(65, 'c')", b = num(65), "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("c")), NULL);
    Py_DECREF(t); Py_DECREF(b);
    meth("format(-1, 'c')", b = num(-1), "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("c")), NULL);
    Py_DECREF(t); Py_DECREF(b);
    meth("format(1114112, 'c')", b = num(1114112), "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("c")), NULL);
    Py_DECREF(t); Py_DECREF(b);
    meth("format(5, '%')", b = num(5), "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("%")), NULL);
    Py_DECREF(t); Py_DECREF(b);
    meth("format(5, 'e')", b = num(5), "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("e")), NULL);
    Py_DECREF(t); Py_DECREF(b);
    meth("format(-5, '=+10d')", b = num(-5), "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("=+10d")), NULL);
    Py_DECREF(t); Py_DECREF(b);
    meth("format(5, '.2')", b = num(5), "__format__", PyTuple_Pack(1, t = PyUnicode_FromString(".2")), NULL);
    Py_DECREF(t); Py_DECREF(b);
    meth("format(0, 'z')", b = num(0), "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("z")), NULL);
    Py_DECREF(t); Py_DECREF(b);
    meth("format(1234567, 'n')", b = num(1234567), "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("n")), NULL);
    Py_DECREF(t); Py_DECREF(b);
    meth("format(1234567, '_')", b = num(1234567), "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("_")), NULL);
    Py_DECREF(t); Py_DECREF(b);
    meth("format(-1234567, '020,')", b = num(-1234567), "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("020,")), NULL);
    Py_DECREF(t); Py_DECREF(b);
    meth("format(255, '#X')", b = num(255), "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("#X")), NULL);
    Py_DECREF(t); Py_DECREF(b);
    meth("format(255, '#b')", b = num(255), "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("#b")), NULL);
    Py_DECREF(t); Py_DECREF(b);
    b = PyNumber_Power(t = num(10), kw = num(400), Py_None);
    Py_DECREF(t); Py_DECREF(kw);
    meth("format(10**400, 'e')", b, "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("e")), NULL);
    Py_DECREF(t);
    meth("format(10**400, 'x')", b, "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("x")), NULL);
    Py_DECREF(t);
    meth("format(10**400, 'c')", b, "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("c")), NULL);
    Py_DECREF(t); Py_DECREF(b);
    meth("format(True, '')", Py_True, "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("")), NULL);
    Py_DECREF(t);
    meth("format(True, 'd')", Py_True, "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("d")), NULL);
    Py_DECREF(t);
    meth("format(True, 'q')", Py_True, "__format__", PyTuple_Pack(1, t = PyUnicode_FromString("q")), NULL);
    Py_DECREF(t);
    meth("round(1234567, -2)", a, "__round__", PyTuple_Pack(1, t = num(-2)), NULL);
    Py_DECREF(t);
    meth("round(1234567, -20)", a, "__round__", PyTuple_Pack(1, t = num(-20)), NULL);
    Py_DECREF(t);
    meth("(1234567).to_bytes(2)", a, "to_bytes", PyTuple_Pack(1, t = num(2)), NULL);
    Py_DECREF(t);
    meth("(1234567).to_bytes(4, 'middle')", a, "to_bytes", PyTuple_Pack(2, t = num(4), b = PyUnicode_FromString("middle")), NULL);
    Py_DECREF(t); Py_DECREF(b);
    meth("(1234567).to_bytes(2**62)", a, "to_bytes", PyTuple_Pack(1, t = parse("4611686018427387904")), NULL);
    Py_DECREF(t);
    meth("(1234567).to_bytes(2**64)", a, "to_bytes", PyTuple_Pack(1, t = parse("18446744073709551616")), NULL);
    Py_DECREF(t);
    meth("(1234567).to_bytes(-1)", a, "to_bytes", PyTuple_Pack(1, t = num(-1)), NULL);
    Py_DECREF(t);
    meth("(1234567).to_bytes(1, 'big', 3)", a, "to_bytes", PyTuple_Pack(3, t = num(1), b = PyUnicode_FromString("big"), Py_True), NULL);
    Py_DECREF(t); Py_DECREF(b);
    meth("(1234567).to_bytes(foo=1)", a, "to_bytes", PyTuple_New(0), Py_BuildValue("{s:i}", "foo", 1));
    show("(1234567).real", PyObject_GetAttrString(a, "real"));
    show("(1234567).imag", PyObject_GetAttrString(a, "imag"));
    show("(1234567).numerator", PyObject_GetAttrString(a, "numerator"));
    show("(1234567).denominator", PyObject_GetAttrString(a, "denominator"));
    show("True.real", PyObject_GetAttrString(Py_True, "real"));
    Py_DECREF(a);
    a = (PyObject *)&PyLong_Type;
    meth("int.from_bytes(b'\\xff\\x01', 'little', signed=True)", a, "from_bytes",
         PyTuple_Pack(2, t = PyBytes_FromStringAndSize("\xff\x01", 2), b = PyUnicode_FromString("little")),
         Py_BuildValue("{s:O}", "signed", Py_True));
    Py_DECREF(b);
    meth("int.from_bytes(b'\\xff\\x01')", a, "from_bytes", PyTuple_Pack(1, t), NULL);
    Py_DECREF(t);
    meth("int.from_bytes(b'\\x80' * 9, signed=True)", a, "from_bytes",
         PyTuple_Pack(1, t = PyBytes_FromStringAndSize("\x80\x80\x80\x80\x80\x80\x80\x80\x80", 9)),
         Py_BuildValue("{s:O}", "signed", Py_True));
    Py_DECREF(t);
    meth("int.from_bytes(3)", a, "from_bytes", PyTuple_Pack(1, t = num(3)), NULL);
    Py_DECREF(t);
    meth("int.from_bytes()", a, "from_bytes", PyTuple_New(0), NULL);

    /* int() through the type. */
    show("int()", PyObject_CallObject(a, NULL));
    show("int('  0x_1F ', 0)", PyObject_Call(a, t = Py_BuildValue("(si)", "  0x_1F ", 0), NULL));
    Py_DECREF(t);
    show("int('z', base=36)", PyObject_Call(a, t = Py_BuildValue("(s)", "z"), kw = Py_BuildValue("{s:i}", "base", 36)));
    Py_DECREF(t); Py_DECREF(kw);
    show("int('010', 0)", PyObject_Call(a, t = Py_BuildValue("(si)", "010", 0), NULL));
    Py_DECREF(t);
    show("int('1', 37)", PyObject_Call(a, t = Py_BuildValue("(si)", "1", 37), NULL));
    Py_DECREF(t);
    show("int(5, 10)", PyObject_Call(a, t = Py_BuildValue("(ii)", 5, 10), NULL));
    Py_DECREF(t);
    show("int(base=2)", PyObject_Call(a, t = PyTuple_New(0), kw = Py_BuildValue("{s:i}", "base", 2)));
    Py_DECREF(t); Py_DECREF(kw);
    show("int(x=2)", PyObject_Call(a, t = PyTuple_New(0), kw = Py_BuildValue("{s:i}", "x", 2)));
    Py_DECREF(t); Py_DECREF(kw);
    show("int('1', 2, 3)", PyObject_Call(a, t = Py_BuildValue("(sii)", "1", 2, 3), NULL));
    Py_DECREF(t);
    show("int('9' * 5000)", PyObject_Call(a, t = Py_BuildValue("(N)", PyUnicode_FromFormat("%05000d", 9)), NULL));
    Py_DECREF(t);
    subclass();
    return finish();
}
