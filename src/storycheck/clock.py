"""Times of day in a text (``9:25 a.m.``, ``9.25pm``, ``21:40``, ``0925 GMT``, ``noon``), and when two of them
contradict each other.

Why: "the explosion happened at 9:25 a.m." and "the explosion happened at 9:40 a.m." are two accounts of one
moment, and a fact-checker wants them flagged with both spans. The tagger's TIME entities were dropped (a date
holds no clock), and it tags times unreliably anyway: ``21:40`` and ``9.25`` come out as CARDINAL figures,
``4:25 ET`` as nothing, ``9.25pm`` as a figure. So times are found here by pattern over the text, with the
context that tells a time from a figure:

- ``9:25`` and ``9.25`` are times only with a clock word (``a.m.``/``pm``, ``o'clock``, a zone, ``local time``,
  ``in the morning``) or after a time preposition (``at``, ``by``, ``until``, ``shortly after`` ...). A dotted
  figure is also a price or a rate, so it needs ``at``, ``until``, ``till``, ``before`` or ``after`` (not ``from``,
  ``by``, ``about``: "climbed from 9.25", "grew by 9.25"), no price or state word two words before it
  (``closed at 9.25``, ``trading at 9.25``), no unit after it (``at 9.25 per cent``, ``at 9.25 a share``) and
  no currency sign or percent just before (``$9.10 ... at 9.25``); ``$9.25`` and ``9.25%`` never match.
- ``noon``, ``midday`` and ``midnight`` only after a time preposition (not ``a midnight deadline``).
- four digits (``0925``) only with a zone or ``hours`` (wire style ``0925 GMT``).
- a range's ends (``9:25-9:40``) and longer figures (``2:05:33``) are no single time; nor a race time or a game
  clock after ``at`` (``ran the mile at 3:43``, ``timed at 1:21``, ``at 2:15 of the first period``): a duration.
- a zone in lower case (``9:25 pm et``) only right after am/pm (``et``, ``est`` are words too), ``gmt``/``utc`` anywhere.

Two times contradict (``clock_conflict``) only when neither is hedged or a bound (``about 9:30`` / ``9:40``,
``by noon`` / ``at 11:15``), their zones can be reconciled (the same zone or none written; two known zones are
converted, ``9:25 GMT`` = ``4:25 ET``; a known zone against none or an unknown one is never a conflict) and
they are further apart than a reporter's rounding: ``CLOCK_SPREAD`` minutes, ``HOUR_SPREAD`` when either is
on the hour (``9 p.m.`` is often 9:20). A time with no am/pm on a 12-hour dial (``9:25``) may be either half
of the day. Which two times are of the same moment (one verb of one claim, not ``the blast at 9:25, the police
at 9:40``) is the judge's business.
"""

from __future__ import annotations

import re

from storycheck.records import When

__all__ = ["CLOCK_SPREAD", "HOUR_SPREAD", "ZONES", "clock_comparable", "clock_conflict", "find_clocks"]

CLOCK_SPREAD = 5  # minutes: two exact times this close agree (one rounds to five minutes)
HOUR_SPREAD = 30  # minutes: a time on the hour (``9 p.m.``, ``noon``) is rounded to the nearest hour
# a zone's offsets from UTC in minutes; an ambiguous abbreviation has each of its readings (``ET`` is EST or
# EDT, ``CST`` US Central or China, ``IST`` India, Ireland or Israel): two times agree when any readings do
ZONES: dict[str, tuple[int, ...]] = {
    "GMT": (0,), "UTC": (0,), "BST": (60,), "CET": (60,), "CEST": (120,), "EET": (120,), "EEST": (180,),
    "MSK": (180,), "SAST": (120,), "IST": (330, 60, 120), "HKT": (480,), "SGT": (480,), "JST": (540,),
    "KST": (540,), "AEST": (600,), "AEDT": (660,),
    "EST": (-300,), "EDT": (-240,), "ET": (-300, -240), "CST": (-360, 480), "CDT": (-300,), "CT": (-360, -300),
    "MST": (-420,), "MDT": (-360,), "MT": (-420, -360), "PST": (-480,), "PDT": (-420,), "PT": (-480, -420),
}  # fmt: skip
ZONE_NAMES = "|".join(sorted(ZONES, key=len, reverse=True))  # longest first: a zone wins over one it begins with
# a zone in lower case (``9:25 pm et``, ``10 a.m. gmt``, as some wires and comments write it) only right after am/pm:
# alone, ``et``, ``est``, ``pt``, ``mt`` are words too (``et al``, Latin and French ``est``); ``gmt``/``utc`` anywhere;
# never ``et al`` (``Smith at 9 am et al.``: revj16)
_LOWER_ZONE = ZONE_NAMES.lower()
CLOCK_RE = re.compile(
    r"(?<![\w$£€¥.,:/-])"
    r"(?:(?P<h>[01]?\d|2[0-4])(?:(?P<sep>\s?:\s?|\.)(?P<m>[0-5]\d))?|(?P<hhmm>[01]\d[0-5]\d|2[0-3][0-5]\d))"
    r"(?![\d%]|[.,:/\-–]\d|\s?[-–]\s?\d)"
    r"(?:\s?(?P<ampm>(?i:[ap]\.\s?m\.|[ap]\.?\s?m\b)))?"  # (a sentence's full stop after "9 am" is no part of it)
    r"(?:\s?(?P<oclock>o['’]clock)\b)?"
    rf"(?:\s?(?P<zone>{ZONE_NAMES})(?P<offset>[+\-−]\d{{1,2}}(?::?[0-5]\d)?)?\b|\s(?P<local>local time)\b"
    rf"|(?(ampm)\s(?P<lower>{_LOWER_ZONE})(?!\s+al\b)|\s?(?P<lower_utc>gmt|utc))(?P<lower_offset>[+\-−]\d{{1,2}}(?::?[0-5]\d)?)?\b"
    r"|\s(?P<named>(?:(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b)[A-Z][a-z]+\s){1,3})[Tt]ime\b|\s(?P<spelled>Eastern|Central|Mountain|Pacific)\b(?!\s[A-Z])"
    r"|\s(?P<hours>hours|hrs)\b)?"
)
# a zone spelled out (``Eastern time``, ``4 p.m. Pacific``, ``Greenwich Mean Time``) as its abbreviation; a place's
# time (``Moscow time``, ``Kyiv time``) not here is kept as written: a zone of its own, equal only to itself
SPELLED_ZONES = {
    "eastern": "ET", "eastern standard": "EST", "eastern daylight": "EDT", "central": "CT", "central standard": "CST",
    "central daylight": "CDT", "mountain": "MT", "mountain standard": "MST", "mountain daylight": "MDT",
    "pacific": "PT", "pacific standard": "PST", "pacific daylight": "PDT", "greenwich mean": "GMT",
    "british summer": "BST", "central european": "CET", "central european summer": "CEST", "eastern european": "EET",
    "moscow": "MSK", "japan": "JST", "japan standard": "JST", "korea": "KST", "hong kong": "HKT", "singapore": "SGT",
    "coordinated universal": "UTC", "universal": "UTC",
}  # fmt: skip
_OFFSET = re.compile(r"(GMT|UTC)([+\-−])(\d{1,2})(?::?([0-5]\d))?")
NOON_RE = re.compile(r"\b(?:12\s)?(?P<word>noon|midday|mid-day|midnight)\b", re.I)
# a preposition of time right before: what makes ``at 9.25`` a time and ``9.25`` a figure
_CUE = re.compile(
    r"\b(?:at|by|from|until|till|before|after|around|about|approximately|roughly|circa|since|between|local\s+time)"
    r"\s+(?:about\s+|around\s+|approximately\s+|roughly\s+|exactly\s+|precisely\s+|just\s+)?$",
    re.I,
)
# ``in`` before a colon figure after a verb of a set moment (``the train leaves in 10:30``, ``the show starts in
# 8:00``): the moment it happens, no race time (``won in 3:43``) nor a count down (review revd1)
_MOMENT_IN = re.compile(
    r"\b(?:leaves?|leaving|departs?|departed|departing|starts?|started|starting|begins?|began|beginning|opens?|opened"
    r"|arrives?|arrived|arriving|(?:kicks?|kicked|takes?|took)\s+off|airs?|aired|lands?|landed|resumes?|resumed)\s+in\s+$",
    re.I,
)
# a clock word after a bare figure: ``8:00 sharp`` is a time whatever comes before it
_CLOCK_AFTER = re.compile(r"\s+sharp\b", re.I)
# the narrower one a dotted figure needs: "from", "between", "since", "by" and "about" come before figures as often
# ("climbed from 9.25", "grew by 9.25", "about 9.25 a share")
_DOTTED_CUE = re.compile(r"\b(?:at|until|till|before|after)\s+(?:exactly\s+|precisely\s+|just\s+)?$", re.I)
# a hedge or a bound right before: the time is no exact moment (``shortly after 10 p.m.``, ``by noon``)
_NOT_EXACT = re.compile(
    r"\b(?:about|around|approximately|roughly|circa|nearly|almost|shortly|just|soon|some|before|after|by|until"
    r"|till|since|between|past|no later than|as late as|as early as)\s+(?:after\s+|before\s+)?(?:about\s+|around\s+)?$",
    re.I,
)
# the word before a preposition that makes the figure after it a price, a rate or a score
_VALUE_BEFORE = re.compile(
    r"\b(?:close[sd]?|closing|trade[sd]?|trading|stand|stands|stood|standing|end|ends|ended|ending|finish(?:e[sd])?"
    r"|open(?:s|ed|ing)?|settle[sd]?|settling|peak(?:s|ed)?|price[sd]?|valued?|rated?|rates?|set|fixed|capped|level"
    r"|estimated|put|pegged|pitched|costed|quoted|listed"
    r"|high|low|rise|rises|rose|risen|fall|falls|fell|fallen|up|down|yield(?:s|ed)?|sold|bought|offered|bid|score[sd]?"
    r"|was|is|were|are)\s+\S+\s+(?:about\s+|around\s+)?$",
    re.I,
)
_FIGURE_BEFORE = re.compile(r"\d\s?[:.\-–]\s?$")
_VALUE_NEAR = re.compile(r"[$£€¥%]")  # a price or a rate just before (``opened at $9.10 and closed at 9.25``)
_UNIT_AFTER = re.compile(
    r"\s?(?:an?\s(?!\.?m\b)|each\b|apiece\b|per\b|percent|pct|pc\b|%|°|[cf]\b|points?\b|pts\b|million|billion|bn\b|mn\b|m\b|x\b|times\b|euros?|dollars|pounds|cents?\b"
    r"|pence|p\b|[a-z]*metres|[a-z]*meters|km\b|kg\b|seconds|secs?\b|minutes|mins?\b|hours|hrs\b|years|months|days"
    r"|weeks|goals|runs|mph|kph|degrees|inches|feet|ft\b|tons|tonnes|percentage)",
    re.I,
)
# what makes a bare figure after ``at`` a race time or a game clock, a duration and no time of day: a word of timing
# right before (``timed at 1:21``, ``ran the mile at 3:43``, ``the fastest lap at 1:21``; not ``the marathon at 9:30``,
# a start as often as a result), or ``of``/``into`` a period of play just after (``at 2:15 of the first period``)
DURATION_BEFORE = re.compile(
    r"\b(?:timed|clocked|lap|laps|fastest|quickest|slowest|mile)\s+(?:at|in)\s+(?:just\s+)?$",
    re.I,
)
DURATION_AFTER = re.compile(
    r"\s+(?:of|into|left\s+in)\s+(?:the\s+)?(?:first|second|third|fourth|fifth|final|last|opening|1st|2nd|3rd|4th)?\s*"
    r"(?:period|quarter|half|round|game|match|set|inning|innings|overtime|extra\s+time|race|lap|stage)\b",
    re.I,
)
_DAY_PART = re.compile(
    r"\s(?:(?:in|of) the (?P<a>morning)|(?:in|of) the (?P<p>afternoon|evening)|at (?P<n>night)|last (?P<n2>night)|(?P<n3>tonight)"
    r"|(?:this|that|yesterday|tomorrow|on \w+day|\w+day) (?:(?P<a2>morning)|(?P<p2>afternoon|evening|night)))\b",
    re.I,
)


def find_clocks(text: str) -> list[tuple[int, int, When]]:
    """Each time of day the text writes: (start, end, When with ``precision="time"``), in text order."""
    out = []
    for m in CLOCK_RE.finditer(text):
        found = _numeric(text, m)
        if found is not None:
            out.append((m.start(), m.end(), found))
    if "noon" in text or "mid" in text.lower():
        for m in NOON_RE.finditer(text):
            before = text[max(0, m.start() - 40) : m.start()]
            if not _CUE.search(before):
                continue
            clock = "00:00" if m.group("word").lower() == "midnight" else "12:00"
            out.append((m.start(), m.end(), When(None, "time", approx=_bound(before), clock=clock)))
    out.sort(key=lambda x: x[0])
    return out


def _numeric(text: str, m: re.Match) -> When | None:
    """The time a figure match writes, or None when its context makes it no time."""
    zone = _zone(m)
    ampm, oclock = m.group("ampm"), m.group("oclock")
    before = text[max(0, m.start() - 40) : m.start()]
    if _FIGURE_BEFORE.search(before):
        return None  # the minutes of a time written with spaces ("7 : 01 p. m."), or a longer figure's end
    if m.group("hhmm"):
        if not (zone or m.group("hours") and _CUE.search(before)):
            return None  # (``logged 1500 hours`` is a duration; ``at 1500 hours`` a time)
        h, minute, twelve = int(m.group("hhmm")[:2]), int(m.group("hhmm")[2:]), False
    else:
        written, minute, sep = m.group("h"), int(m.group("m") or 0), (m.group("sep") or "").strip()
        h = int(written)
        if written == "0":
            return None  # ``at 0.25``, ``0:25``: a figure or a duration; a clock writes ``00.25``, ``12.25 a.m.``
        if ampm or oclock:
            if not 1 <= h <= 12 or (oclock and m.group("m")):
                return None
        elif m.group("hours") and sep != ":":
            return None  # "9.25 hours" is a duration ("17:06 hours" is a time)
        elif not sep:
            return None  # a bare "9" is no time (nor "9 GMT": too rare to risk)
        elif not zone and not _DAY_PART.match(text, m.end()) and (DURATION_BEFORE.search(before) or DURATION_AFTER.match(text, m.end())):
            return None  # a race time or a game clock (``ran the mile at 3:43``, ``at 2:15 of the first period``)
        elif not (zone or _DAY_PART.match(text, m.end()) or sep == ":" and _CLOCK_AFTER.match(text, m.end())):
            # a figure after a time preposition; a dotted one unless something makes it a price, rate or score
            if not (_CUE.search(before) or sep == ":" and _MOMENT_IN.search(before)):
                return None
            if sep == "." and (not _DOTTED_CUE.search(before) or _VALUE_BEFORE.search(before) or _VALUE_NEAR.search(before[-25:])
                                          or _UNIT_AFTER.match(text, m.end())):  # fmt: skip
                return None
        if h == 24:
            if minute:
                return None
            h = 0
        twelve = not ampm and 1 <= h <= 12 and not written.startswith("0")
        if ampm:
            h = h % 12 + (12 if ampm[0] in "pP" else 0)
    if twelve and (part := _DAY_PART.match(text, m.end())):
        night = part.group("n") or part.group("n2") or part.group("n3") or (part.group("p2") or "").lower() == "night"
        # the night runs past midnight: ``12:15 at night``, ``2:30 last night`` are 00:15 and 02:30
        morning = part.group("a") or part.group("a2") or night and (h == 12 or h < 6)
        h = h % 12 + (0 if morning else 12)
        twelve = False
    return When(None, "time", approx=_bound(before), clock=f"{h:02d}:{minute:02d}", zone=zone, twelve_hour=twelve)


def _zone(m: re.Match) -> str | None:
    """The zone a time is written with: an abbreviation (with its offset, ``GMT+1``), one spelled out as the
    abbreviation, a place's time as written (``Kyiv``), ``local`` for ``local time``, or None."""
    if m.group("zone"):
        return m.group("zone") + (m.group("offset") or "").replace("−", "-")
    if m.group("lower") or m.group("lower_utc"):
        # with its offset, as an upper-case zone's (``21:40 utc+2`` is no ``21:40 UTC``: review revj16)
        return (m.group("lower") or m.group("lower_utc")).upper() + (m.group("lower_offset") or "").replace("−", "-")
    if m.group("local"):
        return "local"
    spelled = m.group("named") or m.group("spelled")
    if spelled:
        words = " ".join(spelled.split())
        return SPELLED_ZONES.get(words.lower(), words)
    return None


def _offsets(zone: str) -> tuple[int, ...] | None:
    """A zone's offsets from UTC in minutes (``ZONES``, or ``GMT+1``/``UTC-5:30``), None for one not known."""
    if zone in ZONES:
        return ZONES[zone]
    if m := _OFFSET.fullmatch(zone):
        sign = -1 if m.group(2) == "-" else 1
        return (sign * (int(m.group(3)) * 60 + int(m.group(4) or 0)),)
    return None


def _bound(before: str) -> bool:
    return _NOT_EXACT.search(before) is not None


def clock_conflict(a: When, b: When) -> bool:
    """Two times of day that cannot be one moment (see the module's docstring)."""
    if a.clock is None or b.clock is None or a.approx or b.approx:
        return False
    shifts = _shifts(a.zone, b.zone)
    if not shifts:
        return False
    spread = HOUR_SPREAD if a.clock.endswith(":00") or b.clock.endswith(":00") else CLOCK_SPREAD
    return not any(_apart(x + s, y) <= spread for x in _minutes(a) for y in _minutes(b) for s in shifts)


def clock_comparable(a: When, b: When) -> bool:
    """Whether two times' zones can be reconciled (the same, or two known): only then can they agree or clash."""
    return bool(_shifts(a.zone, b.zone))


def _shifts(za: str | None, zb: str | None) -> tuple[int, ...]:
    """Minutes to add to a time in zone ``za`` to read it in ``zb``; none when they cannot be reconciled."""
    za, zb = za or "local", zb or "local"
    if za == zb:
        return (0,)
    oa, ob = _offsets(za), _offsets(zb)
    if oa is not None and ob is not None:
        return tuple({y - x for x in oa for y in ob})
    return ()


def _minutes(w: When) -> tuple[int, ...]:
    h, m = map(int, w.clock.split(":"))
    t = h * 60 + m
    return (t, (t + 720) % 1440) if w.twelve_hour else (t,)


def _apart(x: int, y: int) -> int:
    d = (x - y) % 1440
    return min(d, 1440 - d)
