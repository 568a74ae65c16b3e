# timconvgroup — build, test, demo and install of the native library (GNU make).
#
#   make lib                      build/libtimconvgroup.so.1 (+ build/libtimconvgroup.so)
#   make test                     every check (deps, vet, Go tests, C tests, cgocheck2, exports,
#                                 install, bindings when present); non-zero exit on any failure
#   make demo                     build and run examples/demo.c on a fresh build/demo-data
#   make demo-csharp|demo-python  the bindings' demos (when the bindings provide them)
#   make install [PREFIX=/usr/local] [DESTDIR=]
#   make clean

SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(PATH)
export CGO_ENABLED := 1

GO      ?= go
CC      ?= gcc
PREFIX  ?= /usr/local
DESTDIR ?=

VERSION := $(shell sed -n 's/^\#define TIMCONVGROUP_VERSION "\(.*\)"/\1/p' include/timconvgroup.h)
SONAME  := libtimconvgroup.so.1
BUILD   := build
LIB     := $(BUILD)/$(SONAME)
LIBLINK := $(BUILD)/libtimconvgroup.so
CHECKLIB := $(BUILD)/cgocheck2/$(SONAME)

# Everything the library is built from (tests excluded).
LIB_SRCS := $(shell find core capi -type f \( -name '*.go' -o -name '*.c' -o -name '*.h' -o -name '*.map' \) \
                 ! -name '*_test.go' 2>/dev/null) include/timconvgroup.h go.mod go.sum

GO_LDFLAGS := -extldflags '-Wl,--version-script=$(CURDIR)/capi/exports.map -Wl,-soname,$(SONAME)'
GO_BUILD   := $(GO) build -trimpath -buildmode=c-shared -ldflags "$(GO_LDFLAGS)"

# C programs link against build/ and find the library there at run time ($ORIGIN-relative
# RUNPATH, so a moved clone still works; LD_LIBRARY_PATH can point them at another build).
C_FLAGS  := -std=gnu11 -O1 -g -Wall -Wextra -pthread -Iinclude
C_LINK   := -L$(BUILD) -ltimconvgroup -Wl,--enable-new-dtags -Wl,-rpath,'$$ORIGIN/..' -Wl,-rpath,'$$ORIGIN'

CTEST_SRCS := $(wildcard tests/c/*.c)
CTEST_HDRS := $(wildcard tests/c/*.h)

.PHONY: bench all lib test demo demo-csharp demo-python install clean \
        deps vet test-go test-c test-cgocheck2 test-exports test-install test-csharp test-python

all: lib

# ------------------------------------------------------------------------------------------
# library

lib: $(LIB) $(LIBLINK)

$(LIB): $(LIB_SRCS)
	@mkdir -p $(BUILD)
	$(GO_BUILD) -o $@ ./capi
	@rm -f $(BUILD)/libtimconvgroup.so.h

$(LIBLINK): $(LIB)
	ln -sf $(SONAME) $@

# The same library built with GOEXPERIMENT=cgocheck2 (full cgo pointer checks).
$(CHECKLIB): $(LIB_SRCS)
	@mkdir -p $(dir $@)
	GOEXPERIMENT=cgocheck2 $(GO_BUILD) -o $@ ./capi
	@rm -f $(dir $@)libtimconvgroup.so.h

# ------------------------------------------------------------------------------------------
# tests

# One driver runs every step, prints PASS/FAIL per step and fails at the end if any failed.
test:
	@scripts/run-tests.sh

deps:
	scripts/install-deps.sh

vet:
	$(GO) vet ./...

test-go:
	$(GO) test -race ./core/...

$(BUILD)/tests/test_capi: $(CTEST_SRCS) $(CTEST_HDRS) include/timconvgroup.h $(LIB) $(LIBLINK)
	@mkdir -p $(dir $@)
	$(CC) $(C_FLAGS) -o $@ $(CTEST_SRCS) $(C_LINK)

test-c: $(BUILD)/tests/test_capi
	$(BUILD)/tests/test_capi

test-cgocheck2: $(BUILD)/tests/test_capi $(CHECKLIB)
	LD_LIBRARY_PATH=$(CURDIR)/$(dir $(CHECKLIB)) TCG_EXPECT_LIB=$(CURDIR)/$(CHECKLIB) $(BUILD)/tests/test_capi

test-exports: $(LIB)
	scripts/check-exports.sh $(LIB) include/timconvgroup.h

test-install: lib
	scripts/test-install.sh

test-csharp:
	@if [ -f bindings/csharp/Makefile ]; then $(MAKE) -C bindings/csharp test; \
	 else echo "bindings/csharp has no Makefile: skipped"; fi

test-python:
	@if [ -f bindings/python/Makefile ]; then $(MAKE) -C bindings/python test; \
	 else echo "bindings/python has no Makefile: skipped"; fi

# ------------------------------------------------------------------------------------------
# demos

$(BUILD)/demo: examples/demo.c include/timconvgroup.h $(LIB) $(LIBLINK)
	@mkdir -p $(BUILD)
	$(CC) $(C_FLAGS) -o $@ examples/demo.c $(C_LINK)

demo: $(BUILD)/demo
	rm -rf $(BUILD)/demo-data
	$(BUILD)/demo $(BUILD)/demo-data

demo-csharp: lib
	@if [ -f bindings/csharp/Makefile ]; then $(MAKE) -C bindings/csharp demo; \
	 else echo "bindings/csharp has no Makefile yet"; exit 1; fi

demo-python: lib
	@if [ -f bindings/python/Makefile ]; then $(MAKE) -C bindings/python demo; \
	 else echo "bindings/python has no Makefile yet"; exit 1; fi

# ------------------------------------------------------------------------------------------
# benchmark (not part of the tests; prints a table)

$(BUILD)/bench_sql.h: bench/pagesql/main.go core/store/query.go core/store/store.go
	@mkdir -p $(BUILD)
	$(GO) run ./bench/pagesql > $@

$(BUILD)/bench: bench/bench.c $(BUILD)/bench_sql.h include/timconvgroup.h $(LIB) $(LIBLINK)
	@dpkg-query -W -f='$${Status}' libsqlite3-dev 2>/dev/null | grep -q "install ok installed" || scripts/install-deps.sh bench
	$(CC) $(C_FLAGS) -O2 -I$(BUILD) -o $@ bench/bench.c $(C_LINK) -lsqlite3

bench: $(BUILD)/bench
	$(BUILD)/bench $(BUILD)/bench-data

# ------------------------------------------------------------------------------------------
# install

LIBDIR := $(DESTDIR)$(PREFIX)/lib
INCDIR := $(DESTDIR)$(PREFIX)/include
PCDIR  := $(LIBDIR)/pkgconfig

install: lib
	install -d $(LIBDIR) $(INCDIR) $(PCDIR)
	install -m 0755 $(LIB) $(LIBDIR)/libtimconvgroup.so.$(VERSION)
	ln -sfn libtimconvgroup.so.$(VERSION) $(LIBDIR)/$(SONAME)
	ln -sfn $(SONAME) $(LIBDIR)/libtimconvgroup.so
	install -m 0644 include/timconvgroup.h $(INCDIR)/timconvgroup.h
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' capi/timconvgroup.pc.in > $(PCDIR)/timconvgroup.pc
	chmod 0644 $(PCDIR)/timconvgroup.pc

clean:
	rm -rf $(BUILD)
