/* The 3.14 additions to the Unicode chapter that CPython 3.13 lacks
 * (PyUnicodeWriter, PyUnicode_Equal), checked against expected output
 * written from CPython 3.14's documented behaviour. */
#include "testing.h"

int main(void)
{
    PyObject *latin, *bmp, *ascii, *o, *p;
    start();
    ascii = PyUnicode_FromString("hello");
    latin = PyUnicode_FromString("caf\xc3\xa9");
    bmp = PyUnicode_FromString("\xe2\x82\xac" "5 \xe6\x97\xa5");
    p = PyUnicode_FromString("one");
    o = PyUnicode_FromString("one");
    show_int("Equal(one, one)", PyUnicode_Equal(p, o));
    show_int("Equal(one, hello)", PyUnicode_Equal(p, ascii));
    Py_DECREF(o);
    o = PyLong_FromLong(7);
    show_int("Equal(int, str)", PyUnicode_Equal(o, ascii));
    show_int("Equal(str, int)", PyUnicode_Equal(ascii, o));
    Py_DECREF(o);
    Py_DECREF(p);

    /* PyUnicodeWriter */
    {
        PyUnicodeWriter *w = PyUnicodeWriter_Create(0);
        Py_UCS4 u4[] = {0x1f600, '!'};
        PyObject *item = PyLong_FromLong(42);
        PyUnicodeWriter_WriteUTF8(w, "caf\xc3\xa9 ", -1);
        PyUnicodeWriter_WriteChar(w, 0x263a);
        PyUnicodeWriter_WriteASCII(w, " [", 2);
        PyUnicodeWriter_WriteStr(w, item);
        PyUnicodeWriter_WriteASCII(w, "|", 1);
        PyUnicodeWriter_WriteRepr(w, latin);
        PyUnicodeWriter_WriteASCII(w, "] ", 2);
        PyUnicodeWriter_WriteUCS4(w, u4, 2);
        PyUnicodeWriter_WriteWideChar(w, L" w", -1);
        PyUnicodeWriter_WriteSubstring(w, bmp, 0, 2);
        PyUnicodeWriter_DecodeUTF8Stateful(w, " \xff", 2, "replace", NULL);
        Py_DECREF(item);
        show("PyUnicodeWriter", PyUnicodeWriter_Finish(w));
        w = PyUnicodeWriter_Create(0);
        show_int("Writer WriteUTF8(bad)", PyUnicodeWriter_WriteUTF8(w, "\xff", 1));
        show_int("Writer WriteChar(0x110000)", PyUnicodeWriter_WriteChar(w, 0x110000));
        PyUnicodeWriter_Discard(w);
    }

    Py_DECREF(ascii);
    Py_DECREF(latin);
    Py_DECREF(bmp);
    return finish();
}
