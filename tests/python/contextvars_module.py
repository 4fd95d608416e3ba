# contextvars: ContextVar, Token, Context, copy_context, threads, errors.
import contextvars
from contextvars import ContextVar, Context, Token, copy_context
v = ContextVar('v', default=1)
w = ContextVar('w')
print(v.name, v.get(), w.get(5))
try: w.get()
except LookupError as e: print(type(e).__name__, e.args[0] is w)
t = v.set(2)
print(v.get(), t.var is v, t.old_value is Token.MISSING, repr(Token.MISSING))
t2 = w.set('x')
print(t2.old_value, w.get())
v.reset(t)
print(v.get())
try: v.reset(t)
except RuntimeError as e: print("RuntimeError", str(e).startswith("<Token used var="))
try: w.reset(t)
except Exception as e: print(type(e).__name__)
try: v.reset(1)
except TypeError as e: print(e)
ctx = copy_context()
print(len(ctx), w in ctx, ctx[w], ctx.get(v, 'd'), list(ctx.keys()) == [w], list(ctx.values()), [(k.name, x) for k, x in ctx.items()])
def f(a, b=0):
    w.set('inner')
    return a + b, w.get()
print(ctx.run(f, 1, b=2), w.get(), ctx[w])
try: ctx.run(lambda: ctx.run(f, 1))
except RuntimeError as e: print("RuntimeError", "is already entered" in str(e))
try: ctx.run()
except TypeError as e: print(e)
c2 = Context()
print(len(c2), list(c2), c2 == Context(), c2 != ctx)
try: c2[1]
except TypeError as e: print(e)
try: c2[v]
except KeyError as e: print("KeyError", e.args[0] is v)
try: Context(1)
except TypeError as e: print(e)
try: Token()
except RuntimeError as e: print(e)
try: ContextVar(1)
except TypeError as e: print(e)
try: ContextVar('a', 1)
except TypeError as e: print(e)
try: ContextVar()
except TypeError as e: print(e)
print(ContextVar[int], Token[str])
try: hash(ctx)
except TypeError as e: print(e)
print(type(hash(v)))
try:
    class X(ContextVar): pass
except TypeError as e: print(e)
import threading
res = []
def th():
    res.append(v.get()); v.set(99); res.append(v.get())
v.set(7)
tt = threading.Thread(target=th); tt.start(); tt.join()
print(res, v.get())
print(type(ctx).__module__, type(ctx).__name__, type(v).__qualname__)
# snapshot iteration while setting
it = iter(copy_context().items())
c3 = copy_context()
def g():
    i = iter(c3)
    v.set(1000)
    return sorted(x.name for x in i)
print(c3.run(g), c3[v], v.get())
import weakref
print(weakref.ref(ctx)() is ctx)
