"""The library's name per platform, the wheel platform tag computed from a library file
(scripts/wheel_tag.py) and the wheel checker (scripts/check_wheel.py)."""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import List

import pytest

from timconvgroup import _native

PKG_ROOT = Path(__file__).resolve().parent.parent
REPO = PKG_ROOT.parent.parent
sys.path.insert(0, str(PKG_ROOT / "scripts"))
import check_wheel  # noqa: E402
import wheel_tag  # noqa: E402


# --- library lookup -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "plat,name",
    [("linux", "libtimconvgroup.so"), ("win32", "timconvgroup.dll"), ("darwin", "libtimconvgroup.dylib")],
)
def test_library_name_per_platform(plat: str, name: str) -> None:
    assert _native.library_name(plat) == name


def test_candidate_paths_per_platform(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(_native.LIBRARY_ENV, raising=False)
    linux = _native.candidate_paths("linux")
    assert linux[0].endswith(os.path.join("timconvgroup", "_lib", "libtimconvgroup.so"))
    assert linux[1:] == [str(REPO / "build" / "libtimconvgroup.so"), str(REPO / "build" / "libtimconvgroup.so.1")]
    win = _native.candidate_paths("win32")
    assert win[0].endswith(os.path.join("_lib", "timconvgroup.dll"))
    assert win[1] == str(REPO / "build" / "platforms" / "windows-x64" / "timconvgroup.dll")
    mac = _native.candidate_paths("darwin")
    assert mac[0].endswith(os.path.join("_lib", "libtimconvgroup.dylib"))
    assert mac[1] == str(REPO / "build" / "platforms" / "macos" / "libtimconvgroup.dylib")
    monkeypatch.setenv(_native.LIBRARY_ENV, "/x/y.dll")
    assert _native.candidate_paths("win32") == ["/x/y.dll"]


# --- tags from real ELF files ---------------------------------------------------------------


def _readelf_newest_glibc(path: str) -> str:
    out = subprocess.run(["readelf", "-V", "--wide", path], capture_output=True, text=True, check=True).stdout
    vs = sorted({(int(a), int(b)) for a, b in re.findall(r"Name: GLIBC_(\d+)\.(\d+)", out)})
    return f"{vs[-1][0]}_{vs[-1][1]}"


def _compile(tmp: Path, cc: str, src: str, name: str, extra: List[str]) -> str:
    if not shutil.which(cc):
        pytest.skip(f"{cc} not installed")
    c = tmp / (name + ".c")
    c.write_text(src)
    out = tmp / name
    subprocess.run([cc, "-shared", "-fPIC", "-o", str(out), str(c)] + extra, check=True)
    return str(out)


NEEDS_234 = "#include <pthread.h>\nvoid* f(void){ return (void*)pthread_create; }\n"
PLAIN = "#include <string.h>\nvoid g(char* d, const char* s, size_t n){ memcpy(d, s, n); }\n"


def test_tag_is_newest_glibc_version_host(tmp_path: Path) -> None:
    lib = _compile(tmp_path, "gcc", NEEDS_234, "libneeds.so", [])
    tag = wheel_tag.platform_tag(lib)
    assert tag == f"manylinux_{_readelf_newest_glibc(lib)}_x86_64"
    assert tag == "manylinux_2_34_x86_64"  # pthread_create moved into libc in glibc 2.34


def test_tag_follows_the_library_not_the_machine(tmp_path: Path) -> None:
    lib = _compile(tmp_path, "gcc", PLAIN, "libplain.so", [])
    tag = wheel_tag.platform_tag(lib)
    assert tag == f"manylinux_{_readelf_newest_glibc(lib)}_x86_64"
    assert tag != "manylinux_2_34_x86_64"


@pytest.mark.parametrize("cc,arch", [("aarch64-linux-gnu-gcc", "aarch64"), ("arm-linux-gnueabihf-gcc", "armv7l")])
def test_tag_cross_arch(tmp_path: Path, cc: str, arch: str) -> None:
    lib = _compile(tmp_path, cc, NEEDS_234, "libx.so", [])
    assert wheel_tag.platform_tag(lib) == f"manylinux_{_readelf_newest_glibc(lib)}_{arch}"


def test_tag_refuses_non_manylinux_dependency(tmp_path: Path) -> None:
    dep = _compile(tmp_path, "gcc", "int dep(void){return 1;}\n", "libdep.so", [])
    lib = _compile(tmp_path, "gcc", "int dep(void);\nint h(void){return dep();}\n", "libuses.so",
                   [dep, "-Wl,--no-as-needed"])
    with pytest.raises(ValueError, match="libdep.so"):
        wheel_tag.platform_tag(lib)


def test_tag_refuses_library_without_glibc(tmp_path: Path) -> None:
    lib = _compile(tmp_path, "gcc", "int k(void){return 3;}\n", "libnolibc.so", ["-nostdlib"])
    with pytest.raises(ValueError, match="GLIBC"):
        wheel_tag.platform_tag(lib)


def _built_libraries() -> List[Path]:
    return sorted((REPO / "build" / "platforms").glob("linux-*/libtimconvgroup.so.1")) + sorted(
        (REPO / "build").glob("libtimconvgroup.so.1")
    )


@pytest.mark.parametrize("lib", _built_libraries(), ids=lambda p: str(p.relative_to(REPO)))
def test_tag_of_built_libraries(lib: Path) -> None:
    arch = {"linux-arm64": "aarch64", "linux-armv7": "armv7l"}.get(lib.parent.name, "x86_64")
    assert wheel_tag.platform_tag(str(lib)) == f"manylinux_{_readelf_newest_glibc(str(lib))}_{arch}"


# --- tags from synthetic PE / Mach-O headers --------------------------------------------------


def _pe(machine: int) -> bytes:
    head = bytearray(0x40)
    head[0:2] = b"MZ"
    struct.pack_into("<I", head, 0x3C, 0x40)
    return bytes(head) + b"PE\0\0" + struct.pack("<H", machine) + bytes(20)


@pytest.mark.parametrize("machine,tag", [(0x8664, "win_amd64"), (0xAA64, "win_arm64"), (0x14C, "win32")])
def test_pe_tags(tmp_path: Path, machine: int, tag: str) -> None:
    f = tmp_path / "timconvgroup.dll"
    f.write_bytes(_pe(machine))
    assert wheel_tag.platform_tag(str(f)) == tag


def test_macho_universal_tag(tmp_path: Path) -> None:
    fat = struct.pack(">II", 0xCAFEBABE, 2) + struct.pack(">IIIII", 0x01000007, 3, 0, 0, 0) + struct.pack(
        ">IIIII", 0x0100000C, 0, 0, 0, 0
    )
    f = tmp_path / "libtimconvgroup.dylib"
    f.write_bytes(fat)
    assert wheel_tag.platform_tag(str(f)) == "macosx_11_0_universal2"


def test_library_file_name_per_tag() -> None:
    assert wheel_tag.library_file_name("manylinux_2_34_aarch64") == "libtimconvgroup.so"
    assert wheel_tag.library_file_name("win_amd64") == "timconvgroup.dll"
    assert wheel_tag.library_file_name("macosx_11_0_universal2") == "libtimconvgroup.dylib"


# --- the wheel checker refuses wheels whose tag or contents are wrong --------------------------


def _fake_wheel(tmp: Path, tag: str, lib_src: Path, lib_name: str) -> str:
    path = tmp / f"timconvgroup-1.0.0-py3-none-{tag}.whl"
    with zipfile.ZipFile(path, "w") as z:
        for f in ("__init__.py", "_native.py", "py.typed"):
            z.writestr(f"timconvgroup/{f}", "")
        z.write(lib_src, f"timconvgroup/_lib/{lib_name}")
        z.writestr("timconvgroup-1.0.0.dist-info/WHEEL",
                   f"Wheel-Version: 1.0\nRoot-Is-Purelib: false\nTag: py3-none-{tag}\n")
    return str(path)


def test_check_wheel_refuses_a_lying_tag(tmp_path: Path) -> None:
    lib = Path(_compile(tmp_path, "gcc", NEEDS_234, "libneeds.so", []))
    wheel = _fake_wheel(tmp_path, "manylinux_2_17_x86_64", lib, "libtimconvgroup.so")
    with pytest.raises(AssertionError, match="allows manylinux_2_34_x86_64"):
        check_wheel.main(wheel)


def test_check_wheel_refuses_the_wrong_library_name(tmp_path: Path) -> None:
    dll = tmp_path / "x.dll"
    dll.write_bytes(_pe(0x8664))
    wheel = _fake_wheel(tmp_path, "win_amd64", dll, "libtimconvgroup.so")
    with pytest.raises(AssertionError, match="timconvgroup.dll missing"):
        check_wheel.main(wheel)


def test_check_wheel_accepts_a_windows_wheel_by_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dll = tmp_path / "x.dll"
    dll.write_bytes(_pe(0x8664))
    assert check_wheel.main(_fake_wheel(tmp_path, "win_amd64", dll, "timconvgroup.dll")) == 0
    assert "not runnable on this machine" in capsys.readouterr().out
