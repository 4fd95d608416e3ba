# TLS over sockets: a server thread with the test certificates of CPython's
# Lib/test/certdata, clients that verify it, fail verification, mismatch
# the hostname, negotiate ALPN and time out.
import os
import re
import socket
import ssl
import sys
import threading

CERTS = os.path.join(os.path.dirname(ssl.__file__), "test", "certdata")
SIGNED = os.path.join(CERTS, "keycert3.pem")  # localhost, signed by pycacert
OTHER = os.path.join(CERTS, "keycert4.pem")  # fakehostname, same CA
CA = os.path.join(CERTS, "pycacert.pem")


def clean(text):
    """Drops the source location both runtimes append to messages."""
    text = re.sub(r" \([\w.]+:\d+\)$", "", str(text))
    return re.sub(r"^[\w.]+:\d+: ", "", text)


def serve(certfile, alpn=None, rounds=1):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(certfile)
    if alpn:
        ctx.set_alpn_protocols(alpn)
    lsock = socket.socket()
    lsock.bind(("127.0.0.1", 0))
    lsock.listen(5)
    log = []

    def run():
        for _ in range(rounds):
            conn, _ = lsock.accept()
            try:
                with ctx.wrap_socket(conn, server_side=True) as s:
                    log.append(("server alpn", s.selected_alpn_protocol()))
                    while True:
                        data = s.recv(1024)
                        if not data:
                            break
                        s.sendall(data.upper())
            except (ssl.SSLError, OSError) as e:
                log.append(("server error", type(e).__name__))
        lsock.close()

    t = threading.Thread(target=run)
    t.start()
    return lsock.getsockname()[1], t, log


def client_ctx(ca=True, alpn=None):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if ca:
        ctx.load_verify_locations(CA)
    if alpn:
        ctx.set_alpn_protocols(alpn)
    return ctx


print("-- verified connection")
port, t, log = serve(SIGNED, alpn=["h2", "http/1.1"])
ctx = client_ctx(alpn=["http/1.1", "spdy"])
with socket.create_connection(("127.0.0.1", port)) as raw:
    with ctx.wrap_socket(raw, server_hostname="localhost") as s:
        print(s.version(), s.cipher()[1], s.selected_alpn_protocol())
        print(s.server_hostname, s.server_side, s.context is ctx)
        cert = s.getpeercert()
        for k in sorted(cert):
            print(" ", k, cert[k])
        der = s.getpeercert(binary_form=True)
        print(ssl.DER_cert_to_PEM_cert(der) == open(SIGNED).read()[open(SIGNED).read().index("-----BEGIN CERTIFICATE"):])
        s.sendall(b"hello tls")
        print(s.recv(100))
        print(s.pending())
        print(len(s.get_channel_binding("tls-unique") or b""))
        print([c.get_info()["subject"] for c in s._sslobj.get_verified_chain()])
t.join()
print(log)

print("-- unknown CA")
port, t, log = serve(SIGNED)
with socket.create_connection(("127.0.0.1", port)) as raw:
    try:
        client_ctx(ca=False).wrap_socket(raw, server_hostname="localhost")
    except ssl.SSLCertVerificationError as e:
        print(type(e).__name__, isinstance(e, ValueError), e.errno)
        print(e.library, e.reason, e.verify_code, e.verify_message)
        print(clean(e))
t.join()
print(log)

print("-- hostname mismatch")
port, t, log = serve(OTHER)
with socket.create_connection(("127.0.0.1", port)) as raw:
    try:
        client_ctx().wrap_socket(raw, server_hostname="localhost")
    except ssl.SSLCertVerificationError as e:
        print(e.verify_code, e.verify_message)
        print(clean(e))
t.join()

print("-- no check_hostname, CERT_NONE")
port, t, log = serve(OTHER)
ctx = client_ctx(ca=False)
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
with socket.create_connection(("127.0.0.1", port)) as raw:
    with ctx.wrap_socket(raw) as s:
        print(s.getpeercert(), len(s.getpeercert(True)) > 100)
        s.sendall(b"x")
        print(s.recv(10))
t.join()

print("-- handshake timeout")
lsock = socket.socket()
lsock.bind(("127.0.0.1", 0))
lsock.listen(1)
with socket.create_connection(lsock.getsockname()) as raw:
    raw.settimeout(0.2)
    try:
        client_ctx().wrap_socket(raw, server_hostname="localhost")
    except TimeoutError as e:
        print(type(e).__name__, clean(e))
lsock.close()

print("-- peer closes cleanly during handshake")
lsock = socket.socket()
lsock.bind(("127.0.0.1", 0))
lsock.listen(1)


def close_at_once():
    c, _ = lsock.accept()
    c.recv(65536)
    c.shutdown(socket.SHUT_RDWR)
    c.close()


t = threading.Thread(target=close_at_once)
t.start()
with socket.create_connection(lsock.getsockname()) as raw:
    try:
        client_ctx().wrap_socket(raw, server_hostname="localhost")
    except ssl.SSLEOFError as e:
        print(type(e).__name__, e.errno, e.library, e.reason, clean(e))
t.join()
lsock.close()
sys.stdout.flush()
