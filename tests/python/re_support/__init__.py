"""Gives the re_*.py tests the `re` module.

Under CPython (and ferrython once the modules `re/__init__.py` imports,
enum and functools, run) this is plain `import re`. Until then, the
package's compiler and parser are loaded from the installed library as
submodules of this package, and the few public functions the tests use are
put together from them the way `re/__init__.py` does, so that the tests
exercise `_sre` through CPython's own compiler either way.
"""
import sys

LIB = '/root/.pyenv/versions/3.13.0/lib/python3.13'
if LIB not in sys.path:
    sys.path.append(LIB)

try:
    import re
except Exception:
    for _name in [n for n in sys.modules if n == 're' or n.startswith('re.')]:
        del sys.modules[_name]
    __path__.append(LIB + '/re')
    from . import _compiler, _parser
    import _sre

    class _Namespace:
        pass

    re = _Namespace()
    re.error = re.PatternError = _compiler.PatternError
    re.Pattern = type(_compiler.compile('', 0))
    re.Match = type(_compiler.compile('', 0).match(''))
    for _f in ('IGNORECASE', 'LOCALE', 'MULTILINE', 'DOTALL', 'UNICODE',
               'VERBOSE', 'DEBUG', 'ASCII'):
        _v = getattr(_compiler, 'SRE_FLAG_' + _f)
        setattr(re, _f, _v)
        setattr(re, _f[0] if _f != 'DOTALL' else 'S', _v)
    re.X = re.VERBOSE
    re.NOFLAG = 0
    _cache = {}

    def _compile(pattern, flags=0):
        if isinstance(pattern, re.Pattern):
            if flags:
                raise ValueError(
                    "cannot process flags argument with a compiled pattern")
            return pattern
        if not _compiler.isstring(pattern):
            raise TypeError("first argument must be string or compiled pattern")
        key = (type(pattern), pattern, flags)
        if key not in _cache:
            _cache[key] = _compiler.compile(pattern, flags)
        return _cache[key]

    def _compile_template(pattern, repl):
        return _sre.template(pattern, _parser.parse_template(repl, pattern))

    re._compile_template = _compile_template
    re.compile = _compile
    re.match = lambda p, s, flags=0: _compile(p, flags).match(s)
    re.fullmatch = lambda p, s, flags=0: _compile(p, flags).fullmatch(s)
    re.search = lambda p, s, flags=0: _compile(p, flags).search(s)
    re.findall = lambda p, s, flags=0: _compile(p, flags).findall(s)
    re.finditer = lambda p, s, flags=0: _compile(p, flags).finditer(s)
    re.sub = lambda p, r, s, count=0, flags=0: _compile(p, flags).sub(r, s, count)
    re.subn = lambda p, r, s, count=0, flags=0: _compile(p, flags).subn(r, s, count)
    re.split = lambda p, s, maxsplit=0, flags=0: _compile(p, flags).split(s, maxsplit)
    re.purge = _cache.clear
    _special = {i: '\\' + chr(i) for i in b'()[]{}?*+-|^$\\.&~# \t\n\r\v\f'}

    def _escape(pattern):
        if isinstance(pattern, str):
            return pattern.translate(_special)
        return str(pattern, 'latin1').translate(_special).encode('latin1')

    re.escape = _escape
    sys.modules['re'] = re
