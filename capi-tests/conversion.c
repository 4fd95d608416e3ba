// test: differential
/* PyOS_double_to_string with every format code and flag, and
 * PyOS_string_to_double with and without endptr and overflow exception. */
#include "testing.h"

static void d2s(double x, char code, int precision, int flags)
{
    int type = -1;
    char *s = PyOS_double_to_string(x, code, precision, flags, &type);
    printf("d2s(%.17g, '%c', %d, %d): ", x, code, precision, flags);
    if (s == NULL) {
        printf("NULL ");
        print_error();
        printf("\n");
        return;
    }
    printf("'%s' type=%d\n", s, type);
    PyMem_Free(s);
}

static void s2d(const char *s, int use_end, PyObject *exc)
{
    char *end = NULL;
    double v = PyOS_string_to_double(s, use_end ? &end : NULL, exc);
    printf("s2d('%s', %s, %s): %.17g", s, use_end ? "&end" : "NULL",
           exc == NULL ? "NULL" : "OverflowError", v);
    if (use_end) {
        printf(" consumed=%d", (int)(end - s));
    }
    if (PyErr_Occurred()) {
        printf(" raised ");
        print_error();
    }
    printf("\n");
}

int main(void)
{
    static const double xs[] = {
        0.0, -0.0, 1.0, -1.5, 0.1, 1e16, 1e-5, 123456.789, 5e-324, 1.7976931348623157e308,
        2.5, 0.5, 1e22, -1e-7, 100.0,
    };
    static const char codes[] = {'e', 'E', 'f', 'F', 'g', 'G'};
    static const int precisions[] = {0, 1, 3, 17};
    static const int flag_sets[] = {
        0, Py_DTSF_SIGN, Py_DTSF_ADD_DOT_0, Py_DTSF_ALT, Py_DTSF_NO_NEG_0,
        Py_DTSF_SIGN | Py_DTSF_ALT | Py_DTSF_ADD_DOT_0,
    };
    static const char *const texts[] = {
        "1.5", "1.5abc", "abc", "", " 1.5", "1e500", "-1e500", "1e-500", "inf", "-Infinity",
        "nan", "0x1p3", "1_0", "1e", ".5", "5.", "+.e1", "1.7976931348623159e308", "-0",
        "infinit", "nanx", "9" "999999999999999999999999999999999",
    };
    size_t i, j, k, l;
    int type = -1;
    start();

    for (i = 0; i < Py_ARRAY_LENGTH(xs); i++) {
        d2s(xs[i], 'r', 0, 0);
        d2s(xs[i], 'r', 0, Py_DTSF_ADD_DOT_0);
        d2s(xs[i], 'r', 0, Py_DTSF_SIGN);
        for (j = 0; j < Py_ARRAY_LENGTH(codes); j++) {
            for (k = 0; k < Py_ARRAY_LENGTH(precisions); k++) {
                for (l = 0; l < Py_ARRAY_LENGTH(flag_sets); l++) {
                    d2s(xs[i], codes[j], precisions[k], flag_sets[l]);
                }
            }
        }
    }
    d2s(Py_INFINITY, 'f', 2, 0);
    d2s(-Py_INFINITY, 'E', 2, Py_DTSF_SIGN);
    d2s(Py_INFINITY, 'r', 0, Py_DTSF_SIGN);
    d2s(Py_NAN, 'g', 2, 0);
    d2s(Py_NAN, 'G', 2, Py_DTSF_SIGN);
    d2s(-0.0001, 'f', 2, Py_DTSF_NO_NEG_0);
    d2s(-0.0001, 'f', 2, 0);
    d2s(1.0, 'x', 0, 0);
    d2s(1.0, 'r', 3, 0);
    d2s(1.0, '%', 2, 0);
    {
        char *s = PyOS_double_to_string(2.5, 'g', 3, 0, NULL);
        printf("ptype NULL: '%s'\n", s);
        PyMem_Free(s);
    }
    printf("Py_DTST: %d %d %d\n", Py_DTST_FINITE, Py_DTST_INFINITE, Py_DTST_NAN);
    (void)type;

    for (i = 0; i < Py_ARRAY_LENGTH(texts); i++) {
        s2d(texts[i], 0, NULL);
        s2d(texts[i], 1, NULL);
        s2d(texts[i], 0, PyExc_OverflowError);
        s2d(texts[i], 1, PyExc_OverflowError);
    }
    return finish();
}
