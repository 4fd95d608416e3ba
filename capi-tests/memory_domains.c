// test: differential
/* The three allocator families (PyMem_Raw*, PyMem_*, PyObject_*): blocks
 * of every size from 0 to past the small-block limit, filled, grown and
 * shrunk with realloc (contents kept up to the smaller size), calloc
 * zeroed even when it hands out a block freed just before, freed and
 * handed out again; and a raw block used from a thread without the GIL. */
#include "testing.h"
#include <pthread.h>
#include <stdint.h>

typedef struct {
    const char *name;
    void *(*malloc_)(size_t);
    void *(*calloc_)(size_t, size_t);
    void *(*realloc_)(void *, size_t);
    void (*free_)(void *);
} family;

static void fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        p[i] = (unsigned char)(i * 31 + seed);
    }
}

static int same(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != (unsigned char)(i * 31 + seed)) {
            return 0;
        }
    }
    return 1;
}

static void exercise(const family *f)
{
    enum { N = 700 };
    static unsigned char *blocks[N];
    int ok = 1, aligned = 1, zeroed = 1;
    /* Every size 0..699, all alive at once. */
    for (size_t n = 0; n < N; n++) {
        blocks[n] = f->malloc_(n);
        if (blocks[n] == NULL) {
            ok = 0;
            continue;
        }
        aligned &= ((uintptr_t)blocks[n] % 16) == 0 || n < 16;
        fill(blocks[n], n, (unsigned)n);
    }
    for (size_t n = 0; n < N; n++) {
        ok &= blocks[n] != NULL && same(blocks[n], n, (unsigned)n);
    }
    /* Grow each block to twice its size plus one, then shrink it to a
     * third: what was written survives both moves. */
    for (size_t n = 0; n < N; n++) {
        unsigned char *p = f->realloc_(blocks[n], 2 * n + 1);
        if (p == NULL) {
            ok = 0;
            continue;
        }
        ok &= same(p, n, (unsigned)n);
        fill(p, 2 * n + 1, (unsigned)n + 7);
        blocks[n] = f->realloc_(p, n / 3 + 1);
        ok &= blocks[n] != NULL && same(blocks[n], n / 3 + 1, (unsigned)n + 7);
    }
    /* Free every other block, then calloc blocks of those sizes: they are
     * zero although freed blocks full of data were just released. */
    for (size_t n = 0; n < N; n += 2) {
        f->free_(blocks[n]);
    }
    for (size_t n = 0; n < N; n += 2) {
        size_t size = n / 3 + 1;
        blocks[n] = f->calloc_(1, size);
        if (blocks[n] == NULL) {
            ok = 0;
            continue;
        }
        for (size_t i = 0; i < size; i++) {
            zeroed &= blocks[n][i] == 0;
        }
    }
    for (size_t n = 1; n < N; n += 2) {
        ok &= same(blocks[n], n / 3 + 1, (unsigned)n + 7);
    }
    for (size_t n = 0; n < N; n++) {
        f->free_(blocks[n]);
    }
    /* realloc(NULL) allocates; free(NULL) does nothing; size 0 is a
     * unique non-NULL block. */
    void *a = f->realloc_(NULL, 24), *b = f->malloc_(0), *c = f->malloc_(0);
    ok &= a != NULL && b != NULL && c != NULL && b != c;
    f->free_(a);
    f->free_(b);
    f->free_(c);
    f->free_(NULL);
    printf("%s: contents kept %s, aligned %s, calloc zeroed %s\n", f->name,
           ok ? "yes" : "no", aligned ? "yes" : "no", zeroed ? "yes" : "no");
}

static void *raw_worker(void *arg)
{
    (void)arg;
    int ok = 1;
    for (int round = 0; round < 200; round++) {
        unsigned char *p = PyMem_RawMalloc(40 + round);
        if (p == NULL) {
            return NULL;
        }
        fill(p, 40 + round, (unsigned)round);
        p = PyMem_RawRealloc(p, 600 + round);
        ok &= p != NULL && same(p, 40 + round, (unsigned)round);
        PyMem_RawFree(p);
    }
    return ok ? (void *)1 : NULL;
}

int main(void)
{
    static const family families[] = {
        {"PyMem_Raw", PyMem_RawMalloc, PyMem_RawCalloc, PyMem_RawRealloc, PyMem_RawFree},
        {"PyMem", PyMem_Malloc, PyMem_Calloc, PyMem_Realloc, PyMem_Free},
        {"PyObject", PyObject_Malloc, PyObject_Calloc, PyObject_Realloc, PyObject_Free},
    };
    /* The raw family works before the runtime is initialized. */
    exercise(&families[0]);
    start();
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        exercise(&families[i]);
    }
    pthread_t t;
    void *result = NULL;
    Py_BEGIN_ALLOW_THREADS
    if (pthread_create(&t, NULL, raw_worker, NULL) == 0) {
        pthread_join(t, &result);
    }
    Py_END_ALLOW_THREADS
    check("raw blocks from a thread without the GIL", result != NULL);
    /* Objects made and freed between the families' blocks. */
    PyObject *list = PyList_New(0);
    for (int i = 0; i < 3000; i++) {
        PyObject *s = PyUnicode_FromFormat("item %d", i);
        PyList_Append(list, s);
        Py_DECREF(s);
    }
    PyObject *sep = PyUnicode_FromString(",");
    PyObject *joined = PyUnicode_Join(sep, list);
    printf("joined length: %zd\n", PyUnicode_GetLength(joined));
    Py_DECREF(joined);
    Py_DECREF(sep);
    Py_DECREF(list);
    return finish();
}
