// test: differential
// test: cflags -Wno-deprecated-declarations
/* Stable-ABI functions of the runtime side: PyEval_GetFuncName/Desc,
 * PyEval_GetLocals, PyFrame_GetCode/GetLineNumber, PyTraceBack_Here/Print,
 * PyEval_EvalCodeEx, PyEval_CallObjectWithKeywords, the recursion limit,
 * PyInterpreterState_GetDict, PyThread_GetInfo, PySys_HasWarnOptions,
 * PyImport_GetImporter/GetMagicNumber/GetMagicTag/ImportFrozenModule,
 * Py_GetPlatform and friends, the legacy GIL functions, thread-state and
 * module-state helpers, PyThread_exit_thread, PyOS_AfterFork and
 * PyOS_InputHook. */
#include "testing.h"
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

/* Exported for the stable ABI, no longer declared by CPython's headers. */
PyAPI_FUNC(PyObject *) PyEval_CallObjectWithKeywords(PyObject *, PyObject *, PyObject *);
PyAPI_FUNC(void) PyEval_AcquireLock(void);
PyAPI_FUNC(void) PyEval_ReleaseLock(void);
PyAPI_FUNC(int) PyEval_ThreadsInitialized(void);
PyAPI_FUNC(int) PySys_HasWarnOptions(void);
PyAPI_FUNC(PyThreadState *) _PyThreadState_Prealloc(PyInterpreterState *);
PyAPI_FUNC(int) _PyState_AddModule(PyThreadState *, PyObject *, PyModuleDef *);
PyAPI_FUNC(int) _Py_CheckRecursiveCall(PyThreadState *, const char *);

/* probe(): what the C API sees of the calling Python frame. */
static PyObject *probe(PyObject *self, PyObject *args)
{
    PyObject *locals = PyEval_GetLocals();
    if (locals == NULL) {
        return NULL;
    }
    PyObject *again = PyEval_GetLocals();
    PyFrameObject *f = PyEval_GetFrame();
    PyCodeObject *code = PyFrame_GetCode(f);
    PyObject *name = PyObject_GetAttrString((PyObject *)code, "co_name");
    PyObject *r = Py_BuildValue("(OiOO)", name, PyFrame_GetLineNumber(f),
                                again == locals ? Py_True : Py_False,
                                PyDict_Check(locals) ? locals : Py_None);
    Py_DECREF(name);
    Py_DECREF(code);
    return r;
}

/* here(): adds the calling frame to the traceback of a new ValueError. */
static PyObject *here(PyObject *self, PyObject *args)
{
    PyErr_SetString(PyExc_ValueError, "from C");
    if (PyTraceBack_Here(PyEval_GetFrame()) < 0) {
        return NULL;
    }
    return NULL;
}

static PyMethodDef methods[] = {
    {"probe", probe, METH_NOARGS, NULL},
    {"here", here, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyObject *run(const char *code, PyObject *globals)
{
    return PyRun_String(code, Py_file_input, globals, globals);
}

static int hook_calls;
static int count_hook(void)
{
    hook_calls++;
    return 0;
}

static void *exit_thread_ran;
static PyThread_type_lock exit_lock;
static void exiting_thread(void *arg)
{
    exit_thread_ran = arg;
    PyThread_release_lock(exit_lock);
    PyThread_exit_thread();
}

static struct PyModuleDef state_def = {PyModuleDef_HEAD_INIT, "statemod", NULL, -1, NULL};

int main(void)
{
    start();
    PyObject *g = PyDict_New();
    PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins());
    PyObject *m = PyModule_New("helpers");
    PyModule_AddFunctions(m, methods);
    PyDict_SetItemString(g, "probe", PyObject_GetAttrString(m, "probe"));
    PyDict_SetItemString(g, "here", PyObject_GetAttrString(m, "here"));

    /* PyEval_GetFuncName / PyEval_GetFuncDesc */
    PyObject *r = run("def func(): pass\n"
                      "class K:\n"
                      "    def meth(self): pass\n"
                      "bound = K().meth\n"
                      "inst = K()\n",
                      g);
    Py_XDECREF(r);
    const char *names[] = {"func", "bound", "K", "inst", "probe", "g"};
    PyObject *objs[6];
    for (int i = 0; i < 5; i++) {
        objs[i] = PyDict_GetItemString(g, names[i]);
    }
    objs[5] = PyDict_GetItemString(PyEval_GetBuiltins(), "len");
    for (int i = 0; i < 6; i++) {
        printf("GetFuncName/Desc %s: %s%s\n", names[i], PyEval_GetFuncName(objs[i]),
               PyEval_GetFuncDesc(objs[i]));
    }
    printf("GetFuncName 42: %s%s\n", PyEval_GetFuncName(PyLong_FromLong(42)),
           PyEval_GetFuncDesc(Py_None));

    /* PyEval_GetLocals, PyFrame_GetCode, PyFrame_GetLineNumber */
    r = run("def f(x):\n"
            "    y = x + 1\n"
            "    return probe()\n"
            "name, line, same, loc = f(41)\n"
            "print('function frame:', name, line, same, sorted(loc.items()))\n"
            "name, line, same, loc = probe()\n"
            "print('module frame:', name, line, same, loc is globals())\n",
            g);
    show("run probe", r);
    printf("GetLocals outside Python: %s; ", PyEval_GetLocals() == NULL ? "NULL" : "set");
    print_error();
    printf("\n");

    /* PyTraceBack_Here, PyTraceBack_Print */
    r = run("def outer():\n"
            "    inner()\n"
            "def inner():\n"
            "    here()\n"
            "try:\n"
            "    outer()\n"
            "except ValueError as e:\n"
            "    err = e\n",
            g);
    show("run here", r);
    PyObject *err = PyDict_GetItemString(g, "err");
    PyObject *tb = PyException_GetTraceback(err);
    PyObject *out = PySys_GetObject("stdout");
    fflush(stdout);
    show_int("TraceBack_Print", PyTraceBack_Print(tb, out));
    PyObject_CallMethod(out, "flush", NULL);
    show_int("TraceBack_Print NULL", PyTraceBack_Print(NULL, out));
    show_int("TraceBack_Print not a traceback", PyTraceBack_Print(Py_None, out));
    print_error();
    printf("\n");
    Py_XDECREF(tb);

    /* PyEval_EvalCodeEx */
    r = run("def kwf(a, b=2, *args, c, d=4, **kw):\n"
            "    return (a, b, args, c, d, kw)\n"
            "code = kwf.__code__\n",
            g);
    Py_XDECREF(r);
    PyObject *code = PyDict_GetItemString(g, "code");
    PyObject *one = PyLong_FromLong(1), *c = PyUnicode_FromString("c");
    PyObject *three = PyLong_FromLong(3), *e = PyUnicode_FromString("e");
    PyObject *five = PyLong_FromLong(5), *twenty = PyLong_FromLong(20);
    PyObject *kwdefs = Py_BuildValue("{si}", "d", 40);
    PyObject *args[] = {one, PyLong_FromLong(7), PyLong_FromLong(8)};
    PyObject *kws[] = {c, three, e, five};
    PyObject *defs[] = {twenty};
    show("EvalCodeEx kw", PyEval_EvalCodeEx(code, g, NULL, args, 1, kws, 2, defs, 1, kwdefs, NULL));
    show("EvalCodeEx varargs", PyEval_EvalCodeEx(code, g, NULL, args, 3, kws, 1, NULL, 0, kwdefs, NULL));
    show("EvalCodeEx missing", PyEval_EvalCodeEx(code, g, NULL, args, 1, NULL, 0, defs, 1, NULL, NULL));
    show("EvalCodeEx no args", PyEval_EvalCodeEx(code, g, NULL, NULL, 0, NULL, 0, NULL, 0, NULL, NULL));
    PyObject *modcode = Py_CompileString("x = 5\ny = x * 2\n", "<mod>", Py_file_input);
    PyObject *loc = PyDict_New();
    show("EvalCodeEx module code", PyEval_EvalCodeEx(modcode, g, loc, NULL, 0, NULL, 0, NULL, 0, NULL, NULL));
    show("  its locals", Py_NewRef(loc));

    /* PyEval_CallObjectWithKeywords */
    PyObject *len = PyDict_GetItemString(PyEval_GetBuiltins(), "len");
    PyObject *dict = PyDict_GetItemString(PyEval_GetBuiltins(), "dict");
    PyObject *t = Py_BuildValue("(s)", "abcd");
    show("CallObjectWithKeywords len", PyEval_CallObjectWithKeywords(len, t, NULL));
    PyObject *kw = Py_BuildValue("{si}", "a", 1);
    show("CallObjectWithKeywords no args", PyEval_CallObjectWithKeywords(dict, NULL, kw));
    PyObject *lst = PyList_New(0);
    show("CallObjectWithKeywords list args", PyEval_CallObjectWithKeywords(len, lst, NULL));
    show("CallObjectWithKeywords list kwargs", PyEval_CallObjectWithKeywords(dict, t, lst));

    /* recursion limit */
    show_int("GetRecursionLimit", Py_GetRecursionLimit());
    Py_SetRecursionLimit(321);
    show_int("after SetRecursionLimit(321)", Py_GetRecursionLimit());
    r = run("import sys\nprint('sys.getrecursionlimit():', sys.getrecursionlimit())\n", g);
    Py_XDECREF(r);
    show_int("_Py_CheckRecursiveCall", _Py_CheckRecursiveCall(PyThreadState_Get(), ""));
    Py_SetRecursionLimit(1000);

    /* PyInterpreterState_GetDict */
    PyObject *idict = PyInterpreterState_GetDict(PyInterpreterState_Get());
    check("InterpreterState_GetDict is a dict", idict != NULL && PyDict_Check(idict));
    check("InterpreterState_GetDict is stable", idict == PyInterpreterState_GetDict(PyInterpreterState_Get()));

    /* PyThread_GetInfo */
    PyObject *info = PyThread_GetInfo();
    show("ThreadGetInfo name", PySequence_GetItem(info, 0));
    show_int("ThreadGetInfo len", PySequence_Size(info));
    check("ThreadGetInfo equals sys.thread_info",
          PyObject_RichCompareBool(info, PySys_GetObject("thread_info"), Py_EQ) == 1);
    Py_DECREF(info);

    /* PySys_HasWarnOptions */
    show_int("HasWarnOptions", PySys_HasWarnOptions());
    Py_XDECREF(run("import sys\nsys.warnoptions.append('ignore::DeprecationWarning')\n", g));
    show_int("HasWarnOptions after adding", PySys_HasWarnOptions());
    Py_XDECREF(run("sys.warnoptions.clear()\n", g));
    show_int("HasWarnOptions after reset", PySys_HasWarnOptions());

    /* import */
    long magic = PyImport_GetMagicNumber();
    check("GetMagicNumber ends with \\r\\n", ((magic >> 16) & 0xffff) == 0x0a0d);
    const char *tag = PyImport_GetMagicTag();
    PyObject *impl_tag = PyObject_GetAttrString(PyObject_GetAttrString(PySys_GetObject("implementation"), "cache_tag"), "__str__");
    PyObject *tag_str = PyObject_CallNoArgs(impl_tag);
    check("GetMagicTag is sys.implementation.cache_tag", strcmp(tag, PyUnicode_AsUTF8(tag_str)) == 0);
    r = run("import sys\n"
            "def hook(p):\n"
            "    if p.startswith('/ok'):\n"
            "        return ('importer', p)\n"
            "    if p.startswith('/bad'):\n"
            "        raise ValueError('bad path ' + p)\n"
            "    raise ImportError('not mine')\n"
            "saved_hooks = sys.path_hooks[:]\n"
            "sys.path_hooks[:] = [hook]\n",
            g);
    Py_XDECREF(r);
    PyObject *p = PyUnicode_FromString("/ok/abi2");
    show("GetImporter /ok/abi2", PyImport_GetImporter(p));
    check("  cached", PyDict_GetItem(PySys_GetObject("path_importer_cache"), p) != NULL);
    show("GetImporter again", PyImport_GetImporter(p));
    PyObject *q = PyUnicode_FromString("/nope/abi2");
    show("GetImporter /nope/abi2", PyImport_GetImporter(q));
    show("  cached", Py_XNewRef(PyDict_GetItem(PySys_GetObject("path_importer_cache"), q)));
    PyObject *b = PyUnicode_FromString("/bad/abi2");
    show("GetImporter /bad/abi2", PyImport_GetImporter(b));
    r = run("sys.path_hooks[:] = saved_hooks\n"
            "for k in ('/ok/abi2', '/nope/abi2', '/bad/abi2'):\n"
            "    sys.path_importer_cache.pop(k, None)\n",
            g);
    Py_XDECREF(r);
    show_int("ImportFrozenModule unknown", PyImport_ImportFrozenModule("no_such_frozen_abi2"));
    PyObject *fname = PyUnicode_FromString("no_such_frozen_abi2");
    show_int("ImportFrozenModuleObject unknown", PyImport_ImportFrozenModuleObject(fname));
    check("FrozenModules is NULL", PyImport_FrozenModules == NULL);

    /* version and build strings */
    printf("GetPlatform: %s\n", Py_GetPlatform());
    check("GetCopyright starts with Copyright", strncmp(Py_GetCopyright(), "Copyright", 9) == 0);
    check("GetCopyright is sys.copyright",
          strcmp(Py_GetCopyright(), PyUnicode_AsUTF8(PySys_GetObject("copyright"))) == 0);
    check("GetCompiler is bracketed", strchr(Py_GetCompiler(), '[') != NULL);
    check("GetBuildInfo is in GetVersion", strstr(Py_GetVersion(), Py_GetBuildInfo()) != NULL);

    /* legacy GIL functions */
    show_int("ThreadsInitialized", PyEval_ThreadsInitialized());
    PyEval_ReleaseLock();
    show_int("GILState_Check after ReleaseLock", PyGILState_Check());
    PyEval_AcquireLock();
    show_int("GILState_Check after AcquireLock", PyGILState_Check());

    /* _PyThreadState_Prealloc */
    PyThreadState *pre = _PyThreadState_Prealloc(PyInterpreterState_Get());
    check("Prealloc gives a thread state", pre != NULL && pre != PyThreadState_Get());
    check("Prealloc's interpreter", PyThreadState_GetInterpreter(pre) == PyInterpreterState_Get());
    PyThreadState_Clear(pre);
    PyThreadState_Delete(pre);

    /* _PyState_AddModule */
    PyObject *sm = PyModule_Create(&state_def);
    show_int("_PyState_AddModule", _PyState_AddModule(PyThreadState_Get(), sm, &state_def));
    check("  found", PyState_FindModule(&state_def) == sm);
    PyErr_SetString(PyExc_KeyError, "kept");
    show_int("_PyState_AddModule NULL def", _PyState_AddModule(PyThreadState_Get(), sm, NULL));
    print_error();
    printf("\n");
    Py_DECREF(sm);

    /* PyThread_exit_thread */
    exit_lock = PyThread_allocate_lock();
    PyThread_acquire_lock(exit_lock, 1);
    Py_BEGIN_ALLOW_THREADS
    PyThread_start_new_thread(exiting_thread, (void *)&exit_lock);
    PyThread_acquire_lock(exit_lock, 1);
    Py_END_ALLOW_THREADS
    check("exit_thread's thread ran", exit_thread_ran == (void *)&exit_lock);
    PyThread_free_lock(exit_lock);

    /* PyOS_AfterFork runs os.register_at_fork(after_in_child=...) */
    r = run("import os\nos.register_at_fork(after_in_child=lambda: print('after_in_child ran', flush=True))\n", g);
    show("register_at_fork", r);
    fflush(stdout);
    PyOS_BeforeFork();
    pid_t pid = fork();
    if (pid == 0) {
        PyOS_AfterFork();
        fflush(stdout);
        _exit(0);
    }
    PyOS_AfterFork_Parent();
    int status = 0;
    waitpid(pid, &status, 0);
    check("child exited with 0", WIFEXITED(status) && WEXITSTATUS(status) == 0);

    /* PyOS_InputHook: called before each line the prompt reads */
    FILE *fp = tmpfile();
    fputs("a = 1\nb = 2\n", fp);
    rewind(fp);
    PyOS_InputHook = count_hook;
    int saved = dup(2);
    int devnull = open("/dev/null", 1);
    dup2(devnull, 2);
    PyRun_InteractiveLoop(fp, "<hook>");
    fflush(stderr);
    dup2(saved, 2);
    PyOS_InputHook = NULL;
    fclose(fp);
    show_int("InputHook calls", hook_calls);

    Py_DECREF(g);
    Py_DECREF(m);
    return finish();
}
