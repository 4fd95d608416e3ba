/* Embedding ferrython: start the runtime, build objects through the C API,
 * call methods on them, print the results, shut down.
 *
 *     cc embed.c -o embed $(pkg-config --cflags --libs ferrython-embed)
 *
 * The same file builds against CPython (pkg-config python3-embed) and prints
 * the same thing. */
#include <Python.h>

/* Prints `label: repr(obj)` and releases obj; reports a raised exception. */
static void show(const char *label, PyObject *obj)
{
    PyObject *repr = obj != NULL ? PyObject_Repr(obj) : NULL;
    if (repr == NULL) {
        PyObject *exc = PyErr_GetRaisedException();
        PyObject *text = exc != NULL ? PyObject_Repr(exc) : NULL;
        printf("%s: raised %s\n", label, text != NULL ? PyUnicode_AsUTF8(text) : "?");
        Py_XDECREF(text);
        Py_XDECREF(exc);
        Py_XDECREF(obj);
        return;
    }
    printf("%s: %s\n", label, PyUnicode_AsUTF8(repr));
    Py_DECREF(repr);
    Py_DECREF(obj);
}

int main(void)
{
    PyObject *six, *seven, *minus_seven, *two, *hundred, *tenth, *fifth, *text, *list, *dict, *key;

    Py_Initialize();

    /* Numbers: small, big, float repr. */
    six = PyLong_FromLong(6);
    seven = PyLong_FromLong(7);
    show("6 * 7", PyNumber_Multiply(six, seven));
    two = PyLong_FromLong(2);
    hundred = PyLong_FromLong(100);
    show("2 ** 100", PyNumber_Power(two, hundred, Py_None));
    minus_seven = PyNumber_Negative(seven);
    show("-7 // 2", PyNumber_FloorDivide(minus_seven, two));
    tenth = PyFloat_FromDouble(0.1);
    fifth = PyFloat_FromDouble(0.2);
    show("0.1 + 0.2", PyNumber_Add(tenth, fifth));
    show("6 < 7", PyBool_FromLong(PyObject_RichCompareBool(six, seven, Py_LT)));

    /* Strings and their methods. */
    text = PyUnicode_FromString("h\xc3\xa9llo, w\xc3\xb6rld");
    show("text", Py_NewRef(text));
    show("text.upper()", PyObject_CallMethod(text, "upper", NULL));
    show("len(text)", PyLong_FromSsize_t(PyObject_Length(text)));

    /* A list: append, sort, index. */
    list = PyList_New(0);
    PyList_Append(list, seven);
    PyList_Append(list, six);
    PyList_Append(list, text);
    show("list", Py_NewRef(list));
    show("list.pop()", PyObject_CallMethod(list, "pop", NULL));
    show("list.sort()", PyObject_CallMethod(list, "sort", NULL));
    show("sorted list", Py_NewRef(list));

    /* A dict, a tuple built by Py_BuildValue, a missing key. */
    dict = PyDict_New();
    PyDict_SetItemString(dict, "six", six);
    PyDict_SetItemString(dict, "seven", seven);
    show("dict", Py_NewRef(dict));
    show("tuple", Py_BuildValue("(isO)", 1, "two", tenth));
    key = PyUnicode_FromString("eight");
    show("dict['eight']", PyObject_GetItem(dict, key));

    Py_DECREF(key);
    Py_DECREF(dict);
    Py_DECREF(list);
    Py_DECREF(text);
    Py_DECREF(fifth);
    Py_DECREF(tenth);
    Py_DECREF(hundred);
    Py_DECREF(two);
    Py_DECREF(minus_seven);
    Py_DECREF(seven);
    Py_DECREF(six);
    if (Py_FinalizeEx() < 0) {
        return 120;
    }
    return 0;
}
