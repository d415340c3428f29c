"""A circumstance moved from one event to another (``roles._moved_circumstances``): the text gives a verb a
place or a date the sources give only to another event, while they give the verb a value of its own in
that slot. Hand-written texts; the source's own value stands far from the sentence the text aligns with, so
the role check of aligned sentences does not see it."""

from __future__ import annotations

from storycheck.check import check
from storycheck.records import Document

TRANSFER = (
    "Ben Carter is not ready to move to Chelsea at this stage of his career, his agent said on Monday. "
    "The winger has scored nine goals this season. His manager praised his work rate after the derby. "
    "The club has offered him a new contract worth twice his current wages. Asked about his future during a "
    "charity visit to a primary school on Thursday, the 21-year-old told reporters he would like nothing more "
    "than to stay at Everton for many years."
)
CHARGE = (
    "Maria Lopez was questioned by detectives in Lisbon on Friday after a search of her flat. Officers seized "
    "two laptops and a phone. Her lawyer called the search unlawful and said she would complain to the courts. "
    "Prosecutors later charged the 45-year-old accountant with fraud on Sunday, a police spokesman told local "
    "television."
)


def _roles(source: str, text: str) -> list[dict[str, str]]:
    report = check([Document("source", source)], Document("text", text))
    return [{s.doc: s.text for s in f.evidence} for f in report.findings if f.kind == "conflict" and f.type == "role"]


def test_a_place_of_another_event_is_named() -> None:
    # the article puts Chelsea with "move to", and gives "stay" a place of its own: Everton
    found = _roles(TRANSFER, "Ben Carter should stay at Chelsea at this stage of his career, his agent said.")
    assert {"text": "Chelsea", "source": "Everton"} in found, found


def test_a_date_of_another_event_is_named() -> None:
    # Friday is the day of the questioning; the charge has a day of its own
    found = _roles(CHARGE, "Maria Lopez was charged in Lisbon on Friday after a search of her flat.")
    assert {"text": "Friday", "source": "Sunday"} in found, found


def test_the_events_own_circumstance_is_no_conflict() -> None:
    assert not _roles(TRANSFER, "Ben Carter should stay at Everton, his agent said.")
    assert not _roles(CHARGE, "Maria Lopez was questioned in Lisbon on Friday after a search of her flat.")


def test_not_when_the_sources_give_the_event_that_value_too() -> None:
    source = TRANSFER + " Carter trained at Chelsea as a boy before he moved north."
    assert not _roles(source, "Ben Carter trained at Chelsea, his agent said on Monday.")


def test_not_when_the_sources_join_the_two_values() -> None:
    # "to Paris and Rome": the source links the two places, and the trip went to both
    source = ("Minister Anna Weber travelled to Paris and Rome in May for talks on energy prices. Her aides said the "
              "talks went well. Critics called the trip a waste of money. On the last day she met the Pope in Rome, "
              "her spokesman said.")  # fmt: skip
    assert not _roles(source, "Anna Weber travelled to Rome in May for talks on energy prices.")


def test_not_when_the_other_event_is_a_synonym() -> None:
    # "halted" and "stopped" are one act (lexicon.SYNONYMS): Tuesday moved between them is the same event
    source = ("Workers halted production at the Leeds plant on Tuesday after a fire. Nobody was hurt in the blaze. "
              "The company said it would review safety across its sites. Production was stopped again on Friday "
              "while engineers checked the wiring.")  # fmt: skip
    assert not _roles(source, "Production was stopped at the Leeds plant on Tuesday after a fire.")


def test_not_when_the_source_uses_the_verb_of_another_event() -> None:
    # "returned to training" and "return to league action": two events of one verb, each with its own day
    source = ("It was business as usual for the reserves on Wednesday as they returned to training a day after the "
              "derby. Fans queued for tickets all morning. The manager spoke about injuries before the press. The first "
              "team return to league action on Saturday against Leeds at Elland Road.")  # fmt: skip
    assert not _roles(source, "The reserves returned to training on Wednesday, a day after the derby.")


def test_not_when_a_source_writes_one_place_within_the_other() -> None:
    # Ishpeming is in Michigan ("Ishpeming, Michigan"): "visiting relatives in Michigan" is the same place at another
    # scale, neither a place of another event nor another value of the aligned sentence's slot (base flagged it)
    source = ("The two sisters had been visiting relatives in Ishpeming, in another part of the peninsula, before their "
              "car got stuck in snow. They ate biscuits and melted snow for water. Their families had reported them "
              "missing. State police found the pair in Michigan on Friday near Lake Superior. 'It was hugs all "
              "around,' said a trooper from the post in Ishpeming, Michigan.")  # fmt: skip
    assert not _roles(source, "The two sisters had been visiting relatives in Michigan before their car got stuck.")


FILLER = (" Local newspapers covered the visit at length. The weather was mild for the time of year. Several charities "
          "issued statements of support. A spokesman declined to give further details. ")


def test_not_when_the_place_is_where_a_journey_went() -> None:
    # "flew to Fatima" / "travelled to Warsaw": the traveller is there afterwards, so the text's arrival there is no
    # event moved from the journey; the source's own place of the verb (arrived in Lisbon, in Kyiv) is another stop
    pope = ("Pope Francis arrived in Lisbon on Wednesday for World Youth Day, greeted by cheering crowds." + FILLER
            + "On Friday the pope flew to Fatima, where he prayed with sick people at the shrine.")  # fmt: skip
    assert not _roles(pope, "Pope Francis arrived in Fatima, where he prayed with sick people at the shrine.")
    visit = ("President Biden arrived in Kyiv on Monday in a surprise visit." + FILLER
             + "On Tuesday Biden travelled to Warsaw, where he gave a speech at the Royal Castle.")  # fmt: skip
    assert not _roles(visit, "Biden arrived in Warsaw, where he gave a speech at the Royal Castle.")


def test_not_when_the_sources_give_the_verb_several_values() -> None:
    # the band played in Dublin and will play in Belfast: "play" is several events in the article, so Cork (where
    # it travelled) is not shown to be another event's place by either of them
    tour = ("The band played in Dublin on Friday to a sell-out crowd." + FILLER
            + "They travelled by coach to Cork on Saturday. The band will play in Belfast on Sunday.")  # fmt: skip
    assert not _roles(tour, "The band played in Cork to a sell-out crowd.")


def test_a_date_of_a_journey_is_still_another_events() -> None:
    # the journey guard is for places: the day of the flight is not the day of what followed it
    visit = ("On Saturday the chancellor flew to Shanghai after talks with Chinese leaders." + FILLER
             + "Her aides said she was tired. She met students at Fudan University on Sunday.")  # fmt: skip
    report = check([Document("source", visit)], Document("text", "The chancellor flew to Shanghai on Sunday."))
    found = [{s.doc: s.text for s in f.evidence} for f in report.findings if f.kind == "conflict"]
    assert {"text": "Sunday", "source": "Saturday"} in found, found


def test_a_journeys_destination_is_no_place_of_what_befell_it() -> None:
    # the jet was flying to Düsseldorf and crashed in the Alps: "crashed in Düsseldorf" moves the journey's place
    # onto the crash (the journey guard is for a text verb of a journey only)
    crash = ("The airliner crashed in the French Alps on Tuesday morning, killing all 150 people on board." + FILLER
             + "The jet had been flying to Düsseldorf from Barcelona when it lost height.")  # fmt: skip
    found = _roles(crash, "The airliner crashed in Düsseldorf on Tuesday, killing all 150 people on board.")
    assert any(f.get("text") == "Düsseldorf" for f in found), found
