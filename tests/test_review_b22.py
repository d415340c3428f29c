"""A hostile review of the batch's speed-ups of session 34 (wt-bspeed22): what it found, held."""

from __future__ import annotations


def test_dateparser_warm_up_reads_its_date_once_per_process(monkeypatch) -> None:  # noqa: ANN001
    """``batch.run_story`` calls ``batch.warm_up`` before every story: the date read to warm dateparser up must
    not be read again each time (~0.9 ms a story)."""
    from dateparser.date import DateDataParser

    from storycheck import quantities

    quantities.warm_up()
    calls = []
    read = DateDataParser.get_date_data
    monkeypatch.setattr(DateDataParser, "get_date_data", lambda self, *a, **k: calls.append(a) or read(self, *a, **k))
    for _ in range(3):
        quantities.warm_up()
    assert calls == []


def _slow_when(text: str, monkeypatch):  # noqa: ANN001, ANN202
    """``parse_when`` with ``_plain_when`` off: what dateparser alone reads."""
    from storycheck import quantities

    with monkeypatch.context() as m:
        m.setattr(quantities, "_plain_when", lambda lower: None)
        return quantities.parse_when(text)


def test_plain_dates_read_as_dateparser_reads_them_in_the_reviews_forms(monkeypatch) -> None:  # noqa: ANN001
    """The review's own forms (not wt-bspeed22's sweep): full month names with a dot, wrong ordinal suffixes
    (``2th``, ``11st``), leap days of 1600, 1700, 1900 and 2000, a weekday the date contradicts, upper and
    title case, spaces around: the fast reader takes most of them and gives dateparser's answer for each."""
    from storycheck import quantities

    months = ["march.", "may.", "sept.", "sep", "june", "dec."]
    days = ["2th", "11st", "12nd", "23rd", "29", "31st"]
    texts = [f"{m} {d}, {y}" for m in months for d in days for y in ("1600", "1700", "1900", "2000")]
    texts += [f"{d} {m}" for m in months for d in days] + [f"{m} of 1850" for m in months]
    texts += ["monday, march 3, 2020", "tuesday, march 3, 2020", "feb 29 1600", "feb 29 1700", "Feb. 29",
              "since 1650", "By 2099"]
    texts += [t.upper() for t in texts[::5]] + [f" {t.title()} " for t in texts[1::5]]
    taken = [t for t in texts if quantities._plain_when(t.lower()) is not None]
    assert len(taken) > len(texts) / 2 and "feb 29 1700" not in taken and "feb 29 1600" in taken
    for text in taken:
        assert quantities.parse_when(text) == _slow_when(text, monkeypatch), text


def test_token_rules_by_key_equal_the_components_under_patterns_the_default_lacks() -> None:
    """The ruler given patterns of what else a key holds (``NOT_IN`` and ``REGEX`` on the lower-case form, ``IN`` and
    ``REGEX`` on the tag, a label with a word list, a lower-case key name, ``IS_SPACE``): learnt by key (``_ruled``),
    every array equal to the full pipeline's, on noisy text too (capitals, no punctuation, emoji, German)."""
    import numpy as np
    import spacy
    from spacy.tokens import Doc

    from storycheck.nlp import TAGGER_PACKAGE, TokenRules

    nlp = spacy.load(TAGGER_PACKAGE)
    ruler = nlp.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": {"NOT_IN": ["said", "told"]}, "TAG": "VBD"}]], {"MORPH": "Tense=Past|Mood=Ind"})
    ruler.add([[{"LOWER": {"REGEX": "^re"}, "TAG": {"IN": ["VB", "VBP"]}}]], {"POS": "NOUN"})
    ruler.add([[{"DEP": "nsubj", "LOWER": {"IN": ["officials", "he", "police"]}}]], {"LEMMA": "someone"})
    ruler.add([[{"lower": "the", "TAG": "DT"}]], {"POS": "PRON", "MORPH": "Definite=Def"})
    ruler.add([[{"TAG": {"REGEX": "^NN"}, "LOWER": {"REGEX": "s$"}}]], {"MORPH": "Number=Plur"})
    ruler.add([[{"IS_SPACE": True, "TAG": "_SP"}]], {"POS": "SPACE"})
    text = ("Police said he told reporters the ferry returned to port on Tuesday. Officials reread the reports and "
            "rejected the claims.\n\nThe rescuers renewed their search, a spokesman said.")
    texts = [text, text.upper(), text.replace(".", "").replace(",", ""), text.replace(" ", " 🔥 ", 3),
             "Die Polizei sagte am Dienstag, die Fähre sei zurückgekehrt.", "he reread it  twice"]
    attrs = list(Doc._get_array_attrs())
    full = [d.to_array(attrs) for d in nlp.pipe(texts)]
    rules = TokenRules.of(nlp)
    assert rules is not None and rules._reading is not None
    for _ in range(2):
        fast = rules.apply_many(list(nlp.pipe(texts, disable=rules.names)), attrs)
        assert all(np.array_equal(a, b) for a, b in zip(full, fast, strict=True))
    assert 0 < len(rules._ruled) < len(rules._known)
