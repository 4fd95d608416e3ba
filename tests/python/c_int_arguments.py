# C int arguments of builtin modules: Argument Clinic's `int` converter
# (PyLong_AsInt: one "too large to convert to C int" message) versus
# PyArg_Parse's `i` format (a C long first, then "signed integer is
# greater than maximum" / "less than minimum").
import bz2
import datetime
import locale
import lzma
import mmap
import resource
import socket
import sqlite3
import syslog
import termios
import zlib

HUGE = 10**30
BIG = 2**40


def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, "ok", type(r).__name__)


cases = {
    "zlib.compress level": lambda v: zlib.compress(b"", v),
    "zlib.decompressobj wbits": lambda v: zlib.decompressobj(v),
    "locale.setlocale": lambda v: locale.setlocale(v),
    "sqlite3.enable_callback_tracebacks": lambda v: sqlite3.enable_callback_tracebacks(v),
    "termios.tcsetattr when": lambda v: termios.tcsetattr(0, v, []),
    "resource.getrlimit": lambda v: resource.getrlimit(v),
    "lzma.LZMACompressor format": lambda v: lzma.LZMACompressor(format=v),
    "lzma.LZMACompressor check": lambda v: lzma.LZMACompressor(check=v),
    "lzma.LZMADecompressor format": lambda v: lzma.LZMADecompressor(format=v),
    "bz2.BZ2Compressor level": lambda v: bz2.BZ2Compressor(v),
    "mmap.mmap fileno": lambda v: mmap.mmap(v, 1),
    "datetime.date year": lambda v: datetime.date(v, 1, 1),
    "datetime.time hour": lambda v: datetime.time(v),
    "syslog.openlog logoption": lambda v: syslog.openlog("x", v),
    "syslog.syslog priority": lambda v: syslog.syslog(v, "ferrython test"),
    "socket.getaddrinfo family": lambda v: socket.getaddrinfo("localhost", 1, v),
}
for label, f in cases.items():
    for v in (HUGE, BIG, -BIG, 1.5):
        show(f"{label} {v!r:.12}", lambda: f(v))
