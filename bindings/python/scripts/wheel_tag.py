"""The wheel platform tag a native library allows, read from the library file itself.

- ELF (Linux): ``manylinux_2_NN_<arch>``, where 2.NN is the newest ``GLIBC_2.x`` symbol version the
  library references (its ``.gnu.version_r`` section) and <arch> comes from ``e_machine``
  (x86_64, aarch64, armv7l for hard-float 32-bit ARM). Refused (ValueError) when the library needs
  a shared library outside the manylinux set, or references no glibc version at all.
- PE (Windows): ``win_amd64`` / ``win_arm64`` / ``win32`` from the COFF machine field.
- Mach-O (macOS): ``macosx_11_0_universal2`` for a fat arm64+x86_64 file, else the single arch.

Usage: python3 wheel_tag.py LIBRARY   (prints the tag; exit 1 with the reason when there is none)
"""

from __future__ import annotations

import re
import struct
import sys
from typing import Dict, List, Set, Tuple

# Shared libraries a manylinux wheel may depend on (PEP 599/600 policy, the non-GUI part).
MANYLINUX_ALLOWED = {
    "libc.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libpthread.so.0", "libgcc_s.so.1",
    "libstdc++.so.6", "libutil.so.1", "libresolv.so.2", "libnsl.so.1", "libcrypt.so.1",
    "ld-linux-x86-64.so.2", "ld-linux-aarch64.so.1", "ld-linux-armhf.so.3",
}
ELF_ARCH = {62: "x86_64", 183: "aarch64", 3: "i686", 40: "armv7l"}
EF_ARM_ABI_FLOAT_HARD = 0x400
PE_ARCH = {0x8664: "win_amd64", 0xAA64: "win_arm64", 0x14C: "win32"}
MACOS_MIN = "11_0"


class ElfInfo:
    def __init__(self, arch: str, needed: List[str], versions: Dict[str, Set[str]]) -> None:
        self.arch = arch
        self.needed = needed  # DT_NEEDED entries
        self.versions = versions  # file -> symbol versions referenced (from .gnu.version_r)

    def glibc_versions(self) -> List[Tuple[int, int]]:
        out = set()
        for names in self.versions.values():
            for v in names:
                m = re.fullmatch(r"GLIBC_(\d+)\.(\d+)(?:\.\d+)?", v)
                if m:
                    out.add((int(m.group(1)), int(m.group(2))))
        return sorted(out)


def _cstr(data: bytes, off: int) -> str:
    end = data.index(b"\0", off)
    return data[off:end].decode("ascii", "replace")


def read_elf(data: bytes) -> ElfInfo:
    if data[:4] != b"\x7fELF":
        raise ValueError("not an ELF file")
    is64 = data[4] == 2
    end = "<" if data[5] == 1 else ">"
    machine = struct.unpack_from(end + "H", data, 18)[0]
    if is64:
        shoff, = struct.unpack_from(end + "Q", data, 0x28)
        flags, = struct.unpack_from(end + "I", data, 0x30)
        shentsize, shnum = struct.unpack_from(end + "HH", data, 0x3A)
        shfmt = end + "IIQQQQIIQQ"
    else:
        shoff, = struct.unpack_from(end + "I", data, 0x20)
        flags, = struct.unpack_from(end + "I", data, 0x24)
        shentsize, shnum = struct.unpack_from(end + "HH", data, 0x2E)
        shfmt = end + "IIIIIIIIII"
    arch = ELF_ARCH.get(machine)
    if arch is None:
        raise ValueError(f"unsupported ELF machine {machine}")
    if machine == 40 and not flags & EF_ARM_ABI_FLOAT_HARD:
        raise ValueError("32-bit ARM library is not hard-float (armv7l wheels are armhf)")
    # (name, type, flags, addr, offset, size, link, info, addralign, entsize)
    sections = [struct.unpack_from(shfmt, data, shoff + i * shentsize) for i in range(shnum)]
    versions: Dict[str, Set[str]] = {}
    needed: List[str] = []
    for sec in sections:
        typ, off, size, link = sec[1], sec[4], sec[5], sec[6]
        strtab = sections[link][4]
        if typ == 0x6FFFFFFE:  # SHT_GNU_verneed
            pos = off
            while True:
                _ver, cnt, file_, aux, nxt = struct.unpack_from(end + "HHIII", data, pos)
                names = versions.setdefault(_cstr(data, strtab + file_), set())
                apos = pos + aux
                for _ in range(cnt):
                    _hash, _fl, _other, name, anext = struct.unpack_from(end + "IHHII", data, apos)
                    names.add(_cstr(data, strtab + name))
                    apos += anext
                if not nxt:
                    break
                pos += nxt
        elif typ == 6:  # SHT_DYNAMIC
            fmt, step = (end + "qQ", 16) if is64 else (end + "iI", 8)
            for p in range(off, off + size, step):
                tag, val = struct.unpack_from(fmt, data, p)
                if tag == 0:
                    break
                if tag == 1:  # DT_NEEDED
                    needed.append(_cstr(data, strtab + val))
    return ElfInfo(arch, needed, versions)


def elf_tag(data: bytes) -> str:
    info = read_elf(data)
    odd = [n for n in info.needed if n not in MANYLINUX_ALLOWED]
    if odd:
        raise ValueError(f"needs libraries a manylinux wheel may not depend on: {', '.join(odd)}")
    glibc = info.glibc_versions()
    if not glibc:
        raise ValueError("references no GLIBC_2.x symbol version: not a glibc library")
    major, minor = glibc[-1]
    return f"manylinux_{major}_{minor}_{info.arch}"


def pe_tag(data: bytes) -> str:
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe:pe + 4] != b"PE\0\0":
        raise ValueError("not a PE file")
    machine = struct.unpack_from("<H", data, pe + 4)[0]
    if machine not in PE_ARCH:
        raise ValueError(f"unsupported PE machine {machine:#x}")
    return PE_ARCH[machine]


def macho_tag(data: bytes) -> str:
    magic = struct.unpack_from(">I", data, 0)[0]
    cpus = {0x01000007: "x86_64", 0x0100000C: "arm64"}
    if magic == 0xCAFEBABE:  # fat (universal)
        n = struct.unpack_from(">I", data, 4)[0]
        archs = {cpus.get(struct.unpack_from(">I", data, 8 + 20 * i)[0], "?") for i in range(n)}
        if archs == {"x86_64", "arm64"}:
            return f"macosx_{MACOS_MIN}_universal2"
        raise ValueError(f"universal library with architectures {sorted(archs)}")
    if magic in (0xCFFAEDFE,):  # 64-bit little-endian thin
        cpu = struct.unpack_from("<I", data, 4)[0]
        if cpu in cpus:
            return f"macosx_{MACOS_MIN}_{cpus[cpu]}"
    raise ValueError("not a Mach-O library this binding supports")


def platform_tag(path: str) -> str:
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] == b"\x7fELF":
        return elf_tag(data)
    if data[:2] == b"MZ":
        return pe_tag(data)
    return macho_tag(data)


def library_file_name(tag: str) -> str:
    """The name the binding looks for inside the wheel (timconvgroup/_lib/<name>) for a tag."""
    if tag.startswith("win"):
        return "timconvgroup.dll"
    if tag.startswith("macosx"):
        return "libtimconvgroup.dylib"
    return "libtimconvgroup.so"


if __name__ == "__main__":
    try:
        print(platform_tag(sys.argv[1]))
    except (ValueError, OSError, struct.error) as e:
        print(f"{sys.argv[1]}: no wheel tag: {e}", file=sys.stderr)
        sys.exit(1)
