// test: differential
// test: cflags -Wno-deprecated-declarations
/* Stable-ABI object functions: PyAIter_Check, PyObject_GetAIter,
 * PyIter_Send, PyObject_SelfIter, PyObject_Dir, PyObject_Bytes,
 * PyCallIter_New, PyCFunction_Call, PyWrapper_New. */
#include "testing.h"

/* Exported for old abi3 binaries, no longer declared by the headers. */
PyAPI_FUNC(PyObject *) PyCFunction_Call(PyObject *, PyObject *, PyObject *);

static PyObject *ns;

static PyObject *eval(const char *code)
{
    return PyRun_String(code, Py_eval_input, ns, ns);
}

static void send(const char *label, PyObject *iter, PyObject *arg)
{
    PyObject *result = (PyObject *)1;
    int status = PyIter_Send(iter, arg, &result);
    printf("%s: status %d, ", label, status);
    if (status == PYGEN_ERROR) {
        printf("result %s, ", result == NULL ? "NULL" : "set");
        print_error();
        printf("\n");
        return;
    }
    show("result", result);
}

static PyObject *dir_from_python(PyObject *self, PyObject *arg)
{
    (void)self;
    (void)arg;
    return PyObject_Dir(NULL);
}

static PyMethodDef dir_def = {"dir_here", dir_from_python, METH_NOARGS, NULL};

/* An iterator type with am_send: yields the number sent plus one, returns
 * the sent value negated at 0, raises ValueError for a non-int. */
static PySendResult counter_send(PyObject *self, PyObject *arg, PyObject **result)
{
    (void)self;
    long v = arg == Py_None ? 0 : PyLong_AsLong(arg);
    if (v == -1 && PyErr_Occurred()) {
        *result = NULL;
        return PYGEN_ERROR;
    }
    if (v == 0 && arg != Py_None) {
        *result = PyLong_FromLong(-v);
        return PYGEN_RETURN;
    }
    *result = PyLong_FromLong(v + 1);
    return PYGEN_NEXT;
}

static PyType_Slot counter_slots[] = {
    {Py_am_send, counter_send},
    {0, NULL},
};

static PyType_Spec counter_spec = {"m.Counter", sizeof(PyObject), 0, Py_TPFLAGS_DEFAULT,
                                   counter_slots};

int main(void)
{
    start();
    ns = PyDict_New();
    PyDict_SetItemString(ns, "__builtins__", PyEval_GetBuiltins());
    PyObject *r = PyRun_String(
        "class AIt:\n"
        "    def __aiter__(self): return self\n"
        "    async def __anext__(self): raise StopAsyncIteration\n"
        "class BadAIter:\n"
        "    def __aiter__(self): return 42\n"
        "def gen():\n"
        "    x = yield 1\n"
        "    yield x * 2\n"
        "    return 'done'\n"
        "class Sender:\n"
        "    def send(self, v):\n"
        "        if v == 'stop': raise StopIteration('bye')\n"
        "        if v == 'bad': raise KeyError(v)\n"
        "        return ('sent', v)\n"
        "class B:\n"
        "    def __bytes__(self): return b'from B'\n"
        "class NotBytes:\n"
        "    def __bytes__(self): return 'str'\n"
        "class D:\n"
        "    def __dir__(self): return ['z', 'a', 'm']\n"
        "counter = iter([1, 2, 3, 4]).__next__\n",
        Py_file_input, ns, ns);
    if (r == NULL) {
        PyErr_Print();
        return 1;
    }
    Py_DECREF(r);

    /* PyAIter_Check / PyObject_GetAIter */
    PyObject *ait = eval("AIt()");
    show_int("AIter_Check(AIt())", PyAIter_Check(ait));
    PyObject *lst = eval("[1]");
    show_int("AIter_Check([1])", PyAIter_Check(lst));
    PyObject *got = PyObject_GetAIter(ait);
    check("GetAIter(AIt()) is itself", got == ait);
    Py_XDECREF(got);
    show("GetAIter([1])", PyObject_GetAIter(lst));
    PyObject *bad = eval("BadAIter()");
    show("GetAIter(BadAIter())", PyObject_GetAIter(bad));
    Py_DECREF(bad);
    Py_DECREF(ait);

    /* PyIter_Send */
    PyObject *g = eval("gen()");
    send("send None to gen", g, Py_None);
    PyObject *five = PyLong_FromLong(5);
    send("send 5 to gen", g, five);
    send("send None again", g, Py_None);
    send("send to finished gen", g, Py_None);
    Py_DECREF(g);
    PyObject *it = PyObject_GetIter(lst);
    send("send None to list iterator", it, Py_None);
    send("send None to exhausted iterator", it, Py_None);
    send("send 5 to list iterator", it, five);
    Py_DECREF(it);
    PyObject *s = eval("Sender()");
    send("send 5 to Sender", s, five);
    PyObject *word = PyUnicode_FromString("stop");
    send("send 'stop' to Sender", s, word);
    Py_DECREF(word);
    word = PyUnicode_FromString("bad");
    send("send 'bad' to Sender", s, word);
    Py_DECREF(word);
    Py_DECREF(s);

    PyObject *counter_type = PyType_FromSpec(&counter_spec);
    PyObject *counter_obj = PyObject_CallNoArgs(counter_type);
    send("am_send: send None", counter_obj, Py_None);
    send("am_send: send 5", counter_obj, five);
    PyObject *zero = PyLong_FromLong(0);
    send("am_send: send 0", counter_obj, zero);
    Py_DECREF(zero);
    word = PyUnicode_FromString("x");
    send("am_send: send 'x'", counter_obj, word);
    Py_DECREF(word);
    Py_DECREF(counter_obj);
    Py_DECREF(counter_type);

    /* PyObject_SelfIter */
    PyObject *self = PyObject_SelfIter(five);
    check("SelfIter returns its argument", self == five);
    Py_DECREF(self);

    /* PyObject_Dir */
    PyObject *d = eval("D()");
    show("Dir(D())", PyObject_Dir(d));
    Py_DECREF(d);
    PyObject *names = PyObject_Dir(five);
    check("Dir(5) has 'bit_length'", PySequence_Contains(names, PyUnicode_FromString("bit_length")) == 1);
    Py_DECREF(names);
    PyObject *fn = PyCFunction_New(&dir_def, NULL);
    PyDict_SetItemString(ns, "dir_here", fn);
    Py_DECREF(fn);
    r = PyRun_String("def f(a, b=2):\n    c = 3\n    return dir_here()\n", Py_file_input, ns, ns);
    Py_XDECREF(r);
    show("Dir(NULL) inside f", eval("f(1)"));
    show("Dir(NULL) outside any frame", PyObject_Dir(NULL));

    /* PyObject_Bytes */
    show("Bytes(NULL)", PyObject_Bytes(NULL));
    PyObject *bytes = PyBytes_FromString("abc");
    PyObject *same = PyObject_Bytes(bytes);
    check("Bytes(bytes) is itself", same == bytes);
    Py_DECREF(same);
    Py_DECREF(bytes);
    show("Bytes(B())", PyObject_Bytes(eval("B()")));
    show("Bytes(NotBytes())", PyObject_Bytes(eval("NotBytes()")));
    show("Bytes(bytearray)", PyObject_Bytes(eval("bytearray(b'xy')")));
    show("Bytes([65, 66])", PyObject_Bytes(eval("[65, 66]")));
    show("Bytes(3)", PyObject_Bytes(eval("3")));
    show("Bytes('text')", PyObject_Bytes(eval("'text'")));
    show("Bytes(memoryview)", PyObject_Bytes(eval("memoryview(b'mv')")));

    /* PyCallIter_New */
    PyObject *counter = PyDict_GetItemString(ns, "counter");
    PyObject *three = PyLong_FromLong(3);
    PyObject *ci = PyCallIter_New(counter, three);
    show("CallIter until 3", PySequence_List(ci));
    show("CallIter after the sentinel", PyIter_Next(ci));
    Py_DECREF(ci);
    ci = PyCallIter_New(five, three);
    show("CallIter over a non-callable", PyIter_Next(ci));
    Py_DECREF(ci);

    /* PyCFunction_Call */
    PyObject *len = PyDict_GetItemString(PyEval_GetBuiltins(), "len");
    PyObject *args = Py_BuildValue("(O)", lst);
    show("CFunction_Call(len, ([1],))", PyCFunction_Call(len, args, NULL));
    PyObject *kw = Py_BuildValue("{s:i}", "x", 1);
    show("CFunction_Call(len, ([1],), x=1)", PyCFunction_Call(len, args, kw));
    Py_DECREF(kw);
    Py_DECREF(args);

    /* PyWrapper_New */
    PyObject *wrapper = PyObject_GetAttrString((PyObject *)&PyLong_Type, "__add__");
    PyObject *bound = PyWrapper_New(wrapper, five);
    show("type(Wrapper_New(int.__add__, 5))", Py_NewRef((PyObject *)Py_TYPE(bound)));
    show("Wrapper_New(int.__add__, 5)(3)", PyObject_CallOneArg(bound, three));
    Py_DECREF(bound);
    Py_DECREF(wrapper);

    Py_DECREF(three);
    Py_DECREF(five);
    Py_DECREF(lst);
    Py_DECREF(ns);
    return finish();
}
