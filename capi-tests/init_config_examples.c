// test: differential
/* The example programs of CPython's "Python Initialization Configuration"
 * page that CPython 3.13 also has (the PEP 741 ones are in
 * init_config_741_examples.c), each run in a child process of its own
 * since each initializes Python its own way:
 * - a customized Python always running in isolated mode (Py_RunMain
 *   after PyConfig_SetBytesArgv), with a command, an exit status and a
 *   usage error;
 * - PyStatus from an allocation helper, handled by Py_ExitStatusException;
 * - preinitialization enabling the UTF-8 mode;
 * - setting the program name;
 * - the "more complete" one: PyConfig_Read, then an explicit search path
 *   and executable;
 * - delaying the main module: an empty run_command, code run in
 *   __main__'s namespace, then Py_RunMain. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <Python.h>
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wchar.h>

/* Runs `example` in a child process; prints how the child ended and the
 * first line it wrote to stderr (if any). */
static void in_child(const char *what, int (*example)(void))
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
        exit(example());
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

/* The isolated customized Python, given a command line. */
static int isolated_main(int argc, char **argv)
{
    PyStatus status;
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.isolated = 1;

    status = PyConfig_SetBytesArgv(&config, argc, argv);
    if (PyStatus_Exception(status))
        goto exception;
    status = Py_InitializeFromConfig(&config);
    if (PyStatus_Exception(status))
        goto exception;
    PyConfig_Clear(&config);
    return Py_RunMain();

exception:
    PyConfig_Clear(&config);
    if (PyStatus_IsExit(status))
        return status.exitcode;
    Py_ExitStatusException(status);
}

static int isolated_command(void)
{
    char *argv[] = {"my_python", "-c",
                    "import sys; print(sys.flags.isolated, sys.flags.ignore_environment, "
                    "sys.argv, '/from/env' in sys.path, '' in sys.path)",
                    "arg"};
    return isolated_main(4, argv);
}

static int isolated_exit(void)
{
    char *argv[] = {"my_python", "-c", "raise SystemExit(5)"};
    return isolated_main(3, argv);
}

static int isolated_usage_error(void)
{
    char *argv[] = {"my_python", "-Z"};
    return isolated_main(2, argv);
}

static PyStatus alloc(void **ptr, size_t size)
{
    *ptr = PyMem_RawMalloc(size);
    if (*ptr == NULL)
        return PyStatus_NoMemory();
    return PyStatus_Ok();
}

static int alloc_example(size_t size)
{
    void *ptr;
    PyStatus status = alloc(&ptr, size);
    if (PyStatus_Exception(status))
        Py_ExitStatusException(status);
    PyMem_RawFree(ptr);
    printf("   allocated %zu bytes\n", size);
    fflush(stdout);
    return 0;
}

static int alloc_small(void)
{
    return alloc_example(16);
}

static int alloc_too_big(void)
{
    return alloc_example(SIZE_MAX / 2);
}

static int preinit_utf8(void)
{
    PyStatus status;
    PyPreConfig preconfig;
    PyPreConfig_InitPythonConfig(&preconfig);
    preconfig.utf8_mode = 1;
    status = Py_PreInitialize(&preconfig);
    if (PyStatus_Exception(status))
        Py_ExitStatusException(status);

    Py_Initialize();
    PyRun_SimpleString("import sys\n"
                       "print('  ', sys.flags.utf8_mode, sys.getfilesystemencoding(),\n"
                       "      sys.stdout.encoding)\n");
    Py_Finalize();
    return 0;
}

static int program_name(void)
{
    PyStatus status;
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    status = PyConfig_SetString(&config, &config.program_name, L"/path/to/my_program");
    if (PyStatus_Exception(status))
        goto exception;
    status = Py_InitializeFromConfig(&config);
    if (PyStatus_Exception(status))
        goto exception;
    PyConfig_Clear(&config);
    PyRun_SimpleString("import sys; print('  ', sys.executable)");
    return Py_FinalizeEx() < 0 ? 1 : 0;

exception:
    PyConfig_Clear(&config);
    Py_ExitStatusException(status);
}

/* The directory of the library that defines Py_Initialize plus
 * "/python3.13": the standard library (CPython needs it named when the
 * search path is given explicitly). */
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

static PyStatus init_python(const char *name)
{
    PyStatus status;
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    wchar_t lib[4200];
    stdlib_dir(lib, sizeof lib / sizeof lib[0]);

    status = PyConfig_SetBytesString(&config, &config.program_name, name);
    if (PyStatus_Exception(status))
        goto done;
    status = PyConfig_Read(&config);
    if (PyStatus_Exception(status))
        goto done;
    config.module_search_paths_set = 1;
    status = PyWideStringList_Append(&config.module_search_paths, lib);
    if (PyStatus_Exception(status))
        goto done;
    status = PyWideStringList_Append(&config.module_search_paths, L"/path/to/more/modules");
    if (PyStatus_Exception(status))
        goto done;
    status = PyConfig_SetString(&config, &config.executable, L"/path/to/my_executable");
    if (PyStatus_Exception(status))
        goto done;
    status = Py_InitializeFromConfig(&config);

done:
    PyConfig_Clear(&config);
    return status;
}

static int more_complete(void)
{
    PyStatus status = init_python("my_program");
    if (PyStatus_Exception(status))
        Py_ExitStatusException(status);
    PyRun_SimpleString("import sys\n"
                       "print('  ', sys.executable, sys.path.index('/path/to/more/modules'))\n");
    return Py_FinalizeEx() < 0 ? 1 : 0;
}

static int delayed_main(void)
{
    PyStatus status;
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.parse_argv = 0;
    status = PyConfig_SetString(&config, &config.run_command, L"");
    if (!PyStatus_Exception(status))
        status = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status))
        Py_ExitStatusException(status);

    PyObject *main_module = PyImport_AddModuleRef("__main__");
    PyObject *ns = PyModule_GetDict(main_module);
    PyObject *r = PyRun_String("x = 6 * 7\nprint('   ran in __main__:', __name__, x)",
                               Py_file_input, ns, ns);
    Py_XDECREF(r);
    if (r == NULL)
        PyErr_Print();
    Py_DECREF(main_module);
    fflush(stdout);
    return Py_RunMain();
}

int main(void)
{
    setenv("PYTHONPATH", "/from/env", 1);
    setenv("PYTHONUTF8", "0", 1);
    in_child("isolated mode, a command", isolated_command);
    in_child("isolated mode, SystemExit", isolated_exit);
    in_child("isolated mode, usage error", isolated_usage_error);
    in_child("PyStatus, allocation", alloc_small);
    in_child("PyStatus, allocation failure", alloc_too_big);
    in_child("preinitialization, UTF-8 mode", preinit_utf8);
    in_child("program name", program_name);
    in_child("PyConfig_Read, then search path and executable", more_complete);
    in_child("delayed main module", delayed_main);
    return 0;
}
