"""Checks a built wheel: platform tag py3-none-<platform>, not purelib, bundles the library, and
works when unpacked on its own (the bundled library is found without TIMCONVGROUP_LIBRARY)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from pathlib import Path


def main(wheel: str) -> int:
    name = Path(wheel).name
    plat = sysconfig.get_platform().replace("-", "_").replace(".", "_")
    assert name.endswith(f"-py3-none-{plat}.whl"), f"unexpected wheel tag: {name} (want py3-none-{plat})"
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        meta = next(n for n in names if n.endswith(".dist-info/WHEEL"))
        wheel_meta = z.read(meta).decode()
        assert "Root-Is-Purelib: false" in wheel_meta, wheel_meta
        for want in ("timconvgroup/__init__.py", "timconvgroup/py.typed", "timconvgroup/_lib/libtimconvgroup.so"):
            assert want in names, f"{want} missing from {name}"
        with tempfile.TemporaryDirectory() as tmp:
            z.extractall(tmp)
            code = (
                "import sys, tempfile, timconvgroup as t\n"
                "c = t.Client(tempfile.mkdtemp())\n"
                "c.login('me')\n"
                "c.upsert_conversations([{'conv_id': 'a', 'conv_type': 1}])\n"
                "c.create_conversation_group('g', ['c2c_a'])\n"
                "assert c.get_conversation_group_list() == ['g']\n"
                "c.close()\n"
                "p = t.library_path()\n"
                "assert p.startswith(sys.argv[1]) and '/_lib/' in p, p\n"
                "print('wheel ok:', t.sdk_version(), p)\n"
            )
            env = {k: v for k, v in os.environ.items() if k not in ("TIMCONVGROUP_LIBRARY", "PYTHONPATH")}
            env["PYTHONPATH"] = tmp
            subprocess.run([sys.executable, "-c", code, tmp], env=env, cwd=tmp, check=True, timeout=120)
    print(f"{name}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
