//! Expat's error codes (`enum XML_Error`) and their messages, which
//! `ErrorString`, `ExpatError` and the `errors` submodule report.

/// (name, message) by code, from 1.
pub(super) const TABLE: [(&str, &str); 43] = [
    ("XML_ERROR_NO_MEMORY", "out of memory"),
    ("XML_ERROR_SYNTAX", "syntax error"),
    ("XML_ERROR_NO_ELEMENTS", "no element found"),
    ("XML_ERROR_INVALID_TOKEN", "not well-formed (invalid token)"),
    ("XML_ERROR_UNCLOSED_TOKEN", "unclosed token"),
    ("XML_ERROR_PARTIAL_CHAR", "partial character"),
    ("XML_ERROR_TAG_MISMATCH", "mismatched tag"),
    ("XML_ERROR_DUPLICATE_ATTRIBUTE", "duplicate attribute"),
    (
        "XML_ERROR_JUNK_AFTER_DOC_ELEMENT",
        "junk after document element",
    ),
    (
        "XML_ERROR_PARAM_ENTITY_REF",
        "illegal parameter entity reference",
    ),
    ("XML_ERROR_UNDEFINED_ENTITY", "undefined entity"),
    (
        "XML_ERROR_RECURSIVE_ENTITY_REF",
        "recursive entity reference",
    ),
    ("XML_ERROR_ASYNC_ENTITY", "asynchronous entity"),
    (
        "XML_ERROR_BAD_CHAR_REF",
        "reference to invalid character number",
    ),
    ("XML_ERROR_BINARY_ENTITY_REF", "reference to binary entity"),
    (
        "XML_ERROR_ATTRIBUTE_EXTERNAL_ENTITY_REF",
        "reference to external entity in attribute",
    ),
    (
        "XML_ERROR_MISPLACED_XML_PI",
        "XML or text declaration not at start of entity",
    ),
    ("XML_ERROR_UNKNOWN_ENCODING", "unknown encoding"),
    (
        "XML_ERROR_INCORRECT_ENCODING",
        "encoding specified in XML declaration is incorrect",
    ),
    ("XML_ERROR_UNCLOSED_CDATA_SECTION", "unclosed CDATA section"),
    (
        "XML_ERROR_EXTERNAL_ENTITY_HANDLING",
        "error in processing external entity reference",
    ),
    ("XML_ERROR_NOT_STANDALONE", "document is not standalone"),
    (
        "XML_ERROR_UNEXPECTED_STATE",
        "unexpected parser state - please send a bug report",
    ),
    (
        "XML_ERROR_ENTITY_DECLARED_IN_PE",
        "entity declared in parameter entity",
    ),
    (
        "XML_ERROR_FEATURE_REQUIRES_XML_DTD",
        "requested feature requires XML_DTD support in Expat",
    ),
    (
        "XML_ERROR_CANT_CHANGE_FEATURE_ONCE_PARSING",
        "cannot change setting once parsing has begun",
    ),
    ("XML_ERROR_UNBOUND_PREFIX", "unbound prefix"),
    ("XML_ERROR_UNDECLARING_PREFIX", "must not undeclare prefix"),
    (
        "XML_ERROR_INCOMPLETE_PE",
        "incomplete markup in parameter entity",
    ),
    ("XML_ERROR_XML_DECL", "XML declaration not well-formed"),
    ("XML_ERROR_TEXT_DECL", "text declaration not well-formed"),
    ("XML_ERROR_PUBLICID", "illegal character(s) in public id"),
    ("XML_ERROR_SUSPENDED", "parser suspended"),
    ("XML_ERROR_NOT_SUSPENDED", "parser not suspended"),
    ("XML_ERROR_ABORTED", "parsing aborted"),
    ("XML_ERROR_FINISHED", "parsing finished"),
    (
        "XML_ERROR_SUSPEND_PE",
        "cannot suspend in external parameter entity",
    ),
    (
        "XML_ERROR_RESERVED_PREFIX_XML",
        "reserved prefix (xml) must not be undeclared or bound to another namespace name",
    ),
    (
        "XML_ERROR_RESERVED_PREFIX_XMLNS",
        "reserved prefix (xmlns) must not be declared or undeclared",
    ),
    (
        "XML_ERROR_RESERVED_NAMESPACE_URI",
        "prefix must not be bound to one of the reserved namespace names",
    ),
    ("XML_ERROR_INVALID_ARGUMENT", "invalid argument"),
    (
        "XML_ERROR_NO_BUFFER",
        "a successful prior call to function XML_GetBuffer is required",
    ),
    (
        "XML_ERROR_AMPLIFICATION_LIMIT_BREACH",
        "limit on input amplification factor (from DTD and entities) breached",
    ),
];

pub(super) const SYNTAX: u32 = 2;
pub(super) const NO_ELEMENTS: u32 = 3;
pub(super) const INVALID_TOKEN: u32 = 4;
pub(super) const UNCLOSED_TOKEN: u32 = 5;
pub(super) const PARTIAL_CHAR: u32 = 6;
pub(super) const TAG_MISMATCH: u32 = 7;
pub(super) const DUPLICATE_ATTRIBUTE: u32 = 8;
pub(super) const JUNK_AFTER_DOC_ELEMENT: u32 = 9;
pub(super) const PARAM_ENTITY_REF: u32 = 10;
pub(super) const UNDEFINED_ENTITY: u32 = 11;
pub(super) const RECURSIVE_ENTITY_REF: u32 = 12;
pub(super) const ASYNC_ENTITY: u32 = 13;
pub(super) const BAD_CHAR_REF: u32 = 14;
pub(super) const BINARY_ENTITY_REF: u32 = 15;
pub(super) const ATTRIBUTE_EXTERNAL_ENTITY_REF: u32 = 16;
pub(super) const MISPLACED_XML_PI: u32 = 17;
pub(super) const UNKNOWN_ENCODING: u32 = 18;
pub(super) const UNCLOSED_CDATA_SECTION: u32 = 20;
pub(super) const EXTERNAL_ENTITY_HANDLING: u32 = 21;
pub(super) const CANT_CHANGE_FEATURE_ONCE_PARSING: u32 = 26;
pub(super) const UNBOUND_PREFIX: u32 = 27;
pub(super) const UNDECLARING_PREFIX: u32 = 28;
pub(super) const XML_DECL: u32 = 30;
pub(super) const PUBLICID: u32 = 32;
pub(super) const NOT_STANDALONE: u32 = 22;
pub(super) const ABORTED: u32 = 35;
pub(super) const FINISHED: u32 = 36;
pub(super) const RESERVED_PREFIX_XML: u32 = 38;
pub(super) const RESERVED_PREFIX_XMLNS: u32 = 39;
pub(super) const RESERVED_NAMESPACE_URI: u32 = 40;
pub(super) const AMPLIFICATION_LIMIT_BREACH: u32 = 43;
