"""``analyze`` reads the tokens' facts off the Doc's arrays once per document (``analyze._Tokens``) instead of
making a spaCy ``Token`` object per access. The Analysis must equal the one the Token-based code made: a copy of
that code (48bdc96) is the reference below, patched into the module for a second run on the same Docs."""

import json
import os
import random
from pathlib import Path

import pytest

from storycheck import analyze
from storycheck.analyze import (
    _BOUNDS,
    _NOBODY_SUBJECTS,
    ANONYMITY_RE,
    ANONYMOUS_HEADS,
    CONTENT_POS,
    CUE_VERBS,
    INSTITUTION_HEADS,
    PRONOUNS,
    RELATION_DEPS,
    RELATION_POS,
    TITLE_DEPS,
    WEAK_CUES,
    _inside,
    _previous_person,
    _text,
    resolve_entity,
)
from storycheck.lexicon import HEDGES, IMPLICATIVES
from storycheck.nlp import parse, tagger
from storycheck.records import Attribution, Clause, Document, Quote, Relation

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("STORYCHECK_DATA", ROOT.parent / "shared" / "data"))

# hand-written sentences for the branches real texts reach seldom
HAND = [
    "Smith is no longer chairman. He will stay no longer than a week. The union no longer works there.",
    "The strike was called by the union on Monday, according to police in the capital, who did not want to be named.",
    "Reports suggest the deal collapsed. Sources indicate talks will resume. The data show that prices rose.",
    "U.N. envoy to Libya Maria Costa said talks would resume. The company's chief executive, Jane Doe, said profits "
    "fell. Tomas Rey, the union's general secretary who led the talks, told reporters the offer was not enough.",
    "A ministry official, speaking on condition of anonymity, said the bill was not passed. The ministry said it "
    "had not been consulted, and he added that it would appeal.",
    '"We will not allow this," Hale said. "It is a battleground," said a spokesperson for the union.',
    "Three people were killed and five were injured when 4,000 dockworkers marched; £570m was lost and "
    "the magnitude 6.4 earthquake struck on May 13, 2024.",
    "The suspect, who police said fled the scene, was caught. Russia and China, which oppose the plan, abstained. "
    "The strike cost the firm millions, which the union denied. The man whom police arrested was released.",
]


def _texts() -> list[str]:
    texts = list(HAND)
    from test_analyze import TEXTS  # (the analysis tests' own texts)

    texts += TEXTS.values()
    for line in (ROOT / "examples/corpus/sample.jsonl").open():  # (it holds bad rows on purpose)
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(row.get("text"), str) and row["text"].strip():
            texts.append(row["text"])
    texts += [p.read_text() for p in sorted((ROOT / "examples/story").glob("*.txt"))]
    rng = random.Random(20)
    if (DATA / "ecbplus/ecbplus.jsonl").exists():  # a sample of real news, when the data are at hand
        ecb = [json.loads(line)["text"] for line in (DATA / "ecbplus/ecbplus.jsonl").open()]
        texts += rng.sample(ecb, 10)
    if (DATA / "frank/frank.jsonl").exists():
        frank = [json.loads(line) for line in (DATA / "frank/frank.jsonl").open()]
        texts += [r["article"] for r in rng.sample(frank, 4)] + [r["summary"] for r in rng.sample(frank, 8)]
    if (DATA / "bump/task1_dataset.json").exists():
        bump = json.loads((DATA / "bump/task1_dataset.json").read_text())
        texts += [r["article"] for r in rng.sample(bump, 2)] + [r["edited_summary"] for r in rng.sample(bump, 4)]
    return texts


@pytest.fixture(scope="module")
def parsed():  # noqa: ANN201
    texts = _texts()
    return [Document(id=f"t{i}", text=t) for i, t in enumerate(texts)], parse(texts)


def test_analysis_equals_the_token_objects_version(parsed, monkeypatch) -> None:  # noqa: ANN001
    documents, docs = parsed
    monkeypatch.setattr(analyze, "_PARTS", None)
    new = [analyze.analyze_parsed(d, s) for d, s in zip(documents, docs, strict=True)]
    for name, old in OLD.items():
        monkeypatch.setattr(analyze, name, old)
    monkeypatch.setattr(analyze, "_PARTS", None)
    ref = [analyze.analyze_parsed(d, s) for d, s in zip(documents, docs, strict=True)]
    assert sum(len(a.clauses) for a in ref) > 200 and any(q.kind == "indirect" for a in ref for q in a.quotes)
    assert any(c.negation_span for a in ref for c in a.clauses) and any(a.attributions for a in ref)
    for a, b in zip(ref, new, strict=True):
        assert a == b, a.doc_id


def test_token_table_matches_spacy_tokens(parsed) -> None:  # noqa: ANN001
    """Every fact the table holds, against the Token attribute it stands for."""
    _, docs = parsed
    for sdoc in docs[:: max(1, len(docs) // 12)]:
        t = analyze._Tokens(sdoc)
        text = sdoc.text
        for tok in sdoc:
            i = tok.i
            assert (t.head[i], t.dep[i], t.pos[i], t.lemma[i], t.lower[i]) == (
                tok.head.i, tok.dep_, tok.pos_, tok.lemma_.lower(), tok.lower_)  # fmt: skip
            assert text[t.idx[i] : t.end[i]] == tok.text and t.idx[i] == tok.idx
            assert (bool(t.punct[i]), bool(t.space[i]), bool(t.stop[i]), bool(t.like_num[i])) == (
                tok.is_punct, tok.is_space, tok.is_stop, tok.like_num)  # fmt: skip
            assert t.children[i] == [c.i for c in tok.children]
            assert t.subtree(i) == [s.i for s in tok.subtree]
            assert t.edges(i) == (tok.left_edge.i, tok.right_edge.i)


def test_the_table_is_not_left_on_the_doc() -> None:
    """The table lives for one ``analyze_parsed`` only: ``Doc.user_data`` is serialised with the Doc."""
    sdoc = parse(["Hale said talks would resume on Monday."], tagger())[0]
    analyze.analyze_parsed(Document(id="x", text=sdoc.text), sdoc)
    assert analyze._TOKENS not in sdoc.user_data
    sdoc.to_bytes()


# --- the code replaced (48bdc96), kept as the reference ---------------------------------------------------


def _governor(ent) -> str | None:  # noqa: ANN001
    tok = ent.root
    for _ in range(12):
        if tok.pos_ in {"VERB", "AUX"}:
            return tok.lemma_.lower()
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _titles(ent) -> list[tuple[int, int, str]]:  # noqa: ANN001
    """Roles written beside a name: ``former Prime Minister John Hale``, ``Tomas Rey, the union's general secretary``."""
    sdoc = ent.doc
    titles = []
    # to the left: a run of compound/amod tokens hanging off the name or off each other
    i = ent.start - 1
    members = set(range(ent.start, ent.end))
    first = None
    while i >= 0:
        tok = sdoc[i]
        if tok.dep_ in TITLE_DEPS and tok.head.i in members and not tok.is_punct and tok.pos_ != "DET":
            members.add(i)
            first = i
            i -= 1
            continue
        break
    # "U.N. envoy to Libya Maria Costa": the parser hangs the name off "to" with only "Libya" beside it;
    # the role is the noun phrase the preposition belongs to
    if first is not None and ent.root.dep_ == "pobj" and all(sdoc[k].pos_ == "PROPN" for k in range(first, ent.start)):
        prep = ent.root.head
        if prep.i == first - 1 and prep.head.i < prep.i and prep.head.pos_ == "NOUN":
            first = prep.head.left_edge.i
            while first < prep.i and sdoc[first].pos_ == "DET":
                first += 1
    if first is not None and any(sdoc[k].pos_ in {"NOUN", "PROPN"} for k in range(first, ent.start)):
        while first < ent.start and sdoc[first].dep_ == "case":
            first += 1
        span = sdoc[first : ent.start]
        titles.append((span.start_char, span.end_char, span.text))
    root = ent.root
    # to the left, with the name in apposition: "the company's chief executive, Jane Doe,"
    head = root.head
    if head.pos_ == "PROPN" and head.dep_ == "pobj" and head.head.head.pos_ == "NOUN" and head.head.head.i < head.i:
        head = head.head.head  # "the U.N. envoy to Libya, Maria Costa": parsed as in apposition to "Libya"
    if root.dep_ == "appos" and head.i < ent.start and head.pos_ == "NOUN":
        tokens = [t for t in head.subtree if t.i < ent.start and not _in_clause(t, head)]
        while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
            tokens.pop()
        if tokens:
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            titles.append((start, end, _text(sdoc)[start:end]))
    # to the right: an apposition (without its relative clauses)
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            tokens = [t for t in child.subtree if not _in_clause(t, child)]
            while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
                tokens.pop()
            if tokens:
                start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
                titles.append((start, end, _text(sdoc)[start:end]))
    return titles


def _in_clause(tok, top) -> bool:  # noqa: ANN001
    """Is ``tok`` inside a relative or adverbial clause hanging below ``top``?"""
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.dep_ in {"relcl", "acl", "advcl", "punct"}:
            return True
        tok = tok.head
    return False


def _speaker_for_region(sdoc, region, regions, sentences, sent, mentions, entities):  # noqa: ANN001, ANN202
    """Find the cue verb outside the quote marks in the quote's sentence(s), then its subject."""
    a, b = region
    lo = sentences[sent].start if sentences else 0
    hi_sent = sent
    while hi_sent + 1 < len(sentences) and sentences[hi_sent].end <= b + 1:
        hi_sent += 1
    hi = sentences[hi_sent].end if sentences else len(_text(sdoc))
    # a trailing "she said." that the tagger split off as its own sentence belongs to this quote
    if hi_sent + 1 < len(sentences) and sentences[hi_sent + 1].start - hi < 3:
        nxt = sentences[hi_sent + 1]
        if len(nxt.text.split()) <= 6 and any(w.strip(".,").lower() in {"said", "says", "added"} for w in nxt.text.split()):
            hi = nxt.end
    best = None
    for tok in sdoc.char_span(lo, hi, alignment_mode="expand") or []:
        if tok.lemma_.lower() not in CUE_VERBS or tok.pos_ not in {"VERB", "AUX"} or _inside(tok.idx, regions):
            continue
        subject = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"} and not _inside(c.idx, regions)), None)
        if subject is None:
            continue
        has_speech = any(_inside(c.idx, [region]) or c.dep_ in {"ccomp", "xcomp"} for c in tok.subtree)
        if tok.lemma_.lower() in WEAK_CUES and not has_speech:
            continue
        distance = min(abs(tok.idx - a), abs(tok.idx - b))
        if best is None or distance < best[0]:
            best = (distance, tok, subject)
    if best is None:
        return None
    _, cue, subject = best
    return _describe_speaker(sdoc, cue, subject, mentions, entities)


def _describe_speaker(sdoc, cue, subject, mentions, entities):  # noqa: ANN001, ANN202
    sent_text = cue.sent.text
    anonymity = []
    for m in ANONYMITY_RE.finditer(sent_text):
        start = cue.sent.start_char + m.start()
        anonymity.append((start, start + len(m.group(0)), m.group(0)))
    cue_span = (cue.idx, cue.idx + len(cue.text))
    # a named person or organisation: the entity mention the subject belongs to
    for m in mentions:
        if m.start <= subject.idx < m.end and m.kind in {"person", "org", "place"}:
            entity = resolve_entity(entities, m.entity)
            kind = "anonymous" if anonymity else "named"
            return (entity.name if entity else m.text, (m.start, m.end), kind, entity.id if entity else None,
                    cue.lemma_.lower(), cue_span, anonymity)  # fmt: skip
    if subject.lower_ in PRONOUNS:
        person = _previous_person(mentions, entities, subject.idx)
        if person is not None:
            ent_obj, _ = person
            span = (subject.idx, subject.idx + len(subject.text))
            return (ent_obj.name, span, "named", ent_obj.id, cue.lemma_.lower(), cue_span, anonymity)
    tokens = [t for t in subject.subtree if not _in_clause(t, subject)]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    tokens = tokens or [subject]  # a stray mark parsed as the subject ("» suggest...")
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    phrase = _text(sdoc)[start:end]
    head = subject.lower_
    kind = "anonymous" if anonymity or head in ANONYMOUS_HEADS else "described"
    if subject.pos_ == "PROPN" and not anonymity:
        kind = "named"
    indefinite = any(c.dep_ == "det" and c.lower_ in {"a", "an", "one", "another", "some"} for c in subject.children)
    if subject.lemma_.lower() in INSTITUTION_HEADS and not indefinite and not anonymity:
        kind = "named"
    return (phrase, (start, end), kind, None, cue.lemma_.lower(), cue_span, anonymity)


def _cue_verbs(sdoc) -> list:  # noqa: ANN001
    """The verbs whose lemma is a cue verb, in order: found on the Doc's arrays (a Token object is made for
    these few, not for every token of the text)."""
    from spacy.attrs import LEMMA, POS
    from spacy.symbols import VERB

    strings = sdoc.vocab.strings
    cue: dict[int, bool] = {}
    out = []
    for i, (lemma, pos) in enumerate(sdoc.to_array([LEMMA, POS]).tolist()):
        if pos != VERB:
            continue
        if lemma not in cue:
            cue[lemma] = strings[lemma].lower() in CUE_VERBS
        if cue[lemma]:
            out.append(sdoc[i])
    return out


def _indirect_quotes(sdoc, regions, sent_of_token, mentions, entities) -> list[Quote]:  # noqa: ANN001
    """Reported speech: a cue verb with a clause and no quote marks (``Hale said talks would resume``)."""
    quotes = []
    for tok in _cue_verbs(sdoc):
        if tok.lemma_.lower() not in CUE_VERBS or tok.pos_ != "VERB" or _inside(tok.idx, regions):
            continue
        clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        subject = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if clause is None or subject is None:
            continue
        edges = (clause.left_edge.i, clause.right_edge.i)  # (once, not per token of the clause)
        tokens = [t for t in clause.subtree if not t.is_punct or t.i not in edges]
        if tokens and tokens[0].dep_ == "mark":
            tokens = tokens[1:]
        if not tokens or any(_inside(t.idx, regions) for t in tokens) or len(tokens) < 3:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        speaker = _describe_speaker(sdoc, tok, subject, mentions, entities)
        name, span, kind, entity, cue, cue_span, anonymity = speaker
        quotes.append(
            Quote("indirect", start, end, _text(sdoc)[start:end], sent_of_token[tok.i], name, span, kind, entity,
                  cue, cue_span, anonymity)  # fmt: skip
        )
    return quotes


def _attributions(sdoc, sent_of_token, tokens=None) -> list[Attribution]:  # noqa: ANN001
    out = []
    for tok in sdoc if tokens is None else tokens:
        if tok.lower_ == "according" and tok.i + 1 < len(sdoc) and sdoc[tok.i + 1].lower_ == "to":
            to = sdoc[tok.i + 1]
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            end_tok = pobj.right_edge
            start, end = tok.idx, end_tok.idx + len(end_tok.text)
            source = _text(sdoc)[pobj.left_edge.idx : end]
            out.append(Attribution(start, end, _text(sdoc)[start:end], sent_of_token[tok.i], source))
        elif tok.lemma_.lower() in {"suggest", "indicate", "show", "claim"} and tok.pos_ == "VERB":
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lemma_.lower() in {"report", "reports", "sources", "source"}:
                left = subject.left_edge
                start, end = left.idx, tok.idx + len(tok.text)
                out.append(Attribution(start, end, _text(sdoc)[start:end], sent_of_token[tok.i], subject.text))
    return out


def _clauses(sdoc, sent_of_token, tokens=None) -> list[Clause]:  # noqa: ANN001
    out = []
    for tok in sdoc if tokens is None else tokens:
        if tok.pos_ not in {"VERB", "AUX"} or tok.dep_ == "aux":
            continue
        subject = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None and tok.dep_ == "conj":
            subject = _shared_subject(tok)  # (judge19: a coordinated verb's subject)
        obj = next((c for c in tok.children if c.dep_ in {"dobj", "attr", "oprd"}), None)
        doer = next((g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if subject is None or subject.dep_ != "nsubjpass" or obj is not None:
            doer = None  # only a passive's "by" names who did it ("the strike was called by the union")
        neg = next((c for c in tok.children if c.dep_ == "neg"), None)
        longer = None if neg is not None else _no_longer(tok)
        neg = neg or longer
        nobody = _nobody(subject) if neg is None and subject is not None else None
        neg = neg or nobody  # (judge24: ``Neither side confirmed``, ``No one was hurt``)
        negation_span = None
        if subject is None and neg is None:
            implied = _implied(tok)  # (lex14: an implicative head's complement; revlex14: not conditional or asked)
            if implied is None:
                continue
            subject, denied, first = implied
            negation_span = (sdoc[first].idx, tok.idx + len(tok.text)) if denied else None
        elif neg is not None:
            aux = [c for c in tok.children if c.dep_ in {"aux", "auxpass"} and c.i < tok.i]
            first = sdoc[min([neg.i - (neg is longer), tok.i] + [a.i for a in aux])]  # the "no" of "no longer" too
            last = sdoc[max(neg.i, tok.i)]  # "are not": the negation may follow the verb
            negation_span = (first.idx, last.idx + len(last.text))
        subject_phrase = _phrase(subject) if subject is not None else (None, None)
        if nobody is not None and nobody.i != subject.i and subject.lower_ != "one" and subject_phrase[1][0] == nobody.idx:
            first, last = sdoc[nobody.i + 1].idx, subject_phrase[1][1]  # ``side`` of ``Neither side``
            subject_phrase = (_text(sdoc)[first:last], (first, last))
        object_phrase = _phrase(obj) if obj is not None else (None, None)
        doer_phrase = _phrase(doer) if doer is not None else (None, None)
        out.append(
            Clause(
                sentence=sent_of_token[tok.i],
                verb=tok.lemma_.lower(),
                verb_span=(tok.idx, tok.idx + len(tok.text)),
                subject=subject_phrase[0],
                subject_span=subject_phrase[1],
                object=object_phrase[0],
                object_span=object_phrase[1],
                negated=negation_span is not None,
                negation_span=negation_span,
                doer=doer_phrase[0],
                doer_span=doer_phrase[1],
                passive=doer is not None or any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children),
            )
        )
    return out


def _nobody(subject):  # noqa: ANN001, ANN202 - spaCy tokens
    """The word of a subject that denies its clause (``analyze._nobody``), not of ``neither ... nor``."""
    if any(t.dep_ == "cc" and t.lower_ == "nor" for t in subject.subtree) and any(
            c.lower_ == "neither" and c.dep_ in {"det", "preconj"} for c in subject.children):  # fmt: skip
        return None
    if subject.lower_ in _NOBODY_SUBJECTS and subject.pos_ in {"PRON", "NOUN", "DET"}:
        return subject
    if subject.pos_ != "NOUN" and subject.lower_ != "one":
        return None
    return next((c for c in subject.children if c.dep_ == "det" and c.lower_ in {"no", "neither"} and c.i < subject.i
                 and subject.doc[c.i + 1].lower_ not in _BOUNDS), None)  # fmt: skip


def _implied(verb):  # noqa: ANN001, ANN202 - spaCy tokens
    """(subject, denied, first token's index) for an implicative head's ``to`` complement (``analyze._implied``)."""
    h = verb.head
    if verb.dep_ != "xcomp" or h.i == verb.i or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    polarity, kids = IMPLICATIVES.get(h.lemma_.lower()), list(h.children)
    if polarity is None or any(c.dep_ == "aux" and c.lower_ in HEDGES for c in kids):
        return None
    at = h  # a conditional head, or one coordinated with a conditional verb (``analyze._conditional``)
    while True:
        if any(c.dep_ == "mark" and c.lower_ in HEDGES for c in at.children):
            return None
        if at.dep_ != "conj" or at.head.i == at.i:
            break
        at = at.head
    end = next((t for t in h.doc[h.i + 1 :] if t.lower_ in {".", "!", "?"}), None)  # a question (``analyze._asked``)
    if end is not None and end.lower_ == "?":
        return None
    neg = next((c for c in kids if c.dep_ == "neg"), None)
    longer = None if neg is not None else _no_longer(h)
    neg = neg or longer
    said = polarity[neg is not None]
    subject = next((c for c in kids if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None and h.dep_ == "conj":
        subject = _shared_subject(h)
    if said is None or subject is None:
        return None
    first = min([h.i, *(c.i for c in kids if c.dep_ in {"aux", "auxpass", "neg"} and c.i < h.i)])
    if longer is not None:
        first = min(first, longer.i - 1)
    return subject, not said, first


def _shared_subject(verb):  # noqa: ANN001, ANN202 - spaCy tokens
    """The subject of the verb a coordinated verb is joined to, through a run of conjuncts; none of a passive to a
    verb with no passive auxiliary of its own (``analyze._shared_subject``, added by judge19)."""
    own_aux = any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    at = verb
    while at.dep_ == "conj" and at.head.i != at.i:
        at = at.head
        if at.pos_ not in {"VERB", "AUX"}:
            return None
        if not own_aux and (any(c.dep_ == "neg" for c in at.children) or _no_longer(at) is not None):
            return None
        subject = next((c for c in at.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None:
            if subject.dep_ == "nsubjpass" and not any(c.dep_ == "auxpass" for c in verb.children):
                return None
            return subject
    return None


def _no_longer(verb):  # noqa: ANN001, ANN202 - spaCy tokens
    """The ``longer`` of a ``no longer`` that modifies the verb (``Smith is no longer chairman``, ``no longer works
    there``), which denies the verb as ``not`` does (the parser makes ``no`` the negation of ``longer``, not of the
    verb); None when there is none, or it is a bound (``will last no longer than a week``)."""
    for c in verb.children:
        after = c.doc[c.i + 1].lower_ if c.i + 1 < len(c.doc) else ""
        if c.dep_ == "advmod" and c.lower_ == "longer" and after != "than" and not any(g.lower_ == "than" for g in c.children) \
                and any(g.dep_ == "neg" and g.lower_ == "no" and g.i == c.i - 1 for g in c.children):
            return c
    return None


def _phrase(tok) -> tuple[str, tuple[int, int]]:  # noqa: ANN001
    """A noun phrase without its relative clauses, appositions and trailing punctuation."""
    tokens = [t for t in tok.subtree if not _in_clause(t, tok) and not _under(t, tok, {"appos"})]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    tokens = tokens or [tok]
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return _text(tok.doc)[start:end], (start, end)


def _under(tok, top, deps) -> bool:  # noqa: ANN001
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.dep_ in deps:
            return True
        tok = tok.head
    return False


def _lemmas(sdoc, sentences, sent_of_token, tokens=None) -> list[list[str]]:  # noqa: ANN001
    out: list[list[str]] = [[] for _ in sentences]
    for tok in sdoc if tokens is None else tokens:
        if tok.pos_ in CONTENT_POS and not tok.is_stop and not tok.is_punct and sentences:
            lemma = tok.lemma_.lower()
            if len(lemma) > 1 or tok.like_num:
                out[sent_of_token[tok.i]].append(lemma)
    return out


def _relations(sdoc, sent_of_token, tokens=None) -> list[Relation]:  # noqa: ANN001
    """Head-dependent links between content words, with prepositions folded into the link (``prep_in``)
    and passives read as actives (``the deal was signed by X``: X ``nsubj`` of sign, deal ``dobj``), so that
    two wordings of one claim give the same links."""
    out = []
    for tok in sdoc if tokens is None else tokens:
        dep = tok.dep_
        if dep not in RELATION_DEPS or (tok.pos_ not in RELATION_POS and dep != "neg") or tok.is_punct:
            continue
        head = tok.head
        if dep == "pobj":
            if head.dep_ == "agent":  # "by X" of a passive: X is the doer
                dep, head = "nsubj", head.head
            elif head.dep_ in {"prep", "dative"}:
                dep, head = "prep_" + head.lower_, head.head
            else:
                continue
        elif dep == "nsubjpass":
            dep = "dobj"
        elif dep == "agent":
            continue
        if head.i == tok.i or head.pos_ not in RELATION_POS or head.is_punct:
            continue
        noun = tok.head.head  # a relative pronoun stands for the noun its clause modifies (session 26)
        if tok.lower_ in {"who", "whom", "which", "that"} and tok.pos_ == "PRON" and tok.dep_ in {"nsubj", "nsubjpass", "dobj"} \
                and tok.head.dep_ == "relcl" and noun.i != tok.head.i and noun.pos_ in {"NOUN", "PROPN"} and noun.dep_ != "pobj" \
                and not (tok.dep_ != "dobj" and any(k.dep_ in {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"} and k.i != tok.i for k in tok.head.children)) \
                and noun.dep_ != "conj" and not any(k.dep_ == "conj" for k in noun.children) \
                and not (tok.lower_ == "which" and tok.i > 0 and tok.nbor(-1).text == "," and noun.dep_ in {"dobj", "dative", "attr", "oprd"}):
            out.append(Relation(sent_of_token[tok.i], head.lemma_.lower(), dep, noun.lemma_.lower(), (noun.idx, noun.idx + len(noun.text))))
            continue
        child = "not" if dep == "neg" else tok.lemma_.lower()
        out.append(Relation(sent_of_token[tok.i], head.lemma_.lower(), dep, child, (tok.idx, tok.idx + len(tok.text))))
    return out


def _whole_or(sdoc, lo, hi):  # noqa: ANN001, ANN202
    return None if lo == 0 and hi is None else sdoc[lo:hi]


OLD = {
    "_governor": _governor,
    "_titles": _titles,
    "_speaker_for_region": _speaker_for_region,
    "_indirect_quotes": _indirect_quotes,
    "_attributions": lambda sdoc, sot, lo=0, hi=None: _attributions(sdoc, sot, _whole_or(sdoc, lo, hi)),
    "_clauses": lambda sdoc, sot, lo=0, hi=None: _clauses(sdoc, sot, _whole_or(sdoc, lo, hi)),
    "_lemmas": lambda sdoc, sents, sot, lo=0, hi=None: _lemmas(sdoc, sents, sot, _whole_or(sdoc, lo, hi)),
    "_relations": lambda sdoc, sot, lo=0, hi=None: _relations(sdoc, sot, _whole_or(sdoc, lo, hi)),
}


def test_a_subtree_deeper_than_the_recursion_limit() -> None:
    """A chain of heads deeper than Python's recursion limit (``the son of the son of ...``) is walked as
    spaCy's ``Token.subtree`` walks it: the table's recursive walk raised RecursionError (review revbs11)."""
    import sys

    from spacy.tokens import Doc

    n = sys.getrecursionlimit() + 500
    words = [f"w{i}" for i in range(n)]
    sdoc = Doc(tagger().vocab, words=words, heads=[*range(1, n), n - 1], deps=["pobj"] * (n - 1) + ["ROOT"])
    t = analyze._Tokens(sdoc)
    for i in (n - 1, n // 2, 0):
        assert t.subtree(i) == [tok.i for tok in sdoc[i].subtree]
        assert t.edges(i) == (sdoc[i].left_edge.i, sdoc[i].right_edge.i)
    # a tree with left and right children at every level, in spaCy's order
    heads = [min(i + 2, n - 1) if i % 3 == 0 else (i - 1 if i % 3 == 2 else min(i + 3, n - 1)) for i in range(n)]
    heads[n - 1] = n - 1
    sdoc = Doc(tagger().vocab, words=words, heads=heads, deps=["dep"] * (n - 1) + ["ROOT"])
    t = analyze._Tokens(sdoc)
    assert t.subtree(n - 1) == [tok.i for tok in sdoc[n - 1].subtree]


def test_analysis_of_a_deep_parse() -> None:
    """The whole analysis of a text whose parse nests deeper than the recursion limit: a clause's subject and a
    reported clause are read off such a chain (``He said that she said that ...``)."""
    text = "He said " + "that she said " * 1100 + "it rained. It is the " + " of the ".join(f"son{i}" for i in range(1100)) + "."
    sdoc = parse([text])[0]
    result = analyze.analyze_parsed(Document(id="deep", text=text), sdoc)
    assert result.clauses and any(q.kind == "indirect" for q in result.quotes)
