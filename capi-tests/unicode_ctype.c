// test: differential
// test: no-leakcheck
/* (left out of the valgrind run: it walks every code point, far too slow
 * under valgrind, and keeps nothing alive between calls) */
/* The character-property functions behind Py_UNICODE_IS* / Py_UNICODE_TO*,
 * checked over every code point: per function, a count and a checksum of
 * the results must equal CPython 3.13's (Unicode 15.1). Also str methods
 * that use the database, on every code point (isalpha, upper, ...). */
#include "testing.h"

#ifndef Py_UNICODE_ISSPACE
int _PyUnicode_IsWhitespace(Py_UCS4 ch);
int _PyUnicode_IsLinebreak(Py_UCS4 ch);
int _PyUnicode_IsLowercase(Py_UCS4 ch);
int _PyUnicode_IsUppercase(Py_UCS4 ch);
int _PyUnicode_IsTitlecase(Py_UCS4 ch);
int _PyUnicode_IsDecimalDigit(Py_UCS4 ch);
int _PyUnicode_IsDigit(Py_UCS4 ch);
int _PyUnicode_IsNumeric(Py_UCS4 ch);
int _PyUnicode_IsPrintable(Py_UCS4 ch);
int _PyUnicode_IsAlpha(Py_UCS4 ch);
Py_UCS4 _PyUnicode_ToLowercase(Py_UCS4 ch);
Py_UCS4 _PyUnicode_ToUppercase(Py_UCS4 ch);
Py_UCS4 _PyUnicode_ToTitlecase(Py_UCS4 ch);
int _PyUnicode_ToDecimalDigit(Py_UCS4 ch);
int _PyUnicode_ToDigit(Py_UCS4 ch);
double _PyUnicode_ToNumeric(Py_UCS4 ch);
#endif

typedef int (*pred)(Py_UCS4);
typedef Py_UCS4 (*mapf)(Py_UCS4);

int main(void)
{
    struct { const char *name; pred f; } preds[] = {
        {"IsWhitespace", _PyUnicode_IsWhitespace}, {"IsLinebreak", _PyUnicode_IsLinebreak},
        {"IsLowercase", _PyUnicode_IsLowercase}, {"IsUppercase", _PyUnicode_IsUppercase},
        {"IsTitlecase", _PyUnicode_IsTitlecase}, {"IsDecimalDigit", _PyUnicode_IsDecimalDigit},
        {"IsDigit", _PyUnicode_IsDigit}, {"IsNumeric", _PyUnicode_IsNumeric},
        {"IsPrintable", _PyUnicode_IsPrintable}, {"IsAlpha", _PyUnicode_IsAlpha},
        {"ToDecimalDigit", _PyUnicode_ToDecimalDigit}, {"ToDigit", _PyUnicode_ToDigit},
        {NULL, NULL}};
    struct { const char *name; mapf f; } maps[] = {
        {"ToLowercase", _PyUnicode_ToLowercase}, {"ToUppercase", _PyUnicode_ToUppercase},
        {"ToTitlecase", _PyUnicode_ToTitlecase}, {NULL, NULL}};
    const char *preds_m[] = {"isalpha", "isalnum", "isdecimal", "isdigit", "isnumeric",
                             "isspace", "islower", "isupper", "istitle", "isprintable",
                             "isidentifier", NULL};
    const char *maps_m[] = {"upper", "lower", "title", "casefold", "swapcase", "capitalize",
                            NULL};
    Py_UCS4 ch;
    int i;
    start();
    for (i = 0; preds[i].name; i++) {
        unsigned long long count = 0, sum = 0;
        for (ch = 0; ch < 0x110000; ch++) {
            int r = preds[i].f(ch);
            if (r != 0 && r != -1) {
                count++;
                sum = sum * 31 + ch * 7 + (unsigned)r;
            }
        }
        printf("%s: %llu %llx\n", preds[i].name, count, sum);
    }
    for (i = 0; maps[i].name; i++) {
        unsigned long long count = 0, sum = 0;
        for (ch = 0; ch < 0x110000; ch++) {
            Py_UCS4 r = maps[i].f(ch);
            if (r != ch) {
                count++;
                sum = sum * 31 + ch * 7 + r;
            }
        }
        printf("%s: %llu %llx\n", maps[i].name, count, sum);
    }
    {
        double total = 0;
        unsigned long long count = 0;
        for (ch = 0; ch < 0x110000; ch++) {
            double v = _PyUnicode_ToNumeric(ch);
            if (v != -1.0) {
                count++;
                total += v * (double)(ch % 97 + 1);
            }
        }
        printf("ToNumeric: %llu %.6f\n", count, total);
    }
    /* str predicates on single characters (all of U+0000..U+33FF, then a
     * sample), and case mappings on 1000-character chunks of every code
     * point (so context rules such as the final sigma apply too). */
    for (i = 0; preds_m[i]; i++) {
        unsigned long long count = 0, sum = 0;
        for (ch = 0; ch < 0x110000; ch += ch < 0x3400 ? 1 : 17) {
            PyObject *s = PyUnicode_FromOrdinal((int)ch);
            PyObject *r = PyObject_CallMethod(s, preds_m[i], NULL);
            if (r == NULL) {
                printf("%s(%x) raised\n", preds_m[i], (unsigned)ch);
                PyErr_Clear();
            } else if (r == Py_True) {
                count++;
                sum = sum * 31 + ch;
            }
            Py_XDECREF(r);
            Py_DECREF(s);
        }
        printf("str.%s: %llu %llx\n", preds_m[i], count, sum);
    }
    for (i = 0; maps_m[i]; i++) {
        unsigned long long sum = 0, len = 0;
        Py_UCS4 buf[1000];
        for (ch = 0; ch < 0x110000; ch += 1000) {
            Py_UCS4 k, n = ch + 1000 <= 0x110000 ? 1000 : 0x110000 - ch;
            PyObject *s, *r;
            for (k = 0; k < n; k++) {
                buf[k] = ch + k;
            }
            s = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, n);
            r = PyObject_CallMethod(s, maps_m[i], NULL);
            if (r == NULL) {
                printf("%s(chunk %x) raised\n", maps_m[i], (unsigned)ch);
                PyErr_Clear();
            } else {
                Py_ssize_t j, m = PyUnicode_GetLength(r);
                len += m;
                for (j = 0; j < m; j++) {
                    sum = sum * 31 + PyUnicode_ReadChar(r, j);
                }
            }
            Py_XDECREF(r);
            Py_DECREF(s);
        }
        printf("str.%s: %llu %llx\n", maps_m[i], len, sum);
    }
    return finish();
}
