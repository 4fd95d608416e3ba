// test: differential
/* Modules defined from C: single-phase PyModule_Create with functions of
 * every simple calling convention, module state, constants, PyState_*;
 * multi-phase PyModule_FromDefAndSpec + PyModule_ExecDef with create and
 * exec slots; errors for misuse. */
#include "testing.h"

typedef struct { long calls; } State;

static PyObject *add(PyObject *self, PyObject *args)
{
    long a, b;
    if (!PyArg_ParseTuple(args, "ll:add", &a, &b))
        return NULL;
    State *st = PyModule_GetState(self);
    st->calls++;
    return PyLong_FromLong(a + b);
}

static PyObject *calls(PyObject *self, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromLong(((State *)PyModule_GetState(self))->calls);
}

static PyObject *echo(PyObject *self, PyObject *arg)
{
    return Py_NewRef(arg);
}

static PyObject *count(PyObject *self, PyObject *const *args, Py_ssize_t n)
{
    return PyLong_FromSsize_t(n);
}

static PyObject *kw(PyObject *self, PyObject *args, PyObject *kwargs)
{
    static char *names[] = {"x", "y", NULL};
    int x = 0, y = 10;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "i|i:kw", names, &x, &y))
        return NULL;
    return Py_BuildValue("(ii)", x, y);
}

static PyMethodDef methods[] = {
    {"add", add, METH_VARARGS, "add(a, b)"},
    {"calls", calls, METH_NOARGS, NULL},
    {"echo", echo, METH_O, NULL},
    {"count", (PyCFunction)(void (*)(void))count, METH_FASTCALL, NULL},
    {"kw", (PyCFunction)(void (*)(void))kw, METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef single = {
    PyModuleDef_HEAD_INIT, "single", "A single-phase module.", sizeof(State), methods,
};

static int exec_one(PyObject *m)
{
    return PyModule_AddIntConstant(m, "answer", 42);
}

static int exec_two(PyObject *m)
{
    return PyModule_AddStringConstant(m, "greeting", "hi");
}

static PyModuleDef_Slot slots[] = {
    {Py_mod_exec, exec_one},
    {Py_mod_exec, exec_two},
    {0, NULL},
};

static struct PyModuleDef multi = {
    PyModuleDef_HEAD_INIT, "multi", NULL, sizeof(State), methods, slots,
};

static int exec_fail(PyObject *m)
{
    PyErr_SetString(PyExc_RuntimeError, "exec failed on purpose");
    return -1;
}

static PyModuleDef_Slot bad_slots[] = {
    {Py_mod_exec, exec_fail},
    {0, NULL},
};

static struct PyModuleDef failing = {
    PyModuleDef_HEAD_INIT, "failing", NULL, 0, NULL, bad_slots,
};

static PyObject *call(PyObject *m, const char *name, PyObject *args, PyObject *kwargs)
{
    PyObject *f = PyObject_GetAttrString(m, name);
    if (f == NULL)
        return NULL;
    PyObject *r = PyObject_Call(f, args, kwargs);
    Py_DECREF(f);
    Py_DECREF(args);
    Py_XDECREF(kwargs);
    return r;
}

int main(void)
{
    start();
    PyObject *m = PyModule_Create(&single);
    show("module", Py_NewRef(m));
    show("__name__", PyObject_GetAttrString(m, "__name__"));
    show("__doc__", PyObject_GetAttrString(m, "__doc__"));
    show("add", PyObject_GetAttrString(m, "add"));
    PyObject *add = PyObject_GetAttrString(m, "add");
    show("add.__doc__", PyObject_GetAttrString(add, "__doc__"));
    Py_DECREF(add);
    show("add(2, 3)", call(m, "add", Py_BuildValue("(ii)", 2, 3), NULL));
    show("add('x', 3)", call(m, "add", Py_BuildValue("(si)", "x", 3), NULL));
    show("add(1)", call(m, "add", Py_BuildValue("(i)", 1), NULL));
    show("calls()", call(m, "calls", PyTuple_New(0), NULL));
    show("calls(1)", call(m, "calls", Py_BuildValue("(i)", 1), NULL));
    show("echo('e')", call(m, "echo", Py_BuildValue("(s)", "e"), NULL));
    show("echo()", call(m, "echo", PyTuple_New(0), NULL));
    show("count(1, 2, 3)", call(m, "count", Py_BuildValue("(iii)", 1, 2, 3), NULL));
    show("count(a=1)", call(m, "count", PyTuple_New(0), Py_BuildValue("{s:i}", "a", 1)));
    show("kw(1, y=2)", call(m, "kw", Py_BuildValue("(i)", 1), Py_BuildValue("{s:i}", "y", 2)));
    show("kw(z=2)", call(m, "kw", PyTuple_New(0), Py_BuildValue("{s:i}", "z", 2)));
    check("GetDef", PyModule_GetDef(m) == &single);
    show("GetName", PyUnicode_FromString(PyModule_GetName(m)));
    check("AddObjectRef", PyModule_AddObjectRef(m, "obj", Py_None) == 0);
    show("obj", PyObject_GetAttrString(m, "obj"));
    check("AddIntConstant", PyModule_AddIntConstant(m, "K", -3) == 0);
    show("K", PyObject_GetAttrString(m, "K"));
    show_int("AddObjectRef NULL", PyModule_AddObjectRef(m, "x", NULL));
    print_error();
    printf("\n");
    check("AddType", PyModule_AddType(m, &PyLong_Type) == 0);
    show("int attr", PyObject_GetAttrString(m, "int"));
    show("missing attr", PyObject_GetAttrString(m, "missing"));
    check("PyState_AddModule", PyState_AddModule(m, &single) == 0);
    check("PyState_FindModule", PyState_FindModule(&single) == m);
    check("PyState_RemoveModule", PyState_RemoveModule(&single) == 0);
    check("FindModule after remove", PyState_FindModule(&single) == NULL);
    Py_DECREF(m);

    PyObject *spec = PyModule_New("spec");
    PyObject *name = PyUnicode_FromString("multi");
    PyObject_SetAttrString(spec, "name", name);
    PyObject *mm = PyModule_FromDefAndSpec(&multi, spec);
    show("multi", Py_NewRef(mm));
    show("answer before exec", PyObject_GetAttrString(mm, "answer"));
    show_int("ExecDef", PyModule_ExecDef(mm, &multi));
    show("answer", PyObject_GetAttrString(mm, "answer"));
    show("greeting", PyObject_GetAttrString(mm, "greeting"));
    show("multi add", call(mm, "add", Py_BuildValue("(ii)", 20, 22), NULL));
    Py_DECREF(mm);
    show_int("PyModule_Create(multi)", PyModule_Create(&multi) == NULL);
    print_error();
    printf("\n");

    PyObject *fname = PyUnicode_FromString("failing");
    PyObject_SetAttrString(spec, "name", fname);
    PyObject *fm = PyModule_FromDefAndSpec(&failing, spec);
    show_int("failing ExecDef", PyModule_ExecDef(fm, &failing));
    print_error();
    printf("\n");
    Py_DECREF(fm);
    Py_DECREF(fname);
    Py_DECREF(name);
    Py_DECREF(spec);
    show("GetDict(int)", PyModule_GetDict(Py_None) ? Py_NewRef(Py_None) : NULL);
    return finish();
}
