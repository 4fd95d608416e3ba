# _locale and locale: setlocale/getlocale, localeconv, nl_langinfo, strcoll/strxfrm, format_string, errors.
import locale, _locale
print(sorted(n for n in dir(_locale) if not n.startswith('__')))
print({n: getattr(_locale, n) for n in dir(_locale) if n.isupper() or n == '_DATE_FMT'})
print(_locale.__doc__, _locale.Error is locale.Error, locale.Error.__mro__)
print(locale.getlocale(), locale.getlocale(locale.LC_NUMERIC), locale.getencoding(), locale.getpreferredencoding(False))
print(locale.setlocale(locale.LC_CTYPE))
print(locale.setlocale(locale.LC_ALL, 'C'), locale.setlocale(locale.LC_ALL), locale.getlocale())
print(locale.localeconv())
print(locale.setlocale(locale.LC_ALL, 'C.UTF-8'), locale.getlocale(), locale.getlocale(locale.LC_TIME))
print(_locale.nl_langinfo(_locale.CODESET), [_locale.nl_langinfo(getattr(_locale, 'DAY_%d' % i)) for i in range(1, 8)])
print([_locale.nl_langinfo(getattr(_locale, n)) for n in ['ABMON_1', 'MON_12', 'D_T_FMT', 'D_FMT', 'T_FMT', 'AM_STR', 'PM_STR', 'RADIXCHAR', 'THOUSEP', 'YESEXPR', 'NOEXPR', 'CRNCYSTR', 'T_FMT_AMPM', 'ERA', '_DATE_FMT']])
sign = lambda n: (n > 0) - (n < 0)  # strcoll promises only the sign
print(sign(locale.strcoll('a', 'b')), sign(locale.strcoll('b', 'a')), locale.strcoll('x', 'x'), locale.strxfrm('hello'), sorted(['b', 'A', 'a', 'B'], key=locale.strxfrm))
print(locale.format_string('%d items at %.2f', (1234567, 3.14159)), locale.format_string('%s', 'x'), locale.format_string('%.1f', 1234.5, grouping=True))
print(locale.currency(12.5) if locale.localeconv()['currency_symbol'] else 'no currency', locale.str(3.5), locale.atof('1.5'), locale.atoi('42'), locale.delocalize('1.5'), locale.localize('2.5'))
print(locale.normalize('en_US'), locale.normalize('de_DE.utf8'), locale.getdefaultlocale() if hasattr(locale, 'getdefaultlocale') and False else 'skip')
for f in [lambda: _locale.setlocale(99), lambda: locale.setlocale(locale.LC_ALL, 'xx_YY'), lambda: _locale.setlocale('a'), lambda: _locale.nl_langinfo(-5), lambda: _locale.nl_langinfo('a'), lambda: _locale.strcoll('a', 1), lambda: _locale.strcoll(1, 'a'), lambda: _locale.strxfrm(1), lambda: _locale.setlocale(0, 1), lambda: _locale.strxfrm('a\0b'), lambda: _locale.localeconv(1), lambda: locale.setlocale(locale.LC_ALL, ('xx', 'UTF-8'))]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
print(_locale.gettext('hello'), _locale.dgettext(None, 'x'), _locale.dcgettext(None, 'y', _locale.LC_MESSAGES), _locale.textdomain(None))
print(locale.setlocale(locale.LC_NUMERIC, 'C'), locale.getlocale(locale.LC_NUMERIC))
import time
print(time.strftime('%a %b', time.gmtime(0)))
