//! How the `ferrython` executable is linked, for start-up time: at a fixed
//! address (ELF type `EXEC`, not a position-independent `DYN`), so the
//! dynamic loader has no relative relocations to apply to its static data.

#[test]
fn executable_is_not_position_independent() {
    let bytes = std::fs::read(env!("CARGO_BIN_EXE_ferrython")).unwrap();
    assert_eq!(&bytes[..4], b"\x7fELF");
    // e_type, little endian, at offset 16: 2 is ET_EXEC, 3 is ET_DYN.
    let e_type = u16::from_le_bytes([bytes[16], bytes[17]]);
    assert_eq!(e_type, 2, "ferrython is linked as a PIE");
}
