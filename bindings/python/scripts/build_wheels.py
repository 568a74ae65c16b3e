"""Builds one wheel per native library given (the libraries `make platforms` put in build/platforms/,
plus the host's build), each tagged with the platform the library itself allows (wheel_tag.py), then
checks every wheel (check_wheel.py). Fails when a library has no honest tag.

Usage: python3 scripts/build_wheels.py DIST LIBRARY...
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import check_wheel  # noqa: E402
import wheel_tag  # noqa: E402

PKG = HERE.parent


def build_one(lib: str, dist: Path, stage_root: Path) -> Path:
    tag = wheel_tag.platform_tag(lib)
    stage = stage_root / tag
    shutil.rmtree(stage, ignore_errors=True)
    (stage / "timconvgroup" / "_lib").mkdir(parents=True)
    for f in (PKG / "timconvgroup").iterdir():
        if f.suffix == ".py" or f.name == "py.typed":
            shutil.copy(f, stage / "timconvgroup" / f.name)
    shutil.copy(lib, stage / "timconvgroup" / "_lib" / wheel_tag.library_file_name(tag))
    for f in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(PKG / f, stage / f)
    before = set(dist.glob("*.whl"))
    env = dict(os.environ, TIMCONVGROUP_WHEEL_PLAT=tag)
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), "."],
                   cwd=stage, env=env, check=True, stdout=subprocess.DEVNULL)
    made = sorted(set(dist.glob("*.whl")) - before)
    if len(made) != 1 or not made[0].name.endswith(f"-py3-none-{tag}.whl"):
        raise SystemExit(f"wheel for {lib}: expected one *-py3-none-{tag}.whl, got {[m.name for m in made]}")
    print(f"{lib} -> {made[0].name}")
    return made[0]


def main(argv: list) -> int:
    dist = Path(argv[0]).resolve()
    libs = argv[1:]
    if not libs:
        raise SystemExit("build_wheels: no library given (run `make lib` or `make platforms` first)")
    dist.mkdir(parents=True, exist_ok=True)
    stage_root = PKG / "build" / "stage"
    seen = {}
    wheels = []
    for lib in libs:
        tag = wheel_tag.platform_tag(lib)
        if tag in seen:
            print(f"{lib}: same platform as {seen[tag]}, skipped")
            continue
        seen[tag] = lib
        wheels.append(build_one(lib, dist, stage_root))
    for w in wheels:
        check_wheel.main(str(w))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
