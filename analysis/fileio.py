"""Safe file input and output shared by the CLI, the report and the corpus runner (no heavy imports).

Reading: :func:`read_regular` reads a regular file only (never a FIFO, device or socket, so it can
not hang or read forever), with a size cap, and names symbolic-link loops as such.

Writing never destroys what the run did not make:

* :func:`check_output_file` refuses an output file that is a path the run reads, a folder, a
  symbolic link or a special file (``/dev/null`` stays a device); :func:`atomic_write` writes through
  a temporary file and a rename, so no partial file is ever left.
* :func:`output_folder` builds a folder output (a report, a corpus run) in a temporary folder beside
  it and swaps it in whole: readers see the old folder or the new one, never a mix. A lock file
  beside the folder stops a second run on the same folder; temporary folders of killed runs are
  removed. Of an earlier output, only the names this kind of output writes are replaced; anything
  else found in the folder is carried over into the new one. Nothing is read back from an earlier
  run's files to decide what to delete.

Every failure is an :class:`~analysis.errors.OutputError` with a one-line message naming the path
and what to do.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "out" / "x.txt"
    >>> atomic_write(p, "hello")
    >>> p.read_text()
    'hello'
"""
from __future__ import annotations

import errno
import os
import shutil
import stat
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .errors import ArticleError, OutputError

MARKER = ".analysis-output"  # written into every output folder; names what replaces it
_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket", stat.S_IFDIR: "a folder", stat.S_IFLNK: "a symbolic link"}


def file_kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words ("a FIFO (named pipe)", "a regular file"...)."""
    return _KINDS.get(stat.S_IFMT(mode), "a regular file" if stat.S_ISREG(mode) else "a special file")


def os_error_message(e: OSError, path, doing: str = "write") -> str:
    """One line for an ``OSError`` met while doing ``doing`` to ``path``, with what to do."""
    code = e.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        return f"{path}: disk full (no space left while trying to {doing} it); free some space or choose another place"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        why = "read-only file system" if code == errno.EROFS else "permission denied"
        return f"{path}: cannot {doing} ({why}); choose a place you can write to"
    if code == errno.EISDIR:
        return f"{path}: is a folder; give a file name"
    if code == errno.ENOTDIR:
        return f"{path}: a part of this path is a file, not a folder; choose another path"
    if code == errno.ELOOP:
        return f"{path}: a symbolic link loop (the link points back to itself); fix or remove the link"
    if code == errno.ENOENT:
        return f"{path}: no such file or folder"
    if code == errno.ENAMETOOLONG:
        return f"{path}: the name is too long; choose a shorter one"
    if code == errno.EFBIG:
        return f"{path}: the file grew over the size this system allows; free space or raise the limit"
    return f"{path}: cannot {doing} ({e.strerror or e})"


def _same(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _inside(child: str, parent: str) -> bool:
    """True if ``child`` is ``parent`` or lies below it (real paths, links resolved)."""
    c, p = os.path.realpath(child), os.path.realpath(parent)
    return c == p or c.startswith(p.rstrip(os.sep) + os.sep)


# --------------------------------------------------------------------------------- reading
def read_regular(path, max_bytes: int, what: str = "a file") -> bytes:
    """The bytes of a regular file, at most ``max_bytes + 1`` of them (the caller tells "too large"
    from ``len(data) > max_bytes``). A FIFO, device or socket, a folder, a missing path and a
    symbolic-link loop raise :class:`ArticleError` with a one-line message; nothing blocks.

    >>> read_regular("/dev/null", 10)
    Traceback (most recent call last):
    ...
    analysis.errors.ArticleError: /dev/null: a character device, not a regular file; give a file
    """
    try:
        st = os.stat(path)
    except OSError as e:
        raise ArticleError(os_error_message(e, path, "read")) from None
    if not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise ArticleError(f"{path}: is a directory, not an article file")
        raise ArticleError(f"{path}: {file_kind(st.st_mode)}, not a regular file; give {what}")
    try:
        # O_NONBLOCK: should the path have become a FIFO since the check, opening it does not wait
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise ArticleError(os_error_message(e, path, "read")) from None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ArticleError(f"{path}: not a regular file; give {what}")
        try:
            return f.read(max_bytes + 1)
        except OSError as e:
            raise ArticleError(os_error_message(e, path, "read")) from None


# ---------------------------------------------------------------------------- output files
def check_output_file(path, reads: Iterable = ()) -> Path:
    """Check an output file path before any work: not empty, not a path the run reads (``reads``:
    the input and every other file or folder read), not a folder, symbolic link or special file.
    Returns it as a :class:`~pathlib.Path`; raises :class:`OutputError`."""
    if path is None or str(path).strip() == "":
        raise OutputError("--out is empty: give a file name")
    p = Path(path)
    try:
        st = os.lstat(p)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise OutputError(os_error_message(e, path, "write")) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise OutputError(f"{path}: is a folder; --out needs a file name (e.g. {Path(path) / 'out.json'})")
        raise OutputError(f"{path}: is {file_kind(st.st_mode)}; --out must be a new or regular file, "
                          "which is replaced (choose another path)")
    for r in reads:
        if r is None or not os.path.exists(r):
            continue
        if os.path.isdir(r):
            if _inside(str(p), str(r)):
                raise OutputError(f"{path}: lies inside {r}, which this run reads; choose another --out")
        elif st is not None and _same(str(p), str(r)):
            raise OutputError(f"{path}: is a file this run reads (the input); the input is never overwritten: "
                              "choose another --out")
    parent = p.parent if str(p.parent) else Path(".")
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"{path}: {parent} is a file, not a folder; choose another --out")
    return p


def atomic_write(path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder and rename: no partial file is left behind.
    A path that is a folder, a symbolic link or a special file is refused, not replaced; any
    failure (read-only folder, full disk) raises :class:`OutputError`."""
    path = Path(path)
    check_output_file(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as e:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
        raise OutputError(os_error_message(e, path, "write")) from None
    except BaseException:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
        raise


# -------------------------------------------------------------------------- output folders
class FolderLock:
    """An exclusive, non-blocking lock on a file (``flock``), removed when released. A second
    holder fails at once with :class:`OutputError` naming the folder."""

    def __init__(self, path: Path, folder):
        self.path, self.folder, self.fd = Path(path), folder, None

    def acquire(self) -> "FolderLock":
        import fcntl

        for _ in range(20):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
            except OSError as e:
                raise OutputError(os_error_message(e, self.folder, "write")) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                raise OutputError(f"{self.folder}: another run is writing this folder (lock {self.path}); "
                                  "wait for it to finish or choose another --out") from None
            try:
                same = os.fstat(fd).st_ino == os.stat(self.path).st_ino
            except FileNotFoundError:
                same = False
            if same:  # not a lock file its last holder removed after we opened it
                self.fd = fd
                return self
            os.close(fd)
        raise OutputError(f"{self.folder}: could not take the lock {self.path}; try again")

    def release(self) -> None:
        if self.fd is not None:
            try:
                os.unlink(self.path)  # while still held: a waiting run then retries on a new file
            except OSError:
                pass
            os.close(self.fd)
            self.fd = None

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux ``renameat2(RENAME_EXCHANGE)``); False where the
    system or the file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(str(a)), at_fdcwd, os.fsencode(str(b)), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap_in(staging: Path, out: Path, owned: Callable[[str], bool]) -> None:
    """Make ``staging`` the folder ``out``. Entries of an existing ``out`` that this kind of output
    does not write are moved into ``staging`` first (kept); the rest, the earlier output, goes."""
    if not os.path.lexists(out):
        os.rename(staging, out)
        return
    for entry in os.scandir(out):
        if entry.name != MARKER and not owned(entry.name) and not os.path.lexists(staging / entry.name):
            os.rename(entry.path, staging / entry.name)
    if _exchange(staging, out):
        shutil.rmtree(staging)  # now the earlier output
        return
    trash = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-old-", dir=out.parent))
    os.rename(out, trash / out.name)
    os.rename(staging, out)
    shutil.rmtree(trash)


def _check_existing(out: Path, owned: Callable[[str], bool], kind: str) -> None:
    try:
        names = [e.name for e in os.scandir(out)]
    except OSError as e:
        raise OutputError(os_error_message(e, out, "read")) from None
    if names and MARKER not in names and not all(owned(n) for n in names):
        foreign = sorted(n for n in names if not owned(n))
        raise OutputError(f"{out}: exists and is not a {kind} folder written by this suite (it holds {foreign[0]!r}"
                          f"{' and more' if len(foreign) > 1 else ''}); choose a new or empty folder for --out")


@contextmanager
def output_folder(out, *, reads: Iterable = (), owned: Callable[[str], bool] = lambda name: False,
                  kind: str = "output") -> Iterator[Path]:
    """A temporary folder beside ``out`` to write an output folder into; swapped in whole for
    ``out`` when the block ends without an exception, removed when it raises.

    ``out`` may be missing, an empty folder, or a folder this suite wrote (it holds :data:`MARKER`,
    or only names that ``owned`` accepts). It must not be a path the run reads, nor lie inside one
    or hold one (``reads``). Names ``owned`` accepts are the earlier output's and are replaced; any
    other entry of ``out`` is carried over. Raises :class:`OutputError`.

    >>> import tempfile, pathlib
    >>> base = pathlib.Path(tempfile.mkdtemp())
    >>> with output_folder(base / "rep", owned=lambda n: n == "index.html") as tmp:
    ...     _ = (tmp / "index.html").write_text("new")
    >>> sorted(p.name for p in (base / "rep").iterdir()), sorted(p.name for p in base.iterdir())
    (['.analysis-output', 'index.html'], ['rep'])
    """
    if out is None or str(out).strip() == "":
        raise OutputError("--out is empty: give a folder name")
    out = Path(os.path.abspath(out))  # the last component is not resolved: a link there is refused
    try:
        st = os.lstat(out)
    except FileNotFoundError:
        st = None
    except OSError as e:
        raise OutputError(os_error_message(e, out, "write")) from None
    if st is not None and not stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{out}: is {file_kind(st.st_mode)}, not a folder; --out needs a new or empty folder")
    for r in reads:
        if r is None or not os.path.lexists(r):
            continue
        if _inside(str(r), str(out)) or (os.path.isdir(r) and _inside(str(out), str(r))):
            raise OutputError(f"{out}: {'holds' if _inside(str(r), str(out)) else 'lies inside'} {r}, which this "
                              "run reads; choose another --out")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(os_error_message(e, out.parent, "create")) from None
    if not os.access(out.parent, os.W_OK):
        raise OutputError(f"{out.parent}: cannot write here (permission denied); choose a place you can write to")
    with FolderLock(out.parent / f".{out.name}.lock", out):
        if st is not None:
            _check_existing(out, owned, kind)
        remove_stale(out.parent, f".{out.name}.partial-")
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-{os.getpid()}-", dir=out.parent))
            os.chmod(staging, 0o755)  # readable like a folder made with mkdir (mkdtemp makes it private)
        except OSError as e:
            raise OutputError(os_error_message(e, out.parent, "write")) from None
        try:
            yield staging
            (staging / MARKER).write_text(f"Written by the media-analysis suite ({kind}); the next run into this "
                                          "folder replaces what it wrote here.\n", encoding="utf-8")
            _swap_in(staging, out, owned)
        except OSError as e:
            shutil.rmtree(staging, ignore_errors=True)
            raise OutputError(os_error_message(e, out, "write")) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


def remove_stale(folder: Path, prefix: str) -> list[str]:
    """Remove the folders in ``folder`` whose name starts with ``prefix`` (temporary folders of
    killed runs; call it while holding the lock of the output they belong to). Links are not
    followed. Returns the names removed."""
    gone = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return gone
    for e in entries:
        if e.name.startswith(prefix) and e.is_dir(follow_symlinks=False):
            shutil.rmtree(e.path, ignore_errors=True)
            gone.append(e.name)
    return gone


# ------------------------------------------------------------------------ kernel run files
KERNEL_PREFIX = "analysis-kernels-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextmanager
def kernel_runtime() -> Iterator[Path]:
    """A private folder for the connection files and local sockets of this process's notebook
    kernels, removed at the end; the folders of killed runs (their process gone) are removed first.

    >>> with kernel_runtime() as d:
    ...     d.is_dir()
    True
    >>> d.exists()
    False
    """
    base = Path(tempfile.gettempdir())
    for e in list(os.scandir(base)):
        if e.name.startswith(KERNEL_PREFIX) and e.is_dir(follow_symlinks=False):
            pid = e.name[len(KERNEL_PREFIX):].split("-", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                shutil.rmtree(e.path, ignore_errors=True)
    d = Path(tempfile.mkdtemp(prefix=f"{KERNEL_PREFIX}{os.getpid()}-", dir=base))
    try:
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


# ----------------------------------------------------------------------- orphan protection
def exit_with_parent(interval: float = 0.5) -> None:
    """In a worker process: exit as soon as the process that started it is gone (killed with
    ``kill -9`` or crashed), instead of living on as an orphan. A daemon thread polls the parent."""
    parent = os.getppid()

    def watch():
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()
