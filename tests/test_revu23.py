"""Session 23's review of wt-user23 (revu23): the quotes table's speakers and ``write_atomic``'s modes."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from storycheck.core import compare_documents
from storycheck.records import Document

LEAD = "The Supreme Court struck down the fuel levy on Tuesday. "


def _rows(*reports: tuple[str, str]) -> tuple[set[tuple[str | None, tuple[str, ...]]], list[str]]:
    report = compare_documents([Document(name, LEAD + text) for name, text in reports], embedder="none")
    rows = {(q.speaker, tuple(q.documents)) for q in report.quotes if "never lawful" in q.text}
    return rows, [f.type for f in report.findings]


def test_two_people_whose_names_look_alike_are_two_rows_as_the_finding_beside_them_says():
    """"John Smith" / "Jane Smith" score 80 by the names' words alone, the table's threshold: one row, credited to
    John Smith with both reports, while the judge (which tells them apart by the story's entity clusters) said
    the same words were credited to two people. The table now asks the judge's own rule, clusters first."""
    rows, found = _rows(("a", '"This levy was never lawful," said John Smith, the lawyer.'),
                        ("b", '"This levy was never lawful," said Jane Smith, the lawyer.'))  # fmt: skip
    assert "quote_attribution" in found
    assert rows == {("John Smith", ("a",)), ("Jane Smith", ("b",))}
    rows, _ = _rows(("a", '"This levy was never lawful," said Daniel Mwangi, the lawyer.'),
                    ("b", '"This levy was never lawful," Mwangi said.'))  # fmt: skip
    assert rows == {("Daniel Mwangi", ("a", "b"))}  # one person named two ways: still one row


def test_a_surname_first_does_not_join_two_people_of_that_name_in_one_row():
    """A row was compared with its first speaker only: "Mwangi" first, then "Daniel Mwangi" and "Grace Mwangi"
    both matched "Mwangi", and the table credited the three reports' words to one person. A quote now joins a
    row only if it has the speaker of every quote the row holds."""
    rows, found = _rows(("a", '"This levy was never lawful," Mwangi said.'),
                        ("b", '"This levy was never lawful," said Daniel Mwangi, the lawyer.'),
                        ("c", '"This levy was never lawful," said Grace Mwangi, the lawyer.'))  # fmt: skip
    assert "quote_attribution" in found
    assert not [docs for _, docs in rows if "b" in docs and "c" in docs]
    assert sorted(d for _, docs in rows for d in docs) == ["a", "b", "c"]


def test_a_report_is_written_where_the_file_system_refuses_modes(tmp_path: Path, monkeypatch):
    """``write_atomic`` set the draft's mode with ``fchmod``, which a FAT memory stick or a network share
    mounted without Unix modes refuses (EPERM): every ``--out`` there failed with E700, where it was written
    before modes were set. The mode is now set where it can be."""
    from storycheck import files

    def refuse(fd: int, mode: int) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(files.os, "fchmod", refuse)
    files.write_atomic(tmp_path / "page.html", "<p>x</p>")
    assert (tmp_path / "page.html").read_text(encoding="utf-8") == "<p>x</p>"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]


@pytest.mark.skipif(os.name != "posix", reason="Unix modes")
def test_a_report_written_over_a_set_user_id_file_keeps_its_permissions_not_the_set_id_bits(tmp_path: Path):
    """The replaced file's whole mode was kept, its set-user-ID and set-group-ID bits too: a report written over
    a program became a set-user-ID file (a write in place clears those bits). Only the permissions are kept."""
    from storycheck.files import write_atomic

    target = tmp_path / "report.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o4750)
    write_atomic(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o750
    assert target.read_text(encoding="utf-8") == "new"
