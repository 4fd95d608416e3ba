# The logging package: basicConfig to a stream, levels, formatters,
# handlers and filters, the logger hierarchy and exception logging.
import io
import logging
import sys

stream = io.StringIO()
logging.basicConfig(stream=stream, level=logging.INFO,
                    format="%(levelname)s:%(name)s:%(message)s")
root = logging.getLogger()
print(root, root.level, logging.getLevelName(root.level), len(root.handlers))
logging.debug("hidden %d", 1)
logging.info("info %s", "shown")
logging.warning("warn %r", [1, 2])
logging.error("error")
logging.critical("critical %(x)s", {"x": "dict arg"})
logging.log(25, "level twenty-five")
print(stream.getvalue(), end="")
print("basicConfig again:", logging.basicConfig(level=logging.DEBUG), root.level)

print("== levels ==")
print(logging.getLevelName(10), logging.getLevelName("ERROR"), logging.getLevelName(33))
logging.addLevelName(33, "NOTICE")
print(logging.getLevelName(33), logging.getLevelName("NOTICE"))
print(logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL, logging.NOTSET)
print(sorted(logging.getLevelNamesMapping().items())[:4])

print("== hierarchy ==")
a = logging.getLogger("app")
ab = logging.getLogger("app.db")
abc = logging.getLogger("app.db.pool")
print(a, ab.parent is a, abc.parent is ab, a.parent is root)
print(logging.getLogger("app.db") is ab, ab.name, abc.getChild("x").name)
print(ab.getEffectiveLevel(), ab.isEnabledFor(logging.DEBUG))
a.setLevel(logging.WARNING)
print(ab.getEffectiveLevel(), ab.isEnabledFor(logging.INFO), ab.level)
show = io.StringIO()
h = logging.StreamHandler(show)
h.setFormatter(logging.Formatter("[%(name)s] %(levelname)-8s| %(message)s"))
a.addHandler(h)
ab.warning("from db")
abc.error("from pool")
ab.info("filtered by app level")
a.propagate = False
abc.critical("not propagated to root")
print(show.getvalue(), end="")
print(repr(stream.getvalue().splitlines()[-1]))
lateral = logging.getLogger("other.child")
middle = logging.getLogger("other")
print(lateral.parent is middle, middle.parent is root)
print(sorted(k for k in logging.Logger.manager.loggerDict if not k.startswith("concurrent")))

print("== formatters ==")
rec = logging.LogRecord("fmt", logging.INFO, "/path/to/file.py", 42,
                        "hello %s and %d", ("world", 7), None, func="fn")
print(rec.getMessage(), rec.levelname, rec.lineno, rec.filename, rec.module, rec.funcName)
for fmt, style in [("%(name)s|%(levelno)d|%(message)s", "%"),
                   ("{name}|{levelname:>6}|{message}", "{"),
                   ("$name|$levelname|$message", "$")]:
    print(logging.Formatter(fmt, style=style).format(rec))
f = logging.Formatter("%(asctime)s %(message)s", datefmt="%Y")
f.converter = lambda t: (2020, 1, 2, 3, 4, 5, 3, 2, 0)
print(f.format(rec))
try:
    logging.Formatter("%(message)s", style="!")
except ValueError as e:
    print("ValueError:", e)
try:
    logging.Formatter("{missing", style="{")
except ValueError as e:
    print("ValueError:", e)
bf = logging.BufferingFormatter(logging.Formatter("<%(message)s>"))
print(bf.format([rec, rec]))

print("== filters ==")
fstream = io.StringIO()
fh = logging.StreamHandler(fstream)
fh.setFormatter(logging.Formatter("%(name)s:%(message)s"))
flog = logging.getLogger("filt")
flog.propagate = False
flog.addHandler(fh)
fh.addFilter(logging.Filter("filt.keep"))
flog.getChild("keep").warning("kept")
flog.getChild("drop").warning("dropped")
flog.getChild("keep.sub").warning("kept too")


def only_odd(record):
    return record.msg.count("x") % 2 == 1


flog.addFilter(only_odd)
flog.warning("x")
flog.warning("xx")
fh.filters.clear()
flog.warning("xxx")
flog.warning("xxxx")


class Upper(logging.Filter):
    def filter(self, record):
        record.msg = record.msg.upper()
        return True


fh.addFilter(Upper())
flog.warning("x lower")
print(fstream.getvalue(), end="")

print("== exceptions ==")
estream = io.StringIO()
eh = logging.StreamHandler(estream)


class ShortExc(logging.Formatter):
    # The traceback text comes from the traceback module (it needs
    # tokenize); the exception logging around it is what is checked here.
    def formatException(self, ei):
        return f"{ei[0].__name__}: {ei[1]} (traceback: {ei[2] is not None})"


eh.setFormatter(ShortExc("%(levelname)s %(message)s"))
elog = logging.getLogger("exc")
elog.propagate = False
elog.addHandler(eh)
try:
    {}["nope"]
except KeyError:
    elog.exception("lookup failed for %s", "nope")
try:
    1 / 0
except ZeroDivisionError as e:
    elog.error("with exc_info", exc_info=e)
    elog.warning("stack", stack_info=False)
elog.error("no exception", exc_info=False)
lines = estream.getvalue().splitlines()
print(lines)


class BadStr:
    def __str__(self):
        raise RuntimeError("bad str")


errs = []
old = logging.raiseExceptions
logging.Handler.handleError = lambda self, record: errs.append(record.msg)
elog.warning("%s", BadStr())
print(len(errs))

print("== handlers ==")


class MemoryHandler(logging.Handler):
    # logging.handlers imports socket, which is not here yet.
    def __init__(self, capacity, target):
        super().__init__()
        self.capacity, self.target, self.buffer = capacity, target, []

    def emit(self, record):
        self.buffer.append(record)
        if len(self.buffer) >= self.capacity:
            self.flush()

    def flush(self):
        with self.lock:
            for record in self.buffer:
                self.target.handle(record)
            self.buffer.clear()


mh = MemoryHandler(capacity=3, target=logging.StreamHandler(sys.stdout))
mh.target.setFormatter(logging.Formatter("mem: %(message)s"))
mlog = logging.getLogger("mem")
mlog.propagate = False
mlog.addHandler(mh)
mlog.warning("one")
mlog.warning("two")
print("buffered", len(mh.buffer))
mlog.warning("three")
print("after flush", len(mh.buffer))
mh.close()
nh = logging.NullHandler()
logging.getLogger("null").addHandler(nh)
logging.getLogger("null").error("into the void")
print(h.level, h.name, repr(h).startswith("<StreamHandler"), logging.getHandlerNames() is not None)


class ListHandler(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.records = []

    def emit(self, record):
        self.records.append(self.format(record))


lh = ListHandler()
lh.setFormatter(logging.Formatter("%(levelname)s %(message)s %(extra_field)s"))
llog = logging.getLogger("list")
llog.propagate = False
llog.setLevel(logging.DEBUG)
llog.addHandler(lh)
llog.debug("below handler level", extra={"extra_field": 0})
llog.info("hello", extra={"extra_field": 1})
try:
    llog.info("clash", extra={"message": 2})
except KeyError as e:
    print("KeyError:", e)
print(lh.records)
llog.removeHandler(lh)
llog.info("gone", extra={"extra_field": 3})
print(len(lh.records), llog.hasHandlers(), logging.getLogger("app.db").hasHandlers())
adapter = logging.LoggerAdapter(llog, {"extra_field": "adapted"})
llog.addHandler(lh)
adapter.warning("via adapter")
print(lh.records[-1], adapter.getEffectiveLevel())
logging.disable(logging.CRITICAL)
llog.critical("disabled")
logging.disable(logging.NOTSET)
llog.critical("enabled", extra={"extra_field": "x"})
print(lh.records[-1], len(lh.records))
print(logging.getLoggerClass().__name__, logging.root is root, logging.lastResort.level)
logging.shutdown()
print("shut down")
