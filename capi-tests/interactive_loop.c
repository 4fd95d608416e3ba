// test: differential
/* The basic interactive loop: PyRun_InteractiveLoop(Flags) and
 * PyRun_InteractiveOne(Flags/Object) reading statements from a stream
 * (prompts and errors go to stderr, which is sent to stdout here so that
 * both are compared), sys.ps1/sys.ps2 created when missing, continuation
 * lines, expression statements through sys.displayhook, errors printed
 * and the loop going on, E_EOF at the end; PyRun_AnyFile* on a stream
 * that is not interactive; Py_FdIsInteractive. */
#include <Python.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* A stream holding `text`, positioned at its start. */
static FILE *stream(const char *text)
{
    FILE *fp = tmpfile();
    fputs(text, fp);
    rewind(fp);
    return fp;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    dup2(1, 2);
    Py_Initialize();
    PyRun_SimpleString("import sys; print('prompts before:', hasattr(sys, 'ps1'), hasattr(sys, 'ps2'))");

    FILE *fp = stream("1 + 1\n"
                      "x = 5\n"
                      "if x:\n"
                      "  print('yes')\n"
                      "\n"
                      "for i in range(2):\n"
                      "  i\n"
                      "\n"
                      "undefined_name\n"
                      "# a comment\n"
                      "\n"
                      "(1,\n"
                      " 2)\n"
                      "raise ValueError('bad')\n"
                      "def f():\n"
                      "  return 3\n"
                      "f()\n"
                      "s = '''a\n"
                      "b'''\n"
                      "s\n"
                      "1 + \\\n"
                      "2\n"
                      "x = (\n");
    int r = PyRun_InteractiveLoop(fp, "<feed>");
    fclose(fp);
    printf("loop returned %d\n", r);
    PyRun_SimpleString("print('prompts after:', repr(sys.ps1), repr(sys.ps2))");

    PyRun_SimpleString("sys.ps1 = 'P1 '; sys.ps2 = 'P2 '");
    fp = stream("y = 2\nif y:\n  y * 10\n\nundefined_two\n");
    for (int i = 0; i < 5; i++) {
        r = PyRun_InteractiveOne(fp, "<one>");
        printf("one -> %d\n", r);
    }
    fclose(fp);

    PyRun_SimpleString("sys.ps1 = 42; del sys.ps2");
    PyRun_SimpleString("sys.displayhook = lambda v: print('hook:', repr(v))");
    fp = stream("'text'\nNone\nif 1:\n  7\n\n");
    PyObject *name = PyUnicode_FromString("<object>");
    PyCompilerFlags flags = {0, PY_MINOR_VERSION};
    while ((r = PyRun_InteractiveOneObject(fp, name, &flags)) == 0) {
        printf("object -> 0\n");
    }
    printf("object -> %d\n", r);
    Py_DECREF(name);
    fclose(fp);
    PyRun_SimpleString("sys.displayhook = sys.__displayhook__");

    /* Not a terminal and not interactive: run as a file. */
    fp = stream("print('as a file')\nz = 1\nz\n");
    printf("interactive: %d\n", Py_FdIsInteractive(fp, "<stdin>"));
    r = PyRun_AnyFile(fp, "<any>");
    printf("AnyFile -> %d\n", r);
    fclose(fp);

    fp = stream("print('flags loop')\nimport sys\nsys.ps1\n");
    r = PyRun_InteractiveLoopFlags(fp, "<flags>", &flags);
    printf("loop flags -> %d\n", r);
    fclose(fp);
    Py_Finalize();
    return 0;
}
