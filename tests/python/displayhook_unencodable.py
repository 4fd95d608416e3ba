# sys.displayhook shows a repr the output encoding cannot encode with the
# missing characters escaped (backslashreplace), as the interactive prompt
# does under PYTHONIOENCODING.
import os
import subprocess
import sys

text = "a=\xe9 b=\udc80 c=\U00010000 d=\U0010ffff"
for encoding in ("ascii", "latin-1", "utf-8"):
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    r = subprocess.run([sys.executable, "-i", "-q"], input=ascii(text).encode("ascii") + b"\n",
                       capture_output=True, env=env)
    print(encoding, r.returncode, r.stdout)
