# tb_next can be set (unittest trims its own frames this way): to another
# traceback or None; deleting it, a wrong type or a loop is refused.
import sys


def inner():
    raise ValueError("x")


def outer():
    inner()


try:
    outer()
except ValueError as e:
    tb = e.__traceback__

chain = []
t = tb
while t is not None:
    chain.append(t.tb_frame.f_code.co_name)
    t = t.tb_next
print(chain)
second = tb.tb_next
tb.tb_next = second.tb_next
print(tb.tb_next.tb_frame.f_code.co_name)
tb.tb_next = None
print(tb.tb_next)
for bad in (1, "tb"):
    try:
        tb.tb_next = bad
    except TypeError as e:
        print(type(e).__name__, e)
try:
    del tb.tb_next
except TypeError as e:
    print(type(e).__name__, e)
tb.tb_next = second
try:
    second.tb_next = tb
except ValueError as e:
    print(type(e).__name__, e)
try:
    tb.tb_next = tb
except ValueError as e:
    print(type(e).__name__, e)
print(tb.tb_next is second)
