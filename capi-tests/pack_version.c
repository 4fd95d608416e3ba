// test: limited-run 0x030e0000
/* Py_PACK_FULL_VERSION and Py_PACK_VERSION (3.14): the macros, and the
 * exported functions behind them (reached with #undef, as CPython's own
 * definitions do). */
#include "testing.h"

static uint32_t full_function(int x, int y, int z, int level, int serial);
static uint32_t short_function(int x, int y);

int main(void)
{
    start();
    printf("macro 3.14.0 final: 0x%08x\n", (unsigned)Py_PACK_FULL_VERSION(3, 14, 0, 0xF, 0));
    printf("macro 3.14: 0x%08x\n", (unsigned)Py_PACK_VERSION(3, 14));
    printf("function 3.14.0 final: 0x%08x\n", (unsigned)full_function(3, 14, 0, 0xF, 0));
    printf("function 3.12.1 beta 2: 0x%08x\n", (unsigned)full_function(3, 12, 1, 0xB, 2));
    printf("function 3.14: 0x%08x\n", (unsigned)short_function(3, 14));
    printf("function masks each field: 0x%08x\n",
           (unsigned)full_function(0x1ff, -1, 0x100, 0x1f, 0x12));
    check("PY_VERSION_HEX is 3.14", PY_VERSION_HEX >= Py_PACK_VERSION(3, 14));
    check("macro and function agree", Py_PACK_VERSION(3, 14) == short_function(3, 14));
    return finish();
}

#undef Py_PACK_FULL_VERSION
#undef Py_PACK_VERSION

static uint32_t full_function(int x, int y, int z, int level, int serial)
{
    return Py_PACK_FULL_VERSION(x, y, z, level, serial);
}

static uint32_t short_function(int x, int y)
{
    return Py_PACK_VERSION(x, y);
}
