"""Names of a lower-cased text learned from the stream's cased articles (storycheck.casing): two summaries
of two same-kind events that share their wording and differ only in the place no longer link as one event,
and a summary still links to its own article."""

from __future__ import annotations

from dataclasses import replace

from test_cluster_refine import OTHERS  # unrelated cased articles

from storycheck.casing import NAME_SHARE, count_names, learned_names
from storycheck.cluster import ClusterSettings, StoryIndex, _BatchTerms, _Packed, _Top, cluster, featurize
from storycheck.records import Document
from storycheck.refine import Report, pair_score

# cased articles: they write the towns (and the river) capitalised
ARTICLES = [
    Document(
        "art-brack",
        "Police in Brackmoor said a man had been arrested in connection with the theft of a lorry of copper "
        "cable from a depot on the edge of Brackmoor. Officers from the Brackmoor station found the lorry by "
        "the river Tellow on Sunday, its load gone.",
    ),
    Document(
        "art-quell",
        "A man has been detained in Quellstone over the theft of copper cable from a rail yard, police in "
        "Quellstone said. The cable, worth a large sum, had been cut from signals near the Quellstone junction "
        "late on Friday.",
    ),
]
SUMMARY_BRACK = Document(
    "sum-brack", "a man has been arrested in connection with the theft of copper cable in brackmoor, police have said."
)
SUMMARY_QUELL = Document(
    "sum-quell", "police say a man is being held in quellstone after copper cable was stolen from rail signals."
)


def _reports(docs: list[Document]) -> tuple[StoryIndex, dict[str, Report]]:
    """Reports as ``StoryIndex._assign`` makes them, the batch counted first (terms, then names)."""
    index = StoryIndex()
    features = featurize(docs)
    terms = _BatchTerms.of(features)
    tops = index._count_batch(terms)
    count_names(index, features, terms)
    idf = index._idf_cache.__getitem__
    return index, {
        f.id: Report.of(top.vec, f.names, f.lead, idf, f.details, top.ranked, learned_names(index, f, top))
        for f, top in zip(features, tops, strict=True)
    }


def test_a_lower_cased_text_learns_the_words_the_cased_articles_write_as_names():
    _, r = _reports([*ARTICLES, SUMMARY_BRACK, SUMMARY_QUELL, *OTHERS])
    assert not r["sum-brack"].names and "brackmoor" in r["sum-brack"].learned
    assert "quellstone" in r["sum-quell"].learned
    # words the articles write in lower case, or that no cased article gives, are not names
    assert not {"theft", "copper", "arrested", "man"} & r["sum-brack"].learned
    assert not r["art-brack"].learned  # a cased text keeps its own names only


def test_a_word_most_cased_articles_write_in_lower_case_is_no_name():
    """"Copper" once capitalised (a company, say) against three articles writing "copper": not a name."""
    lower = [
        Document(f"copper-{i}", f"Thieves took copper wire from the depot in {p}, and copper prices rose again.")
        for i, p in enumerate(["Dunmore", "Ashby", "Kettle"])
    ]
    named = Document("copper-co", "Shares in the miner Copper rose, said analysts at the firm on Monday.")
    index, r = _reports([*lower, named, SUMMARY_BRACK])
    assert index._named_df["copper"] == 1 and index._cased_df["copper"] == 4 and NAME_SHARE * 4 > 1
    assert "copper" not in r["sum-brack"].learned


def test_two_summaries_naming_two_places_link_less_than_one_summary_and_its_article():
    _, r = _reports([*ARTICLES, SUMMARY_BRACK, SUMMARY_QUELL, *OTHERS])
    across = pair_score(r["sum-brack"], r["sum-quell"])
    unlearned = pair_score(replace(r["sum-brack"], learned=frozenset()), replace(r["sum-quell"], learned=frozenset()))
    # without the learned names the two summaries score as one event would (all but the town shared)
    assert unlearned > 0.6
    assert across < unlearned - 0.25 and across < 0.4  # (below the linkage floor, ClusterSettings.link_score)
    # against a cased article of the other town: its names and terms give none of the summary's town
    assert pair_score(r["sum-brack"], r["art-quell"]) < pair_score(
        replace(r["sum-brack"], learned=frozenset()), r["art-quell"]
    )
    # a summary still links to its own article as before (the article gives its town)
    own = pair_score(r["sum-brack"], r["art-brack"])
    assert own == pair_score(replace(r["sum-brack"], learned=frozenset()), r["art-brack"])
    assert own > pair_score(r["sum-brack"], r["art-quell"]) + 0.3


def test_summaries_of_two_towns_stay_apart_in_the_stream():
    """The stream: the two summaries come before either article; they no longer open one story."""
    docs = [SUMMARY_BRACK, SUMMARY_QUELL, *OTHERS, *ARTICLES]
    index = cluster(docs, ClusterSettings())
    assert index.story("sum-brack").id != index.story("sum-quell").id
    assert index.story("sum-brack").id == index.story("art-brack").id
    assert index.story("sum-quell").id == index.story("art-quell").id


def test_an_index_pickled_before_the_name_counts_learns_nothing_until_it_counts():
    """A report pickled without ``learned`` takes the empty default; an index without the counts learns no
    names for a text until a batch has been counted."""
    import pickle

    index, r = _reports([*ARTICLES, SUMMARY_BRACK])
    old_state = r["sum-brack"].__getstate__()[:10]  # the fields up to ``own_total``
    old = Report.__new__(Report)
    old.__setstate__(old_state)
    assert old.learned == frozenset()
    assert pickle.loads(pickle.dumps(r["sum-brack"])) == r["sum-brack"]
    fresh = StoryIndex()
    f = featurize([SUMMARY_BRACK])[0]
    top = fresh._count_batch(_BatchTerms.of([f]))[0]
    assert learned_names(fresh, f, top) == frozenset()


def test_an_index_saved_before_the_counts_learns_from_the_articles_after_it_is_loaded(tmp_path):
    """Both sides of the share start when the index is loaded: the history's articles (counted in ``df``)
    do not count as cased articles writing the town in lower case."""
    history = [
        Document(f"hist-{i}", f"Police in Brackmoor said a {kind} had been stolen from a yard near Brackmoor on Sunday.")
        for i, kind in enumerate(["van", "boat", "tractor", "trailer"])
    ]
    old = StoryIndex()
    old.add([*history, *OTHERS])
    del old._cased_df, old._named_df  # as saved by a version without them
    old.save(tmp_path / "old.pkl")
    index = StoryIndex.load(tmp_path / "old.pkl")
    assert not index._cased_df and not index._named_df and "_lower_df" not in index.__dict__
    index.add([ARTICLES[0], SUMMARY_BRACK])
    assert index._cased_df["brackmoor"] == index._named_df["brackmoor"] == 1
    f = featurize([SUMMARY_BRACK])[0]
    top = _Top({}, dict.fromkeys(["brackmoor", "copper", "theft"], 1.0), [], [], [])
    assert learned_names(index, f, top) == {"brackmoor"}


ACRONYM = Document("sum-acr", "a UK man has been arrested over the theft of copper cable in brackmoor, police said.")


def test_a_lower_cased_text_with_an_acronym_is_no_cased_article():
    """"a UK man ... in brackmoor": its one name is an acronym; it is written in lower case all the same and
    does not count as a cased article writing "brackmoor" in small letters. An ALL-CAPS text neither."""
    caps = Document("caps", "POLICE IN BRACKMOOR SAY COPPER CABLE WAS STOLEN FROM THE DEPOT, AND A MAN WAS HELD.")
    f_acr, f_caps, f_sum, f_art = featurize([ACRONYM, caps, SUMMARY_BRACK, ARTICLES[0]])
    assert f_acr.names and f_acr.lower and f_caps.lower and f_sum.lower and not f_art.lower
    index, r = _reports([*ARTICLES, SUMMARY_BRACK, ACRONYM, caps, *OTHERS])
    assert index._cased_df["brackmoor"] == index._named_df["brackmoor"] == 1
    assert "brackmoor" in r["sum-brack"].learned


def test_a_name_counts_only_where_the_text_gives_it_among_its_terms():
    """A name met only in the title or in a possessive ("Brackmoor's", the term "brackmoor's") is not among
    the text's terms: it counts on neither side, and no word is named by more texts than give it."""
    titled = Document("titled", "Thieves cut copper cable from signals overnight, police said.", title="Depot raided in Brackmoor")
    possessive = Document("poss", "Thieves cut copper cable from Brackmoor's signals overnight, police said on Sunday.")
    f_t, f_p = featurize([titled, possessive])
    assert "brackmoor" in f_t.names and "brackmoor" in f_p.names and "brackmoor" not in f_t.terms | f_p.terms
    index, _ = _reports([*ARTICLES, titled, possessive, *OTHERS])
    assert index._named_df["brackmoor"] == index._cased_df["brackmoor"] == 1  # art-brack only
    assert all(index._named_df[w] <= index._cased_df[w] for w in index._named_df)


def test_features_from_workers_count_as_the_same_features_here():
    """Packed features (what a worker sends) carry ``lower``; their terms travel apart (``add_packed``). A
    pack or features pickled before ``lower`` take a text that names nobody as lower-cased."""
    import pickle

    docs = [*ARTICLES, SUMMARY_BRACK, ACRONYM, *OTHERS]
    features = featurize(docs)
    packed = _Packed.pack(features)
    here, there = StoryIndex(), StoryIndex()
    count_names(here, features, _BatchTerms.of(features))
    terms = _BatchTerms()
    terms.add_packed(packed)
    unpacked = packed.unpack(terms=False)
    assert [f.lower for f in unpacked] == [f.lower for f in features]
    count_names(there, unpacked, terms)
    assert here._cased_df == there._cased_df and here._named_df == there._named_df
    old_pack = pickle.loads(pickle.dumps(packed))
    object.__delattr__(old_pack, "lower")
    state = old_pack.__getstate__()
    assert "lower" not in state[1]
    revived = _Packed.__new__(_Packed)
    revived.__setstate__(state)
    assert [f.lower for f in revived.unpack()] == [not f.names for f in features]
    old_f = features[-1].__getstate__()
    old_f[1].pop("lower")
    f = type(features[-1]).__new__(type(features[-1]))
    f.__setstate__(old_f)
    assert f.lower is (not f.names) and pickle.loads(pickle.dumps(features[0])).lower is False


def test_the_counts_are_of_texts_not_of_occurrences():
    """An article that names a word (and gives it) many times counts once for it; a lower-cased text not at all."""
    repeats = Document("repeats", "brackmoor, brackmoor and brackmoor again: copper cable taken in brackmoor.")
    index, _ = _reports([*ARTICLES, repeats])
    assert index._cased_df["brackmoor"] == 1 and index._cased_df["copper"] == 2
    assert index._named_df["brackmoor"] == 1 and index._named_df["quellstone"] == 1


def test_named_terms_worked_out_with_the_features_count_as_the_batch_search_did():
    """A worker works out each cased article's names that it gives among its terms (``_Packed.named``), and
    ``_BatchTerms.add_features`` does for features made here: ``count_names`` then counts those instead of
    searching the batch's (article, term) keys. The same counts, in the same order, as that search (the path of a
    pack of an older version, without them), on random names, terms and casings, several parts per batch."""
    import pickle
    import random

    rng = random.Random(11)
    features = featurize([*ARTICLES, SUMMARY_BRACK, SUMMARY_QUELL, ACRONYM, *OTHERS])
    words = sorted({t for f in features for t in f.terms} | {n for f in features for n in f.names})
    for round_ in range(12):
        batch = []
        for i, f in enumerate(features):
            terms = {t: 1.0 + rng.random() for t in rng.sample(words, rng.randrange(0, 30))}
            names = frozenset(rng.sample(words, rng.randrange(0, 8)))  # some among the terms, some not
            batch.append(replace(f, id=f"{round_}-{i}", terms=terms, names=names, lower=rng.random() < 0.3))
        parts = [batch[k : k + 3] for k in range(0, len(batch), 3)]
        searched, packed, here = StoryIndex(), StoryIndex(), StoryIndex()
        old = _BatchTerms()
        old.named = None  # (the search of the batch's keys)
        new = _BatchTerms()
        for part in parts:
            pack = pickle.loads(pickle.dumps(_Packed.pack(part)))
            expected = sorted(n for f in part if not f.lower for n in f.names if n in f.terms)
            assert sorted(pack.words[i] for i in pack.named.tolist()) == expected
            old.add_packed(pack)
            new.add_packed(pack)
            old.named = None
        count_names(searched, batch, old)
        count_names(packed, batch, new)
        count_names(here, batch, _BatchTerms.of(batch))
        for index in (packed, here):
            assert list(index._cased_df.items()) == list(searched._cased_df.items())
            assert list(index._named_df.items()) == list(searched._named_df.items())
        assert searched._named_df or round_ < 2


def test_a_pack_without_named_terms_counts_them_as_before():
    """A pack of an older version (no ``named``) turns the batch's named terms back to the search of its keys."""
    features = featurize([*ARTICLES, SUMMARY_BRACK, *OTHERS])
    pack = _Packed.pack(features)
    state = pack.__getstate__()
    state[1].pop("named")
    old = _Packed.__new__(_Packed)
    old.__setstate__(state)
    assert old.named is None
    mixed = _BatchTerms()
    mixed.add_packed(pack)
    mixed.add_packed(old)
    assert mixed.named is None
    a, b = StoryIndex(), StoryIndex()
    count_names(a, features + features, mixed)
    count_names(b, features + features, _BatchTerms.of(features + features))
    assert a._cased_df == b._cased_df and a._named_df == b._named_df and a._named_df["brackmoor"] == 2
