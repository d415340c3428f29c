"""Session 29 (wt-revj26): a hostile review of wt-judge26 (``written_small``, ``_speaker_alone``, ``_apart``).

Every test here fails on the reviewed commit bdf1065 unless marked as a guard."""

from __future__ import annotations

from storycheck.check import check
from storycheck.core import compare_documents
from storycheck.records import Document

# a company opening the sentence; the other report writes the fruit in small letters, in another phrase
APPLE = "Apple bought the Cork cider plant on Monday for 40 million euros."
HARVEST = ("The Cork cider plant, which presses the apple harvest of the county, was bought on Monday for 40 million "
           "euros.")


def test_a_name_opening_the_sentence_is_still_new_where_the_other_report_writes_the_word_in_another_phrase():
    """"Apple bought the plant" against "presses the apple harvest": the buyer is a body the second report leaves
    out; bdf1065 read the capital as the sentence's (any small "apple" anywhere) and corroborated the two."""
    for docs in ([Document("x", HARVEST), Document("y", APPLE)], [Document("y", APPLE), Document("x", HARVEST)]):
        report = compare_documents(docs, embedder="none")
        assert [(f.kind, f.type, f.values) for f in report.findings if f.kind == "partial"] == [
            ("partial", "entity", {"y": "Apple"})]


def test_check_names_a_sentence_opening_company_the_sources_write_only_as_a_fruit():
    """check: "Apple said ..." against a source with "the apple harvest" lists Apple as not in the sources."""
    draft = Document("d", "Apple said on Monday that profits at its Cork plant rose 10 percent.")
    source = Document("x", "Profits at the Cork plant rose 10 percent on Monday, helped by the apple harvest.")
    report = check([source], draft, embedder="none")
    assert report.check is not None
    assert "Apple" in [m.text for m in report.check.sentences[0].missing]


def test_written_small_in_the_same_phrase():
    """Guard and fault: the word after the name must follow the small writing too, when given."""
    from storycheck.judge import written_small

    assert written_small("Former labour minister Ana Vidal spoke.", "Labour", "minister")
    assert not written_small("Growers sold the apple harvest.", "Apple", "said")
    assert not written_small("The bush fire burned 300 homes.", "Bush", "said")


def test_two_credited_sentences_that_say_one_claim_in_other_words_stay_corroborated():
    """"The mill will shut, plant manager Ivo Marin said" / "The works will close, plant manager Ivo Marin said":
    besides the speaker they share no word, but ``shut`` / ``close`` is one sense; an aligner that pairs them
    (given by hand, so that the judge alone is tested) had them corroborated before wt-judge26, and bdf1065 left
    the pair with no finding at all. Two claims of the speaker in unrelated words stay apart (the guard half)."""
    from storycheck.align import align
    from storycheck.core import analyze_documents
    from storycheck.judge import judge
    from storycheck.records import Pair, Unit

    p = Document("p", "The mill will shut, plant manager Ivo Marin said.")
    for text, agrees in (("The works will close, plant manager Ivo Marin said.", True),
                         ("Cranes at the port are idle, plant manager Ivo Marin said.", False)):
        docs = [p, Document("q", text)]
        analyses = analyze_documents(docs)
        alignment = align(analyses, None)
        units = [Unit(d.id, 0, 0, 0, len(d.text) - 1, d.text[:-1]) for d in docs]
        alignment.pairs = [Pair(units[0], units[1], 0.9, 0.5, 0.9, 1)]
        kinds = [f.kind for f in judge(docs, analyses, alignment)]
        assert ("corroborated" in kinds) == agrees, (text, kinds)
