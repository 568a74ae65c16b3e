# timconvgroup — build, test, demo and install of the native library (GNU make).
#
#   make lib                      build/libtimconvgroup.so.1 (+ build/libtimconvgroup.so)
#   make test                     every check (deps, vet, Go tests, C tests, cgocheck2, exports, constants,
#                                 install, C# and Python bindings); non-zero exit on any failure
#   make demo                     build and run examples/demo.c on a fresh build/demo-data
#   make demo-csharp|demo-python  the bindings' demos
#   make demo-sync                two devices (two processes, two caches) change things offline, sync
#                                 through the reference backend on a PostgreSQL it starts, and converge
#   make wheel / unity-package    the Python wheel / the Unity package, with the library inside
#   make install [PREFIX=/usr/local] [DESTDIR=]
#   make bench                    the benchmark table, the 8-thread soak (ops/s, p99 latency), then
#                                 the sync rows (make bench-sync)
#   make test-sync                the sync rules (core/roam) and the reference backend
#                                 (cmd/timconvsyncd) against a PostgreSQL the tests start themselves
#   make bench-sync               a device's sync round on 100,000 conversations (round trip, apply
#                                 alone), then the pushes per second the backend sustains from 50
#                                 concurrent clients and the CPU split backend / PostgreSQL
#   make sync-env                 build/syncenv: starts a throw-away PostgreSQL and the backend (for the
#                                 Python binding's sync tests and demo-sync; scripts/syncenv)
#   make sync-soak                150 random seeds of the sync convergence test (SYNC_SOAK_SEEDS=N)
#   make soak                     the heavy reliability rounds (RELIABILITY.md): hundreds of kill -9
#                                 rounds, minutes of soak and fuzzing, the whole C suite under valgrind,
#                                 150 seeds of the sync convergence test (make sync-soak)
#   make platforms / test-platforms   other platforms' libraries and their emulated tests
#                                 (mk/platforms.mk; long, so not part of `make test`)
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

# The linker flags travel in the environment so that a checkout path with spaces or non-ASCII
# characters survives: the shell passes "$$TCG_GO_LDFLAGS" as one word, and Go splits
# -ldflags and -extldflags with quoting rules, so the version script's path stays whole.
export TCG_GO_LDFLAGS := -extldflags "'-Wl,--version-script=$(CURDIR)/capi/exports.map' -Wl,-soname,$(SONAME)"
GO_BUILD   := $(GO) build -trimpath -buildmode=c-shared -ldflags "$$TCG_GO_LDFLAGS"

# C programs link against build/ and find the library there at run time ($ORIGIN-relative
# RUNPATH, so a moved clone still works; LD_LIBRARY_PATH can point them at another build).
C_FLAGS  := -std=gnu11 -O1 -g -Wall -Wextra -pthread -Iinclude
C_LINK   := -L$(BUILD) -ltimconvgroup -Wl,--enable-new-dtags -Wl,-rpath,'$$ORIGIN/..' -Wl,-rpath,'$$ORIGIN'

CTEST_SRCS := $(wildcard tests/c/*.c)
CTEST_HDRS := $(wildcard tests/c/*.h) $(wildcard tests/common/*.h)
CTEST_PLAT := tests/common/plat_posix.c

.PHONY: wheel unity-package bench all lib test test-ci demo demo-csharp demo-python install clean \
        compat test-compat deps deps-platforms libs libs-check vet test-go test-c test-cgocheck2 test-exports test-constants test-install test-csharp test-python \
        test-go-cgocheck2 fuzz-short test-crash test-soak check-memory check-asan check-valgrind test-exit soak \
        test-sync sync-soak bench-sync sync-backend sync-env sync-test-tools demo-sync

all: lib

# ------------------------------------------------------------------------------------------
# library

lib: $(LIB) $(LIBLINK)

# Every variant of the library make test loads (plain, cgocheck2, ASan), two builds at
# a time: on a fresh machine each compiles SQLite on one core, so pairs keep both cores busy.
libs:
	$(MAKE) --no-print-directory -j2 lib $(CHECKLIB) $(ASANLIB)

# The checking variants alone (make test builds them in the background while the Go tests run).
libs-check:
	$(MAKE) --no-print-directory -j2 $(CHECKLIB) $(ASANLIB)

$(LIB): $(LIB_SRCS)
	@mkdir -p $(BUILD)
	$(GO_BUILD) -o $@ ./capi
	@rm -f $(BUILD)/libtimconvgroup.so.h

$(LIBLINK): $(LIB)
	ln -sf $(SONAME) $@

# The checking builds (race, cgocheck2, ASan, valgrind) compile their C — SQLite's amalgamation
# above all, one core for a minute per build at -O2 — at -O1: they find the same bugs, and a
# fresh machine compiles them in about half the CPU time (ASan: -O1 is also what its authors
# recommend). The library that ships, and that the C, C#, Python and crash suites load, stays -O2.
CHECK_CGO_CFLAGS ?= -O1 -g

# The same library built with GOEXPERIMENT=cgocheck2 (full cgo pointer checks).
$(CHECKLIB): $(LIB_SRCS)
	@mkdir -p $(dir $@)
	CGO_CFLAGS="$(CHECK_CGO_CFLAGS)" GOEXPERIMENT=cgocheck2 $(GO_BUILD) -o $@ ./capi
	@rm -f $(dir $@)libtimconvgroup.so.h

# ------------------------------------------------------------------------------------------
# tests

# One driver runs every step, prints PASS/FAIL per step and fails at the end if any failed.
test:
	@scripts/run-tests.sh

# CI (.ci/run): make test's steps, then the ones too long for a newcomer (fuzzing).
test-ci:
	@TEST_SUITE=ci scripts/run-tests.sh

deps:
	scripts/install-deps.sh

# What make test-platforms needs (cross toolchains, Wine, qemu-user; about 1.6 GB): CI only.
deps-platforms:
	scripts/install-deps.sh platforms

# -race: vet then type-checks against the race build that test-go and test-sync reuse, so a
# fresh machine compiles the standard library and SQLite once for the three steps, not twice.
vet:
	CGO_CFLAGS="$(CHECK_CGO_CFLAGS)" $(GO) vet -race ./...

test-go:
	CGO_CFLAGS="$(CHECK_CGO_CFLAGS)" $(GO) test -race ./core/...

# ------------------------------------------------------------------------------------------
# sync: the rules package and the reference backend (docs/sync.md, cmd/timconvsyncd/README.md)

PG_PRESENT = ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -n "$$PG_BIN" ] || command -v initdb >/dev/null

sync-backend:
	@mkdir -p $(BUILD)
	$(GO) build -trimpath -o $(BUILD)/timconvsyncd ./cmd/timconvsyncd

# build/syncenv starts a throw-away PostgreSQL (internal/pgtest) and build/timconvsyncd with one
# random token per user, prints {"url":…,"tokens":{…}} and stops both when its stdin closes.
sync-env:
	@mkdir -p $(BUILD)
	$(GO) build -trimpath -o $(BUILD)/syncenv ./scripts/syncenv

# The same two for the test suites, with the race detector (a race in them fails the tests):
# every package they need is already in the Go build cache from vet's race build, so a fresh
# machine only links them (no -trimpath: it would make every package a new build). make sync-backend / demo-sync build the plain ones again.
sync-test-tools:
	@mkdir -p $(BUILD)
	CGO_CFLAGS="$(CHECK_CGO_CFLAGS)" $(GO) build -race -o $(BUILD)/timconvsyncd ./cmd/timconvsyncd
	CGO_CFLAGS="$(CHECK_CGO_CFLAGS)" $(GO) build -race -o $(BUILD)/syncenv ./scripts/syncenv

# The tests start their own PostgreSQL (initdb + postgres on a unix socket in a temporary
# directory, as an unprivileged user) and stop it afterwards. The convergence and fault tests
# run device processes that use the built library through its C ABI (TestDevicesConverge: a
# few random seeds here, TCG_SYNC_SEED=N reruns one; sync-soak runs many).
test-sync: $(LIB) $(LIBLINK)
	@$(PG_PRESENT) || scripts/install-deps.sh sync
	CGO_CFLAGS="$(CHECK_CGO_CFLAGS)" $(GO) test -race -count=1 ./core/roam/ ./cmd/timconvsyncd/

SYNC_SOAK_SEEDS ?= 150
sync-soak: $(LIB) $(LIBLINK)
	@$(PG_PRESENT) || scripts/install-deps.sh sync
	TCG_SYNC_SEEDS=$(SYNC_SOAK_SEEDS) TCG_SYNC_RANDOM=1 TCG_SYNC_STEPS=250 CGO_CFLAGS="$(CHECK_CGO_CFLAGS)" $(GO) test -race -count=1 -timeout 90m -run 'TestDevicesConverge$$' -v ./cmd/timconvsyncd/

$(BUILD)/tests/test_capi: $(CTEST_SRCS) $(CTEST_PLAT) $(CTEST_HDRS) include/timconvgroup.h $(LIB) $(LIBLINK)
	@mkdir -p $(dir $@)
	$(CC) $(C_FLAGS) -o $@ $(CTEST_SRCS) $(CTEST_PLAT) $(C_LINK)

test-c: $(BUILD)/tests/test_capi
	$(BUILD)/tests/test_capi

test-cgocheck2: $(BUILD)/tests/test_capi $(CHECKLIB)
	LD_LIBRARY_PATH='$(CURDIR)/$(dir $(CHECKLIB))' TCG_EXPECT_LIB='$(CURDIR)/$(CHECKLIB)' $(BUILD)/tests/test_capi

test-exports: $(LIB)
	scripts/check-exports.sh $(LIB) include/timconvgroup.h
	cd capi && $(GO) run ./compat/gen -root .. -check

# Tencent drop-in: dlopen + every entry point of Tencent's Unity package, the not-supported
# surface, TIMInit defaults (tests/compat/t_dlopen.c); a C++ unit written like Tencent's samples.
CXX ?= g++
$(BUILD)/tests/t_dlopen: tests/compat/t_dlopen.c include/timconvgroup.h
	@mkdir -p $(dir $@)
	$(CC) $(C_FLAGS) -o $@ $< -ldl

$(BUILD)/tests/tencent_style: tests/compat/tencent_style.cpp include/timconvgroup.h $(LIB) $(LIBLINK)
	@mkdir -p $(dir $@)
	$(CXX) -std=c++11 -O1 -g -Wall -Wextra -Werror -pthread -Iinclude -o $@ $< $(C_LINK)

test-compat: $(BUILD)/tests/t_dlopen $(BUILD)/tests/tencent_style
	$(BUILD)/tests/t_dlopen '$(CURDIR)/$(LIB)' capi/compat/tencent_entry_points.tsv
	rm -rf $(BUILD)/tests/tencent-style && $(BUILD)/tests/tencent_style $(BUILD)/tests/tencent-style

# The not-supported surface (last section of the header, capi/compat_gen.c), generated from
# capi/compat/tencent_entry_points.tsv; outputs are committed. `go generate ./capi` does the same.
compat:
	cd capi && $(GO) run ./compat/gen -root ..

# The header is the one source of truth for the ABI's enums, codes and version: every copy in
# Go, Python, C# and the docs must agree with it; the self-test proves drift in each is caught.
test-constants:
	python3 scripts/check-constants.py
	python3 scripts/check-constants.py --self-test

test-install: lib
	scripts/test-install.sh

test-csharp:
	$(MAKE) -C bindings/csharp test

test-python:
	$(MAKE) -C bindings/python test

# ------------------------------------------------------------------------------------------
# reliability (RELIABILITY.md): CI runs short, bounded versions; `make soak` the heavy ones

# Go tests with full cgo pointer checks (core's cgo is go-sqlite3's).
test-go-cgocheck2:
	CGO_CFLAGS="$(CHECK_CGO_CFLAGS)" GOEXPERIMENT=cgocheck2 $(GO) test -count=1 ./core/...

# Every fuzz target for FUZZTIME each, starting from the committed corpora (testdata/fuzz).
FUZZTIME ?= 4s
FUZZ_TARGETS := core/wire:FuzzStringArray core/conv:FuzzUpsertItem core/conv:FuzzFilter core/conv:FuzzDraft \
                core/engine:FuzzParseConfig core/engine:FuzzCalls core/roam:FuzzDecode
fuzz-short:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; fn=$${t#*:}; echo "fuzz $$fn ($$pkg, $(FUZZTIME))"; \
	  CGO_CFLAGS="$(CHECK_CGO_CFLAGS)" $(GO) test -run '^$$' -fuzz "^$$fn\$$" -fuzztime $(FUZZTIME) ./$$pkg; \
	done

SQLITE_DEV = @dpkg-query -W -f='$${Status}' libsqlite3-dev 2>/dev/null | grep -q "install ok installed" || scripts/install-deps.sh bench

$(BUILD)/tests/crash: tests/crash/crash.c tests/common/minijson.h include/timconvgroup.h $(LIB) $(LIBLINK)
	$(SQLITE_DEV)
	@mkdir -p $(dir $@)
	$(CC) $(C_FLAGS) -o $@ tests/crash/crash.c $(C_LINK) -lsqlite3

# kill -9 rounds and exit-under-traffic rounds (tests/crash/crash.c).
CRASH_ROUNDS ?= 40
CRASH_EXIT_ROUNDS ?= 12
test-crash: $(BUILD)/tests/crash
	$(BUILD)/tests/crash run --rounds $(CRASH_ROUNDS) --exit-rounds $(CRASH_EXIT_ROUNDS)
	@echo "crash self-test: losing the WAL after each kill must be detected"
	@if $(BUILD)/tests/crash run --rounds 4 --exit-rounds 0 --sabotage --seed 1 >$(BUILD)/tests/crash-sabotage.out 2>&1; then \
	  cat $(BUILD)/tests/crash-sabotage.out; echo "FAIL: the crash test did not notice lost writes"; exit 1; \
	else echo "crash self-test: lost writes detected, as they must be"; fi

$(BUILD)/soak: bench/soak.c tests/common/minijson.h include/timconvgroup.h $(LIB) $(LIBLINK)
	$(CC) $(C_FLAGS) -O2 -o $@ bench/soak.c $(C_LINK)

# 8 threads mixing reads and writes (library dispatch, then host dispatch).
SOAK_SECONDS ?= 8
test-soak: $(BUILD)/soak
	$(BUILD)/soak --seconds $(SOAK_SECONDS) --dir $(BUILD)/soak-data
	$(BUILD)/soak --seconds $$(( ($(SOAK_SECONDS) + 1) / 2 )) --host --dir $(BUILD)/soak-data

# The C suite under AddressSanitizer (library built with go build -asan, host with
# -fsanitize=address) and a subset under valgrind (library built with -tags valgrind).
ASANLIB := $(BUILD)/asan/$(SONAME)
VGLIB   := $(BUILD)/valgrind/$(SONAME)
ASAN_CFLAGS := -fsanitize=address -fno-omit-frame-pointer
ASAN_LINK := -L$(BUILD)/asan -ltimconvgroup -Wl,--enable-new-dtags -Wl,-rpath,'$$ORIGIN'

$(ASANLIB): $(LIB_SRCS)
	@mkdir -p $(dir $@)
	CGO_CFLAGS="$(CHECK_CGO_CFLAGS)" $(GO) build -asan -trimpath -buildmode=c-shared -ldflags "$$TCG_GO_LDFLAGS" -o $@ ./capi
	@rm -f $(dir $@)libtimconvgroup.so.h
	ln -sf $(SONAME) $(dir $@)libtimconvgroup.so

$(VGLIB): $(LIB_SRCS)
	@mkdir -p $(dir $@)
	CGO_CFLAGS="$(CHECK_CGO_CFLAGS)" GOEXPERIMENT=nodwarf5 $(GO) build -tags valgrind -trimpath -buildmode=c-shared -ldflags "$$TCG_GO_LDFLAGS" -o $@ ./capi
	@rm -f $(dir $@)libtimconvgroup.so.h

$(BUILD)/asan/test_capi: $(CTEST_SRCS) $(CTEST_PLAT) $(CTEST_HDRS) include/timconvgroup.h $(ASANLIB)
	$(CC) $(C_FLAGS) $(ASAN_CFLAGS) -o $@ $(CTEST_SRCS) $(CTEST_PLAT) $(ASAN_LINK)

$(BUILD)/asan/crash: tests/crash/crash.c tests/common/minijson.h include/timconvgroup.h $(ASANLIB)
	$(SQLITE_DEV)
	$(CC) $(C_FLAGS) $(ASAN_CFLAGS) -o $@ tests/crash/crash.c $(ASAN_LINK) -lsqlite3

$(BUILD)/asan/canary: tests/memory/canary.c include/timconvgroup.h $(ASANLIB)
	$(CC) $(C_FLAGS) $(ASAN_CFLAGS) -o $@ tests/memory/canary.c $(ASAN_LINK)

$(BUILD)/tests/canary: tests/memory/canary.c include/timconvgroup.h $(LIB) $(LIBLINK)
	@mkdir -p $(dir $@)
	$(CC) $(C_FLAGS) -o $@ tests/memory/canary.c $(C_LINK)

ASAN_DEPS := $(BUILD)/asan/test_capi $(BUILD)/asan/crash $(BUILD)/asan/canary
VG_DEPS   := $(VGLIB) $(BUILD)/tests/test_capi $(BUILD)/tests/canary

# Both checkers (make soak, or by hand).
check-memory: $(ASAN_DEPS) $(VG_DEPS)
	@command -v valgrind >/dev/null || scripts/install-deps.sh memory
	scripts/check-memory.sh all

# make test runs AddressSanitizer; CI adds valgrind (its library variant and its runs cost a
# newcomer's make test about four minutes on 2 cores).
check-asan: $(ASAN_DEPS)
	scripts/check-memory.sh asan

check-valgrind: $(VG_DEPS)
	@command -v valgrind >/dev/null || scripts/install-deps.sh memory
	scripts/check-memory.sh valgrind

# Hosts that exit while callbacks flow leave a consistent cache: the C host (crash exit
# rounds, in test-crash), and the Python and Mono bindings' own exit probes, re-run here with
# their caches checked afterwards (integrity_check, acknowledged writes present).
test-exit: $(BUILD)/tests/crash
	scripts/test-exit.sh

# The heavy versions (not in CI): see RELIABILITY.md.
soak: $(BUILD)/tests/crash $(BUILD)/soak
	$(BUILD)/tests/crash run --rounds 400 --exit-rounds 80
	$(BUILD)/soak --seconds 120 --dir $(BUILD)/soak-data
	$(BUILD)/soak --seconds 60 --host --dir $(BUILD)/soak-data
	$(MAKE) --no-print-directory fuzz-short FUZZTIME=60s
	$(MAKE) --no-print-directory check-memory MEMORY_FULL=1
	$(MAKE) --no-print-directory sync-soak

# ------------------------------------------------------------------------------------------
# demos

$(BUILD)/demo: examples/demo.c include/timconvgroup.h $(LIB) $(LIBLINK)
	@mkdir -p $(BUILD)
	$(CC) $(C_FLAGS) -o $@ examples/demo.c $(C_LINK)

demo: $(BUILD)/demo
	rm -rf $(BUILD)/demo-data
	$(BUILD)/demo $(BUILD)/demo-data

demo-csharp: lib
	$(MAKE) -C bindings/csharp demo

# Python wheel (py3-none-linux_x86_64) with the library inside: bindings/python/dist/
wheel: lib
	$(MAKE) -C bindings/python wheel

# Unity package with the native plugin: bindings/csharp/bin/
unity-package: lib
	$(MAKE) -C bindings/csharp unity-package

demo-python: lib
	$(MAKE) -C bindings/python demo

# Two devices of one user (bindings/python/examples/sync_demo.py, two processes, two caches in
# build/demo-sync) sync through build/timconvsyncd on a PostgreSQL of their own (build/syncenv).
demo-sync: lib sync-backend sync-env
	@$(PG_PRESENT) || scripts/install-deps.sh sync
	python3 bindings/python/examples/sync_demo.py --dir $(BUILD)/demo-sync --build $(BUILD)

# ------------------------------------------------------------------------------------------
# benchmark (not part of the tests; prints a table, then the soak's ops/s and latency)

# BENCH_SIZES picks the list sizes (default 10000,100000,1000000: the 1M build takes minutes).
BENCH_SIZES ?= 10000,100000,1000000

# The floor links the same SQLite as the library (the amalgamation go-sqlite3 bundles, compiled
# with its flags), statically: the comparison is of the code around SQLite, not of two SQLite
# versions. sqlite3.h (libsqlite3-dev) declares its API.
FLOOR_SQLITE_DIR = $(shell $(GO) list -m -f '{{.Dir}}' github.com/mattn/go-sqlite3)
$(BUILD)/floor-sqlite3.o: go.mod
	@mkdir -p $(BUILD)
	$(CC) -O2 -w -DSQLITE_ENABLE_RTREE -DSQLITE_THREADSAFE=1 -DHAVE_USLEEP=1 -DSQLITE_ENABLE_FTS3 \
	  -DSQLITE_ENABLE_FTS3_PARENTHESIS -DSQLITE_OMIT_DEPRECATED -DSQLITE_DEFAULT_WAL_SYNCHRONOUS=1 \
	  -DSQLITE_ENABLE_UPDATE_DELETE_LIMIT -c -o $@ '$(FLOOR_SQLITE_DIR)/sqlite3-binding.c'

$(BUILD)/bench: bench/bench.c include/timconvgroup.h $(LIB) $(LIBLINK) $(BUILD)/floor-sqlite3.o
	@dpkg-query -W -f='$${Status}' libsqlite3-dev 2>/dev/null | grep -q "install ok installed" || scripts/install-deps.sh bench
	$(CC) $(C_FLAGS) -O2 -o $@ bench/bench.c $(BUILD)/floor-sqlite3.o $(C_LINK) -lm -ldl

bench: $(BUILD)/bench $(BUILD)/soak
	BENCH_SIZES='$(BENCH_SIZES)' $(BUILD)/bench $(BUILD)/bench-data
	$(BUILD)/soak --seconds 10 --dir $(BUILD)/soak-data
	@$(MAKE) --no-print-directory bench-sync

# Sync (bench/syncbench, on its own PostgreSQL and backend): a device with SYNC_BENCH_CONVS
# conversations (1,000 grouped) applies another device's pushes of 100 operations,
# SYNC_BENCH_ROUNDS rounds (round trip and apply alone, medians); then the pushes per second
# the backend sustains from 50 concurrent clients, SYNC_BENCH_SECONDS per round, with the CPU
# the backend and PostgreSQL used.
SYNC_BENCH_SECONDS ?= 10
SYNC_BENCH_CONVS ?= 100000
SYNC_BENCH_ROUNDS ?= 25
bench-sync: sync-backend
	@$(PG_PRESENT) || scripts/install-deps.sh sync
	$(GO) run ./bench/syncbench -backend $(BUILD)/timconvsyncd -clients 50 -seconds $(SYNC_BENCH_SECONDS) \
	    -convs $(SYNC_BENCH_CONVS) -rounds $(SYNC_BENCH_ROUNDS)

# ------------------------------------------------------------------------------------------
# other platforms

include mk/windows.mk

# ------------------------------------------------------------------------------------------
# other platforms: cross builds, static archives, qemu tests, Android/macOS/iOS targets

include mk/platforms.mk

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
