"""Session 34 (wt-revl34): a hostile review of wt-lin34's lineage changes. Each test fails on main at c4ae653.
News sentences written for these tests."""

from __future__ import annotations

import itertools

from storycheck import compare
from storycheck.records import Document
from storycheck.report import to_dict, validate

MINE = [
    "A gas blast at a mine near Tarnow trapped 5 miners on Tuesday, the regional rescue service said.",
    "Rescuers reached the shaft shortly after 4 a.m. on March 3 and began pumping fresh air to the lower levels.",
    "Relatives gathered at the gates of the mine through the night as news of the trapped men spread.",
    "The owner, Kopex Mining, said repairs would cost $5m and that it was cooperating fully with inspectors.",
]


def _changed(wire: str, copy: str) -> set[tuple[str, str]]:
    """Each order of the two reports: the changed words of the likely-source edge, as (doc, text); the spans index
    each text exactly and the report validates."""
    seen = []
    for given in itertools.permutations([Document("wire", wire), Document("copy", copy)]):
        report = compare(list(given), embedder="none")
        validate(to_dict(report))
        texts = {d.id: d.text for d in report.documents}
        [edge] = [e for e in report.lineage if e.likely_source]
        assert len(edge.changed) == len(edge.changed_from)
        for s in edge.changed + edge.changed_from:
            assert texts[s.doc][s.start : s.end] == s.text, s
        seen.append({(s.doc, s.text) for s in edge.changed + edge.changed_from})
    assert seen[0] == seen[1], seen
    return seen[0]


def test_a_figure_written_another_way_is_no_changed_fact():
    """"5" / "five", "$5m" / "$5 million", "5,000" / "5000" are one figure each (``quantities.figures_in``); lin34's
    ``_changes`` marked each as a change ("wire gives “5” where copy gives “five”"), a fact that was not changed.
    A figure that did change stays marked."""
    wire = "\n\n".join(MINE)
    assert _changed(wire, wire.replace("trapped 5 miners", "trapped five miners")) == set()
    assert _changed(wire, wire.replace("$5m", "$5 million")) == set()
    assert _changed(wire.replace("5 miners", "5,000 miners"), wire.replace("5 miners", "5000 miners")) == set()
    assert _changed(wire, wire.replace("trapped 5 miners", "trapped 15 miners")) == {("wire", "5"), ("copy", "15")}
    ordinal = wire.replace("The owner,", "The owner, in its 12th year,")
    assert _changed(ordinal, ordinal.replace("12th", "twelfth")) == set()
    assert _changed(ordinal, ordinal.replace("12th", "13th")) == {("wire", "12th"), ("copy", "13th")}


def test_a_day_or_month_changed_in_words_is_a_changed_fact():
    """"on Tuesday" -> "on Wednesday", "March 3" -> "Sept. 3": a date named in words is a fact as a figure is;
    lin34 marked only the figure of "5 ... Tuesday" -> "7 ... Wednesday" and nothing of the month."""
    wire = "\n\n".join(MINE)
    two = wire.replace("trapped 5 miners on Tuesday", "trapped 7 miners on Wednesday")
    assert _changed(wire, two) == {("wire", "5"), ("copy", "7"), ("wire", "Tuesday"), ("copy", "Wednesday")}
    assert _changed(wire, wire.replace("on March 3", "on Sept. 3")) == {("wire", "March"), ("copy", "Sept")}


def test_a_name_with_and_without_its_accents_is_no_changed_fact():
    """"Jos\u00e9 Alvarez" and "Jose Alvarez" are one name spelt two ways: lin34 marked it a changed name."""
    wire = "\n\n".join([*MINE, "The mine's director, Jos\u00e9 Alvarez, said the men had food and water for two days."])
    assert _changed(wire, wire.replace("Jos\u00e9", "Jose")) == set()


# a wire and its rewrite sentence by sentence (words swapped, nothing added or cut): undated, ``unordered``
QUAKE = [
    "A strong earthquake shook the coastal city of Varna early on Friday, damaging dozens of old buildings.",
    "Residents ran into the streets in their night clothes as walls cracked and windows broke across the centre.",
    "The city's hospitals treated several people for cuts and bruises, but no deaths were reported by noon.",
    "Engineers began checking bridges and schools before classes were due to start again next week.",
]
QUAKE_REWRITTEN = [
    "A powerful earthquake rocked the coastal city of Varna early on Friday, damaging scores of old buildings.",
    "Residents fled into the streets in their night clothes as walls split and windows shattered across the centre.",
    "The city's hospitals treated a few people for cuts and bruises, but no deaths were reported by midday.",
    "Engineers started inspecting bridges and schools before classes were due to resume next week.",
]


def test_the_lineage_tables_draw_no_arrow_for_two_versions_with_no_direction():
    """lin34 made the derivation line of two undated versions of one text say "nothing in them says which came
    first", and the lineage table under it still drew "rewrite → wire ... likely source yes" in every view. The
    tables now draw the pair both ways and answer "yes, no direction"; a dated copy keeps its arrow and "yes"."""
    from storycheck.render.html import to_html
    from storycheck.render.markdown import to_markdown
    from storycheck.render.text import to_text

    wire, rewrite = "\n\n".join(QUAKE), "\n\n".join(QUAKE_REWRITTEN)
    report = compare([Document("wire", wire), Document("rewrite", rewrite)], embedder="none")
    [edge] = [e for e in report.lineage if e.likely_source]
    assert edge.unordered, edge
    md, text, html = to_markdown(report), to_text(report, width=160), to_html(report)
    for view in (md, text, html):
        assert "yes, no direction" in view and "↔" in view
    for view in (md, text):
        assert "wire → rewrite" not in view and "rewrite → wire" not in view, view
    table = html.split('id="lineage"')[1].split("</table>")[0]
    assert "→" not in table.split("</thead>")[1], table
    assert f"| {edge.source} ↔ {edge.derived} |" in md and f"{edge.source} ↔ {edge.derived}" in text
    dated = [Document("wire", wire, published="2026-03-06T06:00:00Z"),
             Document("rewrite", rewrite, published="2026-03-06T08:00:00Z")]
    report = compare(dated, embedder="none")
    md = to_markdown(report)
    assert "| wire → rewrite |" in md and "no direction" not in md, md


def test_validate_reads_old_lineage_and_rejects_changed_words_on_the_wrong_report():
    """An old report (no changed, changed_from, unordered) validates and reads back with none; a report whose
    changed and changed_from are swapped (the source's words given as the derived report's) validated on lin34's
    check (only the two lengths), and the views would then say the derived report gave the source's figure."""
    import copy

    import pytest

    from storycheck.errors import SchemaError
    from storycheck.report import from_dict

    wire = "\n\n".join(MINE)
    report = compare([Document("wire", wire), Document("copy", wire.replace("5 miners", "15 miners"))],
                     embedder="none")
    d = to_dict(report)
    validate(d)
    old = copy.deepcopy(d)
    for e in old["lineage"]:
        for key in ("changed", "changed_from", "unordered"):
            e.pop(key)
    validate(old)
    assert all(not e.changed and not e.unordered for e in from_dict(old).lineage)
    swapped = copy.deepcopy(d)
    [e] = [e for e in swapped["lineage"] if e["likely_source"]]
    assert e["changed"]
    e["changed"], e["changed_from"] = e["changed_from"], e["changed"]
    with pytest.raises(SchemaError, match=r"changed.*not the edge.s derived"):
        validate(swapped)
