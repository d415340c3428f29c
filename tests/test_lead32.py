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
