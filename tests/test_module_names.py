"""No module binds one name twice at its top level. A second ``SUBJECT_DEPS = ...`` in ``analyze`` (session 26)
silently replaced the clause subject set for every function of the module, and a second ``_LAST_WORD`` in
``roles`` replaced the copula's word reader: a later binding wins at call time, wherever the functions stand,
and no linter flags a constant bound twice. A test module's second ``def test_x`` would hide the first test."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = sorted(p for folder in ("src", "scripts", "benchmarks", "tests") for p in (ROOT / folder).rglob("*.py"))


def _bound_twice(tree: ast.Module) -> dict[str, list[int]]:
    """Names bound by more than one top-level statement (assignments, functions, classes), with their lines.
    Bindings inside ``if``/``try`` (an optional import's fall-back) are left out on purpose."""
    lines: dict[str, list[int]] = defaultdict(list)
    for node in tree.body:
        if isinstance(node, ast.Assign):
            names = [n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names = [node.target.id]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [node.name]
        else:
            continue
        for name in names:
            lines[name].append(node.lineno)
    return {name: at for name, at in lines.items() if len(at) > 1}


def test_the_files_are_found() -> None:
    assert any(p.name == "analyze.py" for p in FILES) and any(p.name == "test_module_names.py" for p in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_top_level_name_is_bound_twice(path: Path) -> None:
    assert _bound_twice(ast.parse(path.read_text(encoding="utf-8"))) == {}


def test_a_second_binding_is_seen() -> None:
    tree = ast.parse("A = 1\ndef f():\n    return A\nB: int = 2\nA = frozenset()\nclass f: ...\n")
    assert _bound_twice(tree) == {"A": [1, 5], "f": [2, 6]}
