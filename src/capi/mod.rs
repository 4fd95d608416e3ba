//! The `extern "C"` face of the runtime: one file per chapter of CPython's
//! C-API documentation. Each export checks its arguments, converts, and calls
//! the Rust core; the core never calls back into this layer except for the
//! boundary helpers and the allocator exports used as type slots.
pub mod allocation;
pub mod arg;
pub mod bool;
pub mod boundary;
pub mod buffer;
pub mod bytearray;
pub mod bytes;
pub mod call;
pub mod capsule;
pub mod cell;
pub mod complex;
pub mod config;
pub mod conversion;
pub mod dict;
pub mod exceptions;
pub mod float;
pub mod format;
pub mod gc;
pub mod import;
pub mod init;
pub mod list;
pub mod long;
pub mod mapping;
pub mod memory;
pub mod memoryview;
pub mod modsupport;
pub mod module;
pub mod mutex;
pub mod number;
pub mod object;
pub mod refcount;
pub mod reflection;
pub mod runfile;
pub mod sequence;
pub mod set;
pub mod slice;
pub mod structures;
pub mod sys;
pub mod tuple;
pub mod types;
pub mod unicode;
pub mod veryhigh;
pub mod warnings;
pub mod weakref;
