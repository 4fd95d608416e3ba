# multiprocessing's shared state: Value, Array and RawArray (ctypes over an
# mmap heap) with fork and spawn, and shared_memory (SharedMemory,
# ShareableList) over _posixshmem.
import multiprocessing as mp
from multiprocessing import shared_memory

def bump(v, a, n):
    for _ in range(n):
        with v.get_lock():
            v.value += 1
    # Read-modify-write under the array's lock: without it the two processes
    # can lose an update (seen with CPython too).
    with a.get_lock():
        for i in range(len(a)):
            a[i] = a[i] * 2

if __name__ == '__main__':
    for method in ('fork', 'spawn'):
        ctx = mp.get_context(method)
        v = ctx.Value('i', 0)
        a = ctx.Array('d', [1.0, 2.0, 3.0])
        ps = [ctx.Process(target=bump, args=(v, a, 20)) for _ in range(2)]
        for p in ps: p.start()
        for p in ps: p.join()
        print(method, v.value, a[:])
        raw = ctx.RawArray('b', 4)
        print(list(raw), ctx.Value('d', 1.5).value, ctx.Value('c', b'x').value)
    # shared memory
    shm = shared_memory.SharedMemory(create=True, size=10)
    shm.buf[:3] = b'abc'
    other = shared_memory.SharedMemory(shm.name)
    print(bytes(other.buf[:3]), other.size >= 10)
    other.close(); shm.close(); shm.unlink()
    try:
        shared_memory.SharedMemory(shm.name)
    except FileNotFoundError as e:
        print('FileNotFoundError', e.errno)
    sl = shared_memory.ShareableList([1, 'two', 3.0])
    print(list(sl))
    sl.shm.close(); sl.shm.unlink()
