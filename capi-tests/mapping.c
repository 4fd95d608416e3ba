// test: differential
/* The mapping protocol: PyMapping_* on dicts, mappingproxy, lists and
 * objects that are not mappings, with missing keys, unhashable keys and
 * NULL arguments. (HasKey's swallowed errors go to stderr, not compared.) */
#include "testing.h"

static void show_optional(const char *label, int rc, PyObject *r)
{
    printf("%s: %d ", label, rc);
    if (rc < 0) {
        printf("%s raised ", r == NULL ? "NULL" : "?");
        print_error();
        printf("\n");
        return;
    }
    if (r == NULL) {
        printf("NULL\n");
        return;
    }
    show("", r);
}

int main(void)
{
    PyObject *d, *l, *t, *p, *k, *r, *i;
    int rc;
    start();
    d = Py_BuildValue("{s:i,s:i,i:s}", "a", 1, "b", 2, 3, "three");
    l = Py_BuildValue("[iii]", 10, 20, 30);
    t = Py_BuildValue("(ii)", 1, 2);
    i = PyLong_FromLong(7);
    p = PyDictProxy_New(d);

    show_int("Check(dict)", PyMapping_Check(d));
    show_int("Check(list)", PyMapping_Check(l));
    show_int("Check(int)", PyMapping_Check(i));
    show_int("Check(proxy)", PyMapping_Check(p));
    show_int("Check(NULL)", PyMapping_Check(NULL));
    show_int("Size(dict)", PyMapping_Size(d));
    show_int("Length(list)", PyMapping_Length(l));
    show_int("Size(proxy)", PyMapping_Size(p));
    show_int("Size(int)", PyMapping_Size(i));
    show_int("Size(NULL)", PyMapping_Size(NULL));

    show("GetItemString(d, a)", PyMapping_GetItemString(d, "a"));
    show("GetItemString(d, zz)", PyMapping_GetItemString(d, "zz"));
    show("GetItemString(proxy, b)", PyMapping_GetItemString(p, "b"));
    show("GetItemString(list, a)", PyMapping_GetItemString(l, "a"));
    show("GetItemString(d, NULL)", PyMapping_GetItemString(d, NULL));
    show("GetItemString(NULL, a)", PyMapping_GetItemString(NULL, "a"));

    k = PyLong_FromLong(3);
    rc = PyMapping_GetOptionalItem(d, k, &r);
    show_optional("GetOptionalItem(d, 3)", rc, r);
    rc = PyMapping_GetOptionalItem(p, k, &r);
    show_optional("GetOptionalItem(proxy, 3)", rc, r);
    Py_DECREF(k);
    k = PyLong_FromLong(4);
    rc = PyMapping_GetOptionalItem(d, k, &r);
    show_optional("GetOptionalItem(d, 4)", rc, r);
    rc = PyMapping_GetOptionalItem(p, k, &r);
    show_optional("GetOptionalItem(proxy, 4)", rc, r);
    rc = PyMapping_GetOptionalItem(l, k, &r);
    show_optional("GetOptionalItem(list, 4)", rc, r);
    Py_DECREF(k);
    k = PyLong_FromLong(1);
    rc = PyMapping_GetOptionalItem(l, k, &r);
    show_optional("GetOptionalItem(list, 1)", rc, r);
    Py_DECREF(k);
    rc = PyMapping_GetOptionalItem(d, l, &r);
    show_optional("GetOptionalItem(d, [])", rc, r);
    rc = PyMapping_GetOptionalItemString(d, "b", &r);
    show_optional("GetOptionalItemString(d, b)", rc, r);
    rc = PyMapping_GetOptionalItemString(d, "c", &r);
    show_optional("GetOptionalItemString(d, c)", rc, r);
    rc = PyMapping_GetOptionalItemString(i, "c", &r);
    show_optional("GetOptionalItemString(int, c)", rc, r);

    k = PyUnicode_FromString("a");
    show_int("HasKey(d, 'a')", PyMapping_HasKey(d, k));
    show_int("HasKeyWithError(d, 'a')", PyMapping_HasKeyWithError(d, k));
    show_int("HasKey(list, 'a')", PyMapping_HasKey(l, k));
    show_int("HasKeyWithError(list, 'a')", PyMapping_HasKeyWithError(l, k));
    Py_DECREF(k);
    show_int("HasKey(d, [])", PyMapping_HasKey(d, l));
    show_int("HasKeyWithError(d, [])", PyMapping_HasKeyWithError(d, l));
    show_int("HasKeyString(d, 'b')", PyMapping_HasKeyString(d, "b"));
    show_int("HasKeyString(d, 'x')", PyMapping_HasKeyString(d, "x"));
    show_int("HasKeyString(int, 'x')", PyMapping_HasKeyString(i, "x"));
    show_int("HasKeyStringWithError(d, 'b')", PyMapping_HasKeyStringWithError(d, "b"));
    show_int("HasKeyStringWithError(int, 'b')", PyMapping_HasKeyStringWithError(i, "b"));
    show_int("HasKeyStringWithError(d, NULL)", PyMapping_HasKeyStringWithError(d, NULL));

    show("Keys(d)", PyMapping_Keys(d));
    show("Values(d)", PyMapping_Values(d));
    show("Items(d)", PyMapping_Items(d));
    show("Keys(proxy)", PyMapping_Keys(p));
    show("Values(proxy)", PyMapping_Values(p));
    show("Items(proxy)", PyMapping_Items(p));
    show("Keys(list)", PyMapping_Keys(l));
    show("Items(int)", PyMapping_Items(i));
    show("Keys(NULL)", PyMapping_Keys(NULL));

    show_int("SetItemString(d, c, 7)", PyMapping_SetItemString(d, "c", i));
    show("d", Py_NewRef(d));
    show_int("SetItemString(tuple, c, 7)", PyMapping_SetItemString(t, "c", i));
    show_int("SetItemString(list, c, 7)", PyMapping_SetItemString(l, "c", i));
    show_int("SetItemString(proxy, c, 7)", PyMapping_SetItemString(p, "c", i));
    show_int("SetItemString(d, NULL, 7)", PyMapping_SetItemString(d, NULL, i));
    show_int("SetItemString(d, c, NULL)", PyMapping_SetItemString(d, "c", NULL));
    k = PyUnicode_FromString("a");
    show_int("DelItem(d, 'a')", PyMapping_DelItem(d, k));
    Py_DECREF(k);
    show("d", d);
    Py_DECREF(p);
    Py_DECREF(l);
    Py_DECREF(t);
    Py_DECREF(i);
    return finish();
}
