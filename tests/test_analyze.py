"""Per-document analysis: sentences, mentions with values, people with titles, quotes with speakers,
attributions and clauses, each with exact character offsets into the document's text."""

from __future__ import annotations

import pytest

from storycheck.analyze import analyze, analyze_many, find_quote_regions, resolve_entity
from storycheck.nlp import tagger
from storycheck.records import Analysis, Document, Entity, Quote

SENTENCES = (
    "  The U.S. Coast Guard closed the strait on Sunday. Dr. Amira Haddad, a marine biologist, said the spill "
    "was contained.\n\nShips waited offshore.   Crews worked through the night."
)

PEOPLE = (
    "On Tuesday, former Prime Minister John Hale flew to Lisbon for talks on the fishing dispute. "
    "U.N. envoy to Libya Maria Costa joined him later that evening, and Tomas Rey, the union's general "
    "secretary, arrived on Wednesday.\n\n"
    "Hale told reporters that the fleet would stay in port. Costa spent the morning with harbour officials. "
    '"We are close," she said. Rey did not attend the briefing.'
)

QUOTES = """Fishermen in Setúbal kept their boats in harbour for a third day on Friday, after the government's offer of compensation was rejected.

"We are not here to make promises we cannot keep," said Tomas Rey, who leads the fishermen's union. "Nobody wants another winter like the last one," Rey added.

Former Prime Minister John Hale, who brokered the last agreement, was more cautious. "The gap is still wide," Hale said.

"They are bluffing," said an official who spoke on condition of anonymity. "Nobody in the cabinet believes the boats will stay out past Easter," sources said.

A senior ministry official said the talks would resume on Friday. "Every side is testing the other," an analyst at a Brussels think tank said. A diplomat who requested anonymity said the European Commission had been kept informed.

Maria Costa, the regional mayor, met the skippers on Thursday. Costa spent an hour on the quay. "I am hopeful," she said.

"The offer stands," the ministry said in a statement. A ministry spokeswoman said the figure was final."""

REPORTED = (
    "The minister said the talks would resume on Friday. The port authority did not confirm the figure, "
    "according to Reuters. Reports suggest that nearly 2,000 jobs are at risk.\n\n"
    "The union called the strike. The talks are not over, the mediator insisted. "
    "The Ministry of Education said it had offered 400 new posts. Police said the road would reopen."
)

FIGURES = (
    "The fleet has been idle for nearly two years. Repairs will take three to five weeks, and dozens of boats "
    "need new engines.\n\n"
    "The state paid €1.8 billion for the harbour in 2019. Fuel prices rose 9 per cent in March 2021 and a "
    "further 4% last week. The next auction is set for May 13, 2024, and bids close on Monday."
)

NAMES = (
    "The company's chief executive, Jane Doe, said profits fell. Paulo Lima met his cousin Rosa Lima in Faro. "
    "Lima said the vote was close."
)

TEXTS = {
    "sentences": SENTENCES,
    "people": PEOPLE,
    "quotes": QUOTES,
    "reported": REPORTED,
    "figures": FIGURES,
    "names": NAMES,
}


@pytest.fixture(scope="module")
def nlp():  # noqa: ANN201 - spaCy Language
    return tagger()


@pytest.fixture(scope="module")
def analyses(nlp) -> dict[str, Analysis]:  # noqa: ANN001
    docs = [Document(id=name, text=text) for name, text in TEXTS.items()]
    return {d.id: a for d, a in zip(docs, analyze_many(docs, nlp), strict=True)}


# --- helpers -------------------------------------------------------------------------------------------


def at(text: str, phrase: str, after: str = "") -> tuple[int, int]:
    """Offsets of ``phrase`` in ``text`` (the first one after ``after``)."""
    start = text.index(phrase, text.index(after) if after else 0)
    return start, start + len(phrase)


def person(a: Analysis, name: str) -> Entity:
    found = [e for e in a.entities if e.kind == "person" and e.name == name]
    assert len(found) == 1, (name, [e.name for e in a.entities])
    return found[0]


def entity_of_span(a: Analysis, span: tuple[int, int]) -> Entity | None:
    for m in a.mentions:
        if (m.start, m.end) == span:
            return resolve_entity(a.entities, m.entity)
    return None


def quote(a: Analysis, words: str) -> Quote:
    found = [q for q in a.quotes if words in q.text]
    assert len(found) == 1, (words, [q.text for q in a.quotes])
    return found[0]


def span_text(text: str, span: tuple[int, int] | None) -> str | None:
    return None if span is None else text[span[0] : span[1]]


# --- sentences and spans ---------------------------------------------------------------------------------


def test_sentences_have_exact_offsets(analyses) -> None:  # noqa: ANN001
    a = analyses["sentences"]
    assert [s.text for s in a.sentences] == [
        "The U.S. Coast Guard closed the strait on Sunday.",
        "Dr. Amira Haddad, a marine biologist, said the spill was contained.",
        "Ships waited offshore.",
        "Crews worked through the night.",
    ]
    for i, s in enumerate(a.sentences):
        assert s.index == i
        assert SENTENCES[s.start : s.end] == s.text
    assert all(x.end <= y.start for x, y in zip(a.sentences, a.sentences[1:], strict=False))


@pytest.mark.parametrize("name", list(TEXTS))
def test_every_span_is_the_text_at_its_offsets(analyses, name: str) -> None:  # noqa: ANN001
    text, a = TEXTS[name], analyses[name]

    def check(span: tuple[int, int] | None, expected: str | None = None) -> None:
        if span is None:
            return
        start, end = span
        assert 0 <= start < end <= len(text), span
        if expected is not None:
            assert text[start:end] == expected, (span, expected)

    def in_sentence(pos: int, index: int) -> None:
        s = a.sentences[index]
        assert s.start <= pos < s.end, (pos, s)

    for s in a.sentences:
        check((s.start, s.end), s.text)
    for m in a.mentions:
        check((m.start, m.end), m.text)
        in_sentence(m.start, m.sentence)
    for e in a.entities:
        for span in e.mentions:
            check(span)
        for start, end, title in e.titles:
            check((start, end), title)
    for q in a.quotes:
        check((q.start, q.end), q.text)
        check(q.speaker_span)
        check(q.cue_span)
        for start, end, marker in q.anonymity:
            check((start, end), marker)
        in_sentence(q.start, q.sentence)
    for at_ in a.attributions:
        check((at_.start, at_.end), at_.text)
        in_sentence(at_.start, at_.sentence)
    for c in a.clauses:
        check(c.verb_span)
        check(c.subject_span, c.subject)
        check(c.object_span, c.object)
        check(c.negation_span)
        in_sentence(c.verb_span[0], c.sentence)
    for start, end in a.narration_spans:
        assert 0 <= start <= end <= len(text)


def test_analysis_is_a_pure_function_of_the_text(nlp, analyses) -> None:  # noqa: ANN001
    doc = Document(id="people", text=PEOPLE)
    again = analyze(doc, nlp)
    assert again == analyses["people"]
    assert again.hash == doc.hash and again.doc_id == "people"


# --- people: titles and coreference ----------------------------------------------------------------


def test_title_to_the_left_of_a_name(analyses) -> None:  # noqa: ANN001
    hale = person(analyses["people"], "John Hale")
    assert [(s, e, t) for s, e, t in hale.titles] == [
        (*at(PEOPLE, "former Prime Minister"), "former Prime Minister")
    ]


def test_title_with_an_organisation_and_a_place(analyses) -> None:  # noqa: ANN001
    costa = person(analyses["people"], "Maria Costa")
    assert [t for _, _, t in costa.titles] == ["U.N. envoy to Libya"]
    assert costa.titles[0][:2] == at(PEOPLE, "U.N. envoy to Libya")


def test_title_in_apposition_after_a_name(analyses) -> None:  # noqa: ANN001
    rey = person(analyses["people"], "Tomas Rey")
    assert [t for _, _, t in rey.titles] == ["the union's general secretary"]
    costa = person(analyses["quotes"], "Maria Costa")
    assert [t for _, _, t in costa.titles] == ["the regional mayor"]


def test_title_in_apposition_before_a_name(analyses) -> None:  # noqa: ANN001
    doe = person(analyses["names"], "Jane Doe")
    assert [t for _, _, t in doe.titles] == ["The company's chief executive"]


def test_relative_clause_is_not_a_title(analyses) -> None:  # noqa: ANN001
    rey = person(analyses["quotes"], "Tomas Rey")
    assert rey.titles == []  # "who leads the fishermen's union" describes him but is a clause


def test_surname_belongs_to_the_full_name(analyses) -> None:  # noqa: ANN001
    a = analyses["people"]
    for full, short in (("John Hale", "Hale told"), ("Maria Costa", "Costa spent"), ("Tomas Rey", "Rey did")):
        entity = person(a, full)
        surname = full.split()[-1]
        span = at(PEOPLE, surname, after=short)
        assert span in entity.mentions, full
        assert entity_of_span(a, span) is entity, full
    assert len({person(a, n).id for n in ("John Hale", "Maria Costa", "Tomas Rey")}) == 3


def test_ambiguous_surname_is_not_merged(analyses) -> None:  # noqa: ANN001
    a = analyses["names"]
    span = at(NAMES, "Lima", after="Lima said")
    for full in ("Paulo Lima", "Rosa Lima"):
        assert span not in person(a, full).mentions


# --- direct quotes ---------------------------------------------------------------------------------------


def test_quote_text_is_the_words_inside_the_marks(analyses) -> None:  # noqa: ANN001
    q = quote(analyses["quotes"], "promises")
    assert q.kind == "direct"
    assert q.text == "We are not here to make promises we cannot keep"
    assert (q.start, q.end) == at(QUOTES, q.text)


def test_named_speaker_after_the_cue(analyses) -> None:  # noqa: ANN001
    a = analyses["quotes"]
    q = quote(a, "promises")
    assert (q.speaker, q.speaker_kind, q.cue) == ("Tomas Rey", "named", "say")
    assert span_text(QUOTES, q.speaker_span) == "Tomas Rey"
    assert span_text(QUOTES, q.cue_span) == "said"
    assert q.speaker_entity == person(a, "Tomas Rey").id
    assert q.anonymity == []


def test_named_speaker_by_surname_before_the_cue(analyses) -> None:  # noqa: ANN001
    a = analyses["quotes"]
    added = quote(a, "another winter")
    assert (added.speaker, added.speaker_kind, added.cue) == ("Tomas Rey", "named", "add")
    assert added.speaker_span == at(QUOTES, "Rey", after="Rey added")
    hale = quote(a, "The gap is still wide")
    assert (hale.speaker, hale.speaker_kind, hale.cue) == ("John Hale", "named", "say")
    assert hale.speaker_entity == person(a, "John Hale").id  # "Hale" alone = "John Hale"
    assert hale.speaker_span == at(QUOTES, "Hale", after="still wide")


def test_described_speaker(analyses) -> None:  # noqa: ANN001
    a = analyses["quotes"]
    q = quote(a, "testing the other")
    assert (q.speaker, q.speaker_kind, q.cue) == ("an analyst at a Brussels think tank", "described", "say")
    assert q.speaker_span == at(QUOTES, "an analyst at a Brussels think tank")
    assert q.speaker_entity is None


def test_anonymous_speaker_with_a_marker(analyses) -> None:  # noqa: ANN001
    q = quote(analyses["quotes"], "They are bluffing")
    assert q.kind == "direct"
    assert q.speaker_kind == "anonymous"
    assert span_text(QUOTES, q.speaker_span) == "an official"
    assert len(q.anonymity) == 1
    start, end, marker = q.anonymity[0]
    assert "on condition of anonymity" in marker
    assert QUOTES[start:end] == marker


def test_sources_are_anonymous(analyses) -> None:  # noqa: ANN001
    q = quote(analyses["quotes"], "past Easter")
    assert (q.speaker, q.speaker_kind, q.cue) == ("sources", "anonymous", "say")


def test_requested_anonymity_makes_a_described_speaker_anonymous(analyses) -> None:  # noqa: ANN001
    q = quote(analyses["quotes"], "European Commission")
    assert q.kind == "indirect"
    assert q.speaker_kind == "anonymous"
    assert span_text(QUOTES, q.speaker_span) == "A diplomat"
    assert [m for _, _, m in q.anonymity] == ["who requested anonymity"]


def test_pronoun_speaker_is_the_last_named_person(analyses) -> None:  # noqa: ANN001
    a = analyses["quotes"]
    q = quote(a, "I am hopeful")
    # the last person named before "she" is Maria Costa (as "Costa", whatever the tagger calls it), not Rey
    assert (q.speaker, q.speaker_kind) == ("Maria Costa", "named")
    assert q.speaker_entity == person(a, "Maria Costa").id
    assert span_text(QUOTES, q.speaker_span) == "she"


def test_pronoun_speaker_when_the_surname_was_not_tagged_a_person(analyses) -> None:  # noqa: ANN001
    a = analyses["people"]
    q = quote(a, "We are close")
    assert (q.speaker, q.speaker_kind) == ("Maria Costa", "named")
    assert q.speaker_entity == person(a, "Maria Costa").id


def test_an_institution_speaking_is_named(analyses) -> None:  # noqa: ANN001
    a = analyses["quotes"]
    q = quote(a, "The offer stands")
    assert (q.speaker, q.speaker_kind, q.cue) == ("the ministry", "named", "say")
    # ...but a person from it who is not named is only described
    assert quote(a, "the figure was final").speaker_kind == "described"
    assert quote(a, "the talks would resume").speaker_kind == "described"


def test_organisation_names_and_police_are_named(analyses) -> None:  # noqa: ANN001
    a = analyses["reported"]
    ministry = quote(a, "400 new posts")
    assert (ministry.speaker, ministry.speaker_kind) == ("Ministry of Education", "named")
    assert ministry.speaker_entity is not None
    assert quote(a, "the road would reopen").speaker_kind == "named"


def test_narration_excludes_quoted_words(analyses) -> None:  # noqa: ANN001
    a = analyses["quotes"]
    for q in (q for q in a.quotes if q.kind == "direct"):
        assert not any(s < q.end and q.start < e for s, e in a.narration_spans), q.text
    said = at(QUOTES, "said Tomas Rey")
    assert any(s <= said[0] and said[1] <= e for s, e in a.narration_spans)


# --- reported speech and attributions -------------------------------------------------------------------


def test_indirect_speech_is_the_reported_clause(analyses) -> None:  # noqa: ANN001
    a = analyses["reported"]
    q = quote(a, "resume on Friday")
    assert q.kind == "indirect"
    assert q.text == "the talks would resume on Friday"
    assert (q.start, q.end) == at(REPORTED, q.text)
    assert (q.speaker, q.speaker_kind, q.cue) == ("The minister", "described", "say")
    assert q.sentence == 0


def test_indirect_speech_with_the_cue_after_the_clause(analyses) -> None:  # noqa: ANN001
    q = quote(analyses["reported"], "not over")
    assert (q.kind, q.text, q.cue, q.speaker) == (
        "indirect",
        "The talks are not over",
        "insist",
        "the mediator",
    )


def test_indirect_speech_of_a_named_person(analyses) -> None:  # noqa: ANN001
    a = analyses["people"]
    q = quote(a, "fleet")
    assert (q.kind, q.text, q.cue) == ("indirect", "the fleet would stay in port", "tell")
    assert q.speaker_entity == person(a, "John Hale").id and q.speaker_kind == "named"


def test_no_direct_quote_without_quote_marks(analyses) -> None:  # noqa: ANN001
    assert all(q.kind == "indirect" for q in analyses["reported"].quotes)
    assert analyses["figures"].quotes == []


def test_according_to(analyses) -> None:  # noqa: ANN001
    a = analyses["reported"]
    found = [x for x in a.attributions if x.source == "Reuters"]
    assert len(found) == 1
    assert (found[0].start, found[0].end) == at(REPORTED, "according to Reuters")
    assert found[0].sentence == 1


def test_reports_suggest(analyses) -> None:  # noqa: ANN001
    found = [x for x in analyses["reported"].attributions if x.text == "Reports suggest"]
    assert len(found) == 1 and found[0].source == "Reports" and found[0].sentence == 2


# --- clauses ---------------------------------------------------------------------------------------------


def test_negated_clause(analyses) -> None:  # noqa: ANN001
    a = analyses["reported"]
    [c] = [c for c in a.clauses if c.verb == "confirm"]
    assert c.negated
    assert span_text(REPORTED, c.negation_span) == "did not confirm"
    assert (c.subject, c.object) == ("The port authority", "the figure")
    assert span_text(REPORTED, c.verb_span) == "confirm"


def test_negation_after_a_copula(analyses) -> None:  # noqa: ANN001
    [c] = [c for c in analyses["reported"].clauses if c.verb == "be" and c.subject == "The talks"]
    assert c.negated and span_text(REPORTED, c.negation_span) == "are not"


def test_subject_verb_object(analyses) -> None:  # noqa: ANN001
    a = analyses["reported"]
    [c] = [c for c in a.clauses if c.verb == "call"]
    assert (c.subject, c.object, c.negated) == ("The union", "the strike", False)
    assert c.subject_span == at(REPORTED, "The union") and c.object_span == at(REPORTED, "the strike")
    assert c.negation_span is None


def test_negated_clause_in_a_short_sentence(analyses) -> None:  # noqa: ANN001
    a = analyses["people"]
    [c] = [c for c in a.clauses if c.verb == "attend"]
    assert (c.subject, c.object, c.negated) == ("Rey", "the briefing", True)
    assert span_text(PEOPLE, c.negation_span) == "did not attend"


# --- mentions with normalised values ---------------------------------------------------------------------


def mention(a: Analysis, text: str):  # noqa: ANN201
    found = [m for m in a.mentions if m.text == text]
    assert len(found) == 1, (text, [m.text for m in a.mentions])
    return found[0]


def test_money_mention(analyses) -> None:  # noqa: ANN001
    m = mention(analyses["figures"], "€1.8 billion")
    assert m.kind == "money" and (m.quantity.value, m.quantity.unit) == (1.8e9, "EUR")


def test_range_of_weeks_is_a_quantity_not_a_date(analyses) -> None:  # noqa: ANN001
    a = analyses["figures"]
    m = mention(a, "three to five weeks")
    assert m.kind == "quantity" and m.when is None
    assert (m.quantity.low, m.quantity.high, m.quantity.unit) == (3, 5, "week")


def test_nearly_two_years_is_an_approximate_duration(analyses) -> None:  # noqa: ANN001
    m = mention(analyses["figures"], "nearly two years")
    assert m.kind == "quantity" and m.when is None
    assert m.quantity.approx and m.quantity.value == 2 and m.quantity.unit == "year"


def test_dozens_is_vague_and_counts_its_noun(analyses) -> None:  # noqa: ANN001
    m = mention(analyses["figures"], "dozens")
    assert m.kind == "count" and m.quantity.vague and m.quantity.unit == "boat"


def test_count_with_hedge(analyses) -> None:  # noqa: ANN001
    m = mention(analyses["reported"], "nearly 2,000")
    assert m.kind == "count" and m.quantity.approx and (m.quantity.value, m.quantity.unit) == (2000, "job")


@pytest.mark.parametrize("text", ["9 per cent", "4%"])
def test_percent_mentions(analyses, text: str) -> None:  # noqa: ANN001
    m = mention(analyses["figures"], text)
    assert m.kind == "percent" and m.quantity.unit == "%"


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("March 2021", "2021-03", "month"),
        ("May 13, 2024", "2024-05-13", "day"),
        ("2019", "2019", "year"),
        ("Monday", None, "weekday"),
        ("last week", None, "relative"),
    ],
)
def test_date_mentions(analyses, text: str, iso: str | None, precision: str) -> None:  # noqa: ANN001
    m = mention(analyses["figures"], text)
    assert m.kind == "date" and m.quantity is None
    assert (m.when.iso, m.when.precision) == (iso, precision)


def test_people_places_and_organisations(analyses) -> None:  # noqa: ANN001
    a = analyses["sentences"]
    kinds = {m.text: m.kind for m in a.mentions}
    assert kinds.get("Amira Haddad") == "person"
    assert kinds.get("U.S. Coast Guard") == "org"
    haddad = person(a, "Amira Haddad")
    assert [t for _, _, t in haddad.titles] == ["Dr.", "a marine biologist"]


# --- edge cases found in review --------------------------------------------------------------------------


def test_a_stray_mark_parsed_as_the_speaker_does_not_crash(nlp) -> None:  # noqa: ANN001
    text = "» suggest reports percent warned"  # the parser makes "»" the subject of a cue verb
    a = analyze(Document("x", text), nlp)
    for q in a.quotes:
        assert text[q.start : q.end] == q.text
        assert q.speaker_span is None or text[q.speaker_span[0] : q.speaker_span[1]] == q.speaker


def test_a_quote_running_over_paragraphs_is_one_quote_with_its_speaker(nlp) -> None:  # noqa: ANN001
    # news convention: no closing mark at the end of the first paragraph, an opening one on the next
    text = (
        "Dockworkers walked off the job on Monday.\n\n"
        "“We will fight for every single job at this port until the end.\n\n"
        "“Nobody can stop us now,” said Tomas Rey, the union leader."
    )
    a = analyze(Document("x", text), nlp)
    first = quote(a, "every single job")
    assert first.text == "We will fight for every single job at this port until the end"
    assert (first.speaker, first.speaker_kind) == ("Tomas Rey", "named")
    assert not any(s < first.end and first.start < e for s, e in a.narration_spans)
    # an unclosed mark with no quote opening the next paragraph is not stretched over the paragraph
    stray = analyze(Document("y", "He called it “a disgrace and left.\n\nThe port reopened on Tuesday."), nlp)
    assert not [q for q in stray.quotes if q.kind == "direct"]


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("‘We will fight,’ said Tomas Rey.", ["We will fight,"]),
        ("He called the offer ‘an insult’. Talks ended.", ["an insult"]),
        ("‘We are the workers’ union,’ said Rey.", ["We are the workers’ union,"]),  # a possessive inside
        ("Don’t go, the union’s leader said of the workers’ vote.", []),  # apostrophes only
        ("Back in the ‘90s the port was busier.", []),
        ("“He said ‘no’ to us,” she said.", ["He said ‘no’ to us,"]),
    ],
)
def test_british_single_quotes(text: str, quoted: list[str]) -> None:
    assert [text[a:b] for a, b in find_quote_regions(text)] == quoted


def test_quote_regions_equal_a_character_by_character_scan() -> None:
    """``find_quote_regions`` jumps from quote mark to quote mark; a scan that looks at every character
    (the loop it replaced) finds the same regions on random strings of marks, letters and breaks."""
    import random

    from storycheck.analyze import QUOTE_PAIRS, SINGLE_OPEN, _paragraphs, _single_quote_end

    def scan(text: str) -> list[tuple[int, int]]:
        regions = []
        paragraphs = list(_paragraphs(text))
        for n, (start, para) in enumerate(paragraphs):
            i = 0
            while i < len(para):
                ch = para[i]
                single = ch == SINGLE_OPEN and (i == 0 or para[i - 1].isspace() or para[i - 1] in "([“—–-")
                close = QUOTE_PAIRS.get(ch)
                if close is None and not single:
                    i += 1
                    continue
                j = _single_quote_end(para, i) if single else para.find(close, i + 1)
                if j == -1:
                    following = paragraphs[n + 1][1].lstrip() if n + 1 < len(paragraphs) else ""
                    if following.startswith(ch) and (i == 0 or not single):
                        j = len(para.rstrip())
                        if j - i > 1:
                            regions.append((start + i + 1, start + j))
                        break
                    if single:
                        i += 1
                        continue
                    break
                if j - i > 1:
                    regions.append((start + i + 1, start + j))
                i = j + 1
        return regions

    rng = random.Random(3)
    alphabet = "ab ‘’“”\"«»„\n.,(—"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    assert sum(bool(scan(t)) for t in texts) > 300  # (the strings do hold quotes)
    assert [find_quote_regions(t) for t in texts] == [scan(t) for t in texts]
