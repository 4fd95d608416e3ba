// test: differential
// test: cxx
/* PEP 587 initialization configuration: PyStatus, PyWideStringList,
 * PyPreConfig and PyConfig defaults, PyConfig_Set* setters, sys.argv and
 * sys.path from Py_InitializeFromConfig, and Py_RunMain running
 * config.run_command or a parsed "-c" command line. Only public functions
 * and named fields are used (the struct sizes differ between versions). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <Python.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

static void show_status(const char *what, PyStatus st)
{
    printf("%s: error=%d exit=%d exception=%d", what, PyStatus_IsError(st), PyStatus_IsExit(st),
           PyStatus_Exception(st));
    if (PyStatus_IsExit(st))
        printf(" exitcode=%d", st.exitcode);
    if (PyStatus_IsError(st))
        printf(" func=%s msg=%s", st.func ? st.func : "(null)", st.err_msg);
    printf("\n");
}

static void show_list(const char *what, const PyWideStringList *l)
{
    printf("%s: [", what);
    for (Py_ssize_t i = 0; i < l->length; i++)
        printf("%s'%ls'", i ? ", " : "", l->items[i]);
    printf("]\n");
}

static void show_config(const char *what, const PyConfig *c)
{
    printf("%s: parse_argv=%d isolated=%d use_environment=%d site_import=%d "
           "user_site_directory=%d safe_path=%d install_signal_handlers=%d "
           "module_search_paths_set=%d argv.length=%d\n",
           what, c->parse_argv, c->isolated, c->use_environment, c->site_import,
           c->user_site_directory, c->safe_path, c->install_signal_handlers,
           c->module_search_paths_set, (int)c->argv.length);
}

/* The directory of the library that defines Py_Initialize plus
 * "/python3.13": CPython's standard library, which its initialization
 * needs when the search path is given explicitly. */
static void stdlib_dir(wchar_t *out, size_t n)
{
    Dl_info info;
    char dir[4096] = ".";
    if (dladdr((void *)&Py_Initialize, &info) && info.dli_fname) {
        snprintf(dir, sizeof dir, "%s", info.dli_fname);
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
    }
    swprintf(out, n, L"%s/python3.13", dir);
}

static void show_orig_argv(void)
{
    int argc = -1;
    wchar_t **argv = NULL;
    Py_GetArgcArgv(&argc, &argv);
    printf("Py_GetArgcArgv: %d [", argc);
    for (int i = 0; i < argc; i++)
        printf("%s'%ls'", i ? ", " : "", argv[i]);
    printf("]\n");
}

/* Runs Py_ExitStatusException(st) in a child process and reports how the
 * child ended. */
static void exit_status_exception(const char *what, PyStatus st)
{
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        fclose(stderr);
        Py_ExitStatusException(st);
    }
    int ws = 0;
    waitpid(pid, &ws, 0);
    if (WIFEXITED(ws))
        printf("%s: exited with %d\n", what, WEXITSTATUS(ws));
    else if (WIFSIGNALED(ws))
        printf("%s: killed by signal %d\n", what, WTERMSIG(ws));
}

static void run(const char *code)
{
    fflush(stdout);
    PyRun_SimpleString(code);
}

int main(void)
{
    /* Statuses. */
    show_status("Ok", PyStatus_Ok());
    show_status("Error", PyStatus_Error("boom"));
    show_status("NoMemory", PyStatus_NoMemory());
    show_status("Exit(3)", PyStatus_Exit(3));
    exit_status_exception("ExitStatusException(Exit(7))", PyStatus_Exit(7));
    exit_status_exception("ExitStatusException(Error)", PyStatus_Error("bad"));

    /* Lists. */
    PyWideStringList l = {0, NULL};
    show_status("Append a", PyWideStringList_Append(&l, L"a"));
    PyWideStringList_Append(&l, L"b");
    show_status("Insert x at 0", PyWideStringList_Insert(&l, 0, L"x"));
    PyWideStringList_Insert(&l, 2, L"y");
    show_status("Insert z at 99", PyWideStringList_Insert(&l, 99, L"z"));
    show_status("Insert at -1", PyWideStringList_Insert(&l, -1, L"bad"));
    show_list("list", &l);
    for (Py_ssize_t i = 0; i < l.length; i++)
        PyMem_RawFree(l.items[i]);
    PyMem_RawFree(l.items);

    /* Preconfig defaults. */
    PyPreConfig pre;
    PyPreConfig_InitPythonConfig(&pre);
    printf("python preconfig: parse_argv=%d isolated=%d use_environment=%d\n", pre.parse_argv,
           pre.isolated, pre.use_environment);
    PyPreConfig_InitIsolatedConfig(&pre);
    printf("isolated preconfig: parse_argv=%d isolated=%d use_environment=%d\n", pre.parse_argv,
           pre.isolated, pre.use_environment);
    show_status("Py_PreInitialize", Py_PreInitialize(&pre));

    /* Config defaults and setters. */
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    show_config("python config", &config);
    show_status("SetBytesString", PyConfig_SetBytesString(&config, &config.program_name, "myprog"));
    printf("program_name: '%ls'\n", config.program_name);
    show_status("SetString", PyConfig_SetString(&config, &config.program_name, L"other"));
    printf("program_name: '%ls'\n", config.program_name);
    show_status("SetString NULL", PyConfig_SetString(&config, &config.home, NULL));
    printf("home is NULL: %d\n", config.home == NULL);
    wchar_t *items[] = {(wchar_t *)L"w1", (wchar_t *)L"w2"};
    show_status("SetWideStringList",
                PyConfig_SetWideStringList(&config, &config.warnoptions, 2, items));
    show_list("warnoptions", &config.warnoptions);
    char *bad_argv[] = {(char *)"prog", (char *)"-c"};
    show_status("SetBytesArgv", PyConfig_SetBytesArgv(&config, 2, bad_argv));
    show_list("argv", &config.argv);
    show_status("Read with '-c' and no argument", PyConfig_Read(&config));
    PyConfig_Clear(&config);
    printf("after Clear: program_name is NULL: %d, argv.length=%d\n",
           config.program_name == NULL, (int)config.argv.length);

    /* PyConfig_Read parses the command line once. */
    PyConfig_InitPythonConfig(&config);
    char *read_argv[] = {(char *)"prog", (char *)"-c", (char *)"pass", (char *)"x"};
    PyConfig_SetBytesArgv(&config, 4, read_argv);
    show_status("Read", PyConfig_Read(&config));
    printf("parse_argv=%d run_command='%ls'\n", config.parse_argv, config.run_command);
    show_list("argv", &config.argv);
    show_list("orig_argv", &config.orig_argv);
    show_status("Read again", PyConfig_Read(&config));
    show_list("argv", &config.argv);
    PyConfig_Clear(&config);
    PyConfig_InitIsolatedConfig(&config);
    show_status("Read isolated", PyConfig_Read(&config));
    show_list("argv", &config.argv);
    show_list("orig_argv", &config.orig_argv);
    PyConfig_Clear(&config);

    /* Isolated config: argv copied, explicit search path. */
    PyConfig_InitIsolatedConfig(&config);
    show_config("isolated config", &config);
    wchar_t *argv[] = {(wchar_t *)L"prog", (wchar_t *)L"-c", (wchar_t *)L"arg"};
    show_status("SetArgv", PyConfig_SetArgv(&config, 3, argv));
    PyConfig_SetString(&config, &config.executable, L"/nonexistent/bin/python");
    config.module_search_paths_set = 1;
    PyWideStringList_Append(&config.module_search_paths, L"/nonexistent/one");
    PyWideStringList_Append(&config.module_search_paths, L"/nonexistent/two");
    wchar_t lib[4200];
    stdlib_dir(lib, sizeof lib / sizeof lib[0]);
    PyWideStringList_Append(&config.module_search_paths, lib);
    show_status("InitializeFromConfig", Py_InitializeFromConfig(&config));
    PyConfig_Clear(&config);
    show_orig_argv();
    run("import sys\n"
        "print('sys.argv', sys.argv)\n"
        "print('sys.path', [p for p in sys.path if p.startswith('/nonexistent')])\n"
        "print('sys.executable', sys.executable)\n");
    printf("Py_FinalizeEx: %d\n", Py_FinalizeEx());

    /* Isolated config with run_command: Py_RunMain runs it. */
    PyConfig_InitIsolatedConfig(&config);
    PyConfig_SetString(&config, &config.run_command,
                       L"import sys\nprint('running', sys.argv, '' in sys.path)\n");
    config.module_search_paths_set = 1;
    PyWideStringList_Append(&config.module_search_paths, lib);
    show_status("InitializeFromConfig", Py_InitializeFromConfig(&config));
    PyConfig_Clear(&config);
    fflush(stdout);
    int rc = Py_RunMain();
    printf("Py_RunMain: %d\n", rc);

    /* Python config parsing "-c CMD args". */
    PyConfig_InitPythonConfig(&config);
    char *cmd_argv[] = {(char *)"prog", (char *)"-c",
                        (char *)"import sys; print('command', sys.argv, repr(sys.path[0]), "
                        "[p for p in sys.path if p.startswith('/nonexistent')]); raise ValueError",
                        (char *)"x", (char *)"-y"};
    show_status("SetBytesArgv", PyConfig_SetBytesArgv(&config, 5, cmd_argv));
    PyConfig_SetString(&config, &config.pythonpath_env, L"/nonexistent/pp1:/nonexistent/pp2");
    show_status("InitializeFromConfig", Py_InitializeFromConfig(&config));
    PyConfig_Clear(&config);
    show_orig_argv();
    fflush(stdout);
    rc = Py_RunMain();
    printf("Py_RunMain: %d\n", rc);
    printf("initialized after Py_RunMain: %d\n", Py_IsInitialized());

    /* Python config parsing "SCRIPT args": Py_RunMain runs the file. */
    char script[] = "/tmp/ferrython_config_XXXXXX";
    int fd = mkstemp(script);
    FILE *fp = fdopen(fd, "w");
    fputs("import sys\nprint('script', sys.argv[1:], sys.argv[0] == __file__, __name__, sys.path[0])\n", fp);
    fclose(fp);
    PyConfig_InitPythonConfig(&config);
    char *script_argv[] = {(char *)"prog", script, (char *)"a", (char *)"-c"};
    show_status("SetBytesArgv", PyConfig_SetBytesArgv(&config, 4, script_argv));
    show_status("InitializeFromConfig", Py_InitializeFromConfig(&config));
    PyConfig_Clear(&config);
    fflush(stdout);
    rc = Py_RunMain();
    printf("Py_RunMain: %d\n", rc);
    remove(script);

    /* Python config parsing "-m MODULE args", run from the current
     * directory. */
    char dir[] = "/tmp/ferrython_config_dir_XXXXXX";
    char here[4096];
    if (!mkdtemp(dir) || !getcwd(here, sizeof here) || chdir(dir) != 0)
        return 1;
    fp = fopen("ferry_cfg_mod.py", "w");
    fputs("import sys\n"
          "print('module', sys.argv[1:], sys.argv[0].endswith('/ferry_cfg_mod.py'), __name__,\n"
          "      sys.path[0] == sys.argv[0].rsplit('/', 1)[0])\n",
          fp);
    fclose(fp);
    PyConfig_InitPythonConfig(&config);
    char *module_argv[] = {(char *)"prog", (char *)"-m", (char *)"ferry_cfg_mod", (char *)"q"};
    show_status("SetBytesArgv", PyConfig_SetBytesArgv(&config, 4, module_argv));
    show_status("InitializeFromConfig", Py_InitializeFromConfig(&config));
    PyConfig_Clear(&config);
    fflush(stdout);
    rc = Py_RunMain();
    printf("Py_RunMain: %d\n", rc);

    /* A relative script name: sys.argv[0] keeps it, __file__ is absolute. */
    PyConfig_InitPythonConfig(&config);
    fp = fopen("ferry_cfg_rel.py", "w");
    fputs("import sys\n"
          "print('relative', sys.argv, __file__ == sys.path[0] + '/ferry_cfg_rel.py')\n",
          fp);
    fclose(fp);
    char *rel_argv[] = {(char *)"prog", (char *)"ferry_cfg_rel.py"};
    show_status("SetBytesArgv", PyConfig_SetBytesArgv(&config, 2, rel_argv));
    show_status("Read", PyConfig_Read(&config));
    printf("run_filename is absolute: %d\n", config.run_filename && config.run_filename[0] == L'/');
    show_status("InitializeFromConfig", Py_InitializeFromConfig(&config));
    PyConfig_Clear(&config);
    fflush(stdout);
    printf("Py_RunMain: %d\n", Py_RunMain());
    remove("ferry_cfg_rel.py");
    remove("ferry_cfg_mod.py");
    if (chdir(here) != 0 || rmdir(dir) != 0)
        return 1;
    return 0;
}
