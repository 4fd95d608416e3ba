// test: differential
/* Py_AtExit: functions run after finalization (the runtime is no longer
 * initialized), last registered first, at most 32, and not again after a
 * second initialize/finalize cycle. */
#include "testing.h"

static void first(void) { printf("first (initialized: %d)\n", Py_IsInitialized()); }
static void second(void) { printf("second\n"); }
static void filler(void) { }

int main(void)
{
    start();
    printf("register first: %d\n", Py_AtExit(first));
    printf("register second: %d\n", Py_AtExit(second));
    int ok = 0;
    for (int i = 0; i < 40; i++) {
        ok += Py_AtExit(filler) == 0;
    }
    printf("fillers accepted: %d of 40\n", ok);
    printf("finalize: %d\n", finish());
    printf("after finalize\n");
    Py_Initialize();
    printf("second cycle finalize: %d\n", Py_FinalizeEx());
    return 0;
}
