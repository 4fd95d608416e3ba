// test: differential
/* PyImport_ImportFrozenModule(Object) over an embedder's table in
 * PyImport_FrozenModules (code marshalled by the running interpreter's
 * own marshal): modules, packages (negative size), excluded and invalid
 * entries, names not in the table. */
#include "testing.h"

static unsigned char code_buf[4096];

int main(void)
{
    start();
    show_int("unknown with the default table", PyImport_ImportFrozenModule("hello_frozen"));
    PyObject *g = PyDict_New();
    PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins());
    PyObject *r = PyRun_String("import marshal\n"
                               "data = marshal.dumps(compile('x = 42\\nprint(\"running\", __name__)\\n', '<frozen>', 'exec'))\n",
                               Py_file_input, g, g);
    Py_XDECREF(r);
    PyObject *data = PyDict_GetItemString(g, "data");
    Py_ssize_t n = PyBytes_Size(data);
    memcpy(code_buf, PyBytes_AsString(data), n);
    static const unsigned char junk[] = "not marshal data";
    struct _frozen table[] = {
        {"hello_frozen", code_buf, (int)n, 0},
        {"pkg_frozen", code_buf, -(int)n, 0},
        {"excluded_frozen", NULL, 0, 0},
        {"junk_frozen", junk, (int)sizeof junk, 0},
        {NULL, NULL, 0, 0},
    };
    const struct _frozen *saved = PyImport_FrozenModules;
    PyImport_FrozenModules = table;

    fflush(stdout);
    int rc = PyImport_ImportFrozenModule("hello_frozen");
    PyObject_CallMethod(PySys_GetObject("stdout"), "flush", NULL);
    show_int("import hello_frozen", rc);
    r = PyRun_String("import sys\n"
                     "m = sys.modules['hello_frozen']\n"
                     "print('x =', m.x, 'origname =', m.__origname__, 'has __path__:', hasattr(m, '__path__'))\n"
                     "p = sys.modules.get('pkg_frozen')\n",
                     Py_file_input, g, g);
    Py_XDECREF(r);
    fflush(stdout);
    PyObject *pname = PyUnicode_FromString("pkg_frozen");
    rc = PyImport_ImportFrozenModuleObject(pname);
    PyObject_CallMethod(PySys_GetObject("stdout"), "flush", NULL);
    show_int("import pkg_frozen", rc);
    r = PyRun_String("p = sys.modules['pkg_frozen']\n"
                     "print('package __path__ =', p.__path__)\n",
                     Py_file_input, g, g);
    Py_XDECREF(r);
    show_int("import excluded_frozen", PyImport_ImportFrozenModule("excluded_frozen"));
    print_error();
    printf("\n");
    show_int("import junk_frozen", PyImport_ImportFrozenModule("junk_frozen"));
    print_error();
    printf("\n");
    check("junk_frozen left out of sys.modules",
          PyDict_GetItemString(PyImport_GetModuleDict(), "junk_frozen") == NULL);
    show_int("import missing_frozen", PyImport_ImportFrozenModule("missing_frozen"));
    print_error();
    printf("\n");
    show_int("ImportFrozenModuleObject(NULL)", PyImport_ImportFrozenModuleObject(NULL));
    print_error();
    printf("\n");
    PyImport_FrozenModules = saved;
    Py_DECREF(pname);
    Py_DECREF(g);
    return finish();
}
