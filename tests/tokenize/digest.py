# Prints one line per file named on stdin: the file, its number of tokens
# and a digest of the token stream (type, string, start, end, line) as
# tokenize.tokenize gives it; or the error it raises.
import hashlib
import sys
import tokenize

for path in sys.stdin.read().split():
    h = hashlib.md5()
    n = 0
    try:
        with open(path, "rb") as f:
            for t in tokenize.tokenize(f.readline):
                h.update(repr(tuple(t)).encode("utf-8", "surrogatepass"))
                n += 1
        print(path, n, h.hexdigest())
    except Exception as e:
        print(path, n, type(e).__name__, e)
