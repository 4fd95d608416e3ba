//! `list.sort`: a stable natural merge sort (runs extended by binary
//! insertion, merged bottom-up) whose comparison may raise. On an error the
//! array is still a permutation of the original items, as in CPython. While
//! sorting, the list looks empty; a list that was changed meanwhile raises
//! `ValueError("list modified during sort")`.
use crate::ffi::*;
use crate::object::refcount::*;
use crate::object::{float, int, protocol, str as pystr, tuple};
use crate::runtime::errors::{self, PyResult};
use crate::Owned;
use std::ptr::null_mut;

/// Runs shorter than this are extended with binary insertion sort.
const MIN_RUN: usize = 32;

/// How keys compare: specialized when all keys share a simple exact type
/// (CPython's `unsafe_*_compare` choices), else `PyObject_RichCompare`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum KeyKind {
    Generic,
    Str,
    SmallInt,
    Float,
}

unsafe fn key_kind(keys: &[*mut PyObject]) -> KeyKind {
    // SAFETY: the keys are valid objects.
    unsafe {
        let Some(&first) = keys.first() else {
            return KeyKind::Generic;
        };
        let tp = (*first).ob_type;
        if !keys.iter().all(|&k| (*k).ob_type == tp) {
            return KeyKind::Generic;
        }
        if tp == &raw mut pystr::PyUnicode_Type {
            KeyKind::Str
        } else if tp == &raw mut float::PyFloat_Type {
            KeyKind::Float
        } else if tp == &raw mut int::PyLong_Type
            && keys.iter().all(|&k| int::small_value(k).is_some())
        {
            KeyKind::SmallInt
        } else {
            KeyKind::Generic
        }
    }
}

#[inline(always)]
unsafe fn small_int(k: *mut PyObject) -> i64 {
    // SAFETY: k is an int of at most two digits (checked by key_kind).
    unsafe { int::small_value(k).unwrap_or(0) }
}

/// Sorts `v` stably by `lt`; on an error `v` stays a permutation.
pub fn merge_sort<T: Copy>(
    v: &mut [T],
    lt: &mut impl FnMut(T, T) -> PyResult<bool>,
) -> PyResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        if j < n {
            if lt(v[j], v[j - 1])? {
                // Strictly descending (keeps stability when reversed).
                while j + 1 < n && lt(v[j + 1], v[j])? {
                    j += 1;
                }
                j += 1;
                v[i..j].reverse();
            } else {
                while j + 1 < n && !lt(v[j + 1], v[j])? {
                    j += 1;
                }
                j += 1;
            }
        }
        let end = n.min(j.max(i + MIN_RUN));
        binary_insertion_sort(&mut v[i..end], j - i, lt)?;
        runs.push((i, end - i));
        i = end;
    }
    let mut buf: Vec<T> = Vec::with_capacity(n / 2 + 1);
    while runs.len() > 1 {
        let mut merged = Vec::with_capacity(runs.len() / 2 + 1);
        for pair in runs.chunks(2) {
            if let [(s, la), (_, lb)] = *pair {
                merge(&mut v[s..s + la + lb], la, &mut buf, lt)?;
                merged.push((s, la + lb));
            } else {
                merged.push(pair[0]);
            }
        }
        runs = merged;
    }
    Ok(())
}

/// Sorts `v` whose first `sorted` items are already in order.
fn binary_insertion_sort<T: Copy>(
    v: &mut [T],
    sorted: usize,
    lt: &mut impl FnMut(T, T) -> PyResult<bool>,
) -> PyResult<()> {
    for i in sorted.max(1)..v.len() {
        let x = v[i];
        let (mut lo, mut hi) = (0, i);
        while lo < hi {
            let mid = (lo + hi) / 2;
            if lt(x, v[mid])? {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        v.copy_within(lo..i, lo + 1);
        v[lo] = x;
    }
    Ok(())
}

/// Merges the sorted halves `v[..la]` and `v[la..]`.
fn merge<T: Copy>(
    v: &mut [T],
    la: usize,
    buf: &mut Vec<T>,
    lt: &mut impl FnMut(T, T) -> PyResult<bool>,
) -> PyResult<()> {
    // Already in order: nothing to do.
    if !lt(v[la], v[la - 1])? {
        return Ok(());
    }
    // Items of the left run not greater than the right run's first stay in
    // place, as do items of the right run not less than the left's last
    // (timsort's gallop trims, done here by binary search).
    let (first_b, last_a) = (v[la], v[la - 1]);
    let (mut lo, mut hi) = (0, la);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if lt(first_b, v[mid])? {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    let skip = lo;
    let (mut lo, mut hi) = (la, v.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if lt(v[mid], last_a)? {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let v = &mut v[skip..lo];
    let la = la - skip;
    buf.clear();
    buf.extend_from_slice(&v[..la]);
    let (mut i, mut j, mut k) = (0, la, 0);
    while i < buf.len() && j < v.len() {
        match lt(v[j], buf[i]) {
            Ok(true) => {
                v[k] = v[j];
                j += 1;
            }
            Ok(false) => {
                v[k] = buf[i];
                i += 1;
            }
            Err(e) => {
                // The gap v[k..j] has room for exactly the rest of buf.
                v[k..k + buf.len() - i].copy_from_slice(&buf[i..]);
                return Err(e);
            }
        }
        k += 1;
    }
    let rest = buf.len() - i;
    v[k..k + rest].copy_from_slice(&buf[i..]);
    Ok(())
}

/// `list.sort(key=key, reverse=reverse)`; `key` NULL for none.
pub unsafe fn sort(op: *mut PyObject, key: *mut PyObject, reverse: bool) -> PyResult<()> {
    // SAFETY: op is a list; it is detached (empty) while user code runs.
    unsafe {
        let l = op.cast::<PyListObject>();
        let saved_items = (*l).ob_item;
        let saved_size = (*l).ob_base.ob_size;
        let saved_alloc = (*l).allocated;
        (*l).ob_item = null_mut();
        (*l).ob_base.ob_size = 0;
        (*l).allocated = -1;
        let items: &mut [*mut PyObject] = if saved_size == 0 {
            &mut []
        } else {
            std::slice::from_raw_parts_mut(saved_items, saved_size as usize)
        };
        let result = sort_items(items, key, reverse);
        // Whatever the list gained meanwhile is dropped; the sorted array
        // comes back.
        let modified = (*l).allocated != -1;
        let gained_items = (*l).ob_item;
        let gained_size = (*l).ob_base.ob_size;
        (*l).ob_item = saved_items;
        (*l).ob_base.ob_size = saved_size;
        (*l).allocated = saved_alloc;
        if !gained_items.is_null() {
            for i in 0..gained_size {
                xdecref(*gained_items.offset(i));
            }
            crate::object::alloc::raw_free(gained_items.cast());
        }
        result?;
        if modified {
            return Err(errors::value_error("list modified during sort"));
        }
        Ok(())
    }
}

unsafe fn sort_items(
    items: &mut [*mut PyObject],
    key: *mut PyObject,
    reverse: bool,
) -> PyResult<()> {
    // SAFETY: items are valid objects owned by the detached list.
    unsafe {
        if items.len() < 2 {
            if let (false, Some(&x)) = (key.is_null(), items.first()) {
                protocol::call_args(key, &[x])?;
            }
            return Ok(());
        }
        let keys: Vec<Owned> = if key.is_null() {
            Vec::new()
        } else {
            let mut keys = Vec::with_capacity(items.len());
            for &x in items.iter() {
                keys.push(protocol::call_args(key, &[x])?);
            }
            keys
        };
        // Reversing before and after keeps equal items in their order.
        if reverse {
            items.reverse();
        }
        let r = if key.is_null() {
            let keys = items.to_vec();
            sort_by_keys(items, &keys)
        } else {
            let mut raw: Vec<*mut PyObject> = keys.iter().map(|k| k.as_ptr()).collect();
            if reverse {
                raw.reverse();
            }
            sort_by_keys(items, &raw)
        };
        if reverse {
            items.reverse();
        }
        r
    }
}

/// Sorts `items` by the parallel `keys`. Keys of one simple type are
/// decoded once into a contiguous array, so comparisons touch no objects.
unsafe fn sort_by_keys(items: &mut [*mut PyObject], keys: &[*mut PyObject]) -> PyResult<()> {
    // SAFETY: keys are valid objects of the kind key_kind found.
    unsafe {
        match key_kind(keys) {
            KeyKind::SmallInt => {
                sort_decorated(items, keys.iter().map(|&k| small_int(k)), |a, b| a < b);
                Ok(())
            }
            KeyKind::Float => {
                let f = |k: *mut PyObject| (*k.cast::<PyFloatObject>()).ob_fval;
                sort_decorated(items, keys.iter().map(|&k| f(k)), |a, b| a < b);
                Ok(())
            }
            KeyKind::Str if keys.iter().all(|&k| pystr::kind(k) == 1) => {
                // The first eight bytes as a big-endian number order like
                // the bytes themselves; most comparisons stop there.
                let decorate = |k: *mut PyObject| {
                    let d = pystr::data_bytes(k);
                    let mut head = [0u8; 8];
                    let n = d.len().min(8);
                    head[..n].copy_from_slice(&d[..n]);
                    (u64::from_be_bytes(head), d)
                };
                sort_decorated(items, keys.iter().map(|&k| decorate(k)), |a, b| {
                    a.0 < b.0 || (a.0 == b.0 && a.1 < b.1)
                });
                Ok(())
            }
            KeyKind::Str => {
                let lt = |a: &*mut PyObject, b: &*mut PyObject| {
                    pystr::compare(*a, *b) == std::cmp::Ordering::Less
                };
                sort_decorated(items, keys.iter().copied(), lt);
                Ok(())
            }
            KeyKind::Generic
                if keys
                    .iter()
                    .all(|&k| tuple::check_exact(k) && tuple::size(k) > 0) =>
            {
                // Tuples (`sorted(d.items())`): decode the first items once;
                // only ties on them compare whole tuples.
                let firsts: Vec<*mut PyObject> = keys.iter().map(|&k| tuple::items(k)[0]).collect();
                match key_kind(&firsts) {
                    KeyKind::SmallInt => sort_tuples(items, keys, |k| small_int(k), |a, b| a < b),
                    KeyKind::Float => sort_tuples(
                        items,
                        keys,
                        |k| (*k.cast::<PyFloatObject>()).ob_fval,
                        |a, b| a < b,
                    ),
                    KeyKind::Str if firsts.iter().all(|&k| pystr::kind(k) == 1) => {
                        sort_tuples(items, keys, |k| pystr::data_bytes(k), |a, b| a < b)
                    }
                    _ => sort_generic(items, keys),
                }
            }
            KeyKind::Generic => sort_generic(items, keys),
        }
    }
}

/// Sorts by arbitrary keys through `PyObject_RichCompare(<)`.
unsafe fn sort_generic(items: &mut [*mut PyObject], keys: &[*mut PyObject]) -> PyResult<()> {
    let mut pairs: Vec<(*mut PyObject, *mut PyObject)> =
        keys.iter().copied().zip(items.iter().copied()).collect();
    // SAFETY: keys are valid objects kept alive by the caller.
    let r = merge_sort(&mut pairs, &mut |a, b| unsafe {
        protocol::rich_compare_bool(a.0, b.0, Py_LT)
    });
    for (slot, p) in items.iter_mut().zip(&pairs) {
        *slot = p.1;
    }
    r
}

/// Sorts by tuple keys whose first items decode (by `first`) to values of
/// one simple order; equal first items fall back to comparing the tuples.
unsafe fn sort_tuples<K: Copy + PartialEq>(
    items: &mut [*mut PyObject],
    keys: &[*mut PyObject],
    first: impl Fn(*mut PyObject) -> K,
    lt: impl Fn(&K, &K) -> bool,
) -> PyResult<()> {
    // SAFETY: keys are non-empty exact tuples, kept alive by the caller.
    unsafe {
        let mut v: Vec<(K, *mut PyObject, *mut PyObject)> = keys
            .iter()
            .zip(items.iter())
            .map(|(&k, &x)| (first(tuple::items(k)[0]), k, x))
            .collect();
        let r = merge_sort(&mut v, &mut |a, b| {
            // An identical first item (a NaN included) counts as equal, as
            // `PyObject_RichCompareBool` has it.
            if lt(&a.0, &b.0) {
                Ok(true)
            } else if a.0 != b.0 && tuple::items(a.1)[0] != tuple::items(b.1)[0] {
                Ok(false)
            } else {
                protocol::rich_compare_bool(a.1, b.1, Py_LT)
            }
        });
        for (slot, p) in items.iter_mut().zip(&v) {
            *slot = p.2;
        }
        r
    }
}

/// Sorts `items` by precomputed keys with an infallible order.
fn sort_decorated<K: Copy>(
    items: &mut [*mut PyObject],
    keys: impl Iterator<Item = K>,
    lt: impl Fn(&K, &K) -> bool,
) {
    let mut pairs: Vec<(K, *mut PyObject)> = keys.zip(items.iter().copied()).collect();
    // The comparison cannot fail, so neither can the sort.
    let _ = merge_sort(&mut pairs, &mut |a, b| Ok(lt(&a.0, &b.0)));
    for (slot, p) in items.iter_mut().zip(&pairs) {
        *slot = p.1;
    }
}

#[cfg(test)]
mod tests {
    use super::merge_sort;

    #[test]
    fn sorts_stably() {
        let mut v: Vec<(u32, usize)> = (0..500).map(|i| ((i * 7919 % 13) as u32, i)).collect();
        merge_sort(&mut v, &mut |a, b| Ok(a.0 < b.0)).unwrap();
        for w in v.windows(2) {
            assert!(w[0].0 < w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1));
        }
        let mut d: Vec<i32> = (0..100).rev().collect();
        merge_sort(&mut d, &mut |a, b| Ok(a < b)).unwrap();
        assert_eq!(d, (0..100).collect::<Vec<_>>());
    }
}
