"""The web pages: the story list ranked by disagreement, a story page, and a form for a new story.

Server-rendered with f-strings: no template engine and no build step. The story page *is* the engine's
side-by-side page (``render.html.to_html``) with a navigation bar on top, so the web and the CLI show
the same thing. Everything that came from outside (story names, document metadata, form input) goes
through ``html.escape``. Pages of stories still being computed refresh themselves every few seconds.
"""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from storycheck.errors import DuplicateDocuments, StorycheckError, StoryNotFound, TooManyDocuments
from storycheck.ingest import held_to_margin
from storycheck.lru import LRU
from storycheck.records import Notice
from storycheck.serve.api import DocumentIn, add, read_uploads, to_documents
from storycheck.store import StoryInfo

router = APIRouter(include_in_schema=False)

SORT_LABEL = {
    "disagreement": "disagreement",
    "conflicts": "conflicts",
    "single_source": "single-source",
    "updated": "last update",
    "name": "name",
}
STATUS_LABEL = {
    "waiting": "waiting for a second report",
    "pending": "queued",
    "running": "computing",
    "ready": "ready",
    "failed": "failed",
}
PASTE_FIELDS = 3


def _e(x: object) -> str:
    return escape(str(x), quote=True)


# the kinds' colours are the report page's (``render/page.css``: partial amber, single-source violet). Why: the list
# had them the other way round, so an editor going from a story's row to its page read 2 partial in violet, then
# 2 partial in amber (session 29's walk); a story not yet ready keeps an orange of its own (``--wait``)
CSS = """
:root{--ink:#1d2230;--muted:#667085;--line:#e4e7ec;--bg:#f7f8fa;--conflict:#c92a2a;--partial:#a86a00;
--single:#6741d9;--ok:#2b8a3e;--wait:#b54708;--accent:#1f4fd1}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
.bar{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;padding:.7rem 1.2rem;background:#fff;border-bottom:1px solid var(--line)}
.bar .brand{font-weight:700;letter-spacing:.02em}.bar .grow{flex:1}
.btn{display:inline-block;padding:.45rem .9rem;border-radius:6px;background:var(--accent);color:#fff;border:0;font:inherit;cursor:pointer}
.btn:hover{text-decoration:none;filter:brightness(1.1)}
main{max-width:1100px;margin:0 auto;padding:1.2rem}
h1{font-size:1.4rem;margin:.2rem 0 1rem}
.sorts{color:var(--muted);margin-bottom:.6rem}.sorts a,.sorts b{margin-right:.6rem}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid var(--line);border-radius:8px;overflow:hidden}
th,td{padding:.55rem .7rem;text-align:left;border-bottom:1px solid var(--line);vertical-align:middle}
th{font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);background:#fafbfc}
.n{text-align:right;font-variant-numeric:tabular-nums}
.pill{display:inline-block;min-width:2em;text-align:center;padding:.05rem .45rem;border-radius:999px;font-weight:600;font-size:.85rem}
.p-conflict{background:#ffe3e3;color:var(--conflict)}.p-single{background:#ebe4ff;color:var(--single)}
.p-partial{background:#fff1c2;color:var(--partial)}.p-ok{background:#e8f5ea;color:var(--ok)}.zero{opacity:.35}
.status{font-size:.85rem;color:var(--muted)}.s-failed{color:var(--conflict)}.s-running,.s-pending{color:var(--wait)}
.pager{margin:1rem 0;display:flex;gap:1rem}
.empty{background:#fff;border:1px dashed var(--line);padding:2rem;text-align:center;border-radius:8px}
form.new{background:#fff;border:1px solid var(--line);border-radius:8px;padding:1.2rem;display:grid;gap:1rem}
label{font-weight:600;display:block;margin-bottom:.3rem}
input[type=text],input[type=password],textarea{width:100%;padding:.5rem;border:1px solid #cfd4dc;border-radius:6px;font:inherit}
textarea{min-height:9rem;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem}
.hint{color:var(--muted);font-size:.85rem;font-weight:400}
.error{background:#fde4e4;color:#7a1016;border:1px solid #f5b5b8;padding:.7rem 1rem;border-radius:6px}
.docs li{margin:.2rem 0;overflow-wrap:anywhere}/* a key is its id as given: a URL breaks anywhere */
td:first-child{overflow-wrap:anywhere}.sub{display:block}
@media (max-width:700px){
 th.opt,td.opt{display:none} th,td{padding:.45rem .4rem} main{padding:.7rem}
}
"""


def _page(title: str, body: str, *, refresh: int | None = None, status: int = 200) -> HTMLResponse:
    meta = f'<meta http-equiv="refresh" content="{refresh}">' if refresh else ""
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{meta}<title>{_e(title)} · storycheck</title><style>{CSS}</style></head><body>"
        '<header class="bar"><a class="brand" href="/">storycheck</a><span class="grow"></span>'
        '<a href="/docs">API</a><a class="btn" href="/new">New story</a></header>'
        f"<main>{body}</main></body></html>"
    )
    return HTMLResponse(html, status_code=status)


def _ago(t: datetime) -> str:
    seconds = max(0, int((datetime.now(UTC) - t).total_seconds()))
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit} ago"
    return "just now"


def _pill(n: int, cls: str, label: str) -> str:
    return f'<span class="pill {cls}{" zero" if not n else ""}" title="{label}">{n}</span>'


@router.get("/favicon.ico")
def favicon() -> Response:
    """No icon (204): every page a browser opened asked for one and got a 404, an error in the browser's
    console and a line in the server's log for each visit."""
    return Response(status_code=204)


def _story_cell(s: StoryInfo) -> str:
    """The story's link in the list (``StoryInfo.heading``): a batch's story by its title (its first titled
    report's) with its name under it, a named one by its name with its title under it; both lines are the link.
    A batch's stories are named ``<out>:s000042``, which tells an editor nothing of the story."""
    lead, under = s.heading()
    under = "" if under is None else f'<span class="hint sub">{_e(under)}</span>'
    return f'<a href="/stories/{s.id}">{_e(lead)}{under}</a>'


@router.get("/", response_class=HTMLResponse)
def story_list(request: Request, sort: str = "disagreement", page: int = 1, q: str = "") -> HTMLResponse:
    settings = request.app.state.settings
    if not settings.open_reads:
        return _page("Stories", '<p class="empty">Reads are closed on this server: use the API with a key.</p>', status=401)
    sort = sort if sort in SORT_LABEL else "disagreement"
    page = max(1, min(page, 100_000))
    size = settings.page_size
    result = request.app.state.store.stories(sort=sort, limit=size, offset=(page - 1) * size, q=q[:200] or None)
    sorts = " ".join(
        f"<b>{label}</b>" if key == sort else f'<a href="/?{urlencode({"sort": key, "q": q})}">{label}</a>'
        for key, label in SORT_LABEL.items()
    )
    out = [f"<h1>Stories <span class='hint'>({result.total})</span></h1>", f'<div class="sorts">Sort by {sorts}</div>']
    if not result.items:
        out.append('<div class="empty">No stories yet. <a href="/new">Add one</a> or run '
                   "<code>storycheck add FILES --story NAME</code>.</div>")
    else:
        out.append(
            "<table><thead><tr><th>Story</th><th class='n'>Reports</th><th class='n'>Conflicts</th>"
            "<th class='n'>Single-source</th><th class='n opt'>Partial</th><th class='n opt'>Corroborated</th>"
            "<th class='opt'>Status</th><th class='opt'>Updated</th></tr></thead><tbody>"
        )
        for s in result.items:
            out.append(
                f'<tr><td>{_story_cell(s)}</td><td class="n">{s.n_documents}</td>'
                f'<td class="n">{_pill(s.n_conflicts, "p-conflict", "conflicts")}</td>'
                f'<td class="n">{_pill(s.n_single_source, "p-single", "single-source claims")}</td>'
                f'<td class="n opt">{_pill(s.n_partial, "p-partial", "partial")}</td>'
                f'<td class="n opt">{_pill(s.n_corroborated, "p-ok", "corroborated")}</td>'
                f'<td class="opt"><span class="status s-{_e(s.status)}">{_e(STATUS_LABEL.get(s.status, s.status))}</span></td>'
                f'<td class="opt status">{_ago(s.updated_at)}</td></tr>'
            )
        out.append("</tbody></table>")
    pager = []
    if page > 1:
        pager.append(f'<a href="/?{urlencode({"sort": sort, "q": q, "page": page - 1})}">← newer page</a>')
    if page * size < result.total:
        pager.append(f'<a href="/?{urlencode({"sort": sort, "q": q, "page": page + 1})}">next page →</a>')
    out.append(f'<div class="pager">{"".join(pager)}</div>')
    busy = any(s.status in ("pending", "running") for s in result.items)
    return _page("Stories", "".join(out), refresh=3 if busy else None)


PAGES: LRU[str] = LRU(64)  # rendered story pages by report id: a stored report never changes
# The uploads the form could not read, by the story they were sent for ("[E107] puerto.txt: does not look like
# English text ..."), shown on that story's page by this process. The form added the files it could read and
# said nothing of the others (the API returns them as ``notices``); they are no documents of the story, so
# the store holds nothing of them. Keyed by the story's id and creation time: SQLite gives a new story the id
# of the last one deleted, whose list then showed on the new story's page (another upload's file names).
SKIPPED: LRU[list[str]] = LRU(256)
# the form's reports read with a note, kept as SKIPPED is: a pasted "Published:" line past the future margin (E607,
# read as absent), an upload decoded as cp1252 (E111). The API returns them as ``notices``; the form's user saw
# nothing of them, and the report holds no reading notices (session 27's walk)
NOTED: LRU[list[str]] = LRU(256)
_NOTE_STYLE = ("margin:.8rem 1.2rem;padding:.7rem 1rem;border-radius:6px;font:15px/1.5 system-ui,sans-serif;"
               "background:{bg};color:{fg};border:1px solid {line}")  # inline: the report page has its own CSS


def _skipped(story: StoryInfo) -> str:
    out = ""
    if lines := SKIPPED.get((story.id, story.created_at)):
        items = "".join(f"<li>{_e(line)}</li>" for line in lines)
        style = _NOTE_STYLE.format(bg="#fde4e4", fg="#7a1016", line="#f5b5b8")
        why = "" if any(f"[{DuplicateDocuments.code}]" in line for line in lines) else " (could not be read)"
        out += (f'<div class="error skipped" role="alert" style="{style}">Not added{why}: '
                f"<ul style='margin:.3rem 0 0'>{items}</ul></div>")
    if lines := NOTED.get((story.id, story.created_at)):
        items = "".join(f"<li>{_e(line)}</li>" for line in lines)
        style = _NOTE_STYLE.format(bg="#fff6db", fg="#5c4300", line="#f0d68a")
        out += (f'<div class="noted" role="status" style="{style}">Added, with a note: '
                f"<ul style='margin:.3rem 0 0'>{items}</ul></div>")
    return out

NAV_STYLE = (
    "display:flex;gap:1rem;flex-wrap:wrap;align-items:center;padding:.5rem 1rem;background:#1d2230;color:#fff;"
    "font:14px/1.4 system-ui,sans-serif"
)


def _nav(story, busy: bool) -> str:  # noqa: ANN001
    state = STATUS_LABEL.get(story.status, story.status)
    note = (" · a newer report is being computed; this page will refresh" if busy else "")
    return (
        f'<nav class="sc-nav" style="{NAV_STYLE}"><a href="/" style="color:#fff">← All stories</a>'
        f"<b>{_e(story.name)}</b><span style='opacity:.8'>{_e(state)}{note}</span>"
        f'<span style="flex:1"></span><a style="color:#cfe0ff" href="/api/stories/{story.id}/report">JSON</a></nav>'
    )


@router.get("/stories/{ref}", response_class=HTMLResponse)
def story_page(request: Request, ref: str) -> HTMLResponse:
    from storycheck.render.html import to_html

    settings = request.app.state.settings
    if not settings.open_reads:
        return _page("Story", '<p class="empty">Reads are closed on this server: use the API with a key.</p>', status=401)
    store = request.app.state.store
    try:
        story = store.story(ref)
    except StoryNotFound:
        return _page("Not found", f'<p class="error">No story with id or name {_e(ref)}. <a href="/">All stories</a></p>', status=404)
    busy = story.status in ("pending", "running")
    if story.report_id is None:
        docs = "".join(
            f"<li><b>{_e(d.key)}</b> {_e(d.title or '')} <span class='hint'>{_e(d.source or '')} · {d.chars:,} characters</span></li>"
            for d in story.documents
        )
        error = f'<p class="error">{_e(story.error)}</p>' if story.error else ""
        body = (
            f"<h1>{_e(story.name)}</h1><p class='status s-{_e(story.status)}'>{_e(STATUS_LABEL.get(story.status, story.status))}"
            f"{' — this page refreshes by itself' if busy else ''}</p>{error}{_skipped(story)}<ul class='docs'>{docs}</ul>"
        )
        return _page(story.name, body, refresh=2 if busy else None)
    html = PAGES.get(story.report_id) if not busy else None
    if html is None:
        html = to_html(store.report(story.id), nav=_nav(story, busy))
        if not busy:
            PAGES.put(story.report_id, html)
    if busy:
        html = html.replace("<head>", '<head><meta http-equiv="refresh" content="3">', 1)
    if skipped := _skipped(story):
        html = html.replace("</nav>", "</nav>" + skipped, 1)
    return HTMLResponse(html)


def _form(values: dict[str, str] | None = None, error: str | None = None) -> str:
    values = values or {}
    pastes = "".join(
        f'<div><label for="text{i}">Report {i} <span class="hint">(plain text; a first headline line and '
        f'<code>Source:</code>/<code>Published:</code> header lines are read)</span></label>'
        f'<textarea id="text{i}" name="text{i}">{_e(values.get(f"text{i}", ""))}</textarea></div>'
        for i in range(1, PASTE_FIELDS + 1)
    )
    return (
        "<h1>New story</h1>"
        + (f'<p class="error" role="alert">{_e(error)}</p>' if error else "")
        + '<form class="new" method="post" action="/new" enctype="multipart/form-data">'
        f'<div><label for="name">Story name</label><input type="text" id="name" name="name" required maxlength="200" value="{_e(values.get("name", ""))}"></div>'
        f"{pastes}"
        '<div><label for="files">…or upload files <span class="hint">(.txt, .md, .html, .mhtml, .json, .jsonl)</span></label>'
        '<input type="file" id="files" name="files" multiple></div>'
        '<div><label for="key">API key <span class="hint">(create one with <code>storycheck keys create NAME</code>)</span></label>'
        '<input type="password" id="key" name="key" autocomplete="off" required></div>'
        '<div><button class="btn" type="submit">Compare</button></div></form>'
    )


@router.get("/new", response_class=HTMLResponse)
def new_form() -> HTMLResponse:
    return _page("New story", _form())


@router.post("/new", response_class=HTMLResponse)
async def new_story(request: Request):  # noqa: ANN201
    settings = request.app.state.settings
    try:
        form = await request.form(max_files=settings.max_documents, max_fields=50, max_part_size=settings.max_body_bytes)
    except Exception as exc:  # noqa: BLE001 - a malformed multipart body
        return _page("New story", _form(error=f"the form could not be read ({exc})"), status=400)
    values = {k: v for k, v in form.items() if isinstance(v, str) and k != "key"}
    name = " ".join(values.get("name", "").split())
    key = form.get("key")
    store = request.app.state.store
    if not isinstance(key, str) or not key.strip() or await run_in_threadpool(store.check_key, key.strip()) is None:
        return _page("New story", _form(values, "a valid API key is needed to add a story"), status=401)
    if not name:
        return _page("New story", _form(values, "the story needs a name"), status=400)
    fields = [i for i in range(1, PASTE_FIELDS + 1) if values.get(f"text{i}", "").strip()]
    pasted = [DocumentIn(text=values[f"text{i}"]) for i in fields]
    uploads = [(f.filename or "", await f.read()) for f in form.getlist("files") if hasattr(f, "read") and f.filename]

    def work():  # noqa: ANN202
        documents = to_documents(pasted, settings.max_document_bytes, labels=[f"Report {i}" for i in fields])
        notices = held_to_margin(documents)  # a pasted "Published:" line past the future margin (E607)
        if uploads:
            if len(uploads) + len(documents) > settings.max_documents:
                raise TooManyDocuments(name, limit=settings.max_documents, count=len(uploads) + len(documents))
            more, notices = read_uploads(uploads, settings.max_document_bytes)
            documents += more
        if not documents:
            skipped = "; ".join(str(n) for n in notices)
            raise ValueError("paste at least one report or upload a file" + (f" ({skipped})" if skipped else ""))
        return add(request, name, documents, create=True), notices

    try:
        result, notices = await run_in_threadpool(work)
    except StorycheckError as exc:
        from storycheck.serve.errors import status_of

        return _page("New story", _form(values, str(exc)), status=status_of(exc))
    except ValueError as exc:
        return _page("New story", _form(values, str(exc)), status=400)
    # a report whose text another of the form's reports already gave is not stored (``AddResult.duplicates``): the
    # page said only "waiting for a second report" when the same text was pasted or uploaded twice (session 26)
    again = [Notice(d, DuplicateDocuments.code, "the same text as another report of this story; not added") for d in result.duplicates]
    if skipped := [str(n) for n in [*notices, *again] if n.skipped]:
        SKIPPED.put((result.story.id, result.story.created_at), skipped)
    if noted := [str(n) for n in notices if not n.skipped]:
        NOTED.put((result.story.id, result.story.created_at), noted)
    return RedirectResponse(f"/stories/{result.story.id}", status_code=303)
