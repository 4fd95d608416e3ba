/* The C-variadic functions of the C API. Stable Rust cannot define C
 * variadic functions, so each one here only walks its format string with
 * va_arg, stores the arguments in an array of tagged values, and hands the
 * array to a plain Rust export that does all the work (see
 * src/capi/format.rs). Every function defined here is listed after an
 * "export:" marker so build.rs can tell the linker to export it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

typedef struct _object PyObject;

/* Must match capi::format::VarArg. */
typedef struct {
    int tag; /* 0 signed, 1 unsigned, 2 pointer, 3 double */
    union {
        long long i;
        unsigned long long u;
        const void *p;
        double d;
    } v;
} FerrythonVarArg;

enum { ARG_SIGNED = 0, ARG_UNSIGNED = 1, ARG_POINTER = 2, ARG_DOUBLE = 3 };

extern PyObject *_Ferrython_UnicodeFromFormatArgs(const char *format, const FerrythonVarArg *args, size_t n);
extern void _Ferrython_ErrSetObjectStolen(PyObject *type, PyObject *value);
extern PyObject *PyErr_NoMemory(void);

/* Collects the arguments of a PyUnicode_FromFormat-style format.
 * Returns a malloc'd array (possibly empty) and its length, or NULL on
 * allocation failure. */
static FerrythonVarArg *collect_format_args(const char *f, va_list *va, size_t *n_out)
{
    size_t cap = 4, n = 0;
    for (const char *p = f; *p; p++)
        if (*p == '%' || *p == '*')
            cap += 2;
    FerrythonVarArg *a = malloc(cap * sizeof *a);
    if (a == NULL)
        return NULL;
    while (*f) {
        if (*f != '%') { f++; continue; }
        f++;
        if (*f == '%') { f++; continue; }
        /* flags */
        while (*f == '-' || *f == '0' || *f == '#') f++;
        if (*f == '*') { a[n].tag = ARG_SIGNED; a[n++].v.i = va_arg(*va, int); f++; }
        else while (*f >= '0' && *f <= '9') f++;
        if (*f == '.') {
            f++;
            if (*f == '*') { a[n].tag = ARG_SIGNED; a[n++].v.i = va_arg(*va, int); f++; }
            else while (*f >= '0' && *f <= '9') f++;
        }
        int longflag = 0, longlong = 0, size_tflag = 0, ptrdiff = 0, intmax = 0;
        if (*f == 'l') { if (f[1] == 'l') { longlong = 1; f += 2; } else { longflag = 1; f++; } }
        else if (*f == 'z') { size_tflag = 1; f++; }
        else if (*f == 't') { ptrdiff = 1; f++; }
        else if (*f == 'j') { intmax = 1; f++; }
        switch (*f) {
        case 'd': case 'i':
            a[n].tag = ARG_SIGNED;
            if (longlong) a[n].v.i = va_arg(*va, long long);
            else if (longflag) a[n].v.i = va_arg(*va, long);
            else if (size_tflag) a[n].v.i = va_arg(*va, ssize_t);
            else if (ptrdiff) a[n].v.i = va_arg(*va, ptrdiff_t);
            else if (intmax) a[n].v.i = va_arg(*va, intmax_t);
            else a[n].v.i = va_arg(*va, int);
            n++;
            break;
        case 'u': case 'x': case 'X': case 'o':
            a[n].tag = ARG_UNSIGNED;
            if (longlong) a[n].v.u = va_arg(*va, unsigned long long);
            else if (longflag) a[n].v.u = va_arg(*va, unsigned long);
            else if (size_tflag) a[n].v.u = va_arg(*va, size_t);
            else if (ptrdiff) a[n].v.u = (unsigned long long)va_arg(*va, ptrdiff_t);
            else if (intmax) a[n].v.u = va_arg(*va, uintmax_t);
            else a[n].v.u = va_arg(*va, unsigned int);
            n++;
            break;
        case 'c':
            a[n].tag = ARG_SIGNED; a[n++].v.i = va_arg(*va, int);
            break;
        case 'p': case 's': case 'U': case 'S': case 'R': case 'A': case 'T': case 'N':
            a[n].tag = ARG_POINTER; a[n++].v.p = va_arg(*va, const void *);
            break;
        case 'V':
            a[n].tag = ARG_POINTER; a[n++].v.p = va_arg(*va, const void *);
            a[n].tag = ARG_POINTER; a[n++].v.p = va_arg(*va, const void *);
            break;
        default:
            /* Unknown conversion: Rust reports it; stop collecting. */
            *n_out = n;
            return a;
        }
        if (*f) f++;
    }
    *n_out = n;
    return a;
}

// export: PyUnicode_FromFormatV
PyObject *PyUnicode_FromFormatV(const char *format, va_list vargs)
{
    va_list va;
    va_copy(va, vargs);
    size_t n = 0;
    FerrythonVarArg *args = collect_format_args(format, &va, &n);
    va_end(va);
    if (args == NULL)
        return PyErr_NoMemory();
    PyObject *r = _Ferrython_UnicodeFromFormatArgs(format, args, n);
    free(args);
    return r;
}

// export: PyUnicode_FromFormat
PyObject *PyUnicode_FromFormat(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *r = PyUnicode_FromFormatV(format, va);
    va_end(va);
    return r;
}

// export: PyErr_FormatV
PyObject *PyErr_FormatV(PyObject *exception, const char *format, va_list vargs)
{
    PyObject *msg = PyUnicode_FromFormatV(format, vargs);
    if (msg != NULL)
        _Ferrython_ErrSetObjectStolen(exception, msg);
    return NULL;
}

// export: PyErr_Format
PyObject *PyErr_Format(PyObject *exception, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyErr_FormatV(exception, format, va);
    va_end(va);
    return NULL;
}

extern PyObject *_Ferrython_TuplePackArray(ssize_t n, PyObject *const *items);

// export: PyTuple_Pack
PyObject *PyTuple_Pack(ssize_t n, ...)
{
    PyObject *small[8];
    PyObject **items = small;
    if (n > 8) {
        items = malloc((size_t)n * sizeof *items);
        if (items == NULL)
            return PyErr_NoMemory();
    }
    va_list va;
    va_start(va, n);
    for (ssize_t i = 0; i < n; i++)
        items[i] = va_arg(va, PyObject *);
    va_end(va);
    PyObject *r = _Ferrython_TuplePackArray(n, items);
    if (items != small)
        free(items);
    return r;
}
