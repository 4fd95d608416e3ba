# `__builtins__` of a namespace may be any mapping, not only a dict: name
# lookups, imports, class bodies, super(), and C code that looks up a
# builtin (iterator __reduce__) go through it.
import types


def attempt(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


code = compile("superglobal", "test", "eval")
attempt("proxy hit", lambda: eval(code, {"__builtins__": types.MappingProxyType({"superglobal": 1})}))
attempt("proxy miss", lambda: eval(code, {"__builtins__": types.MappingProxyType({})}))
attempt("not a mapping", lambda: eval(code, {"__builtins__": 5}))


class Missing(dict):
    def __missing__(self, key):
        return "missing:" + key


attempt("dict subclass __missing__", lambda: eval(code, {"__builtins__": Missing()}))


class Logging:
    def __init__(self, d):
        self.d = d
        self.seen = []

    def __getitem__(self, key):
        self.seen.append(key)
        return self.d[key]


logged = Logging({"len": len})
attempt("custom mapping", lambda: eval("len('abc')", {"__builtins__": logged}))
print("looked up", logged.seen)
attempt("custom mapping miss", lambda: eval("nope", {"__builtins__": logged}))
print("looked up", logged.seen)

imp = compile("import foo.bar", "test", "exec")
attempt("no __import__", lambda: exec(imp, {"__builtins__": types.MappingProxyType({})}))
ns = {"__builtins__": types.MappingProxyType({"__import__": lambda *args: args})}
exec(imp, ns)
print("custom __import__", ns["foo"][0], ns["foo"][3:])

reduce_code = compile("x.__reduce__()", "test", "eval")
attempt("reduce without iter", lambda: eval(reduce_code, {"__builtins__": types.MappingProxyType({}), "x": iter([1, 2])}))
attempt("reduce with iter", lambda: eval(reduce_code, {"__builtins__": types.MappingProxyType({"iter": iter}), "x": iter([1, 2])}))

attempt("class without __build_class__", lambda: exec("class C: pass", {"__builtins__": types.MappingProxyType({})}))
ns = {"__builtins__": types.MappingProxyType({"__build_class__": __build_class__, "super": super})}
exec("class A:\n    def f(self): return 'A'\nclass B(A):\n    def f(self): return 'B' + super().f()\nr = B().f()", ns)
print("class and super", ns["r"])
ns = {"__builtins__": types.MappingProxyType({"all": all, "any": any})}
attempt("all/any", lambda: eval("(all(()), any(()))", ns))
