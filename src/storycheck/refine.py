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

The pair score weighs what tells two reports of one event from two same-kind events (weights fitted on
pairs of ECB+ topics 1-35 only, rounded): the TF-IDF cosine of their top terms, the IDF-weighted share of
names they have in common (rare names decide), the share of the names a lead gives that the other report
names, and a penalty per kind of lead figure (weekday, figures) that both give with no value in common.
A side that names nobody (lower-cased summaries) takes a neutral name share.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Mapping
from dataclasses import dataclass

__all__ = ["Report", "Linkage", "pair_score"]

NEUTRAL_SHARE = 0.3  # the name share assumed when a side names nobody: neither for nor against
NAME_WEIGHT = 0.45
LEAD_WEIGHT = 0.3
SLOT_PENALTY = 0.1
REPORT_TERMS = 32  # terms kept per report (the strongest by TF-IDF): bounded memory per article


@dataclass(slots=True, frozen=True)
class Report:
    """What the pair score needs of one article, kept for as long as its story may be joined."""

    terms: tuple[str, ...]
    weights: array  # unit-normalised TF-IDF weights of ``terms`` (float32: small beside many articles)
    names: frozenset[str]
    lead_names: frozenset[str]
    slots: frozenset[str]  # lead slots other than names ("d:sunday", "#:5.6")

    @staticmethod
    def of(vec: Mapping[str, float], names: frozenset[str], lead: frozenset[str]) -> Report:
        top = sorted(vec.items(), key=lambda x: (-x[1], x[0]))[:REPORT_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return Report(
            tuple(t for t, _ in top), array("f", [w / norm for _, w in top]), names,
            frozenset(s[2:] for s in lead if s[0] == "n"), frozenset(s for s in lead if s[0] != "n"),
        )


def _share(names: frozenset[str], other: frozenset[str], idf: Callable[[str], float]) -> float | None:
    if not names or not other:
        return None
    total = shared = 0.0
    for n in names:
        w = idf(n)
        total += w
        if n in other:
            shared += w
    return shared / total if total > 0.0 else None


def _mean_share(a: float | None, b: float | None) -> float:
    if a is None:
        return NEUTRAL_SHARE if b is None else b
    return a if b is None else 0.5 * (a + b)


def pair_score(a: Report, b: Report, idf: Callable[[str], float]) -> float:
    """How much two reports look like one event (about 0.2 and below: two events; 0.5 and up: one)."""
    weights = dict(zip(b.terms, b.weights))
    cosine = sum(w * weights.get(t, 0.0) for t, w in zip(a.terms, a.weights))
    names = _mean_share(_share(a.names, b.names, idf), _share(b.names, a.names, idf))
    lead = _mean_share(_share(a.lead_names, b.names, idf), _share(b.lead_names, a.names, idf))
    conflicts = 0
    if a.slots and b.slots:
        kinds_a: dict[str, bool] = {}
        for s in a.slots:
            kinds_a[s[0]] = kinds_a.get(s[0], False) or s in b.slots
        kinds_b = {s[0] for s in b.slots}
        conflicts = sum(1 for k, ok in kinds_a.items() if k in kinds_b and not ok)
    return cosine + NAME_WEIGHT * names + LEAD_WEIGHT * lead - SLOT_PENALTY * conflicts


class Linkage:
    """The reports of the articles clustered so far (one ``Report`` each) and the average-linkage tests."""

    def __init__(self) -> None:
        self.reports: dict[str, Report] = {}

    def remember(self, doc: str, report: Report | None, members: list[str], cap: int) -> None:
        """Keep ``doc``'s report; forget that of the member that fell out of its story's latest ``cap``
        (only the latest are ever compared: memory follows the stories, not the corpus's history)."""
        if report is not None:
            self.reports[doc] = report
        if len(members) > cap:
            self.reports.pop(members[-cap - 1], None)

    def mean_to(self, report: Report, members: list[str], idf: Callable[[str], float], cap: int) -> float:
        """Mean pair score between a report and a story's latest ``cap`` members."""
        others = [self.reports[m] for m in members[-cap:] if m in self.reports]
        if not others:
            return math.inf
        return sum(pair_score(report, o, idf) for o in others) / len(others)

    def mean_between(self, a: list[str], b: list[str], idf: Callable[[str], float], cap: int) -> float:
        """Mean pair score between the latest ``cap`` members of two stories."""
        ra = [self.reports[m] for m in a[-cap:] if m in self.reports]
        rb = [self.reports[m] for m in b[-cap:] if m in self.reports]
        if not ra or not rb:
            return math.inf
        return sum(pair_score(x, y, idf) for x in ra for y in rb) / (len(ra) * len(rb))


def pick(scored: list[tuple[float, int]], floor: float, margin: float) -> int | None:
    """The best-scored story when it reaches ``floor`` and leads the next one by ``margin`` (ties broken by
    story index: deterministic); None when no story is clearly the one."""
    if not scored:
        return None
    ordered = sorted(scored, key=lambda x: (-x[0], x[1]))
    top, idx = ordered[0]
    if top < floor or (len(ordered) > 1 and top - ordered[1][0] < margin):
        return None
    return idx
