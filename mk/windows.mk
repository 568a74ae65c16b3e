# mk/windows.mk — the Windows x64 DLL, cross-built with mingw-w64, and its tests under Wine.
# Included from the Makefile (uses BUILD, GO, LIB_SRCS, C_FLAGS, CTEST_SRCS, ...).
#
#   make platform-windows        build/platforms/windows-x64/timconvgroup.dll (+ import library
#                                libtimconvgroup.dll.a and the .def), exports exactly the header's
#                                TIM* functions, needs no runtime DLL (static libgcc/winpthread)
#   make test-platform-windows   under Wine (headless, a test-only prefix in build/wine): the C suite
#                                against the DLL, the Go tests of core/... built for Windows, and
#                                examples/demo.c, whose output must match the Linux demo's
#
# Packages: scripts/install-deps.sh platforms (gcc-mingw-w64-x86-64, wine, wine64).
#
# Why a c-archive linked by hand: `go build -buildmode=c-shared` on Windows exports every
# //export of every package (go-sqlite3's ...Trampoline callbacks too) and ignores version
# scripts; linking the c-archive into the DLL with a .def lists exactly the TIM* functions.

WIN_CC     ?= x86_64-w64-mingw32-gcc
WIN_OBJDUMP ?= x86_64-w64-mingw32-objdump
WIN_OUT    := $(BUILD)/platforms/windows-x64
WIN_DLL    := $(WIN_OUT)/timconvgroup.dll
WIN_IMPLIB := $(WIN_OUT)/libtimconvgroup.dll.a
WIN_DEF    := $(WIN_OUT)/timconvgroup.def
WIN_TMP    := $(BUILD)/windows-x64
WIN_ARCHIVE := $(WIN_TMP)/libtimconvgroup.a
WIN_GOENV  := CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=$(WIN_CC)

.PHONY: platform-windows test-platform-windows test-windows-c test-windows-go test-windows-demo

platform-windows: $(WIN_DLL)

$(WIN_ARCHIVE): $(LIB_SRCS)
	@mkdir -p $(dir $@)
	$(WIN_GOENV) $(GO) build -trimpath -buildmode=c-archive -ldflags '-s -w' -o $@ ./capi
	@rm -f $(WIN_TMP)/libtimconvgroup.h

# The exported names: every TIM_API function the header declares (as scripts/check-exports.sh).
$(WIN_DEF): include/timconvgroup.h
	@mkdir -p $(dir $@)
	@{ echo "LIBRARY timconvgroup.dll"; echo "EXPORTS"; \
	   grep -oE '^TIM_API[^(]*\b(TIM[A-Za-z0-9_]+)\(' $< | grep -oE 'TIM[A-Za-z0-9_]+\($$' | tr -d '(' | sort -u | sed 's/^/    /'; \
	 } > $@.tmp
	@mv $@.tmp $@

$(WIN_DLL): $(WIN_ARCHIVE) $(WIN_DEF) scripts/check-exports-windows.sh
	@mkdir -p $(dir $@)
	$(WIN_CC) -shared -s -o $@ $(WIN_DEF) -Wl,--whole-archive $(WIN_ARCHIVE) -Wl,--no-whole-archive \
	  -static -static-libgcc -lpthread -Wl,--out-implib,$(WIN_IMPLIB)
	scripts/check-exports-windows.sh $@ include/timconvgroup.h

# ------------------------------------------------------------------------------------------
# tests under Wine

WIN_TEST   := $(BUILD)/windows-test
WINE       ?= wine
WINEPREFIX_TEST := $(BUILD)/wine
# Headless and quiet: no X display, no Mono/Gecko installers, no debug channels.
WINE_ENV   := WINEPREFIX='$(CURDIR)/$(WINEPREFIX_TEST)' WINEDEBUG=-all DISPLAY= WAYLAND_DISPLAY= \
              WINEDLLOVERRIDES='mscoree,mshtml=' WINEARCH=win64
WIN_CFLAGS := -std=gnu11 -O1 -g -Wall -Wextra -D__USE_MINGW_ANSI_STDIO=1 -Iinclude -Itests/common
WIN_CLINK  := -L$(WIN_OUT) -ltimconvgroup.dll -static -lpthread

# The prefix: created once by wineboot, with the bcryptprimitives.dll stand-in that Go's
# runtime needs on Wine 8 (test only; see tests/windows/bcryptprimitives.c).
$(WIN_TEST)/bcryptprimitives.dll: tests/windows/bcryptprimitives.c
	@mkdir -p $(dir $@)
	$(WIN_CC) -O2 -shared -s -o $@ $< -lbcrypt

# Start the Wine server and Wine's own services before any test, with their output away from
# the tests' pipes: started from inside a test, they inherit its stdout and `go test` waits for
# it to close ("Test I/O incomplete"). The server exits by itself 30 s after the last process.
WINE_UP = $(WINE_ENV) wineserver -p30 </dev/null >/dev/null 2>&1; \
          $(WINE_ENV) $(WINE) cmd /c exit </dev/null >/dev/null 2>&1

$(WINEPREFIX_TEST)/.tcg-ready: $(WIN_TEST)/bcryptprimitives.dll
	@command -v $(WINE) >/dev/null || { echo "wine is missing: scripts/install-deps.sh platforms"; exit 1; }
	@mkdir -p $(WINEPREFIX_TEST)
	$(WINE_ENV) wineboot -i >$(WIN_TEST)/wineboot.log 2>&1 || { cat $(WIN_TEST)/wineboot.log; exit 1; }
	$(WINE_ENV) wineserver -w
	cp $(WIN_TEST)/bcryptprimitives.dll $(WINEPREFIX_TEST)/drive_c/windows/system32/
	@touch $@

WIN_COMMON_SRCS := tests/common/plat_win.c
WIN_COMMON_HDRS := $(wildcard tests/common/*.h)

$(WIN_TEST)/timconvgroup.dll: $(WIN_DLL)
	@mkdir -p $(dir $@)
	cp $< $@

$(WIN_TEST)/test_capi.exe: $(CTEST_SRCS) $(CTEST_HDRS) $(WIN_COMMON_SRCS) $(WIN_COMMON_HDRS) include/timconvgroup.h $(WIN_DLL)
	@mkdir -p $(dir $@)
	$(WIN_CC) $(WIN_CFLAGS) -o $@ $(CTEST_SRCS) $(WIN_COMMON_SRCS) $(WIN_CLINK)

$(WIN_TEST)/demo.exe: examples/demo.c include/timconvgroup.h $(WIN_DLL)
	@mkdir -p $(dir $@)
	$(WIN_CC) $(WIN_CFLAGS) -o $@ examples/demo.c $(WIN_CLINK)

test-windows-c: $(WIN_TEST)/test_capi.exe $(WIN_TEST)/timconvgroup.dll $(WINEPREFIX_TEST)/.tcg-ready
	@$(WINE_UP)
	cd $(WIN_TEST) && $(WINE_ENV) TCG_EXPECT_LIB=timconvgroup.dll $(WINE) test_capi.exe

# Every package of core/, built for Windows and run under Wine.
test-windows-go: $(WINEPREFIX_TEST)/.tcg-ready
	@$(WINE_UP)
	$(WINE_ENV) $(WIN_GOENV) $(GO) test -count=1 -exec $(WINE) ./core/...

# The demo's output on Windows must be the Linux demo's, both run as "demo demo-data" in a fresh
# folder (compared after scripts/demo-normalise.sh: CRLF, the paging cursor's value).
test-windows-demo: $(WIN_TEST)/demo.exe $(WIN_TEST)/timconvgroup.dll $(WINEPREFIX_TEST)/.tcg-ready $(BUILD)/demo
	rm -rf $(WIN_TEST)/demo-data $(WIN_TEST)/linux && mkdir -p $(WIN_TEST)/linux
	cd $(WIN_TEST)/linux && '$(CURDIR)/$(BUILD)/demo' demo-data > ../demo-linux.out
	@$(WINE_UP)
	cd $(WIN_TEST) && $(WINE_ENV) $(WINE) demo.exe demo-data > demo-windows.out
	scripts/demo-normalise.sh < $(WIN_TEST)/demo-linux.out > $(WIN_TEST)/demo-linux.norm
	scripts/demo-normalise.sh < $(WIN_TEST)/demo-windows.out > $(WIN_TEST)/demo-windows.norm
	diff -u $(WIN_TEST)/demo-linux.norm $(WIN_TEST)/demo-windows.norm
	@echo "demo: the Windows output matches Linux ($$(wc -l < $(WIN_TEST)/demo-windows.out) lines)"

# Runs all three, then fails if any failed.
test-platform-windows: platform-windows
	@rc=0; for t in test-windows-c test-windows-go test-windows-demo; do \
	  echo "== $$t"; $(MAKE) --no-print-directory $$t || { echo "FAIL: $$t"; rc=1; }; \
	done; exit $$rc
