# The documented sys attributes: each exists, with the type CPython gives
# it; a few stable values.
import sys

names = """argv orig_argv path modules meta_path path_hooks path_importer_cache flags
version version_info hexversion api_version implementation platform byteorder
maxsize maxunicode float_info int_info hash_info thread_info prefix exec_prefix
base_prefix base_exec_prefix executable stdin stdout stderr __stdin__ __stdout__
__stderr__ displayhook excepthook unraisablehook exception exc_info exit
getrefcount getsizeof intern is_finalizing getrecursionlimit setrecursionlimit
getswitchinterval setswitchinterval settrace gettrace setprofile getprofile
_getframe get_int_max_str_digits set_int_max_str_digits getdefaultencoding
getfilesystemencoding getfilesystemencodeerrors audit addaudithook call_tracing
_is_gil_enabled _xoptions warnoptions dont_write_bytecode pycache_prefix
builtin_module_names stdlib_module_names copyright platlibdir
activate_stack_trampoline deactivate_stack_trampoline is_stack_trampoline_active
monitoring""".split()
for n in names:
    print(n, type(getattr(sys, n, None)).__name__)

print(sys._is_gil_enabled(), sys.is_stack_trampoline_active(), sys.deactivate_stack_trampoline())
print(sys.gettrace(), sys.getprofile(), sys.is_finalizing())
print(sys.call_tracing(divmod, (7, 2)))
for bad in (lambda: sys.call_tracing(divmod), lambda: sys.settrace(), lambda: sys._is_gil_enabled(1)):
    try:
        bad()
    except TypeError as e:
        print("TypeError")
