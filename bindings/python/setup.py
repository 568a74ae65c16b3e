"""Only here to make the wheel platform-specific: the package carries a native library (loaded with
ctypes, so it does not depend on the Python ABI) → tag ``py3-none-<platform>``, files in the
wheel's root (platlib), ``Root-Is-Purelib: false``. Metadata is in pyproject.toml.

``make wheel`` (scripts/build_wheels.py) sets ``TIMCONVGROUP_WHEEL_PLAT`` to the platform tag the
bundled library allows (``manylinux_2_34_x86_64``, ``win_amd64``...): the wheel is built on one
machine for several platforms, so the build machine's own platform would be wrong."""

import os
from typing import Any, Dict, Tuple

from setuptools import setup
from setuptools.dist import Distribution


class BinaryDistribution(Distribution):
    """A distribution with a native part (the bundled libtimconvgroup.so)."""

    def has_ext_modules(self) -> bool:
        return True


cmdclass: Dict[str, Any] = {}
try:
    from wheel.bdist_wheel import bdist_wheel as _bdist_wheel
except ImportError:  # pragma: no cover - sdist-only environments
    pass
else:

    class bdist_wheel(_bdist_wheel):  # type: ignore[misc,valid-type]
        def get_tag(self) -> Tuple[str, str, str]:
            _python, _abi, plat = super().get_tag()
            return "py3", "none", os.environ.get("TIMCONVGROUP_WHEEL_PLAT") or plat

    cmdclass["bdist_wheel"] = bdist_wheel

setup(distclass=BinaryDistribution, cmdclass=cmdclass)
