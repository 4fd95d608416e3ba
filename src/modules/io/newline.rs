//! Universal newlines (`_io.IncrementalNewlineDecoder`, `textio.c`): the
//! translation of `\r\n` and `\r` to `\n` across decoded chunks, and the
//! record of which line endings were seen (`newlines`).
use super::*;
use crate::object::descr::{getset, method, GETSET_END, METHOD_END};
use crate::object::{bytes, int};

const SEEN_LF: u8 = 1;
const SEEN_CR: u8 = 2;
const SEEN_CRLF: u8 = 4;

/// The newline state of a stream: a `\r` held back at the end of a chunk
/// (it may start `\r\n`), the endings seen, and whether to translate.
#[derive(Default, Clone)]
pub struct Newlines {
    pub pendingcr: bool,
    pub seennl: u8,
    pub translate: bool,
}

impl Newlines {
    /// Processes decoded text (code points); `final_` flushes a held `\r`.
    pub fn process(&mut self, text: Vec<u32>, final_: bool) -> Vec<u32> {
        let mut out = text;
        if self.pendingcr && (!out.is_empty() || final_) {
            out.insert(0, '\r' as u32);
            self.pendingcr = false;
        }
        if !final_ && out.last() == Some(&('\r' as u32)) {
            out.pop();
            self.pendingcr = true;
        }
        let cr = '\r' as u32;
        let lf = '\n' as u32;
        if !out.contains(&cr) {
            if out.contains(&lf) {
                self.seennl |= SEEN_LF;
            }
            return out;
        }
        let mut res = Vec::with_capacity(out.len());
        let mut i = 0;
        while i < out.len() {
            let c = out[i];
            if c == cr {
                if out.get(i + 1) == Some(&lf) {
                    self.seennl |= SEEN_CRLF;
                    if self.translate {
                        res.push(lf);
                    } else {
                        res.push(cr);
                        res.push(lf);
                    }
                    i += 2;
                    continue;
                }
                self.seennl |= SEEN_CR;
                res.push(if self.translate { lf } else { cr });
            } else {
                if c == lf {
                    self.seennl |= SEEN_LF;
                }
                res.push(c);
            }
            i += 1;
        }
        res
    }

    /// The `newlines` attribute: None, one ending, or a tuple of them.
    pub fn newlines(&self) -> PyResult<Owned> {
        let mut v: Vec<&str> = Vec::new();
        if self.seennl & SEEN_CR != 0 {
            v.push("\r");
        }
        if self.seennl & SEEN_LF != 0 {
            v.push("\n");
        }
        if self.seennl & SEEN_CRLF != 0 {
            v.push("\r\n");
        }
        match v.as_slice() {
            [] => Ok(none::owned()),
            [one] => pystr::from_str(one),
            many => tuple::from_vec(
                many.iter()
                    .map(|s| pystr::from_str(s))
                    .collect::<PyResult<Vec<_>>>()?,
            ),
        }
    }

    pub fn reset(&mut self) {
        self.pendingcr = false;
        self.seennl = 0;
    }
}

/// `_io.IncrementalNewlineDecoder`.
pub static mut NLDECODER_TYPE: PyTypeObject = PyTypeObject {
    tp_methods: (&raw const NLDECODER_METHODS).cast_mut().cast(),
    tp_getset: (&raw const NLDECODER_GETSET).cast_mut().cast(),
    tp_init: Some(nldecoder_init),
    tp_iter: None,
    tp_iternext: None,
    tp_finalize: None,
    tp_base: null_mut(),
    tp_doc: c"IncrementalNewlineDecoder(decoder, translate, errors='strict')\n--\n\nWraps a decoder to translate \\r\\n and \\r to \\n when translate is true,\nrecording which line endings were seen (newlines)."
        .as_ptr(),
    ..io_type(c"_io.IncrementalNewlineDecoder", null_mut())
};

struct NlDecoder {
    decoder: Option<Owned>,
    nl: Newlines,
}

impl IoState for NlDecoder {
    fn visit(&self, visit: visitproc, arg: *mut c_void) -> c_int {
        let d = self.decoder.as_ref().map_or(null_mut(), |d| d.as_ptr());
        // SAFETY: the decoder owns its wrapped decoder.
        unsafe { crate::object::gc::visit_all(&[d], visit, arg) }
    }
}

unsafe fn st<'a>(op: *mut PyObject) -> PyResult<&'a mut NlDecoder> {
    // SAFETY: the kind tag guarantees the type.
    unsafe { state::<NlDecoder>(op, KIND_NLDECODER) }
}

unsafe extern "C" fn nldecoder_init(
    op: *mut PyObject,
    args: *mut PyObject,
    kw: *mut PyObject,
) -> c_int {
    crate::capi::boundary::guard_status(|| {
        // SAFETY: args a tuple; kw NULL or a dict.
        unsafe {
            let kws = super::fileio::kw_pairs(kw)?;
            let kwr: Vec<(&str, *mut PyObject)> =
                kws.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            let [decoder, translate, _errors] = bind(
                "IncrementalNewlineDecoder",
                tuple::items(args),
                &kwr,
                ["decoder", "translate", "errors"],
                2,
            )?;
            let decoder = decoder.unwrap_or(none::none());
            let translate = protocol::is_true(translate.unwrap_or(none::none()))?;
            set_state(
                op,
                KIND_NLDECODER,
                NlDecoder {
                    decoder: (decoder != none::none()).then(|| Owned::from_borrowed(decoder)),
                    nl: Newlines {
                        translate,
                        ..Newlines::default()
                    },
                },
            );
            Ok(())
        }
    })
}

io_method!(nldecoder_decode, |slf, args, kws| {
    let [input, final_] = bind("decode", args, &kws, ["input", "final"], 1)?;
    let input = input.unwrap_or(none::none());
    let final_ = match final_ {
        Some(f) => protocol::is_true(f)?,
        None => false,
    };
    let dec = st(slf)?.decoder.as_ref().map(|d| d.as_ptr());
    let out = match dec {
        Some(d) => {
            let f = Owned::from_borrowed_static(crate::object::bool::from_bool(final_));
            let m = protocol::getattr_str(d, "decode")?;
            let kwn = tuple::pack(&[crate::interned!("final")])?;
            errors::check(crate::capi::call::vectorcall(
                m.as_ptr(),
                [input, f.as_ptr()].as_ptr(),
                1,
                kwn.as_ptr(),
            ))?
        }
        None => Owned::from_borrowed(input),
    };
    if !pystr::check(out.as_ptr()) {
        return Err(errors::type_error(format!(
            "decoder should return a string result, not '{}'",
            typeobj::type_name(out.as_ptr())
        )));
    }
    let text = pystr::to_ucs4(out.as_ptr());
    let r = st(slf)?.nl.process(text, final_);
    pystr::from_ucs4(&r)
});

io_method!(nldecoder_getstate, |slf, args, kws| {
    let s = st(slf)?;
    let pending = s.nl.pendingcr as i64;
    let (buf, flag) = match &s.decoder {
        Some(d) => {
            let state = protocol::call_method_obj(d.as_ptr(), "getstate", &[])?;
            if !tuple::check(state.as_ptr()) || tuple::size(state.as_ptr()) != 2 {
                return Err(errors::type_error("illegal decoder state"));
            }
            let it = tuple::items(state.as_ptr());
            let f = int::as_i64(number::index(it[1])?.as_ptr())?;
            (Owned::from_borrowed(it[0]), f)
        }
        None => (Owned::from_borrowed_static(bytes::empty()), 0),
    };
    let flag = int::from_i64((flag << 1) | pending)?;
    tuple::pack(&[buf.as_ptr(), flag.as_ptr()])
});

io_method!(nldecoder_setstate, |slf, args, kws| {
    let [state] = bind("setstate", args, &kws, ["state"], 1)?;
    let state = state.unwrap_or(none::none());
    if !tuple::check(state) || tuple::size(state) != 2 {
        return Err(errors::type_error("state argument must be a tuple"));
    }
    let it = tuple::items(state);
    let flag = int::as_i64(number::index(it[1])?.as_ptr())?;
    let s = st(slf)?;
    s.nl.pendingcr = flag & 1 != 0;
    if let Some(d) = &s.decoder {
        let d = d.as_ptr();
        let f = int::from_i64(flag >> 1)?;
        let t = tuple::pack(&[it[0], f.as_ptr()])?;
        protocol::call_method_obj(d, "setstate", &[t.as_ptr()])?;
    }
    Ok(none::owned())
});

io_method!(nldecoder_reset, |slf, args, kws| {
    let s = st(slf)?;
    s.nl.reset();
    if let Some(d) = &s.decoder {
        protocol::call_method_obj(d.as_ptr(), "reset", &[])?;
    }
    Ok(none::owned())
});

io_getter!(nldecoder_newlines_get, |slf| st(slf)?.nl.newlines());

static NLDECODER_METHODS: [PyMethodDef; 5] = [
    method(c"decode", nldecoder_decode as *const c_void, FK),
    method(c"getstate", nldecoder_getstate as *const c_void, FK),
    method(c"setstate", nldecoder_setstate as *const c_void, FK),
    method(c"reset", nldecoder_reset as *const c_void, FK),
    METHOD_END,
];

static NLDECODER_GETSET: [PyGetSetDef; 2] = [
    getset(c"newlines", Some(nldecoder_newlines_get), None),
    GETSET_END,
];
