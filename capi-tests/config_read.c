// test: differential
/* PyConfig_Read's derived values (PEP 587) for command lines and
 * environments, against CPython: options and PYTHON* variables applied,
 * warnoptions in CPython's order, errors for bad values (with the
 * function CPython names) and exits for usage errors; then
 * Py_DecodeLocale/Py_EncodeLocale with surrogateescape. The first
 * PyConfig_Read pre-initializes CPython for good, so no case changes the
 * pre-configuration (-X dev, -X utf8: see tests/cli_options.rs). */
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
    show_list("orig_argv", &c->orig_argv);
    show_list("xoptions", &c->xoptions);
    show_list("warnoptions", &c->warnoptions);
    show_str("run_command", c->run_command);
    show_str("run_module", c->run_module);
    show_str("program_name", c->program_name);
    show_str("pythonpath_env", c->pythonpath_env);
    show_str("home", c->home);
    show_str("pycache_prefix", c->pycache_prefix);
    show_str("stdio_encoding", c->stdio_encoding);
    show_str("stdio_errors", c->stdio_errors);
    show_str("filesystem_encoding", c->filesystem_encoding);
    show_str("filesystem_errors", c->filesystem_errors);
    show_str("check_hash_pycs_mode", c->check_hash_pycs_mode);
    show_str("platlibdir", c->platlibdir);
    printf("  parse_argv=%d isolated=%d use_environment=%d dev_mode=%d\n", c->parse_argv,
           c->isolated, c->use_environment, c->dev_mode);
    printf("  bytes_warning=%d optimization_level=%d verbose=%d quiet=%d inspect=%d "
           "interactive=%d parser_debug=%d\n",
           c->bytes_warning, c->optimization_level, c->verbose, c->quiet, c->inspect,
           c->interactive, c->parser_debug);
    printf("  write_bytecode=%d user_site_directory=%d site_import=%d buffered_stdio=%d "
           "safe_path=%d skip_source_first_line=%d\n",
           c->write_bytecode, c->user_site_directory, c->site_import, c->buffered_stdio,
           c->safe_path, c->skip_source_first_line);
    printf("  int_max_str_digits=%d use_hash_seed=%d hash_seed=%lu cpu_count=%d\n",
           c->int_max_str_digits, c->use_hash_seed, c->hash_seed, c->cpu_count);
    printf("  faulthandler=%d tracemalloc=%d import_time=%d code_debug_ranges=%d "
           "warn_default_encoding=%d use_frozen_modules=%d\n",
           c->faulthandler, c->tracemalloc, c->import_time, c->code_debug_ranges,
           c->warn_default_encoding, c->use_frozen_modules);
}

static void read_args(const char *what, int isolated, int argc, char **argv)
{
    PyConfig c;
    if (isolated)
        PyConfig_InitIsolatedConfig(&c);
    else
        PyConfig_InitPythonConfig(&c);
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
                          "PYTHONUTF8", "PYTHON_CPU_COUNT", NULL};
    for (int i = 0; vars[i]; i++)
        unsetenv(vars[i]);
}

int main(void)
{
    clear_env();
    setenv("PYTHONOPTIMIZE", "3", 1);
    char *a1[] = {"prog", "-bb", "-E", "-O", "-X", "foo", "-W", "error", "-Wdefault", "-q",
                  "-i", "-c", "pass", "x", "-v"};
    read_args("command line", 0, 15, a1);
    char *a2[] = {"prog", "-X", "int_max_str_digits=5", "-c", "pass"};
    read_args("bad -X int_max_str_digits", 0, 5, a2);
    char *a4[] = {"prog", "-Z"};
    read_args("unknown option", 0, 2, a4);
    char *a5[] = {"prog", "-x", "-B", "-s", "-S", "-u", "-P", "-X", "pycache_prefix=/pyc",
                  "-X", "no_debug_ranges", "-X", "cpu_count=4", "-X", "faulthandler",
                  "-X", "tracemalloc=3", "-m", "mod", "arg"};
    read_args("more options", 0, 20, a5);

    setenv("PYTHONHASHSEED", "42", 1);
    setenv("PYTHONIOENCODING", "latin-1:replace", 1);
    setenv("PYTHONVERBOSE", "2", 1);
    setenv("PYTHONWARNINGS", "ignore,error::BytesWarning", 1);
    setenv("PYTHONPATH", "/x:/y", 1);
    setenv("PYTHONDONTWRITEBYTECODE", "1", 1);
    setenv("PYTHONINTMAXSTRDIGITS", "1000", 1);
    setenv("PYTHONPYCACHEPREFIX", "/cache", 1);
    char *a6[] = {"prog", "-b", "script.py", "-O"};
    read_args("environment", 0, 4, a6);
    read_args("isolated config ignores the environment", 1, 4, a6);
    setenv("PYTHONHASHSEED", "-1", 1);
    read_args("bad PYTHONHASHSEED", 0, 4, a6);
    setenv("PYTHONHASHSEED", "0", 1);
    setenv("PYTHONINTMAXSTRDIGITS", "12", 1);
    read_args("bad PYTHONINTMAXSTRDIGITS", 0, 4, a6);
    clear_env();

    size_t size = 0;
    wchar_t *w = Py_DecodeLocale("a\xff\xc3\xa9z", &size);
    printf("decoded %zu:", size);
    for (size_t i = 0; i < size; i++)
        printf(" %x", (unsigned)w[i]);
    printf("\n");
    Py_InitializeEx(0);
    size_t pos = 0;
    char *b = Py_EncodeLocale(w, &pos);
    printf("encoded back: %d pos=%zd\n", b && strcmp(b, "a\xff\xc3\xa9z") == 0, (Py_ssize_t)pos);
    PyMem_Free(b);
    PyMem_RawFree(w);
    wchar_t bad[] = {L'a', L'b', 0xd800, 0};
    b = Py_EncodeLocale(bad, &pos);
    printf("lone surrogate: %s pos=%zu\n", b ? "encoded" : "NULL", pos);
    Py_Finalize();
    return 0;
}
