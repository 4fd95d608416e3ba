//! A `dis`-like disassembler for Ferrython code objects (tests, debugging).

use std::fmt::Write as _;

use crate::bytecode::{
    jump_target, CodeObject, Constant, Opcode, BINARY_OP_SYMBOLS, COMPARE_OP_SYMBOLS,
};

const INTRINSIC1_NAMES: [&str; 12] = [
    "INTRINSIC_1_INVALID",
    "INTRINSIC_PRINT",
    "INTRINSIC_IMPORT_STAR",
    "INTRINSIC_STOPITERATION_ERROR",
    "INTRINSIC_ASYNC_GEN_WRAP",
    "INTRINSIC_UNARY_POSITIVE",
    "INTRINSIC_LIST_TO_TUPLE",
    "INTRINSIC_TYPEVAR",
    "INTRINSIC_PARAMSPEC",
    "INTRINSIC_TYPEVARTUPLE",
    "INTRINSIC_SUBSCRIPT_GENERIC",
    "INTRINSIC_TYPEALIAS",
];

const INTRINSIC2_NAMES: [&str; 6] = [
    "INTRINSIC_2_INVALID",
    "INTRINSIC_PREP_RERAISE_STAR",
    "INTRINSIC_TYPEVAR_WITH_BOUND",
    "INTRINSIC_TYPEVAR_WITH_CONSTRAINTS",
    "INTRINSIC_SET_FUNCTION_TYPE_PARAMS",
    "INTRINSIC_SET_TYPEPARAM_DEFAULT",
];

/// A `dis`-like listing of `code` and, after it, of every nested code object.
pub fn disassemble(code: &CodeObject) -> String {
    let mut out = String::new();
    disassemble_into(code, &mut out);
    out
}

fn disassemble_into(code: &CodeObject, out: &mut String) {
    let _ = writeln!(out, "Disassembly of <code object {}>:", code.qualname);
    let _ = writeln!(
        out,
        "  flags=0x{:x} args={} posonly={} kwonly={} stacksize={} firstlineno={}",
        code.flags,
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        code.stacksize,
        code.firstlineno
    );
    let _ = writeln!(
        out,
        "  locals={:?} cells={:?} free={:?}",
        code.varnames(),
        code.cellvars(),
        code.freevars()
    );
    let instrs = code.instructions();
    let targets: std::collections::BTreeSet<u32> = instrs
        .iter()
        .filter_map(|&(off, op, arg)| jump_target(off, op, arg, &code.code))
        .chain(code.exceptiontable.iter().map(|e| e.target))
        .collect();
    let mut last_line = 0;
    for &(off, op, arg) in &instrs {
        let line = code
            .location(off)
            .map(|l| l.lineno)
            .filter(|&l| l != crate::bytecode::NO_LINE)
            .unwrap_or(0);
        let line_col = if line != last_line && line != 0 {
            last_line = line;
            format!("{line:>4}")
        } else {
            "    ".to_string()
        };
        let mark = if targets.contains(&off) { ">>" } else { "  " };
        let mut s = format!("{line_col} {mark} {:>4} {}", off * 2, op.name());
        if op.has_arg() {
            let _ = write!(
                s,
                "{}{}",
                " ".repeat(28usize.saturating_sub(op.name().len())),
                arg
            );
            let detail = arg_detail(code, off, op, arg);
            if !detail.is_empty() {
                let _ = write!(s, " ({detail})");
            }
        }
        let _ = writeln!(out, "{}", s.trim_end());
    }
    if !code.exceptiontable.is_empty() {
        let _ = writeln!(out, "ExceptionTable:");
        for e in &code.exceptiontable {
            let _ = writeln!(
                out,
                "  {} to {} -> {} [{}]{}",
                e.start * 2,
                e.end * 2,
                e.target * 2,
                e.depth,
                if e.lasti { " lasti" } else { "" }
            );
        }
    }
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            out.push('\n');
            disassemble_into(inner, out);
        }
    }
}

fn arg_detail(code: &CodeObject, off: u32, op: Opcode, arg: u32) -> String {
    use Opcode::*;
    let name = |i: u32| code.names.get(i as usize).cloned().unwrap_or_default();
    let local = |i: u32| {
        code.localsplusnames
            .get(i as usize)
            .cloned()
            .unwrap_or_default()
    };
    match op {
        LOAD_CONST | RETURN_CONST => code
            .consts
            .get(arg as usize)
            .map(|c| c.repr())
            .unwrap_or_default(),
        LOAD_SMALL_INT => arg.to_string(),
        LOAD_NAME
        | STORE_NAME
        | DELETE_NAME
        | STORE_GLOBAL
        | DELETE_GLOBAL
        | STORE_ATTR
        | DELETE_ATTR
        | IMPORT_NAME
        | IMPORT_FROM
        | LOAD_FROM_DICT_OR_GLOBALS => name(arg),
        LOAD_GLOBAL => {
            if arg & 1 != 0 {
                format!("{} + NULL", name(arg >> 1))
            } else {
                name(arg >> 1)
            }
        }
        LOAD_ATTR => {
            if arg & 1 != 0 {
                format!("{} + NULL|self", name(arg >> 1))
            } else {
                name(arg >> 1)
            }
        }
        LOAD_SUPER_ATTR => {
            let mut s = name(arg >> 2);
            if arg & 1 != 0 {
                s.push_str(" + NULL|self");
            }
            s
        }
        LOAD_FAST
        | LOAD_FAST_CHECK
        | LOAD_FAST_AND_CLEAR
        | STORE_FAST
        | DELETE_FAST
        | LOAD_DEREF
        | STORE_DEREF
        | DELETE_DEREF
        | MAKE_CELL
        | LOAD_FROM_DICT_OR_DEREF => local(arg),
        LOAD_FAST_LOAD_FAST | STORE_FAST_LOAD_FAST | STORE_FAST_STORE_FAST => {
            format!("{}, {}", local(arg >> 4), local(arg & 15))
        }
        BINARY_OP => BINARY_OP_SYMBOLS
            .get(arg as usize)
            .map(|s| s.to_string())
            .unwrap_or_default(),
        COMPARE_OP => {
            let s = COMPARE_OP_SYMBOLS
                .get((arg >> 5) as usize)
                .copied()
                .unwrap_or("?");
            if arg & 16 != 0 {
                format!("bool({s})")
            } else {
                s.to_string()
            }
        }
        IS_OP => if arg == 1 { "is not" } else { "is" }.to_string(),
        CONTAINS_OP => if arg == 1 { "not in" } else { "in" }.to_string(),
        CALL_INTRINSIC_1 => INTRINSIC1_NAMES
            .get(arg as usize)
            .copied()
            .unwrap_or("")
            .to_string(),
        CALL_INTRINSIC_2 => INTRINSIC2_NAMES
            .get(arg as usize)
            .copied()
            .unwrap_or("")
            .to_string(),
        CONVERT_VALUE => ["", "str", "repr", "ascii"]
            .get(arg as usize)
            .copied()
            .unwrap_or("")
            .to_string(),
        LOAD_COMMON_CONSTANT => [
            "AssertionError",
            "NotImplementedError",
            "tuple",
            "all",
            "any",
        ]
        .get(arg as usize)
        .copied()
        .unwrap_or("")
        .to_string(),
        SET_FUNCTION_ATTRIBUTE => match arg {
            1 => "defaults",
            2 => "kwdefaults",
            4 => "annotations",
            8 => "closure",
            16 => "annotate",
            _ => "",
        }
        .to_string(),
        _ if op.is_jump() => match jump_target(off, op, arg, &code.code) {
            Some(t) => format!("to L{}", t * 2),
            None => String::new(),
        },
        _ => String::new(),
    }
}
