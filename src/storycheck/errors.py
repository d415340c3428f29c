"""Every error storycheck raises, each with a stable code, in one place.

A message always names the input it is about and the problem, so that a person with a batch of
fifty files knows which one to look at. The CLI prints ``[E0xx] input: message`` and exits non-zero.
"""

from __future__ import annotations


class StorycheckError(Exception):
    """Base of every error storycheck raises on purpose."""

    code = "E000"
    template = "{detail}"
    # the message without the place inside the input ("line 5 ..."), for a view that puts the place
    # beside the input itself (a corpus's ``feed.jsonl:5``); None: the message has no such place
    problem_template: str | None = None

    def __init__(self, input: str | None = None, detail: str = "", **kwargs: object) -> None:
        self.input = input
        self.detail = detail
        self.kwargs = kwargs
        message = self.template.format(detail=detail, **kwargs)
        self.message = message
        self.problem = self.problem_template.format(detail=detail, **kwargs) if self.problem_template else message
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


class TooLong(TooLarge):
    """A text within the size limit in bytes but longer than the tagger takes (``nlp.MAX_CHARS``): a batch
    read it, clustered it and listed it as ``compared`` while its story's engine dropped it with this
    message; it is a bad row now, as ``compare`` refuses it."""

    template = "is {chars:,} characters long, over the tagger's limit of {limit:,} per document"


class NoMainText(InputError):
    code = "E106"
    template = "HTML with no readable article text ({detail})"


class NotEnglish(InputError):
    code = "E107"
    template = "does not look like English text ({detail}); storycheck reads English news"


class BadJSONLine(InputError):
    code = "E108"
    template = "line {line} is not valid JSON: {detail}"
    problem_template = "not valid JSON: {detail}"


class MissingText(InputError):
    code = "E109"
    template = "line {line} has no non-empty 'text' or 'html' field{detail}"
    problem_template = "no non-empty 'text' or 'html' field{detail}"


class UnsupportedFormat(InputError):
    code = "E110"
    template = "unsupported file type {detail!r}; expected .txt, .md, .html, .htm, .mhtml, .jsonl or .json{hint}"

    def __init__(self, input: str | None = None, detail: str = "", hint: str = "") -> None:
        super().__init__(input, detail, hint=hint)


class EncodingGuessed(InputError):
    """Not an error that stops anything: the text of the notice given when a file was not UTF-8."""

    code = "E111"
    template = "not UTF-8; decoded as {detail}"


class MissingItemText(InputError):
    code = "E112"
    template = "item {item} has no non-empty 'text' or 'html' field{detail}"


class Unreadable(InputError):
    code = "E113"
    template = "cannot be read: {detail}"


class SeveralTexts(InputError):
    """``check`` reads one text; a JSONL or JSON file given as the text may hold many."""

    code = "E114"
    template = "holds {count} documents; check reads one text (give one file per text; sources go after --source)"


class StrayFiles(InputError):
    """``check`` given more files than its text and its ``--source`` values: Click reads the first loose file as
    the text and the rest as extra arguments, so the message says which file went where and how to say it."""

    code = "E115"
    template = "{detail}"


class BadEvalLine(InputError):
    code = "E120"
    template = "{detail}"  # the input already reads path:line


class NoEvalItems(InputError):
    """Labelled data (``eval``'s data or ``--tune``) with no line that can be scored: no figure can be made."""

    code = "E121"
    template = "no line to score{detail}"


class EvalFieldIgnored(InputError):
    """Not an error that stops anything: an optional field of an eval line (id, dataset, split,
    error_types) of the wrong type, read as if it were absent, or an id an earlier line already has; the
    line is scored."""

    code = "E122"
    template = "{detail}"  # the input already reads path:line


class TunedOnData(InputError):
    """Not an error that stops anything: lines of ``eval --tune`` that are also lines of the data scored (the same
    sources and text). The threshold was chosen on lines it then scores, so the figures overstate it on unseen
    data; the help says "never the data being scored", and a data engineer who gave the same file twice (or a
    split that shares lines) was told nothing (session 31's walk)."""

    code = "E123"


class OneLabelTune(InputError):
    """``eval --tune`` data whose scored lines all have one label: balanced accuracy cannot tell one threshold from
    another on them (every threshold that flags them all, or none, ties), so the one chosen was arbitrary, 1.0 for
    lines all labelled 0, and every line of the data was then flagged without a word (session 31's walk)."""

    code = "E124"


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


# --------------------------------------------------------------------------------------------------
# Corpora, clustering and batch runs (E6xx): a bad row is reported with its line and skipped; the rest
# of a run goes on. Only a problem with the run as a whole (no corpus, no cluster) stops it.


class CorpusError(InputError):
    """A corpus input that cannot be read as a whole (a bad row is a notice, never this)."""

    code = "E600"


class NoCorpusFiles(CorpusError):
    code = "E601"
    template = "no corpus file here{detail}; expected .jsonl, .jsonl.gz, .csv, .csv.gz or .parquet"


class UnsupportedCorpusFormat(CorpusError):
    code = "E602"
    template = "unsupported corpus file type {detail!r}; expected .jsonl, .jsonl.gz, .csv, .csv.gz or .parquet"
    # a folder's such file is a notice of the run, not an error: the message says it was not read
    problem_template = "not read: {detail!r} is not a corpus file type (.jsonl, .jsonl.gz, .csv, .csv.gz, .parquet)"


class BadCSVRow(CorpusError):
    code = "E603"
    template = "line {line}: {detail}"
    problem_template = "{detail}"


class BadParquetRow(CorpusError):
    code = "E604"
    template = "row {line}: {detail}"
    problem_template = "{detail}"


class UnreadableTime(CorpusError):
    """Not an error that stops anything: a Parquet date or time value that Python cannot hold (a year past 9999
    or before 1, where Arrow's own types reach millions of years) is read as absent and the row is kept (its
    text is sound, and the time is only a clustering hint); or a time zone unknown to the zone database, whose
    instants are then read in UTC (Arrow keeps timestamps as UTC instants, the zone only names how to show
    them). Any other value Python cannot hold (a ``duration`` past ``timedelta``'s range, a list or struct
    holding such a time) is read as absent the same way. A data engineer looking for the value finds it
    here, row by row."""

    code = "E606"
    template = "row {line}: {detail}"
    problem_template = "{detail}"


class FutureDate(CorpusError):
    """Not an error that stops anything: a row's ``published`` more than ``ingest.FUTURE_MARGIN`` (2 days) after
    the machine's today, the margin an HTML page's own date is held to (``ingest.beyond_margin``). Such a date is
    a typo (2031 for 2021) or a scheduled embargo, not a publication: kept, it put the row in a time window of
    its own (the clustering reads it), away from the reports of its event, and the lineage took it for the
    latest report. The row is read without it, its text sound; the notice names the row and the value.

    The same for a document ``compare``, ``check`` and ``add`` read (``ingest.read``): a text's ``Published:``
    line (``line``), a JSONL line, a JSON list's item (``item``), a lone JSON object (no place); session 26's walk
    found them held to no margin, a corpus row and a page only."""

    code = "E607"
    template = "{where}{detail}"
    problem_template = "{detail}"

    def __init__(self, input: str | None = None, detail: str = "", line: int | None = None,
                 item: int | None = None) -> None:
        where = f"line {line}: " if line else f"item {item}: " if item else ""
        super().__init__(input, detail, where=where, line=line, item=item)


class NoSuchZone(CorpusError):
    """Not an error that stops anything: a row's ``published`` whose time carries an offset more than 14 hours from
    UTC ("Thu, 27 Nov 2026 07:02:00 +15", "2026-11-27T07:02+20:00"): no zone has it (``lineage.FARTHEST``), so
    which moment was meant is unknown. ``email.utils`` read "+15" as 15 minutes, ISO 8601 "+20" was 20 hours: the
    clustering's window and the lineage's order took one of them. The row is read without it, its text sound; the
    notice names the row and the value (session 31)."""

    code = "E609"
    template = "line {line}: {detail}"
    problem_template = "{detail}"


class NoTimeRead(CorpusError):
    """Not an error that stops anything: a row's ``published`` with no year and in no form a time is read from
    (seconds since 1970, "1228557600", a Parquet integer column of them; "yesterday"; "Dec 6"): the clustering's
    time window and the lineage's order read no time from it, the report shows it as given. Said once a file, at
    its first such row (a file's rows share their writer's form). Why: a corpus of epoch seconds ran with no time
    window and no publication order, and nothing said so (session 33's walk)."""

    code = "E618"
    template = "line {line}: {detail}"
    problem_template = "{detail}"


class DuplicateId(CorpusError):
    """Not an error that stops anything: an id already taken was made unique (``-2``, ``-3``...)."""

    code = "E605"
    template = "line {line}: id {detail!r} is already taken; renamed"
    problem_template = "id {detail!r} is already taken; renamed"


class ReadOnce(CorpusError):
    """Not an error that stops anything: an input whose corpus files an earlier input of the run gave (a folder
    given twice, a file given beside its folder, a link to either), read once. Each of its rows read a second
    time was a copy of itself under an E605 renamed id, an article's copy found by the batch's plan."""

    code = "E608"
    template = "read once: {detail}"


class BatchError(StorycheckError):
    """A batch run that cannot start or go on: no cluster, an output folder of another run."""

    code = "E610"


class SchedulerUnavailable(BatchError):
    code = "E611"
    template = "cannot reach the Dask scheduler: {detail}"


class OutputMismatch(BatchError):
    code = "E612"
    template = "the output folder holds a run of another corpus or other settings ({detail}); use a new --out"


class UnreadableManifest(OutputMismatch):
    """A ``manifest.json`` in ``--out`` that is not a batch's (a run writes it whole): the folder is not one
    this command can resume, whatever corpus it was for."""

    template = "{detail} is unreadable, not the manifest of a batch run ({reason}); use a new --out"


class StoryFailed(BatchError):
    """Not an error that stops a run: one story the engine could not compare, recorded in the manifest."""

    code = "E613"
    template = "story {story}: {detail}"


class OutputInUse(BatchError):
    """Two runs on one ``--out`` would delete each other's claims and temporary files and interleave
    their stories: the second is refused while the first holds the folder's lock."""

    code = "E615"
    template = "the output folder is in use by another batch run ({detail}); wait for it to end or use another --out"


class FollowMismatch(BatchError):
    """A run told to follow another (``batch --follow``) whose state it cannot take: the followed folder holds no
    finished run's state, or that run clustered with other settings or ran another engine (its stories would be
    joined by rules they were not grouped by, and re-checked by another engine beside reports of the old one)."""

    code = "E616"
    template = "cannot follow this run: {detail}"


class FollowInUse(BatchError):
    """Two runs following one run at once (``batch --follow``) would both find the store as that run left it, both
    pass the fork check (``_Keeper.check_chain``) and both replace its stories: the second is refused while the first
    holds the followed state's lock, for its whole run; with ``--db``, also while another follower of the chain holds
    the lock of its stories in the store (session 31; session 32: a row of the store's, seen from every machine and
    through a connection pooler; a holder's machine lost lets it lapse two minutes after its last renewal, the time
    named)."""

    code = "E617"
    template = ("another batch run is following this run or its chain now ({detail}); wait for it to end, then "
                "follow the run it makes")


class FollowLockLost(FollowInUse):
    """A follower's lock of its chain's stories lost during its run (``batch._Keeper.ours``): nothing more is put.
    Its own words (session 32): E617's "wait for it to end, then follow the run it makes" was wrong when no other
    follower took the lock, and said nothing of what to do then."""

    template = ("{detail}; nothing more was put. If another follower of this run is running now, let it end and "
                "follow the run it makes; if none is, run this command again (it takes the lock and puts the rest)")


class NoArticles(BatchError):
    """A corpus of which no row could be read: the run would write an empty output, so it stops instead."""

    code = "E614"
    template = "no article could be read: {detail}"


# --------------------------------------------------------------------------- outputs (E7xx)


class OutputError(StorycheckError):
    """An output that cannot be written (a folder where the file should go, a file where a folder should,
    a read-only place, a full disk); the command stops with exit code 1 and leaves no partial file."""

    code = "E700"
    template = "cannot write here: {detail}"


class StaleNative(StorycheckError, ImportError):
    """A compiled clustering module whose compiled-in source hash is not its ``.py``'s (a renamed or copied
    extension): refused at import, never run (``storycheck.native``); rebuild with ``scripts/build_native.py``."""

    code = "E701"
    template = "compiled module {detail} was not built from the current source: rebuild or delete it"


# --------------------------------------------------------------------------- store and serve (E5xx)


class StoreError(StorycheckError):
    """A problem with the store (the database of stories) or with a request to the API about it."""

    code = "E500"


class StoryNotFound(StoreError):
    code = "E501"
    template = "no such story{detail}"


class StoreUnavailable(StoreError):
    code = "E502"
    template = "cannot open the store: {detail}"


class StoryExists(StoreError):
    code = "E503"
    template = "a story with this name already exists{detail}"


class KeyNotFound(StoreError):
    code = "E504"
    template = "no such API key{detail}"


class ReportNotReady(StoreError):
    code = "E505"
    template = "the story has no report yet ({detail})"


class TooManyDocuments(StoreError):
    code = "E506"
    template = "a story holds at most {limit} documents; this would make {count}"


class BadRequest(StoreError):
    """A request the API cannot read: malformed JSON, a missing or mistyped field, a bad parameter."""

    code = "E510"
    template = "{detail}"


class Unauthorized(StoreError):
    code = "E511"
    template = "{detail}"


class RequestTooLarge(StoreError):
    code = "E512"
    template = "the request body is over the limit of {limit} bytes"


class UnsupportedMediaType(StoreError):
    code = "E513"
    template = "{detail}"


__all__ = [
    "BadRequest",
    "KeyNotFound",
    "ReportNotReady",
    "RequestTooLarge",
    "StoreError",
    "StoreUnavailable",
    "StoryExists",
    "StoryNotFound",
    "TooManyDocuments",
    "Unauthorized",
    "UnsupportedMediaType",
    "BadJSONLine",
    "BinaryInput",
    "DuplicateDocuments",
    "EmptyInput",
    "EncodingError",
    "EncodingGuessed",
    "EvalFieldIgnored",
    "InputError",
    "MissingItemText",
    "MissingText",
    "ModelError",
    "NoEvalItems",
    "NoMainText",
    "NotEnglish",
    "NotEnoughDocuments",
    "NotFound",
    "SchemaError",
    "SeveralTexts",
    "StoryError",
    "StorycheckError",
    "TooLarge",
    "Unreadable",
    "UnsupportedFormat",
    "BadCSVRow",
    "BadParquetRow",
    "BatchError",
    "CorpusError",
    "DuplicateId",
    "NoArticles",
    "NoCorpusFiles",
    "OutputError",
    "OutputMismatch",
    "UnreadableManifest",
    "SchedulerUnavailable",
    "StaleNative",
    "StoryFailed",
    "UnsupportedCorpusFormat",
    "UnreadableTime",
]
