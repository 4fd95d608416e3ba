/* The part of _testcapi that test_monitoring uses to exercise PEP 669's C
 * API (PyMonitoring_EnterScope and the PyMonitoring_Fire*Event functions):
 * CodeLike, an object standing for code that is not bytecode, with one
 * PyMonitoringState per offset, and a fire_event_* function per event.
 * Included by _testcapi.c, which adds monitoring_functions and CodeLike
 * to the module. */

/* CodeLike(n): n monitoring states (one per offset 0..n-1) and the scope's
 * version. */
typedef struct {
    PyObject_HEAD
    PyMonitoringState *states;
    uint64_t version;
    int num_states;
} CodeLikeObject;

static PyObject *codelike_type;

static PyObject *codelike_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    int n;
    if (!PyArg_ParseTuple(args, "i", &n)) {
        return NULL;
    }
    if (n < 0) {
        PyErr_SetString(PyExc_ValueError, "negative number of states");
        return NULL;
    }
    CodeLikeObject *self = (CodeLikeObject *)type->tp_alloc(type, 0);
    if (self == NULL) {
        return NULL;
    }
    self->states = PyMem_Calloc(n ? n : 1, sizeof(PyMonitoringState));
    if (self->states == NULL) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    self->num_states = n;
    self->version = 0;
    return (PyObject *)self;
}

static void codelike_dealloc(PyObject *op)
{
    CodeLikeObject *self = (CodeLikeObject *)op;
    PyTypeObject *type = Py_TYPE(op);
    PyMem_Free(self->states);
    type->tp_free(op);
    Py_DECREF(type);
}

static PyType_Slot codelike_slots[] = {
    {Py_tp_new, codelike_new},
    {Py_tp_dealloc, codelike_dealloc},
    {Py_tp_doc, "An object standing for code that raises monitoring events from C."},
    {0, NULL},
};

static PyType_Spec codelike_spec = {
    .name = "monitoring.CodeLike",
    .basicsize = sizeof(CodeLikeObject),
    .flags = Py_TPFLAGS_DEFAULT,
    .slots = codelike_slots,
};

/* The state of `codelike` at `offset` (NULL with an error when the object
 * is not a CodeLike or the offset is out of range); with `exc` not NULL,
 * that exception is set as the one being raised. */
static PyMonitoringState *fire_setup(PyObject *codelike, int offset, PyObject *exc)
{
    if (Py_TYPE(codelike) != (PyTypeObject *)codelike_type) {
        PyErr_Format(PyExc_TypeError, "expected a code-like, got %s", Py_TYPE(codelike)->tp_name);
        return NULL;
    }
    CodeLikeObject *cl = (CodeLikeObject *)codelike;
    if (offset < 0 || offset >= cl->num_states) {
        PyErr_SetString(PyExc_ValueError, "offset out of range");
        return NULL;
    }
    if (exc != NULL) {
        PyErr_SetRaisedException(Py_NewRef(exc));
    }
    return &cl->states[offset];
}

/* The result of a fire_event_* function: NULL on failure, else the state's
 * tools left active; the exception the event reported is cleared. */
static PyObject *fire_result(int res, PyMonitoringState *state)
{
    if (res < 0) {
        return NULL;
    }
    PyErr_Clear();
    return PyLong_FromLong(state->active);
}

/* fire_event_NAME(codelike, offset): an event without arguments. */
#define FIRE_PLAIN(NAME, FUNC)                                                  \
    static PyObject *fire_event_##NAME(PyObject *Py_UNUSED(m), PyObject *args) \
    {                                                                           \
        PyObject *codelike;                                                     \
        int offset;                                                             \
        if (!PyArg_ParseTuple(args, "Oi", &codelike, &offset)) {                \
            return NULL;                                                        \
        }                                                                       \
        PyMonitoringState *state = fire_setup(codelike, offset, NULL);          \
        if (state == NULL) {                                                    \
            return NULL;                                                        \
        }                                                                       \
        return fire_result(FUNC(state, codelike, offset), state);               \
    }

/* fire_event_NAME(codelike, offset, obj): an event with one object. */
#define FIRE_OBJ(NAME, FUNC)                                                    \
    static PyObject *fire_event_##NAME(PyObject *Py_UNUSED(m), PyObject *args) \
    {                                                                           \
        PyObject *codelike, *obj;                                               \
        int offset;                                                             \
        if (!PyArg_ParseTuple(args, "OiO", &codelike, &offset, &obj)) {         \
            return NULL;                                                        \
        }                                                                       \
        PyMonitoringState *state = fire_setup(codelike, offset, NULL);          \
        if (state == NULL) {                                                    \
            return NULL;                                                        \
        }                                                                       \
        return fire_result(FUNC(state, codelike, offset, obj), state);          \
    }

/* fire_event_NAME(codelike, offset, exc): an event reporting `exc` (None:
 * no exception set) as the exception being raised. */
#define FIRE_EXC(NAME, FUNC)                                                    \
    static PyObject *fire_event_##NAME(PyObject *Py_UNUSED(m), PyObject *args) \
    {                                                                           \
        PyObject *codelike, *exc;                                               \
        int offset;                                                             \
        if (!PyArg_ParseTuple(args, "OiO", &codelike, &offset, &exc)) {         \
            return NULL;                                                        \
        }                                                                       \
        PyMonitoringState *state =                                              \
            fire_setup(codelike, offset, exc == Py_None ? NULL : exc);          \
        if (state == NULL) {                                                    \
            return NULL;                                                        \
        }                                                                       \
        return fire_result(FUNC(state, codelike, offset), state);               \
    }

FIRE_PLAIN(py_start, PyMonitoring_FirePyStartEvent)
FIRE_PLAIN(py_resume, PyMonitoring_FirePyResumeEvent)
FIRE_OBJ(py_return, PyMonitoring_FirePyReturnEvent)
FIRE_OBJ(py_yield, PyMonitoring_FirePyYieldEvent)
FIRE_OBJ(c_return, PyMonitoring_FireCReturnEvent)
FIRE_OBJ(jump, PyMonitoring_FireJumpEvent)
FIRE_OBJ(branch, PyMonitoring_FireBranchEvent)
FIRE_OBJ(stop_iteration, PyMonitoring_FireStopIterationEvent)
FIRE_EXC(py_throw, PyMonitoring_FirePyThrowEvent)
FIRE_EXC(raise, PyMonitoring_FireRaiseEvent)
FIRE_EXC(c_raise, PyMonitoring_FireCRaiseEvent)
FIRE_EXC(reraise, PyMonitoring_FireReraiseEvent)
FIRE_EXC(exception_handled, PyMonitoring_FireExceptionHandledEvent)
FIRE_EXC(py_unwind, PyMonitoring_FirePyUnwindEvent)

/* fire_event_call(codelike, offset, callable, arg0) */
static PyObject *fire_event_call(PyObject *Py_UNUSED(m), PyObject *args)
{
    PyObject *codelike, *callable, *arg0;
    int offset;
    if (!PyArg_ParseTuple(args, "OiOO", &codelike, &offset, &callable, &arg0)) {
        return NULL;
    }
    PyMonitoringState *state = fire_setup(codelike, offset, NULL);
    if (state == NULL) {
        return NULL;
    }
    return fire_result(PyMonitoring_FireCallEvent(state, codelike, offset, callable, arg0), state);
}

/* fire_event_line(codelike, offset, lineno) */
static PyObject *fire_event_line(PyObject *Py_UNUSED(m), PyObject *args)
{
    PyObject *codelike;
    int offset, lineno;
    if (!PyArg_ParseTuple(args, "Oii", &codelike, &offset, &lineno)) {
        return NULL;
    }
    PyMonitoringState *state = fire_setup(codelike, offset, NULL);
    if (state == NULL) {
        return NULL;
    }
    return fire_result(PyMonitoring_FireLineEvent(state, codelike, offset, lineno), state);
}

/* monitoring_enter_scope(codelike, event, ...): PyMonitoring_EnterScope over
 * the first states of `codelike`, one per event number given. */
static PyObject *monitoring_enter_scope(PyObject *Py_UNUSED(m), PyObject *args)
{
    uint8_t events[8];
    Py_ssize_t n = PyTuple_Size(args) - 1;
    if (n < 1 || n > 8) {
        PyErr_SetString(PyExc_TypeError, "expected a code-like and 1 to 8 events");
        return NULL;
    }
    PyObject *codelike = PyTuple_GET_ITEM(args, 0);
    if (fire_setup(codelike, 0, NULL) == NULL) {
        return NULL;
    }
    CodeLikeObject *cl = (CodeLikeObject *)codelike;
    if (n > cl->num_states) {
        PyErr_SetString(PyExc_ValueError, "more events than states");
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        int ev = PyLong_AsInt(PyTuple_GET_ITEM(args, i + 1));
        if (ev == -1 && PyErr_Occurred()) {
            return NULL;
        }
        events[i] = (uint8_t)ev;
    }
    if (PyMonitoring_EnterScope(cl->states, &cl->version, events, n) < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyObject *monitoring_exit_scope(PyObject *Py_UNUSED(m), PyObject *Py_UNUSED(args))
{
    if (PyMonitoring_ExitScope() < 0) {
        return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef monitoring_functions[] = {
    {"fire_event_py_start", fire_event_py_start, METH_VARARGS, NULL},
    {"fire_event_py_resume", fire_event_py_resume, METH_VARARGS, NULL},
    {"fire_event_py_return", fire_event_py_return, METH_VARARGS, NULL},
    {"fire_event_c_return", fire_event_c_return, METH_VARARGS, NULL},
    {"fire_event_py_yield", fire_event_py_yield, METH_VARARGS, NULL},
    {"fire_event_call", fire_event_call, METH_VARARGS, NULL},
    {"fire_event_line", fire_event_line, METH_VARARGS, NULL},
    {"fire_event_jump", fire_event_jump, METH_VARARGS, NULL},
    {"fire_event_branch", fire_event_branch, METH_VARARGS, NULL},
    {"fire_event_py_throw", fire_event_py_throw, METH_VARARGS, NULL},
    {"fire_event_raise", fire_event_raise, METH_VARARGS, NULL},
    {"fire_event_c_raise", fire_event_c_raise, METH_VARARGS, NULL},
    {"fire_event_reraise", fire_event_reraise, METH_VARARGS, NULL},
    {"fire_event_exception_handled", fire_event_exception_handled, METH_VARARGS, NULL},
    {"fire_event_py_unwind", fire_event_py_unwind, METH_VARARGS, NULL},
    {"fire_event_stop_iteration", fire_event_stop_iteration, METH_VARARGS, NULL},
    {"monitoring_enter_scope", monitoring_enter_scope, METH_VARARGS, NULL},
    {"monitoring_exit_scope", monitoring_exit_scope, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

/* Adds CodeLike and the functions above to module `m`. */
static int add_monitoring(PyObject *m)
{
    if (codelike_type == NULL) {
        codelike_type = PyType_FromSpec(&codelike_spec);
        if (codelike_type == NULL) {
            return -1;
        }
    }
    if (PyModule_AddObjectRef(m, "CodeLike", codelike_type) < 0) {
        return -1;
    }
    return PyModule_AddFunctions(m, monitoring_functions);
}
