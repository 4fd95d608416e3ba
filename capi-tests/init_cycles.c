// test: no-leakcheck
// test: timeout 600
/* (left out of the valgrind run: a thousand runtimes are slow there;
 * reinit_stdlib covers the same path with three)
 * A thousand Py_Initialize / run some code / Py_FinalizeEx cycles in one
 * process. Every cycle makes objects, reference cycles, a generator, a
 * caught exception and imports builtin modules; every hundredth cycle also
 * imports standard-library packages written in Python (kept rare so that a
 * debug build stays quick). The resident memory (/proc/self/statm) at
 * cycle 10 and at cycle 1000 goes to stderr; it may grow by at most a
 * small constant. (About 20 s of CPU in a debug build, hence the longer
 * time limit.) */
#include <Python.h>
#include <malloc.h>
#include <stdio.h>
#include <unistd.h>

#define CYCLES 1000
/* What a thousand cycles may add to the resident memory (KiB). */
#define ALLOWED_GROWTH_KIB 1024

/* Resident set size in KiB. */
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

static const char light[] =
    "import sys, math, itertools, _collections, _functools, _io, time\n"
    "class Node:\n"
    "    def __init__(self, v): self.v = v; self.me = self\n"
    "nodes = [Node(i) for i in range(50)]\n"
    "d = {str(i): [i, (i, float(i)), {i}] for i in range(50)}\n"
    "def gen(n):\n"
    "    yield from range(n)\n"
    "total = sum(gen(20)) + math.isqrt(1 << 40) + len(list(itertools.chain('ab', 'cd')))\n"
    "try:\n"
    "    {}['missing']\n"
    "except KeyError as e:\n"
    "    err = e\n"
    "buf = _io.StringIO(); buf.write(str(total)); value = buf.getvalue()\n";

static const char heavy[] =
    "import os, re, collections, functools, enum, types\n"
    "c = collections.Counter('abracadabra').most_common(2)\n"
    "m = re.match(r'(a+)(b)', 'aab').groups()\n"
    "Color = enum.Enum('Color', 'RED GREEN')\n"
    "p = os.path.join('a', 'b')\n"
    "@functools.lru_cache\n"
    "def sq(x):\n"
    "    return x * x\n"
    "sq(3)\n";

int main(void)
{
    long at10 = 0, at_end = 0;
    for (int cycle = 1; cycle <= CYCLES; cycle++) {
        Py_Initialize();
        if (PyRun_SimpleString(light) != 0
            || (cycle % 100 == 5 && PyRun_SimpleString(heavy) != 0)) {
            printf("cycle %d: the code failed\n", cycle);
            return 1;
        }
        if (Py_FinalizeEx() != 0) {
            printf("cycle %d: Py_FinalizeEx failed\n", cycle);
            return 1;
        }
        if (cycle == 10 || cycle == CYCLES) {
            /* What the allocator keeps for reuse is not growth. */
            malloc_trim(0);
            long rss = rss_kib();
            fprintf(stderr, "cycle %d: resident memory %ld KiB\n", cycle, rss);
            if (cycle == 10) at10 = rss; else at_end = rss;
        }
    }
    printf("%d cycles done\n", CYCLES);
    printf("growth from cycle 10 to %d below %d KiB: %d\n", CYCLES, ALLOWED_GROWTH_KIB,
           at_end - at10 < ALLOWED_GROWTH_KIB);
    if (at_end - at10 >= ALLOWED_GROWTH_KIB) {
        fprintf(stderr, "grew by %ld KiB\n", at_end - at10);
    }
    return 0;
}
