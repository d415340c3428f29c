"""Story clustering: a stream of articles into stories (near-duplicates and reports of the same event).

Why it works the way it does:

- **Never all pairs.** An article is compared only with the stories its *candidates* belong to. Candidates
  come from two indexes that a query touches in time independent of the corpus size: a MinHash LSH index
  (datasketch) over word shingles, which finds copies and light rewrites of wire copy, and an inverted index
  of *named mentions* (capitalised names, lower-cased), which finds other outlets' reports of the same event
  (they share the names of its people, places and organisations, rarely its sentences). A name found in
  more than ``max_key_share`` of all articles (``Monday``, ``Reuters``) opens no candidates.
- **Refinement inside the candidates only.** Each candidate story is scored by the cosine between the
  article's embedding (the static sentence embedder on its title and lead) and the story's centroid, and by
  how much of the article's name weight (IDF) the story carries. Two reports of the same *kind* of event
  (two earthquakes, two acquisitions by one company) embed alike; their names differ, so both signals are
  required unless the text is a near-duplicate.
- **A publication-time window.** When both sides have a publication time, a story whose time span is more
  than ``window_hours`` away from the article's is not a candidate.
- **Incremental.** ``StoryIndex.add`` assigns new articles to existing stories or opens new ones; nothing
  already assigned moves, so a stream can be clustered batch by batch (single-pass clustering, as in
  topic-detection-and-tracking systems). ``cluster`` is ``StoryIndex().add`` on the whole corpus.
- **Explained.** Every article but the first of a story records the ``Link`` by which it joined: the
  member it was closest to, the reason (``near_duplicate`` or ``same_event``), the estimated shingle
  Jaccard, the cosine, and the shared names. ``StoryIndex.why(a, b)`` gives the chain that put two
  articles together.

Names in a text written all in lower case (some machine summaries are) cannot be found by their capitals;
for such a text, the words that are known names elsewhere in the corpus are taken as its names.

Deterministic: the same articles in the same order give the same stories (hashes are CRC32, not Python's
salted ``hash``), which a resumed or distributed batch relies on.
"""

from __future__ import annotations

import math
import pickle
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

from storycheck.records import Document

__all__ = ["ClusterSettings", "Features", "Link", "Story", "StoryIndex", "cluster", "featurize"]


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """Every threshold of the clustering, with defaults tuned on ECB+ and FRANK (benchmarks/bench_cluster.py)."""

    num_perm: int = 64  # MinHash permutations: 64 keeps the Jaccard estimate within ~±0.06
    shingle_words: int = 3  # words per shingle
    near_duplicate: float = 0.5  # estimated shingle Jaccard at which two texts are the same story regardless
    window_hours: float | None = 96.0  # publication-time window (only when both times are known)
    lead_chars: int = 1500  # title + this much of the text is embedded: the news lead carries the event
    max_key_share: float = 0.01  # names in more of the corpus than this open no candidates...
    min_key_docs: int = 20  # ...unless they are in at most this many articles (small corpora)
    candidates: int = 8  # candidate stories refined per article
    join_cosine: float = 0.65  # cosine to the story centroid needed to join it...
    join_keys: float = 0.3  # ...together with this share of the article's name weight found in the story
    strong_cosine: float = 0.93  # a cosine at which shared names are not required
    strong_keys: float = 0.7  # a name share at which a weaker cosine suffices...
    strong_keys_cosine: float = 0.6  # ...namely this one
    bridge: bool = True  # an article that passes for two stories merges them, when it is this close to both:
    bridge_keys: float = 0.7
    bridge_cosine: float = 0.8
    name_ratio: float = 0.5  # a word is a name when written capitalised in at least this share of its articles
    seed: int = 7


@dataclass(slots=True)
class Features:
    """What clustering needs of one article; computed per article (pure), so it can run on workers."""

    id: str
    minhash: np.ndarray  # MinHash values (uint32, datasketch's affine32 scheme), ``num_perm`` of them
    names: frozenset[str]  # lower-cased words written capitalised inside a sentence
    words: frozenset[str]  # lower-cased content words
    lower: frozenset[str]  # content words also written in lower case in this text (so: not names here)
    vector: np.ndarray  # unit-normalised float32 embedding of title + lead
    time: float | None  # publication time, POSIX seconds
    lowercase: bool  # the text has (nearly) no capitals, so ``names`` is empty by construction


@dataclass(slots=True)
class Link:
    """Why an article joined a story: the member it was closest to and the evidence."""

    doc: str
    to: str
    reason: str  # "near_duplicate" | "same_event" | "bridge" (``doc`` tied ``to``'s story to its own)
    jaccard: float  # estimated shingle Jaccard with ``to``
    cosine: float  # with the story centroid at the time of joining
    key_share: float  # share of the article's name weight (IDF) that the story carries
    shared: list[str]  # the shared names, rarest first (at most 8)


@dataclass(slots=True)
class Story:
    id: str
    members: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    first: float | None = None
    last: float | None = None
    merged_into: str | None = None  # set when an article tied this story to an older one


# --------------------------------------------------------------------------------------------------
# Features

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_CAPITALISED = re.compile(r"\b[A-Z][\w'’.-]*[\w]|\b[A-Z]\b")
_SENTENCE_START = re.compile(r'(?:^|[.!?:;]["”’)]*\s+|["“(]\s*|\n\s*)$')
_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours said says say told according
    one two three four five six seven eight nine ten new year years last first people may might must us
    mr mrs ms dr st unk""".split()
)
_NOT_NAMES = _STOP | frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december today yesterday tomorrow president minister prime chief
    government police officials official news report reports reported share click photo video""".split()
)
_LEAD_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def _stable_hash(item: bytes) -> int:
    return zlib.crc32(item)


class _Hasher:
    """One MinHash template (its permutations are drawn once, not per article)."""

    def __init__(self, num_perm: int, seed: int) -> None:
        self.num_perm, self.seed = num_perm, seed
        template = MinHash(num_perm=num_perm, seed=seed, hashfunc=_stable_hash)
        self._perms, self._scheme = template.permutations, template.scheme

    def minhash(self, hashvalues: np.ndarray | None = None) -> MinHash:
        return MinHash(
            num_perm=self.num_perm, seed=self.seed, hashfunc=_stable_hash, permutations=self._perms,
            hashvalues=hashvalues, scheme=self._scheme,
        )


def _names(text: str) -> set[str]:
    """Capitalised words not at the start of a sentence, lower-cased (``Teixeira``, ``Angels``, ``U.N.``)."""
    found: set[str] = set()
    for m in _CAPITALISED.finditer(text):
        if _SENTENCE_START.search(text[max(0, m.start() - 4) : m.start()]) or m.start() == 0:
            continue
        word = m.group().lower().rstrip(".").removesuffix("'s").removesuffix("’s")
        if len(word) > 1 and word not in _NOT_NAMES and not word.isdigit():
            found.add(word)
    return found


def featurize(
    documents: Sequence[Document], settings: ClusterSettings | None = None, embedder=None  # noqa: ANN001
) -> list[Features]:
    """Features of each article (pure; the embedder is the engine's static one unless given)."""
    settings = settings or ClusterSettings()
    if embedder is None:
        from storycheck.nlp import embedder as load_embedder

        embedder = load_embedder("static")
    hasher = _Hasher(settings.num_perm, settings.seed)
    leads = []
    out: list[Features] = []
    for doc in documents:
        text = doc.text
        words = [w.lower() for w in _WORD.findall(text)]
        n = settings.shingle_words
        shingles = {" ".join(words[i : i + n]).encode() for i in range(max(1, len(words) - n + 1))}
        mh = hasher.minhash()
        mh.update_batch(shingles)
        letters = sum(ch.isalpha() for ch in text[:2000])
        capitals = sum(ch.isupper() for ch in text[:2000])
        lowercase = letters > 0 and capitals / letters < 0.005
        content = frozenset(w for w in words if len(w) > 2 and w not in _STOP and not w.isdigit())
        names = frozenset() if lowercase else frozenset(_names(text) | _names(doc.title or "")) - {""}
        leads.append(((doc.title or "") + "\n" + text[: settings.lead_chars]).strip())
        lower = frozenset() if lowercase else frozenset(_WORD.findall(text)) & content
        features = Features(doc.id, mh.hashvalues.copy(), names, content, lower, None, _posix(doc.published), lowercase)  # type: ignore[arg-type]
        out.append(features)
    vectors = embedder.encode(leads) if leads else np.zeros((0, 1), dtype=np.float32)
    for f, v in zip(out, vectors, strict=True):
        f.vector = np.asarray(v, dtype=np.float32)
    return out


def _posix(published: str | None) -> float | None:
    if not published:
        return None
    try:
        when = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.timestamp()


# --------------------------------------------------------------------------------------------------
# The index


class StoryIndex:
    """Stories so far and the indexes that find candidates; ``add`` new articles, ``save``/``load`` it."""

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        s = self.settings
        self._hasher = _Hasher(s.num_perm, s.seed)
        self.lsh = MinHashLSH(threshold=s.near_duplicate, num_perm=s.num_perm)
        self.stories: list[Story] = []
        self.story_of: dict[str, int] = {}
        self.minhash: dict[str, np.ndarray] = {}
        self.vector: dict[str, np.ndarray] = {}
        self._centroid: list[np.ndarray] = []
        self._story_keys: list[Counter[str]] = []
        self._postings: dict[str, list[int]] = {}  # name -> stories that carry it
        self.df: Counter[str] = Counter()  # name -> articles that carry it
        self.capitalised: Counter[str] = Counter()  # word -> articles where it is written as a name
        self.lowered: Counter[str] = Counter()  # word -> articles where it is also written in lower case
        self.n_docs = 0
        self._parent: list[int] = []  # story -> the story it was merged into (itself when live)
        self.merges: list[tuple[str, str]] = []  # (merged story id, surviving story id), in order

    # -- public -----------------------------------------------------------------------------------

    def add(self, documents: Iterable[Document], embedder=None, batch: int = 2048) -> list[str]:  # noqa: ANN001
        """Assign each article to a story (existing or new); returns the story id of each, in order."""
        out: list[str] = []
        chunk: list[Document] = []
        for doc in documents:
            chunk.append(doc)
            if len(chunk) >= batch:
                out.extend(self.add_features(featurize(chunk, self.settings, embedder)))
                chunk = []
        if chunk:
            out.extend(self.add_features(featurize(chunk, self.settings, embedder)))
        return out

    def add_features(self, features: Sequence[Features]) -> list[str]:
        """Assign pre-computed features (``featurize`` may have run elsewhere, e.g. on Dask workers)."""
        for f in features:  # names and their frequencies first: a batch's articles inform each other
            if not f.lowercase:
                self.capitalised.update(f.names)
                self.lowered.update(f.lower)
        keysets = [self._keys(f) for f in features]
        for keys in keysets:
            self.df.update(keys)
        self.n_docs += len(features)
        return [self._assign(f, keys) for f, keys in zip(features, keysets, strict=True)]

    def live(self) -> list[Story]:
        """The stories, without those merged into others."""
        return [s for s in self.stories if s.merged_into is None]

    def story(self, doc: str) -> Story:
        return self.stories[self.story_of[doc]]

    def groups(self) -> list[list[str]]:
        return [list(s.members) for s in self.live()]

    def why(self, a: str, b: str) -> list[Link] | None:
        """The links that put ``a`` and ``b`` in one story (each one's chain up to the story's first
        article), or None when they are in different stories."""
        if self.story_of.get(a) is None or self.story_of.get(a) != self.story_of.get(b):
            return None
        story = self.stories[self.story_of[a]]
        link_of = {link.doc: link for link in story.links}
        chain: list[Link] = []
        for start in (a, b):
            doc, seen = start, set()
            while doc in link_of and doc not in seen:
                seen.add(doc)
                chain.append(link_of[doc])
                doc = link_of[doc].to
        unique = {(lk.doc, lk.to): lk for lk in chain}
        return list(unique.values())

    def save(self, path: str | Path) -> None:
        """Pickle the index (written beside the target and renamed: never half a file)."""
        path = Path(path)
        tmp = path.with_name(f".{path.name}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(self, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    @staticmethod
    def load(path: str | Path) -> StoryIndex:
        with open(path, "rb") as fh:
            return pickle.load(fh)

    # -- internals --------------------------------------------------------------------------------

    def _is_name(self, word: str) -> bool:
        """Written capitalised inside sentences at least as often (in articles) as in lower case: a name,
        not a common word that headline case or a byline capitalised."""
        caps = self.capitalised.get(word, 0)
        return caps > 0 and caps >= self.settings.name_ratio * (caps + self.lowered.get(word, 0))

    def _keys(self, f: Features) -> frozenset[str]:
        """The article's names; for an all-lower-case text, its words that are names elsewhere."""
        return frozenset(w for w in (f.words if f.lowercase else f.names) if self._is_name(w))

    def _idf(self, key: str) -> float:
        return math.log((self.n_docs + 1) / (self.df.get(key, 0) + 1)) + 1.0

    def _assign(self, f: Features, keys: frozenset[str]) -> str:
        passing = self._candidates(f, keys)
        if not passing:
            index = len(self.stories)
            story = Story(id=f"s{index + 1:06d}")
            self.stories.append(story)
            self._centroid.append(np.zeros_like(f.vector))
            self._story_keys.append(Counter())
            self._parent.append(index)
        else:
            index, link = passing[0]
            story = self.stories[index]
            story.links.append(link)
        story.members.append(f.id)
        self.story_of[f.id] = index
        if f.time is not None:
            story.first = f.time if story.first is None else min(story.first, f.time)
            story.last = f.time if story.last is None else max(story.last, f.time)
        self._centroid[index] += f.vector
        self._story_keys[index].update(keys)
        for key in keys:
            postings = self._postings.setdefault(key, [])
            if not postings or postings[-1] != index:
                postings.append(index)
        self.minhash[f.id] = f.minhash
        self.vector[f.id] = f.vector
        self.lsh.insert(f.id, self._hasher.minhash(f.minhash), check_duplication=False)
        if self.settings.bridge:
            for other, link in passing[1:]:
                if link.reason == "near_duplicate" or (
                    link.key_share >= self.settings.bridge_keys and link.cosine >= self.settings.bridge_cosine
                ):
                    self._merge(index, other, link)
        return story.id

    def _merge(self, into: int, other: int, link: Link) -> None:
        """An article that belongs in two stories by the same rules joins them: the stream had opened
        the second before the article that ties them arrived (a summary before its article)."""
        target, source = self.stories[into], self.stories[other]
        target.links.append(Link(link.to, link.doc, "bridge", link.jaccard, link.cosine, link.key_share, link.shared))
        target.links.extend(source.links)
        for doc in source.members:
            self.story_of[doc] = into
        target.members.extend(source.members)
        if source.first is not None:
            target.first = source.first if target.first is None else min(target.first, source.first)
            target.last = source.last if target.last is None else max(target.last, source.last)  # type: ignore[type-var]
        self._centroid[into] += self._centroid[other]
        self._story_keys[into].update(self._story_keys[other])
        for key in self._story_keys[other]:
            postings = self._postings[key]
            if into not in postings[-4:]:
                postings.append(into)
        source.members, source.links, source.merged_into = [], [], target.id
        self._parent[other] = into
        self._centroid[other] = np.zeros(0, dtype=np.float32)
        self._story_keys[other] = Counter()
        self.merges.append((source.id, target.id))

    def _root(self, idx: int) -> int:
        while self._parent[idx] != idx:
            self._parent[idx] = self._parent[self._parent[idx]]
            idx = self._parent[idx]
        return idx

    def _candidates(self, f: Features, keys: frozenset[str]) -> list[tuple[int, Link]]:
        """Candidate stories the article may join, best first (empty: it opens a story)."""
        s = self.settings
        mh = self._hasher.minhash(f.minhash)
        # 1. near-duplicates (LSH on shingles)
        near: dict[int, tuple[float, str]] = {}
        for other in self.lsh.query(mh):
            jac = float(np.mean(self.minhash[other] == f.minhash))
            if jac >= s.near_duplicate:
                idx = self.story_of[other]
                if idx not in near or jac > near[idx][0]:
                    near[idx] = (jac, other)
        # 2. stories that share rare names
        limit = max(s.min_key_docs, s.max_key_share * self.n_docs)
        weights = {k: self._idf(k) for k in keys}
        total = sum(weights.values()) or 1.0
        score: Counter[int] = Counter()
        for key in keys:
            if self.df[key] <= limit:
                for idx in {self._root(i) for i in self._postings.get(key, ())}:
                    score[idx] += weights[key]
        candidates = set(near) | {idx for idx, _ in score.most_common(s.candidates)}
        passing: list[tuple[float, int, Link]] = []
        for idx in sorted(candidates):
            if not self._in_window(idx, f.time):
                continue
            centroid = self._centroid[idx]
            norm = float(np.linalg.norm(centroid))
            cosine = float(centroid @ f.vector) / norm if norm else 0.0
            story_keys = self._story_keys[idx]
            shared = [k for k in keys if k in story_keys]
            share = sum(weights[k] for k in shared) / total
            if idx in near:
                reason, ok = "near_duplicate", True
            else:
                reason = "same_event"
                ok = (
                    (cosine >= s.join_cosine and share >= s.join_keys)
                    or cosine >= s.strong_cosine
                    or (share >= s.strong_keys and cosine >= s.strong_keys_cosine)
                )
            if not ok:
                continue
            if idx in near:
                jac, to = near[idx]
            else:
                to = self._closest(idx, f)
                jac = float(np.mean(self.minhash[to] == f.minhash))
            shared.sort(key=lambda k: (-weights[k], k))
            link = Link(f.id, to, reason, round(jac, 3), round(cosine, 3), round(share, 3), shared[:8])
            passing.append(((2.0 if idx in near else 0.0) + cosine + share, idx, link))
        passing.sort(key=lambda x: (-x[0], x[1]))
        return [(idx, link) for _, idx, link in passing]

    def _closest(self, idx: int, f: Features) -> str:
        """The member (of the story's last 64) whose embedding is closest: whom the link names."""
        members = self.stories[idx].members[-64:]
        sims = [float(self.vector[m] @ f.vector) for m in members]
        return members[int(np.argmax(sims))]

    def _in_window(self, idx: int, time: float | None) -> bool:
        story = self.stories[idx]
        window = self.settings.window_hours
        if window is None or time is None or story.first is None or story.last is None:
            return True
        slack = window * 3600.0
        return story.first - slack <= time <= story.last + slack


def cluster(
    documents: Iterable[Document], settings: ClusterSettings | None = None, embedder=None  # noqa: ANN001
) -> StoryIndex:
    """Cluster a corpus (streamed) into stories; the returned index can take more articles later."""
    index = StoryIndex(settings)
    index.add(documents, embedder)
    return index
