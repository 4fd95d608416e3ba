//! The raw C layer: `#[repr(C)]` structs, typedefs and constants with CPython
//! 3.14's layouts. Everything a C extension can see lives here, and cbindgen
//! writes it into `include/ferrython/capi.h`.
// Declaration order is the order of the generated header: the object
// header first, then what is built on it.
pub mod buffer;
pub mod methods;
pub mod object;
pub mod objects;
pub mod typeslots;

pub use buffer::*;
pub use methods::*;
pub use object::*;
pub use objects::*;
pub use typeslots::*;
