//! Substring search in linear time for str and bytes (the role of
//! CPython's `Objects/stringlib/fastsearch.h`): `memchr::memmem` for byte
//! units, the Two-Way algorithm (Crochemore and Perrin) for wider code
//! units. A naive scan is O(n*m) on inputs like `"a" * N + "b" * N`.

/// A code unit that can be searched for: bytes and code points.
pub trait Searchable: Copy + Ord {
    /// Index of the first occurrence of `needle` in `hay`.
    fn find(hay: &[Self], needle: &[Self]) -> Option<usize>;
    /// Index of the last occurrence of `needle` in `hay`.
    fn rfind(hay: &[Self], needle: &[Self]) -> Option<usize>;
    /// Non-overlapping occurrences of a non-empty `needle`, at most `max`.
    fn count(hay: &[Self], needle: &[Self], max: usize) -> usize;
}

impl Searchable for u8 {
    #[inline]
    fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
        memchr::memmem::find(hay, needle)
    }
    #[inline]
    fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
        memchr::memmem::rfind(hay, needle)
    }
    fn count(hay: &[u8], needle: &[u8], max: usize) -> usize {
        memchr::memmem::find_iter(hay, needle).take(max).count()
    }
}

impl Searchable for u32 {
    fn find(hay: &[u32], needle: &[u32]) -> Option<usize> {
        match needle {
            [] => Some(0),
            [c] => hay.iter().position(|x| x == c),
            _ => TwoWay::<_, false>::new(needle).find(hay),
        }
    }
    fn rfind(hay: &[u32], needle: &[u32]) -> Option<usize> {
        match needle {
            [] => Some(hay.len()),
            [c] => hay.iter().rposition(|x| x == c),
            _ => TwoWay::<_, true>::new(needle)
                .find(hay)
                .map(|p| hay.len() - p - needle.len()),
        }
    }
    fn count(hay: &[u32], needle: &[u32], max: usize) -> usize {
        let tw = TwoWay::<_, false>::new(needle);
        let (mut n, mut i) = (0, 0);
        while n < max {
            match tw.find(&hay[i..]) {
                Some(p) => {
                    n += 1;
                    i += p + needle.len();
                }
                None => break,
            }
        }
        n
    }
}

/// A needle prepared for Two-Way search. With `REV` the needle and the
/// haystack are read back to front, so `find` gives the distance of the
/// last occurrence from the end.
struct TwoWay<'a, T, const REV: bool> {
    needle: &'a [T],
    /// Start of the right half of the critical factorization.
    split: usize,
    /// The needle's period when the left half repeats inside the right one
    /// (then a shift must remember what matched); else the safe shift.
    period: usize,
    periodic: bool,
}

/// Unit `i` of `s`, counted from the end when `REV`.
#[inline(always)]
fn at<T: Copy, const REV: bool>(s: &[T], i: usize) -> T {
    if REV {
        s[s.len() - 1 - i]
    } else {
        s[i]
    }
}

impl<'a, T: Searchable, const REV: bool> TwoWay<'a, T, REV> {
    fn new(needle: &'a [T]) -> Self {
        let m = needle.len();
        let (s1, p1) = Self::maximal_suffix(needle, false);
        let (s2, p2) = Self::maximal_suffix(needle, true);
        let (split, period) = if s1 > s2 { (s1, p1) } else { (s2, p2) };
        // The left half occurs at `period` in the needle: the needle is
        // periodic and a shift by the period keeps what matched.
        let periodic = split + period <= m
            && (0..split).all(|i| at::<T, REV>(needle, i) == at::<T, REV>(needle, i + period));
        let period = if periodic {
            period
        } else {
            split.max(m - split) + 1
        };
        Self {
            needle,
            split,
            period,
            periodic,
        }
    }

    /// Start of the maximal suffix of the needle (for the order of units,
    /// or its reverse with `flip`) and that suffix's period.
    fn maximal_suffix(needle: &[T], flip: bool) -> (usize, usize) {
        let m = needle.len();
        // `start` is one past the position that begins the best suffix
        // so far (0 for the whole needle).
        let (mut start, mut j, mut k, mut period) = (0usize, 0usize, 1usize, 1usize);
        while j + k < m {
            let a = at::<T, REV>(needle, j + k);
            let b = at::<T, REV>(needle, start + k - 1);
            let (a, b) = if flip { (b, a) } else { (a, b) };
            if a < b {
                j += k;
                k = 1;
                period = j + 1 - start;
            } else if a == b {
                if k == period {
                    j += period;
                    k = 1;
                } else {
                    k += 1;
                }
            } else {
                start = j + 1;
                j = start;
                k = 1;
                period = 1;
            }
        }
        (start, period)
    }

    /// Offset of the first occurrence in `hay` (read as `REV` says).
    fn find(&self, hay: &[T]) -> Option<usize> {
        let (needle, split, m) = (self.needle, self.split, self.needle.len());
        let n = hay.len();
        let ndl = |i| at::<T, REV>(needle, i);
        let hy = |i| at::<T, REV>(hay, i);
        let mut pos = 0;
        // Units of the left half known to match at `pos` (periodic case).
        let mut memory = 0;
        while pos + m <= n {
            // Right half, left to right.
            let mut i = split.max(memory);
            while i < m && ndl(i) == hy(pos + i) {
                i += 1;
            }
            if i < m {
                pos += i + 1 - split;
                memory = 0;
                continue;
            }
            // Left half, right to left, down to what is known to match.
            let mut i = split;
            while i > memory && ndl(i - 1) == hy(pos + i - 1) {
                i -= 1;
            }
            if i <= memory {
                return Some(pos);
            }
            pos += self.period;
            if self.periodic {
                memory = m - self.period;
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(h: &[u32], n: &[u32]) -> Option<usize> {
        if n.len() > h.len() {
            return None;
        }
        (0..=h.len() - n.len()).find(|&i| &h[i..i + n.len()] == n)
    }

    fn naive_rev(h: &[u32], n: &[u32]) -> Option<usize> {
        if n.len() > h.len() {
            return None;
        }
        (0..=h.len() - n.len())
            .rev()
            .find(|&i| &h[i..i + n.len()] == n)
    }

    #[test]
    fn two_way_agrees_with_a_naive_scan() {
        // Every needle and haystack over a two-letter alphabet up to a size.
        let words = |len: usize| {
            (0..1u32 << len).map(move |bits| (0..len).map(|i| (bits >> i) & 1).collect::<Vec<_>>())
        };
        for hl in 0..10 {
            for h in words(hl) {
                for nl in 1..6 {
                    for nd in words(nl) {
                        assert_eq!(u32::find(&h, &nd), naive(&h, &nd), "{h:?} {nd:?}");
                        assert_eq!(u32::rfind(&h, &nd), naive_rev(&h, &nd), "{h:?} {nd:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn counts_do_not_overlap() {
        let v = |s: &str| s.chars().map(u32::from).collect::<Vec<_>>();
        assert_eq!(u32::count(&v("aaaaa"), &v("aa"), usize::MAX), 2);
        assert_eq!(u32::count(&v("abababab"), &v("abab"), 1), 1);
        assert_eq!(u8::count(b"aaaaa", b"aa", usize::MAX), 2);
    }
}
