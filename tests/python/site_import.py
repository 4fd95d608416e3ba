# site imports from the installed library and installs its builtins.
import sys
import site
print(site.ENABLE_USER_SITE in (True, False, None), callable(site.addsitedir))
print(type(exit).__name__, type(quit).__name__, repr(exit))
print(type(copyright).__name__, type(help).__name__, callable(help))
print(sys._get_cpu_count_config())
