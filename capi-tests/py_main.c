// test: differential
/* Py_Main with a wide-character command line runs the program as the
 * python3 command would, finalizes and returns its exit status; the
 * Py_AtExit function runs after finalization. */
#include <Python.h>
#include <stdio.h>

static void bye(void)
{
    printf("Py_AtExit function ran\n");
    fflush(stdout);
}

int main(void)
{
    wchar_t *argv[] = {
        L"prog", L"-c",
        L"import sys\n"
        L"print('hi from Py_Main', sys.argv)\n"
        L"sys.stdout.flush()\n",
        L"extra", NULL};
    printf("Py_AtExit: %d\n", Py_AtExit(bye));
    fflush(stdout);
    int rc = Py_Main(4, argv);
    printf("Py_Main returned %d, initialized %d\n", rc, Py_IsInitialized());
    return 0;
}
