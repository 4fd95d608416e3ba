from . import loaded
loaded.append("util")

def double(x):
    return 2 * x
