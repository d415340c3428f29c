"""The HTTP API over real HTTP: ``storycheck serve`` (uvicorn) on 127.0.0.1, a real store file."""

from __future__ import annotations

import json
import socket
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from storyhelp import EXTRA_TEXT, Server, create_key, example_documents, fresh_pg, pg_url, wait_ready

from storycheck.report import validate


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("api") / "api.db")
    key = create_key(db)
    srv = Server(db, "--no-example", "--max-body-mb", "1", "--max-documents", "20")
    srv.key = key
    yield srv
    srv.stop()


@pytest.fixture()
def anon(server):
    with httpx.Client(base_url=server.base, timeout=60) as c:
        yield c


@pytest.fixture()
def client(server):
    with httpx.Client(base_url=server.base, timeout=60, headers={"Authorization": f"Bearer {server.key}"}) as c:
        yield c


def error(r: httpx.Response, status: int, code: str) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["error"]["code"] == code, body
    assert body["error"]["message"]
    return body


def test_openapi_and_health(anon):
    spec = anon.get("/openapi.json").json()
    assert "/api/stories" in spec["paths"] and "/api/stories/{ref}/report" in spec["paths"]
    assert anon.get("/api/health").json()["ok"] is True


def test_writes_need_a_valid_key(server, anon):
    body = {"name": "nope", "documents": []}
    r = error(anon.post("/api/stories", json=body), 401, "E511")
    assert "keys create" in r["error"]["message"]
    assert anon.post("/api/stories", json=body).headers["www-authenticate"] == "Bearer"
    error(anon.post("/api/stories", json=body, headers={"Authorization": "Basic abc"}), 401, "E511")
    error(anon.post("/api/stories", json=body, headers={"Authorization": "Bearer"}), 401, "E511")
    error(anon.post("/api/stories", json=body, headers={"Authorization": "Bearer sc_wrong"}), 401, "E511")
    error(anon.delete("/api/stories/1"), 401, "E511")
    error(anon.post("/api/stories/1/documents", json={"documents": [{"text": "x"}]}), 401, "E511")
    assert anon.get("/api/stories").status_code == 200  # reads are open by default


def test_bad_requests_are_4xx(client):
    headers = {"Content-Type": "application/json"}
    error(client.post("/api/stories", content=b"{not json", headers=headers), 400, "E510")
    error(client.post("/api/stories", content=b"", headers=headers), 422, "E510")
    error(client.post("/api/stories", json={"documents": []}), 422, "E510")  # no name
    error(client.post("/api/stories", json={"name": "x", "documents": "abc"}), 422, "E510")
    error(client.post("/api/stories", json={"name": "x", "extra": 1}), 422, "E510")
    error(client.post("/api/stories", json={"name": "x", "documents": [{"text": "a", "html": "b"}]}), 422, "E510")
    error(client.post("/api/stories", json={"name": "x" * 201}), 422, "E510")
    error(client.post("/api/stories", json={"name": "12345"}), 400, "E510")  # digits are ids
    error(client.post("/api/stories", json={"name": "x", "documents": [{"text": "   "}]}), 422, "E102")
    german = "Die Hafenarbeiter streiken seit Montag und die Schiffe warten vor der Küste auf ihre Abfertigung " * 3
    error(client.post("/api/stories", json={"name": "x", "documents": [{"text": german}]}), 422, "E107")
    error(client.get("/api/stories", params={"limit": 0}), 422, "E510")
    error(client.get("/api/stories", params={"limit": "many"}), 422, "E510")
    error(client.get("/api/stories", params={"sort": "random"}), 422, "E510")
    error(client.get("/api/no-such-thing"), 404, "E404")
    error(client.put("/api/stories"), 405, "E405")
    assert all(s["name"] != "x" for s in client.get("/api/stories").json()["items"])


def test_oversized_bodies_are_refused(server, client):
    big = {"name": "big", "documents": [{"text": "word " * 300_000}]}  # 1.5 MB, limit 1 MB
    error(client.post("/api/stories", json=big), 413, "E512")
    # the same without Content-Length (chunked): refused once it passes the limit
    chunks = (b"x" * 65536 for _ in range(40))
    r = client.post("/api/stories", content=chunks, headers={"Content-Type": "application/json"})
    error(r, 413, "E512")
    # a lying Content-Length never gets further than the limit either
    with socket.create_connection(("127.0.0.1", server.port)) as s:
        s.sendall(b"POST /api/stories HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: 99999999\r\n\r\n{")
        assert s.recv(200).startswith(b"HTTP/1.1 413")


def test_unknown_ids_and_reports_not_ready(client):
    error(client.get("/api/stories/999999"), 404, "E501")
    error(client.get("/api/stories/no such story"), 404, "E501")
    error(client.get("/api/stories/999999/report"), 404, "E501")
    error(client.delete("/api/stories/999999"), 404, "E501")
    error(client.post("/api/stories/999999/documents", json={"documents": [{"text": EXTRA_TEXT}]}), 404, "E501")
    r = client.post("/api/stories", json={"name": "lonely", "documents": [{"text": EXTRA_TEXT}]})
    assert r.status_code == 201 and r.json()["story"]["status"] == "waiting"
    body = error(client.get(f"/api/stories/{r.json()['story']['id']}/report"), 409, "E505")
    assert "two documents" in body["error"]["message"]
    error(client.post("/api/stories", json={"name": "lonely"}), 409, "E503")


def test_create_compute_read_and_delete(client, anon):
    r = client.post("/api/stories", json={"name": "dock strike", "documents": example_documents()})
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["added"] == ["coastal-herald", "daily-ledger", "northwire"]
    story = wait_ready(anon, created["story"]["id"])
    assert story["status"] == "ready" and story["counts"]["conflict"] == 9
    report = anon.get(created["links"]["report"]).json()
    validate(report)
    assert report["summary"]["documents"] == 3
    listing = anon.get("/api/stories", params={"sort": "conflicts"}).json()
    assert listing["items"][0]["name"] == "dock strike"
    assert anon.get("/api/stories", params={"q": "dock", "limit": 1}).json()["total"] == 1
    # adding a text the story has: 200, nothing added, no recompute
    again = client.post(f"/api/stories/{story['id']}/documents", json={"documents": example_documents()[:1]})
    assert again.status_code == 200 and again.json()["added"] == [] and len(again.json()["duplicates"]) == 1
    assert client.delete(f"/api/stories/{story['id']}").status_code == 204
    error(client.get(f"/api/stories/{story['id']}"), 404, "E501")


def test_upload_files(client, anon, tmp_path):
    files = [("files", (p["id"] + ".txt", p["text"].encode(), "text/plain")) for p in example_documents()[:2]]
    files.append(("files", ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "image/png")))
    r = client.post("/api/stories/upload", data={"name": "uploaded"}, files=files)
    assert r.status_code == 201, r.text
    assert [n["code"] for n in r.json()["notices"]] == ["E110"]
    assert wait_ready(anon, r.json()["story"]["id"])["status"] == "ready"
    empty = client.post("/api/stories/upload", data={"name": "empty"}, files=[("files", ("a.txt", b"", "text/plain"))])
    error(empty, 422, "E201")
    # each skipped upload said as everywhere else, [code] input: message (it read "a.txt: [E102] ...")
    assert "no readable file ([E102] a.txt: the document is empty)" in empty.json()["error"]["message"]
    error(client.post("/api/stories/upload", data={"name": "no files"}), 422, "E510")


def test_too_many_documents(client):
    docs = [{"text": EXTRA_TEXT + f" Day {i}."} for i in range(21)]
    error(client.post("/api/stories", json={"name": "crowd", "documents": docs}), 422, "E506")


def _concurrent_adds(base: str, key: str) -> None:
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=base, timeout=120, headers=headers) as c:
        r = c.post("/api/stories", json={"name": "busy", "documents": example_documents()[:1]})
        assert r.status_code == 201, r.text
        sid = r.json()["story"]["id"]
        texts = [EXTRA_TEXT + f" It was day {i} of the strike." for i in range(10)]

        def post(i: int) -> httpx.Response:
            body = {"documents": [{"id": f"r{i % 10}", "text": texts[i % 10]}]}
            return c.post(f"/api/stories/{sid}/documents", json=body)

        with ThreadPoolExecutor(max_workers=10) as pool:
            results = list(pool.map(post, range(20)))  # every text twice, at once
        assert all(r.status_code in (200, 201) for r in results), [(r.status_code, r.text[:300]) for r in results if r.status_code not in (200, 201)]
        assert sum(len(r.json()["added"]) for r in results) == 10
        story = wait_ready(c, sid)
        assert story["status"] == "ready" and story["documents"] == 11
        hashes = [d["hash"] for d in story["document_list"]]
        assert len(hashes) == len(set(hashes)) == 11
        report = c.get(f"/api/stories/{sid}/report").json()
        assert report["summary"]["documents"] == 11  # the report covers the last write


def test_concurrent_writes_to_one_story_sqlite(server):
    _concurrent_adds(server.base, server.key)


def test_concurrent_writes_to_one_story_postgresql():
    db = fresh_pg(pg_url())
    key = create_key(db)
    srv = Server(db, "--no-example")
    try:
        _concurrent_adds(srv.base, key)
    finally:
        srv.stop()


def test_closed_reads(tmp_path):
    db = str(tmp_path / "closed.db")
    key = create_key(db)
    srv = Server(db, "--no-example", "--closed-reads")
    try:
        with httpx.Client(base_url=srv.base, timeout=30) as c:
            error(c.get("/api/stories"), 401, "E511")
            assert c.get("/", follow_redirects=False).status_code == 401
            assert c.get("/api/stories", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    finally:
        srv.stop()


def test_json_is_utf8(client):
    r = client.post("/api/stories", content=json.dumps({"name": "Café ☕"}).encode(), headers={"Content-Type": "application/json"})
    assert r.status_code == 201 and r.json()["story"]["name"] == "Café ☕"


def test_upload_notices_name_the_upload_not_the_servers_temporary_path():
    """The notice of a bad upload named the server's temporary folder in its message; it names the upload."""
    from storycheck.serve.api import read_uploads

    _, notices = read_uploads([("a.txt", b""), ("c.jsonl", b"{bad\n")], 1_000_000)
    assert [(n.input, n.code) for n in notices] == [("a.txt", "E102"), ("c.jsonl", "E108")]
    assert str(notices[0]) == "[E102] a.txt: the document is empty"
    assert not any("storycheck-upload" in str(n) for n in notices)
