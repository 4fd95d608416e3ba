# The argument-vector errors of execv, execve and posix_spawn(p): each
# names its argument as CPython does.
import os, sys
for f, args in [(os.execv, (sys.executable, ())), (os.execv, (sys.executable, ("",))), (os.execv, (sys.executable, 5)),
                (os.execve, (sys.executable, [], {})), (os.execve, (sys.executable, 5, {})),
                (os.execve, (sys.executable, [""], {})),
                (os.posix_spawn, (sys.executable, (), {})), (os.posix_spawn, (sys.executable, [""], {})), (os.posix_spawn, (sys.executable, 3, {})),
                (os.posix_spawnp, ("x", (), {}))]:
    try:
        f(*args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
