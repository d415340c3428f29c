"""A text sentence no source sentence aligns with earns its content-word pairs where an aligned one does: in
the source sentence it is compared with (the one sharing most of its words) and the two beside it, not in
every source sentence. Before, such a sentence was read against the whole source, so an edit that made a
sentence lose its alignment (a borrowed name moving the mutual best match elsewhere, a place no source gives)
was paid with pairs held anywhere: BUMP pair 95's "But Mrs Shirley made grim discovery", unchanged, scored
0.058 beside its aligned reference and 0.165 once the edit of the sentence before it left it unaligned.
Hand-written texts; ``embedder=None`` so that the alignment is the lexical one only."""

from __future__ import annotations

from storycheck.check import check
from storycheck.records import Document

SOURCE = (
    "Over the long weekend, volunteers counting birds across the whole county recorded a red kite nesting, two "
    "buzzards, several owls and a rare hoopoe beside the old flour mill. "
    "The survey has been run every spring since 1998 by the local wildlife trust. "
    "Organisers thanked the farmers who let counters onto their land. "
    "Results will be published in the trust's autumn newsletter. "
    "Separately, fishermen complained to the council that the harbour wall in the neighbouring village was "
    "crumbling after winter storms."
)
# two claims of the source four sentences apart, fused into one the source never makes (the kite nested by the
# mill), with enough words of its own that no source sentence aligns with it
FUSED = "Amateur birders think a red kite nested by the crumbling harbour wall, delighting tourists, photographers and gulls."


def _verdict(text: str):  # noqa: ANN202 - SentenceVerdict
    report = check([Document("source", SOURCE)], Document("text", text), embedder=None)
    (verdict,) = report.check.sentences
    return verdict


def test_an_unaligned_sentence_earns_no_pair_held_far_from_its_counterpart() -> None:
    verdict = _verdict(FUSED)
    assert verdict.verdict == "unsupported"  # (no alignment: the case this is about)
    assert verdict.closest is not None and "harbour wall" in verdict.closest.text
    named = {m.text for m in verdict.missing}
    # "red kite" is held only by the first source sentence, four away from the harbour's: named, as an
    # aligned sentence's pair borrowed from another event is
    assert {"red", "kite"} <= named, named


def test_an_unaligned_sentence_keeps_the_pairs_of_its_counterpart() -> None:
    named = {m.text for m in _verdict(FUSED).missing}
    assert not {"crumbling", "harbour", "wall"} & named, named


def test_the_fused_claim_scores_below_the_one_its_counterpart_holds() -> None:
    fused = _verdict(FUSED).score
    one = _verdict(FUSED.replace("a red kite nested by", "fishermen complained about")).score
    assert fused < one, (fused, one)
