"""The optional compiled clustering core (storycheck.native): a compiled module runs only when it was built from
the current source; otherwise, or when asked, the pure-Python module does, and the engine says which."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from storycheck import native

SRC = Path(native.__file__).resolve().parent.parent


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package folder of its own: a ``split.py`` source and an empty ``_compiled`` folder."""
    monkeypatch.setattr(native, "PACKAGE", tmp_path)
    monkeypatch.setattr(native, "FOLDER", tmp_path / "_compiled")
    monkeypatch.delenv("STORYCHECK_NATIVE", raising=False)
    (tmp_path / "_compiled").mkdir()
    (tmp_path / "split.py").write_text('"""Splits a story in two."""\n')
    return tmp_path


def test_an_extension_of_the_current_source_is_found(package: Path) -> None:
    built = native.extension_path("split", native.source_hash((package / "split.py").read_bytes()))
    built.write_bytes(b"")
    spec = native._Finder().find_spec("storycheck.split")
    assert spec is not None and spec.origin == str(built)


def test_an_extension_built_from_an_older_source_is_never_loaded(package: Path) -> None:
    old = native.source_hash(b'"""Splits a story."""\n')
    native.extension_path("split", old).write_bytes(b"")
    (package / "split.py").write_text('"""Splits a story in two, after an edit."""\n')
    assert native._Finder().find_spec("storycheck.split") is None


def test_storycheck_native_0_means_pure_python(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    native.extension_path("split", native.source_hash((package / "split.py").read_bytes())).write_bytes(b"")
    monkeypatch.setenv("STORYCHECK_NATIVE", "0")
    assert native._Finder().find_spec("storycheck.split") is None


def test_other_modules_are_not_the_finders(package: Path) -> None:
    assert native._Finder().find_spec("storycheck.judge") is None
    assert native._Finder().find_spec("split") is None


def test_the_finder_is_installed_once_and_first() -> None:
    native.install()
    native.install()
    finders = [f for f in sys.meta_path if isinstance(f, native._Finder)]
    assert len(finders) == 1 and sys.meta_path.index(finders[0]) < len(sys.meta_path) - 1


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    environ = {**os.environ, "PYTHONPATH": str(SRC), **env}
    return subprocess.run([sys.executable, "-c", code], env=environ, capture_output=True, text=True, timeout=120)


def test_without_a_build_every_module_is_pure_python_and_says_so() -> None:
    out = _run(
        "import json, storycheck.cluster as c, storycheck.native as n; print(json.dumps([c.__file__, n.describe()]))",
        STORYCHECK_NATIVE="0",
    )
    path, said = json.loads(out.stdout)
    assert path.endswith("cluster.py") and said == "clustering core: python"


def _built(module: str) -> Path | None:
    real = Path(native.__file__).resolve().parent
    built = native.FOLDER / f"{module}.{native.source_hash((real / f'{module}.py').read_bytes())}"
    found = list(built.parent.glob(built.name + ".*"))
    return found[0] if found else None


@pytest.mark.skipif(_built("split") is None, reason="the compiled core is not built (scripts/build_native.py)")
def test_a_renamed_extension_is_refused_at_import(tmp_path: Path) -> None:
    """An extension whose compiled-in hash is not the source's (copied under the name of another source's hash)
    raises StaleNative on import; nothing of it runs as the module."""
    fake = tmp_path / "split.py"
    fake.write_text("WHO = 'python'\n")
    code = f"""
import shutil, storycheck.native as n
from pathlib import Path
n.PACKAGE = Path({str(tmp_path)!r}); n.FOLDER = n.PACKAGE / "_compiled"; n.FOLDER.mkdir()
shutil.copyfile({str(_built("split"))!r}, n.extension_path("split", n.source_hash(b"WHO = 'python'\\n")))
try:
    import storycheck.split
except ImportError as exc:
    import sys
    print(type(exc).__name__, "storycheck.split" in sys.modules, str(exc)[:6])
"""
    assert _run(code, STORYCHECK_NATIVE="1").stdout.split() == ["StaleNative", "False", "[E701]"]


@pytest.mark.skipif(_built("cluster") is None, reason="the compiled core is not built (scripts/build_native.py)")
def test_when_built_the_compiled_modules_run_and_the_engine_says_so() -> None:
    out = _run("import json, storycheck.cluster as c, storycheck.native as n; print(json.dumps([c.__file__, n.describe()]))",
        STORYCHECK_NATIVE="1",
    )
    path, said = json.loads(out.stdout)
    assert path.endswith(".so") and said == "clustering core: compiled"


def test_the_version_line_says_which_clustering_core_runs() -> None:
    out = _run("from storycheck.cli.main import main; import sys; sys.argv = ['storycheck', '--version']; main()",
               STORYCHECK_NATIVE="0")  # fmt: skip
    assert out.stdout.strip().endswith("(clustering core: python)"), out.stderr


def test_the_engine_digest_leaves_the_compiled_core_out(tmp_path: Path) -> None:
    """A compiled install and a pure one of the same sources are one engine (a store or a run's --out shared)."""
    from storycheck.digest import tree_digest

    (tmp_path / "cluster.py").write_text("STORIES = 1\n")
    first = tree_digest(tmp_path)
    (tmp_path / "_compiled").mkdir()
    (tmp_path / "_compiled" / "cluster.0123456789abcdef.so").write_bytes(b"\x7fELF")
    assert tree_digest(tmp_path) == first
    (tmp_path / "cluster.py").write_text("STORIES = 2\n")
    assert tree_digest(tmp_path) != first


@pytest.mark.skipif(_built("cluster") is None, reason="the compiled core is not built (scripts/build_native.py)")
def test_an_index_saved_by_one_build_goes_on_in_the_other(tmp_path: Path) -> None:
    """A saved StoryIndex is the same classes either way (same module names): the compiled build saves, the pure
    one loads and adds the rest, and the stories are those of one pure run over all the articles."""
    corpus = SRC.parent / "examples" / "corpus"
    head = f"""
import json, sys
from storycheck.cluster import StoryIndex, cluster
from storycheck.corpus import read_corpus
import storycheck.native as n
docs = list(read_corpus({str(corpus)!r}))
"""
    saved = tmp_path / "index.pkl"
    first = _run(head + f"index = StoryIndex(); index.add(docs[:5]); index.save({str(saved)!r}); print(n.describe())",
                 STORYCHECK_NATIVE="1")  # fmt: skip
    assert first.stdout.strip() == "clustering core: compiled", first.stderr
    rest = _run(
        head + f"index = StoryIndex.load({str(saved)!r}); index.add(docs[5:]); "
        "print(json.dumps([n.describe(), sorted(map(sorted, index.groups())), sorted(map(sorted, cluster(docs).groups()))]))",
        STORYCHECK_NATIVE="0",
    )
    said, resumed, whole = json.loads(rest.stdout)
    assert said == "clustering core: python" and resumed == whole and len(whole) >= 3


_FLOOD = """
import importlib.util
import json
from storycheck.cluster import ClusterSettings, cluster
from storycheck.records import Document
docs = [
    Document("a1", "Flood waters rose along the Varnell river on Monday and forced 300 families in Oakridge to leave their "
             "homes, the county sheriff said.", title="Varnell river flood forces Oakridge evacuation",
             published="2026-03-02T08:00:00Z"),
    Document("a2", "The Varnell river burst its banks in Oakridge on Monday; about 300 families were evacuated, sheriff "
             "Dana Pruitt told reporters.", title="Oakridge families flee Varnell flood", published="2026-03-02T11:00:00Z"),
    Document("a3", "Oakridge reopened its schools on Friday after the Varnell river flood, and mayor Lena Ostrow thanked "
             "volunteers who cleared mud.", title="Oakridge schools reopen after Varnell flood",
             published="2026-03-06T09:00:00Z"),
    Document("a4", "A Varnell river flood warning was issued for Oakridge again, two weeks after families were evacuated, "
             "forecasters said.", title="New Varnell flood warning for Oakridge", published="2026-03-20T09:00:00Z"),
]
index = cluster(docs, ClusterSettings(join_score=1, window_hours=96))
print(json.dumps([index.why_not(d.id).row() for d in docs if index.why_not(d.id) is not None]))
"""


@pytest.mark.skipif(_built("cluster") is None, reason="the compiled core is not built (scripts/build_native.py)")
def test_a_miss_gives_the_settings_figures_as_given_by_either_build() -> None:
    """Settings given as ints (``join_score=1``, ``window_hours=96``) are said as given in a miss's figures by both
    builds: the compiled one typed the figures' dict items as C doubles and wrote 1.0 and 96.0 (review revs33)."""
    compiled, pure = (_run(_FLOOD, STORYCHECK_NATIVE=flag) for flag in ("1", "0"))
    assert compiled.stdout == pure.stdout, (compiled.stderr, pure.stderr)
    figures = {k: v for miss in json.loads(pure.stdout) for k, v in miss["figures"].items()}
    assert [figures["join_score"], figures["window_hours"]] == [1, 96]
    assert isinstance(figures["join_score"], int) and isinstance(figures["window_hours"], int)  # (not 1.0, 96.0)


def test_make_tests_pure_python_again_when_any_module_is_compiled(package: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``native.main()`` (``make test``'s second pass) gives 0 once one module is compiled: a partial
    build (the others failed to compile) still runs compiled code that the first pass alone would test."""
    for module in native.MODULES:  # (what this process imported is not what the fixture's package would give)
        monkeypatch.delitem(sys.modules, f"storycheck.{module}", raising=False)
    assert native.main() == 1  # nothing built: one pass is all
    native.extension_path("split", native.source_hash((package / "split.py").read_bytes())).write_bytes(b"")
    assert native.which()["split"] == "compiled" and native.which()["cluster"] == "python"
    assert native.main() == 0


@pytest.mark.skipif(importlib.util.find_spec("Cython") is None, reason="no Cython: the build stops before the compiler")
def test_without_a_compiler_the_build_stops_before_cythonize(tmp_path: Path) -> None:
    """No C compiler: the build says so at once and pure Python runs; it no longer spent cythonize's ~30-60 CPU-s on
    C it could not compile, at every ``make demo``/``test`` (``native`` runs each time)."""
    shutil.copytree(SRC / "storycheck", tmp_path / "src" / "storycheck", ignore=shutil.ignore_patterns("_compiled", "__pycache__"))
    (tmp_path / "scripts").mkdir()
    shutil.copyfile(SRC.parent / "scripts" / "build_native.py", tmp_path / "scripts" / "build_native.py")
    out = subprocess.run([sys.executable, str(tmp_path / "scripts" / "build_native.py")], capture_output=True, text=True,
                         env={**os.environ, "CC": str(tmp_path / "no-such-cc")}, timeout=600)  # fmt: skip
    said = "cluster, refine, regroup, split: not built, no C compiler (CC, or gcc on PATH); pure Python runs"
    assert out.returncode == 0 and out.stdout.strip() == said, out.stdout
    assert not (tmp_path / "src" / "storycheck" / "_compiled").exists()


def _tiny_tree(tmp_path: Path) -> Path:
    """A copy of the package whose four clustering modules are one line each (cythonized in a second)."""
    package = tmp_path / "src" / "storycheck"
    shutil.copytree(SRC / "storycheck", package, ignore=shutil.ignore_patterns("_compiled", "__pycache__"))
    for module in native.MODULES:
        (package / f"{module}.py").write_text(f'"""{module}, small."""\n\nSIZE = 1\n')
    (tmp_path / "scripts").mkdir()
    shutil.copyfile(SRC.parent / "scripts" / "build_native.py", tmp_path / "scripts" / "build_native.py")
    return tmp_path


@pytest.mark.skipif(importlib.util.find_spec("Cython") is None, reason="no Cython: the build stops before the compiler")
def test_a_module_that_failed_to_compile_is_not_compiled_again_until_asked(tmp_path: Path) -> None:
    """A compiler that fails (not a missing one) is run once per source: ``make`` runs the build each time, and each
    run compiled the failing modules again (review revs33); ``--retry`` or an edited source tries again."""
    tree = _tiny_tree(tmp_path)
    calls = tmp_path / "calls"
    cc = tmp_path / "bad-cc"
    cc.write_text(f'#!/bin/sh\necho run >> "{calls}"\necho "bad-cc: this compiler always fails" >&2\nexit 1\n')
    cc.chmod(0o755)

    def run(*flags: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(tree / "scripts" / "build_native.py"), *flags], capture_output=True,
                              text=True, env={**os.environ, "CC": str(cc)}, timeout=600)  # fmt: skip

    first = run()
    assert first.returncode == 0 and first.stdout.count("not built, pure Python runs") == 4, first.stdout
    ran = len(calls.read_text().splitlines())
    assert ran >= 4
    again = run()
    assert again.returncode == 0 and again.stdout.count("failed to compile before") == 4, again.stdout
    assert "--retry" in again.stdout and len(calls.read_text().splitlines()) == ran  # the compiler not run again
    assert run("--strict").returncode == 1
    (tree / "src" / "storycheck" / "split.py").write_text('"""split, edited."""\n\nSIZE = 2\n')
    edited = run()
    assert "split: not built, pure Python runs" in edited.stdout and edited.stdout.count("failed to compile before") == 3
    retried = run("--retry")
    assert retried.stdout.count("not built, pure Python runs") == 4
    assert len(calls.read_text().splitlines()) > ran + 1


def _fake_cc(path: Path, calls: Path, body: str) -> Path:
    """A ``CC`` that notes each run in ``calls``, then does ``body`` (a shell line)."""
    path.write_text(f'#!/bin/sh\necho run >> "{calls}"\n{body}\n')
    path.chmod(0o755)
    return path


@pytest.mark.skipif(importlib.util.find_spec("Cython") is None, reason="no Cython: the build stops before the compiler")
def test_a_killed_compiler_leaves_no_note_and_a_note_binds_only_its_own_compiler(tmp_path: Path) -> None:
    """A compiler killed by a signal (the out-of-memory killer, Ctrl-C) says nothing of the source: the next run
    compiles (before, it said "failed to compile before" until ``--retry``); a note left by one failing compiler
    does not stop another; a temp copy left by a killed build is deleted by the next one (review revs34)."""
    tree = _tiny_tree(tmp_path)
    calls = tmp_path / "calls"
    killed = _fake_cc(tmp_path / "killed-cc", calls, "kill -9 $$")
    interrupted = _fake_cc(tmp_path / "interrupted-cc", calls, "kill -INT $PPID; sleep 2; exit 1")  # (as Ctrl-C)
    bad = _fake_cc(tmp_path / "bad-cc", calls, 'echo "bad-cc: this compiler always fails" >&2; exit 1')
    other = _fake_cc(tmp_path / "other-cc", calls, 'echo "other-cc: fails too" >&2; exit 1')
    folder = tree / "src" / "storycheck" / "_compiled"

    def run(cc: Path) -> tuple[str, int]:
        before = len(calls.read_text().splitlines()) if calls.exists() else 0
        out = subprocess.run([sys.executable, str(tree / "scripts" / "build_native.py")], capture_output=True, text=True,
                             env={**os.environ, "CC": str(cc)}, timeout=600)  # fmt: skip
        assert out.returncode == 0, out.stderr
        return out.stdout, len(calls.read_text().splitlines()) - before

    for cc in (killed, interrupted):
        said, ran = run(cc)
        assert ran >= 4 and said.count("not built, pure Python runs") == 4, said
        assert not list(folder.glob("*.failed"))
    folder.joinpath(".cluster.12345.tmp").write_bytes(b"half a copy")
    said, ran = run(bad)
    assert ran >= 4 and "failed to compile before" not in said, said
    assert len(list(folder.glob("*.failed"))) == 4 and not folder.joinpath(".cluster.12345.tmp").exists()
    said, ran = run(bad)
    assert ran == 0 and said.count("failed to compile before") == 4, said
    said, ran = run(other)
    assert ran >= 4 and "failed to compile before" not in said, said


@pytest.mark.skipif(importlib.util.find_spec("Cython") is None, reason="no Cython: the build stops before the lock")
def test_a_built_tree_whose_lock_cannot_be_opened_is_up_to_date(tmp_path: Path) -> None:
    """A tree the user cannot write (an installed package; here a lock that cannot be opened) has nothing to build:
    the build says "up to date", exit 0, as before the lock (the lock's ``open`` raised: a traceback, exit 1)."""
    tree = _tiny_tree(tmp_path)
    package = tree / "src" / "storycheck"
    (package / "_compiled" / ".lock").mkdir(parents=True)  # open(..., "w"/"a") fails on it, even for root
    for module in native.MODULES:
        digest = native.source_hash((package / f"{module}.py").read_bytes())
        (package / "_compiled" / native.extension_path(module, digest).name).write_bytes(b"")
    out = subprocess.run([sys.executable, str(tree / "scripts" / "build_native.py"), "--strict"], capture_output=True,
                         text=True, env={**os.environ, "CC": "/nonexistent/cc"}, timeout=600)  # fmt: skip
    assert out.returncode == 0 and out.stdout.count(": up to date") == 4, (out.stdout, out.stderr)
