//! The input side of the parser: recognizing the document's encoding (a
//! byte order mark, UTF-16 without one, the XML declaration's `encoding`,
//! or the one the parser was created with) and decoding bytes, chunk by
//! chunk, into the UTF-8 text the tokenizer reads. Expat's built-in
//! encodings are UTF-8, UTF-16 (either order), ISO-8859-1 and US-ASCII;
//! any other single-byte encoding comes as a 256-entry table built from a
//! Python codec (pyexpat's unknown-encoding handler).

/// The table value of a byte that the encoding does not map.
pub(super) const UNMAPPED: u32 = u32::MAX;

pub enum Enc {
    Utf8,
    Utf16 { le: bool },
    Latin1,
    Ascii,
    Table(Box<[u32; 256]>),
}

impl Enc {
    /// The encoding expat knows by `name` (case-insensitive), else None.
    pub fn builtin(name: &str) -> Option<Enc> {
        let n = name.to_ascii_uppercase();
        Some(match n.as_str() {
            "UTF-8" => Enc::Utf8,
            "UTF-16" | "UTF-16BE" => Enc::Utf16 { le: false },
            "UTF-16LE" => Enc::Utf16 { le: true },
            "ISO-8859-1" => Enc::Latin1,
            "US-ASCII" => Enc::Ascii,
            _ => return None,
        })
    }

    /// How many input bytes `c` took.
    #[inline]
    pub fn width(&self, c: char) -> u64 {
        match self {
            Enc::Utf8 => c.len_utf8() as u64,
            Enc::Utf16 { .. } => c.len_utf16() as u64 * 2,
            _ => 1,
        }
    }
}

/// What the decoder needs before it can go on.
pub enum Need {
    /// More bytes (the XML declaration is not complete yet).
    More,
    /// A table for an encoding expat does not know.
    Encoding(String),
}

pub struct Decoder {
    pub enc: Option<Enc>,
    /// The encoding was fixed by the caller: the declaration cannot change it.
    pub forced: Option<String>,
    /// Bytes received and not decoded yet.
    raw: Vec<u8>,
    /// Set once an undecodable byte was met: nothing after it is decoded.
    pub bad: bool,
    /// The bad bytes are an incomplete character at the end of the input.
    pub partial: bool,
    /// The input ended on half a UTF-16 unit (expat: an unclosed token).
    pub odd: bool,
    /// Bytes of a byte order mark skipped at the start.
    pub bom: u64,
    /// A UTF-16 document with a mark whose declaration names another
    /// encoding is an error in expat.
    pub utf16_by_mark: bool,
}

impl Decoder {
    pub fn new(forced: Option<String>) -> Decoder {
        Decoder {
            enc: None,
            forced,
            raw: Vec::new(),
            bad: false,
            partial: false,
            odd: false,
            bom: 0,
            utf16_by_mark: false,
        }
    }

    /// Decodes what it can of `data` (appended to earlier bytes) into `out`.
    pub fn feed(&mut self, data: &[u8], final_: bool, out: &mut String) -> Result<(), Need> {
        self.raw.extend_from_slice(data);
        if self.bad {
            self.raw.clear();
            return Ok(());
        }
        if self.enc.is_none() {
            match self.detect(final_) {
                Ok(Some(e)) => self.enc = Some(e),
                Ok(None) => return Err(Need::More),
                Err(n) => return Err(n),
            }
        }
        self.decode(final_, out);
        Ok(())
    }

    /// Installs the table for an encoding the decoder asked for; None means
    /// the encoding is unknown (the caller reports the error).
    pub fn set_table(&mut self, table: Box<[u32; 256]>) {
        self.enc = Some(Enc::Table(table));
    }

    fn detect(&mut self, final_: bool) -> Result<Option<Enc>, Need> {
        let r = &self.raw;
        if r.len() < 4 && !final_ {
            // Too short to tell a mark or UTF-16 apart from UTF-8 text.
            if r.len() < 2 || (r.starts_with(b"\xef\xbb") && r.len() < 3) {
                return Ok(None);
            }
        }
        if r.starts_with(b"\xef\xbb\xbf") {
            self.raw.drain(..3);
            self.bom = 3;
            return self.named(Enc::Utf8);
        }
        if r.starts_with(b"\xfe\xff") || r.starts_with(b"\xff\xfe") {
            let le = r[0] == 0xff;
            self.raw.drain(..2);
            self.bom = 2;
            self.utf16_by_mark = true;
            return Ok(Some(Enc::Utf16 { le }));
        }
        if let Some(name) = self.forced.clone() {
            return self.by_name(&name);
        }
        // Without a mark, a zero byte in the first two says UTF-16.
        if r.len() >= 2 && (r[0] == 0) != (r[1] == 0) {
            return Ok(Some(Enc::Utf16 { le: r[1] == 0 }));
        }
        if b"<?xml".starts_with(&r[..r.len().min(5)]) {
            // The declaration's encoding decides; wait for all of it.
            let end = r.windows(2).position(|w| w == b"?>");
            match end {
                Some(e) => {
                    if let Some(name) = declared_encoding(&r[..e]) {
                        return self.by_name(&name);
                    }
                }
                None if !final_ && r.len() < 1024 => return Ok(None),
                None => {}
            }
        }
        Ok(Some(Enc::Utf8))
    }

    /// The encoding with a mark, unless the caller forced another one.
    fn named(&self, e: Enc) -> Result<Option<Enc>, Need> {
        match &self.forced {
            Some(name) => self.by_name(name),
            None => Ok(Some(e)),
        }
    }

    fn by_name(&self, name: &str) -> Result<Option<Enc>, Need> {
        match Enc::builtin(name) {
            // A UTF-16 name on 8-bit text (a str given to Parse, or a
            // declaration read as ASCII) reads it as UTF-8, as expat does.
            Some(Enc::Utf16 { .. })
                if !self.raw.starts_with(b"<\0")
                    && !self.raw.starts_with(b"\0<")
                    && self.bom != 2 =>
            {
                Ok(Some(Enc::Utf8))
            }
            Some(e) => Ok(Some(e)),
            None => Err(Need::Encoding(name.to_string())),
        }
    }

    fn decode(&mut self, final_: bool, out: &mut String) {
        let Some(enc) = &self.enc else { return };
        let mut used = 0;
        match enc {
            Enc::Utf8 => match std::str::from_utf8(&self.raw) {
                Ok(s) => {
                    out.push_str(s);
                    used = self.raw.len();
                }
                Err(e) => {
                    let n = e.valid_up_to();
                    // SAFETY: from_utf8 checked the first n bytes.
                    out.push_str(unsafe { std::str::from_utf8_unchecked(&self.raw[..n]) });
                    used = n;
                    if e.error_len().is_some() || final_ {
                        self.bad = true;
                        self.partial = e.error_len().is_none();
                    }
                }
            },
            Enc::Utf16 { le } => {
                let le = *le;
                let unit = |i: usize, r: &[u8]| {
                    if le {
                        u16::from_le_bytes([r[i], r[i + 1]])
                    } else {
                        u16::from_be_bytes([r[i], r[i + 1]])
                    }
                };
                let r = &self.raw;
                while used + 2 <= r.len() {
                    let u = unit(used, r);
                    if (0xD800..0xDC00).contains(&u) {
                        if used + 4 > r.len() {
                            break;
                        }
                        let v = unit(used + 2, r);
                        if !(0xDC00..0xE000).contains(&v) {
                            self.bad = true;
                            break;
                        }
                        let c = 0x10000 + ((u as u32 - 0xD800) << 10) + (v as u32 - 0xDC00);
                        out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                        used += 4;
                    } else if (0xDC00..0xE000).contains(&u) {
                        self.bad = true;
                        break;
                    } else {
                        out.push(char::from_u32(u as u32).unwrap_or('\u{FFFD}'));
                        used += 2;
                    }
                }
                if final_ && used < r.len() && !self.bad {
                    self.bad = true;
                    self.partial = true;
                    self.odd = (r.len() - used) % 2 == 1;
                }
            }
            Enc::Latin1 => {
                out.extend(self.raw.iter().map(|&b| b as char));
                used = self.raw.len();
            }
            Enc::Ascii => {
                for &b in &self.raw {
                    if b >= 0x80 {
                        self.bad = true;
                        break;
                    }
                    out.push(b as char);
                    used += 1;
                }
            }
            Enc::Table(t) => {
                for &b in &self.raw {
                    match char::from_u32(t[b as usize]) {
                        Some(c) => out.push(c),
                        None => {
                            self.bad = true;
                            break;
                        }
                    }
                    used += 1;
                }
            }
        }
        if self.bad {
            self.raw.clear();
        } else {
            self.raw.drain(..used);
        }
    }
}

/// The `encoding` pseudo-attribute of an XML declaration's text (without
/// the closing `?>`), read as ASCII.
fn declared_encoding(decl: &[u8]) -> Option<String> {
    let i = decl.windows(8).position(|w| w == b"encoding")?;
    let rest = &decl[i + 8..];
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    let rest = rest.strip_prefix(b"=")?;
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    let q = *rest.first()?;
    if q != b'"' && q != b'\'' {
        return None;
    }
    let end = rest[1..].iter().position(|&b| b == q)?;
    std::str::from_utf8(&rest[1..1 + end])
        .ok()
        .map(str::to_string)
}
