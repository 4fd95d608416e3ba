# os.wait3 and os.wait4 return (pid, status, resource.struct_rusage).
import os
import resource

pid = os.fork()
if pid == 0:
    os._exit(7)
r, status, ru = os.wait4(pid, 0)
print(r == pid, os.waitstatus_to_exitcode(status), type(ru).__name__)
print(isinstance(ru, resource.struct_rusage), len(ru), ru.ru_utime >= 0.0)

pid = os.fork()
if pid == 0:
    os._exit(3)
r, status, ru = os.wait3(0)
print(r == pid, os.waitstatus_to_exitcode(status), type(ru.ru_maxrss).__name__)
print(os.wait3(os.WNOHANG) if False else "ok")
try:
    os.wait4(pid, 0)
except ChildProcessError as e:
    print("ChildProcessError", e.errno)
try:
    os.wait3()
except TypeError as e:
    print("TypeError")
