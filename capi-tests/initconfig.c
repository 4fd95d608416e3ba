/* PEP 741 (CPython 3.14, not in 3.13, so checked against the expected
 * output): PyInitConfig getters and setters with their type and range
 * errors, Py_InitializeFromInitConfig with an added builtin module and a
 * parsed command line, then PyConfig_Get / GetInt / Names / Set on the
 * running interpreter with CPython's read-only rules and messages. */
#include "testing.h"
#include <stdlib.h>

static PyObject *init_spam(void)
{
    static PyModuleDef def = {PyModuleDef_HEAD_INIT, "spam", NULL, 0, NULL};
    return PyModule_Create(&def);
}

static void show_error(PyInitConfig *c, const char *what, int rc)
{
    const char *msg = NULL;
    int has = PyInitConfig_GetError(c, &msg);
    printf("%s: rc=%d error=%d %s\n", what, rc, has, msg ? msg : "(none)");
}

static void get(const char *name)
{
    PyObject *v = PyConfig_Get(name);
    printf("Get(%s): ", name);
    if (v == NULL) {
        print_error();
        printf("\n");
        return;
    }
    PyObject *r = PyObject_Repr(v);
    printf("%s\n", PyUnicode_AsUTF8(r));
    Py_DECREF(r);
    Py_DECREF(v);
}

static void set(const char *name, PyObject *value)
{
    int rc = PyConfig_Set(name, value);
    printf("Set(%s): %d ", name, rc);
    if (rc < 0)
        print_error();
    printf("\n");
    Py_XDECREF(value);
}

int main(void)
{
    PyInitConfig *c = PyInitConfig_Create();
    int64_t i;
    char *s;
    size_t n;
    char **items;
    printf("has isolated=%d utf8_mode=%d nope=%d\n", PyInitConfig_HasOption(c, "isolated"),
           PyInitConfig_HasOption(c, "utf8_mode"), PyInitConfig_HasOption(c, "nope"));
    PyInitConfig_GetInt(c, "isolated", &i);
    printf("isolated=%lld\n", (long long)i);
    PyInitConfig_GetInt(c, "install_signal_handlers", &i);
    printf("install_signal_handlers=%lld\n", (long long)i);
    show_error(c, "GetInt(nope)", PyInitConfig_GetInt(c, "nope", &i));
    show_error(c, "GetInt(home)", PyInitConfig_GetInt(c, "home", &i));
    show_error(c, "SetInt(verbose, -1)", PyInitConfig_SetInt(c, "verbose", -1));
    show_error(c, "SetInt(cpu_count, 1<<40)", PyInitConfig_SetInt(c, "cpu_count", 1LL << 40));
    show_error(c, "SetStr(verbose)", PyInitConfig_SetStr(c, "verbose", "x"));
    show_error(c, "SetStr(platlibdir, NULL)", PyInitConfig_SetStr(c, "platlibdir", NULL));
    show_error(c, "SetStrList(home)", PyInitConfig_SetStrList(c, "home", 0, NULL));
    show_error(c, "GetStrList(home)", PyInitConfig_GetStrList(c, "home", &n, &items));
    show_error(c, "SetInt(hash_seed, 42)", PyInitConfig_SetInt(c, "hash_seed", 42));
    PyInitConfig_GetInt(c, "use_hash_seed", &i);
    printf("use_hash_seed=%lld\n", (long long)i);
    PyInitConfig_SetStr(c, "program_name", "prog-\xc3\xa9");
    PyInitConfig_GetStr(c, "program_name", &s);
    printf("program_name=%s\n", s);
    free(s);
    PyInitConfig_GetStr(c, "home", &s);
    printf("home=%s\n", s ? s : "NULL");
    show_error(c, "SetStr(bad utf-8)", PyInitConfig_SetStr(c, "program_name", "\xff"));
    char *argv[] = {"prog", "-X", "dev", "-c", "pass", "arg1"};
    PyInitConfig_SetStrList(c, "argv", 6, argv);
    PyInitConfig_SetInt(c, "parse_argv", 1);
    char *paths[] = {"/nonexistent/a"};
    PyInitConfig_SetStrList(c, "module_search_paths", 1, paths);
    PyInitConfig_GetInt(c, "module_search_paths_set", &i);
    printf("module_search_paths_set=%lld\n", (long long)i);
    PyInitConfig_GetStrList(c, "argv", &n, &items);
    printf("argv: %zu items, [1]=%s\n", n, items[1]);
    PyInitConfig_FreeStrList(n, items);
    PyInitConfig_AddModule(c, "spam", init_spam);
    PyInitConfig_SetInt(c, "utf8_mode", 1);

    /* An exit: -h with parse_argv. */
    PyInitConfig *h = PyInitConfig_Create();
    char *help[] = {"prog", "--version"};
    PyInitConfig_SetStrList(h, "argv", 2, help);
    PyInitConfig_SetInt(h, "parse_argv", 1);
    int code = -1;
    fflush(stdout);
    int rc = Py_InitializeFromInitConfig(h);
    printf("--version: rc=%d exit=%d", rc, PyInitConfig_GetExitCode(h, &code));
    printf(" code=%d\n", code);
    show_error(h, "--version", rc);
    PyInitConfig_Free(h);

    rc = Py_InitializeFromInitConfig(c);
    show_error(c, "Py_InitializeFromInitConfig", rc);
    PyInitConfig_Free(c);
    if (rc < 0)
        return 1;

    PyObject *spam = PyImport_ImportModule("spam");
    printf("import spam: %s\n", spam ? "ok" : "failed");
    Py_XDECREF(spam);
    get("argv");
    get("orig_argv");
    get("xoptions");
    get("dev_mode");
    get("warnoptions");
    get("use_environment");
    get("write_bytecode");
    get("hash_seed");
    get("use_hash_seed");
    get("program_name");
    get("run_command");
    get("int_max_str_digits");
    get("utf8_mode");
    get("module_search_paths");
    get("pythonpath_env");
    get("nope");
    int v = -1;
    rc = PyConfig_GetInt("verbose", &v);
    printf("GetInt(verbose): %d %d\n", rc, v);
    printf("GetInt(program_name): %d ", PyConfig_GetInt("program_name", &v));
    print_error();
    printf("\n");
    PyObject *names = PyConfig_Names();
    PyObject *argv_name = PyUnicode_FromString("argv");
    PyObject *path0_name = PyUnicode_FromString("sys_path_0");
    PyObject *allocator_name = PyUnicode_FromString("allocator");
    printf("Names: %s %zd argv=%d sys_path_0=%d allocator=%d\n", Py_TYPE(names)->tp_name,
           PySet_Size(names), PySet_Contains(names, argv_name),
           PySet_Contains(names, path0_name), PySet_Contains(names, allocator_name));
    Py_DECREF(argv_name);
    Py_DECREF(path0_name);
    Py_DECREF(allocator_name);
    Py_DECREF(names);

    set("verbose", PyLong_FromLong(2));
    get("verbose");
    set("write_bytecode", Py_NewRef(Py_False));
    get("write_bytecode");
    set("use_environment", PyLong_FromLong(5));
    get("use_environment");
    set("bytes_warning", PyLong_FromLong(-1));
    set("verbose", PyUnicode_FromString("x"));
    set("isolated", PyLong_FromLong(1));
    set("utf8_mode", PyLong_FromLong(1));
    set("nope", PyLong_FromLong(1));
    set("sys_path_0", PyUnicode_FromString("x"));
    set("platlibdir", Py_NewRef(Py_None));
    set("prefix", Py_NewRef(Py_None));
    get("prefix");
    set("argv", PyUnicode_FromString("x"));
    set("argv", Py_BuildValue("[si]", "a", 1));
    set("argv", Py_BuildValue("[ss]", "a", "b"));
    get("argv");
    set("xoptions", Py_BuildValue("{si}", "a", 1));
    set("xoptions", Py_BuildValue("{sO}", "a", Py_True));
    get("xoptions");
    set("int_max_str_digits", PyLong_FromLong(100));
    set("int_max_str_digits", PyLong_FromLong(1000));
    get("int_max_str_digits");
    set("cpu_count", PyLong_FromLong(3));
    get("cpu_count");
    fflush(stdout);
    PyRun_SimpleString("import sys, posix\n"
                       "print(sys.flags.verbose, sys.flags.dont_write_bytecode, sys.flags.utf8_mode,"
                       " sys.flags.ignore_environment, sys.dont_write_bytecode)\n"
                       "print(sys.get_int_max_str_digits(), posix.cpu_count())\n"
                       "import _signal\n"
                       "print('SIGINT handler:', _signal.getsignal(_signal.SIGINT))\n");
    Py_Finalize();
    return 0;
}
