// test: differential
/* Initialize and finalize the runtime several times, importing standard
 * library modules (and leaving reference cycles behind) in each round: a
 * later round must not see anything of an earlier one. */
#include <Python.h>
#include <stdio.h>

int main(void)
{
    for (int round = 0; round < 3; round++) {
        Py_Initialize();
        int rc = PyRun_SimpleString(
            "import os, types, enum, functools, collections, re\n"
            "class Node:\n"
            "    pass\n"
            "n = Node(); n.me = n\n"
            "@functools.lru_cache(maxsize=4)\n"
            "def sq(x):\n"
            "    return x * x\n"
            "print(sq(7), re.sub('a+', '-', 'caaab'), collections.Counter('abca').most_common(1),\n"
            "      enum.Enum('Color', 'RED GREEN').GREEN.value, os.path.join('a', 'b'))\n"
            "import sys; sys.stdout.flush()\n");
        int fin = Py_FinalizeEx();
        printf("round %d: run %d, finalize %d\n", round, rc, fin);
        fflush(stdout);
    }
    return 0;
}
