//! BLAKE2b and BLAKE2s (RFC 7693) with the whole parameter block that
//! `hashlib.blake2b`/`blake2s` expose: digest size, key, salt, person and
//! the tree-hashing fields.

/// The tree-hashing and sizing parameters of one hash.
#[derive(Clone, Copy, Default)]
pub struct Params<'a> {
    pub digest_size: usize,
    pub key: &'a [u8],
    pub salt: &'a [u8],
    pub person: &'a [u8],
    pub fanout: u8,
    pub depth: u8,
    pub leaf_size: u32,
    pub node_offset: u64,
    pub node_depth: u8,
    pub inner_size: u8,
    pub last_node: bool,
}

const SIGMA: [[usize; 16]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
    [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
    [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
    [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
    [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
    [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
    [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
    [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
    [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
    [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

macro_rules! blake2 {
    ($name:ident, $word:ty, $block:expr, $rounds:expr, $rot:expr, $iv:expr, $salt:expr) => {
        /// A running hash.
        #[derive(Clone)]
        pub struct $name {
            h: [$word; 8],
            /// Bytes hashed so far (the counter `t`).
            t: u128,
            buf: [u8; $block],
            buflen: usize,
            digest_size: usize,
            last_node: bool,
        }

        impl $name {
            pub const BLOCK: usize = $block;
            pub const MAX_DIGEST: usize = $block / 2;
            pub const MAX_KEY: usize = $block / 2;
            pub const SALT: usize = $salt;

            /// A new hash; the sizes in `p` are already checked.
            pub fn new(p: &Params) -> Self {
                const W: usize = std::mem::size_of::<$word>();
                // The parameter block, in bytes.
                let mut pb = [0u8; 8 * W];
                pb[0] = p.digest_size as u8;
                pb[1] = p.key.len() as u8;
                pb[2] = p.fanout;
                pb[3] = p.depth;
                pb[4..8].copy_from_slice(&p.leaf_size.to_le_bytes());
                if W == 8 {
                    pb[8..16].copy_from_slice(&p.node_offset.to_le_bytes());
                    pb[16] = p.node_depth;
                    pb[17] = p.inner_size;
                } else {
                    pb[8..14].copy_from_slice(&p.node_offset.to_le_bytes()[..6]);
                    pb[14] = p.node_depth;
                    pb[15] = p.inner_size;
                }
                let salt_at = 4 * W;
                pb[salt_at..salt_at + p.salt.len()].copy_from_slice(p.salt);
                let person_at = salt_at + $salt;
                pb[person_at..person_at + p.person.len()].copy_from_slice(p.person);
                let mut h: [$word; 8] = $iv;
                for (i, w) in h.iter_mut().enumerate() {
                    let mut b = [0u8; W];
                    b.copy_from_slice(&pb[i * W..(i + 1) * W]);
                    *w ^= <$word>::from_le_bytes(b);
                }
                let mut s = $name {
                    h,
                    t: 0,
                    buf: [0; $block],
                    buflen: 0,
                    digest_size: p.digest_size,
                    last_node: p.last_node,
                };
                if !p.key.is_empty() {
                    let mut block = [0u8; $block];
                    block[..p.key.len()].copy_from_slice(p.key);
                    s.update(&block);
                }
                s
            }

            fn compress(&mut self, block: &[u8; $block], last: bool) {
                const W: usize = std::mem::size_of::<$word>();
                let mut m = [0 as $word; 16];
                for (i, w) in m.iter_mut().enumerate() {
                    let mut b = [0u8; W];
                    b.copy_from_slice(&block[i * W..(i + 1) * W]);
                    *w = <$word>::from_le_bytes(b);
                }
                let iv: [$word; 8] = $iv;
                let mut v = [0 as $word; 16];
                v[..8].copy_from_slice(&self.h);
                v[8..].copy_from_slice(&iv);
                v[12] ^= self.t as $word;
                v[13] ^= (self.t >> (8 * W)) as $word;
                if last {
                    v[14] = !v[14];
                    if self.last_node {
                        v[15] = !v[15];
                    }
                }
                let r: [u32; 4] = $rot;
                let mut g = |a: usize, b: usize, c: usize, d: usize, x: $word, y: $word| {
                    v[a] = v[a].wrapping_add(v[b]).wrapping_add(x);
                    v[d] = (v[d] ^ v[a]).rotate_right(r[0]);
                    v[c] = v[c].wrapping_add(v[d]);
                    v[b] = (v[b] ^ v[c]).rotate_right(r[1]);
                    v[a] = v[a].wrapping_add(v[b]).wrapping_add(y);
                    v[d] = (v[d] ^ v[a]).rotate_right(r[2]);
                    v[c] = v[c].wrapping_add(v[d]);
                    v[b] = (v[b] ^ v[c]).rotate_right(r[3]);
                };
                for round in 0..$rounds {
                    let s = &SIGMA[round % 10];
                    g(0, 4, 8, 12, m[s[0]], m[s[1]]);
                    g(1, 5, 9, 13, m[s[2]], m[s[3]]);
                    g(2, 6, 10, 14, m[s[4]], m[s[5]]);
                    g(3, 7, 11, 15, m[s[6]], m[s[7]]);
                    g(0, 5, 10, 15, m[s[8]], m[s[9]]);
                    g(1, 6, 11, 12, m[s[10]], m[s[11]]);
                    g(2, 7, 8, 13, m[s[12]], m[s[13]]);
                    g(3, 4, 9, 14, m[s[14]], m[s[15]]);
                }
                for i in 0..8 {
                    self.h[i] ^= v[i] ^ v[i + 8];
                }
            }

            pub fn digest_size(&self) -> usize {
                self.digest_size
            }

            pub fn update(&mut self, mut data: &[u8]) {
                while !data.is_empty() {
                    // A full buffer is compressed only once more data
                    // follows: the last block is compressed differently.
                    if self.buflen == $block {
                        self.t += $block as u128;
                        let block = self.buf;
                        self.compress(&block, false);
                        self.buflen = 0;
                    }
                    let n = ($block - self.buflen).min(data.len());
                    self.buf[self.buflen..self.buflen + n].copy_from_slice(&data[..n]);
                    self.buflen += n;
                    data = &data[n..];
                }
            }

            pub fn finalize(mut self) -> Vec<u8> {
                self.t += self.buflen as u128;
                let mut block = self.buf;
                block[self.buflen..].fill(0);
                self.compress(&block, true);
                let mut out = Vec::with_capacity(8 * std::mem::size_of::<$word>());
                for w in self.h {
                    out.extend_from_slice(&w.to_le_bytes());
                }
                out.truncate(self.digest_size);
                out
            }
        }
    };
}

blake2!(
    Blake2b,
    u64,
    128,
    12,
    [32, 24, 16, 63],
    [
        0x6a09e667f3bcc908,
        0xbb67ae8584caa73b,
        0x3c6ef372fe94f82b,
        0xa54ff53a5f1d36f1,
        0x510e527fade682d1,
        0x9b05688c2b3e6c1f,
        0x1f83d9abfb41bd6b,
        0x5be0cd19137e2179,
    ],
    16
);

blake2!(
    Blake2s,
    u32,
    64,
    10,
    [16, 12, 8, 7],
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ],
    8
);
