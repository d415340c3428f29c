"""Shared helpers of the store, API and browser tests: the PostgreSQL URL, a real server on loopback.

PostgreSQL: the tests use the server named by ``STORYCHECK_TEST_PG`` (``make test`` and ``.ci/run``
install and start Debian's PostgreSQL on 127.0.0.1 and set it). They are skipped only when
``STORYCHECK_SKIP_PG=1``; without either variable they fail, so a missing server is never silent.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "story"
STORYCHECK = str(Path(sys.executable).with_name("storycheck"))


def pg_url() -> str:
    if os.environ.get("STORYCHECK_SKIP_PG") == "1":
        pytest.skip("PostgreSQL tests skipped: STORYCHECK_SKIP_PG=1")
    url = os.environ.get("STORYCHECK_TEST_PG")
    if not url:
        pytest.fail(
            "STORYCHECK_TEST_PG is not set: run `make test` (it starts PostgreSQL on loopback), or "
            "`export STORYCHECK_TEST_PG=$(scripts/test-services.sh)`, or set STORYCHECK_SKIP_PG=1 to skip these tests"
        )
    return url


def fresh_pg(url: str) -> str:
    """Empty the test database (every table, the Alembic version too) so each test starts clean."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()
    return url


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``storycheck serve`` in a subprocess on 127.0.0.1 (a real uvicorn), stopped by ``stop()``."""

    def __init__(self, db: str, *args: str, cwd: Path = ROOT) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = os.environ | {"STORYCHECK_DB": db}
        self.log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"storycheck-serve-{self.port}.log", "w+")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [STORYCHECK, "serve", "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning", *args],
            cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited with {self.proc.returncode}: {self.output()}")
            try:
                with urllib.request.urlopen(self.base + "/api/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"the server did not answer within 60 s: {self.output()}")

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-4000:]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.log.close()


def create_key(db: str, name: str = "tests") -> str:
    out = subprocess.run(
        [STORYCHECK, "keys", "create", name], env=os.environ | {"STORYCHECK_DB": db},
        capture_output=True, text=True, check=True,
    )
    return out.stdout.strip()


def wait_ready(client, story_id: int, timeout: float = 120.0) -> dict:  # noqa: ANN001 - an httpx.Client
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        story = client.get(f"/api/stories/{story_id}").json()
        if story["status"] in ("ready", "failed", "waiting"):
            return story
        time.sleep(0.1)
    raise AssertionError(f"story {story_id} still {story['status']} after {timeout} s")


def example_documents() -> list[dict]:
    """The example story as API documents (plain text, metadata in the text's own header)."""
    return [{"id": p.stem, "text": p.read_text(encoding="utf-8")} for p in sorted(EXAMPLE.glob("*.txt"))]


def dumps(x: object) -> str:
    return json.dumps(x, ensure_ascii=False)


EXTRA_TEXT = (
    "Dockworkers at the port of Valmora stayed off the job for a second day on Tuesday, the union said. "
    "The port authority said that ships were waiting at anchor and that talks would resume on Thursday. "
    "A spokesperson for the employers said they had made a fair offer to the workers and their union."
)


def conflicts(report, kind: str | None = None) -> list:  # noqa: ANN001 - a Report
    """The report's conflict findings, of one type when ``kind`` is given (the judging tests' look-up)."""
    return [f for f in report.findings if f.kind == "conflict" and (kind is None or f.type == kind)]


def verdict(report, start: str) -> str:  # noqa: ANN001 - a Report with its check
    """The verdict of the checked text's sentence that starts with ``start``."""
    return next(s.verdict for s in report.check.sentences if s.text.startswith(start))
