"""The rules that keep two same-kind events apart: what the lead says of the event (who, which day, which
figures), names shared both ways and only the ones a story's reports have in common, and page chrome that
must not be read as the lead."""

from __future__ import annotations

from storycheck.cluster import ClusterSettings, StoryIndex, _lead_slots, cluster, featurize
from storycheck.records import Document


class _Flat:
    """A stand-in embedder: every text gets the same vector, so only terms, names and slots decide."""

    name = "flat"

    def encode(self, texts):  # noqa: ANN001, ANN201
        import numpy as np

        return np.ones((len(texts), 8), dtype=np.float32) / np.sqrt(8)


def test_lead_slots_read_who_which_day_and_figures():
    slots = _lead_slots("The ferry Marta sank on Lake Orvo on Tuesday; eleven of 1,240 passengers died, 3.5 km out.", True)
    assert {"d:tuesday", "#:11", "#:1240", "#:3.5", "n:marta", "n:orvo"} <= slots
    assert "n:lake" in slots and not any(s.startswith("n:the") for s in slots)
    # lower-cased text (a machine summary): capitals say nothing, so no names (nor days, read as news text
    # writes them); figures still count
    lower = _lead_slots("the ferry marta sank on lake orvo on tuesday, killing eleven.", False)
    assert lower == {"#:11"}


def test_page_chrome_is_not_the_lead():
    body = "The ferry Marta sank on Lake Orvo on Tuesday, the harbour master Ilse Varga said."
    chrome = "Share this withEmailFacebookMessengerTwitterPinterestWhatsAppLinkedinCopy this link" + body
    video = "Media playback is not supported on this device" + body
    plain, *dressed = featurize([Document("a", body), Document("b", chrome), Document("c", video)], embedder=_Flat())
    for f in dressed:
        assert f.terms == plain.terms and f.lead == plain.lead and f.names == plain.names


FIRST = (
    "A passenger ferry capsized on Lake Orvo near the port of Selmik on Tuesday, and twelve people drowned, the "
    "coastguard said. Captain Ilse Varga was questioned by the Orvo harbour police. Rescue boats from Selmik "
    "searched the cold water for survivors of the ferry through the night."
)
AGAIN = (
    "Twelve people drowned when a ferry overturned on Tuesday on Lake Orvo close to Selmik, according to the "
    "coastguard. Harbour police in Orvo questioned Captain Ilse Varga while rescue boats searched the water."
)
OTHER = (
    "On Sunday 40 passengers died when an overloaded ferry sank in a storm on Lake Orvo near Selmik. The coastguard "
    "said Captain Tomas Brandl survived and was taken to hospital."
)


def test_same_kind_events_with_other_day_toll_and_captain_stay_apart():
    """Two ferry sinkings at one port share the place, the agency and the wording; their leads differ in the
    day, the toll and the captain. Two reports of one sinking agree on them."""
    first, again, other = Document("orvo-1a", FIRST), Document("orvo-1b", AGAIN), Document("orvo-2", OTHER)
    index = cluster([first, other, again])
    assert index.story_of["orvo-1a"] == index.story_of["orvo-1b"]
    assert index.story_of["orvo-2"] != index.story_of["orvo-1a"]
    # without the lead slots, the shared place, agency and wording join them
    loose = cluster([first, other, again], ClusterSettings(lead_weight=0.0, slot_penalty=0.0))
    assert loose.story_of["orvo-2"] == loose.story_of["orvo-1a"]


def test_a_slot_the_story_does_not_give_is_no_conflict():
    """A weekday or a figure counts against only when the story's reports give one of that kind."""
    settings = ClusterSettings(lead_weight=0.0, slot_penalty=0.1)
    index = StoryIndex(settings)
    index.add_features(featurize([Document("s", "The ferry Marta sank on Lake Orvo, the coastguard said.")], settings))
    story = index.story_of["s"]
    assert index._slot_evidence({"d:sunday", "#:40"}, story) == 0.0
    index = StoryIndex(settings)
    index.add_features(featurize([Document("s", "The ferry Marta sank on Lake Orvo on Tuesday; 12 drowned.")], settings))
    assert index._slot_evidence({"d:sunday", "#:40"}, story) == -0.2  # both kinds disagree
    assert index._slot_evidence({"d:tuesday", "#:40"}, story) == -0.1
    assert index._slot_evidence({"d:tuesday", "#:12", "#:40"}, story) == 0.0  # one figure in common is enough


def test_story_names_are_those_its_reports_share():
    """A name one report of a big story mentions in passing does not make the story "name" it."""
    settings = ClusterSettings(core_share=0.34)  # a name of the story: in at least 2 of its 6 reports
    index = StoryIndex(settings)
    docs = [
        Document(f"r{i}", f"Mayor Ilse Varga opened the Selmik bridge over the Orvo on Tuesday, report {i} said.")
        for i in range(6)
    ]
    docs[0] = Document("r0", docs[0].text + " Tomas Brandl watched.")
    index.add_features(featurize(docs, settings, _Flat()))
    story = index.story_of["r1"]
    assert all(index.story_of[d.id] == story for d in docs)
    assert index._name_share(["varga", "selmik"], story) == 1.0
    assert index._name_share(["brandl"], story) == 0.0  # one report of six: not a name of the story
    assert index._name_share(["brandl"], story) is not None


def test_words_no_other_article_has_do_not_crowd_out_the_lookup():
    """An article full of words found nowhere else (typos, glued page text, rare names) still looks its story
    up by the rare words it does share: a word only it has cannot find another story."""
    from storycheck.cluster import _Idf

    settings = ClusterSettings(query_terms=8)
    index = StoryIndex(settings)
    known = "The Brennick dam above Ostra cracked and the Velmar valley was flooded, engineer Oksana Tirel said."
    index.add_features(featurize([Document("known", known)], settings, _Flat()))
    unique = " ".join(f"zor{chr(97 + i)}quent" for i in range(20))  # 20 words no other article has
    new = featurize([Document("new", f"{unique}. Brennick dam at Ostra: Velmar flooded, Tirel said.")], settings, _Flat())[0]
    index.df.update(new.terms.keys())
    index.n_docs += 1
    index._idf_cache = _Idf(index.df, index.n_docs)
    found = [idx for idx, _ in index._lookup(index._top_terms(new.terms))]
    assert index.story_of["known"] in found
