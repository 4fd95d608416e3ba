// test: differential
/* The locale Python starts under decides the file-system and stream
 * encodings as in CPython: the Python configuration takes LC_CTYPE from
 * the environment (an unknown locale leaves "C"), turns UTF-8 mode on
 * under "C"/"POSIX" and coerces them to "C.UTF-8" unless LC_ALL is set or
 * PYTHONCOERCECLOCALE=0; with UTF-8 mode off the locale's own encoding
 * is used ("ascii" under "C"). The isolated configuration leaves the
 * process's locale alone. One child process per case. */
#include <Python.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *probe =
    "import sys, os, locale\n"
    "print('  ', sys.getfilesystemencoding(), sys.getfilesystemencodeerrors(),\n"
    "      sys.stdout.encoding, sys.stdout.errors, sys.flags.utf8_mode,\n"
    "      locale.setlocale(locale.LC_CTYPE), os.environ.get('LC_CTYPE'))\n";

static int run(int isolated, const char *const env[])
{
    unsetenv("LC_ALL");
    unsetenv("LC_CTYPE");
    unsetenv("LANG");
    unsetenv("PYTHONUTF8");
    unsetenv("PYTHONCOERCECLOCALE");
    for (int i = 0; env[i]; i += 2)
        setenv(env[i], env[i + 1], 1);
    PyConfig c;
    if (isolated)
        PyConfig_InitIsolatedConfig(&c);
    else
        PyConfig_InitPythonConfig(&c);
    c.site_import = 0;
    PyStatus st = Py_InitializeFromConfig(&c);
    PyConfig_Clear(&c);
    if (PyStatus_Exception(st))
        Py_ExitStatusException(st);
    PyRun_SimpleString(probe);
    return Py_FinalizeEx() < 0 ? 120 : 0;
}

int main(void)
{
    static const struct {
        const char *what;
        int isolated;
        const char *env[7];
    } cases[] = {
        {"no locale variables", 0, {NULL}},
        {"LANG=C.UTF-8", 0, {"LANG", "C.UTF-8", NULL}},
        {"LC_ALL=C", 0, {"LC_ALL", "C", NULL}},
        {"LANG=C, PYTHONCOERCECLOCALE=0", 0, {"LANG", "C", "PYTHONCOERCECLOCALE", "0", NULL}},
        {"LANG=no_SUCH.locale", 0, {"LANG", "no_SUCH.locale", NULL}},
        {"LANG=C, PYTHONUTF8=0", 0, {"LANG", "C", "PYTHONUTF8", "0", NULL}},
        {"LC_ALL=C, PYTHONUTF8=0", 0, {"LC_ALL", "C", "PYTHONUTF8", "0", NULL}},
        {"LANG=C.UTF-8, PYTHONUTF8=0", 0, {"LANG", "C.UTF-8", "PYTHONUTF8", "0", NULL}},
        {"isolated, LANG=C.UTF-8", 1, {"LANG", "C.UTF-8", NULL}},
        {"isolated, LC_ALL=C", 1, {"LC_ALL", "C", NULL}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        printf("== %s\n", cases[i].what);
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            int rc = run(cases[i].isolated, cases[i].env);
            fflush(stdout);
            _exit(rc);
        }
        int ws = 0;
        waitpid(pid, &ws, 0);
        if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
            printf("   ended with status %#x\n", ws);
    }
    return 0;
}
