// test: differential
/* The "Extending Embedded Python" example of CPython's "Embedding Python
 * in Another Application" page: the application offers a module of its own
 * (`emb`, registered with PyImport_AppendInittab before initialization)
 * to the Python code it runs. */
#include <Python.h>
#include <stdio.h>

static int numargs = 0;

/* Return the number of arguments of the application command line */
static PyObject *emb_numargs(PyObject *self, PyObject *args)
{
    if (!PyArg_ParseTuple(args, ":numargs"))
        return NULL;
    return PyLong_FromLong(numargs);
}

static PyMethodDef EmbMethods[] = {
    {"numargs", emb_numargs, METH_VARARGS, "Return the number of arguments received by the process."},
    {NULL, NULL, 0, NULL}
};

static PyModuleDef EmbModule = {
    PyModuleDef_HEAD_INIT, "emb", NULL, -1, EmbMethods,
    NULL, NULL, NULL, NULL
};

static PyObject *PyInit_emb(void)
{
    return PyModule_Create(&EmbModule);
}

int main(int argc, char **argv)
{
    (void)argv;
    numargs = argc + 2;
    PyImport_AppendInittab("emb", &PyInit_emb);
    Py_Initialize();
    PyRun_SimpleString(
        "import emb\n"
        "print('Number of arguments', emb.numargs())\n"
        "print(emb.__name__, emb.numargs.__doc__)\n"
        "try:\n"
        "    emb.numargs(1)\n"
        "except TypeError as e:\n"
        "    print('TypeError:', e)\n"
        "import sys; sys.stdout.flush()\n");
    return Py_FinalizeEx() < 0 ? 120 : 0;
}
