"""``eval``: measure ``check`` on labelled data, the way published consistency checkers are measured.

Each line of the data is ``{"source": str | [str], "text": str, "label": 0 | 1, "id"?, "split"?,
"error_types"?}`` (1 = the text is consistent with its sources). The decision threshold is chosen on
tuning data only (balanced accuracy), never on the data being scored. A bad line is reported with its
line number and skipped; the others are still evaluated.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from storycheck.check import check
from storycheck.core import AnalysisCache, analyze_documents
from storycheck.errors import BadEvalLine, StorycheckError
from storycheck.ingest import check as check_document
from storycheck.ingest import json_kind
from storycheck.records import Document, Notice
from storycheck.report import finding_dict
from storycheck.truecase import restore_case

__all__ = ["EvalItem", "EvalResult", "Prediction", "best_threshold", "evaluate", "metrics", "read_items"]

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
    """Items of a JSONL file, and a ``Notice`` (with the line number) for each line that cannot be used.

    Lines are read as bytes and decoded one by one, so a line that is not UTF-8 (a Latin-1 file, binary
    data) is a bad line like any other rather than the end of the run.
    """
    name = str(path)
    with open(path, "rb") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                item = _item(json.loads(line.decode("utf-8")), lineno, name)  # (json.loads of bytes may guess UTF-16)
            except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError; nested too deep
                err = BadEvalLine(f"{name}:{lineno}", line=lineno, detail=_not_json(exc))
                yield Notice(err.input, err.code, err.message)
                continue
            except BadEvalLine as err:
                yield Notice(err.input, err.code, err.message)
                continue
            if split is None or item.split == split:
                yield item


def _not_json(exc: ValueError | RecursionError) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"not valid JSON ({exc.msg} at column {exc.colno})"
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text (byte {exc.object[exc.start]:#04x} at column {exc.start + 1})"
    return "not valid JSON (arrays or objects nested too deep)" if isinstance(exc, RecursionError) else str(exc)


def _item(raw: object, lineno: int, name: str) -> EvalItem:
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
    for s in sources:
        if len(s.encode("utf-8")) > MAX_SOURCE_BYTES:
            raise BadEvalLine(where, line=lineno, detail=f"a source is over {MAX_SOURCE_BYTES // 1024} KB")
    ident, types = raw.get("id"), raw.get("error_types") or []
    if ident is not None and (isinstance(ident, bool) or not isinstance(ident, str | int | float)):
        raise BadEvalLine(where, line=lineno, detail=f"'id' must be a string or a number, not {json_kind(ident)}")
    for key in ("split", "dataset"):  # compared and grouped by: a list or an object here cannot be
        if raw.get(key) is not None and not isinstance(raw.get(key), str):
            raise BadEvalLine(where, line=lineno, detail=f"'{key}' must be a string, not {json_kind(raw.get(key))}")
    if isinstance(types, str):
        types = [types]
    if not isinstance(types, list):
        raise BadEvalLine(where, line=lineno, detail=f"'error_types' must be a list of strings, not {json_kind(types)}")
    return EvalItem(str(lineno if ident is None else ident), sources, text, int(label), raw.get("split"),
                    [str(t) for t in types], lineno, raw.get("dataset"), where)  # fmt: skip


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
    """Balanced accuracy, the inconsistent class's precision/recall/F1, ROC AUC, confusion matrix."""
    tp = sum(1 for s, y in scored if s < threshold and y == 0)  # inconsistent caught
    fn = sum(1 for s, y in scored if s >= threshold and y == 0)
    tn = sum(1 for s, y in scored if s >= threshold and y == 1)
    fp = sum(1 for s, y in scored if s < threshold and y == 1)
    rec0 = tp / (tp + fn) if tp + fn else 0.0
    rec1 = tn / (tn + fp) if tn + fp else 0.0
    prec0 = tp / (tp + fp) if tp + fp else 0.0
    f1 = 2 * prec0 * rec0 / (prec0 + rec0) if prec0 + rec0 else 0.0
    return {
        "items": len(scored),
        "balanced_accuracy": (rec0 + rec1) / 2,
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


def evaluate(
    items: Iterable[EvalItem | Notice],
    *,
    tune: Iterable[EvalItem | Notice] | None = None,
    embedder: str | None = "auto",
) -> EvalResult:
    cache = AnalysisCache(size=4096)
    notices: list[Notice] = []
    threshold = DEFAULT_THRESHOLD
    if tune is not None:
        tune_items = [x for x in tune if isinstance(x, EvalItem)]
        tuned, _, _ = score_items(tune_items, embedder=embedder, cache=cache)
        threshold = best_threshold([(s, it.label) for it, s, _ in tuned])
    good = []
    for x in items:
        (good if isinstance(x, EvalItem) else notices).append(x)
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
