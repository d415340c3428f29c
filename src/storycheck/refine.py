"""Member-level check of a join: does the article (or a story) agree with the *reports* of a story, not
only with its pooled profile?

Why: a story's profile, names and slots are the union of its members. Once one report of a second,
same-kind event has slipped in (two earthquakes on one island, two coaches of one team fired years apart),
the union holds both events' names and figures, and every further report of the second event finds what it
looks for: the story swallows the other event. Compared one by one with the story's members, such a report
still agrees with the one that slipped in and with none of the others. So a join that the pooled evidence
allows must also pass an *average linkage* test: the mean pair score between the article and the story's
latest members (at most ``link_members``, so the cost does not grow with the story) must reach
``link_score``; two stories merge only when the mean over pairs of their latest members reaches
``link_merge``. Work stays inside one candidate story: never all pairs over the corpus.

The same mean also *rescues*: an article that no pooled rule let in (a long report quoting many people the
story never names, a short one with few shared terms) joins the candidate story it links to best, when
that mean reaches ``rescue_score`` and leads the next candidate by ``rescue_margin`` (``pick``): one
story clearly its own, not two alike.

The pair score weighs what tells two reports of one event from two same-kind events (weights fitted on
pairs of ECB+ topics 1-35 only, rounded): the TF-IDF cosine of their top terms, the IDF-weighted share of
names they have in common (rare names decide), the share of the names a lead gives that the other report
names, a penalty per kind of lead figure (weekday, figures) that both give with no value in common, and a
heavier one per *typed* detail (``storycheck.details``: a magnitude, a route, the 11th vs the 12th Doctor, a
sum of money, a date) that both give with values that disagree: two same-kind events differ there, and one
such conflict takes a pair below the linkage floor.
A side that names nobody (a lower-cased summary: its names are not seen) takes as its name and lead shares
the IDF-weighted share of its own terms that the other report gives among its top terms (``Report.vec``
and ``Report.more``): a one-sentence summary names its event with the article's rare words ("somerset",
"hospital"), and another event's article gives few of them. (It had a neutral 0.3 before: every lower-cased pair scored alike on
names, and a summary linked to its own article no better than to others. FRANK ``valid``, mean ARI over 8
stream orders 0.878 -> 0.893; ECB+, whose texts are cased, unchanged.)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields
from itertools import chain, islice
from operator import mul, neg

from storycheck.details import conflicts, slot_values

__all__ = ["Linkage", "Report", "pair_score", "pair_scores", "pick", "relink"]

# the name share assumed when a side names nobody and keeps no top terms to share instead (a report of an
# index saved before they were kept): neither for nor against
NEUTRAL_SHARE = 0.3
NAME_WEIGHT = 0.45
LEAD_WEIGHT = 0.3
SLOT_PENALTY = 0.1
DETAIL_PENALTY = 1.0  # per typed detail both give with values that disagree (ClusterSettings.detail_penalty)
REPORT_TERMS = 32  # terms kept per report (the strongest by TF-IDF): bounded memory per article
# an article whose mean pair score with a story's latest reports is below ``MISFIT_SCORE`` and falls short of
# the mean among those reports themselves by more than ``MISFIT_GAP`` is no report of that story
# (``Linkage.mean_to``; ClusterSettings.misfit_score and misfit_gap)
MISFIT_SCORE = 0.55
MISFIT_GAP = 0.2
# means below the linkage floor (ClusterSettings.link_score; this when it is off) are not judged: they fail the
# linkage test anyway, and judging them changed no figure on ECB+ or FRANK (8 stream orders) at three times the
# cohesions
MISFIT_FROM = 0.4
MISFIT_REPORTS = 2  # the latest reports a story needs for its cohesion to judge by
MISFIT = 1.0  # what a misfit's mean loses: no test passes with it
COHESION_CACHE = 50_000  # stories' cohesions kept (the cache is emptied beyond: bounded memory)
# a story an article links to with this mean pair score or more is kept by ``relink`` without scoring the
# others (no switch on ECB+ 1-35 or FRANK valid started from one: the same figures, half the cost)
RELINK_SURE = 0.9


@dataclass(slots=True, frozen=True)
class Report:
    """What the pair score needs of one article, kept for as long as its story may be joined. Names carry
    their IDF of the moment the article arrived (so a pair costs two set intersections, not a look-up per
    name)."""

    vec: dict[str, float]  # the strongest ``REPORT_TERMS`` terms, unit-normalised TF-IDF weights
    names: dict[str, float]  # name -> IDF
    names_total: float
    lead: dict[str, float]  # the names the lead (title and first sentences) gives -> IDF
    lead_total: float
    slots: dict[str, frozenset[str]]  # lead slots other than names by kind: "d" -> {"d:sunday"}, "#" -> ...
    details: dict[str, tuple[str, ...]] = field(default_factory=dict)  # typed details: slot -> values
    # the article's other top terms (``ClusterSettings.terms`` in all, beyond ``vec``'s): what a nameless side
    # looks up with ``vec`` (a dict of keys: a third of a set's memory)
    more: dict[str, None] = field(default_factory=dict)
    own: dict[str, float] = field(default_factory=dict)  # a side that names nobody: its ``vec`` terms -> IDF
    own_total: float = 0.0
    # a side that names nobody: its terms that the stream's cased articles write as names (storycheck.casing)
    learned: frozenset[str] = frozenset()
    # the lead of a cased text (``Features.opening``), "" otherwise: parsed for its subject only when its story is
    # about to merge with another (``storycheck.actors``)
    opening: str = ""
    # written in lower case (``Features.lower``): its capitals say nothing of names, and a machine summary's
    # figures are its mistakes; a cased text that names nobody is not one (``regroup._conflict`` reads its details)
    lower: bool = False

    def __setstate__(self, state: Sequence) -> None:
        """A report pickled before the fields after ``details`` existed (an index saved by an older version)
        takes their defaults: it names nobody's terms, as before; before ``lower``, a text that names nobody is
        taken as lower-cased (what ``regroup._conflict`` read before it)."""
        for f, value in zip(fields(self), state, strict=False):
            object.__setattr__(self, f.name, value)
        for f in fields(self)[len(state) :]:
            object.__setattr__(self, f.name, f.default_factory() if f.default is MISSING else f.default)  # type: ignore[misc]
        if len(state) <= [f.name for f in fields(self)].index("lower"):
            object.__setattr__(self, "lower", not self.names)

    @staticmethod
    def of(
        vec: Mapping[str, float], names: frozenset[str], lead: frozenset[str], idf: Callable[[str], float],
        details: frozenset[str] = frozenset(), ranked: bool = False, learned: frozenset[str] = frozenset(),
        opening: str = "", lower: bool = False,
    ) -> Report:
        """``ranked``: ``vec`` is strongest first, ties by term, already (``StoryIndex._count_batch`` ranks an
        article's terms so when it has more than it keeps)."""
        if ranked:
            strongest = list(vec)
            ws = list(islice(vec.values(), REPORT_TERMS))
        else:  # strongest first, ties by term (tuples compared in C: no key function per item)
            pairs = sorted(zip(map(neg, vec.values()), vec, strict=True))
            strongest = [t for _, t in pairs]
            ws = [-w for w, _ in pairs[:REPORT_TERMS]]
        top = strongest[:REPORT_TERMS]
        norm = math.sqrt(sum(map(mul, ws, ws))) or 1.0
        # sorted: a set's order follows the string-hash seed, and the sums below must not
        ordered = sorted(names)
        weights = dict(zip(ordered, map(idf, ordered), strict=True))
        ordered = sorted([s[2:] for s in lead if s[0] == "n"])
        leads = dict(zip(ordered, map(idf, ordered), strict=True))
        kinds: dict[str, set[str]] = {}
        for slot in lead:
            if slot[0] != "n":
                kinds.setdefault(slot[0], set()).add(slot)
        own: dict[str, float] = {}
        if not names:
            ordered = sorted(top)
            own = dict(zip(ordered, map(idf, ordered), strict=True))
        return Report(
            {t: w / norm for t, w in zip(top, ws, strict=True)},
            weights,
            sum(weights.values()),
            leads,
            sum(leads.values()),
            {k: frozenset(v) for k, v in kinds.items()},
            slot_values(details) if details else {},
            dict.fromkeys(strongest[REPORT_TERMS:]),
            own,
            sum(own.values()),
            learned if own else frozenset(),
            opening,
            lower,
        )


def _contained(a: Report, b: Report) -> float:
    """IDF-weighted share of nameless ``a``'s terms that ``b`` gives, less what ``a``'s learned names
    (``Report.learned``: words the stream's cased articles write as names) say: against another text that
    names nobody, it is scaled by the share of them that ``b`` gives; against a text with names, it is none
    when ``b`` gives none of them (see ``storycheck.casing``)."""
    vec, more = b.vec, b.more
    share = sum([w for t, w in a.own.items() if t in vec or t in more]) / a.own_total
    if a.learned:
        names = b.names
        given = sum([1 for t in a.learned if t in vec or t in more or t in names])
        if b.own_total:
            share *= given / len(a.learned)
        elif not given:
            share = 0.0
    return share


def pair_score(a: Report, b: Report, detail_penalty: float = DETAIL_PENALTY) -> float:
    """How much two reports look like one event (about 0.2 and below: two events; 0.5 and up: one)."""
    return pair_scores(a, (b,), detail_penalty)[0]


def pair_scores(a: Report, others: Iterable[Report], detail_penalty: float = DETAIL_PENALTY) -> list[float]:
    """``pair_score(a, b)`` for each ``b`` of ``others``, in order. (Written out flat, what ``a`` alone gives
    read once, the loops over names in C: it runs for every pair a linkage test compares; ~30% less per pair.)"""
    # every sum runs in dict order (terms by weight, names sorted), never a set's: the same score whatever
    # the string-hash seed
    av, an, alead, aslots, adetails = a.vec, a.names, a.lead, a.slots, a.details
    a_name, a_named = an.__getitem__, an.__contains__
    a_lead = alead.__getitem__
    out = []
    for b in others:
        bv = b.vec
        score = sum([w * bv[t] for t, w in av.items() if t in bv])
        bn = b.names
        if an and bn:  # each side's IDF-weighted share of its names that the other names, averaged
            b_named = bn.__contains__
            common = list(filter(b_named, an)) if len(an) <= len(bn) else list(filter(a_named, bn))
            names = (
                0.5 * (sum(map(a_name, common)) / a.names_total + sum(map(bn.__getitem__, common)) / b.names_total)
                if common else 0.0
            )
            x = sum(map(a_lead, filter(b_named, alead))) / a.lead_total if alead else None
            blead = b.lead
            y = sum(map(blead.__getitem__, filter(a_named, blead))) / b.lead_total if blead else None
            if x is None:  # (the lead shares averaged: a side whose lead names nobody takes the other's)
                lead = NEUTRAL_SHARE if y is None else y
            else:
                lead = x if y is None else 0.5 * (x + y)
        elif a.own_total or b.own_total:  # a side names nobody: the share of its terms the other gives (both: mean)
            if a.own_total and b.own_total:
                names = 0.5 * (_contained(a, b) + _contained(b, a))
            else:
                names = _contained(a, b) if a.own_total else _contained(b, a)
            lead = names
        else:
            names = lead = NEUTRAL_SHARE
        score += NAME_WEIGHT * names + LEAD_WEIGHT * lead
        if aslots and (bs := b.slots):  # kinds of slot both give with no value in common
            score -= SLOT_PENALTY * sum([1 for k, mine in aslots.items() if k in bs and mine.isdisjoint(bs[k])])
        if adetails and b.details:
            score -= detail_penalty * conflicts(adetails, b.details)
        out.append(score)
    return out


class Linkage:
    """The reports of the articles clustered so far (one ``Report`` each) and the average-linkage tests."""

    # (misfit_score, misfit_gap, the mean from which it judges): a misfit_score of None turns the misfit test off
    # (a Linkage made without one; StoryIndex.load sets it from the index's settings)
    misfit: tuple[float | None, float, float] = (None, MISFIT_GAP, MISFIT_FROM)

    def __init__(
        self,
        detail_penalty: float = DETAIL_PENALTY,
        misfit_score: float | None = None,
        misfit_gap: float = MISFIT_GAP,
        misfit_from: float | None = MISFIT_FROM,
    ) -> None:
        self.reports: dict[str, Report] = {}
        self.detail_penalty = detail_penalty
        self.misfit = (misfit_score, misfit_gap, MISFIT_FROM if misfit_from is None else misfit_from)
        self._cohesion: dict[tuple[str, ...], float] = {}

    def __getstate__(self) -> dict:
        """Pickled without the cohesion cache (it is rebuilt as stories are judged)."""
        return {k: v for k, v in self.__dict__.items() if k != "_cohesion"}

    def remember(self, doc: str, report: Report | None, members: list[str], cap: int) -> None:
        """Keep ``doc``'s report; forget that of the member that fell out of its story's latest ``cap``
        (only the latest are ever compared: memory follows the stories, not the corpus's history)."""
        if report is not None:
            self.reports[doc] = report
        if len(members) > cap:
            self.reports.pop(members[-cap - 1], None)

    def forget(self, docs: Iterable[str]) -> None:
        """Drop these members' reports (they fell out of their story's latest ``cap``, e.g. in a merge)."""
        for doc in docs:
            self.reports.pop(doc, None)

    def mean_to(self, report: Report, members: list[str], cap: int) -> float | None:
        """Mean pair score between a report and a story's latest ``cap`` members; None when none of them has
        a report (a story of an index saved before the linkage tests): no evidence either way. A misfit (a
        mean below ``misfit_score`` and more than ``misfit_gap`` below the story's ``cohesion``) comes back
        ``MISFIT`` lower: no floor of the linkage tests, the rescue or the relink is met with it, and where a
        rescue weighs two candidates, a misfit one no longer holds the other back by the rescue margin."""
        others = [self.reports[m] for m in members[-cap:] if m in self.reports]
        if not others:
            return None
        penalty = self.detail_penalty
        mean = sum(pair_scores(report, others, penalty)) / len(others)
        floor, gap, start = self.misfit
        if floor is not None and start <= mean < floor and len(others) >= MISFIT_REPORTS:
            if self.cohesion(members, cap) - mean > gap:
                return mean - MISFIT
        return mean

    def cohesion(self, members: list[str], cap: int) -> float:
        """Mean pair score among a story's latest ``cap`` reports (cached per set of reports).

        Why (the misfit test of ``mean_to``): a story's reports of one event link to each other about
        alike, and a report of a second, same-kind event links to them clearly less well than they link
        among themselves, though well enough to pass a fixed floor: what two earthquakes in one region or
        two arrests of players of one team share (the place, the team, the kind of event) gives them a mean
        of 0.4-0.6, while one event's reports reach 0.7-0.9 among themselves. So a mean is judged against
        the story's own cohesion, not only against a floor. Measured on the joins of ECB+ topics 1-35 (8
        stream orders, joins into a story of 2 reports or more): of those that put a second event into a
        story, 20 of 41 had a mean below 0.55 and more than 0.2 below the story's cohesion, against 5% of the
        right joins. With the test (the article opens a story, or goes to a candidate it fits), means over
        8 stream orders: ECB+ topics 1-35 ARI 0.858 -> 0.860, topics merged 8.25 -> 6.9 of 35; FRANK
        ``valid`` 0.9017 -> 0.9024 (held out: ECB+ topics 36-45 0.883 -> 0.888, merged 2.5 -> 2.1 of 10;
        FRANK ``test`` 0.873 -> 0.873). The right joins it refuses mostly open stories of one article: the
        gain is in the events kept apart, not in the ARI. Floor and gap chosen on those tuning splits
        (0.55/0.2, 0.6/0.2, 0.6/0.25 and 0.55/0.25 did about as well; a story of 3 or more reports before
        it judges did worse)."""
        key = tuple(m for m in members[-cap:] if m in self.reports)
        cache = self.__dict__.setdefault("_cohesion", {})
        found = cache.get(key)
        if found is None:
            reports = [self.reports[m] for m in key]
            penalty = self.detail_penalty
            n = len(reports)
            total = sum(chain.from_iterable(pair_scores(reports[i], reports[i + 1 :], penalty) for i in range(n)))
            found = total / (n * (n - 1) / 2) if n > 1 else -math.inf  # (no pair: nothing falls short of it)
            if len(cache) >= COHESION_CACHE:
                cache.clear()
            cache[key] = found
        return found

    def mean_between(self, a: list[str], b: list[str], cap: int) -> float | None:
        """Mean pair score between the latest ``cap`` members of two stories; None when one has no reports."""
        ra = [self.reports[m] for m in a[-cap:] if m in self.reports]
        rb = [self.reports[m] for m in b[-cap:] if m in self.reports]
        if not ra or not rb:
            return None
        penalty = self.detail_penalty
        return sum(chain.from_iterable(pair_scores(x, rb, penalty) for x in ra)) / (len(ra) * len(rb))


def pick(scored: list[tuple[float | None, int]], floor: float, margin: float) -> int | None:
    """The best-scored story when it reaches ``floor`` and leads the next one by ``margin`` (ties broken by
    story index: deterministic); None when no story is clearly the one."""
    # a story with no reports to score (None) is no candidate; nor is a score that is not a number
    scored = [(score, idx) for score, idx in scored if score is not None and math.isfinite(score)]
    if not scored:
        return None
    ordered = sorted(scored, key=lambda x: (-x[0], x[1]))
    top, idx = ordered[0]
    if top < floor or (len(ordered) > 1 and top - ordered[1][0] < margin):
        return None
    return idx


def relink(scored: list[tuple[float | None, int]], chosen: int, margin: float) -> int | None:
    """The story an article links to (mean pair score) better than to ``chosen``, the story the per-article
    rules picked, by more than ``margin``: the best such (ties: the first listed), or None.

    Why: the rules pick among the candidates that pass the pooled tests by topical rank (term and embedding
    cosine), and take the first that passes the linkage test. When the article's own event already has a
    story that a pooled test refused (a year or a figure only one side gives, a low name share), a same-kind
    event's story can win on topic alone, and from then on it holds both events. On ECB+ topics 1-35, in
    about a third of the joins that first put two events in one story, the article's own event's story
    linked better. Only a clear lead moves it: two stories about as likely keep the rules' choice.
    (ECB+ topics 1-35, means over 8 stream orders: ARI 0.858 -> 0.858, topics merged 8.75 -> 8.25; FRANK
    ``valid`` 0.900 -> 0.902; a margin of 0.05 did worse on ECB+.)"""
    mine = next((m for m, i in scored if i == chosen), None)
    if mine is None or not math.isfinite(mine):
        return None
    top: tuple[float, int] | None = None
    for m, i in scored:
        if i != chosen and m is not None and m > mine + margin and (top is None or m > top[0]):
            top = (m, i)
    return None if top is None else top[1]
