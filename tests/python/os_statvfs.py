# os.statvfs / os.fstatvfs and shutil.disk_usage on top of them.
import os, shutil
s = os.statvfs("/")
print(type(s).__name__, len(s), s.f_bsize > 0, s.f_namemax, s[0] == s.f_bsize, isinstance(s.f_fsid, int))
fd = os.open("/", os.O_RDONLY)
print(os.fstatvfs(fd).f_namemax == s.f_namemax)
os.close(fd)
try:
    os.statvfs("/nonexistent/x")
except FileNotFoundError as e:
    print("FileNotFoundError", e)
u = shutil.disk_usage("/")
print(u.total >= u.used, u._fields)
