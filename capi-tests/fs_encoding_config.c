// test: cflags -Wno-deprecated-declarations
/* The file-system codec fields through the configuration API, with the
 * values CPython 3.14 gives (its PyConfig_Get is 3.14-only): PyConfig_Read
 * keeps the encoding as given; once initialized, PyConfig_Get and the
 * legacy globals hold the codec's normalized name; finalization clears
 * the globals. An error handler the file-system codec cannot use fails
 * initialization with a status that names it (CPython 3.13 fails there
 * too, with "Failed to import encodings module"). */
#include <Python.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void set_codec(PyConfig *c, const wchar_t *encoding, const wchar_t *errors)
{
    PyConfig_InitPythonConfig(c);
    c->parse_argv = 0;
    c->site_import = 0;
    if (encoding)
        PyConfig_SetString(c, &c->filesystem_encoding, encoding);
    if (errors)
        PyConfig_SetString(c, &c->filesystem_errors, errors);
}

static void print_option(const char *name)
{
    PyObject *v = PyConfig_Get(name);
    if (!v) {
        PyErr_Print();
        return;
    }
    printf("PyConfig_Get(%s) = %s\n", name, PyUnicode_AsUTF8(v));
    Py_DECREF(v);
}

/* Initializes with the codec, reports it, finalizes; in a child. */
static int run(const wchar_t *encoding, const wchar_t *errors)
{
    PyConfig c;
    set_codec(&c, encoding, errors);
    PyStatus st = Py_InitializeFromConfig(&c);
    PyConfig_Clear(&c);
    if (PyStatus_Exception(st)) {
        printf("init failed: %s: %s\n", st.func, st.err_msg);
        return 0;
    }
    print_option("filesystem_encoding");
    print_option("filesystem_errors");
    printf("Py_FileSystemDefaultEncoding = %s, %s\n", Py_FileSystemDefaultEncoding,
           Py_FileSystemDefaultEncodeErrors);
    if (Py_FinalizeEx() < 0)
        return 120;
    printf("after finalization: %s, %s\n",
           Py_FileSystemDefaultEncoding ? Py_FileSystemDefaultEncoding : "NULL",
           Py_FileSystemDefaultEncodeErrors ? Py_FileSystemDefaultEncodeErrors : "NULL");
    return 0;
}

int main(void)
{
    PyConfig c;
    set_codec(&c, L"Latin1", NULL);
    PyStatus st = PyConfig_Read(&c);
    if (PyStatus_Exception(st))
        return 1;
    printf("PyConfig_Read: %ls %ls\n", c.filesystem_encoding, c.filesystem_errors);
    PyConfig_Clear(&c);

    static const struct {
        const wchar_t *encoding, *errors;
    } cases[] = {
        {L"Latin1", L"strict"},
        {L"UTF8", NULL},
        {NULL, L"replace"},
        {L"ascii", L"surrogatepass"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        printf("== %ls %ls\n", cases[i].encoding ? cases[i].encoding : L"(default)",
               cases[i].errors ? cases[i].errors : L"(default)");
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            int rc = run(cases[i].encoding, cases[i].errors);
            fflush(stdout);
            _exit(rc);
        }
        int ws = 0;
        waitpid(pid, &ws, 0);
        if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
            printf("ended with status %#x\n", ws);
    }
    return 0;
}
