"""The one way storycheck writes a file (beside the target, flushed to disk, then renamed over it), and the
one way it looks at a file given as input before reading it (``stat_input``).

A reader (a person, a batch resumed after ``kill -9``, a web server) never finds half a file under the
final name, and a crash leaves at most a hidden ``.<name>.*`` temporary file behind. A target that cannot
be written is an ``OutputError`` (E700) naming it, so every command reports it alike, without a traceback.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from storycheck.errors import NotFound, OutputError, Unreadable

__all__ = ["make_folder", "real_path", "stat_input", "writable_file", "write_atomic"]


def stat_input(path: str | os.PathLike[str], *, regular: bool = True) -> os.stat_result:
    """``os.stat`` of an input, or the coded error that names it: E101 when nothing is there (a dangling
    symbolic link too), E113 for a loop of symbolic links, a permission problem or (``regular``) a FIFO,
    device or socket. Why: ``Path.exists``/``is_file`` answer False for a symlink loop and for a FIFO, which
    made both "no such file", and opening a FIFO blocks until something writes to it (a batch hung)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise NotFound(input=str(path)) from None
    except OSError as err:
        detail = "a loop of symbolic links" if err.errno == errno.ELOOP else err.strerror or str(err)
        raise Unreadable(input=str(path), detail=detail) from None
    if regular and not stat.S_ISREG(info.st_mode) and not stat.S_ISDIR(info.st_mode):
        raise Unreadable(input=str(path), detail="not a regular file")
    return info


def real_path(path: str | os.PathLike[str]) -> Path:
    """``Path.resolve`` without its ``RuntimeError`` on a loop of symbolic links (Python 3.11): a path used
    as a key or a name only; whoever reads it reports the loop (``stat_input``)."""
    return Path(os.path.realpath(path))


def make_folder(path: Path) -> None:
    """``mkdir -p``, or an ``OutputError`` naming what is in the way."""
    try:
        Path(path).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _unwritable(Path(path), exc) from exc


def writable_file(path: Path) -> None:
    """An ``OutputError`` now for a file name that is a folder: a command checks its ``--out`` before the
    work, not after it (the other reasons, a read-only place say, are found by ``write_atomic``)."""
    if Path(path).is_dir():
        raise OutputError(str(path), detail="a folder of that name is there; give a file name")


def _umask() -> int:
    """The process's umask, read without changing it where Linux shows it (``os.umask`` sets it to read
    it: another thread creating a file in that moment would get the wrong mode)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    """The mode a written file gets: the one the file it replaces had, else what ``open`` would give a new
    file (0666 less the umask). ``mkstemp``'s drafts are 0600, and renamed they left every report, page and
    batch file readable by its owner only (a web server or a colleague could not read ``--out page.html``)."""
    try:  # (permission bits only: a report written over a set-user-ID file is no program to run as its owner)
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _set_mode(fd: int, path: Path) -> None:
    """``_mode_for`` on the draft, where the file system keeps Unix modes: a FAT memory stick or a network
    share mounted without them refuses ``chmod`` (EPERM), and a report must still be written there, with the
    mode such a file system gives every file, as it was before modes were set."""
    try:
        os.fchmod(fd, _mode_for(path))
    except OSError:
        pass


def write_atomic(path: Path, text: str) -> None:
    path = Path(path)
    writable_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise _unwritable(path, exc) from exc
    try:
        _set_mode(fd, path)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _unwritable(path, exc) from exc
        raise


def _unwritable(path: Path, exc: OSError) -> OutputError:
    """Why ``path`` cannot be written, said of the path the system complained about when it is another
    (a parent that is a file, say, rather than the "File exists" that ``mkdir`` reports for it)."""
    if isinstance(exc, FileExistsError | NotADirectoryError):  # the path itself, for a folder to make
        blocking = next((p for p in (path, *path.parents) if p.is_file()), None)
        if blocking is not None:
            return OutputError(str(path), detail=f"{blocking} is a file, not a folder")
    where = str(exc.filename) if exc.filename is not None else str(path)
    reason = exc.strerror or str(exc)
    return OutputError(str(path), detail=reason if where == str(path) else f"{reason} ({where})")
