"""Build the optional compiled clustering core (``storycheck.native``): Cython on cluster, refine, regroup, split.

Why a script and not the package's install: the build is optional and must never fail an install; it is run by
``make setup`` after ``pip install -e``, and a tree (a worktree run through PYTHONPATH) builds its own with
``python scripts/build_native.py``. Each module is compiled from a copy of its source with the source's hash
appended (``__native_source__``) and lands in ``src/storycheck/_compiled/<module>.<hash><ABI suffix>``; a module whose
extension for the current hash exists is skipped, and older extensions of it are deleted. Needs Cython (``--install``: ``pip install
cython==3.3.1``) and a C compiler; without them, or when a module fails to compile, it says so, exits 0 (``--strict``:
1) and pure Python runs. Cython reads the annotations as C types (``annotation_typing``, its default): an argument
annotated ``dict``/``tuple``/``list`` must be exactly that type, which is why such arguments that receive a subclass or
another sequence are annotated ``Mapping``/``Sequence``.
A module whose C failed to compile leaves ``_compiled/<module>.<hash>.<tool chain>.failed`` (the compiler's last
line): later runs (every ``make demo``/``test``) say so at once instead of compiling it again; an edited source
(another hash), another tool chain (``toolchain``) or ``--retry`` tries again; a compiler killed by a signal leaves no
note. Two builds of one tree at once take turns (a lock file in ``_compiled``).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
sys.path.insert(0, str(SRC))  # this tree's package, whatever the venv has installed

from storycheck import native  # noqa: E402

CYTHON_VERSION = "3.3.1"  # the one the cluster tests were run against, compiled


def _setup_py(module: str) -> str:
    return f"""
from Cython.Build import cythonize
from setuptools import Extension, setup

ext = Extension("storycheck.{module}", ["storycheck/{module}.py"], extra_compile_args=["-O2", "-w"])
setup(ext_modules=cythonize([ext], language_level=3, quiet=True,
                            compiler_directives={{"annotation_typing": True, "binding": True}}),
      script_args=["build_ext", "--inplace", "-q"])
"""


def failed_path(module: str, digest: str) -> Path:
    """The note a failed compile of ``module`` at source hash ``digest`` leaves (its last line of error), named also
    after the tool chain (``toolchain``): a note left by one compiler, Cython or set of Python headers does not stop
    another from trying (before, a note made with a broken ``CC`` or without ``Python.h`` stood after the fix)."""
    return native.FOLDER / f"{module}.{digest}.{toolchain()}.failed"


def toolchain() -> str:
    """A short hash of what a compile depends on besides the source: the compiler found (``compiler``) and its
    file's size and time, ``CFLAGS``/``CPPFLAGS``/``LDSHARED``, the Cython version, whether ``Python.h`` is there."""
    cc = compiler()
    stat = os.stat(cc) if cc else None
    try:
        import Cython

        cython = Cython.__version__
    except ImportError:
        cython = None
    header = Path(sysconfig.get_paths()["include"], "Python.h").is_file()
    parts = [cc, stat and (stat.st_size, stat.st_mtime_ns), [os.environ.get(v) for v in ("CFLAGS", "CPPFLAGS", "LDSHARED")],
             cython, header]  # fmt: skip
    return native.source_hash(repr(parts).encode())[:8]


def _killed(exc: BaseException) -> bool:
    """Whether a failed compile was the compiler (or the build) killed by a signal (out of memory, Ctrl-C): that is
    no fault of the source, and no note is left (before, one OOM kill stopped every later build of that source).
    setuptools says "interrupted" for a Ctrl-C (SIGINT) it caught."""
    said = (getattr(exc, "stderr", "") or "").strip()
    return (getattr(exc, "returncode", 0) < 0 or "died with <Signals." in said or "terminated by signal" in said
            or said.endswith("interrupted"))  # fmt: skip


def build(module: str, work: Path, retry: bool = False) -> str:
    """Compile one module; returns what happened (``built``, ``up to date``) or raises CalledProcessError (then
    ``failed_path`` is written), or ``FailedBefore`` when that source failed before (unless ``retry``)."""
    source = (native.PACKAGE / f"{module}.py").read_bytes()
    digest = native.source_hash(source)
    target = native.extension_path(module, digest)
    if target.is_file():
        return "up to date"
    failed = failed_path(module, digest)
    if failed.is_file() and not retry:
        raise FailedBefore(failed.read_text().strip() or "?")
    tree = work / module
    (tree / "storycheck").mkdir(parents=True)
    (tree / "storycheck" / "__init__.py").write_text("")
    stamped = source + f'\n{native.HASH_NAME} = "{digest}"\n'.encode()
    (tree / "storycheck" / f"{module}.py").write_bytes(stamped)
    (tree / "setup.py").write_text(_setup_py(module))
    native.FOLDER.mkdir(exist_ok=True)
    try:
        subprocess.run([sys.executable, "setup.py"], cwd=tree, check=True, capture_output=True, text=True)
        built = next((tree / "storycheck").glob(f"{module}.*.so"))
    except (subprocess.CalledProcessError, StopIteration) as exc:
        tail = (getattr(exc, "stderr", "") or "").strip()
        if not _killed(exc):
            with contextlib.suppress(OSError):  # (a tree this user cannot write: the failure is said, not noted)
                failed.write_text((tail.splitlines()[-1] if tail else "no extension made") + "\n")
        raise
    # (a temp name of this run's own, not matched by ``<module>.*``: a build running beside it never deletes it)
    temp = native.FOLDER / f".{module}.{os.getpid()}.tmp"  # (``mkstemp`` would make it 0600: unreadable to others)
    shutil.copyfile(built, temp)
    os.replace(temp, target)
    for old in native.FOLDER.glob(f"{module}.*"):  # older sources' extensions and failure notes
        if old != target:
            old.unlink(missing_ok=True)
    return "built"


class FailedBefore(Exception):
    """This very source failed to compile in an earlier run (``failed_path``)."""


@contextlib.contextmanager
def _one_build_at_a_time():  # noqa: ANN202
    """Holds an exclusive lock on ``_compiled/.lock`` (where ``fcntl`` exists): a second build of the tree
    waits, then finds the modules up to date (before, two at once wrote one temp name and each deleted the
    other's files: review revs33)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover (not POSIX: no lock)
        yield
        return
    try:
        native.FOLDER.mkdir(exist_ok=True)
        lock = open(native.FOLDER / ".lock", "a")  # noqa: SIM115 (closed below)
    except OSError:  # a tree this user cannot write (an installed package): nothing can be built into it either,
        yield  # each module says "up to date" or why it is not built (before: a traceback and exit 1)
        return
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            for stale in native.FOLDER.glob(".*.tmp"):  # a copy left by a build killed before its rename: with the
                stale.unlink(missing_ok=True)  # lock held no other build is writing one
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def compiler() -> str | None:
    """The C compiler setuptools would run (``CC``, else the one Python was built with), if it is on ``PATH``. Why
    look first: ``make setup`` runs this at every ``make demo``/``test``/``serve``, and without a compiler each run
    spent cythonize's ~30-60 CPU-s on C it could not compile (review revs33)."""
    command = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()
    return shutil.which(command[0]) if command else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 when a module cannot be built")
    parser.add_argument("--install", action="store_true", help=f"pip install cython=={CYTHON_VERSION} when missing")
    parser.add_argument("--clean", action="store_true", help="delete the built extensions and stop")
    parser.add_argument("--retry", action="store_true", help="compile again a module whose source failed to compile before")
    args = parser.parse_args()
    if args.clean:
        shutil.rmtree(native.FOLDER, ignore_errors=True)
        print("compiled clustering core deleted: pure Python")
        return 0
    if args.install and importlib.util.find_spec("Cython") is None:
        pip = [sys.executable, "-m", "pip", "install", "-q", f"cython=={CYTHON_VERSION}"]
        if importlib.util.find_spec("setuptools") is None:
            pip.append("setuptools")
        if subprocess.run(pip).returncode:
            print("note: pip could not install Cython")
    try:
        import Cython
    except ImportError:
        print(f"compiled clustering core not built: no Cython (pip install cython=={CYTHON_VERSION}); pure Python runs")
        return 1 if args.strict else 0
    hashes = {m: native.source_hash((native.PACKAGE / f"{m}.py").read_bytes()) for m in native.MODULES}
    due = [m for m, h in hashes.items() if not native.extension_path(m, h).is_file()]
    if not args.retry and due and all(failed_path(m, hashes[m]).is_file() for m in due):
        for m in due:  # (said without a compiler or a lock: nothing is to be compiled)
            print(f"{m}: not built, its source failed to compile before "
                  f"({failed_path(m, hashes[m]).read_text().strip()}; --retry compiles again); pure Python runs")
        return 1 if args.strict else 0
    if due and compiler() is None:
        print(f"{', '.join(due)}: not built, no C compiler (CC, or gcc on PATH); pure Python runs")
        return 1 if args.strict else 0
    if Cython.__version__ != CYTHON_VERSION:
        print(f"note: Cython {Cython.__version__}, the tests were run with {CYTHON_VERSION}")
    def one(module: str) -> bool:
        try:
            print(f"{module}: {build(module, Path(tmp), args.retry)}", flush=True)
            return True
        except FailedBefore as exc:
            print(f"{module}: not built, its source failed to compile before ({exc}; --retry compiles again); "
                  "pure Python runs", flush=True)
            return False
        except (subprocess.CalledProcessError, OSError, StopIteration) as exc:
            tail = (getattr(exc, "stderr", "") or "").strip()
            print(f"{module}: not built, pure Python runs ({tail.splitlines()[-1] if tail else exc!r})", flush=True)
            return False

    with _one_build_at_a_time(), tempfile.TemporaryDirectory(prefix="storycheck-native-") as tmp:
        # the C compiler is the time (cluster ~60 CPU-s of ~75): the modules in parallel, cluster first
        with ThreadPoolExecutor(max(1, min(len(native.MODULES), os.cpu_count() or 1))) as pool:
            ok = list(pool.map(one, native.MODULES))
    return 1 if not all(ok) and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
