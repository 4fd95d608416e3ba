# _lsprof.Profiler (under cProfile and pstats): call counts, recursion,
# callers/callees, builtin descriptions, external timers, the
# sys.monitoring tool it uses, and argument errors.
import _lsprof, cProfile, pstats, io, sys

print([n for n in dir(_lsprof) if not n.startswith('__')], _lsprof.__doc__)
print([n for n in dir(_lsprof.Profiler) if not n.startswith('__')])
print(_lsprof.profiler_entry.n_fields, _lsprof.profiler_subentry.n_fields)

TICKS = 0
def timer():
    return TICKS

def leaf(n):
    global TICKS
    TICKS += n
    return len([n]) + abs(-n)

def fact(n):
    global TICKS
    TICKS += 1
    return 1 if n <= 1 else n * fact(n - 1)

def gen():
    yield leaf(1)
    yield leaf(2)

def top():
    global TICKS
    TICKS += 10
    leaf(3)
    leaf(4)
    fact(4)
    s = 'abc'.upper()
    x = [1]; x.append(2)
    try:
        int('x')
    except ValueError:
        pass
    return sum(gen())

def name(code):
    return code if isinstance(code, str) else code.co_name

# (ferrython starts reporting the calls of a frame that was running when
# the profiler was enabled only from its next frame on: the calls of
# that frame, here `disable` and cProfile's `exec`, are left out below)
def shown(stats):
    return sorted((e for e in stats if 'disable' not in name(e.code) and 'exec' not in name(e.code)),
                  key=lambda e: name(e.code))

p = _lsprof.Profiler(timer, 0.5)
p.enable()
top()
p.disable()
for e in shown(p.getstats()):
    calls = e.calls and sorted((name(s.code), s.callcount, s.reccallcount, s.totaltime, s.inlinetime) for s in e.calls)
    print(name(e.code), e.callcount, e.reccallcount, e.totaltime, e.inlinetime, calls)
print(type(p.getstats()[0]).__name__, type(p.getstats()[0]).__module__)
p.clear()
print(p.getstats())

# builtins=False, subcalls=False
p = _lsprof.Profiler(timer, 1.0, subcalls=False, builtins=False)
p.enable()
top()
p.disable()
print(sorted((name(e.code), e.callcount, e.calls) for e in p.getstats()))

# the monitoring tool
p = _lsprof.Profiler()
print(sys.monitoring.get_tool(sys.monitoring.PROFILER_ID))
p.enable()
print(sys.monitoring.get_tool(sys.monitoring.PROFILER_ID))
try:
    _lsprof.Profiler().enable()
except ValueError as e:
    print('ValueError', e)
try:
    p.enable()
except ValueError as e:
    print('ValueError', e)
p.disable()
p.disable()
print(sys.monitoring.get_tool(sys.monitoring.PROFILER_ID))
print(all(e.totaltime >= 0 for e in p.getstats()))

# a timer returning seconds as floats
FT = 0.0
def ftimer():
    return FT
def slow():
    global FT
    FT += 0.25
p = _lsprof.Profiler(ftimer)
p.enable()
slow(); slow()
p.disable()
print([(name(e.code), e.callcount, e.totaltime) for e in p.getstats() if name(e.code) == 'slow'])

# a bad timer is reported as unraisable
seen = []
sys.unraisablehook = lambda u: seen.append(u.exc_type.__name__)
p = _lsprof.Profiler(lambda: int)
p.enable()
slow()
p.disable()
sys.unraisablehook = sys.__unraisablehook__
print('unraisable', sorted(set(seen)))

# a timer may not disable or clear its profiler
def evil():
    for f in (p.disable, p.clear):
        try:
            f()
        except RuntimeError as e:
            seen.append(str(e))
    return 0
seen = []
p = _lsprof.Profiler(evil)
sys.unraisablehook = lambda u: seen.append(u.exc_type.__name__)
p.enable()
slow()
p.disable()
sys.unraisablehook = sys.__unraisablehook__
print(sorted(set(seen)))

# argument errors
for f in [lambda: _lsprof.Profiler(1, 2, 3, 4, 5), lambda: _lsprof.Profiler(x=1),
          lambda: _lsprof.Profiler(None, 'x'), lambda: p.enable(1, 2, 3),
          lambda: p.enable(x=1), lambda: p.getstats(1), lambda: p.clear(1)]:
    try:
        f()
    except TypeError as e:
        print('TypeError', e)

# cProfile and pstats over it
TICKS = 0
pr = cProfile.Profile(timer, 0.001)
pr.runctx('top()', globals(), locals())
s = io.StringIO()
st = pstats.Stats(pr, stream=s)
st.strip_dirs().sort_stats('stdname').print_stats()
lines = [l.rstrip() for l in s.getvalue().splitlines()
         if ('lsprof_module' in l or 'built-in' in l or "method '" in l) and 'disable' not in l and 'exec' not in l]
print('\n'.join(lines))
s = io.StringIO()
pstats.Stats(pr, stream=s).strip_dirs().sort_stats('stdname').print_callees('top')
print('\n'.join(l.rstrip() for l in s.getvalue().splitlines() if 'lsprof_module' in l))
with cProfile.Profile() as pr2:
    print(sys.monitoring.get_tool(2))
print(sys.monitoring.get_tool(2))
