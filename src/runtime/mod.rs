//! The runtime: interpreter and thread states, the error indicator,
//! initialization and finalization.
pub mod errors;
pub mod lifecycle;
pub mod tstate;
