/* Times Py_Initialize + Py_FinalizeEx cycles (the first one is left out:
 * it pays for loading the library and touching its pages) and prints the
 * mean time of one cycle in microseconds as `init_finalize_cycle US`. */
#include <Python.h>
#include <stdio.h>
#include <time.h>

#define CYCLES 200

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(void)
{
    Py_Initialize();
    Py_FinalizeEx();
    double start = now();
    for (int i = 0; i < CYCLES; i++) {
        Py_Initialize();
        if (Py_FinalizeEx() != 0) {
            return 1;
        }
    }
    printf("init_finalize_cycle %.1f\n", (now() - start) / CYCLES * 1e6);
    return 0;
}
