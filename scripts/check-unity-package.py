#!/usr/bin/env python3
"""Checks a staged Unity package (bindings/csharp `make unity-package`):
- every asset has a .meta and every .meta its asset; GUIDs are unique;
- every native plugin is a binary for its folder's platform and CPU, and its PluginImporter .meta
  enables exactly that platform (Editor and/or player) with that CPU, nothing else.
Usage: scripts/check-unity-package.py STAGED_PACKAGE_DIR
       scripts/check-unity-package.py --source bindings/csharp   (every plugin's .meta, no binaries)
"""

import re
import struct
import sys
from pathlib import Path

# plugin path -> (binary kind, {enabled platform entry: CPU}, editor OS or None)
EXPECT = {
    "Runtime/Plugins/Linux/x86_64/libtimconvgroup.so": ("elf:62", {"Editor: Editor": "x86_64", "Standalone: Linux64": "x86_64"}, "Linux"),
    "Runtime/Plugins/Windows/x86_64/timconvgroup.dll": ("pe:34404", {"Editor: Editor": "x86_64", "Standalone: Win64": "x86_64"}, "Windows"),
    "Runtime/Plugins/macOS/libtimconvgroup.dylib": ("macho-universal", {"Editor: Editor": "AnyCPU", "Standalone: OSXUniversal": "AnyCPU"}, "OSX"),
    "Runtime/Plugins/Android/arm64-v8a/libtimconvgroup.so": ("elf:183", {"Android: Android": "ARM64"}, None),
    "Runtime/Plugins/Android/armeabi-v7a/libtimconvgroup.so": ("elf:40", {"Android: Android": "ARMv7"}, None),
    "Runtime/Plugins/iOS/libtimconvgroup.a": ("ar", {"iPhone: iOS": "ARM64"}, None),
}

problems = []


def bad(msg):
    problems.append(msg)
    print("  FAIL " + msg)


def kind_of(path):
    head = path.read_bytes()[:4096]
    if head[:4] == b"\x7fELF":
        end = "<" if head[5] == 1 else ">"
        return "elf:%d" % struct.unpack_from(end + "H", head, 18)[0]
    if head[:2] == b"MZ":
        pe = struct.unpack_from("<I", head, 0x3C)[0]
        return "pe:%d" % struct.unpack_from("<H", head, pe + 4)[0]
    if head[:4] == b"\xca\xfe\xba\xbe":
        return "macho-universal"
    if head[:8] == b"!<arch>\n":
        return "ar"
    return "unknown"


def platform_entries(meta):
    """{'Editor: Editor': (enabled, {settings})} from a PluginImporter .meta."""
    out = {}
    for m in re.finditer(r"  - first:\n      (.+)\n    second:\n      enabled: (\d)\n      settings:\n((?:        .*\n)*)", meta):
        settings = dict(re.findall(r"        ([^:]+): ?(.*)", m.group(3)))
        out[m.group(1).strip()] = (m.group(2) == "1", settings)
    return out


def check_meta(rel, meta):
    _kind, enabled, editor_os = EXPECT[rel]
    if "PluginImporter:" not in meta:
        bad(f"{rel}.meta: not a PluginImporter")
        return
    entries = platform_entries(meta)
    on = {k: v[1].get("CPU") for k, v in entries.items() if v[0]}
    if on != enabled:
        bad(f"{rel}.meta: enabled {on}, want {enabled}")
    if editor_os and entries["Editor: Editor"][1].get("OS") != editor_os:
        bad(f"{rel}.meta: Editor OS {entries['Editor: Editor'][1].get('OS')}, want {editor_os}")
    if entries.get(": Any", (True, {}))[0]:
        bad(f"{rel}.meta: enabled for Any platform")
    excluded = {k[len("Exclude "):] for k, v in entries.get(": Any", (True, {}))[1].items() if v == "1"}
    wanted = {k.split(": ")[1].replace("iOS", "iOS") for k in enabled}
    if excluded & wanted or not excluded:
        bad(f"{rel}.meta: Any-platform exclusions {sorted(excluded)} contradict {sorted(wanted)}")
    if rel.endswith(".a") and "CoreFoundation" not in entries["iPhone: iOS"][1].get("FrameworkDependencies", ""):
        bad(f"{rel}.meta: the Go runtime on iOS needs CoreFoundation")


def check_source(root):
    root = Path(root)
    for rel in EXPECT:
        meta = root / (rel + ".meta")
        if not meta.exists():
            bad(f"{rel}.meta missing from the source package")
            continue
        check_meta(rel, meta.read_text())
        d = (root / rel).parent
        while d != root:
            if not Path(str(d) + ".meta").exists():
                bad(f"{d.relative_to(root)}: folder without .meta")
            d = d.parent
    if not problems:
        print(f"  ok   all {len(EXPECT)} plugin .meta files select their platform and CPU")
    return 1 if problems else 0


def main(root):
    root = Path(root)
    guids = {}
    for meta in sorted(root.rglob("*.meta")):
        rel = meta.relative_to(root).as_posix()
        asset = meta.with_suffix("")
        if not asset.exists():
            bad(f"{rel}: no asset {asset.name}")
        g = re.search(r"^guid: ([0-9a-f]{32})$", meta.read_text(), re.M)
        if not g:
            bad(f"{rel}: no guid")
        elif g.group(1) in guids:
            bad(f"{rel}: guid also used by {guids[g.group(1)]}")
        else:
            guids[g.group(1)] = rel
    for f in sorted(root.rglob("*")):
        rel = f.relative_to(root).as_posix()
        if f.suffix == ".meta" or rel == "Samples~" or rel.startswith("Samples~/") or rel in ("package.json.meta",):
            continue
        if rel in ("package.json", "README.md", "Runtime") or rel.startswith("Runtime/"):
            if not Path(str(f) + ".meta").exists():
                bad(f"{rel}: no .meta")
    plugins = [p for p in (root / "Runtime" / "Plugins").rglob("*") if p.is_file() and p.suffix != ".meta"]
    if not plugins:
        bad("no native plugin in the package")
    for p in sorted(plugins):
        rel = p.relative_to(root).as_posix()
        if rel not in EXPECT:
            bad(f"{rel}: not a known plugin location")
            continue
        kind, enabled, editor_os = EXPECT[rel]
        if kind_of(p) != kind:
            bad(f"{rel}: binary is {kind_of(p)}, want {kind}")
        check_meta(rel, Path(str(p) + ".meta").read_text())
        if not problems:
            print(f"  ok   {rel} ({kind}; {', '.join(f'{k} {v}' for k, v in sorted(enabled.items()))})")
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1] == "--source":
        sys.exit(check_source(sys.argv[2]))
    sys.exit(main(sys.argv[1]))
