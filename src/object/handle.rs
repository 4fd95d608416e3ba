//! Owned and borrowed object handles for the Rust core: an [`Owned`] is a
//! strong reference released on drop; a [`Borrowed`] is tied to a lifetime in
//! which someone else keeps the object alive.
use crate::ffi::PyObject;
use crate::object::refcount::{decref, incref};
use std::marker::PhantomData;
use std::ptr::NonNull;

/// A strong reference: dropping it decrements the refcount.
#[repr(transparent)]
pub struct Owned(NonNull<PyObject>);

impl Owned {
    /// Takes ownership of a new reference; `None` for NULL (an error result).
    #[inline]
    pub unsafe fn from_raw(p: *mut PyObject) -> Option<Owned> {
        NonNull::new(p).map(Owned)
    }

    /// Takes ownership of a new, non-NULL reference.
    #[inline]
    pub unsafe fn from_raw_unchecked(p: *mut PyObject) -> Owned {
        debug_assert!(!p.is_null());
        // SAFETY: the caller guarantees non-NULL.
        Owned(unsafe { NonNull::new_unchecked(p) })
    }

    /// A new strong reference to a borrowed object.
    #[inline]
    pub unsafe fn from_borrowed(p: *mut PyObject) -> Owned {
        // SAFETY: the caller guarantees a valid, non-NULL object.
        unsafe {
            incref(p);
            Owned::from_raw_unchecked(p)
        }
    }

    /// A reference to a static object (immortal or not). `p` must be a
    /// valid object; callers pass the addresses of statics.
    #[inline]
    #[allow(clippy::not_unsafe_ptr_arg_deref)]
    pub fn from_borrowed_static(p: *mut PyObject) -> Owned {
        debug_assert!(!p.is_null());
        // SAFETY: immortal objects ignore reference counting; incref is a no-op
        // for them but keeps this correct for mortal ones too.
        unsafe { Owned::from_borrowed(p) }
    }

    /// Gives the reference to the caller (for returning to C).
    #[inline]
    pub fn into_raw(self) -> *mut PyObject {
        let p = self.0.as_ptr();
        std::mem::forget(self);
        p
    }

    /// The pointer, still owned by `self`.
    #[inline]
    pub fn as_ptr(&self) -> *mut PyObject {
        self.0.as_ptr()
    }

    /// A borrowed view living as long as `self`.
    #[inline]
    pub fn borrow(&self) -> Borrowed<'_> {
        Borrowed(self.0, PhantomData)
    }
}

impl Clone for Owned {
    #[inline]
    fn clone(&self) -> Owned {
        // SAFETY: self keeps the object alive.
        unsafe { Owned::from_borrowed(self.as_ptr()) }
    }
}

impl Drop for Owned {
    #[inline]
    fn drop(&mut self) {
        // SAFETY: we own one reference.
        unsafe { decref(self.0.as_ptr()) }
    }
}

/// A borrowed reference valid for `'a`.
#[derive(Clone, Copy)]
#[repr(transparent)]
pub struct Borrowed<'a>(NonNull<PyObject>, PhantomData<&'a PyObject>);

impl<'a> Borrowed<'a> {
    /// Borrows a non-NULL pointer that stays valid for `'a`.
    #[inline]
    pub unsafe fn from_ptr(p: *mut PyObject) -> Borrowed<'a> {
        // SAFETY: the caller guarantees non-NULL.
        Borrowed(unsafe { NonNull::new_unchecked(p) }, PhantomData)
    }

    /// The pointer.
    #[inline]
    pub fn as_ptr(self) -> *mut PyObject {
        self.0.as_ptr()
    }

    /// A new strong reference.
    #[inline]
    pub fn to_owned(self) -> Owned {
        // SAFETY: valid for 'a.
        unsafe { Owned::from_borrowed(self.as_ptr()) }
    }
}
