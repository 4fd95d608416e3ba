# Objects a lookup is still using stay alive while Python code run by that
# lookup drops their last other reference.
import copyreg

# A class attribute deleted by an instance-dict key's __eq__ during the
# instance-dict lookup (test_descr's test_vicious_descriptor_nonsense).
class Evil:
    def __hash__(self):
        return hash('attr')
    def __eq__(self, other):
        try:
            del C.attr
        except AttributeError:
            pass
        # Reuse the freed memory, so a lookup still using it would fail.
        junk.extend([bytearray(40), (1.5, 2.5, 3.5)] for _ in range(200))
        return 0

junk = []

class Descr:
    def __get__(self, obj, owner):
        return ('descr', [i * i for i in range(5)])

class C:
    attr = Descr()

c = C()
c.__dict__[Evil()] = 0
print(c.attr)
print(hasattr(C, 'attr'))

class Plain:
    pass

class D:
    attr = [1, 2, 3] * 4

def evil_eq(self, other):
    try:
        del D.attr
    except AttributeError:
        pass
    return 0

Evil2 = type('Evil2', (), {'__hash__': lambda self: hash('attr'), '__eq__': evil_eq})
d = D()
d.__dict__[Evil2()] = 0
print(d.attr)

# __slotnames__ replaced by __getattr__ while __reduce_ex__ walks it
# (test_descr's test_issue24097).
class S(str):
    pass

class A:
    __slotnames__ = [S('spam')]
    def __getattr__(self, attr):
        if attr == 'spam':
            A.__slotnames__[:] = [S('spam')]
            return 42
        raise AttributeError(attr)

print(A().__reduce_ex__(2) == (copyreg.__newobj__, (A,), (None, {'spam': 42}), None, None))
