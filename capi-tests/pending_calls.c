// test: differential
/* Py_AddPendingCall / Py_MakePendingCalls: calls queued for the main
 * thread run at the evaluation loop's next eval-breaker check (a loop's
 * backward jump) or in Py_MakePendingCalls, oldest first; a failing call
 * raises its exception in the running code; the queue holds 32 calls;
 * other threads may queue calls without the GIL, and do not run them. */
#include "testing.h"

static int ran[64];
static int order[64];
static int nran;

static int record(void *arg)
{
    int i = (int)(intptr_t)arg;
    ran[i]++;
    order[nran++] = i;
    return 0;
}

static int fail(void *arg)
{
    PyErr_SetString(PyExc_RuntimeError, (const char *)arg);
    return -1;
}

static int made_in_thread;
static PyThread_type_lock done;

static void adder(void *arg)
{
    /* No GIL and no thread state here. */
    made_in_thread = Py_AddPendingCall(record, (void *)(intptr_t)40);
    PyThread_release_lock(done);
}

static int thread_result = -2;
static void maker(void *arg)
{
    PyGILState_STATE s = PyGILState_Ensure();
    thread_result = Py_MakePendingCalls();
    PyGILState_Release(s);
    PyThread_release_lock(done);
}

static void show_order(const char *label)
{
    printf("%s:", label);
    for (int i = 0; i < nran; i++) {
        printf(" %d", order[i]);
    }
    printf("\n");
    nran = 0;
}

int main(void)
{
    start();
    PyObject *g = PyDict_New();
    PyDict_SetItemString(g, "__builtins__", PyEval_GetBuiltins());

    show_int("AddPendingCall", Py_AddPendingCall(record, (void *)1));
    show_int("AddPendingCall", Py_AddPendingCall(record, (void *)2));
    show_int("queued, not yet run", ran[1] + ran[2]);
    PyObject *r = PyRun_String("n = 0\nfor i in range(1000):\n    n += i\n", Py_file_input, g, g);
    show("loop", r);
    show_order("ran during the loop");

    show_int("AddPendingCall", Py_AddPendingCall(record, (void *)3));
    show_int("MakePendingCalls", Py_MakePendingCalls());
    show_order("ran by MakePendingCalls");
    show_int("MakePendingCalls with none queued", Py_MakePendingCalls());

    /* A failing call raises in the code that is running. */
    Py_AddPendingCall(fail, "pending failure");
    Py_AddPendingCall(record, (void *)4);
    r = PyRun_String("try:\n"
                     "    for i in range(1000):\n"
                     "        pass\n"
                     "    print('not interrupted')\n"
                     "except RuntimeError as e:\n"
                     "    print('interrupted by', repr(e))\n",
                     Py_file_input, g, g);
    show("loop with a failing call", r);
    show_int("MakePendingCalls runs the rest", Py_MakePendingCalls());
    show_order("ran after the failure");
    Py_AddPendingCall(fail, "from MakePendingCalls");
    show_int("MakePendingCalls failing", Py_MakePendingCalls());
    print_error();
    printf("\n");

    /* The queue is bounded. */
    int accepted = 0, refused = 0;
    for (int i = 0; i < 40; i++) {
        if (Py_AddPendingCall(record, (void *)(intptr_t)(i + 10)) == 0) {
            accepted++;
        }
        else {
            refused++;
        }
    }
    printf("accepted %d, refused %d\n", accepted, refused);
    while (nran < accepted) {
        if (Py_MakePendingCalls() < 0) {
            break;
        }
    }
    printf("ran %d\n", nran);
    check("in order", order[0] == 10 && order[nran - 1] == 10 + accepted - 1);
    nran = 0;

    /* Another thread queues without the GIL; the main thread runs it. */
    done = PyThread_allocate_lock();
    PyThread_acquire_lock(done, 1);
    Py_BEGIN_ALLOW_THREADS
    PyThread_start_new_thread(adder, NULL);
    PyThread_acquire_lock(done, 1);
    Py_END_ALLOW_THREADS
    show_int("AddPendingCall from a thread", made_in_thread);
    r = PyRun_String("for i in range(1000):\n    pass\n", Py_file_input, g, g);
    Py_XDECREF(r);
    show_order("ran in the main thread");

    /* Other threads do not run pending calls. */
    Py_AddPendingCall(record, (void *)41);
    Py_BEGIN_ALLOW_THREADS
    PyThread_start_new_thread(maker, NULL);
    PyThread_acquire_lock(done, 1);
    Py_END_ALLOW_THREADS
    show_int("MakePendingCalls in another thread", thread_result);
    show_order("ran by the other thread");
    Py_MakePendingCalls();
    show_order("ran by the main thread");
    PyThread_free_lock(done);

    /* Calls still queued at finalization run then. */
    Py_AddPendingCall(record, (void *)42);
    Py_DECREF(g);
    int status = finish();
    show_order("ran by finalization");
    return status;
}
