//! A code object's location table (the `co_linetable` data): built by the
//! compiler as entries, or read from a bytecode cache file as packed bytes
//! that are unpacked the first time a line number is asked for. Most code
//! loaded at startup never needs one, as CPython keeps its compact
//! `co_linetable` bytes and decodes them on demand.
use ferrython_compiler::bytecode::LineEntry;
use ferrython_compiler::cache::PackedLines;
use std::sync::OnceLock;

pub struct LineTable {
    /// The entry count and bytes of a cache file's table, until unpacked.
    packed: Option<(usize, Box<[u8]>)>,
    entries: OnceLock<Vec<LineEntry>>,
}

impl LineTable {
    /// A table of `entries`.
    pub fn new(entries: Vec<LineEntry>) -> Self {
        LineTable {
            packed: None,
            entries: OnceLock::from(without_columns(entries)),
        }
    }

    /// A table kept packed until first used.
    pub fn packed(p: PackedLines<'_>) -> Self {
        LineTable {
            packed: Some((p.count, p.bytes.into())),
            entries: OnceLock::new(),
        }
    }

    /// The entries, ordered by the first code unit they cover. A damaged
    /// packed table reads as empty (no locations).
    pub fn entries(&self) -> &[LineEntry] {
        self.entries.get_or_init(|| {
            self.packed
                .as_ref()
                .and_then(|(count, bytes)| {
                    PackedLines {
                        count: *count,
                        bytes,
                    }
                    .unpack()
                })
                .map(without_columns)
                .unwrap_or_default()
        })
    }
}

/// `entries` in their "no columns" form (an end line of 0) when the
/// interpreter runs without debug ranges (`-X no_debug_ranges`), as
/// CPython's code objects drop their column information then.
fn without_columns(mut entries: Vec<LineEntry>) -> Vec<LineEntry> {
    if !crate::runtime::config::code_debug_ranges() {
        for e in &mut entries {
            e.end_lineno = 0;
            e.col = 0;
            e.end_col = 0;
        }
    }
    entries
}
