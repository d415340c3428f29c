"""Session 32's lead: what the merges of the session broke between them."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_engine_imports_neither_spacy_nor_torch():
    """A batch worker set up for the static embedder imports the engine before its settings keep torch out; a
    module-level spaCy call (``nlp._NUMBER_SIGNS``, merged in session 32) imported spaCy, thinc and torch with
    ``storycheck.nlp``, and the batch's workers then held torch."""
    code = ("import sys; import storycheck.batch, storycheck.check, storycheck.judge; "
            "print(sorted(m for m in ('spacy', 'thinc', 'torch') if m in sys.modules))")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


def test_a_number_sign_keeps_its_number_in_the_sentence():
    from spacy.strings import get_string_id

    from storycheck.nlp import _number_signs

    assert _number_signs() == frozenset({get_string_id("No"), get_string_id("Nos")})


def test_a_reports_kept_states_are_read_once_per_story():
    """``_opposed_state`` read every relation of the other report for each aligned pair; the states are grouped per
    sentence once per report (``story.kept``) and still give "must close" / "must stay open" its conflict."""
    from storycheck import judge as judge_module
    from storycheck.core import compare_documents
    from storycheck.records import Document

    calls = []
    made = judge_module._states_by_sentence

    def counted(analysis):  # noqa: ANN001, ANN202
        calls.append(analysis.doc_id)
        return made(analysis)

    docs = [Document("a", "The council said the library must close on Friday. The pool must stay open until May."),
            Document("b", "The council said the library must stay open on Friday. The pool must close until May.")]
    judge_module._states_by_sentence = counted
    try:
        report = compare_documents(docs, embedder="none")
    finally:
        judge_module._states_by_sentence = made
    antonyms = [f for f in report.findings if f.kind == "conflict" and f.type == "antonym"]
    assert antonyms and all(e.text == docs[0 if e.doc == "a" else 1].text[e.start:e.end] for f in antonyms for e in f.evidence)
    assert sorted(calls) == sorted(set(calls))  # once per report at most
