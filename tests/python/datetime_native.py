# The builtin _datetime module: the datetime package uses it (not
# _pydatetime), and its types behave like CPython's C implementation.
import _datetime
import datetime
import pickle
import copy
from datetime import date, time, datetime as dt, timedelta as td, timezone, tzinfo

print(datetime.datetime is _datetime.datetime, '_pydatetime' in __import__('sys').modules)
print(_datetime.MINYEAR, _datetime.MAXYEAR, _datetime.UTC is timezone.utc)
print(date.__module__, td.__module__, timezone.__module__, dt.__mro__[1] is date)
print(type(date.__dict__['today']).__name__, type(td.__dict__['days']).__name__)

# timedelta normalization, arithmetic and text
t = td(days=1, hours=2.5, microseconds=-1, weeks=-0.25, milliseconds=1.5)
print(repr(t), str(t), t.total_seconds(), t.days, t.seconds, t.microseconds)
print(td(microseconds=0.5), td(microseconds=1.5), td(microseconds=-0.5), td(seconds=0.0000015))
print(repr(-t), abs(-t), +t, t * 3, 3 * t, t * 0.1, t / 4, t / 0.3, t // 7, t / td(hours=1))
print(t // td(minutes=7), t % td(minutes=7), divmod(t, td(minutes=-7)), bool(td(0)), bool(t))
print(td.max, td.min, td.resolution, td(999999999, 86399, 999999) == td.max)
for bad in ((td.max, td.resolution), ):
    try:
        bad[0] + bad[1]
    except OverflowError as e:
        print('OverflowError', e)
for args in ({'days': 'x'}, {'seconds': None}):
    try:
        td(**args)
    except TypeError as e:
        print('TypeError', e)
for f in (lambda: t / 0, lambda: t // 0, lambda: t % td(0)):
    try:
        f()
    except ZeroDivisionError:
        print('ZeroDivisionError')

# date
d = date(2024, 2, 29)
print(repr(d), d, d.isoformat(), d.ctime(), d.weekday(), d.isoweekday(), d.toordinal())
print(d.isocalendar(), tuple(d.isocalendar()), d.isocalendar().week, d.timetuple()[:9])
print(d + td(days=1), d - td(days=60), d - date(2000, 1, 1), td(3) + d, d.replace(day=1))
print(date.fromordinal(1), date.fromisoformat('2024-W09-4'), date.fromisoformat('20240229'))
print(date.fromisocalendar(2020, 53, 7), date.min, date.max, date.resolution)
print(d.strftime('%Y/%m/%d %A %B %j %z|%Z|%%'), format(d, '%d.%m'), format(d, ''))
for bad in ((0, 1, 1), (2023, 2, 29), (2024, 13, 1)):
    try:
        date(*bad)
    except ValueError as e:
        print('ValueError', e)
try:
    date(2000.0, 1, 1)
except TypeError as e:
    print('TypeError', e)
for s in ('2024-02-30', '2024-2-1', 'abc', '2024-02-29T00'):
    try:
        date.fromisoformat(s)
    except ValueError as e:
        print('ValueError', e)
print(d == date(2024, 2, 29), d < date(2024, 3, 1), d == dt(2024, 2, 29), d != dt(2024, 2, 29))
try:
    d < dt(2024, 2, 29)
except TypeError as e:
    print('TypeError', e)
try:
    date.max + td(1)
except OverflowError as e:
    print('OverflowError', e)

# time
tm = time(12, 30, 15, 500, fold=1)
print(repr(tm), tm, tm.isoformat('milliseconds'), tm.isoformat(timespec='hours'), time(), repr(time(1)))
tz5 = timezone(td(hours=5, minutes=30), 'IST')
a = time(23, 59, tzinfo=tz5)
print(repr(a), a, a.utcoffset(), a.tzname(), a.dst(), a.strftime('%H:%M %z %:z %Z %f'))
print(time.fromisoformat('04:05:06.789+01:00'), time.fromisoformat('T0405'), time.fromisoformat('12:00Z'))
print(a == time(18, 29, tzinfo=timezone.utc), time(1) == a, hash(a) == hash(time(18, 29, tzinfo=timezone.utc)))
try:
    time(1) < a
except TypeError as e:
    print('TypeError', e)
for bad in ({'hour': 24}, {'minute': 60}, {'microsecond': 10**6}, {'fold': 2}, {'tzinfo': 1}):
    try:
        time(**bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# datetime
x = dt(2020, 5, 17, 13, 45, 30, 123456)
print(repr(x), x, x.isoformat(), x.isoformat(' ', 'seconds'), x.date(), x.time(), x.ctime())
print(x.timetuple()[:9], x.utctimetuple()[:9], x.toordinal(), x.weekday())
print(x + td(hours=12), x - td(days=10000), x - dt(2000, 1, 1), x.replace(microsecond=0, fold=1).fold)
print(dt.fromisoformat('2020-05-17T13:45:30.5+02:00'), dt.fromisoformat('2020-05-17 13:45'), dt.fromisoformat('20200517T134530Z'))
print(dt.combine(d, tm), dt.combine(d, a), dt.combine(d, a, tzinfo=None), dt.fromordinal(730000))
print(dt.strptime('2021-03-04 05:06:07', '%Y-%m-%d %H:%M:%S'), x.strftime('%Y %H %f %%f %z'))
u = x.replace(tzinfo=timezone.utc)
print(repr(u), u.utcoffset(), u.tzname(), u.timestamp(), u.astimezone(tz5), u.astimezone(tz5).tzinfo)
print(dt.fromtimestamp(1e9, timezone.utc), dt.fromtimestamp(1234567890.5, tz5), dt.fromtimestamp(0.0000005, timezone.utc))
print(u == u.astimezone(tz5), hash(u) == hash(u.astimezone(tz5)), u - dt(2020, 1, 1, tzinfo=tz5), x == u)
try:
    x < u
except TypeError as e:
    print('TypeError', e)
try:
    x - u
except TypeError as e:
    print('TypeError', e)
try:
    dt.max + td(microseconds=1)
except OverflowError as e:
    print('OverflowError', e)

# timezone and tzinfo
print(repr(timezone.utc), timezone.utc, repr(tz5), tz5, timezone(td(0)) is timezone.utc, timezone.min, timezone.max)
print(timezone(td(hours=-3)).tzname(None), timezone(td(seconds=-1)), tz5 == timezone(td(hours=5, minutes=30)))
for bad in ((td(hours=24),), (5,), (td(0), 5)):
    try:
        timezone(*bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    tzinfo().utcoffset(None)
except NotImplementedError as e:
    print('NotImplementedError', e)


class Fixed(tzinfo):
    def __init__(self, minutes=0):
        self.m = minutes

    def utcoffset(self, d):
        return td(minutes=self.m)

    def dst(self, d):
        return td(0)

    def tzname(self, d):
        return 'F%d' % self.m


f = Fixed(90)
y = dt(2000, 1, 1, 12, tzinfo=f)
print(y, y.tzname(), y.astimezone(timezone.utc), y.astimezone(Fixed(-30)), y.utcoffset())
print(pickle.loads(pickle.dumps(f)).m, f.__reduce__()[0] is Fixed)

# pickling and copying
for o in (d, t, x, u, tm, a, timezone.utc, tz5, dt(2000, 1, 1, fold=1)):
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        r = pickle.loads(pickle.dumps(o, proto))
        assert r == o and type(r) is type(o), (o, proto)
print(x.__reduce__(), d.__reduce__(), t.__reduce__(), tz5.__reduce__())
print(copy.copy(u), copy.deepcopy(tm), copy.replace(x, year=1999))


# subclasses
class D(date):
    def __new__(cls, y, m, d, extra=None):
        self = super().__new__(cls, y, m, d)
        self.extra = extra
        return self


class DT(dt):
    pass


print(repr(D(2000, 1, 1) + td(1)), type(D.fromordinal(5)).__name__, type(D.today()).__name__)
print(repr(DT(2000, 1, 1, fold=1).replace(hour=3)), type(DT.now()).__name__, type(DT.combine(d, tm)).__name__)
print(type(DT.fromisoformat('2000-01-01')).__name__, type(DT(2000, 1, 1) - td(1)).__name__)
print(type(DT.strptime('2000', '%Y')).__name__, DT(2000, 1, 2) > dt(2000, 1, 1))
