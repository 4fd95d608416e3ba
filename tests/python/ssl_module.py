# The _ssl module without connections: constants, contexts and their
# settings, certificate loading errors, object identifiers, random bytes,
# MemoryBIO and certificate decoding.
import _ssl
import os
import re
import ssl
import warnings

CERTS = os.path.join(os.path.dirname(ssl.__file__), "test", "certdata")


def clean(text):
    """Drops the source location both runtimes append to messages."""
    return re.sub(r" \([\w.]+:\d+\)$", "", str(text))


def attempt(f):
    try:
        r = f()
    except Exception as e:
        extra = [getattr(e, a, "-") for a in ("errno", "library", "reason")]
        print("  ", type(e).__name__, clean(e), extra)
    else:
        print("  ->", r)


print(_ssl.OPENSSL_VERSION_INFO == _ssl._OPENSSL_API_VERSION, _ssl.OPENSSL_VERSION.startswith("OpenSSL 3"))
for name in sorted(n for n in dir(_ssl) if n.isupper() and type(getattr(_ssl, n)) in (int, bool)):
    if not name.startswith("OPENSSL"):
        print(name, getattr(_ssl, name))
print(_ssl._DEFAULT_CIPHERS)
print([c.__name__ for c in ssl.SSLCertVerificationError.__mro__])
print(ssl.SSLError.__module__, ssl.SSLZeroReturnError.__bases__)
print(str(ssl.SSLError(1, "text")), str(ssl.SSLError("a", "b", "c")), str(ssl.SSLError()))

print("-- contexts")
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    for proto in (2, 3, 4, 5, 16, 17):
        c = _ssl._SSLContext(proto)
        print(proto, c.protocol, c.options, c.verify_mode, c.check_hostname, c.verify_flags,
              c.minimum_version, c.maximum_version, c.security_level, c._host_flags,
              c.post_handshake_auth, c.num_tickets, c.sni_callback)
    print([str(x.message) for x in w])
attempt(lambda: _ssl._SSLContext(99))
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
attempt(lambda: setattr(ctx, "verify_mode", ssl.CERT_NONE))
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_OPTIONAL
print(ctx.verify_mode, ctx.check_hostname)
ctx.check_hostname = True
print(ctx.verify_mode)
ctx.verify_mode = ssl.CERT_NONE if not ctx.check_hostname else ssl.CERT_REQUIRED
attempt(lambda: setattr(ctx, "verify_mode", 7))
ctx.minimum_version = ssl.TLSVersion.TLSv1_3
ctx.maximum_version = ssl.TLSVersion.TLSv1_3
print(ctx.minimum_version, ctx.maximum_version)
ctx.minimum_version = ssl.TLSVersion.MINIMUM_SUPPORTED
ctx.maximum_version = ssl.TLSVersion.MAXIMUM_SUPPORTED
print(ctx.minimum_version, ctx.maximum_version)
attempt(lambda: setattr(ctx, "minimum_version", 0x1234))
ctx.verify_flags |= ssl.VERIFY_X509_STRICT
print(ctx.verify_flags)
ctx.verify_flags = ssl.VERIFY_DEFAULT
print(ctx.verify_flags)
ctx.options |= ssl.OP_NO_TICKET
print(ssl.OP_NO_TICKET in ctx.options)
ctx.options &= ~ssl.OP_NO_TICKET
print(ssl.OP_NO_TICKET in ctx.options)
attempt(lambda: setattr(ctx, "options", -1))
attempt(lambda: setattr(ctx, "num_tickets", 3))
srv = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
srv.num_tickets = 3
print(srv.num_tickets)
attempt(lambda: setattr(srv, "num_tickets", -1))
attempt(lambda: ctx.set_ciphers("NOTHING-AT-ALL"))
ctx.set_ciphers("ECDHE+AESGCM")
print(sorted(c["name"] for c in ctx.get_ciphers() if c["protocol"] != "TLSv1.3"))
attempt(lambda: ctx.set_alpn_protocols(["x" * 300]))
ctx.set_alpn_protocols(["h2", "http/1.1"])
print(ctx.session_stats())

print("-- loading certificates")
attempt(lambda: ctx.load_cert_chain(os.path.join(CERTS, "missing.pem")))
attempt(lambda: ctx.load_cert_chain(ssl.__file__))
attempt(lambda: ctx.load_cert_chain(os.path.join(CERTS, "badkey.pem")))
attempt(lambda: ctx.load_cert_chain(42))
attempt(lambda: ctx.load_cert_chain(os.path.join(CERTS, "keycert.passwd.pem"), password="wrong"))
attempt(lambda: ctx.load_cert_chain(os.path.join(CERTS, "keycert.passwd.pem"), password="somepass"))
attempt(lambda: ctx.load_cert_chain(os.path.join(CERTS, "keycert.passwd.pem"), password=b"somepass"))
attempt(lambda: ctx.load_cert_chain(os.path.join(CERTS, "keycert.passwd.pem"), password=lambda: "somepass"))
attempt(lambda: ctx.load_cert_chain(os.path.join(CERTS, "keycert.passwd.pem"), password=lambda: 1 / 0))
attempt(lambda: ctx.load_cert_chain(os.path.join(CERTS, "keycert.passwd.pem"), password=lambda: 3))
attempt(lambda: ctx.load_cert_chain(os.path.join(CERTS, "keycert.passwd.pem"), password=3))
attempt(lambda: ctx.load_cert_chain(os.path.join(CERTS, "ssl_cert.pem"), os.path.join(CERTS, "ssl_key.pem")))
attempt(lambda: ctx.load_cert_chain(os.path.join(CERTS, "keycert.pem"), os.path.join(CERTS, "keycert2.pem")))
attempt(lambda: ctx.load_verify_locations())
attempt(lambda: ctx.load_verify_locations(os.path.join(CERTS, "missing.pem")))
attempt(lambda: ctx.load_verify_locations(cadata="junk"))
attempt(lambda: ctx.load_verify_locations(cadata=b"junk"))
attempt(lambda: ctx.load_verify_locations(cadata=3))
attempt(lambda: ctx.load_verify_locations(cadata="caf\xe9"))
fresh = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
pem = open(os.path.join(CERTS, "pycacert.pem")).read()
fresh.load_verify_locations(cadata=pem)
fresh.load_verify_locations(cadata=pem)
print(fresh.cert_store_stats())
fresh.load_verify_locations(cadata=ssl.PEM_cert_to_DER_cert(open(os.path.join(CERTS, "keycert.pem")).read()[open(os.path.join(CERTS, "keycert.pem")).read().index("-----BEGIN C"):]))
print(fresh.cert_store_stats())
print([c["subject"] for c in fresh.get_ca_certs()])
print(len(fresh.get_ca_certs(binary_form=True)[0]))
fresh.load_verify_locations(capath=os.path.join(CERTS, "capath"))
print(fresh.cert_store_stats())
print(len(_ssl.get_default_verify_paths()))

print("-- objects and random bytes")
print(_ssl.txt2obj("1.3.6.1.5.5.7.3.1"), _ssl.txt2obj("serverAuth", name=True))
print(_ssl.nid2obj(129))
attempt(lambda: _ssl.txt2obj("serverAuth"))
attempt(lambda: _ssl.txt2obj("zzz", name=True))
attempt(lambda: _ssl.nid2obj(-1))
attempt(lambda: _ssl.nid2obj(100000))
print(len(_ssl.RAND_bytes(16)), _ssl.RAND_status(), _ssl.RAND_add("seed", 2.0), _ssl.RAND_add(b"seed", 1))
attempt(lambda: _ssl.RAND_bytes(-1))

print("-- MemoryBIO")
b = ssl.MemoryBIO()
print(b.pending, b.eof, b.write(b"abcdef"), b.write(bytearray(b"g")), b.pending)
print(b.read(2), b.read(), b.read(), b.eof)
b.write(b"xy")
b.write_eof()
print(b.eof, b.read(1), b.eof, b.read(), b.eof)
attempt(lambda: b.write(b"z"))
attempt(lambda: b.write("str"))
attempt(lambda: ssl.MemoryBIO(1))

print("-- decoding certificates")
for name in ("keycert.pem", "keycert3.pem", "allsans.pem", "idnsans.pem", "nokia.pem",
             "nullbytecert.pem", "talos-2019-0758.pem", "cert3.pem"):
    attempt(lambda: sorted(_ssl._test_decode_cert(os.path.join(CERTS, name)).items()))
attempt(lambda: _ssl._test_decode_cert(os.path.join(CERTS, "missing.pem")))
attempt(lambda: _ssl._test_decode_cert(os.path.join(CERTS, "badkey.pem")))
