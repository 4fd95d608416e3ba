// test: differential
// test: extension ext/abi3mod.c cpython-abi3
// test: extension ext/multiphase.c cpython-abi3
// test: extension ext/abi3mod.c ferrython-abi3
// test: extension ext/multiphase.c ferrython-abi3
/* `import` of extension modules found on sys.path: each built library is
 * linked into a fresh directory under the file names the importer looks
 * for (NAME.abi3.so, NAME.so, pkg/NAME.so, pkg/__init__.so), imported by a
 * Python `import` statement, and used. Single-phase (abi3mod) and
 * multi-phase (multiphase) modules, built against CPython's headers and
 * against ferrython's; the audit events an import raises. */
#include "testing.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static char scratch[256];
static int counter;

/* Links `lib` as DIR/REL in a new directory, which is returned. */
static const char *place(const char *lib, const char *rel)
{
    static char dir[512];
    char target[1024], sub[1024], *slash;
    snprintf(dir, sizeof dir, "%s/d%d", scratch, counter++);
    mkdir(dir, 0700);
    snprintf(target, sizeof target, "%s/%s", dir, rel);
    snprintf(sub, sizeof sub, "%s", target);
    slash = strrchr(sub, '/');
    if (slash != NULL) {
        *slash = '\0';
        mkdir(sub, 0700);
    }
    if (symlink(lib, target) != 0) {
        printf("symlink failed\n");
    }
    return dir;
}

/* Runs Python code that reports on its own. */
static void run(const char *code)
{
    if (PyRun_SimpleString(code) != 0) {
        printf("  (code failed)\n");
    }
}

static void import_from(const char *dir, const char *code)
{
    char buf[4096];
    snprintf(buf, sizeof buf,
             "import sys\n"
             "sys.path.insert(0, %s%s%s)\n"
             "try:\n"
             "%s"
             "finally:\n"
             "    sys.path.pop(0)\n",
             "'", dir, "'", code);
    run(buf);
}

int main(int argc, char **argv)
{
    char abspath[4][1024];
    int i;
    if (argc < 5) {
        fprintf(stderr, "usage: import_extension abi3mod.so multiphase.so (x2)\n");
        return 2;
    }
    for (i = 0; i < 4; i++) {
        if (realpath(argv[i + 1], abspath[i]) == NULL) {
            fprintf(stderr, "no such file: %s\n", argv[i + 1]);
            return 2;
        }
    }
    snprintf(scratch, sizeof scratch, "/tmp/import_extension_%d", (int)getpid());
    mkdir(scratch, 0700);
    start();
    for (i = 0; i < 4; i += 2) {
        /* Everything is printed from Python, so the two streams never
         * interleave differently. */
        run(i == 0 ? "print('-- build 1')" : "print('-- build 2')");
        import_from(place(abspath[i], "abi3mod.abi3.so"),
                    "    import abi3mod\n"
                    "    print(abi3mod.__name__, abi3mod.ANSWER, abi3mod.add(2, 40))\n"
                    "    print(abi3mod.__file__.endswith('/abi3mod.abi3.so'))\n"
                    "    c = abi3mod.Counter(); c.increment(); print(c.increment(), c.count)\n"
                    "    print(type(abi3mod).__name__, sys.modules['abi3mod'] is abi3mod)\n"
                    "    del sys.modules['abi3mod']\n");
        import_from(place(abspath[i + 1], "multiphase.so"),
                    "    import multiphase\n"
                    "    print(multiphase.__name__, multiphase.NAME_AT_EXEC, multiphase.KIND)\n"
                    "    print(multiphase.count(), multiphase.count(), multiphase.__doc__)\n"
                    "    print(multiphase.__file__.endswith('/multiphase.so'))\n"
                    "    print(multiphase.__spec__.name, multiphase.__spec__.origin.endswith('multiphase.so'))\n"
                    "    del sys.modules['multiphase']\n");
        /* The audit events of the import: the search's, then the
         * second `import` event, naming the file, of `_imp.create_dynamic`. */
        import_from(place(abspath[i + 1], "multiphase.so"),
                    "    if not hasattr(sys, 'ext_events'):\n"
                    "        sys.ext_events = None\n"
                    "        def hook(ev, args):\n"
                    "            if sys.ext_events is not None and ev in ('import', 'open', 'os.listdir', 'exec'):\n"
                    "                shown = [a.replace(sys.path[0], 'DIR') if isinstance(a, str) else type(a).__name__ for a in args]\n"
                    "                sys.ext_events.append((ev, shown))\n"
                    "        sys.addaudithook(hook)\n"
                    "    sys.ext_events = []\n"
                    "    import multiphase\n"
                    "    events, sys.ext_events = sys.ext_events, None\n"
                    "    for e in events: print(*e)\n"
                    "    del sys.modules['multiphase']\n");
        /* A suffix the importer does not know is not found. */
        import_from(place(abspath[i], "abi3mod.dll"),
                    "    try:\n"
                    "        import abi3mod\n"
                    "    except ImportError as e:\n"
                    "        print(type(e).__name__, e)\n");
        /* A library whose init function has another name. */
        import_from(place(abspath[i + 1], "other.so"),
                    "    try:\n"
                    "        import other\n"
                    "    except ImportError as e:\n"
                    "        print(type(e).__name__, e, e.name)\n");
        /* Inside a package: a submodule extension. */
        {
            const char *dir = place(abspath[i + 1], "pkg/multiphase.so");
            char init[1024];
            FILE *f;
            snprintf(init, sizeof init, "%s/pkg/__init__.py", dir);
            f = fopen(init, "w");
            if (f != NULL) {
                fputs("LOADED = True\n", f);
                fclose(f);
            }
            import_from(dir,
                        "    import pkg.multiphase\n"
                        "    m = pkg.multiphase\n"
                        "    print(m.__name__, m.NAME_AT_EXEC, pkg.LOADED, sys.modules['pkg.multiphase'] is m)\n"
                        "    del sys.modules['pkg.multiphase'], sys.modules['pkg']\n");
        }
    }
    {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf %s", scratch);
        if (system(cmd) != 0) {
            fprintf(stderr, "could not remove %s\n", scratch);
        }
    }
    return finish();
}
