// test: differential
/* An uncaught KeyboardInterrupt in the program that Py_Main or Py_RunMain
 * runs ends the process by SIGINT once the interpreter is finalized (the
 * parent sees the signal, as a shell does after ^C); a subclass of it, or
 * an embedder's earlier PyRun_SimpleString that ended the same way, does
 * not. Each run happens in a child process. */
#include <Python.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *what, pid_t pid)
{
    int status;
    if (waitpid(pid, &status, 0) != pid) {
        printf("%s: waitpid failed\n", what);
    }
    else if (WIFSIGNALED(status)) {
        printf("%s: killed by %s\n", what,
               WTERMSIG(status) == SIGINT ? "SIGINT" : "another signal");
    }
    else {
        printf("%s: exit status %d\n", what, WEXITSTATUS(status));
    }
    fflush(stdout);
}

static void main_child(const wchar_t *code)
{
    wchar_t *argv[] = {L"prog", L"-c", (wchar_t *)code, NULL};
    int rc = Py_Main(3, argv);
    printf("Py_Main returned %d\n", rc);
    fflush(stdout);
    _exit(rc);
}

static void run_main_child(const wchar_t *code, int simple_first)
{
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.parse_argv = 0;
    PyConfig_SetString(&config, &config.run_command, code);
    PyStatus st = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(st)) {
        _exit(99);
    }
    if (simple_first) {
        /* Prints the traceback; only Py_RunMain's own run counts. */
        PyRun_SimpleString("raise KeyboardInterrupt");
        fflush(stderr);
    }
    int rc = Py_RunMain();
    printf("Py_RunMain returned %d\n", rc);
    fflush(stdout);
    _exit(rc);
}

int main(void)
{
    pid_t pid;
    fflush(stdout);
    if ((pid = fork()) == 0) {
        main_child(L"print('raising'); raise KeyboardInterrupt");
    }
    report("Py_Main, KeyboardInterrupt", pid);
    if ((pid = fork()) == 0) {
        main_child(L"class K(KeyboardInterrupt): pass\nraise K");
    }
    report("Py_Main, subclass", pid);
    if ((pid = fork()) == 0) {
        run_main_child(L"import atexit; atexit.register(print, 'atexit ran'); "
                       L"raise KeyboardInterrupt", 0);
    }
    report("Py_RunMain, KeyboardInterrupt", pid);
    if ((pid = fork()) == 0) {
        run_main_child(L"print('fine')", 1);
    }
    report("Py_RunMain after PyRun_SimpleString", pid);
    return 0;
}
