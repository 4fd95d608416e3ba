// test: differential
// test: cflags -pthread
/* Threads from C: native threads attach with PyGILState_Ensure and run
 * Python code while the main thread waits inside Py_BEGIN_ALLOW_THREADS;
 * nested Ensure/Release; thread states made with PyThreadState_New and
 * switched with PyThreadState_Swap; PyEval_SaveThread/RestoreThread;
 * PyThreadState_GetDict, _GetID, _GetInterpreter, _GetFrame;
 * PyThreadState_SetAsyncExc stopping a busy Python thread; PyThread_*
 * locks and thread-specific storage. */
#include "testing.h"
#include <pthread.h>

#define WORKERS 4
#define ROUNDS 50

static int check_failures;
static int nested_states[WORKERS];

static void *worker(void *arg)
{
    long n = (long)arg;
    for (int i = 0; i < ROUNDS; i++) {
        PyGILState_STATE s = PyGILState_Ensure();
        if (s != PyGILState_UNLOCKED || !PyGILState_Check()) {
            check_failures++;
        }
        /* A nested Ensure finds the GIL held. */
        PyGILState_STATE inner = PyGILState_Ensure();
        if (i == 0) {
            nested_states[n] = inner == PyGILState_LOCKED;
        }
        PyObject *main = PyImport_AddModule("__main__");
        PyObject *fn = PyObject_GetAttrString(main, "record");
        PyObject *r = PyObject_CallFunction(fn, "l", n * 1000 + i);
        if (r == NULL) {
            PyErr_Print();
        }
        Py_XDECREF(r);
        Py_XDECREF(fn);
        PyGILState_Release(inner);
        PyGILState_Release(s);
    }
    return NULL;
}

static Py_tss_t tss_key = Py_tss_NEEDS_INIT;
static void *tss_seen_in_thread = (void *)1;

static void *tss_worker(void *arg)
{
    (void)arg;
    tss_seen_in_thread = PyThread_tss_get(&tss_key);
    PyThread_tss_set(&tss_key, &tss_key);
    return NULL;
}

int main(void)
{
    /* C and Python output interleave in order (Python prints with
     * flush=True). */
    setvbuf(stdout, NULL, _IONBF, 0);
    start();
    check("main thread holds the GIL", PyGILState_Check());
    check("GILState thread state is the current one",
          PyGILState_GetThisThreadState() == PyThreadState_Get());
    check("PyThreadState_GetUnchecked", PyThreadState_GetUnchecked() == PyThreadState_Get());
    /* Deprecated since 3.9 (a no-op), still exported. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
    PyEval_InitThreads();
#pragma GCC diagnostic pop

    PyRun_SimpleString(
        "import _thread\n"
        "results = []\n"
        "total = 0\n"
        "def record(v):\n"
        "    global total\n"
        "    results.append(v)\n"
        "    for i in range(200):\n"
        "        total += 1\n");

    /* Native threads calling Python while the main thread waits. */
    pthread_t th[WORKERS];
    Py_BEGIN_ALLOW_THREADS
    for (long i = 0; i < WORKERS; i++) {
        pthread_create(&th[i], NULL, worker, (void *)i);
    }
    for (int i = 0; i < WORKERS; i++) {
        pthread_join(th[i], NULL);
    }
    Py_END_ALLOW_THREADS
    check("each Ensure took the GIL", check_failures == 0);
    int nested = 0;
    for (int i = 0; i < WORKERS; i++) {
        nested += nested_states[i];
    }
    show_int("nested Ensure saw PyGILState_LOCKED", nested);
    PyRun_SimpleString(
        "print('calls:', len(results), 'distinct:', len(set(results)), 'total:', total, flush=True)\n"
        "print('per thread:', sorted({v // 1000: 0 for v in results}), flush=True)\n");

    /* A second thread state on the main thread. */
    PyThreadState *main_ts = PyThreadState_Get();
    PyInterpreterState *interp = PyThreadState_GetInterpreter(main_ts);
    check("interpreter of the thread state", interp == PyInterpreterState_Get());
    PyThreadState *ts2 = PyThreadState_New(interp);
    check("new thread state has another ID",
          PyThreadState_GetID(ts2) != PyThreadState_GetID(main_ts));
    check("new thread state runs no frame", PyThreadState_GetFrame(ts2) == NULL);
    PyThreadState *old = PyThreadState_Swap(ts2);
    check("Swap returns the previous state", old == main_ts);
    check("Swap made it current", PyThreadState_Get() == ts2);
    PyObject *d2 = PyThreadState_GetDict();
    PyDict_SetItemString(d2, "mark", Py_True);
    PyRun_SimpleString("print('running in the second thread state:', 6 * 7, flush=True)");
    PyThreadState_Swap(main_ts);
    PyObject *d1 = PyThreadState_GetDict();
    check("thread-state dicts are separate", d1 != d2 && PyDict_GetItemString(d1, "mark") == NULL);
    check("GetDict returns the same dict", PyThreadState_GetDict() == d1);
    PyThreadState_Clear(ts2);
    PyThreadState_Delete(ts2);

    /* SaveThread / RestoreThread by hand. */
    PyThreadState *saved = PyEval_SaveThread();
    check("SaveThread detached", PyThreadState_GetUnchecked() == NULL && !PyGILState_Check());
    PyEval_RestoreThread(saved);
    check("RestoreThread attached", PyThreadState_Get() == saved);

    /* An asynchronous exception stops a busy Python thread. */
    PyRun_SimpleString(
        "started = _thread.allocate_lock(); started.acquire()\n"
        "finished = _thread.allocate_lock(); finished.acquire()\n"
        "caught = []\n"
        "def spin():\n"
        "    started.release()\n"
        "    try:\n"
        "        while True:\n"
        "            pass\n"
        "    except ValueError as e:\n"
        "        caught.append(type(e).__name__)\n"
        "    finished.release()\n"
        "ident = _thread.start_new_thread(spin, ())\n"
        "started.acquire()\n");
    PyObject *main = PyImport_AddModule("__main__");
    PyObject *ident = PyObject_GetAttrString(main, "ident");
    unsigned long id = PyLong_AsUnsignedLong(ident);
    Py_DECREF(ident);
    show_int("SetAsyncExc on the spinning thread", PyThreadState_SetAsyncExc(id, PyExc_ValueError));
    show_int("SetAsyncExc on no thread", PyThreadState_SetAsyncExc(id + 1, PyExc_ValueError));
    PyRun_SimpleString("finished.acquire(); print('caught:', caught, flush=True)");

    /* The thread ident agrees with _thread.get_ident(). */
    PyObject *r = PyRun_String("_thread.get_ident()", Py_eval_input, PyModule_GetDict(main),
                               PyModule_GetDict(main));
    check("PyThread_get_thread_ident", r != NULL && PyLong_AsUnsignedLong(r) == PyThread_get_thread_ident());
    Py_XDECREF(r);

    /* PyThread locks. */
    PyThread_type_lock lock = PyThread_allocate_lock();
    show_int("acquire free lock", PyThread_acquire_lock(lock, NOWAIT_LOCK));
    show_int("acquire held lock", PyThread_acquire_lock(lock, NOWAIT_LOCK));
    show_int("timed acquire of held lock", PyThread_acquire_lock_timed(lock, 1000, 0));
    PyThread_release_lock(lock);
    show_int("timed acquire after release", PyThread_acquire_lock_timed(lock, 1000, 0));
    PyThread_release_lock(lock);
    show_int("waiting acquire", PyThread_acquire_lock(lock, WAIT_LOCK));
    PyThread_release_lock(lock);
    PyThread_free_lock(lock);

    /* Thread-specific storage. */
    show_int("tss created before create", PyThread_tss_is_created(&tss_key));
    show_int("tss_create", PyThread_tss_create(&tss_key));
    show_int("tss created", PyThread_tss_is_created(&tss_key));
    show_int("tss_set", PyThread_tss_set(&tss_key, main));
    pthread_t t;
    pthread_create(&t, NULL, tss_worker, NULL);
    pthread_join(t, NULL);
    check("other thread saw NULL", tss_seen_in_thread == NULL);
    check("this thread keeps its value", PyThread_tss_get(&tss_key) == main);
    PyThread_tss_delete(&tss_key);
    show_int("tss created after delete", PyThread_tss_is_created(&tss_key));
    Py_tss_t *heap_key = PyThread_tss_alloc();
    show_int("allocated key created", PyThread_tss_is_created(heap_key));
    PyThread_tss_create(heap_key);
    show_int("allocated key get", PyThread_tss_get(heap_key) == NULL);
    PyThread_tss_free(heap_key);

    return finish();
}
