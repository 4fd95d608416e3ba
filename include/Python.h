/* Ferrython's Python.h: the CPython 3.14 C API over libferrython.
 *
 * This file is hand-written. It pulls in the standard headers CPython's
 * Python.h pulls in, then the declarations cbindgen generates from the Rust
 * definitions (ferrython/capi.h: struct layouts, constants, every exported
 * function and data symbol), then adds what CPython defines in its headers
 * as macros or inline functions, and the C-variadic functions (defined in
 * src/capi/variadic.c, so cbindgen cannot see them).
 *
 * Rules kept here:
 * - Nothing from capi.h is repeated. A constant that may later come from the
 *   Rust side is defined under #ifndef. Exported functions that CPython also
 *   offers as macros (Py_NewRef, Py_TYPE, ...) keep their declaration from
 *   capi.h; the macro is defined after it and calls an inline helper with a
 *   name of its own (_Py_inline_*), so the two never collide.
 * - With Py_LIMITED_API, macros that would read struct fields are replaced
 *   by function calls or left out, as CPython does, so a limited-API build
 *   depends on nothing but exported symbols.
 */
#ifndef Py_PYTHON_H
#define Py_PYTHON_H

#include "patchlevel.h"

/* ---- Standard headers (the set CPython's Python.h includes) ------------ */
#include <assert.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>
#include <sys/types.h>
#if !defined(Py_LIMITED_API) || Py_LIMITED_API+0 < 0x030b0000
#  include <errno.h>
#  include <stdio.h>
#  include <stdlib.h>
#  include <string.h>
#endif
#if !defined(Py_LIMITED_API) || Py_LIMITED_API+0 < 0x030d0000
#  include <ctype.h>
#  include <unistd.h>
#endif
/* Py_CLEAR/Py_SETREF fall back on memcpy where typeof is missing. */
#include <string.h>

/* ---- Platform facts (CPython keeps these in pyconfig.h / pyport.h) ---- */
#define SIZEOF_SHORT 2
#define SIZEOF_INT 4
#define SIZEOF_LONG __SIZEOF_LONG__
#define SIZEOF_LONG_LONG 8
#define SIZEOF_FLOAT 4
#define SIZEOF_DOUBLE 8
#define SIZEOF_LONG_DOUBLE __SIZEOF_LONG_DOUBLE__
#define SIZEOF_VOID_P __SIZEOF_POINTER__
#define SIZEOF_SIZE_T __SIZEOF_SIZE_T__
#define SIZEOF_UINTPTR_T __SIZEOF_POINTER__
#define SIZEOF_WCHAR_T __SIZEOF_WCHAR_T__
#define SIZEOF_TIME_T __SIZEOF_LONG__
#define SIZEOF_OFF_T 8
#define SIZEOF_PID_T 4
#define SIZEOF_PY_HASH_T SIZEOF_SIZE_T
#define SIZEOF_PY_UHASH_T SIZEOF_SIZE_T
#define HAVE_LONG_LONG 1
#define HAVE_STDARG_PROTOTYPES 1
#define HAVE_UNISTD_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_WCHAR_H 1
#define WITH_DOC_STRINGS 1
#define PY_LONG_LONG long long
#define PY_LLONG_MIN LLONG_MIN
#define PY_LLONG_MAX LLONG_MAX
#define PY_ULLONG_MAX ULLONG_MAX
#define PY_UINT32_T uint32_t
#define PY_UINT64_T uint64_t
#define PY_INT32_T int32_t
#define PY_INT64_T int64_t
#define PY_SIZE_MAX SIZE_MAX
#define PY_FORMAT_SIZE_T "z"
#define PYLONG_BITS_IN_DIGIT 30

/* ---- Compiler helpers (pyport.h, exports.h, pymacro.h) ----------------- */
#define Py_GCC_ATTRIBUTE(x) __attribute__(x)
#define Py_ALWAYS_INLINE __attribute__((always_inline))
#define Py_NO_INLINE __attribute__((noinline))
#define Py_DEPRECATED(VERSION_UNUSED) __attribute__((__deprecated__))
#define Py_ALIGNED(x) __attribute__((aligned(x)))
#define Py_LOCAL(type) static type
#define Py_LOCAL_INLINE(type) static inline type
#define Py_EXPORTED_SYMBOL __attribute__((visibility("default")))
#define Py_IMPORTED_SYMBOL __attribute__((visibility("default")))
#define Py_LOCAL_SYMBOL __attribute__((visibility("hidden")))
#define PyAPI_FUNC(RTYPE) Py_IMPORTED_SYMBOL RTYPE
#define PyAPI_DATA(RTYPE) extern Py_IMPORTED_SYMBOL RTYPE
#ifdef __cplusplus
#  define PyMODINIT_FUNC extern "C" Py_EXPORTED_SYMBOL PyObject*
#  define PyMODEXPORT_FUNC extern "C" Py_EXPORTED_SYMBOL PyObject*
#  define PY_CXX_CONST const
#  define _Py_NULL nullptr
#  define _Py_CAST(type, expr) ((type)(expr))
#else
#  define PyMODINIT_FUNC Py_EXPORTED_SYMBOL PyObject*
#  define PyMODEXPORT_FUNC Py_EXPORTED_SYMBOL PyObject*
#  define PY_CXX_CONST
#  define _Py_NULL ((void*)0)
#  define _Py_CAST(type, expr) ((type)(expr))
#endif
#define _Py_STATIC_CAST(type, expr) ((type)(expr))
#define _Py_RVALUE(EXPR) ((void)0, (EXPR))
#define _Py_TYPEOF(expr) __typeof__(expr)
#define Py_UNUSED(name) _unused_ ## name __attribute__((unused))
#define Py_UNREACHABLE() __builtin_unreachable()
#define _Py_NO_RETURN __attribute__((__noreturn__))
#define Py_FORCE_EXPANSION(X) X
#define Py_LL(x) x##LL
#define Py_ULL(x) x##ULL
/* Floating-point exception guards: gone from CPython, kept as no-ops. */
#define PyFPE_START_PROTECT(err_string, leave_stmt)
#define PyFPE_END_PROTECT(v)
#define Py_MEMCPY memcpy
#define Py_ABS(x) ((x) < 0 ? -(x) : (x))
#define Py_MIN(x, y) (((x) > (y)) ? (y) : (x))
#define Py_MAX(x, y) (((x) > (y)) ? (x) : (y))
#define _Py_XSTRINGIFY(x) #x
#define Py_STRINGIFY(x) _Py_XSTRINGIFY(x)
#define Py_MEMBER_SIZE(type, member) sizeof(((type *)0)->member)
#define Py_ARRAY_LENGTH(array) (sizeof(array) / sizeof((array)[0]))
#define Py_CHARMASK(c) ((unsigned char)((c) & 0xff))
#define Py_SAFE_DOWNCAST(VALUE, WIDE, NARROW) _Py_CAST(NARROW, VALUE)
#define Py_ARITHMETIC_RIGHT_SHIFT(TYPE, I, J) ((I) >> (J))
#define _Py_SIZE_ROUND_DOWN(n, a) ((size_t)(n) & ~(size_t)((a) - 1))
#define _Py_SIZE_ROUND_UP(n, a) (((size_t)(n) + (size_t)((a) - 1)) & ~(size_t)((a) - 1))
#define _Py_ALIGN_DOWN(p, a) ((void *)((uintptr_t)(p) & ~(uintptr_t)((a) - 1)))
#define _Py_ALIGN_UP(p, a) ((void *)(((uintptr_t)(p) + (uintptr_t)((a) - 1)) & ~(uintptr_t)((a) - 1)))
#define _Py_IS_ALIGNED(p, a) (!((uintptr_t)(p) & (uintptr_t)((a) - 1)))
/* A compile-time check usable as a statement (and an expression). */
#define Py_BUILD_ASSERT_EXPR(cond) (sizeof(char [1 - 2*!(cond)]) - 1)
#if defined(__cplusplus) && __cplusplus >= 201103L
#  define Py_BUILD_ASSERT(cond) static_assert((cond), #cond)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#  define Py_BUILD_ASSERT(cond) do { _Static_assert((cond), #cond); } while (0)
#else
#  define Py_BUILD_ASSERT(cond) do { (void)Py_BUILD_ASSERT_EXPR(cond); } while (0)
#endif
#define PyDoc_VAR(name) static const char name[]
#define PyDoc_STR(str) str
#define PyDoc_STRVAR(name, str) PyDoc_VAR(name) = PyDoc_STR(str)

/* ---- Locale-independent ASCII classification (pyctype.h) -------------- */
#define Py_ISLOWER(c) (Py_CHARMASK(c) >= 'a' && Py_CHARMASK(c) <= 'z')
#define Py_ISUPPER(c) (Py_CHARMASK(c) >= 'A' && Py_CHARMASK(c) <= 'Z')
#define Py_ISALPHA(c) (Py_ISLOWER(c) || Py_ISUPPER(c))
#define Py_ISDIGIT(c) (Py_CHARMASK(c) >= '0' && Py_CHARMASK(c) <= '9')
#define Py_ISXDIGIT(c) (Py_ISDIGIT(c) || (Py_CHARMASK(c) >= 'a' && Py_CHARMASK(c) <= 'f') \
                        || (Py_CHARMASK(c) >= 'A' && Py_CHARMASK(c) <= 'F'))
#define Py_ISALNUM(c) (Py_ISALPHA(c) || Py_ISDIGIT(c))
#define Py_ISSPACE(c) (Py_CHARMASK(c) == ' ' || (Py_CHARMASK(c) >= '\t' && Py_CHARMASK(c) <= '\r'))
#define Py_TOLOWER(c) (Py_ISUPPER(c) ? Py_CHARMASK(c) + ('a' - 'A') : Py_CHARMASK(c))
#define Py_TOUPPER(c) (Py_ISLOWER(c) ? Py_CHARMASK(c) - ('a' - 'A') : Py_CHARMASK(c))

/* ---- Math (pymath.h) --------------------------------------------------- */
#define Py_MATH_PIl 3.1415926535897932384626433832795029L
#define Py_MATH_PI 3.14159265358979323846
#define Py_MATH_El 2.7182818284590452353602874713526625L
#define Py_MATH_E 2.7182818284590452354
#define Py_MATH_TAU 6.2831853071795864769252867665590057683943L
#define Py_IS_NAN(X) isnan(X)
#define Py_IS_INFINITY(X) isinf(X)
#define Py_IS_FINITE(X) isfinite(X)
#define Py_HUGE_VAL HUGE_VAL
#define Py_INFINITY ((double)INFINITY)
#define Py_NAN ((double)NAN)

/* ---- What Rust generates ----------------------------------------------- */
#include "ferrython/capi.h"

/* Constants whose generated form is a plain `int` expression that does not
 * fit an int (1 << 31, 3 << 30): C needs them unsigned. */
#undef Py_TPFLAGS_TYPE_SUBCLASS
#define Py_TPFLAGS_TYPE_SUBCLASS (1UL << 31)
#undef _Py_IMMORTAL_INITIAL_REFCNT
#define _Py_IMMORTAL_INITIAL_REFCNT (3UL << 30)
#undef _Py_IMMORTAL_MINIMUM_REFCNT
#define _Py_IMMORTAL_MINIMUM_REFCNT (1UL << 31)

#ifdef __cplusplus
extern "C" {
#endif

/* ---- What the macros below call ---------------------------------------
 * Declared here with CPython's signatures so that every macro is usable
 * whether or not the Rust side exports the function yet; once it does,
 * capi.h repeats the declaration, which C allows when the two agree (and
 * rejects, loudly, when the Rust signature drifts from CPython's). */
PyAPI_FUNC(PyThreadState *) PyEval_SaveThread(void);
PyAPI_FUNC(void) PyEval_RestoreThread(PyThreadState *tstate);
PyAPI_FUNC(PyObject *) PyModule_Create2(PyModuleDef *def, int apiver);
PyAPI_FUNC(PyObject *) PyModule_FromDefAndSpec2(PyModuleDef *def, PyObject *spec, int apiver);
PyAPI_FUNC(int) PyModule_AddIntConstant(PyObject *module, const char *name, long value);
PyAPI_FUNC(int) PyModule_AddStringConstant(PyObject *module, const char *name, const char *value);
PyAPI_FUNC(PyVarObject *) _PyObject_GC_Resize(PyVarObject *op, Py_ssize_t nitems);
PyAPI_FUNC(PyObject *) PyFloat_FromDouble(double value);
PyAPI_FUNC(int) PyErr_WarnEx(PyObject *category, const char *message, Py_ssize_t stack_level);
PyAPI_FUNC(PyObject *) PyCFunction_NewEx(PyMethodDef *ml, PyObject *self, PyObject *module);
PyAPI_FUNC(long) PyLong_AsLong(PyObject *obj);
PyAPI_FUNC(int) PyLong_AsInt(PyObject *obj);
PyAPI_FUNC(int) PyType_IsSubtype(PyTypeObject *a, PyTypeObject *b);
PyAPI_FUNC(unsigned long) PyType_GetFlags(PyTypeObject *type);
PyAPI_FUNC(void) _PyErr_BadInternalCall(const char *filename, int lineno);
PyAPI_FUNC(PyThreadState *) PyThreadState_Get(void);
PyAPI_FUNC(int) PySlice_Unpack(PyObject *slice, Py_ssize_t *start, Py_ssize_t *stop,
                               Py_ssize_t *step);
PyAPI_FUNC(Py_ssize_t) PySlice_AdjustIndices(Py_ssize_t length, Py_ssize_t *start,
                                             Py_ssize_t *stop, Py_ssize_t step);
PyAPI_FUNC(PyObject *) PyObject_VectorcallMethod(PyObject *name, PyObject *const *args,
                                                 size_t nargsf, PyObject *kwnames);
PyAPI_FUNC(int) PyObject_DelItem(PyObject *o, PyObject *key);
PyAPI_FUNC(int) PyObject_DelItemString(PyObject *o, const char *key);
PyAPI_FUNC(PyObject *) PyImport_ImportModuleLevel(const char *name, PyObject *globals,
                                                  PyObject *locals, PyObject *fromlist,
                                                  int level);
PyAPI_FUNC(PyObject *) PyLong_FromLong(long value);
PyAPI_DATA(PyTypeObject) PyType_Type;
PyAPI_DATA(PyTypeObject) PyLong_Type;
PyAPI_DATA(PyTypeObject) PyBool_Type;
PyAPI_DATA(PyTypeObject) PyFloat_Type;
PyAPI_DATA(PyTypeObject) PyComplex_Type;
PyAPI_DATA(PyTypeObject) PyBytes_Type;
PyAPI_DATA(PyTypeObject) PyByteArray_Type;
PyAPI_DATA(PyTypeObject) PyUnicode_Type;
PyAPI_DATA(PyTypeObject) PyTuple_Type;
PyAPI_DATA(PyTypeObject) PyList_Type;
PyAPI_DATA(PyTypeObject) PyDict_Type;
PyAPI_DATA(PyTypeObject) PyDictKeys_Type;
PyAPI_DATA(PyTypeObject) PyDictValues_Type;
PyAPI_DATA(PyTypeObject) PyDictItems_Type;
PyAPI_DATA(PyTypeObject) PySet_Type;
PyAPI_DATA(PyTypeObject) PyFrozenSet_Type;
PyAPI_DATA(PyTypeObject) PySlice_Type;
PyAPI_DATA(PyTypeObject) PyRange_Type;
PyAPI_DATA(PyTypeObject) PyContext_Type;
PyAPI_DATA(PyTypeObject) PyContextVar_Type;
PyAPI_DATA(PyTypeObject) PyContextToken_Type;
PyAPI_DATA(PyTypeObject) PyModule_Type;
PyAPI_DATA(PyTypeObject) PyCFunction_Type;
PyAPI_DATA(PyTypeObject) PyCMethod_Type;
PyAPI_DATA(PyTypeObject) PyMemoryView_Type;
PyAPI_DATA(PyTypeObject) PyCapsule_Type;
PyAPI_DATA(PyTypeObject) PyPickleBuffer_Type;
PyAPI_DATA(PyTypeObject) PySeqIter_Type;
PyAPI_DATA(PyTypeObject) PyCallIter_Type;

/* ---- Basic types and limits (pyport.h) --------------------------------- */
#define PY_SSIZE_T_MAX ((Py_ssize_t)(((size_t)-1) >> 1))
#define PY_SSIZE_T_MIN (-PY_SSIZE_T_MAX - 1)
typedef uintptr_t Py_uintptr_t;
typedef intptr_t Py_intptr_t;
typedef uint8_t Py_UCS1;
typedef uint16_t Py_UCS2;
typedef uint32_t Py_UCS4;
typedef wchar_t Py_UNICODE;
#define Py_UNICODE_SIZE SIZEOF_WCHAR_T
#define Py_UNICODE_WIDE 1

/* ---- Object header (object.h) ------------------------------------------ */
#define PyObject_HEAD PyObject ob_base;
#define PyObject_VAR_HEAD PyVarObject ob_base;
#define _PyObject_CAST(op) _Py_CAST(PyObject*, (op))
#define _PyVarObject_CAST(op) _Py_CAST(PyVarObject*, (op))
#define _PyObject_EXTRA_INIT

/* Header of a statically allocated object: immortal refcount, the
 * immortal+static ob_flags, the type. The brace structure follows the
 * generated PyObject (ob_refcnt, ob_overflow, ob_flags, ob_type). */
#define PyObject_HEAD_INIT(type) \
    { 0xC0000000U, 0, 5, (type) },
#define PyVarObject_HEAD_INIT(type, size) \
    { PyObject_HEAD_INIT(type) (size) },

/* ---- Reference counts (refcount.h) ------------------------------------- */
static inline int _Py_inline_IsImmortal(PyObject *op)
{
    return (int32_t)op->ob_refcnt < 0;
}
#define _Py_IsImmortal(op) _Py_inline_IsImmortal(_PyObject_CAST(op))

static inline Py_ssize_t _Py_inline_REFCNT(PyObject *op)
{
    return (Py_ssize_t)op->ob_refcnt;
}

static inline void _Py_inline_SET_REFCNT(PyObject *op, Py_ssize_t refcnt)
{
    if (_Py_inline_IsImmortal(op)) {
        return;
    }
    op->ob_refcnt = (uint32_t)refcnt;
}

#if defined(Py_LIMITED_API) && Py_LIMITED_API+0 >= 0x030e0000
/* Py_REFCNT is the exported function. */
#else
#  define Py_REFCNT(ob) _Py_inline_REFCNT(_PyObject_CAST(ob))
#endif
#if defined(Py_LIMITED_API) && Py_LIMITED_API+0 >= 0x030d0000
#  define Py_SET_REFCNT(ob, refcnt) _Py_SetRefcnt(_PyObject_CAST(ob), (refcnt))
#else
#  define Py_SET_REFCNT(ob, refcnt) _Py_inline_SET_REFCNT(_PyObject_CAST(ob), (refcnt))
#endif

#if defined(Py_LIMITED_API) && Py_LIMITED_API+0 >= 0x030c0000
/* Stable ABI for 3.12+: the refcount layout stays private. */
#  define Py_INCREF(op) _Py_IncRef(_PyObject_CAST(op))
#  define Py_DECREF(op) _Py_DecRef(_PyObject_CAST(op))
#else
static inline void _Py_inline_INCREF(PyObject *op)
{
    uint32_t cur = op->ob_refcnt;
    if ((int32_t)cur < 0) {
        return; /* immortal */
    }
    op->ob_refcnt = cur + 1;
}

static inline void _Py_inline_DECREF(PyObject *op)
{
    if (_Py_inline_IsImmortal(op)) {
        return;
    }
    if (--op->ob_refcnt == 0) {
        _Py_Dealloc(op);
    }
}
#  define Py_INCREF(op) _Py_inline_INCREF(_PyObject_CAST(op))
#  define Py_DECREF(op) _Py_inline_DECREF(_PyObject_CAST(op))
#endif

static inline void _Py_inline_XINCREF(PyObject *op)
{
    if (op != _Py_NULL) {
        Py_INCREF(op);
    }
}

static inline void _Py_inline_XDECREF(PyObject *op)
{
    if (op != _Py_NULL) {
        Py_DECREF(op);
    }
}
#define Py_XINCREF(op) _Py_inline_XINCREF(_PyObject_CAST(op))
#define Py_XDECREF(op) _Py_inline_XDECREF(_PyObject_CAST(op))

static inline PyObject *_Py_NewRef(PyObject *obj)
{
    Py_INCREF(obj);
    return obj;
}

static inline PyObject *_Py_XNewRef(PyObject *obj)
{
    Py_XINCREF(obj);
    return obj;
}
#define Py_NewRef(obj) _Py_NewRef(_PyObject_CAST(obj))
#define Py_XNewRef(obj) _Py_XNewRef(_PyObject_CAST(obj))

/* Py_CLEAR, Py_SETREF, Py_XSETREF: the variable is overwritten before the
 * old object is released, so a destructor never sees a dangling pointer;
 * each argument is evaluated once. */
#ifdef _Py_TYPEOF
#define Py_CLEAR(op) \
    do { \
        _Py_TYPEOF(op) *_py_clear_ptr = &(op); \
        _Py_TYPEOF(op) _py_clear_old = *_py_clear_ptr; \
        if (_py_clear_old != _Py_NULL) { \
            *_py_clear_ptr = _Py_NULL; \
            Py_DECREF(_py_clear_old); \
        } \
    } while (0)
#define Py_SETREF(dst, src) \
    do { \
        _Py_TYPEOF(dst) *_py_setref_ptr = &(dst); \
        _Py_TYPEOF(dst) _py_setref_old = *_py_setref_ptr; \
        *_py_setref_ptr = (src); \
        Py_DECREF(_py_setref_old); \
    } while (0)
#define Py_XSETREF(dst, src) \
    do { \
        _Py_TYPEOF(dst) *_py_setref_ptr = &(dst); \
        _Py_TYPEOF(dst) _py_setref_old = *_py_setref_ptr; \
        *_py_setref_ptr = (src); \
        Py_XDECREF(_py_setref_old); \
    } while (0)
#else
#define Py_CLEAR(op) \
    do { \
        PyObject **_py_clear_ptr = _Py_CAST(PyObject**, &(op)); \
        PyObject *_py_clear_old = *_py_clear_ptr; \
        if (_py_clear_old != _Py_NULL) { \
            PyObject *_py_clear_null = _Py_NULL; \
            memcpy(_py_clear_ptr, &_py_clear_null, sizeof(PyObject*)); \
            Py_DECREF(_py_clear_old); \
        } \
    } while (0)
#define Py_SETREF(dst, src) \
    do { \
        PyObject **_py_setref_ptr = _Py_CAST(PyObject**, &(dst)); \
        PyObject *_py_setref_old = *_py_setref_ptr; \
        PyObject *_py_setref_src = _PyObject_CAST(src); \
        memcpy(_py_setref_ptr, &_py_setref_src, sizeof(PyObject*)); \
        Py_DECREF(_py_setref_old); \
    } while (0)
#define Py_XSETREF(dst, src) \
    do { \
        PyObject **_py_setref_ptr = _Py_CAST(PyObject**, &(dst)); \
        PyObject *_py_setref_old = *_py_setref_ptr; \
        PyObject *_py_setref_src = _PyObject_CAST(src); \
        memcpy(_py_setref_ptr, &_py_setref_src, sizeof(PyObject*)); \
        Py_XDECREF(_py_setref_old); \
    } while (0)
#endif

/* ---- Type and size of an object (object.h) ----------------------------- */
static inline PyTypeObject *_Py_inline_TYPE(PyObject *ob)
{
    return ob->ob_type;
}
#if defined(Py_LIMITED_API) && Py_LIMITED_API+0 >= 0x030e0000
#  define _Py_TYPE_OF(ob) Py_TYPE(_PyObject_CAST(ob))
#else
#  define Py_TYPE(ob) _Py_inline_TYPE(_PyObject_CAST(ob))
#  define _Py_TYPE_OF(ob) _Py_inline_TYPE(_PyObject_CAST(ob))
#endif

static inline Py_ssize_t _Py_inline_SIZE(PyObject *ob)
{
    return _PyVarObject_CAST(ob)->ob_size;
}

static inline int _Py_inline_IS_TYPE(PyObject *ob, PyTypeObject *type)
{
    return _Py_TYPE_OF(ob) == type;
}

static inline void _Py_inline_SET_TYPE(PyObject *ob, PyTypeObject *type)
{
    ob->ob_type = type;
}

static inline void _Py_inline_SET_SIZE(PyVarObject *ob, Py_ssize_t size)
{
    ob->ob_size = size;
}
#define Py_SIZE(ob) _Py_inline_SIZE(_PyObject_CAST(ob))
#define Py_IS_TYPE(ob, type) _Py_inline_IS_TYPE(_PyObject_CAST(ob), (type))
#define Py_SET_TYPE(ob, type) _Py_inline_SET_TYPE(_PyObject_CAST(ob), (type))
#define Py_SET_SIZE(ob, size) _Py_inline_SET_SIZE(_PyVarObject_CAST(ob), (size))

/* ---- The singletons (object.h, boolobject.h, sliceobject.h) ------------ */
#if defined(Py_LIMITED_API) && Py_LIMITED_API+0 >= 0x030d0000
#  define Py_None Py_GetConstantBorrowed(Py_CONSTANT_NONE)
#  define Py_False Py_GetConstantBorrowed(Py_CONSTANT_FALSE)
#  define Py_True Py_GetConstantBorrowed(Py_CONSTANT_TRUE)
#  define Py_Ellipsis Py_GetConstantBorrowed(Py_CONSTANT_ELLIPSIS)
#  define Py_NotImplemented Py_GetConstantBorrowed(Py_CONSTANT_NOT_IMPLEMENTED)
#else
#  define Py_None _PyObject_CAST(&_Py_NoneStruct)
#  define Py_False _PyObject_CAST(&_Py_FalseStruct)
#  define Py_True _PyObject_CAST(&_Py_TrueStruct)
#  define Py_Ellipsis _PyObject_CAST(&_Py_EllipsisObject)
#  define Py_NotImplemented _PyObject_CAST(&_Py_NotImplementedStruct)
#endif
#define Py_Is(x, y) ((x) == (y))
#define Py_IsNone(x) Py_Is((x), Py_None)
#define Py_IsTrue(x) Py_Is((x), Py_True)
#define Py_IsFalse(x) Py_Is((x), Py_False)

/* The singletons are immortal: returning them needs no new reference. */
#define Py_RETURN_NONE return Py_None
#define Py_RETURN_TRUE return Py_True
#define Py_RETURN_FALSE return Py_False
#define Py_RETURN_NOTIMPLEMENTED return Py_NotImplemented
#define Py_RETURN_RICHCOMPARE(val1, val2, op) \
    do { \
        switch (op) { \
        case Py_EQ: if ((val1) == (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE; \
        case Py_NE: if ((val1) != (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE; \
        case Py_LT: if ((val1) < (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE; \
        case Py_GT: if ((val1) > (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE; \
        case Py_LE: if ((val1) <= (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE; \
        case Py_GE: if ((val1) >= (val2)) Py_RETURN_TRUE; Py_RETURN_FALSE; \
        default: Py_UNREACHABLE(); \
        } \
    } while (0)
#define Py_PRINT_RAW 1

/* ---- Type flags and type checks (object.h) ----------------------------- */
#ifndef Py_TPFLAGS_HAVE_STACKLESS_EXTENSION
#  define Py_TPFLAGS_HAVE_STACKLESS_EXTENSION 0
#endif
#ifndef Py_TPFLAGS_INLINE_VALUES
#  define Py_TPFLAGS_INLINE_VALUES (1UL << 2)
#endif
#ifndef _Py_TPFLAGS_STATIC_BUILTIN
#  define _Py_TPFLAGS_STATIC_BUILTIN (1UL << 1)
#endif

#ifdef Py_LIMITED_API
#  define PyType_HasFeature(type, feature) ((PyType_GetFlags(type) & (feature)) != 0)
#else
static inline int _Py_inline_PyType_HasFeature(PyTypeObject *type, unsigned long feature)
{
    return (type->tp_flags & feature) != 0;
}
#  define PyType_HasFeature(type, feature) \
    _Py_inline_PyType_HasFeature((type), (unsigned long)(feature))
#endif
#define PyType_FastSubclass(type, flag) PyType_HasFeature((type), (flag))
#define PyType_IS_GC(t) PyType_HasFeature((t), Py_TPFLAGS_HAVE_GC)

static inline int _Py_inline_PyObject_TypeCheck(PyObject *ob, PyTypeObject *type)
{
    return Py_IS_TYPE(ob, type) || PyType_IsSubtype(_Py_TYPE_OF(ob), type);
}
#define PyObject_TypeCheck(ob, type) _Py_inline_PyObject_TypeCheck(_PyObject_CAST(ob), (type))

#define PyType_Check(op) PyType_FastSubclass(_Py_TYPE_OF(op), Py_TPFLAGS_TYPE_SUBCLASS)
#define PyType_CheckExact(op) Py_IS_TYPE((op), &PyType_Type)
#define PyLong_Check(op) PyType_FastSubclass(_Py_TYPE_OF(op), Py_TPFLAGS_LONG_SUBCLASS)
#define PyLong_CheckExact(op) Py_IS_TYPE((op), &PyLong_Type)
#define PyBool_Check(op) Py_IS_TYPE((op), &PyBool_Type)
#define PyFloat_Check(op) PyObject_TypeCheck((op), &PyFloat_Type)
#define PyFloat_CheckExact(op) Py_IS_TYPE((op), &PyFloat_Type)
#define PyComplex_Check(op) PyObject_TypeCheck((op), &PyComplex_Type)
#define PyComplex_CheckExact(op) Py_IS_TYPE((op), &PyComplex_Type)
#define PyBytes_Check(op) PyType_FastSubclass(_Py_TYPE_OF(op), Py_TPFLAGS_BYTES_SUBCLASS)
#define PyBytes_CheckExact(op) Py_IS_TYPE((op), &PyBytes_Type)
#define PyByteArray_Check(op) PyObject_TypeCheck((op), &PyByteArray_Type)
#define PyByteArray_CheckExact(op) Py_IS_TYPE((op), &PyByteArray_Type)
#define PyUnicode_Check(op) PyType_FastSubclass(_Py_TYPE_OF(op), Py_TPFLAGS_UNICODE_SUBCLASS)
#define PyUnicode_CheckExact(op) Py_IS_TYPE((op), &PyUnicode_Type)
#define PyTuple_Check(op) PyType_FastSubclass(_Py_TYPE_OF(op), Py_TPFLAGS_TUPLE_SUBCLASS)
#define PyTuple_CheckExact(op) Py_IS_TYPE((op), &PyTuple_Type)
#define PyList_Check(op) PyType_FastSubclass(_Py_TYPE_OF(op), Py_TPFLAGS_LIST_SUBCLASS)
#define PyList_CheckExact(op) Py_IS_TYPE((op), &PyList_Type)
#define PyDict_Check(op) PyType_FastSubclass(_Py_TYPE_OF(op), Py_TPFLAGS_DICT_SUBCLASS)
#define PyDict_CheckExact(op) Py_IS_TYPE((op), &PyDict_Type)
#define PyDictKeys_Check(op) PyObject_TypeCheck((op), &PyDictKeys_Type)
#define PyDictValues_Check(op) PyObject_TypeCheck((op), &PyDictValues_Type)
#define PyDictItems_Check(op) PyObject_TypeCheck((op), &PyDictItems_Type)
#define PyDictViewSet_Check(op) (PyDictKeys_Check(op) || PyDictItems_Check(op))
#define PySet_CheckExact(op) Py_IS_TYPE((op), &PySet_Type)
#define PyFrozenSet_CheckExact(op) Py_IS_TYPE((op), &PyFrozenSet_Type)
#define PySet_Check(op) \
    (Py_IS_TYPE((op), &PySet_Type) || PyType_IsSubtype(_Py_TYPE_OF(op), &PySet_Type))
#define PyFrozenSet_Check(op) \
    (Py_IS_TYPE((op), &PyFrozenSet_Type) || PyType_IsSubtype(_Py_TYPE_OF(op), &PyFrozenSet_Type))
#define PyAnySet_CheckExact(op) (PySet_CheckExact(op) || PyFrozenSet_CheckExact(op))
#define PyAnySet_Check(op) (PyAnySet_CheckExact(op) \
    || PyType_IsSubtype(_Py_TYPE_OF(op), &PySet_Type) \
    || PyType_IsSubtype(_Py_TYPE_OF(op), &PyFrozenSet_Type))
#define PySlice_Check(op) Py_IS_TYPE((op), &PySlice_Type)
#define PyWeakref_CheckRef(op) PyObject_TypeCheck((op), &_PyWeakref_RefType)
#define PyWeakref_CheckRefExact(op) Py_IS_TYPE((op), &_PyWeakref_RefType)
#define PyWeakref_CheckProxy(op) \
    (Py_IS_TYPE((op), &_PyWeakref_ProxyType) || Py_IS_TYPE((op), &_PyWeakref_CallableProxyType))
#define PyWeakref_Check(op) (PyWeakref_CheckRef(op) || PyWeakref_CheckProxy(op))
#define PyMemoryView_Check(op) Py_IS_TYPE((op), &PyMemoryView_Type)
#define PyRange_Check(op) Py_IS_TYPE((op), &PyRange_Type)
#define PyContext_CheckExact(o) Py_IS_TYPE((o), &PyContext_Type)
#define PyContextVar_CheckExact(o) Py_IS_TYPE((o), &PyContextVar_Type)
#define PyContextToken_CheckExact(o) Py_IS_TYPE((o), &PyContextToken_Type)
#define PyModule_Check(op) PyObject_TypeCheck((op), &PyModule_Type)
#define PyModule_CheckExact(op) Py_IS_TYPE((op), &PyModule_Type)
#define PyCFunction_Check(op) PyObject_TypeCheck((op), &PyCFunction_Type)
#define PyCFunction_CheckExact(op) Py_IS_TYPE((op), &PyCFunction_Type)
#define PyCMethod_Check(op) PyObject_TypeCheck((op), &PyCMethod_Type)
#define PyCMethod_CheckExact(op) Py_IS_TYPE((op), &PyCMethod_Type)
#define PyMemoryView_Check(op) Py_IS_TYPE((op), &PyMemoryView_Type)
#define PyCapsule_CheckExact(op) Py_IS_TYPE((op), &PyCapsule_Type)
#define PyPickleBuffer_Check(op) Py_IS_TYPE((op), &PyPickleBuffer_Type)
#define PySeqIter_Check(op) Py_IS_TYPE((op), &PySeqIter_Type)
#define PyCallIter_Check(op) Py_IS_TYPE((op), &PyCallIter_Type)
#define PyExceptionClass_Check(x) \
    (PyType_Check(x) && PyType_FastSubclass(_Py_CAST(PyTypeObject*, (x)), Py_TPFLAGS_BASE_EXC_SUBCLASS))
#define PyExceptionInstance_Check(x) \
    PyType_FastSubclass(_Py_TYPE_OF(x), Py_TPFLAGS_BASE_EXC_SUBCLASS)
#define PyExceptionInstance_Class(x) _PyObject_CAST(_Py_TYPE_OF(x))

/* ---- Object allocation (objimpl.h, pymem.h) ---------------------------- */
#define PyObject_New(type, typeobj) _Py_CAST(type*, _PyObject_New(typeobj))
#define PyObject_NewVar(type, typeobj, n) _Py_CAST(type*, _PyObject_NewVar((typeobj), (n)))
#define PyObject_NEW(type, typeobj) PyObject_New(type, (typeobj))
#define PyObject_NEW_VAR(type, typeobj, n) PyObject_NewVar(type, (typeobj), (n))
#define PyObject_GC_New(type, typeobj) _Py_CAST(type*, _PyObject_GC_New(typeobj))
#define PyObject_GC_NewVar(type, typeobj, n) \
    _Py_CAST(type*, _PyObject_GC_NewVar((typeobj), (n)))
#define PyObject_GC_Resize(type, op, n) \
    _Py_CAST(type*, _PyObject_GC_Resize(_PyVarObject_CAST(op), (n)))
#define PyObject_INIT(op, typeobj) PyObject_Init(_PyObject_CAST(op), (typeobj))
#define PyObject_INIT_VAR(op, typeobj, size) \
    PyObject_InitVar(_PyVarObject_CAST(op), (typeobj), (size))
#define PyObject_MALLOC PyObject_Malloc
#define PyObject_REALLOC PyObject_Realloc
#define PyObject_FREE PyObject_Free
#define PyObject_Del PyObject_Free
#define PyObject_DEL PyObject_Free
#define PyMem_MALLOC(n) PyMem_Malloc(n)
#define PyMem_REALLOC(p, n) PyMem_Realloc((p), (n))
#define PyMem_FREE(p) PyMem_Free(p)
#define PyMem_Del PyMem_Free
#define PyMem_DEL PyMem_Free
#define PyMem_New(type, n) \
    ((size_t)(n) > (size_t)PY_SSIZE_T_MAX / sizeof(type) ? _Py_NULL \
     : _Py_CAST(type*, PyMem_Malloc((size_t)(n) * sizeof(type))))
#define PyMem_NEW(type, n) PyMem_New(type, n)
#define PyMem_Resize(p, type, n) \
    ((p) = ((size_t)(n) > (size_t)PY_SSIZE_T_MAX / sizeof(type) ? _Py_NULL \
     : _Py_CAST(type*, PyMem_Realloc((p), (size_t)(n) * sizeof(type)))))
#define PyMem_RESIZE(p, type, n) PyMem_Resize(p, type, n)
#ifndef Py_LIMITED_API
#  define _PyObject_SIZE(typeobj) ((typeobj)->tp_basicsize)
#  define _PyObject_VAR_SIZE(typeobj, nitems) \
    _Py_SIZE_ROUND_UP((typeobj)->tp_basicsize + (nitems) * (typeobj)->tp_itemsize, SIZEOF_VOID_P)
#endif

/* tp_traverse helper: `visit` and `arg` are the traverse function's
 * parameters. */
#define Py_VISIT(op) \
    do { \
        if (op) { \
            int _py_vret = visit(_PyObject_CAST(op), arg); \
            if (_py_vret) { \
                return _py_vret; \
            } \
        } \
    } while (0)

/* ---- Threads (ceval.h) ------------------------------------------------- */
#define Py_BEGIN_ALLOW_THREADS { PyThreadState *_save; _save = PyEval_SaveThread();
#define Py_BLOCK_THREADS PyEval_RestoreThread(_save);
#define Py_UNBLOCK_THREADS _save = PyEval_SaveThread();
#define Py_END_ALLOW_THREADS PyEval_RestoreThread(_save); }
#define PyThreadState_GET() PyThreadState_Get()

/* ---- Threads (pythread.h) ---------------------------------------------- */
#define WAIT_LOCK 1
#define NOWAIT_LOCK 0
#define PYTHREAD_INVALID_THREAD_ID ((unsigned long)-1)
typedef long long PY_TIMEOUT_T;
#define Py_tss_NEEDS_INIT {0}
/* Critical sections guard an object in the free-threaded build; with the
 * GIL they are plain blocks. */
#define Py_BEGIN_CRITICAL_SECTION(op) {
#define Py_END_CRITICAL_SECTION() }
#define Py_BEGIN_CRITICAL_SECTION2(a, b) {
#define Py_END_CRITICAL_SECTION2() }

/* ---- Modules (moduleobject.h, modsupport.h) ---------------------------- */
#define PyModuleDef_HEAD_INIT { PyObject_HEAD_INIT(_Py_NULL) _Py_NULL, 0, _Py_NULL }
#define PYTHON_API_VERSION 1013
#define PYTHON_API_STRING "1013"
#define PYTHON_ABI_VERSION 3
#define PYTHON_ABI_STRING "3"
#ifdef Py_LIMITED_API
#  define PyModule_Create(module) PyModule_Create2((module), PYTHON_ABI_VERSION)
#  define PyModule_FromDefAndSpec(module, spec) \
    PyModule_FromDefAndSpec2((module), (spec), PYTHON_ABI_VERSION)
#else
#  define PyModule_Create(module) PyModule_Create2((module), PYTHON_API_VERSION)
#  define PyModule_FromDefAndSpec(module, spec) \
    PyModule_FromDefAndSpec2((module), (spec), PYTHON_API_VERSION)
#endif
#define PyModule_AddIntMacro(m, c) PyModule_AddIntConstant((m), #c, (c))
#define PyModule_AddStringMacro(m, c) PyModule_AddStringConstant((m), #c, (c))
#ifndef Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED
#  define Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED ((void *)0)
#  define Py_MOD_MULTIPLE_INTERPRETERS_SUPPORTED ((void *)1)
#  define Py_MOD_PER_INTERPRETER_GIL_SUPPORTED ((void *)2)
#endif
#ifndef Py_MOD_GIL_USED
#  define Py_MOD_GIL_USED ((void *)0)
#  define Py_MOD_GIL_NOT_USED ((void *)1)
#endif

/* ---- Builtin functions (methodobject.h) -------------------------------- */
#define _PyCFunction_CAST(func) _Py_CAST(PyCFunction, _Py_CAST(void(*)(void), (func)))
#define _PyCFunctionWithKeywords_CAST(func) \
    _Py_CAST(PyCFunctionWithKeywords, _Py_CAST(void(*)(void), (func)))
#define PyCFunction_New(ml, self) PyCFunction_NewEx((ml), (self), _Py_NULL)
#ifndef Py_LIMITED_API
#define _PyCFunctionObject_CAST(func) _Py_CAST(PyCFunctionObject*, (func))
#define _PyCMethodObject_CAST(func) _Py_CAST(PyCMethodObject*, (func))
static inline PyCFunction _Py_inline_PyCFunction_GET_FUNCTION(PyObject *func)
{
    return _PyCFunctionObject_CAST(func)->m_ml->ml_meth;
}
static inline PyObject *_Py_inline_PyCFunction_GET_SELF(PyObject *func)
{
    PyCFunctionObject *f = _PyCFunctionObject_CAST(func);
    if (f->m_ml->ml_flags & METH_STATIC) {
        return _Py_NULL;
    }
    return f->m_self;
}
static inline int _Py_inline_PyCFunction_GET_FLAGS(PyObject *func)
{
    return _PyCFunctionObject_CAST(func)->m_ml->ml_flags;
}
static inline PyTypeObject *_Py_inline_PyCFunction_GET_CLASS(PyObject *func)
{
    PyCFunctionObject *f = _PyCFunctionObject_CAST(func);
    if (f->m_ml->ml_flags & METH_METHOD) {
        return _PyCMethodObject_CAST(func)->mm_class;
    }
    return _Py_NULL;
}
#define PyCFunction_GET_FUNCTION(func) _Py_inline_PyCFunction_GET_FUNCTION(_PyObject_CAST(func))
#define PyCFunction_GET_SELF(func) _Py_inline_PyCFunction_GET_SELF(_PyObject_CAST(func))
#define PyCFunction_GET_FLAGS(func) _Py_inline_PyCFunction_GET_FLAGS(_PyObject_CAST(func))
#define PyCFunction_GET_CLASS(func) _Py_inline_PyCFunction_GET_CLASS(_PyObject_CAST(func))
#endif

/* ---- Calls (abstract.h) ------------------------------------------------ */
#define PY_VECTORCALL_ARGUMENTS_OFFSET ((size_t)1 << (8 * sizeof(size_t) - 1))
static inline Py_ssize_t _Py_inline_PyVectorcall_NARGS(size_t n)
{
    return (Py_ssize_t)(n & ~PY_VECTORCALL_ARGUMENTS_OFFSET);
}
#define PyVectorcall_NARGS(n) _Py_inline_PyVectorcall_NARGS(n)
#ifndef Py_LIMITED_API
static inline PyObject *PyObject_CallMethodNoArgs(PyObject *self, PyObject *name)
{
    return PyObject_VectorcallMethod(name, &self, 1 | PY_VECTORCALL_ARGUMENTS_OFFSET, _Py_NULL);
}
static inline PyObject *PyObject_CallMethodOneArg(PyObject *self, PyObject *name, PyObject *arg)
{
    PyObject *args[2];
    args[0] = self;
    args[1] = arg;
    return PyObject_VectorcallMethod(name, args, 2 | PY_VECTORCALL_ARGUMENTS_OFFSET, _Py_NULL);
}
#endif
#define PyMapping_DelItem(o, key) PyObject_DelItem((o), (key))
#define PyMapping_DelItemString(o, key) PyObject_DelItemString((o), (key))
#define PyImport_ImportModuleEx(name, globals, locals, fromlist) \
    PyImport_ImportModuleLevel((name), (globals), (locals), (fromlist), 0)

/* ---- Concrete objects: fields read in place (CPython: Include/cpython) -------------- */
#ifndef Py_LIMITED_API

/* tuple */
#define _PyTuple_CAST(op) _Py_CAST(PyTupleObject*, (op))
#define PyTuple_GET_SIZE(op) Py_SIZE(op)
#define PyTuple_GET_ITEM(op, index) (_PyTuple_CAST(op)->ob_item[(index)])
static inline void _Py_inline_PyTuple_SET_ITEM(PyObject *op, Py_ssize_t index, PyObject *value)
{
    _PyTuple_CAST(op)->ob_item[index] = value;
}
#define PyTuple_SET_ITEM(op, index, value) \
    _Py_inline_PyTuple_SET_ITEM(_PyObject_CAST(op), (index), _PyObject_CAST(value))

/* struct sequences are tuples underneath */
#define PyStructSequence_GET_ITEM(op, index) PyTuple_GET_ITEM((op), (index))
#define PyStructSequence_SET_ITEM(op, index, value) PyTuple_SET_ITEM((op), (index), (value))

/* set */
#define PySet_GET_SIZE(so) (((PySetObject *)(so))->used)

/* list */
#define _PyList_CAST(op) _Py_CAST(PyListObject*, (op))
#define PyList_GET_SIZE(op) Py_SIZE(op)
#define PyList_GET_ITEM(op, index) (_PyList_CAST(op)->ob_item[(index)])
static inline void _Py_inline_PyList_SET_ITEM(PyObject *op, Py_ssize_t index, PyObject *value)
{
    _PyList_CAST(op)->ob_item[index] = value;
}
#define PyList_SET_ITEM(op, index, value) \
    _Py_inline_PyList_SET_ITEM(_PyObject_CAST(op), (index), _PyObject_CAST(value))

/* bytes, bytearray */
#define _PyBytes_CAST(op) _Py_CAST(PyBytesObject*, (op))
#define PyBytes_AS_STRING(op) (_PyBytes_CAST(op)->ob_sval)
#define PyBytes_GET_SIZE(op) Py_SIZE(op)
#define _PyByteArray_CAST(op) _Py_CAST(PyByteArrayObject*, (op))
static inline char *_Py_inline_PyByteArray_AS_STRING(PyObject *op)
{
    static char empty[1];
    PyByteArrayObject *b = _PyByteArray_CAST(op);
    return Py_SIZE(b) && b->ob_start ? b->ob_start : empty;
}
#define PyByteArray_AS_STRING(op) _Py_inline_PyByteArray_AS_STRING(_PyObject_CAST(op))
#define PyByteArray_GET_SIZE(op) Py_SIZE(op)

/* memoryview: its private copy of the exporter's view, and the exporter */
#define PyMemoryView_GET_BUFFER(op) (&_Py_CAST(PyMemoryViewObject*, (op))->view)
#define PyMemoryView_GET_BASE(op) (_Py_CAST(PyMemoryViewObject*, (op))->view.obj)

/* sequences (PySequence_Fast gives a list or a tuple) */
#define PySequence_Fast_GET_SIZE(o) (PyList_Check(o) ? PyList_GET_SIZE(o) : PyTuple_GET_SIZE(o))
#define PySequence_Fast_GET_ITEM(o, i) \
    (PyList_Check(o) ? PyList_GET_ITEM((o), (i)) : PyTuple_GET_ITEM((o), (i)))
#define PySequence_Fast_ITEMS(o) \
    (PyList_Check(o) ? _PyList_CAST(o)->ob_item : _PyTuple_CAST(o)->ob_item)
#define PySequence_ITEM(o, i) (Py_TYPE(o)->tp_as_sequence->sq_item((o), (i)))

/* descriptors */
#define PyDescr_TYPE(x) (_Py_CAST(PyDescrObject*, (x))->d_type)
#define PyDescr_NAME(x) (_Py_CAST(PyDescrObject*, (x))->d_name)

/* float */
#define PyFloat_AS_DOUBLE(op) (_Py_CAST(PyFloatObject*, (op))->ob_fval)

/* dict */
#define PyDict_GET_SIZE(op) (_Py_CAST(PyDictObject*, (op))->ma_used)

/* str (PEP 393). `state` holds the bits of CPython's bitfield:
 * 0-1 interned, 2-4 kind, 5 compact, 6 ascii, 7 statically allocated. */
/* The type of PyUnicode_KIND's result; the kind values themselves are the
 * generated PyUnicode_1BYTE_KIND, PyUnicode_2BYTE_KIND, PyUnicode_4BYTE_KIND. */
enum PyUnicode_Kind {
    _PyUnicode_KIND_1BYTE = 1,
    _PyUnicode_KIND_2BYTE = 2,
    _PyUnicode_KIND_4BYTE = 4
};
#define _PyASCIIObject_CAST(op) _Py_CAST(PyASCIIObject*, (op))
#define _PyCompactUnicodeObject_CAST(op) _Py_CAST(PyCompactUnicodeObject*, (op))
#define _PyUnicodeObject_CAST(op) _Py_CAST(PyUnicodeObject*, (op))
#define _Py_UNICODE_STATE(op) (_PyASCIIObject_CAST(op)->state)
#define PyUnicode_CHECK_INTERNED(op) ((unsigned int)(_Py_UNICODE_STATE(op) & 3U))
#define PyUnicode_IS_READY(op) 1
#define PyUnicode_READY(op) 0
#define PyUnicode_IS_ASCII(op) ((unsigned int)((_Py_UNICODE_STATE(op) >> 6) & 1U))
#define PyUnicode_IS_COMPACT(op) ((unsigned int)((_Py_UNICODE_STATE(op) >> 5) & 1U))
#define PyUnicode_IS_COMPACT_ASCII(op) (PyUnicode_IS_ASCII(op) && PyUnicode_IS_COMPACT(op))
#define PyUnicode_KIND(op) ((int)((_Py_UNICODE_STATE(op) >> 2) & 7U))
#define PyUnicode_GET_LENGTH(op) (_PyASCIIObject_CAST(op)->length)
static inline void *_Py_inline_PyUnicode_DATA(PyObject *op)
{
    if (PyUnicode_IS_COMPACT(op)) {
        if (PyUnicode_IS_ASCII(op)) {
            return _PyASCIIObject_CAST(op) + 1;
        }
        return _PyCompactUnicodeObject_CAST(op) + 1;
    }
    return _PyUnicodeObject_CAST(op)->data;
}
#define PyUnicode_DATA(op) _Py_inline_PyUnicode_DATA(_PyObject_CAST(op))
#define PyUnicode_1BYTE_DATA(op) _Py_CAST(Py_UCS1*, PyUnicode_DATA(op))
#define PyUnicode_2BYTE_DATA(op) _Py_CAST(Py_UCS2*, PyUnicode_DATA(op))
#define PyUnicode_4BYTE_DATA(op) _Py_CAST(Py_UCS4*, PyUnicode_DATA(op))
static inline void _Py_inline_PyUnicode_WRITE(int kind, void *data, Py_ssize_t index, Py_UCS4 value)
{
    if (kind == PyUnicode_1BYTE_KIND) {
        _Py_CAST(Py_UCS1*, data)[index] = (Py_UCS1)value;
    } else if (kind == PyUnicode_2BYTE_KIND) {
        _Py_CAST(Py_UCS2*, data)[index] = (Py_UCS2)value;
    } else {
        _Py_CAST(Py_UCS4*, data)[index] = value;
    }
}
#define PyUnicode_WRITE(kind, data, index, value) \
    _Py_inline_PyUnicode_WRITE((int)(kind), _Py_CAST(void*, (data)), (index), _Py_STATIC_CAST(Py_UCS4, (value)))
static inline Py_UCS4 _Py_inline_PyUnicode_READ(int kind, const void *data, Py_ssize_t index)
{
    if (kind == PyUnicode_1BYTE_KIND) {
        return _Py_CAST(const Py_UCS1*, data)[index];
    }
    if (kind == PyUnicode_2BYTE_KIND) {
        return _Py_CAST(const Py_UCS2*, data)[index];
    }
    return _Py_CAST(const Py_UCS4*, data)[index];
}
#define PyUnicode_READ(kind, data, index) \
    _Py_inline_PyUnicode_READ((int)(kind), _Py_CAST(const void*, (data)), (index))
static inline Py_UCS4 _Py_inline_PyUnicode_READ_CHAR(PyObject *op, Py_ssize_t index)
{
    return _Py_inline_PyUnicode_READ(PyUnicode_KIND(op), PyUnicode_DATA(op), index);
}
#define PyUnicode_READ_CHAR(op, index) _Py_inline_PyUnicode_READ_CHAR(_PyObject_CAST(op), (index))
static inline Py_UCS4 _Py_inline_PyUnicode_MAX_CHAR_VALUE(PyObject *op)
{
    int kind;
    if (PyUnicode_IS_ASCII(op)) {
        return 0x7fU;
    }
    kind = PyUnicode_KIND(op);
    if (kind == PyUnicode_1BYTE_KIND) {
        return 0xffU;
    }
    if (kind == PyUnicode_2BYTE_KIND) {
        return 0xffffU;
    }
    return 0x10ffffU;
}
#define PyUnicode_MAX_CHAR_VALUE(op) _Py_inline_PyUnicode_MAX_CHAR_VALUE(_PyObject_CAST(op))

#endif /* !Py_LIMITED_API */

/* slices: clamp a slice to a sequence length */
#if !defined(Py_LIMITED_API) || Py_LIMITED_API+0 >= 0x03060100
#define PySlice_GetIndicesEx(slice, length, start, stop, step, slicelen) \
    (PySlice_Unpack((slice), (start), (stop), (step)) < 0 ? ((*(slicelen) = 0), -1) \
     : ((*(slicelen) = PySlice_AdjustIndices((length), (start), (stop), *(step))), 0))
#endif

/* ---- Unicode helpers usable everywhere --------------------------------- */
#define Py_UNICODE_REPLACEMENT_CHARACTER ((Py_UCS4) 0xFFFD)
#define Py_UNICODE_IS_SURROGATE(ch) (0xD800 <= (ch) && (ch) <= 0xDFFF)
#define Py_UNICODE_IS_HIGH_SURROGATE(ch) (0xD800 <= (ch) && (ch) <= 0xDBFF)
#define Py_UNICODE_IS_LOW_SURROGATE(ch) (0xDC00 <= (ch) && (ch) <= 0xDFFF)
#define Py_UNICODE_JOIN_SURROGATES(high, low) \
    (((((Py_UCS4)(high) & 0x03FF) << 10) | ((Py_UCS4)(low) & 0x03FF)) + 0x10000)
#define Py_UNICODE_HIGH_SURROGATE(ch) (0xD800 - (0x10000 >> 10) + ((ch) >> 10))
#define Py_UNICODE_LOW_SURROGATE(ch) (0xDC00 + ((ch) & 0x3FF))

/* ---- int, float helpers (longobject.h, floatobject.h) ------------------ */
#define PyLong_AS_LONG(op) PyLong_AsLong(op)
#define PyLong_FromPid PyLong_FromLong
#define PyLong_AsPid PyLong_AsInt
#define _PyLong_AsInt PyLong_AsInt
#ifndef PyLong_BASE
#  define PyLong_BASE ((digit)1 << PyLong_SHIFT)
#  define PyLong_MASK ((digit)(PyLong_BASE - 1))
#endif
#define Py_RETURN_NAN return PyFloat_FromDouble(Py_NAN)
#define Py_RETURN_INF(sign) \
    do { \
        if (copysign(1., (sign)) == 1.) { \
            return PyFloat_FromDouble(Py_INFINITY); \
        } \
        return PyFloat_FromDouble(-Py_INFINITY); \
    } while (0)

/* Compact ints (CPython 3.12+ inline helpers; Cython uses them). An int is
 * compact when it has at most one digit: lv_tag = ndigits << 3 | sign. */
#ifndef Py_LIMITED_API
#define _Py_LONG_TAG(op) (_Py_CAST(PyLongObject*, (op))->lv_tag)
#define _Py_LONG_DIGITS(op) (_Py_CAST(PyLongObject*, (op))->ob_digit)
static inline int _PyLong_IsCompact(const PyLongObject *op)
{
    return _Py_LONG_TAG(op) < (2 << 3);
}
static inline Py_ssize_t _PyLong_CompactValue(const PyLongObject *op)
{
    Py_ssize_t sign = 1 - (Py_ssize_t)(_Py_LONG_TAG(op) & 3);
    return sign * (Py_ssize_t)_Py_LONG_DIGITS(op)[0];
}
#define PyUnstable_Long_IsCompact _PyLong_IsCompact
#define PyUnstable_Long_CompactValue _PyLong_CompactValue
#endif

/* Start symbols for compiling source (compile.h). */
#ifndef Py_single_input
#  define Py_single_input 256
#  define Py_file_input 257
#  define Py_eval_input 258
#  define Py_func_type_input 345
#endif

#ifndef Py_LIMITED_API
/* Code object flags (cpython/code.h), among them the __future__ features
 * a PyCompilerFlags carries. */
#define CO_OPTIMIZED 0x0001
#define CO_NEWLOCALS 0x0002
#define CO_VARARGS 0x0004
#define CO_VARKEYWORDS 0x0008
#define CO_NESTED 0x0010
#define CO_GENERATOR 0x0020
#define CO_COROUTINE 0x0100
#define CO_ITERABLE_COROUTINE 0x0200
#define CO_ASYNC_GENERATOR 0x0400
#define CO_FUTURE_DIVISION 0x20000
#define CO_FUTURE_ABSOLUTE_IMPORT 0x40000
#define CO_FUTURE_WITH_STATEMENT 0x80000
#define CO_FUTURE_PRINT_FUNCTION 0x100000
#define CO_FUTURE_UNICODE_LITERALS 0x200000
#define CO_FUTURE_BARRY_AS_BDFL 0x400000
#define CO_FUTURE_GENERATOR_STOP 0x800000
#define CO_FUTURE_ANNOTATIONS 0x1000000
#define CO_NO_MONITORING_EVENTS 0x2000000
#define CO_HAS_DOCSTRING 0x4000000
#define CO_METHOD 0x8000000

/* Compiler flags (cpython/compile.h) for PyCompilerFlags.cf_flags. */
#define PyCF_MASK (CO_FUTURE_DIVISION | CO_FUTURE_ABSOLUTE_IMPORT | \
                   CO_FUTURE_WITH_STATEMENT | CO_FUTURE_PRINT_FUNCTION | \
                   CO_FUTURE_UNICODE_LITERALS | CO_FUTURE_BARRY_AS_BDFL | \
                   CO_FUTURE_GENERATOR_STOP | CO_FUTURE_ANNOTATIONS)
#define PyCF_MASK_OBSOLETE (CO_NESTED)
#define PyCF_SOURCE_IS_UTF8 0x0100
#define PyCF_DONT_IMPLY_DEDENT 0x0200
#define PyCF_ONLY_AST 0x0400
#define PyCF_IGNORE_COOKIE 0x0800
#define PyCF_TYPE_COMMENTS 0x1000
#define PyCF_ALLOW_TOP_LEVEL_AWAIT 0x2000
#define PyCF_ALLOW_INCOMPLETE_INPUT 0x4000
#define PyCF_OPTIMIZED_AST (0x8000 | PyCF_ONLY_AST)
#define PyCF_COMPILE_MASK (PyCF_ONLY_AST | PyCF_ALLOW_TOP_LEVEL_AWAIT | \
                           PyCF_TYPE_COMMENTS | PyCF_DONT_IMPLY_DEDENT | \
                           PyCF_ALLOW_INCOMPLETE_INPUT | PyCF_OPTIMIZED_AST)
#define _PyCompilerFlags_INIT \
    (PyCompilerFlags){.cf_flags = 0, .cf_feature_version = PY_MINOR_VERSION}

/* The names of the __future__ features (cpython/compile.h). */
#define FUTURE_NESTED_SCOPES "nested_scopes"
#define FUTURE_GENERATORS "generators"
#define FUTURE_DIVISION "division"
#define FUTURE_ABSOLUTE_IMPORT "absolute_import"
#define FUTURE_WITH_STATEMENT "with_statement"
#define FUTURE_PRINT_FUNCTION "print_function"
#define FUTURE_UNICODE_LITERALS "unicode_literals"
#define FUTURE_BARRY_AS_BDFL "barry_as_FLUFL"
#define FUTURE_GENERATOR_STOP "generator_stop"
#define FUTURE_ANNOTATIONS "annotations"
#endif

/* Numeric hashing parameters (pyhash.h). */
#ifndef PyHASH_BITS
#  define PyHASH_BITS 61
#  define PyHASH_MODULUS (((size_t)1 << PyHASH_BITS) - 1)
#  define PyHASH_INF 314159
#  define PyHASH_IMAG 1000003UL
#  define PyHASH_MULTIPLIER 1000003UL
#endif

/* Deep-deallocation guard (CPython defers nested deallocs; here the body
 * runs directly). */
#define Py_TRASHCAN_BEGIN(op, dealloc) do { (void)(op);
#define Py_TRASHCAN_END } while (0);

/* ---- Errors and warnings (pyerrors.h, warnings.h) ---------------------- */
#define PyErr_Warn(category, msg) PyErr_WarnEx((category), (msg), 1)
/* The C file and line of the misuse go into the SystemError message. */
#define PyErr_BadInternalCall() _PyErr_BadInternalCall(__FILE__, __LINE__)
/* The report names the calling function, as CPython's macro does. */
#define Py_FatalError(message) _Py_FatalErrorFunc(__func__, (message))
#define PyException_HEAD PyObject_HEAD PyObject *dict; \
    PyObject *args; PyObject *notes; PyObject *traceback; \
    PyObject *context; PyObject *cause; char suppress_context;

/* ---- C-variadic functions (src/capi/variadic.c) ------------------------ */
/* errors */
PyAPI_FUNC(PyObject *) PyErr_Format(PyObject *exception, const char *format, ...);
PyAPI_FUNC(PyObject *) PyErr_FormatV(PyObject *exception, const char *format, va_list vargs);
PyAPI_FUNC(int) PyErr_WarnFormat(PyObject *category, Py_ssize_t stack_level,
                                 const char *format, ...);
PyAPI_FUNC(int) PyErr_ResourceWarning(PyObject *source, Py_ssize_t stack_level,
                                      const char *format, ...);
PyAPI_FUNC(void) PyErr_FormatUnraisable(const char *format, ...);
PyAPI_FUNC(int) PyErr_WarnExplicitFormat(PyObject *category, const char *filename, int lineno,
                                         const char *module, PyObject *registry,
                                         const char *format, ...);
/* bytes */
PyAPI_FUNC(PyObject *) PyBytes_FromFormatV(const char *format, va_list vargs)
    Py_GCC_ATTRIBUTE((format(printf, 1, 0)));
PyAPI_FUNC(PyObject *) PyBytes_FromFormat(const char *format, ...)
    Py_GCC_ATTRIBUTE((format(printf, 1, 2)));
/* str */
PyAPI_FUNC(PyObject *) PyUnicode_FromFormat(const char *format, ...);
PyAPI_FUNC(PyObject *) PyUnicode_FromFormatV(const char *format, va_list vargs);
/* building values and parsing arguments (modsupport.h) */
PyAPI_FUNC(PyObject *) Py_BuildValue(const char *format, ...);
PyAPI_FUNC(PyObject *) Py_VaBuildValue(const char *format, va_list va);
PyAPI_FUNC(int) PyArg_Parse(PyObject *args, const char *format, ...);
PyAPI_FUNC(int) PyArg_ParseTuple(PyObject *args, const char *format, ...);
PyAPI_FUNC(int) PyArg_ParseTupleAndKeywords(PyObject *args, PyObject *kwargs,
                                            const char *format,
                                            PY_CXX_CONST char * const *keywords, ...);
PyAPI_FUNC(int) PyArg_VaParse(PyObject *args, const char *format, va_list va);
PyAPI_FUNC(int) PyArg_VaParseTupleAndKeywords(PyObject *args, PyObject *kwargs,
                                              const char *format,
                                              PY_CXX_CONST char * const *keywords,
                                              va_list va);
PyAPI_FUNC(int) PyArg_UnpackTuple(PyObject *args, const char *name,
                                  Py_ssize_t min, Py_ssize_t max, ...);
/* calls (abstract.h) */
PyAPI_FUNC(PyObject *) PyObject_CallFunction(PyObject *callable, const char *format, ...);
PyAPI_FUNC(PyObject *) PyObject_CallMethod(PyObject *obj, const char *name,
                                           const char *format, ...);
PyAPI_FUNC(PyObject *) PyObject_CallFunctionObjArgs(PyObject *callable, ...);
PyAPI_FUNC(PyObject *) PyObject_CallMethodObjArgs(PyObject *obj, PyObject *name, ...);
/* the pre-3.9 spellings of PyObject_CallFunction / PyObject_CallMethod */
Py_DEPRECATED(3.9) PyAPI_FUNC(PyObject *) PyEval_CallFunction(PyObject *callable,
                                                               const char *format, ...);
Py_DEPRECATED(3.9) PyAPI_FUNC(PyObject *) PyEval_CallMethod(PyObject *obj, const char *name,
                                                             const char *format, ...);
/* tuple */
PyAPI_FUNC(PyObject *) PyTuple_Pack(Py_ssize_t n, ...);
/* sys */
PyAPI_FUNC(void) PySys_WriteStdout(const char *format, ...)
    Py_GCC_ATTRIBUTE((format(printf, 1, 2)));
PyAPI_FUNC(void) PySys_WriteStderr(const char *format, ...)
    Py_GCC_ATTRIBUTE((format(printf, 1, 2)));
PyAPI_FUNC(void) PySys_FormatStdout(const char *format, ...);
PyAPI_FUNC(void) PySys_FormatStderr(const char *format, ...);
PyAPI_FUNC(int) PySys_Audit(const char *event, const char *format, ...);
/* signal handlers (pylifecycle.h): written here because cbindgen would
 * spell the handler type as glibc's sighandler_t */
typedef void (*PyOS_sighandler_t)(int);
PyAPI_FUNC(PyOS_sighandler_t) PyOS_getsig(int sig);
PyAPI_FUNC(PyOS_sighandler_t) PyOS_setsig(int sig, PyOS_sighandler_t handler);
/* formatting into a buffer (pyerrors.h) */
PyAPI_FUNC(int) PyOS_snprintf(char *str, size_t size, const char *format, ...)
    Py_GCC_ATTRIBUTE((format(printf, 3, 4)));
PyAPI_FUNC(int) PyOS_vsnprintf(char *str, size_t size, const char *format, va_list va)
    Py_GCC_ATTRIBUTE((format(printf, 3, 0)));

/* ---- Exports limited to newer stable ABIs ------------------------------
 * capi.h leaves these out (cbindgen.toml) so that they are declared here
 * under the Py_LIMITED_API version that CPython's headers require. */
#if !defined(Py_LIMITED_API) || Py_LIMITED_API+0 >= 0x030a0000
PyAPI_FUNC(int) PyAIter_Check(PyObject *obj);
PyAPI_FUNC(PyObject *) PyObject_GetAIter(PyObject *obj);
PyAPI_FUNC(PySendResult) PyIter_Send(PyObject *iter, PyObject *arg, PyObject **presult);
#endif
#if !defined(Py_LIMITED_API) || Py_LIMITED_API+0 >= 0x030c0000
PyAPI_FUNC(void *) PyObject_GetTypeData(PyObject *obj, PyTypeObject *cls);
PyAPI_FUNC(Py_ssize_t) PyType_GetTypeDataSize(PyTypeObject *cls);
#endif
/* Version helpers (pymacro.h): macros, with exported functions of the same
 * names (#undef the macro to reach the function). */
#define _Py_PACK_VERSION(X, Y) _Py_PACK_FULL_VERSION(X, Y, 0, 0, 0)
#if !defined(Py_LIMITED_API) || Py_LIMITED_API+0 >= 0x030e0000
PyAPI_FUNC(uint32_t) Py_PACK_FULL_VERSION(int x, int y, int z, int level, int serial);
PyAPI_FUNC(uint32_t) Py_PACK_VERSION(int x, int y);
#define Py_PACK_FULL_VERSION _Py_PACK_FULL_VERSION
#define Py_PACK_VERSION _Py_PACK_VERSION
#endif

/* ---- Raising sys.monitoring events from C (cpython/monitoring.h) ------- */
#ifndef Py_LIMITED_API
/* Each PyMonitoring_Fire*Event does nothing (returns 0) unless some tool
 * wants the event in this scope (state->active), else calls the export. */
static inline int
PyMonitoring_FirePyStartEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset)
{
    return state->active ? _PyMonitoring_FirePyStartEvent(state, codelike, offset) : 0;
}
static inline int
PyMonitoring_FirePyResumeEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset)
{
    return state->active ? _PyMonitoring_FirePyResumeEvent(state, codelike, offset) : 0;
}
static inline int
PyMonitoring_FirePyReturnEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *retval)
{
    return state->active ? _PyMonitoring_FirePyReturnEvent(state, codelike, offset, retval) : 0;
}
static inline int
PyMonitoring_FirePyYieldEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *retval)
{
    return state->active ? _PyMonitoring_FirePyYieldEvent(state, codelike, offset, retval) : 0;
}
static inline int
PyMonitoring_FireCallEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *callable, PyObject *arg0)
{
    return state->active ? _PyMonitoring_FireCallEvent(state, codelike, offset, callable, arg0) : 0;
}
static inline int
PyMonitoring_FireLineEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, int lineno)
{
    return state->active ? _PyMonitoring_FireLineEvent(state, codelike, offset, lineno) : 0;
}
static inline int
PyMonitoring_FireJumpEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *target_offset)
{
    return state->active ? _PyMonitoring_FireJumpEvent(state, codelike, offset, target_offset) : 0;
}
static inline int
PyMonitoring_FireBranchEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *target_offset)
{
    return state->active ? _PyMonitoring_FireBranchEvent(state, codelike, offset, target_offset) : 0;
}
static inline int
PyMonitoring_FireCReturnEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *retval)
{
    return state->active ? _PyMonitoring_FireCReturnEvent(state, codelike, offset, retval) : 0;
}
static inline int
PyMonitoring_FirePyThrowEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset)
{
    return state->active ? _PyMonitoring_FirePyThrowEvent(state, codelike, offset) : 0;
}
static inline int
PyMonitoring_FireRaiseEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset)
{
    return state->active ? _PyMonitoring_FireRaiseEvent(state, codelike, offset) : 0;
}
static inline int
PyMonitoring_FireReraiseEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset)
{
    return state->active ? _PyMonitoring_FireReraiseEvent(state, codelike, offset) : 0;
}
static inline int
PyMonitoring_FireExceptionHandledEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset)
{
    return state->active ? _PyMonitoring_FireExceptionHandledEvent(state, codelike, offset) : 0;
}
static inline int
PyMonitoring_FireCRaiseEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset)
{
    return state->active ? _PyMonitoring_FireCRaiseEvent(state, codelike, offset) : 0;
}
static inline int
PyMonitoring_FirePyUnwindEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset)
{
    return state->active ? _PyMonitoring_FirePyUnwindEvent(state, codelike, offset) : 0;
}
static inline int
PyMonitoring_FireStopIterationEvent(PyMonitoringState *state, PyObject *codelike, int32_t offset, PyObject *value)
{
    return state->active ? _PyMonitoring_FireStopIterationEvent(state, codelike, offset, value) : 0;
}
#endif /* !Py_LIMITED_API */

/* ---- Case-insensitive comparison (pystrcmp.h) -------------------------- */
#define PyOS_strnicmp PyOS_mystrnicmp
#define PyOS_stricmp PyOS_mystricmp

/* ---- Ferrython itself -------------------------------------------------- */
/* Lets code tell ferrython from CPython at compile time. */
#define FERRYTHON 1

#ifdef __cplusplus
}
#endif

#endif /* !Py_PYTHON_H */
