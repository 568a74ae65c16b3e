"""Checks a built wheel: tag py3-none-<platform>, where <platform> is exactly what the bundled library
allows (recomputed from the library in the wheel, and for ELF cross-checked with readelf when
present); not purelib; the package and exactly one library under the platform's name. A wheel for
this machine's platform is also installed into a temporary folder and used (the bundled library
is found without TIMCONVGROUP_LIBRARY); others are checked for content and tag only.

Usage: python3 scripts/check_wheel.py WHEEL
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import wheel_tag  # noqa: E402


def readelf_glibc(path: str) -> str:
    """The newest GLIBC_2.x version readelf sees in the library's version needs ('' without readelf)."""
    if not shutil.which("readelf"):
        return ""
    out = subprocess.run(["readelf", "-V", "--wide", path], capture_output=True, text=True, check=True).stdout
    vs = sorted({tuple(int(x) for x in m) for m in re.findall(r"Name: GLIBC_(\d+)\.(\d+)", out)})
    return f"{vs[-1][0]}_{vs[-1][1]}" if vs else ""


def host_runs(tag: str) -> bool:
    plat = sysconfig.get_platform()  # linux-x86_64, win-amd64, macosx-11.0-arm64
    if plat.startswith("linux-"):
        return tag.startswith("manylinux_") and tag.endswith("_" + plat.split("-", 1)[1])
    return tag == plat.replace("-", "_").replace(".", "_")


def main(wheel: str) -> int:
    name = Path(wheel).name
    m = re.fullmatch(r"timconvgroup-[^-]+-py3-none-(.+)\.whl", name)
    assert m, f"unexpected wheel name: {name} (want timconvgroup-<v>-py3-none-<platform>.whl)"
    tag = m.group(1)
    lib_name = wheel_tag.library_file_name(tag)
    with zipfile.ZipFile(wheel) as z, tempfile.TemporaryDirectory() as tmp:
        names = z.namelist()
        meta = next(n for n in names if n.endswith(".dist-info/WHEEL"))
        wheel_meta = z.read(meta).decode()
        assert "Root-Is-Purelib: false" in wheel_meta, wheel_meta
        assert f"Tag: py3-none-{tag}" in wheel_meta, wheel_meta
        for want in ("timconvgroup/__init__.py", "timconvgroup/_native.py", "timconvgroup/py.typed",
                     f"timconvgroup/_lib/{lib_name}"):
            assert want in names, f"{want} missing from {name}"
        libs = [n for n in names if n.startswith("timconvgroup/_lib/")]
        assert libs == [f"timconvgroup/_lib/{lib_name}"], f"{name}: libraries {libs} (want only {lib_name})"
        z.extractall(tmp)
        lib = os.path.join(tmp, "timconvgroup", "_lib", lib_name)
        real = wheel_tag.platform_tag(lib)
        assert real == tag, f"{name} is tagged {tag}, but its library allows {real}"
        if tag.startswith("manylinux_"):
            seen = readelf_glibc(lib)
            if seen:
                assert tag.startswith(f"manylinux_{seen}_"), f"{name}: readelf says the newest glibc version is {seen}"
        if not host_runs(tag):
            print(f"{name}: ok (tag and contents; not runnable on this machine)")
            return 0
        code = (
            "import sys, tempfile, timconvgroup as t\n"
            "c = t.Client(tempfile.mkdtemp())\n"
            "c.login('me')\n"
            "c.upsert_conversations([{'conv_id': 'a', 'conv_type': 1}])\n"
            "c.create_conversation_group('g', ['c2c_a'])\n"
            "assert c.get_conversation_group_list() == ['g']\n"
            "c.close()\n"
            "p = t.library_path()\n"
            "assert p.startswith(sys.argv[1]) and '_lib' in p, p\n"
            "print('wheel ok:', t.sdk_version(), p)\n"
        )
        env = {k: v for k, v in os.environ.items() if k not in ("TIMCONVGROUP_LIBRARY", "PYTHONPATH")}
        env["PYTHONPATH"] = tmp
        subprocess.run([sys.executable, "-c", code, tmp], env=env, cwd=tmp, check=True, timeout=120)
    print(f"{name}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
