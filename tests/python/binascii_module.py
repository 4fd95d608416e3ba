import binascii

def t(f, *a, **k):
    try:
        r = f(*a, **k)
    except Exception as e:
        print(f.__name__, type(e).__name__, e)
    else:
        print(f.__name__, repr(r))

data = [b'', b'a', b'ab', b'abc', b'abcd', bytes(range(256)), b'hello world\n' * 5]
for d in data:
    t(binascii.hexlify, d); t(binascii.b2a_base64, d); t(binascii.b2a_base64, d, newline=False)
    t(binascii.crc32, d); t(binascii.crc32, d, 12345); t(binascii.crc_hqx, d, 0); t(binascii.crc_hqx, d, 0xffff)
    t(binascii.b2a_uu, d[:45]); t(binascii.b2a_uu, d[:45], backtick=True); t(binascii.b2a_qp, d)
    for enc, dec in [(binascii.hexlify, binascii.unhexlify), (binascii.b2a_base64, binascii.a2b_base64),
                     (binascii.b2a_qp, binascii.a2b_qp)]:
        print(dec(enc(d)) == d, end=' ')
    print(binascii.a2b_uu(binascii.b2a_uu(d[:45])) == d[:45])
t(binascii.hexlify, b'\x01\x02\x03\x04\x05', '-'); t(binascii.hexlify, b'\x01\x02\x03\x04\x05', b':', 2)
t(binascii.hexlify, b'\x01\x02\x03\x04\x05', ':', -2); t(binascii.b2a_hex, b'abc', sep='::'); t(binascii.hexlify, 'abc')
t(binascii.unhexlify, 'abc'); t(binascii.unhexlify, b'zz'); t(binascii.unhexlify, '0A0b'); t(binascii.a2b_hex, 'é0')
t(binascii.a2b_base64, b'YWJj'); t(binascii.a2b_base64, 'YW Jj\n'); t(binascii.a2b_base64, b'YWJjZA'); t(binascii.a2b_base64, b'YWJjZ')
t(binascii.a2b_base64, b'YWJjZA=='); t(binascii.a2b_base64, b'YWJjZA=');t(binascii.a2b_base64, b'YWJjZA==junk'); t(binascii.a2b_base64, b'=YWJj')
t(binascii.a2b_base64, b'YW=Jj'); t(binascii.a2b_base64, b'YWJjZA==junk', strict_mode=True); t(binascii.a2b_base64, b'=YWJj', strict_mode=True)
t(binascii.a2b_base64, b'YW Jj', strict_mode=True); t(binascii.a2b_base64, b'YWJjZA=a=', strict_mode=True); t(binascii.a2b_base64, b'YWJjZA==', strict_mode=True)
t(binascii.a2b_base64, b'Y'); t(binascii.a2b_base64, b'YWJjZ==='); t(binascii.a2b_base64, 5)
t(binascii.a2b_uu, b''); t(binascii.a2b_uu, b'#86)C\n'); t(binascii.a2b_uu, b'#86)C   \n'); t(binascii.a2b_uu, b'#86)Cxx'); t(binascii.a2b_uu, b'#8\x016)C')
t(binascii.a2b_uu, b'$86)C'); t(binascii.b2a_uu, b'x' * 46); t(binascii.b2a_uu, b'')
t(binascii.a2b_qp, b'a=3Db=\nc=\r\nd=4 =e=\n'); t(binascii.a2b_qp, b'a_b=5f', header=True); t(binascii.a2b_qp, b'==41=')
t(binascii.b2a_qp, b'a=b\tc \nline \r\n.\nend '); t(binascii.b2a_qp, b'a b_c', header=True); t(binascii.b2a_qp, b'x\ty', quotetabs=True)
t(binascii.b2a_qp, b'a\nb\r\n', istext=False); t(binascii.b2a_qp, b'x' * 200); t(binascii.b2a_qp, (b'y' * 74 + b'==') * 3)
t(binascii.b2a_qp, b'.'); t(binascii.b2a_qp, b'\xff\x00\x80 end\r\nmore\r\n')
t(binascii.crc32, b'abc', -1); t(binascii.crc32, b'abc', 2**40 + 5); t(binascii.crc_hqx, b'abc', -1); t(binascii.crc32, 'abc')
print(issubclass(binascii.Error, ValueError), binascii.Error.__module__, issubclass(binascii.Incomplete, Exception))
