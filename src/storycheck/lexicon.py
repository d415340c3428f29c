"""The word lists the judge and the role checks share: opposites (``ANTONYMS``; those whose negation says the
other, ``NEGATABLE``; those said of different things as often as of one, ``GUARDED``), verbs a news text uses
for one another (``SYNONYMS``) and heads whose negation passes to their complement (``NEG_RAISING``). A
module of its own so that neither of the two imports the other for them."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any
from weakref import WeakKeyDictionary

from storycheck.senses import senses

__all__ = ["ANTONYMS", "COMPLEMENTARY", "CONVERSE", "CONVERSING_VERBS", "COUNTERPARTS", "DOWN", "EXCHANGED_BOTH_WAYS", "GROUPS", "GROUPS_APART", "GUARDED", "HEDGES", "IMPLICATIVES", "NEGATABLE",
           "DIRECTION_PARTICLES", "NEG_RAISING", "NOT_SYNONYMS", "OPPOSED_PARTICLES", "OUTCOMES", "OUTCOME_KIN", "PARTICLES", "PARTNER_EXCHANGE_VERBS", "PATIENT_SUBJECTS", "RECIPROCAL_NOUNS", "RECIPROCAL_VERBS", "STATES", "SYMMETRIC_PREDICATES", "SYMMETRIC_VERBS", "SYNONYMS", "SYNONYMS_OF_PERSONS", "UP",
           "WITH_PARTNER_VERBS", "complements_agree", "negatable", "opposed", "particles_opposed", "phrasal", "said_alike", "tells_of", "toward"]

# Opposites said of different things as often as of one (``shares were up as bond prices slumped``, ``Villa have
# struggled, but Grealish has shone``): a date or time the two share is no shared argument, and a known doer of
# each that differs is two stories, not one contradicted (``_Guard``). The second line's are also NEGATABLE.
_GUARDED_DIRECTIONS = "increase down; rise down; grow down; climb down; gain down; jump down; fall up; drop up; decline up; decrease up;"
_GUARDED_STATES = "stay leave; remain leave; struggle excel; struggle thrive; struggle dazzle; struggle shine; struggle flourish;"


def _pairs(text: str) -> frozenset[frozenset[str]]:
    return frozenset(frozenset(p.split()) for p in text.split(";") if p.strip())


def _related(groups: frozenset[frozenset[str]]) -> dict[str, frozenset[str]]:
    """word -> the other words of each group it is in (both directions)."""
    out: dict[str, frozenset[str]] = {}
    for group in groups:
        for word in group:
            out[word] = out.get(word, frozenset()) | (group - {word})
    return out


GUARDED = _pairs(_GUARDED_DIRECTIONS + _GUARDED_STATES)
# The opposites whose negation says the other (or no more than it): ``did not win`` is ``lost``, ``no older
# than nine`` is ``as young as nine``. Not ``hire``/``fire``, ``buy``/``sell``, ``open``/``close``,
# ``north``/``south``, ``first``/``last``: ``did not hire 200 workers`` is no ``fired 200 workers``.
_NEGATABLE = """
win lose; win loss; victory defeat; win defeat; victory lose; beat lose; accept reject; approve reject;
admit deny; confirm deny; agree disagree; acquit convict; survive die; live die; success failure; succeed fail;
pass fail; include exclude; remember forget; guilty innocent; true false; legal illegal; positive negative;
high low; higher lower; more less; most least; large small; big small; long short; early late; old young;
better worse; rich poor; cheap expensive; maximum minimum; alive dead;
""".replace("\n", " ") + _GUARDED_STATES
NEGATABLE = _pairs(_NEGATABLE)
# Opposites a news text can swap (lemmas, both directions): the NEGATABLE ones and these. Small on purpose:
# each pair is one a reader would call a contradiction without context, never a near-synonym.
_PAIRS = """
gain lose; rise fall; increase decrease; increase cut; grow shrink; raise lower; raise cut; approve veto;
allow ban; allow forbid; allow prevent; permit ban; support oppose; arrive leave; arrive depart; enter exit;
join leave; join quit; hire fire; hire sack; open close; start end; begin end; start finish; begin finish;
launch end; buy sell; lend borrow; give receive; send receive; import export; purchase sell; purchase sale;
buy sale; acquire sell; release arrest; free arrest; free jail; release jail; release detain; win concede;
birth death; increase drop; rise drop; rise decline; gain drop; strengthen weaken; find lose; save kill;
attack defend; praise criticise; praise criticize; love hate; like dislike; reward punish; upgrade downgrade;
first last; best worst; old new; safe dangerous; public private; male female; man woman; husband wife;
step_down step_in; son daughter; father mother; brother sister; boy girl; king queen; north south; east west; up down;
above below; before after; inside outside; top bottom; majority minority;
""".replace("\n", " ") + _NEGATABLE + _GUARDED_DIRECTIONS
# Outcomes one person (or group) cannot both have in one event: killed or died against injured or wounded, arrested or
# detained against acquitted or convicted (``acquit``/``convict`` are opposites above). Not opposites: ``was injured
# and later died``, ``was arrested and later convicted`` tell one story in steps, so they are read as a conflict only
# of one patient, the one killed, hurt or arrested (``roles._Guard.outcome``: the same object, or the subject of
# ``PATIENT_SUBJECTS``, no two counts of it), when neither report tells of the other's outcome anywhere
# (``OUTCOME_KIN``) and neither is denied (``was not killed`` / ``was injured`` agree). Short and sure: not ``hurt``
# (``hurt sales``), ``charge``, ``sentence``, ``jail``, ``release`` (``released on bail`` after ``arrested``;
# ``release``/``arrest`` are opposites of their own, above), nor nouns.
OUTCOMES = _pairs("kill injure; kill wound; die injure; die wound; arrest acquit; arrest convict; detain acquit; detain convict;")
# ...each outcome with the words that tell of it (``killed``: died, dead, death, fatal): a report that uses one of them
# anywhere may tell of both outcomes of one patient (``was injured in the crash. He died in hospital``)
OUTCOME_KIN = _related(_pairs("kill die dead death fatal fatally slay perish; injure wound injury injured wounded; "
                              "arrest detain custody; acquit acquittal; convict conviction guilty;"))


def tells_of(lemmas: set[str] | frozenset[str], outcome: str) -> bool:
    """A report that uses these lemmas tells of the outcome somewhere (the word or one of ``OUTCOME_KIN``)."""
    return outcome in lemmas or bool(lemmas & OUTCOME_KIN.get(outcome, frozenset()))


# outcome verbs whose subject is the one it befalls (``three people died``); the others' is their object (``were
# killed``: a passive is read as its active, its subject the object)
PATIENT_SUBJECTS = frozenset({"die", "perish"})


class _Opposites(Mapping[str, frozenset[str]]):
    """The hand-written opposites (``_PAIRS``, ``OUTCOMES``) and, when WordNet is installed
    (``storycheck.senses``), the adjectives WordNet makes opposite by a negative prefix (``_wordnet_opposites``:
    ``likely`` / ``unlikely``), asked for a word when it is first looked up. Iterating and ``len`` give the
    hand-written words only (every use asks ``get`` of one word)."""

    def __init__(self, hand: dict[str, frozenset[str]]) -> None:
        self.hand = hand
        self._seen: dict[str, frozenset[str]] = {}
        self._reader: Any = None  # (the reader ``_seen`` was asked of: another one, a test's swap, starts afresh)

    def __getitem__(self, word: str) -> frozenset[str]:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def get(self, word: str, default: Any = None) -> Any:
        """``Mapping.get`` without its KeyError: the judge asks it of every clause of every aligned pair (190k
        times over the 3k batch's 293 stories, most of them for a word with no opposite; session 30)."""
        reader = _reader()
        if reader is not self._reader:  # (a reader swapped in one process kept the first one's opposites: session 34)
            self._seen, self._reader = {}, reader
        found = self._seen.get(word)
        if found is None:
            found = self._seen[word] = self.hand.get(word, frozenset()) | _prefixed_opposites_of(reader, word)
        return found if found else default

    def __iter__(self) -> Iterator[str]:
        return iter(self.hand)

    def __len__(self) -> int:
        return len(self.hand)


_NEGATIVE_PREFIXES = ("un", "in", "im", "il", "ir", "non", "dis")


def _wordnet_opposites(word: str) -> frozenset[str]:
    """WordNet's direct opposites of the word as an adjective or adverb, in frequent senses of both (``senses.SENSES``),
    and only those that are the word with a negative prefix or without it (``likely`` / ``unlikely``, ``known`` /
    ``unknown``, ``legal`` / ``illegal``, ``lawfully`` / ``unlawfully``: WordNet links the adverbs apart from their
    adjectives, and they were read from session 31 on, when ``acted unlawfully`` / ``acted lawfully`` was only a
    missing word in a fact-checker's walk): such a word says ``not`` the other in whatever sense a text uses it.
    WordNet's other opposites hold in one sense of each word, and news use the other: its verbs ``sit`` /
    ``stand`` / ``lie`` (``the village lies on the border`` / ``sits on the border``; ``stood at 5%`` / ``sat at
    5%``), ``appear`` / ``disappear`` (``appeared to vanish``), ``cover`` / ``uncover``, ``let`` / ``prevent``
    (``did not let`` says ``prevented``), and adjectives ``same`` / ``other``, ``national`` / ``international``,
    ``former`` / ``latter``, ``top`` / ``side``, each a false ``antonym`` conflict between a source and a text that
    says it the same (review revlex13); the hand list (``_PAIRS``) keeps the contraries a reader would call a
    contradiction without context."""
    return _prefixed_opposites_of(_reader(), word)


def _reader() -> Any:
    """``senses()`` through the loader's cache itself, ~0.1 us, not the loader's lock, ~1 us: ``ANTONYMS.get``
    runs 190k times a 3k batch and ``prefixed_opposites`` ~15k a 1k batch. A reader loaded twice by two threads
    at once is the same word net."""
    return getattr(senses, "__wrapped__", senses)()


_KEPT_OPPOSITES: WeakKeyDictionary[Any, dict[str, frozenset[str]]] = WeakKeyDictionary()


def _prefixed_opposites_of(wn: Any, word: str) -> frozenset[str]:
    """``_wordnet_opposites`` of one reader (``senses()``, which a test may swap), kept: ``judge._opposed_modifier``
    asks it of every modifier pair of a head in two aligned sentences (~15k times in a 1k-article batch, the few
    words again and again), each time two look-ups per opposite of each part of speech. Kept per reader while the
    reader lives (an ``lru_cache`` keyed by the reader held every reader it met alive: session 34)."""
    try:
        kept = _KEPT_OPPOSITES.get(wn)
        if kept is None:
            kept = _KEPT_OPPOSITES[wn] = {}
    except TypeError:  # (a reader that takes no weak reference: asked each time)
        kept = {}
    found = kept.get(word)
    if found is None:
        if len(kept) >= 1 << 14:
            kept.clear()
        found = kept[word] = frozenset(other for pos in "ar" for other in wn.antonyms(word, pos)
                                       if _prefixed(word, other) and word in wn.antonyms(other, pos))  # fmt: skip
    return found


def prefixed_opposites(word: str, other: str) -> bool:
    """WordNet names the two words opposites, one the other with a negative prefix (``_wordnet_opposites``:
    ``legal`` / ``illegal``, ``lawfully`` / ``unlawfully``): opposites in whatever sense a text uses them."""
    return other in _wordnet_opposites(word)


def _prefixed(word: str, other: str) -> bool:
    """One word is the other with a negative prefix (``unlikely`` of ``likely``)."""
    return any(word == p + other or other == p + word for p in _NEGATIVE_PREFIXES)


def negatable(word: str, other: str) -> bool:
    """Opposites whose negation says the other (or no more than it): ``NEGATABLE`` and WordNet's prefixed
    adjectives (``is not likely to`` is ``is unlikely to``; the hand list's own, ``like`` / ``dislike``, as it says)."""
    pair = frozenset((word, other))
    return pair in NEGATABLE or (_prefixed(word, other) and pair not in _HAND_PAIRS and other in ANTONYMS.get(word, ()))


_HAND_PAIRS = _pairs(_PAIRS) | OUTCOMES
ANTONYMS: Mapping[str, frozenset[str]] = _Opposites(_related(_HAND_PAIRS))
# Opposite states whose negation after a copula says the other (``is not open`` is ``is closed``), though the
# verbs are not (``did not open the store`` is no ``closed the store``): NEGATABLE only as states
STATES = _pairs("open close; open closed; present absent; awake asleep;")
# Verbs a news text may use for one another (lemmas; each line a group, every two of it synonyms): a rewrite
# that says ``unveiled`` where the source says ``launched`` takes no new predicate. Small on purpose: each group
# one a reader would call the same act in any story, never a near-synonym that changes the claim (``charged`` /
# ``accused``, ``find`` / ``discover``, ``refuse`` / ``reject``, ``arrested`` / ``detained``), nor a word with a
# second meaning (``fired`` rubber bullets, ``headed`` to, ``declined`` the offer, ``struck`` over pay, ``named`` the
# victim, ``sustained`` growth, ``raised`` concerns, ``released`` the suspect, ``left`` three dead, ``closed`` the
# deal, ``tried`` the suspect, ``launched`` an attack, ``netted`` a profit, ``claimed`` a title, ``led`` 2-0).
# A phrasal verb stands as its WordNet lemma (``judge.verb_readings``): ``strike_down`` is a law or levy cancelled
# (WordNet's first sense of it; ``cancel``'s third, so the frequent-senses rule of ``said_alike`` does not join them);
# ``laid off`` workers are ``fired`` ones and ``carried out`` a raid ``executed`` it, which WordNet's frequent senses
# keep apart too (``execute``'s are kill and murder). Pairs, not groups: ``fired`` / ``performed`` are no synonyms.
# ``ruled out`` a tax rise ``excluded`` it, ``backed down`` is ``retreated`` (review revj22: predicate conflicts).
# ``fire`` and ``sack`` are listed in spite of their second meanings (``fired`` rubber bullets, troops ``sacked`` a
# town; not ``dismiss``: ``dismissed`` rubber bullets would be no rival reading): ``sacked 40 staff`` / ``fired 40 staff`` was a ``predicate``
# conflict in ``check`` (its role check asks two shared arguments, which pick the one meaning both words share) and a
# corroboration in ``compare`` (session 28). ``stepped aside`` (read ``step_aside``, ``judge._unlisted``) is a
# weaker ``stepped down``, not another act: no conflict in either command.
_SYNONYMS = """
buy purchase acquire; kill slay; die perish;
quit resign; start begin commence; end finish; reveal disclose; help assist aid;
need require; receive obtain; choose select pick; allow permit; ban prohibit;
injure hurt wound; cut reduce slash; rise climb; fall slump;
criticise criticize slam blast; praise laud; jail imprison; build construct; discover uncover;
stop halt; cancel scrap axe strike_down; postpone delay; investigate probe; examine inspect; vow pledge promise;
break smash shatter; flee escape; seize grab; speak talk; own possess;
destroy demolish raze; hire employ; rescue save; sign ink; host stage; warn caution; intend plan;
lay_off fire; lay_off sack; lay_off dismiss; carry_out execute; carry_out conduct; carry_out perform;
rule_out exclude; back_down retreat; step_down step_aside;
fire sack;
"""
SYNONYMS = _related(_pairs(_SYNONYMS.replace("\n", " ")))
# ...and verbs one another's synonyms only of a person (``dismissed 40 staff`` / ``fired 40 staff``), never of a
# thing (``dismissed the claim``, ``fired rubber bullets``): ``roles`` asks a person for the text's object (session 29)
SYNONYMS_OF_PERSONS = _pairs("fire dismiss; sack dismiss;")
# ...and the near-synonyms named above that change the claim, which no other list of word meanings (WordNet's
# synsets: ``charge`` and ``accuse`` share one, so do ``find``/``discover``, ``refuse``/``reject``) makes one
NOT_SYNONYMS = _pairs("charge accuse; find discover; refuse reject; arrest detain;")

# Adverb particles a verb takes as one phrasal verb (``struck down the levy``, ``called off the match``): with the verb,
# one lemma where WordNet lists it (``phrasal``). Not ``in``, ``on``, ``through``, ``about``, which are far more often
# a preposition than a particle after a verb.
PARTICLES = frozenset("up down off out over away back apart aside".split())
# Phrasal verbs that say another thing than their verb alone, so that a report of the one is told otherwise by a
# report of the other (``called off the strike`` / ``called the strike``: cancelled, not declared; ``put off the
# vote`` / ``put the vote``). Most particles only finish the verb's own act (``shut down`` / ``shut``, ``locked up``
# / ``locked``, ``handed over`` / ``handed``: one act), and WordNet's senses do not tell the two kinds apart, so
# this is a short hand list, not every phrasal verb (``roles.role_checks``). Not ``pull_out`` nor ``break_off``: with
# an object they are the verb's own act (``pulled out its troops`` / ``pulled its troops from the town``, ``broke off
# their engagement`` / ``broke their engagement``: one act each; review revj22).
PHRASAL_APART = frozenset("call_off put_off turn_down rule_out back_down step_down write_off".split())


# Particles of opposite directions: one verb with the one and with the other may tell the opposite act (``walked
# in`` / ``walked out``, ``turned on`` / ``turned off`` the power, ``went up`` / ``went down``), but the particle
# alone does not say so: ``up`` and ``down`` both finish many verbs (``shut up`` / ``shut down`` its factory, ``burned
# up`` / ``burned down`` the barn, talks that ``broke up`` / ``broke down``), and ``turned in`` / ``turned out`` strong
# profits is one act (review revj27). So WordNet must oppose the two readings (``particles_opposed``), and must not
# give them one frequent sense (``slowed up`` / ``slowed down``). ``in`` and ``on`` are read as particles only where
# WordNet lists the phrasal verb and the parse gives the word no noun of its own (``judge.verb_readings``: ``walked
# in the park``, ``turned up on Monday`` are prepositions).
OPPOSED_PARTICLES = _related(_pairs("in out; on off; up down;"))
DIRECTION_PARTICLES = frozenset({"in", "on"})


def particles_opposed(reading: str, other: str) -> bool:
    """Whether two phrasal readings are one verb with particles of opposite directions (``OPPOSED_PARTICLES``:
    ``walk_in`` / ``walk_out``) that WordNet opposes (``senses.opposed_senses``: a sense or the sense above it named
    the other's opposite) and does not join: no list of verbs, and none without WordNet (review revj27: the
    particle alone named ``shut up`` / ``shut down`` and ``broke up`` / ``broke down`` opposites)."""
    verb, _, particle = reading.partition("_")
    verb_too, _, particle_too = other.partition("_")
    if verb != verb_too or particle_too not in OPPOSED_PARTICLES.get(particle, frozenset()):
        return False
    return not senses().same_sense(reading, other, "v") and senses().opposed_senses(reading, other, "v")


def toward(verb: str, particle: str) -> str | None:
    """The verb and ``in`` / ``on`` (``DIRECTION_PARTICLES``) as one lemma where WordNet lists it (``walk_in``,
    ``turn_on``); whether the word is a particle there is the parse's to say (``judge.verb_readings``)."""
    lemma = f"{verb}_{particle}"
    return lemma if particle in DIRECTION_PARTICLES and senses().has(lemma, "v") else None


def phrasal(verb: str, particle: str) -> str | None:
    """The verb and its particle as one lemma (``strike_down``) when WordNet lists it as a verb; else None (and
    always without WordNet: ``senses.NoSenses``)."""
    lemma = f"{verb}_{particle}"
    return lemma if particle in PARTICLES and senses().has(lemma, "v") else None


def said_alike(verb: str, other: str) -> bool:
    """Whether a text that says ``verb`` where a source says ``other`` of the same things says the same: a hand
    synonym (``SYNONYMS``: ``scrapped`` / ``struck down``, read as ``strike_down``), or in WordNet (``storycheck.senses``)
    a frequent sense of the one is a frequent sense of the other or just above it (``called off`` / ``cancelled``,
    ``killed`` / ``murdered``; not ``murdered`` / ``killed``, which says more). Never a pair of ``NOT_SYNONYMS``.
    Not through a hand synonym (``murdered`` / ``killed`` would be joined by ``slay``, one of WordNet's ``murder``)."""
    if verb == other or other in SYNONYMS.get(verb, ()):
        return True
    wn = senses()
    return frozenset((verb, other)) not in NOT_SYNONYMS and (wn.same_sense(verb, other, "v") or wn.broader_sense(verb, other, "v"))


def _direction(away: str) -> frozenset[str]:
    """The words the guarded directions pair with ``away`` (``rise``, ``climb``, ... for ``down``), with
    their synonyms: all of one direction, so any of them is the opposite of any of the other's."""
    words = {w for p in _pairs(_GUARDED_DIRECTIONS) if away in p for w in p - {away}}
    return frozenset(words.union(*(SYNONYMS.get(w, ()) for w in words)))


# verbs of going up and of going down (``up``/``down`` themselves included)
UP, DOWN = _direction("down") | {"up"}, _direction("up") | {"down"}


def opposed(word: str, other: str) -> bool:
    """Whether the two words are opposites, also through a synonym of either (``climb`` is ``rise``, the
    opposite of ``fall``) or a direction (``jump`` / ``slump``): ``ANTONYMS`` lists one word of each group only."""
    if {word, other} <= UP or {word, other} <= DOWN:
        return False
    if (word in UP and other in DOWN) or (word in DOWN and other in UP):
        return True
    words, others = {word} | SYNONYMS.get(word, frozenset()), {other} | SYNONYMS.get(other, frozenset())
    return any(others & ANTONYMS.get(w, frozenset()) for w in words)


# heads whose negation passes to their open complement: ``is not expected to stay`` says ``is expected not to
# stay``, ``did not want to leave`` says ``wanted not to leave``. Not ``agree``, ``promise``, ``try``, ``refuse``:
# ``did not agree to stay`` says nothing of leaving.
# Verbs of a journey (lemmas): a place the reports give one of them (``flew to Fatima``, ``travelled to Shanghai``,
# ``arrived in Lisbon``) is where the traveller is before or after it, so what a report has them do there (``arrived
# in Fatima``, ``met students in Shanghai``) is no event moved from the journey. Not ``move``, which is a change of
# club or home (``move to Chelsea``, the opposite of ``stay at Everton``), nor ``go``/``come`` (already generic).
JOURNEY_VERBS = frozenset("travel fly head sail drive ride walk journey return flee arrive land reach".split())

NEG_RAISING = frozenset("expect want plan intend likely think believe seem appear".split())
# Implicative verbs (Karttunen 1971, "Implicative verbs", Language 47(2); the polarity table of Nairn, Condoravdi and
# Karttunen 2006, "Computing relative polarity for textual inference"): what ``<head> to <verb>`` says of the verb,
# (when the head is asserted, when it is denied), True = the verb happened, False = it did not, None = nothing.
# ``failed to pay`` / ``refused to pay`` / ``declined to comment`` say the company did not pay, the minister did not
# comment; ``managed to pay`` says it paid and ``did not manage to pay`` that it did not; ``did not fail to pay`` that
# it paid, but ``did not refuse to pay`` says nothing (one-way). ``try``, ``want``, ``plan``, ``agree`` and ``promise``
# are no implicatives: ``tried to pay`` says nothing of the payment. Only with ``to`` (``forgot paying`` says the
# opposite of ``forgot to pay``). Small on purpose: verbs a news text uses this way in any story (not ``dare``,
# ``deign``, whose polarity depends on the reading, nor ``get to``, ``happen to``, ``bother to`` said without a denial).
IMPLICATIVES: Mapping[str, tuple[bool | None, bool | None]] = {
    "manage": (True, False), "remember": (True, False),
    "fail": (False, True), "forget": (False, True), "neglect": (False, True),
    "refuse": (False, None), "decline": (False, None),
}
# The opposites whose negation under such a head says the other: complementary pairs only, one of the two
# must be (``not expected to win`` is ``expected to lose``). Not contraries, which leave a third way: ``is not
# expected to confirm`` is no ``is expected to deny`` (he may say nothing), nor ``struggle``/``thrive``,
# ``accept``/``reject``, ``acquit``/``convict``.
COMPLEMENTARY = _pairs("win lose; beat lose; survive die; live die; succeed fail; pass fail; include exclude; "
                       "remember forget; stay leave; remain leave;")  # fmt: skip


def complements_agree(word: str, denied: bool, other: str, other_denied: bool) -> bool:
    """Two complements of ``NEG_RAISING`` heads (or a complement and a plain verb) say the same: complementary
    opposites (``COMPLEMENTARY``) of which exactly one is denied (``is not expected to stay`` / ``is expected to
    leave``; not ``is not expected to win`` / ``is expected not to lose``). The rule judge and roles both read."""
    return denied != other_denied and frozenset((word, other)) in COMPLEMENTARY


# Converse pairs: one event told from either party (``Arsenal beat Chelsea`` is ``Chelsea lost to Arsenal``,
# ``Google acquired it`` is ``they sold it to Google``): opposites only when the same agent does both.
CONVERSE = _pairs("""
win lose; win loss; victory defeat; win defeat; victory lose; beat lose; win concede; buy sell; buy sale;
purchase sell; purchase sale; acquire sell; acquire sale; lend borrow; give receive; send receive; import export;
""".replace("\n", " "))

# The two sides of a dispute or a deal, named by common nouns (lemmas): the one said to do what the other did is
# another actor, however few words the reports give ("the union called the strike" / "the employers called the
# strike"). Only sides no report would use for one another: not ``union`` / ``worker``, ``police`` / ``officer``.
COUNTERPARTS = _pairs("""
union employer; union management; worker employer; worker management; employee employer; employee management;
staff management; landlord tenant; buyer seller; lender borrower; prosecution defence; prosecution defense;
prosecutor defence; prosecutor defense; plaintiff defendant; claimant defendant; government opposition;
government rebel; army rebel; troop rebel; military rebel; police protester; police demonstrator; police rioter;
host visitor; attacker defender; incumbent challenger;
""".replace("\n", " "))

# Groups of people named by their calling (lemmas, with the plurals a tagger may leave): two of these said to have
# done one act are two doers ("Police arrested the man" / "Soldiers arrested the man"), when the two kinds never
# name the same people (``GROUPS_APART``). Only words that name one kind: not ``officer`` (police or army),
# ``forces`` (``security forces`` are police too), ``gunman``, ``fighter``, ``rescuer``, ``guard``, ``trooper``
# (state police or cavalry), ``official``, ``authorities``, ``worker``, which may name either of two.
_GROUPS = {
    "police": "police policeman policemen policewoman policewomen cop constable detective",
    "military": "soldier troop army military marine paratrooper commando",
    "armed group": "rebel insurgent guerrilla guerilla militant jihadist militia militiaman militiamen",
    "firefighters": "firefighter fireman firemen",
    "medics": "doctor nurse surgeon paramedic medic physician",
    "protesters": "protester protestor demonstrator rioter marcher",
    "journalists": "journalist reporter",
}


def _plural(word: str) -> str:
    if word.endswith(("man", "men")) or word in {"police", "military"}:
        return word
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


GROUPS = {form: kind for kind, words in _GROUPS.items() for w in words.split() for form in (w, _plural(w))}
# the kinds that never name the same people: the uniformed services and armed groups among themselves, reporters
# and each of these; protesters only against those sent to face them (doctors, teachers, firefighters protest too)
_UNIFORMED = ("police", "military", "armed group", "firefighters", "medics")
GROUPS_APART = frozenset(frozenset((a, b)) for i, a in enumerate(_UNIFORMED) for b in _UNIFORMED[i + 1 :]) | \
    frozenset(frozenset(("journalists", k)) for k in _UNIFORMED) | \
    frozenset(frozenset(("protesters", k)) for k in ("police", "military"))

# Modals and conditions: a verb after one is told as no fact (``could be convicted``, ``if convicted``). The role
# checks read them among the three words before an outcome verb (``roles._HEDGES``); the judge reads them, with the
# adverbs and forms that hedge a whole sentence (``reportedly``, ``cannot``), anywhere in it (``judge._UNSURE``).
HEDGES = frozenset("may might could can would should must if unless whether".split())

# "A met B" and "B met A" say the same thing
SYMMETRIC_VERBS = frozenset("meet marry wed divorce face play fight battle debate embrace hug kiss resemble equal".split())
# words said of two sides alike with a copula, and the preposition that names the other side: ``Peter Smith is
# married to Mary Jones`` is ``Mary Jones is married to Peter Smith``. Short and sure: not ``a friend of``, ``loyal to``,
# ``the brother of`` (gendered)
# (adjectives and participles by the lemma the parser gives them: ``was divorced from`` is the verb ``divorce``)
SYMMETRIC_PREDICATES = {"married": "prep_to", "marry": "prep_to", "engaged": "prep_to", "engage": "prep_to",
                        "divorced": "prep_from", "divorce": "prep_from", "related": "prep_to", "relate": "prep_to",
                        "neighbour": "prep_of", "neighbor": "prep_of"}  # fmt: skip
# verbs whose ``to`` names the other side of one exchange (``Smith spoke to Jones``), while ``wrote to``, ``lost
# to``, ``sent to`` have a direction
CONVERSING_VERBS = frozenset("talk speak chat".split())
# verbs whose ``with`` names the other side of one exchange (``Smith spoke with Jones``, ``Chelsea drew with
# Arsenal``); not any verb's: ``sided with``, ``pleaded with``, ``filed a complaint with``, ``was replaced with``,
# ``cooperated with`` (a witness with an inquiry) have a direction
WITH_PARTNER_VERBS = SYMMETRIC_VERBS | CONVERSING_VERBS | frozenset(
    "agree disagree negotiate collaborate merge draw tie clash argue quarrel row partner correspond converse".split()
)
# nouns of one exchange between two sides, held or made by a verb of RECIPROCAL_VERBS: ``Iran held talks with
# Russia`` is ``Russia held talks with Iran``, ``Nike signed a deal with Arsenal`` is ``Arsenal signed a deal with Nike``; not ``a
# complaint``, ``a case``, ``a lawsuit`` (filed with a court, against someone)
RECIPROCAL_NOUNS = frozenset(
    "talk meeting negotiation discussion conversation summit deal agreement pact treaty truce ceasefire partnership "
    "alliance merger relationship affair row dispute feud".split()
)
# verbs of giving things for things whose ``with`` names the other side when their object is a thing given both ways
# (``EXCHANGED_BOTH_WAYS``, owned by neither side, nothing got ``for`` it: ``judge.given_both_ways``): ``Israel exchanged prisoners with Hamas`` is ``Hamas exchanged prisoners with Israel``,
# ``Arsenal swapped shirts with Chelsea``; not with a name for object (``traded Smith for Jones``, ``swapped Kane
# with Son``: the thing given and the thing got), nor ``replace``/``substitute``, which have a direction
PARTNER_EXCHANGE_VERBS = frozenset("exchange swap trade".split())
# ...and the things (lemmas) such an exchange gives both ways, each side giving its own: ``exchanged prisoners``,
# ``traded blows``, ``swapped shirts``. Short and sure: not goods (``traded oil with China``: one side sells), nor
# players (``swapped their striker with Chelsea``), which one side gives and the other gets
EXCHANGED_BOTH_WAYS = frozenset(
    "prisoner fire shot blow shirt insult word vow view greeting pleasantry message letter note idea information "
    "data datum intelligence".split()
)
# ...and the verbs that hold or make such an exchange, the only ones whose subject and ``with`` may change places:
# ``Russia violated the ceasefire with Ukraine``, ``rejected the deal with``, ``broke off talks with``, ``won the
# dispute with`` tell what one side did to the exchange, and the other side did not
RECIPROCAL_VERBS = frozenset("hold have sign reach strike seal conclude enter".split())
