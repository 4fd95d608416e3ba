# sys.set_coroutine_origin_tracking_depth / get_..., coroutine.cr_origin and
# the "never awaited" warning that lists where the coroutine was made.
import sys
import gc
import warnings


async def corofn():
    pass


def show_origin(origin):
    if origin is None:
        return None
    return [(f.rsplit("/", 1)[-1], line, name) for f, line, name in origin]


def a1():
    return corofn()


def a2():
    return a1()


print(sys.get_coroutine_origin_tracking_depth())
c = corofn()
print(c.cr_origin)
c.close()

sys.set_coroutine_origin_tracking_depth(1)
print(sys.get_coroutine_origin_tracking_depth())
c = a2()
print(show_origin(c.cr_origin))
c.close()

sys.set_coroutine_origin_tracking_depth(depth=2)
c = a2()
print(show_origin(c.cr_origin))
c.close()

sys.set_coroutine_origin_tracking_depth(1000)
c = a2()
print(len(c.cr_origin) >= 3, show_origin(c.cr_origin)[:3])
c.close()

for bad in (-1, "x", 1.5, 2**40):
    try:
        sys.set_coroutine_origin_tracking_depth(bad)
    except Exception as e:
        print(type(e).__name__, e)
print(sys.get_coroutine_origin_tracking_depth())

try:
    sys.get_coroutine_origin_tracking_depth(1)
except TypeError as e:
    print("TypeError")

# Generators and async generators have no cr_origin.
def gen():
    yield 1
print(hasattr(gen(), "cr_origin"))


# The never-awaited warning names where the coroutine was made.
def check(depth):
    sys.set_coroutine_origin_tracking_depth(depth)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        a2()
        gc.collect()
    for x in w:
        lines = str(x.message).splitlines()
        print(x.category.__name__, [l.replace(__file__, "FILE") for l in lines])


check(0)
check(2)
sys.set_coroutine_origin_tracking_depth(0)
