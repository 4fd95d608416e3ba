# a2b_base64 in strict mode refuses padding after a complete group of four,
# and other malformed padding, with CPython's messages.
import binascii
for d in [b'abcd=', b'abcd==', b'abcd===', b'abcd====', b'abcd=====', b'=', b'ab=c=', b'abc==', b'ab==a', b'abcd', b'abcd\n', b'ab=']:
    try:
        print(d, binascii.a2b_base64(d, strict_mode=True))
    except binascii.Error as e:
        print(d, "Error", e)
