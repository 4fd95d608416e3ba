# A class defining only one side of a binary operator still answers the
# other side through the method its base provides (a slot wrapper).
class F(float):
    def __truediv__(self, other):
        return type(self)(super().__truediv__(other))
    def __add__(self, other):
        return type(self)(super().__add__(other))

r = 1 / F(2.0)
print(r, type(r).__name__)
r = F(3.0) / 2
print(r, type(r).__name__)
r = 1 + F(2.0)
print(r, type(r).__name__)

class G(int):
    def __rsub__(self, other):
        return "rsub"

print(G(5) - 2, type(G(5) - 2).__name__)
print(10 - G(3))

class H(float):
    def __radd__(self, other):
        return NotImplemented

try:
    1 + H(2.0)
except TypeError as e:
    print("TypeError", e)
print(H(2.0) + 1)

class P(int):
    def __pow__(self, other, mod=None):
        return "pow"

print(2 ** P(3), P(3) ** 2)

class S(F):
    pass

print(1 / S(4.0), type(1 / S(4.0)).__name__)
