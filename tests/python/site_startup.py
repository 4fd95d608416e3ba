# site is imported at startup: it installs exit/quit/help/copyright and
# leaves its module in sys.modules; the path keeps the standard library.
import sys
print('site' in sys.modules, type(exit).__name__, type(quit).__name__, repr(exit))
print(type(copyright).__name__, type(help).__name__, callable(help))
import site
print(site.ENABLE_USER_SITE in (True, False, None), callable(site.addsitedir))
print(any(p.endswith('/os.py') for p in []), sys.flags.no_site, sys._get_cpu_count_config())
