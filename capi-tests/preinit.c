// test: differential
/* Py_PreInitializeFromBytesArgs reads the pre-configuration options of
 * the command line (here -X utf8) and they hold for the configuration
 * initialized afterwards, even one that does not parse the command line. */
#include <Python.h>
#include <stdio.h>

int main(void)
{
    PyPreConfig pre;
    PyPreConfig_InitPythonConfig(&pre);
    char *argv[] = {"prog", "-X", "utf8", "-c", "pass"};
    PyStatus st = Py_PreInitializeFromBytesArgs(&pre, 5, argv);
    printf("preinit: exception=%d\n", PyStatus_Exception(st));
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.parse_argv = 0;
    st = PyConfig_SetBytesArgv(&config, 5, argv);
    if (!PyStatus_Exception(st))
        st = Py_InitializeFromConfig(&config);
    PyConfig_Clear(&config);
    printf("init: exception=%d\n", PyStatus_Exception(st));
    fflush(stdout);
    PyRun_SimpleString("import sys\n"
                       "print(sys.flags.utf8_mode, sys.argv, sys._xoptions)\n");
    Py_Finalize();
    return 0;
}
