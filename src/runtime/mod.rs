//! The runtime: interpreter and thread states, the error indicator,
//! initialization and finalization.
pub mod audit;
pub mod cmdline;
pub mod config;
pub mod dir_listing;
pub mod dynload;
pub mod errors;
pub mod fs_codec;
pub mod gil;
pub mod global_config;
pub mod import;
pub mod import_events;
pub mod import_trace;
pub mod interactive;
pub mod lifecycle;
pub mod locale_config;
pub mod module_teardown;
pub mod path_finder;
pub mod pathconfig;
pub mod pending;
pub mod pycache;
pub mod pythread;
pub mod run;
pub mod signals;
pub mod source_text;
pub mod tstate;
pub mod usage;
