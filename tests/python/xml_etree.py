import xml.etree.ElementTree as ET
from xml.dom import minidom, pulldom
import xml.sax, io, plistlib, xmlrpc.client, datetime
doc = '<?xml version="1.0"?>\n<root xmlns:h="http://h" a="1"><h:x b="2">text<!-- c --><y/>tail</h:x>&amp;<z>1 &lt; 2</z></root>'
r = ET.fromstring(doc)
print(r.tag, r.attrib, [c.tag for c in r], r[0].text, r[0][0].tail)
print(ET.tostring(r))
for ev, el in ET.iterparse(io.BytesIO(doc.encode()), events=("start", "end", "start-ns", "end-ns")):
    print(ev, el.tag if hasattr(el, "tag") else el)
pp = ET.XMLPullParser(events=("start", "end"))
for ch in ['<a><b', '>x</b>', '<c/></a>']:
    pp.feed(ch)
    print([(e, el.tag) for e, el in pp.read_events()])
pp.close()
try:
    ET.fromstring('<a><b></a>')
except ET.ParseError as e:
    print(type(e).__name__, e, e.code, e.position)
d = minidom.parseString(doc)
print(d.documentElement.tagName, d.toprettyxml(indent=" "))
print(minidom.parseString('<!DOCTYPE a [<!ENTITY e "ent">]><a x="&e;">&e;</a>').toxml())
class H(xml.sax.ContentHandler):
    def startElement(self, n, a): print("start", n, dict(a))
    def endElement(self, n): print("end", n)
    def characters(self, c): print("chars", repr(c))
xml.sax.parseString(b'<a x="1">hi<b/>there</a>', H())
for ev, node in pulldom.parseString('<a><b>x</b></a>'):
    print(ev, node.nodeName)
data = {"a": 1, "b": [1.5, "x", True], "c": {"d": b"bytes"}, "e": datetime.datetime(2020, 1, 2, 3, 4, 5)}
s = plistlib.dumps(data)
print(s.decode())
print(plistlib.loads(s) == data)
x = xmlrpc.client.dumps((1, "two", [3.0], {"k": None}), "meth", allow_none=True)
print(x)
print(xmlrpc.client.loads(x))
