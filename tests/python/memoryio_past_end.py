# BytesIO and StringIO positioned past the end: reading leaves the position
# alone, an empty write pads nothing, a real write pads with zeros; a
# closed object refuses __setstate__.
import io

for cls, buf, empty in ((io.BytesIO, b"1234567890", b""), (io.StringIO, "1234567890", "")):
    m = cls(buf)
    print(cls.__name__, m.seek(len(buf) + 1))
    print(repr(m.read()), m.tell(), repr(m.readline()), m.tell(), repr(m.read(3)), m.tell())
    print(m.write(empty), repr(m.getvalue()), m.tell())
    print(m.write(buf[:2]), repr(m.getvalue()), m.tell())
    m.seek(3)
    print(repr(m.read(2)), repr(m.readline()), m.tell())
    m.writelines([empty, empty])
    print(repr(m.getvalue()))
    m.close()
    state = (buf, 0, None) if cls is io.BytesIO else (buf, "\n", 0, None)
    try:
        m.__setstate__(state)
    except ValueError as e:
        print("ValueError", e)
