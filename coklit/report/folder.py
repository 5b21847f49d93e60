"""Result folders that are never half-written, mixed or written over an input.

A run writes into a staging folder next to ``--out`` (``.hasil.coklit-baru-…``) and, once every
file is complete, puts it in place of ``--out`` in one step. Whatever happens before that
step (a kill, a full disk, a crash), ``--out`` still holds the previous complete result;
after it, the new one. Files of earlier runs that this run does not produce disappear with
the old folder.

* **Lock.** A lock file next to ``--out`` (``.hasil.coklit-kunci``) is held with the operating
  system's file lock for the whole run, so a second run on the same folder stops at once
  with a message. The lock dies with the process: a killed run never leaves a stale lock.
* **What may be replaced.** ``--out`` must be a new folder, an empty one, or a folder of coklit
  results (only coklit's file names). A folder with other files, a folder holding an input,
  or a file is refused: coklit never deletes what it did not write.
* **Swap.** On Linux the two folders are exchanged atomically (``renameat2`` with
  ``RENAME_EXCHANGE``). Elsewhere the old folder is renamed aside first; if the process dies
  between the two renames, the next run (or ``coklit laporan``) puts it back.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import datetime as dt
import errno
import os
import secrets
import shutil
import socket
import sys
from collections.abc import Iterable
from pathlib import Path

from coklit.errors import OutputError
from coklit.i18n import Msg

STAGING_TAG = ".coklit-baru-"
ASIDE_TAG = ".coklit-lama-"
LOCK_TAG = ".coklit-kunci"
# Files an operating system or file manager drops into any folder: not worth refusing for.
IGNORABLE = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".directory"})


def _reason(error: OSError) -> tuple[str, str]:
    """(reason key, hint key) for an operating-system error."""
    code = error.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "output.reason.full", "output.hint.full"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        if sys.platform == "win32" and code == errno.EACCES:
            return "output.reason.busy", "output.hint.busy"
        return "output.reason.denied", "output.hint.other"
    if code in (errno.EBUSY, getattr(errno, "ETXTBSY", -1)):
        return "output.reason.busy", "output.hint.busy"
    if code in (errno.ENAMETOOLONG, errno.EINVAL):
        return "output.reason.name", "output.hint.other"
    return "", "output.hint.other"


def write_error(path: Path, error: OSError) -> OutputError:
    """The one message for an operating-system error while writing results to ``path``."""
    reason, hint = _reason(error)
    return OutputError("output.cannot_write", path=str(path),
                       reason=Msg(reason) if reason else (error.strerror or str(error)),
                       hint=Msg(hint))


# --- lock -------------------------------------------------------------------------------------


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            os.lseek(fd, 1 << 30, os.SEEK_SET)  # lock a byte far from the holder's note
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class _Lock:
    """An exclusive, non-blocking lock on ``path`` that dies with the process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def acquire(self, shown: str) -> None:
        for _ in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                os.close(fd)
                raise OutputError("output.locked", path=shown, holder=self._holder())
            try:  # the holder may have removed the file between our open and our lock
                current = os.stat(self.path)
            except FileNotFoundError:
                current = None
            if current is not None and os.path.samestat(os.fstat(fd), current):
                self.fd = fd
                note = (f"pid {os.getpid()} @ {socket.gethostname()}, "
                        f"{dt.datetime.now().isoformat(timespec='seconds')}\n")
                os.lseek(fd, 0, os.SEEK_SET)
                os.ftruncate(fd, 0)
                os.write(fd, note.encode("utf-8"))
                return
            os.close(fd)
        raise OutputError("output.locked", path=shown, holder="?")

    def _holder(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8", errors="replace").strip()[:120] or "?"
        except OSError:
            return "?"

    def release(self) -> None:
        if self.fd is None:
            return
        if sys.platform != "win32":
            with contextlib.suppress(OSError):
                self.path.unlink()  # while still locked: nobody can be waiting on this file
        os.close(self.fd)
        self.fd = None
        if sys.platform == "win32":  # pragma: no cover
            with contextlib.suppress(OSError):
                self.path.unlink()


# --- swap -------------------------------------------------------------------------------------

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux ``renameat2``); False where not available."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                          ctypes.c_uint]
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, getattr(errno, "EOPNOTSUPP", -1)):
        return False  # file system without exchange: use two renames
    raise OSError(code, os.strerror(code), str(b))


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


# --- the folder -------------------------------------------------------------------------------


class ResultFolder:
    """``--out`` for one run: locked, checked, written aside and swapped into place.

    Use as a context manager around the whole run::

        with ResultFolder(out, inputs) as target:
            result = run_check(...)
            written = target.commit_with(lambda staging: write_tree(result, staging, cfg))

    ``known`` says which entries a coklit result folder may hold (so that only such a folder
    is ever replaced).
    """

    def __init__(self, out: Path, inputs: Iterable[Path] = (), known: Iterable[str] = ()) -> None:
        self.out = Path(out)
        self.inputs = [Path(p) for p in inputs]
        self.known = frozenset(known)
        self.staging: Path | None = None
        self._lock: _Lock | None = None
        self.committed = False

    # Paths next to --out
    def _sibling(self, tag: str) -> Path:
        return self.parent / f".{self.name}{tag}"

    def __enter__(self) -> ResultFolder:
        if self._lock is None:
            self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        out = self.out
        shown = str(out)
        if out.exists() and not out.is_dir():
            raise OutputError("output.is_file", path=shown)
        absolute = Path(os.path.abspath(out))
        self.parent, self.name = absolute.parent, absolute.name or "hasil"
        if not absolute.name:  # the root of a drive: never replaceable
            raise OutputError("output.foreign", path=shown, files="/")
        resolved = absolute.resolve()
        for item in self.inputs:
            target = Path(os.path.abspath(item)).resolve()
            if target == resolved or resolved in target.parents:
                raise OutputError("output.is_input", path=shown, input=str(item))
        try:
            self.parent.mkdir(parents=True, exist_ok=True)
            self._lock = _Lock(self._sibling(LOCK_TAG))
            self._lock.acquire(shown)
        except OSError as error:
            raise write_error(self.parent, error) from None
        try:
            self._recover()
            self._check_contents(shown)
            self.staging = self._sibling(STAGING_TAG + f"{os.getpid()}-{secrets.token_hex(3)}")
            self.staging.mkdir()
        except OSError as error:
            self.close()
            raise write_error(self.parent, error) from None
        except BaseException:
            self.close()
            raise

    def _recover(self) -> None:
        """Clean up after an earlier run that was killed: a staging folder is dropped; an old
        result set aside but never replaced is put back."""
        for stale in self.parent.glob(f".{self.name}{STAGING_TAG}*"):
            _remove_tree(stale)
        aside = sorted(self.parent.glob(f".{self.name}{ASIDE_TAG}*"),
                       key=lambda p: p.stat().st_mtime)
        if aside and not self.out.exists():
            os.rename(aside.pop(), self.out)
        for old in aside:
            _remove_tree(old)

    def _check_contents(self, shown: str) -> None:
        if not self.out.is_dir():
            return
        foreign = sorted(p.name for p in self.out.iterdir()
                         if p.name not in self.known and p.name not in IGNORABLE)
        if foreign:
            listed = ", ".join(foreign[:5]) + (", …" if len(foreign) > 5 else "")
            raise OutputError("output.foreign", path=shown, files=listed)

    def final_path(self, path: Path) -> Path:
        """Where a file written into the staging folder ends up after the swap."""
        assert self.staging is not None
        return self.out / Path(path).relative_to(self.staging)

    def commit(self) -> None:
        """Put the staging folder in place of ``--out`` (see the module doc)."""
        assert self.staging is not None and not self.committed
        try:
            if not self.out.exists():
                os.rename(self.staging, self.out)
            elif _exchange(self.staging, self.out):
                _remove_tree(self.staging)  # now holds the previous result
            else:
                aside = self._sibling(ASIDE_TAG + secrets.token_hex(3))
                os.rename(self.out, aside)
                os.rename(self.staging, self.out)
                _remove_tree(aside)
        except OSError as error:
            raise write_error(self.out, error) from None
        self.committed = True

    def close(self) -> None:
        if self.staging is not None and not self.committed:
            _remove_tree(self.staging)
        if self._lock is not None:
            self._lock.release()
            self._lock = None
