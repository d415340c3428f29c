"""Session 31 (lead): two output-neutral cuts found by profiling the 1k batch after the session's merges: the
modifier links ``judge._opposed_modifier`` reads, grouped by sentence once per story, and the title ids
``nlp._titles_kept`` matches, made once. Each guard compares the cut with what the code read before."""

from __future__ import annotations

import spacy

from storycheck.align import align
from storycheck.analyze import analyze
from storycheck.judge import MODIFIER_LINKS, _modifiers_in, _Story
from storycheck.nlp import TITLES_BEFORE_NAMES, _title_ids
from storycheck.records import Document


def test_title_ids_are_the_vocabulary_ids_of_the_titles_and_of_nnp() -> None:
    strings = spacy.blank("en").vocab.strings
    titles, proper = _title_ids()
    assert titles == {strings.add(f"{t}.") for t in TITLES_BEFORE_NAMES}
    assert proper == strings.add("NNP")
    assert strings.add("Gen") not in titles  # (a title without its stop is another token)


def test_modifiers_by_sentence_are_the_links_a_scan_finds() -> None:
    docs = [
        Document("a", "The council acted unlawfully when it closed the old library. The mayor spoke briefly."),
        Document("b", "The council acted lawfully. It quickly closed the library, officials said."),
    ]
    analyses = [analyze(d) for d in docs]
    story = _Story({d.id: d for d in docs}, {x.doc_id: x for x in analyses}, align(analyses))
    for d, x in zip(docs, analyses, strict=True):
        grouped = _modifiers_in(story, d.id)
        for sentence in range(len(x.sentences)):
            scanned = [r for r in x.relations if r.sentence == sentence and r.dep in MODIFIER_LINKS]
            assert grouped.get(sentence, []) == scanned
        assert any(grouped.values())  # (the texts hold modifiers: the test reads something)
        assert _modifiers_in(story, d.id) is grouped  # made once per story
