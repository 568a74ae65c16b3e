"""Finding, loading and declaring the native library (ctypes).

The library's file name depends on the platform: ``timconvgroup.dll`` on Windows,
``libtimconvgroup.dylib`` on macOS, ``libtimconvgroup.so`` elsewhere. Lookup order:
1. the environment variable ``TIMCONVGROUP_LIBRARY`` (a path to the library file);
2. the copy inside this package (``timconvgroup/_lib/<name>``, put there by ``make wheel``);
3. the repository's build output: ``<repo>/build/libtimconvgroup.so`` (or ``.so.1``) on Linux,
   ``<repo>/build/platforms/windows-x64/timconvgroup.dll`` on Windows,
   ``<repo>/build/platforms/macos/libtimconvgroup.dylib`` on macOS.

The library is loaded lazily (the first ``Client()``), once per process: it embeds a Go runtime,
which can be neither unloaded nor loaded twice.
"""

from __future__ import annotations

import ctypes
import os
import sys
import threading
from ctypes import CFUNCTYPE, c_bool, c_char_p, c_int, c_int32, c_uint32, c_uint64, c_void_p
from pathlib import Path
from typing import Any, List, Optional

__all__ = [
    "EXPECTED_MAJOR",
    "LIBRARY_ENV",
    "LibraryError",
    "candidate_paths",
    "library_name",
    "check_version",
    "load",
    "TIMCommCallback",
    "TIMLogCallback",
    "TIMConvEventCallback",
    "TIMConvTotalUnreadMessageCountChangedCallback",
    "TIMConvTotalUnreadMessageCountChangedByFilterCallback",
    "TIMConvConversationGroupCreatedCallback",
    "TIMConvConversationGroupDeletedCallback",
    "TIMConvConversationGroupNameChangedCallback",
    "TIMConvConversationsAddedToGroupCallback",
    "TIMConvConversationsDeletedFromGroupCallback",
    "TIMConvSyncRejectedCallback",
]

#: The major version of the C ABI this binding is written for (``TIMCONVGROUP_VERSION_MAJOR``).
EXPECTED_MAJOR = 1
LIBRARY_ENV = "TIMCONVGROUP_LIBRARY"

_PACKAGE_DIR = Path(__file__).resolve().parent


class LibraryError(RuntimeError):
    """The native library could not be found or loaded, or its version does not fit."""


# Callback prototypes (timconvgroup.h §2). c_char_p arguments arrive as bytes copies (or None),
# which is what "borrowed: copy what you keep" asks for.
TIMCommCallback = CFUNCTYPE(None, c_int32, c_char_p, c_char_p, c_void_p)
TIMLogCallback = CFUNCTYPE(None, c_int, c_char_p, c_void_p)
TIMConvEventCallback = CFUNCTYPE(None, c_int, c_char_p, c_void_p)
TIMConvTotalUnreadMessageCountChangedCallback = CFUNCTYPE(None, c_int, c_void_p)
TIMConvTotalUnreadMessageCountChangedByFilterCallback = CFUNCTYPE(None, c_char_p, c_int, c_void_p)
TIMConvConversationGroupCreatedCallback = CFUNCTYPE(None, c_char_p, c_char_p, c_void_p)
TIMConvConversationGroupDeletedCallback = CFUNCTYPE(None, c_char_p, c_void_p)
TIMConvConversationGroupNameChangedCallback = CFUNCTYPE(None, c_char_p, c_char_p, c_void_p)
TIMConvConversationsAddedToGroupCallback = CFUNCTYPE(None, c_char_p, c_char_p, c_void_p)
TIMConvConversationsDeletedFromGroupCallback = CFUNCTYPE(None, c_char_p, c_char_p, c_uint32, c_void_p)
TIMConvSyncRejectedCallback = CFUNCTYPE(None, c_char_p, c_void_p)

_CB = TIMCommCallback

# name: (restype, argtypes)
_PROTOTYPES: "dict[str, tuple[Any, List[Any]]]" = {
    "TIMInit": (c_int, [c_uint64, c_char_p]),
    "TIMUninit": (c_int, []),
    "TIMGetSDKVersion": (c_char_p, []),
    "TIMSetLogCallback": (None, [TIMLogCallback, c_void_p]),
    "TIMDispatchCallbacks": (c_int, [c_int32]),
    "TIMLogin": (c_int, [c_char_p, c_char_p, _CB, c_void_p]),
    "TIMLogout": (c_int, [_CB, c_void_p]),
    "TIMGetLoginStatus": (c_int, []),
    "TIMGetLoginUserID": (c_int, [c_char_p]),
    "TIMSetConvEventCallback": (None, [TIMConvEventCallback, c_void_p]),
    "TIMSetConvTotalUnreadMessageCountChangedCallback": (None, [TIMConvTotalUnreadMessageCountChangedCallback, c_void_p]),
    "TIMSetConvUnreadMessageCountChangedByFilterCallback": (
        None,
        [TIMConvTotalUnreadMessageCountChangedByFilterCallback, c_void_p],
    ),
    "TIMSetConvConversationGroupCreatedCallback": (None, [TIMConvConversationGroupCreatedCallback, c_void_p]),
    "TIMSetConvConversationGroupDeletedCallback": (None, [TIMConvConversationGroupDeletedCallback, c_void_p]),
    "TIMSetConvConversationGroupNameChangedCallback": (None, [TIMConvConversationGroupNameChangedCallback, c_void_p]),
    "TIMSetConvConversationsAddedToGroupCallback": (None, [TIMConvConversationsAddedToGroupCallback, c_void_p]),
    "TIMSetConvConversationsDeletedFromGroupCallback": (
        None,
        [TIMConvConversationsDeletedFromGroupCallback, c_void_p],
    ),
    "TIMConvUpsertConversations": (c_int, [c_char_p, _CB, c_void_p]),
    "TIMConvGetConvList": (c_int, [_CB, c_void_p]),
    "TIMConvGetConvInfo": (c_int, [c_char_p, _CB, c_void_p]),
    "TIMConvDelete": (c_int, [c_char_p, c_int, _CB, c_void_p]),
    "TIMConvDeleteConversationList": (c_int, [c_char_p, c_bool, _CB, c_void_p]),
    "TIMConvSetDraft": (c_int, [c_char_p, c_int, c_char_p]),
    "TIMConvCancelDraft": (c_int, [c_char_p, c_int]),
    "TIMConvSetConversationCustomData": (c_int, [c_char_p, c_char_p, _CB, c_void_p]),
    "TIMConvPinConversation": (c_int, [c_char_p, c_int, c_bool, _CB, c_void_p]),
    "TIMConvMarkConversation": (c_int, [c_char_p, c_uint64, c_bool, _CB, c_void_p]),
    "TIMConvGetTotalUnreadMessageCount": (c_int, [_CB, c_void_p]),
    "TIMConvGetUnreadMessageCountByFilter": (c_int, [c_char_p, _CB, c_void_p]),
    "TIMConvSubscribeUnreadMessageCountByFilter": (c_int, [c_char_p]),
    "TIMConvUnsubscribeUnreadMessageCountByFilter": (c_int, [c_char_p]),
    "TIMConvCleanConversationUnreadMessageCount": (c_int, [c_char_p, c_uint64, c_uint64, _CB, c_void_p]),
    "TIMConvGetConversationListByFilter": (c_int, [c_char_p, c_uint64, c_uint32, _CB, c_void_p]),
    "TIMConvCreateConversationGroup": (c_int, [c_char_p, c_char_p, _CB, c_void_p]),
    "TIMConvGetConversationGroupList": (c_int, [_CB, c_void_p]),
    "TIMConvDeleteConversationGroup": (c_int, [c_char_p, _CB, c_void_p]),
    "TIMConvRenameConversationGroup": (c_int, [c_char_p, c_char_p, _CB, c_void_p]),
    "TIMConvAddConversationsToGroup": (c_int, [c_char_p, c_char_p, _CB, c_void_p]),
    "TIMConvDeleteConversationsFromGroup": (c_int, [c_char_p, c_char_p, _CB, c_void_p]),
    "TIMSetConvSyncRejectedCallback": (None, [TIMConvSyncRejectedCallback, c_void_p]),
    "TIMConvSyncGetPendingChanges": (c_int, [c_uint32, _CB, c_void_p]),
    "TIMConvSyncApply": (c_int, [c_char_p, _CB, c_void_p]),
}

_lock = threading.Lock()
_lib: Optional[ctypes.CDLL] = None
_path: Optional[str] = None


def library_name(platform: Optional[str] = None) -> str:
    """The library's file name on ``platform`` (a ``sys.platform`` value; default: this one)."""
    plat = sys.platform if platform is None else platform
    if plat in ("win32", "cygwin"):
        return "timconvgroup.dll"
    if plat == "darwin":
        return "libtimconvgroup.dylib"
    return "libtimconvgroup.so"


#: The library's file name on this platform.
LIBRARY_NAME = library_name()


def _repo_build_paths(plat: str) -> List[Path]:
    build = _PACKAGE_DIR.parent.parent.parent / "build"
    if plat in ("win32", "cygwin"):
        return [build / "platforms" / "windows-x64" / "timconvgroup.dll"]
    if plat == "darwin":
        return [build / "platforms" / "macos" / "libtimconvgroup.dylib"]
    return [build / "libtimconvgroup.so", build / "libtimconvgroup.so.1"]


def candidate_paths(platform: Optional[str] = None) -> List[str]:
    """Where the library is looked for, in order (the env variable, when set, is the only one)."""
    env = os.environ.get(LIBRARY_ENV)
    if env:
        return [env]
    plat = sys.platform if platform is None else platform
    return [str(_PACKAGE_DIR / "_lib" / library_name(plat))] + [str(p) for p in _repo_build_paths(plat)]


def find() -> str:
    """The path of the library that ``load()`` would load; raises LibraryError when none exists."""
    env = os.environ.get(LIBRARY_ENV)
    if env:
        if not os.path.isfile(env):
            raise LibraryError(f"{LIBRARY_ENV}={env!r} does not name a file")
        return env
    tried = candidate_paths()
    for p in tried:
        if os.path.isfile(p):
            return p
    raise LibraryError(
        f"{library_name()} not found; looked in: "
        + ", ".join(tried)
        + f". Set {LIBRARY_ENV} to its path, install the wheel (which bundles it), or build it "
        "(`make lib` at the repository root; `make platforms` for Windows)."
    )


def check_version(version: str, path: str = "the library") -> None:
    """Raise LibraryError unless ``version`` ("1.x.y") has the major version this binding expects."""
    head = version.split(".", 1)[0]
    try:
        major = int(head)
    except ValueError:
        raise LibraryError(
            f"{path} reports version {version!r}, which is not a version number; "
            f"this binding needs libtimconvgroup {EXPECTED_MAJOR}.x"
        ) from None
    if major != EXPECTED_MAJOR:
        raise LibraryError(
            f"{path} is libtimconvgroup {version}, but this Python binding needs {EXPECTED_MAJOR}.x; "
            f"install a matching binding or point {LIBRARY_ENV} at a {EXPECTED_MAJOR}.x library"
        )


def _declare(lib: ctypes.CDLL, path: str) -> None:
    missing = []
    for name, (restype, argtypes) in _PROTOTYPES.items():
        try:
            fn = getattr(lib, name)
        except AttributeError:
            missing.append(name)
            continue
        fn.restype = restype
        fn.argtypes = argtypes
    if missing:
        raise LibraryError(f"{path} lacks these functions: {', '.join(missing)}")


def load() -> ctypes.CDLL:
    """Load (once) and return the library, after checking its version."""
    global _lib, _path
    with _lock:
        if _lib is not None:
            return _lib
        path = find()
        try:
            if sys.platform == "win32":
                # Let Windows resolve anything next to the DLL too (Python 3.8+ no longer uses PATH).
                os.add_dll_directory(os.path.dirname(os.path.abspath(path)))
            lib = ctypes.CDLL(path)
        except OSError as e:
            raise LibraryError(f"cannot load {path}: {e}") from e
        try:
            get_version = lib.TIMGetSDKVersion
        except AttributeError:
            raise LibraryError(f"{path} is not libtimconvgroup (no TIMGetSDKVersion)") from None
        get_version.restype = c_char_p
        get_version.argtypes = []
        raw = get_version()
        version = raw.decode("utf-8", "replace") if raw else ""
        check_version(version, path)
        _declare(lib, path)
        _lib, _path = lib, path
        return lib


def loaded_path() -> Optional[str]:
    """The path of the loaded library, or None before the first load."""
    return _path
