# Raising while handling an exception whose __context__ chain already has
# a cycle (made by assigning __context__) must not hang, and must not add
# a new cycle through the exception being raised.
import traceback


def cycle():
    try:
        raise ValueError(1)
    except ValueError as ex:
        ex.__context__ = ex
        raise TypeError(2)


try:
    cycle()
except Exception as e:
    exc = e
print(repr(exc), repr(exc.__context__), exc.__context__.__context__ is exc.__context__)


class A(Exception):
    pass


class B(Exception):
    pass


class C(Exception):
    pass


class D(Exception):
    pass


class E(Exception):
    pass


# C --> B --> A --> C: the head of the chain is in the cycle.
try:
    try:
        raise A()
    except A as _a:
        a = _a
        try:
            raise B()
        except B as _b:
            b = _b
            try:
                raise C()
            except C as _c:
                c = _c
                a.__context__ = c
                raise c
except C as got:
    print(got is c, c.__context__ is b, b.__context__ is a, a.__context__ is c)

# E --> D --> C --> B --> A --> C: a longer chain ending in a cycle.
try:
    try:
        raise A()
    except A as _a:
        a = _a
        try:
            raise B()
        except B as _b:
            b = _b
            try:
                raise C()
            except C as _c:
                c = _c
                a.__context__ = c
                try:
                    raise D()
                except D as _d:
                    d = _d
                    e = E()
                    raise e
except E as got:
    print(got is e, e.__context__ is d, d.__context__ is c, c.__context__ is b)
    print(b.__context__ is a, a.__context__ is c)
    print(len(traceback.format_exception(got)) > 0)

# The chain reaching the raised exception is cut there, no new cycle.
x = KeyError("x")
y = ValueError("y")
y.__context__ = x
try:
    try:
        raise y
    except ValueError:
        raise x
except KeyError as got:
    print(got.__context__ is y, y.__context__)
