// test: differential
/* Lifecycle and run functions no other test covers, against CPython, each
 * scenario in a child process of its own: Py_IsInitialized and
 * Py_IsFinalizing around a run (and sys.is_finalizing in an atexit
 * function); Py_Exit running the atexit functions before exiting with its
 * status; Py_FatalError's report and abort; Py_PreInitializeFromArgs
 * (wide strings) reading -X utf8; Py_BytesMain; PyOS_BeforeFork /
 * PyOS_AfterFork_Parent / PyOS_AfterFork_Child running the
 * os.register_at_fork functions; PyRun_AnyFileEx and PyRun_AnyFileFlags
 * on a regular file; PyRun_InteractiveOneFlags carrying a future import
 * to the next statement; PyImport_ImportModuleLevelObject, relative and
 * absolute. */
#include <Python.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs `scenario` in a child process; prints how the child ended and the
 * first line it wrote to stderr (if any). */
static void in_child(const char *what, int (*scenario)(void))
{
    int fds[2];
    printf("== %s\n", what);
    fflush(stdout);
    if (pipe(fds) != 0)
        return;
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 2);
        setvbuf(stdout, NULL, _IONBF, 0);
        exit(scenario());
    }
    close(fds[1]);
    char err[4096] = "";
    size_t len = 0;
    ssize_t n;
    while (len + 1 < sizeof err && (n = read(fds[0], err + len, sizeof err - 1 - len)) > 0)
        len += (size_t)n;
    err[len] = '\0';
    close(fds[0]);
    int ws = 0;
    waitpid(pid, &ws, 0);
    char *nl = strchr(err, '\n');
    if (nl)
        *nl = '\0';
    if (WIFEXITED(ws))
        printf("   exited with %d", WEXITSTATUS(ws));
    else if (WIFSIGNALED(ws))
        printf("   killed by signal %d", WTERMSIG(ws));
    printf("; stderr: %s\n", err[0] ? err : "(nothing)");
}

static void init_quiet(void)
{
    PyConfig config;
    PyConfig_InitIsolatedConfig(&config);
    PyStatus st = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(st))
        Py_ExitStatusException(st);
}

static void bye(void)
{
    printf("   Py_AtExit: initialized=%d finalizing=%d\n", Py_IsInitialized(), Py_IsFinalizing());
}

static int states(void)
{
    printf("   before: initialized=%d finalizing=%d\n", Py_IsInitialized(), Py_IsFinalizing());
    init_quiet();
    Py_AtExit(bye);
    printf("   running: initialized=%d finalizing=%d\n", Py_IsInitialized(), Py_IsFinalizing());
    PyRun_SimpleString("import atexit, sys\n"
                       "atexit.register(lambda: print('   atexit: is_finalizing', "
                       "sys.is_finalizing(), flush=True))\n");
    int r = Py_FinalizeEx();
    printf("   after: initialized=%d finalizing=%d FinalizeEx=%d\n", Py_IsInitialized(),
           Py_IsFinalizing(), r);
    return 0;
}

static int py_exit(void)
{
    init_quiet();
    PyRun_SimpleString("import atexit\n"
                       "atexit.register(lambda: print('   atexit ran', flush=True))\n");
    Py_Exit(3);
}

static int fatal_error(void)
{
    init_quiet();
    Py_FatalError("something broke");
}

static int preinit_wide_args(void)
{
    PyPreConfig pre;
    PyPreConfig_InitPythonConfig(&pre);
    wchar_t *argv[] = {L"prog", L"-X", L"utf8", L"-c", L"pass"};
    PyStatus st = Py_PreInitializeFromArgs(&pre, 5, argv);
    printf("   Py_PreInitializeFromArgs: exception=%d\n", PyStatus_Exception(st));
    init_quiet();
    PyRun_SimpleString("import sys; print('   utf8_mode', sys.flags.utf8_mode)");
    return Py_FinalizeEx() < 0 ? 1 : 0;
}

static int bytes_main(void)
{
    char *argv[] = {"prog", "-I", "-c",
                    "import sys; print('   argv', sys.argv); raise SystemExit(4)", "x"};
    return Py_BytesMain(5, argv);
}

static int fork_hooks(void)
{
    init_quiet();
    PyRun_SimpleString("import os\n"
                       "os.register_at_fork(before=lambda: print('   before', flush=True),\n"
                       "    after_in_parent=lambda: print('   after in parent', flush=True),\n"
                       "    after_in_child=lambda: print('   after in child', flush=True))\n");
    PyOS_BeforeFork();
    pid_t pid = fork();
    if (pid == 0) {
        PyOS_AfterFork_Child();
        PyRun_SimpleString("import threading\n"
                           "print('   child: main thread', "
                           "threading.current_thread() is threading.main_thread(), flush=True)\n");
        _exit(Py_FinalizeEx() < 0 ? 1 : 0);
    }
    /* The child's output first, so that the order is always the same. */
    int ws = 0;
    waitpid(pid, &ws, 0);
    PyOS_AfterFork_Parent();
    printf("   child status %d\n", WIFEXITED(ws) ? WEXITSTATUS(ws) : -1);
    return Py_FinalizeEx() < 0 ? 1 : 0;
}

static FILE *file_with(const char *text)
{
    FILE *fp = tmpfile();
    fputs(text, fp);
    rewind(fp);
    return fp;
}

static int run_files(void)
{
    init_quiet();
    FILE *fp = file_with("print('   PyRun_AnyFileEx ran', __file__)\n");
    printf("   rc=%d\n", PyRun_AnyFileEx(fp, "first.py", 1));
    PyCompilerFlags flags = {CO_FUTURE_ANNOTATIONS, 0};
    fp = file_with("def f(a: undefined): pass\nprint('  ', f.__annotations__)\n");
    printf("   rc=%d\n", PyRun_AnyFileFlags(fp, "second.py", &flags));
    fclose(fp);
    fp = file_with("raise KeyError('k')\n");
    printf("   rc=%d\n", PyRun_AnyFileEx(fp, "third.py", 1));
    return Py_FinalizeEx() < 0 ? 1 : 0;
}

static int interactive_one(void)
{
    init_quiet();
    PyRun_SimpleString("import sys; sys.ps1 = sys.ps2 = ''");
    FILE *fp = file_with("from __future__ import annotations\n"
                         "def f(a: undefined): pass\n"
                         "\n"
                         "print('  ', f.__annotations__)\n");
    PyCompilerFlags flags = {0, 0};
    int rc;
    while ((rc = PyRun_InteractiveOneFlags(fp, "<one>", &flags)) == 0)
        printf("   statement ran, annotations flag %d\n",
               (flags.cf_flags & CO_FUTURE_ANNOTATIONS) != 0);
    printf("   last rc=%d (E_EOF is 11)\n", rc);
    fclose(fp);
    return Py_FinalizeEx() < 0 ? 1 : 0;
}

static int import_level(void)
{
    init_quiet();
    PyObject *globals = Py_BuildValue("{s:s,s:s}", "__name__", "json.tool", "__package__", "json");
    PyObject *name = PyUnicode_FromString("decoder");
    PyObject *fromlist = Py_BuildValue("(s)", "JSONDecoder");
    PyObject *m = PyImport_ImportModuleLevelObject(name, globals, NULL, fromlist, 1);
    printf("   relative: %s\n", m ? PyModule_GetName(m) : "NULL");
    Py_XDECREF(m);
    Py_DECREF(name);
    name = PyUnicode_FromString("os.path");
    m = PyImport_ImportModuleLevelObject(name, NULL, NULL, NULL, 0);
    printf("   absolute, no fromlist: %s\n", m ? PyModule_GetName(m) : "NULL");
    Py_XDECREF(m);
    Py_DECREF(name);
    name = PyUnicode_FromString("nothing_here");
    m = PyImport_ImportModuleLevelObject(name, globals, NULL, NULL, 1);
    printf("   missing: %s ", m ? "module" : "NULL");
    PyErr_Print();
    fflush(stderr);
    Py_DECREF(name);
    Py_DECREF(fromlist);
    Py_DECREF(globals);
    return Py_FinalizeEx() < 0 ? 1 : 0;
}

int main(void)
{
    in_child("Py_IsInitialized and Py_IsFinalizing", states);
    in_child("Py_Exit", py_exit);
    in_child("Py_FatalError", fatal_error);
    in_child("Py_PreInitializeFromArgs", preinit_wide_args);
    in_child("Py_BytesMain", bytes_main);
    in_child("PyOS_BeforeFork / AfterFork_Parent / AfterFork_Child", fork_hooks);
    in_child("PyRun_AnyFileEx / PyRun_AnyFileFlags", run_files);
    in_child("PyRun_InteractiveOneFlags", interactive_one);
    in_child("PyImport_ImportModuleLevelObject", import_level);
    return 0;
}
