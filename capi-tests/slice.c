// test: differential
/* slice objects: construction, repr, comparison, hash, indices(), and the
 * index arithmetic of PySlice_Unpack / AdjustIndices / GetIndicesEx. */
#include "testing.h"

static void ex(const char *label, PyObject *s, Py_ssize_t len)
{
    Py_ssize_t start, stop, step, n;
    if (PySlice_GetIndicesEx(s, len, &start, &stop, &step, &n) < 0) {
        printf("%s: raised ", label);
        print_error();
        printf("\n");
    } else {
        printf("%s: start=%zd stop=%zd step=%zd n=%zd\n", label, start, stop, step, n);
    }
    Py_DECREF(s);
}

static PyObject *L(long v) { return PyLong_FromLong(v); }

/* PySlice_New, stealing the new references passed to it. */
static PyObject *S(PyObject *start, PyObject *stop, PyObject *step)
{
    PyObject *r = PySlice_New(start, stop, step);
    Py_XDECREF(start);
    Py_XDECREF(stop);
    Py_XDECREF(step);
    return r;
}

/* obj.name(arg), stealing arg (NULL for no argument). */
static PyObject *call1(PyObject *obj, const char *name, PyObject *arg)
{
    PyObject *m = PyObject_GetAttrString(obj, name), *r;
    if (m == NULL) {
        Py_XDECREF(arg);
        return NULL;
    }
    r = arg != NULL ? PyObject_CallOneArg(m, arg) : PyObject_CallNoArgs(m);
    Py_DECREF(m);
    Py_XDECREF(arg);
    return r;
}

int main(void)
{
    PyObject *s, *t, *o, *m;
    Py_ssize_t a, b, c;
    long vals[] = {-12, -10, -3, -1, 0, 1, 3, 10, 12};
    int i, j, k;
    start();

    s = S(L(1), L(2), NULL);
    show("slice(1,2)", Py_NewRef(s));
    show("start", PyObject_GetAttrString(s, "start"));
    show("step", PyObject_GetAttrString(s, "step"));
    check("PySlice_Check", PySlice_Check(s));
    t = S(L(1), L(2), Py_None);
    show("slice == slice", PyObject_RichCompare(s, t, Py_EQ));
    show("slice < slice(1,3)", PyObject_RichCompare(s, (o = S(L(1), L(3), NULL)), Py_LT));
    Py_DECREF(o);
    check("hash equal", PyObject_Hash(s) == PyObject_Hash(t));
    o = PyTuple_Pack(3, L(1), L(2), Py_None);
    check("hash != hash((1,2,None))", PyObject_Hash(s) != PyObject_Hash(o));
    Py_DECREF(o);
    show("indices(5)", call1(s, "indices", L(5)));
    show("slice(None,None,-1).indices(5)",
         call1((o = S(NULL, NULL, L(-1))), "indices", L(5)));
    Py_DECREF(o);
    show("indices(-1)", call1(s, "indices", L(-1)));
    show("slice(1,2,0).indices(5)",
         call1((o = S(NULL, NULL, L(0))), "indices", L(5)));
    Py_DECREF(o);
    show("slice('a','b').indices(5)",
         call1((o = S(PyUnicode_FromString("a"), NULL, NULL)), "indices", L(5)));
    Py_DECREF(o);
    show("reduce", call1(s, "__reduce__", NULL));
    show("unhashable part", PyLong_FromSsize_t(PyObject_Hash((o = PySlice_New((m = PyList_New(0)), NULL, NULL)))));
    Py_DECREF(m);
    Py_DECREF(o);
    show("slice(s)", PyObject_CallOneArg((PyObject *)&PySlice_Type, s));
    show("slice()", PyObject_CallNoArgs((PyObject *)&PySlice_Type));
    Py_DECREF(s);
    Py_DECREF(t);

    for (i = 0; i < 9; i++) {
        for (j = 0; j < 9; j++) {
            for (k = 0; k < 9; k++) {
                char label[80];
                if (vals[k] == 0) {
                    continue;
                }
                snprintf(label, sizeof label, "[%ld:%ld:%ld] of 10", vals[i], vals[j], vals[k]);
                ex(label, S(L(vals[i]), L(vals[j]), L(vals[k])), 10);
            }
        }
    }
    ex("[::] of 0", PySlice_New(NULL, NULL, NULL), 0);
    ex("[::-1] of 0", S(NULL, NULL, L(-1)), 0);
    ex("[::-1] of 7", S(NULL, NULL, L(-1)), 7);
    ex("[::0]", S(NULL, NULL, L(0)), 7);
    ex("['x':]", S(PyUnicode_FromString("x"), NULL, NULL), 7);
    o = PyLong_FromString("100000000000000000000000", NULL, 10);
    ex("[huge:]", PySlice_New(o, NULL, NULL), 7);
    ex("[:-huge]", S(NULL, PyNumber_Negative(o), NULL), 7);
    ex("[::-huge]", S(NULL, NULL, PyNumber_Negative(o)), 7);
    Py_DECREF(o);

    s = S(NULL, NULL, L(-2));
    if (PySlice_Unpack(s, &a, &b, &c) == 0) {
        printf("Unpack [::-2]: %zd %zd %zd\n", a, b, c);
        printf("Adjust(9): n=%zd", PySlice_AdjustIndices(9, &a, &b, c));
        printf(" start=%zd stop=%zd\n", a, b);
    }
    Py_DECREF(s);
    s = S(L(-3), NULL, NULL);
    show_int("GetIndices ok", PySlice_GetIndices(s, 10, &a, &b, &c));
    printf("  -> %zd %zd %zd\n", a, b, c);
    Py_DECREF(s);
    s = S(L(12), NULL, NULL);
    show_int("GetIndices start>=len", PySlice_GetIndices(s, 10, &a, &b, &c));
    Py_DECREF(s);
    show("repr(Ellipsis)", PyObject_Repr(Py_Ellipsis));
    return finish();
}
