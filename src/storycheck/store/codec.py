"""Analyses to JSON and back, so the store can keep them by content hash across processes.

``records.Analysis`` is a tree of plain dataclasses; the engine already caches it by content hash in
memory (``core.AnalysisCache``). Keeping it in the database as well means a story that gains one
report only analyses that report, and two stories sharing a wire text analyse it once. The decoding is
driven by the dataclasses' own type hints (tuples come back as tuples), so a field added to the
records needs no change here.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any, Literal, Union

from storycheck.records import Analysis

FORMAT = 1  # bump when the encoding (not the records) changes


def dumps(analysis: Analysis) -> str:
    return json.dumps({"format": FORMAT, "analysis": dataclasses.asdict(analysis)}, ensure_ascii=False)


def loads(text: str) -> Analysis | None:
    """The analysis, or None when the text was written in another format (the caller re-analyses)."""
    data = json.loads(text)
    if data.get("format") != FORMAT:
        return None
    return _build(Analysis, data["analysis"])


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(cls: type, data: dict[str, Any]) -> Any:
    hints = _hints(cls)
    return cls(**{f.name: _convert(hints[f.name], data[f.name]) for f in dataclasses.fields(cls) if f.name in data})


def _convert(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(options[0], value) if len(options) == 1 else value
    if dataclasses.is_dataclass(tp):
        return _build(tp, value)
    args = typing.get_args(tp)
    if origin is list:
        return [_convert(args[0], x) for x in value]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], x) for x in value)
        return tuple(_convert(a, x) for a, x in zip(args, value, strict=True))
    if origin is dict:
        return {k: _convert(args[1], x) for k, x in value.items()}
    if origin is Literal:
        return value
    return value
