# typing.NoDefault's type documents itself (PEP 696).
import typing

print(type(typing.NoDefault.__doc__).__name__, bool(typing.NoDefault.__doc__))
print(typing.NoDefault.__doc__ == type(typing.NoDefault).__doc__)
print("\n--\n" in typing.NoDefault.__doc__)
