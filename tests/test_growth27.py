"""Steps whose cost grew faster than their input (session 27, wt-growth27: benchmarks/bench_growth.py measures
each stage of compare and check as the input doubles). Each test bounds the work on a long input written for it
and fails on the code before (8853a13); the outputs are the ones the longer way gave."""

from __future__ import annotations

import random
import time
from types import SimpleNamespace

from storycheck import analyze, roles
from storycheck.nlp import forget_parses
from storycheck.records import Document, Mention, Relation

_TOWNS = ["Ashford", "Bexley", "Carlton", "Dunmore", "Elmstead", "Fairview", "Glenrock", "Hartley"]


def _long_report(sentences: int) -> str:
    """A council report of distinct sentences (each its own parse piece), two to a paragraph."""
    lines = [f"The council in {_TOWNS[k % len(_TOWNS)]} approved {k + 3} new homes on Monday, officials said."
             for k in range(sentences)]  # fmt: skip
    return "\n\n".join(" ".join(lines[k : k + 2]) for k in range(0, sentences, 2))


class _Counted(list):
    """A list that counts the walks over it."""

    walks = 0

    def __iter__(self):  # noqa: ANN204
        type(self).walks += 1
        return super().__iter__()


def test_a_long_reports_lemmas_are_read_without_a_walk_over_every_sentence_per_piece(monkeypatch) -> None:  # noqa: ANN001
    """``_sentence_parts`` made a list over every sentence of the Doc for each parse piece (``_lemmas``) and walked
    it again to merge: quadratic in the sentences (~2/5 of a 64k-word report's analysis). It now reads each
    piece's lemmas by sentence; the sentence list is walked a fixed number of times, and every sentence still
    has its own content lemmas."""
    made = analyze._sentences

    def counted(sdoc):  # noqa: ANN001, ANN202
        return _Counted(made(sdoc))

    monkeypatch.setattr(analyze, "_sentences", counted)
    _Counted.walks = 0
    forget_parses()  # every piece parsed and read afresh (a cached piece skips the lemma reading)
    result = analyze.analyze_many([Document("a", _long_report(200))])[0]
    assert len(result.sentences) == 200
    assert _Counted.walks < 30  # 8853a13: one walk per piece, over 200
    for k in (0, 101, 199):
        assert {"council", "approve", "home", "official", str(k + 3), _TOWNS[k % len(_TOWNS)].lower()} <= set(result.lemmas[k])


def _brute(spans: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def test_a_span_is_found_inside_nested_and_overlapping_dates_as_by_asking_each() -> None:
    """``roles._Within`` answers what asking every date span answered, for nested, overlapping and apart spans."""
    rng = random.Random(27)
    for _ in range(200):
        spans = []
        for _ in range(rng.randrange(0, 8)):
            s = rng.randrange(0, 60)
            spans.append((s, s + rng.randrange(1, 25)))
        within = roles._Within(spans)
        for _ in range(30):
            s = rng.randrange(0, 80)
            probe = (s, s + rng.randrange(0, 10))
            assert within(probe) == _brute(spans, probe), (spans, probe)


def test_the_guard_of_a_long_source_does_not_ask_every_date_for_every_link() -> None:
    """``roles._Guard`` asked, for each link of a report, every date of that report whether the link lies in it:
    quadratic in a source's length (2/3 of ``role_checks`` on a 64k-word source). 12,000 links against 12,000
    dates took ~6 CPU-s on 8853a13; by bisection it is well under one. The times it reads are the same."""
    n = 12000
    dates = [Mention("date", 100 * k, 100 * k + 10, "on Monday", k) for k in range(n)]
    analysis = SimpleNamespace(doc_id="source", lemmas=[], clauses=[], relations=[], mentions=dates)
    # a link per sentence just after its date (in none), and every tenth one inside it (``Monday``'s modifier)
    links = [(Relation(k, "approve", "amod", "early", (100 * k + (2 if k % 10 == 0 else 20),) * 2), ("early",))
             for k in range(n)]  # fmt: skip
    t = time.process_time()
    guard = roles._Guard([analysis], {}, [("source", links)])
    assert time.process_time() - t < 1.0
    assert set(guard.times) == {("source", k, "approve") for k in range(0, n, 10)}


def test_the_owners_of_a_long_reports_possessives_are_read_in_their_own_sentence(monkeypatch) -> None:  # noqa: ANN001
    """``roles._agents`` asked ``analyze.pronoun_owner`` about each ``its`` with every relation of the report, of
    which it reads the possessive's sentence's only: quadratic in a source's length (the largest part left in
    ``role_checks`` at 32k words). It now hands it that sentence's relations; the owners read are the same."""
    lines = [f"The council in {_TOWNS[k % len(_TOWNS)]} said its plan would add {k + 3} new homes on Monday."
             for k in range(120)]  # fmt: skip
    analysis = analyze.analyze_many([Document("source", "\n\n".join(lines))])[0]
    asked: list[int] = []
    owner_of = roles.pronoun_owner

    def counted(relations, poss, a=None):  # noqa: ANN001, ANN202
        asked.append(len(relations))
        return owner_of(relations, poss, a)

    monkeypatch.setattr(roles, "pronoun_owner", counted)
    agents = roles._agents([analysis], [])
    assert len(asked) >= 120
    assert sum(asked) < 30 * len(asked)  # 8853a13: all 1,080 relations of the report each time

    class Everything(dict):  # the longer way: every relation of the report for each possessive, as before
        def get(self, key, default=None):  # noqa: ANN001, ANN202
            return analysis.relations

    monkeypatch.setattr(roles, "_by_sentence", lambda a: Everything())
    before = roles._agents([analysis], [])
    assert dict(agents) == dict(before) and agents.owners == before.owners and agents.named == before.named
    assert agents.owners  # the council's plan
