// test: differential
/* PyConfig_Read for more options and variables than config_read.c, with
 * every field an embedder can compare across installations (paths that
 * depend on where the interpreter lives are left out): -X options and
 * their PYTHON* variables, run_filename, signal handlers and C stdio
 * settings, and the errors for bad -X values and bad variables. */
#include <Python.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

static void show_list(const char *what, const PyWideStringList *l)
{
    printf("  %s: [", what);
    for (Py_ssize_t i = 0; i < l->length; i++)
        printf("%s'%ls'", i ? ", " : "", l->items[i]);
    printf("]\n");
}

static void show_str(const char *what, const wchar_t *s)
{
    if (s)
        printf("  %s: '%ls'\n", what, s);
    else
        printf("  %s: NULL\n", what);
}

static void show(const PyConfig *c)
{
    show_list("argv", &c->argv);
    show_list("xoptions", &c->xoptions);
    show_list("warnoptions", &c->warnoptions);
    show_str("run_command", c->run_command);
    show_str("run_module", c->run_module);
    show_str("run_filename", c->run_filename);
    show_str("pycache_prefix", c->pycache_prefix);
    show_str("pythonpath_env", c->pythonpath_env);
    show_str("check_hash_pycs_mode", c->check_hash_pycs_mode);
    printf("  isolated=%d use_environment=%d dev_mode=%d install_signal_handlers=%d "
           "configure_c_stdio=%d buffered_stdio=%d\n",
           c->isolated, c->use_environment, c->dev_mode, c->install_signal_handlers,
           c->configure_c_stdio, c->buffered_stdio);
    printf("  faulthandler=%d tracemalloc=%d perf_profiling=%d import_time=%d "
           "code_debug_ranges=%d show_ref_count=%d dump_refs=%d malloc_stats=%d\n",
           c->faulthandler, c->tracemalloc, c->perf_profiling, c->import_time,
           c->code_debug_ranges, c->show_ref_count, c->dump_refs, c->malloc_stats);
    printf("  warn_default_encoding=%d use_frozen_modules=%d safe_path=%d "
           "int_max_str_digits=%d cpu_count=%d pathconfig_warnings=%d\n",
           c->warn_default_encoding, c->use_frozen_modules, c->safe_path,
           c->int_max_str_digits, c->cpu_count, c->pathconfig_warnings);
    printf("  site_import=%d user_site_directory=%d write_bytecode=%d verbose=%d "
           "optimization_level=%d bytes_warning=%d inspect=%d interactive=%d quiet=%d "
           "parse_argv=%d skip_source_first_line=%d module_search_paths_set=%d "
           "use_hash_seed=%d hash_seed=%lu\n",
           c->site_import, c->user_site_directory, c->write_bytecode, c->verbose,
           c->optimization_level, c->bytes_warning, c->inspect, c->interactive, c->quiet,
           c->parse_argv, c->skip_source_first_line, c->module_search_paths_set,
           c->use_hash_seed, c->hash_seed);
}

/* Reads a configuration (the isolated one when `isolated` is 1, else the
 * Python one) from the command line (parsed when `parse` is set) and
 * prints the result or the error. */
static void read_args(const char *what, int isolated, int parse, int argc, char **argv)
{
    PyConfig c;
    if (isolated == 1)
        PyConfig_InitIsolatedConfig(&c);
    else
        PyConfig_InitPythonConfig(&c);
    /* 2: the Python configuration with its isolated field set. */
    if (isolated == 2)
        c.isolated = 1;
    c.parse_argv = parse;
    PyStatus st = PyConfig_SetBytesArgv(&c, argc, argv);
    if (!PyStatus_Exception(st))
        st = PyConfig_Read(&c);
    printf("%s:", what);
    if (PyStatus_IsExit(st))
        printf(" exit %d\n", st.exitcode);
    else if (PyStatus_IsError(st))
        printf(" error %s: %s\n", st.func ? st.func : "(null)", st.err_msg);
    else {
        printf(" ok\n");
        show(&c);
    }
    fflush(stdout);
    PyConfig_Clear(&c);
}

static void clear_env(void)
{
    const char *vars[] = {"PYTHONPATH", "PYTHONHOME", "PYTHONOPTIMIZE", "PYTHONVERBOSE",
                          "PYTHONHASHSEED", "PYTHONIOENCODING", "PYTHONWARNINGS",
                          "PYTHONDONTWRITEBYTECODE", "PYTHONUNBUFFERED", "PYTHONINTMAXSTRDIGITS",
                          "PYTHONDEVMODE", "PYTHONSAFEPATH", "PYTHONNOUSERSITE",
                          "PYTHONPYCACHEPREFIX", "PYTHONNODEBUGRANGES", "PYTHONINSPECT",
                          "PYTHONUTF8", "PYTHON_CPU_COUNT", "PYTHONFAULTHANDLER",
                          "PYTHONTRACEMALLOC", "PYTHONPROFILEIMPORTTIME",
                          "PYTHONWARNDEFAULTENCODING", "PYTHON_FROZEN_MODULES",
                          "PYTHONPERFSUPPORT", "PYTHONDEBUG", "PYTHONBREAKPOINT", NULL};
    for (int i = 0; vars[i]; i++)
        unsetenv(vars[i]);
}

int main(void)
{
    clear_env();
    char *a1[] = {"prog", "-X", "warn_default_encoding", "-X", "frozen_modules=off",
                  "-X", "importtime", "-X", "showrefcount", "-X", "int_max_str_digits=0",
                  "-X", "cpu_count=default", "-X", "tracemalloc", "script.py", "-X", "y"};
    read_args("-X options", 0, 1, 18, a1);
    char *a2[] = {"prog", "-Wd", "-W", "ignore::DeprecationWarning", "-OO", "-b", "-s",
                  "-d", "-R", "-m", "pkg.mod", "-c", "x"};
    read_args("-m stops option parsing", 0, 1, 13, a2);
    char *a3[] = {"prog", "script.py", "-c", "x"};
    read_args("not parsed", 0, 0, 4, a3);
    read_args("isolated, not parsed", 1, 0, 4, a3);
    char *a4[] = {"prog", "-I", "-", "a"};
    read_args("-I and stdin", 0, 1, 4, a4);

    char *b1[] = {"prog", "-X", "cpu_count=0", "-c", "pass"};
    read_args("bad cpu_count", 0, 1, 5, b1);
    char *b2[] = {"prog", "-X", "tracemalloc=x", "-c", "pass"};
    read_args("bad tracemalloc", 0, 1, 5, b2);
    char *b3[] = {"prog", "-X", "int_max_str_digits=abc", "-c", "pass"};
    read_args("bad int_max_str_digits", 0, 1, 5, b3);
    char *b4[] = {"prog", "-X", "frozen_modules=maybe", "-c", "pass"};
    read_args("bad frozen_modules", 0, 1, 5, b4);
    char *b5[] = {"prog", "-c"};
    read_args("-c without argument", 0, 1, 2, b5);
    char *b6[] = {"prog", "--check-hash-based-pycs", "bogus", "-c", "pass"};
    read_args("bad --check-hash-based-pycs", 0, 1, 5, b6);
    char *b7[] = {"prog", "--check-hash-based-pycs", "always", "-c", "pass"};
    read_args("--check-hash-based-pycs always", 0, 1, 5, b7);

    char *e[] = {"prog", "script.py"};
    setenv("PYTHONFAULTHANDLER", "1", 1);
    setenv("PYTHONTRACEMALLOC", "5", 1);
    setenv("PYTHONPROFILEIMPORTTIME", "1", 1);
    setenv("PYTHONWARNDEFAULTENCODING", "1", 1);
    setenv("PYTHON_FROZEN_MODULES", "on", 1);
    setenv("PYTHON_CPU_COUNT", "3", 1);
    setenv("PYTHONNODEBUGRANGES", "1", 1);
    setenv("PYTHONSAFEPATH", "1", 1);
    setenv("PYTHONNOUSERSITE", "1", 1);
    setenv("PYTHONUNBUFFERED", "1", 1);
    setenv("PYTHONINSPECT", "1", 1);
    setenv("PYTHONDEBUG", "1", 1);
    setenv("PYTHONHASHSEED", "random", 1);
    read_args("environment", 0, 1, 2, e);
    read_args("environment ignored when isolated", 1, 1, 2, e);
    read_args("Python configuration with isolated set", 2, 1, 2, e);
    clear_env();
    setenv("PYTHONTRACEMALLOC", "0", 1);
    read_args("bad PYTHONTRACEMALLOC", 0, 1, 2, e);
    clear_env();
    setenv("PYTHON_CPU_COUNT", "many", 1);
    read_args("bad PYTHON_CPU_COUNT", 0, 1, 2, e);
    clear_env();
    setenv("PYTHON_FROZEN_MODULES", "maybe", 1);
    read_args("bad PYTHON_FROZEN_MODULES", 0, 1, 2, e);
    clear_env();
    setenv("PYTHONHASHSEED", "4294967296", 1);
    read_args("PYTHONHASHSEED too big", 0, 1, 2, e);
    clear_env();
    setenv("PYTHONHASHSEED", "4294967295", 1);
    read_args("PYTHONHASHSEED largest", 0, 1, 2, e);
    clear_env();
    setenv("PYTHONINTMAXSTRDIGITS", "x", 1);
    read_args("bad PYTHONINTMAXSTRDIGITS", 0, 1, 2, e);
    clear_env();
    setenv("PYTHONOPTIMIZE", "x", 1);
    setenv("PYTHONVERBOSE", "", 1);
    read_args("non-numeric PYTHONOPTIMIZE, empty PYTHONVERBOSE", 0, 1, 2, e);
    clear_env();
    return 0;
}
