# A finished coroutine refuses send() and throw() with RuntimeError; close()
# stays quiet. Generators re-raise what is thrown into them.


async def coroutine():
    return "spam"


coro = coroutine()
try:
    coro.send(None)
except StopIteration as e:
    print("StopIteration", e.value)
for action in ("send", "throw", "throw-type"):
    try:
        if action == "send":
            coro.send(None)
        elif action == "throw":
            coro.throw(Exception("wat"))
        else:
            coro.throw(ValueError)
    except Exception as e:
        print(action, type(e).__name__, e)
coro.close()
coro.close()
print("closed")

it = coroutine().__await__()
try:
    next(it)
except StopIteration as e:
    print("StopIteration", e.value)
for f in (lambda: next(it), lambda: it.send(None), lambda: it.throw(Exception("wat"))):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)


def gen():
    yield 1


g = gen()
list(g)
try:
    g.throw(Exception("wat"))
except Exception as e:
    print("generator", type(e).__name__, e)
