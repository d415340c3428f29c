"""``compare``: the whole flow for one story, ingest → analyze → align → judge → lineage → report.

Every interface (CLI, API, web, Dask) calls this function or the stage functions it calls; there is no
second implementation of any step. Analyses are cacheable by content hash: pass an ``AnalysisCache``
to reuse them across calls (the CLI's one-shot run does not need one).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Sequence

from storycheck import __version__
from storycheck.align import align
from storycheck.analyze import analyze_many
from storycheck.errors import DuplicateDocuments, EncodingError, InputError, NotEnoughDocuments, TooLong
from storycheck.ingest import MAX_BYTES, check, claim_ids, clean_text, read
from storycheck.judge import entity_cluster, judge, same_speaker, same_words
from storycheck.lineage import lineage
from storycheck.lru import LRU
from storycheck.nlp import MAX_CHARS, describe
from storycheck.nlp import embedder as load_embedder
from storycheck.records import (
    Alignment,
    Analysis,
    Document,
    Finding,
    Notice,
    Quote,
    QuoteRow,
    Report,
    Span,
    without_surrogates,
)
from storycheck.report import SCHEMA_VERSION, ordered_findings

__all__ = [
    "AnalysisCache", "analyze_documents", "build_report", "compare", "compare_documents", "distinct", "number_findings",
]  # fmt: skip


class AnalysisCache(LRU[Analysis]):
    """A bounded in-memory cache of analyses by content hash (an analysis depends only on the text); its
    ``misses`` are the texts that had to be parsed."""

    def __init__(self, size: int = 1024) -> None:
        super().__init__(size)


def compare(
    inputs: Iterable[str | os.PathLike | Document] | str | os.PathLike,
    *,
    embedder: str | None = "auto",
    max_bytes: int = MAX_BYTES,
    cache: AnalysisCache | None = None,
) -> Report:
    """Compare the reports of one story: files, folders, or ``Document`` records.

    Unreadable inputs are skipped and listed in ``report.notices``; fewer than two readable, distinct
    documents raise ``NotEnoughDocuments`` or ``DuplicateDocuments`` (a ``StoryError``).
    """
    if isinstance(inputs, (str, os.PathLike, Document)):
        inputs = [inputs]
    inputs = list(inputs)
    paths = [x for x in inputs if not isinstance(x, Document)]
    documents, notices = read(paths, max_bytes=max_bytes) if paths else ([], [])
    given = []
    for doc in (x for x in inputs if isinstance(x, Document)):
        try:
            check(doc, max_bytes=max_bytes)  # size first: never clean a 50 MB text
            cleaned = clean_text(doc.text)
            given.append(check(dataclasses.replace(doc, text=cleaned), max_bytes=max_bytes) if cleaned != doc.text else doc)
        except InputError as exc:
            notices.append(Notice(doc.origin or doc.id, exc.code, exc.message))
    return compare_documents(given + documents, notices=notices, embedder=embedder, cache=cache)


def compare_documents(
    documents: Sequence[Document],
    *,
    notices: Sequence[Notice] = (),
    embedder: str | None = "auto",
    cache: AnalysisCache | None = None,
) -> Report:
    documents, notices = distinct(documents, list(notices))
    emb = load_embedder(embedder)
    analyses = analyze_documents(documents, cache)
    alignment = align(analyses, emb)
    # one person given two ages by two reports, a number conflict check reads too, so that the two flows agree
    # on it (imported here, since check builds on this module)
    from storycheck.check import bound_elsewhere

    findings = judge(documents, analyses, alignment)
    findings = number_findings(findings + bound_elsewhere(documents, analyses, alignment.clusters, findings), documents)
    return build_report(
        documents, analyses, findings, notices, emb,
        lineage=lineage(documents, analyses, alignment), quotes=quote_rows(documents, analyses, alignment),
    )  # fmt: skip


def build_report(
    documents: Sequence[Document],
    analyses: Sequence[Analysis],
    findings: list[Finding],
    notices: list[Notice],
    emb,  # noqa: ANN001 - an Embedder or None
    **parts,  # noqa: ANN003 - the Report fields a flow fills beyond the common ones (lineage, quotes, check)
) -> Report:
    """The one place a Report is put together, so that compare and check stamp it the same way."""
    fields = {"lineage": [], "quotes": [], **parts}
    return Report(
        schema=SCHEMA_VERSION,
        engine=f"storycheck {__version__}",
        models=describe(emb),
        documents=list(documents),
        findings=findings,
        notices=notices,
        analyses={a.doc_id: a for a in analyses},
        **fields,
    )


_NAMED = 5  # inputs an E201 names before "and N more"


def distinct(documents: Sequence[Document], notices: list[Notice]) -> tuple[list[Document], list[Notice]]:
    """Drop repeated texts and texts too long for the tagger (noted, not fatal); give a document whose id is
    already taken a copy with a unique one (``-2``...); read a lone surrogate in a text given by a caller as
    U+FFFD (noted; files read by ``ingest`` have none); fewer than two distinct documents is a ``StoryError``."""
    seen: dict[str, Document] = {}
    taken: set[str] = set()
    out = []
    for doc in documents:
        text, lone = without_surrogates(doc.text)
        if lone:
            notices.append(Notice(doc.origin or doc.id, EncodingError.code,
                                  f"holds {lone} lone surrogate(s), which no Unicode text can; read as U+FFFD",
                                  skipped=False))  # fmt: skip
            doc = dataclasses.replace(doc, text=text)
        if len(doc.text) > MAX_CHARS:
            too_long = TooLong(chars=len(doc.text), limit=MAX_CHARS)  # the message a batch's bad row E105 gives
            notices.append(Notice(doc.origin or doc.id, too_long.code, too_long.message))
            continue
        twin = seen.get(doc.hash)
        if twin is not None:
            notices.append(
                Notice(doc.origin or doc.id, DuplicateDocuments.code, f"same text as {twin.origin or twin.id}; compared once")
            )
            continue
        seen[doc.hash] = doc
        if doc.id in taken:  # findings, spans and analyses refer to documents by id
            doc = claim_ids([dataclasses.replace(doc)], taken)[0]
        taken.add(doc.id)
        out.append(doc)
    if len(out) < 2:
        skipped = "; ".join(str(n) for n in notices if n.skipped)
        names = ", ".join(d.origin or d.id for d in out) or "no readable document"
        twins = [n for n in notices if n.skipped and n.code == DuplicateDocuments.code]
        if len(out) == 1 and twins and all(n.code == DuplicateDocuments.code for n in notices if n.skipped):
            # every other input was this one again (a file named twice, a copy): name them all and say so
            again = "; ".join(f"{n.input}: {n.message.split('; ')[0]}" for n in twins)
            raise DuplicateDocuments(", ".join([names] + [n.input for n in twins]),
                                     detail=f"every input has the same text ({again}); there is nothing to compare")
        # the error names every input, the skipped ones first: `compare empty.txt b.txt` said "[E201] b.txt: ...
        # only 1 readable document (b.txt)", blaming the one sound file (session 26's walk)
        # (at most ``_NAMED`` of them: the skipped list after it names each again, and a folder of 40 empty files
        # put 40 names before the message and 40 in it; review revu27)
        given = list(dict.fromkeys([*(n.input for n in notices if n.skipped), *(d.origin or d.id for d in out)]))
        more = f", and {len(given) - _NAMED} more" if len(given) > _NAMED + 1 else ""
        inputs = ", ".join(given if not more else given[:_NAMED]) + more or None
        count = f"only 1 report is left ({names}) and a comparison needs two" if out else "no readable document"
        count += f"; skipped: {skipped}" if skipped else ""  # (no readable document: not "only 0 ... (no ...)")
        raise NotEnoughDocuments(inputs, detail=count + "; give at least two reports of one story")
    return out, notices


def analyze_documents(documents: Sequence[Document], cache: AnalysisCache | None = None) -> list[Analysis]:
    """Analyses in document order; those in ``cache`` (by content hash) are not parsed again."""
    found: dict[int, Analysis] = {}
    todo = []
    for i, doc in enumerate(documents):
        hit = cache.get(doc.hash) if cache is not None else None
        if hit is not None:
            found[i] = dataclasses.replace(hit, doc_id=doc.id)
        else:
            todo.append(i)
    for i, analysis in zip(todo, analyze_many([documents[i] for i in todo]), strict=True):
        found[i] = analysis
        if cache is not None:
            cache.put(documents[i].hash, analysis)
    return [found[i] for i in range(len(documents))]


def number_findings(findings: list[Finding], documents: Sequence[Document]) -> list[Finding]:
    """Give findings stable ids in the order every view presents them (kind, conflict type, position)."""
    position = {d.id: i for i, d in enumerate(documents)}
    findings.sort(key=lambda f: (position[f.evidence[0].doc], f.evidence[0].start, f.type))
    findings = ordered_findings(findings)
    for i, f in enumerate(findings, 1):
        f.id = f"F{i}"
    return findings


def quote_rows(documents: Sequence[Document], analyses: Sequence[Analysis], alignment: Alignment | None = None) -> list[QuoteRow]:
    """The quotes table: each direct quote once, with every report that carries it.

    Two quotes are one row by the judge's own rules: the same words (``judge.same_words``) and one speaker
    (``judge.same_speaker``, by the story's entity clusters when ``alignment`` gives them, else by the names),
    this quote's speaker and every speaker the row holds already. The same words credited to two people are two
    rows, as the judge's ``quote_attribution`` finding says they are: one row named the first report's speaker for
    every report, so the table credited a report's quote to someone that report never names. (Names alone made
    "John Smith" and "Jane Smith" one speaker, and "Mwangi" joined "Daniel Mwangi" and "Grace Mwangi" in one row
    when it came first: session 23's review.) A quote is only compared with rows that share at least half of
    its words (an inverted index), not with every row.
    """
    text = {d.id: d.text for d in documents}
    rows: list[QuoteRow] = []
    speakers: list[list[tuple[Quote, int | None]]] = []  # per row: its quotes and their speakers' clusters
    by_word: dict[str, set[int]] = {}
    for a in analyses:
        for q in a.quotes:
            if q.kind != "direct":
                continue
            words = set(q.text.lower().split())
            span = Span(a.doc_id, q.start, q.end, text[a.doc_id][q.start : q.end])
            shared: dict[int, int] = {}
            for w in words:
                for r in by_word.get(w, ()):
                    shared[r] = shared.get(r, 0) + 1
            candidates = sorted(r for r, n in shared.items() if 2 * n >= len(words))
            cluster = entity_cluster(a, alignment, q.speaker_entity) if alignment is not None else None
            index = next((r for r in candidates if same_words(rows[r].text, q.text)
                          and all(same_speaker(p, c, q, cluster) for p, c in speakers[r])), None)  # fmt: skip
            if index is None:
                rows.append(QuoteRow(q.text, q.speaker, q.speaker_kind, [a.doc_id], [span]))
                speakers.append([(q, cluster)])
                for w in words:
                    by_word.setdefault(w, set()).add(len(rows) - 1)
                continue
            row = rows[index]
            speakers[index].append((q, cluster))
            if a.doc_id not in row.documents:
                row.documents.append(a.doc_id)
            row.spans.append(span)
    return rows
