# A TLS 1.2 session taken from a connection that was dropped without a
# close_notify can still be resumed: the SSL object is marked shut down
# before it is freed (CPython 3.13's PySSL_dealloc), else OpenSSL would mark
# the session not resumable. Memory BIOs, no sockets.
import gc
import os
import ssl

CERTS = os.path.join(os.path.dirname(ssl.__file__), "test", "certdata")

server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
server_ctx.load_cert_chain(os.path.join(CERTS, "keycert3.pem"))
client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
client_ctx.load_verify_locations(os.path.join(CERTS, "pycacert.pem"))
client_ctx.maximum_version = ssl.TLSVersion.TLSv1_2


def connect(session=None):
    """A handshake through memory BIOs; the objects are dropped unclosed."""
    c_in, c_out, s_in, s_out = (ssl.MemoryBIO() for _ in range(4))
    client = client_ctx.wrap_bio(c_in, c_out, server_hostname="localhost", session=session)
    server = server_ctx.wrap_bio(s_in, s_out, server_side=True)
    for _ in range(10):
        for end in (client, server):
            try:
                end.do_handshake()
            except ssl.SSLWantReadError:
                pass
        if c_out.pending:
            s_in.write(c_out.read())
        if s_out.pending:
            c_in.write(s_out.read())
    client.write(b"ping")
    s_in.write(c_out.read())
    assert server.read(4) == b"ping"
    return client.session, client.session_reused, server.session_reused


first, reused, server_reused = connect()
gc.collect()
print("first:", reused, server_reused, len(first.id), first.has_ticket)
stats = server_ctx.session_stats()
print("accept", stats["accept"], "hits", stats["hits"])

second, reused, server_reused = connect(first)
gc.collect()
print("second:", reused, server_reused, second.id == first.id, second == first)
stats = server_ctx.session_stats()
print("accept", stats["accept"], "hits", stats["hits"])

third, reused, server_reused = connect()
print("fresh:", reused, third.id != first.id)
fourth, reused, server_reused = connect(first)
print("again:", reused, server_reused, fourth.id == first.id)
stats = server_ctx.session_stats()
print("accept", stats["accept"], "hits", stats["hits"])
