# A class with __slots__ whose secondary base has an instance dict (or
# weak references) gets them too, as minidom's ProcessingInstruction
# (Childless with empty slots, then Node) relies on.
import weakref
from xml.dom import minidom


class NoDict:
    __slots__ = ()


class WithDict:
    pass


class Both(NoDict, WithDict):
    __slots__ = ("t",)


class Reversed(WithDict, NoDict):
    __slots__ = ("t",)


class OnlySlots(NoDict):
    __slots__ = ("t",)


for cls in (Both, Reversed, OnlySlots):
    o = cls()
    o.t = 1
    try:
        o.other = 2
        print(cls.__name__, "dict", o.__dict__)
    except AttributeError as e:
        print(cls.__name__, "AttributeError", e)
    try:
        print(cls.__name__, type(weakref.ref(o)).__name__)
    except TypeError as e:
        print(cls.__name__, "TypeError", e)
    print(cls.__name__, "__dict__" in dir(cls), "__weakref__" in dir(cls))

doc = minidom.parseString("<?target data?><doc/>")
pi = doc.firstChild
print(doc.toxml(), pi.ownerDocument is doc, pi.target, pi.data)
pi.data = "changed"
print(pi.nodeValue, doc.cloneNode(True).toxml())
