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

/* Shows PyLong_AsNativeBytes(v, buf, n, flags): the returned size and the
 * buffer's bytes; steals v. */
static void native(const char *label, PyObject *v, Py_ssize_t n, int flags)
{
    unsigned char buf[16];
    Py_ssize_t r, i;
    memset(buf, 0xAA, sizeof buf);
    r = PyLong_AsNativeBytes(v, buf, n, flags);
    printf("%s: %zd [", label, r);
    for (i = 0; i < n; i++) {
        printf("%s%02x", i ? " " : "", buf[i]);
    }
    printf("]");
    if (PyErr_Occurred()) {
        printf(" raised ");
        print_error();
    }
    printf("\n");
    Py_XDECREF(v);
}

/* A value from its decimal text. */
static PyObject *dec(const char *s) { return PyLong_FromString(s, NULL, 10); }

/* Runs f on the value of text s and shows the integer result; f must not
 * steal. */
#define CONV(label, f, s)                                 \
    do {                                                  \
        PyObject *v_ = dec(s);                            \
        show_int(label, (long long)f(v_));                \
        Py_DECREF(v_);                                    \
    } while (0)

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

    /* Limits of every C conversion. */
    CONV("AsLong(LONG_MAX)", PyLong_AsLong, "9223372036854775807");
    CONV("AsLong(LONG_MIN)", PyLong_AsLong, "-9223372036854775808");
    CONV("AsLong(2**63)", PyLong_AsLong, "9223372036854775808");
    CONV("AsLong(-2**63-1)", PyLong_AsLong, "-9223372036854775809");
    CONV("AsLong(2**64)", PyLong_AsLong, "18446744073709551616");
    CONV("AsLongLong(2**63)", PyLong_AsLongLong, "9223372036854775808");
    CONV("AsLongLong(LLONG_MIN)", PyLong_AsLongLong, "-9223372036854775808");
    CONV("AsSsize_t(-2**63-1)", PyLong_AsSsize_t, "-9223372036854775809");
    CONV("AsSsize_t(2**63-1)", PyLong_AsSsize_t, "9223372036854775807");
    CONV("AsInt(2**31-1)", PyLong_AsInt, "2147483647");
    CONV("AsInt(2**31)", PyLong_AsInt, "2147483648");
    CONV("AsInt(-2**31)", PyLong_AsInt, "-2147483648");
    CONV("AsInt(-2**31-1)", PyLong_AsInt, "-2147483649");
    printf("AsUnsignedLong(ULONG_MAX): %lu\n", PyLong_AsUnsignedLong(o = dec("18446744073709551615")));
    Py_DECREF(o);
    CONV("AsUnsignedLong(2**64)", PyLong_AsUnsignedLong, "18446744073709551616");
    CONV("AsUnsignedLongLong(-1)", PyLong_AsUnsignedLongLong, "-1");
    CONV("AsUnsignedLongLong(2**64)", PyLong_AsUnsignedLongLong, "18446744073709551616");
    printf("AsUnsignedLongLong(2**64-1): %llu\n", PyLong_AsUnsignedLongLong(o = dec("18446744073709551615")));
    Py_DECREF(o);
    CONV("AsSize_t(2**64)", PyLong_AsSize_t, "18446744073709551616");
    printf("AsUnsignedLongMask(-1): %lu\n", PyLong_AsUnsignedLongMask(o = dec("-1")));
    Py_DECREF(o);
    printf("AsUnsignedLongMask(2**64+5): %lu\n", PyLong_AsUnsignedLongMask(o = dec("18446744073709551621")));
    Py_DECREF(o);
    printf("AsUnsignedLongMask(-2**70-1): %lu\n", PyLong_AsUnsignedLongMask(o = dec("-1180591620717411303425")));
    Py_DECREF(o);
    printf("AsUnsignedLongLongMask(-2): %llu\n", PyLong_AsUnsignedLongLongMask(o = dec("-2")));
    Py_DECREF(o);
    show_double("AsDouble(2**53+1)", PyLong_AsDouble(o = dec("9007199254740993")));
    Py_DECREF(o);
    {
        /* DBL_MAX = 2**1024 - 2**971; halfway to the next is 2**1024 - 2**970. */
        PyObject *one = num(1), *e1 = num(1024), *e2 = num(970), *top, *half, *below;
        top = PyNumber_Lshift(one, e1);
        half = PyNumber_Subtract(top, o = PyNumber_Lshift(one, e2));
        Py_DECREF(o);
        below = PyNumber_Subtract(half, one);
        show_double("AsDouble(2**1024-2**970)", PyLong_AsDouble(half));
        show_double("AsDouble(2**1024-2**970-1)", PyLong_AsDouble(below));
        show_double("AsDouble(-(2**1024-2**970-1))", PyLong_AsDouble(o = PyNumber_Negative(below)));
        Py_DECREF(o);
        Py_DECREF(one); Py_DECREF(e1); Py_DECREF(e2); Py_DECREF(top); Py_DECREF(half); Py_DECREF(below);
    }
    CONV("AsLongLong(-2**64)", PyLong_AsLongLong, "-18446744073709551616");
    o = dec("-18446744073709551616");
    show_int("AsLongLongAndOverflow(-2**64)", PyLong_AsLongLongAndOverflow(o, &overflow));
    show_int("  overflow", overflow);
    Py_DECREF(o);
    o = dec("-9223372036854775808");
    show_int("AsLongAndOverflow(LONG_MIN)", PyLong_AsLongAndOverflow(o, &overflow));
    show_int("  overflow", overflow);
    Py_DECREF(o);
    o = PyUnicode_FromString("x");
    show_int("AsLongAndOverflow('x')", PyLong_AsLongAndOverflow(o, &overflow));
    show_int("AsSsize_t('x')", PyLong_AsSsize_t(o));
    show_int("AsSize_t('x')", (long long)PyLong_AsSize_t(o));
    show_int("AsUnsignedLongLong('x')", (long long)PyLong_AsUnsignedLongLong(o));
    show_int("AsUnsignedLongMask('x')", (long long)PyLong_AsUnsignedLongMask(o));
    show_int("AsInt('x')", PyLong_AsInt(o));
    show_double("AsDouble('x')", PyLong_AsDouble(o));
    show("FromUnicodeObject('x', 36)", PyLong_FromUnicodeObject(o, 36));
    show("FromUnicodeObject('x', 10)", PyLong_FromUnicodeObject(o, 10));
    Py_DECREF(o);
    o = PyFloat_FromDouble(2.5);
    show_double("AsDouble(2.5)", PyLong_AsDouble(o));
    Py_DECREF(o);
    show_int("AsLong(True)", PyLong_AsLong(Py_True));
    show_int("AsLong(NULL)", PyLong_AsLong(NULL));
    show_int("AsLongLong(NULL)", PyLong_AsLongLong(NULL));
    show_int("AsSsize_t(NULL)", PyLong_AsSsize_t(NULL));
    show_int("AsUnsignedLong(NULL)", (long long)PyLong_AsUnsignedLong(NULL));
    show_int("AsUnsignedLongMask(NULL)", (long long)PyLong_AsUnsignedLongMask(NULL));
    show_double("AsDouble(NULL)", PyLong_AsDouble(NULL));
    show_int("AsInt(NULL)", PyLong_AsInt(NULL));
    o = PyLong_FromVoidPtr((void *)&overflow);
    check("AsVoidPtr(FromVoidPtr(p)) == p", PyLong_AsVoidPtr(o) == (void *)&overflow);
    Py_DECREF(o);
    o = dec("-1");
    check("AsVoidPtr(-1) == (void*)-1", PyLong_AsVoidPtr(o) == (void *)-1);
    Py_DECREF(o);
    o = dec("18446744073709551616");
    check("AsVoidPtr(2**64) == NULL", PyLong_AsVoidPtr(o) == NULL);
    print_error();
    printf("\n");
    Py_DECREF(o);

    /* Parsing. */
    {
        const char *text = "  -0b1_01  ";
        char *end = NULL;
        show("FromString('  -0b1_01  ', 0)", PyLong_FromString(text, &end, 0));
        show_int("  consumed", (long long)(end - text));
        show("FromString('12 34', 10)", PyLong_FromString("12 34", &end, 10));
        show("FromString('', 10)", PyLong_FromString("", NULL, 10));
        show("FromString('0o17', 8)", PyLong_FromString("0o17", NULL, 8));
        show("FromString('017', 0)", PyLong_FromString("017", NULL, 0));
        show("FromString('0', 0)", PyLong_FromString("00", NULL, 0));
        show("FromString('1', 1)", PyLong_FromString("1", NULL, 1));
        show("FromString('1', 37)", PyLong_FromString("1", NULL, 37));
        show("FromString('-1_', 10)", PyLong_FromString("-1_", NULL, 10));
        show("FromString(big hex)", PyLong_FromString("-0xDEADBEEFCAFEBABE0123456789abcdef", NULL, 16));
    }
    show("FromDouble(-0.0)", PyLong_FromDouble(-0.0));
    show("FromDouble(1.5e300)", PyLong_FromDouble(1.5e300));
    show("FromDouble(-9.3e18)", PyLong_FromDouble(-9.3e18));
    show("FromUnsignedLongLong(2**63)", PyLong_FromUnsignedLongLong(1ULL << 63));

    /* Small ints are cached; others are new objects. */
    o = PyLong_FromLong(256);
    big = PyLong_FromLong(256);
    check("256 is 256", o == big);
    Py_DECREF(o); Py_DECREF(big);
    o = PyLong_FromLong(-5);
    big = PyLong_FromString("-5", NULL, 10);
    check("-5 is -5", o == big);
    Py_DECREF(o); Py_DECREF(big);
    o = PyLong_FromLong(257);
    big = PyLong_FromLong(257);
    check("257 is not 257", o != big);
    Py_DECREF(o); Py_DECREF(big);

    /* Native bytes (3.13). */
    native("AsNativeBytes(1, 4, default)", dec("1"), 4, -1);
    native("AsNativeBytes(-1, 4, default)", dec("-1"), 4, -1);
    native("AsNativeBytes(255, 1, big)", dec("255"), 1, Py_ASNATIVEBYTES_BIG_ENDIAN);
    native("AsNativeBytes(255, 1, unsigned)", dec("255"), 1, Py_ASNATIVEBYTES_BIG_ENDIAN | Py_ASNATIVEBYTES_UNSIGNED_BUFFER);
    native("AsNativeBytes(-128, 1, big)", dec("-128"), 1, Py_ASNATIVEBYTES_BIG_ENDIAN);
    native("AsNativeBytes(-129, 1, little)", dec("-129"), 1, Py_ASNATIVEBYTES_LITTLE_ENDIAN);
    native("AsNativeBytes(0x123456, 2, little)", dec("1193046"), 2, Py_ASNATIVEBYTES_LITTLE_ENDIAN);
    native("AsNativeBytes(2**63, 8, big)", dec("9223372036854775808"), 8, Py_ASNATIVEBYTES_BIG_ENDIAN);
    native("AsNativeBytes(2**63, 8, unsigned)", dec("9223372036854775808"), 8, Py_ASNATIVEBYTES_BIG_ENDIAN | Py_ASNATIVEBYTES_UNSIGNED_BUFFER);
    native("AsNativeBytes(-2**63, 8, big)", dec("-9223372036854775808"), 8, Py_ASNATIVEBYTES_BIG_ENDIAN);
    native("AsNativeBytes(-2**63-1, 8, big)", dec("-9223372036854775809"), 8, Py_ASNATIVEBYTES_BIG_ENDIAN);
    native("AsNativeBytes(2**64-1, 8, little)", dec("18446744073709551615"), 8, Py_ASNATIVEBYTES_LITTLE_ENDIAN);
    native("AsNativeBytes(2**64-1, 8, unsigned)", dec("18446744073709551615"), 8, Py_ASNATIVEBYTES_LITTLE_ENDIAN | Py_ASNATIVEBYTES_UNSIGNED_BUFFER);
    native("AsNativeBytes(-2**100, 16, big)", dec("-1267650600228229401496703205376"), 16, Py_ASNATIVEBYTES_BIG_ENDIAN);
    native("AsNativeBytes(2**100, 0, big)", dec("1267650600228229401496703205376"), 0, Py_ASNATIVEBYTES_BIG_ENDIAN);
    native("AsNativeBytes(-3, 12, big)", dec("-3"), 12, Py_ASNATIVEBYTES_BIG_ENDIAN);
    native("AsNativeBytes(-3, 4, reject negative)", dec("-3"), 4, Py_ASNATIVEBYTES_NATIVE_ENDIAN | Py_ASNATIVEBYTES_REJECT_NEGATIVE);
    native("AsNativeBytes('x', 4, allow index)", PyUnicode_FromString("x"), 4, Py_ASNATIVEBYTES_NATIVE_ENDIAN | Py_ASNATIVEBYTES_ALLOW_INDEX);
    native("AsNativeBytes(True, 4, allow index)", Py_NewRef(Py_True), 4, Py_ASNATIVEBYTES_NATIVE_ENDIAN | Py_ASNATIVEBYTES_ALLOW_INDEX);
    native("AsNativeBytes(2.5, 4, default)", PyFloat_FromDouble(2.5), 4, -1);
    {
        unsigned char b[9] = {0xff, 0xff, 0x00, 0x80, 0x01, 0x02, 0x03, 0x04, 0x80};
        show("FromNativeBytes(ff ff, big)", PyLong_FromNativeBytes(b, 2, Py_ASNATIVEBYTES_BIG_ENDIAN));
        show("FromNativeBytes(ff ff, unsigned)", PyLong_FromNativeBytes(b, 2, Py_ASNATIVEBYTES_BIG_ENDIAN | Py_ASNATIVEBYTES_UNSIGNED_BUFFER));
        show("FromUnsignedNativeBytes(ff ff 00, little)", PyLong_FromUnsignedNativeBytes(b, 3, Py_ASNATIVEBYTES_LITTLE_ENDIAN));
        show("FromNativeBytes(9 bytes, little)", PyLong_FromNativeBytes(b, 9, Py_ASNATIVEBYTES_LITTLE_ENDIAN));
        show("FromNativeBytes(9 bytes, big)", PyLong_FromNativeBytes(b, 9, Py_ASNATIVEBYTES_BIG_ENDIAN));
        show("FromNativeBytes(0 bytes)", PyLong_FromNativeBytes(b, 0, -1));
    }

    /* sys.int_info through the C API (a struct sequence in CPython). */
    o = PyLong_GetInfo();
    for (Py_ssize_t i = 0; o != NULL && i < 4; i++) {
        show("  int_info item", PySequence_GetItem(o, i));
    }
    show_int("  int_info length", PySequence_Size(o));
    Py_XDECREF(o);

    /* Private helpers that extensions still call. */
    {
        unsigned char buf[4] = {0xAA, 0xAA, 0xAA, 0xAA};
        const unsigned char src[3] = {0x01, 0x02, 0xff};
        show_int("_PyLong_Sign(-3)", _PyLong_Sign(o = dec("-3")));
        Py_DECREF(o);
        show_int("_PyLong_Sign(0)", _PyLong_Sign(o = dec("0")));
        Py_DECREF(o);
        show_int("_PyLong_NumBits(-2**64)", (long long)_PyLong_NumBits(o = dec("-18446744073709551616")));
        Py_DECREF(o);
        show_int("_PyLong_NumBits(0)", (long long)_PyLong_NumBits(o = dec("0")));
        Py_DECREF(o);
        show("_PyLong_FromByteArray(01 02 ff, little, signed)", _PyLong_FromByteArray(src, 3, 1, 1));
        show("_PyLong_FromByteArray(01 02 ff, big, unsigned)", _PyLong_FromByteArray(src, 3, 0, 0));
        show("_PyLong_FromByteArray(empty)", _PyLong_FromByteArray(src, 0, 0, 1));
        o = dec("-2");
        show_int("_PyLong_AsByteArray(-2, 4, big, signed)", _PyLong_AsByteArray((PyLongObject *)o, buf, 4, 0, 1, 1));
        printf("  %02x %02x %02x %02x\n", buf[0], buf[1], buf[2], buf[3]);
        show_int("_PyLong_AsByteArray(-2, 4, unsigned)", _PyLong_AsByteArray((PyLongObject *)o, buf, 4, 0, 0, 1));
        Py_DECREF(o);
        o = dec("4294967296");
        show_int("_PyLong_AsByteArray(2**32, 4, little)", _PyLong_AsByteArray((PyLongObject *)o, buf, 4, 1, 0, 1));
        show_int("_PyLong_AsByteArray(2**32, 4, no exc)", _PyLong_AsByteArray((PyLongObject *)o, buf, 4, 1, 0, 0));
        Py_DECREF(o);
        o = dec("-48");
        big = dec("180");
        show("_PyLong_GCD(-48, 180)", _PyLong_GCD(o, big));
        Py_DECREF(o); Py_DECREF(big);
    }

    /* The compact-int API (unstable, 3.12+). */
    o = dec("-1073741823");
    check("IsCompact(-(2**30-1))", PyUnstable_Long_IsCompact((PyLongObject *)o));
    show_int("CompactValue(-(2**30-1))", PyUnstable_Long_CompactValue((PyLongObject *)o));
    Py_DECREF(o);
    o = dec("1073741824");
    check("IsCompact(2**30)", PyUnstable_Long_IsCompact((PyLongObject *)o));
    Py_DECREF(o);
    return finish();
}
