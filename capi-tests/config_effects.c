// test: differential
/* Each PyConfig field an embedder sets takes effect as in CPython once
 * Py_InitializeFromConfig has run: one child process per configuration
 * (the Python configuration, command line not parsed, environment
 * ignored) prints what the field changes in sys and the modules it
 * drives. Left out: filesystem_encoding/errors (fs_encoding.c) and
 * warn_default_encoding (CPython 3.13 drops the field when an embedder
 * sets it). */
#include <Python.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef void (*config_change)(PyConfig *);

static void stdio_enc(PyConfig *c)
{
    PyConfig_SetString(c, &c->stdio_encoding, L"latin-1");
    PyConfig_SetString(c, &c->stdio_errors, L"replace");
}
static void unbuffered(PyConfig *c) { c->buffered_stdio = 0; }
static void hash_seed(PyConfig *c)
{
    c->use_hash_seed = 1;
    c->hash_seed = 42;
}
static void max_digits(PyConfig *c) { c->int_max_str_digits = 1000; }
static void cpu_count(PyConfig *c) { c->cpu_count = 3; }
static void pycache(PyConfig *c) { PyConfig_SetString(c, &c->pycache_prefix, L"/tmp/pyc"); }
static void no_bytecode(PyConfig *c) { c->write_bytecode = 0; }
static void no_signals(PyConfig *c) { c->install_signal_handlers = 0; }
static void no_site(PyConfig *c) { c->site_import = 0; }
static void no_user_site(PyConfig *c) { c->user_site_directory = 0; }
static void bytes_warning(PyConfig *c) { c->bytes_warning = 2; }
static void optimize(PyConfig *c) { c->optimization_level = 2; }
static void warnoptions(PyConfig *c)
{
    PyWideStringList_Append(&c->warnoptions, L"error::DeprecationWarning");
    PyWideStringList_Append(&c->warnoptions, L"ignore::UserWarning");
}
static void xoptions(PyConfig *c)
{
    PyWideStringList_Append(&c->xoptions, L"foo=bar");
    PyWideStringList_Append(&c->xoptions, L"flag");
}
static void argv(PyConfig *c)
{
    wchar_t *args[] = {L"first", L"-c", L"second"};
    PyConfig_SetArgv(c, 3, args);
}
static void tracing(PyConfig *c)
{
    c->tracemalloc = 4;
    c->faulthandler = 1;
}
static void dev_mode(PyConfig *c) { c->dev_mode = 1; }
/* A faulthandler field set to 0 holds against the development mode,
 * PYTHONFAULTHANDLER and -X faulthandler. */
static void faulthandler_off_dev(PyConfig *c)
{
    c->faulthandler = 0;
    c->dev_mode = 1;
}
static void faulthandler_off_env(PyConfig *c)
{
    c->faulthandler = 0;
    c->use_environment = 1;
    setenv("PYTHONFAULTHANDLER", "1", 1);
}
static void faulthandler_off_xoption(PyConfig *c)
{
    c->faulthandler = 0;
    PyWideStringList_Append(&c->xoptions, L"faulthandler");
}
static void faulthandler_env(PyConfig *c)
{
    c->use_environment = 1;
    setenv("PYTHONFAULTHANDLER", "1", 1);
}
static void hash_pycs(PyConfig *c)
{
    PyConfig_SetString(c, &c->check_hash_pycs_mode, L"always");
}
static void no_debug_ranges(PyConfig *c) { c->code_debug_ranges = 0; }
static void quiet_verbose(PyConfig *c)
{
    c->quiet = 1;
    c->inspect = 1;
    c->interactive = 1;
    c->parser_debug = 0;
}
static void safe_path(PyConfig *c) { c->safe_path = 1; }

static const char *probe =
    "import sys, os, signal, warnings, faulthandler, tracemalloc, _imp\n"
    "print('   stdout', sys.stdout.encoding, sys.stdout.errors, sys.stdout.write_through)\n"
    "print('   fs', sys.getfilesystemencoding(), sys.getfilesystemencodeerrors())\n"
    "print('   hash', hash('abc') if sys.flags.hash_randomization == 0 else 'random',\n"
    "      sys.flags.hash_randomization)\n"
    "print('   digits', sys.get_int_max_str_digits(), 'cpus', os.cpu_count() == 3)\n"
    "print('   bytecode', sys.dont_write_bytecode, sys.pycache_prefix)\n"
    "print('   SIGINT', signal.getsignal(signal.SIGINT) is signal.default_int_handler)\n"
    "print('   site', 'site' in sys.modules, sys.flags.no_site, sys.flags.no_user_site)\n"
    "try:\n"
    "    b'' == ''\n"
    "    print('   bytes_warning', sys.flags.bytes_warning, 'none')\n"
    "except BytesWarning:\n"
    "    print('   bytes_warning', sys.flags.bytes_warning, 'raised')\n"
    "def f():\n"
    "    'doc'\n"
    "print('   optimize', sys.flags.optimize, __debug__, f.__doc__)\n"
    "print('   warnoptions', sys.warnoptions, [(a, c.__name__) for a, m, c, *_ in\n"
    "      warnings.filters[:2]])\n"
    "print('   xoptions', sorted(sys._xoptions.items()), 'argv', sys.argv)\n"
    "print('   tracing', tracemalloc.is_tracing(), tracemalloc.get_traceback_limit(),\n"
    "      faulthandler.is_enabled())\n"
    "print('   dev', sys.flags.dev_mode, 'check_hash_based_pycs', _imp.check_hash_based_pycs)\n"
    "print('   positions', list(f.__code__.co_positions())[-1][2:])\n"
    "print('   flags', sys.flags.quiet, sys.flags.inspect, sys.flags.interactive,\n"
    "      sys.flags.safe_path, sys.flags.warn_default_encoding)\n";

/* Initializes from the Python configuration changed by `set`, runs the
 * probe, finalizes. */
static int run_config(config_change set)
{
    PyConfig c;
    PyConfig_InitPythonConfig(&c);
    c.parse_argv = 0;
    c.use_environment = 0;
    c.user_site_directory = 1;
    set(&c);
    PyStatus st = Py_InitializeFromConfig(&c);
    PyConfig_Clear(&c);
    if (PyStatus_Exception(st))
        Py_ExitStatusException(st);
    PyRun_SimpleString(probe);
    return Py_FinalizeEx() < 0 ? 120 : 0;
}

int main(void)
{
    static const struct {
        const char *what;
        config_change set;
    } cases[] = {
        {"stdio_encoding, stdio_errors", stdio_enc},
        {"buffered_stdio=0", unbuffered},
        {"hash_seed", hash_seed},
        {"int_max_str_digits", max_digits},
        {"cpu_count", cpu_count},
        {"pycache_prefix", pycache},
        {"write_bytecode=0", no_bytecode},
        {"install_signal_handlers=0", no_signals},
        {"site_import=0", no_site},
        {"user_site_directory=0", no_user_site},
        {"bytes_warning=2", bytes_warning},
        {"optimization_level=2", optimize},
        {"warnoptions", warnoptions},
        {"xoptions", xoptions},
        {"argv", argv},
        {"tracemalloc, faulthandler", tracing},
        {"dev_mode", dev_mode},
        {"faulthandler=0, dev_mode", faulthandler_off_dev},
        {"faulthandler=0, PYTHONFAULTHANDLER", faulthandler_off_env},
        {"faulthandler=0, -X faulthandler", faulthandler_off_xoption},
        {"PYTHONFAULTHANDLER", faulthandler_env},
        {"check_hash_pycs_mode", hash_pycs},
        {"code_debug_ranges=0", no_debug_ranges},
        {"quiet, inspect, interactive", quiet_verbose},
        {"safe_path", safe_path},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        printf("== %s\n", cases[i].what);
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0)
            exit(run_config(cases[i].set));
        int ws = 0;
        waitpid(pid, &ws, 0);
        if (!WIFEXITED(ws) || WEXITSTATUS(ws) != 0)
            printf("   ended with status %#x\n", ws);
    }
    return 0;
}
