// test: differential
/* The "Very High Level Embedding" example of CPython's "Embedding Python
 * in Another Application" page: configure the program name, initialize,
 * run a string, finalize. (It prints a fixed time instead of the current
 * one so that the output can be compared.) */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

int main(int argc, char *argv[])
{
    (void)argc;
    PyStatus status;
    PyConfig config;
    PyConfig_InitPythonConfig(&config);

    /* optional but recommended */
    status = PyConfig_SetBytesString(&config, &config.program_name, argv[0]);
    if (PyStatus_Exception(status)) {
        goto exception;
    }

    status = Py_InitializeFromConfig(&config);
    if (PyStatus_Exception(status)) {
        goto exception;
    }
    PyConfig_Clear(&config);

    PyRun_SimpleString("from time import time, ctime, gmtime, strftime\n"
                       "print('Today is', strftime('%a %b %d %H:%M:%S %Y', gmtime(86400 * 365)))\n"
                       "print(type(time()).__name__, type(ctime(0)).__name__)\n"
                       "import sys; sys.stdout.flush()\n");
    if (Py_FinalizeEx() < 0) {
        exit(120);
    }
    return 0;

  exception:
     PyConfig_Clear(&config);
     Py_ExitStatusException(status);
}
