/* _testcapi: a test-support module for running CPython's own test suite
 * (Lib/test) under ferrython. It is NOT part of the runtime.
 *
 * CPython's tests use it for C limits (INT_MAX ...), to call C-API
 * functions directly, and for small C-level helpers (types with given
 * slots, functions with given calling conventions). This is our own
 * implementation of the parts the tests we run use, built like any
 * third-party extension against ferrython's Python.h by
 * tests/cpython_suite/run.sh, so they exercise ferrython's real C API.
 * Whatever it reports about the runtime is true for ferrython; a helper
 * that ferrython cannot honestly provide is simply absent.
 */
#include <Python.h>

#include <float.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <wchar.h>

#include "testcapi_frame.h"
#include "testcapi_monitoring.h"

/* _testcapi.error, the module's own exception. */
static PyObject *test_error;

/* raise_exception(exc, n): raises exc(0, 1, ..., n-1) with PyErr_SetObject. */
static PyObject *raise_exception(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *exc, *exc_args;
    int n;
    if (!PyArg_ParseTuple(args, "Oi:raise_exception", &exc, &n)) {
        return NULL;
    }
    exc_args = PyTuple_New(n < 0 ? 0 : n);
    if (exc_args == NULL) {
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        PyObject *item = PyLong_FromLong(i);
        if (item == NULL) {
            Py_DECREF(exc_args);
            return NULL;
        }
        PyTuple_SET_ITEM(exc_args, i, item);
    }
    PyErr_SetObject(exc, exc_args);
    Py_DECREF(exc_args);
    return NULL;
}

/* raise_memoryerror(): PyErr_NoMemory(). */
static PyObject *raise_memoryerror(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    return PyErr_NoMemory();
}

/* make_exception_with_doc(name, doc=None, base=None, dict=None):
 * PyErr_NewExceptionWithDoc. */
static PyObject *make_exception_with_doc(PyObject *Py_UNUSED(module), PyObject *args,
                                         PyObject *kwargs)
{
    static char *keywords[] = {"name", "doc", "base", "dict", NULL};
    const char *name, *doc = NULL;
    PyObject *base = NULL, *dict = NULL;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|sOO:make_exception_with_doc", keywords,
                                     &name, &doc, &base, &dict)) {
        return NULL;
    }
    return PyErr_NewExceptionWithDoc(name, doc, base, dict);
}

/* None passed from Python means "call the C function with NULL". */
static PyObject *nullable(PyObject *obj)
{
    return obj == Py_None ? NULL : obj;
}

/* err_writeunraisable(exc, obj): raises exc (unless None) and reports it
 * with PyErr_WriteUnraisable(obj). */
static PyObject *err_writeunraisable(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *exc, *obj;
    if (!PyArg_ParseTuple(args, "OO", &exc, &obj)) {
        return NULL;
    }
    if (nullable(exc) != NULL) {
        PyErr_SetRaisedException(Py_NewRef(exc));
    }
    PyErr_WriteUnraisable(nullable(obj));
    Py_RETURN_NONE;
}

/* err_formatunraisable(exc, format, *objects): raises exc (unless None)
 * and reports it with PyErr_FormatUnraisable(format, objects...), the
 * objects passed as PyObject * arguments (up to six). */
static PyObject *err_formatunraisable(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *exc, *o[6] = {NULL, NULL, NULL, NULL, NULL, NULL};
    const char *format;
    Py_ssize_t size;
    if (!PyArg_ParseTuple(args, "Oz#|OOOOOO", &exc, &format, &size, &o[0], &o[1], &o[2], &o[3],
                          &o[4], &o[5])) {
        return NULL;
    }
    if (nullable(exc) != NULL) {
        PyErr_SetRaisedException(Py_NewRef(exc));
    }
    PyErr_FormatUnraisable(format, o[0], o[1], o[2], o[3], o[4], o[5]);
    Py_RETURN_NONE;
}

/* getbuffer_with_null_view(obj): PyObject_GetBuffer with a NULL view,
 * which a buffer provider must refuse with BufferError. */
static PyObject *getbuffer_with_null_view(PyObject *Py_UNUSED(module), PyObject *obj)
{
    if (PyObject_GetBuffer(obj, NULL, PyBUF_SIMPLE) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

/* bad_get(self, obj, cls), a __get__ written in C: calls cls() and returns
 * repr(self), so a descriptor that the call removes from its class must
 * still be alive when the repr is taken. */
static PyObject *bad_get(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *self, *obj, *cls, *made;
    if (!PyArg_ParseTuple(args, "OOO", &self, &obj, &cls)) {
        return NULL;
    }
    made = PyObject_CallNoArgs(cls);
    if (made == NULL) {
        return NULL;
    }
    Py_DECREF(made);
    return PyObject_Repr(self);
}

/* test_with_docstring(): a C function with a docstring, returns None. */
static PyObject *test_with_docstring(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    Py_RETURN_NONE;
}

/* create_cfunction(): a new builtin function object bound to the module
 * (each call makes a new one, so weak references to it can die). */
static PyObject *create_cfunction(PyObject *module, PyObject *Py_UNUSED(ignored));

static PyMethodDef create_cfunction_def = {"create_cfunction", create_cfunction, METH_NOARGS,
                                           NULL};

static PyObject *create_cfunction(PyObject *module, PyObject *Py_UNUSED(ignored))
{
    return PyCFunction_NewEx(&create_cfunction_def, module, NULL);
}

/* raise_SIGINT_then_send_None(gen): raises SIGINT in the process, then
 * gen.send(None) before Python code had a chance to run the handler. */
static PyObject *raise_SIGINT_then_send_None(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *gen;
    if (!PyArg_ParseTuple(args, "O!", &PyGen_Type, &gen)) {
        return NULL;
    }
    raise(SIGINT);
    return PyObject_CallMethod(gen, "send", "O", Py_None);
}

/* A pthread that Python does not know about, for fork's warning about
 * other threads: _spawn_pthread_waiter() starts it, _end_spawned_pthread()
 * lets it finish and joins it. */
static pthread_t waiter;
static int waiter_running;
static pthread_mutex_t waiter_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t waiter_cond = PTHREAD_COND_INITIALIZER;
static int waiter_release;

static void *waiter_main(void *Py_UNUSED(arg))
{
    pthread_mutex_lock(&waiter_lock);
    while (!waiter_release) {
        pthread_cond_wait(&waiter_cond, &waiter_lock);
    }
    pthread_mutex_unlock(&waiter_lock);
    return NULL;
}

static PyObject *spawn_pthread_waiter(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    if (waiter_running) {
        PyErr_SetString(PyExc_RuntimeError, "the waiter thread is already running");
        return NULL;
    }
    waiter_release = 0;
    if (pthread_create(&waiter, NULL, waiter_main, NULL) != 0) {
        PyErr_SetString(PyExc_RuntimeError, "cannot start the waiter thread");
        return NULL;
    }
    waiter_running = 1;
    Py_RETURN_NONE;
}

static PyObject *end_spawned_pthread(PyObject *Py_UNUSED(module), PyObject *Py_UNUSED(ignored))
{
    if (!waiter_running) {
        PyErr_SetString(PyExc_RuntimeError, "no waiter thread is running");
        return NULL;
    }
    pthread_mutex_lock(&waiter_lock);
    waiter_release = 1;
    pthread_cond_signal(&waiter_cond);
    pthread_mutex_unlock(&waiter_lock);
    Py_BEGIN_ALLOW_THREADS
    pthread_join(waiter, NULL);
    Py_END_ALLOW_THREADS
    waiter_running = 0;
    Py_RETURN_NONE;
}

/* awaitType(obj): an object whose tp_as_async->am_await returns obj. */
typedef struct {
    PyObject_HEAD
    PyObject *target;
} AwaitObject;

static PyObject *await_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    PyObject *target;
    AwaitObject *self;
    if (kwargs != NULL && PyDict_GET_SIZE(kwargs) != 0) {
        PyErr_SetString(PyExc_TypeError, "awaitType() takes no keyword arguments");
        return NULL;
    }
    if (!PyArg_ParseTuple(args, "O:awaitType", &target)) {
        return NULL;
    }
    self = (AwaitObject *)type->tp_alloc(type, 0);
    if (self != NULL) {
        self->target = Py_NewRef(target);
    }
    return (PyObject *)self;
}

static void await_dealloc(PyObject *op)
{
    PyTypeObject *type = Py_TYPE(op);
    Py_XDECREF(((AwaitObject *)op)->target);
    type->tp_free(op);
    Py_DECREF(type);
}

static PyObject *await_await(PyObject *op)
{
    return Py_NewRef(((AwaitObject *)op)->target);
}

static PyType_Slot await_slots[] = {
    {Py_tp_new, await_new},
    {Py_tp_dealloc, await_dealloc},
    {Py_am_await, await_await},
    {0, NULL},
};

static PyType_Spec await_spec = {
    .name = "_testcapi.awaitType",
    .basicsize = sizeof(AwaitObject),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = await_slots,
};

/* RecursingInfinitelyError: an exception whose __init__ raises the same
 * exception class again, so normalizing it recurses without end. */
static PyObject *recursing_type;

static int recursing_init(PyObject *Py_UNUSED(self), PyObject *Py_UNUSED(args),
                          PyObject *Py_UNUSED(kwargs))
{
    PyErr_SetObject(recursing_type, NULL);
    return -1;
}

static PyType_Slot recursing_slots[] = {
    {Py_tp_init, recursing_init},
    {Py_tp_doc, "Instantiating this exception starts infinite recursion."},
    {0, NULL},
};

static PyType_Spec recursing_spec = {
    .name = "_testcapi.RecursingInfinitelyError",
    .basicsize = 0,
    .flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .slots = recursing_slots,
};

/* fatal_error(message: bytes, release_gil: bool = False): Py_FatalError,
 * optionally called with the GIL released. Named as CPython's, since the
 * report shows the C function's name. */
static PyObject *
_testcapi_fatal_error_impl(PyObject *self, PyObject *args)
{
    const char *message;
    int release_gil = 0;
    if (!PyArg_ParseTuple(args, "y|p:fatal_error", &message, &release_gil)) {
        return NULL;
    }
    if (release_gil) {
        Py_BEGIN_ALLOW_THREADS
        Py_FatalError(message);
        Py_END_ALLOW_THREADS
    }
    else {
        Py_FatalError(message);
    }
    Py_RETURN_NONE;
}

static PyMethodDef functions[] = {
    {"fatal_error", _testcapi_fatal_error_impl, METH_VARARGS, NULL},
    {"raise_exception", raise_exception, METH_VARARGS, NULL},
    {"raise_memoryerror", raise_memoryerror, METH_NOARGS, NULL},
    {"make_exception_with_doc", (PyCFunction)(void (*)(void))make_exception_with_doc,
     METH_VARARGS | METH_KEYWORDS, NULL},
    {"err_writeunraisable", err_writeunraisable, METH_VARARGS, NULL},
    {"err_formatunraisable", err_formatunraisable, METH_VARARGS, NULL},
    {"getbuffer_with_null_view", getbuffer_with_null_view, METH_O, NULL},
    {"bad_get", bad_get, METH_VARARGS, NULL},
    {"test_with_docstring", test_with_docstring, METH_NOARGS,
     "This is a pretty normal docstring."},
    {"create_cfunction", create_cfunction, METH_NOARGS, NULL},
    {"raise_SIGINT_then_send_None", raise_SIGINT_then_send_None, METH_VARARGS, NULL},
    {"_spawn_pthread_waiter", spawn_pthread_waiter, METH_NOARGS, NULL},
    {"_end_spawned_pthread", end_spawned_pthread, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/* Integer limits of this platform's C types. */
static int add_int_limits(PyObject *m)
{
    struct {
        const char *name;
        long long value;
    } signed_limits[] = {
        {"CHAR_MAX", CHAR_MAX},       {"CHAR_MIN", CHAR_MIN},
        {"UCHAR_MAX", UCHAR_MAX},     {"SHRT_MAX", SHRT_MAX},
        {"SHRT_MIN", SHRT_MIN},       {"USHRT_MAX", USHRT_MAX},
        {"INT_MAX", INT_MAX},         {"INT_MIN", INT_MIN},
        {"UINT_MAX", UINT_MAX},       {"LONG_MAX", LONG_MAX},
        {"LONG_MIN", LONG_MIN},       {"LLONG_MAX", LLONG_MAX},
        {"LLONG_MIN", LLONG_MIN},     {"PY_SSIZE_T_MAX", PY_SSIZE_T_MAX},
        {"PY_SSIZE_T_MIN", PY_SSIZE_T_MIN},
        {"INT32_MAX", INT32_MAX},     {"INT32_MIN", INT32_MIN},
        {"UINT32_MAX", UINT32_MAX},   {"INT64_MAX", INT64_MAX},
        {"INT64_MIN", INT64_MIN},     {"SIZEOF_VOID_P", sizeof(void *)},
        {"SIZEOF_TIME_T", sizeof(time_t)},
        {"SIZEOF_WCHAR_T", sizeof(wchar_t)},
        {"SIZEOF_PID_T", sizeof(pid_t)},
    };
    struct {
        const char *name;
        unsigned long long value;
    } unsigned_limits[] = {
        {"ULONG_MAX", ULONG_MAX},
        {"ULLONG_MAX", ULLONG_MAX},
        {"UINT64_MAX", UINT64_MAX},
        {"SIZE_MAX", SIZE_MAX},
    };
    for (size_t i = 0; i < sizeof(signed_limits) / sizeof(signed_limits[0]); i++) {
        if (PyModule_Add(m, signed_limits[i].name, PyLong_FromLongLong(signed_limits[i].value)) <
            0) {
            return -1;
        }
    }
    for (size_t i = 0; i < sizeof(unsigned_limits) / sizeof(unsigned_limits[0]); i++) {
        if (PyModule_Add(m, unsigned_limits[i].name,
                         PyLong_FromUnsignedLongLong(unsigned_limits[i].value)) < 0) {
            return -1;
        }
    }
    return 0;
}

static int add_float_limits(PyObject *m)
{
    if (PyModule_Add(m, "FLT_MAX", PyFloat_FromDouble(FLT_MAX)) < 0 ||
        PyModule_Add(m, "FLT_MIN", PyFloat_FromDouble(FLT_MIN)) < 0 ||
        PyModule_Add(m, "DBL_MAX", PyFloat_FromDouble(DBL_MAX)) < 0 ||
        PyModule_Add(m, "DBL_MIN", PyFloat_FromDouble(DBL_MIN)) < 0) {
        return -1;
    }
    return 0;
}

/* Facts about the runtime: ferrython's PyMem and PyObject allocators
 * serve small blocks from pools as pymalloc does (no mimalloc), and it
 * has no separate C recursion limit: C-level recursion
 * (Py_EnterRecursiveCall) counts against the interpreter's recursion
 * limit, whose value when the module is created is Py_C_RECURSION_LIMIT
 * here. */
static int add_runtime_facts(PyObject *m)
{
    if (PyModule_AddObjectRef(m, "WITH_PYMALLOC", Py_True) < 0 ||
        PyModule_AddObjectRef(m, "WITH_MIMALLOC", Py_False) < 0 ||
        PyModule_AddIntConstant(m, "Py_C_RECURSION_LIMIT", Py_GetRecursionLimit()) < 0) {
        return -1;
    }
    return 0;
}

static int module_exec(PyObject *m)
{
    PyObject *await_type;
    if (add_int_limits(m) < 0 || add_float_limits(m) < 0 || add_runtime_facts(m) < 0 ||
        add_monitoring(m) < 0 || PyModule_AddFunctions(m, frame_functions) < 0) {
        return -1;
    }
    /* Module-wide classes, made once even if the module is created again. */
    if (test_error == NULL) {
        test_error = PyErr_NewException("_testcapi.error", NULL, NULL);
    }
    if (PyModule_AddObjectRef(m, "error", test_error) < 0) {
        return -1;
    }
    await_type = PyType_FromSpec(&await_spec);
    if (PyModule_Add(m, "awaitType", await_type) < 0) {
        return -1;
    }
    if (recursing_type == NULL) {
        recursing_type = PyType_FromSpecWithBases(&recursing_spec, PyExc_Exception);
    }
    if (PyModule_AddObjectRef(m, "RecursingInfinitelyError", recursing_type) < 0) {
        return -1;
    }
    return 0;
}

static PyModuleDef_Slot module_slots[] = {
    {Py_mod_exec, module_exec},
    {0, NULL},
};

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_testcapi",
    .m_doc = "C-API helpers for CPython's test suite (ferrython's own version).",
    .m_size = 0,
    .m_methods = functions,
    .m_slots = module_slots,
};

PyMODINIT_FUNC PyInit__testcapi(void)
{
    return PyModuleDef_Init(&module_def);
}
