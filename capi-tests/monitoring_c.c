// test: differential
/* PEP 669's C API: PyMonitoring_EnterScope fills a scope's states from the
 * tools' global events (and only when the events changed since the
 * version it recorded); PyMonitoring_Fire*Event calls the tools that want
 * the event, the highest tool id first, with (code-like, offset, ...);
 * LINE callbacks get (code-like, lineno); a callback returning DISABLE
 * takes its tool out of that state, or, for an exception event, is removed
 * with a ValueError; the exception events need the exception set and put
 * it back; STOP_ITERATION wraps its value in StopIteration; a callback's
 * error makes the function fail. */
#include "testing.h"

static const char *const setup =
    "import sys\n"
    "M = sys.monitoring\n"
    "E = M.events\n"
    "log = []\n"
    "def rec(tool, ret=None):\n"
    "    def cb(*args):\n"
    "        log.append((tool,) + tuple(a if isinstance(a, (int, str)) else type(a).__name__\n"
    "                                   for a in args))\n"
    "        return ret\n"
    "    return cb\n"
    "def boom(*args):\n"
    "    raise KeyError('from callback')\n"
    "M.use_tool_id(1, 'one')\n"
    "M.use_tool_id(3, 'three')\n";

static PyObject *globals;

static void run(const char *code)
{
    PyObject *r = PyRun_String(code, Py_file_input, globals, globals);
    if (r == NULL) {
        printf("python failed: ");
        print_error();
        printf("\n");
    }
    Py_XDECREF(r);
}

/* Prints and clears the log of callback calls. */
static void show_log(const char *label)
{
    PyObject *log = PyDict_GetItemString(globals, "log");
    PyObject *r = PyObject_Repr(log);
    printf("%s: %s\n", label, PyUnicode_AsUTF8(r));
    Py_DECREF(r);
    PyList_SetSlice(log, 0, PyList_GET_SIZE(log), NULL);
}

/* sys.monitoring.set_events(tool, events), called from C so that no
 * Python code runs (and raises events of its own) while events are on. */
static void set_events(int tool, long events)
{
    PyObject *m = PyDict_GetItemString(globals, "M");
    PyObject *r = PyObject_CallMethod(m, "set_events", "il", tool, events);
    if (r == NULL) {
        printf("set_events failed: ");
        print_error();
        printf("\n");
    }
    Py_XDECREF(r);
}

/* Whether `tool` still has a callback for `event` (one bit). */
static void show_callback(int tool, long event)
{
    PyObject *m = PyDict_GetItemString(globals, "M");
    PyObject *old = PyObject_CallMethod(m, "register_callback", "ilO", tool, event, Py_None);
    printf("callback of tool %d for %ld: %s\n", tool, event,
           old == NULL ? "error" : old == Py_None ? "none" : "kept");
    PyErr_Clear();
    Py_XDECREF(old);
}

static void result(const char *label, int rc)
{
    printf("%s -> %d", label, rc);
    if (rc < 0 || PyErr_Occurred()) {
        printf(" (");
        print_error();
        printf(")");
    }
    printf("\n");
}

int main(void)
{
    Py_Initialize();
    globals = PyDict_New();
    PyDict_SetItemString(globals, "__builtins__", PyEval_GetBuiltins());
    run(setup);

    PyObject *codelike = PyUnicode_FromString("codelike");
    PyMonitoringState states[3] = {{0, 0}, {0, 0}, {0, 0}};
    uint8_t events[3] = {PY_MONITORING_EVENT_PY_START, PY_MONITORING_EVENT_LINE,
                         PY_MONITORING_EVENT_RAISE};
    uint64_t version = 0;

    /* No tool wants anything: the inline functions do nothing. */
    PyMonitoring_EnterScope(states, &version, events, 3);
    printf("idle active: %d %d %d\n", states[0].active, states[1].active, states[2].active);
    result("idle start", PyMonitoring_FirePyStartEvent(&states[0], codelike, 0));

    run("M.register_callback(1, E.PY_START, rec(1))\n"
        "M.register_callback(3, E.PY_START, rec(3, M.DISABLE))\n"
        "M.register_callback(3, E.LINE, rec(3))\n"
        "M.register_callback(1, E.RAISE, rec(1))\n");
    /* PY_START is 1, LINE 32, RAISE 1024 */
    set_events(1, 1 | 1024);
    set_events(3, 1 | 32);
    PyMonitoring_EnterScope(states, &version, events, 3);
    printf("active: %d %d %d\n", states[0].active, states[1].active, states[2].active);

    /* Tool 3 first; it disables itself for this state. */
    result("start", PyMonitoring_FirePyStartEvent(&states[0], codelike, 4));
    show_log("start log");
    printf("start active now: %d\n", states[0].active);
    result("start again", PyMonitoring_FirePyStartEvent(&states[0], codelike, 4));
    show_log("start again log");

    /* Same version: the scope keeps its disabled tool. */
    PyMonitoring_EnterScope(states, &version, events, 3);
    printf("same version active: %d\n", states[0].active);
    /* Changed events: recomputed. */
    set_events(1, 1 | 1024);
    PyMonitoring_EnterScope(states, &version, events, 3);
    printf("unchanged events active: %d\n", states[0].active);
    set_events(1, 1);
    set_events(1, 1 | 1024);
    PyMonitoring_EnterScope(states, &version, events, 3);
    printf("new version active: %d\n", states[0].active);

    result("line", PyMonitoring_FireLineEvent(&states[1], codelike, 6, 42));
    show_log("line log");

    /* Exception events take the raised exception and put it back. */
    result("raise without exception", PyMonitoring_FireRaiseEvent(&states[2], codelike, 8));
    PyErr_SetString(PyExc_ValueError, "the error");
    result("raise", PyMonitoring_FireRaiseEvent(&states[2], codelike, 8));
    show_log("raise log");

    /* A negative offset is refused. */
    result("negative offset", PyMonitoring_FirePyStartEvent(&states[0], codelike, -1));

    /* DISABLE from an exception event removes the callback. */
    set_events(1, 0);
    set_events(3, 0);
    run("M.register_callback(1, E.RAISE, rec(1, M.DISABLE))\n"
        "M.register_callback(3, E.LINE, boom)\n");
    set_events(1, 1 | 1024);
    set_events(3, 1 | 32);
    PyErr_SetString(PyExc_ValueError, "again");
    result("raise disable", PyMonitoring_FireRaiseEvent(&states[2], codelike, 8));
    show_callback(1, 1024);

    /* A failing callback fails the call. */
    result("line failing", PyMonitoring_FireLineEvent(&states[1], codelike, 6, 7));
    show_log("failing log");
    set_events(1, 0);
    set_events(3, 0);

    /* The other events, each with its arguments. */
    run("M.register_callback(1, E.STOP_ITERATION, rec(1))\n"
        "M.register_callback(1, E.JUMP, rec(1))\n"
        "M.register_callback(1, E.CALL, rec(1))\n"
        "M.register_callback(1, E.PY_RETURN, rec(1))\n"
        "M.register_callback(1, E.PY_UNWIND, rec(1))\n");
    /* STOP_ITERATION 512, JUMP 128, CALL 16, PY_RETURN 4, PY_UNWIND 4096 */
    set_events(1, 512 | 128 | 16 | 4 | 4096);
    uint8_t more[5] = {PY_MONITORING_EVENT_STOP_ITERATION, PY_MONITORING_EVENT_JUMP,
                       PY_MONITORING_EVENT_CALL, PY_MONITORING_EVENT_PY_RETURN,
                       PY_MONITORING_EVENT_PY_UNWIND};
    PyMonitoringState st[5] = {{0, 0}, {0, 0}, {0, 0}, {0, 0}, {0, 0}};
    uint64_t v2 = 0;
    PyMonitoring_EnterScope(st, &v2, more, 5);
    printf("more active: %d %d %d %d %d\n", st[0].active, st[1].active, st[2].active,
           st[3].active, st[4].active);
    PyObject *value = PyLong_FromLong(5);
    result("stop iteration", PyMonitoring_FireStopIterationEvent(&st[0], codelike, 1, value));
    result("jump", PyMonitoring_FireJumpEvent(&st[1], codelike, 2, value));
    result("call", PyMonitoring_FireCallEvent(&st[2], codelike, 3, Py_None, value));
    result("return", PyMonitoring_FirePyReturnEvent(&st[3], codelike, 4, value));
    PyErr_SetString(PyExc_KeyError, "k");
    result("unwind", PyMonitoring_FirePyUnwindEvent(&st[4], codelike, 5));
    PyErr_Clear();
    show_log("more log");
    PyMonitoring_ExitScope();
    set_events(1, 0);

    run("M.free_tool_id(1)\n"
        "M.free_tool_id(3)\n");
    Py_DECREF(value);
    Py_DECREF(codelike);
    Py_DECREF(globals);
    return Py_FinalizeEx() < 0 ? 1 : 0;
}
