"""Session 29 (wt-judge26, issue 5): faults an editor met in compare and check (wt-user29's walk).

Every test here fails on the base 114d96e (``PYTHONPATH=/tmp/base29/src pytest tests/test_judge26.py``, run from a
copy of this file), except those marked as guards."""

from __future__ import annotations

from storycheck.check import check
from storycheck.core import compare_documents
from storycheck.records import Document

# (a) a strike called by the union in one report, by the employers in another; a third names no one
UNION = ("About 800 dockers at the port of Varna walked off the job on Thursday after the union called the strike over "
         "unpaid overtime.")
EMPLOYERS = ("The employers called the strike at the port of Varna on Thursday, locking out about 800 dockers in a row "
             "over unpaid overtime.")
NO_ONE = "About 800 dockers at the port of Varna stopped work on Thursday in a strike over unpaid overtime, the union said."


def _docs(kind: str, report: object) -> list[set[str]]:
    return [{s.doc for s in f.evidence} for f in report.findings if f.kind == kind]  # type: ignore[attr-defined]


def test_an_actor_conflict_keeps_its_two_sentences_out_of_one_corroborated_claim():
    """x and y each agree with z, which says nobody called the strike, and disagree with each other on who did:
    the two pairs merged into one claim "stated alike" by x, y and z beside the actor conflict of x and y (a reader
    saw x's and y's sentences both corroborated and contradicted). Each stays its own claim with z."""
    docs = [Document("x", UNION), Document("y", EMPLOYERS), Document("z", NO_ONE)]
    report = compare_documents(docs, embedder="static")
    actors = [f for f in report.findings if f.kind == "conflict" and f.type == "actor"]
    assert [sorted(f.values.items()) for f in actors] == [[("x", "the union"), ("y", "The employers")]]
    assert sorted(map(sorted, _docs("corroborated", report))) == [["x", "z"], ["y", "z"]]


def test_check_corroborates_a_contradicted_sentence_only_with_the_sources_that_agree():
    """check (one judge with compare): the draft's "the employers called the strike" was corroborated "in draft,
    x, y, z" beside its actor conflict with x; now with y and z only, and contradicted as before."""
    draft = Document("draft", UNION.replace("walked off the job", "walked out").replace("the union", "the employers"))
    report = check([Document("x", UNION), Document("y", EMPLOYERS), Document("z", NO_ONE)], draft, embedder="static")
    assert report.check is not None
    assert [v.verdict for v in report.check.sentences] == ["contradicted"]
    assert _docs("corroborated", report) == [{"draft", "y", "z"}]


# (b) a word capitalised because it opens the sentence, and a verb's particle, read as content
FORMER = ("Former labour minister Ana Vidal, who has been asked to mediate, said talks would resume on Friday. Dockers at "
          "the port of Varna walked off the job on Thursday over unpaid overtime.")
LABOUR = "Labour minister Ana Vidal, who is mediating, said talks would resume on Friday."


def test_a_capital_that_opens_the_sentence_adds_no_entity_the_other_report_writes_small():
    """"Labour minister Ana Vidal" (y) against "Former labour minister Ana Vidal" (x): beside the title conflict,
    a partial "y adds a detail (entity: 'Labour')", a body x writes as "labour"."""
    report = compare_documents([Document("x", FORMER), Document("y", LABOUR)], embedder="none")
    assert [(f.kind, f.type) for f in report.findings if f.kind != "single_source"] == [("conflict", "title")]


def test_check_names_neither_a_sentence_capital_nor_a_particle_as_not_in_the_sources():
    """check listed "Labour" (the source writes "labour") and "out" of "walked out" (against "walked off the job")
    as not in the sources; the second sentence was partial for its particle alone."""
    draft = Document("d", LABOUR + " Dockers at the port of Varna walked out on Thursday over unpaid overtime.")
    report = check([Document("x", FORMER)], draft, embedder="none")
    assert report.check is not None
    first, second = report.check.sentences
    assert "Labour" not in [m.text for m in first.missing] and "Labour" in [m.text for m in first.recombined]
    assert first.verdict == "contradicted"  # (the title conflict)
    assert (second.verdict, second.missing, second.recombined) == ("supported", [], [])


def test_a_name_written_with_a_capital_inside_a_sentence_is_not_written_small():
    """Guard: "Labour" stays a name where the other report capitalises it past a sentence's start (the party)."""
    from storycheck.judge import written_small

    assert written_small("Former labour minister Ana Vidal spoke.", "Labour")
    assert not written_small("She left the Labour Party; the labour minister stayed.", "Labour")
    assert not written_small("Former labour minister Ana Vidal spoke.", "Vidal")
    assert written_small('Talks failed. "Labour costs rose," said the labour minister.', "Labour")


# (c) two claims of one speaker aligned on the speaker alone
def test_two_sentences_sharing_only_their_speaker_are_not_one_claim_stated_alike():
    """"About 800 dockers joined the stoppage, according to union leader Ivo Marin" and "'Cranes at the port are
    idle,' union leader Ivo Marin said" share the speaker, his title and the crediting words only: an aligner that
    pairs them (the walk's embedder did) made them one claim "stated alike". The alignment is given by hand here,
    so that the judge alone is tested; a pair sharing a word of the claim is still corroborated (the guard half)."""
    from storycheck.align import align
    from storycheck.core import analyze_documents
    from storycheck.judge import judge
    from storycheck.records import Pair, Unit

    p = Document("p", "About 800 dockers joined the stoppage, according to union leader Ivo Marin.")
    q = Document("q", "\"Cranes at the port are idle,\" union leader Ivo Marin said. About 800 dockers stopped work.")
    r = Document("r", "About 800 dockers joined the stoppage, union leader Ivo Marin said.")
    for other in (q, r):
        docs = [p, other]
        analyses = analyze_documents(docs)
        alignment = align(analyses, None)
        units = [Unit(d.id, 0, 0, 0, len(d.text) - 1, d.text[:-1]) for d in docs]
        alignment.pairs = [Pair(units[0], units[1], 0.9, 0.5, 0.9, 1)]
        kinds = [f.kind for f in judge(docs, analyses, alignment)]
        assert ("corroborated" in kinds) == (other is r), (other.id, kinds)


def test_a_speaker_shared_with_a_sentence_that_credits_no_one_is_left_to_the_alignment():
    """Guard: "Mayor Ana Petrescu said the town could not afford the bridge" / "Mayor Ana Petrescu warned of a gap in
    the budget" share only her name and title, but the second credits no one (``warned``): one claim in other words
    as far as the judge can tell (ECB+'s "Taban Deng ... said Mr Bashir should be held responsible" / "... accused
    Sudan"), still corroborated."""
    from storycheck.align import align
    from storycheck.core import analyze_documents
    from storycheck.judge import judge
    from storycheck.records import Pair, Unit

    docs = [Document("p", "Mayor Ana Petrescu said the town could not afford the bridge."),
            Document("q", "Mayor Ana Petrescu warned of a gap in the budget.")]
    analyses = analyze_documents(docs)
    alignment = align(analyses, None)
    units = [Unit(d.id, 0, 0, 0, len(d.text) - 1, d.text[:-1]) for d in docs]
    alignment.pairs = [Pair(units[0], units[1], 0.9, 0.5, 0.9, 1)]
    assert [f.kind for f in judge(docs, analyses, alignment)] == ["corroborated"]
