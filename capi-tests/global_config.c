// test: differential
// test: cflags -Wno-deprecated-declarations
/* The legacy global configuration variables: Py_Initialize reads them
 * (Py_OptimizeFlag = 2 gives sys.flags.optimize 2, ...) and every
 * initialization writes the configuration back into them; the filesystem
 * encoding variables; Py_SetProgramName / Py_SetPath before
 * initialization and the Py_Get* path functions after it. */
#include "testing.h"

PyAPI_FUNC(void) Py_SetPath(const wchar_t *);

static void show_flags(void)
{
    PyRun_SimpleString(
        "import sys\n"
        "f = sys.flags\n"
        "print('sys.flags:', f.optimize, f.no_site, f.dont_write_bytecode, f.bytes_warning,\n"
        "      f.quiet, f.no_user_site, f.ignore_environment, f.isolated, f.inspect,\n"
        "      f.interactive, f.debug, f.verbose, f.safe_path)\n"
        "print('assert runs:', __debug__)\n");
}

static void show_vars(const char *when)
{
    printf("%s: Optimize=%d NoSite=%d DontWriteBytecode=%d BytesWarning=%d Quiet=%d "
           "NoUserSite=%d IgnoreEnvironment=%d Isolated=%d Inspect=%d Interactive=%d "
           "Debug=%d Verbose=%d Unbuffered=%d HashRandomization=%d\n",
           when, Py_OptimizeFlag, Py_NoSiteFlag, Py_DontWriteBytecodeFlag, Py_BytesWarningFlag,
           Py_QuietFlag, Py_NoUserSiteDirectory, Py_IgnoreEnvironmentFlag, Py_IsolatedFlag,
           Py_InspectFlag, Py_InteractiveFlag, Py_DebugFlag, Py_VerboseFlag,
           Py_UnbufferedStdioFlag, Py_HashRandomizationFlag);
}

static void show_wide(const char *label, const wchar_t *s)
{
    if (s == NULL) {
        printf("%s: NULL\n", label);
    }
    else {
        printf("%s: '%ls'\n", label, s);
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    printf("before init: FileSystemDefaultEncoding=%s errors=%s Has=%d\n",
           Py_FileSystemDefaultEncoding ? Py_FileSystemDefaultEncoding : "NULL",
           Py_FileSystemDefaultEncodeErrors ? Py_FileSystemDefaultEncodeErrors : "NULL",
           Py_HasFileSystemDefaultEncoding);
    show_wide("GetProgramName before init", Py_GetProgramName());
    show_wide("GetPath before init", Py_GetPath());
    show_wide("GetPrefix before init", Py_GetPrefix());

    Py_OptimizeFlag = 2;
    Py_NoSiteFlag = 1;
    Py_DontWriteBytecodeFlag = 1;
    Py_BytesWarningFlag = 1;
    Py_QuietFlag = 1;
    Py_NoUserSiteDirectory = 1;
    Py_IgnoreEnvironmentFlag = 1;
    Py_SetProgramName(L"abi2prog");
    show_wide("GetProgramName after SetProgramName", Py_GetProgramName());
    Py_Initialize();
    show_flags();
    show_vars("after init");
    printf("after init: FileSystemDefaultEncoding=%s errors=%s Has=%d\n",
           Py_FileSystemDefaultEncoding ? Py_FileSystemDefaultEncoding : "NULL",
           Py_FileSystemDefaultEncodeErrors ? Py_FileSystemDefaultEncodeErrors : "NULL",
           Py_HasFileSystemDefaultEncoding);
    show_wide("GetProgramName", Py_GetProgramName());
    show_wide("GetPythonHome", Py_GetPythonHome());
    PyObject *sys_prefix = PySys_GetObject("prefix");
    PyObject *w = PyUnicode_FromWideChar(Py_GetPrefix(), -1);
    check("GetPrefix is sys.prefix", PyUnicode_Compare(w, sys_prefix) == 0);
    Py_DECREF(w);
    w = PyUnicode_FromWideChar(Py_GetExecPrefix(), -1);
    check("GetExecPrefix is sys.exec_prefix",
          PyUnicode_Compare(w, PySys_GetObject("exec_prefix")) == 0);
    Py_DECREF(w);
    PyObject *path = PyUnicode_FromWideChar(Py_GetPath(), -1);
    PyObject *parts = PyUnicode_Split(path, PyUnicode_FromString(":"), -1);
    PyObject *sys_path = PySys_GetObject("path");
    Py_ssize_t n = PyList_Size(parts), found = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        found += PySequence_Contains(sys_path, PyList_GetItem(parts, i)) == 1;
    }
    check("GetPath entries are on sys.path", n > 0 && found == n);
    Py_DECREF(parts);
    Py_DECREF(path);
    w = PyUnicode_FromWideChar(Py_GetProgramFullPath(), -1);
    check("GetProgramFullPath is sys.executable",
          PyUnicode_Compare(w, PySys_GetObject("executable")) == 0);
    Py_DECREF(w);
    PyRun_SimpleString("import os\nstdlib = os.path.dirname(os.__file__)\n");
    PyObject *stdlib = PyObject_GetAttrString(PyImport_AddModule("__main__"), "stdlib");
    wchar_t *stdlib_w = PyUnicode_AsWideCharString(stdlib, NULL);
    wchar_t stdlib_copy[4096];
    wcsncpy(stdlib_copy, stdlib_w, 4095);
    stdlib_copy[4095] = 0;
    PyMem_Free(stdlib_w);
    Py_DECREF(stdlib);
    fflush(stdout);
    Py_FinalizeEx();
    show_vars("after finalize");
    printf("after finalize: FileSystemDefaultEncoding=%s\n",
           Py_FileSystemDefaultEncoding ? Py_FileSystemDefaultEncoding : "NULL");

    /* A second initialization: the variables now say what the first one
     * ended with; changes go into the next configuration. */
    Py_OptimizeFlag = 1;
    Py_NoSiteFlag = 0;
    Py_IsolatedFlag = 1;
    Py_InspectFlag = 1;
    Py_VerboseFlag = 0;
    Py_SetPath(L"/nonexistent/abi2:/also/missing");
    show_wide("GetPath after SetPath", Py_GetPath());
    show_wide("GetPrefix after SetPath", Py_GetPrefix());
    Py_SetPath(NULL);
    show_wide("GetPath after SetPath(NULL)", Py_GetPath());
    show_wide("GetProgramName after SetPath(NULL)", Py_GetProgramName());
    Py_Initialize();
    show_flags();
    show_vars("after second init");
    fflush(stdout);
    Py_FinalizeEx();

    /* Py_SetPath before initialization: sys.path is that path, the
     * prefixes are empty. */
    Py_IsolatedFlag = 0;
    Py_InspectFlag = 0;
    Py_NoSiteFlag = 1;
    Py_SetPath(stdlib_copy);
    Py_Initialize();
    PyObject *sp = PySys_GetObject("path");
    check("sys.path is the path set", PyList_Size(sp) == 1 &&
          PyUnicode_Compare(PyList_GetItem(sp, 0), PyUnicode_FromWideChar(stdlib_copy, -1)) == 0);
    show("sys.prefix", Py_NewRef(PySys_GetObject("prefix")));
    show("sys.exec_prefix", Py_NewRef(PySys_GetObject("exec_prefix")));
    check("GetPath is the path set", wcscmp(Py_GetPath(), stdlib_copy) == 0);
    show_wide("GetPrefix", Py_GetPrefix());
    fflush(stdout);
    return Py_FinalizeEx() < 0 ? 120 : 0;
}
