"""Every error storycheck raises, each with a stable code, in one place.

A message always names the input it is about and the problem, so that a person with a batch of
fifty files knows which one to look at. The CLI prints ``[E0xx] input: message`` and exits non-zero.
"""

from __future__ import annotations


class StorycheckError(Exception):
    """Base of every error storycheck raises on purpose."""

    code = "E000"
    template = "{detail}"

    def __init__(self, input: str | None = None, detail: str = "", **kwargs: object) -> None:
        self.input = input
        self.detail = detail
        self.kwargs = kwargs
        message = self.template.format(detail=detail, **kwargs)
        self.message = message
        where = f"{input}: " if input else ""
        super().__init__(f"[{self.code}] {where}{message}")


class InputError(StorycheckError):
    """A document that cannot be read; in a batch it is reported and skipped."""

    code = "E100"


class NotFound(InputError):
    code = "E101"
    template = "no such file or directory"


class EmptyInput(InputError):
    code = "E102"
    template = "the document is empty{detail}"


class BinaryInput(InputError):
    code = "E103"
    template = "looks like binary data, not text ({detail})"


class EncodingError(InputError):
    code = "E104"
    template = "cannot be decoded as text: {detail}"


class TooLarge(InputError):
    code = "E105"
    template = "is {size_mb:.1f} MB, over the limit of {limit_mb:.1f} MB per document"


class NoMainText(InputError):
    code = "E106"
    template = "HTML with no readable article text ({detail})"


class NotEnglish(InputError):
    code = "E107"
    template = "does not look like English text ({detail}); storycheck reads English news"


class BadJSONLine(InputError):
    code = "E108"
    template = "line {line} is not valid JSON: {detail}"


class MissingText(InputError):
    code = "E109"
    template = "line {line} has no non-empty 'text' or 'html' field"


class UnsupportedFormat(InputError):
    code = "E110"
    template = "unsupported file type {detail!r}; expected .txt, .md, .html, .htm, .jsonl or .json"


class EncodingGuessed(InputError):
    """Not an error that stops anything: the text of the notice given when a file was not UTF-8."""

    code = "E111"
    template = "not UTF-8; decoded as {detail}"


class MissingItemText(InputError):
    code = "E112"
    template = "item {item} has no non-empty 'text' or 'html' field"


class Unreadable(InputError):
    code = "E113"
    template = "cannot be read: {detail}"


class StoryError(StorycheckError):
    """The set of documents as a whole cannot be compared."""

    code = "E200"


class NotEnoughDocuments(StoryError):
    code = "E201"
    template = "nothing to compare: {detail}"


class DuplicateDocuments(StoryError):
    code = "E202"
    template = "the documents are identical: {detail}"


class ModelError(StorycheckError):
    code = "E300"
    template = "model not available: {detail}"


class SchemaError(StorycheckError):
    code = "E400"
    template = "report does not match the schema: {detail}"


__all__ = [
    "BadJSONLine",
    "BinaryInput",
    "DuplicateDocuments",
    "EmptyInput",
    "EncodingError",
    "EncodingGuessed",
    "InputError",
    "MissingItemText",
    "MissingText",
    "ModelError",
    "NoMainText",
    "NotEnglish",
    "NotEnoughDocuments",
    "NotFound",
    "SchemaError",
    "StoryError",
    "StorycheckError",
    "TooLarge",
    "Unreadable",
    "UnsupportedFormat",
]
