# The callbacks of SSLContext over MemoryBIO pairs: SNI (switching the
# context, failing, raising), the message callback, the key log file,
# post-handshake client authentication; and curves and DH parameters.
import os
import re
import ssl
import sys
import tempfile

CERTS = os.path.join(os.path.dirname(ssl.__file__), "test", "certdata")
CA = os.path.join(CERTS, "pycacert.pem")


def clean(text):
    return re.sub(r" \([\w.]+:\d+\)$", "", str(text))


def server_context(cert="keycert3.pem"):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(os.path.join(CERTS, cert))
    return ctx


def client_context(hostname_check=True):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(CA)
    ctx.check_hostname = hostname_check
    return ctx


def connect(cctx, sctx, hostname="localhost"):
    bios = [ssl.MemoryBIO() for _ in range(4)]
    client = cctx.wrap_bio(bios[0], bios[1], server_hostname=hostname)
    server = sctx.wrap_bio(bios[2], bios[3], server_side=True)
    done = {client: False, server: False}
    error = None
    for _ in range(10):
        for obj in (client, server):
            if done[obj]:
                continue
            try:
                obj.do_handshake()
                done[obj] = True
            except ssl.SSLWantReadError:
                pass
            except ssl.SSLError as e:
                error = error or (obj is server and "server" or "client", type(e).__name__, clean(e))
        bios[2].write(bios[1].read())
        bios[0].write(bios[3].read())
        if error or all(done.values()):
            break
    return client, server, bios, error


def exchange(client, server, bios, data=b"data"):
    client.write(data)
    bios[2].write(bios[1].read())
    try:
        got = server.read(100)
    except ssl.SSLWantReadError:
        got = None
    bios[0].write(bios[3].read())
    return got


print("-- SNI")
seen = []
sctx = server_context("keycert4.pem")  # fakehostname
other = server_context("keycert3.pem")  # localhost


def sni(sslobj, name, ctx):
    seen.append((type(sslobj).__name__, name, ctx is sctx))
    if name == "localhost":
        sslobj.context = other


sctx.sni_callback = sni
print(sctx.sni_callback is sni)
client, server, bios, error = connect(client_context(), sctx)
print(seen, error, server.context is other, client.getpeercert()["subject"][-1])
seen.clear()
client, server, bios, error = connect(client_context(False), sctx, hostname=None)
print(seen, error)
sctx.sni_callback = lambda s, n, c: ssl.ALERT_DESCRIPTION_ACCESS_DENIED
print(connect(client_context(), sctx)[3])
old_hook = sys.unraisablehook
caught = []
sys.unraisablehook = lambda u: caught.append(u.exc_type.__name__)
sctx.sni_callback = lambda s, n, c: 1 / 0
print(connect(client_context(), sctx)[3], caught)
sys.unraisablehook = old_hook
sctx.sni_callback = None
print(sctx.sni_callback)
try:
    sctx.sni_callback = 3
except TypeError as e:
    print("TypeError", e)
try:
    client_context().sni_callback = sni
except ValueError as e:
    print("ValueError", e)

print("-- message callback")
msgs = []
cctx = client_context()
cctx._msg_callback = lambda conn, direction, version, content_type, msg_type, data: msgs.append(
    (direction, content_type, msg_type))
client, server, bios, error = connect(cctx, server_context())
print(error, ("write", ssl._TLSContentType.HANDSHAKE, ssl._TLSMessageType.CLIENT_HELLO) in msgs,
      ("read", ssl._TLSContentType.HANDSHAKE, ssl._TLSMessageType.SERVER_HELLO) in msgs)
cctx._msg_callback = lambda *args: 1 / 0
try:
    connect(cctx, server_context())
except ZeroDivisionError:
    print("ZeroDivisionError from the message callback")
cctx._msg_callback = None
print(cctx._msg_callback)

print("-- key log")
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, "keylog.txt")
    cctx = client_context()
    cctx.keylog_filename = path
    print(cctx.keylog_filename == path)
    connect(cctx, server_context())
    with open(path) as f:
        lines = f.read().splitlines()
    print(lines[0], len(lines), sorted({l.split()[0] for l in lines[1:]}))
    connect(cctx, server_context())
    with open(path) as f:
        print(len(f.read().splitlines()) == 2 * len(lines) - 1)
    cctx.keylog_filename = None
    print(cctx.keylog_filename)
    try:
        cctx.keylog_filename = 1
    except TypeError:
        print("TypeError")
    try:
        cctx.keylog_filename = os.path.join(d, "missing", "x")
    except FileNotFoundError:
        print("FileNotFoundError")

print("-- post-handshake authentication")
sctx = server_context()
sctx.load_verify_locations(CA)
sctx.verify_mode = ssl.CERT_OPTIONAL
sctx.post_handshake_auth = True
cctx = client_context()
cctx.load_cert_chain(os.path.join(CERTS, "keycert3.pem"))
cctx.post_handshake_auth = True
client, server, bios, error = connect(cctx, sctx)
print(error, client.version(), server.getpeercert())
server.verify_client_post_handshake()
server.write(b"request")
bios[0].write(bios[3].read())
print(client.read(100))
print(exchange(client, server, bios))
print(server.getpeercert()["subject"][-1])
try:
    client.verify_client_post_handshake()
except ssl.SSLError as e:
    print(type(e).__name__, e.library, e.reason)

print("-- curves and DH parameters")
sctx = server_context()
sctx.set_ecdh_curve("prime256v1")
sctx.set_ecdh_curve(b"secp384r1")
try:
    sctx.set_ecdh_curve("no-such-curve")
except ValueError as e:
    print("ValueError", e)
sctx.load_dh_params(os.path.join(CERTS, "ffdh3072.pem"))
try:
    sctx.load_dh_params(os.path.join(CERTS, "missing.pem"))
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)
try:
    sctx.load_dh_params(os.path.join(CERTS, "keycert.pem"))
except ssl.SSLError as e:
    print("SSLError", e.library)
print(connect(client_context(), sctx)[3])

print("-- pre-shared keys")
for version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
    cctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    cctx.check_hostname = False
    cctx.verify_mode = ssl.CERT_NONE
    cctx.maximum_version = version
    cctx.set_ciphers("PSK")
    sctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sctx.maximum_version = version
    sctx.set_ciphers("PSK")
    hints = []
    cctx.set_psk_client_callback(lambda hint: (hints.append(hint), ("client-id", b"\x01" * 16))[1])
    sctx.set_psk_server_callback(lambda ident: hints.append(ident) or b"\x01" * 16, "server-hint")
    client, server, bios, error = connect(cctx, sctx, hostname=None)
    print(version.name, error, client.version(), hints)
    print(exchange(client, server, bios, b"psk data"))
    sctx.set_psk_server_callback(lambda ident: b"\x02" * 16)
    print(connect(cctx, sctx, hostname=None)[3] is not None)
for bad in (lambda: ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).set_psk_client_callback(None),
            lambda: ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).set_psk_server_callback(None),
            lambda: ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).set_psk_client_callback(3)):
    try:
        bad()
    except (ssl.SSLError, TypeError) as e:
        print(type(e).__name__, clean(e))
print("-- load_dh_params raises the open audit event")
import sys
opened = []
sys.addaudithook(lambda event, args: opened.append(args)
                 if event == "open" and str(args[0]).endswith(".pem") else None)
sctx.load_dh_params(os.path.join(CERTS, "ffdh3072.pem"))
print([(os.path.basename(a[0]), a[1], a[2]) for a in opened])
