"""The JSON API under ``/api``: stories in, reports out, the same schema as ``storycheck compare``.

Writes (create, add, recompute, delete) need an API key; reads need one only when reads are closed.
Handlers are plain ``def`` functions: the store is synchronous and FastAPI runs them in its thread
pool. Documents are read by the engine's own ingest (``from_text``/``from_html``, or ``read`` for
uploaded files), so a document refused by the CLI is refused here with the same code. Reports are
computed by the background worker (``worker.Recomputer``); a story's ``status`` says where it is.
"""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from storycheck.errors import NotEnoughDocuments, TooManyDocuments
from storycheck.ingest import from_html, from_text, held_to_margin, read
from storycheck.records import Document, Notice
from storycheck.serve.auth import reader, writer
from storycheck.store import AddResult, Store

router = APIRouter(prefix="/api", tags=["api"])

Sort = Literal["disagreement", "conflicts", "single_source", "updated", "name", "documents"]
Status = Literal["waiting", "pending", "running", "ready", "failed"]


class DocumentIn(BaseModel):
    """One report: ``text`` (plain text, the same conventions as a .txt file) or ``html`` (a web page)."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(None, max_length=100, description="its id in the report; default doc-N")
    text: str | None = Field(None, description="plain text; a headline line and Key: value header are read")
    html: str | None = Field(None, description="an HTML page; the main text is extracted")
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=300, description="the outlet")
    url: str | None = Field(None, max_length=2000)
    published: str | None = Field(None, max_length=64, description="ISO 8601")

    @model_validator(mode="after")
    def _one_body(self) -> DocumentIn:
        if (self.text is None) == (self.html is None):
            raise ValueError("give exactly one of 'text' or 'html'")
        return self


class StoryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(..., min_length=1, max_length=200)
    documents: list[DocumentIn] = Field(default_factory=list)


class DocumentsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    documents: list[DocumentIn] = Field(..., min_length=1)


# --------------------------------------------------------------------------- shared with the web form


def to_documents(items: list[DocumentIn], max_bytes: int, *, first: int = 1, labels: list[str] | None = None) -> list[Document]:
    """The engine's ingest on each item; the first refused one is raised, naming it: by its place in the request
    (``documents[1]``), or by ``labels`` (the web form's "Report 2": its user never saw a ``documents`` list)."""
    out = []
    for i, item in enumerate(items):
        doc_id = item.id or f"doc-{first + i}"
        origin = (labels[i] if labels else f"documents[{i}]") + (f" ({_printable(item.id)})" if item.id else "")
        meta = {"title": item.title, "source": item.source, "url": item.url, "published": item.published}
        if item.html is not None:
            out.append(from_html(item.html, id=doc_id, origin=origin, max_bytes=max_bytes, **meta))
        else:
            out.append(from_text(item.text or "", id=doc_id, origin=origin, max_bytes=max_bytes, **meta))
    return out


def _printable(text: str) -> str:
    """``text`` with control characters as spaces, runs of space as one: an id is taken as ``storycheck add``
    takes it (the store keys it by the id as given, control characters made ``-``), but the origin quoting it is
    stored as text, and PostgreSQL refuses NUL in text (a 500 there)."""
    return " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in text).split())


def read_uploads(files: list[tuple[str, bytes]], max_bytes: int) -> tuple[list[Document], list[Notice]]:
    """Uploaded files through ``ingest.read`` (format by file name), from a private temporary folder (one
    folder per upload, so two uploads of one name do not meet); notices and origins name the upload as
    sent, not the server's temporary path."""
    with tempfile.TemporaryDirectory(prefix="storycheck-upload-") as tmp:
        paths, shown = [], {}
        for i, (name, data) in enumerate(files):
            own = upload_name(name, i)
            path = Path(tmp) / f"{i:03d}" / own
            path.parent.mkdir()
            path.write_bytes(data)
            paths.append(path)
            shown[str(path)] = own
        documents, notices = read(paths, max_bytes=max_bytes)
    for doc in documents:  # say which upload it was, not where we kept it
        if doc.origin:
            doc.origin = _as_sent(doc.origin, shown)
    for n in notices:
        n.input = _as_sent(n.input, shown)
    return documents, notices


_MAX_NAME_BYTES = 200  # under the 255 bytes of a file name on common file systems, with room to spare


def upload_name(name: str, i: int) -> str:
    """An uploaded file's own name, fit to be a file name here: its last part only (a browser may send a
    Windows path, an attacker ``../``), no NUL, and cut to ``_MAX_NAME_BYTES`` keeping its type. Any
    other character is kept: the type is read from the name, and ``ü.txt`` or ``новости.txt`` made
    ``txt`` (E110, "unsupported file type") when all but ASCII letters was replaced; a name over 255
    bytes was a 500 (ENAMETOOLONG)."""
    own = name.replace("\\", "/").rsplit("/", 1)[-1].replace("\x00", "").strip()
    if own in ("", ".", ".."):
        return f"upload-{i + 1}.txt"
    if len(own.encode()) > _MAX_NAME_BYTES:
        kind = ".jsonl.gz" if own.lower().endswith(".jsonl.gz") else Path(own).suffix
        kind = kind if len(kind.encode()) <= 16 else ""
        stem = own[: len(own) - len(kind)].encode()[: _MAX_NAME_BYTES - len(kind.encode())]
        own = stem.decode("utf-8", "ignore") + kind
    return own


def _as_sent(where: str, shown: dict[str, str]) -> str:
    """``where`` (a temporary path, perhaps with ``:line`` or ``[item]`` after it) with the upload's name."""
    for path, own in shown.items():
        if where.startswith(path):
            return own + where[len(path) :]
    return where


def add(request: Request, ref: str | int, documents: list[Document], *, create: bool) -> AddResult:
    """Store the documents and queue the story's recompute (or compute now, without a worker)."""
    store: Store = request.app.state.store
    settings = request.app.state.settings
    if len(documents) > settings.max_documents:
        raise TooManyDocuments(str(ref), limit=settings.max_documents, count=len(documents))
    if create:
        store.create_story(str(ref))
    result = store.add_documents(ref, documents, max_documents=settings.max_documents)
    schedule(request, result.story.id)
    return result


def schedule(request: Request, story_id: int) -> None:
    app = request.app
    if app.state.recomputer is not None:
        app.state.recomputer.submit(story_id)
    else:
        app.state.store.compute(story_id, embedder=app.state.settings.embedder)


def _added(request: Request, result: AddResult, notices: list[Notice] = ()) -> dict:  # noqa: B006
    story = request.app.state.store.story(result.story.id)
    return {
        "story": story.to_dict(),
        "added": result.added,
        "duplicates": result.duplicates,
        "notices": [{"input": n.input, "code": n.code, "message": n.message, "skipped": n.skipped} for n in notices],
        "links": _links(story.id),
    }


def _links(story_id: int) -> dict:
    return {
        "self": f"/api/stories/{story_id}",
        "report": f"/api/stories/{story_id}/report",
        "page": f"/stories/{story_id}",
    }


# --------------------------------------------------------------------------- routes


@router.get("/health")
def health(request: Request) -> dict:
    store: Store = request.app.state.store
    return {"ok": True, "store": store.dialect}


@router.get("/stories")
def list_stories(
    request: Request,
    _key: Annotated[object, Depends(reader)],
    sort: Sort = "disagreement",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    status: Status | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    min_conflicts: Annotated[int | None, Query(ge=0)] = None,
    order: Literal["desc", "asc"] = "desc",
) -> dict:
    """Stories, ranked by disagreement (conflicts, then single-source claims, then recency) by default."""
    page = request.app.state.store.stories(
        sort=sort, limit=limit, offset=offset, status=status, q=q, min_conflicts=min_conflicts,
        descending=order == "desc",
    )
    return {
        "items": [s.to_dict() | {"links": _links(s.id)} for s in page.items],
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
    }


@router.post("/stories", status_code=201)
def create_story(request: Request, body: StoryIn, _key: Annotated[object, Depends(writer)]) -> dict:
    """A new story from JSON documents (none, one, or several); its report is computed in the background."""
    documents = to_documents(body.documents, request.app.state.settings.max_document_bytes)
    notices = held_to_margin(documents)  # a date past the future margin, read as absent (E607), as a file's is
    return _added(request, add(request, body.name, documents, create=True), notices)


@router.post("/stories/upload", status_code=201)
def upload_story(
    request: Request,
    name: Annotated[str, Form(min_length=1, max_length=200)],
    files: Annotated[list[UploadFile], File(description=".txt/.md/.html/.mhtml/.json/.jsonl files")],
    _key: Annotated[object, Depends(writer)],
) -> dict:
    """A new story from uploaded files (multipart/form-data: ``name`` and one or more ``files``)."""
    settings = request.app.state.settings
    if len(files) > settings.max_documents:
        raise TooManyDocuments(name, limit=settings.max_documents, count=len(files))
    documents, notices = read_uploads([(f.filename or "", f.file.read()) for f in files], settings.max_document_bytes)
    if not documents:
        problems = "; ".join(str(n) for n in notices if n.skipped)  # [code] input: message, as web.py says it
        raise NotEnoughDocuments(name, detail=f"no readable file ({problems or 'no files'})")
    return _added(request, add(request, name, documents, create=True), notices)


@router.get("/stories/{ref}")
def get_story(request: Request, ref: str, _key: Annotated[object, Depends(reader)]) -> dict:
    story = request.app.state.store.story(ref)
    out = story.to_dict() | {"links": _links(story.id)}
    if request.app.state.recomputer is not None:
        out["queue_position"] = request.app.state.recomputer.position(story.id)
    return out


@router.get("/stories/{ref}/report")
def get_report(request: Request, ref: str, _key: Annotated[object, Depends(reader)]) -> Response:
    """The story's latest report (JSON, ``storycheck.report/1``); 409 while it has none yet."""
    return Response(request.app.state.store.report_json(ref), media_type="application/json")


@router.post("/stories/{ref}/documents", status_code=201)
def add_documents(
    request: Request, ref: str, body: DocumentsIn, _key: Annotated[object, Depends(writer)]
) -> JSONResponse:
    """Add reports to a story; texts it already has are not added twice (listed in ``duplicates``)."""
    store: Store = request.app.state.store
    story = store.story(ref, documents=False)
    documents = to_documents(body.documents, request.app.state.settings.max_document_bytes, first=story.n_documents + 1)
    notices = held_to_margin(documents)
    result = add(request, story.id, documents, create=False)
    return JSONResponse(_added(request, result, notices), status_code=201 if result.added else 200)


@router.post("/stories/{ref}/recompute", status_code=202)
def recompute(request: Request, ref: str, _key: Annotated[object, Depends(writer)]) -> dict:
    story = request.app.state.store.mark_pending(ref)
    schedule(request, story.id)
    return {"story": request.app.state.store.story(story.id, documents=False).to_dict(), "links": _links(story.id)}


@router.delete("/stories/{ref}", status_code=204)
def delete_story(request: Request, ref: str, _key: Annotated[object, Depends(writer)]) -> Response:
    request.app.state.store.delete_story(ref)
    return Response(status_code=204)


__all__ = ["DocumentIn", "StoryIn", "add", "read_uploads", "router", "to_documents"]
