import pyexpat as p
x=p.ParserCreate()
def ch(d): print(repr(d), x.CurrentLineNumber, x.CurrentColumnNumber, x.CurrentByteIndex)
x.CharacterDataHandler=ch
x.StartElementHandler=lambda n,a: print('S',n,a, x.CurrentColumnNumber, x.CurrentByteIndex)
x.DefaultHandler=lambda d: print('D',repr(d))
x.Parse('<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY e "x&#65;y">]>\n<a x="&e;">é ab\r\ncd&amp;&#65;&e;<![CDATA[x]]></a> ',1)
for s in [b'<a>\xff</a>', b'<a\xff>', b'<a x="\xff">', '<a>é\x01</a>'.encode(), b'<a><b></a>', b'<a>', b'', b'<a></a>x', b'<a x=1>', b'<a>&foo;</a>', b'<a x="1" x="2"/>', b'<p:a/>', b'<a>]]></a>', b'<a>&#0;</a>',b'  <?xml version="1.0"?><a/>', b'<a><!-- x -- y --></a>', b'<a>\n <b>\n</a>']:
  try: p.ParserCreate(namespace_separator=' ').Parse(s,1)
  except p.ExpatError as e: print(s, e, e.code)
x=p.ParserCreate(); print(x.CurrentLineNumber, x.CurrentColumnNumber, x.CurrentByteIndex, x.ErrorCode, x.ErrorLineNumber, x.ErrorColumnNumber, x.ErrorByteIndex)
x.Parse(b'<a>\nxy'); print(x.CurrentLineNumber, x.CurrentColumnNumber, x.CurrentByteIndex)
x.Parse(b'</a>',1); print(x.CurrentLineNumber, x.CurrentColumnNumber, x.CurrentByteIndex)
try: x.Parse(b'x')
except Exception as e: print(e, e.code, e.lineno, e.offset)
for s in [b'x', b'&a;', b' <a/>', b'<a/><b/>', b'<a/>&x;', b'<a', b'<a><!-- x', b'<a><![CDATA[ x', b'<a>\xc3', b'<a>< b/></a>', b'<a b="<"/>', b'<a b="&#1;"/>', b'<a xmlns:p=""/>', b'<?xml version="1.0" ?><?xml version="1.0"?><a/>', b'<?xml versio="1.0"?><a/>', b'<!DOCTYPE a><!DOCTYPE a><a/>', b'<a>&#xD800;</a>', b'<a></b>', b'<a x="&y;"/>', b'<!DOCTYPE a SYSTEM "x"><a>&y;</a>', b'<!DOCTYPE a [<!ENTITY e "<b>">]><a>&e;</a>', b'<!DOCTYPE a [<!ENTITY e "&e;">]><a>&e;</a>', b'<a><?xml x?></a>', b'<a><?pi?></a>', b'<a><?pi x?>', b'<a b c/>', b'<a b="1"c="2"/>', b'<a/ >', b'</a>', b'<a>\n\n  </b>']:
  try: p.ParserCreate(namespace_separator=' ').Parse(s,1); print(s,'ok')
  except p.ExpatError as e: print(s, e, e.code)

# Handlers of every kind, namespaces, declarations.
from xml.parsers import expat
out = []
x = expat.ParserCreate(namespace_separator='|')
for name in ["StartElementHandler", "EndElementHandler", "ProcessingInstructionHandler",
             "CommentHandler", "StartNamespaceDeclHandler", "EndNamespaceDeclHandler",
             "StartCdataSectionHandler", "EndCdataSectionHandler", "XmlDeclHandler",
             "StartDoctypeDeclHandler", "EndDoctypeDeclHandler", "EntityDeclHandler",
             "NotationDeclHandler", "ElementDeclHandler", "AttlistDeclHandler",
             "CharacterDataHandler", "SkippedEntityHandler"]:
    setattr(x, name, (lambda n: lambda *a: out.append((n,) + a))(name))
x.ordered_attributes = True
x.Parse(b'''<?xml version="1.0" encoding="utf-8" standalone="no"?>
<!DOCTYPE r [
<!ELEMENT r (a|b)*>
<!ELEMENT a (#PCDATA|b)*>
<!ELEMENT b EMPTY>
<!ATTLIST a id ID #REQUIRED kind (x|y) "x" fixed CDATA #FIXED "f">
<!ENTITY ent "entity &amp; text">
<!NOTATION n SYSTEM "n.exe">
]>
<r xmlns="http://d" xmlns:p="http://p"><?pi data?><a id="1" p:q="z">&ent;<![CDATA[<raw>]]></a><p:b/></r>''', True)
for e in out:
    print(e)
print(x.ErrorCode, x.buffer_text, x.buffer_size, x.ordered_attributes)

# Incremental parsing and buffer_text.
x = expat.ParserCreate()
x.buffer_text = True
got = []
x.CharacterDataHandler = got.append
x.StartElementHandler = lambda n, a: got.append(("start", n))
for ch in [b'<doc>ab', b'c\nd', b'&amp;e<x/>f', b'g</doc>']:
    x.Parse(ch)
x.Parse(b'', True)
print(got, x.buffer_used)

# Exceptions in handlers propagate.
x = expat.ParserCreate()
def boom(n, a):
    raise ValueError("boom " + n)
x.StartElementHandler = boom
try:
    x.Parse('<a><b/></a>', True)
except ValueError as e:
    print("ValueError", e, x.StartElementHandler)

# Encodings.
for data, enc in [('<a>é</a>'.encode('utf-16'), None), ('<?xml version="1.0" encoding="iso-8859-1"?><a>é</a>'.encode('latin-1'), None),
                  ('<a>é</a>'.encode('latin-1'), 'iso-8859-1'), (b'<a>x</a>', 'us-ascii')]:
    x = expat.ParserCreate(enc)
    x.CharacterDataHandler = lambda d: print(repr(d))
    x.Parse(data, True)

# Entity amplification is refused, not expanded.
bomb = '<!DOCTYPE l [<!ENTITY a "' + 'x' * 100 + '">' + ''.join(
    '<!ENTITY %s "%s">' % (chr(98 + i), ('&' + chr(97 + i) + ';') * 10) for i in range(8)) + ']><l>&i;</l>'
try:
    expat.ParserCreate().Parse(bomb, True)
except expat.ExpatError as e:
    print(e.code, expat.errors.messages[e.code])

# The errors and model submodules.
print(expat.errors.XML_ERROR_SYNTAX, expat.errors.codes[expat.errors.XML_ERROR_TAG_MISMATCH])
print(expat.ErrorString(3), expat.model.XML_CTYPE_SEQ, expat.model.XML_CQUANT_REP)
print(expat.EXPAT_VERSION.startswith("expat_"), len(expat.version_info), expat.native_encoding)
try:
    expat.ParserCreate(namespace_separator="ab")
except ValueError as e:
    print("ValueError", e)
x = expat.ParserCreate()
x.Parse(b"<a/>", True)
try:
    x.Parse(b"<b/>")
except expat.ExpatError as e:
    print(e)
