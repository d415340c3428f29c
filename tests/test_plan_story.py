"""``batch.plan_story`` (word-set filter before the shingles, shingles by ``zip``) plans what the code it
replaced planned: a copy of that code (67db79b) is the reference."""

import dataclasses
import random
from difflib import SequenceMatcher

from storycheck import batch
from storycheck.batch import COPY_JACCARD, COPY_MAX_WORDS, Fate, _shingles, _substantive, plan_story
from storycheck.records import Document


def _old_shingles(words):
    return {tuple(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def _old_copy_diff(a, b):
    changed = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        changed += [f"-{w}" for w in a[i1:i2]] + [f"+{w}" for w in b[j1:j2]]
        if len(changed) > COPY_MAX_WORDS:
            return None
    return None if any(_substantive(w[1:]) for w in changed) else changed


def _old_plan_story(story_id, members):
    if len(members) == 1:
        return [Fate(members[0].id, story_id, "singleton")]
    fates, reps, by_hash = [], [], {}
    for doc in members:
        twin = by_hash.get(doc.hash)
        if twin is not None:
            fates.append(Fate(doc.id, story_id, "copy", twin, 1.0, []))
            continue
        words = doc.text.split()
        shingles = found = None
        for entry in sorted(reps, key=lambda r: abs(len(r[1]) - len(words))):
            rep, rep_words, rep_shingles = entry
            if abs(len(rep_words) - len(words)) > COPY_MAX_WORDS:
                break
            shingles = shingles if shingles is not None else _old_shingles(words)
            if rep_shingles is None:
                rep_shingles = entry[2] = _old_shingles(rep_words)
            jaccard = len(shingles & rep_shingles) / len(shingles | rep_shingles)
            if jaccard < COPY_JACCARD:
                continue
            changed = _old_copy_diff(rep_words, words)
            if changed is not None:
                found = Fate(doc.id, story_id, "copy", rep.id, round(jaccard, 4), changed)
                break
        if found is not None:
            fates.append(found)
            continue
        by_hash[doc.hash] = doc.id
        reps.append([doc, words, shingles])
        fates.append(Fate(doc.id, story_id, "compared"))
    if len(reps) == 1:
        fates = [dataclasses.replace(f, fate="only_text") if f.fate == "compared" else f for f in fates]
    return fates


VOCAB = "the a of to said on in team club player police court offer week not no".split() + ["Smith", "2024", "12"]


def _edit(rng, words):
    """A near copy: a few words removed, added, swapped or repeated (some substantive)."""
    words = list(words)
    for _ in range(rng.randint(0, 5)):
        op, i = rng.random(), rng.randrange(len(words) + 1)
        if op < 0.3 and words:
            del words[min(i, len(words) - 1)]
        elif op < 0.45:
            words.insert(i, rng.choice(VOCAB))
        elif op < 0.6:  # a word the text did not have (the word-set filter's case)
            words[i:i] = ["x" + rng.choice("abcdefghij") + rng.choice("abcdefghij") for _ in range(rng.randint(1, 4))]
        elif op < 0.8 and len(words) > 1:
            j = rng.randrange(len(words))
            words[min(i, len(words) - 1)], words[j] = words[j], words[min(i, len(words) - 1)]
        else:
            words[i:i] = words[i : i + 3]
    return words


def _story(rng, k):
    base = [[rng.choice(VOCAB[: rng.randint(3, len(VOCAB))]) for _ in range(rng.choice([0, 1, 2, 3, 5, 20, 60, 300, 300]))]
            for _ in range(rng.randint(1, 3))]
    docs = []
    for i in range(k):
        words = _edit(rng, rng.choice(base + [d.text.split() for d in docs] or base))
        sep = rng.choice([" ", "  ", "\n"])
        docs.append(Document(id=f"d{i}", text=sep.join(words)))
    return docs


def test_plan_story_equals_the_replaced_code():
    rng = random.Random(20261127)
    kinds = {}
    for s in range(3000):
        docs = _story(rng, rng.randint(1, 9))
        new, old = plan_story(f"s{s}", docs), _old_plan_story(f"s{s}", docs)
        assert new == old, [d.text for d in docs]
        for f in new:
            kinds[f.fate] = kinds.get(f.fate, 0) + 1
    assert min(kinds.get(k, 0) for k in ("compared", "copy", "only_text", "singleton")) > 20, kinds


def test_shingles_equal_the_slices():
    rng = random.Random(3)
    for n in [0, 1, 2, 3, 4, 10, 200]:
        for _ in range(20):
            words = [rng.choice(VOCAB[:4]) for _ in range(n)]
            assert _shingles(words) == _old_shingles(words)


def test_texts_of_other_words_are_not_shingled(monkeypatch):
    """Two texts of one length, six words apart: no copy (``_copy_diff`` would say None), and since
    67db79b computed both shingle sets first, now neither."""
    calls = []
    monkeypatch.setattr(batch, "_shingles", lambda w: calls.append(w) or _old_shingles(w))
    a = "the team said on the week of the offer to the player".split()
    b = list(a)
    for i, w in enumerate(["club", "court", "police", "no", "a", "in"]):
        b[2 * i] = w
    fates = plan_story("s", [Document(id="a", text=" ".join(a)), Document(id="b", text=" ".join(b))])
    assert [f.fate for f in fates] == ["compared", "compared"]
    assert calls == []
