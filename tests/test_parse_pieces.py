"""Parsing piece by piece (nlp.parse) and the per-piece analysis cache: same text, same offsets, and the
cached parts equal to a computation on the whole stitched Doc."""

from __future__ import annotations

from pathlib import Path

import pytest

from storycheck import analyze as A
from storycheck.nlp import PIECES, ParseCache, parse, pieces, tagger
from storycheck.records import Document

TEXTS = [
    'He said "no." Then he left.\n\nShe met Mr. Smith of the U.S. at 5 p.m. on Friday. "We won," she said.  Two  spaces.\n',
    "The ministry said 4,000 dockworkers had not returned. According to Reuters, talks would resume on Monday.",
    "Officials said the deal was signed by John Hale. Hale said talks would resume. 'It is over,' he added.",
    "",
]


@pytest.fixture(scope="module")
def nlp():  # noqa: ANN201
    return tagger()


def test_pieces_tile_the_text_and_keep_abbreviations(nlp) -> None:  # noqa: ANN001
    text = TEXTS[0]
    cut = [text[a:b] for a, b in pieces(nlp.make_doc(text))]
    assert "".join(cut) == text
    assert cut == ['He said "no." ', "Then he left.\n\n", "She met Mr. Smith of the U.S. at 5 p.m. on Friday. ",
                   '"We won," she said.  ', "Two  spaces.\n"]  # fmt: skip


def test_parse_keeps_text_and_offsets_and_caches_pieces(nlp) -> None:  # noqa: ANN001
    cache = ParseCache()
    docs = parse(TEXTS, nlp, cache=cache)
    for text, sdoc in zip(TEXTS, docs, strict=True):
        assert sdoc.text == text
        assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in sdoc)
    assert cache.misses > 0 and cache.hits == 0
    again = parse(TEXTS[:3], nlp, cache=cache)
    assert cache.hits > 0
    sig = [[(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_type_) for t in d] for d in docs[:3]]
    assert sig == [[(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_type_) for t in d] for d in again]


def test_cached_sentence_parts_equal_whole_doc_parts(nlp) -> None:  # noqa: ANN001
    documents = [Document(id=f"d{i}", text=t) for i, t in enumerate(TEXTS[:3])]
    # twice through the per-piece cache (the second time every piece is a hit), once without it
    first = [A.analyze_parsed(d, s) for d, s in zip(documents, parse([d.text for d in documents], nlp), strict=True)]
    second = [A.analyze_parsed(d, s) for d, s in zip(documents, parse([d.text for d in documents], nlp), strict=True)]
    plain = parse([d.text for d in documents], nlp)
    for s in plain:
        del s.user_data[PIECES]
    whole = [A.analyze_parsed(d, s) for d, s in zip(documents, plain, strict=True)]
    assert first == whole and second == whole
    assert any(a.clauses for a in whole) and any(a.attributions for a in whole) and any(a.relations for a in whole)


def test_forget_parses_empties_every_piece_cache(nlp) -> None:  # noqa: ANN001
    from storycheck.nlp import forget_parses

    cache = ParseCache(100)
    parse([TEXTS[1]], nlp, cache=cache)
    parse([TEXTS[1]], nlp, cache=cache)
    assert cache.hits == 2 and cache.misses == 2  # two pieces, parsed once, found once
    from storycheck.nlp import token_rules

    assert token_rules(nlp)._known  # tokens learnt by the rule memo...
    forget_parses()
    assert cache.hits == cache.misses == 0
    assert not token_rules(nlp)._known  # ...forgotten too
    parse([TEXTS[1]], nlp, cache=cache)
    assert cache.misses == 2  # parsed afresh


RULE_TEXTS = [
    "I ain't gonna sign it, y'all. Let's go, c'mon.",  # patterns of two tokens: the components run themselves
    "We gotta go. You were doin' nothing, ol' man. I told him and he told me.",
    "The ministry said 4,000 dockworkers had not returned.  It was the best of times.\n\nShe is running.",
    "The ministry said 4,000 dockworkers had not returned. Officials are meeting; talks were suspended.",
]


def test_token_rules_give_what_the_components_give(nlp) -> None:  # noqa: ANN001
    """Attribute ruler and lemmatizer memoised token by token: every array column equal to the full
    pipeline's, on first sight (tokens learnt) and once every token is known."""
    import numpy as np
    from spacy.attrs import LEMMA
    from spacy.tokens import Doc

    from storycheck.nlp import TokenRules

    attrs = list(Doc._get_array_attrs())
    rules = TokenRules.of(nlp)
    assert rules is not None and rules.names == ["attribute_ruler", "lemmatizer"]
    full = [d.to_array(attrs) for d in nlp.pipe(RULE_TEXTS)]
    for _ in range(2):
        fast = [rules.apply(d, attrs) for d in nlp.pipe(RULE_TEXTS, disable=rules.names)]
        assert all(np.array_equal(a, b) for a, b in zip(full, fast, strict=True))
    assert rules._known  # learnt from the pieces without a longer pattern
    lemmas = {nlp.vocab.strings[int(x)] for x in fast[2][:, attrs.index(LEMMA)]}
    assert {"say", "return", "be", "run"} <= lemmas


def test_token_rules_learn_a_batch_of_docs_at_once_and_give_what_the_components_give(nlp) -> None:  # noqa: ANN001
    """``apply_many``: the new tokens of all the Docs learnt in one run of the components (not one per Doc),
    every array equal to the full pipeline's, Docs with a pattern of two tokens among them; and when the
    new tokens side by side match a longer pattern (``there`` as an expletive, then ``is``: each Doc is
    clean alone), Doc by Doc, the same arrays."""
    import numpy as np
    from spacy.tokens import Doc

    from storycheck.nlp import TokenRules

    attrs = list(Doc._get_array_attrs())
    texts = [*RULE_TEXTS, *TEXTS, "", "Officials said there", "is no deal yet, and talks go on."]
    full = [d.to_array(attrs) for d in nlp.pipe(texts)]
    rules = TokenRules.of(nlp)
    runs = []
    learn = rules._learn
    rules._learn = lambda vocab, missing: runs.append(len(missing)) or learn(vocab, missing)
    for _ in range(2):
        fast = rules.apply_many(list(nlp.pipe(texts, disable=rules.names)), attrs)
        assert all(np.array_equal(a, b) for a, b in zip(full, fast, strict=True))
    assert len(runs) == 1 and runs[0] == len(rules._known)  # one run, on first sight; none once known
    # a side-by-side match of new tokens (made by hand: the parser would not end a piece on an expletive)
    rules = TokenRules.of(nlp)

    def docs() -> list:
        return [Doc(nlp.vocab, words=["there"], tags=["EX"], deps=["expl"], heads=[0]),
                Doc(nlp.vocab, words=["is", "calm"], tags=["VBZ", "JJ"], deps=["ROOT", "acomp"], heads=[0, 0])]

    runs.clear()
    learn = rules._learn
    rules._learn = lambda vocab, missing: runs.append(learn(vocab, missing)) or runs[-1]
    assert not any(rules._longer(d, allow_missing=True) for d in docs())
    fast = rules.apply_many(docs(), attrs)
    assert runs[0] is False and all(runs[1:])  # (all at once refused; then Doc by Doc)
    for doc, array in zip(docs(), fast, strict=True):
        rules._run(doc)
        assert np.array_equal(doc.to_array(attrs), array)


def test_token_rules_left_out_for_a_pipeline_they_do_not_fit(nlp) -> None:  # noqa: ANN001
    import spacy

    from storycheck.nlp import TAGGER_PACKAGE, TokenRules

    assert TokenRules.of(spacy.blank("en")) is None
    # a ruler that sets NORM must run before the NER, whose own features read NORM: no memo then
    nlp2 = spacy.load(TAGGER_PACKAGE)
    assert TokenRules.of(nlp2) is not None
    nlp2.get_pipe("attribute_ruler").add([[{"ORTH": "Govt"}]], {"NORM": "government"})
    assert TokenRules.of(nlp2) is None


def test_the_tagger_multiplies_through_numpy_and_a_wrong_gemm_setting_is_named(monkeypatch):
    """Every layer of the pipeline uses numpy's BLAS (not the generic BLIS kernel), and a mistyped
    ``STORYCHECK_GEMM`` is a coded error naming the value, not silently the default."""
    import storycheck.nlp as nlp
    from storycheck.errors import ModelError

    model = nlp.tagger().get_pipe("ner").model
    assert {type(node.ops).__name__ for node in model.walk()} == {"NumpyOps"}
    assert all(node.ops.use_blis is False for node in model.walk())
    monkeypatch.setattr(nlp, "GEMM", "blas")
    with pytest.raises(ModelError, match="STORYCHECK_GEMM='blas'"):
        nlp._numpy_gemm(nlp.tagger())


ENTITY_TEXTS = [
    "Angela Merkel met Emmanuel Macron in Berlin on Tuesday, the German government said.",
    "Apple Inc. paid $3.2 billion for 40% of Beats Electronics in May 2014.",
    "The New York Times reported that 1,200 people fled Aleppo.\nUN officials in Geneva",
    "  President Barack Obama  spoke to NATO . Then\nBritain",  # spaces, a line break, an entity at the end
    "", "Paris", "He left.",
]


def test_numpy_entities_equal_spacy_entities(nlp) -> None:  # noqa: ANN001
    """The entity recognizer decoded in numpy (``GreedyEntities``) sets every token array column as spaCy's
    own recognizer does, entities included, in batches of mixed lengths and in batches of one; a Doc with
    preset entities goes through spaCy's own loop."""
    import numpy as np
    from spacy.tokens import Doc, Span

    from storycheck.nlp import GreedyEntities

    greedy = GreedyEntities.of(nlp)
    assert greedy is not None
    attrs = list(Doc._get_array_attrs())
    texts = ENTITY_TEXTS + TEXTS + RULE_TEXTS
    full = list(nlp.pipe(texts, batch_size=8))
    assert sum(len(d.ents) for d in full) >= 15
    for size in (8, 1):
        fast = list(greedy.pipe(nlp.pipe(texts, batch_size=size, disable=["ner"]), size))
        assert all(np.array_equal(a.to_array(attrs), b.to_array(attrs)) for a, b in zip(full, fast, strict=True))
        assert [[(e.start, e.end, e.label_) for e in d.ents] for d in fast] == [
            [(e.start, e.end, e.label_) for e in d.ents] for d in full]
    preset, theirs = nlp.pipe([ENTITY_TEXTS[0]] * 2, disable=["ner"])
    for doc in (preset, theirs):
        doc.set_ents([Span(doc, 3, 5, label="ORG")], default="unmodified")
    greedy.annotate([preset])
    nlp.get_pipe("ner")(theirs)
    assert ("Emmanuel Macron", "ORG") in [(e.text, e.label_) for e in preset.ents]  # kept, as spaCy keeps it
    assert np.array_equal(preset.to_array(attrs), theirs.to_array(attrs))


def test_numpy_entities_left_out_when_asked_or_unfit(monkeypatch) -> None:
    import spacy

    import storycheck.nlp as nlp

    assert nlp.GreedyEntities.of(spacy.blank("en")) is None
    monkeypatch.setattr(nlp, "NER", "spacy")
    assert nlp.GreedyEntities.of(nlp.tagger()) is None
    from storycheck.errors import ModelError

    monkeypatch.setattr(nlp, "NER", "spacey")  # a mistyped choice is named, not silently the default
    with pytest.raises(ModelError, match="STORYCHECK_NER='spacey'"):
        nlp.GreedyEntities.of(nlp.tagger())


EDGE_TEXTS = ["", " ", "\n\n", "Paris", " Paris ", "New York\n\nLondon  Paris", "A\n\nB C  D\nE", "U.S. . \n UN"]


def test_numpy_entities_equal_spacy_entities_under_random_scores(nlp) -> None:  # noqa: ANN001
    """Random upper layers make the model want invalid moves everywhere (B on the last token, across a
    sentence start, on a space...), so every validity rule and feature index decides something (the real
    model rarely wants an invalid move: real text alone let single-rule mistakes through); classes marked
    unseen exercise the minimum per sub-batch. Every token array equal to spaCy's."""
    import numpy as np
    from spacy.tokens import Doc

    from storycheck.nlp import GreedyEntities

    ner = nlp.get_pipe("ner")
    upper = ner.model.get_ref("upper")
    weights, bias = upper.get_param("W").copy(), upper.get_param("b").copy()
    unseen = set(ner.model.attrs["unseen_classes"])
    attrs = list(Doc._get_array_attrs())
    texts = ENTITY_TEXTS + TEXTS + RULE_TEXTS + EDGE_TEXTS
    try:
        for seed in range(4):
            rng = np.random.default_rng(seed)
            upper.set_param("W", (weights + rng.normal(0, 3 * weights.std(), weights.shape)).astype("f"))
            upper.set_param("b", (bias + rng.normal(0, 2, bias.shape)).astype("f"))
            odd = set(rng.choice(ner.moves.n_moves, 8, replace=False).tolist()) if seed % 2 else set()
            ner.model.attrs["unseen_classes"] = odd
            greedy = GreedyEntities(ner)
            for size in (64, 3):
                theirs = list(nlp.pipe(texts, batch_size=size))
                mine = list(greedy.pipe(nlp.pipe(texts, batch_size=size, disable=["ner"]), size))
                assert sum(len(d.ents) for d in mine) > 20
                bad = [t for t, x, y in zip(texts, theirs, mine, strict=True)
                       if not np.array_equal(x.to_array(attrs), y.to_array(attrs))]  # fmt: skip
                assert not bad, (seed, size, bad[:3])
    finally:
        upper.set_param("W", weights)
        upper.set_param("b", bias)
        ner.model.attrs["unseen_classes"] = unseen


def test_numpy_entities_give_way_when_the_model_changed(nlp) -> None:  # noqa: ANN001
    """spaCy swaps in a new upper layer and adds moves when it meets a new label: a decoder made before
    that no longer decodes (spaCy's own loop runs), rather than use the old layer."""
    from storycheck.nlp import GreedyEntities

    ner = nlp.get_pipe("ner")
    greedy = GreedyEntities(ner)
    assert greedy.current()
    unseen = set(ner.model.attrs["unseen_classes"])
    try:
        ner.model.attrs["unseen_classes"] = {*unseen, 0}
        assert not greedy.current()
        calls = []
        real = greedy._decode
        greedy._decode = lambda *a: calls.append(a) or real(*a)  # type: ignore[method-assign]
        docs = list(nlp.pipe([ENTITY_TEXTS[0]], disable=["ner"]))
        greedy.annotate(docs)
        assert not calls and docs[0].ents  # spaCy's own recognizer set them
        piped = list(greedy.pipe(nlp.pipe([ENTITY_TEXTS[1]], disable=["ner"]), 8))
        assert not calls and piped[0].ents  # and spaCy's own batches
    finally:
        ner.model.attrs["unseen_classes"] = unseen


def _sample_texts() -> list[str]:
    """The bundled sample corpus (news-like prose: quotes, figures, names, paragraphs), one text a row."""
    import json
    from pathlib import Path

    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "sample.jsonl"
    texts = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        try:  # (the sample holds bad rows on purpose)
            row = json.loads(line)
        except ValueError:
            continue
        if isinstance(row, dict) and isinstance(row.get("text"), str) and row["text"].strip():
            texts.append(row["text"])
    return texts


PARSER_OFF = ["parser", "attribute_ruler", "lemmatizer", "ner"]  # what runs after the parser, left out


def _parses_equal(nlp, greedy, texts: list[str], size: int) -> list[str]:  # noqa: ANN001
    """The texts whose token arrays (heads, labels, sentence starts and all) differ between spaCy's parser
    and ``greedy`` on the same tagged Docs, in batches of ``size``."""
    import numpy as np
    from spacy.tokens import Doc

    attrs = list(Doc._get_array_attrs())
    theirs = list(nlp.pipe(texts, batch_size=size, disable=PARSER_OFF[1:]))
    mine = list(greedy.pipe(nlp.pipe(texts, batch_size=size, disable=PARSER_OFF), size))
    return [t for t, x, y in zip(texts, theirs, mine, strict=True)
            if not np.array_equal(x.to_array(attrs), y.to_array(attrs))]  # fmt: skip


def test_numpy_parser_equals_spacy_parser(nlp) -> None:  # noqa: ANN001
    """The parser scored in numpy (``GreedyParser``) sets every token array column as spaCy's own parser
    does, on real prose split into sentence pieces as ``parse`` splits it, on the whole texts, and on edge
    cases, in batches of mixed lengths and of one; ``parse`` goes through it."""
    from storycheck.nlp import GreedyParser, greedy_parser

    greedy = GreedyParser.of(nlp)
    assert greedy is not None
    sample = _sample_texts()
    cut = [t[a:b] for t in sample for a, b in pieces(nlp.make_doc(t), t)]
    texts = cut + sample + ENTITY_TEXTS + TEXTS + RULE_TEXTS + EDGE_TEXTS
    assert len(cut) >= 40
    for size in (64, 7, 1):
        assert not _parses_equal(nlp, greedy, texts, size), size
    used = greedy_parser(nlp)
    calls = []
    real = used._decode
    used._decode = lambda *a: calls.append(a) or real(*a)  # type: ignore[method-assign]
    try:
        parse(["Hale said the port had reopened on Tuesday after a three-week strike."], nlp, cache=ParseCache())
    finally:
        del used._decode
    assert calls


def test_numpy_parser_equals_spacy_parser_under_random_scores(nlp) -> None:  # noqa: ANN001
    """Random upper layers make the parser take every kind of move where the real model rarely does
    (breaks, reductions that put a word back on the buffer, arcs replaced), so the states' features reach
    every context token and the padding; every token array equal to spaCy's."""
    import numpy as np

    from storycheck.nlp import GreedyParser

    parser = nlp.get_pipe("parser")
    upper = parser.model.get_ref("upper")
    weights, bias = upper.get_param("W").copy(), upper.get_param("b").copy()
    sample = _sample_texts()
    texts = [t[a:b] for t in sample for a, b in pieces(nlp.make_doc(t), t)] + sample + TEXTS + EDGE_TEXTS
    try:
        for seed in range(3):
            rng = np.random.default_rng(seed)
            upper.set_param("W", (weights + rng.normal(0, 3 * weights.std(), weights.shape)).astype("f"))
            upper.set_param("b", (bias + rng.normal(0, 2, bias.shape)).astype("f"))
            greedy = GreedyParser(parser)
            for size in (64, 5):
                bad = _parses_equal(nlp, greedy, texts, size)
                assert not bad, (seed, size, bad[:3])
            # the random model did parse differently from the real one (the check is not vacuous)
            heads = [t.head.i for d in nlp.pipe(texts[:20], disable=PARSER_OFF[1:]) for t in d]
            upper.set_param("W", weights)
            upper.set_param("b", bias)
            assert heads != [t.head.i for d in nlp.pipe(texts[:20], disable=PARSER_OFF[1:]) for t in d]
    finally:
        upper.set_param("W", weights)
        upper.set_param("b", bias)


def test_numpy_parser_gives_way_to_spacy(nlp, monkeypatch) -> None:  # noqa: ANN001
    """spaCy's own parser runs when asked (``STORYCHECK_PARSER=spacy``), for a pipeline without a parser,
    for Docs with preset arcs, and once the model changed (unseen classes); a mistyped choice is named."""
    import spacy

    import storycheck.nlp as N
    from storycheck.errors import ModelError

    assert N.GreedyParser.of(spacy.blank("en")) is None
    greedy = N.GreedyParser.of(nlp)
    preset = next(nlp.pipe(["Hale met the union on Monday."], disable=PARSER_OFF))
    preset[0].head = preset[1]
    preset[0].dep_ = "nsubj"
    calls = []
    greedy.predict = lambda docs: calls.append(docs)  # type: ignore[method-assign]
    assert list(greedy.pipe([preset], 8)) == [preset] and not calls  # (spaCy's parser took it)
    del greedy.predict
    parser = nlp.get_pipe("parser")
    unseen = set(parser.model.attrs["unseen_classes"])
    try:
        parser.model.attrs["unseen_classes"] = {*unseen, 0}
        assert not greedy.current()
        calls = []
        greedy.predict = lambda docs: calls.append(docs)  # type: ignore[method-assign]
        piped = list(greedy.pipe(nlp.pipe(["Hale met the union on Monday."], disable=PARSER_OFF), 8))
        assert not calls and piped[0].has_annotation("DEP")  # spaCy's own parser set the arcs
    finally:
        parser.model.attrs["unseen_classes"] = unseen
    monkeypatch.setattr(N, "PARSER", "spacy")
    assert N.GreedyParser.of(nlp) is None
    monkeypatch.setattr(N, "PARSER", "spacey")
    with pytest.raises(ModelError, match="STORYCHECK_PARSER='spacey'"):
        N.GreedyParser.of(nlp)


def test_numpy_sums_an_outer_axis_in_order() -> None:
    """``GreedyParser`` sums a state's eight feature rows with one ``np.add.reduce`` over the middle axis,
    relying on numpy to add the rows one after the other from zero, as spaCy's loop does (float32 sums
    differ in their last bits in another order): checked bit for bit against eight ``+=``, signed zeros
    and mixed magnitudes included."""
    import numpy as np

    rng = np.random.default_rng(7)
    for n in (1, 3, 16, 64):
        found = (rng.normal(0, 1, (n, 8, 128)) * rng.choice([1e-4, 1.0, 1e4], (n, 8, 128))).astype(np.float32)
        found[rng.random(found.shape) < 0.1] = -0.0
        one_by_one = np.zeros((n, 128), dtype=np.float32)
        for f in range(8):
            one_by_one += found[:, f]
        reduced = np.add.reduce(found, axis=1, initial=np.float32(0))
        assert np.array_equal(one_by_one.view(np.int32), reduced.view(np.int32))
        assert not np.array_equal(one_by_one, found[:, ::-1].sum(1))  # (the order shows in the bits)


def test_numpy_parser_keeps_spacys_batches_on_a_near_tie(nlp) -> None:  # noqa: ANN001
    """16 ECB+ pieces, one of which ("They drive reckless around here") has two moves within ~1e-5 of each
    other: scored as a whole batch through numpy's BLAS (other bits for a row in another number of rows)
    'reckless' was 'oprd', in spaCy's sorted quarters 'acomp'. The decoder keeps spaCy's sub-batches."""
    import json

    from storycheck.nlp import GreedyParser

    batch = json.loads((Path(__file__).parent / "data" / "parser_near_tie.json").read_text())["batch"]
    assert not _parses_equal(nlp, GreedyParser.of(nlp), batch, 16)


def test_decoders_follow_the_pipelines_components(nlp) -> None:  # noqa: ANN001
    """A pipeline whose parser or recognizer was disabled, removed or replaced after its decoder was made
    gets the decoder of what it has now (none, or one reading the new component)."""
    import spacy

    from storycheck.nlp import greedy_entities, greedy_parser, parse

    mine = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    first = greedy_parser(mine)
    assert first is not None and greedy_entities(mine) is not None
    with mine.select_pipes(disable=["parser"]):
        assert greedy_parser(mine) is None
        assert not parse(["Hale met the union on Monday."], mine)[0].has_annotation("DEP")
    assert greedy_parser(mine) is not None
    other = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    old = mine.remove_pipe("ner")[1]
    mine.add_pipe("ner", source=other)
    assert greedy_entities(mine).ner is mine.get_pipe("ner") is not old
    mine.remove_pipe("parser")
    assert greedy_parser(mine) is None


def test_text_pieces_equal_pieces_of_the_whole_text(nlp) -> None:  # noqa: ANN001
    """``text_pieces`` (stretches tokenized apart, each distinct stretch once) cuts exactly where ``pieces``
    cuts on the whole text's tokens: real prose, texts where a stretch break is no piece cut (``Mr.``,
    ``U.S.``, a lower-case word after a full stop), odd whitespace and quotes; a second call, from the
    cache, gives the same again."""
    import random

    from storycheck.nlp import _STRETCHES, text_pieces

    odd = [
        "Mr. Smith met Dr. Jones. then he left.  Two  spaces.\u00a0Non-breaking. \n\n  Indented.\t Tab.",
        '"We won." She said. \u201cYes.\u201d (Maybe.) [Done.] \u2019Tis. So...  What?! Next \u2026 Last.\n',
        "U.S. officials said 3 p.m. was late. 5 people came. \u00abQuoi?\u00bb Il a dit.\r\nWindows line.",
        " \n Leading space. And trailing. \n \n ",
    ]
    rng = random.Random(7)
    marks = ["Mr.", "U.S.", "a.", "B.", '"', "\u201d", ")", "\n", "  ", " \n ", "\u00a0", "x", "Y", "9", "!", "?"]
    made = [" ".join(rng.choice(marks) for _ in range(rng.randint(1, 30))) for _ in range(300)]
    texts = _sample_texts() + TEXTS + EDGE_TEXTS + odd + made
    _STRETCHES.clear()
    assert [text_pieces(nlp, t) for t in texts] == [pieces(nlp.make_doc(t), t) for t in texts]
    hits = _STRETCHES.hits
    assert [text_pieces(nlp, t) for t in texts] == [pieces(nlp.make_doc(t), t) for t in texts]
    assert _STRETCHES.hits > hits  # the second pass read the stretches from the cache
    # a break that is no cut: the stretches part at "Mr. " but the piece runs on
    text = "They met Mr. Smith. Then left."
    assert [text[a:b] for a, b in text_pieces(nlp, text)] == ["They met Mr. Smith. ", "Then left."]


def test_paragraph_breaks_equal_a_token_by_token_scan(nlp) -> None:  # noqa: ANN001
    """``_paragraph_breaks`` looks only at whitespace tokens; a scan of every token and its trailing
    whitespace (the loop it replaced) starts the same sentences, on random mixes of words, spaces and breaks."""
    import random

    from storycheck.nlp import _paragraph_breaks

    def scan(doc):  # noqa: ANN001, ANN202
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if "\n" in prev.text_with_ws[len(prev.text) :] or (prev.is_space and "\n" in prev.text):
                tok.is_sent_start = True
        return doc

    rng = random.Random(5)
    parts = ["a", "B.", " ", "\n", " \n", "\n\n", "  ", "\t", "\u00a0"]
    texts = ["".join(rng.choice(parts) for _ in range(rng.randint(0, 30))) for _ in range(500)]
    texts += [*TEXTS, *EDGE_TEXTS, "\n", "\na", "a\n"]
    starts = 0
    for text in texts:
        mine, theirs = _paragraph_breaks(nlp.make_doc(text)), scan(nlp.make_doc(text))
        assert [t.is_sent_start for t in mine] == [t.is_sent_start for t in theirs], repr(text)
        starts += sum(bool(t.is_sent_start) for t in mine)
    assert starts > 100  # (line breaks did start sentences)


def test_text_pieces_refuse_a_text_over_the_limit_and_keep_no_long_stretch(nlp) -> None:  # noqa: ANN001
    """A text over the pipeline's ``max_length`` is refused as spaCy refuses it (its stretches would each
    pass); a stretch longer than ``STRETCH_CACHED`` (a text with no sentence marks) is cut but not kept."""
    from storycheck.nlp import _STRETCHES, STRETCH_CACHED, text_pieces

    limit = nlp.max_length
    nlp.max_length = 1_000
    try:
        with pytest.raises(ValueError, match="E088"):
            text_pieces(nlp, "The company paid five dollars. " * 40)
    finally:
        nlp.max_length = limit
    _STRETCHES.clear()
    long = "word " * (STRETCH_CACHED // 5 + 10)
    assert text_pieces(nlp, long + "\nShort line.") == pieces(nlp.make_doc(long + "\nShort line."), long + "\nShort line.")
    assert list(_STRETCHES._items) == ["Short line."]  # the short line only


def test_the_tagger_loads_no_component_it_never_runs(nlp) -> None:  # noqa: ANN001
    """The model package's disabled sentence recognizer is not loaded (its weights cost every process,
    each batch worker included, 5-20% of ``spacy.load``); the components that run are the package's own."""
    import spacy

    from storycheck.nlp import TAGGER_PACKAGE

    ours = nlp
    assert ours.disabled == [] and "senter" not in ours.component_names
    package = spacy.load(TAGGER_PACKAGE)
    assert "senter" in package.disabled  # (what it would have loaded)
    assert [n for n in ours.pipe_names if n != "storycheck_paragraphs"] == package.pipe_names


def test_numpy_entities_validity_table_equals_the_biluo_rules(nlp) -> None:  # noqa: ANN001
    """The recognizer's valid moves are looked up by the state's kind (``GreedyEntities._validity``): each row
    equals spaCy's BILUO rules worked out move by move for that kind of state (an entity open or not and
    its label, two tokens left or not, a sentence starting at the next token, a space), and the states with
    no valid move are those rows without one."""
    import numpy as np

    from storycheck.nlp import GreedyEntities

    greedy = GreedyEntities.of(nlp)
    move, label = greedy.move, greedy.label
    names = "BILUO"
    for two in (False, True):
        for next_start in (False, True):
            for space in (False, True):
                for open_label in [None, *sorted(set(label[label != 0].tolist()))]:
                    row = 4 * two + 2 * next_start
                    row += space if open_label is None else 8 * (1 + int(np.searchsorted(greedy.kinds, open_label)))
                    rules = []
                    for m, lab in zip(move.tolist(), label.tolist(), strict=True):
                        b, i, ell, u, o = (names[m] == c for c in names)
                        opened, same = open_label is not None, lab == open_label
                        rules.append(bool(
                            (b and lab and not opened and two and not next_start and not space)
                            or (i and lab and opened and two and same and not next_start)
                            or (ell and lab and opened and same)
                            or (u and lab and not opened and not space)
                            or (o and not opened)
                        ))
                    assert greedy.valid[row].tolist() == rules, (two, next_start, space, open_label)
                    assert greedy.stuck[row] == (not any(rules))
