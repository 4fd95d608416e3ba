# _pickle.Unpickler reading from a file: a text opcode whose line has no
# newline at the end of the data is "pickle data was truncated"
# (UnpicklingError), as with loads(); an empty file is EOFError.
import _pickle
import io

for data in [b"", b"N", b"F0.0", b"F0.00", b"L10", b"L0L", b"L10L", b"I1", b"Vabc",
             b"Sabc", b"(cbuiltins\nlist", b"(ibuiltins\nlist", b"cbuiltins\nlis",
             b"(lp0", b"F1.5\n."]:
    for load in (lambda d: _pickle.Unpickler(io.BytesIO(d)).load(), _pickle.loads):
        try:
            print(repr(data), repr(load(data)))
        except Exception as e:
            print(repr(data), type(e).__name__, e)
