# A connection caches its statements as CPython does: functools.lru_cache
# (cached_statements) around the connection itself, so a subclass's
# __call__ prepares what the cursor runs, a hit does not call it, and the
# connection is in a reference cycle: dropped unclosed, it is finalized
# (with its ResourceWarning) by the collector, not at once.
import gc
import sqlite3
import warnings


class Traced(sqlite3.Connection):
    def __call__(self, sql):
        print("prepare", repr(sql))
        return super().__call__(sql)


for size in (2, 0):
    cx = Traced(":memory:", cached_statements=size)
    for sql in ["select 1", "select 1", "select 2", "select 3", "select 1"]:
        print(size, cx.execute(sql).fetchone())
    cx.close()

cx = sqlite3.connect(":memory:")
print(type(cx("select 5")).__name__)
print([type(r).__name__ for r in gc.get_referents(cx) if "lru" in type(r).__name__])
cx.close()

gc.collect()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    cx = sqlite3.connect(":memory:")
    cx.execute("create table t(x)")
    del cx
    print("after del", len(caught))
    gc.collect()
    print("after collect", [(w.category.__name__, str(w.message).split(" in ")[0]) for w in caught])
