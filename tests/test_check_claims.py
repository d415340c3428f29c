"""``check.claims_of_others``: a claim the text gives one named speaker whose words the sources give only to
another named speaker is a ``role`` conflict (session 32, wt-bump13). News sentences written for these tests."""

from __future__ import annotations

import pytest

from storycheck.check import Weights, check
from storycheck.records import Document

REFORM = ("'The reform will hit the poorest families hardest,' said union leader Tom Ash. "
          "Finance minister Ruth Kale said the reform was fair and overdue.")  # fmt: skip
JOBS = ("'We will cut 300 jobs at the Leeds plant,' Acme Motors said on Tuesday. "
        "Union leader Tom Ash said the cuts were a betrayal.")  # fmt: skip


def _check(source: str, text: str, weights: Weights | None = None):  # noqa: ANN202
    return check([Document("source", source)], Document("text", text), embedder="none", weights=weights or Weights())


def _roles(report) -> list[dict[str, str]]:  # noqa: ANN001
    return [{s.doc: s.text for s in f.evidence} for f in report.findings if f.kind == "conflict" and f.type == "role"]


def _speakers(report) -> list[dict[str, str]]:  # noqa: ANN001
    """The speaker conflicts on the text's speaker: check's own `role` (claims_of_others), or the judge's
    `quote_attribution` when it reads the same words given to two named people (judge._reported_attribution, session
    32: the role finding would then be the same error twice, and `check._new` keeps the judge's)."""
    return [{s.doc: s.text for s in f.evidence[:1] + f.evidence[-1:]} for f in report.findings
            if f.kind == "conflict" and f.type in ("role", "quote_attribution")]  # fmt: skip


@pytest.mark.parametrize(
    ("source", "text", "spans"),
    [
        (REFORM, "Ruth Kale said the reform will hit the poorest families hardest.", {"text": "Ruth Kale", "source": "Tom Ash"}),
        (JOBS, "Tom Ash said Acme Motors will cut 300 jobs at the Leeds plant.", {"text": "Tom Ash", "source": "Acme Motors"}),
        # the source's speaker as whom the text's speaker told is still a swap (guards review revbump13's exception)
        (REFORM, "Ruth Kale told Tom Ash that the reform will hit the poorest families hardest.", {"text": "Ruth Kale", "source": "Tom Ash"}),
    ],
)
def test_words_given_to_another_speaker_are_a_role_conflict(source, text, spans):
    report = _check(source, text)
    assert _speakers(report) == [spans], report.findings
    assert report.check.sentences[0].verdict == "contradicted"


def test_the_misattributed_claim_scores_below_the_right_one():
    # before: "Ruth Kale said ..." scored 0.88 and "Tom Ash said ..." 0.77 (every pair and link is in the source)
    wrong = _check(REFORM, "Ruth Kale said the reform will hit the poorest families hardest.")
    right = _check(REFORM, "Tom Ash said the reform will hit the poorest families hardest.")
    assert wrong.check.score < right.check.score


@pytest.mark.parametrize(
    ("source", "text"),
    [
        (REFORM, "Tom Ash said the reform will hit the poorest families hardest."),  # the speaker's own words
        (REFORM, "Ruth Kale said the reform was fair and overdue."),
        (JOBS, "Acme Motors said it will cut 300 jobs at the Leeds plant."),
        # the text's speaker says it too, in a sentence that is no quote of hers
        ("'The reform will hit the poorest families hardest,' said union leader Tom Ash. Finance minister Ruth Kale "
         "agreed, saying the reform will hit the poorest families hardest and must change.",
         "Ruth Kale said the reform will hit the poorest families hardest."),
        # a speaker the sources do not name may be the text's person
        ("The reform will hit the poorest families hardest, a union spokesman said. Finance minister Ruth Kale said the reform was fair.",
         "Ruth Kale said the reform will hit the poorest families hardest."),
        # a speaker the sources never name is another fault (a name not in the sources), not this one
        (REFORM, "Mark Penn said the reform will hit the poorest families hardest."),
        # the text's speaker denies the words (review revbump13: both were role conflicts)
        (REFORM, "Ruth Kale denied that the reform will hit the poorest families hardest."),
        (REFORM, "Ruth Kale said it was not true that the reform will hit the poorest families hardest."),
        # the text credits the source's speaker in the same sentence (review revbump13: a role conflict)
        (REFORM, "Ruth Kale said that, as Tom Ash put it, the reform will hit the poorest families hardest."),
        (REFORM, "Ruth Kale, quoting Tom Ash, said the reform will hit the poorest families hardest."),
        (REFORM, "Like Tom Ash, Ruth Kale said the reform will hit the poorest families hardest."),
    ],
)  # fmt: skip
def test_no_conflict_where_the_words_may_be_the_speakers(source, text):
    assert _roles(_check(source, text)) == []


def test_no_speaker_conflict_when_the_texts_speaker_says_it_too():
    """The sources give the words to Tom Ash and to Ruth Kale: "Ruth Kale said ..." is right, and no speaker conflict
    of either kind may be drawn from Ash's sentence (the judge's `quote_attribution` was, when first merged)."""
    source = ("'The reform will hit the poorest families hardest,' said union leader Tom Ash. Finance minister Ruth "
              "Kale agreed, saying the reform will hit the poorest families hardest and must change.")
    assert _speakers(_check(source, "Ruth Kale said the reform will hit the poorest families hardest.")) == []


def test_the_weight_switches_it_off():
    report = _check(REFORM, "Ruth Kale said the reform will hit the poorest families hardest.", Weights(claims=0))
    assert _roles(report) == []
