// test: differential
/* Compiler flags and optimization levels through the C API, against
 * CPython: Py_CompileStringExFlags / Py_CompileStringObject /
 * Py_CompileStringFlags with an optimize level (-1 is the interpreter's,
 * -O here), PyCF_ONLY_AST, a future feature passed in, and future
 * features found by PyRun_StringFlags / PyRun_SimpleStringFlags /
 * PyRun_FileExFlags written back into PyCompilerFlags so that the next
 * run inherits them (what an interactive shell relies on). */
#include "testing.h"
#include <stdlib.h>

static PyObject *globals;

/* Runs code object `co` (steals it) in the shared globals and shows
 * `expr` evaluated there. */
static void run_and_show(const char *what, PyObject *co, const char *expr)
{
    if (co == NULL) {
        show(what, NULL);
        return;
    }
    PyObject *r = PyEval_EvalCode(co, globals, globals);
    Py_DECREF(co);
    if (r == NULL) {
        show(what, NULL);
        return;
    }
    Py_DECREF(r);
    show(what, PyRun_String(expr, Py_eval_input, globals, globals));
}

static const char *program = "def f():\n"
                             "    'doc'\n"
                             "    assert False, 'assert ran'\n"
                             "    return __debug__\n"
                             "try:\n"
                             "    result = (f.__doc__, f())\n"
                             "except AssertionError as e:\n"
                             "    result = (f.__doc__, str(e))\n";

int main(int argc, char **argv)
{
    (void)argc;
    /* C and Python both write to stdout: keep C's output unbuffered. */
    setvbuf(stdout, NULL, _IONBF, 0);
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.optimization_level = 1;
    config.site_import = 0;
    PyStatus st = PyConfig_SetBytesString(&config, &config.program_name, argv[0]);
    if (!PyStatus_Exception(st))
        st = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    if (PyStatus_Exception(st))
        Py_ExitStatusException(st);
    globals = PyDict_New();
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());

    for (int level = -1; level <= 2; level++) {
        char what[64];
        snprintf(what, sizeof what, "Py_CompileStringExFlags optimize=%d", level);
        run_and_show(what, Py_CompileStringExFlags(program, "<prog>", Py_file_input, NULL, level),
                     "result");
    }
    run_and_show("Py_CompileString", Py_CompileString(program, "<prog>", Py_file_input),
                 "result");
    run_and_show("Py_CompileStringFlags",
                 Py_CompileStringFlags(program, "<prog>", Py_file_input, NULL), "result");

    PyObject *name = PyUnicode_FromString("named.py");
    PyObject *co = Py_CompileStringObject("x = 1", name, Py_file_input, NULL, 0);
    show("Py_CompileStringObject", co ? PyObject_GetAttrString(co, "co_filename") : NULL);
    Py_XDECREF(co);

    PyCompilerFlags flags = {PyCF_ONLY_AST, 0};
    PyObject *tree = Py_CompileStringObject("x = 1", name, Py_file_input, &flags, -1);
    printf("PyCF_ONLY_AST: ");
    if (tree != NULL)
        print_type_name(tree);
    else
        print_error();
    printf(" flags=%#x\n", (unsigned)flags.cf_flags);
    Py_XDECREF(tree);
    tree = Py_CompileStringExFlags("1 +", "<expr>", Py_eval_input, &flags, -1);
    printf("PyCF_ONLY_AST syntax error: ");
    print_error();
    printf("\n");
    Py_DECREF(name);

    flags.cf_flags = CO_FUTURE_ANNOTATIONS;
    run_and_show("future feature passed in",
                 Py_CompileStringExFlags("def g(a: undefined): pass", "<g>", Py_file_input,
                                         &flags, -1),
                 "g.__annotations__");
    printf("  flags after: %#x\n", (unsigned)flags.cf_flags);

    flags.cf_flags = 0;
    PyObject *r = PyRun_StringFlags("from __future__ import annotations", Py_file_input, globals,
                                    globals, &flags);
    Py_XDECREF(r);
    printf("PyRun_StringFlags found annotations: %d\n",
           (flags.cf_flags & CO_FUTURE_ANNOTATIONS) != 0);
    r = PyRun_StringFlags("def h(b: undefined2): pass\nresult = h.__annotations__",
                          Py_file_input, globals, globals, &flags);
    Py_XDECREF(r);
    show("  next run inherits it", PyRun_String("result", Py_eval_input, globals, globals));
    r = PyRun_StringFlags("def h(b: undefined2): pass\nh.__annotations__", Py_file_input,
                          globals, globals, NULL);
    printf("  a run without the flags: ");
    if (r == NULL)
        print_error();
    else
        Py_DECREF(r);
    printf("\n");

    flags.cf_flags = 0;
    int rc = PyRun_SimpleStringFlags("from __future__ import annotations", &flags);
    printf("PyRun_SimpleStringFlags: rc=%d annotations=%d\n", rc,
           (flags.cf_flags & CO_FUTURE_ANNOTATIONS) != 0);
    rc = PyRun_SimpleStringFlags("def k(c: undefined3): pass\nprint('  ', k.__annotations__, flush=True)",
                                 &flags);
    printf("  rc=%d\n", rc);

    FILE *fp = tmpfile();
    fputs("from __future__ import annotations\n", fp);
    rewind(fp);
    flags.cf_flags = 0;
    r = PyRun_FileExFlags(fp, "<file>", Py_file_input, globals, globals, 1, &flags);
    Py_XDECREF(r);
    printf("PyRun_FileExFlags: annotations=%d\n", (flags.cf_flags & CO_FUTURE_ANNOTATIONS) != 0);

    fp = tmpfile();
    fputs("from __future__ import annotations\nimport sys\nprint(sys.flags.optimize, flush=True)\n", fp);
    rewind(fp);
    flags.cf_flags = 0;
    rc = PyRun_SimpleFileExFlags(fp, "<simple file>", 1, &flags);
    printf("PyRun_SimpleFileExFlags: rc=%d annotations=%d\n", rc,
           (flags.cf_flags & CO_FUTURE_ANNOTATIONS) != 0);

    Py_DECREF(globals);
    return Py_FinalizeEx() < 0 ? 1 : 0;
}
