// test: differential
/* A signal that arrives just before a generator suspended in `yield from`
 * is resumed (from C, so no Python code runs in between) is handled in
 * the innermost generator, which can catch the KeyboardInterrupt
 * (bpo-30039). */
#include "testing.h"
#include <signal.h>

/* sigint_then_send(gen): raises SIGINT, then gen.send(None). */
static PyObject *sigint_then_send(PyObject *Py_UNUSED(self), PyObject *gen)
{
    raise(SIGINT);
    return PyObject_CallMethod(gen, "send", "O", Py_None);
}

static PyMethodDef methods[] = {
    {"sigint_then_send", sigint_then_send, METH_O, NULL},
    {NULL, NULL, 0, NULL},
};

int main(void)
{
    start();
    PyObject *globals = PyDict_New();
    PyObject *fn = PyCFunction_New(&methods[0], NULL);
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
    PyDict_SetItemString(globals, "sigint_then_send", fn);
    Py_DECREF(fn);
    PyObject *r = PyRun_String("import signal\n"
                               "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
                               "def inner():\n"
                               "    try:\n"
                               "        yield\n"
                               "    except KeyboardInterrupt:\n"
                               "        return 'caught inside'\n"
                               "    return 'not interrupted'\n"
                               "def outer():\n"
                               "    return (yield from inner())\n"
                               "g = outer()\n"
                               "g.send(None)\n"
                               "try:\n"
                               "    sigint_then_send(g)\n"
                               "except BaseException as e:\n"
                               "    result = (type(e).__name__, e.args)\n",
                               Py_file_input, globals, globals);
    show("run", r);
    show("result", Py_NewRef(PyDict_GetItemString(globals, "result")));
    Py_DECREF(globals);
    return finish();
}
