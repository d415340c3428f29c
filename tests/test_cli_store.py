"""``storycheck add / stories / show / keys`` as real processes on a real SQLite file."""

from __future__ import annotations

import json
import os
import subprocess

from storyhelp import EXAMPLE, STORYCHECK

from storycheck.core import compare_documents
from storycheck.ingest import read
from storycheck.report import summary, validate


def run(db, *args, check=True):
    env = os.environ | {"STORYCHECK_DB": str(db), "COLUMNS": "160"}
    out = subprocess.run([STORYCHECK, *args], env=env, capture_output=True, text=True, timeout=300)
    if check:
        assert out.returncode == 0, out.stderr
    return out


def test_add_stories_show(tmp_path):
    db = tmp_path / "cli.db"
    out = run(db, "add", str(EXAMPLE), "--story", "dock strike")
    assert "created story dock strike" in out.stderr
    by = summary(compare_documents(read([EXAMPLE])[0]))["by_kind"]  # the engine's own count, in the same process
    assert by["conflict"] == 9
    assert out.stdout.strip() == (
        f"dock strike: 3 documents · {sum(by.values())} findings: {by['conflict']} conflicts, {by['partial']} partial, "
        f"{by['single_source']} single-source, {by['corroborated']} corroborated"
    )
    again = run(db, "add", str(EXAMPLE / "northwire.txt"), "--story", "dock strike")
    assert "0 added, 1 already there" in again.stderr
    listed = [json.loads(line) for line in run(db, "stories", "--json").stdout.splitlines()]
    assert [(s["name"], s["documents"], s["counts"]["conflict"]) for s in listed] == [("dock strike", 3, 9)]
    assert "dock strike" in run(db, "stories", "--sort", "updated").stdout
    report = json.loads(run(db, "show", "dock strike", "--format", "json").stdout)
    validate(report)
    assert report["summary"]["by_kind"]["conflict"] == 9
    run(db, "show", "1", "--format", "html", "--out", str(tmp_path / "page.html"))
    assert "<mark" in (tmp_path / "page.html").read_text()
    assert "Conflicts" in run(db, "show", "dock strike", "--format", "md").stdout


def test_errors_and_keys(tmp_path):
    db = tmp_path / "cli.db"
    missing = run(db, "show", "nothing", check=False)
    assert missing.returncode == 1 and "[E501]" in missing.stderr
    bad = run(db, "add", str(tmp_path / "nope.txt"), "--story", "x", check=False)
    assert bad.returncode == 1 and "E101" in bad.stderr
    # no readable input: coded and naming the inputs, as check says it (it printed neither)
    assert f"[E201] {tmp_path / 'nope.txt'}: nothing to compare: no readable document" in " ".join(bad.stderr.split())
    secret = run(db, "keys", "create", "ci bot").stdout.strip()
    assert secret.startswith("sc_") and len(secret) > 40
    listed = run(db, "keys", "list").stdout
    assert "ci bot" in listed and secret not in listed and "active" in listed
    assert "revoked key 1" in run(db, "keys", "revoke", "1").stdout
    assert "revoked" in run(db, "keys", "list").stdout
    assert run(db, "keys", "revoke", "7", check=False).returncode == 1
    unreachable = run(tmp_path, "stories", "--db", "postgresql://nobody:x@127.0.0.1:1/none", check=False)
    assert unreachable.returncode == 1 and "[E502]" in unreachable.stderr
    (tmp_path / "not-a.db").write_bytes(b"\x7fELF" + bytes(range(256)) * 16)  # a file that is no database
    wrong = run(tmp_path, "stories", "--db", str(tmp_path / "not-a.db"), check=False)  # (a traceback before)
    assert wrong.returncode == 1 and "[E502]" in wrong.stderr and "not a database" in wrong.stderr
    assert "Traceback" not in wrong.stderr
