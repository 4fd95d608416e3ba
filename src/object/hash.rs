//! Hashing of byte strings for `str` and `bytes`: SipHash-1-3 keyed by the
//! per-process secret (random unless `PYTHONHASHSEED` fixes it), as CPython's
//! default `Py_HASH_ALGORITHM`; plus the numeric hash modulus constants.
use std::sync::atomic::{AtomicU64, Ordering};

static K0: AtomicU64 = AtomicU64::new(0x736f6d6570736575);
static K1: AtomicU64 = AtomicU64::new(0x646f72616e646f6d);

/// `_PyHASH_MODULUS`: numeric hashes are reduced modulo 2**61 - 1.
pub const HASH_MODULUS: u64 = (1u64 << 61) - 1;
/// `_PyHASH_BITS`.
pub const HASH_BITS: u32 = 61;
/// `_PyHASH_INF`.
pub const HASH_INF: isize = 314159;
/// `_PyHASH_IMAG`.
pub const HASH_IMAG: isize = 1000003;

/// Sets the secret from a seed (0 disables randomization: keys of zero, so
/// hashes are stable across runs) or from the OS when `seed` is `None`.
pub fn set_secret(seed: Option<u64>) {
    let (k0, k1) = match seed {
        Some(0) => (0, 0),
        Some(s) => {
            // The key bytes come from the seed through the linear
            // congruential generator CPython uses (`lcg_urandom` in
            // `Python/bootstrap_hash.c`), so that a given PYTHONHASHSEED
            // gives CPython's hashes.
            let mut x = s as u32;
            let mut bytes = [0u8; 16];
            for b in &mut bytes {
                x = x.wrapping_mul(214013).wrapping_add(2531011);
                *b = ((x >> 16) & 0xff) as u8;
            }
            (
                u64::from_le_bytes(bytes[..8].try_into().unwrap_or_default()),
                u64::from_le_bytes(bytes[8..].try_into().unwrap_or_default()),
            )
        }
        None => {
            let mut buf = [0u8; 16];
            // SAFETY: buf is 16 writable bytes.
            let n = unsafe { libc::getrandom(buf.as_mut_ptr().cast(), 16, 0) };
            if n != 16 {
                let t = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(0);
                buf[..8].copy_from_slice(&t.to_le_bytes());
                buf[8..].copy_from_slice(&(std::process::id() as u64).to_le_bytes());
            }
            (
                u64::from_le_bytes(buf[..8].try_into().unwrap()),
                u64::from_le_bytes(buf[8..].try_into().unwrap()),
            )
        }
    };
    K0.store(k0, Ordering::Relaxed);
    K1.store(k1, Ordering::Relaxed);
}

#[inline(always)]
fn sipround(v: &mut [u64; 4]) {
    v[0] = v[0].wrapping_add(v[1]);
    v[1] = v[1].rotate_left(13) ^ v[0];
    v[0] = v[0].rotate_left(32);
    v[2] = v[2].wrapping_add(v[3]);
    v[3] = v[3].rotate_left(16) ^ v[2];
    v[0] = v[0].wrapping_add(v[3]);
    v[3] = v[3].rotate_left(21) ^ v[0];
    v[2] = v[2].wrapping_add(v[1]);
    v[1] = v[1].rotate_left(17) ^ v[2];
    v[2] = v[2].rotate_left(32);
}

/// SipHash-1-3 of `data` with the process secret.
pub fn siphash13(data: &[u8]) -> u64 {
    siphash13_keyed(K0.load(Ordering::Relaxed), K1.load(Ordering::Relaxed), data)
}

/// SipHash-1-3 of `data` with the key `(k0, k1)` (`_Py_KeyedHash` uses
/// `(key, 0)`).
pub fn siphash13_keyed(k0: u64, k1: u64, data: &[u8]) -> u64 {
    let mut v = [
        k0 ^ 0x736f6d6570736575,
        k1 ^ 0x646f72616e646f6d,
        k0 ^ 0x6c7967656e657261,
        k1 ^ 0x7465646279746573,
    ];
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let m = u64::from_le_bytes(c.try_into().unwrap());
        v[3] ^= m;
        sipround(&mut v);
        v[0] ^= m;
    }
    let rest = chunks.remainder();
    let mut last = (data.len() as u64) << 56;
    if !rest.is_empty() && data.len() >= 8 {
        // The tail is the top bytes of the last eight: one load and a shift.
        let tail = u64::from_le_bytes(data[data.len() - 8..].try_into().unwrap());
        last |= tail >> (8 * (8 - rest.len()));
    } else {
        for (i, &b) in rest.iter().enumerate() {
            last |= (b as u64) << (8 * i);
        }
    }
    v[3] ^= last;
    sipround(&mut v);
    v[0] ^= last;
    v[2] ^= 0xff;
    sipround(&mut v);
    sipround(&mut v);
    sipround(&mut v);
    v[0] ^ v[1] ^ v[2] ^ v[3]
}

/// `Py_HashBuffer`: the hash of a byte string; the empty string hashes to 0
/// and -1 is never returned.
pub fn hash_bytes(data: &[u8]) -> isize {
    if data.is_empty() {
        return 0;
    }
    let h = siphash13(data) as isize;
    if h == -1 {
        -2
    } else {
        h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SipHash-1-3 a byte at a time, to check the tail load.
    fn reference(data: &[u8]) -> u64 {
        let mut v = [
            0x736f6d6570736575,
            0x646f72616e646f6d,
            0x6c7967656e657261,
            0x7465646279746573u64,
        ];
        let (k0, k1) = (K0.load(Ordering::Relaxed), K1.load(Ordering::Relaxed));
        v[0] ^= k0;
        v[1] ^= k1;
        v[2] ^= k0;
        v[3] ^= k1;
        let mut words: Vec<u64> = data
            .chunks(8)
            .map(|c| c.iter().rev().fold(0u64, |w, &b| (w << 8) | b as u64))
            .collect();
        if data.len().is_multiple_of(8) {
            words.push(0);
        }
        let n = words.len();
        words[n - 1] |= (data.len() as u64) << 56;
        for m in words {
            v[3] ^= m;
            sipround(&mut v);
            v[0] ^= m;
        }
        v[2] ^= 0xff;
        for _ in 0..3 {
            sipround(&mut v);
        }
        v[0] ^ v[1] ^ v[2] ^ v[3]
    }

    #[test]
    fn tail_bytes_hash_as_loaded_one_by_one() {
        let data: Vec<u8> = (1..=40).collect();
        for n in 0..=data.len() {
            assert_eq!(siphash13(&data[..n]), reference(&data[..n]), "length {n}");
        }
    }

    #[test]
    fn empty_hashes_to_zero_and_hashing_is_deterministic() {
        assert_eq!(hash_bytes(b""), 0);
        assert_eq!(hash_bytes(b"abc"), hash_bytes(b"abc"));
        assert_ne!(hash_bytes(b"abc"), hash_bytes(b"abd"));
    }
}
