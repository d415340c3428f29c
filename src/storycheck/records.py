"""The plain typed records that flow between stages.

Every stage takes and returns these and nothing else, so that any interface (CLI, API, web, Dask)
can call the same functions and so that the JSON report is a direct image of them. Spans are always
character offsets into ``Document.text`` (half-open, ``text[start:end]``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Literal

MentionKind = Literal["person", "org", "place", "date", "money", "count", "percent", "quantity", "other"]
SpeakerKind = Literal["named", "described", "anonymous"]
FindingKind = Literal["corroborated", "partial", "conflict", "single_source"]

CONFLICT_TYPES = (
    "name",
    "number",
    "date",
    "title",
    "actor",
    "negation",
    "quote_wording",
    "quote_attribution",
    "narration_to_quote",
)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate as U+FFFD, and how many there were. A Python string may hold one (the
    JSON escape ``"\\ud800"`` makes it) though no Unicode text can, and the tokenizers then raise on the whole
    call; one character for one keeps every offset."""
    return _LONE_SURROGATE.subn("\ufffd", text)


def content_hash(text: str) -> str:
    """Identity of a text for caching and de-duplication: same text, same analysis."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(slots=True)
class Document:
    """One report as it came in, after ingest (Unicode repaired, broken lines re-joined)."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None  # the outlet
    url: str | None = None
    published: str | None = None  # ISO 8601 when known
    origin: str | None = None  # the input it came from (path, path:line)
    title_span: tuple[int, int] | None = None  # where the headline sits in ``text`` when it is part of it

    @property
    def hash(self) -> str:
        return content_hash(self.text)


@dataclass(slots=True)
class Span:
    """A piece of evidence: ``text == documents[doc].text[start:end]``."""

    doc: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Quantity:
    """A normalised amount, count or percentage.

    ``low``/``high`` hold a range (``three to five weeks``); for a single value both equal ``value``.
    ``vague`` marks words like ``dozens`` (an order of magnitude, not a figure); ``approx`` marks
    hedges like ``nearly``/``about``, which should not be read as a contradiction of a nearby figure.
    """

    value: float | None
    low: float | None
    high: float | None
    unit: str | None = None  # ISO currency code, "%", or the counted noun lemma ("worker", "week")
    approx: bool = False
    vague: bool = False


@dataclass(slots=True)
class When:
    """A normalised date with its precision (``March 2021`` is a month, not the 1st of March), or a time of
    day (precision ``time``: ``clock`` set, ``iso`` None; ``storycheck.clock``)."""

    iso: str | None  # YYYY, YYYY-MM or YYYY-MM-DD, or None for a weekday/relative date or a time of day
    precision: Literal["year", "month", "day", "weekday", "relative", "duration", "time"]
    weekday: str | None = None
    approx: bool = False  # a hedge ("about", "nearly"); for a time of day also a bound ("after 10 p.m.", "by noon")
    clock: str | None = None  # "HH:MM" on a 24-hour clock ("9.25pm" is "21:25")
    zone: str | None = None  # the time zone as written ("GMT", "ET"; "local" for "local time"), None if none
    twelve_hour: bool = False  # no am/pm nor 24-hour writing: "9:25" may be 09:25 or 21:25


@dataclass(slots=True)
class Mention:
    kind: MentionKind
    start: int
    end: int
    text: str
    sentence: int
    quantity: Quantity | None = None
    when: When | None = None
    entity: int | None = None  # index into Analysis.entities for people/orgs/places
    verb: str | None = None  # lemma of the verb the mention hangs from: which claim it is a detail of


@dataclass(slots=True)
class Entity:
    """One person, organisation or place inside one document: all its mentions (``Hale`` = ``John Hale``)."""

    id: int
    kind: MentionKind
    name: str  # the longest name seen
    mentions: list[tuple[int, int]] = field(default_factory=list)
    titles: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, text) of roles written beside it


@dataclass(slots=True)
class Quote:
    """A direct quote or a piece of reported speech."""

    kind: Literal["direct", "indirect"]
    start: int  # the quoted words (direct) or the reported clause (indirect), without the quote marks
    end: int
    text: str
    sentence: int
    speaker: str | None
    speaker_span: tuple[int, int] | None
    speaker_kind: SpeakerKind
    speaker_entity: int | None = None
    cue: str | None = None  # the cue verb's lemma: say, tell, add, warn...
    cue_span: tuple[int, int] | None = None
    anonymity: list[tuple[int, int, str]] = field(default_factory=list)  # "who spoke on condition of anonymity"


@dataclass(slots=True)
class Attribution:
    """Narration credited to someone else: ``according to Reuters``, ``reports suggest``."""

    start: int
    end: int
    text: str
    sentence: int
    source: str


@dataclass(slots=True)
class Clause:
    """Who does what in a sentence, read off the dependency parse: what ``actor`` and ``negation`` compare. A
    passive keeps its grammatical subject (``the strike`` of ``the strike was called by the union``) and names
    its doer apart (``doer``: ``the union``), so that judge can compare it with the active as well; ``passive`` says
    so from the parse (a passive subject or auxiliary) even when no doer is named."""

    sentence: int
    verb: str  # lemma
    verb_span: tuple[int, int]
    subject: str | None
    subject_span: tuple[int, int] | None
    object: str | None
    object_span: tuple[int, int] | None
    negated: bool
    negation_span: tuple[int, int] | None = None
    doer: str | None = None  # a passive's "by" phrase
    doer_span: tuple[int, int] | None = None
    passive: bool = False  # told in the passive ("Chelsea were (not) beaten"), with or without a doer


@dataclass(slots=True)
class Relation:
    """One head-dependent link of the parse between two content words (lemmas): ``deal -nsubj-> sign``,
    ``sign -prep_in-> march``. What ``check`` compares, so a text recombining source words is seen."""

    sentence: int
    head: str  # lemma of the governing word
    dep: str  # the link, with the preposition folded in (``prep_in``) and passives made active
    child: str  # lemma of the dependent
    span: tuple[int, int]  # the dependent word in the text


@dataclass(slots=True)
class Analysis:
    """Everything storycheck reads off one document; a pure function of its text (cacheable by hash)."""

    doc_id: str
    hash: str
    sentences: list[Sentence]
    mentions: list[Mention]
    entities: list[Entity]
    quotes: list[Quote]
    attributions: list[Attribution]
    clauses: list[Clause]
    lemmas: list[list[str]]  # content-word lemmas per sentence, for retrieval and overlap
    narration_spans: list[tuple[int, int]] = field(default_factory=list)  # sentence parts outside quote marks
    relations: list[Relation] = field(default_factory=list)  # head-dependent links between content words


@dataclass(slots=True)
class Unit:
    """A claim unit to align: one sentence. Quotes are judged through the sentences that hold them."""

    doc: str
    index: int  # position in the document's unit list
    sentence: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Pair:
    """Two units of two documents that say (about) the same thing, with why we think so."""

    a: Unit
    b: Unit
    score: float
    lexical: float
    semantic: float | None
    shared_mentions: int


@dataclass(slots=True)
class Alignment:
    units: dict[str, list[Unit]]  # per document id
    pairs: list[Pair]
    entity_links: list[tuple[str, int, str, int, float]]  # (doc a, entity a, doc b, entity b, score)
    clusters: dict[tuple[str, int], int] = field(default_factory=dict)  # (doc, entity) -> story-wide entity
    best: dict[tuple[str, int], float] = field(default_factory=dict)  # (doc, unit) -> best score in any other doc


@dataclass(slots=True)
class Finding:
    kind: FindingKind
    type: str
    evidence: list[Span]
    confidence: float
    explanation: str
    reasons: list[str] = field(default_factory=list)  # for single_source: unnamed_speaker, number, date, new_entity
    values: dict[str, str] = field(default_factory=dict)  # per doc id, the value it gives (the differing part)
    id: str = ""  # "F1", "F2"... given in report order


@dataclass(slots=True)
class LineageEdge:
    """How much of ``derived`` is reused from ``source``, in order, and what it adds and drops."""

    source: str
    derived: str
    reuse: float  # share of the derived document's text found in the source
    order: float  # share of the reused passages that keep the source's order (1.0 = same order)
    added: list[Span]
    dropped: list[Span]
    likely_source: bool
    # a reused sentence that gives another figure, name or negation than the source's (``lineage._changes``): the
    # derived report's words, and the source's in its place at the same position of ``changed_from``
    changed: list[Span] = field(default_factory=list)
    changed_from: list[Span] = field(default_factory=list)
    # nothing in the two says which came first (no dates, each holds the other but for reworded sentences):
    # ``source``/``derived`` are then only an order-free naming (``lineage._rewrites``)
    unordered: bool = False


@dataclass(slots=True)
class Notice:
    """Something a reader should know about an input: a skipped document, a guessed encoding.

    ``message`` says the problem only: the input and the code are fields of their own, and every view
    (the CLI, the report's renderings, the API) puts them together, so none of them says either twice.
    """

    input: str
    code: str
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        """``[E102] empty.txt: the document is empty``: the one line the CLI prints for a notice."""
        return f"[{self.code}] {self.input}: {self.message}" if self.input else f"[{self.code}] {self.message}"


@dataclass(slots=True)
class QuoteRow:
    """One line of the quotes table: a quote and every report that carries it."""

    text: str
    speaker: str | None
    speaker_kind: SpeakerKind
    documents: list[str]
    spans: list[Span]


@dataclass(slots=True)
class Report:
    schema: str
    engine: str
    models: dict[str, str]
    documents: list[Document]
    findings: list[Finding]
    lineage: list[LineageEdge]
    quotes: list[QuoteRow]
    notices: list[Notice] = field(default_factory=list)
    analyses: dict[str, Analysis] = field(default_factory=dict)  # kept for views; not part of the JSON
    check: CheckResult | None = None  # set by ``storycheck check``: the text's verdicts


Verdict = Literal["supported", "partial", "contradicted", "unsupported"]


@dataclass(slots=True)
class SentenceVerdict:
    """What the sources say about one sentence of a checked text."""

    index: int
    start: int
    end: int
    text: str
    verdict: Verdict
    score: float  # in [0, 1], higher = better supported
    findings: list[str] = field(default_factory=list)  # ids of the findings that touch this sentence
    closest: Span | None = None  # the source sentence it was compared with
    missing: list[Span] = field(default_factory=list)  # what in the sentence the sources do not give
    # words the closest source sentence gives too, but not linked as the sentence links them (``Tuesday`` of "The
    # committee rejected the budget on Tuesday" against "approved the budget on Tuesday": source words out of place)
    recombined: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class CheckResult:
    """``storycheck check``: one text against its sources, sentence by sentence."""

    text: str  # the checked document's id
    sources: list[str]
    score: float
    sentences: list[SentenceVerdict]
