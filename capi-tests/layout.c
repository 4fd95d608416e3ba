// test: compile-only
// test: cflags -std=c11 -Wextra -pedantic-errors -Wno-deprecated-declarations
// test: cpython-compile
/* Layout test: the offset and size of every public struct, checked at
 * compile time against CPython 3.14's values (64-bit Linux, default GIL
 * build; see shared/reference/abi.md). Compiled against ferrython's headers,
 * every assertion applies. The same file is also compiled against CPython
 * 3.13's headers (test: cpython-compile) as a cross-check of the numbers:
 * there, only the items that 3.14 did not change are asserted. */
#include <Python.h>
#include <structmember.h>

#if !defined(__x86_64__) && !defined(__aarch64__)
#  error "layout.c states the 64-bit little-endian layouts"
#endif

#define OFFSET(type, field, off) \
    _Static_assert(offsetof(type, field) == (off), #type "." #field " is at " #off)
#define SIZE(type, size) \
    _Static_assert(sizeof(type) == (size), "sizeof(" #type ") is " #size)

/* Where 3.13 and 3.14 name a field differently, FIELD313 picks the 3.13
 * name when checking CPython's headers. */
#ifdef FERRYTHON
#  define FIELD313(ours, cpython313) ours
#  define LONG_FIELD(f) f
#else
#  define FIELD313(ours, cpython313) cpython313
#  define LONG_FIELD(f) long_value.f
#endif

/* Object headers. */
OFFSET(PyObject, ob_refcnt, 0);
OFFSET(PyObject, ob_type, 8);
SIZE(PyObject, 16);
#ifdef FERRYTHON
/* 3.14 splits the first word: 32-bit count, overflow, flags. */
OFFSET(PyObject, ob_overflow, 4);
OFFSET(PyObject, ob_flags, 6);
_Static_assert(sizeof(((PyObject *)0)->ob_refcnt) == 4, "ob_refcnt is 32-bit");
#endif
OFFSET(PyVarObject, ob_base, 0);
OFFSET(PyVarObject, ob_size, 16);
SIZE(PyVarObject, 24);

/* PyTypeObject: every field. */
OFFSET(PyTypeObject, ob_base, 0);
OFFSET(PyTypeObject, tp_name, 24);
OFFSET(PyTypeObject, tp_basicsize, 32);
OFFSET(PyTypeObject, tp_itemsize, 40);
OFFSET(PyTypeObject, tp_dealloc, 48);
OFFSET(PyTypeObject, tp_vectorcall_offset, 56);
OFFSET(PyTypeObject, tp_getattr, 64);
OFFSET(PyTypeObject, tp_setattr, 72);
OFFSET(PyTypeObject, tp_as_async, 80);
OFFSET(PyTypeObject, tp_repr, 88);
OFFSET(PyTypeObject, tp_as_number, 96);
OFFSET(PyTypeObject, tp_as_sequence, 104);
OFFSET(PyTypeObject, tp_as_mapping, 112);
OFFSET(PyTypeObject, tp_hash, 120);
OFFSET(PyTypeObject, tp_call, 128);
OFFSET(PyTypeObject, tp_str, 136);
OFFSET(PyTypeObject, tp_getattro, 144);
OFFSET(PyTypeObject, tp_setattro, 152);
OFFSET(PyTypeObject, tp_as_buffer, 160);
OFFSET(PyTypeObject, tp_flags, 168);
OFFSET(PyTypeObject, tp_doc, 176);
OFFSET(PyTypeObject, tp_traverse, 184);
OFFSET(PyTypeObject, tp_clear, 192);
OFFSET(PyTypeObject, tp_richcompare, 200);
OFFSET(PyTypeObject, tp_weaklistoffset, 208);
OFFSET(PyTypeObject, tp_iter, 216);
OFFSET(PyTypeObject, tp_iternext, 224);
OFFSET(PyTypeObject, tp_methods, 232);
OFFSET(PyTypeObject, tp_members, 240);
OFFSET(PyTypeObject, tp_getset, 248);
OFFSET(PyTypeObject, tp_base, 256);
OFFSET(PyTypeObject, tp_dict, 264);
OFFSET(PyTypeObject, tp_descr_get, 272);
OFFSET(PyTypeObject, tp_descr_set, 280);
OFFSET(PyTypeObject, tp_dictoffset, 288);
OFFSET(PyTypeObject, tp_init, 296);
OFFSET(PyTypeObject, tp_alloc, 304);
OFFSET(PyTypeObject, tp_new, 312);
OFFSET(PyTypeObject, tp_free, 320);
OFFSET(PyTypeObject, tp_is_gc, 328);
OFFSET(PyTypeObject, tp_bases, 336);
OFFSET(PyTypeObject, tp_mro, 344);
OFFSET(PyTypeObject, tp_cache, 352);
OFFSET(PyTypeObject, tp_subclasses, 360);
OFFSET(PyTypeObject, tp_weaklist, 368);
OFFSET(PyTypeObject, tp_del, 376);
OFFSET(PyTypeObject, tp_version_tag, 384);
OFFSET(PyTypeObject, tp_finalize, 392);
OFFSET(PyTypeObject, tp_vectorcall, 400);
OFFSET(PyTypeObject, tp_watched, 408);
OFFSET(PyTypeObject, tp_versions_used, 410);
SIZE(PyTypeObject, 416);

/* The slot tables. */
OFFSET(PyNumberMethods, nb_add, 0);
OFFSET(PyNumberMethods, nb_subtract, 8);
OFFSET(PyNumberMethods, nb_multiply, 16);
OFFSET(PyNumberMethods, nb_remainder, 24);
OFFSET(PyNumberMethods, nb_divmod, 32);
OFFSET(PyNumberMethods, nb_power, 40);
OFFSET(PyNumberMethods, nb_negative, 48);
OFFSET(PyNumberMethods, nb_positive, 56);
OFFSET(PyNumberMethods, nb_absolute, 64);
OFFSET(PyNumberMethods, nb_bool, 72);
OFFSET(PyNumberMethods, nb_invert, 80);
OFFSET(PyNumberMethods, nb_lshift, 88);
OFFSET(PyNumberMethods, nb_rshift, 96);
OFFSET(PyNumberMethods, nb_and, 104);
OFFSET(PyNumberMethods, nb_xor, 112);
OFFSET(PyNumberMethods, nb_or, 120);
OFFSET(PyNumberMethods, nb_int, 128);
OFFSET(PyNumberMethods, nb_reserved, 136);
OFFSET(PyNumberMethods, nb_float, 144);
OFFSET(PyNumberMethods, nb_inplace_add, 152);
OFFSET(PyNumberMethods, nb_inplace_subtract, 160);
OFFSET(PyNumberMethods, nb_inplace_multiply, 168);
OFFSET(PyNumberMethods, nb_inplace_remainder, 176);
OFFSET(PyNumberMethods, nb_inplace_power, 184);
OFFSET(PyNumberMethods, nb_inplace_lshift, 192);
OFFSET(PyNumberMethods, nb_inplace_rshift, 200);
OFFSET(PyNumberMethods, nb_inplace_and, 208);
OFFSET(PyNumberMethods, nb_inplace_xor, 216);
OFFSET(PyNumberMethods, nb_inplace_or, 224);
OFFSET(PyNumberMethods, nb_floor_divide, 232);
OFFSET(PyNumberMethods, nb_true_divide, 240);
OFFSET(PyNumberMethods, nb_inplace_floor_divide, 248);
OFFSET(PyNumberMethods, nb_inplace_true_divide, 256);
OFFSET(PyNumberMethods, nb_index, 264);
OFFSET(PyNumberMethods, nb_matrix_multiply, 272);
OFFSET(PyNumberMethods, nb_inplace_matrix_multiply, 280);
SIZE(PyNumberMethods, 288);
OFFSET(PySequenceMethods, sq_length, 0);
OFFSET(PySequenceMethods, sq_concat, 8);
OFFSET(PySequenceMethods, sq_repeat, 16);
OFFSET(PySequenceMethods, sq_item, 24);
OFFSET(PySequenceMethods, was_sq_slice, 32);
OFFSET(PySequenceMethods, sq_ass_item, 40);
OFFSET(PySequenceMethods, was_sq_ass_slice, 48);
OFFSET(PySequenceMethods, sq_contains, 56);
OFFSET(PySequenceMethods, sq_inplace_concat, 64);
OFFSET(PySequenceMethods, sq_inplace_repeat, 72);
SIZE(PySequenceMethods, 80);
OFFSET(PyMappingMethods, mp_length, 0);
OFFSET(PyMappingMethods, mp_subscript, 8);
OFFSET(PyMappingMethods, mp_ass_subscript, 16);
SIZE(PyMappingMethods, 24);
OFFSET(PyAsyncMethods, am_await, 0);
OFFSET(PyAsyncMethods, am_aiter, 8);
OFFSET(PyAsyncMethods, am_anext, 16);
OFFSET(PyAsyncMethods, am_send, 24);
SIZE(PyAsyncMethods, 32);
OFFSET(PyBufferProcs, bf_getbuffer, 0);
OFFSET(PyBufferProcs, bf_releasebuffer, 8);
SIZE(PyBufferProcs, 16);

/* PyHeapTypeObject. */
OFFSET(PyHeapTypeObject, ht_type, 0);
OFFSET(PyHeapTypeObject, as_async, 416);
OFFSET(PyHeapTypeObject, as_number, 448);
OFFSET(PyHeapTypeObject, as_mapping, 736);
OFFSET(PyHeapTypeObject, as_sequence, 760);
OFFSET(PyHeapTypeObject, as_buffer, 840);
OFFSET(PyHeapTypeObject, ht_name, 856);
OFFSET(PyHeapTypeObject, ht_slots, 864);
OFFSET(PyHeapTypeObject, ht_qualname, 872);
OFFSET(PyHeapTypeObject, ht_cached_keys, 880);
OFFSET(PyHeapTypeObject, ht_module, 888);
OFFSET(PyHeapTypeObject, _ht_tpname, 896);
#ifdef FERRYTHON
/* 3.14 inserts ht_token before the spec cache: 8 bytes more than 3.13. */
OFFSET(PyHeapTypeObject, ht_token, 904);
SIZE(PyHeapTypeObject, 936);
#else
SIZE(PyHeapTypeObject, 928);
#endif

/* Numbers. */
OFFSET(PyLongObject, LONG_FIELD(lv_tag), 16);
OFFSET(PyLongObject, LONG_FIELD(ob_digit), 24);
SIZE(PyLongObject, 32);
_Static_assert(sizeof(digit) == 4, "30-bit digits are stored in uint32");
_Static_assert(PyLong_SHIFT == 30, "PyLong_SHIFT is 30");
OFFSET(PyFloatObject, ob_fval, 16);
SIZE(PyFloatObject, 24);
OFFSET(Py_complex, real, 0);
OFFSET(Py_complex, imag, 8);
SIZE(Py_complex, 16);
OFFSET(PyComplexObject, cval, 16);
SIZE(PyComplexObject, 32);

/* Sequences. */
OFFSET(PyTupleObject, ob_base, 0);
#ifdef FERRYTHON
/* 3.14 caches the hash before the inline items. */
OFFSET(PyTupleObject, ob_hash, 24);
OFFSET(PyTupleObject, ob_item, 32);
SIZE(PyTupleObject, 40);
#else
OFFSET(PyTupleObject, ob_item, 24);
SIZE(PyTupleObject, 32);
#endif
OFFSET(PyListObject, ob_item, 24);
OFFSET(PyListObject, allocated, 32);
SIZE(PyListObject, 40);
OFFSET(PyBytesObject, ob_shash, 24);
OFFSET(PyBytesObject, ob_sval, 32);
SIZE(PyBytesObject, 40);
OFFSET(PyByteArrayObject, ob_alloc, 24);
OFFSET(PyByteArrayObject, ob_bytes, 32);
OFFSET(PyByteArrayObject, ob_start, 40);
OFFSET(PyByteArrayObject, ob_exports, 48);
SIZE(PyByteArrayObject, 56);

/* Strings (PEP 393). */
OFFSET(PyASCIIObject, length, 16);
OFFSET(PyASCIIObject, hash, 24);
OFFSET(PyASCIIObject, state, 32);
SIZE(PyASCIIObject, 40);
OFFSET(PyCompactUnicodeObject, _base, 0);
OFFSET(PyCompactUnicodeObject, utf8_length, 40);
OFFSET(PyCompactUnicodeObject, utf8, 48);
SIZE(PyCompactUnicodeObject, 56);
OFFSET(PyUnicodeObject, _base, 0);
OFFSET(PyUnicodeObject, data, 56);
SIZE(PyUnicodeObject, 64);

/* Mappings. */
OFFSET(PyDictObject, ma_used, 16);
OFFSET(PyDictObject, FIELD313(_ma_watcher_tag, ma_version_tag), 24);
OFFSET(PyDictObject, ma_keys, 32);
OFFSET(PyDictObject, ma_values, 40);
SIZE(PyDictObject, 48);

/* Functions and descriptors. */
OFFSET(PyCFunctionObject, m_ml, 16);
OFFSET(PyCFunctionObject, m_self, 24);
OFFSET(PyCFunctionObject, m_module, 32);
OFFSET(PyCFunctionObject, m_weakreflist, 40);
OFFSET(PyCFunctionObject, vectorcall, 48);
SIZE(PyCFunctionObject, 56);
OFFSET(PyCMethodObject, mm_class, 56);
SIZE(PyCMethodObject, 64);
OFFSET(PyDescrObject, d_type, 16);
OFFSET(PyDescrObject, d_name, 24);
OFFSET(PyDescrObject, d_qualname, 32);
SIZE(PyDescrObject, 40);
OFFSET(PyMethodDescrObject, d_method, 40);
OFFSET(PyMethodDescrObject, vectorcall, 48);
SIZE(PyMethodDescrObject, 56);
OFFSET(PyMemberDescrObject, d_member, 40);
SIZE(PyMemberDescrObject, 48);
OFFSET(PyGetSetDescrObject, d_getset, 40);
SIZE(PyGetSetDescrObject, 48);

/* Exceptions and slices. */
OFFSET(PyBaseExceptionObject, dict, 16);
OFFSET(PyBaseExceptionObject, args, 24);
OFFSET(PyBaseExceptionObject, notes, 32);
OFFSET(PyBaseExceptionObject, traceback, 40);
OFFSET(PyBaseExceptionObject, context, 48);
OFFSET(PyBaseExceptionObject, cause, 56);
OFFSET(PyBaseExceptionObject, suppress_context, 64);
SIZE(PyBaseExceptionObject, 72);
/* Exception subtypes: PyException_HEAD (72 bytes) then their fields. */
OFFSET(PyBaseExceptionGroupObject, msg, 72);
OFFSET(PyBaseExceptionGroupObject, excs, 80);
SIZE(PyBaseExceptionGroupObject, 88);
OFFSET(PySyntaxErrorObject, msg, 72);
OFFSET(PySyntaxErrorObject, filename, 80);
OFFSET(PySyntaxErrorObject, lineno, 88);
OFFSET(PySyntaxErrorObject, offset, 96);
OFFSET(PySyntaxErrorObject, end_lineno, 104);
OFFSET(PySyntaxErrorObject, end_offset, 112);
OFFSET(PySyntaxErrorObject, text, 120);
OFFSET(PySyntaxErrorObject, print_file_and_line, 128);
#ifdef FERRYTHON
/* 3.14 appends `metadata` (used for keyword suggestions). */
OFFSET(PySyntaxErrorObject, metadata, 136);
SIZE(PySyntaxErrorObject, 144);
#else
SIZE(PySyntaxErrorObject, 136);
#endif
OFFSET(PyImportErrorObject, msg, 72);
OFFSET(PyImportErrorObject, name, 80);
OFFSET(PyImportErrorObject, path, 88);
OFFSET(PyImportErrorObject, name_from, 96);
SIZE(PyImportErrorObject, 104);
OFFSET(PyUnicodeErrorObject, encoding, 72);
OFFSET(PyUnicodeErrorObject, object, 80);
OFFSET(PyUnicodeErrorObject, start, 88);
OFFSET(PyUnicodeErrorObject, end, 96);
OFFSET(PyUnicodeErrorObject, reason, 104);
SIZE(PyUnicodeErrorObject, 112);
OFFSET(PySystemExitObject, code, 72);
SIZE(PySystemExitObject, 80);
OFFSET(PyOSErrorObject, myerrno, 72);
OFFSET(PyOSErrorObject, strerror, 80);
OFFSET(PyOSErrorObject, filename, 88);
OFFSET(PyOSErrorObject, filename2, 96);
OFFSET(PyOSErrorObject, written, 104);
SIZE(PyOSErrorObject, 112);
OFFSET(PyStopIterationObject, value, 72);
SIZE(PyStopIterationObject, 80);
OFFSET(PyNameErrorObject, name, 72);
SIZE(PyNameErrorObject, 80);
OFFSET(PyAttributeErrorObject, obj, 72);
OFFSET(PyAttributeErrorObject, name, 80);
SIZE(PyAttributeErrorObject, 88);

OFFSET(PySliceObject, start, 16);
OFFSET(PySliceObject, stop, 24);
OFFSET(PySliceObject, step, 32);
SIZE(PySliceObject, 40);

#ifdef FERRYTHON
/* PEP 757 (3.14): exporting and importing ints. */
OFFSET(PyLongLayout, bits_per_digit, 0);
OFFSET(PyLongLayout, digit_size, 1);
OFFSET(PyLongLayout, digits_order, 2);
OFFSET(PyLongLayout, digit_endianness, 3);
SIZE(PyLongLayout, 4);
OFFSET(PyLongExport, value, 0);
OFFSET(PyLongExport, negative, 8);
OFFSET(PyLongExport, ndigits, 16);
OFFSET(PyLongExport, digits, 24);
OFFSET(PyLongExport, _reserved, 32);
SIZE(PyLongExport, 40);
#endif

/* Definitions an extension writes. */
OFFSET(PyMethodDef, ml_name, 0);
OFFSET(PyMethodDef, ml_meth, 8);
OFFSET(PyMethodDef, ml_flags, 16);
OFFSET(PyMethodDef, ml_doc, 24);
SIZE(PyMethodDef, 32);
OFFSET(PyMemberDef, name, 0);
OFFSET(PyMemberDef, type, 8);
OFFSET(PyMemberDef, offset, 16);
OFFSET(PyMemberDef, flags, 24);
OFFSET(PyMemberDef, doc, 32);
SIZE(PyMemberDef, 40);
OFFSET(PyGetSetDef, name, 0);
OFFSET(PyGetSetDef, get, 8);
OFFSET(PyGetSetDef, set, 16);
OFFSET(PyGetSetDef, doc, 24);
OFFSET(PyGetSetDef, closure, 32);
SIZE(PyGetSetDef, 40);
OFFSET(PyModuleDef_Base, ob_base, 0);
OFFSET(PyModuleDef_Base, m_init, 16);
OFFSET(PyModuleDef_Base, m_index, 24);
OFFSET(PyModuleDef_Base, m_copy, 32);
SIZE(PyModuleDef_Base, 40);
OFFSET(PyModuleDef, m_base, 0);
OFFSET(PyModuleDef, m_name, 40);
OFFSET(PyModuleDef, m_doc, 48);
OFFSET(PyModuleDef, m_size, 56);
OFFSET(PyModuleDef, m_methods, 64);
OFFSET(PyModuleDef, m_slots, 72);
OFFSET(PyModuleDef, m_traverse, 80);
OFFSET(PyModuleDef, m_clear, 88);
OFFSET(PyModuleDef, m_free, 96);
SIZE(PyModuleDef, 104);
OFFSET(PyModuleDef_Slot, slot, 0);
OFFSET(PyModuleDef_Slot, value, 8);
SIZE(PyModuleDef_Slot, 16);
OFFSET(PyType_Slot, slot, 0);
OFFSET(PyType_Slot, pfunc, 8);
SIZE(PyType_Slot, 16);
OFFSET(PyType_Spec, name, 0);
OFFSET(PyType_Spec, basicsize, 8);
OFFSET(PyType_Spec, itemsize, 12);
OFFSET(PyType_Spec, flags, 16);
OFFSET(PyType_Spec, slots, 24);
SIZE(PyType_Spec, 32);

/* Buffers. */
OFFSET(Py_buffer, buf, 0);
OFFSET(Py_buffer, obj, 8);
OFFSET(Py_buffer, len, 16);
OFFSET(Py_buffer, itemsize, 24);
OFFSET(Py_buffer, readonly, 32);
OFFSET(Py_buffer, ndim, 36);
OFFSET(Py_buffer, format, 40);
OFFSET(Py_buffer, shape, 48);
OFFSET(Py_buffer, strides, 56);
OFFSET(Py_buffer, suboffsets, 64);
OFFSET(Py_buffer, internal, 72);
SIZE(Py_buffer, 80);

/* Constants compiled into extensions. */
_Static_assert(PY_VERSION_HEX >= 0x030d0000, "3.13 or later");
#ifdef FERRYTHON
_Static_assert(PY_VERSION_HEX == 0x030E00F0, "ferrython implements 3.14.0 final");
_Static_assert(_Py_IMMORTAL_INITIAL_REFCNT == 0xC0000000UL, "immortal refcount is 3 << 30");
_Static_assert(_Py_STATIC_FLAG_BITS == 5, "static immortal ob_flags");
_Static_assert(Py_tp_vectorcall == 82 && Py_tp_token == 83, "3.14 slot ids");
#endif
_Static_assert(Py_TPFLAGS_TYPE_SUBCLASS == (1UL << 31), "TYPE_SUBCLASS is bit 31");
_Static_assert(Py_TPFLAGS_LONG_SUBCLASS == (1UL << 24), "LONG_SUBCLASS is bit 24");
_Static_assert(Py_TPFLAGS_HAVE_GC == (1UL << 14), "HAVE_GC is bit 14");
_Static_assert(Py_TPFLAGS_DEFAULT == 0, "Py_TPFLAGS_DEFAULT is 0");
_Static_assert(METH_FASTCALL == 0x80 && METH_METHOD == 0x200, "METH_ flags");
_Static_assert(Py_tp_dealloc == 52 && Py_am_send == 81, "slot ids");
_Static_assert(Py_T_OBJECT_EX == 16 && Py_T_PYSSIZET == 19 && Py_RELATIVE_OFFSET == 8, "member types");
_Static_assert(PyBUF_FULL_RO == 0x11C && PyBUF_RECORDS == 0x1D, "buffer flags");
_Static_assert(PyUnicode_1BYTE_KIND == 1 && PyUnicode_4BYTE_KIND == 4, "PEP 393 kinds");

int layout_compiles(void);
int layout_compiles(void) { return 0; }
