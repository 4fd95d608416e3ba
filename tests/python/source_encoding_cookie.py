# PEP 263 coding cookies naming codecs other than UTF-8 and Latin-1 decode
# the source through the codec registry, for compile()/exec() of bytes,
# for imported modules and for a script run from a file; unknown or
# unusable encodings are SyntaxErrors worded as CPython's.
import os
import subprocess
import sys
import tempfile

sources = [
    b"# -*- coding: cp1252 -*-\nx = '\x80\xe9'\n",
    b"# vim: set fileencoding=koi8-r :\nx = '\xc1\xc2'\n",
    b"#!/usr/bin/env python\n# coding=iso-8859-15\nx = '\xa4'\n",
    b"# coding: latin-1\nx = '\xe9'\n",
    b"# coding: utf-8\nx = '\xc3\xa9'\n",
    b"# coding: cp1252\n# \x80\n# coding: ascii\nx = '\x80'\n",
    b"# coding: nope\nx = 1\n",
    b"# coding: ascii\nx = '\xe9'\n",
    b"# coding: cp1252\nx = '\x81'\n",
    b"# coding: rot13\nx = 1\n",
    b"# coding: utf-16\nx = 1\n",
    b"\xef\xbb\xbf# coding: cp1252\nx = 1\n",
    b"\xef\xbb\xbf# coding: utf-8\nx = '\xc3\xa9'\n",
    b"\xef\xbb\xbf# coding: utf8\nx = 1\n",
    # With a BOM, the message names the codec as the tokenizer normalizes it.
    b"\xef\xbb\xbf# coding: latin-1\nx = 1\n",
    b"\xef\xbb\xbf# coding: Latin_1-x\nx = 1\n",
    b"\xef\xbb\xbf# coding: ISO_8859_1\nx = 1\n",
    b"\xef\xbb\xbf# coding: iso-latin-1-foo-bar\nx = 1\n",
    b"\xef\xbb\xbf# coding: UTF_8\nx = 1\n",
    b"# coding: utf8\nx = '\xc3\xa9'\n",
    b"x = '''\r\n\r\r'''\r\n",
]
for src in sources:
    try:
        ns = {}
        exec(compile(src, "f.py", "exec"), ns)
        print("compile", ascii(ns["x"]))
    except SyntaxError as e:
        print("compile", type(e).__name__, e.msg, e.args[1:])
    try:
        ns = {}
        exec(src, ns)
        print("exec", ascii(ns["x"]))
    except SyntaxError as e:
        print("exec", type(e).__name__, e.msg, e.args[1:])

with tempfile.TemporaryDirectory() as d:
    with open(os.path.join(d, "cp1252_mod.py"), "wb") as f:
        f.write(b"# -*- coding: cp1252 -*-\nvalue = '\x80 \x93quoted\x94'\n")
    with open(os.path.join(d, "ascii_mod.py"), "wb") as f:
        f.write(b"# coding: ascii\nvalue = '\xe9'\n")
    sys.path.insert(0, d)
    try:
        import cp1252_mod
        print("import", ascii(cp1252_mod.value))
        try:
            import ascii_mod
        except SyntaxError as e:
            print("import", type(e).__name__, e.msg, e.lineno)
    finally:
        sys.path.remove(d)
    scripts = {
        "cp1252": b"# -*- coding: cp1252 -*-\nprint(ascii('\x80\xe9'))\n",
        "koi8": b"# coding: koi8-r\nprint(ascii('\xc1'))\n",
        "unknown": b"# coding: nope\nprint(1)\n",
        "undecodable": b"# coding: cp1252\nprint('\x81')\n",
        "bom": b"\xef\xbb\xbf# coding: cp1252\nprint(1)\n",
        "bom_latin1": b"\xef\xbb\xbf# coding: latin-1\nprint(1)\n",
        "not_utf8": b"print(1)\nprint('''\n\xb1''')\n",
    }
    for name, text in scripts.items():
        path = os.path.join(d, name + ".py")
        with open(path, "wb") as f:
            f.write(text)
        r = subprocess.run([sys.executable, path], capture_output=True)
        err = r.stderr.decode().strip().splitlines()
        last = [e.replace(d, "DIR") for e in err[-1:]]
        print("script", name, r.returncode, r.stdout.decode().strip(), last)
