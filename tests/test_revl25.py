"""Hostile review of ``SentenceVerdict.recombined`` (session 25, wt-revl25).

``recombined`` says of a word "in the source, linked otherwise": a fact-checker reads it as "the closest source
sentence gives this word, in this sense". Two ways the first version said so wrongly:

- the same span twice: a span is both an unpaired word and a link no source makes, and ``missing`` drops a span
  that overlaps one already named, but ``recombined`` kept both, so the views said "Tuesday ×2" of a sentence
  that writes it once (and BUMP's "spans named" counted it twice);
- a word the source writes in another sense: ``stem`` and ``_lower`` drop case, so the text's month "May" was
  "in the source" because the source says the company "may close", its "US" the source's "told us".
"""

from __future__ import annotations

from storycheck.check import check
from storycheck.records import Document
from storycheck.render import markdown as md


def _verdict(source: str, text: str):  # noqa: ANN202
    (verdict,) = check([Document("source", source)], Document("text", text), embedder="none").check.sentences
    return verdict


VILLA = ("They host Rangers on Tuesday with Sherwood admitting he does not have the players to grind out results.",
         "Aston Villa host Rangers in the Premier League on Tuesday.")  # fmt: skip


def test_a_span_is_named_once():
    verdict = _verdict(*VILLA)
    spans = [(m.start, m.end) for m in verdict.recombined]
    assert "Tuesday" in {m.text for m in verdict.recombined}, spans
    for i, (a, b) in enumerate(spans):
        assert not any(a < d and c < b for c, d in spans[i + 1 :]), spans


def test_the_views_do_not_count_a_word_twice():
    report = check([Document("source", VILLA[0])], Document("text", VILLA[1]), embedder="none")
    line = next(x for x in md.to_markdown(report).splitlines() if x.startswith("| 1 "))
    assert "“Tuesday”" in line and "×2" not in line, line


def test_a_capitalised_word_is_not_the_sources_lower_case_word():
    # the month "May" is not the source's "may" (the company may close), nor is it linked otherwise there
    verdict = _verdict("The company may close its factory in Leeds, the union said on Friday.",
                       "The company will close its factory in Leeds in May, the union said on Friday.")  # fmt: skip
    assert "May" not in {m.text for m in verdict.recombined}
    assert "May" in {m.text for m in verdict.missing}


def test_a_lower_case_text_still_finds_the_sources_names():
    # summaries written in lower case (FRANK's) name "tuesday" as the source's "Tuesday": case is only a sense
    # when the text gives it
    verdict = _verdict(VILLA[0], VILLA[1].lower())
    assert "tuesday" in {m.text for m in verdict.recombined}


def test_a_capitalised_first_word_is_no_name():
    # the first word of a sentence is capitalised whatever it is: "Schools" is still the source's "schools"
    verdict = _verdict("The committee rejected the new budget on Tuesday after a long debate about schools.",
                       "Schools rejected the new budget on Tuesday, the committee said.")  # fmt: skip
    assert "Schools" in {m.text for m in verdict.recombined}
