/* int C API added in CPython 3.14 (not in 3.13, so checked against the
 * expected output): fixed-width conversions, sign predicates, PEP 757's
 * export and writer. */
#include "testing.h"

static PyObject *dec(const char *s) { return PyLong_FromString(s, NULL, 10); }

int main(void)
{
    PyObject *o;
    int32_t i32;
    uint32_t u32;
    int64_t i64;
    uint64_t u64;
    int sign, rc;
    start();

    show("FromInt32(INT32_MIN)", PyLong_FromInt32(INT32_MIN));
    show("FromUInt32(UINT32_MAX)", PyLong_FromUInt32(UINT32_MAX));
    show("FromInt64(INT64_MIN)", PyLong_FromInt64(INT64_MIN));
    show("FromUInt64(UINT64_MAX)", PyLong_FromUInt64(UINT64_MAX));

    o = dec("2147483647");
    rc = PyLong_AsInt32(o, &i32);
    printf("AsInt32(2**31-1): %d %d\n", rc, i32);
    Py_DECREF(o);
    o = dec("2147483648");
    show_int("AsInt32(2**31)", PyLong_AsInt32(o, &i32));
    rc = PyLong_AsUInt32(o, &u32);
    printf("AsUInt32(2**31): %d %u\n", rc, u32);
    Py_DECREF(o);
    o = dec("-1");
    show_int("AsUInt32(-1)", PyLong_AsUInt32(o, &u32));
    rc = PyLong_AsInt64(o, &i64);
    printf("AsInt64(-1): %d %lld\n", rc, (long long)i64);
    show_int("AsUInt64(-1)", PyLong_AsUInt64(o, &u64));
    Py_DECREF(o);
    o = dec("18446744073709551615");
    rc = PyLong_AsUInt64(o, &u64);
    printf("AsUInt64(2**64-1): %d %llu\n", rc, (unsigned long long)u64);
    show_int("AsInt64(2**64-1)", PyLong_AsInt64(o, &i64));
    Py_DECREF(o);
    o = dec("18446744073709551616");
    show_int("AsUInt64(2**64)", PyLong_AsUInt64(o, &u64));
    Py_DECREF(o);
    o = PyUnicode_FromString("x");
    show_int("AsInt64('x')", PyLong_AsInt64(o, &i64));
    show_int("GetSign('x')", PyLong_GetSign(o, &sign));
    show_int("IsZero('x')", PyLong_IsZero(o));
    Py_DECREF(o);
    rc = PyLong_AsInt32(Py_True, &i32);
    printf("AsInt32(True): %d %d\n", rc, i32);

    o = dec("-12345678901234567890");
    rc = PyLong_GetSign(o, &sign);
    printf("GetSign(-big): %d %d\n", rc, sign);
    printf("IsPositive/IsNegative/IsZero(-big): %d %d %d\n", PyLong_IsPositive(o),
           PyLong_IsNegative(o), PyLong_IsZero(o));
    Py_DECREF(o);
    o = dec("0");
    rc = PyLong_GetSign(o, &sign);
    printf("GetSign(0): %d %d\n", rc, sign);
    printf("IsPositive/IsNegative/IsZero(0): %d %d %d\n", PyLong_IsPositive(o),
           PyLong_IsNegative(o), PyLong_IsZero(o));
    Py_DECREF(o);

    {
        const PyLongLayout *layout = PyLong_GetNativeLayout();
        PyLongExport e;
        printf("layout: bits %d size %d order %d endian %d\n", layout->bits_per_digit,
               layout->digit_size, layout->digits_order, layout->digit_endianness);
        o = dec("-9223372036854775808");
        rc = PyLong_Export(o, &e);
        printf("Export(INT64_MIN): %d value %lld digits %s\n", rc, (long long)e.value,
               e.digits == NULL ? "NULL" : "set");
        PyLong_FreeExport(&e);
        Py_DECREF(o);
        o = dec("-1267650600228229401496703205377");
        rc = PyLong_Export(o, &e);
        printf("Export(-(2**100+1)): %d negative %d ndigits %zd digits", rc, e.negative, e.ndigits);
        for (Py_ssize_t i = 0; i < e.ndigits; i++) {
            printf(" %u", ((const uint32_t *)e.digits)[i]);
        }
        printf("\n");
        PyLong_FreeExport(&e);
        Py_DECREF(o);
        o = PyUnicode_FromString("x");
        show_int("Export('x')", PyLong_Export(o, &e));
        Py_DECREF(o);
    }

    {
        void *digits;
        PyLongWriter *w = PyLongWriter_Create(1, 2, &digits);
        ((uint32_t *)digits)[0] = 5;
        ((uint32_t *)digits)[1] = 1;
        show("Writer(-, [5, 1])", PyLongWriter_Finish(w));
        w = PyLongWriter_Create(0, 3, &digits);
        ((uint32_t *)digits)[0] = 7;
        ((uint32_t *)digits)[1] = 0;
        ((uint32_t *)digits)[2] = 0;
        o = PyLongWriter_Finish(w);
        check("Writer(+, [7, 0, 0]) is 7", o == PyLong_FromLong(7));
        show("  value", o);
        w = PyLongWriter_Create(1, 1, &digits);
        ((uint32_t *)digits)[0] = 0;
        show("Writer(-, [0])", PyLongWriter_Finish(w));
        w = PyLongWriter_Create(0, 1, &digits);
        PyLongWriter_Discard(w);
        show("Writer_Create(0 digits)", (PyObject *)PyLongWriter_Create(0, 0, &digits));
        show("Writer_Create(PY_SSIZE_T_MAX digits)", (PyObject *)PyLongWriter_Create(0, PY_SSIZE_T_MAX, &digits));
        show("Writer_Create(2**40 digits)", (PyObject *)PyLongWriter_Create(0, (Py_ssize_t)1 << 40, &digits));
    }
    return finish();
}
