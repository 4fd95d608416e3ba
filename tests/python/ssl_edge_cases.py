# Corners of _ssl found by test_ssl: the message callback's type for a
# ChangeCipherSpec record, DER cadata with trailing bytes, a server name
# with a NUL, SSLError's immutability and the Certificate repr.
import os
import re
import ssl

CERTS = os.path.join(os.path.dirname(ssl.__file__), "test", "certdata")


def clean(text):
    return re.sub(r" \([\w.]+:\d+\)$", "", str(text))


server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
server_ctx.load_cert_chain(os.path.join(CERTS, "keycert3.pem"))
client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
client_ctx.load_verify_locations(os.path.join(CERTS, "pycacert.pem"))
client_ctx.maximum_version = ssl.TLSVersion.TLSv1_2
seen = []
client_ctx._msg_callback = lambda conn, direction, version, content_type, msg_type, data: seen.append(
    (direction, content_type, msg_type))

c_in, c_out, s_in, s_out = (ssl.MemoryBIO() for _ in range(4))
client = client_ctx.wrap_bio(c_in, c_out, server_hostname="localhost")
server = server_ctx.wrap_bio(s_in, s_out, server_side=True)
for _ in range(10):
    for end in (client, server):
        try:
            end.do_handshake()
        except ssl.SSLWantReadError:
            pass
    s_in.write(c_out.read())
    c_in.write(s_out.read())
print(client.version())
ccs = [entry for entry in seen if entry[1] == ssl._TLSContentType.CHANGE_CIPHER_SPEC]
print(sorted(set(ccs)))

# The verified chain's certificates print their subjects.
print([repr(cert) for cert in client._sslobj.get_verified_chain()])

# DER data must be whole certificates; PEM may end in other text.
with open(os.path.join(CERTS, "pycacert.pem")) as f:
    pem = f.read()
pem = pem[pem.index("-----BEGIN"):]
der = ssl.PEM_cert_to_DER_cert(pem)
for data in [der, der + der, der + b"A", der + b"AB", pem + "trailing", "broken", b"broken"]:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    try:
        ctx.load_verify_locations(cadata=data)
        print("loaded", ctx.cert_store_stats())
    except ssl.SSLError as e:
        print("SSLError", e.library, e.reason, clean(e))

try:
    client_ctx.wrap_bio(ssl.MemoryBIO(), ssl.MemoryBIO(), server_hostname="example.org\x00evil.com")
except TypeError as e:
    print("TypeError", e)

try:
    ssl.SSLError.value = None
except TypeError as e:
    print("TypeError", e)
ssl.SSLZeroReturnError.value = 1
print(ssl.SSLZeroReturnError.value)

# What an SNI callback returns: None goes on, an int is the alert to send,
# anything else is reported as unraisable and sends an internal error.
import sys

reported = []
sys.unraisablehook = lambda u: reported.append((u.exc_type.__name__, str(u.exc_value)))
for result in ["foo", 1.5, ssl.ALERT_DESCRIPTION_ACCESS_DENIED, None]:
    sni_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    sni_ctx.load_cert_chain(os.path.join(CERTS, "keycert3.pem"))
    sni_ctx.set_servername_callback(lambda sock, name, ctx, result=result: result)
    c_in, c_out, s_in, s_out = (ssl.MemoryBIO() for _ in range(4))
    client = client_ctx.wrap_bio(c_in, c_out, server_hostname="localhost")
    server = sni_ctx.wrap_bio(s_in, s_out, server_side=True)
    outcome = []
    for _ in range(6):
        for name, end in (("client", client), ("server", server)):
            try:
                end.do_handshake()
            except ssl.SSLWantReadError:
                pass
            except ssl.SSLError as e:
                outcome.append((name, e.reason))
        s_in.write(c_out.read())
        c_in.write(s_out.read())
    print(repr(result), outcome[:2], client.version(), reported)
    reported.clear()
