# os.sched_param pickles and copies through its own __reduce__, which
# calls the constructor back with the priority (CPython 3.14; 3.13's
# generic struct sequence reduction cannot be called back).
import copy
import os
import pickle

p = os.sched_param(7)
print(p.__reduce__())
for proto in range(pickle.HIGHEST_PROTOCOL + 1):
    q = pickle.loads(pickle.dumps(p, proto))
    print(proto, q, type(q) is os.sched_param)
print(copy.copy(p), copy.deepcopy(os.sched_param([1, 2])))
print(os.sched_param.__text_signature__)
