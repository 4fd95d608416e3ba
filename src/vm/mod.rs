//! Running Python code: code objects, functions, frames, the evaluation
//! loop, tracebacks, calls and class creation.
pub mod anext;
pub mod arith;
pub mod asyncgen;
pub mod attr_cache;
pub mod call;
pub mod cell;
pub mod classes;
pub mod code;
pub mod code_compare;
pub mod code_lines;
pub mod code_load;
pub mod code_replace;
pub mod eval;
pub mod frame;
pub mod frame_jump;
pub mod frame_locals;
pub mod function;
pub mod function_new;
pub mod genobject;
pub mod line_table;
pub mod monitoring;
pub mod ops;
pub mod patma;
pub mod trace_lines;
pub mod traceback;
pub mod tracing;
