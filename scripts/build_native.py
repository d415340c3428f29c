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
"""

from __future__ import annotations

import argparse
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


def build(module: str, work: Path) -> str:
    """Compile one module; returns what happened (``built``, ``up to date``) or raises CalledProcessError."""
    source = (native.PACKAGE / f"{module}.py").read_bytes()
    digest = native.source_hash(source)
    target = native.extension_path(module, digest)
    if target.is_file():
        return "up to date"
    tree = work / module
    (tree / "storycheck").mkdir(parents=True)
    (tree / "storycheck" / "__init__.py").write_text("")
    stamped = source + f'\n{native.HASH_NAME} = "{digest}"\n'.encode()
    (tree / "storycheck" / f"{module}.py").write_bytes(stamped)
    (tree / "setup.py").write_text(_setup_py(module))
    subprocess.run([sys.executable, "setup.py"], cwd=tree, check=True, capture_output=True, text=True)
    built = next((tree / "storycheck").glob(f"{module}.*.so"))
    native.FOLDER.mkdir(exist_ok=True)
    for old in native.FOLDER.glob(f"{module}.*"):
        old.unlink()
    shutil.copyfile(built, target.with_suffix(".tmp"))
    os.replace(target.with_suffix(".tmp"), target)
    return "built"


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
    due = [m for m in native.MODULES if not native.extension_path(m, native.source_hash((native.PACKAGE / f"{m}.py").read_bytes())).is_file()]
    if due and compiler() is None:
        print(f"{', '.join(due)}: not built, no C compiler (CC, or gcc on PATH); pure Python runs")
        return 1 if args.strict else 0
    if Cython.__version__ != CYTHON_VERSION:
        print(f"note: Cython {Cython.__version__}, the tests were run with {CYTHON_VERSION}")
    def one(module: str) -> bool:
        try:
            print(f"{module}: {build(module, Path(tmp))}", flush=True)
            return True
        except (subprocess.CalledProcessError, OSError, StopIteration) as exc:
            tail = (getattr(exc, "stderr", "") or "").strip()
            print(f"{module}: not built, pure Python runs ({tail.splitlines()[-1] if tail else exc!r})", flush=True)
            return False

    with tempfile.TemporaryDirectory(prefix="storycheck-native-") as tmp:
        # the C compiler is the time (cluster ~60 CPU-s of ~75): the modules in parallel, cluster first
        with ThreadPoolExecutor(max(1, min(len(native.MODULES), os.cpu_count() or 1))) as pool:
            ok = list(pool.map(one, native.MODULES))
    return 1 if not all(ok) and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
