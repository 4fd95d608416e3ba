// test: differential
/* The codec registry from C: PyCodec_Register/Unregister with a search
 * function written in Python, KnownEncoding, Encode/Decode, the
 * encoder/decoder and incremental/stream factories, the error-handler
 * registry and the built-in handlers applied to UnicodeError objects. */
#include "testing.h"

int main(void)
{
    start();
    PyObject *g = PyDict_New();
    PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins());
    PyObject *r = PyRun_String(
        "import _codecs, _io\n"
        "calls = []\n"
        "def enc(s, errors='strict'):\n"
        "    return (s.upper().encode('ascii', errors), len(s))\n"
        "def dec(b, errors='strict'):\n"
        "    return (bytes(b).decode('ascii', errors).lower(), len(b))\n"
        "class IncEnc:\n"
        "    def __init__(self, errors='strict'): self.errors = errors\n"
        "class Reader:\n"
        "    def __init__(self, stream, errors='strict'): self.stream, self.errors = stream, errors\n"
        "def search(name):\n"
        "    calls.append(name)\n"
        "    if name != 'shout_codec':\n"
        "        return None\n"
        "    info = (enc, dec, Reader, Reader)\n"
        "    return info\n"
        "stream = _io.BytesIO()\n"
        "def handler(e):\n"
        "    return ('[%d:%d]' % (e.start, e.end), e.end)\n"
        "ue = UnicodeEncodeError('ascii', 'a\\xe9\\u20acz', 1, 3, 'nope')\n"
        "ud = UnicodeDecodeError('ascii', b'a\\xff\\xfez', 1, 3, 'nope')\n",
        Py_file_input, g, g);
    if (r == NULL) {
        print_error();
        printf("\n");
    }
    Py_XDECREF(r);
    PyObject *search = PyDict_GetItemString(g, "search");

    show_int("register", PyCodec_Register(search));
    show_int("known shout-codec", PyCodec_KnownEncoding("Shout-Codec"));
    show_int("known missing", PyCodec_KnownEncoding("no-such-codec-here"));
    show_int("error after KnownEncoding", PyErr_Occurred() != NULL);
    PyObject *s = PyUnicode_FromString("hello");
    show("encode", PyCodec_Encode(s, "shout codec", NULL));
    PyObject *b = PyBytes_FromString("WORLD");
    show("decode", PyCodec_Decode(b, "shout_codec", "strict"));
    show("encode unknown", PyCodec_Encode(s, "no-such-codec-here", NULL));
    PyObject *f = PyCodec_Encoder("shout_codec");
    show("encoder is enc", PyBool_FromLong(f == PyDict_GetItemString(g, "enc")));
    Py_XDECREF(f);
    f = PyCodec_Decoder("shout_codec");
    show("decoder is dec", PyBool_FromLong(f == PyDict_GetItemString(g, "dec")));
    Py_XDECREF(f);
    PyObject *rd = PyCodec_StreamReader("shout_codec", PyDict_GetItemString(g, "stream"), "ignore");
    if (rd != NULL) {
        show("reader errors", PyObject_GetAttrString(rd, "errors"));
        Py_DECREF(rd);
    } else {
        show("reader", rd);
    }
    show("incremental encoder of a 4-tuple", PyCodec_IncrementalEncoder("shout_codec", NULL));
    show("calls", PyDict_GetItemString(g, "calls") ? Py_NewRef(PyDict_GetItemString(g, "calls")) : NULL);
    show_int("unregister", PyCodec_Unregister(search));
    show_int("known after unregister", PyCodec_KnownEncoding("shout_codec"));

    PyObject *strict = PyCodec_LookupError(NULL);
    show_int("strict handler callable", PyCallable_Check(strict));
    Py_XDECREF(strict);
    show("lookup missing handler", PyCodec_LookupError("no-such-handler"));
    show_int("register handler", PyCodec_RegisterError("bracket", PyDict_GetItemString(g, "handler")));
    PyObject *h = PyCodec_LookupError("bracket");
    show("registered handler is ours", PyBool_FromLong(h == PyDict_GetItemString(g, "handler")));
    Py_XDECREF(h);

    PyObject *ue = PyDict_GetItemString(g, "ue");
    PyObject *ud = PyDict_GetItemString(g, "ud");
    show("strict", PyCodec_StrictErrors(ue));
    show("ignore encode", PyCodec_IgnoreErrors(ue));
    show("replace encode", PyCodec_ReplaceErrors(ue));
    show("replace decode", PyCodec_ReplaceErrors(ud));
    show("backslashreplace encode", PyCodec_BackslashReplaceErrors(ue));
    show("backslashreplace decode", PyCodec_BackslashReplaceErrors(ud));
    show("xmlcharrefreplace encode", PyCodec_XMLCharRefReplaceErrors(ue));
    show("namereplace encode", PyCodec_NameReplaceErrors(ue));
    show("namereplace decode", PyCodec_NameReplaceErrors(ud));
    show("xmlcharrefreplace decode", PyCodec_XMLCharRefReplaceErrors(ud));
    PyObject *notexc = PyLong_FromLong(1);
    show("ignore on an int", PyCodec_IgnoreErrors(notexc));
    PyObject *ve = PyObject_CallFunction(PyExc_ValueError, "s", "x");
    show("replace on a ValueError", PyCodec_ReplaceErrors(ve));
    Py_DECREF(ve);
    Py_DECREF(notexc);
    Py_DECREF(s);
    Py_DECREF(b);
    Py_DECREF(g);
    return finish();
}
