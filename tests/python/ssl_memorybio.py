# TLS between two ssl.SSLObjects over MemoryBIOs, moving the records by
# hand: handshake, data both ways, want-read errors, sessions, unwrap.
import os
import re
import ssl

CERTS = os.path.join(os.path.dirname(ssl.__file__), "test", "certdata")


def clean(text):
    return re.sub(r" \([\w.]+:\d+\)$", "", str(text))


server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
server_ctx.load_cert_chain(os.path.join(CERTS, "keycert3.pem"))
server_ctx.set_alpn_protocols(["b", "a"])
client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
client_ctx.load_verify_locations(os.path.join(CERTS, "pycacert.pem"))
client_ctx.set_alpn_protocols(["a", "c"])
client_ctx.maximum_version = ssl.TLSVersion.TLSv1_2


def pair(session=None):
    c_in, c_out, s_in, s_out = (ssl.MemoryBIO() for _ in range(4))
    client = client_ctx.wrap_bio(c_in, c_out, server_hostname="localhost", session=session)
    server = server_ctx.wrap_bio(s_in, s_out, server_side=True)
    return client, server, (c_in, c_out, s_in, s_out)


def pump(bios):
    c_in, c_out, s_in, s_out = bios
    moved = 0
    for src, dst in ((c_out, s_in), (s_out, c_in)):
        data = src.read()
        moved += len(data)
        dst.write(data)
    return moved


def handshake(client, server, bios):
    done = {client: False, server: False}
    steps = 0
    while not all(done.values()):
        for obj in (client, server):
            if done[obj]:
                continue
            try:
                obj.do_handshake()
                done[obj] = True
            except ssl.SSLWantReadError:
                pass
        pump(bios)
        steps += 1
    return steps


client, server, bios = pair()
print(type(client).__name__, client.server_side, server.server_side, client.server_hostname)
try:
    client.getpeercert()
except ValueError as e:
    print("ValueError", e)
print(client.version(), client.cipher(), client.session)
try:
    client.do_handshake()
except ssl.SSLWantReadError as e:
    print(type(e).__name__, e.errno, clean(e), e.library, e.reason)
pump(bios)
print(handshake(client, server, bios) > 0)
print(client.version(), server.version(), client.cipher()[0], client.selected_alpn_protocol(), server.selected_alpn_protocol())
print(client.getpeercert()["subject"][-1], server.getpeercert())
print(len(server.shared_ciphers()) > 0, all(len(c) == 3 for c in server.shared_ciphers()))
print(client.get_channel_binding() == server.get_channel_binding(), len(client.get_channel_binding()))
client.write(b"ping")
pump(bios)
print(server.pending(), server.read(2), server.pending(), server.read())
server.write(b"pong" * 1000)
pump(bios)
print(len(client.read(10000)))
buf = bytearray(8)
server.write(b"12345")
pump(bios)
print(client.read(8, buf), buf)
try:
    client.read(10)
except ssl.SSLWantReadError as e:
    print(type(e).__name__, clean(e))
session = client.session
print(type(session).__name__, session.has_ticket, len(session.id) > 0, session.timeout > 0, session == client.session)
try:
    client.session = session
except ValueError as e:
    print("ValueError", e)
try:
    server.session = session
except ValueError as e:
    print("ValueError", e)

# close_notify both ways.
try:
    client.unwrap()
except ssl.SSLWantReadError:
    pass
pump(bios)
try:
    server.read(10)
except ssl.SSLZeroReturnError as e:
    print(type(e).__name__, e.errno, clean(e))
server.unwrap()
pump(bios)
print(client.unwrap() is None)

print("-- resumed session")
client2, server2, bios2 = pair(session=session)
handshake(client2, server2, bios2)
print(client2.session_reused, server2.session_reused)

print("-- context errors")
try:
    client_ctx.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_side=True)
except ssl.SSLError as e:
    print(type(e).__name__, clean(e))
try:
    server_ctx.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_side=False)
except ssl.SSLError as e:
    print(type(e).__name__, clean(e))
try:
    client_ctx.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname=".bad")
except ValueError as e:
    print("ValueError", e)
try:
    client_ctx._wrap_bio(1, ssl.MemoryBIO(), False)
except TypeError as e:
    print("TypeError", e)

print("-- verification failure over BIOs")
other = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
c_in, c_out, s_in, s_out = (ssl.MemoryBIO() for _ in range(4))
client = other.wrap_bio(c_in, c_out, server_hostname="localhost")
server = server_ctx.wrap_bio(s_in, s_out, server_side=True)
for _ in range(5):
    try:
        client.do_handshake()
    except ssl.SSLWantReadError:
        pass
    except ssl.SSLCertVerificationError as e:
        print(e.verify_code, clean(e))
        break
    try:
        server.do_handshake()
    except ssl.SSLWantReadError:
        pass
    pump((c_in, c_out, s_in, s_out))
