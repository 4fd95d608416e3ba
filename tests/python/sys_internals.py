# sys functions for debugging and introspection: other threads' frames and
# exceptions, interning, the dlopen flags, coroutine origin tracking (which
# asyncio's debug mode turns on) and the unawaited-coroutine warning.
import sys, threading, asyncio, warnings, gc

# _current_frames / _current_exceptions
def inner():
    frames = sys._current_frames()
    me = threading.get_ident()
    print(type(frames).__name__, me in frames, frames[me].f_code.co_name)
    return frames
inner()
started = threading.Event()
release = threading.Event()
def worker():
    try:
        raise KeyError("in worker")
    except KeyError:
        started.set()
        release.wait()
t = threading.Thread(target=worker)
t.start()
started.wait()
frames = sys._current_frames()
print(frames[t.ident].f_code.co_name)
excs = sys._current_exceptions()
print(repr(excs[t.ident]), excs[threading.get_ident()])
try:
    raise ValueError("main")
except ValueError:
    print(repr(sys._current_exceptions()[threading.get_ident()]))
release.set()
t.join()

# interning and immortality
s = sys.intern("some_interned_text_" + str(7))
print(sys._is_interned(s), sys._is_interned("".join(["dyn", "amic", str(12345)])))
try:
    sys._is_interned(5)
except TypeError as e:
    print(type(e).__name__, e)
n = sys.getunicodeinternedsize()
keep = sys.intern("another_new_interned_" + str(99))
print(type(n).__name__, sys.getunicodeinternedsize() > n,
      sys.getunicodeinternedsize(_only_immortal=True) >= 0)
try:
    sys.getunicodeinternedsize(True)
except TypeError as e:
    print(type(e).__name__)
print(type(sys.getallocatedblocks()).__name__, sys.getallocatedblocks() >= 0)
print(sys._clear_type_cache(), sys._clear_internal_caches())
# Writes the allocator's statistics to stderr (not compared).
print(sys._debugmallocstats())

# dlopen flags
import os
old = sys.getdlopenflags()
print(old == os.RTLD_NOW)
sys.setdlopenflags(os.RTLD_NOW | os.RTLD_GLOBAL)
print(sys.getdlopenflags() == os.RTLD_NOW | os.RTLD_GLOBAL)
sys.setdlopenflags(old)
for bad in ("x", 1.5):
    try:
        sys.setdlopenflags(bad)
    except TypeError as e:
        print(type(e).__name__, e)

# coroutine origin tracking
print(sys.get_coroutine_origin_tracking_depth())
async def coro():
    return 1
c = coro()
print(c.cr_origin)
c.close()
def make():
    return coro()
sys.set_coroutine_origin_tracking_depth(2)
c = make()
print([(os.path.basename(f), l, n) for f, l, n in c.cr_origin])
c.close()
sys.set_coroutine_origin_tracking_depth(depth=0)
for bad in (-1, "2"):
    try:
        sys.set_coroutine_origin_tracking_depth(bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

# asyncio debug mode sets the depth
async def main():
    return sys.get_coroutine_origin_tracking_depth()
print(asyncio.run(main(), debug=True) > 0, sys.get_coroutine_origin_tracking_depth())

# unawaited coroutine warnings go through warnings._warn_unawaited_coroutine
sys.set_coroutine_origin_tracking_depth(1)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    c = make()
    del c
    gc.collect()
sys.set_coroutine_origin_tracking_depth(0)
for x in w:
    print(x.category.__name__, str(x.message).splitlines()[0], len(str(x.message).splitlines()))
