# mk/platforms.mk — libraries for other platforms and their tests (included from the Makefile).
#
#   make platforms                  every artifact this machine can build, into build/platforms/
#   make test-platforms             every test-platform-* target (long: not part of `make test`)
#   make platform-linux-ARCH        ARCH = x86_64 | arm64 | armv7:
#                                     build/platforms/linux-ARCH/libtimconvgroup.so.1  (only TIM* exported)
#                                     build/platforms/linux-ARCH/libtimconvgroup.a     (one prelinked object,
#                                     only TIM* global: links into a program next to any other SQLite/Go code)
#   make test-platform-linux-ARCH   arm64/armv7 under qemu-user: export checks, the full C suite, the Go
#                                   tests of core/..., the demo (shared and static) compared with x86_64's
#   make platform-android           ANDROID_NDK_HOME required: build/platforms/android-{arm64-v8a,armeabi-v7a}/
#   make platform-macos             macOS + Xcode: build/platforms/macos/libtimconvgroup.dylib (arm64+x86_64)
#   make platform-ios               macOS + Xcode: build/platforms/ios/libtimconvgroup.a (device, prelinked)
#                                   and build/platforms/ios/timconvgroup.xcframework (device + simulator)
#   make test-platform-macos        macOS: the C suite and the demo against the universal dylib
#
# The Windows DLL targets (platform-windows, test-platform-windows) live in mk/windows.mk.
# Cross toolchains and qemu: scripts/install-deps.sh platforms.

PLAT_DIR  := $(BUILD)/platforms
PTEST_DIR := $(BUILD)/platform-tests

LINUX_ARCHES := x86_64 arm64 armv7
plat_go_x86_64 := GOOS=linux GOARCH=amd64
plat_go_arm64  := GOOS=linux GOARCH=arm64
plat_go_armv7  := GOOS=linux GOARCH=arm GOARM=7
plat_triple_x86_64 := x86_64-linux-gnu
plat_triple_arm64  := aarch64-linux-gnu
plat_triple_armv7  := arm-linux-gnueabihf
# Go compiles cgo with the host's plain `gcc` for x86_64, so the Go build cache of `make lib` is reused.
plat_cc_x86_64 := gcc
plat_cc_arm64  := aarch64-linux-gnu-gcc
plat_cc_armv7  := arm-linux-gnueabihf-gcc
plat_qemu_arm64 := qemu-aarch64 -L /usr/aarch64-linux-gnu
plat_qemu_armv7 := qemu-arm -L /usr/arm-linux-gnueabihf
# GNU ld 2.40 (bfd, Debian 12) crashes (SIGSEGV) linking any program against the prelinked aarch64
# object; gold and the plain c-archive link fine. Programs using the arm64 archive link with gold.
plat_static_ld_arm64 := -fuse-ld=gold
# 32-bit programs need large-file support to list directories of a 64-bit file system (readdir).
plat_cflags_armv7 := -D_FILE_OFFSET_BITS=64

# Per-test hang guard of the C suite under emulation (the harness' native default is 300 s; qemu
# runs the 16 MiB sweeps several times slower, more on a loaded machine). Nothing is timed.
QEMU_TEST_TIMEOUT ?= 1200

# Fails with one clear line when a cross tool is missing.
plat_need = @command -v $(1) >/dev/null 2>&1 || { echo "$@: $(1) not found (scripts/install-deps.sh platforms installs it)" >&2; exit 1; }

.PHONY: platforms test-platforms platforms-check-windows \
        $(addprefix platform-linux-,$(LINUX_ARCHES)) $(addprefix test-platform-linux-,$(LINUX_ARCHES)) \
        platform-android platform-macos platform-ios test-platform-macos

# ------------------------------------------------------------------------------------------
# aggregates (Windows comes from mk/windows.mk; without it they fail unless PLATFORMS_NO_WINDOWS=1)

PLAT_WINDOWS := $(if $(wildcard mk/windows.mk),platform-windows)
PLAT_WINDOWS_TEST := $(if $(wildcard mk/windows.mk),test-platform-windows)

platforms: $(addprefix platform-linux-,$(LINUX_ARCHES)) $(PLAT_WINDOWS) platforms-check-windows
	@echo "platforms: built"; cd $(PLAT_DIR) && find . -type f ! -name '*.h' | sort | sed 's,^\./,  ,'

test-platforms: $(addprefix test-platform-linux-,$(LINUX_ARCHES)) $(PLAT_WINDOWS_TEST) platforms-check-windows
	@echo "test-platforms: all passed"

platforms-check-windows:
	@if [ -z "$(PLAT_WINDOWS)" ] && [ "$(PLATFORMS_NO_WINDOWS)" != 1 ]; then \
	  echo "FAIL: mk/windows.mk (the Windows DLL targets) is missing from this tree" >&2; exit 1; fi

# ------------------------------------------------------------------------------------------
# Linux shared libraries and prelinked static archives

$(addprefix platform-linux-,$(LINUX_ARCHES)): platform-linux-%: $(PLAT_DIR)/linux-%/$(SONAME) $(PLAT_DIR)/linux-%/libtimconvgroup.a

# x86_64: the very library `make lib` builds.
$(PLAT_DIR)/linux-x86_64/$(SONAME): $(LIB)
	@mkdir -p $(dir $@)
	cp $(LIB) $@

$(PLAT_DIR)/linux-%/$(SONAME): $(LIB_SRCS)
	$(call plat_need,$(plat_cc_$*))
	@mkdir -p $(dir $@)
	$(plat_go_$*) CC=$(plat_cc_$*) $(GO_BUILD) -o $@ ./capi
	@rm -f $(dir $@)libtimconvgroup.so.h

# c-archive -> one relocatable object (ld -r, commons allocated with -d) -> every global symbol but
# the header's functions (scripts/header-functions.sh) made local -> a one-member archive.
$(PLAT_DIR)/linux-%/libtimconvgroup.a: $(LIB_SRCS) scripts/header-functions.sh
	$(call plat_need,$(plat_triple_$*)-ld)
	@mkdir -p $(dir $@) $(PTEST_DIR)/linux-$*
	$(plat_go_$*) CC=$(plat_cc_$*) $(GO) build -trimpath -buildmode=c-archive -o $(PTEST_DIR)/linux-$*/go-archive.a ./capi
	$(plat_triple_$*)-ld -r -d --whole-archive $(PTEST_DIR)/linux-$*/go-archive.a -o $(PTEST_DIR)/linux-$*/prelinked.o
	scripts/header-functions.sh include/timconvgroup.h > $(PTEST_DIR)/linux-$*/tim-symbols.txt
	$(plat_triple_$*)-objcopy --keep-global-symbols=$(PTEST_DIR)/linux-$*/tim-symbols.txt $(PTEST_DIR)/linux-$*/prelinked.o
	rm -f $@ && $(plat_triple_$*)-ar rcs $@ $(PTEST_DIR)/linux-$*/prelinked.o
	cp include/timconvgroup.h $(PLAT_DIR)/linux-$*/timconvgroup.h

# ------------------------------------------------------------------------------------------
# tests under qemu-user (arm64, armv7) or natively (x86_64: only what `make test` does not cover)

# The x86_64 demo's output is the reference every platform's demo must print. Paging cursors
# (next_seq) are opaque values that differ on every run: they are masked.
DEMO_MASK := sed -E 's/next_seq [0-9]{6,}/next_seq <cursor>/g'
$(PTEST_DIR)/demo-reference.txt: $(BUILD)/demo
	@mkdir -p $(PTEST_DIR)/ref
	set -o pipefail; cd $(PTEST_DIR)/ref && rm -rf demo-data && '$(CURDIR)/$(BUILD)/demo' demo-data | $(DEMO_MASK) > ../demo-reference.txt

$(PTEST_DIR)/linux-%/test_capi: $(CTEST_SRCS) $(CTEST_PLAT) $(CTEST_HDRS) include/timconvgroup.h $(PLAT_DIR)/linux-%/$(SONAME)
	@mkdir -p $(dir $@)
	$(plat_cc_$*) $(C_FLAGS) $(plat_cflags_$*) -o $@ $(CTEST_SRCS) $(CTEST_PLAT) \
	  $(PLAT_DIR)/linux-$*/$(SONAME) -Wl,-rpath,'$(CURDIR)/$(PLAT_DIR)/linux-$*'

$(PTEST_DIR)/linux-%/demo: examples/demo.c include/timconvgroup.h $(PLAT_DIR)/linux-%/$(SONAME)
	@mkdir -p $(dir $@)
	$(plat_cc_$*) $(C_FLAGS) $(plat_cflags_$*) -o $@ examples/demo.c \
	  $(PLAT_DIR)/linux-$*/$(SONAME) -Wl,-rpath,'$(CURDIR)/$(PLAT_DIR)/linux-$*'

$(PTEST_DIR)/linux-%/demo-static: examples/demo.c tests/platforms/clash.c include/timconvgroup.h $(PLAT_DIR)/linux-%/libtimconvgroup.a
	@mkdir -p $(dir $@)
	rm -f $@ && $(plat_cc_$*) $(C_FLAGS) $(plat_cflags_$*) $(plat_static_ld_$*) -o $@ examples/demo.c tests/platforms/clash.c $(PLAT_DIR)/linux-$*/libtimconvgroup.a -pthread -lm -ldl

# Runs both demos (shared, static) on fresh data dirs and compares them with the x86_64 output.
plat_demo_check = set -o pipefail; cd $(PTEST_DIR)/linux-$* && for d in demo demo-static; do \
	  rm -rf demo-data && $(plat_qemu_$*) ./$$d demo-data | $(DEMO_MASK) > $$d.out && \
	  if cmp -s $$d.out ../demo-reference.txt; then echo "  ok   $$d output identical to linux x86_64 ($$(wc -l < $$d.out) lines)"; \
	  else echo "  FAIL $$d output differs from linux x86_64:"; diff ../demo-reference.txt $$d.out | head -20; exit 1; fi; done

test-platform-linux-x86_64: platform-linux-x86_64 $(PTEST_DIR)/linux-x86_64/demo-static $(PTEST_DIR)/demo-reference.txt
	@echo "== linux x86_64: static archive"
	scripts/check-static-archive.sh $(PLAT_DIR)/linux-x86_64/libtimconvgroup.a include/timconvgroup.h x86_64-linux-gnu-nm
	@set -o pipefail; cd $(PTEST_DIR)/linux-x86_64 && rm -rf demo-data && ./demo-static demo-data | $(DEMO_MASK) > demo-static.out && \
	  if cmp -s demo-static.out ../demo-reference.txt; then echo "  ok   demo-static output identical to the shared-library demo"; \
	  else diff ../demo-reference.txt demo-static.out | head -20; exit 1; fi

test-platform-linux-arm64 test-platform-linux-armv7: test-platform-linux-%: platform-linux-% \
    $(PTEST_DIR)/linux-%/test_capi $(PTEST_DIR)/linux-%/demo $(PTEST_DIR)/linux-%/demo-static $(PTEST_DIR)/demo-reference.txt
	$(call plat_need,$(firstword $(plat_qemu_$*)))
	@echo "== linux $*: exports and static archive"
	scripts/check-exports.sh $(PLAT_DIR)/linux-$*/$(SONAME) include/timconvgroup.h
	scripts/check-static-archive.sh $(PLAT_DIR)/linux-$*/libtimconvgroup.a include/timconvgroup.h $(plat_triple_$*)-nm
	@echo "== linux $*: demo under $(firstword $(plat_qemu_$*))"
	@$(plat_demo_check)
	@echo "== linux $*: C suite under $(firstword $(plat_qemu_$*))"
	TCG_RUNNER="$(plat_qemu_$*)" TCG_TEST_TIMEOUT=$(QEMU_TEST_TIMEOUT) $(plat_qemu_$*) $(PTEST_DIR)/linux-$*/test_capi
	@echo "== linux $*: Go tests of core/... under $(firstword $(plat_qemu_$*))"
	TCG_RUNNER="$(plat_qemu_$*)" $(plat_go_$*) CC=$(plat_cc_$*) $(GO) test -trimpath -count=1 -exec "$(plat_qemu_$*)" ./core/...

# ------------------------------------------------------------------------------------------
# Android (NDK), macOS and iOS (Xcode): only on machines with those toolchains (CI: platforms.yml)

NDK_API ?= 21
NDK_BIN = $(firstword $(wildcard $(ANDROID_NDK_HOME)/toolchains/llvm/prebuilt/*/bin))
# Android loads plugins by file name: soname without version; 16 KiB pages (Android 15+ devices).
ANDROID_LDFLAGS := -extldflags '-Wl,--version-script=$(CURDIR)/capi/exports.map -Wl,-soname,libtimconvgroup.so -Wl,-z,max-page-size=16384'

platform-android:
	@[ -n "$(ANDROID_NDK_HOME)" ] && [ -d "$(NDK_BIN)" ] || { echo "platform-android: needs the Android NDK (set ANDROID_NDK_HOME; not available on this machine)" >&2; exit 1; }
	@mkdir -p $(PLAT_DIR)/android-arm64-v8a $(PLAT_DIR)/android-armeabi-v7a
	GOOS=android GOARCH=arm64 CC=$(NDK_BIN)/aarch64-linux-android$(NDK_API)-clang \
	  $(GO) build -trimpath -buildmode=c-shared -ldflags "$(ANDROID_LDFLAGS)" -o $(PLAT_DIR)/android-arm64-v8a/libtimconvgroup.so ./capi
	GOOS=android GOARCH=arm GOARM=7 CC=$(NDK_BIN)/armv7a-linux-androideabi$(NDK_API)-clang \
	  $(GO) build -trimpath -buildmode=c-shared -ldflags "$(ANDROID_LDFLAGS)" -o $(PLAT_DIR)/android-armeabi-v7a/libtimconvgroup.so ./capi
	rm -f $(PLAT_DIR)/android-*/libtimconvgroup.h
	@for a in arm64-v8a armeabi-v7a; do \
	  f=$(PLAT_DIR)/android-$$a/libtimconvgroup.so; \
	  bad=$$($(NDK_BIN)/llvm-nm -D --defined-only $$f | awk '{print $$NF}' | grep -v '^TIM' || true); \
	  [ -z "$$bad" ] || { echo "FAIL $$f exports non-TIM symbols: $$bad" >&2; exit 1; }; \
	  $(NDK_BIN)/llvm-readelf -lW $$f | awk '$$1=="LOAD" && $$NF!="0x4000" && $$NF!="0x10000" {bad=1} END {exit bad}' \
	    || { echo "FAIL $$f: LOAD segments not 16 KiB aligned" >&2; exit 1; }; \
	  echo "  ok   $$f (only TIM* exported, 16 KiB-aligned)"; done

plat_need_xcode = @[ "$$(uname -s)" = Darwin ] && command -v xcrun >/dev/null 2>&1 || { echo "$@: needs macOS with Xcode (xcrun); not available on this machine" >&2; exit 1; }
MACOS_MIN ?= 11.0
IOS_MIN   ?= 12.0
MACOS_LDFLAGS := -extldflags '-Wl,-exported_symbols_list,$(CURDIR)/mk/darwin-exports.txt -Wl,-install_name,@rpath/libtimconvgroup.dylib'

platform-macos:
	$(plat_need_xcode)
	@mkdir -p $(PTEST_DIR)/macos $(PLAT_DIR)/macos
	for a in arm64 amd64; do ca=$$a; [ $$a = amd64 ] && ca=x86_64; \
	  GOOS=darwin GOARCH=$$a CC="$$(xcrun --sdk macosx -f clang) -arch $$ca -mmacosx-version-min=$(MACOS_MIN) -isysroot $$(xcrun --sdk macosx --show-sdk-path)" \
	    $(GO) build -trimpath -buildmode=c-shared -ldflags "$(MACOS_LDFLAGS)" -o $(PTEST_DIR)/macos/libtimconvgroup-$$a.dylib ./capi || exit 1; \
	done
	lipo -create -output $(PLAT_DIR)/macos/libtimconvgroup.dylib $(PTEST_DIR)/macos/libtimconvgroup-arm64.dylib $(PTEST_DIR)/macos/libtimconvgroup-amd64.dylib
	lipo -info $(PLAT_DIR)/macos/libtimconvgroup.dylib
	@bad=$$(nm -gU $(PLAT_DIR)/macos/libtimconvgroup.dylib | awk 'NF==3 {print $$3}' | grep -v '^_TIM' | sort -u || true); \
	  [ -z "$$bad" ] || { echo "FAIL libtimconvgroup.dylib exports non-TIM symbols: $$bad" >&2; exit 1; }; echo "  ok   only _TIM* exported"

# The C suite and the demo natively against the universal dylib (arm64 on Apple silicon runners).
# The demo reference comes from a Linux x86_64 run (CI: the `reference` job of platforms.yml).
test-platform-macos: platform-macos
	@test -f $(PTEST_DIR)/demo-reference.txt || { echo "$@: needs $(PTEST_DIR)/demo-reference.txt from Linux x86_64 (make $(PTEST_DIR)/demo-reference.txt there)" >&2; exit 1; }
	$(CC) $(C_FLAGS) -o $(PTEST_DIR)/macos/test_capi $(CTEST_SRCS) $(CTEST_PLAT) -L$(PLAT_DIR)/macos -ltimconvgroup -Wl,-rpath,$(CURDIR)/$(PLAT_DIR)/macos
	$(CC) $(C_FLAGS) -o $(PTEST_DIR)/macos/demo examples/demo.c -L$(PLAT_DIR)/macos -ltimconvgroup -Wl,-rpath,$(CURDIR)/$(PLAT_DIR)/macos
	$(PTEST_DIR)/macos/test_capi
	set -o pipefail; cd $(PTEST_DIR)/macos && rm -rf demo-data && ./demo demo-data | $(DEMO_MASK) > demo.out && diff ../demo-reference.txt demo.out

# iOS: c-archive per slice, prelinked into one object whose only globals are _TIM* (ld -r
# -exported_symbols_list), then the device archive and an xcframework (device + simulator).
# $(1) sdk, $(2) GOARCH, $(3) Apple arch, $(4) clang target
plat_ios_slice = GOOS=ios GOARCH=$(2) CC="$$(xcrun --sdk $(1) -f clang) -target $(4) -isysroot $$(xcrun --sdk $(1) --show-sdk-path)" \
	  $(GO) build -trimpath -buildmode=c-archive -o $(PTEST_DIR)/ios/$(1)-$(3)-go.a ./capi && \
	xcrun ld -r -arch $(3) -exported_symbols_list $(CURDIR)/mk/darwin-exports.txt -o $(PTEST_DIR)/ios/$(1)-$(3).o \
	  -force_load $(PTEST_DIR)/ios/$(1)-$(3)-go.a && \
	xcrun libtool -static -o $(PTEST_DIR)/ios/$(1)-$(3).a $(PTEST_DIR)/ios/$(1)-$(3).o

platform-ios:
	$(plat_need_xcode)
	@rm -rf $(PTEST_DIR)/ios $(PLAT_DIR)/ios && mkdir -p $(PTEST_DIR)/ios/headers $(PTEST_DIR)/ios/sim $(PLAT_DIR)/ios
	$(call plat_ios_slice,iphoneos,arm64,arm64,arm64-apple-ios$(IOS_MIN))
	$(call plat_ios_slice,iphonesimulator,arm64,arm64,arm64-apple-ios$(IOS_MIN)-simulator)
	$(call plat_ios_slice,iphonesimulator,amd64,x86_64,x86_64-apple-ios$(IOS_MIN)-simulator)
	lipo -create -output $(PTEST_DIR)/ios/sim/libtimconvgroup.a $(PTEST_DIR)/ios/iphonesimulator-arm64.a $(PTEST_DIR)/ios/iphonesimulator-x86_64.a
	cp $(PTEST_DIR)/ios/iphoneos-arm64.a $(PLAT_DIR)/ios/libtimconvgroup.a
	cp include/timconvgroup.h $(PTEST_DIR)/ios/headers/
	xcodebuild -create-xcframework -library $(PLAT_DIR)/ios/libtimconvgroup.a -headers $(PTEST_DIR)/ios/headers \
	  -library $(PTEST_DIR)/ios/sim/libtimconvgroup.a -headers $(PTEST_DIR)/ios/headers -output $(PLAT_DIR)/ios/timconvgroup.xcframework
	@bad=$$(nm -gU $(PLAT_DIR)/ios/libtimconvgroup.a | awk 'NF==3 {print $$3}' | grep -v '^_TIM' | sort -u || true); \
	  [ -z "$$bad" ] || { echo "FAIL libtimconvgroup.a (iOS) has non-TIM globals: $$(echo $$bad | head -c 400)" >&2; exit 1; }; echo "  ok   iOS archive: only _TIM* global"
