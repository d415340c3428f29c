"""Stories of two same-kind events split in two at the end of the batch that made them.

Why: single-pass clustering joins an article when it arrives, with what the story holds then. When the
first reports of a story are of one event and a report of a second, same-kind event arrives while the
story holds one or two reports (the misfit test of ``storycheck.refine`` needs two to judge by), it can
join on what the two events share (the team, the place, the kind of event), and the next reports of each
event find their own in the story: from then on it holds both (two arrests of one team's players, two
offers for one player). Seen whole, such a story is two dense halves with a weak cut between them. But
so are many stories of one event (the reports of the arrest and those of the court hearing, the live
reports and the analyses): on ECB+ topics 1-35 a split by the pair scores alone cut as many true stories
as merged ones, and lowered the ARI. What an editor reads to tell two events apart is *who* they are
about: each half's leads name someone (the player arrested, the team making the offer) that the other
half's reports do not name at all. So a story is split only when

- its average-linkage cut in two (``refine.pair_score`` between its reports) leaves two halves of at
  least ``split_members`` reports each, with a mean pair score across the cut at least ``split_gap``
  below the mean within each half, and
- each half has a *lead name*, one that at least half of its reports' leads give, which no report of the
  other half names anywhere in its text.

Only a story opened in the batch being assigned is judged (its articles' features are at hand, and
nobody has been given the story's id yet: an article never leaves a story a caller has seen), before the
batch's merge pass and regroup (which may join the halves again, by their own tests), and at most ``SPLIT_MAX`` of them (the cost of the cut grows with the square of the story). The half
without the story's first article opens a new story; each article whose link named an article of the
other half links instead to the article of its own half it scores best with, with the reason ``split``
(the figures of the link are then those of that pair: see ``Link``).
"""

from __future__ import annotations

import math
from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from storycheck.casing import learned_names
from storycheck.refine import Report, pair_score

if TYPE_CHECKING:
    from storycheck.cluster import Features, StoryIndex, _Top

__all__ = ["cut", "split"]

SPLIT_MAX = 64  # larger stories are not judged (the cut costs the square of the story's size)
LEAD_SHARE = 0.5  # a half's lead name: in the leads of at least this share of its reports


def cut(scores: np.ndarray) -> tuple[list[int], list[int]]:
    """The two clusters that average linkage over the pair scores (a symmetric matrix) ends with; the one
    with the first report first."""
    from scipy.cluster.hierarchy import fcluster, linkage

    n = len(scores)
    distance = scores.max() - scores  # (average linkage is the same for any decreasing map of the scores)
    condensed = distance[np.triu_indices(n, 1)]
    labels = fcluster(linkage(condensed, method="average"), 2, criterion="maxclust")
    a = [i for i in range(n) if labels[i] == labels[0]]
    b = [i for i in range(n) if labels[i] != labels[0]]
    return a, b


def _mean(scores: np.ndarray, a: list[int], b: list[int]) -> float:
    sub = scores[np.ix_(a, b)]
    if a is b:
        return float(sub.sum() / (len(a) * (len(a) - 1)))  # (the diagonal is 0)
    return float(sub.mean())


def _lead_names(half: list[Report], other: list[Report]) -> list[str]:
    """Names that the leads of at least ``LEAD_SHARE`` of ``half`` give and no report of ``other`` names."""
    counts = Counter(n for r in half for n in r.lead)
    named = set().union(*(r.names for r in other))
    return sorted(n for n, k in counts.items() if k >= LEAD_SHARE * len(half) and n not in named)


def _may_have_two_leads(features: list[Features], min_members: int) -> bool:
    """Whether two halves of ``min_members`` could each have a lead name (``_lead_names``): at least two
    names that the leads of ``LEAD_SHARE`` of a half give and that ``min_members`` reports never name. (A
    count over the features, before any pair score: most stories name their people throughout.)"""
    in_leads = Counter(slot for f in features for slot in f.lead if slot[0] == "n")
    need = math.ceil(LEAD_SHARE * min_members)
    n, found = len(features), 0
    for slot, k in in_leads.items():
        if k >= need and n - sum(1 for f in features if slot[2:] in f.names) >= min_members:
            found += 1
            if found == 2:
                return True
    return False


def judge(reports: list[Report], min_members: int, gap: float, penalty: float) -> tuple[list[int], list[int]] | None:
    """The two halves a story of these reports splits into (see the module's docstring), or None."""
    n = len(reports)
    if n < 2 * min_members:
        return None
    scores = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            scores[i, j] = scores[j, i] = pair_score(reports[i], reports[j], penalty)
    a, b = cut(scores)
    if min(len(a), len(b)) < min_members:
        return None
    across = _mean(scores, a, b)
    if across > min(_mean(scores, a, a), _mean(scores, b, b)) - gap:
        return None
    ra, rb = [reports[i] for i in a], [reports[i] for i in b]
    if not _lead_names(ra, rb) or not _lead_names(rb, ra):
        return None
    return a, b


def split(
    index: StoryIndex, touched: list[int], features: list[Features], tops: list[_Top], opened: int
) -> list[int]:
    """Split each story of ``touched`` made in this batch (its index ``opened`` or above) that holds two
    events (see above); returns the stories the splits opened. It runs before the batch's merge pass and
    regroup: a story has absorbed no other yet (whose merge record, root and posting lists would have to be
    parted too), and the halves then meet the merges' own tests like any two stories."""
    s = index.settings
    if s.split_gap is None:
        return []
    made: list[int] = []
    batch = {f.id: (f, top) for f, top in zip(features, tops, strict=True)}
    idf = index._idf_cache.__getitem__
    for idx in sorted({index._root(i) for i in touched}):
        members = index.stories[idx].members
        if idx < opened or not 2 * s.split_members <= len(members) <= SPLIT_MAX:
            continue  # (a story opened in the batch holds its articles only: their features are at hand)
        if not _may_have_two_leads([batch[m][0] for m in members], s.split_members):
            continue
        reports = []
        for m in members:
            f, top = batch[m]
            reports.append(
                Report.of(top.vec, f.names, f.lead, idf, f.details, top.ranked, learned_names(index, f, top), f.opening, f.lower)
            )
        halves = judge(reports, s.split_members, s.split_gap, s.detail_penalty)
        if halves is not None:
            made.append(_move(index, idx, [members[i] for i in halves[1]], dict(zip(members, reports, strict=True)), batch))
    return made


def _move(
    index: StoryIndex, idx: int, moved: list[str], reports: dict[str, Report], batch: dict[str, tuple[Features, _Top]]
) -> int:
    """Articles ``moved`` of story ``idx`` open a new story; both stories' pooled state (centroid, term
    profile, names, slots, years, times, posting lists, the reports the linkage tests read) is made again
    from their articles' features, and the links that crossed the cut are replaced."""
    from storycheck.cluster import Link

    story = index.stories[idx]
    gone = set(moved)
    kept = [m for m in story.members if m not in gone]
    new = index._new_story(batch[moved[0]][0])
    link_of = {lk.doc: lk for lk in story.links}
    cap, link = index.settings.link_members, index._linkage
    for i, half in ((idx, kept), (new, moved)):
        s = index.stories[i]
        s.members = list(half)
        s.first = s.last = None
        index._centroid[i] = np.zeros_like(batch[half[0]][0].vector)
        index._profile[i], index._norm[i], index._cnorm[i] = {}, 0.0, -1.0
        index._years[i], index._names[i], index._slots[i], index._slot_kinds[i] = Counter(), Counter(), Counter(), Counter()
        links = []
        for k, doc in enumerate(half):
            f, top = batch[doc]
            index.story_of[doc] = i
            index._pool(i, f, top, post=i == new)  # (the kept story is in its terms' posting lists already)
            link.reports.pop(doc, None)
            if k >= len(half) - cap:
                link.reports[doc] = reports[doc]
            old = link_of.get(doc)
            if k == 0 or old is None:
                continue
            if old.to in (gone if i == new else set(kept)):
                links.append(old)
            else:
                links.append(_relinked(index, doc, half[:k], reports, batch, Link))
        s.links = links
    # the kept story leaves the posting lists only the moved half's terms led to it
    still = {term for doc in kept for term in batch[doc][1].posted}
    for term in {term for doc in moved for term in batch[doc][1].posted} - still:
        postings = index._postings.get(term)
        if postings is not None and idx in postings:
            postings.remove(idx)
    index._roots.clear()
    return new


def _relinked(index: StoryIndex, doc: str, earlier: list[str], reports: dict[str, Report], batch, link_cls):  # noqa: ANN001, ANN202
    """The link of an article whose own one named an article of the other half: the article of its own half,
    among those before it, that it scores best with; the figures are those of that pair."""
    penalty = index.settings.detail_penalty
    mine = reports[doc]
    to = max(earlier, key=lambda m: (pair_score(mine, reports[m], penalty), m))
    f, other = batch[doc][0], batch[to][0]
    jaccard = round(float((f.minhash == other.minhash).sum()) / index.settings.num_perm, 3)
    cosine = round(float(np.dot(f.vector, other.vector)), 3)
    theirs = reports[to].vec
    key_share = round(sum(w * theirs[t] for t, w in mine.vec.items() if t in theirs), 3)
    shared = index._rarest([t for t in mine.vec if t in theirs])
    return link_cls(doc, to, "split", jaccard, cosine, key_share, shared)
