# mk/windows.mk — the Windows x64 DLL, cross-built with mingw-w64, and its tests under Wine.
# Included from the Makefile (uses BUILD, GO, LIB_SRCS, C_FLAGS, CTEST_SRCS, ...).
#
#   make platform-windows        build/platforms/windows-x64/timconvgroup.dll (+ import library
#                                libtimconvgroup.dll.a and the .def), exports exactly the header's
#                                TIM* functions, needs no runtime DLL (static libgcc/winpthread)
#
# Packages: scripts/install-deps.sh platforms (gcc-mingw-w64-x86-64).
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

.PHONY: platform-windows

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

