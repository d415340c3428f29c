"""Session 33 (bspeed21): the decoders take a batch's four sub-batches' steps together, and the token-rule memo
asks its Matcher of longer patterns only for pieces that hold a word one of them needs. Both output-neutral:
every token array equal to spaCy's own pipeline's (as tests/test_parse_pieces.py also checks). News sentences
written for these tests."""

from __future__ import annotations

import numpy as np
import pytest
from spacy.tokens import Doc

from storycheck import nlp as nlp_module
from storycheck.nlp import GreedyEntities, GreedyParser, TokenRules, tagger, token_rules

# short and long pieces, so that a batch's sub-batches (sorted by length) differ in length and in steps
PIECES = [
    "The port of Rotterdam reopened on Tuesday.",
    "Dockworkers voted 312 to 90 to end the strike, the union said.",
    "Shares of Maersk rose 4% in Copenhagen.",
    "Rain.",
    "Minister Karin Holm told reporters in Oslo that talks with the union would resume on Monday at 10 a.m.",
    "We're gonna keep the gates shut until the deal is signed, a picket said.",
    "There is no date yet for a vote on the new contract.",
    "Let's be clear: nobody has been paid since June.",
    "Police said two men were arrested near Gate 7 after a scuffle with security guards late on Sunday night.",
    "The strike cost an estimated $40 million a day.",
    "Y'all can read the whole agreement online, the union's Dana Reyes said.",
    "Hale ain't coming back, his lawyer said.",
    "Ships queued off the Hook of Holland.",
    "The European Commission in Brussels declined to comment.",
    "Gotta go, said the harbour master, Piet de Vries, as the first ship docked.",
    "Trading resumed.",
    "",
    "On 3 March 2024 the company posted a loss of 1.2 billion euros, its first since 2009.",
]


@pytest.fixture(scope="module")
def nlp():  # noqa: ANN201
    return tagger()


def _arrays(docs: list) -> list[np.ndarray]:
    attrs = list(Doc._get_array_attrs())
    return [d.to_array(attrs) for d in docs]


def _counting(obj, name: str, calls: list):  # noqa: ANN001, ANN202
    real = getattr(obj, name)

    def counted(*a, **k):  # noqa: ANN002, ANN003, ANN202
        calls.append(a)
        return real(*a, **k)

    setattr(obj, name, counted)


def test_entities_of_a_batch_decoded_in_one_step_loop(nlp) -> None:  # noqa: ANN001
    """A batch of 18 pieces in spaCy's sub-batches of 4 (batch size 16: five sub-batches, each through the
    recognizer's layers alone) is decoded in one step loop, and every token array equals spaCy's own
    recognizer's; in batches of 3 (sub-batches of 2) too. On the base each sub-batch was its own loop."""
    greedy = GreedyEntities.of(nlp)
    assert greedy is not None
    for size, loops in ((16, 2), (3, 6)):
        theirs = list(nlp.pipe(PIECES, batch_size=size))
        calls: list = []
        _counting(greedy, "_decode", calls)
        mine = list(greedy.pipe(nlp.pipe(PIECES, batch_size=size, disable=["ner"]), size))
        assert len(calls) == loops, size  # one per batch of ``size`` (18 pieces)
        assert all(np.array_equal(a, b) for a, b in zip(_arrays(theirs), _arrays(mine), strict=True))
        assert sum(len(d.ents) for d in mine) >= 12


def test_entities_together_keep_each_sub_batch_minimum_of_unseen_classes(nlp) -> None:  # noqa: ANN001
    """Classes marked unseen take the minimum score of their own sub-batch's live states (spaCy's rule): with
    random upper layers (moves of every kind wanted) and the sub-batches' steps taken together, every token
    array equals spaCy's own recognizer's. A guard of equality only: the minimum's value decides a move only
    in a tie with a seen move that is itself its sub-batch's lowest score (a global minimum passes it too)."""
    ner = nlp.get_pipe("ner")
    upper = ner.model.get_ref("upper")
    weights, bias = upper.get_param("W").copy(), upper.get_param("b").copy()
    unseen = set(ner.model.attrs["unseen_classes"])
    try:
        for seed in range(3):
            rng = np.random.default_rng(seed)
            upper.set_param("W", (weights + rng.normal(0, 3 * weights.std(), weights.shape)).astype("f"))
            upper.set_param("b", (bias + rng.normal(0, 2, bias.shape)).astype("f"))
            ner.model.attrs["unseen_classes"] = set(rng.choice(ner.moves.n_moves, 12, replace=False).tolist())
            greedy = GreedyEntities(ner)
            theirs = list(nlp.pipe(PIECES * 2, batch_size=32))
            mine = list(greedy.pipe(nlp.pipe(PIECES * 2, batch_size=32, disable=["ner"]), 32))
            bad = [p for p, a, b in zip(PIECES * 2, _arrays(theirs), _arrays(mine), strict=True)
                   if not np.array_equal(a, b)]  # fmt: skip
            assert not bad, (seed, bad[:3])
    finally:
        upper.set_param("W", weights)
        upper.set_param("b", bias)
        ner.model.attrs["unseen_classes"] = unseen


def test_entities_non_finite_score_falls_back_per_sub_batch(nlp) -> None:  # noqa: ANN001
    """A non-finite score: each sub-batch is decoded alone again and the ones that hold it go through spaCy's
    own recognizer (as on the base); the Docs as spaCy's own recognizer leaves them."""
    ner = nlp.get_pipe("ner")
    upper = ner.model.get_ref("upper")
    weights = upper.get_param("W").copy()
    try:
        broken = weights.copy()
        broken[3, 5] = np.inf
        upper.set_param("W", broken)
        greedy = GreedyEntities(ner)
        calls: list = []
        _counting(greedy, "_decode", calls)
        theirs = list(nlp.pipe(PIECES, batch_size=32))
        mine = list(greedy.pipe(nlp.pipe(PIECES, batch_size=32, disable=["ner"]), 32))
        assert len(calls) >= 2  # (together, then alone)
        assert all(np.array_equal(a, b) for a, b in zip(_arrays(theirs), _arrays(mine), strict=True))
    finally:
        upper.set_param("W", weights)


def test_parses_of_a_batch_decoded_in_one_step_loop(nlp) -> None:  # noqa: ANN001
    """The parser's states of a batch's sub-batches advance in one step loop (spaCy's offsets of the Docs
    made for the whole batch index the sub-batches' tables put end to end); every token array equals
    spaCy's own parser's, in batches of 16 and of 3. On the base each sub-batch was its own loop."""
    greedy = GreedyParser.of(nlp)
    assert greedy is not None
    off = ["attribute_ruler", "lemmatizer", "ner"]
    texts = [p for p in PIECES if p]  # (spaCy's own parser takes a batch with an empty Doc: it "has" arcs)
    for size, loops in ((16, 2), (3, 6)):
        theirs = list(nlp.pipe(texts, batch_size=size, disable=off))
        calls: list = []
        _counting(greedy, "_decode", calls)
        mine = list(greedy.pipe(nlp.pipe(texts, batch_size=size, disable=["parser", *off]), size))
        assert len(calls) == loops, size
        assert all(np.array_equal(a, b) for a, b in zip(_arrays(theirs), _arrays(mine), strict=True))


class _CountingMatcher:
    def __init__(self, matcher) -> None:  # noqa: ANN001
        self.matcher, self.docs = matcher, []

    def __call__(self, doc, **kw):  # noqa: ANN001, ANN003, ANN204
        self.docs.append(doc.text)
        return self.matcher(doc, **kw)


def test_longer_patterns_asked_only_of_pieces_holding_their_words(nlp, monkeypatch) -> None:  # noqa: ANN001
    """The default pipeline's longer patterns ("gon na", "let 's", "ai n't", "got ta", an ``expl``
    subject before "is"...) each need one word or label, so a piece without any of them is not matched; the
    pieces with one still are, and every token array equals the full pipeline's."""
    rules = TokenRules.of(nlp)
    assert rules is not None and rules._gate is not None
    lowers, deps = rules._gate
    assert {nlp.vocab.strings[h] for h in lowers} == {"ai", "gon", "got", "let", "c'm", "all"}
    assert {nlp.vocab.strings[h] for h in deps} == {"expl"}
    counting = _CountingMatcher(rules._longer)
    rules._longer = counting
    monkeypatch.setitem(nlp_module._RULES, nlp, rules)
    mine = nlp_module.parse(PIECES, nlp, cache=nlp_module.ParseCache())
    asked = set(counting.docs)
    for piece in ("We're gonna keep the gates shut until the deal is signed, a picket said.",
                  "There is no date yet for a vote on the new contract.", "Let's be clear: nobody has been paid since June.",
                  "Gotta go, said the harbour master, Piet de Vries, as the first ship docked.", "Hale ain't coming back, his lawyer said."):  # fmt: skip
        assert piece in asked
    for piece in ("The port of Rotterdam reopened on Tuesday.", "Rain.", "Trading resumed.",
                  "Shares of Maersk rose 4% in Copenhagen."):  # fmt: skip
        assert piece not in asked
    theirs = list(nlp.pipe(PIECES))
    assert all(np.array_equal(a, b) for a, b in zip(_arrays(theirs), _arrays(mine), strict=True))
    assert token_rules(nlp) is rules


def test_gate_off_when_a_longer_pattern_names_no_word(nlp) -> None:  # noqa: ANN001
    """A pattern whose tokens are matched only by a regular expression, by a tag, or may be absent gives no
    gate: the Matcher is then asked of every piece."""
    vocab = nlp.vocab
    assert TokenRules._gate_of(vocab, [[{"LOWER": {"REGEX": "^y'?$"}}, {"TAG": "DT"}]]) is None
    assert TokenRules._gate_of(vocab, [[{"LOWER": "so", "OP": "?"}, {"POS": "VERB"}]]) is None
    lowers, deps = TokenRules._gate_of(vocab, [[{"LOWER": {"REGEX": "^y'?$"}}, {"lower": {"IN": ["all", "yall"]}}],
                                               [{"DEP": "expl"}, {"LOWER": "is"}]])  # fmt: skip
    assert {vocab.strings[h] for h in lowers} == {"all", "yall"} and {vocab.strings[h] for h in deps} == {"expl"}
