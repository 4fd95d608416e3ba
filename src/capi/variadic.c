/* The C-variadic functions of the C API. Stable Rust cannot define C
 * variadic functions, so each one here only walks its format string with
 * va_arg, stores the arguments in an array of tagged values, and hands the
 * array to a plain Rust export that does all the work (see
 * src/capi/format.rs). Py_BuildValue instead hands its va_list to Rust,
 * which reads each argument through _Ferrython_VaArg as it builds. Every
 * function defined here is listed after an "export:" marker so build.rs can
 * tell the linker to export it. */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
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
extern int _Ferrython_AuditActive(void);
extern int _Ferrython_AuditBuilt(const char *event, PyObject *built);
extern int PySys_AuditTuple(const char *event, PyObject *args);

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

/* ---- Py_BuildValue and the calls built on it ---------------------------- */

extern PyObject *_Ferrython_BuildValueVa(const char *format, va_list *va);
extern PyObject *_Ferrython_CallArray(PyObject *callable, PyObject *const *args, size_t n);
extern PyObject *_Ferrython_CallMethodArray(PyObject *obj, PyObject *name, PyObject *const *args, size_t n);
extern PyObject *_Ferrython_CallWithBuiltArgs(PyObject *callable, PyObject *built);
extern PyObject *_Ferrython_GetAttrString(PyObject *obj, const char *name);
extern void Py_DecRef(PyObject *);

/* Must match capi::modsupport::VaKind. */
enum {
    VA_INT, VA_UINT, VA_LONG, VA_ULONG, VA_LLONG, VA_ULLONG, VA_SSIZE, VA_DOUBLE, VA_POINTER
};

/* The next argument of `*va`, of the C type `kind` names, widened to 64
 * bits (signed types sign-extended, a double as its bits): Py_BuildValue's
 * Rust half reads its arguments through this while it walks the format,
 * so the format is not walked once more here. */
uint64_t _Ferrython_VaArg(va_list *va, int kind)
{
    switch (kind) {
    case VA_INT: return (uint64_t)(int64_t)va_arg(*va, int);
    case VA_UINT: return va_arg(*va, unsigned int);
    case VA_LONG: return (uint64_t)(int64_t)va_arg(*va, long);
    case VA_ULONG: return va_arg(*va, unsigned long);
    case VA_LLONG: return (uint64_t)va_arg(*va, long long);
    case VA_ULLONG: return va_arg(*va, unsigned long long);
    case VA_SSIZE: return (uint64_t)(int64_t)va_arg(*va, ssize_t);
    case VA_DOUBLE: {
        double d = va_arg(*va, double);
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        return bits;
    }
    default: return (uint64_t)(uintptr_t)va_arg(*va, const void *);
    }
}

// export: Py_VaBuildValue
PyObject *Py_VaBuildValue(const char *format, va_list vargs)
{
    va_list va;
    va_copy(va, vargs);
    PyObject *r = _Ferrython_BuildValueVa(format, &va);
    va_end(va);
    return r;
}

// export: _Py_VaBuildValue_SizeT
PyObject *_Py_VaBuildValue_SizeT(const char *format, va_list vargs)
{
    return Py_VaBuildValue(format, vargs);
}

// export: Py_BuildValue
PyObject *Py_BuildValue(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *r = _Ferrython_BuildValueVa(format, &va);
    va_end(va);
    return r;
}

// export: _Py_BuildValue_SizeT
PyObject *_Py_BuildValue_SizeT(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *r = _Ferrython_BuildValueVa(format, &va);
    va_end(va);
    return r;
}

/* Calls `callable` with the value built from `format` (a tuple is the
 * argument list, anything else the single argument). */
static PyObject *call_with_format(PyObject *callable, const char *format, va_list va)
{
    if (callable == NULL)
        return _Ferrython_CallWithBuiltArgs(NULL, NULL);
    if (format == NULL || *format == '\0')
        return _Ferrython_CallArray(callable, NULL, 0);
    PyObject *built = Py_VaBuildValue(format, va);
    if (built == NULL)
        return NULL;
    return _Ferrython_CallWithBuiltArgs(callable, built);
}

// export: PyObject_CallFunction
PyObject *PyObject_CallFunction(PyObject *callable, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *r = call_with_format(callable, format, va);
    va_end(va);
    return r;
}

// export: _PyObject_CallFunction_SizeT
PyObject *_PyObject_CallFunction_SizeT(PyObject *callable, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *r = call_with_format(callable, format, va);
    va_end(va);
    return r;
}

// export: PyEval_CallFunction
PyObject *PyEval_CallFunction(PyObject *callable, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *r = call_with_format(callable, format, va);
    va_end(va);
    return r;
}

static PyObject *call_method_with_format(PyObject *obj, const char *name, const char *format, va_list va)
{
    PyObject *m = _Ferrython_GetAttrString(obj, name);
    if (m == NULL)
        return NULL;
    PyObject *r = call_with_format(m, format, va);
    Py_DecRef(m);
    return r;
}

// export: PyObject_CallMethod
PyObject *PyObject_CallMethod(PyObject *obj, const char *name, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *r = call_method_with_format(obj, name, format, va);
    va_end(va);
    return r;
}

// export: _PyObject_CallMethod_SizeT
PyObject *_PyObject_CallMethod_SizeT(PyObject *obj, const char *name, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *r = call_method_with_format(obj, name, format, va);
    va_end(va);
    return r;
}

// export: PyEval_CallMethod
PyObject *PyEval_CallMethod(PyObject *obj, const char *name, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *r = call_method_with_format(obj, name, format, va);
    va_end(va);
    return r;
}

/* Collects a NULL-terminated list of objects. */
static PyObject **collect_objects(va_list *va, size_t *n_out)
{
    va_list count;
    va_copy(count, *va);
    size_t n = 0;
    while (va_arg(count, PyObject *) != NULL)
        n++;
    va_end(count);
    PyObject **a = malloc((n + 1) * sizeof *a);
    if (a == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        a[i] = va_arg(*va, PyObject *);
    *n_out = n;
    return a;
}

// export: PyObject_CallFunctionObjArgs
PyObject *PyObject_CallFunctionObjArgs(PyObject *callable, ...)
{
    va_list va;
    va_start(va, callable);
    size_t n = 0;
    PyObject **args = collect_objects(&va, &n);
    va_end(va);
    if (args == NULL)
        return PyErr_NoMemory();
    PyObject *r = _Ferrython_CallArray(callable, args, n);
    free(args);
    return r;
}

// export: PyObject_CallMethodObjArgs
PyObject *PyObject_CallMethodObjArgs(PyObject *obj, PyObject *name, ...)
{
    va_list va;
    va_start(va, name);
    size_t n = 0;
    PyObject **args = collect_objects(&va, &n);
    va_end(va);
    if (args == NULL)
        return PyErr_NoMemory();
    PyObject *r = _Ferrython_CallMethodArray(obj, name, args, n);
    free(args);
    return r;
}

/* ---- PyArg_Parse* -------------------------------------------------------- */

extern int _Ferrython_ParseArgs(PyObject *args, PyObject *kwargs, const char *format,
                                size_t units_len, char *const *kwlist, void **outs, size_t n,
                                int flags);
extern int _Ferrython_UnpackTuple(PyObject *args, const char *name, ssize_t min, ssize_t max,
                                  void *const *outs, size_t n);

enum { PARSE_TUPLE = 0, PARSE_KEYWORDS = 1, PARSE_SINGLE = 2 };

/* Output pointers kept on the stack; longer formats move to the heap. */
#define STACK_OUTS 48

/* Collects the output pointers of a PyArg_Parse* format: one per unit, two
 * for `#` forms, `O!`, `O&` and `es`/`et`, three for `es#`/`et#`. Stores in
 * *units_len where the units end (the `:` or `;`, else the NUL), so the
 * format is walked once. NULL when memory runs out. */
static void **collect_parse_outs(const char *f, va_list *va, size_t *n_out, size_t *units_len,
                                 void **stack)
{
    const char *start = f;
    size_t n = 0, cap = STACK_OUTS;
    void **a = stack;
    for (; *f && *f != ':' && *f != ';'; f++) {
        if (n + 3 > cap) { /* a format character takes at most three */
            void **b = malloc(2 * cap * sizeof *b);
            if (b == NULL) {
                if (a != stack)
                    free(a);
                return NULL;
            }
            memcpy(b, a, n * sizeof *a);
            if (a != stack)
                free(a);
            a = b;
            cap *= 2;
        }
        switch (*f) {
        case '(': case ')': case '|': case '$': case ' ':
            break;
        case 'e':
            a[n++] = va_arg(*va, void *); /* encoding */
            a[n++] = va_arg(*va, void *); /* char ** */
            if (f[1] == 's' || f[1] == 't') f++;
            if (f[1] == '#') { a[n++] = va_arg(*va, void *); f++; }
            break;
        case 'O':
            a[n++] = va_arg(*va, void *);
            if (f[1] == '!' || f[1] == '&') { a[n++] = va_arg(*va, void *); f++; }
            break;
        default:
            a[n++] = va_arg(*va, void *);
            if (f[1] == '#') { a[n++] = va_arg(*va, void *); f++; }
            else if (f[1] == '*') f++;
            break;
        }
    }
    *n_out = n;
    *units_len = (size_t)(f - start);
    return a;
}

/* The PyArg_Parse* work on a va_list the caller owns and gives up (read in
 * place: copying one that va_start has just written stalls the load). */
static int parse_own(PyObject *args, PyObject *kwargs, const char *format, char **kwlist, va_list *va, int flags)
{
    size_t n = 0, units_len = 0;
    void *stack[STACK_OUTS];
    void **outs = collect_parse_outs(format ? format : "", va, &n, &units_len, stack);
    if (outs == NULL) {
        PyErr_NoMemory();
        return 0;
    }
    int r = _Ferrython_ParseArgs(args, kwargs, format, units_len, kwlist, outs, n, flags);
    if (outs != stack)
        free(outs);
    return r;
}

static int parse_va(PyObject *args, PyObject *kwargs, const char *format, char **kwlist, va_list vargs, int flags)
{
    va_list va;
    va_copy(va, vargs);
    int r = parse_own(args, kwargs, format, kwlist, &va, flags);
    va_end(va);
    return r;
}

// export: PyArg_VaParse
int PyArg_VaParse(PyObject *args, const char *format, va_list va)
{
    return parse_va(args, NULL, format, NULL, va, PARSE_TUPLE);
}

// export: _PyArg_VaParse_SizeT
int _PyArg_VaParse_SizeT(PyObject *args, const char *format, va_list va)
{
    return parse_va(args, NULL, format, NULL, va, PARSE_TUPLE);
}

// export: PyArg_ParseTuple
int PyArg_ParseTuple(PyObject *args, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    int r = parse_own(args, NULL, format, NULL, &va, PARSE_TUPLE);
    va_end(va);
    return r;
}

// export: _PyArg_ParseTuple_SizeT
int _PyArg_ParseTuple_SizeT(PyObject *args, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    int r = parse_own(args, NULL, format, NULL, &va, PARSE_TUPLE);
    va_end(va);
    return r;
}

// export: PyArg_Parse
int PyArg_Parse(PyObject *arg, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    int r = parse_own(arg, NULL, format, NULL, &va, PARSE_SINGLE);
    va_end(va);
    return r;
}

// export: _PyArg_Parse_SizeT
int _PyArg_Parse_SizeT(PyObject *arg, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    int r = parse_own(arg, NULL, format, NULL, &va, PARSE_SINGLE);
    va_end(va);
    return r;
}

// export: PyArg_VaParseTupleAndKeywords
int PyArg_VaParseTupleAndKeywords(PyObject *args, PyObject *kw, const char *format, char **kwlist, va_list va)
{
    return parse_va(args, kw, format, kwlist, va, PARSE_KEYWORDS);
}

// export: _PyArg_VaParseTupleAndKeywords_SizeT
int _PyArg_VaParseTupleAndKeywords_SizeT(PyObject *args, PyObject *kw, const char *format, char **kwlist, va_list va)
{
    return parse_va(args, kw, format, kwlist, va, PARSE_KEYWORDS);
}

// export: PyArg_ParseTupleAndKeywords
int PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kw, const char *format, char **kwlist, ...)
{
    va_list va;
    va_start(va, kwlist);
    int r = parse_own(args, kw, format, kwlist, &va, PARSE_KEYWORDS);
    va_end(va);
    return r;
}

// export: _PyArg_ParseTupleAndKeywords_SizeT
int _PyArg_ParseTupleAndKeywords_SizeT(PyObject *args, PyObject *kw, const char *format, char **kwlist, ...)
{
    va_list va;
    va_start(va, kwlist);
    int r = parse_own(args, kw, format, kwlist, &va, PARSE_KEYWORDS);
    va_end(va);
    return r;
}

// export: PyArg_UnpackTuple
int PyArg_UnpackTuple(PyObject *args, const char *name, ssize_t min, ssize_t max, ...)
{
    va_list va;
    va_start(va, max);
    size_t n = max > 0 ? (size_t)max : 0;
    void **outs = malloc((n + 1) * sizeof *outs);
    if (outs == NULL) {
        va_end(va);
        PyErr_NoMemory();
        return 0;
    }
    for (size_t i = 0; i < n; i++)
        outs[i] = va_arg(va, void *);
    va_end(va);
    int r = _Ferrython_UnpackTuple(args, name, min, max, outs, n);
    free(outs);
    return r;
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

/* ---- Exception Handling: unraisable exceptions and warnings ---------- */
extern void _Ferrython_ErrFormatUnraisable(PyObject *msg);
extern int _Ferrython_WarnFormatted(PyObject *category, ssize_t stack_level, PyObject *message,
                                   PyObject *source);
extern PyObject *PyExc_ResourceWarning;

// export: PyErr_FormatUnraisable
void PyErr_FormatUnraisable(const char *format, ...)
{
    PyObject *msg = NULL;
    if (format != NULL) {
        va_list va;
        va_start(va, format);
        msg = PyUnicode_FromFormatV(format, va);
        va_end(va);
    }
    _Ferrython_ErrFormatUnraisable(msg);
}

// export: PyErr_WarnFormat
int PyErr_WarnFormat(PyObject *category, ssize_t stack_level, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *msg = PyUnicode_FromFormatV(format, va);
    va_end(va);
    return _Ferrython_WarnFormatted(category, stack_level, msg, NULL);
}

// export: PyErr_ResourceWarning
int PyErr_ResourceWarning(PyObject *source, ssize_t stack_level, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *msg = PyUnicode_FromFormatV(format, va);
    va_end(va);
    return _Ferrython_WarnFormatted(PyExc_ResourceWarning, stack_level, msg, source);
}

extern PyObject *_Ferrython_BytesFromFormatArgs(const char *format, const FerrythonVarArg *args, size_t n);

// export: PyBytes_FromFormatV
PyObject *PyBytes_FromFormatV(const char *format, va_list vargs)
{
    va_list va;
    va_copy(va, vargs);
    size_t n = 0;
    FerrythonVarArg *args = collect_format_args(format, &va, &n);
    va_end(va);
    if (args == NULL)
        return PyErr_NoMemory();
    PyObject *r = _Ferrython_BytesFromFormatArgs(format, args, n);
    free(args);
    return r;
}

// export: PyBytes_FromFormat
PyObject *PyBytes_FromFormat(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *r = PyBytes_FromFormatV(format, va);
    va_end(va);
    return r;
}

extern PyObject *PyUnicode_FromString(const char *s);
extern int PyErr_WarnExplicitObject(PyObject *category, PyObject *message, PyObject *filename,
                                    int lineno, PyObject *module, PyObject *registry);

// export: PyErr_WarnExplicitFormat
int PyErr_WarnExplicitFormat(PyObject *category, const char *filename, int lineno,
                             const char *module, PyObject *registry, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    PyObject *msg = PyUnicode_FromFormatV(format, va);
    va_end(va);
    PyObject *file = msg != NULL ? PyUnicode_FromString(filename) : NULL;
    PyObject *mod = file != NULL && module != NULL ? PyUnicode_FromString(module) : NULL;
    int r = -1;
    if (file != NULL && (module == NULL || mod != NULL))
        r = PyErr_WarnExplicitObject(category, msg, file, lineno, mod, registry);
    if (mod != NULL) Py_DecRef(mod);
    if (file != NULL) Py_DecRef(file);
    if (msg != NULL) Py_DecRef(msg);
    return r;
}

extern void _Ferrython_SysWrite(int err, const char *text);
extern void _Ferrython_SysWriteObject(int err, PyObject *text);
extern void PyErr_Clear(void);
extern PyObject *PyErr_GetRaisedException(void);
extern void PyErr_SetRaisedException(PyObject *exc);

/* Formats with the C library's printf rules into at most 1000 bytes, then
 * writes; longer output ends with "... truncated", as in CPython. */
static void sys_write_v(int err, const char *format, va_list va)
{
    char buf[1001];
    int n = vsnprintf(buf, sizeof buf, format, va);
    _Ferrython_SysWrite(err, buf);
    if (n < 0 || (size_t)n >= sizeof buf)
        _Ferrython_SysWrite(err, "... truncated");
}

// export: PySys_WriteStdout
void PySys_WriteStdout(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    sys_write_v(0, format, va);
    va_end(va);
}

// export: PySys_WriteStderr
void PySys_WriteStderr(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    sys_write_v(1, format, va);
    va_end(va);
}

/* PyUnicode_FromFormat rules, no length limit; the caller's exception
 * survives a formatting failure. */
static void sys_format_v(int err, const char *format, va_list va)
{
    PyObject *saved = PyErr_GetRaisedException();
    PyObject *text = PyUnicode_FromFormatV(format, va);
    PyErr_Clear();
    if (saved != NULL)
        PyErr_SetRaisedException(saved);
    _Ferrython_SysWriteObject(err, text);
}

// export: PySys_Audit
int PySys_Audit(const char *event, const char *format, ...)
{
    PyObject *args;
    if (!_Ferrython_AuditActive()) {
        return 0;
    }
    if (format == NULL || *format == 0) {
        return PySys_AuditTuple(event, NULL);
    }
    va_list va;
    va_start(va, format);
    args = Py_VaBuildValue(format, va);
    va_end(va);
    if (args == NULL) {
        return -1;
    }
    return _Ferrython_AuditBuilt(event, args);
}

// export: PySys_FormatStdout
void PySys_FormatStdout(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    sys_format_v(0, format, va);
    va_end(va);
}

// export: PySys_FormatStderr
void PySys_FormatStderr(const char *format, ...)
{
    va_list va;
    va_start(va, format);
    sys_format_v(1, format, va);
    va_end(va);
}

/* PyOS_vsnprintf: the C library's vsnprintf, with CPython's guarantees on
 * top: the buffer always ends with a NUL (when size > 0), and a size too
 * large for the int result is refused with -666 (CPython's marker value)
 * without writing anything else. Returns what vsnprintf returns: the
 * length the full output needs, or a negative value on an output error. */
// export: PyOS_vsnprintf
int PyOS_vsnprintf(char *str, size_t size, const char *format, va_list va)
{
    int len = -666;
    if (size <= (size_t)INT_MAX - 1) {
        len = vsnprintf(str, size, format, va);
    }
    if (size > 0) {
        str[size - 1] = '\0';
    }
    return len;
}

// export: PyOS_snprintf
int PyOS_snprintf(char *str, size_t size, const char *format, ...)
{
    va_list va;
    va_start(va, format);
    int len = PyOS_vsnprintf(str, size, format, va);
    va_end(va);
    return len;
}
