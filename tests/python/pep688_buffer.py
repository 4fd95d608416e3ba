# PEP 688: __buffer__/__release_buffer__ on C exporters and Python classes.
import sys
def t(f):
    try:
        r = f()
        print(type(r).__name__, r if not isinstance(r, memoryview) else (r.tobytes(), r.readonly, r.format))
    except Exception as e:
        print(type(e).__name__, e)
t(lambda: b"abc".__buffer__(0))
t(lambda: bytearray(b"xy").__buffer__(1))
t(lambda: memoryview(b"q").__buffer__(0))
t(lambda: b"abc".__buffer__("x"))
t(lambda: b"abc".__buffer__())
t(lambda: b"abc".__buffer__(2**70))
t(lambda: bytearray().__release_buffer__(1))
ba = bytearray(b"hello")
m = ba.__buffer__(0)
t(lambda: ba.append(1))
t(lambda: bytearray(b"other").__release_buffer__(m))
t(lambda: ba.__release_buffer__(m))
t(lambda: ba.append(33))
t(lambda: ba.__release_buffer__(m))
print(ba)
t(lambda: hasattr(b"", "__release_buffer__"))
class Buf:
    def __init__(self, data):
        self.data = bytearray(data)
        self.log = []
    def __buffer__(self, flags):
        self.log.append(("get", flags))
        return memoryview(self.data)
    def __release_buffer__(self, view):
        self.log.append(("release", type(view).__name__, view.tobytes()))
b = Buf(b"xyz")
with memoryview(b) as mv:
    print(mv.tobytes(), mv.readonly, mv.obj is b)
print(b.log)
print(bytes(b), b.log[-2:])
class Bad:
    def __buffer__(self, flags):
        return b"not a view"
t(lambda: memoryview(Bad()))
t(lambda: bytes(Bad()))
class Raises:
    def __buffer__(self, flags):
        raise KeyError("nope")
t(lambda: memoryview(Raises()))
print(type(b"".__buffer__).__name__, type(bytes.__buffer__).__name__)
