// test: no-leakcheck
/* (left out of the valgrind run: two million objects are slow there; the
 * other GC tests cover leaks)
 * A million two-list reference cycles built and dropped from C: nothing
 * frees them but the cycle collector. PyGC_Collect must find all of them
 * and the resident memory must come back to where it started. */
#include <Python.h>
#include <malloc.h>
#include <stdio.h>
#include <unistd.h>

/* Resident set size in KiB (/proc/self/statm). */
static long rss_kib(void)
{
    long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (f == NULL || fscanf(f, "%ld %ld", &size, &resident) != 2) {
        if (f) fclose(f);
        return -1;
    }
    fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

int main(void)
{
    Py_Initialize();
    PyGC_Collect();
    malloc_trim(0);
    long base = rss_kib();
    for (long i = 0; i < 1000000; i++) {
        PyObject *a = PyList_New(0), *b = PyList_New(0);
        PyList_Append(a, b);
        PyList_Append(b, a);
        Py_DECREF(a);
        Py_DECREF(b);
    }
    long grown = rss_kib();
    Py_ssize_t found = PyGC_Collect();
    malloc_trim(0);
    long after = rss_kib();
    printf("unreachable objects found: %s\n", found >= 2000000 ? "all" : "missing some");
    printf("memory grew by over 50 MiB: %d\n", grown - base > 50 * 1024);
    printf("memory back within 10%% of the growth: %d\n", after - base < (grown - base) / 10);
    printf("second collection finds nothing: %d\n", PyGC_Collect() == 0);
    return Py_FinalizeEx() < 0;
}
