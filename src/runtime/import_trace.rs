//! Import tracing on stderr: the `-v` messages (`PyConfig.verbose`,
//! worded as importlib's `_verbose_message` words them: `import 'name' #
//! loader`, `# code object from ...`, `# trying ...` at `-vv`) and the
//! `-X importtime` table of `Python/import.c` (`import time: self [us] |
//! cumulative | imported package`, nested imports indented).
use crate::runtime::config;
use std::cell::Cell;
use std::time::Instant;

/// Writes `text()` (prefixed with `# ` unless it starts with `#` or
/// `import `) to `sys.stderr` when `-v` was given at least `level` times.
/// The text is only built when it is shown.
pub fn verbose_message(level: i32, text: impl FnOnce() -> String) {
    if config::verbose() < level {
        return;
    }
    let mut t = text();
    if !(t.starts_with('#') || t.starts_with("import ")) {
        t.insert_str(0, "# ");
    }
    t.push('\n');
    crate::modules::io::stdio::write_stderr(&t);
}

thread_local! {
    /// Nesting depth of the imports being timed.
    static LEVEL: Cell<usize> = const { Cell::new(0) };
    /// Time spent in the nested imports of the current one, in µs.
    static ACCUMULATED: Cell<u128> = const { Cell::new(0) };
    /// Whether the table's header was written.
    static HEADER: Cell<bool> = const { Cell::new(false) };
}

/// Runs `load` (finding and loading the module `name`, not in
/// `sys.modules` yet) and, under `-X importtime`, writes its line of the
/// table: the time spent in it minus its nested imports, the whole time,
/// and the name indented by its nesting depth.
pub fn timed<T>(name: &str, load: impl FnOnce() -> T) -> T {
    if config::import_time() == 0 {
        return load();
    }
    use std::io::Write;
    if !HEADER.replace(true) {
        let _ = std::io::stderr()
            .write_all(b"import time: self [us] | cumulative | imported package\n");
    }
    let level = LEVEL.get();
    LEVEL.set(level + 1);
    let outer = ACCUMULATED.replace(0);
    let start = Instant::now();
    let r = load();
    let cum = start.elapsed().as_micros();
    LEVEL.set(level);
    let own = cum.saturating_sub(ACCUMULATED.get());
    let _ = writeln!(
        std::io::stderr(),
        "import time: {own:>9} | {cum:>10} | {:indent$}{name}",
        "",
        indent = level * 2
    );
    ACCUMULATED.set(outer + cum);
    r
}
