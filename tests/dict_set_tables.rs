//! The dict and set tables against models: random inserts and deletes
//! checked against a HashMap and an insertion-order Vec; str-only tables
//! switching to mixed keys; set iteration order and frozenset hashes as
//! CPython 3.13 gives them. One test: the runtime lives on one thread.
use ferrython::ffi::PyObject;
use ferrython::object::{dict, int, set, str as pystr};
use std::collections::HashMap;
use std::ptr::null_mut;

unsafe fn as_i64(op: *mut PyObject) -> i64 {
    // SAFETY: op is an int.
    unsafe { int::as_i64(op).unwrap() }
}

unsafe fn dict_matches_model() {
    // SAFETY: the runtime is initialized on this thread.
    unsafe {
        let d = dict::new().unwrap();
        let mut model: HashMap<i64, i64> = HashMap::new();
        let mut order: Vec<i64> = Vec::new();
        let mut seed: u64 = 12345;
        for step in 0..20000i64 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let k = ((seed >> 33) % 500) as i64 - 100;
            let key = int::from_i64(k).unwrap();
            if (seed >> 20).is_multiple_of(3) {
                let had = dict::del_item_opt(d.as_ptr(), key.as_ptr()).unwrap();
                assert_eq!(had, model.remove(&k).is_some());
                order.retain(|&x| x != k);
            } else {
                let v = int::from_i64(step).unwrap();
                dict::set_item(d.as_ptr(), key.as_ptr(), v.as_ptr()).unwrap();
                if model.insert(k, step).is_none() {
                    order.push(k);
                }
            }
            assert_eq!(dict::len(d.as_ptr()) as usize, model.len());
            if step % 997 == 0 {
                let mut pos = 0;
                let mut seen = Vec::new();
                while let Some((k, v)) = dict::next(d.as_ptr(), &mut pos) {
                    let k = as_i64(k);
                    assert_eq!(as_i64(v), model[&k]);
                    seen.push(k);
                }
                assert_eq!(seen, order);
            }
        }
        for (&k, &v) in &model {
            let key = int::from_i64(k).unwrap();
            let got = dict::get_item(d.as_ptr(), key.as_ptr()).unwrap();
            assert!(!got.is_null());
            assert_eq!(as_i64(got), v);
        }
        let c = dict::copy(d.as_ptr()).unwrap();
        assert_eq!(dict::len(c.as_ptr()), dict::len(d.as_ptr()));
        while dict::len(d.as_ptr()) > 0 {
            let pair = dict::popitem(d.as_ptr()).unwrap();
            let k = ferrython::object::tuple::items(pair.as_ptr())[0];
            assert_eq!(Some(as_i64(k)), order.pop());
        }
        assert!(order.is_empty());
        dict::clear(c.as_ptr());
        assert_eq!(dict::len(c.as_ptr()), 0);
    }
}

unsafe fn str_keys_then_mixed() {
    // SAFETY: the runtime is initialized on this thread.
    unsafe {
        let d = dict::new().unwrap();
        for i in 0..100 {
            let k = pystr::from_str(&format!("k{i}")).unwrap();
            let v = int::from_i64(i).unwrap();
            dict::set_item(d.as_ptr(), k.as_ptr(), v.as_ptr()).unwrap();
        }
        assert!((*dict::keys(d.as_ptr())).all_str);
        let one = int::from_i64(1).unwrap();
        dict::set_item(d.as_ptr(), one.as_ptr(), one.as_ptr()).unwrap();
        assert!(!(*dict::keys(d.as_ptr())).all_str);
        for i in 0..100 {
            assert_eq!(as_i64(dict::get_str(d.as_ptr(), &format!("k{i}"))), i);
        }
        assert_eq!(dict::len(d.as_ptr()), 101);
    }
}

unsafe fn ints(op: *mut PyObject) -> Vec<i64> {
    let mut v = Vec::new();
    let mut pos = 0;
    // SAFETY: op is a set of ints.
    unsafe {
        while let Some(e) = set::next_entry(op, &mut pos) {
            v.push(as_i64(e.key));
        }
    }
    v
}

unsafe fn set_order_and_hash() {
    // SAFETY: the runtime is initialized on this thread.
    unsafe {
        let s = set::new_set(null_mut()).unwrap();
        for k in [1i64, 2] {
            set::add(s.as_ptr(), int::small(k)).unwrap();
        }
        set::discard_key(s.as_ptr(), int::small(1)).unwrap();
        set::add(s.as_ptr(), int::small(9)).unwrap();
        // CPython 3.13: s = {1, 2}; s.discard(1); s.add(9); s == {9, 2}
        assert_eq!(ints(s.as_ptr()), vec![9, 2]);
        let hash = |op: *mut PyObject| ferrython::object::protocol::hash(op).unwrap();
        let f = set::new_frozenset(null_mut()).unwrap();
        assert_eq!(hash(f.as_ptr()), 133146708735736);
        let one = set::new_frozenset(null_mut()).unwrap();
        set::add(one.as_ptr(), int::small(1)).unwrap();
        assert_eq!(hash(one.as_ptr()), -558064481276695278);
        // Random adds and discards against a HashSet model.
        let mut model: std::collections::HashSet<i64> = [9, 2].into_iter().collect();
        let mut seed: u64 = 99;
        for _ in 0..20000 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let k = ((seed >> 33) % 300) as i64;
            let key = int::from_i64(k).unwrap();
            if (seed >> 20).is_multiple_of(3) {
                let had = set::discard_key(s.as_ptr(), key.as_ptr()).unwrap();
                assert_eq!(had, model.remove(&k));
            } else {
                set::add(s.as_ptr(), key.as_ptr()).unwrap();
                model.insert(k);
            }
            assert_eq!(set::len(s.as_ptr()) as usize, model.len());
        }
        let mut got = ints(s.as_ptr());
        got.sort();
        let mut want: Vec<i64> = model.into_iter().collect();
        want.sort();
        assert_eq!(got, want);
    }
}

/// Wide index slots: 70000 keys need 4-byte indices (and 2-byte ones on
/// the way); every key stays reachable through growth and deletions.
unsafe fn wide_tables() {
    // SAFETY: the runtime is initialized on this thread.
    unsafe {
        let d = dict::new().unwrap();
        let n = 70000i64;
        for k in 0..n {
            let key = int::from_i64(k * 7919).unwrap();
            dict::set_item(d.as_ptr(), key.as_ptr(), key.as_ptr()).unwrap();
        }
        assert!((*dict::keys(d.as_ptr())).log2_size() >= 17);
        for k in (0..n).step_by(3) {
            let key = int::from_i64(k * 7919).unwrap();
            assert!(dict::del_item_opt(d.as_ptr(), key.as_ptr()).unwrap());
        }
        for k in 0..n {
            let key = int::from_i64(k * 7919).unwrap();
            let v = dict::get_item(d.as_ptr(), key.as_ptr()).unwrap();
            assert_eq!(v.is_null(), k % 3 == 0);
        }
        let c = dict::copy(d.as_ptr()).unwrap();
        assert_eq!(dict::len(c.as_ptr()), dict::len(d.as_ptr()));
        let s = set::new_set(d.as_ptr()).unwrap();
        assert_eq!(set::len(s.as_ptr()), dict::len(d.as_ptr()));
        for k in 0..n {
            let key = int::from_i64(k * 7919).unwrap();
            assert_eq!(set::contains(s.as_ptr(), key.as_ptr()).unwrap(), k % 3 != 0);
        }
    }
}

#[test]
fn tables_match_models() {
    ferrython::runtime::lifecycle::initialize();
    // SAFETY: the runtime was just initialized on this thread.
    unsafe {
        dict_matches_model();
        str_keys_then_mixed();
        set_order_and_hash();
        wide_tables();
    }
}
