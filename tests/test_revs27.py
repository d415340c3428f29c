"""Review revs27 of the speed merges wt-growth27 and wt-bspeed16, which claim output identical to 8853a13.
The functions they made fast are run here beside the 8853a13 code copied in (``_old_*``) on inputs written to
find a difference: ordinals in capitals, hyphens, spaces, digits and non-ASCII text; spans nested, overlapping,
touching, empty and equal; possessives whose owner is in another sentence; parse pieces repeated or crossing
sentences. Only the memo's bound on its texts' length fails on 6ab6f9c; the rest pin the identity down.
Sentences written for these tests."""

from __future__ import annotations

import itertools

import pytest
from test_fast_readers import _by_pattern as _old_ordinals  # 8853a13's ordinals_in

from storycheck import analyze, quantities, roles
from storycheck.analyze import CONTENT_POS, OWNER_PRONOUNS, pronoun_owner
from storycheck.nlp import PIECES, forget_parses, parse, tagger
from storycheck.quantities import ORDINAL_WORDS, ordinals_in
from storycheck.records import Document

# --- the 8853a13 code ---------------------------------------------------------------------------------


def _old_within(spans: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in spans)


def _old_lemmas(sdoc, sentences, sent_of_token) -> list[list[str]]:  # noqa: ANN001
    out: list[list[str]] = [[] for _ in sentences]
    if not sentences:
        return out
    t = analyze._tokens(sdoc)
    for i in range(t.n):
        if t.pos[i] in CONTENT_POS and not t.stop[i] and not t.punct[i]:
            word = t.lemma[i]
            if len(word) > 1 or t.like_num[i]:
                out[sent_of_token[i]].append(word)
    return out


# --- quantities.ordinals_in -----------------------------------------------------------------------------


def _spellings(word: str) -> list[str]:
    spaced = word.replace("-", " ")
    return sorted({word, word.upper(), word.title(), word.capitalize(), spaced, spaced.upper(), spaced.title(),
                   word.replace("-", "  "), word.replace("-", "\u00a0"), word.replace("-", "\n")})  # fmt: skip


_FRAMES = [
    "It was the {} time the council met this year.",
    "Für die {} Runde: the {}-place team lost.",  # not ASCII: the long pattern
    "Café owners marked the {} anniversary.",
    "{}",
    "the{}",  # no word boundary: none
    "Rates rose for a {}, and a {} time, in 2019.",
]


def test_every_ordinal_spelling_reads_as_before() -> None:
    quantities.forget()
    for word in ORDINAL_WORDS:
        for spelled in _spellings(word):
            for frame in _FRAMES:
                text = frame.format(*[spelled] * frame.count("{}"))
                assert ordinals_in(text) == _old_ordinals(text), text
                assert ordinals_in(text) == _old_ordinals(text), text  # from the memo
    digits = ["1st", "3RD", "21St", "102nd", "0th", "9999th", "12345th", "１st", "２１ST", "٣rd", "3 rd", "3rds", "x3rd"]
    for spelled in digits:
        for frame in _FRAMES:
            text = frame.format(*[spelled] * frame.count("{}"))
            assert ordinals_in(text) == _old_ordinals(text), text


def test_only_the_letters_re_i_folds_change_an_ordinal_from_before() -> None:
    """``FİRST`` and ``firſt``: 8853a13 raised KeyError (6ab6f9c's fix); with no such letter the same as before."""
    for text in ("the FİRST time", "the firſt time", "the fırst time", "the twentieth time and the Kth"):
        try:
            old = _old_ordinals(text)
        except KeyError:
            assert ordinals_in(text)
        else:
            assert ordinals_in(text) == old


def test_a_callers_change_to_the_list_does_not_reach_the_memo() -> None:
    text = "The third vote came on the 21st."
    first = ordinals_in(text)
    first.append((0, 1, 99))
    first[0] = (0, 0, 0)
    assert ordinals_in(text) == _old_ordinals(text) == [(4, 9, 3), (27, 31, 21)]


def test_a_long_text_is_read_but_not_kept() -> None:
    """The memo held 8,192 texts of any length (a sentence with no full stop runs to a document's length): a
    server fed long texts kept them all. A text over ``ORDINALS_CACHED`` characters is read, not kept; fails on
    6ab6f9c, which kept it."""
    quantities.forget()
    long = " ".join(["the council met for the third time and voted"] * 200)
    assert len(long) > 2_000
    assert ordinals_in(long) == _old_ordinals(long)
    assert len(ordinals_in(long)) == 200
    assert quantities._ordinals_in.cache_info().currsize == 0
    assert ordinals_in("the third time") == [(4, 9, 3)]
    assert quantities._ordinals_in.cache_info().currsize == 1


# --- roles._Within ----------------------------------------------------------------------------------------


def test_within_answers_as_asking_every_span_on_every_small_case() -> None:
    """Every set of up to three spans on 0..5 (nested, overlapping, touching, empty, equal, repeated) against
    every probe on -1..6, empty and reversed probes too."""
    points = range(6)
    spans = [(s, e) for s in points for e in points if e >= s]
    probes = [(a, b) for a in range(-1, 7) for b in range(-1, 7)]
    for k in range(4):
        for chosen in itertools.combinations_with_replacement(spans, k):
            within = roles._Within(list(chosen))
            for p in probes:
                assert within(p) == _old_within(list(chosen), p), (chosen, p)


# --- roles._pronoun_owner with _by_sentence -----------------------------------------------------------

_OWNED = (
    "Tesco said its shares rose on Monday. Its profit fell, the chain said. Analysts said their forecasts held.\n\n"
    "Ford said its profit rose, while Toyota said its profit fell. The union said that its members would strike. "
    "Its members voted, the union said. Its chief said the firm would cut 300 jobs.\n\n"
    "The council approved the plan. It said its budget would grow. Their leader, who said its costs rose, left."
)


def test_a_possessives_owner_is_read_from_its_sentence_as_from_the_whole_report() -> None:
    forget_parses()
    a = analyze.analyze_many([Document("a", _OWNED)])[0]
    by_sentence = roles._by_sentence(a)
    possessives = [r for r in a.relations if r.dep == "poss" and r.child in OWNER_PRONOUNS]
    assert len(possessives) >= 8
    found = 0
    for r in possessives:
        owner = roles._pronoun_owner(a, r, by_sentence)
        assert owner == pronoun_owner(a.relations, r, a) == roles._pronoun_owner(a, r)
        found += owner is not None
    assert found >= 3  # Tesco's, Toyota's, the union's
    assert [r for rs in by_sentence.values() for r in rs] == sorted(a.relations, key=lambda r: r.sentence)


# --- analyze._sentence_parts' lemmas ------------------------------------------------------------------

_PIECED = [
    # pieces repeated within and across reports, a closing mark merged across pieces, ``according`` at a piece's end
    "The mayor said 300 homes would be built. The mayor said 300 homes would be built.\n\n"
    'Officials confirmed the fire. "It is over."\n"\n\nRescuers worked through the night, according\n\nto police.',
    "The mayor said 300 homes would be built. Rescuers worked through the night, according to police. (\n\n)",
    "The mayor said 300 homes would be built.",
    "“We will rebuild,” she said.” The 2nd vote failed.\n\n” Then a third vote passed on Friday, 5 May.",
]


@pytest.mark.parametrize("rounds", [1, 2])
def test_a_reports_lemmas_by_pieces_equal_the_whole_docs_as_before(rounds: int) -> None:
    """The lemmas read piece by piece (fresh, then from the piece memo) equal 8853a13's reading of the whole Doc."""
    forget_parses()
    nlp = tagger()
    for _ in range(rounds):
        for text in _PIECED:
            sdoc = parse([text], nlp)[0]
            assert sdoc.user_data.get(PIECES)
            sdoc.user_data["storycheck_text"] = text
            sdoc.user_data[analyze._TOKENS] = analyze._Tokens(sdoc)
            sentences = analyze._sentences(sdoc)
            sent_of_token = analyze._sentence_index_per_token(sdoc, sentences)
            parts = analyze._sentence_parts(sdoc, sentences, sent_of_token)
            assert parts["lemmas"] == _old_lemmas(sdoc, sentences, sent_of_token), text
            assert analyze._lemmas(sdoc, sentences, sent_of_token) == parts["lemmas"]
            assert sum(map(len, parts["lemmas"])) > 3
