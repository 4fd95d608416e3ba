# OpenSSL is loaded by the first `import _ssl`, not at startup: a program
# that never uses TLS does not pay for mapping libssl and libcrypto.
def mapped():
    with open("/proc/self/maps") as f:
        maps = f.read()
    return "libssl.so" in maps, "libcrypto.so" in maps

print("at startup:", mapped())
import _ssl
print("after import _ssl:", mapped())
import ssl
ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
print(ctx.verify_mode == ssl.CERT_REQUIRED, ctx.check_hostname)
print(ssl.OPENSSL_VERSION.startswith("OpenSSL 3"))
