import _md5, _sha1, _sha2, _sha3, _blake2

def t(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(type(e).__name__, e)
    else:
        print(repr(r))

ctors = [_md5.md5, _sha1.sha1, _sha2.sha224, _sha2.sha256, _sha2.sha384, _sha2.sha512,
         _sha3.sha3_224, _sha3.sha3_256, _sha3.sha3_384, _sha3.sha3_512, _blake2.blake2b, _blake2.blake2s]
inputs = [b'', b'abc', b'a' * 200, bytes(range(256)) * 5]
for c in ctors:
    h = c()
    print(h.name, h.digest_size, h.block_size, type(h).__name__, type(h).__module__)
    for d in inputs:
        print(c(d).hexdigest())
    h = c(b'ab')
    h2 = h.copy()
    h.update(b'c')
    h2.update(memoryview(b'c'))
    h2.update(bytearray(b''))
    print(h.digest() == h2.digest() == c(b'abc').digest())
for c in [_sha3.shake_128, _sha3.shake_256]:
    h = c(b'abc')
    print(h.name, h.digest_size, h.block_size, h.hexdigest(10), h.digest(0), len(h.digest(1000)), h.copy().hexdigest(20))
    t(h.hexdigest); t(h.digest, -1)
t(_md5.md5, 'abc'); t(_md5.md5().update, 'x'); t(_md5.md5().update, 5); t(_md5.md5, b'a', b'b'); t(_md5.md5().digest, 5)
print(_sha2.sha256(b'a', usedforsecurity=False).hexdigest())
b = _blake2.blake2b
print(b(b'abc', digest_size=20).hexdigest(), b(b'abc', key=b'secret').hexdigest())
print(b(b'abc', salt=b'salty', person=b'me').hexdigest())
print(b(b'abc', fanout=2, depth=3, leaf_size=4096, node_offset=5, node_depth=1, inner_size=32, last_node=True).hexdigest())
s = _blake2.blake2s
print(s(b'abc', digest_size=7).hexdigest(), s(b'abc', key=b'k' * 32).hexdigest(), s(b'', key=b'k').hexdigest())
print(s(b'abc', salt=b'12345678', person=b'p', node_offset=2**40, last_node=True, fanout=0, depth=255).hexdigest())
print(b(b'x' * 128, key=b'k').hexdigest(), b(b'x' * 129).hexdigest(), s(b'x' * 64).hexdigest())
t(b, digest_size=65); t(b, digest_size=0); t(b, key=b'k' * 65); t(b, salt=b's' * 17); t(b, person=b'p' * 17)
t(s, digest_size=33); t(s, salt=b's' * 9); t(b, depth=0); t(b, fanout=256); t(b, bogus=1)
print(_blake2.BLAKE2B_MAX_DIGEST_SIZE, _blake2.BLAKE2S_SALT_SIZE, _blake2.BLAKE2B_MAX_KEY_SIZE)
