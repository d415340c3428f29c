"""``eval``: measure ``check`` on labelled data, the way published consistency checkers are measured.

Each line of the data is ``{"source": str | [str], "text": str, "label": 0 | 1, "id"?, "split"?,
"error_types"?}`` (1 = the text is consistent with its sources). The decision threshold is chosen on
tuning data only (balanced accuracy), never on the data being scored. A bad line is reported with its
line number and skipped; the others are still evaluated. An optional field of the wrong type is noted
(E122) and read as absent: it does not change the score, so the line is not dropped from the metrics.
"""

from __future__ import annotations

import gzip
import json
import time
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from storycheck.check import check
from storycheck.core import AnalysisCache, analyze_documents
from storycheck.errors import (
    BadEvalLine,
    BinaryInput,
    EncodingError,
    EvalFieldIgnored,
    NoEvalItems,
    OneLabelTune,
    StorycheckError,
    TunedOnData,
    Unreadable,
)
from storycheck.ingest import GZIP_MAGIC, binary_reason, bomless_utf16, json_kind, json_problem, wide_bom
from storycheck.ingest import check as check_document
from storycheck.records import Document, Notice
from storycheck.report import finding_dict
from storycheck.truecase import restore_case

__all__ = [
    "EvalItem", "EvalResult", "Prediction", "best_threshold", "choose_threshold", "evaluate", "metrics", "read_items",
    "one_label", "refused_lines", "tuned_on_data",
]  # fmt: skip

DEFAULT_THRESHOLD = 0.737  # chosen on FRANK's validation split (benchmarks/bench_frank.py prints it)
MAX_SOURCE_BYTES = 1024 * 1024


@dataclass(slots=True)
class EvalItem:
    id: str
    sources: list[str]
    text: str
    label: int
    split: str | None = None
    error_types: list[str] = field(default_factory=list)
    line: int = 0
    dataset: str | None = None
    where: str = ""  # file:line, for notices


@dataclass(slots=True)
class Prediction:
    id: str
    label: int
    score: float
    prediction: int
    findings: list[dict]
    error_types: list[str]
    dataset: str | None = None


@dataclass(slots=True)
class EvalResult:
    predictions: list[Prediction]
    threshold: float
    metrics: dict
    notices: list[Notice]
    seconds: float
    stages: dict[str, float]


def read_items(path: str | Path, split: str | None = None) -> Iterator[EvalItem | Notice]:
    """Items of a JSONL file, and a ``Notice`` (with the file and line number) for each line that cannot be
    used (``skipped``) or whose optional field was read otherwise than written (not skipped).

    Lines are split as text reading splits them (``\\n``, ``\\r\\n`` or a lone ``\\r``) and a UTF-8
    byte-order mark on the first line is dropped, as ``ingest`` and ``corpus`` do; a byte that is not UTF-8
    (a Latin-1 line, binary data) makes its line a bad line like any other rather than the end of the run
    (it is kept through decoding as a lone surrogate, which no UTF-8 text holds, and found per line).
    Gzip-compressed data is read as the JSONL it holds (one cut short ends in an E113 notice, the lines
    before it kept); a file of binary data or UTF-16 raises ``BinaryInput``/``EncodingError`` before any
    line is read.
    """
    name = str(path)
    first: dict[str, int] = {}  # each id's first line: a later line with the same id is noted
    lineno = 0
    try:
        with _open_items(path) as fh:
            for lineno, line in enumerate(fh, 1):
                yield from _read_line(line, lineno, name, split, first)
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:  # a .gz cut short or corrupt: what was read is kept
        err = Unreadable(name, detail=f"stopped partway, after line {lineno}: {exc}")
        yield Notice(err.input, err.code, err.message)


def _open_items(path: str | Path) -> TextIO:
    """The data as text lines: gzip-compressed data is read through gzip (told by its first bytes, as any
    name may hide it); binary data (NUL bytes, many controls) or UTF-16 is refused as a whole, once (E103,
    E104), where every line of it was its own "not UTF-8" bad line, hundreds for one file."""
    with open(path, "rb") as probe:
        head = probe.read(65536)
    if head[:2] == GZIP_MAGIC:
        return gzip.open(path, "rt", encoding="utf-8-sig", errors="surrogateescape")  # newline=None, as below
    if (wide := wide_bom(head) or ("UTF-16" if bomless_utf16(head) else None)) is not None:
        raise EncodingError(str(path), detail=f"{wide} text; eval reads JSON lines in UTF-8")
    if reason := binary_reason(head):
        raise BinaryInput(str(path), detail=reason)
    return open(path, encoding="utf-8-sig", errors="surrogateescape")  # newline=None: universal newlines


def _read_line(
    line: str, lineno: int, name: str, split: str | None, first: dict[str, int]
) -> Iterator[EvalItem | Notice]:
    """One line of ``read_items``: its item and notes, or the notice that refuses it."""
    if not line.strip():
        return
    try:
        if (col := _undecodable(line)) is not None:
            raise BadEvalLine(f"{name}:{lineno}", line=lineno, detail=(
                f"not UTF-8 text (byte {ord(line[col]) - 0xDC00:#04x} at column {col + 1})"))
        item, notes = _item(json.loads(line), lineno, name, split)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError; arrays nested too deep
        err = BadEvalLine(f"{name}:{lineno}", line=lineno, detail=f"not valid JSON ({json_problem(exc)})")
        yield Notice(err.input, err.code, err.message)
        return
    except BadEvalLine as err:
        yield Notice(err.input, err.code, err.message)
        return
    if split is None or item.split == split:
        yield from notes
        if item.id in first:  # --out's lines would not tell the two apart by id
            note = EvalFieldIgnored(item.where, detail=(
                f"'id' {item.id!r} is also the id of line {first[item.id]}; both are scored, the predictions "
                "hold two lines with that id"))  # fmt: skip
            yield Notice(note.input, note.code, note.message, skipped=False)
        first.setdefault(item.id, lineno)
        yield item


def _undecodable(line: str) -> int | None:
    """The index of the first byte ``surrogateescape`` kept undecoded, or None for a line of UTF-8."""
    return next((i for i, ch in enumerate(line) if "\udc80" <= ch <= "\udcff"), None)


def _item(raw: object, lineno: int, name: str, split: str | None = None) -> tuple[EvalItem, list[Notice]]:
    """The line as an item, and a note for each optional field of the wrong type, read as if absent.

    Only the required fields (source, text, label) refuse the line: a wrong ``id``, ``dataset`` or
    ``error_types`` changes nothing of the score, so the line is scored with the line number as id, no
    dataset, no error type (a lone string is one type). A wrong ``split`` refuses the line only when a
    split is asked for: it cannot be told to be in it or not.
    """
    where = f"{name}:{lineno}"
    if not isinstance(raw, dict):
        raise BadEvalLine(where, line=lineno, detail="not a JSON object")
    source, text, label = raw.get("source"), raw.get("text"), raw.get("label")
    sources = [source] if isinstance(source, str) else source
    if not isinstance(sources, list) or not sources or not all(isinstance(s, str) and s.strip() for s in sources):
        raise BadEvalLine(where, line=lineno, detail="'source' must be a non-empty string or list of strings")
    if not isinstance(text, str) or not text.strip():
        raise BadEvalLine(where, line=lineno, detail="'text' is missing or empty")
    if label not in (0, 1) or isinstance(label, bool):
        raise BadEvalLine(where, line=lineno, detail=f"'label' must be 0 or 1, not {label!r}")
    for i, s in enumerate(sources):  # which source, and its size: "a source is over 1024 KB" named neither
        if (size := len(s.encode("utf-8"))) > MAX_SOURCE_BYTES:
            which = "'source'" if len(sources) == 1 else f"source {i + 1} of {len(sources)}"
            raise BadEvalLine(where, line=lineno, detail=(
                f"{which} is {size / 1024 / 1024:.2f} MB ({size:,} bytes), "
                f"over the {MAX_SOURCE_BYTES / 1024 / 1024:g} MB a source may hold"))  # (the limit in force, not "1")
    notes: list[Notice] = []

    def ignored(key: str, must: str, value: object, read_as: str) -> None:
        note = EvalFieldIgnored(where, detail=f"'{key}' must be {must}, not {json_kind(value)}; read as {read_as}")
        notes.append(Notice(note.input, note.code, note.message, skipped=False))

    ident, dataset, part, types = raw.get("id"), raw.get("dataset"), raw.get("split"), raw.get("error_types")
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, str | int | float)):
        ignored("id", "a string or a number", ident, f"the line number, {lineno}")
        ident = None
    if dataset is not None and not isinstance(dataset, str):
        ignored("dataset", "a string", dataset, "none")
        dataset = None
    if part is not None and not isinstance(part, str):
        if split is not None:
            raise BadEvalLine(where, line=lineno, detail=(
                f"'split' must be a string, not {json_kind(part)}; it cannot be told to be in split {split!r}"))
        ignored("split", "a string", part, "none")
        part = None
    if isinstance(types, str):
        types = [types] if types else []
    elif types is not None and not isinstance(types, list):
        ignored("error_types", "a list of strings", types, "none")
        types = None
    item = EvalItem(str(lineno if ident is None else ident), sources, text, int(label), part,
                    [str(t) for t in types or []], lineno, dataset, where)  # fmt: skip
    return item, notes


CHUNK = 64  # items parsed together: spaCy's pipe is much faster on a batch than text by text


def score_items(
    items: Iterable[EvalItem], *, embedder: str | None = "auto", cache: AnalysisCache | None = None
) -> tuple[list[tuple[EvalItem, float, list[dict]]], list[Notice], dict[str, float]]:
    """Run ``check`` on every item; an item the engine cannot read is a notice, not a crash.

    Items go by chunks: every text of a chunk not yet in the cache is parsed in one batch first, so
    ``check`` then finds each analysis in the cache (the same analysis, only sooner).
    """
    cache = cache or AnalysisCache(size=4096)
    out, notices = [], []
    stages: dict[str, float] = defaultdict(float)
    chunk: list[tuple[EvalItem, list[Document], Document]] = []

    def flush() -> None:
        # the text as ``check`` reads it (a lower-case text with the sources' case), so it is parsed here too
        docs = (d for _, sources, text in chunk for d in (*sources, restore_case(text, sources)))
        unique = {d.hash: d for d in docs if cache.get(d.hash) is None}
        clock = time.perf_counter()
        analyze_documents(list(unique.values()), cache)
        stages["analysis"] += time.perf_counter() - clock
        for item, sources, text in chunk:
            try:
                report = check(sources, text, embedder=embedder, cache=cache, timings=stages)
            except StorycheckError as err:
                notices.append(_engine_notice(item, err))
                continue
            findings = [finding_dict(f) for f in report.findings if f.kind != "corroborated"]
            out.append((item, report.check.score, findings))
        chunk.clear()

    for item in items:
        try:
            sources = [check_document(Document(f"source-{i + 1}", s.strip())) for i, s in enumerate(item.sources)]
            text = check_document(Document("text", item.text.strip()))
        except StorycheckError as err:
            notices.append(_engine_notice(item, err))
            continue
        chunk.append((item, sources, text))
        if len(chunk) >= CHUNK:
            flush()
    flush()
    return out, notices, dict(stages)


def _engine_notice(item: EvalItem, err: StorycheckError) -> Notice:
    """A line the engine refused, named by its file and line and its id; which part of it (the text,
    source-1...) is in the message."""
    where = f"{item.where or f'line {item.line}'} (id {item.id})"
    return Notice(where, err.code, f"{err.input}: {err.message}" if err.input else err.message)


def best_threshold(scored: Sequence[tuple[float, int]]) -> float:
    """The threshold with the best balanced accuracy on these (score, label) pairs."""
    if not scored:
        return DEFAULT_THRESHOLD
    candidates = sorted({s for s, _ in scored})
    cuts = [0.0] + [(a + b) / 2 for a, b in zip(candidates, candidates[1:], strict=False)] + [1.0 + 1e-9]
    return max(cuts, key=lambda t: (metrics(scored, t)["balanced_accuracy"], -abs(t - 0.5)))


def metrics(scored: Sequence[tuple[float, int]], threshold: float) -> dict:
    """Balanced accuracy, the inconsistent class's precision/recall/F1, ROC AUC, confusion matrix.

    Balanced accuracy is the mean recall of the labels the lines have (scikit-learn's definition): data of one
    label (a set of consistent summaries, to count false alarms) printed 0.500 with every line kept, the
    absent label's recall counted as 0. The inconsistent class's recall and F1 are NaN when no line is
    inconsistent (printed "nan", as ROC AUC is): "recall_inconsistent: 0.000" read as every one missed."""
    tp = sum(1 for s, y in scored if s < threshold and y == 0)  # inconsistent caught
    fn = sum(1 for s, y in scored if s >= threshold and y == 0)
    tn = sum(1 for s, y in scored if s >= threshold and y == 1)
    fp = sum(1 for s, y in scored if s < threshold and y == 1)
    rec0 = tp / (tp + fn) if tp + fn else float("nan")
    rec1 = tn / (tn + fp) if tn + fp else float("nan")
    prec0 = tp / (tp + fp) if tp + fp else 0.0
    f1 = 2 * prec0 * rec0 / (prec0 + rec0) if prec0 + rec0 else 0.0  # (NaN when rec0 is)
    present = [r for r in (rec0, rec1) if r == r]
    return {
        "items": len(scored),
        "balanced_accuracy": sum(present) / len(present) if present else float("nan"),
        "precision_inconsistent": prec0,
        "recall_inconsistent": rec0,
        "f1_inconsistent": f1,
        "roc_auc": roc_auc(scored),
        "confusion": {"inconsistent_caught": tp, "inconsistent_missed": fn, "consistent_kept": tn,
                      "consistent_flagged": fp},  # fmt: skip
    }


def roc_auc(scored: Sequence[tuple[float, int]]) -> float:
    """Probability that a consistent item scores above an inconsistent one (ties count half)."""
    ranked = sorted(scored)
    pos = sum(1 for _, y in ranked if y == 1)
    neg = len(ranked) - pos
    if not pos or not neg:
        return float("nan")
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        avg_rank = (i + j + 1) / 2  # 1-based average rank of the tie group
        rank_sum += avg_rank * sum(1 for _, y in ranked[i:j] if y == 1)
        i = j
    return (rank_sum - pos * (pos + 1) / 2) / (pos * neg)


def choose_threshold(
    tune: Iterable[EvalItem | Notice], *, embedder: str | None = "auto", cache: AnalysisCache | None = None
) -> tuple[float | None, list[Notice]]:
    """The threshold with the best balanced accuracy on the tuning lines, and a notice for each line the
    engine refused; None when it refused them all (no threshold is chosen then: the caller says so, it
    does not fall back to the built-in one as if it had been chosen on these lines). ``OneLabelTune`` when every
    scored line has one label: no threshold can be chosen on them either."""
    tuned, refused, _ = score_items([x for x in tune if isinstance(x, EvalItem)], embedder=embedder, cache=cache)
    if (problem := one_label([it for it, _, _ in tuned], "scored ")) is not None:
        raise problem
    return (best_threshold([(s, it.label) for it, s, _ in tuned]) if tuned else None), refused


def one_label(tune: Sequence[EvalItem], scored: str = "") -> OneLabelTune | None:
    """E124 for tuning lines that all have one label (``scored``: "scored " once the engine has refused some, "usable "
    once bad lines were skipped), else None. The CLI asks it of the lines read, before any model loads, and ``choose_threshold`` of those scored."""
    if len(labels := {it.label for it in tune}) != 1:
        return None
    (label,) = labels
    where = next((it.where.rsplit(":", 1)[0] for it in tune if it.where), None)
    return OneLabelTune(where, detail=(
        f"{f'its one {scored}line is' if len(tune) == 1 else f'all {len(tune)} of its {scored}lines are'} labelled "
        f"{label} ({'consistent' if label else 'inconsistent'}): a threshold is chosen on lines of both labels "
        "(on one, every threshold that flags them all, or none, fits alike)"))  # fmt: skip


def tuned_on_data(tune: Iterable[EvalItem | Notice], items: Iterable[EvalItem | Notice]) -> Notice | None:
    """An E123 note (nothing skipped) when lines of the tuning data are also lines of the data (the same sources and
    text, spaces at their ends aside, as ``score_items`` reads them): the threshold was then chosen on lines it
    scores. None when they share no line. One pass over each: a set of the data's lines, no pairwise comparison."""

    def key(x: EvalItem) -> tuple:
        return tuple(s.strip() for s in x.sources), x.text.strip()

    lines: dict[tuple, int] = {}
    name = None
    for x in items:
        if isinstance(x, EvalItem):
            lines.setdefault(key(x), x.line)
            name = name or x.where.rsplit(":", 1)[0]
    tuned = [x for x in tune if isinstance(x, EvalItem)]
    shared = sorted({lines[k] for x in tuned if (k := key(x)) in lines})
    if not shared:
        return None
    where = next((x.where.rsplit(":", 1)[0] for x in tuned if x.where), None)
    shown = ", ".join(map(str, shared[:5])) + (f" and {len(shared) - 5} more" if len(shared) > 5 else "")
    err = TunedOnData(where, detail=(
        f"{sum(key(x) in lines for x in tuned)} of its {len(tuned)} lines are also in {name or 'the data'} (its "
        f"line{'s' if len(shared) > 1 else ''} {shown}: the same source and text): the threshold was chosen on lines "
        "it scores, so the figures overstate it on unseen data"))  # fmt: skip
    return Notice(err.input, err.code, err.message, skipped=False)


def refused_lines(count: int) -> str:
    """The end of an E121 message for data of which every line that could be read was refused."""
    return " (its one readable line was refused)" if count == 1 else f" (all {count} readable lines were refused)"


def evaluate(
    items: Iterable[EvalItem | Notice],
    *,
    tune: Iterable[EvalItem | Notice] | None = None,
    threshold: float | None = None,
    embedder: str | None = "auto",
    cache: AnalysisCache | None = None,
) -> EvalResult:
    """Score ``items`` and measure them at ``threshold``, else the one chosen on ``tune``, else the built-in
    ``DEFAULT_THRESHOLD``. Tuning lines the engine refuses all are ``NoEvalItems``: no threshold was chosen."""
    cache = cache or AnalysisCache(size=4096)
    notices: list[Notice] = []
    tuned = threshold is None and tune is not None
    if tuned:
        tune = list(tune)
        threshold, refused = choose_threshold(tune, embedder=embedder, cache=cache)
        if threshold is None:
            where = next((x.where.rsplit(":", 1)[0] for x in tune if isinstance(x, EvalItem) and x.where), None)
            raise NoEvalItems(where, detail=" for the threshold" + (
                refused_lines(sum(n.skipped for n in refused)) if refused else ""))
    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    good = []
    for x in items:
        (good if isinstance(x, EvalItem) else notices).append(x)
    if tuned and (shared := tuned_on_data(tune, good)) is not None:
        notices.insert(0, shared)
    start = time.perf_counter()
    scored, bad, stages = score_items(good, embedder=embedder, cache=cache)
    seconds = time.perf_counter() - start
    notices += bad
    predictions = [
        Prediction(it.id, it.label, round(s, 4), int(s >= threshold), findings, it.error_types, it.dataset)
        for it, s, findings in scored
    ]
    result = metrics([(p.score, p.label) for p in predictions], threshold)
    datasets = sorted({p.dataset for p in predictions if p.dataset})
    if len(datasets) > 1:
        result["by_dataset"] = {
            d: metrics([(p.score, p.label) for p in predictions if p.dataset == d], threshold) for d in datasets
        }
    result["items_per_second"] = len(predictions) / seconds if seconds else 0.0
    result["recall_by_error_type"] = _recall_by_type(predictions)
    return EvalResult(predictions, threshold, result, notices, seconds, stages)


def _recall_by_type(predictions: list[Prediction]) -> dict[str, dict]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for p in predictions:
        if p.label == 0:
            for t in p.error_types:
                counts[t][1] += 1
                counts[t][0] += p.prediction == 0
    return {t: {"caught": c, "of": n, "recall": c / n if n else 0.0} for t, (c, n) in sorted(counts.items())}
