"""Who a story is about, read only where two stories are about to merge: the subject of each report's lead.

Why: an ECB+ topic holds two events of one kind (two Chargers players arrested for drunk driving, the Angels'
and the Red Sox' offers to one player), and their stories share the team, the place, the kind of event and most
rare words; the pair score, a floor or a margin cannot part them (docs/history.md, sessions 17-23), and names
counted from capitals cannot either: a story's most frequent lead names are places and headline words as often
as its actors. What an editor reads is who the lead says did it: "Chargers' Jackson arrested", "Chargers Jamal
Williams arrested". The analyzer's parse gives that: the subject of the first sentence's main verb, kept when its
entity recogniser calls it a person, an organisation, a nationality or a place (``SUBJECT_TYPES``).

The parse costs ~5 ms per lead, so it is never made per article: only for the latest ``SUBJECT_REPORTS`` reports
of two stories of ``SUBJECT_MEMBERS`` or more that every other test would merge (the merge pass and the regroup;
not the joins on arrival, where it refused 34 right joins to 7 wrong on ECB+ topics 1-35, nor the attach, whose
stories hold one or two reports), and each report's once (``StoryIndex._lead_subjects``).
Traced on ECB+ topics 1-35 (``scripts/trace_signatures.py``, 8 orders): at story-level merges the test refused 5
wrong merges and no right one of 747; years (in the lead or anywhere) and lead names refused right merges as often
as wrong ones. Off by default (``ClusterSettings.subject_share``): the model's load and the parses cost more than
the assigning process's whole work on a generated stream of 10k articles (docs/history.md, session 24).
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache

__all__ = [
    "OPENING_CHARS", "SUBJECT_MEMBERS", "SUBJECT_REPORTS", "apart", "first_sentence", "lead_subjects", "may_be_apart",
    "require",
]

SUBJECT_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
SUBJECT_MEMBERS = 3  # both stories hold at least this many articles (smaller ones: too few leads to agree)
SUBJECT_REPORTS = 5  # the latest reports of each story whose leads are parsed (the cost stays bounded)
BARELY = 0.2  # a subject the other story's texts write in at most this share of its reports is not its own
# the most of a lead ``first_sentence`` keeps: a title has no length limit, and one with no stop in it was the whole
# "first sentence" (a 1 MB title: spaCy's E088 mid-merge, and its parse wants ~1 GB per 100,000 characters), kept
# in every report of the index; a lead of the text alone is already ``slot_chars`` (300) at most
OPENING_CHARS = 600


# the lead's first sentence: up to a line break (a title) or a stop after a small letter or a digit and before a
# capital or a quote ("L.A. Times" is not cut)
_FIRST = re.compile(r"\n|(?<=[a-z0-9][.!?])\s+(?=[A-Z\"“‘'])")


def first_sentence(lead: str) -> str:
    """The first sentence of a lead (what ``lead_subjects`` parses: the parse's cost is per word), at most
    ``OPENING_CHARS`` characters of it (cut at a space when there is one)."""
    first = _FIRST.split(lead.strip()[: OPENING_CHARS + 1], maxsplit=1)[0]
    if len(first) > OPENING_CHARS:
        first = first[:OPENING_CHARS]
        first = first.rsplit(None, 1)[0] if " " in first else first
    return first


# one load and one parse at a time: ``lru_cache`` does not hold a lock while it calls (two threads asking at once
# each loaded the model), and a spaCy pipeline is not documented as safe to run from two threads at once
_LOCK = threading.RLock()


def _pipeline():  # noqa: ANN202
    """The analyzer's model package with the parser and the entity recogniser only (the tagger's pipeline of
    ``storycheck.nlp`` carries components this never reads, and costs ~5x per call in batches of a few leads),
    loaded once per process."""
    with _LOCK:
        return _load()


@lru_cache(maxsize=1)
def _load():  # noqa: ANN202
    from storycheck.errors import ModelError
    from storycheck.nlp import TAGGER_PACKAGE

    try:
        import spacy

        return spacy.load(TAGGER_PACKAGE, exclude=["senter", "attribute_ruler", "lemmatizer"])
    except (ImportError, OSError) as exc:  # spaCy or the package is missing or broken
        raise ModelError(detail=f"spaCy model package {TAGGER_PACKAGE!r} ({exc})") from exc


def require() -> None:
    """Raise ``ModelError`` (E300) now when the model ``lead_subjects`` loads is not installed: an index with
    ``subject_share`` on parses only when two stories are about to merge, and learnt the package was missing
    there, in the middle of a batch (after all the work before it). Cheap: the package is looked up, not loaded."""
    if _load.cache_info().currsize:
        return
    from storycheck.errors import ModelError
    from storycheck.nlp import TAGGER_PACKAGE

    try:
        import spacy.util
    except ImportError as exc:
        raise ModelError(detail=f"spaCy model package {TAGGER_PACKAGE!r} ({exc}; subject_share needs it)") from exc
    if not spacy.util.is_package(TAGGER_PACKAGE):
        raise ModelError(detail=f"spaCy model package {TAGGER_PACKAGE!r} is not installed (subject_share needs it)")


def lead_subjects(openings: Sequence[str]) -> list[frozenset[str]]:
    """For each lead's first sentence, the lower-cased subjects of its main verb that the entity recogniser types
    as a person, an organisation, a nationality or a place ("jackson", "microsoft"); empty for a lead with none."""
    out = []
    with _LOCK:
        for doc in _pipeline().pipe(openings, batch_size=64):
            first = next(iter(doc.sents), None)
            out.append(frozenset(
                t.text.lower() for t in (first or ())
                if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT" and t.ent_type_ in SUBJECT_TYPES
            ))
    return out


def may_be_apart(
    a: Sequence[str], b: Sequence[str],
    a_says: Sequence[Callable[[str], bool]], b_says: Sequence[Callable[[str], bool]], share: float,
) -> bool:
    """Whether ``apart`` can find two stories apart, from their leads' tokens alone (the tokenizer: no model):
    a principal subject is a token that at least ``share`` of its story's leads give, written with a capital (a
    named person, organisation, nationality or place), so unless some such token of one story is hardly
    mentioned by the other, no parse can part them."""
    tokenizer = _pipeline().tokenizer

    def possible(leads: Sequence[str], says: Sequence[Callable[[str], bool]]) -> bool:
        with _LOCK:
            tokens = [[t.text for t in tokenizer(lead)] for lead in leads]
        counts = Counter(w for lead in tokens for w in {t.lower() for t in lead if t[:1].isupper()})
        return any(
            n >= share * len(leads) and sum(1 for s in says if s(w)) <= BARELY * len(says) for w, n in counts.items()
        )

    return possible(a, b_says) or possible(b, a_says)


def _principal(subjects: Sequence[frozenset[str]], share: float) -> set[str]:
    """The subjects at least ``share`` of the reports give."""
    counts = Counter(s for found in subjects for s in found)
    return {s for s, n in counts.items() if n >= share * len(subjects)}


def apart(
    a: Sequence[frozenset[str]], b: Sequence[frozenset[str]],
    a_says: Sequence[Callable[[str], bool]], b_says: Sequence[Callable[[str], bool]], share: float,
) -> tuple[list[str], list[str]] | None:
    """Two stories' principal subjects (those ``share`` of its parsed reports give), when those of one story
    are all mentioned by at most ``BARELY`` of the other story's reports (``*_says``: for each report, whether it
    mentions a word: its lead, names or top terms): one is about someone the other hardly mentions. None when
    they are not apart (or a side has no principal subject)."""
    mine, theirs = _principal(a, share), _principal(b, share)
    if not mine or not theirs:
        return None

    def barely(names: set[str], says: Sequence[Callable[[str], bool]]) -> bool:
        return all(sum(1 for s in says if s(n)) <= BARELY * len(says) for n in names)

    if barely(mine, b_says) or barely(theirs, a_says):
        return sorted(mine), sorted(theirs)
    return None
