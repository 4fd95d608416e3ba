// test: differential
// test: cflags -Wno-deprecated-declarations
/* PyConfig.filesystem_encoding and filesystem_errors take effect as in
 * CPython: sys reports the normalized codec name, and every conversion of
 * a file name (os paths and directory listings, open(), AF_UNIX socket
 * addresses, PyUnicode_EncodeFSDefault/DecodeFSDefault, the filename of
 * PyErr_SetFromErrnoWithFilename) uses them. One child process per
 * configuration; a configuration CPython rejects reports its status. */
#include <Python.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[] = "/tmp/fs_encoding_XXXXXX";

static const char *probe =
    "import sys, os, socket\n"
    "d = os.environ['FS_DIR']\n"
    "print('   fs', sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())\n"
    "def show(what, f):\n"
    "    try:\n"
    "        print('  ', what, ascii(f()))\n"
    "    except Exception as e:\n"
    "        print('  ', what, type(e).__name__, e)\n"
    "show('fsencode e-acute', lambda: os.fsencode('\\xe9'))\n"
    "show('fsencode lone surrogate', lambda: os.fsencode('\\udcff'))\n"
    "show('fsdecode ff', lambda: os.fsdecode(b'\\xff'))\n"
    "show('listdir str', lambda: sorted(os.listdir(d)))\n"
    "show('listdir bytes', lambda: sorted(os.listdir(os.fsencode(d))))\n"
    "if sys.getfilesystemencodeerrors() != 'strict':\n"
    "    show('scandir', lambda: sorted(e.name for e in os.scandir(d)))\n"
    "def create():\n"
    "    open(os.path.join(d, '\\xe9.txt'), 'w').close()\n"
    "    return sorted(os.listdir(os.fsencode(d)))\n"
    "show('open e-acute', create)\n"
    "show('stat lone surrogate', lambda: os.stat(os.path.join(d, '\\udcff')).st_size)\n"
    "def unix():\n"
    "    s = socket.socket(socket.AF_UNIX)\n"
    "    try:\n"
    "        s.bind(os.path.join(d, 's\\xe9'))\n"
    "        return s.getsockname()[len(d):]\n"
    "    finally:\n"
    "        s.close()\n"
    "show('AF_UNIX', unix)\n"
    "def link():\n"
    "    os.symlink(b'\\xe9\\xff', os.path.join(d, 'ln'))\n"
    "    return os.readlink(os.path.join(d, 'ln'))\n"
    "show('readlink', link)\n"
    "def cwd():\n"
    "    os.chdir(os.path.join(os.fsencode(d), b'\\xff'))\n"
    "    return os.getcwd()[len(d):]\n"
    "show('getcwd', cwd)\n";

/* PyUnicode_EncodeFSDefault, PyUnicode_DecodeFSDefault and the filename
 * PyErr_SetFromErrnoWithFilename decodes. */
static void c_api(void)
{
    printf("   Py_FileSystemDefaultEncoding %s %s\n", Py_FileSystemDefaultEncoding,
           Py_FileSystemDefaultEncodeErrors);
    PyObject *s = PyUnicode_FromString("\xc3\xa9");
    PyObject *b = PyUnicode_EncodeFSDefault(s);
    if (b)
        printf("   EncodeFSDefault %s\n", PyBytes_AS_STRING(b)[0] == '\xe9' ? "e9" : "other");
    else {
        printf("   EncodeFSDefault error\n");
        PyErr_Clear();
    }
    Py_XDECREF(b);
    Py_DECREF(s);
    PyObject *d = PyUnicode_DecodeFSDefault("\xe9");
    if (d) {
        printf("   DecodeFSDefault U+%04X\n", (unsigned)PyUnicode_ReadChar(d, 0));
        Py_DECREF(d);
    } else {
        printf("   DecodeFSDefault error\n");
        PyErr_Clear();
    }
    errno = ENOENT;
    PyErr_SetFromErrnoWithFilename(PyExc_OSError, "/nonexistent/\xe9");
    PyObject *exc = PyErr_GetRaisedException();
    PyObject *name = exc ? PyObject_GetAttrString(exc, "filename") : NULL;
    if (name && PyUnicode_Check(name))
        printf("   errno filename U+%04X\n",
               (unsigned)PyUnicode_ReadChar(name, PyUnicode_GetLength(name) - 1));
    else
        printf("   errno filename not a str\n");
    PyErr_Clear();
    Py_XDECREF(name);
    Py_XDECREF(exc);
}

static int run(const wchar_t *encoding, const wchar_t *errors)
{
    PyConfig c;
    PyConfig_InitPythonConfig(&c);
    c.parse_argv = 0;
    c.site_import = 0;
    if (encoding)
        PyConfig_SetString(&c, &c.filesystem_encoding, encoding);
    if (errors)
        PyConfig_SetString(&c, &c.filesystem_errors, errors);
    PyStatus st = Py_InitializeFromConfig(&c);
    PyConfig_Clear(&c);
    if (PyStatus_Exception(st)) {
        printf("   init failed: %s\n", st.err_msg ? st.err_msg : "(exit)");
        return 0;
    }
    PyRun_SimpleString(probe);
    c_api();
    return Py_FinalizeEx() < 0 ? 120 : 0;
}

/* A fresh directory holding one file whose name is the byte 0xff, and a
 * subdirectory of the same name. */
static void fill_dir(void)
{
    char path[256];
    snprintf(path, sizeof path, "rm -rf %s/*", dir);
    if (system(path) != 0)
        exit(2);
    snprintf(path, sizeof path, "%s/\xff", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/\xc3\xa9", dir);
    fclose(fopen(path, "w"));
}

int main(void)
{
    static const struct {
        const wchar_t *encoding, *errors;
    } cases[] = {
        {NULL, NULL},
        {L"latin-1", NULL},
        {L"Latin1", L"strict"},
        {NULL, L"strict"},
        {L"ascii", NULL},
        {L"no-such-codec", NULL},
    };
    if (!mkdtemp(dir))
        return 2;
    setenv("FS_DIR", dir, 1);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        printf("== %ls %ls\n", cases[i].encoding ? cases[i].encoding : L"(default)",
               cases[i].errors ? cases[i].errors : L"(default)");
        fill_dir();
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
            printf("   ended with status %#x\n", ws);
    }
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) != 0;
}
