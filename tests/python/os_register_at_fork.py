# os.register_at_fork: hooks run around os.fork in CPython's order, errors
# in the arguments; random imports (they register hooks).
import os, sys

log = []
os.register_at_fork(before=lambda: log.append("before 1"))
os.register_at_fork(before=lambda: log.append("before 2"),
                    after_in_parent=lambda: log.append("parent 1"))
os.register_at_fork(after_in_parent=lambda: log.append("parent 2"),
                    after_in_child=lambda: log.append("child"))
r, w = os.pipe()
pid = os.fork()
if pid == 0:
    os.close(r)
    os.write(w, ",".join(log).encode())
    os._exit(0)
os.close(w)
child_log = os.read(r, 1000).decode()
os.close(r)
os.waitpid(pid, 0)
print("child saw:", child_log)
print("parent saw:", log)

for kwargs in ({}, {"before": 1}, {"after_in_child": "x"}, {"bogus": print}):
    try:
        os.register_at_fork(**kwargs)
    except TypeError as e:
        print("TypeError", e)
try:
    os.register_at_fork(print)
except TypeError as e:
    print("TypeError", type(e).__name__)

import random
random.seed(3)
print(random.random(), random.randint(1, 100))
