// test: differential
/* PyFrame_GetGenerator: the generator, coroutine or async generator that
 * runs a frame (a new reference), and NULL with no exception for the frame
 * of a plain call and for the frame of a generator that finished. */
#include "testing.h"

/* owner(frame=None): PyFrame_GetGenerator of the frame (the running one
 * by default) as an object, None for NULL; "error" if an exception is set. */
static PyObject *owner(PyObject *Py_UNUSED(self), PyObject *args)
{
    PyObject *arg = Py_None;
    if (!PyArg_ParseTuple(args, "|O", &arg)) {
        return NULL;
    }
    PyFrameObject *frame = arg == Py_None ? PyEval_GetFrame() : (PyFrameObject *)arg;
    PyObject *gen = PyFrame_GetGenerator(frame);
    if (gen == NULL) {
        return PyUnicode_FromString(PyErr_Occurred() ? "error" : "NULL");
    }
    return gen;
}

static PyMethodDef methods[] = {
    {"owner", owner, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};

int main(void)
{
    start();
    PyObject *globals = PyDict_New();
    PyObject *fn = PyCFunction_New(&methods[0], NULL);
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
    PyDict_SetItemString(globals, "owner", fn);
    Py_DECREF(fn);
    PyObject *r = PyRun_String(
        "import sys\n"
        "def gen():\n"
        "    yield owner()\n"
        "    yield owner(sys._getframe())\n"
        "g = gen()\n"
        "unstarted = owner(g.gi_frame) is g\n"
        "running = next(g) is g, next(g) is g\n"
        "suspended = owner(g.gi_frame) is g\n"
        "f = g.gi_frame\n"
        "for _ in g: pass\n"
        "finished = owner(f)\n"
        "async def coro():\n"
        "    return owner()\n"
        "c = coro()\n"
        "try:\n"
        "    c.send(None)\n"
        "except StopIteration as e:\n"
        "    in_coroutine = e.value is c\n"
        "async def agen():\n"
        "    yield owner()\n"
        "a = agen()\n"
        "try:\n"
        "    a.asend(None).send(None)\n"
        "except StopIteration as e:\n"
        "    in_async_gen = e.value is a\n"
        "a.aclose().close()\n"
        "def plain():\n"
        "    return owner()\n"
        "result = (unstarted, running, suspended, finished, in_coroutine,\n"
        "          in_async_gen, plain(), owner())\n",
        Py_file_input, globals, globals);
    show("run", r);
    show("owners", Py_NewRef(PyDict_GetItemString(globals, "result")));
    Py_DECREF(globals);
    return finish();
}
