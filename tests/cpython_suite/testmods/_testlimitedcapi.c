/* _testlimitedcapi: a test-support module for running CPython's own test
 * suite (Lib/test) under ferrython. It is NOT part of the runtime.
 *
 * CPython's tests import it to call limited-API functions directly; this is
 * our own implementation of the functions those tests use, built like any
 * third-party extension (against ferrython's Python.h, with Py_LIMITED_API)
 * by tests/cpython_suite/run.sh, so the tests exercise ferrython's real C
 * API. Conventions shared with CPython's module, which the tests rely on:
 * an argument None stands for a C NULL, and a C result of -1 with an
 * exception set becomes that exception, any other int result an int.
 */
#define Py_LIMITED_API 0x030d0000
#include <Python.h>

/* None passed from Python means "call the C function with NULL". */
static PyObject *nullable(PyObject *obj)
{
    return obj == Py_None ? NULL : obj;
}

/* An int/Py_ssize_t result of a C-API call, or the exception it set. */
static PyObject *int_result(Py_ssize_t r)
{
    if (r == -1 && PyErr_Occurred()) {
        return NULL;
    }
    return PyLong_FromSsize_t(r);
}

/* f(obj) -> object, for the C functions that take one object. */
#define OBJ_TO_OBJ(name, call)                                                                   \
    static PyObject *name(PyObject *Py_UNUSED(module), PyObject *arg)                           \
    {                                                                                            \
        return call(nullable(arg));                                                              \
    }

/* f(obj) -> int, for the C functions that take one object. */
#define OBJ_TO_INT(name, call)                                                                   \
    static PyObject *name(PyObject *Py_UNUSED(module), PyObject *arg)                           \
    {                                                                                            \
        return int_result(call(nullable(arg)));                                                  \
    }

OBJ_TO_OBJ(object_repr, PyObject_Repr)
OBJ_TO_OBJ(object_ascii, PyObject_ASCII)
OBJ_TO_OBJ(object_str, PyObject_Str)
OBJ_TO_OBJ(object_bytes, PyObject_Bytes)
OBJ_TO_INT(mapping_check, PyMapping_Check)
OBJ_TO_INT(mapping_size, PyMapping_Size)
OBJ_TO_INT(mapping_length, PyMapping_Length)
OBJ_TO_OBJ(mapping_keys, PyMapping_Keys)
OBJ_TO_OBJ(mapping_values, PyMapping_Values)
OBJ_TO_OBJ(mapping_items, PyMapping_Items)
OBJ_TO_INT(sequence_check, PySequence_Check)
OBJ_TO_INT(sequence_size, PySequence_Size)
OBJ_TO_INT(sequence_length, PySequence_Length)
OBJ_TO_OBJ(sequence_list, PySequence_List)
OBJ_TO_OBJ(sequence_tuple, PySequence_Tuple)

static PyObject *number_check(PyObject *Py_UNUSED(module), PyObject *arg)
{
    return PyBool_FromLong(PyNumber_Check(nullable(arg)));
}

/* f(obj, obj) -> object or int. */
#define TWO_OBJS(name, call, wrap)                                                               \
    static PyObject *name(PyObject *Py_UNUSED(module), PyObject *args)                          \
    {                                                                                            \
        PyObject *a, *b;                                                                         \
        if (!PyArg_ParseTuple(args, "OO", &a, &b)) {                                             \
            return NULL;                                                                         \
        }                                                                                        \
        return wrap(call(nullable(a), nullable(b)));                                             \
    }
#define AS_IS(x) (x)

TWO_OBJS(object_getattr, PyObject_GetAttr, AS_IS)
TWO_OBJS(object_hasattr, PyObject_HasAttr, int_result)
TWO_OBJS(object_hasattrwitherror, PyObject_HasAttrWithError, int_result)
TWO_OBJS(object_delattr, PyObject_DelAttr, int_result)
TWO_OBJS(object_getitem, PyObject_GetItem, AS_IS)
TWO_OBJS(object_delitem, PyObject_DelItem, int_result)
TWO_OBJS(mapping_haskey, PyMapping_HasKey, int_result)
TWO_OBJS(mapping_haskeywitherror, PyMapping_HasKeyWithError, int_result)
TWO_OBJS(mapping_delitem, PyMapping_DelItem, int_result)
TWO_OBJS(sequence_concat, PySequence_Concat, AS_IS)
TWO_OBJS(sequence_inplaceconcat, PySequence_InPlaceConcat, AS_IS)
TWO_OBJS(sequence_count, PySequence_Count, int_result)
TWO_OBJS(sequence_contains, PySequence_Contains, int_result)
TWO_OBJS(sequence_index, PySequence_Index, int_result)

/* f(obj, const char *) -> object or int; the name comes as bytes or None. */
#define OBJ_AND_CSTR(name, call, wrap)                                                           \
    static PyObject *name(PyObject *Py_UNUSED(module), PyObject *args)                          \
    {                                                                                            \
        PyObject *obj;                                                                           \
        const char *s;                                                                           \
        Py_ssize_t size;                                                                         \
        if (!PyArg_ParseTuple(args, "Oz#", &obj, &s, &size)) {                                   \
            return NULL;                                                                         \
        }                                                                                        \
        return wrap(call(nullable(obj), s));                                                     \
    }

OBJ_AND_CSTR(object_getattrstring, PyObject_GetAttrString, AS_IS)
OBJ_AND_CSTR(object_hasattrstring, PyObject_HasAttrString, int_result)
OBJ_AND_CSTR(object_hasattrstringwitherror, PyObject_HasAttrStringWithError, int_result)
OBJ_AND_CSTR(object_delattrstring, PyObject_DelAttrString, int_result)
OBJ_AND_CSTR(mapping_getitemstring, PyMapping_GetItemString, AS_IS)
OBJ_AND_CSTR(mapping_haskeystring, PyMapping_HasKeyString, int_result)
OBJ_AND_CSTR(mapping_haskeystringwitherror, PyMapping_HasKeyStringWithError, int_result)
OBJ_AND_CSTR(mapping_delitemstring, PyMapping_DelItemString, int_result)

/* f(obj, obj, obj) -> int. */
#define THREE_OBJS(name, call)                                                                   \
    static PyObject *name(PyObject *Py_UNUSED(module), PyObject *args)                          \
    {                                                                                            \
        PyObject *a, *b, *c;                                                                     \
        if (!PyArg_ParseTuple(args, "OOO", &a, &b, &c)) {                                        \
            return NULL;                                                                         \
        }                                                                                        \
        return int_result(call(nullable(a), nullable(b), nullable(c)));                          \
    }

THREE_OBJS(object_setattr, PyObject_SetAttr)
THREE_OBJS(object_setitem, PyObject_SetItem)

/* f(obj, const char *, obj) -> int. */
#define OBJ_CSTR_OBJ(name, call)                                                                 \
    static PyObject *name(PyObject *Py_UNUSED(module), PyObject *args)                          \
    {                                                                                            \
        PyObject *obj, *value;                                                                   \
        const char *s;                                                                           \
        Py_ssize_t size;                                                                         \
        if (!PyArg_ParseTuple(args, "Oz#O", &obj, &s, &size, &value)) {                          \
            return NULL;                                                                         \
        }                                                                                        \
        return int_result(call(nullable(obj), s, nullable(value)));                              \
    }

OBJ_CSTR_OBJ(object_setattrstring, PyObject_SetAttrString)
OBJ_CSTR_OBJ(mapping_setitemstring, PyMapping_SetItemString)

/* f(seq, i) -> object or int. */
#define SEQ_AND_INDEX(name, call, wrap)                                                          \
    static PyObject *name(PyObject *Py_UNUSED(module), PyObject *args)                          \
    {                                                                                            \
        PyObject *seq;                                                                           \
        Py_ssize_t i;                                                                            \
        if (!PyArg_ParseTuple(args, "On", &seq, &i)) {                                           \
            return NULL;                                                                         \
        }                                                                                        \
        return wrap(call(nullable(seq), i));                                                     \
    }

SEQ_AND_INDEX(sequence_getitem, PySequence_GetItem, AS_IS)
SEQ_AND_INDEX(sequence_delitem, PySequence_DelItem, int_result)
SEQ_AND_INDEX(sequence_repeat, PySequence_Repeat, AS_IS)
SEQ_AND_INDEX(sequence_inplacerepeat, PySequence_InPlaceRepeat, AS_IS)

static PyObject *sequence_setitem(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *seq, *value;
    Py_ssize_t i;
    if (!PyArg_ParseTuple(args, "OnO", &seq, &i, &value)) {
        return NULL;
    }
    return int_result(PySequence_SetItem(nullable(seq), i, nullable(value)));
}

static PyObject *sequence_setslice(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *seq, *value;
    Py_ssize_t lo, hi;
    if (!PyArg_ParseTuple(args, "OnnO", &seq, &lo, &hi, &value)) {
        return NULL;
    }
    return int_result(PySequence_SetSlice(nullable(seq), lo, hi, nullable(value)));
}

static PyObject *sequence_delslice(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *seq;
    Py_ssize_t lo, hi;
    if (!PyArg_ParseTuple(args, "Onn", &seq, &lo, &hi)) {
        return NULL;
    }
    return int_result(PySequence_DelSlice(nullable(seq), lo, hi));
}

static PyObject *sequence_fast(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *obj;
    const char *message;
    if (!PyArg_ParseTuple(args, "Os", &obj, &message)) {
        return NULL;
    }
    return PySequence_Fast(nullable(obj), message);
}

#define ONE(name) {#name, name, METH_O, NULL}
#define MANY(name) {#name, name, METH_VARARGS, NULL}

static PyMethodDef functions[] = {
    ONE(object_repr),
    ONE(object_ascii),
    ONE(object_str),
    ONE(object_bytes),
    MANY(object_getattr),
    MANY(object_getattrstring),
    MANY(object_hasattr),
    MANY(object_hasattrstring),
    MANY(object_hasattrwitherror),
    MANY(object_hasattrstringwitherror),
    MANY(object_setattr),
    MANY(object_setattrstring),
    MANY(object_delattr),
    MANY(object_delattrstring),
    MANY(object_getitem),
    MANY(object_setitem),
    MANY(object_delitem),
    ONE(number_check),
    ONE(mapping_check),
    ONE(mapping_size),
    ONE(mapping_length),
    ONE(mapping_keys),
    ONE(mapping_values),
    ONE(mapping_items),
    MANY(mapping_getitemstring),
    MANY(mapping_haskey),
    MANY(mapping_haskeystring),
    MANY(mapping_haskeywitherror),
    MANY(mapping_haskeystringwitherror),
    MANY(mapping_setitemstring),
    MANY(mapping_delitem),
    MANY(mapping_delitemstring),
    ONE(sequence_check),
    ONE(sequence_size),
    ONE(sequence_length),
    ONE(sequence_list),
    ONE(sequence_tuple),
    MANY(sequence_concat),
    MANY(sequence_inplaceconcat),
    MANY(sequence_repeat),
    MANY(sequence_inplacerepeat),
    MANY(sequence_getitem),
    MANY(sequence_setitem),
    MANY(sequence_delitem),
    MANY(sequence_setslice),
    MANY(sequence_delslice),
    MANY(sequence_count),
    MANY(sequence_contains),
    MANY(sequence_index),
    MANY(sequence_fast),
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_testlimitedcapi",
    .m_doc = "Limited C-API entry points for CPython's test suite (ferrython's own version).",
    .m_size = 0,
    .m_methods = functions,
};

PyMODINIT_FUNC PyInit__testlimitedcapi(void)
{
    return PyModuleDef_Init(&module_def);
}
