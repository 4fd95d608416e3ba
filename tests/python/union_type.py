u = int | str
print(u, type(u).__name__, u.__args__, int | None, None | int, int | int, (int | str) | float)
print(u == (str | int), u != (int | float), hash(u) == hash(str | int), list[int] | None, int | list[int])
print(u.__parameters__, (int | str | int).__args__)
try:
    int | 3
except TypeError as e:
    print(type(e).__name__, e)
