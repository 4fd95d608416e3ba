/* The part of _testcapi that test_frame uses to call the Frame Objects
 * C API directly: one function per getter, taking the frame object.
 * Included by _testcapi.c, which adds frame_functions to the module. */

/* The frame argument, or NULL with TypeError if it is not a frame. */
static PyFrameObject *frame_arg(PyObject *arg)
{
    if (!PyObject_TypeCheck(arg, &PyFrame_Type)) {
        PyErr_SetString(PyExc_TypeError, "argument must be a frame");
        return NULL;
    }
    return (PyFrameObject *)arg;
}

/* Defines NAME(frame) returning what C function FUNC returns for it (a
 * new reference, or NULL with an exception set). */
#define FRAME_GETTER(NAME, FUNC)                                                \
    static PyObject *NAME(PyObject *Py_UNUSED(module), PyObject *arg)          \
    {                                                                           \
        PyFrameObject *frame = frame_arg(arg);                                  \
        return frame == NULL ? NULL : (PyObject *)FUNC(frame);                  \
    }

FRAME_GETTER(frame_getlocals, PyFrame_GetLocals)
FRAME_GETTER(frame_getglobals, PyFrame_GetGlobals)
FRAME_GETTER(frame_getbuiltins, PyFrame_GetBuiltins)
FRAME_GETTER(frame_getgenerator, PyFrame_GetGenerator)

/* frame_getlasti(frame): PyFrame_GetLasti as an int (None for -1). */
static PyObject *frame_getlasti(PyObject *Py_UNUSED(module), PyObject *arg)
{
    PyFrameObject *frame = frame_arg(arg);
    if (frame == NULL) {
        return NULL;
    }
    int lasti = PyFrame_GetLasti(frame);
    if (lasti < 0) {
        Py_RETURN_NONE;
    }
    return PyLong_FromLong(lasti);
}

/* frame_getvar(frame, name): PyFrame_GetVar. */
static PyObject *frame_getvar(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *frame, *name;
    if (!PyArg_ParseTuple(args, "OO", &frame, &name) || frame_arg(frame) == NULL) {
        return NULL;
    }
    return PyFrame_GetVar((PyFrameObject *)frame, name);
}

/* frame_getvarstring(frame, name): PyFrame_GetVarString with name bytes. */
static PyObject *frame_getvarstring(PyObject *Py_UNUSED(module), PyObject *args)
{
    PyObject *frame;
    const char *name;
    if (!PyArg_ParseTuple(args, "Oy", &frame, &name) || frame_arg(frame) == NULL) {
        return NULL;
    }
    return PyFrame_GetVarString((PyFrameObject *)frame, name);
}

static PyMethodDef frame_functions[] = {
    {"frame_getlocals", frame_getlocals, METH_O, NULL},
    {"frame_getglobals", frame_getglobals, METH_O, NULL},
    {"frame_getbuiltins", frame_getbuiltins, METH_O, NULL},
    {"frame_getgenerator", frame_getgenerator, METH_O, NULL},
    {"frame_getlasti", frame_getlasti, METH_O, NULL},
    {"frame_getvar", frame_getvar, METH_VARARGS, NULL},
    {"frame_getvarstring", frame_getvarstring, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL},
};
