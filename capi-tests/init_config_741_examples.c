/* The PEP 741 example programs of CPython 3.14's "Python Initialization
 * Configuration" page (APIs CPython 3.13 lacks, so checked against the
 * expected output): a customized Python always running in development
 * mode (PyInitConfig_Create / SetInt / Py_InitializeFromInitConfig /
 * GetError), first with an option name it rejects; then reading the
 * verbose option at run time with PyConfig_GetInt, and the error path
 * of that helper for an option that is not an int. */
#include <Python.h>
#include <stdio.h>

/* The development mode example, with the option name as a parameter so
 * that its error path runs too. */
static int init_python(const char *option)
{
    PyInitConfig *config = PyInitConfig_Create();
    if (config == NULL) {
        printf("PYTHON INIT ERROR: memory allocation failed\n");
        return -1;
    }
    if (PyInitConfig_SetInt(config, option, 1) < 0)
        goto error;
    if (Py_InitializeFromInitConfig(config) < 0)
        goto error;
    PyInitConfig_Free(config);
    return 0;

error:
    {
        const char *err_msg;
        (void)PyInitConfig_GetError(config, &err_msg);
        printf("PYTHON INIT ERROR: %s\n", err_msg);
        PyInitConfig_Free(config);
        return -1;
    }
}

/* The run-time example: an int option, -1 (error cleared) when it cannot
 * be read as one. */
static int get_int_option(const char *name)
{
    int value;
    if (PyConfig_GetInt(name, &value) < 0) {
        PyErr_Clear();
        return -1;
    }
    return value;
}

int main(void)
{
    printf("init_python(\"dev_mod\"): %d\n", init_python("dev_mod"));
    printf("initialized: %d\n", Py_IsInitialized());
    printf("init_python(\"dev_mode\"): %d\n", init_python("dev_mode"));
    fflush(stdout);
    PyRun_SimpleString("import sys, warnings\n"
                       "print('dev_mode:', sys.flags.dev_mode,\n"
                       "      'default filter:', warnings.filters[0][0])\n"
                       "sys.stdout.flush()\n");
    printf("verbose: %d\n", get_int_option("verbose"));
    printf("dev_mode: %d\n", get_int_option("dev_mode"));
    printf("argv (not an int): %d, error left: %d\n", get_int_option("argv"),
           PyErr_Occurred() != NULL);
    return Py_FinalizeEx() < 0 ? 1 : 0;
}
