//! The object model: allocation, reference counting and every builtin type,
//! one file per type.
pub mod alloc;
pub mod bool;
pub mod bytes;
pub mod complex;
pub mod descr;
pub mod dict;
pub mod exceptions;
pub mod float;
pub mod float_repr;
pub mod format_spec;
pub mod funcobject;
pub mod handle;
pub mod hash;
pub mod int;
pub mod int_arith;
pub mod int_text;
pub mod iterobject;
pub mod list;
pub mod listsort;
pub mod member;
pub mod methodobject;
pub mod module;
pub mod none;
pub mod number;
#[allow(clippy::module_inception)]
pub mod object;
pub mod protocol;
pub mod refcount;
pub mod slice;
pub mod slotdefs;
pub mod str;
pub mod tuple;
pub mod typeobj;
pub mod unicode_db;
pub mod unicode_props;
