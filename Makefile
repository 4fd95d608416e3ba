# Ferrython: build, install, examples and tests around cargo.
#
#   make                     release build + pkg-config files for the build tree
#   make run-example         build, then build and run c-examples through pkg-config
#   make test                every test (cargo test, install + examples check)
#   make leakcheck           the C-API tests under valgrind
#   make check-exports       what Python.h declares but the library lacks
#   make check-stable-abi    which stable-ABI (abi3) symbols the library lacks
#   make install PREFIX=DIR  install library, headers, binary, pkg-config files
#
# PROFILE=debug uses cargo's debug profile instead of release.

SHELL := /bin/bash
PREFIX ?= /usr/local
PROFILE ?= release
CARGO ?= cargo
TARGET_DIR ?= $(if $(CARGO_TARGET_DIR),$(CARGO_TARGET_DIR),target)
BUILD_DIR := $(abspath $(TARGET_DIR))/$(PROFILE)
SRC_DIR := $(abspath .)
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
# Headers live in their own directory so they never mix with CPython's.
HEADER_DIR_NAME := ferrython3.14
HEADERS := Python.h patchlevel.h structmember.h marshal.h
PC_FILES := ferrython.pc ferrython-embed.pc
# pkg-config files describing the build tree (no install needed).
BUILD_PC_DIR := $(BUILD_DIR)/pkgconfig

ifeq ($(PROFILE),release)
CARGO_PROFILE_FLAG := --release
else
CARGO_PROFILE_FLAG :=
endif

.PHONY: all build pkgconfig run-example examples install uninstall test \
	cargo-test check-install check-exports check-stable-abi leakcheck clean

all: build pkgconfig

build:
	$(CARGO) build $(CARGO_PROFILE_FLAG)

# $(1): template, $(2): output, $(3): prefix, $(4): includedir, $(5): libdir
define gen_pc
	@mkdir -p $(dir $(2))
	sed -e 's|@PREFIX@|$(3)|g' -e 's|@INCLUDEDIR@|$(4)|g' -e 's|@LIBDIR@|$(5)|g' \
	    -e 's|@VERSION@|$(VERSION)|g' $(1) > $(2)
endef

pkgconfig: $(addprefix $(BUILD_PC_DIR)/,$(PC_FILES))

$(BUILD_PC_DIR)/%.pc: %.pc.in Cargo.toml
	$(call gen_pc,$<,$@,$(SRC_DIR),$(SRC_DIR)/include,$(BUILD_DIR))

# The examples, built through the build tree's pkg-config files.
examples: all
	PKG_CONFIG_PATH=$(BUILD_PC_DIR) $(MAKE) -C c-examples/embed
	PKG_CONFIG_PATH=$(BUILD_PC_DIR) $(MAKE) -C c-examples/extension

run-example: examples
	./c-examples/embed/embed
	./c-examples/extension/host ./c-examples/extension/spam.so
	$(BUILD_DIR)/ferrython --version
	$(BUILD_DIR)/ferrython benches/python/richards.py

# Installation. DESTDIR is honoured for staged installs; a relative PREFIX
# is taken from the current directory (the .pc files need absolute paths).
PREFIX_ABS = $(abspath $(PREFIX))
INSTALL_LIB := $(DESTDIR)$(PREFIX)/lib
INSTALL_INC := $(DESTDIR)$(PREFIX)/include/$(HEADER_DIR_NAME)
INSTALL_BIN := $(DESTDIR)$(PREFIX)/bin
INSTALL_PC := $(DESTDIR)$(PREFIX)/lib/pkgconfig

install: build
	install -d $(INSTALL_LIB) $(INSTALL_INC)/ferrython $(INSTALL_BIN) $(INSTALL_PC)
	install -m 755 $(BUILD_DIR)/libferrython.so $(INSTALL_LIB)/libferrython.so
	install -m 644 $(BUILD_DIR)/libferrython.a $(INSTALL_LIB)/libferrython.a
	install -m 755 $(BUILD_DIR)/ferrython $(INSTALL_BIN)/ferrython
	install -m 644 $(addprefix include/,$(HEADERS)) $(INSTALL_INC)/
	install -m 644 include/ferrython/*.h $(INSTALL_INC)/ferrython/
	$(call gen_pc,ferrython.pc.in,$(INSTALL_PC)/ferrython.pc,$(PREFIX_ABS),$(PREFIX_ABS)/include/$(HEADER_DIR_NAME),$(PREFIX_ABS)/lib)
	$(call gen_pc,ferrython-embed.pc.in,$(INSTALL_PC)/ferrython-embed.pc,$(PREFIX_ABS),$(PREFIX_ABS)/include/$(HEADER_DIR_NAME),$(PREFIX_ABS)/lib)

uninstall:
	rm -f $(INSTALL_LIB)/libferrython.so $(INSTALL_LIB)/libferrython.a $(INSTALL_BIN)/ferrython
	rm -f $(addprefix $(INSTALL_PC)/,$(PC_FILES))
	rm -rf $(INSTALL_INC)

# Tests. `make test` is the project's one test command (.ci/run calls it);
# it runs every part even when an earlier one fails, then fails if any did.
test:
	@status=0; \
	$(MAKE) --no-print-directory cargo-test || status=1; \
	$(MAKE) --no-print-directory check-install || status=1; \
	if [ $$status -ne 0 ]; then echo "make test: FAILED (see above)"; fi; \
	exit $$status

# `cargo build` first: the C tests link the cdylib, which `cargo test`
# alone does not always refresh after an incremental change.
cargo-test:
	$(CARGO) build --workspace
	$(CARGO) test --workspace --no-fail-fast

# Lists the functions and data that Python.h declares by hand (the variadic
# functions and what its macros call) but libferrython.so does not export.
check-exports: build
	@names=$$(sed -n -e 's/^PyAPI_FUNC([^)]*) *\**\([A-Za-z_0-9]*\)(.*/\1/p' \
	                 -e 's/^PyAPI_DATA([^)]*) *\([A-Za-z_0-9]*\);/\1/p' include/Python.h); \
	exported=$$(nm -D --defined-only $(BUILD_DIR)/libferrython.so | awk '{print $$3}'); \
	missing=0; \
	for n in $$names; do \
	    echo "$$exported" | grep -qx "$$n" || { echo "not exported: $$n"; missing=1; }; \
	done; \
	test $$missing = 0 && echo "every symbol Python.h declares is exported"

# Installs the debug build into a scratch prefix and builds and runs the
# examples from the installed pkg-config files only; then checks that the
# examples' expected output is still what CPython 3.13 prints.
CHECK_PREFIX := $(abspath $(TARGET_DIR))/check-install
check-install:
	rm -rf $(CHECK_PREFIX)
	$(MAKE) --no-print-directory install PROFILE=debug PREFIX=$(CHECK_PREFIX)
	$(MAKE) --no-print-directory -C c-examples/embed clean
	$(MAKE) --no-print-directory -C c-examples/extension clean
	PKG_CONFIG_PATH=$(CHECK_PREFIX)/lib/pkgconfig $(MAKE) --no-print-directory -C c-examples/embed check
	PKG_CONFIG_PATH=$(CHECK_PREFIX)/lib/pkgconfig $(MAKE) --no-print-directory -C c-examples/extension check
	$(CHECK_PREFIX)/bin/ferrython --version
	$(MAKE) --no-print-directory -C c-examples/embed check-cpython
	$(MAKE) --no-print-directory -C c-examples/extension check-cpython
	$(MAKE) --no-print-directory -C c-examples/embed clean
	$(MAKE) --no-print-directory -C c-examples/extension clean

# Lists the stable-ABI (abi3) symbols libferrython.so does not export yet;
# capi-tests/stable_abi.txt holds the list.
check-stable-abi: build
	@exported=$$(nm -D --defined-only $(BUILD_DIR)/libferrython.so | awk '{print $$3}' | sort -u); \
	wanted=$$(grep -v '^#' capi-tests/stable_abi.txt | awk '{print $$1}' | sort -u); \
	missing=$$(comm -23 <(echo "$$wanted") <(echo "$$exported")); \
	total=$$(echo "$$wanted" | wc -l); \
	n=$$(echo "$$missing" | grep -c . || true); \
	echo "$$missing" | grep . | sed 's/^/not exported: /' || true; \
	echo "stable ABI: $$((total - n)) of $$total symbols exported"; \
	test "$$n" -eq 0

leakcheck:
	FERRYTHON_LEAKCHECK=1 $(CARGO) test --test capi

clean:
	$(CARGO) clean
	$(MAKE) -C c-examples/embed clean
	$(MAKE) -C c-examples/extension clean
