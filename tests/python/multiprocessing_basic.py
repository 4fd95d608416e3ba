# multiprocessing with the fork, spawn and forkserver start methods:
# Pool, Process, Queue, Pipe, locks and semaphores (SemLock), Event,
# Manager, and the API of _multiprocessing and _posixshmem.
import multiprocessing as mp, os, sys, time, threading
import _multiprocessing
import tempfile

def square(x):
    return x * x

def put_pid(q, n):
    q.put(n)

def add_under_lock(lock, path, n):
    fd = os.open(path, os.O_RDWR)
    for _ in range(n):
        with lock:
            v = int.from_bytes(os.pread(fd, 4, 0), 'little')
            os.pwrite(fd, (v + 1).to_bytes(4, 'little'), 0)
    os.close(fd)

def wait_event(ev, q):
    q.put(ev.wait(10))

def pipe_echo(conn):
    conn.send(conn.recv() * 2)
    conn.close()

def exit_with(code):
    sys.exit(code)

def raise_error():
    raise ValueError('boom')

def run(method):
    ctx = mp.get_context(method)
    print('--', method)
    with ctx.Pool(2) as p:
        print(p.map(square, range(10)))
        print(p.apply(square, (7,)), p.apply_async(square, (8,)).get(10))
        print(sorted(p.imap_unordered(square, range(5))))
        print(p.starmap(pow, [(2, 3), (3, 2)]))
    q = ctx.Queue()
    ps = [ctx.Process(target=put_pid, args=(q, i)) for i in range(3)]
    for p in ps:
        p.start()
    print(sorted(q.get(timeout=30) for _ in ps))
    for p in ps:
        p.join()
    print([p.exitcode for p in ps])
    # a lock shared by processes guards a counter in a file
    lock = ctx.Lock()
    fd, path = tempfile.mkstemp()
    os.write(fd, bytes(4))
    ps = [ctx.Process(target=add_under_lock, args=(lock, path, 50)) for _ in range(3)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(int.from_bytes(os.pread(fd, 4, 0), 'little'))
    os.close(fd)
    os.unlink(path)
    ev = ctx.Event()
    p = ctx.Process(target=wait_event, args=(ev, q))
    p.start()
    ev.set()
    print(q.get(timeout=30))
    p.join()
    a, b = ctx.Pipe()
    p = ctx.Process(target=pipe_echo, args=(b,))
    p.start()
    a.send([1, 2])
    print(a.recv())
    p.join()
    p = ctx.Process(target=exit_with, args=(3,))
    p.start()
    p.join()
    print(p.exitcode)
    with ctx.Pool(1) as pool:
        try:
            pool.apply(raise_error)
        except ValueError as e:
            print('ValueError', e)

if __name__ == '__main__':
    # the SemLock type itself
    SemLock = _multiprocessing.SemLock
    print(SemLock.SEM_VALUE_MAX > 0, sorted(_multiprocessing.flags))
    lk = mp.Lock()
    print(lk.acquire(), lk.acquire(False), lk.acquire(timeout=0.05))
    lk.release()
    try:
        lk.release()
    except ValueError as e:
        print('ValueError', e)
    rl = mp.RLock()
    print(rl.acquire(), rl.acquire(), rl._semlock._count(), rl._semlock._is_mine())
    rl.release(); rl.release()
    try:
        rl.release()
    except AssertionError as e:
        print('AssertionError', e)
    s = mp.Semaphore(2)
    print(s.get_value(), s.acquire(), s.get_value(), s._semlock._is_zero())
    s.acquire()
    print(s._semlock._is_zero(), s.acquire(timeout=0.01))
    s.release(); s.release()
    s.release()
    print(s.get_value())
    bs = mp.BoundedSemaphore(1)
    bs.acquire(); bs.release()
    try:
        bs.release()
    except ValueError as e:
        print('ValueError', e)
    print(repr(lk).startswith('<Lock(owner='), repr(s))
    t = threading.Thread(target=lambda: print('other thread', rl.acquire(timeout=0.05)))
    with rl:
        t.start(); t.join()
    sl = SemLock(1, 1, 1, '/ferrython-test-sem', True)
    print(sl.kind, sl.maxvalue, sl.name, type(sl.handle).__name__)
    for args in [(5, 1, 1, '/x', True), (1, 1, 1, 5, True)]:
        try:
            SemLock(*args)
        except Exception as e:
            print(type(e).__name__, e)
    sl2 = SemLock(1, 0, 1, '/ferrython-test-sem2', False)
    print(sl2.name)
    again = SemLock._rebuild(sl2.handle, sl2.kind, sl2.maxvalue, sl2.name)
    print(again._get_value(), again.name)
    _multiprocessing.sem_unlink('/ferrython-test-sem2')
    try:
        _multiprocessing.sem_unlink('/ferrython-test-sem2')
    except FileNotFoundError as e:
        print('FileNotFoundError', e.errno)
    try:
        SemLock._rebuild(0, 1, 1, '/ferrython-test-sem2')
    except FileNotFoundError as e:
        print('FileNotFoundError', e.errno)
    import _posixshmem
    for f, a in [(_posixshmem.shm_unlink, ('/ferrython-no-such',)), (_posixshmem.shm_open, (5, 0)), (_posixshmem.shm_unlink, ('a\0b',))]:
        try:
            f(*a)
        except Exception as e:
            print(type(e).__name__, e)
    for method in ('fork', 'spawn', 'forkserver'):
        run(method)
    with mp.Manager() as m:
        d = m.dict(a=1)
        lst = m.list([1, 2])
        lst.append(3)
        print(dict(d), list(lst))
