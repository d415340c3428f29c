"""Split-off stories merged by average linkage at the end of a batch.

Why: single-pass clustering decides when an article arrives, with what the stories hold then. Two reports
of one event that arrive before anything bridges them open two stories, and the pooled rules of the merge
pass (``StoryIndex._merge_pass``) are the very ones that kept them apart: a year or a figure that one gives
and the other lacks, a name share below the floor. On ECB+ topics 1-35 most of the reports that opened a
story of their own had failed those pooled rules while their mean pair score with their event's story was
0.5-0.9, and the rescue did not take them either (it never overrides conflicting years, and these
"conflicts" are mostly a year or a decimal figure that one text happens to give). Once the stories hold a
few reports, the mean pair score between their members (``storycheck.refine``: term cosine, shared names,
lead names, lead figures and typed details) is the steadier judge. So at the end of a batch each story the
batch touched that is still small (at most ``regroup_members`` articles: the fragments) is compared by that
mean with the candidate stories its rare terms lead to (the merge pass's look-up, the time window, the
centroid floor ``merge_cosine``), and merged into the one it clearly links to best: the mean reaches
``regroup_score`` and leads the next candidate's by ``regroup_margin`` (``refine.pick``; a margin, since a
fragment of one event also links to the other same-kind event's story). The link says ``regroup``.
The margin was 0.15; since the misfit test (``refine.Linkage.cohesion``) refuses joins that link clearly
less well than a story's own reports, more reports of an event open a story of one article, and 0.1 brings
more of them back (means over 8 stream orders: ECB+ topics 1-35 ARI 0.8604 -> 0.8647, topics merged 6.875
-> 6.875; FRANK ``valid`` 0.9024 -> 0.9037; held out: ECB+ topics 36-45 0.8882 -> 0.8920, FRANK ``test``
0.8733 -> 0.8727). 0.05 did a little better on both tuning splits (0.8663, 0.9041) and worse held out
(FRANK ``test`` 0.8711, ECB+ 36-45 merged 2.25 against 2.125): kept at 0.1, the more cautious.

The floor is below the linkage tests' own (0.3 against 0.4: measured on ECB+ topics 1-35 and FRANK
``valid``), so what the pooled rules see and a mean can average away is checked apart: two stories whose
reports give a typed detail with values that disagree (a magnitude 5.6 against 5.9: ``storycheck.details``)
or that give a kind of lead slot (the weekday, the figures) with no value in common between the two
stories are never regrouped: two same-kind events differ there. The lead-slot test is left out when one
story's reports name nobody (lower-cased summaries: FRANK's BBC ones): a one-sentence summary's figures
come from anywhere in the article (or are its mistakes, which the engine is there to report), not from the
article's first lines, so "no figure in common with the lead" says nothing of the event there. On FRANK
``valid`` that test had kept about 25 such summaries from their article's story (one order); mean ARI over
8 stream orders 0.893 -> 0.900. ECB+, all cased, is unchanged. Typed details still veto.
Whole figures of ten or less do not take part in that lead-slot test ("two people were hurt", "five days
before the game", "the second arrest in a month"): a lead counts many things with them, and two reports of
one event count different ones; a year, a sum, a toll or a figure with decimals (a magnitude, a rate) is
the event's own. (The goals of a score, "3-1", are read as two small figures here: a score alone does not
keep a fragment apart; typed details still veto.) On ECB+ topics 1-35, of
the fragments whose best candidate the regroup picked and the figures test refused, most gave one small
figure only (a "two" or a "five") and were reports of the candidate's own event. Means over 8 stream
orders, with the split of ``storycheck.split``: ECB+ topics 1-35 ARI 0.8680 -> 0.8703, topics merged 6.125
-> 6.125; FRANK ``valid`` 0.9037 -> 0.9047. (Leaving the weekday out of the test as well gained more ARI,
0.8731, and merged more topics, 6.625: kept.)

A story of one article (and, since session 16, of two: see below) that the test above leaves alone (the
commonest fragment: at the end of a stream of ECB+ topics 1-35, about 24 stories of one article are left,
against 5 of two; 8 stream orders) has a second chance, the *attach* (link reason ``attach``): it joins the
candidate story of two or more articles it links to best when that mean reaches ``attach_score`` (0.2, below
the regroup's 0.3) and leads every other such candidate by ``attach_margin`` (0.1). Why lower: one report
against a story's latest reports is a mean over a few pairs only, and a short report (a brief, a headline with
a line, a one-sentence summary) shares few terms and names with any longer text: many such fragments of ECB+
topics 1-35 have a mean of 0.2-0.3 with their event's story and around 0 with every other candidate, while
what decides between two same-kind events is the *lead* over the rival, which the margin asks for. Three rules
differ from the regroup's; the first two measured on the fragments of one article left at the end of 8 stream
orders of ECB+ topics 1-35 (attached to a story mostly of their event, against to one with none of it):

- the candidate is a story of two or more articles, and a candidate of one article does not count as a
  rival: two one-article reports of one event are each other's closest rival otherwise, and neither joins
  the event's story (77 -> 89 right, 3 -> 3 wrong). Until session 22 such a candidate still held the attach
  back when it linked best of all: two lone reports of one event that the regroup did not pair (its margin, or
  its one-kind lead-slot veto) were each the other's best and both stayed alone, 2.0 per order on ECB+ topics
  1-35 (every one with its event's story of several as the best of the others, at 0.2 or more and 0.1
  ahead). Now only stories of several are weighed: means over 8 stream orders, ECB+ 1-35 ARI 0.8874 ->
  0.8902 (merged 6.875 -> 6.875 of 33), FRANK ``valid`` 0.9220 -> 0.9223; held out, ECB+ 36-45 0.9114 ->
  0.9121 (merged 2.375 -> 2.375 of 10), FRANK ``test`` 0.8904 -> 0.8910. The attaches this added (review
  revc22, 8 orders, each report's story at the decision against truth): ECB+ 1-35 17, every one into a story
  mostly of its own event (two of those stories held both events already), none into the other event's;
  FRANK ``valid`` 9, 7 into a story mostly of its own article, 2 into one with none of it;
- the lead-slot veto needs *two* kinds of lead slot with no value in common (the weekday and the figures),
  typed details still veto alone: one report's weekday or figures are those it chose to give (the day of
  the report rather than of the event, another count), and with the lead-slot veto as the regroup's the
  attach took 27 right and 0 wrong where typed details alone let 77 right and 3 wrong through. Two kinds
  at once (another day *and* another toll: another sinking) still keep a report apart;
- only a story of one or two articles (``ATTACH_MEMBERS``): at first a story of one only, since stories of
  two are fewer (about 5 per stream order on ECB+ topics 1-35, against 24); see below for two.

It is tried for a story of one or two articles that the regroup did not take, whether its pick found no
candidate or the regroup's own veto refused the one it found. Means over 8 stream orders (bench_cluster.py
--orders 8; the rules chosen on the tuning splits), before -> after: ECB+ topics 1-35 ARI 0.8705 -> 0.8847,
topics merged 6.625 -> 6.875 of 33; FRANK ``valid`` 0.9047 -> 0.9097. Held out: ECB+ topics 36-45 0.8901 ->
0.8996 (merged 2.125 -> 2.375 of 10), FRANK ``test`` 0.8728 -> 0.8732. With the regroup's one-kind lead-slot
veto instead: ECB+ 1-35 0.8766, merged 6.625; 36-45 0.8904, merged 2.25 (the two-kind veto buys about
0.008-0.009 of ARI on both ECB+ splits for a quarter of a merged topic per order on 1-35: the wrong joins are
fragments of the other same-kind event, e.g. a Doctor Who casting of the 11th Doctor into the 12th's story).
On the tuning splits, a margin of 0.15 gave ECB+ 1-35 0.8818 (merged 6.75) and FRANK ``valid`` 0.9099; a floor
of 0.25 gave 0.8826 (6.75) and 0.9077: a little fewer merged topics for a little less ARI (kept 0.2 and 0.1).

Stories of two articles (session 16): the same rules, at the same floor, margin and two-kind veto. What is
left at the end of a stream, traced on FRANK ``valid`` and ECB+ topics 1-35 (2 orders): fragments of two to
four reports whose mean with their own article's or event's story is 0.2-0.3, below the regroup's floor, about
as many as the lone reports of that band. Means over 8 stream orders, before -> after: ECB+ topics 1-35 ARI
0.8849 -> 0.8874, topics merged 6.875 -> 6.875 of 33; FRANK ``valid`` 0.9138 -> 0.9191. Held out: ECB+ topics
36-45 0.9009 -> 0.9114 (merged 2.25 -> 2.375 of 10), FRANK ``test`` 0.8806 -> 0.8834 (all: 0.8669 -> 0.8695).
Stories of up to three or four articles: FRANK ``valid`` 0.9201 / 0.9204, but ECB+ 1-35 merged 7.6 / 8.4
topics (0.8877 ARI either way); a story of two judged by the regroup's one-kind veto: ECB+ 1-35 0.8858, FRANK
``valid`` 0.9189.

An attach is also refused when both stories hold reports that name someone (cased articles) and those reports
link below the attach's floor on average (``_named_apart``): lower-cased summaries name nobody, and two
summaries of two same-kind events share their wording ("a man has been arrested in connection with the theft
of copper cable in brackmoor" and "... in quellstone"), so the mean over all reports can reach 0.2 on them
while the two articles, which name their towns, link near 0 (FRANK gave such merges of two articles' stories;
the first version of the attach of two merged the two towns' stories of ``test_cluster_casing``). ECB+, whose
reports all name someone, is unchanged; FRANK ``valid`` 0.9191 -> 0.9189 with it for stories of two only, the
same applied to every attach (kept: one rule for both); held out, FRANK ``test`` 0.8834 -> 0.8839, all 0.8695
-> 0.8702.

Cost: a small story's reports against the latest ``regroup_reports`` reports of at most ``candidates``
stories (at most 4 × 6 pair scores per candidate, 8 candidates, with the defaults): bounded per touched story, never all pairs;
about 5% of the assignment's CPU time on bench_scale's 10k corpus (6.7% with the 10 of ``link_members``,
which gained little: ECB+ topics 1-35, mean ARI over 8 orders 0.8719 against 0.8685 without the checks
above). The attach, decided at once, reused the regroup's scores (the regroup's CPU time on bench_scale's 50k
corpus went from 1.009 s to 1.026 s); waiting (below), it looks its candidates up again, once per lone story.

A lone story waits for the attach until ``attach_lag`` (2,048) more articles have come, or until the corpus
is closed (``StoryIndex.settle``, which ``cluster`` and the batch call): decided in the batch it arrived in, a
lone report's own event has often not come yet, and its best story of two or more articles is then the other
same-kind event's. A review fed ECB+ to ``add`` 50 articles at a time: with the attach at once, ARI 0.854 ->
0.838 and merged topics 12 -> 18 of 43 (seed 1); waiting, then settled, 0.854 -> 0.868 and 12 -> 12. Means
over 8 stream orders (one call, so every lone story is decided at the end): ECB+ all 0.8888, topics 36-45
0.9009 (merged 2.25 of 10); FRANK all 0.8524 (its 2,745 texts span two batches).

The regroup waits for the stream (session 18): a small story is queued when a batch touches it and decided
once ``regroup_lag`` (2,048, the attach's lag) more articles have come since a batch last touched it, or when
the corpus is closed (``StoryIndex.settle``); a story that has since grown beyond ``regroup_members``, or
retired, is passed over, and one it leaves alone waits for the attach from when it was queued (so the two
waits are one). Why: decided at the end of the batch it arrived in, a fragment's own event often has no story
yet, and its best candidate is then another story on the same words. Traced on FRANK (2,745 texts, more than
one batch of 2,048: valid and test clustered apart fit in one batch each and score clearly better), the
regroups into another article's story made 974 false pairs over 4 stream orders, against 413 when the same
stream came in one batch of 4,096, and 1,379 in batches of 1,024 (mean ARI over 8 orders 0.870, 0.878,
0.857); the other stages changed little with the batch size. On the tuning splits fed as one stream in
batches of 512 (FRANK ``valid`` and ECB+ topics 1-35 together, 8 orders), ARI 0.8804 -> 0.8858 (FRANK 0.9175
-> 0.9231, ECB+ 0.8657 -> 0.8702); in batches of 256, 0.8721 -> 0.8807; lags of 512 and 1,024 did about as
well. A corpus that fits one batch is decided as before (every figure of ECB+, one batch, is unchanged).

The attach looks its candidates up by the centroid as well (session 23, link reason ``nearest``): beside the
stories its rare terms lead to (the merge pass's look-up), a waiting story of one article weighs the
``attach_nearest`` (1) live stories of several articles in its time window whose embedding centroids lie nearest
its own, on the look-up's conditions (centroid cosine at least ``merge_cosine``) and by the same rules (floor, margin over the other stories of
several, the named-reports test, the two-kind veto). Why: of the lone texts left at the end of FRANK ``valid``
whose article's story is elsewhere (34.5 per stream order, 2 orders), that story was among the term look-up's
candidates for only 13.5: a one-sentence summary's rarest words are often its own (a paraphrase, a mistake) or
not among the article's top terms, which are what the posting lists hold; its centroid was the nearest of all
stories of several in 13.5 (ECB+ topics 1-35: 6.5 of 9.5, the look-up missing it in 0.5 only). One matrix
product per attach pass scores the waiting stories against the centroids of the stories of several (in chunks
of ``NEAREST_CHUNK``): its cost is the waiting stories times the stories held, never all pairs of stories.
Means over 8 stream orders (tuning splits), before -> after: ECB+ topics 1-35 ARI 0.8902 -> 0.8906, merged
6.875 -> 6.875 of 33; FRANK ``valid`` 0.9223 -> 0.9275. Over those orders the ``nearest`` links were 0.5 per
order on ECB+ 1-35, all into the report's own event's story, and 6.75 on FRANK ``valid``, 5.6 of them into
its own article's story (the ``attach`` links: 18.4 right, 1.75 wrong). More nearest stories weigh more rivals
as well, and the margin then refuses more: 2, 3 and 6 gave ECB+ 1-35 0.8914, 0.8911, 0.8911 (merged 6.875
each) and FRANK ``valid`` 0.9249, 0.9249, 0.9232. The regroup given the same nearest story as well: 0.8906
and 0.9273 (nothing more; not kept).

A short text the attach left alone is judged by what of it the long one says (session 24, link reason
``contained``). A waiting story of one article of at most ``contain_terms`` (24) distinct content words (a
one-sentence summary, a headline, a post) joins the candidate story of two or more articles (those the attach
weighed: the terms' look-up and the nearest centroid) whose profile holds the largest IDF-weighted share of its
words, when that share reaches ``contain_score`` (0.3), leads every other such candidate's by
``contain_margin`` (0.1), and that story is also the candidate whose centroid lies nearest; the attach's vetoes
hold (``_named_apart``, the two-kind ``_disagree``). Why: the pair score is symmetric and reads each report's 32
strongest terms (``refine.Report``): a summary's few words are mostly not among its article's strongest, so its
mean with its own article's story stays below the attach's floor (FRANK ``valid``, lone summaries whose
article's story is elsewhere, 29 per stream order at the end: that mean below 0.2 for about two in three, while
half their words are in the article), but they are in that story's profile (the top 64 terms of each of its
articles). Containment alone took common words for a lead: a large story's profile holds "world", "best",
"football" too (FRANK ``valid``, 8 orders: 7.0 right attaches and 1.6 wrong per order); asked to agree with the
centroid, 4.4 right and 0.1 wrong. The link's ``key_share`` is the share, its ``cosine`` the centroid cosine.
Means over 8 stream orders (tuning splits), before -> after: FRANK ``valid`` ARI 0.9275 -> 0.9330 (without the
centroid's agreement 0.9346); ECB+ topics 1-35 0.8906 -> 0.8906, merged 6.875 -> 6.875 of 33 (its reports have
more words). Cost: per waiting short story, a dictionary look-up per word per candidate (at most
``candidates`` + ``attach_nearest``): bounded, never all pairs. The story must also hold ``CONTAIN_WORDS`` (3)
of the text's words (review revcq16): a share carried by two words joined a flood's headline to an
earthquake's story ("interior ministry", a third of its weight, the nearest centroid), and a text of one or two
words has a share of all or nothing; FRANK ``valid``'s summaries the step joined each shared 3 words or more.

A story of short texts only is weighed as a short text is (session 25, ``_short``): a story of two to
``regroup_members`` articles, each of at most ``contain_terms`` distinct content words, that the regroup left
alone waits for the attach, and ``_contained`` weighs its words (the story's profile) as one short text's. Summaries
of one article often join one another on arrival, and a story of three or more was never attached (nor one of two
contained): in FRANK's whole
stream (its 499 articles at once), valid summaries in a story of summaries only, no article, were 32 per stream
order (16 of them with other articles' summaries too), 23 when ``valid`` is clustered alone. Means over 8 orders:
FRANK ``valid`` ARI in the whole stream 0.9330 -> 0.9370, ``valid`` clustered alone 0.9368 -> 0.9395; ECB+ topics
1-35 0.8906 -> 0.8916, merged 6.875 -> 6.875 of 33. Its cost: a story of summaries of several articles goes whole
to one, and pairs of a ``valid`` and a ``test`` text in one story (all false) rose 283 -> 315 per order; FRANK "all"
did not move (0.8864 -> 0.8862).

Such a story is not moved whole on what one of its texts lacks (review revcq18): a clump is often made by joins on
arrival, and its words together carried in a text the step refuses alone (a flood's headline clumped with an
earthquake's summary went into the earthquake's story, ``CONTAIN_WORDS`` keeping it out alone), and its mean
pair score reached ``attach_score`` with another event's clump on one shared word (a stream of 1,000 events'
headlines, three near-copies each: 47 clumps went whole into another event's; none before session 25). So the
attach of a story of three or more short texts asks, as ``_contained`` does, that the candidate hold
``CONTAIN_WORDS`` of its words (``_holds_clump``), and neither step moves a story holding a text that the candidate
holds fewer than ``CONTAIN_WORDS`` of its own words of and that links to the story's other texts below
``attach_score`` (``_carried``). Means over 8 orders, unchanged: FRANK ``valid`` 0.9370, ECB+ 1-35 0.8916 (merged
6.875). Each text asked to be held on its own, as a lone text is, refused clumps of one article's summaries too:
FRANK ``valid`` 0.9346 (0.9332 with the attach so too), though the texts it kept out were mostly of another
article (4 orders, the whole stream, texts of both splits: 21 such texts moved wrong, 2 right).

A full report is weighed so too (session 28, ``hold_score``, 0.2): a waiting story of one article of more than
``contain_terms`` words that the attach left alone joins the candidate story of several whose profile holds the
largest IDF-weighted share of its profile's words (its 64 strongest terms), at ``hold_score`` or more, ``contain_margin``
ahead of every other story of several, the nearest centroid of them too, and holding ``CONTAIN_WORDS`` of its words:
the link says ``contained``. Why: at the end of ECB+ topics 1-35 about 11 stories of one or two articles per stream
order are away from their event's story (8 orders); for 31 of 90 a mean pair score below the attach's floor (a
report that tells the event from another side), for 36 a rival inside the margin, and the share parts them where the
pair score does not: the story that holds most of the report's words, clearly and as its nearest centroid, was its
event's main story in 30 of 90 and another story holding its event in 4, never one without it.
The step's veto is its own (``_conflict``): two kinds of lead slot with no value in common (both sides naming
someone, as the attach's) or a typed detail other than a day of a month that disagrees, read only from cased reports
on the waiting side (``Report.lower``; from reports that name someone before review revcq20, which let a nameless
"magnitude 5.2" report into a 6.1 quake's story). The attach's named-reports test is left out for a full report
(it reads the pair score the step overrides; a short text keeps it, as before: review revcq20), but a full report
whose lead names none of the story's names stays out (``_lead_apart``: a Peru quake's report was held by a Chile
quake's story, review revcq20). Left out too are days of a month (a lead's day is often the report's own: "dec 14"
against "dec 15" in reports of one ECB+ event) and a lower-cased text's details (a machine summary's figures are
its mistakes or come from anywhere in its article, as the lead-slot test above says of its figures): with the
attach's vetoes the step took 4 of those 30, and with them, short texts too, FRANK ``valid``'s summaries lost 0.002
of ARI. A magnitude, an ordinal, a sum still keep a report out.

The attach's margin is asked over rivals that are another event's (session 28, ``attach_peer``, 0.3): a candidate of
several that links to the best one (mean pair score between the two stories) at ``attach_peer`` or more is one event's
other story, which the merge pass kept apart, and no rival (ECB+ topics 1-35: of the 36 of those 90 lone reports that
the margin refused, 18 had such a story as the closest rival, 14 of them linking to the best at 0.3-0.52; another
event's rival reached 0.3 once, 0.42, behind the report's own event's story).
Cost: one mean pair score per other candidate of a waiting story whose best reaches the floor.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import numpy as np
import threadpoolctl

from storycheck.details import conflicts
from storycheck.refine import Linkage, Report, pick

if TYPE_CHECKING:
    from storycheck.cluster import StoryIndex

__all__ = ["attach_waiting", "regroup", "regroup_waiting", "wait_short"]

ATTACH_KINDS = 2  # kinds of lead slot (weekday, figures) that must disagree to keep one report apart (the attach)
# the largest story the attach takes: one article, or two (a pair of short reports, a summary with a second
# one, that link to their event's story below the regroup's floor: see the module's docstring)
ATTACH_MEMBERS = 2
NEAREST_CHUNK = 256  # waiting stories scored against the centroids at once (``_nearest``)
SMALL_COUNT = 10  # lead figures up to this are counts ("two injured", "five days before"), not the event's own
# the fewest of a short text's words the story it is contained in must hold (``_contained``): a share carried by one
# or two words is a coincidence a headline of another event easily makes ("interior ministry" of a flood's
# headline in an earthquake's story: review revcq16), and a text of one or two words has a share of all or
# nothing; FRANK ``valid``'s own summaries that the step joined shared 3 to 16 words (8 orders, none fewer)
CONTAIN_WORDS = 3


def regroup(index: StoryIndex, touched: list[int]) -> None:
    """Queue each small story of ``touched`` for the regroup (again, from now, when it was queued already), and
    decide those whose wait is over (``regroup_waiting``)."""
    s = index.settings
    if s.regroup_score is None:
        return
    now, queue = len(index.story_of), index._regrouping
    for idx in touched:
        idx = index._root(idx)
        if len(index.stories[idx].members) <= s.regroup_members:
            queue.pop(idx, None)  # (to the end: the queue stays in the order stories were last touched)
            queue[idx] = now
    regroup_waiting(index)


def regroup_waiting(index: StoryIndex, closed: bool = False) -> None:
    """Merge each small story that has waited ``regroup_lag`` articles since a batch last touched it (every
    one when the corpus is ``closed``) into the candidate it clearly links to best (see above); a story of one
    or two articles it leaves alone waits for the attach (from when it was queued here), and those that have
    waited long enough are decided."""
    s = index.settings
    if s.regroup_score is None:
        return
    link, cap, now, queue = index._linkage, s.regroup_reports, len(index.story_of), index._regrouping
    due = [(idx, at) for idx, at in queue.items() if closed or now - at >= s.regroup_lag]
    for idx, at in due:
        del queue[idx]
        idx = index._root(idx)
        story = index.stories[idx]
        if len(story.members) > s.regroup_members or not index._profile[idx] or idx in index._dead:
            continue  # (grown or retired since it was queued)
        vec, norm, cosines, scored = _candidates(index, idx)
        other = pick(scored, s.regroup_score, s.regroup_margin)
        if other is not None and _disagree(_latest(link, story.members, cap), _latest(link, index.stories[other].members, cap)):
            other = None
        if other is not None and index._subjects_apart(idx, other):  # (two actors: storycheck.actors)
            other = None
        if other is not None:
            _join(index, idx, other, vec, norm, cosines, "regroup")
        elif s.attach_score is not None and (len(story.members) <= ATTACH_MEMBERS or _short(index, story.members)):
            index._waiting.setdefault(idx, at)
    attach_waiting(index, closed)


def wait_short(index: StoryIndex) -> None:
    """An index saved before session 25 (``StoryIndex.load``): its stories of three or more short texts (``_short``)
    that the regroup had decided never waited for the attach (only stories of one or two did), and none is queued
    any more; each live one waits from now (``attach_lag`` more articles, or ``settle``), as it would had this
    version seen it (review revcq18: saved by 2020707 with the regroup decided, such a story stayed apart for good
    after the load, while the same stream never saved had it attached). One pass over the stories, at load."""
    s = index.settings
    if s.regroup_score is None or s.attach_score is None:
        return
    now = len(index.story_of)
    for idx, story in enumerate(index.stories):
        if story.merged_into is not None or idx in index._dead or idx in index._regrouping or idx in index._waiting:
            continue
        if len(story.members) > ATTACH_MEMBERS and _short(index, story.members):
            index._waiting[idx] = now


def attach_waiting(index: StoryIndex, closed: bool = False) -> None:
    """Decide the attach of each story of one or two articles (``ATTACH_MEMBERS``) that has waited
    ``attach_lag`` articles since the regroup left it alone (every one when the corpus is ``closed``), once:
    decided when it arrives, a lone report's own event has often not come yet, and its best story of two or
    more articles is then the other same-kind event's (fed to ``add`` 50 or 200 articles at a time, ECB+ lost
    ARI and merged more topics with an attach at once: see the module's docstring)."""
    s = index.settings
    if s.attach_score is None or s.regroup_score is None or not index._waiting:
        return
    now = len(index.story_of)
    due = [idx for idx, at in index._waiting.items() if closed or now - at >= s.attach_lag]
    nearest = _nearest(index, due, s.attach_nearest)
    for idx in due:
        del index._waiting[idx]
        story = index.stories[idx]
        short = len(story.members) > ATTACH_MEMBERS and _short(index, story.members)
        small = len(story.members) <= ATTACH_MEMBERS or short
        if story.merged_into is not None or not small or idx in index._dead or not index._profile[idx]:
            continue  # (grown, merged or retired since it began to wait)
        vec, norm, cosines, scored = _candidates(index, idx)
        found = set(cosines)  # (what the terms looked up; the rest the centroids met: reason "nearest")
        _add_nearest(index, idx, nearest.get(idx, ()), cosines, scored)
        other = _attach(index, scored, s.attach_score, s.attach_margin, s.attach_peer)
        if other is not None and short and not _holds_clump(index, idx, other):
            other = None
        if other is not None and not _vetoed(index, story.members, other):
            _join(index, idx, other, vec, norm, cosines, "attach" if other in found else "nearest")
            continue
        other, share = _contained(index, idx, cosines)
        if other is not None and not _conflict(index, idx, other):
            _, shared = index._similarity(vec, norm, other)  # (the terms both give, for the link)
            index._merge(min(idx, other), max(idx, other), round(cosines[other], 3), round(share, 3),
                         index._rarest(shared), "contained")


def _vetoed(index: StoryIndex, members: list[str], other: int) -> bool:
    """The attach's two vetoes (see the module's docstring): the named reports of both stories link below the
    attach's floor (``_named_apart``), or typed details or two kinds of lead slot disagree (``_disagree``)."""
    s, link = index.settings, index._linkage
    cap, theirs = s.regroup_reports, index.stories[other].members
    if _named_apart(link, members, theirs, cap, s.attach_score):
        return True
    return _disagree(_latest(link, members, cap), _latest(link, theirs, cap), ATTACH_KINDS)


def _contained(index: StoryIndex, idx: int, cosines: dict[int, float]) -> tuple[int | None, float]:
    """For a story of one short article (at most ``contain_terms`` distinct content words), or of short texts only
    (``_short``: its profile weighed as one text's words), or of one full article (``_full``: with ``hold_score`` as
    the floor, None for off; see the module's docstring), the candidate story of
    two or more articles (among those the attach weighed: ``cosines``, story -> centroid cosine) whose profile
    holds the largest IDF-weighted share of the article's words, with that share, when it reaches
    ``contain_score``, leads every other such candidate's by ``contain_margin`` and is also the candidate whose
    centroid lies nearest, and holds at least ``CONTAIN_WORDS`` of its words; else (None, 0.0). See the module's
    docstring."""
    s = index.settings
    words = index._profile[idx]
    members = index.stories[idx].members
    if s.contain_terms <= 0 or not words:
        return None, 0.0
    if _full(index, idx):
        floor = s.hold_score
        if floor is None:
            return None, 0.0
    elif len(members) > 1 and not _short(index, members):
        return None, 0.0
    else:
        floor = s.contain_score
    several = [o for o in cosines if len(index.stories[o].members) > 1]
    if not several:
        return None, 0.0
    idf = index._idf_cache
    weights = [(t, idf[t]) for t in words]
    total = sum(w for _, w in weights)
    share = {o: sum(w for t, w in weights if t in index._profile[o]) / total for o in several}
    other = pick([(c, o) for o, c in share.items()], floor, s.contain_margin)
    if other is None or other != min(several, key=lambda o: (-cosines[o], o)):
        return None, 0.0
    held = index._profile[other]
    if sum(1 for t in words if t in held) < CONTAIN_WORDS:
        return None, 0.0
    if len(members) > 1 and _carried(index, members, held):
        return None, 0.0
    return other, share[other]


def _conflict(index: StoryIndex, idx: int, other: int) -> bool:
    """``_contained``'s veto (session 28), in place of the attach's (``_vetoed``): the two stories' latest reports
    give two kinds of lead slot with no value in common (``_slots_apart``, both naming someone, as the attach asks),
    or some pair gives a typed detail other than a day of a month with values that disagree (a magnitude, an
    ordinal, a sum: ``storycheck.details``), the waiting story's side read from cased reports only (``Report.lower``:
    a cased report that names nobody, "A magnitude 5.2 earthquake struck off the coast on Monday...", is no machine
    summary, and its magnitude kept it out; read from named reports only, it joined a 6.1 quake's story: review
    revcq20).
    Why not the attach's: what the step weighs is what of the text the story holds, not the pair score that
    ``_named_apart`` reads; a lead's day is often the report's own ("dec 14" against "dec 15", "oct 1" against
    "dec 15" in reports of one ECB+ event); and a lower-cased summary's figures are its mistakes or come from
    anywhere in its article. Those vetoes kept most of ECB+'s lone full reports from the story that holds their
    words (see the module's docstring). A short text (not ``_full``) keeps the attach's named-reports test as it had
    before session 28: a cased headline of one event is read by its names ("Furniture warehouse destroyed by fire
    in Bradford" held, share 0.35, by a Leeds warehouse fire's story without it: review revcq20); a lower-cased
    summary names nobody, so the test never reads one. A full report whose lead names none of the names the story's
    reports give is another event's (``_lead_apart``)."""
    s, link = index.settings, index._linkage
    cap, mine_ids, theirs_ids = s.regroup_reports, index.stories[idx].members, index.stories[other].members
    full = _full(index, idx)
    if not full and _named_apart(link, mine_ids, theirs_ids, cap, s.attach_score):
        return True
    a, b = _latest(link, mine_ids, cap), _latest(link, theirs_ids, cap)
    if full and _lead_apart(a, b):
        return True
    if _named(a) and _named(b) and _slots_apart(a, b, ATTACH_KINDS):
        return True
    mine = [_dated_out(r.details) for r in a if r.details and not r.lower]
    theirs = [_dated_out(r.details) for r in b if r.details]
    return any(x and y and conflicts(x, y) for x in mine for y in theirs)


def _lead_apart(a: list[Report], b: list[Report]) -> bool:
    """A full report's lead names someone or somewhere, and none of it is among the names the story's reports give
    (``_conflict``): two events of one kind, each told with its own names. Why: the share of its words a story holds
    is carried by the kind of event ("a strong earthquake ... cracking walls ... residents ran into the streets ...
    no tsunami threat"), so a quake report from Peru (Arequipa, IGP) was held by a Chile quake's story (Antofagasta,
    Senapred) at a share of 0.31 (review revcq20). A report of the same event names in its lead what the story
    names: on ECB+ and FRANK (``bench_cluster.py --orders 8``: 9 stream orders) it refused none of the step's joins."""
    lead = {name for r in a for name in r.lead}
    if not lead:
        return False
    names = {name for r in b for name in r.names}
    return bool(names) and lead.isdisjoint(names)


def _dated_out(details: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Typed details without the day of a month (``_conflict``)."""
    return {slot: values for slot, values in details.items() if slot != "date"}


def _full(index: StoryIndex, idx: int) -> bool:
    """A story of one article of more than ``contain_terms`` distinct content words (its profile): a full report,
    which ``_contained`` weighs only with ``hold_score`` (session 28)."""
    return len(index.stories[idx].members) == 1 and len(index._profile[idx]) > index.settings.contain_terms


def _holds_clump(index: StoryIndex, idx: int, other: int) -> bool:
    """The attach of a story of three or more short texts (``_short``) asks what ``_contained`` asks of a short
    text: the candidate's profile holds ``CONTAIN_WORDS`` of the story's words, and no text of the story is carried
    in by the others (``_carried``). Why (review revcq18): such a story was never attached before session 25, and
    its mean pair score with another event's clump of short posts reached ``attach_score`` on one shared word (the
    only candidate: the margin met); in a stream of 1,000 events' headlines, three near-copies each, 47 clumps went
    whole into another event's. A story of two is attached as before."""
    held = index._profile[other]
    if sum(1 for t in index._profile[idx] if t in held) < CONTAIN_WORDS:
        return False
    return not _carried(index, index.stories[idx].members, held)


def _carried(index: StoryIndex, members: list[str], held: dict[str, float]) -> bool:
    """Some text of a story of short texts that the candidate's profile (``held``) holds fewer than
    ``CONTAIN_WORDS`` of its own words (its report's ``vec`` and ``more``) and whose mean pair score with the story's
    other texts is below ``attach_score``: it is with them by a join on arrival, not by what it says, and the
    others' words would carry it whole into a story that refuses it alone (review revcq18: a flood's headline in a
    clump with an earthquake's summary went into the earthquake's story, though ``CONTAIN_WORDS`` keeps it out
    alone). Refusing every clump with a text held by fewer words (each text contained on its own) also refused
    clumps of one article's summaries whose texts link well: FRANK ``valid`` 0.9370 -> 0.9346 (8 orders)."""
    link, s = index._linkage, index.settings
    for m in members:
        report = link.reports[m]
        if sum(1 for t in report.vec if t in held) + sum(1 for t in report.more if t in held) >= CONTAIN_WORDS:
            continue
        mean = link.mean_between([m], [o for o in members if o != m], s.regroup_reports)
        if mean is None or mean < s.attach_score:
            return True
    return False


def _short(index: StoryIndex, members: list[str]) -> bool:
    """A story of two to ``regroup_members`` articles, each a short text (at most ``contain_terms`` distinct
    content words, as its report keeps them: ``vec`` and ``more``): summaries or briefs that joined one another,
    no long text among them. The attach and ``_contained`` weigh it as they weigh a lone short text (see the
    module's docstring: a story of three or more was never attached, and such a story holds no text that says
    the event in full, so it stayed apart from its event's story)."""
    s, reports = index.settings, index._linkage.reports
    if s.contain_terms <= 0 or not 1 < len(members) <= s.regroup_members:
        return False
    return all(m in reports and len(reports[m].vec) + len(reports[m].more) <= s.contain_terms for m in members)


def _candidates(index: StoryIndex, idx: int) -> tuple:
    """The story's weighted terms and norm, and each candidate story's cosine and mean pair score with it."""
    from storycheck.cluster import _weighted

    s, link = index.settings, index._linkage
    vec, norm = _weighted(index._profile[idx], index._idf_cache)
    members = index.stories[idx].members
    cosines: dict[int, float] = {}
    scored: list[tuple[float | None, int]] = []
    for other in index._merge_candidates(idx, vec):
        cosine = index._story_cosine(idx, other)
        if cosine >= s.merge_cosine:
            cosines[other] = cosine
            scored.append((link.mean_between(members, index.stories[other].members, s.regroup_reports), other))
    return vec, norm, cosines, scored


def _add_nearest(index: StoryIndex, idx: int, near: Iterable[int], cosines: dict[int, float], scored: list) -> None:
    """Add to story ``idx``'s candidates (``_candidates``) those of ``near`` that its terms did not look up, on the
    look-up's own conditions (live, in the time window, centroid cosine at least ``merge_cosine``)."""
    s = index.settings
    for o in near:
        o = index._root(o)
        if o != idx and o not in cosines and o not in index._dead and index._overlaps(idx, o):
            cosine = index._story_cosine(idx, o)
            if cosine >= s.merge_cosine:
                cosines[o] = cosine
                mean = index._linkage.mean_between(index.stories[idx].members, index.stories[o].members, s.regroup_reports)
                scored.append((mean, o))


def _nearest(index: StoryIndex, due: list[int], k: int) -> dict[int, list[int]]:
    """For each story of one article of ``due``, the ``k`` live (not retired) stories of two or more articles
    whose embedding centroids are nearest its own by cosine, best first (ties by index), as they are when the
    attach pass begins: one matrix product for the pass, its cost the waiting stories times the stories of
    several held (the window's, in a dated stream), never all pairs of stories. A story outside the waiting
    story's time window (``StoryIndex._overlaps``: not yet retired, but ``_add_nearest`` would drop it) takes
    none of the ``k`` places, which go to the nearest the attach can weigh. A waiting story of two meets none:
    it is one of several itself, was its own nearest in 6b90ccb and so never met another, and given its nearest
    other story it cost FRANK ``valid`` 0.0021 (0.9275 -> 0.9254, ECB+ 1-35 0.8906 -> 0.8914; means over 8
    orders, review revcq14). Stories without a centroid (no embedder) meet none."""
    if k <= 0 or not due:
        return {}
    dead, stories = index._dead, index.stories
    several = [i for i, st in enumerate(stories) if st.merged_into is None and len(st.members) > 1 and i not in dead]
    if not several:
        return {}
    rows = [i for i in due if index._centroid[i].size and len(stories[i].members) == 1]
    if not rows:
        return {}
    big = np.stack([index._centroid[i] for i in several])
    big /= np.maximum(np.linalg.norm(big, axis=1, keepdims=True), 1e-12)
    window = index.settings.window_hours
    if window is not None:  # (times as floats, NaN for none: a comparison with NaN is False, so never apart)
        slack = window * 3600.0
        first, last = (np.array([np.nan if t is None else t for t in ts], dtype=float) for ts in
                       zip(*((stories[i].first, stories[i].last) for i in several), strict=True))
    k, out = min(k, len(several)), {}
    for at in range(0, len(rows), NEAREST_CHUNK):  # (a settled stream has many waiting: memory stays bounded)
        chunk = rows[at : at + NEAREST_CHUNK]
        small = np.stack([index._centroid[i] for i in chunk])
        small /= np.maximum(np.linalg.norm(small, axis=1, keepdims=True), 1e-12)
        with _one_blas_thread():
            sims = small @ big.T
        if window is not None:  # the look-up's window test (``StoryIndex._overlaps``), all pairs of the chunk at once
            f = np.array([np.nan if stories[i].first is None else stories[i].first for i in chunk], dtype=float)
            la = np.array([np.nan if stories[i].last is None else stories[i].last for i in chunk], dtype=float)
            sims[(f[:, None] - slack > last[None, :]) | (first[None, :] - slack > la[:, None])] = -np.inf
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for r, idx in enumerate(chunk):
            out[idx] = [several[c] for c in sorted(top[r], key=lambda c: (-sims[r, c], c)) if sims[r, c] > -np.inf]
    return out


def thread_controller() -> threadpoolctl.ThreadpoolController:
    """threadpoolctl's cached controller of the native thread pools: made again when the number of imported
    modules has changed (a new library may have come with one), as ``threadpool_limits`` would find it; a
    new one per call with an older threadpoolctl, which has no such cache. (Here, the lowest module that needs
    it: ``batch`` limits the engine's threads with it too.)"""
    cached = getattr(threadpoolctl, "get_cached_controller", None)
    return cached() if cached is not None else threadpoolctl.ThreadpoolController()


_BLAS_LOCK = threading.RLock()  # one thread at a time in ``_one_blas_thread``


@contextmanager
def _one_blas_thread() -> Iterator[None]:
    """BLAS on one thread for the pass's matrix product: the only product of the clustering large enough for
    OpenBLAS to share among its threads, whose helper then spins, waiting for more, after each one: ~1.9% of
    the assigning process's CPU in a thread of its own (perf, the 51k replay, 2 cores), for a product that
    takes a few ms. ~9 µs a call (threadpoolctl's cached controller).

    The numbers do depend on the thread count: a chunk of one waiting story is a matrix-vector product, which
    OpenBLAS sums differently on 1 and 2 threads (up to ~5e-7 apart, review revs34; chunks of several rows gave
    the same floats), so one thread also makes the nearest stories the same on any machine.

    One thread at a time (the lock): BLAS's limit is the process's, and threadpoolctl lets one thread hold it
    (another's ``limit`` does nothing). Two threads clustering at once each restored what it saw on leaving:
    the second's product ran on two threads once the first had left, and BLAS stayed on one after both. A
    limit held by a thread outside the clustering (``threadpool_limits`` around it) still wins."""
    with _BLAS_LOCK, thread_controller().limit(limits=1, user_api="blas"):
        yield


def _join(index: StoryIndex, idx: int, other: int, vec, norm: float, cosines: dict[int, float], reason: str) -> None:  # noqa: ANN001
    sim, shared = index._similarity(vec, norm, other)
    index._merge(min(idx, other), max(idx, other), round(cosines[other], 3), round(sim, 3), index._rarest(shared), reason)


def _attach(
    index: StoryIndex, scored: list[tuple[float | None, int]], floor: float, margin: float, peer: float | None = None
) -> int | None:
    """The story of two or more articles that a story of one or two articles links to best (mean pair score),
    when that reaches ``floor`` and leads every other candidate of two or more articles by ``margin``; or None.
    A candidate of one article is no rival, not even when it links best of all (see the module's docstring:
    two lone reports of one event are each other's best candidate, and each kept the other out of their
    event's story)."""
    several = [(m, o) for m, o in scored if len(index.stories[o].members) > 1]
    best = pick(several, floor, -1.0) if peer is not None and len(several) > 1 else None
    if best is not None:  # (a story that links to the best as one event's does is no rival: session 28)
        link, cap, theirs = index._linkage, index.settings.regroup_reports, index.stories[best].members
        several = [(m, o) for m, o in several if o == best or _below(link.mean_between(theirs, index.stories[o].members, cap), peer)]
    return pick(several, floor, margin)


def _below(mean: float | None, floor: float) -> bool:
    return mean is None or mean < floor


def _named_apart(link: Linkage, a: list[str], b: list[str], cap: int, floor: float) -> bool:
    """Both stories hold reports that name someone (cased articles), and those link below ``floor`` on
    average: the mean over all reports reached it on what lower-cased texts share."""
    named_a = [m for m in a[-cap:] if m in link.reports and link.reports[m].names]
    named_b = [m for m in b[-cap:] if m in link.reports and link.reports[m].names]
    if not named_a or not named_b:
        return False
    mean = link.mean_between(named_a, named_b, cap)
    return mean is not None and mean < floor


def _latest(link: Linkage, members: list[str], cap: int) -> list[Report]:
    return [link.reports[m] for m in members[-cap:] if m in link.reports]


def _disagree(a: list[Report], b: list[Report], kinds: int = 1) -> bool:
    """Two groups of reports disagree on what tells same-kind events apart: some pair gives a typed detail
    with values that disagree, or the two groups give ``kinds`` kinds of lead slot or more with no value in
    common (that one only when each group has a report that names someone: see the module's docstring; the
    attach asks for two kinds)."""
    if _named(a) and _named(b) and _slots_apart(a, b, kinds):
        return True
    return any(x.details and y.details and conflicts(x.details, y.details) for x in a for y in b)


def _slots_apart(a: list[Report], b: list[Report], kinds: int) -> bool:
    """The two groups give ``kinds`` kinds of lead slot or more with no value in common."""
    slots_a, slots_b = _slots(a), _slots(b)
    return sum(1 for kind, values in slots_a.items() if kind in slots_b and values.isdisjoint(slots_b[kind])) >= kinds


def _small_count(slot: str) -> bool:
    """A whole lead figure of ``SMALL_COUNT`` or less ("#:2", "#:5"): see the module's docstring. A figure
    with decimals ("#:4.4", a magnitude, a rate) is the event's own."""
    figure = slot[2:]
    return figure.isdigit() and int(figure) <= SMALL_COUNT


def _named(reports: list[Report]) -> bool:
    return any(r.names for r in reports)


def _slots(reports: list[Report]) -> dict[str, set[str]]:
    """Kind of lead slot -> the values the reports give (sorted kinds: the same whatever the hash seed)."""
    out: dict[str, set[str]] = {}
    for r in reports:
        for kind in sorted(r.slots):
            values = r.slots[kind]
            if kind == "#":
                values = {v for v in values if not _small_count(v)}
                if not values:
                    continue
            out.setdefault(kind, set()).update(values)
    return out
