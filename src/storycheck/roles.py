"""Who did what, where and when: typed checks of a derived text's parse links against its sources.

``check`` already scores how far the sources make each link of the text (``check.relation_support``);
these checks say *why* a link is wrong when the aligned source sentences make a competing one, as a
fact-checker would put it, each as a ``conflict`` finding with a span in the text and in the source:

- ``role``: the text gives a slot of an event (its subject, object, a place, a date, a figure) one
  named value and the aligned source sentence gives the same slot of the same event another
  (``Hunter Moore was found guilty`` / ``Kevin Bollaert ... found guilty``; ``in June`` / ``in May``), or
  gives a verb the object another verb of the aligned source sentence has (``phoning his wife`` / ``Missing
  his wife, ... phoned the hotline``);
- ``predicate``: the text links its arguments with a verb the sources never use of them, while the
  aligned source sentence links the same arguments with another verb (``Young departed to United``
  / ``Young moved to United``); two shared arguments make it surer than one;
- ``antonym``: that other verb or modifier is the text's opposite (``won`` / ``lost``), from the
  small lexicon below; a converse pair (``beat`` / ``lose``, ``buy`` / ``sale``) only when the same agent
  does both, since ``Arsenal beat Chelsea`` and ``Chelsea lost to Arsenal`` tell one event; an outcome the
  same patient cannot also have had (``killed`` / ``injured``, ``arrested`` / ``convicted``) only of one patient
  (``_Guard.outcome``);
- ``actor`` (``entity_swaps``): a person the sources name, put in a claim the sources make of another
  person (``Mike Ford will join Bath`` where the article says Jeff Williams will).

Only links the sources make nowhere count: a text that says what the source says in the source's own
links is never flagged, and a value the sources give the same event elsewhere is left to the coverage
score. Pronouns and generic verbs (``be``, ``have``, ``say``) are never compared.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from itertools import accumulate

from storycheck import quantities
from storycheck.analyze import (
    OWNER_PRONOUNS,
    common_owner,
    one_kind_of_owner,
    pronoun_owner,
    resolve_entity,
)
from storycheck.judge import (
    _BEFORE_NAMES,
    EACH_MAY_DO,
    OPPOSED_OF_PERSONS,
    PERSONNEL,
    STATE_KEEPING,
    asks,
    denied_complements,
    given_both_ways,
    month_may,
    own_phrasal_apart,
    phrasal_opposed,
    spelled_alike,
    tells_too,
    verb_readings,
    with_particle,
)
from storycheck.lexicon import (
    ANTONYMS,
    CONVERSE,
    CONVERSING_VERBS,
    GUARDED,
    HEDGES,
    JOURNEY_VERBS,
    OUTCOMES,
    PARTNER_EXCHANGE_VERBS,
    PATIENT_SUBJECTS,
    PHRASAL_APART,
    RECIPROCAL_NOUNS,
    RECIPROCAL_VERBS,
    STATES,
    SYMMETRIC_PREDICATES,
    SYMMETRIC_VERBS,
    SYNONYMS,
    SYNONYMS_OF_PERSONS,
    complements_agree,
    negatable,
    opposed,
    said_alike,
    tells_of,
)
from storycheck.records import Analysis, Document, Finding, Span

__all__ = ["entity_swaps", "phrasal_generic", "role_checks"]

GENERIC = frozenset(
    "be have do make get go take give come say tell add state note explain comment reply write respond "
    "include use show see want need seem become keep put set let think know believe feel look".split()
)
PRONOUNS = frozenset("he she they him her them it i we you his their its who which that this there one".split())
POSSESSIVES = frozenset("hers my mine our ours your yours theirs himself herself themselves".split())
STANDS_FOR = PRONOUNS | POSSESSIVES  # words that stand for someone named elsewhere
ARGUMENT_DEPS = frozenset({"nsubj", "dobj", "dative", "attr", "oprd"})
SLOT_DEPS = ARGUMENT_DEPS | {"nummod", "npadvmod", "poss"}
MONTHS = frozenset((*quantities.MONTHS, *quantities.WEEKDAYS))  # a date slot: one value per event
_FIGURES = sorted(set(quantities.WORDS) - {"single", "couple", "half"}, key=len, reverse=True)  # words that are a figure
NUMBER = re.compile(r"^[\d.,]+$|^(?:" + "|".join(_FIGURES) + r"|hundred|thousand|million|billion)$")

TIME_DEPS = frozenset({"npadvmod", "tmod", "prep_during", "prep_since", "prep_until", "prep_till", "prep_throughout"})
TIME_WORDS = MONTHS | frozenset(
    "year month week day season night morning afternoon evening today yesterday tomorrow weekend time hour minute "
    "decade quarter period spring summer autumn winter".split()
)
_CLOCK = re.compile(r"^\d+(?:[.:]\d+)?\s*(?:am|pm|a\.m\.|p\.m\.)$|^(?:am|pm|noon|midnight)$")


def _timelike(dep: str | None, key: str) -> bool:
    """Whether a link says when (``on Friday``, ``this season``, ``during the pandemic``, ``at 6pm``)."""
    return dep in TIME_DEPS or key in TIME_WORDS or bool(_CLOCK.match(key))


def _apart(agents: dict, mine: tuple[str, int, str], theirs: tuple[str, int, str]) -> bool:
    """Both words have a known doer, and no doer of one is one of the other's."""
    return bool(agents.get(mine)) and bool(agents.get(theirs)) and not _same_agent(agents, mine, theirs)


# Verbs whose open complement happens (``managed to leave`` left); under any other (``refused to``, ``was
# allowed to``, ``told to``) it is not said to have happened, so it is no opposite of what did.
IMPLICATIVE = frozenset("manage continue begin start keep go come get stop finish".split())


ARTICLES = frozenset("the a an this that these those".split())


OUTCOME_VERBS = frozenset(w for pair in OUTCOMES for w in pair)
# words before a verb that tell it as no fact (``could be convicted``, ``if convicted``, ``may have been killed``)
_HEDGES = HEDGES


def _word_at(analysis: Analysis, r) -> str | None:  # noqa: ANN001 - a records.Relation
    """The dependent word of the link as written, lower case; None when its sentence is not at hand."""
    if r.sentence >= len(analysis.sentences):
        return None
    sentence = analysis.sentences[r.sentence]
    return sentence.text[r.span[0] - sentence.start : r.span[1] - sentence.start].lower()


def _hedged(analysis: Analysis, clause) -> bool:  # noqa: ANN001 - a records.Clause
    """A modal or a condition among the three words before the clause's verb (its verb group)."""
    if clause.sentence >= len(analysis.sentences):
        return False
    sentence = analysis.sentences[clause.sentence]
    before = re.findall(r"[a-z]+", sentence.text[: max(0, clause.verb_span[0] - sentence.start)].lower())
    return bool(_HEDGES.intersection(before[-3:]))


class _Within:
    """Whether a span lies inside one of the given spans (``start <= span[0] and span[1] <= end``), looked up
    by bisection: of the spans that start at or before it, the one that ends last decides. Asking every date
    of the report for every link made ``_Guard`` quadratic in the report's length (a 64k-word source: 2/3 of
    ``role_checks``; session 27, growth27)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach = list(accumulate((e for _, e in spans), max))  # the furthest end of the first k spans

    def __call__(self, span: tuple[int, int]) -> bool:
        if not self.starts:
            return False
        k = bisect_right(self.starts, span[0])
        return k > 0 and span[1] <= self.reach[k - 1]


class _Guard:
    """Whether a ``GUARDED`` pair of opposites may be read as one contradicted claim: neither word an
    unasserted complement (``refused to leave``), no known doers that differ (``shares were up as bond prices
    slumped``), and a shared argument that is not a time (``on Friday``) unless one doer is known to do both,
    named by words each sentence uses once (``Tesco shares were down`` / ``Tesco shares rose``; not ``Petrol car
    sales were down, while electric car sales jumped`` / ``Electric car sales rose``: whose are ``sales``?)."""

    def __init__(self, analyses: Sequence[Analysis], agents: dict, links: Sequence[tuple[str, Sequence[tuple]]] = ()) -> None:
        self.agents = agents
        self.lemmas = {a.doc_id: a.lemmas for a in analyses}
        self.used = {a.doc_id: {w for ws in a.lemmas for w in ws} for a in analyses}  # every lemma of each report
        self.denials = {(a.doc_id, c.sentence, c.verb) for a in analyses for c in a.clauses if c.negated}
        # (doc, sentence, verb) -> whom it befalls: (key, noun lemma) of its object, or of its subject for
        # PATIENT_SUBJECTS; (doc, sentence, noun lemma) -> the counts on it (``three`` of ``three people``)
        self.patients: dict[tuple[str, int, str], set[tuple[str, str]]] = defaultdict(set)
        self.counts: dict[tuple[str, int, str], set[str]] = defaultdict(set)
        self.kinds: dict[tuple[str, int, str], set[str]] = defaultdict(set)  # the nouns before it (``bus`` of ``bus driver``)
        self.by_id = {a.doc_id: a for a in analyses}
        # (doc, sentence, verb) of an outcome told as no fact: a modal, a condition (``could be convicted``, ``if
        # convicted``, ``may have been killed``)
        self.hedged = {(a.doc_id, c.sentence, c.verb) for a in analyses for c in a.clauses if c.verb in OUTCOME_VERBS and _hedged(a, c)}
        # (doc, sentence, verb) -> the times it is told at (``on Friday``, ``in 2019``: a link to a date or a time word)
        self.times: dict[tuple[str, int, str], set[str]] = defaultdict(set)
        dates = {a.doc_id: _Within([(m.start, m.end) for m in a.mentions if m.kind == "date"]) for a in analyses}
        for doc, ls in links:
            within = dates.get(doc)
            for r, keys in ls:
                if _timelike(r.dep, keys[0]) or (within is not None and within(r.span)):
                    self.times[(doc, r.sentence, r.head)].add(keys[0])
                if r.dep == "dobj" or (r.dep == "nsubj" and r.head in PATIENT_SUBJECTS):
                    self.patients[(doc, r.sentence, r.head)].add((keys[0], r.child))
                    # the noun's number as written: ``a man`` is no ``two men``, though neither count is a ``nummod``
                    if r.head in OUTCOME_VERBS and (word := _word_at(self.by_id[doc], r)) is not None:
                        self.counts[(doc, r.sentence, r.child)].add("1" if word == r.child else "#plural")
                elif r.dep == "nummod":
                    self.counts[(doc, r.sentence, r.head)].add(r.child)
                elif r.dep == "compound":  # ``the bus driver`` / ``the lorry driver``: two drivers
                    self.kinds[(doc, r.sentence, r.head)].add(keys[0])
        self.unasserted: set[tuple[str, int, str]] = set()
        for a in analyses:
            for r in a.relations:
                if r.dep == "xcomp" and r.head not in IMPLICATIVE:
                    self.unasserted.add((a.doc_id, r.sentence, r.child))
        self.denied = {a.doc_id: denied_complements(a) for a in analyses}

    def negated(self, at: tuple[str, int, str], span: tuple[int, int] | None = None) -> bool:
        """Whether this use of the word is a complement denied by its head or its own negation, not both (``is
        not expected to win``, ``is expected not to win``: ``judge.own_complements``); a word whose place is not
        given only when its sentence uses it once."""
        doc, sentence, word = at
        a = self.by_id[doc]
        if span is None:
            if sentence >= len(a.lemmas) or a.lemmas[sentence].count(word) != 1:
                return False
            span = next((r.span for r in a.relations if r.sentence == sentence and r.child == word and r.dep == "xcomp"), None)
        return (sentence, span) in self.denied[doc]

    def agree(self, mine: tuple[str, int, str], theirs: tuple[str, int, str],
              spans: tuple[tuple[int, int] | None, tuple[int, int] | None] = (None, None)) -> bool:  # fmt: skip
        """Two opposites whose negation says the other, one of them denied (``lexicon.complements_agree``): ``is
        not expected to stay`` / ``is expected to leave`` say the same, of one doer only (``Smith is not expected to
        stay`` / ``Jones is expected to leave`` do not)."""
        return complements_agree(mine[2], self.negated(mine, spans[0]), theirs[2], self.negated(theirs, spans[1])) \
            and not (_apart(self.agents, mine, theirs) and self.proper(mine) and self.proper(theirs))

    def proper(self, at: tuple[str, int, str]) -> bool:
        """Every doer of ``at`` is written as a name in its sentence: a capitalised word with no article before
        it (``Smith``, ``Peter Jones``; not ``The Colombian``, ``the striker``, which may stand for the other)."""
        doc, sentence, _ = at
        a = self.by_id[doc]
        text = a.sentences[sentence].text if sentence < len(a.sentences) else ""
        return bool(self.agents.get(at)) and all(
            any(m.group(2)[0].isupper() and (m.group(1) or "").strip().lower() not in ARTICLES
                for word in words for m in re.finditer(rf"(\b\w+\s+)?\b({re.escape(word)})\b", text, re.IGNORECASE))
            for _, words in self.agents[at])  # fmt: skip


    def repeated(self, at: tuple[str, int, str]) -> bool:
        """A word naming the doer of ``at`` is used twice in its sentence (two things may go by it)."""
        doc, sentence, _ = at
        ws = self.lemmas[doc][sentence] if sentence < len(self.lemmas[doc]) else []
        return any(ws.count(x) > 1 for _, words in self.agents.get(at, ()) for x in words)

    def same(self, mine: tuple[str, int, str], theirs: tuple[str, int, str]) -> bool:
        return _same_agent(self.agents, mine, theirs) and not self.repeated(mine) and not self.repeated(theirs)

    def told_apart(self, mine: tuple[str, int, str], theirs: tuple[str, int, str]) -> bool:
        """The two doers are things of one kind the sentences tell apart by name (``Tesco shares rose`` /
        ``Sainsbury shares fell``): the same head noun, other words over it, neither one's words in the other's.
        (Doers named by other words, ``Bentleys`` / ``the two marques``, may be one: that is left to ``GUARDED``.)"""
        if not _apart(self.agents, mine, theirs):
            return False
        return any(k == j and not k.startswith("#") for k, _ in self.agents[mine] for j, _ in self.agents[theirs])

    def outcome(self, mine: tuple[str, int, str], theirs: tuple[str, int, str]) -> bool:
        """Whether two words may be read as a conflict when they are outcomes one patient cannot both have
        (``lexicon.OUTCOMES``; any other pair may): both befall one patient (the same object, or subject of
        ``die``) whose counts do not differ (``three people were killed`` / ``three people were injured``; not
        ``one person was killed`` / ``two people were injured``, not ``the blast killed one`` / ``the blast injured
        two``), neither is denied (``was not killed`` / ``was injured`` agree), they are not told at two times
        (``arrested on Friday`` / ``convicted in March``: two steps of one story), and neither report tells of the
        other's outcome anywhere (``OUTCOME_KIN``: ``was injured in the crash and later died`` / ``was killed in the
        crash``; ``killed and injured``)."""
        if frozenset((mine[2], theirs[2])) not in OUTCOMES:
            return True
        if mine in self.denials or theirs in self.denials or {mine, theirs} & (self.unasserted | self.hedged):
            return False  # denied, or not told as a fact (``threatened to kill``, ``could be convicted``)
        if self.times.get(mine) and self.times.get(theirs) and not self.times[mine] & self.times[theirs]:
            return False  # told at two times (``arrested on Friday`` / ``convicted in March``): two steps of one story
        if tells_of(self.used[mine[0]], theirs[2]) or tells_of(self.used[theirs[0]], mine[2]):
            return False
        return any(k == j and not self._counted_apart((*mine[:2], n), (*theirs[:2], m))
                   for k, n in self.patients.get(mine, ()) for j, m in self.patients.get(theirs, ()))  # fmt: skip

    def _counted_apart(self, mine: tuple[str, int, str], theirs: tuple[str, int, str]) -> bool:
        """The noun is given a count in both sentences and no count of one is a count of the other (a singular is one:
        ``a man`` / ``two men``; a plural only some count other than one), or other nouns before it in both
        (``the bus driver`` / ``the lorry driver``)."""
        kinds = self.kinds.get(mine, set()), self.kinds.get(theirs, set())
        if all(kinds) and not kinds[0] & kinds[1]:
            return True
        ours, others = self.counts.get(mine, set()), self.counts.get(theirs, set())
        if "#plural" in ours | others and ("1" in ours or "1" in others):
            return True  # one against several
        ours, others = ours - {"1", "#plural"}, others - {"1", "#plural"}
        if not ours or not others:
            return False
        values = [{q.value if q is not None else w for w in ws for q in [quantities.parse_quantity(w, "count")]} for ws in (ours, others)]
        return not values[0] & values[1]

    def allows(self, mine: tuple[str, int, str], theirs: tuple[str, int, str], timed: bool | None) -> bool:
        """``timed``: whether the shared argument is a time; None when there is none (a shared doer). Outcomes
        one patient cannot both have only as ``outcome`` reads them."""
        if not self.outcome(mine, theirs):
            return False
        if frozenset((mine[2], theirs[2])) not in GUARDED:
            return not self.told_apart(mine, theirs)
        if mine in self.unasserted or theirs in self.unasserted or _apart(self.agents, mine, theirs):
            return False
        return timed is False or self.same(mine, theirs)


def _negated_opposite(texts: dict[str, str], word: str, other: str, text_id: str, at: tuple[int, int], doc: str,
                      there: tuple[int, int]) -> bool:  # fmt: skip
    """Whether the opposites ``word`` (the text's, at ``at``) and ``other`` (``doc``'s, at ``there``) agree
    because exactly one of them is negated by the word before it (``did not win`` / ``lost``), for the pairs
    where a negation says the other (``lexicon.negatable``), or, for states (``STATES``), because exactly one of the
    copulas before them is denied and both are said of one subject (``the museum is not open`` / ``the museum is
    closed``)."""
    pair = frozenset((word, other))
    if negatable(word, other):
        return _negated_word(texts[text_id], at) != _negated_word(texts[doc], there)
    if pair in STATES:  # "is not open" / "is closed": both states after a copula, one denied
        if not (_once(texts[text_id], at) and _once(texts[doc], there)):
            return False  # "the museum is not open, but the park is open": which subject's state is unknown
        mine, theirs = _copula(texts[text_id], at), _copula(texts[doc], there)
        if mine is None or theirs is None or mine[0] == theirs[0]:
            return False
        # said of one subject: the word before each copula ("the park is closed" against "the museum is not open,
        # but the park is" or "unlike the park, the museum is not open": the park's state is not the museum's)
        return mine[1] == theirs[1] is not None
    return False


def _denied_state(mine: Analysis, at: tuple[int, str], theirs: Analysis, there: tuple[int, str]) -> bool:
    """Whether one verb goes into a state and the other, exactly one of the two denied, keeps its opposite (``must
    close`` / ``must not stay open``, ``will not reopen`` / ``will remain closed``): one claim in two wordings, no
    ``predicate`` conflict (review revj30: ``check`` set them apart, where ``judge._opposed_state`` reads the
    undenied pair an ``antonym``)."""
    (a_sentence, a_verb), (b_sentence, b_verb) = at, there
    negated = [{c.negated for c in an.clauses if c.sentence == sentence and c.verb == verb}
               for an, sentence, verb in ((mine, a_sentence, a_verb), (theirs, b_sentence, b_verb))]  # fmt: skip
    if len(negated[0]) != 1 or negated[0] == negated[1] or len(negated[1]) != 1:
        return False
    for (an, sentence, keeper), goer in (((mine, a_sentence, a_verb), b_verb), ((theirs, b_sentence, b_verb), a_verb)):
        if keeper in STATE_KEEPING and any(frozenset((goer, r.child)) in STATES for r in an.relations
                                           if r.sentence == sentence and r.dep == "acomp" and r.head == keeper):  # fmt: skip
            return True
    return False


def _once(text: str, span: tuple[int, int]) -> bool:
    """Whether the word at ``span`` is the only one so written in its document: a state's span is found by its
    lemma in the sentence, so with two uses (``the museum is not open, but the park is open``) the copula read may
    be the other subject's, and a denied state would agree with an opposite said of someone else."""
    word = text[span[0] : span[1]].lower()
    return len(re.findall(rf"\b{re.escape(word)}\b", text.lower())) == 1


_COPULA = re.compile(r"\b(?:(is|are|was|were|be|been|remains?|remained|stays?|stayed)(\s+(?:not|never|no\s+longer))?"
                     r"|(isn't|aren't|wasn't|weren't))\s+$")
_WORD_BEFORE = re.compile(r"(\w+)\W*$")  # (not _LAST_WORD below: a second binding of one name replaced this one)


def _copula(text: str, span: tuple[int, int]) -> tuple[bool, str | None] | None:
    """The copula just before the state at ``span``: whether it is denied (``is not open``, ``wasn't open``; not
    ``is closed``, ``remained closed``) and the word before it, lower-cased (``museum`` of ``the museum is not
    open``; None when there is none); None when no copula stands just before the state."""
    start = max(0, span[0] - 24)
    m = _COPULA.search(text[start : span[0]].lower().replace("’", "'"))
    if m is None:
        return None
    word = _WORD_BEFORE.search(text[max(0, start + m.start() - 40) : start + m.start()])  # (a window: not the whole text)
    return bool(m.group(2) or m.group(3)), (None if word is None else word.group(1).lower())


AGENT_DEPS = frozenset({"nsubj", "poss", "prep_by"})  # passives are made active: the by-agent is the nsubj


# Words whose verb says the opposite of their noun: ``Arsenal defeated Chelsea`` is Arsenal's win, ``Arsenal's
# defeat`` Arsenal's loss (the lexicon reads ``defeat`` as the noun). As a clause's verb they are read as these.
VERB_SENSES = {"defeat": "beat"}


def _senses(analyses: Sequence[Analysis], links: Sequence[Sequence[tuple]]) -> tuple[list[Analysis], list]:
    """The analyses and links with each word of ``VERB_SENSES`` read as its verb sense where it is a clause's
    verb: that token only (its lemma, clause and links renamed; spans untouched, so the text still names
    ``defeated``). The same word as a noun in the same sentence keeps its own sense (``Chelsea defeated
    Arsenal, Arsenal's third defeat``: the defeat is Arsenal's). Copies only the analyses that have one; the
    caller's stay as they are."""
    out_a, out_l = list(analyses), list(links)
    for k, a in enumerate(analyses):
        verbs = {(c.sentence, c.verb_span) for c in a.clauses if c.verb in VERB_SENSES}
        if not verbs:
            continue
        tokens = {i: _tokens(a, i, w) for i, ws in enumerate(a.lemmas) for w in set(ws) & set(VERB_SENSES)}

        def is_verb(sentence: int, span: tuple[int, int], verbs: set = verbs) -> bool:
            return (sentence, span) in verbs

        def head_at(r, tokens: dict = tokens) -> tuple[int, int] | None:  # noqa: ANN001 - Relation
            """The token of the word that governs ``r``: the one of its kind in the sentence, or (two or more)
            the nearest after a word that comes before its head (a subject, a possessive, an adjective), else
            the nearest before the dependent."""
            at = tokens.get(r.sentence) or []
            if len(at) < 2:
                return at[0] if at else None
            if r.dep in BEFORE_HEAD:
                after = [t for t in at if t[0] >= r.span[1]]
                return after[0] if after else at[-1]
            before = [t for t in at if t[1] <= r.span[0]]
            return before[-1] if before else at[0]

        def rename_head(r) -> str:  # noqa: ANN001 - Relation
            at = head_at(r) if r.head in VERB_SENSES else None
            return VERB_SENSES[r.head] if at is not None and is_verb(r.sentence, at) else r.head

        def rename_child(r) -> str:  # noqa: ANN001 - Relation
            return VERB_SENSES[r.child] if r.child in VERB_SENSES and is_verb(r.sentence, r.span) else r.child

        lemmas = []
        for i, ws in enumerate(a.lemmas):
            spans, seen, row = tokens.get(i, []), 0, []
            for w in ws:
                if w in VERB_SENSES:
                    at = spans[seen] if seen < len(spans) else None
                    seen += 1
                    w = VERB_SENSES[w] if at is not None and is_verb(i, at) else w
                row.append(w)
            lemmas.append(row)
        clauses = [replace(c, verb=VERB_SENSES[c.verb]) if c.verb in VERB_SENSES else c for c in a.clauses]
        out_a[k] = replace(a, clauses=clauses, lemmas=lemmas)
        renamed = []
        for r, keys in links[k]:
            head, child = rename_head(r), rename_child(r)
            keys = tuple(VERB_SENSES[x] if x == r.child and child != r.child else x for x in keys)
            renamed.append((replace(r, head=head, child=child), keys))
        out_l[k] = renamed
    return out_a, out_l


BEFORE_HEAD = frozenset({"nsubj", "poss", "amod", "compound", "det", "nummod"})  # dependents before their head


def _tokens(analysis: Analysis, sentence: int, lemma: str) -> list[tuple[int, int]]:
    """The spans of the words of the sentence that are ``lemma`` inflected (``defeated``, ``defeats``)."""
    if sentence >= len(analysis.sentences):
        return []
    s = analysis.sentences[sentence]
    return [(s.start + m.start(), s.start + m.end()) for m in _inflected(lemma).finditer(s.text)]


def _person_objects(analysis: Analysis, links) -> set[tuple[int, str]]:  # noqa: ANN001 - check._links
    """(sentence, verb) of the text's verbs whose direct object (a passive's subject, made active) is a person: a
    word of ``judge.PERSONNEL`` or a name tagged a person."""
    people = {(m.start, m.end) for m in analysis.mentions if m.kind == "person"}
    return {(r.sentence, r.head) for r, _ in links if r.dep == "dobj"
            and (r.child.lower() in PERSONNEL or any(a <= r.span[0] and r.span[1] <= b for a, b in people))}  # fmt: skip


def _in_question(text: str, analysis: Analysis | None, at: int) -> bool:
    """Whether the sentence holding offset ``at`` asks (``judge.asks``): found by bisection on the sentences."""
    if analysis is None or not analysis.sentences:
        return False
    s = analysis.sentences[max(0, bisect_right(analysis.sentences, at, key=lambda s: s.start) - 1)]
    return s.start <= at < s.end and asks(text, s.start, s.end)


def _value_kind(key: str) -> str | None:
    """What a link's dependent is, when it is a value one event has only one of (one of each kind)."""
    if key.startswith("#"):
        return "entity"
    if NUMBER.match(key):
        return "number"
    # a weekday and a month are values of two slots, not rivals for one (``open on Monday, 3 October`` /
    # ``open on 3 October``: the parser hangs ``Monday`` and ``October`` on one ``on``; review revj29)
    if key in quantities.WEEKDAYS:
        return "weekday"
    if key in MONTHS:
        return "month"
    return None


def role_checks(
    documents: Sequence[Document],
    analyses: Sequence[Analysis],
    links: Sequence[Sequence[tuple]],
    aligned: dict[int, set[tuple[str, int]]],
    direct: dict[int, set[tuple[str, int]]] | None = None,
) -> list[Finding]:
    """Findings of type ``role``, ``predicate`` and ``antonym`` on the text (``documents[0]``).

    ``links`` are ``check._links`` of each analysis (the text's first): each parse link with what its
    dependent is compared as (a story-wide entity ``#n`` for a name). ``aligned``: per text sentence, the
    (doc, sentence) of the source sentences it was aligned with (and their neighbours); ``direct``: the
    same without the neighbours (when given, opposites are also sought across parse structures)."""
    text, texts = documents[0], {d.id: d.text for d in documents}
    analyses, links = _senses(analyses, links)
    mine, theirs = links[0], [(a.doc_id, ls) for a, ls in zip(analyses[1:], links[1:], strict=True)]
    # every pair the sources link, in either direction and any role: what makes a text link "given"
    linked: set[tuple[str, str]] = set()
    by_slot: dict[tuple[str, str], list[tuple[str, object, str]]] = defaultdict(list)
    by_child: dict[tuple[str, str], list[tuple[str, object, str]]] = defaultdict(list)
    heads: dict[tuple[str, int], set[str]] = defaultdict(set)
    for doc, ls in theirs:
        for r, keys in ls:
            for k in keys:
                linked.add((r.head, k))
                linked.add((k, r.head))
            by_slot[(r.head, r.dep)].append((doc, r, keys[0]))
            by_child[(keys[0], r.dep)].append((doc, r, r.head))
            heads[(doc, r.sentence)].add(r.head)
    theirs_of = dict(theirs)
    by_id = {a.doc_id: a for a in analyses}
    verbs = _verbs(analyses)
    readings = {a.doc_id: verb_readings(texts[a.doc_id], a) for a in analyses}
    agents = _agents(analyses, [(text.id, mine), *theirs])
    guard = _Guard(analyses, agents, [(text.id, mine), *theirs])
    out: list[Finding] = []
    predicate_votes: dict[tuple[int, str, str], list[tuple]] = defaultdict(list)
    persons = _person_objects(analyses[0], mine)
    apart = {(r.sentence, r.head) for r, _ in mine if any(f(readings[text.id], (r.sentence, r.head), readings[doc], (at, r.head))
             for doc, at in aligned.get(r.sentence, ()) if doc in readings for f in (own_phrasal_apart, phrasal_opposed))}  # fmt: skip
    # of those, the ones whose particle makes another act (``lexicon.PHRASAL_APART``: ``wrote off``, ``put off``) are
    # compared: ``took over`` / ``bought``, ``gave up`` / ``quit`` are one act that no hand list or frequent sense joins
    phrasal = {at for at in phrasal_generic(readings[text.id]) if readings[text.id][at] <= PHRASAL_APART}
    for r, keys in mine:
        if (r.head in GENERIC and (r.sentence, r.head) not in phrasal) or r.child in PRONOUNS \
                or (any((r.head, k) in linked for k in keys) and (r.sentence, r.head) not in apart):
            continue
        near = aligned.get(r.sentence, set())
        kind = _value_kind(keys[0])
        # a value slot (a name, figure, date) that the aligned source sentence fills with another value
        if kind and (r.dep in SLOT_DEPS or r.dep.startswith("prep_")) and not _doer_beside_another(mine, r, linked):
            rival = next(((doc, s) for doc, s, k in by_slot.get((r.head, r.dep), ())
                          if (doc, s.sentence) in near and k != keys[0] and _value_kind(k) == kind
                          and (s.child not in PRONOUNS | POSSESSIVES or _named_here(by_id[doc], s, k, analyses[0], r.span))
                          and s.child != r.child
                          and not (kind == "number" and r.dep == "nummod")), None)  # fmt: skip
            if rival is not None and not _symmetric_swap(r, mine, rival, theirs_of) \
                    and not _conjuncts_reordered(texts, (text.id, r.span), (rival[0], rival[1].span)) \
                    and not _one_of_conjuncts(texts, (text.id, r.span), (rival[0], rival[1].span)) \
                    and not (kind == "weekday" and _one_of_conjuncts(texts, (rival[0], rival[1].span), (text.id, r.span))) \
                    and not (_place(analyses[0], r.span) and _nested_places(texts, texts[rival[0]][slice(*rival[1].span)], texts[text.id][slice(*r.span)])) \
                    and not (_place(analyses[0], r.span) and _places_of_one_name(texts[rival[0]][slice(*rival[1].span)], texts[text.id][slice(*r.span)])) \
                    and not (r.head in JOURNEY_VERBS and _place(analyses[0], r.span) and _journeyed(keys[0], by_child)):
                out.append(_role(text, texts, r, *rival))
                continue
        if r.dep not in ARGUMENT_DEPS and not r.dep.startswith("prep_"):
            continue
        if keys[0] in PRONOUNS or (r.sentence, r.head) not in verbs.get(text.id, set()):
            continue
        for doc, s, other in by_child.get((keys[0], r.dep), ()):
            if (doc, s.sentence) in near and other not in GENERIC and other not in SYNONYMS.get(r.head, ()) \
                    and not ((r.sentence, r.head) in persons and frozenset((r.head, other)) in SYNONYMS_OF_PERSONS) \
                    and (other != r.head or any(f(readings[text.id], (r.sentence, r.head), readings[doc], (s.sentence, other))
                                                for f in (own_phrasal_apart, phrasal_opposed))) \
                    and (doc, s.sentence, other) in verbs["*"] \
                    and not _alike(readings[text.id], (r.sentence, r.head), readings[doc], (s.sentence, other)) \
                    and not ((r.sentence, r.head) in phrasal and _phrasal_alike(readings[text.id][(r.sentence, r.head)], readings[doc].get((s.sentence, other), {other}))) \
                    and not _converse(agents, (text.id, r.sentence, r.head), (doc, s.sentence, other)) \
                    and not tells_too(by_id[doc].clauses, s.sentence, by_id[text.id].clauses, r.sentence, r.head) \
                    and not _denied_state(by_id[text.id], (r.sentence, r.head), by_id[doc], (s.sentence, other)):
                predicate_votes[(r.sentence, r.head, other)].append((doc, s, r))
    done: set[tuple[int, str]] = set()
    for (sentence, verb, other), votes in sorted(predicate_votes.items(), key=lambda kv: -len(kv[1])):
        votes = [v for v in votes if guard.allows((text.id, sentence, verb), (v[0], v[1].sentence, other), _timelike(v[2].dep, v[2].child))
                 and not guard.agree((text.id, sentence, verb), (v[0], v[1].sentence, other))]
        if not votes:
            continue
        weak = len({v[2].span for v in votes}) < 2 and other not in ANTONYMS.get(verb, ())
        if (sentence, verb) in done or weak:
            continue  # one shared argument is weak evidence: a subject does many things
        found = _predicate(text, texts, analyses, verb, other, votes, readings, of_persons=(sentence, verb) in persons)
        mine_at, theirs_at = found.evidence[0], found.evidence[1]
        if found.type == "antonym" and _negated_opposite(texts, verb, other, text.id, (mine_at.start, mine_at.end),
                                                         theirs_at.doc, (theirs_at.start, theirs_at.end)):  # fmt: skip
            continue  # "did not win" / "lost": a negated opposite agrees
        done.add((sentence, verb))
        out.append(found)
    out += _antonyms(text, texts, analyses, mine, theirs, aligned, linked, agents, guard)
    if direct is not None:
        out += _crossed_opposites(text, texts, analyses, mine, theirs, direct, linked, out, agents, guard)
        out += _swapped_objects(text, texts, analyses, mine, by_slot, by_child, direct, linked, out)
        out += _swapped_subjects(text, texts, mine, theirs, direct, out)
        out += _swapped_owners(text, texts, analyses, mine, agents, direct, out)
        out += _swapped_exchange(text, texts, mine, theirs, direct, out)
        out += _moved_circumstances(text, texts, analyses[0], mine, theirs, by_slot, by_child, linked, verbs[text.id], out)
    # a question asserts nothing (``judge._asks``, as ``compare`` reads it): no conflict with a sentence that asks;
    # nor an opposite word either side hedges or asks of (``_no_fact``)
    return [f for f in out if not any(_in_question(texts[e.doc], by_id.get(e.doc), e.start)
                                      or (f.type == "antonym" and _no_fact(texts[e.doc], by_id.get(e.doc), e.start)) for e in f.evidence)]


# words before an opposite that make it no fact: a possibility (``may be possible``), an indirect question (``asked
# whether it was impossible``), a condition; not ``would`` / ``will`` (what is to come is said: ``would open
# early`` / ``late``), nor ``must`` / ``should``
_NO_FACT = frozenset("may might could if unless whether perhaps possibly maybe".split())
_LETTERS = re.compile(r"[A-Za-z]+")


def _no_fact(text: str, analysis: Analysis | None, at: int) -> bool:
    """Whether one of ``_NO_FACT`` is among the three words before offset ``at`` in its sentence (session 32:
    ``check`` set ``may be possible`` and ``asked whether it was impossible`` against ``was impossible`` and ``was
    possible`` as ``antonym`` conflicts; ``compare`` withdraws them, ``judge._pair_unsure``). Not the month ``May``
    (``in May``, ``May 3``: ``judge.month_may``)."""
    if analysis is None or not analysis.sentences:
        return False
    s = analysis.sentences[max(0, bisect_right(analysis.sentences, at, key=lambda s: s.start) - 1)]
    before = list(_LETTERS.finditer(text, max(s.start, at - 60), at))[-3:]
    return any(w.group().lower() in _NO_FACT and not month_may(text, w.start(), s.start) for w in before)


def _moved_circumstances(text: Document, texts: dict[str, str], analysis: Analysis, mine, theirs, by_slot, by_child, linked,  # noqa: ANN001,PLR0913
                         verbs: set, found: list[Finding]) -> list[Finding]:  # fmt: skip
    """A circumstance moved from one event to another: the text gives a verb a place or a date (``Sterling
    should stay at Real Madrid``) that the sources give only to another event (``is not going to go to Real
    Madrid``), while they give the text's verb a value of its own in the same slot (``wants to stay at
    Liverpool``): a ``role`` conflict naming the text's value and the source's. Anywhere in the sources, not
    only in the aligned sentences (the role check above): the value the text took pulls its sentence onto
    the other event's sentence. Only a clause's verb (a noun's place is often another's: ``director of the
    England team``), only names and dates (a ``prep_`` link, or a time link of a month or weekday),
    never when the sources link the verb and the value anywhere, when they link or join the two values (``to Paris
    and Rome``, an apposition), when the other event's verb is a synonym of the text's or the
    text's verb is generic, when the source's own value is a pronoun or the text's word (one name read as
    two entities), when a report writes one place within the other (``Ishpeming, Michigan``), when the
    source's use of the verb is another event (another argument after a preposition the text's has), when the
    sources give the verb two values of the slot themselves (``played in Dublin`` ... ``will play in Belfast``: a
    verb of several events, so a third value is no value moved from another), nor when the text's verb and the other
    are both of a journey and the value a place (``flew to Fatima`` / ``arrived in Fatima``: ``lexicon.JOURNEY_VERBS``;
    a journey's date stays its own, and ``flying to Düsseldorf`` / ``crashed in Düsseldorf`` is still moved)."""
    taken = {(sp.start, sp.end) for f in found for sp in f.evidence[:1]}
    circumstances: dict[str, set[str]] = defaultdict(set)  # value -> the links the sources give it as a circumstance
    for key, dep in by_child:
        if dep.startswith("prep_") or dep in TIME_DEPS:
            circumstances[key].add(dep)
    args: dict[tuple[str, int, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for doc, ls in [(text.id, mine), *theirs]:
        for r, keys in ls:
            if r.dep.startswith("prep_") and r.child not in STANDS_FOR:
                args[(doc, r.sentence, r.head)][r.dep].update(keys)

    def another_event(r, doc: str, s) -> bool:  # noqa: ANN001 - Relations
        """The source's use of the verb has another argument after a preposition the text's has (``returned to
        training`` / ``return to league action on Saturday``): two events of one verb. Not subjects and objects,
        which a report words its own way (``Maria Lopez`` / ``the 45-year-old accountant``)."""
        mine_args, their_args = args[(text.id, r.sentence, r.head)], args[(doc, s.sentence, s.head)]
        return any(mine_args[d] and their_args[d] and not mine_args[d] & their_args[d]
                   for d in mine_args.keys() & their_args.keys() if d != r.dep)

    out = []
    for r, keys in mine:
        k = keys[0]
        kind = _value_kind(k)
        if kind not in ("entity", "weekday", "month") or not (r.dep.startswith("prep_") or r.dep in TIME_DEPS):
            continue
        if r.head in GENERIC or r.child in STANDS_FOR or r.span in taken or any((r.head, x) in linked for x in keys) \
                or (r.sentence, r.head) not in verbs:
            continue
        word = texts[text.id][r.span[0] : r.span[1]].casefold()
        own = [(doc, s, v) for doc, s, v in by_slot.get((r.head, r.dep), ())
               if v != k and _value_kind(v) == kind and s.child not in STANDS_FOR and (v, k) not in linked
               and texts[doc][s.span[0] : s.span[1]].casefold() != word
               and not _one_of_conjuncts(texts, (text.id, r.span), (doc, s.span)) and not another_event(r, doc, s)
               and not (_place(analysis, r.span) and _nested_places(texts, texts[doc][s.span[0] : s.span[1]], word))]
        place = _place(analysis, r.span)
        moved = any(h != r.head and h not in GENERIC and h not in SYNONYMS.get(r.head, ()) and not (place and {h, r.head} <= JOURNEY_VERBS)
                    for dep in circumstances.get(k, ()) for _, _, h in by_child.get((k, dep), ()))
        several = len({v for _, s, v in by_slot.get((r.head, r.dep), ()) if _value_kind(v) == kind and s.child not in STANDS_FOR}) > 1
        if own and moved and not several:
            out.append(_role(text, texts, r, own[0][0], own[0][1]))
            taken.add(r.span)
    return out


# verbs that put one thing in another's place, the thing given up their object and the other after ``with`` or
# ``for`` (``replaced Jones with Smith``, ``swapped Kane for Smith``)
EXCHANGE_VERBS = frozenset("replace swap substitute exchange trade".split())
EXCHANGE_DEPS = ("prep_with", "prep_for")


def _swapped_exchange(text: Document, texts: dict[str, str], mine, theirs, direct, found: list[Finding]) -> list[Finding]:  # noqa: ANN001
    """An exchange told the other way round from a directly aligned source sentence: ``replaced Smith with
    Jones`` where the source has ``replaced Jones with Smith`` (``EXCHANGE_VERBS``). Each word is linked to the
    verb in the source, so the slot checks never see it. A ``role`` conflict naming the text's object and the
    source's; only when each sentence gives the verb one object and one ``with`` (``for``) and the two are
    crossed."""
    taken = {(sp.start, sp.end) for f in found for sp in f.evidence[:1]}

    def sides(ls, sentence: int, verb: str) -> tuple | None:  # noqa: ANN001
        """The verb's one object and its one ``with`` (``for``), hung from the verb or from the object (the parser
        reads ``traded Smith for Jones`` either way)."""
        objects = [(r, keys) for r, keys in ls if r.sentence == sentence and r.head == verb and r.dep == "dobj"]
        if len(objects) != 1:
            return None
        heads = (verb, objects[0][0].child)
        others = [(r, keys) for r, keys in ls if r.sentence == sentence and r.head in heads and r.dep in EXCHANGE_DEPS]
        return (objects[0], others[0]) if len(others) == 1 else None

    out = []
    for sentence, verb in sorted({(r.sentence, r.head) for r, _ in mine if r.head in EXCHANGE_VERBS}):
        here = sides(mine, sentence, verb)
        if here is None or here[0][0].span in taken:
            continue
        (obj, obj_keys), (other, other_keys) = here
        for doc, at in sorted(direct.get(sentence, ())):
            there = sides(dict(theirs).get(doc, ()), at, verb)
            if there is None or there[1][0].dep != other.dep:
                continue
            (their_obj, their_obj_keys), (_, their_other_keys) = there
            if set(obj_keys) & set(their_other_keys) and set(other_keys) & set(their_obj_keys) and not set(obj_keys) & set(their_obj_keys):
                out.append(_role(text, texts, obj, doc, their_obj))
                break
    return out


def _symmetric_swap(r, mine, rival, theirs_of) -> bool:  # noqa: ANN001 - Relations
    """The text's slot value and the source's rival are the two sides of a verb whose sides say the same thing
    ("Smith met Jones" / "Jones met Smith"; "spoke with"): the same people take part in both sentences."""
    doc, s = rival
    if SYMMETRIC_PREDICATES.get(r.head) == r.dep:  # "Smith is married to Jones" / "Jones is married to Smith"
        return _partakers(mine, r.sentence, r.head) == _partakers(theirs_of[doc], s.sentence, r.head) \
            and _denied(mine, r.sentence, r.head) == _denied(theirs_of[doc], s.sentence, r.head)  # not "is not married to"

    def exchange(ls, sentence: int) -> tuple[set[str], set[str]]:  # noqa: ANN001
        """The verbs and their objects that are nouns of one exchange ("held talks with": ``RECIPROCAL_NOUNS``)
        the link is part of, from the verb's side or the noun's; only verbs that hold or make it (``RECIPROCAL_VERBS``:
        not ``violated the ceasefire with``), or the things an exchange gives both ways (``exchanged prisoners with``:
        ``PARTNER_EXCHANGE_VERBS``, ``judge.given_both_ways``)."""
        here = [x for x, _ in ls if x.sentence == sentence]
        names = {(x.sentence, x.span) for x, keys in ls if x.sentence == sentence and keys[0].startswith("#")}

        def named(x) -> bool:  # noqa: ANN001
            return (x.sentence, x.span) in names

        pairs = {(x.head, x.child) for x in here if x.dep == "dobj"
                 and ((x.child in RECIPROCAL_NOUNS and x.head in RECIPROCAL_VERBS)
                      or (x.head in PARTNER_EXCHANGE_VERBS and given_both_ways(x, here, named)))  # "exchanged prisoners with"
                 and r.head in (x.head, x.child)}  # fmt: skip
        return {v for v, _ in pairs}, {n for _, n in pairs}

    verbs, nouns = exchange(mine, r.sentence)
    side = r.dep in ("nsubj", "nsubjpass", "prep_by", "prep_with") if r.head in verbs else r.dep == "prep_with"  # not "signed in London"
    if not side or (nouns and nouns != exchange(theirs_of[doc], s.sentence)[1]):
        verbs, nouns = set(), set()
    if r.head not in SYMMETRIC_VERBS | CONVERSING_VERBS and r.dep != "prep_with" and not nouns:  # "spoke to": either side
        return False
    sides = SIDES | {"prep_to"} if r.head in CONVERSING_VERBS else SIDES
    heads = verbs if nouns else {r.head}

    def taking_part(ls, sentence: int) -> set[str]:  # noqa: ANN001
        return {x.child for x, _ in ls if x.sentence == sentence and x.dep in sides
                and (x.head in heads or (x.head in nouns and x.dep == "prep_with"))} - nouns

    return taking_part(mine, r.sentence) == taking_part(theirs_of[doc], s.sentence)


# " and " / ", and " / " or " / " & ", or a bare ", " (``_LIST_END`` must then follow), then up to 3 more words of a
# name (capitalised, or "the")
_NAME_WORDS = r"(?:(?:the|[A-Z][\w.'’-]*)\s+){0,3}?"
_AND = r"\s*(?:(?P<comma>,)\s*|,?\s+(?:and|or|&)\s+)" + _NAME_WORDS
# the rest of a list after a comma-joined pair: more ", Name" and a last "and"/"or" (``Iran, China and Russia``)
_LIST_END = re.compile(r"(?:\s*,\s*" + _NAME_WORDS + r"[A-Z][\w.'’-]*)*\s*,?\s+(?:and|or|&)\s+")


def _conjoined(text: str, span: tuple[int, int], other: str) -> bool:
    """The word at ``span`` and the word ``other`` are two conjuncts side by side (``China and Iran``, ``Real Madrid
    and Barcelona``, ``Iran, China and Russia``), in either order, within one sentence. A bare comma joins them only
    in a list that ends with ``and``/``or`` and opens its sentence (not ``After beating Smith, Jones won``, nor
    ``After beating Smith, Jones and Brown won``)."""
    o = re.escape(other)
    after = re.match(_AND + f"(?i:{o})" + r"\b", text[span[1] : span[1] + 80])
    if after:
        return not after.group("comma") or (_LIST_END.match(text, span[1] + after.end()) is not None and _opens(text, span[0]))
    window = max(0, span[0] - 80)
    before = re.search(r"\b" + f"(?i:{o})" + _AND + r"$", text[window : span[0]])
    return bool(before) and (not before.group("comma") or (_LIST_END.match(text, span[1]) is not None
                                                           and _opens(text, window + before.start())))  # fmt: skip


def _opens(text: str, start: int) -> bool:
    """A comma list beginning at ``start`` (up to three capitalised words before it, its own name's) opens its
    sentence or follows a stop, a colon or a bracket: ``After beating Smith, Jones and Brown won`` is no list."""
    return _OPENS.search(text, max(0, start - 60), start) is not None  # ("^": the text's own start only)


_OPENS = re.compile(r"(?:^|[.!?:;(\"“‘\n]\s*)(?:[A-Z][\w.'’-]*\s+){0,3}$")


def _conjuncts_reordered(texts: dict[str, str], mine: tuple[str, tuple[int, int]], theirs: tuple[str, tuple[int, int]]) -> bool:
    """The text's value and the source's rival are the two conjuncts of one slot, told in the other order (``China
    and Iran held talks`` / ``Iran and China held talks``): the parser links only the first conjunct, so the slot
    seems to change. Each sentence joins the two words."""
    (doc, at), (other, there) = mine, theirs
    mine_word, their_word = texts[doc][at[0] : at[1]], texts[other][there[0] : there[1]]
    return _conjoined(texts[doc], at, their_word) and _conjoined(texts[other], there, mine_word)


def _journeyed(key: str, by_child) -> bool:  # noqa: ANN001
    """The sources give the place ``key`` to a journey (``travelled to Warsaw``, ``lexicon.JOURNEY_VERBS``): the
    text's journey there (``arrived in Warsaw``) is that one, not the one the sources give a stop before it
    (``arrived in Kyiv``). The caller asks it for a text verb of a journey only: ``the jet flying to Düsseldorf
    crashed in the Alps`` / ``crashed in Düsseldorf`` is a conflict."""
    return any(h in JOURNEY_VERBS for (k, _), heads in by_child.items() if k == key for _, _, h in heads)


def _one_of_conjuncts(texts: dict[str, str], mine: tuple[str, tuple[int, int]], theirs: tuple[str, tuple[int, int]]) -> bool:
    """The source joins its value and the text's in one slot (``travelled to Paris and Rome`` / ``travelled to
    Rome``): the parser links only the first conjunct, so the text that keeps the other seems to change the slot."""
    (doc, at), (other, there) = mine, theirs
    word = texts[doc][at[0] : at[1]]
    if _conjoined(texts[other], there, word):
        return True
    # a weekday of a list, its date after it (``on Tuesday, 14 October, and Wednesday`` / ``on Wednesday, 15
    # October``): the date between the conjuncts is no third value (session 32: read one way only, review revj29)
    if word.lower() in quantities.WEEKDAYS:
        dated = _DAY_DATE.match(texts[other], there[1])
        return dated is not None and _conjoined(texts[other], (there[0], dated.end()), word)
    return False


_MONTH_NAMES = "|".join(sorted(quantities.MONTHS))
# a weekday's date written after it: ``, 14 October``, `` October 14th``, ``, 14 October 2025``
_DAY_DATE = re.compile(rf"(?i:,?\s+(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTH_NAMES})|(?:{_MONTH_NAMES})\s+\d{{1,2}}(?:st|nd|rd|th)?)(?:,?\s+\d{{4}})?)")


def _place(analysis: Analysis, span: tuple[int, int]) -> bool:
    """The word at ``span`` is in a place's name (not a person's: ``After beating Smith, Jones won`` is no place within
    another)."""
    return any(m.kind == "place" and m.start <= span[0] and span[1] <= m.end for m in analysis.mentions)


def _places_of_one_name(one: str, other: str) -> bool:
    """One word is the other's plural, a capitalised name (``the Carolinas`` / ``North Carolina``, ``the Americas`` /
    ``America``, ``the Koreas``): the places of that name, one of them among them, no other place. Asked of a word
    the recognizer calls a place: ``Williams`` / ``William`` are two people (review revj14)."""
    a, b = one.strip(), other.strip()
    return a[:1].isupper() and b[:1].isupper() and (a.lower() == b.lower() + "s" or b.lower() == a.lower() + "s")


def _nested_places(texts: dict[str, str], one: str, other: str) -> bool:
    """A source writes one place within the other (``Ishpeming, Michigan``), in either order: the same place at two
    scales, no two places."""
    a, b = re.escape(one), re.escape(other)
    pattern = re.compile(rf"\b(?:{a},\s+{b}|{b},\s+{a})\b", re.IGNORECASE)
    return any(pattern.search(t) for t in texts.values())


def _partakers(ls, sentence: int, word: str) -> set[str]:  # noqa: ANN001
    """The two sides of a symmetric predicate (``lexicon.SYMMETRIC_PREDICATES``) in a sentence, as compared (a
    story-wide entity for a name): its preposition's object and the subject of the predicate (``was divorced from``,
    the passive made active) or of the copula it completes (``is married to``, ``got engaged to``, ``is a neighbour
    of``)."""
    here = [(x, keys) for x, keys in ls if x.sentence == sentence]
    copulas = {x.head for x, _ in here if x.child == word and x.dep in ("acomp", "attr", "oprd")}
    return {keys[0] for x, keys in here
            if (x.head == word and x.dep in (SYMMETRIC_PREDICATES[word], "nsubj", "dobj"))  # a passive's subject: dobj
            or (x.head in copulas and x.dep == "nsubj")}  # fmt: skip


def _denied(ls, sentence: int, word: str) -> bool:  # noqa: ANN001
    """Whether a symmetric predicate is denied in a sentence: a negation (``not``, ``never``, ``no longer``) of the
    predicate or of the copula it completes (``is not married to``, ``is no longer a neighbour of``)."""
    here = [x for x, _ in ls if x.sentence == sentence]
    heads = {word} | {x.head for x in here if x.child == word and x.dep in ("acomp", "attr", "oprd")}
    heads |= {x.child for x in here if x.head in heads and x.dep == "advmod" and x.child == "long"}  # "no longer"
    return any(x.dep == "neg" and x.head in heads for x in here)


SIDES = frozenset({"nsubj", "dobj", "prep_with", "nsubjpass", "prep_by"})  # the sides of a symmetric verb
# a verb's object, however the parser attached it ("beat Chelsea 2-0": Chelsea an npadvmod)
OBJECT_LIKE = frozenset({"dobj", "npadvmod", "dative", "oprd", "attr", "nsubjpass"})


def _swapped_subjects(text: Document, texts: dict[str, str], mine, theirs, direct, found: list[Finding]) -> list[Finding]:  # noqa: ANN001
    """Two names a verb links that the text gives the other way round from a directly aligned source sentence
    (``Chelsea beat Arsenal`` / ``Arsenal beat Chelsea``; ``Chelsea defeated Arsenal``, ``defeated`` read as
    ``beat``): the text's subject is the source verb's argument in some role, and the source's subject is
    the text verb's argument in that same role (an object however attached, or one preposition). Not for verbs whose two sides say the same thing
    (``lexicon.SYMMETRIC_VERBS``: met, married, faced; ``CONVERSING_VERBS``: spoke to), nor a ``with`` role ("spoke with"), nor two roles
    ("Arsenal signed Smith" / "Smith signed for Arsenal"). Every link of a pair reads as linked elsewhere,
    so the slot checks never see it. Only names (a capitalised word), only a verb each sentence uses once as a subject's, and
    not when the sources make the text's subject that verb's subject anywhere."""
    taken = {(sp.start, sp.end) for f in found for sp in f.evidence[:1]}

    def named(doc: str, r) -> bool:  # noqa: ANN001 - Relation
        word = texts[doc][r.span[0] : r.span[1]]
        return word[:1].isupper() and r.child not in STANDS_FOR

    def subjects(doc: str, ls) -> dict[tuple[int, str], list]:  # noqa: ANN001
        out: dict[tuple[int, str], list] = defaultdict(list)
        for r, keys in ls:
            if r.dep == "nsubj":
                out[(r.sentence, r.head)].append((r, keys))
        return out

    def others(ls) -> dict[tuple[int, str], dict[str, set[str]]]:  # noqa: ANN001
        """Each verb's other arguments by their role (not ``with``: "X spoke with Y" is "Y spoke with X")."""
        out: dict[tuple[int, str], dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for r, keys in ls:
            if r.dep not in ("nsubj", "prep_with"):
                role = "object" if r.dep in OBJECT_LIKE else r.dep
                out[(r.sentence, r.head)][role].update({r.child, *keys})
        return out

    mine_subjects, mine_others = subjects(text.id, mine), others(mine)
    theirs_by = {doc: (subjects(doc, ls), others(ls)) for doc, ls in theirs}
    said = {(r.head, x) for _, ls in theirs for r, keys in ls if r.dep == "nsubj" for x in (r.child, *keys)}
    out = []
    for (sentence, verb), subs in mine_subjects.items():
        if len(subs) != 1 or verb in GENERIC or verb in SYMMETRIC_VERBS | CONVERSING_VERBS:
            continue
        r, keys = subs[0]
        if r.span in taken or not named(text.id, r) or any((verb, x) in said for x in (r.child, *keys)):
            continue
        for doc, at in sorted(direct.get(sentence, ())):
            their_subjects, their_others = theirs_by.get(doc, ({}, {}))
            rivals = their_subjects.get((at, verb), [])
            if len(rivals) != 1:
                continue
            s, ks = rivals[0]
            mine_ids, their_ids = {r.child, *keys}, {s.child, *ks}
            if mine_ids & their_ids or not named(doc, s):
                continue
            theirs_in, mine_in = their_others.get((at, verb), {}), mine_others.get((sentence, verb), {})
            # each subject in the role the other has in the other sentence (the same role both ways: "Arsenal
            # signed Smith" / "Smith signed for Arsenal" is no swap)
            if any(mine_ids & theirs_in[dep] and their_ids & mine_in[dep] for dep in theirs_in.keys() & mine_in.keys()):
                out.append(_role(text, texts, r, doc, s))
                taken.add(r.span)
                break
    return out


def _swapped_owners(text: Document, texts: dict[str, str], analyses: Sequence[Analysis], mine, agents: dict,  # noqa: ANN001
                    direct: dict[int, set[tuple[str, int]]], found: list[Finding]) -> list[Finding]:  # fmt: skip
    """A verb done by one of two things of a kind that a directly aligned source sentence tells apart by name,
    where the source gives the verb to the other and the opposite to the text's (``Tesco shares fell`` /
    ``Tesco shares were up as Sainsbury shares fell``): the text's doer and the source verb's doer share their
    noun and differ in the words over it, and the source sentence gives the text's doer (with its noun) a
    predicate opposite to the text's verb (``ANTONYMS``: ``up`` of ``were up``), so the text moved the verb
    from one to the other. Each word of the two links is in the source, so the slot checks never see it. A
    ``role`` conflict naming the owner in the text (``Tesco``) and in the source (``Sainsbury``); not when the
    source also gives the verb to the text's doer, nor when it gives the text's doer that verb or a synonym
    (``Tesco shares slumped 1% as Sainsbury shares fell 3%``) or nothing opposite (``dragging Tesco shares
    down``), nor for a name (a cluster key: the slot checks see those)."""
    taken = {(sp.start, sp.end) for f in found for sp in f.evidence[:1]}
    by_id = {a.doc_id: a for a in analyses}

    def owners(doc: str, sentence: int, noun: str) -> dict[str, tuple[int, int]]:
        """Each compound over the noun, spanning the words just before it over it in turn (``Royal Mail`` of
        ``Royal Mail shares``)."""
        links = [r for r in by_id[doc].relations if r.sentence == sentence and _owner_link(by_id[doc], r)]
        out = {}
        for r in links:
            if r.head == noun:
                first, word = r.span[0], r.child
                for _ in range(3):
                    x = next((x for x in links if x.head == word and 0 <= first - x.span[1] <= 2), None)
                    if x is None:
                        break
                    first, word = x.span[0], x.child
                out[r.child] = (first, r.span[1])
        return out

    def predicates(doc: str, sentence: int, key: str, owner: str) -> set[str]:
        """What the source sentence says the owner's thing did: each verb it is the doer of, with the
        ``up``/``down`` of a ``were up``."""
        verbs = {verb for (d, s, verb), doers in agents.items() if d == doc and s == sentence
                 and any(j == key and owner in v for j, v in doers)}  # fmt: skip
        return verbs | {r.child for r in by_id[doc].relations
                        if r.sentence == sentence and r.head in verbs and r.dep in ("advmod", "acomp", "prt")}  # fmt: skip

    out = []
    for r, keys in mine:
        if r.dep != "nsubj" or keys[0].startswith("#") or r.head in GENERIC:
            continue
        verb = _clause_verb(by_id[text.id], r.sentence, r.head)
        if verb is None or any(f.type == "antonym" and (f.evidence[0].start, f.evidence[0].end) == verb for f in found):
            continue  # a verb of no clause, or one already the opposite of the source's: one error, one finding
        doers = [(k, w) for k, w in agents.get((text.id, r.sentence, r.head), ()) if k == keys[0] and len(w) > 1]
        for doc, at in sorted(direct.get(r.sentence, ())):
            theirs = [(j, v) for j, v in agents.get((doc, at, r.head), ()) if j == keys[0]]
            if not doers or not theirs or not all(_told_apart(agents, x, y, (text.id, r.sentence, r.head), (doc, at, r.head))
                                                  for x in doers for y in theirs):  # fmt: skip
                continue
            mine_owner, their_owner = owners(text.id, r.sentence, keys[0]), owners(doc, at, keys[0])
            # the text's owner, also in that sentence, and the source's owner of the verb: the first of each
            moved = sorted({x for _, w in doers for _, v in theirs for x in (w - v) & set(mine_owner) & set(their_owner)},
                           key=lambda x: mine_owner[x])  # fmt: skip
            rival = sorted({x for _, w in doers for _, v in theirs for x in (v - w) & set(their_owner)}, key=lambda x: their_owner[x])
            if not moved or not rival or mine_owner[moved[0]] in taken:
                continue
            said = predicates(doc, at, keys[0], moved[0])
            if not any(opposed(r.head, w) for w in said) or said & ({r.head} | SYNONYMS.get(r.head, frozenset())):
                continue  # the source does not say the text's owner did the opposite
            here, there = _span(texts, text.id, *mine_owner[moved[0]]), _span(texts, doc, *their_owner[rival[0]])
            out.append(Finding(
                "conflict", "role", [here, there], 0.6,
                f"For '{_head_words(texts[text.id], r)}' the text gives '{here.text}' where the source gives '{there.text}'.",
                values={text.id: here.text, doc: there.text},
            ))  # fmt: skip
            taken.add(mine_owner[moved[0]])
            break
    return out


def _pronoun_owner(a: Analysis, r, by_sentence: dict[int, list] | None = None):  # noqa: ANN001, ANN202 - Relation
    """The owner ``analyze.pronoun_owner`` reads for an ``its``/``their`` link, as a link of the owner's name (its
    span the owner's, its word the owner's lemma); None for any other link. ``by_sentence`` (``_by_sentence``) hands
    it the link's sentence's relations, the only ones it reads: all of the report's, asked once per possessive,
    made ``_agents`` quadratic in a source's length (session 27, growth27)."""
    if r.dep != "poss" or r.child not in OWNER_PRONOUNS:
        return None
    return pronoun_owner(a.relations if by_sentence is None else by_sentence.get(r.sentence, []), r, a)


def _by_sentence(a: Analysis) -> dict[int, list]:
    """The report's relations by sentence, each sentence's in their order."""
    out: dict[int, list] = defaultdict(list)
    for r in a.relations:
        out[r.sentence].append(r)
    return out


def _owner_link(a: Analysis, r) -> bool:  # noqa: ANN001 - Relation
    """A word over a noun that tells whose it is: a compound (``Tesco shares``) or a possessive name, a
    capitalised word (``Tesco's shares``; not ``its shares``, nor ``the man's whereabouts``, which may be
    said of the man himself)."""
    if r.dep == "compound":
        return True
    if r.dep != "poss" or r.child in POSSESSIVES or r.child in PRONOUNS or r.sentence >= len(a.sentences):
        return False
    s = a.sentences[r.sentence]
    return s.text[r.span[0] - s.start : r.span[0] - s.start + 1].isupper()


def _swapped_objects(text: Document, texts: dict[str, str], analyses: Sequence[Analysis], mine, by_slot, by_child,  # noqa: ANN001
                     direct, linked, found: list[Finding]) -> list[Finding]:  # fmt: skip
    """A verb given the object another verb of the same source sentence has, while that sentence gives the
    verb an object of its own: ``Ted Koran was phoning his wife`` where the source has ``Missing his wife,
    Ted Koran phoned the Veterans Suicide Hotline`` (a ``role`` conflict naming the text's object and the
    source's). Only a directly aligned source sentence; not when the sources link the verb and the object
    anywhere, nor when the text sentence also uses the other verb or the source's object (``phoned the
    hotline, missing his wife`` keeps both links). Only when one of the two source verbs governs the other, or
    the verb with the text's object is a participle with no subject of its own (``Missing his wife, ...
    phoned``): two verbs told side by side are often two words for one deed (``unveiled the iPhone 15 and
    launched a new watch`` / ``launched the iPhone 15``)."""
    ta, by_id = analyses[0], {a.doc_id: a for a in analyses}
    taken = {(sp.start, sp.end) for f in found for sp in f.evidence[:1]}
    joined = {(doc, s.sentence, frozenset((s.head, s.child))) for ls in by_slot.values() for doc, s, _ in ls}
    subjects: set[tuple[str, int, str]] = set()  # (doc, sentence, verb) of the verbs with a subject
    for (head, dep), ls in by_slot.items():
        if dep == "nsubj":
            subjects.update((doc, s.sentence, head) for doc, s, _ in ls)

    def participle(doc: str, sentence: int, verb: str) -> bool:
        root = verb[:-1] if verb.endswith("e") and len(verb) > 4 else verb
        return (doc, sentence, verb) not in subjects and any(
            texts[doc][a:b].lower().endswith("ing") for a, b in _tokens(by_id[doc], sentence, root))

    out = []
    for r, keys in mine:
        if r.dep != "dobj" or keys[0] in STANDS_FOR or r.head in GENERIC or r.span in taken or (r.head, keys[0]) in linked:
            continue
        words = set(ta.lemmas[r.sentence]) if r.sentence < len(ta.lemmas) else set()
        at = direct.get(r.sentence, set())
        rival = next(((doc, s) for doc, s, k in by_slot.get((r.head, "dobj"), ())
                      if (doc, s.sentence) in at and k != keys[0] and k not in STANDS_FOR and s.child not in words
                      and any(doc == d and s.sentence == o.sentence and other not in words | GENERIC
                              and ((d, o.sentence, frozenset((other, r.head))) in joined or participle(d, o.sentence, other))
                              for d, o, other in by_child.get((keys[0], "dobj"), ()))), None)  # fmt: skip
        if rival is not None:
            out.append(_role(text, texts, r, *rival))
            taken.add(r.span)
    return out


def _crossed_opposites(text: Document, texts: dict[str, str], analyses, mine, theirs, direct, linked,  # noqa: ANN001
                       found: list[Finding], agents: dict, guard: _Guard) -> list[Finding]:  # fmt: skip
    """A word of the text whose opposite a directly aligned source sentence uses of one of the same
    arguments, in another parse structure than the text's: ``Dalian Wanda sold 20 per cent`` where the
    source tells of ``their purchase of 20 per cent``, ``lost to Dortmund`` / ``victory over Dortmund``.
    The one argument may be the agent of both (``Bayern Munich lost`` / ``their victory``, ``their`` standing
    for Bayern Munich). Not when the source sentence also uses the text's word, the text sentence also uses the
    opposite, either clause is negated (``did not win`` / ``lost`` agree), or the sources link the text's word with that
    argument anywhere."""
    ta, by_id, links_of = analyses[0], {a.doc_id: a for a in analyses}, dict(theirs)
    taken = {(sp.start, sp.end) for f in found for sp in f.evidence[:1]}
    args: dict[tuple[str, int, str], set[str]] = defaultdict(set)  # (doc, sentence, word) -> words linked to it
    for doc, ls in [(text.id, mine), *theirs]:
        for r, keys in ls:
            args[(doc, r.sentence, r.head)].update(keys)
            args[(doc, r.sentence, keys[0])].add(r.head)
    negated = {(a.doc_id, c.sentence, c.verb) for a in analyses for c in a.clauses if c.negated}
    named = linked | {(r.head, r.child) for _, ls in theirs for r, _ in ls}  # with the names' own words
    when = {(text.id, r.sentence, keys[0]) for r, keys in mine if _timelike(r.dep, keys[0])}  # the text's times

    def said_by(sentence: int, word: str) -> bool:
        """The sources link the text's word with its agent somewhere (``Dortmund lost to Bayern``)."""
        return any((word, x) in named for k, words in agents.get((text.id, sentence, word), ()) for x in (k, *words))

    spans = {(r.sentence, r.child): r.span for r, _ in mine}
    spans.update({(c.sentence, c.verb): c.verb_span for c in ta.clauses})
    out = []
    for (sentence, word), span in sorted(spans.items(), key=lambda kv: kv[1]):
        opposites = ANTONYMS.get(word)
        if not opposites or span in taken or (text.id, sentence, word) in negated:
            continue
        mine_words = set(ta.lemmas[sentence]) if sentence < len(ta.lemmas) else set()
        shared_from = args.get((text.id, sentence, word), set())
        for doc, at in sorted(direct.get(sentence, ())):
            theirs_words = set(by_id[doc].lemmas[at]) if at < len(by_id[doc].lemmas) else set()
            if word in theirs_words:
                continue
            hit = next((o for o in sorted(opposites & theirs_words) if o not in mine_words
                        and (doc, at, o) not in negated
                        and (any(k in args.get((doc, at, o), ()) and (word, k) not in linked
                                 and guard.allows((text.id, sentence, word), (doc, at, o), (text.id, sentence, k) in when)
                                 for k in shared_from)
                             or (_same_agent(agents, (text.id, sentence, word), (doc, at, o))
                                 and guard.allows((text.id, sentence, word), (doc, at, o), None) and not said_by(sentence, word)))
                        and not _converse(agents, (text.id, sentence, word), (doc, at, o))), None)  # fmt: skip
            if hit is None:
                continue
            there = _clause_verb(by_id[doc], at, hit)
            there = there or next((r.span for r, _ in links_of[doc] if r.sentence == at and r.child == hit), None)
            if there is None or _negated_opposite(texts, word, hit, text.id, span, doc, there) \
                    or guard.agree((text.id, sentence, word), (doc, at, hit), (span, there)):
                continue
            out.append(_antonym_finding(texts, text.id, span, doc, there, 0.7, (word, hit)))
            taken.add(span)
            break
    return out


NEGATORS = frozenset("no not never n't nor neither without".split())
_LAST_WORD = re.compile(r"([a-z]+|n't)[\s\"'“”‘’]*$")  # the word just before: spaces and quotes between, no stop


def _negated_word(text: str, span: tuple[int, int]) -> bool:
    """Whether the word at ``span`` is negated by the word just before it (``no older than nine``, ``did not
    win``, ``never won``): the opposite of a negated word says what the word says."""
    before = _LAST_WORD.search(text[max(0, span[0] - 16) : span[0]].lower().replace("’", "'"))
    if before is not None and before.group(1) in NEGATORS:
        return True
    # an adverb after its verb is negated with the verb (``had not acted unlawfully`` / ``acted lawfully`` agree:
    # review revj29, once WordNet's adverbs made ``lawfully`` / ``unlawfully`` opposites); its word is written
    # whole by the span, so ``-ly`` tells an adverb from the adjectives read here (``not likely`` is caught above)
    if not text[span[0] : span[1]].lower().endswith("ly"):
        return False
    verb = _VERB_BEFORE.search(text[max(0, span[0] - 40) : span[0]].lower().replace("’", "'"))
    return verb is not None and verb.group(1) in NEGATORS


_VERB_BEFORE = re.compile(r"([a-z]+|n't)\s+[a-z]+\s+$")  # the word before the word before (``not acted ...``)


# how an outcome pair is explained: no opposites, but one patient in one event has only one of them
_OUTCOME = "an outcome the same people cannot also have had in this event"


def _antonym_finding(texts: dict[str, str], text_id: str, at: tuple[int, int], doc: str, there: tuple[int, int], confidence: float,
                     words: tuple[str, str] = ("", "")) -> Finding:  # fmt: skip
    """An ``antonym`` conflict between the text's span ``at`` and the source ``doc``'s span ``there`` (``words``: the
    two lemmas, which say whether they are opposites or outcomes one patient cannot both have)."""
    mine, theirs = _span(texts, text_id, *at), _span(texts, doc, *there)
    outcome = frozenset(words) in OUTCOMES
    return Finding(
        "conflict", "antonym", [mine, theirs], confidence,
        f"The text says '{mine.text}' where the source says {_OUTCOME if outcome else 'the opposite'}, '{theirs.text}'.",
        values={text_id: mine.text, doc: theirs.text},
    )  # fmt: skip


class _Agents(defaultdict):
    """(doc, sentence, word) -> who does it (see ``_agents``), and ``named``: (doc, sentence, noun) -> the
    names over the uses of a common noun in that sentence (``Tesco``, ``Sainsbury`` of ``shares``)."""

    def __init__(self, *args) -> None:  # noqa: ANN002
        super().__init__(*args)
        self.named: dict[tuple[str, int, str], set[str]] = defaultdict(set)
        # (doc, sentence, noun) -> the words over it that are in the name of a company or a person the recognizer
        # found (``Tesco`` of ``Tesco shares``; not ``Oil`` opening ``Oil prices rose``, nor a place: ``US stocks`` are
        # ``Wall Street stocks``)
        self.entities: dict[tuple[str, int, str], set[str]] = defaultdict(set)
        self.owners: dict[tuple[str, int, str], set[str]] = defaultdict(set)
        # (doc, sentence, noun) -> the common nouns ``analyze.pronoun_owner`` reads as owners of an ``its``/``their``
        # on it (``bank`` of ``The banks said their shares rose``; names are ``named``'s)


def _agents(analyses: Sequence[Analysis], links: list[tuple[str, list[tuple]]]) -> dict[tuple[str, int, str], set[tuple[str, frozenset]]]:
    """(doc, sentence, word) -> who does it: the subject of a verb (a passive's by-agent), the possessor or
    by-agent of a noun (``Arsenal's victory``), each as its key and the words of its name (the word and its
    compounds); the verb of an open complement (``xcomp``) without a subject of its own, the object of the verb
    it completes when it has one (``persuaded the founders to sell``: the founders sell), else its subject
    (``Google agreed to buy``). A possessive pronoun on a noun stands for the subject of the verb
    the noun is the object of (``Dalian Wanda Group have formalised their purchase``)."""
    out = _Agents(set)
    for a in analyses:  # the names over each common noun (capitalised words), what tells two uses of it apart
        recognised: dict[int, list[tuple[int, int]]] = defaultdict(list)  # sentence -> company and person names
        for m in a.mentions:
            if m.entity is not None and m.kind in ("org", "person"):
                recognised[m.sentence].append((m.start, m.end))
        by_sentence = _by_sentence(a)
        for r in a.relations:
            owner = r if _owner_link(a, r) else _pronoun_owner(a, r, by_sentence)
            if owner is not None and owner is not r and common_owner(a, owner):
                out.owners[(a.doc_id, r.sentence, r.head)].add(owner.child)
            if owner is not None and r.sentence < len(a.sentences):
                s = a.sentences[r.sentence]
                if s.text[owner.span[0] - s.start: owner.span[0] - s.start + 1].isupper():
                    out.named[(a.doc_id, r.sentence, r.head)].add(owner.child)
                    if any(start <= owner.span[0] and owner.span[1] <= end for start, end in recognised.get(r.sentence, ())):
                        out.entities[(a.doc_id, r.sentence, r.head)].add(owner.child)
    objects: dict[tuple[str, int, str], set[str]] = defaultdict(set)  # (doc, sentence, noun) -> verbs over it
    compounds: dict[tuple[str, int, str], list[tuple[tuple[int, int], str]]] = defaultdict(list)
    places: dict[tuple[str, int, str], set[tuple[int, int]]] = defaultdict(set)  # where each word stands
    for a in analyses:  # the links leave out the compounds inside a name
        by_sentence = _by_sentence(a)
        for r in a.relations:
            places[(a.doc_id, r.sentence, r.child)].add(r.span)
            if _owner_link(a, r):
                compounds[(a.doc_id, r.sentence, r.head)].append((r.span, r.child))
            elif (owner := _pronoun_owner(a, r, by_sentence)) is not None:  # ``Tesco said its shares rose``: Tesco's shares, at ``its``
                compounds[(a.doc_id, r.sentence, r.head)].append((r.span, owner.child))

    def words(doc: str, r) -> frozenset:  # noqa: ANN001 - Relation
        """The word and the compounds of this use of it: each compound goes with the next use of its head
        (``Tesco shares were up as Sainsbury shares fell``: the first shares are Tesco's only)."""
        at, uses = (doc, r.sentence, r.child), places[(doc, r.sentence, r.child)] | {r.span}
        mine = {c for span, c in compounds[at] if min((u for u in uses if u[0] >= span[1]), default=None) == r.span}
        return frozenset({r.child, *mine})
    objects_of: set[tuple[str, int, str]] = set()  # verbs with an object
    for doc, ls in links:
        for r, keys in ls:
            if r.dep == "dobj":
                objects[(doc, r.sentence, keys[0])].add(r.head)
                objects_of.add((doc, r.sentence, r.head))
    for doc, ls in links:
        for r, keys in ls:
            if r.dep in AGENT_DEPS and keys[0] not in STANDS_FOR:
                out[(doc, r.sentence, r.head)].add((keys[0], words(doc, r)))
    controls: dict[tuple[str, int, str], set[tuple[str, frozenset]]] = defaultdict(set)  # verb -> its objects
    for doc, ls in links:
        for r, keys in ls:
            if r.dep == "dobj" and keys[0] not in STANDS_FOR:
                controls[(doc, r.sentence, r.head)].add((keys[0], words(doc, r)))
    for _ in range(2):  # a verb with no subject of its own does what the verb it completes is done by
        for doc, ls in links:  # (``Google agreed to buy``: Google buys; twice, for ``agreed to try to buy``)
            for r, _keys in ls:  # ...or its object, when it has one (``persuaded the founders to sell``)
                governor = (doc, r.sentence, r.head)
                doer = controls.get(governor) or out.get(governor)
                if r.dep == "xcomp" and not out.get((doc, r.sentence, r.child)) and doer:
                    out[(doc, r.sentence, r.child)] = set(doer)
    for doc, ls in links:  # ``shares were up``: the shares are; a direction says how its head's doer went
        for r, _keys in ls:
            if r.dep == "advmod" and r.child in DIRECTIONS and out.get((doc, r.sentence, r.head)):
                out[(doc, r.sentence, r.child)] |= out[(doc, r.sentence, r.head)]
    above: dict[tuple[str, int, str], set[str]] = defaultdict(set)  # (doc, sentence, word) -> words over it
    for doc, ls in links:
        for r, _keys in ls:  # not through a preposition of a verb with an object of its own: whose is
            if r.dep in CARRIES or (r.dep.startswith("prep_") and (doc, r.sentence, r.head) not in objects_of):
                above[(doc, r.sentence, r.child)].add(r.head)
    for doc, ls in links:
        for r, keys in ls:
            if r.dep == "poss" and keys[0] in STANDS_FOR:
                for verb in objects.get((doc, r.sentence, r.head), ()):
                    out[(doc, r.sentence, r.head)] |= out.get((doc, r.sentence, verb), set())
                if not out.get((doc, r.sentence, r.head)):
                    out[(doc, r.sentence, r.head)] |= _owner(out, above, (doc, r.sentence), r.head)
    return out


DIRECTIONS = frozenset({"up", "down"})
CARRIES = frozenset({"dobj", "attr", "pobj", "oprd"})  # links a possessive pronoun reads its owner through


def _owner(agents: dict, above: dict, at: tuple[str, int], noun: str) -> set:
    """Who a possessive pronoun on ``noun`` stands for when no verb takes the noun as its object: the agent
    of the nearest word over it through objects and prepositions (``Bayern Munich were the better team in
    their 1-0 victory``: ``their`` is Bayern Munich's, reached through ``team`` and ``were``), at most three
    links up, never through a reported clause (``Klopp conceded that...``: not Klopp's victory)."""
    frontier, seen = {noun}, {noun}
    for _ in range(3):
        frontier = {h for w in frontier for h in above.get((*at, w), ())} - seen
        found = set().union(*(agents.get((*at, h), set()) for h in frontier)) if frontier else set()
        if found:
            return found
        seen |= frontier
    return set()  # (``congratulated Bayern on their victory``: Bayern's, not the congratulator's)


def _converse(agents: dict, mine: tuple[str, int, str], theirs: tuple[str, int, str]) -> bool:
    """The two words are a converse pair told of one event from either party: no agent known to do both
    (``Chelsea lost to Arsenal`` / ``Chelsea were beaten by Arsenal``: the loser is not the one who beat).
    One agent is another when their keys are one or the words of one name are all in the other's
    (``Dalian Wanda`` / ``Dalian Wanda Group``; not ``Manchester City`` / ``Manchester United``)."""
    if frozenset((mine[2], theirs[2])) not in CONVERSE:
        return False
    return not _same_agent(agents, mine, theirs)


def _same_agent(agents: dict, mine: tuple[str, int, str], theirs: tuple[str, int, str]) -> bool:
    """Whether one agent is known to do both words (see ``_converse``): one key, unless two uses of a common
    noun told apart by name (``_told_apart``), or the words of one in the other's."""
    return any((k == j and not _told_apart(agents, (k, w), (j, v), mine, theirs)) or w <= v or v <= w
               for k, w in agents.get(mine, ()) for j, v in agents.get(theirs, ()))  # fmt: skip


def _told_apart(agents: _Agents, doer: tuple[str, frozenset], other: tuple[str, frozenset],
                mine: tuple[str, int, str], theirs: tuple[str, int, str]) -> bool:  # fmt: skip
    """Two doers that are uses of one common noun a sentence tells apart by name: neither one's words in the
    other's, and one of the two sentences names both owners as owners of that noun (``Tesco shares were up
    as Sainsbury shares fell``). Not ``Man Utd shares`` / ``Manchester United shares``, ``Brent crude prices``
    / ``Oil prices``: no sentence names both, so one may be the other. Or each sentence's owner is a capitalised
    word of its own, one of them in a company's or a person's name the recognizer found (a capital opening a
    sentence says nothing: ``Oil prices``; a place's may be a market's other name: ``US`` / ``Wall Street stocks``),
    and no spelling of the other's (``Tesco shares fell`` / ``Sainsbury shares rose``: two companies'
    shares, not one told the other way; not ``Man Utd shares`` / ``Manchester United shares``). Or each owner is a
    common noun ``analyze.pronoun_owner`` read for an ``its``/``their`` (``agents.owners``), the two not of one kind
    (``analyze.one_kind_of_owner``): ``The banks said their shares rose`` / ``The carmakers said their shares fell``
    are two doers, as ``judge._one_doer`` reads them; ``The company`` / ``The firm`` are one."""
    (k, w), (j, v) = doer, other
    if k != j or k.startswith("#") or w <= v or v <= w:
        return False
    named = agents.named
    if any((w - v) & named.get((doc, s, k), set()) and (v - w) & named.get((doc, s, k), set()) for doc, s, _ in (mine, theirs)):
        return True
    ours, others = (w - v) & named.get((*mine[:2], k), set()), (v - w) & named.get((*theirs[:2], k), set())
    found = ours & agents.entities.get((*mine[:2], k), set()) or others & agents.entities.get((*theirs[:2], k), set())
    if ours and others and found:
        return not any(spelled_alike(a, b) for a in w - v for b in v - w)
    ours, others = (w - v) & agents.owners.get((*mine[:2], k), set()), (v - w) & agents.owners.get((*theirs[:2], k), set())
    return bool(ours) and bool(others) and not any(one_kind_of_owner(a, b) for a in ours for b in others)


_BESIDE = frozenset({"also", "too", "likewise"})


def _doer_beside_another(mine: Sequence[tuple], r, linked: set[tuple[str, str]]) -> bool:  # noqa: ANN001 - a Relation
    """The text's doer of a verb that is no rival of the source's doer (as ``judge._does_too`` reads the two flows
    alike; session 34): a reaction any number of people give each (``judge.EACH_MAY_DO``: "Governor Paul Grint
    thanked the crews" beside the source's "Mayor Helen Dray thanked the crews"), or a doer the text says does it
    too ("Governor Paul Grint also visited the site": an ``also``/``too`` on the verb). Both were role conflicts,
    their sentences ``contradicted``. A reaction only to an object the sources give the verb too (``linked``):
    BUMP's "Bayern Munich condemned Borussia Dortmund" (an edit of "beat") lost its role conflict without it."""
    if r.dep != "nsubj":
        return False
    same = [o for o, _ in mine if o.sentence == r.sentence and o.head == r.head]
    return any(o.dep == "advmod" and o.child in _BESIDE for o in same) or (r.head in EACH_MAY_DO and any(
        o.dep == "dobj" and any((r.head, k) in linked for k in keys) for o, keys in mine if o in same))


def _verbs(analyses: Sequence[Analysis]) -> dict:
    """(sentence, verb lemma) of the text's clauses; ``*``: (doc, sentence, lemma) of the sources'."""
    out: dict = {analyses[0].doc_id: {(c.sentence, c.verb) for c in analyses[0].clauses}}
    out["*"] = {(a.doc_id, c.sentence, c.verb) for a in analyses[1:] for c in a.clauses}
    return out


def _span(texts: dict[str, str], doc: str, start: int, end: int) -> Span:
    return Span(doc, start, end, texts[doc][start:end])


# a source's he/she read as the person named before it in its own sentence: "Tom Hale left the court, where he was
# granted bail" gives the bail to Hale as surely as his name would (a "he" opening a sentence may stand for anyone)
_HE_SHE = frozenset({"he", "she", "him", "her"})


def _named_here(source: Analysis, s, key: str, text: Analysis, at: tuple[int, int]) -> bool:  # noqa: ANN001 - Relation
    """Whether a source's he/she in a role slot stands for a person named earlier in its own sentence (``key``, the
    person ``check._links`` read it as: the last named before it) and the text's rival is a person too. FRANK valid's
    missed entity errors: "Mr Yeaman was granted bail" where the article's sentence says "Phillip Pama covered his
    face as he left court, where he was granted bail" (session 34)."""
    if s.child not in _HE_SHE or not key.startswith("#"):
        return False
    last = max((m for m in source.mentions if m.kind == "person" and m.sentence == s.sentence and m.end <= s.span[0]),
               key=lambda m: m.start, default=None)  # fmt: skip
    # ... and that person is the last grammatical subject before it: "helped him win favour with chairman Jim Mann since
    # he replaced Johnston" reads the "he" as Mann, the last named, where it is the "him" before (FRANK valid, a
    # consistent summary); "Lamb was questioned by Ray Gould before he was bailed" (a by-agent, made the subject of
    # the parse's active links) and "Jones said: 'Paul Hart will stay and he will sign'" (a subject the tagger names
    # no person) leave the "he" to Lamb and Hart, not to the last person named (review revf34)
    # (a he/she subject between them carries the chain on: "Lamb covered his face as he left court, where he was bailed")
    subject = max(((a, b) for c in source.clauses if c.sentence == s.sentence and c.subject_span is not None
                   and (c.subject or "").lower() not in _HE_SHE for a, b in [c.subject_span] if b <= s.span[0]),
                  default=None)  # fmt: skip
    named = last is not None and subject is not None and subject[0] <= last.start and last.end <= subject[1]
    return named and _spoken_of_as(source, s, last) and any(m.kind == "person" and m.start <= at[0] and at[1] <= m.end for m in text.mentions)


_GENDERED = re.compile(r"\b(?:(he|him|his|himself)|(she|her|hers|herself))\b", re.IGNORECASE)


def _spoken_of_as(source: Analysis, s, person) -> bool:  # noqa: ANN001 - Relation, Mention
    """Whether the source speaks of ``person`` with the pronoun ``s`` stands in for elsewhere too: more words of its
    gender than of the other from the name to the end of the next sentence, the pronoun itself aside. The parse
    reads a he/she as the last person named whatever the gender ("Mark Dunn told the court that she had been
    bailed", review revf34), and the project has no list of first names' genders, so, as ``check.pronoun_deeds``
    does, a gender the source does not tell neither confirms nor refuses that reading."""
    male, counts = s.child in ("he", "him"), [0, 0]  # words of the pronoun's gender, of the other
    for x in source.sentences[s.sentence : s.sentence + 2]:
        for g in _GENDERED.finditer(x.text):
            if x.start + g.start() >= person.end and x.start + g.start() != s.span[0]:
                counts[(g.group(1) is not None) != male] += 1
    return counts[0] > counts[1]


def _role(text: Document, texts: dict[str, str], r, doc: str, s) -> Finding:  # noqa: ANN001 - Relations
    mine, theirs = _span(texts, text.id, *r.span), _span(texts, doc, *s.span)
    return Finding(
        "conflict", "role", [mine, theirs], 0.6,
        f"For '{_head_words(texts[text.id], r)}' the text gives '{mine.text}' where the source gives '{theirs.text}'.",
        values={text.id: mine.text, doc: theirs.text},
    )  # fmt: skip


_STOP = re.compile(r"[.!?]\s|\n")  # a sentence's end, for ``_head_words``' window
# a stop after one of these ends no sentence: "according to Dr. David Mercer" cut the window at "Dr. ", and the role
# line said the lemma "accord" again (session 31's review); an initial ("J. Smith", "U.S.") is one too
_NO_STOP = re.compile(r"(?:^|[^\w.])(?:" + "|".join(_BEFORE_NAMES) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"
                      r"|No|Nos|Inc|Corp|Co|Ltd|Jr|Sr|vs|[A-Za-z](?:\.[A-Za-z])*)$")


def _stops(text: str, start: int, end: int) -> list[int]:
    """Where sentences end between ``start`` and ``end`` (after each stop and its space, or a line break), but for
    the stop of a title, month or initial."""
    return [m.end() for m in _STOP.finditer(text, start, end)
            if m.group() == "\n" or not _NO_STOP.search(text[max(0, m.start() - 12) : m.start()])]  # fmt: skip


def _head_words(text: str, r) -> str:  # noqa: ANN001 - Relation
    """A role finding's head as the text writes it, with the preposition of its link: "For 'according to' the text
    gives 'Mercer'" where the lemmas read "For 'accord'", and "walked out on" for "walk" (session 31's walk). The
    head is the word that is the lemma, or it inflected (``_inflected``), nearest the dependent in its sentence (a
    window cut at a stop or a line break); a head not written so (``said`` of ``say``) is said as its lemma."""
    start, end = r.span
    before = max(_stops(text, max(0, start - 160), start), default=max(0, start - 160))
    after = next((at - 1 for at in _stops(text, end, end + 160)), min(len(text), end + 160))
    root = r.head[:-1] if r.head.endswith("e") and len(r.head) > 4 else r.head
    found = [m for m in _inflected(root).finditer(text, before, after) if m.end() <= start or m.start() >= end]
    if " " in r.head or not found:
        return r.head
    m = min(found, key=lambda m: start - m.end() if m.end() <= start else m.start() - end)
    words = m.group()
    if r.dep.startswith("prep_") and m.end() <= start:  # the head, up to two words (a particle), the preposition
        prep = r.dep[len("prep_"):].replace("_", " ")
        if tail := re.match(r"(?:\s+[\w'’-]+){0,2}?\s+" + re.escape(prep) + r"\b", text[m.end() : start], re.IGNORECASE):
            words += " " + " ".join(tail.group().split())
    return words


def _clause_verb(analysis: Analysis, sentence: int, verb: str) -> tuple[int, int] | None:
    return next((c.verb_span for c in analysis.clauses if c.sentence == sentence and c.verb == verb), None)


def _head_span(analysis: Analysis, links: Sequence[tuple], sentence: int, word: str) -> tuple[int, int] | None:
    """Where the head word ``word`` stands in the sentence: its clause's verb, the span of a link it is the
    dependent of, or the first word of the sentence that is it inflected (``increased`` of ``increase``, a
    head no link governs; never ``Increasingly``). None when it cannot be placed (the caller then names the dependent)."""
    found = _clause_verb(analysis, sentence, word)
    found = found or next((r.span for r, _ in links if r.sentence == sentence and r.child == word), None)
    if found or sentence >= len(analysis.sentences):
        return found
    s, root = analysis.sentences[sentence], word[:-1] if word.endswith("e") and len(word) > 4 else word
    m = re.search(r"\b" + re.escape(word) + r"\b", s.text, re.IGNORECASE) or _inflected(root).search(s.text)
    return (s.start + m.start(), s.start + m.end()) if m else None


def _inflected(root: str) -> re.Pattern:
    """A whole word that is ``root`` with an inflection (``increased``, ``stopped``; not ``Increasingly``)."""
    return re.compile(r"\b" + re.escape(root) + "(?:" + re.escape(root[-1:]) + r")?(?:e|s|es|ed|d|ing|er|est)?\b", re.IGNORECASE)


# one act in other words for the phrasal verbs ``phrasal_generic`` compares, which WordNet's frequent senses do not
# join: its ``write_off`` is only ``admit`` and ``write`` (no debt cancelled, no player dismissed), and its ``put_off``
# (``postpone``) sits below ``delay``, which ``said_alike`` joins one way only (review revbump13: "wrote off the loans"
# / "cancelled", "put off the vote" / "delayed" were ``predicate`` conflicts)
_PHRASAL_ALIKE = {
    "write_off": frozenset("cancel forgive waive scrap dismiss discount disregard rule_out write_down abandon".split()),
    "put_off": frozenset("delay postpone defer shelve push_back hold_off".split()),
}


def _phrasal_alike(mine: set[str], theirs: set[str]) -> bool:
    """Whether a generic verb's phrasal reading (``phrasal_generic``) and the source's verb say one act: the hand list
    above, or a frequent sense of either just above the other's (``said_alike`` both ways: ``put off`` / ``delayed``)."""
    return any(y in _PHRASAL_ALIKE.get(x, ()) or said_alike(y, x) for x in mine for y in theirs)


def phrasal_of(readings: dict[tuple[int, str], set[str]]) -> set[tuple[int, str]]:
    """The verbs read as one phrasal verb only (``judge.verb_readings``), generic or not."""
    return {at for at, found in readings.items() if len(found) == 1 and "_" in next(iter(found))}


def phrasal_generic(readings: dict[tuple[int, str], set[str]]) -> set[tuple[int, str]]:
    """The text's generic verbs (``GENERIC``: ``write``, ``put``, ``take``, ``give``) read as one phrasal verb only
    (``judge.verb_readings``): ``wrote off`` a player, ``put off`` the vote, ``took over`` the firm, ``gave up`` the
    title. The particle makes an act of a word of speech or of grammar, so ``check.new_verbs`` asks whether the
    sources use it, and the predicate check compares those of ``PHRASAL_APART`` as any other verb: left generic, "City
    wrote off Rose" passed where the source has City consider Rose, while "City identified Rose" was a ``predicate``
    conflict (BUMP 582, session 32)."""
    return {at for at in phrasal_of(readings) if at[1] in GENERIC}


def _alike(mine: dict, at: tuple[int, str], theirs: dict, there: tuple[int, str]) -> bool:
    """Whether the text's verb and the source's, one of them a phrasal verb as read there (``verb_readings``), say the
    same (``lexicon.said_alike``): ``scrapped`` / ``struck down``, ``cancelled`` / ``called off``, so that two wordings
    of one act are no ``predicate`` conflict. Two one-word verbs keep the hand list alone (``SYNONYMS``): WordNet's
    frequent senses join words a news text uses in another meaning (``sustained`` / ``suffered`` growth, ``closed`` /
    ``shut`` a deal, ``tried`` / ``attempted`` a suspect: test_check_roles), where a particle fixes the meaning."""
    return any(said_alike(x, y) for x in mine.get(at, {at[1]}) for y in theirs.get(there, {there[1]}) if "_" in x + y)


def _predicate(text: Document, texts: dict[str, str], analyses: Sequence[Analysis], verb: str, other: str,
               votes: list[tuple], readings: dict | None = None, of_persons: bool = False) -> Finding:  # fmt: skip
    doc, s, r = votes[0]
    by_id = {a.doc_id: a for a in analyses}
    at = _clause_verb(by_id[text.id], r.sentence, verb) or r.span
    there = _clause_verb(by_id[doc], s.sentence, other) or s.span
    if verb == other and readings is not None:  # a verb and its own phrasal reading (``own_phrasal_apart``)
        at = with_particle(texts[text.id], at, readings[text.id].get((r.sentence, verb), set()))
        there = with_particle(texts[doc], there, readings[doc].get((s.sentence, other), set()))
    elif readings is not None and (r.sentence, verb) in phrasal_generic(readings[text.id]):  # ``written off``, not ``written``
        at = with_particle(texts[text.id], at, readings[text.id][(r.sentence, verb)])
    if verb != other and readings is not None and (s.sentence, other) in phrasal_of(readings.get(doc, {})):
        there = with_particle(texts[doc], there, readings[doc][(s.sentence, other)])  # ``ruled out``, not ``ruled``
    mine, theirs = _span(texts, text.id, *at), _span(texts, doc, *there)
    shared = len({v[2].span for v in votes})
    opposite = other in ANTONYMS.get(verb, ()) or (of_persons and other in OPPOSED_OF_PERSONS.get(verb, ()))
    return Finding(
        "conflict", "antonym" if opposite else "predicate", [mine, theirs],
        0.9 if opposite else round(min(0.85, 0.5 + 0.15 * (shared - 2)), 3),
        f"The source links {'them' if shared > 1 else 'it'} with '{theirs.text}', the text with '{mine.text}'"
        + ((f" ({_OUTCOME})." if frozenset((verb, other)) in OUTCOMES else " (the opposite).") if opposite else "; the source never says this."),
        values={text.id: mine.text, doc: theirs.text},
    )  # fmt: skip


def _antonyms(text: Document, texts: dict[str, str], analyses, mine, theirs, aligned, linked, agents, guard) -> list[Finding]:  # noqa: ANN001
    """A modifier or head word whose opposite the aligned source sentence uses in the same place:
    ``a win against`` / ``a loss against``, ``higher prices`` / ``lower prices``; not under a head one of the
    two negates (``is not expected to stay`` / ``is expected to leave`` agree). The sources' links are
    indexed by sentence and parse role, so each of the text's links reads only those of its aligned source
    sentences (a scan of all of them for every link made a long text against a long source quadratic)."""
    by_id = {a.doc_id: a for a in analyses}
    placed: dict[tuple[str, int, str], list[tuple[int, object, tuple]]] = defaultdict(list)
    for doc, ls in theirs:
        for k, (s, ks) in enumerate(ls):
            placed[(doc, s.sentence, s.dep)].append((k, s, ks))
    out = []
    for r, keys in mine:
        near = aligned.get(r.sentence, set())
        for word, flip in ((r.child, False), (r.head, True)):
            opposites = ANTONYMS.get(word)
            if not opposites:
                continue
            for doc, _ in theirs:
                # the aligned sentences' links of this role, in the order of the source's links
                ls = sorted((x for d, i in near if d == doc for x in placed.get((d, i, r.dep), ())), key=lambda x: x[0])
                hit = next((s for _, s, ks in ls  # (all of the aligned sentences and of this role)
                            if ((not flip and s.head == r.head and ks[0] in opposites and not guard.agree((text.id, r.sentence, word), (doc, s.sentence, ks[0]), (r.span, s.span))
                                 and guard.outcome((text.id, r.sentence, word), (doc, s.sentence, ks[0]))
                                 and not guard.told_apart((text.id, r.sentence, word), (doc, s.sentence, ks[0])))
                                 or (flip and s.head in opposites and ks[0] == keys[0] and not guard.agree((text.id, r.sentence, word), (doc, s.sentence, s.head))
                                     and not _converse(agents, (text.id, r.sentence, r.head), (doc, s.sentence, s.head))
                                     and not tells_too(by_id[doc].clauses, s.sentence, by_id[text.id].clauses, r.sentence, r.head)
                                     and guard.allows((text.id, r.sentence, r.head), (doc, s.sentence, s.head), _timelike(r.dep, keys[0]))))),
                           None)  # fmt: skip
                if hit is not None and (r.head, keys[0]) not in linked:
                    at = (_head_span(by_id[text.id], mine, r.sentence, r.head) if flip else None) or r.span
                    there = (_head_span(by_id[doc], dict(theirs)[doc], hit.sentence, hit.head) if flip else None) or hit.span
                    if _negated_opposite(texts, word, hit.head if flip else hit.child, text.id, at, doc, there):
                        continue  # "no older than nine" / "as young as nine": a negated opposite agrees
                    out.append(_antonym_finding(texts, text.id, at, doc, there, 0.85, (word, hit.head if flip else hit.child)))
                    break
            else:
                continue
            break
    return out


SWAP_MIN = 3  # content words the claim must share with the rival's sentence
SWAP_LEAD = 2  # ...more than with any sentence near a mention of the text's own name


PERSONAL = frozenset("he she him her his hers they their them".split())


def _words_of(m) -> list[tuple[int, int]]:  # noqa: ANN001 - Mention
    """The (start, end) of each word of a mention (a relation's span is one word)."""
    return [(m.start + x.start(), m.start + x.end()) for x in re.finditer(r"[^\W_]+(?:['’-][^\W_]+)*", m.text)]


def entity_swaps(
    documents: Sequence[Document],
    analyses: Sequence[Analysis],
    clusters: dict[tuple[str, int], int],
) -> list[Finding]:
    """A person the sources name, put in a claim the sources make of someone else (``Mike Ford will join
    Bath at the end of the season`` where the article has ``Jeff Williams ... agreed a deal ... to join Bath
    at the end of the season`` and Ford only as Bath's coach): the source sentence that shares most of the
    text sentence's other words (all but its names) names another person and not the text's (nor does the
    sentence before it, where a ``he`` may stand for them, nor the two before that when it says he, she,
    they or his, her, them...); both names are the subject of their clause's verb (not of ``say`` or another
    generic verb: who said a quote is the quote checks' business); the text person's verb is one of the
    shared words and is the rival's verb or reached from it (``agreed a deal to join``): a rival doing
    something else in the sentence (``where Nicolas Sarkozy will host a dinner``), or a reporting verb, is no
    swap; the names share no word (``Newman`` / ``Terrill Wayne Newman``); and no sentence near the text's
    person shares nearly as much. Only people, as the sources take them (places and organisations nest:
    ``Texas`` for ``Galveston Island`` is no swap; with them, BUMP's reference summaries were flagged more
    than its edits). A ``conflict`` of type ``actor``, with the rival's name as the source span.

    Source sentences are found through an index of their words, so only those sharing a word with the
    text sentence are counted (a long text against a long article is not a product of their sentences)."""
    ta, text, texts = analyses[0], documents[0], {d.id: d.text for d in documents}

    def named(a: Analysis) -> dict[int, list]:
        out: dict[int, list] = defaultdict(list)
        for m in a.mentions:
            e = resolve_entity(a.entities, m.entity)
            if e is not None and (cluster := clusters.get((a.doc_id, e.id))) is not None:
                out[m.sentence].append((cluster, e.kind, m))
        return out

    sources = [(a, named(a)) for a in analyses[1:]]
    if not any(a.lemmas for a, _ in sources):
        return []
    kinds: dict[int, list[str]] = defaultdict(list)  # what the sources take each entity for
    for _, by in sources:
        for ms in by.values():
            for c, kind, _ in ms:
                kinds[c].append(kind)
    person = {c for c, ks in kinds.items() if ks.count("person") * 2 > len(ks)}
    near: dict[int, set[tuple[str, int]]] = defaultdict(set)  # cluster -> its sentences and the next (he, she)
    for a, by in sources:
        for sentence, ms in by.items():
            for c, _, _ in ms:
                near[c].update((a.doc_id, sentence + k) for k in (0, 1))
    by_id = {a.doc_id: a for a in analyses}
    named_by = {a.doc_id: by for a, by in sources}
    order = {a.doc_id: i for i, (a, _) in enumerate(sources)}
    index: dict[str, list[tuple[str, int]]] = defaultdict(list)  # lemma -> the source sentences using it
    for a, _ in sources:
        for j, ls in enumerate(a.lemmas):
            for lemma in set(ls):
                index[lemma].append((a.doc_id, j))
    subjects = {(a.doc_id, r.sentence, r.span) for a in analyses for r in a.relations if r.dep == "nsubj" and r.head not in GENERIC}
    below: dict[tuple[str, int, str], set[str]] = defaultdict(set)  # (doc, sentence, word) -> the words it governs
    for a in analyses[1:]:
        for r in a.relations:
            if r.dep != "ccomp":  # a reported clause is the reporter's claim, not their deed
                below[(a.doc_id, r.sentence, r.head)].add(r.child)

    def subject(doc: str, m) -> bool:  # noqa: ANN001 - Mention
        return any((doc, m.sentence, (a, b)) in subjects for a, b in _words_of(m))

    def reaches(doc: str, at: int, verb: str | None, target: str) -> bool:
        """``target`` is ``verb`` or a word two links below it in that source sentence."""
        if verb is None:
            return False
        step = below.get((doc, at, verb), set())
        return verb == target or target in step or any(target in below.get((doc, at, w), ()) for w in step)

    out = []
    for sentence, ms in sorted(named(ta).items()):
        words = {w.lower() for _, _, m in ms for w in re.findall(r"\w+", m.text)}
        core = set(ta.lemmas[sentence]) - words
        if len(core) < SWAP_MIN:
            continue
        counts: dict[tuple[str, int], int] = defaultdict(int)  # (doc, sentence) -> core words it shares
        for lemma in core:
            for at in index.get(lemma, ()):
                counts[at] += 1
        if not counts:
            continue
        (doc, at), top = max(counts.items(), key=lambda kv: (kv[1], -kv[0][1], -order[kv[0][0]]))
        if top < SWAP_MIN or 2 * top < len(core):
            continue
        rivals_at = named_by[doc].get(at, [])
        theirs = set(by_id[doc].lemmas[at])
        mine = {c for c, _, _ in ms}
        told = PERSONAL & set(re.findall(r"\w+", by_id[doc].sentences[at].text.lower()))  # "his team": someone before
        for cluster, _, m in ms:
            if cluster not in person or (doc, at) in near[cluster] or not subject(text.id, m):
                continue
            if m.verb not in core & theirs:
                continue  # the claim's verb is not one the two sentences share
            if told and any((doc, at - k) in near[cluster] for k in (1, 2)):
                continue
            own = max((counts.get(place, 0) for place in near[cluster]), default=0)
            rival = next((r for c, _, r in rivals_at if c in person and c not in mine and subject(doc, r)
                          and reaches(doc, at, r.verb, m.verb)
                          and not words & {w.lower() for w in re.findall(r"\w+", r.text)}), None)  # fmt: skip
            if rival is None or top < own + SWAP_LEAD:
                continue
            mine_span, theirs_span = _span(texts, text.id, m.start, m.end), _span(texts, doc, rival.start, rival.end)
            out.append(Finding(
                "conflict", "actor", [mine_span, theirs_span], 0.6,
                f"The source says this of {theirs_span.text}, not of {mine_span.text}.",
                values={text.id: mine_span.text, doc: theirs_span.text},
            ))  # fmt: skip
    return out
