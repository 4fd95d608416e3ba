// test: differential
/* PySys_GetObject/SetObject, PySys_WriteStdout/FormatStdout (and Stderr) through sys.stdout and
 * sys.stderr objects (with truncation and the caller's exception kept),
 * and the PyRun file variants (PyRun_File*, PyRun_SimpleFile*,
 * PyRun_AnyFile*) and *Flags string variants. */
#include "testing.h"

/* A stream holding `text`, positioned at its start. */
static FILE *stream(const char *text)
{
    FILE *fp = tmpfile();
    fputs(text, fp);
    rewind(fp);
    return fp;
}

static PyObject *main_get(const char *name)
{
    PyObject *m = PyImport_AddModule("__main__");
    PyObject *v = PyDict_GetItemString(PyModule_GetDict(m), name);
    return v ? Py_NewRef(v) : PyUnicode_FromString("<absent>");
}

int main(void)
{
    start();
    check("GetObject of a missing name is NULL", PySys_GetObject("no_such_attr") == NULL);
    check("  without an error", PyErr_Occurred() == NULL);
    PyObject *v = PyLong_FromLong(12345);
    show_int("SetObject", PySys_SetObject("ferry_attr", v));
    check("GetObject returns it", PySys_GetObject("ferry_attr") == v);
    show_int("SetObject NULL deletes", PySys_SetObject("ferry_attr", NULL));
    check("gone", PySys_GetObject("ferry_attr") == NULL);
    show_int("deleting a missing name", PySys_SetObject("ferry_attr", NULL));
    Py_DECREF(v);

    check("no frame outside Python code", PyEval_GetFrame() == NULL);
    check("no globals outside Python code", PyEval_GetGlobals() == NULL);
    check("builtins dict has len", PyDict_GetItemString(PyEval_GetBuiltins(), "len") != NULL);
    PyObject *g = PyDict_New();
    PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins());
    PyObject *r = PyRun_StringFlags(
        "class Collector:\n"
        "    def __init__(self): self.parts = []\n"
        "    def write(self, s): self.parts.append(s)\n"
        "out = Collector()\n",
        Py_file_input, g, g, NULL);
    show("define collector", r);
    PyObject *out = PyDict_GetItemString(g, "out");
    PyObject *old_stdout = Py_XNewRef(PySys_GetObject("stdout"));
    PyObject *old_stderr = Py_XNewRef(PySys_GetObject("stderr"));
    PySys_SetObject("stdout", out);
    PySys_SetObject("stderr", out);
    PySys_WriteStdout("x=%d %s|", 5, "abc");
    PySys_WriteStderr("err %05.1f|", 3.14159);
    char big[1500];
    memset(big, 'y', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    PySys_WriteStdout("%s", big);
    PyObject *obj = PyUnicode_FromString("h\xc3\xa9");
    PySys_FormatStdout("|%S and %R %d|", obj, obj, 7);
    PySys_FormatStderr("%s", "to stderr");
    PyErr_SetString(PyExc_KeyError, "kept");
    PySys_WriteStdout("|while raised|");
    PySys_FormatStdout("|%U|", obj);
    show("error kept", NULL);
    PySys_SetObject("stdout", old_stdout);
    PySys_SetObject("stderr", old_stderr);
    Py_XDECREF(old_stdout);
    Py_XDECREF(old_stderr);
    PyObject *parts = PyObject_GetAttrString(out, "parts");
    PyObject *empty = PyUnicode_FromString("");
    PyObject *joined = PyUnicode_Join(empty, parts);
    show_int("written length", PyUnicode_GetLength(joined));
    PyObject *head = PyUnicode_Substring(joined, 0, 24);
    show("head", head);
    PyObject *tail = PyUnicode_Substring(joined, 1010, PyUnicode_GetLength(joined));
    show("tail", tail);
    Py_DECREF(joined);
    Py_DECREF(empty);
    Py_DECREF(parts);
    Py_DECREF(obj);

    /* PyRun_File in a given namespace, with and without closing. */
    FILE *fp = stream("a = 6 * 7\nb = [a] * 2\n");
    show("PyRun_File", PyRun_File(fp, "script_a.py", Py_file_input, g, g));
    fclose(fp);
    show("  a", Py_NewRef(PyDict_GetItemString(g, "a")));
    fp = stream("a + 1\n");
    show("PyRun_FileEx eval closeit", PyRun_FileEx(fp, "expr.py", Py_eval_input, g, g, 1));
    fp = stream("def f(:\n");
    show("PyRun_FileFlags syntax error", PyRun_FileFlags(fp, "bad.py", Py_file_input, g, g, NULL));
    fclose(fp);
    fp = stream("1/0\n");
    show("PyRun_FileExFlags raising", PyRun_FileExFlags(fp, "zero.py", Py_file_input, g, NULL, 1, NULL));

    /* The simple variants run in __main__ with __file__ set for the run. */
    fp = stream("seen_file = __file__\ncount = 1\n");
    show_int("PyRun_SimpleFile", PyRun_SimpleFile(fp, "simple.py"));
    fclose(fp);
    show("  seen_file", main_get("seen_file"));
    show("  __file__ afterwards", main_get("__file__"));
    fp = stream("count += 1\n");
    show_int("PyRun_SimpleFileEx closeit", PyRun_SimpleFileEx(fp, "simple2.py", 1));
    fp = stream("count += 10\n");
    show_int("PyRun_AnyFile", PyRun_AnyFile(fp, "any.py"));
    fclose(fp);
    fp = stream("count += 100\n");
    show_int("PyRun_AnyFileExFlags closeit", PyRun_AnyFileExFlags(fp, "any2.py", 1, NULL));
    show("  count", main_get("count"));
    show_int("PyRun_SimpleStringFlags", PyRun_SimpleStringFlags("count *= 2", NULL));
    show("  count", main_get("count"));
    fflush(stdout);
    fp = stream("raise ValueError('from a file')\n");
    show_int("PyRun_SimpleFile raising", PyRun_SimpleFile(fp, "raising.py"));
    fclose(fp);
    show("  sys.last_exc", Py_XNewRef(PySys_GetObject("last_exc")));
    PyObject *code = Py_CompileStringExFlags("1+1", "<c>", Py_eval_input, NULL, 0);
    show("compiled with flags, co_filename", PyObject_GetAttrString(code, "co_filename"));
    show("  evaluated", PyEval_EvalCode(code, g, g));
    Py_DECREF(code);

    Py_DECREF(g);
    return finish();
}
