"""storycheck: what several reports of one event corroborate, contradict, and say alone.

>>> import storycheck
>>> report = storycheck.compare(["a.txt", "b.html"])       # paths, folders or Document records
>>> storycheck.to_json(report)                              # the versioned JSON report
"""

from storycheck import native as _native
from storycheck.errors import InputError, StorycheckError, StoryError
from storycheck.records import Document, Finding, Report, Span

__version__ = "0.1.0"

_native.install()  # the compiled clustering core, when built from the current sources (storycheck.native)


def compare(inputs, **options):  # noqa: ANN001, ANN003 - thin re-export, documented in storycheck.core
    from storycheck.core import compare as _compare

    return _compare(inputs, **options)


def to_json(report: Report, **options) -> str:  # noqa: ANN003
    from storycheck.report import to_json as _to_json

    return _to_json(report, **options)


__all__ = [
    "Document",
    "Finding",
    "InputError",
    "Report",
    "Span",
    "StoryError",
    "StorycheckError",
    "__version__",
    "compare",
    "to_json",
]
