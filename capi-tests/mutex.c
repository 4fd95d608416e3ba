// test: differential
// test: cflags -pthread
/* PyMutex from C: a zeroed mutex is unlocked, lock/unlock change the lock
 * bit, and four threads hammering one counter under the mutex lose no
 * increments (threads run without a thread state, as PyMutex allows).
 * The critical-section macros compile and run their bodies. */
#include "testing.h"
#include <pthread.h>

#define THREADS 4
#define ROUNDS 200000

static PyMutex mutex; /* zero-initialised: unlocked */
static long counter;

static void *worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        PyMutex_Lock(&mutex);
        long v = counter;
        if (i % 1000 == 0) {
            sched_yield(); /* invite contention while holding the lock */
        }
        counter = v + 1;
        PyMutex_Unlock(&mutex);
    }
    return NULL;
}

/* Times PyMutex_IsLocked (3.14; absent from 3.13) disagreed with the bit. */
static int is_locked_mismatches;

static int locked(PyMutex *m)
{
#if PY_VERSION_HEX >= 0x030E0000
    is_locked_mismatches += PyMutex_IsLocked(m) != (m->_bits & 1);
#endif
    return m->_bits & 1;
}

int main(void)
{
    start();
    PyMutex local = {0};
    show_int("size", (long long)sizeof(PyMutex));
    show_int("fresh locked", locked(&local));
    PyMutex_Lock(&local);
    show_int("after lock", locked(&local));
    PyMutex_Unlock(&local);
    show_int("after unlock", locked(&local));

    /* With a GIL, critical sections are plain blocks around the body. */
    PyObject *list = PyList_New(0);
    Py_BEGIN_CRITICAL_SECTION(list);
    PyList_Append(list, Py_None);
    Py_END_CRITICAL_SECTION();
    Py_BEGIN_CRITICAL_SECTION2(list, Py_None);
    PyList_Append(list, Py_True);
    Py_END_CRITICAL_SECTION2();
    show("list after critical sections", list);
    Py_DECREF(list);

    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        pthread_create(&t[i], NULL, worker, NULL);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
    }
    show_int("counter", counter);
    show_int("expected", (long long)THREADS * ROUNDS);
    show_int("locked at end", locked(&mutex));
    show_int("IsLocked mismatches", is_locked_mismatches);
    return finish();
}
