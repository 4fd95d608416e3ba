# pwd, grp and resource: entries, struct sequences, errors, and the stdlib
# users of pwd/grp (getpass, expanduser, shutil.chown, pathlib owner/group).
import os, pwd, grp, getpass, shutil, pathlib, tempfile
import resource as r
me = pwd.getpwuid(os.getuid())
print(type(me).__name__, type(me).__module__, len(me), me.n_sequence_fields if hasattr(me,'n_sequence_fields') else '')
print(pwd.struct_passwd.n_fields, pwd.struct_passwd.n_sequence_fields)
print(me.pw_name == getpass.getuser(), me.pw_uid == os.getuid(), me[2] == me.pw_uid)
print(pwd.getpwnam(me.pw_name) == me)
print(os.path.expanduser('~' + me.pw_name) == me.pw_dir)
print(me in pwd.getpwall())
root = pwd.getpwuid(0)
print(root.pw_name, root.pw_uid, root.pw_gid, root.pw_dir)
print(repr(pwd.getpwnam('root'))[:40])
for bad in (2**40, -2, -1, 'x', 1.5, None):
    try: pwd.getpwuid(bad)
    except Exception as e: print(type(e).__name__, e)
for bad in ('no such user xyz', 'a\0b', 3, b'root'):
    try: pwd.getpwnam(bad)
    except Exception as e: print(type(e).__name__, e)
g = grp.getgrgid(0)
print(type(g).__name__, g.gr_name, g.gr_gid, type(g.gr_mem).__name__, len(g))
print(grp.getgrnam(g.gr_name) == g, g in grp.getgrall())
print(grp.struct_group.n_fields)
for bad in (2**40, -2, 'x', 1.5, 4294967294):
    try: grp.getgrgid(bad)
    except Exception as e: print(type(e).__name__, e)
for bad in ('no such group xyz', 'a\0b', 3):
    try: grp.getgrnam(bad)
    except Exception as e: print(type(e).__name__, e)
p = pathlib.Path(tempfile.mkdtemp())
print(p.owner() == me.pw_name, p.group() == grp.getgrgid(os.getgid()).gr_name)
f = p / 'f'; f.write_text('x')
shutil.chown(f, user=me.pw_name, group=grp.getgrgid(os.getgid()).gr_name)
shutil.chown(f, user=os.getuid())
try: shutil.chown(f, user='no such user xyz')
except Exception as e: print(type(e).__name__, e)
try: shutil.chown(f)
except Exception as e: print(type(e).__name__, e)
print(f.owner() == me.pw_name)
shutil.rmtree(p)
pw = pwd.struct_passwd(('a','b',1,2,'c','d','e'))
print(pw, pw.pw_shell)
for b in (2**32, 2**32-1, 2**64, -2**64, 2**63):
  for f in (grp.getgrgid,pwd.getpwuid):
    try: f(b)
    except Exception as e: print(type(e).__name__, e)
for f, kw in ((grp.getgrnam, dict(name=3)), (pwd.getpwnam, dict(name=3)), (grp.getgrgid, dict(id=0)), (pwd.getpwuid, dict(uidobj=3)), (pwd.getpwall, {}), (grp.getgrall, {})):
    try: r = f(**kw); print(type(r).__name__)
    except Exception as e: print(type(e).__name__, e)
for f in (pwd.getpwall, grp.getgrall):
    try: f(1)
    except Exception as e: print(type(e).__name__, e)

# resource
print(sorted((n, getattr(r, n)) for n in dir(r) if n.isupper()))
print([n for n in dir(r) if not n.isupper() and not n.startswith('__')])
print(r.error is OSError, r.struct_rusage.n_fields, r.struct_rusage.n_sequence_fields)
print(r.getpagesize() == os.sysconf('SC_PAGESIZE'))
soft, hard = r.getrlimit(r.RLIMIT_NOFILE)
print(type(soft).__name__, soft <= hard or hard == r.RLIM_INFINITY)
ru = r.getrusage(r.RUSAGE_SELF)
print(type(ru).__name__, len(ru), type(ru.ru_utime).__name__, type(ru.ru_maxrss).__name__, ru.ru_maxrss > 0, ru[0] == ru.ru_utime)
print(repr(ru).startswith('resource.struct_rusage(ru_utime='))
print(r.getrusage(r.RUSAGE_CHILDREN).ru_nswap, r.getrusage(r.RUSAGE_THREAD).ru_nswap)
print(r.prlimit(0, r.RLIMIT_NOFILE) == r.getrlimit(r.RLIMIT_NOFILE))
print(r.prlimit(os.getpid(), r.RLIMIT_CORE) == r.getrlimit(r.RLIMIT_CORE))
# lower the soft core limit and restore it
old = r.getrlimit(r.RLIMIT_CORE)
r.setrlimit(r.RLIMIT_CORE, (0, old[1]))
print(r.getrlimit(r.RLIMIT_CORE)[0])
print(r.prlimit(0, r.RLIMIT_CORE, old) == (0, old[1]), r.getrlimit(r.RLIMIT_CORE) == old)
r.setrlimit(r.RLIMIT_CORE, [old[0], old[1]])
for a in [(-1,), (16,), (100,), ('x',), (1.5,), (2**40,)]:
    try: r.getrlimit(*a)
    except Exception as e: print(type(e).__name__, e)
lim = r.getrlimit(r.RLIMIT_NOFILE)
for a in [(r.RLIMIT_CORE, (1,)), (r.RLIMIT_CORE, 5), (r.RLIMIT_CORE, (1, 2, 3)), (r.RLIMIT_CORE, ('a', 1)),
          (r.RLIMIT_CORE, (2**64, 1)), (r.RLIMIT_NOFILE, (lim[1] + 1 if lim[1] != -1 else 10, 5)), (100, (1, 1)), (r.RLIMIT_CORE, [1.5, 2])]:
    try: r.setrlimit(*a)
    except Exception as e: print(type(e).__name__, e)
for a in [(5,), ('x',), (-5,)]:
    try: r.getrusage(*a)
    except Exception as e: print(type(e).__name__, e)
for a in [(0, 100), (2**31, 0), (0, 0, 5), (0, 0, (1,))]:
    try: print(r.prlimit(*a))
    except Exception as e: print(type(e).__name__, e)
pid = os.fork()
if pid == 0:
    os._exit(0)
os.waitpid(pid, 0)
try: r.prlimit(pid, r.RLIMIT_CORE)
except Exception as e: print(type(e).__name__, e.errno)
