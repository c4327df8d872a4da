"""Putting a built site in place: built aside, switched in with one atomic call, under a lock.

Beside the site folder (``site/``) a build uses:

- ``.site.lock``: held (``flock``) while a build of this site runs, so a second build into the
  same folder stops at once with one line instead of tripping over the first. The file stays:
  removing a lock file races with the next build that opens it.
- ``.site-build-<random>``: the site being built; once switched in, the previous site leaves
  through it. A build killed half-way leaves one behind, and the next build (holding the lock,
  so no other build owns it) removes it.

The switch is Linux's ``renameat2(RENAME_EXCHANGE)``: the new site and the previous one trade
places in one system call, so ``site/`` is at every moment one complete site or the other, and
stays a real folder. (A ``site`` symlink flipped to versioned folders would be atomic too, but
``.gitignore``'s ``site/`` does not match a symlink, and web servers, ``rsync`` and archives
treat it differently from the folder they were set up for.) Where the exchange is not offered
(another system, a file system without it) the previous site is renamed aside and the new one
renamed in: two calls, with a moment in between without a site.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import secrets
import shutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

# Tests stop a build at one of these points (SIGSTOP) to kill it there: see tests/site.
STOP_AT_ENV = "HANDBOOK_BUILD_STOP_AT"
STOP_POINTS = ("locked", "staged", "switched")


class SiteDirError(Exception):
    """The site folder cannot be written, or another build holds it: one line for the user."""


def stop_at(point: str) -> None:
    if os.environ.get(STOP_AT_ENV) == point:
        os.kill(os.getpid(), signal.SIGSTOP)


def _names(target: Path) -> tuple[str, str]:
    """The prefixes of the folders a build of ``target`` owns beside it."""
    return f".{target.name}-build-", f".{target.name}-old-"


@contextlib.contextmanager
def locked(target: Path) -> Iterator[None]:
    lock_path = target.with_name(f".{target.name}.lock")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as error:
        raise SiteDirError(_cannot_write(target.parent, error)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SiteDirError(f"another build is running into {target}: wait for it to "
                               "finish, or build into another folder") from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


def remove_stale(target: Path) -> list[str]:
    """Remove what killed builds of ``target`` left beside it; what could not be removed."""
    left: list[str] = []
    for entry in sorted(target.parent.iterdir()):
        owned = entry.name.startswith(_names(target)) and not entry.is_symlink()
        if owned and entry.is_dir() and not _remove(entry):
            left.append(f"could not remove {entry}, left by an earlier build: remove it")
    return left


def new_staging(target: Path) -> Path:
    """An empty folder beside ``target`` to build into, with the permissions the umask gives
    (``tempfile.mkdtemp`` would make it, and so the site, readable by its owner only)."""
    for _ in range(8):
        staging = target.with_name(f"{_names(target)[0]}{secrets.token_hex(4)}")
        try:
            staging.mkdir()
            return staging
        except FileExistsError:
            continue
        except OSError as error:
            raise SiteDirError(_cannot_write(target.parent, error)) from None
    raise SiteDirError(f"cannot create a build folder beside {target}")  # pragma: no cover


def switch(staging: Path, target: Path) -> list[str]:
    """Put the site built in ``staging`` at ``target``; the previous one is removed. Returns
    what could not be cleaned up."""
    if target.exists() and not target.is_dir():
        raise SiteDirError(f"{target} is a file, not a folder: move it, or build into another "
                           "folder")
    try:
        if not target.exists():
            staging.rename(target)
            return []
        old = staging if _exchange(staging, target) else _two_renames(staging, target)
    except OSError as error:
        raise SiteDirError(f"cannot replace {target}: {error.strerror or error}: make it "
                           "writable, or build into another folder") from None
    stop_at("switched")
    if _remove(old):
        return []
    return [f"could not remove the previous site, now at {old}: remove it"]


def discard(staging: Path) -> None:
    _remove(staging)


def _remove(folder: Path) -> bool:
    shutil.rmtree(folder, ignore_errors=True)
    return not folder.exists()


def _two_renames(staging: Path, target: Path) -> Path:
    old = target.with_name(f"{_names(target)[1]}{secrets.token_hex(4)}")
    target.rename(old)
    staging.rename(target)
    return old


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one call; False where the system or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:  # a C library older than glibc 2.28
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _cannot_write(folder: Path, error: OSError) -> str:
    return (f"cannot write into {folder}: {error.strerror or error}: make it writable, or "
            "build into another folder")
