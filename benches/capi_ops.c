/* A fixed mix of object operations through the C API, timed per operation.
 * Built once against ferrython and once against CPython (see run_capi.sh);
 * prints "name nanoseconds-per-operation" lines. The same source serves
 * both, so only the C API is measured. */
#include <Python.h>
#include <stdio.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

#define N 2000000L

/* Runs BODY N times (with `i` the iteration), reports ns per iteration. */
#define BENCH(name, setup, body, teardown)                               \
    do {                                                                 \
        setup;                                                           \
        double best = 1e30;                                              \
        for (int rep = 0; rep < 3; rep++) {                              \
            double t0 = now();                                           \
            for (long i = 0; i < N; i++) { body; }                       \
            double dt = now() - t0;                                      \
            if (dt < best) best = dt;                                    \
        }                                                                \
        teardown;                                                        \
        printf("%-22s %8.2f\n", name, best * 1e9 / N);                   \
    } while (0)

static volatile long sink;

/* A METH_FASTCALL function (returns its argument count) and a small static
 * extension type, for the call and allocation benchmarks. */
static PyObject *nargs_fn(PyObject *self, PyObject *const *args, Py_ssize_t n)
{
    (void)self;
    (void)args;
    return PyLong_FromSsize_t(n);
}

static PyMethodDef nargs_def = {"nargs", (PyCFunction)(void (*)(void))nargs_fn, METH_FASTCALL, NULL};

typedef struct {
    PyObject_HEAD
    long value;
} SmallObject;

static PyTypeObject Small_Type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "bench.Small",
    .tp_basicsize = sizeof(SmallObject),
    .tp_flags = Py_TPFLAGS_DEFAULT,
};

int main(void)
{
    Py_Initialize();
    PyObject *keys[16];
    char buf[32];
    for (int k = 0; k < 16; k++) {
        snprintf(buf, sizeof buf, "key%d", k);
        keys[k] = PyUnicode_FromString(buf);
    }

    BENCH("int_create_drop", , {
        PyObject *o = PyLong_FromLong(1000 + (i & 1023));
        Py_DECREF(o);
    }, );
    BENCH("float_create_drop", , {
        PyObject *o = PyFloat_FromDouble((double)i);
        Py_DECREF(o);
    }, );
    BENCH("str_create_drop", , {
        PyObject *o = PyUnicode_FromString("hello world");
        Py_DECREF(o);
    }, );
    BENCH("tuple3_create_drop", , {
        PyObject *t = PyTuple_New(3);
        PyTuple_SET_ITEM(t, 0, Py_NewRef(Py_None));
        PyTuple_SET_ITEM(t, 1, Py_NewRef(Py_None));
        PyTuple_SET_ITEM(t, 2, Py_NewRef(Py_None));
        Py_DECREF(t);
    }, );
    BENCH("list_create_drop", , {
        PyObject *l = PyList_New(0);
        Py_DECREF(l);
    }, );
    BENCH("dict_create_drop", , {
        PyObject *d = PyDict_New();
        Py_DECREF(d);
    }, );
    PyObject *d = NULL;
    BENCH("dict_setitem", d = PyDict_New(), {
        PyDict_SetItem(d, keys[i & 15], Py_None);
    }, Py_DECREF(d));
    BENCH("dict_getitem", {
        d = PyDict_New();
        for (int k = 0; k < 16; k++) PyDict_SetItem(d, keys[k], Py_None);
    }, {
        sink += PyDict_GetItemWithError(d, keys[i & 15]) != NULL;
    }, Py_DECREF(d));
    PyObject *l = NULL;
    BENCH("list_append", l = PyList_New(0), {
        PyList_Append(l, Py_None);
        if ((i & 4095) == 4095) PyList_SetSlice(l, 0, PyList_GET_SIZE(l), NULL);
    }, Py_DECREF(l));
    BENCH("list_getitem", {
        l = PyList_New(0);
        for (int k = 0; k < 64; k++) PyList_Append(l, Py_None);
    }, {
        sink += PyList_GetItem(l, i & 63) != NULL;
    }, Py_DECREF(l));
    PyObject *big = PyLong_FromLong(123456789);
    BENCH("int_repr", , {
        PyObject *r = PyObject_Repr(big);
        Py_DECREF(r);
    }, );
    PyObject *fl = PyFloat_FromDouble(3.14159);
    BENCH("float_repr", , {
        PyObject *r = PyObject_Repr(fl);
        Py_DECREF(r);
    }, );
    BENCH("str_hash_fresh", , {
        PyObject *s = PyUnicode_FromString("some key text");
        sink += PyObject_Hash(s);
        Py_DECREF(s);
    }, );
    PyObject *a = PyLong_FromLong(1000), *b = PyLong_FromLong(2000);
    BENCH("int_richcompare", , {
        sink += PyObject_RichCompareBool(a, b, Py_LT);
    }, );
    BENCH("int_add", , {
        PyObject *r = PyNumber_Add(a, b);
        Py_DECREF(r);
    }, );
    PyObject *s1 = PyUnicode_FromString("abcdef"), *s2 = PyUnicode_FromString("abcdeg");
    BENCH("str_richcompare", , {
        sink += PyObject_RichCompareBool(s1, s2, Py_EQ);
    }, );

    PyObject *ptargs = Py_BuildValue("(iis)", 1, 2, "three");
    BENCH("arg_parsetuple3", , {
        int x;
        int y;
        const char *z;
        sink += PyArg_ParseTuple(ptargs, "iis", &x, &y, &z);
    }, Py_DECREF(ptargs));
    BENCH("build_value_iis", , {
        PyObject *t = Py_BuildValue("(iis)", (int)(i & 255), 7, "text");
        Py_DECREF(t);
    }, );
    PyObject *fn = PyCFunction_New(&nargs_def, NULL);
    PyObject *vargs[3];
    vargs[0] = a;
    vargs[1] = b;
    vargs[2] = a;
    BENCH("vectorcall_fastcall", , {
        PyObject *r = PyObject_Vectorcall(fn, vargs, 3, NULL);
        Py_DECREF(r);
    }, Py_DECREF(fn));
    if (PyType_Ready(&Small_Type) < 0) return 1;
    BENCH("generic_alloc_dealloc", , {
        PyObject *o = PyType_GenericAlloc(&Small_Type, 0);
        Py_DECREF(o);
    }, );

    Py_DECREF(big); Py_DECREF(fl); Py_DECREF(a); Py_DECREF(b); Py_DECREF(s1); Py_DECREF(s2);
    for (int k = 0; k < 16; k++) Py_DECREF(keys[k]);
    Py_FinalizeEx();
    return 0;
}
