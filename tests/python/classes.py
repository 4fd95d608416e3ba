# Classes: attributes, inheritance and super(), properties, class and
# static methods, dunder dispatch, __slots__, __init_subclass__.
class Animal:
    kind = "animal"
    count = 0

    def __init__(self, name):
        self.name = name
        Animal.count += 1

    def speak(self):
        return f"{self.name} makes a sound"

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"

class Dog(Animal):
    kind = "dog"

    def speak(self):
        return super().speak() + " (woof)"

d = Dog("Rex")
print(d, d.speak(), d.kind, Animal.kind, Animal.count, isinstance(d, Animal), issubclass(Dog, Animal))
print(Dog.__mro__, Dog.__name__, Dog.__qualname__, type(d) is Dog)

class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y

    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    __rmul__ = __mul__

    def __eq__(self, o):
        return isinstance(o, Vec) and (self.x, self.y) == (o.x, o.y)

    def __len__(self):
        return 2

    def __getitem__(self, i):
        return (self.x, self.y)[i]

    def __iter__(self):
        yield self.x
        yield self.y

    def __repr__(self):
        return "Vec(%r, %r)" % (self.x, self.y)

v = Vec(1, 2) + Vec(3, 4)
print(v, v * 2, 3 * v, v == Vec(4, 6), v != Vec(0, 0), len(v), v[1], list(v))
try:
    v.z = 1
except AttributeError as e:
    print("AttributeError:", e)
try:
    hash(v)
except TypeError as e:
    print("TypeError:", e)

class Temp:
    def __init__(self):
        self._c = 0

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._c = value

    @classmethod
    def boiling(cls):
        t = cls()
        t.celsius = 100
        return t

    @staticmethod
    def to_f(c):
        return c * 9 / 5 + 32

t = Temp.boiling()
print(t.celsius, Temp.to_f(t.celsius))
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError:", e)

class Registry:
    subclasses = []

    def __init_subclass__(cls, **kw):
        Registry.subclasses.append(cls.__name__)

class A(Registry):
    pass

class B(Registry):
    pass

print(Registry.subclasses)

class Meta(type):
    def __new__(mcls, name, bases, ns):
        ns["tag"] = name.lower()
        return super().__new__(mcls, name, bases, ns)

class Tagged(metaclass=Meta):
    pass

print(Tagged.tag, type(Tagged).__name__)

class Dyn:
    def __getattr__(self, name):
        return name.upper()

print(Dyn().hello, getattr(Dyn(), "x"), hasattr(Dyn(), "y"))

class Callable:
    def __call__(self, a, b=1):
        return a * b

print(Callable()(3, 4), callable(Callable()), callable(3))

class Ctx:
    def __enter__(self):
        print("enter")
        return self

    def __exit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None)
        return True

with Ctx() as c:
    raise KeyError("suppressed")
print("after with")
