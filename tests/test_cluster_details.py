"""Typed details (storycheck.details): a figure with what it counts (a magnitude, a route, the 11th
Doctor, a sum of money, a date) read from the lead, and a conflict when two reports give the same slot with
values that disagree. A conflict keeps two same-kind events apart; a paraphrase that gives the same details
(or rounds them) still joins."""

from __future__ import annotations

from test_cluster_refine import OTHERS

from storycheck.cluster import ClusterSettings, cluster, featurize
from storycheck.details import conflicts, details, slot_values
from storycheck.records import Document


def values(text: str) -> dict[str, tuple[str, ...]]:
    return slot_values(details(text))


def test_details_are_typed_and_normalised():
    assert "magnitude=5.6" in details("A magnitude-5.6 earthquake struck the island")
    assert "magnitude=5.9" in details("a 5.9 magnitude quake")
    assert "magnitude=6.1" in details("a 6.1 Richter quake")
    assert not details("a quake that killed 12 people at 5:11 p.m.")  # counts and times drift: not read
    assert details("Matt Smith will be the eleventh Doctor") == details("Matt Smith will be the 11th Doctor")
    assert "doctor=#11" in details("the 11th Doctor")
    assert not details("for the first time in the second half")  # an ordinal of nothing the event is
    assert values("thieves took $2.6 million")["money"] == values("2.6 million dollars were taken")["money"]
    assert values("jewels worth £1.7m")["money"] == ("1.7e+06",)
    assert values("85 million euros ($ 108 million) in diamonds")["money"] == ("1.08e+08", "8.5e+07")
    assert "money" not in values("a $5 ticket")  # prices are not what a story is about
    assert "route=52" in details("crashed on Route 52 near Santee")
    assert values("on Dec. 14")["date"] == values("on December 14th")["date"] == ("dec 14",)


def test_conflicts_need_the_same_slot_with_values_that_disagree():
    quake_a, quake_b = values("a magnitude 5.6 earthquake"), values("a magnitude 5.9 earthquake")
    assert conflicts(quake_a, quake_b) == 1
    assert conflicts(values("a magnitude 6.1 earthquake"), quake_b) == 0  # first readings differ a little
    assert conflicts(values("$102 million in jewels"), values("$108 million in jewels")) == 0  # estimates
    assert conflicts(values("$102 million in jewels"), values("$2.6 million in jewels")) == 1
    assert conflicts(quake_a, values("on Route 52")) == 0  # nothing in common to disagree on
    assert conflicts(values("the eleventh Doctor on Dec. 14"), values("the twelfth Doctor on Dec. 15")) == 2


QUAKE = Document(
    "quake-a1",
    "A magnitude 5.6 earthquake struck Qeshm island in the Persian Gulf on Sunday, damaging homes in several "
    "villages, the Iranian Seismological Center said. Red Crescent teams sent tents and blankets to the island "
    "and the provincial governor said schools would stay closed.",
)
# another quake on the same island, told by another outlet: only its magnitude and wording differ
OTHER_QUAKE = Document(
    "quake-b",
    "Qeshm island was shaken by a magnitude 5.9 earthquake on Sunday. The Iranian Seismological Center said "
    "homes in several villages of the Persian Gulf island were damaged; the governor closed schools and the "
    "Red Crescent sent tents.",
)
# a rewording of the first report with its magnitude
PARAPHRASE = Document(
    "quake-a2",
    "Homes were damaged in several villages on Qeshm island in the Persian Gulf when a 5.6-magnitude quake hit "
    "on Sunday, according to the Iranian Seismological Center. The provincial governor closed schools while Red "
    "Crescent teams brought tents and blankets.",
)


def test_a_typed_detail_keeps_two_same_kind_events_apart():
    docs = [*OTHERS, QUAKE, OTHER_QUAKE]
    f = {x.id: x for x in featurize(docs)}
    assert conflicts(slot_values(f["quake-a1"].details), slot_values(f["quake-b"].details)) == 1
    index = cluster(docs)
    assert index.story_of["quake-b"] != index.story_of["quake-a1"]
    # without the typed details the same texts are one story: the detail is what keeps them apart
    loose = cluster(docs, ClusterSettings(detail_penalty=0.0))
    assert loose.story_of["quake-b"] == loose.story_of["quake-a1"]


def test_a_paraphrase_with_the_same_details_joins():
    for docs in ([*OTHERS, QUAKE, OTHER_QUAKE, PARAPHRASE], [*OTHERS, PARAPHRASE, OTHER_QUAKE, QUAKE]):
        index = cluster(docs)
        assert index.story_of["quake-a2"] == index.story_of["quake-a1"]
        assert index.story_of["quake-a2"] != index.story_of["quake-b"]
    # a rounded or converted sum agrees: "$108 million" and "85 million euros" are one heist
    heist = [
        Document(
            "heist-1",
            "Armed robbers stole diamonds worth $108 million from the Harry Winston store in Paris "
            "on Thursday, police said, in one of the biggest jewel thefts in French history.",
        ),
        Document(
            "heist-2",
            "Robbers took jewels valued at 85 million euros from the Harry Winston boutique in Paris "
            "on Thursday, in one of the biggest jewel thefts in French history, police said.",
        ),
    ]
    index = cluster([*OTHERS, *heist])
    assert index.story_of["heist-1"] == index.story_of["heist-2"]


def test_details_survive_the_worker_round_trip():
    from storycheck.cluster import _Packed

    features = featurize([*OTHERS, QUAKE, PARAPHRASE])
    back = _Packed.pack(features).unpack()
    assert [f.details for f in back] == [f.details for f in features]
    assert [f.lead for f in back] == [f.lead for f in features]
    assert any(f.details for f in back)


def test_an_index_saved_before_the_newer_settings_loads(tmp_path):
    """A slotted dataclass pickles its fields by position: an index saved by a version without the linkage
    and detail settings keeps its own values for the older fields and takes the defaults for the newer."""
    from dataclasses import fields

    names = [f.name for f in fields(ClusterSettings)]
    older = names[: names.index("seed") + 1]  # the fields of the version before the linkage tests
    state = [0.3 if name == "merge_score" else getattr(ClusterSettings(), name) for name in older]

    class Legacy:  # pickles as an older ClusterSettings did: its fields' values, by position
        def __reduce__(self):  # noqa: ANN204
            return object.__new__, (ClusterSettings,), state

    index = cluster([*OTHERS, QUAKE])
    index.settings = Legacy()  # type: ignore[assignment]
    index.save(tmp_path / "old.pkl")
    loaded = type(index).load(tmp_path / "old.pkl")
    assert loaded.settings.merge_score == 0.3  # its own value, in its own field
    assert loaded.settings.seed == ClusterSettings().seed and loaded.settings.candidates == 8
    assert loaded.settings.detail_penalty == ClusterSettings().detail_penalty  # the newer ones: defaults
    assert loaded.settings.link_members == ClusterSettings().link_members
    loaded.add([PARAPHRASE])
    assert loaded.story_of["quake-a2"] == loaded.story_of["quake-a1"]


def test_only_month_names_make_dates_and_offsets_survive_a_two_character_lower_case():
    # words that start like a month are no month: no false date, no false conflict
    for lead in ("Mars 2 lander lost", "Decade 2 of the war", "Marines 5 killed in Kabul", "Junior 3 won"):
        assert not any(d.startswith("date=") for d in details(lead)), lead
    assert details("Five Marines were killed on March 6") == {"date=mar 6"}
    assert details("Sept. 9 and September 10") == {"date=sep 9", "date=sep 10"}
    # "İ" lower-cases to two characters: the month is still found at the right place
    assert details("Quake hits İstanbul on Dec. 14") == details("Quake hits Istanbul on Dec. 14") == {"date=dec 14"}
    # a figure too long for a float is no detail (inf would disagree with itself)
    assert details("magnitude " + "9" * 400) == frozenset()


def test_the_clustering_dates_are_months_and_days_only():
    (f,) = featurize([Document("d", "Marines 5 were hurt, Mayor 5 said. The Mars 2 probe flew on March 6 and Sept. 9.")])
    assert {y for y in f.years if not y.isdigit()} == {"Mar 6", "Sep 9"}


def test_a_magnitude_of_its_figure_is_read_and_other_magnitudes_are_not():
    assert details("An earthquake with a preliminary magnitude of 4.4 struck near The Geysers") == {"magnitude=4.4"}
    assert details("a quake with a magnitude of 6 shook the coast") == {"magnitude=6"}
    assert not details("the magnitude of 2,000 deaths shocked the region")  # no quake is that strong
    assert not details("the magnitude of 12 failures")
    # a whole figure is a magnitude only with a quake named beside it
    assert details("a magnitude of 5 quake hit") == {"magnitude=5"}
    assert not details("the magnitude of 3 failures was clear")
    assert "magnitude=9" not in details("the magnitude of 9/11 attacks")
    assert "magnitude=2" not in details("the magnitude of 2 million dollars in losses")
    assert "magnitude=300" not in details("The earthquake was felt widely, and the magnitude of 300 deaths shocked officials.")
