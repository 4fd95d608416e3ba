//! Ferrython bytecode: instruction format, opcodes, code objects, constants.
//!
//! # Instruction format
//!
//! Code is a `Vec<u16>` of *code units*. An instruction is one unit,
//! `opcode | (oparg << 8)`: the low byte is the [`Opcode`], the high byte an
//! 8-bit argument. Larger arguments are built with `EXTENDED_ARG` prefixes,
//! each contributing 8 more high bits (`oparg = (oparg << 8) | next`), as in
//! CPython 3.6+.
//!
//! An instruction that the eval loop may specialize (PEP 659 adaptive
//! quickening) is followed by [`Opcode::cache_entries`] zero `CACHE` units.
//! The compiler only reserves them; the eval loop owns their contents.
//! The counts are those of `_cache_format` in the `opcode.py` of the
//! CPython 3.13 library that Ferrython runs with, so that `dis` steps over
//! them (3.13's `CALL_KW` has none, unlike 3.14's).
//! Layout per opcode (unit 0 is the adaptive counter, except where noted):
//!
//! | opcode          | units | layout                                             |
//! |-----------------|-------|----------------------------------------------------|
//! | `LOAD_GLOBAL`   | 4     | globals keys version (2), builtins keys version, index |
//! | `LOAD_ATTR`     | 9     | counter, type version (2), keys version (2), descr/index (4) |
//! | `STORE_ATTR`    | 4     | counter, type version (2), index                    |
//! | `LOAD_SUPER_ATTR` | 1   | counter                                            |
//! | `BINARY_OP`     | 1     | counter                                            |
//! | `COMPARE_OP`    | 1     | counter                                            |
//! | `CONTAINS_OP`   | 1     | counter                                            |
//! | `TO_BOOL`       | 3     | counter, type version (2)                          |
//! | `BINARY_SUBSCR` | 1     | counter                                            |
//! | `STORE_SUBSCR`  | 1     | counter                                            |
//! | `UNPACK_SEQUENCE` | 1   | counter                                            |
//! | `CALL`          | 3     | counter, function version (2)                      |
//! | `FOR_ITER`      | 1     | counter                                            |
//! | `SEND`          | 1     | counter                                            |
//! | `JUMP_BACKWARD` | 1     | counter (hotness, for a future JIT/OSR)            |
//! | `POP_JUMP_IF_*` | 1     | branch history bits                                |
//!
//! # Jumps
//!
//! Jump arguments are relative and counted in code units from the unit that
//! follows the jump *and its caches*: forward jumps (`JUMP_FORWARD`,
//! `POP_JUMP_IF_*`, `FOR_ITER`, `SEND`) add, `JUMP_BACKWARD` and
//! `JUMP_BACKWARD_NO_INTERRUPT` subtract.
//!
//! # Exceptions
//!
//! There are no block-setup instructions: exception handling is "zero cost"
//! as in CPython 3.11+. [`CodeObject::exceptiontable`] lists ranges
//! `[start, end)` of code units whose handler is `target`; on an exception the
//! eval loop pops the value stack to `depth`, pushes the offset of the
//! raising instruction (in code units) if `lasti` is set, pushes the
//! exception and jumps.
//!
//! # Semantics the eval loop must implement (where not obvious)
//!
//! Stack pictures list the bottom first; "NULL" is a null slot, distinct
//! from `None`.
//!
//! * Locals: `localsplusnames[i]` with kind bits `localspluskinds[i]`
//!   (`fast_kind`). `MAKE_CELL i` wraps slot `i` in a new cell (keeping an
//!   argument value); `COPY_FREE_VARS n` copies the function's closure cells
//!   into the last `n` slots. `LOAD_FAST i` on a cell slot pushes the cell
//!   object itself (used to build closures); `LOAD_DEREF`/`STORE_DEREF`/
//!   `DELETE_DEREF` go through the cell. `LOAD_FAST_CHECK` raises
//!   `UnboundLocalError` for an empty slot; `LOAD_FAST` may assume it is set.
//!   `LOAD_FAST_LOAD_FAST i`: slots `i >> 4` then `i & 15`;
//!   `STORE_FAST_STORE_FAST i`: stores TOS into `i >> 4`, then the next into `i & 15`.
//! * `LOAD_FROM_DICT_OR_DEREF i`: `mapping` -> value: `mapping[name_i]` if
//!   present else the cell in slot `i`. `LOAD_FROM_DICT_OR_GLOBALS i`:
//!   `mapping` -> `mapping[names[i]]`, else globals, else builtins.
//!   `LOAD_LOCALS` pushes the frame's locals mapping.
//! * `LOAD_GLOBAL i`: pushes global `names[i >> 1]`, then NULL if `i & 1`.
//! * `LOAD_ATTR i`: `obj` -> `obj.names[i >> 1]`; with `i & 1` (method form)
//!   pushes `method, obj` when the attribute is a plain method found on the
//!   type, else `attr, NULL`.
//! * `LOAD_SUPER_ATTR i`: `super_global, class, self` -> attribute of
//!   `super(class, self)`, name `names[i >> 2]`; `i & 1` is the method form
//!   (two values as `LOAD_ATTR`); `i & 2` marks the two-argument `super(a, b)`
//!   call. If `super_global` is not the builtin `super` the eval loop must
//!   call it normally with the one or two arguments instead.
//! * `CALL n`: `callable, self_or_null, arg1 ... argn` -> result. When
//!   `self_or_null` is not NULL it is passed as the first argument (this
//!   is how methods, `with`-exit calls `exit, None, None, None` + `CALL 2`,
//!   and decorators are called).
//! * `CALL_KW n`: like `CALL` with a tuple of keyword names on top; the last
//!   `len(names)` of the `n` arguments are passed by keyword.
//! * `CALL_FUNCTION_EX f`: `callable, self_or_null, args[, kwargs if f & 1]`;
//!   `args` is converted to a tuple if it is another iterable (the error for
//!   a non-iterable is CPython's "argument after * must be an iterable").
//! * `MAKE_FUNCTION`: code object -> function (globals and qualname from
//!   the frame/code). `SET_FUNCTION_ATTRIBUTE flag`: `value, func` -> `func`,
//!   flag 0x01 defaults tuple, 0x02 kwdefaults dict, 0x04 annotations tuple
//!   (`("name", "annotation-string", ...)`, under `from __future__ import
//!   annotations`), 0x08 closure tuple of cells, 0x10 `__annotate__`.
//! * `BINARY_OP i`: [`BinaryOp`] `i`; `i >= 13` is the in-place form of `i - 13`.
//! * `COMPARE_OP i`: [`CompareOp`] `i >> 5`; `i & 16` asks for an exact bool
//!   result (`bool(result)`). `IS_OP`/`CONTAINS_OP i`: `i == 1` negates.
//! * `TO_BOOL`: TOS -> `bool(TOS)`. `POP_JUMP_IF_TRUE/FALSE` require an
//!   exact bool (the compiler always puts `TO_BOOL`, a bool `COMPARE_OP`,
//!   `IS_OP`, `CONTAINS_OP` or `UNARY_NOT` before them). `UNARY_NOT` also
//!   takes an exact bool.
//! * `BINARY_SLICE`: `container, start, stop` -> `container[start:stop]`;
//!   `STORE_SLICE`: `value, container, start, stop`.
//! * `BUILD_TUPLE/LIST/SET/STRING n` pop n items; `BUILD_MAP n` pops n
//!   key/value pairs; `BUILD_SLICE n`: 2 or 3 items. `LIST_APPEND i`,
//!   `SET_ADD i`, `LIST_EXTEND i`, `SET_UPDATE i`, `DICT_UPDATE i`,
//!   `DICT_MERGE i` (like update but raises on duplicate keys, for `**`
//!   in calls): pop TOS and add it to the container at `stack[-i]` (after
//!   the pop). `MAP_ADD i`: pops value and key.
//! * `UNPACK_SEQUENCE n`: pushes the n items with the *first* on top.
//!   `UNPACK_EX a`: `a & 0xff` items before the starred one, `a >> 8` after;
//!   pushes after-items, the starred list, before-items, first on top.
//! * `GET_ITER`: `iter(TOS)`. `FOR_ITER d`: TOS iterator; pushes the next
//!   value, or pops the iterator and jumps forward `d` when exhausted
//!   (there is no `END_FOR`).
//! * Generators: the code of a generator, coroutine or async generator
//!   starts with `RETURN_GENERATOR; POP_TOP` (create the generator object
//!   and return it; execution resumes at the `POP_TOP` on first send).
//!   `YIELD_VALUE w`: yields TOS and, when resumed, pushes the sent value
//!   (`w` is 1 inside `yield from`/`await`). `RESUME w`: 0 function start,
//!   1 after yield, 2 after yield from, 3 after await (a check point for the
//!   eval breaker). `CALL_INTRINSIC_1 ASYNC_GEN_WRAP` wraps values yielded
//!   by async generators.
//! * `RETURN_CONST i`: returns `consts[i]` (the assembler's fusion of
//!   `LOAD_CONST i; RETURN_VALUE`, an instruction of CPython 3.12 and 3.13
//!   whose layout `dis` and `sys.monitoring` offsets follow).
//! * `SEND d`: `receiver, value` -> `receiver, result` where `result` is
//!   `receiver.send(value)` (or `next` for `None`); when the receiver
//!   finishes, pushes the return value instead and jumps forward `d` to an
//!   `END_SEND` (`receiver, value` -> `value`). `CLEANUP_THROW`: handler of
//!   the yield inside that loop: `receiver, last_sent, exc` -> `None, value`
//!   if `exc` is `StopIteration` (its value), else re-raises `exc`.
//! * `GET_AWAITABLE w`: TOS -> awaitable iterator (`w`: 0 plain, 1 after
//!   `__aenter__`, 2 after `__aexit__`, for error messages).
//!   `GET_AITER`: `aiter(TOS)`; `GET_ANEXT`: `aiter` -> `aiter, awaitable`.
//!   `END_ASYNC_FOR`: handler entry `aiter, exc`: if `exc` is
//!   `StopAsyncIteration` pop both and continue, else re-raise.
//! * `BEFORE_WITH`: `mgr` -> `bound __exit__, mgr.__enter__()`;
//!   `BEFORE_ASYNC_WITH`: `mgr` -> `bound __aexit__, awaitable of __aenter__()`.
//!   `WITH_EXCEPT_START`: `exit, lasti, prev_exc, exc` -> same plus
//!   `exit(type(exc), exc, exc.__traceback__)`.
//! * Exceptions: `PUSH_EXC_INFO`: `exc` -> `prev_exc, exc` and makes `exc`
//!   the handled exception; `POP_EXCEPT`: pops `prev_exc` and restores it
//!   as the handled exception. `CHECK_EXC_MATCH`: `exc, type` -> `exc,
//!   bool`. `CHECK_EG_MATCH`: `exc_group, type` -> `rest, match` (`match`
//!   None if nothing matched). `RAISE_VARARGS n`: 0 re-raise the handled
//!   exception, 1 `raise TOS`, 2 `raise exc from cause`. `RERAISE n`: pops
//!   the exception and re-raises it; if `n > 0`, first sets the frame's
//!   last instruction from the int `n` slots below it (pushed by a `lasti`
//!   handler), for tracebacks. `CALL_INTRINSIC_2 PREP_RERAISE_STAR`:
//!   `orig, list_of_raised` -> exception group to raise, or None.
//!   `CALL_INTRINSIC_1 STOPITERATION_ERROR` turns a `StopIteration` leaking
//!   out of a generator into `RuntimeError` (and re-raises others).
//! * `LOAD_COMMON_CONSTANT i`: 0 `AssertionError`, 1 `NotImplementedError`,
//!   2 `tuple`, 3 `all`, 4 `any`. `LOAD_SMALL_INT i`: the int `i` (0..=255).
//! * `FORMAT_SIMPLE`: `format(TOS, "")` (strings unchanged);
//!   `FORMAT_WITH_SPEC`: `value, spec` -> `format(value, spec)`;
//!   `CONVERT_VALUE c`: 1 `str`, 2 `repr`, 3 `ascii`.
//! * Pattern matching: `MATCH_SEQUENCE`/`MATCH_MAPPING`: `subject` ->
//!   `subject, bool`; `GET_LEN`: `obj` -> `obj, len(obj)`; `MATCH_KEYS`:
//!   `mapping, keys` -> `mapping, keys, values_tuple or None`;
//!   `MATCH_CLASS n`: `subject, cls, kw_names` -> tuple of `n` positional
//!   (via `__match_args__`) then keyword attributes, or None.
//! * Imports: `IMPORT_NAME i`: `level, fromlist` -> module `names[i]`;
//!   `IMPORT_FROM i`: `module` -> `module, module.names[i]` (falling back to
//!   `sys.modules`); `CALL_INTRINSIC_1 IMPORT_STAR`: module -> None, copies
//!   public names into the locals.
//! * Classes: `LOAD_BUILD_CLASS` pushes `builtins.__build_class__`. A class
//!   body is a function taking no arguments, run with a fresh namespace as
//!   its locals; it stores `__module__`, `__qualname__`, `__firstlineno__`,
//!   `__static_attributes__` (and `__classdictcell__`, `__type_params__`,
//!   `__annotate__` when needed) and returns the `__class__` cell (also
//!   stored as `__classcell__`) or None.
//! * Annotations (PEP 649/749): `__annotate__(format)` functions raise
//!   `NotImplementedError` for `format > 2` and return a dict.
//! * `SETUP_ANNOTATIONS`: creates `__annotations__` in the locals if missing.
//! * `CALL_INTRINSIC_1 PRINT` (interactive mode): display hook for TOS.
//! * Template strings (PEP 750): `BUILD_INTERPOLATION arg` pops the value,
//!   the expression's source text and, when `arg & 1`, the format spec,
//!   and pushes an `Interpolation` whose conversion is `arg >> 2` (0 none,
//!   1 `!s`, 2 `!r`, 3 `!a`); `BUILD_TEMPLATE` pops the tuple of strings
//!   (TOS) and the tuple of interpolations and pushes a `Template`.

use std::fmt::Write as _;

macro_rules! opcodes {
    ($( $name:ident = $num:expr, $cache:expr, $has_arg:expr; )*) => {
        /// One Ferrython opcode (the low byte of a code unit).
        #[allow(non_camel_case_types)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Opcode {
            $( $name = $num, )*
        }

        impl Opcode {
            /// All opcodes, for tables and tests.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name,)*];

            /// Decode a byte; `None` for unassigned values.
            pub fn from_u8(b: u8) -> Option<Opcode> {
                match b {
                    $( $num => Some(Opcode::$name), )*
                    _ => None,
                }
            }

            /// The opcode's name as `dis` prints it.
            pub fn name(self) -> &'static str {
                match self {
                    $( Opcode::$name => stringify!($name), )*
                }
            }

            /// Number of `CACHE` units reserved after the instruction.
            pub fn cache_entries(self) -> usize {
                match self {
                    $( Opcode::$name => $cache, )*
                }
            }

            /// Whether the argument byte means anything.
            pub fn has_arg(self) -> bool {
                match self {
                    $( Opcode::$name => $has_arg, )*
                }
            }
        }
    };
}

opcodes! {
    CACHE = 0, 0, false;
    NOP = 1, 0, false;
    POP_TOP = 2, 0, false;
    PUSH_NULL = 3, 0, false;
    COPY = 4, 0, true;
    SWAP = 5, 0, true;
    END_SEND = 6, 0, false;
    EXTENDED_ARG = 7, 0, true;
    RESUME = 8, 0, true;
    LOAD_CONST = 9, 0, true;
    LOAD_SMALL_INT = 10, 0, true;
    LOAD_FAST = 11, 0, true;
    LOAD_FAST_CHECK = 12, 0, true;
    LOAD_FAST_AND_CLEAR = 13, 0, true;
    LOAD_FAST_LOAD_FAST = 14, 0, true;
    STORE_FAST = 15, 0, true;
    STORE_FAST_LOAD_FAST = 16, 0, true;
    STORE_FAST_STORE_FAST = 17, 0, true;
    DELETE_FAST = 18, 0, true;
    LOAD_DEREF = 19, 0, true;
    STORE_DEREF = 20, 0, true;
    DELETE_DEREF = 21, 0, true;
    MAKE_CELL = 22, 0, true;
    COPY_FREE_VARS = 23, 0, true;
    LOAD_FROM_DICT_OR_DEREF = 24, 0, true;
    LOAD_FROM_DICT_OR_GLOBALS = 25, 0, true;
    LOAD_NAME = 26, 0, true;
    STORE_NAME = 27, 0, true;
    DELETE_NAME = 28, 0, true;
    LOAD_GLOBAL = 29, 4, true;
    STORE_GLOBAL = 30, 0, true;
    DELETE_GLOBAL = 31, 0, true;
    LOAD_LOCALS = 32, 0, false;
    LOAD_ATTR = 33, 9, true;
    STORE_ATTR = 34, 4, true;
    DELETE_ATTR = 35, 0, true;
    LOAD_SUPER_ATTR = 36, 1, true;
    LOAD_COMMON_CONSTANT = 37, 0, true;
    LOAD_BUILD_CLASS = 38, 0, false;
    UNARY_NEGATIVE = 39, 0, false;
    UNARY_NOT = 40, 0, false;
    UNARY_INVERT = 41, 0, false;
    TO_BOOL = 42, 3, false;
    BINARY_OP = 43, 1, true;
    COMPARE_OP = 44, 1, true;
    IS_OP = 45, 0, true;
    CONTAINS_OP = 46, 1, true;
    BINARY_SUBSCR = 47, 1, false;
    STORE_SUBSCR = 48, 1, false;
    DELETE_SUBSCR = 49, 0, false;
    BINARY_SLICE = 50, 0, false;
    STORE_SLICE = 51, 0, false;
    BUILD_SLICE = 52, 0, true;
    BUILD_TUPLE = 53, 0, true;
    BUILD_LIST = 54, 0, true;
    BUILD_SET = 55, 0, true;
    BUILD_MAP = 56, 0, true;
    BUILD_STRING = 57, 0, true;
    LIST_APPEND = 58, 0, true;
    SET_ADD = 59, 0, true;
    MAP_ADD = 60, 0, true;
    LIST_EXTEND = 61, 0, true;
    SET_UPDATE = 62, 0, true;
    DICT_UPDATE = 63, 0, true;
    DICT_MERGE = 64, 0, true;
    UNPACK_SEQUENCE = 65, 1, true;
    UNPACK_EX = 66, 0, true;
    JUMP_FORWARD = 67, 0, true;
    JUMP_BACKWARD = 68, 1, true;
    JUMP_BACKWARD_NO_INTERRUPT = 69, 0, true;
    POP_JUMP_IF_FALSE = 70, 1, true;
    POP_JUMP_IF_TRUE = 71, 1, true;
    POP_JUMP_IF_NONE = 72, 1, true;
    POP_JUMP_IF_NOT_NONE = 73, 1, true;
    GET_ITER = 74, 0, false;
    FOR_ITER = 75, 1, true;
    GET_YIELD_FROM_ITER = 76, 0, false;
    GET_AITER = 77, 0, false;
    GET_ANEXT = 78, 0, false;
    END_ASYNC_FOR = 79, 0, false;
    GET_AWAITABLE = 80, 0, true;
    SEND = 81, 1, true;
    YIELD_VALUE = 82, 0, true;
    RETURN_VALUE = 83, 0, false;
    RETURN_GENERATOR = 84, 0, false;
    CLEANUP_THROW = 85, 0, false;
    CALL = 86, 3, true;
    CALL_KW = 87, 0, true;
    CALL_FUNCTION_EX = 88, 0, true;
    CALL_INTRINSIC_1 = 89, 0, true;
    CALL_INTRINSIC_2 = 90, 0, true;
    MAKE_FUNCTION = 91, 0, false;
    SET_FUNCTION_ATTRIBUTE = 92, 0, true;
    SETUP_ANNOTATIONS = 93, 0, false;
    IMPORT_NAME = 94, 0, true;
    IMPORT_FROM = 95, 0, true;
    RAISE_VARARGS = 96, 0, true;
    RERAISE = 97, 0, true;
    PUSH_EXC_INFO = 98, 0, false;
    POP_EXCEPT = 99, 0, false;
    CHECK_EXC_MATCH = 100, 0, false;
    CHECK_EG_MATCH = 101, 0, false;
    WITH_EXCEPT_START = 102, 0, false;
    BEFORE_WITH = 103, 0, false;
    BEFORE_ASYNC_WITH = 104, 0, false;
    FORMAT_SIMPLE = 105, 0, false;
    FORMAT_WITH_SPEC = 106, 0, false;
    CONVERT_VALUE = 107, 0, true;
    MATCH_CLASS = 108, 0, true;
    MATCH_KEYS = 109, 0, false;
    MATCH_MAPPING = 110, 0, false;
    MATCH_SEQUENCE = 111, 0, false;
    GET_LEN = 112, 0, false;
    EXIT_INIT_CHECK = 113, 0, false;
    BUILD_INTERPOLATION = 114, 0, true;
    BUILD_TEMPLATE = 115, 0, false;
    RETURN_CONST = 116, 0, true;
}

impl Opcode {
    /// Relative forward jump (target = end of this instruction + arg).
    pub fn is_forward_jump(self) -> bool {
        matches!(
            self,
            Opcode::JUMP_FORWARD
                | Opcode::POP_JUMP_IF_FALSE
                | Opcode::POP_JUMP_IF_TRUE
                | Opcode::POP_JUMP_IF_NONE
                | Opcode::POP_JUMP_IF_NOT_NONE
                | Opcode::FOR_ITER
                | Opcode::SEND
        )
    }

    /// Relative backward jump.
    pub fn is_backward_jump(self) -> bool {
        matches!(
            self,
            Opcode::JUMP_BACKWARD | Opcode::JUMP_BACKWARD_NO_INTERRUPT
        )
    }

    /// Any jump.
    pub fn is_jump(self) -> bool {
        self.is_forward_jump() || self.is_backward_jump()
    }

    /// The argument indexes `co_consts` (CPython's `hasconst`).
    pub fn has_const(self) -> bool {
        matches!(self, Opcode::LOAD_CONST | Opcode::RETURN_CONST)
    }

    /// The argument indexes `co_names`, possibly shifted (CPython's
    /// `hasname`): `LOAD_GLOBAL`/`LOAD_ATTR` use `arg >> 1`,
    /// `LOAD_SUPER_ATTR` `arg >> 2`.
    pub fn has_name(self) -> bool {
        use Opcode::*;
        matches!(
            self,
            LOAD_NAME
                | STORE_NAME
                | DELETE_NAME
                | LOAD_GLOBAL
                | STORE_GLOBAL
                | DELETE_GLOBAL
                | LOAD_ATTR
                | STORE_ATTR
                | DELETE_ATTR
                | LOAD_SUPER_ATTR
                | LOAD_FROM_DICT_OR_GLOBALS
                | IMPORT_NAME
                | IMPORT_FROM
        )
    }

    /// The argument indexes `localsplusnames` as a fast local (CPython's
    /// `haslocal`); the `*_FAST_*_FAST` pairs pack two 4-bit indexes.
    pub fn has_local(self) -> bool {
        use Opcode::*;
        matches!(
            self,
            LOAD_FAST
                | LOAD_FAST_CHECK
                | LOAD_FAST_AND_CLEAR
                | LOAD_FAST_LOAD_FAST
                | STORE_FAST
                | STORE_FAST_LOAD_FAST
                | STORE_FAST_STORE_FAST
                | DELETE_FAST
        )
    }

    /// The argument indexes `localsplusnames` as a cell or free variable
    /// (CPython's `hasfree`).
    pub fn has_free(self) -> bool {
        use Opcode::*;
        matches!(
            self,
            LOAD_DEREF | STORE_DEREF | DELETE_DEREF | MAKE_CELL | LOAD_FROM_DICT_OR_DEREF
        )
    }

    /// Stack effect (fall through, jump taken) of this instruction with `arg`.
    pub fn stack_effect(self, arg: u32) -> (i32, i32) {
        use Opcode::*;
        let op = self;
        let a = arg as i32;
        let e = match op {
            CACHE | NOP | RESUME | EXTENDED_ARG | SWAP | MAKE_CELL | COPY_FREE_VARS
            | DELETE_FAST | DELETE_DEREF | DELETE_NAME | DELETE_GLOBAL => 0,
            POP_TOP => -1,
            PUSH_NULL | COPY => 1,
            END_SEND => -1,
            LOAD_CONST | LOAD_SMALL_INT | LOAD_FAST | LOAD_FAST_CHECK | LOAD_FAST_AND_CLEAR
            | LOAD_DEREF | LOAD_NAME | LOAD_LOCALS | LOAD_BUILD_CLASS | LOAD_COMMON_CONSTANT => 1,
            LOAD_FAST_LOAD_FAST => 2,
            LOAD_FROM_DICT_OR_DEREF | LOAD_FROM_DICT_OR_GLOBALS => 0,
            STORE_FAST | STORE_DEREF | STORE_NAME | STORE_GLOBAL => -1,
            STORE_FAST_LOAD_FAST => 0,
            STORE_FAST_STORE_FAST => -2,
            LOAD_GLOBAL => 1 + (a & 1),
            LOAD_ATTR => a & 1,
            STORE_ATTR => -2,
            DELETE_ATTR => -1,
            LOAD_SUPER_ATTR => -2 + (a & 1),
            UNARY_NEGATIVE | UNARY_NOT | UNARY_INVERT | TO_BOOL => 0,
            BINARY_OP | COMPARE_OP | IS_OP | CONTAINS_OP => -1,
            BINARY_SUBSCR => -1,
            STORE_SUBSCR => -3,
            DELETE_SUBSCR => -2,
            BINARY_SLICE => -2,
            STORE_SLICE => -4,
            BUILD_SLICE => 1 - a,
            BUILD_TUPLE | BUILD_LIST | BUILD_SET | BUILD_STRING => 1 - a,
            BUILD_MAP => 1 - 2 * a,
            LIST_APPEND | SET_ADD | LIST_EXTEND | SET_UPDATE | DICT_UPDATE | DICT_MERGE => -1,
            MAP_ADD => -2,
            UNPACK_SEQUENCE => a - 1,
            UNPACK_EX => (a & 0xff) + (a >> 8),
            JUMP_FORWARD | JUMP_BACKWARD | JUMP_BACKWARD_NO_INTERRUPT => 0,
            POP_JUMP_IF_FALSE | POP_JUMP_IF_TRUE | POP_JUMP_IF_NONE | POP_JUMP_IF_NOT_NONE => -1,
            GET_ITER | GET_YIELD_FROM_ITER | GET_AITER | GET_AWAITABLE => 0,
            FOR_ITER => return (1, -1),
            GET_ANEXT => 1,
            END_ASYNC_FOR => -2,
            SEND => 0,
            YIELD_VALUE => 0,
            RETURN_VALUE => -1,
            RETURN_CONST => 0,
            RETURN_GENERATOR => 1,
            CLEANUP_THROW => -1,
            CALL => -1 - a,
            CALL_KW => -2 - a,
            CALL_FUNCTION_EX => -2 - (a & 1),
            CALL_INTRINSIC_1 => 0,
            CALL_INTRINSIC_2 => -1,
            MAKE_FUNCTION => 0,
            SET_FUNCTION_ATTRIBUTE => -1,
            SETUP_ANNOTATIONS => 0,
            IMPORT_NAME => -1,
            IMPORT_FROM => 1,
            RAISE_VARARGS => -a,
            RERAISE => -1,
            PUSH_EXC_INFO => 1,
            POP_EXCEPT => -1,
            CHECK_EXC_MATCH | CHECK_EG_MATCH => 0,
            WITH_EXCEPT_START => 1,
            BEFORE_WITH | BEFORE_ASYNC_WITH => 1,
            FORMAT_SIMPLE | CONVERT_VALUE => 0,
            FORMAT_WITH_SPEC => -1,
            MATCH_CLASS => -2,
            MATCH_KEYS | MATCH_MAPPING | MATCH_SEQUENCE | GET_LEN => 1,
            EXIT_INIT_CHECK => -1,
            BUILD_INTERPOLATION => -1 - (a & 1),
            BUILD_TEMPLATE => -1,
        };
        (e, e)
    }

    /// Control never falls through to the next instruction.
    pub fn is_terminator(self) -> bool {
        matches!(
            self,
            Opcode::JUMP_FORWARD
                | Opcode::JUMP_BACKWARD
                | Opcode::JUMP_BACKWARD_NO_INTERRUPT
                | Opcode::RETURN_VALUE
                | Opcode::RETURN_CONST
                | Opcode::RAISE_VARARGS
                | Opcode::RERAISE
        )
    }
}

/// `BINARY_OP` operators, numbered as CPython's `NB_*` (in-place = +13).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BinaryOp {
    Add = 0,
    And = 1,
    FloorDivide = 2,
    Lshift = 3,
    MatrixMultiply = 4,
    Multiply = 5,
    Remainder = 6,
    Or = 7,
    Power = 8,
    Rshift = 9,
    Subtract = 10,
    TrueDivide = 11,
    Xor = 12,
}

/// Symbols of `BINARY_OP` arguments for the disassembler.
pub const BINARY_OP_SYMBOLS: [&str; 26] = [
    "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^", "+=", "&=", "//=", "<<=",
    "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
];

/// `COMPARE_OP` operators (`oparg >> 5`), as CPython's `Py_LT`...
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum CompareOp {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
}

/// Symbols of `COMPARE_OP` operators.
pub const COMPARE_OP_SYMBOLS: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];

/// `CALL_INTRINSIC_1` functions (CPython numbering).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Intrinsic1 {
    Print = 1,
    ImportStar = 2,
    StopIterationError = 3,
    AsyncGenWrap = 4,
    UnaryPositive = 5,
    ListToTuple = 6,
    TypeVar = 7,
    ParamSpec = 8,
    TypeVarTuple = 9,
    SubscriptGeneric = 10,
    TypeAlias = 11,
}

/// `CALL_INTRINSIC_2` functions (CPython numbering).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Intrinsic2 {
    PrepReraiseStar = 1,
    TypeVarWithBound = 2,
    TypeVarWithConstraints = 3,
    SetFunctionTypeParams = 4,
    SetTypeparamDefault = 5,
}

/// `MAKE_FUNCTION`/`SET_FUNCTION_ATTRIBUTE` flags.
pub mod fn_attr {
    pub const DEFAULTS: u32 = 0x01;
    pub const KWDEFAULTS: u32 = 0x02;
    pub const ANNOTATIONS: u32 = 0x04;
    pub const CLOSURE: u32 = 0x08;
    pub const ANNOTATE: u32 = 0x10;
}

/// `co_flags` bits (CPython's `CO_*` values).
pub mod co_flags {
    pub const OPTIMIZED: u32 = 0x0001;
    pub const NEWLOCALS: u32 = 0x0002;
    pub const VARARGS: u32 = 0x0004;
    pub const VARKEYWORDS: u32 = 0x0008;
    pub const NESTED: u32 = 0x0010;
    pub const GENERATOR: u32 = 0x0020;
    /// Not set by Ferrython (CPython 3.13 no longer sets it either).
    pub const NOFREE: u32 = 0x0040;
    pub const COROUTINE: u32 = 0x0080;
    pub const ITERABLE_COROUTINE: u32 = 0x0100;
    pub const ASYNC_GENERATOR: u32 = 0x0200;
    pub const HAS_DOCSTRING: u32 = 0x0400_0000;
    pub const METHOD: u32 = 0x0800_0000;
    /// `from __future__` flags (as `compile()` accepts them).
    pub const FUTURE_DIVISION: u32 = 0x20000;
    pub const FUTURE_ABSOLUTE_IMPORT: u32 = 0x40000;
    pub const FUTURE_WITH_STATEMENT: u32 = 0x80000;
    pub const FUTURE_PRINT_FUNCTION: u32 = 0x100000;
    pub const FUTURE_UNICODE_LITERALS: u32 = 0x200000;
    pub const FUTURE_BARRY_AS_BDFL: u32 = 0x400000;
    pub const FUTURE_GENERATOR_STOP: u32 = 0x800000;
    pub const FUTURE_ANNOTATIONS: u32 = 0x1000000;
    /// `compile()` flags.
    pub const PYCF_ONLY_AST: u32 = 0x0400;
    pub const PYCF_DONT_IMPLY_DEDENT: u32 = 0x0200;
    pub const PYCF_ALLOW_TOP_LEVEL_AWAIT: u32 = 0x2000;
}

/// Kind bits of `co_localspluskinds` (CPython's `CO_FAST_*`).
pub mod fast_kind {
    pub const HIDDEN: u8 = 0x10;
    pub const LOCAL: u8 = 0x20;
    pub const CELL: u8 = 0x40;
    pub const FREE: u8 = 0x80;
}

/// An integer constant: `Small` when it fits in `i64`, else its decimal digits
/// (with a leading `-` when negative).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum BigInt {
    Small(i64),
    Big(String),
}

impl std::fmt::Display for BigInt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BigInt::Small(v) => write!(f, "{v}"),
            BigInt::Big(s) => f.write_str(s),
        }
    }
}

/// A compile-time constant (an element of `co_consts`).
#[derive(Clone, Debug)]
pub enum Constant {
    None,
    True,
    False,
    Ellipsis,
    Int(BigInt),
    Float(f64),
    Complex {
        real: f64,
        imag: f64,
    },
    Str(String),
    /// A str with lone surrogates (which a `String` cannot hold), as code
    /// points.
    StrCodePoints(Vec<u32>),
    Bytes(Vec<u8>),
    Tuple(Vec<Constant>),
    FrozenSet(Vec<Constant>),
    Code(Box<CodeObject>),
}

impl PartialEq for Constant {
    /// Identity-like equality used to deduplicate `co_consts`: `1`, `1.0` and
    /// `True` stay distinct, `0.0` and `-0.0` stay distinct, NaNs compare by bits.
    fn eq(&self, other: &Self) -> bool {
        use Constant::*;
        match (self, other) {
            (None, None) | (True, True) | (False, False) | (Ellipsis, Ellipsis) => true,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            (Complex { real: a, imag: b }, Complex { real: c, imag: d }) => {
                a.to_bits() == c.to_bits() && b.to_bits() == d.to_bits()
            }
            (Str(a), Str(b)) => a == b,
            (StrCodePoints(a), StrCodePoints(b)) => a == b,
            (Bytes(a), Bytes(b)) => a == b,
            (Tuple(a), Tuple(b)) | (FrozenSet(a), FrozenSet(b)) => a == b,
            (Code(a), Code(b)) => std::ptr::eq(&**a, &**b),
            _ => false,
        }
    }
}

impl Constant {
    /// `repr()` of the constant as Python prints it (for `dis`).
    pub fn repr(&self) -> String {
        match self {
            Constant::None => "None".into(),
            Constant::True => "True".into(),
            Constant::False => "False".into(),
            Constant::Ellipsis => "Ellipsis".into(),
            Constant::Int(i) => i.to_string(),
            Constant::Float(f) => float_repr(*f),
            Constant::Complex { real, imag } => {
                if *real == 0.0 && real.is_sign_positive() {
                    format!("{}j", float_repr_short(*imag))
                } else {
                    let sign = if *imag < 0.0 || (*imag == 0.0 && imag.is_sign_negative()) {
                        "-"
                    } else {
                        "+"
                    };
                    format!(
                        "({}{}{}j)",
                        float_repr_short(*real),
                        sign,
                        float_repr_short(imag.abs())
                    )
                }
            }
            Constant::Str(s) => str_repr(s),
            Constant::StrCodePoints(v) => code_points_repr(v.iter().copied()),
            Constant::Bytes(b) => bytes_repr(b),
            Constant::Tuple(items) => {
                let parts: Vec<String> = items.iter().map(|c| c.repr()).collect();
                if parts.len() == 1 {
                    format!("({},)", parts[0])
                } else {
                    format!("({})", parts.join(", "))
                }
            }
            Constant::FrozenSet(items) => {
                let parts: Vec<String> = items.iter().map(|c| c.repr()).collect();
                format!("frozenset({{{}}})", parts.join(", "))
            }
            Constant::Code(c) => format!("<code object {}>", c.name),
        }
    }

    /// Python truth value, when known at compile time.
    pub fn truthy(&self) -> Option<bool> {
        Some(match self {
            Constant::None | Constant::False => false,
            Constant::True | Constant::Ellipsis | Constant::Code(_) => true,
            Constant::Int(BigInt::Small(v)) => *v != 0,
            Constant::Int(BigInt::Big(_)) => true,
            Constant::Float(f) => *f != 0.0,
            Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
            Constant::Str(s) => !s.is_empty(),
            Constant::StrCodePoints(v) => !v.is_empty(),
            Constant::Bytes(b) => !b.is_empty(),
            Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
        })
    }
}

fn float_repr_short(f: f64) -> String {
    let s = float_repr(f);
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

/// Python's `repr(float)` (shortest round-trip digits).
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let s = format!("{f:e}");
    let (mant, exp) = s.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    let neg = mant.starts_with('-');
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if neg { "-" } else { "" };
    if (-4..16).contains(&exp) {
        let n = digits.len() as i32;
        if exp >= n - 1 {
            format!("{sign}{digits}{}.0", "0".repeat((exp - (n - 1)) as usize))
        } else if exp >= 0 {
            let p = (exp + 1) as usize;
            format!("{sign}{}.{}", &digits[..p], &digits[p..])
        } else {
            format!("{sign}0.{}{digits}", "0".repeat((-exp - 1) as usize))
        }
    } else {
        let m = if digits.len() > 1 {
            format!("{}.{}", &digits[..1], &digits[1..])
        } else {
            digits.clone()
        };
        format!(
            "{sign}{m}e{}{:02}",
            if exp < 0 { "-" } else { "+" },
            exp.abs()
        )
    }
}

/// Python's `repr(str)`.
pub fn str_repr(s: &str) -> String {
    code_points_repr(s.chars().map(u32::from))
}

/// `repr()` of a str given as code points (lone surrogates print as
/// `\udxxx`).
pub fn code_points_repr(cps: impl Iterator<Item = u32> + Clone) -> String {
    let has = |x: char| cps.clone().any(|c| c == x as u32);
    let q = if has('\'') && !has('"') { '"' } else { '\'' };
    let mut out = String::new();
    out.push(q);
    for cp in cps {
        let Some(c) = char::from_u32(cp) else {
            let _ = write!(out, "\\u{cp:04x}");
            continue;
        };
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}

/// Python's `repr(bytes)`.
pub fn bytes_repr(b: &[u8]) -> String {
    let q = if b.contains(&b'\'') && !b.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(q as char);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => {
                let _ = write!(out, "\\x{c:02x}");
            }
        }
    }
    out.push(q as char);
    out
}

/// The `lineno` of code that has no source location (CPython's `-1` in
/// the compiler, `None` in `co_positions()`). Line 0 is a real line: a
/// module's `RESUME` has it.
pub const NO_LINE: u32 = u32::MAX;

/// Source position of a run of instructions: `start` is the first code unit
/// it covers; it lasts until the next entry's `start`. Lines are 1-based
/// (0 for a module's prologue), columns 0-based UTF-8 byte offsets;
/// [`NO_LINE`] in `lineno` means "no location", and `end_lineno` 0 under a
/// line means "a line without columns".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineEntry {
    pub start: u32,
    pub lineno: u32,
    pub end_lineno: u32,
    pub col: u32,
    pub end_col: u32,
}

/// One entry of the exception table: code units `[start, end)` are handled by
/// the handler at `target`; the stack is popped to `depth` first and, if
/// `lasti`, the offset of the raising instruction is pushed before the exception.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub lasti: bool,
}

/// A compiled code object, as plain data (CPython's `PyCodeObject` fields).
///
/// Variables live in one array, `localsplusnames`, with `localspluskinds`
/// (`fast_kind` bits) as in CPython 3.11+: parameters first, then other
/// locals, then cells that are not parameters, then free variables.
/// `LOAD_FAST`/`LOAD_DEREF` ... index this array.
#[derive(Clone, Debug)]
pub struct CodeObject {
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub name: String,
    pub qualname: String,
    pub filename: String,
    pub firstlineno: u32,
    pub code: Vec<u16>,
    pub consts: Vec<Constant>,
    pub names: Vec<String>,
    pub localsplusnames: Vec<String>,
    pub localspluskinds: Vec<u8>,
    pub stacksize: u32,
    pub linetable: Vec<LineEntry>,
    pub exceptiontable: Vec<ExceptionEntry>,
}

impl CodeObject {
    /// `co_varnames`: locals (including parameters) that are not free.
    pub fn varnames(&self) -> Vec<&str> {
        self.filter(|k| k & fast_kind::LOCAL != 0)
    }

    /// `co_cellvars`.
    pub fn cellvars(&self) -> Vec<&str> {
        self.filter(|k| k & fast_kind::CELL != 0)
    }

    /// `co_freevars`.
    pub fn freevars(&self) -> Vec<&str> {
        self.filter(|k| k & fast_kind::FREE != 0)
    }

    fn filter(&self, f: impl Fn(u8) -> bool) -> Vec<&str> {
        self.localsplusnames
            .iter()
            .zip(&self.localspluskinds)
            .filter(|(_, &k)| f(k))
            .map(|(n, _)| n.as_str())
            .collect()
    }

    /// Source location of the instruction at code unit `offset`.
    pub fn location(&self, offset: u32) -> Option<LineEntry> {
        let i = self.linetable.partition_point(|e| e.start <= offset);
        if i == 0 {
            return None;
        }
        Some(self.linetable[i - 1])
    }

    /// The exception handler covering code unit `offset`.
    pub fn handler(&self, offset: u32) -> Option<ExceptionEntry> {
        self.exceptiontable
            .iter()
            .find(|e| e.start <= offset && offset < e.end)
            .copied()
    }

    /// Decoded instructions: (offset of first unit incl. EXTENDED_ARG, opcode, full arg).
    pub fn instructions(&self) -> Vec<(u32, Opcode, u32)> {
        let mut out = Vec::new();
        let mut i = 0usize;
        let mut ext = 0u32;
        let mut start = 0usize;
        while i < self.code.len() {
            let unit = self.code[i];
            let op = Opcode::from_u8((unit & 0xff) as u8).unwrap_or(Opcode::NOP);
            let arg = (ext << 8) | (unit >> 8) as u32;
            if op == Opcode::EXTENDED_ARG {
                ext = arg;
                i += 1;
                continue;
            }
            out.push((start as u32, op, arg));
            ext = 0;
            i += 1 + op.cache_entries();
            start = i;
        }
        out
    }
}

/// The number of `CACHE` units after the instruction unit `u`.
fn caches_after(u: u16) -> usize {
    Opcode::from_u8((u & 0xff) as u8).map_or(0, Opcode::cache_entries)
}

/// Zeroes every instruction's `CACHE` units: what the eval loop stored
/// there is only meaningful in the process that stored it.
pub fn clear_caches(code: &mut [u16]) {
    let mut left = 0;
    for u in code {
        if left > 0 {
            *u = 0;
            left -= 1;
        } else {
            left = caches_after(*u);
        }
    }
}

/// The code units with every `CACHE` unit read as zero: the instructions as
/// the compiler wrote them, whatever the eval loop keeps in the caches.
pub fn units_without_caches(code: &[u16]) -> impl Iterator<Item = u16> + '_ {
    let mut left = 0;
    code.iter().map(move |&u| {
        if left > 0 {
            left -= 1;
            0
        } else {
            left = caches_after(u);
            u
        }
    })
}

/// Absolute target (code units) of a jump instruction at `off`.
pub fn jump_target(off: u32, op: Opcode, arg: u32, code: &[u16]) -> Option<u32> {
    // `off` is the first unit incl. EXTENDED_ARG prefixes; find the opcode unit.
    let mut i = off as usize;
    while i < code.len() && (code[i] & 0xff) as u8 == Opcode::EXTENDED_ARG as u8 {
        i += 1;
    }
    let next = (i + 1 + op.cache_entries()) as u32;
    if op.is_forward_jump() {
        Some(next + arg)
    } else if op.is_backward_jump() {
        next.checked_sub(arg)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_repr_matches_python() {
        assert_eq!(float_repr(1.0), "1.0");
        assert_eq!(float_repr(0.1), "0.1");
        assert_eq!(float_repr(1e16), "1e+16");
        assert_eq!(float_repr(1.5e-5), "1.5e-05");
        assert_eq!(float_repr(123456789.0), "123456789.0");
        assert_eq!(float_repr(-0.0), "-0.0");
    }

    #[test]
    fn reprs_match_python() {
        assert_eq!(str_repr("it's"), "\"it's\"");
        assert_eq!(str_repr("a\n'\""), "'a\\n\\'\"'");
        assert_eq!(bytes_repr(b"\x00a'"), "b\"\\x00a'\"");
        assert_eq!(Constant::Tuple(vec![Constant::None]).repr(), "(None,)");
        assert_eq!(
            Constant::Complex {
                real: 0.0,
                imag: 2.0
            }
            .repr(),
            "2j"
        );
        assert_eq!(
            Constant::Complex {
                real: 1.0,
                imag: -2.0
            }
            .repr(),
            "(1-2j)"
        );
    }

    #[test]
    fn extended_args_decode() {
        let code = CodeObject {
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags: 0,
            name: "x".into(),
            qualname: "x".into(),
            filename: "f".into(),
            firstlineno: 1,
            code: vec![
                Opcode::EXTENDED_ARG as u16 | (0x01 << 8),
                Opcode::LOAD_CONST as u16 | (0x02 << 8),
                Opcode::RETURN_VALUE as u16,
            ],
            consts: vec![],
            names: vec![],
            localsplusnames: vec![],
            localspluskinds: vec![],
            stacksize: 1,
            linetable: vec![],
            exceptiontable: vec![],
        };
        assert_eq!(
            code.instructions(),
            vec![(0, Opcode::LOAD_CONST, 0x102), (2, Opcode::RETURN_VALUE, 0)]
        );
    }

    #[test]
    fn opcode_table_is_consistent() {
        for &op in Opcode::ALL {
            assert_eq!(Opcode::from_u8(op as u8), Some(op));
        }
    }
}
