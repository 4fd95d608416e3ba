# The sqlite3 package over the _sqlite3 module: schema, queries, types,
# Row, placeholders, transactions, user functions, adapters/converters,
# errors, iterdump, backup and blob I/O.
import datetime
import sqlite3
import warnings


def show_error(f):
    try:
        f()
    except Exception as e:
        print(" ", type(e).__name__, e)
    else:
        print("  no error")


print(sqlite3.paramstyle, sqlite3.apilevel, sqlite3.threadsafety)
print(sqlite3.PARSE_DECLTYPES, sqlite3.PARSE_COLNAMES, sqlite3.LEGACY_TRANSACTION_CONTROL)
print(sqlite3.SQLITE_OK, sqlite3.SQLITE_DENY, sqlite3.SQLITE_CONSTRAINT_UNIQUE)
print(type(sqlite3.sqlite_version_info), len(sqlite3.sqlite_version_info))
print(sqlite3.complete_statement("select 1;"), sqlite3.complete_statement("select 1"))
for name in ["Warning", "Error", "InterfaceError", "DatabaseError", "DataError",
             "OperationalError", "IntegrityError", "InternalError",
             "ProgrammingError", "NotSupportedError"]:
    cls = getattr(sqlite3, name)
    print(name, cls.__module__, [b.__name__ for b in cls.__mro__[1:-2]])

# --- schema, inserts, types round trip
con = sqlite3.connect(":memory:")
print(type(con).__name__, con.isolation_level == "", con.in_transaction, con.autocommit)
cur = con.cursor()
cur.execute("create table t(id integer primary key, name text, val real, data blob, n int)")
print(cur.description, cur.rowcount)
values = [
    ("a", 1.5, b"\x00\x01\xff", 2**63 - 1),
    ("é ünïcode", -0.0, bytearray(b"ba"), -(2**63)),
    (None, 1e300, memoryview(b"mv"), 0),
    ("", float("inf"), b"", True),
]
cur.executemany("insert into t(name, val, data, n) values (?, ?, ?, ?)", values)
print("rowcount", cur.rowcount, "lastrowid", cur.lastrowid)
cur.execute("insert into t(name) values (?)", ("last",))
print("rowcount", cur.rowcount, "lastrowid", cur.lastrowid)
for row in cur.execute("select * from t order by id"):
    print(row)
print([d[0] for d in cur.description])
print(cur.execute("select typeof(val), typeof(data), typeof(n) from t where id = 2").fetchone())
show_error(lambda: cur.execute("insert into t(n) values (?)", (2**63,)))
show_error(lambda: cur.execute("insert into t(n) values (?)", (object(),)))
show_error(lambda: cur.execute("insert into t(n) values (?)", ({},)))

# --- fetch variants and iteration
cur.execute("select id from t order by id")
print(cur.fetchone(), cur.fetchmany(2), cur.fetchall(), cur.fetchone())
cur.arraysize = 3
print(cur.execute("select id from t order by id").fetchmany())
print(list(con.execute("select 1 union select 2")))

# --- placeholders
print(con.execute("select ?, ?", (1, "x")).fetchone())
print(con.execute("select :a, :b", {"a": 1, "b": 2}).fetchone())
print(con.execute("select ?2, ?1", [10, 20]).fetchone())
show_error(lambda: con.execute("select ?", (1, 2)))
show_error(lambda: con.execute("select :a", {"b": 1}))
show_error(lambda: con.execute("select ?", {"a": 1}))
show_error(lambda: con.execute("select ?", 42))
show_error(lambda: con.execute("select 1; select 2"))
show_error(lambda: con.execute(42))
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(con.execute("select :a", (5,)).fetchone())
    print([(x.category.__name__, str(x.message)) for x in w])
print(con.executemany("insert into t(n) values (?)", ((i,) for i in range(3))).rowcount)
show_error(lambda: con.executemany("select ?", [(1,)]))

# --- Row
con.row_factory = sqlite3.Row
r = con.execute("select 1 as One, 'two' as two, null as three").fetchone()
print(type(r).__name__, r.keys(), len(r), r[0], r[-1], r["one"], r["TWO"], r[1:])
print(tuple(r), list(r), r == con.execute("select 1 as One, 'two' as two, null as three").fetchone())
print(hash(r) == hash(con.execute("select 1 as One, 'two' as two, null as three").fetchone()))
show_error(lambda: r["nope"])
show_error(lambda: r[5])
show_error(lambda: r[1.0])
con.row_factory = None
cur.row_factory = lambda c, row: {d[0]: v for d, v in zip(c.description, row)}
print(cur.execute("select 1 as x, 2 as y").fetchall())
cur.row_factory = None
con.text_factory = bytes
print(con.execute("select 'abc'").fetchone())
con.text_factory = lambda b: b.decode().upper()
print(con.execute("select 'abc'").fetchone())
con.text_factory = str
print(con.execute("select cast(x'ff' as text)").fetchone() if False else "skip")

# --- transactions
con.commit()
print("in_transaction", con.in_transaction)
con.execute("insert into t(name) values ('tx')")
print("in_transaction", con.in_transaction)
con.rollback()
print(con.execute("select count(*) from t where name = 'tx'").fetchone())
with con:
    con.execute("insert into t(name) values ('ctx')")
print(con.in_transaction, con.execute("select count(*) from t where name = 'ctx'").fetchone())
try:
    with con:
        con.execute("insert into t(name) values ('ctx2')")
        raise ValueError("boom")
except ValueError as e:
    print("ValueError", e)
print(con.execute("select count(*) from t where name = 'ctx2'").fetchone())
con.isolation_level = None
con.execute("insert into t(name) values ('auto')")
print("autocommit mode", con.in_transaction, con.isolation_level)
con.isolation_level = "deferred"
print(con.isolation_level)
show_error(lambda: setattr(con, "isolation_level", "bogus"))
show_error(lambda: setattr(con, "isolation_level", 1))

ac = sqlite3.connect(":memory:", autocommit=False)
print("autocommit False", ac.autocommit, ac.in_transaction)
ac.execute("create table x(y)")
ac.rollback()
print(ac.execute("select count(*) from sqlite_master").fetchone(), ac.in_transaction)
ac.autocommit = True
print(ac.autocommit, ac.in_transaction)
show_error(lambda: setattr(ac, "autocommit", 2))
ac.close()

# --- user functions, aggregates, collations, window functions
con.create_function("twice", 1, lambda x: x * 2, deterministic=True)
print(con.execute("select twice(21), twice('ab'), twice(null)").fetchone() if False else
      con.execute("select twice(21), twice('ab')").fetchone())
con.create_function("boom", 0, lambda: 1 / 0)
show_error(lambda: con.execute("select boom()").fetchone())
con.create_function("badret", 0, lambda: [1])
show_error(lambda: con.execute("select badret()").fetchone())
con.create_function("big", 0, lambda: 2**70)
show_error(lambda: con.execute("select big()").fetchone())
con.create_function("args", -1, lambda *a: repr(a))
print(con.execute("select args(1, 2.5, 'x', x'00', null)").fetchone())


class Sum:
    def __init__(self):
        self.total = 0

    def step(self, v):
        self.total += v

    def finalize(self):
        return self.total


class BadStep(Sum):
    def step(self, v):
        raise RuntimeError("step")


class BadFinal(Sum):
    def finalize(self):
        raise RuntimeError("finalize")


class WinSum(Sum):
    def value(self):
        return self.total

    def inverse(self, v):
        self.total -= v


con.create_aggregate("mysum", 1, Sum)
con.create_aggregate("badstep", 1, BadStep)
con.create_aggregate("badfinal", 1, BadFinal)
print(con.execute("select mysum(n) from (select 1 as n union select 2 union select 3)").fetchone())
print(con.execute("select mysum(n) from (select 1 as n) where n > 5").fetchone())
show_error(lambda: con.execute("select badstep(n) from (select 1 as n)").fetchone())
show_error(lambda: con.execute("select badfinal(n) from (select 1 as n)").fetchone())
con.create_window_function("winsum", 1, WinSum)
print(con.execute("""select x, winsum(x) over (order by x rows between 1 preceding and 1 following)
                     from (select 1 as x union select 2 union select 3 union select 4)""").fetchall())
con.create_collation("rev", lambda a, b: (a < b) - (a > b))
print(con.execute("select x from (select 'a' as x union select 'c' union select 'b') order by x collate rev").fetchall())
show_error(lambda: con.create_collation("bad", 42))
con.create_collation("rev", None)
show_error(lambda: con.execute("select 'a' order by 1 collate rev"))

# --- authorizer, progress handler, trace callback
traced = []
con.set_trace_callback(traced.append)
con.execute("select 1 + ?", (41,))
con.set_trace_callback(None)
con.execute("select 2")
print(traced)


def deny_secret(action, arg1, arg2, db, source):
    if action == sqlite3.SQLITE_READ and arg2 == "name":
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


con.set_authorizer(deny_secret)
show_error(lambda: con.execute("select name from t"))
con.set_authorizer(None)
print(con.execute("select count(name) from t").fetchone())
calls = []
con.set_progress_handler(lambda: calls.append(1) or 1, 1)
show_error(lambda: con.execute("select count(*) from t a, t b").fetchone())
con.set_progress_handler(None, 1)
print(bool(calls))

# --- adapters and converters
class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


sqlite3.register_adapter(Point, lambda p: f"{p.x};{p.y}")
sqlite3.register_converter("point", lambda b: Point(*map(float, b.split(b";"))))
dc = sqlite3.connect(":memory:", detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
dc.execute("create table p(pt point, d date, ts timestamp)")
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    dc.execute("insert into p values (?, ?, ?)",
               (Point(1, 2), datetime.date(2024, 2, 29), datetime.datetime(2024, 1, 2, 3, 4, 5, 600)))
    print(dc.execute("select * from p").fetchone())
    print(sorted({x.category.__name__ for x in w}))
print(dc.execute('select pt as "p [point]", pt from p').fetchone())
print(dc.execute('select pt as "p [point]" from p').description[0][0])


class Conform:
    def __conform__(self, proto):
        return "conformed" if proto is sqlite3.PrepareProtocol else None


print(dc.execute("select ?", (Conform(),)).fetchone())
print(sqlite3.adapt(Point(3, 4)), sqlite3.adapt(5, sqlite3.PrepareProtocol, "alt"))
show_error(lambda: sqlite3.adapt(object()))
dc.close()

# --- errors with their types, codes and messages
con.execute("create table u(k unique not null)")
con.execute("insert into u values (1)")
for sql in ["insert into u values (1)", "insert into u values (null)", "select * from missing",
            "selec 1"]:
    try:
        con.execute(sql)
    except sqlite3.Error as e:
        print(type(e).__name__, e, e.sqlite_errorcode, e.sqlite_errorname)
closed = sqlite3.connect(":memory:")
ccur = closed.cursor()
closed.close()
closed.close()
show_error(lambda: closed.execute("select 1"))
show_error(lambda: ccur.execute("select 1"))
c2 = con.cursor()
c2.close()
show_error(lambda: c2.execute("select 1"))
show_error(lambda: con.execute("select 1").fetchone() and sqlite3.Cursor(42))
show_error(lambda: sqlite3.connect(":memory:", isolation_level="nope"))

# --- executescript, iterdump, backup
con.executescript("""
    create table s(a, b);
    insert into s values (1, 'one');
    insert into s values (2, 'it''s');
""")
for line in con.iterdump():
    if "TABLE s" in line or '"s"' in line:
        print(line)
target = sqlite3.connect(":memory:")
pages = []
con.backup(target, pages=1, progress=lambda status, remaining, total: pages.append(status))
print(target.execute("select * from s").fetchall(), bool(pages))
show_error(lambda: con.backup(con))
show_error(lambda: con.backup(42))
data = con.serialize()
fresh = sqlite3.connect(":memory:")
fresh.deserialize(data)
print(fresh.execute("select count(*) from s").fetchone())
print(con.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) > 0,
      con.setlimit(sqlite3.SQLITE_LIMIT_ATTACHED, 1) >= 1, con.getlimit(sqlite3.SQLITE_LIMIT_ATTACHED))
show_error(lambda: con.getlimit(1234))
print(con.getconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_FKEY),
      con.setconfig(sqlite3.SQLITE_DBCONFIG_ENABLE_FKEY, True))
show_error(lambda: con.getconfig(-1))
print(con.total_changes > 0)

# --- blob I/O
con.execute("create table b(data blob)")
con.execute("insert into b values (zeroblob(10))")
with con.blobopen("b", "data", 1) as blob:
    print(len(blob), blob.tell())
    blob.write(b"hello")
    print(blob.tell(), blob[0], blob[-1], blob[0:5], blob[::2])
    blob.seek(0)
    print(blob.read(3), blob.read(), blob.tell())
    blob[5] = 33
    blob[6:8] = b"ab"
    blob.seek(-4, 2)
    print(blob.read())
    show_error(lambda: blob.write(b"x" * 20))
    show_error(lambda: blob.seek(100))
    show_error(lambda: blob[10])
    show_error(lambda: blob.__setitem__(0, 256))
    show_error(lambda: blob.__delitem__(0))
print(con.execute("select data from b").fetchone())
show_error(lambda: blob.read())
ro = con.blobopen("b", "data", 1, readonly=True)
show_error(lambda: ro.write(b"z"))
ro.close()
show_error(lambda: con.blobopen("b", "nocol", 1))

con.close()
target.close()
fresh.close()
print("done")
