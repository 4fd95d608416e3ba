# Functions whose arguments are bound as Argument Clinic binds them report a
# missing required argument before an unknown keyword argument, and an
# unknown keyword once every required one is there.
import os
import zlib

calls = [
    (os.sched_param, (), {'x': 1}),
    (os.stat, (), {'x': 1}),
    (os.open, ('a',), {'x': 1}),
    (os.open, ('a',), {'x': 1, 'flags': 0, 'y': 2}),
    (zlib.compress, (b'',), {'x': 1}),
]
for f, args, kwargs in calls:
    try:
        f(*args, **kwargs)
    except TypeError as e:
        print(f.__name__, e)
