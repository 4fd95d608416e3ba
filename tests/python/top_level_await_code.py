# Top-level await code (PyCF_ALLOW_TOP_LEVEL_AWAIT): async for, async with and
# async comprehensions make it a coroutine too, and eval() of it gives the
# coroutine (test_builtin's test_compile_top_level_await).
import ast, asyncio
from types import FunctionType
from textwrap import dedent
async def arange(n):
    for i in range(n):
        yield i
code_samples = [
    '''a = await asyncio.sleep(0, result=1)''',
    '''async for i in arange(1):
           a = 1''',
    '''async with asyncio.Lock() as l:
           a = 1''',
    '''a = [x async for x in arange(2)][1]''',
    '''a = 1 in {x async for x in arange(2)}''',
    '''a = {x:1 async for x in arange(1)}[0]''',
    '''a = [x async for x in arange(2) async for x in arange(2)][1]''',
    '''a = [x async for x in (x async for x in arange(5))][1]''',
    '''a, = [1 for x in {x async for x in arange(1)}]''',
    '''a = [await asyncio.sleep(0, x) async for x in arange(2)][1]'''
]
for mode in ('single', 'exec'):
    for src in code_samples:
        src = dedent(src)
        co = compile(src, '?', mode, flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
        for how in ("func", "eval"):
            g = {'asyncio': asyncio, 'a': 0, 'arange': arange}
            try:
                asyncio.run(FunctionType(co, g)() if how == "func" else eval(co, g))
                print(mode, how, g['a'])
            except Exception as e:
                print(mode, how, src[:30], type(e).__name__, e)
# Without the flag, none of them compiles.
for src in code_samples:
    try:
        compile(dedent(src), '?', 'exec')
        print("compiled")
    except SyntaxError as e:
        print(e.msg)
co = compile('x = 1', '?', 'exec', flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
print(co.co_flags & 0x80, eval(co, {}))
