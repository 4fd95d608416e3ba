//! The `ferrython` command: a C `main` that hands argv to `Py_BytesMain`.
//! It is the C entry point itself (no Rust `main`) because the Rust
//! runtime's start-up would reopen closed standard descriptors on
//! `/dev/null`, where CPython leaves them closed (`sys.stdin` etc. are then
//! None).
#![no_main]

/// The process entry point, as CPython's `Programs/python.c`.
///
/// # Safety
/// Called by the C runtime with the process's command line.
#[no_mangle]
pub unsafe extern "C" fn main(argc: libc::c_int, argv: *mut *mut libc::c_char) -> libc::c_int {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: nothing else runs yet; the calls only size the C heap.
    unsafe {
        populate_heap()
    };
    // SAFETY: argc and argv are the process's command line, NULL-terminated
    // and alive for the whole run.
    unsafe { ferrython::capi::veryhigh::Py_BytesMain(argc, argv) }
}

/// The C heap's first half megabyte, made and populated in one go:
/// start-up fills more heap than that (besides the object allocator's
/// pools), and the kernel maps pages asked for all at once
/// (`MADV_POPULATE_WRITE`) in half the time it takes to fault them in one
/// at a time as the heap grows. The heap also grows by half a megabyte at
/// a time from then on, in a few system calls instead of one every
/// 132 KiB. A kernel older than 5.14 refuses the advice, and the pages
/// are faulted in as before.
///
/// # Safety
/// Called before any other thread exists.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
unsafe fn populate_heap() {
    const STEP: usize = 512 << 10;
    // SAFETY: glibc's own heap calls; sbrk(0) only reads the break, and
    // the advice covers the pages the heap just grew by, which are ours.
    unsafe {
        let before = libc::sbrk(0) as usize;
        libc::mallopt(libc::M_TOP_PAD, STEP as libc::c_int);
        // black_box: the compiler would drop an unused malloc/free pair.
        libc::free(std::hint::black_box(libc::malloc(1)));
        let after = libc::sbrk(0) as usize;
        let page = libc::sysconf(libc::_SC_PAGESIZE).max(1) as usize;
        let start = before.next_multiple_of(page);
        if after > start {
            libc::madvise(
                start as *mut libc::c_void,
                after - start,
                libc::MADV_POPULATE_WRITE,
            );
        }
    }
}
