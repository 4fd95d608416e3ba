// test: cflags -pthread
// test: no-leakcheck
/* Threads around finalization (ferrython's documented behaviour; CPython
 * 3.13 instead ends or crashes such threads): Py_FinalizeEx completes while
 * a daemon Python thread spins (it is parked when it next wants the GIL);
 * a native thread calling PyGILState_Ensure after Py_FinalizeEx blocks
 * forever instead of crashing, also after the runtime is initialized
 * again, and the process exits normally. The daemon thread's state is
 * leaked on purpose, hence no leak check. */
#include "testing.h"
#include <pthread.h>
#include <unistd.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int go;
static volatile int returned_from_ensure;

static void *late_attacher(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&mu);
    while (!go) {
        pthread_cond_wait(&cv, &mu);
    }
    pthread_mutex_unlock(&mu);
    PyGILState_Ensure();
    returned_from_ensure = 1;
    return NULL;
}

int main(void)
{
    /* C and Python output interleave in order. */
    setvbuf(stdout, NULL, _IONBF, 0);
    start();
    pthread_t t;
    pthread_create(&t, NULL, late_attacher, NULL);
    PyRun_SimpleString(
        "import _thread\n"
        "started = _thread.allocate_lock(); started.acquire()\n"
        "def spin():\n"
        "    started.release()\n"
        "    while True:\n"
        "        pass\n"
        "_thread.start_new_thread(spin, ())\n"
        "started.acquire()\n"
        "print('daemon thread spinning', flush=True)\n");
    printf("finalize with the daemon thread running: %d\n", Py_FinalizeEx());
    printf("initialized: %d\n", Py_IsInitialized());

    pthread_mutex_lock(&mu);
    go = 1;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
    usleep(200 * 1000);
    check("late PyGILState_Ensure returned", returned_from_ensure);

    Py_Initialize();
    PyRun_SimpleString("print('second runtime runs:', sum(range(10)), flush=True)");
    usleep(100 * 1000);
    check("late PyGILState_Ensure returned after re-initialization", returned_from_ensure);
    printf("finalize again: %d\n", Py_FinalizeEx());
    fflush(stdout);
    return 0;
}
