// test: compile-only
// test: cflags -std=c11 -Wextra -pedantic-errors
// test: cxx
// test: limited 0x030c0000
// test: limited 0x030e0000
// test: cpython-compile
/* Uses every macro and inline function Python.h defines at least once, so
 * that each compiles cleanly with -Wall -Wextra -Werror -pedantic-errors as
 * C11 and as C++, with and without Py_LIMITED_API; the same file must compile
 * against CPython 3.13's headers (where a macro is 3.14-only, it is skipped
 * for CPython). Nothing here runs. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

typedef struct {
    PyObject_HEAD
    int number;
    PyObject *ref;
} Thing;

typedef struct {
    PyObject_VAR_HEAD
    double items[1];
} Things;

static void thing_dealloc(PyObject *self)
{
    Thing *t = (Thing *)self;
    Py_CLEAR(t->ref);
    PyObject_Free(self);
}

static int thing_traverse(PyObject *self, visitproc visit, void *arg)
{
    Thing *t = (Thing *)self;
    Py_VISIT(t->ref);
    return 0;
}

static PyObject *thing_richcompare(PyObject *a, PyObject *b, int op)
{
    long x = (long)((Thing *)a)->number;
    long y = (long)((Thing *)b)->number;
    Py_RETURN_RICHCOMPARE(x, y, op);
}

static PyObject *thing_none(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    Py_RETURN_NONE;
}

static PyObject *thing_true(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    Py_RETURN_TRUE;
}

static PyObject *thing_false(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    Py_RETURN_FALSE;
}

static PyObject *thing_notimpl(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    Py_RETURN_NOTIMPLEMENTED;
}

static PyObject *thing_nan(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args))
{
    Py_RETURN_NAN;
}

static PyObject *thing_inf(PyObject *Py_UNUSED(self), PyObject *arg)
{
    Py_RETURN_INF((double)PyLong_AsLong(arg));
}

static PyObject *thing_kw(PyObject *Py_UNUSED(self), PyObject *args, PyObject *kwargs)
{
    static const char *const kwlist[] = {"a", "b", NULL};
    int a = 0, b = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|ii", (char **)kwlist, &a, &b)) {
        return NULL;
    }
    return Py_BuildValue("(ii)", a, b);
}

PyDoc_STRVAR(thing_doc, "A thing.");

static PyMethodDef thing_methods[] = {
    {"none", thing_none, METH_NOARGS, PyDoc_STR("None")},
    {"yes", thing_true, METH_NOARGS, NULL},
    {"no", thing_false, METH_NOARGS, NULL},
    {"notimpl", thing_notimpl, METH_NOARGS, NULL},
    {"nan", thing_nan, METH_NOARGS, NULL},
    {"inf", thing_inf, METH_O, NULL},
    {"kw", _PyCFunction_CAST(thing_kw), METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef thing_members[] = {
    {"number", T_INT, offsetof(Thing, number), 0, NULL},
    {"ref", T_OBJECT_EX, offsetof(Thing, ref), READONLY, NULL},
    {"ref2", Py_T_OBJECT_EX, offsetof(Thing, ref), Py_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static PyObject *thing_get(PyObject *self, void *Py_UNUSED(closure))
{
    return PyFloat_FromDouble(((Thing *)self)->number);
}

static PyGetSetDef thing_getset[] = {
    {"value", thing_get, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

#ifndef Py_LIMITED_API
/* A static type, positional initializers (the classic form; -Wextra would
 * want every field spelled out). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
static PyTypeObject ThingPositional_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    "compile_all.ThingP",   /* tp_name */
    sizeof(Thing),          /* tp_basicsize */
    0,                      /* tp_itemsize */
    thing_dealloc,          /* tp_dealloc */
};
#pragma GCC diagnostic pop

/* The same with designated initializers. */
static PyTypeObject Thing_Type = {
    PyVarObject_HEAD_INIT(&PyType_Type, 0)
    .tp_name = "compile_all.Thing",
    .tp_basicsize = sizeof(Thing),
    .tp_dealloc = thing_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = thing_doc,
    .tp_traverse = thing_traverse,
    .tp_richcompare = thing_richcompare,
    .tp_methods = thing_methods,
    .tp_members = thing_members,
    .tp_getset = thing_getset,
};

static struct {
    PyObject_HEAD
    long payload;
} static_object = { PyObject_HEAD_INIT(&Thing_Type) 42 };
#endif

/* ISO C has no conversion from function to object pointers; the C API asks
 * for it in every slot table. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
static PyType_Slot thing_slots[] = {
    {Py_tp_dealloc, (void *)thing_dealloc},
    {Py_tp_traverse, (void *)thing_traverse},
    {Py_tp_richcompare, (void *)thing_richcompare},
    {Py_tp_methods, thing_methods},
    {Py_tp_members, thing_members},
    {Py_tp_getset, thing_getset},
    {Py_tp_doc, (void *)thing_doc},
    {0, NULL},
};
#pragma GCC diagnostic pop

static PyType_Spec thing_spec = {
    "compile_all.ThingSpec", (int)sizeof(Thing), 0, Py_TPFLAGS_DEFAULT, thing_slots,
};

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_multiple_interpreters, Py_MOD_MULTIPLE_INTERPRETERS_NOT_SUPPORTED},
#if PY_VERSION_HEX >= 0x030d0000
    {Py_mod_gil, Py_MOD_GIL_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    "compile_all",
    NULL,
    0,
    thing_methods,
    NULL,
    NULL,
    NULL,
    NULL,
};

static PyModuleDef module_def2 = {
    PyModuleDef_HEAD_INIT,
    .m_name = "compile_all2",
    .m_size = -1,
    .m_slots = module_slots,
};

PyMODINIT_FUNC PyInit_compile_all(void);
PyMODINIT_FUNC PyInit_compile_all(void)
{
    PyObject *m = PyModule_Create(&module_def);
    if (m == NULL) {
        return NULL;
    }
    (void)thing_spec;
#define COMPILE_ALL_NUMBER 42
    PyModule_AddIntMacro(m, COMPILE_ALL_NUMBER);
#define COMPILE_ALL_NAME "compile_all"
    PyModule_AddStringMacro(m, COMPILE_ALL_NAME);
    (void)module_def2;
    return m;
}

/* Refcounts, identity, types. */
int use_refcounts(PyObject *o, PyObject *p);
int use_refcounts(PyObject *o, PyObject *p)
{
    PyObject *a = Py_NewRef(o);
    PyObject *b = Py_XNewRef(p);
    PyObject *c = NULL;
    Py_INCREF(o);
    Py_DECREF(o);
    Py_XINCREF(p);
    Py_XDECREF(p);
    Py_SETREF(a, Py_NewRef(o));
    Py_XSETREF(b, NULL);
    Py_XSETREF(c, Py_NewRef(o));
    Py_CLEAR(c);
    Py_DECREF(a);
    Py_SET_REFCNT(o, Py_REFCNT(o));
    return Py_Is(o, p) + Py_IsNone(o) + Py_IsTrue(o) + Py_IsFalse(o)
        + (o == Py_None) + (o == Py_True) + (o == Py_False) + (o == Py_Ellipsis)
        + (o == Py_NotImplemented)
        + Py_IS_TYPE(o, &PyLong_Type) + (Py_TYPE(o) == &PyFloat_Type);
}

int use_checks(PyObject *o);
int use_checks(PyObject *o)
{
    return PyType_Check(o) + PyType_CheckExact(o)
        + PyLong_Check(o) + PyLong_CheckExact(o) + PyBool_Check(o)
        + PyFloat_Check(o) + PyFloat_CheckExact(o)
        + PyComplex_Check(o) + PyComplex_CheckExact(o)
        + PyBytes_Check(o) + PyBytes_CheckExact(o)
        + PyByteArray_Check(o) + PyByteArray_CheckExact(o)
        + PyUnicode_Check(o) + PyUnicode_CheckExact(o)
        + PyTuple_Check(o) + PyTuple_CheckExact(o)
        + PyList_Check(o) + PyList_CheckExact(o)
        + PyDict_Check(o) + PyDict_CheckExact(o)
        + PyDictKeys_Check(o) + PyDictValues_Check(o) + PyDictItems_Check(o)
        + PyDictViewSet_Check(o)
        + PySet_Check(o) + PySet_CheckExact(o)
        + PyFrozenSet_Check(o) + PyFrozenSet_CheckExact(o)
        + PyAnySet_Check(o) + PyAnySet_CheckExact(o)
        + PySlice_Check(o) + PyRange_Check(o)
        + PyModule_Check(o) + PyModule_CheckExact(o)
        + PyCFunction_Check(o) + PyCFunction_CheckExact(o)
        + PyCMethod_Check(o) + PyCMethod_CheckExact(o) + PyType_IS_GC(Py_TYPE(o))
        + PyMemoryView_Check(o) + PyCapsule_CheckExact(o)
        + PySeqIter_Check(o) + PyCallIter_Check(o)
        + PyExceptionClass_Check(o) + PyExceptionInstance_Check(o)
        + (PyExceptionInstance_Class(o) != NULL)
        + PyObject_TypeCheck(o, &PyLong_Type)
        + PyType_HasFeature(Py_TYPE(o), Py_TPFLAGS_HEAPTYPE)
        + PyType_FastSubclass(Py_TYPE(o), Py_TPFLAGS_LONG_SUBCLASS);
}

static void thing_dealloc_trashcan(PyObject *self)
{
    Py_TRASHCAN_BEGIN(self, thing_dealloc_trashcan)
    thing_dealloc(self);
    Py_TRASHCAN_END
}

/* Allocation. */
int use_alloc(PyTypeObject *tp);
int use_alloc(PyTypeObject *tp)
{
    Thing *t = PyObject_New(Thing, tp);
    Things *ts = PyObject_NewVar(Things, tp, 3);
    Thing *g = PyObject_GC_New(Thing, tp);
    Things *gs = PyObject_GC_NewVar(Things, tp, 2);
    Thing *t2 = PyObject_NEW(Thing, tp);
    Things *ts2 = PyObject_NEW_VAR(Things, tp, 1);
    int *ints = PyMem_New(int, 10);
    int *more = PyMem_NEW(int, 1);
    void *raw = PyObject_MALLOC(16);
    void *mem = PyMem_MALLOC(16);
    gs = PyObject_GC_Resize(Things, gs, 4);
    PyMem_Resize(ints, int, 20);
    PyMem_RESIZE(more, int, 2);
    raw = PyObject_REALLOC(raw, 32);
    mem = PyMem_REALLOC(mem, 32);
    PyObject_FREE(raw);
    PyMem_FREE(mem);
    PyMem_Del(ints);
    PyMem_DEL(more);
    PyObject_Del(t2);
    PyObject_DEL(ts2);
    Py_SET_SIZE(ts, 2);
    Py_SET_TYPE(t, tp);
    (void)PyObject_INIT(t, tp);
    (void)PyObject_INIT_VAR(ts, tp, 3);
#ifndef Py_LIMITED_API
    (void)_PyObject_SIZE(tp);
    (void)_PyObject_VAR_SIZE(tp, 3);
#endif
    (void)thing_dealloc_trashcan;
    return (int)Py_SIZE(ts) + (t != NULL) + (g != NULL) + (gs != NULL);
}

#ifndef Py_LIMITED_API
int use_compact(PyObject *o);
int use_compact(PyObject *o)
{
    if (PyLong_CheckExact(o) && PyUnstable_Long_IsCompact((PyLongObject *)o)) {
        return (int)PyUnstable_Long_CompactValue((PyLongObject *)o);
    }
    return 0;
}

/* Concrete objects read in place. */
double use_concrete(PyObject *tuple, PyObject *list, PyObject *bytes,
                    PyObject *bytearray, PyObject *flt, PyObject *dict,
                    PyObject *str, PyObject *func);
double use_concrete(PyObject *tuple, PyObject *list, PyObject *bytes,
                    PyObject *bytearray, PyObject *flt, PyObject *dict,
                    PyObject *str, PyObject *func)
{
    Py_ssize_t n = PyTuple_GET_SIZE(tuple) + PyList_GET_SIZE(list)
        + PyBytes_GET_SIZE(bytes) + PyByteArray_GET_SIZE(bytearray)
        + PyDict_GET_SIZE(dict) + PyUnicode_GET_LENGTH(str);
    PyObject *item = PyTuple_GET_ITEM(tuple, 0);
    enum PyUnicode_Kind kind = (enum PyUnicode_Kind)PyUnicode_KIND(str);
    void *data = PyUnicode_DATA(str);
    Py_UCS4 ch;
    PyTuple_SET_ITEM(tuple, 0, PyList_GET_ITEM(list, 0));
    PyList_SET_ITEM(list, 0, item);
    ch = PyUnicode_READ(kind, data, 0) + PyUnicode_READ_CHAR(str, 0)
        + PyUnicode_MAX_CHAR_VALUE(str);
    if (PyUnicode_READY(str) == 0 && PyUnicode_IS_READY(str)) {
        PyUnicode_WRITE(kind, data, 0, ch);
    }
    n += (Py_ssize_t)PyUnicode_1BYTE_DATA(str)[0] + (Py_ssize_t)PyUnicode_2BYTE_DATA(str)[0]
        + (Py_ssize_t)PyUnicode_4BYTE_DATA(str)[0];
    n += PyUnicode_IS_ASCII(str) + PyUnicode_IS_COMPACT(str) + PyUnicode_IS_COMPACT_ASCII(str)
        + PyUnicode_CHECK_INTERNED(str);
    n += PyBytes_AS_STRING(bytes)[0] + PyByteArray_AS_STRING(bytearray)[0];
    n += PySequence_Fast_GET_SIZE(list) + (PySequence_Fast_GET_ITEM(tuple, 0) != NULL)
        + (PySequence_Fast_ITEMS(list) != NULL);
    item = PySequence_ITEM(tuple, 0);
    Py_XDECREF(item);
    n += (PyDescr_TYPE(func) != NULL) + (PyDescr_NAME(func) != NULL);
    n += (PyCFunction_GET_FUNCTION(func) != NULL) + (PyCFunction_GET_SELF(func) != NULL)
        + PyCFunction_GET_FLAGS(func) + (PyCFunction_GET_CLASS(func) != NULL);
    (void)static_object;
    (void)ThingPositional_Type;
    (void)Thing_Type;
    return (double)n + PyFloat_AS_DOUBLE(flt);
}
#endif

/* Threads, calls, errors, variadics. */
int use_misc(PyObject *o, PyObject *callable, size_t nargsf);
int use_misc(PyObject *o, PyObject *callable, size_t nargsf)
{
    char buf[32];
    PyObject *r;
    long v = 0;
    PyObject *a = NULL, *b = NULL;
    Py_BEGIN_ALLOW_THREADS
    Py_BLOCK_THREADS
    Py_UNBLOCK_THREADS
    Py_END_ALLOW_THREADS
    r = PyObject_CallFunction(callable, "(i)", 1);
    Py_XDECREF(r);
    r = PyObject_CallMethod(o, "m", "s", "x");
    Py_XDECREF(r);
    r = PyObject_CallFunctionObjArgs(callable, o, NULL);
    Py_XDECREF(r);
    r = PyObject_CallMethodObjArgs(o, o, NULL);
    Py_XDECREF(r);
    r = PyTuple_Pack(2, o, o);
    Py_XDECREF(r);
    r = PyUnicode_FromFormat("%s %d %R", "x", 1, o);
    Py_XDECREF(r);
    r = PyBytes_FromFormat("%s %d", "x", 1);
    Py_XDECREF(r);

    (void)PyArg_ParseTuple(o, "l", &v);
    (void)PyArg_Parse(o, "l", &v);
    (void)PyArg_UnpackTuple(o, "f", 0, 2, &a, &b);
    PySys_WriteStdout("%d\n", 1);
    PySys_WriteStderr("%s\n", "x");
    PySys_FormatStdout("%S", o);
    PySys_FormatStderr("%S", o);
    (void)PyErr_Format(PyExc_ValueError, "bad %s", "value");
    (void)PyErr_WarnFormat(PyExc_RuntimeWarning, 1, "w %d", 1);
    (void)PyErr_ResourceWarning(o, 1, "r %d", 1);
    PyErr_Warn(PyExc_RuntimeWarning, "warned");
    PyErr_BadInternalCall();
#ifndef Py_LIMITED_API
    r = PyObject_CallMethodNoArgs(o, o);
    Py_XDECREF(r);
    r = PyObject_CallMethodOneArg(o, o, o);
    Py_XDECREF(r);
#endif
    r = PyImport_ImportModuleEx("os", NULL, NULL, NULL);
    Py_XDECREF(r);
    (void)PyMapping_DelItem(o, o);
    (void)PyMapping_DelItemString(o, "k");
    (void)PyThreadState_GET();
    (void)PyLong_AsPid(o);
    r = PyLong_FromPid((pid_t)1);
    Py_XDECREF(r);
    {
        Py_ssize_t start, stop, step, len;
        (void)PySlice_GetIndicesEx(o, 10, &start, &stop, &step, &len);
    }
    Py_BEGIN_CRITICAL_SECTION(o);
    Py_END_CRITICAL_SECTION();
    Py_BEGIN_CRITICAL_SECTION2(o, callable);
    Py_END_CRITICAL_SECTION2();
    (void)Py_LL(1);
    (void)Py_ULL(1);
    (void)Py_FORCE_EXPANSION(1);
    PyFPE_START_PROTECT("x", return 0)
    PyFPE_END_PROTECT(0)
#if PY_VERSION_HEX >= 0x030d0000
    (void)PySys_Audit("event", "O", o);
#endif
    (void)PyOS_snprintf(buf, sizeof(buf), "%d", 42);
    return (int)PyVectorcall_NARGS(nargsf) + (int)(PY_VECTORCALL_ARGUMENTS_OFFSET >> 63)
        + (int)PyLong_AS_LONG(o);
}

/* Pure macros: constants and helpers. */
int use_constants(int x);
int use_constants(int x)
{
    static const char text[] = "abc";
    Py_ssize_t big = PY_SSIZE_T_MAX;
    Py_ssize_t small = PY_SSIZE_T_MIN;
    Py_hash_t h = -1;
    Py_UCS1 c1 = 1;
    Py_UCS2 c2 = 2;
    Py_UCS4 c4 = 0x1F600;
    Py_BUILD_ASSERT(sizeof(Py_ssize_t) == sizeof(void *));
    Py_BUILD_ASSERT(PY_VERSION_HEX >= 0x030d0000);
    Py_BUILD_ASSERT(PY_MAJOR_VERSION == 3);
    (void)Py_BUILD_ASSERT_EXPR(1);
    (void)PY_VERSION;
    (void)PY_MINOR_VERSION;
    (void)PY_MICRO_VERSION;
    (void)PY_RELEASE_LEVEL;
    (void)PY_RELEASE_SERIAL;
    (void)Py_STRINGIFY(PY_MAJOR_VERSION);
    (void)Py_MATH_PI;
    (void)Py_MATH_E;
    (void)Py_HUGE_VAL;
    (void)Py_IS_NAN(Py_NAN);
    (void)Py_IS_INFINITY(Py_INFINITY);
    (void)Py_IS_FINITE(1.0);
    (void)Py_UNICODE_IS_SURROGATE(c4);
    (void)Py_UNICODE_IS_HIGH_SURROGATE(c4);
    (void)Py_UNICODE_IS_LOW_SURROGATE(c4);
    (void)Py_UNICODE_JOIN_SURROGATES(0xD83D, 0xDE00);
    (void)Py_UNICODE_HIGH_SURROGATE(c4);
    (void)Py_UNICODE_LOW_SURROGATE(c4);
    (void)Py_UNICODE_REPLACEMENT_CHARACTER;
    (void)Py_CHARMASK(text[0]);
    (void)Py_SAFE_DOWNCAST(big, Py_ssize_t, int);
    (void)Py_ARITHMETIC_RIGHT_SHIFT(int, -8, 1);
    (void)(SIZEOF_VOID_P + SIZEOF_SIZE_T + SIZEOF_LONG + SIZEOF_INT + SIZEOF_WCHAR_T);
    (void)Py_MEMBER_SIZE(Thing, number);
    (void)(Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HEAPTYPE
           | Py_TPFLAGS_READY | Py_TPFLAGS_TYPE_SUBCLASS | Py_TPFLAGS_LONG_SUBCLASS
           | Py_TPFLAGS_IMMUTABLETYPE | Py_TPFLAGS_DISALLOW_INSTANTIATION
           | Py_TPFLAGS_MAPPING | Py_TPFLAGS_SEQUENCE | Py_TPFLAGS_HAVE_VECTORCALL
           | Py_TPFLAGS_METHOD_DESCRIPTOR | Py_TPFLAGS_MANAGED_DICT
           | Py_TPFLAGS_MANAGED_WEAKREF | Py_TPFLAGS_ITEMS_AT_END);
    (void)(METH_VARARGS | METH_KEYWORDS | METH_NOARGS | METH_O | METH_CLASS | METH_STATIC
           | METH_COEXIST | METH_FASTCALL | METH_METHOD);
    (void)(Py_LT + Py_LE + Py_EQ + Py_NE + Py_GT + Py_GE + Py_PRINT_RAW);
    (void)(Py_bf_getbuffer + Py_tp_new + Py_tp_finalize + Py_am_send + Py_mod_exec
           + Py_mod_create);
    (void)(T_SHORT + T_INT + T_LONG + T_FLOAT + T_DOUBLE + T_STRING + T_OBJECT + T_CHAR
           + T_BYTE + T_UBYTE + T_USHORT + T_UINT + T_ULONG + T_STRING_INPLACE + T_BOOL
           + T_OBJECT_EX + T_LONGLONG + T_ULONGLONG + T_PYSSIZET + T_NONE
           + READONLY + READ_RESTRICTED + PY_WRITE_RESTRICTED + RESTRICTED);
    (void)(PyBUF_SIMPLE | PyBUF_WRITABLE | PyBUF_FORMAT | PyBUF_ND | PyBUF_STRIDES
           | PyBUF_FULL_RO | PyBUF_RECORDS);
    (void)(PYTHON_API_VERSION + PYTHON_ABI_VERSION);
    (void)(Py_single_input + Py_file_input + Py_eval_input);
    (void)(Py_ISLOWER(text[0]) + Py_ISUPPER(text[0]) + Py_ISALPHA(text[0]) + Py_ISDIGIT(text[0])
           + Py_ISXDIGIT(text[0]) + Py_ISALNUM(text[0]) + Py_ISSPACE(text[0])
           + Py_TOLOWER(text[0]) + Py_TOUPPER(text[0]));
    {
        char copy[4];
        Py_MEMCPY(copy, text, sizeof copy);
        c1 = (Py_UCS1)copy[0];
    }
    (void)h;
    (void)small;
    return Py_MIN(x, 3) + Py_MAX(x, 4) + Py_ABS(-x) + (int)Py_ARRAY_LENGTH(text)
        + c1 + c2;
}

/* Py_LOCAL_INLINE, Py_LOCAL, PyAPI_FUNC, PyAPI_DATA. */
Py_LOCAL_INLINE(int) local_inline(int x) { return x + 1; }
Py_LOCAL(int) local_fn(int x) { return local_inline(x); }
PyAPI_FUNC(int) api_fn(int x);
PyAPI_FUNC(int) api_fn(int x) { return local_fn(x); }
PyAPI_DATA(int) api_data;
