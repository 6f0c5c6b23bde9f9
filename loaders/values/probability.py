"""Classify the free-text probability of finishing on schedule, and what it depends on.

Classes (records.PROBABILITY_CLASSES): certain, likely, uncertain, unlikely, unknown.
Drivers (records.PROBABILITY_DRIVERS): legislation, funding, supplier, external_party, own_resources.

The statement is read for meaning, not matched word by word:

1. Tokenise. Sentences end at . ; : ! ? and line breaks; clauses also end at commas, brackets,
   a spaced dash ("Varmaa - itsestä kiinni") and at conjunctions (mutta, vaan, ja, koska, että, ...).
2. Lemmatise the tokens with simplemma (Finnish, its bundled dictionary, offline; the memory-frugal
   backend: about 70 MB and 2 s to load once per process, instead of 400 MB and 3 s; cached per token),
   so "varmana", "varmuutta", "hallinnassamme", "toimittajasta" and "riippuvaisia" are read as varma,
   varmuus, hallinta, toimittaja and riippuvainen. Only a token that may be one of the reader's words is
   looked up (by its first three letters), at most _MAX_LOOKUPS per statement; the rest keep their
   written form, so a long or hostile field costs time in proportion to its length and no more.
3. Find the cues, by lemma: class words (varma, todennäköinen, epävarma, haastava ...), dependency
   words (riippua, riippuvainen, varassa, "X:stä kiinni", "on saatava"), own hands ("omissa käsissä",
   "käsissämme", "hallinnassamme", "omaa toimintaa"), and completion verbs (toteutua, valmistua,
   ehtiä, pysyä, edetä, onnistua), which say "likely" with a schedule word ("toteutuu aikataulussa",
   "valmistuu ajallaan") or in the potential mood ("toteutunee").
4. Apply negation. A negator reaches the first cue in the next four tokens of its clause:
   the negation verb in every person (ei, en, et, emme, ette, eivät, also eikä, ettei), "tuskin"
   and "ilman". "Varmuutta ei ole" (cue before the verb, then only "ole") is reached backwards. A prefix
   "epä-" negates the word it is attached to (epävarma = not certain). Mapping:

       not certain    -> uncertain   ("ei voi pitää varmana", "varmuutta ei ole", "epävarma")
       not likely     -> unlikely    ("ei todennäköisesti valmistu", "epätodennäköinen", "epärealistinen")
       not uncertain  -> likely      ("ei ole epävarmaa", "aikataulu ei ole tiukka")
       not unlikely   -> likely      ("ei viivästy", "tuskin viivästyy", "ilman viivästyksiä")
       not completing -> unlikely    ("ei valmistu", "tuskin ehditään", "ei pysytä aikataulussa")
       not dependent  -> certain     ("ei riipu toimittajasta", "toimittajasta riippumaton"): the
                                      named party is then not a driver
       not in our own hands -> uncertain ("ei ole itsestä kiinni", "ei ole omissa käsissämme")
       not known / not scheduled -> uncertain ("ei ole tiedossa", "ei ole aikataulutettu")

   Softer negators: "tuskin" + a dependency gives likely (hardly dependent, not independent);
   "ei välttämättä" moves the result one step to the middle (unlikely -> uncertain, certain -> likely);
   "ilman X ... ei" and "ellei X" are conditions (without X it does not happen, unless X): uncertain,
   and X stays the driver.
   A denied belief reaches into the että clause after it ("emme usko, että ehditään" -> unlikely).
   A sentence adverb ("ei todennäköisesti valmistu", "ei varmasti ehditä") lets the negation pass to
   the verb after it; the adverb itself is then not read.
5. Apply hedges to the first cue in the next three tokens (else the cue just before the hedge:
   "valmistuu osittain ajallaan"). Degree hedges (melko, suhteellisen, kohtalaisen, kohtuullisen,
   lähes, melkein, miltei, jokseenkin, "jossain määrin", "jonkin verran")
   lower certain to likely and keep the other classes (they are graded already: "melko varma" ->
   likely, "kohtalaisen todennäköinen" -> likely, "jossain määrin epävarma" -> uncertain). Partial
   and doubt hedges (puolittain, osittain, osin, ehkä, mahdollisesti) say that only part holds:
   certain and likely become uncertain ("puolittain omissa käsissä", "valmistuu osittain ajallaan").
   A hedge with nothing to hedge ("Puolittain.") reads nothing.
6. The class is the most pessimistic cue (unlikely, uncertain, likely, certain), as before: a stated
   risk outranks a confident word in the same text. No cue: "unknown" (the plan reader notes it).

The driver is read from lemmas with the documented precedence (legislation, funding, supplier,
external party, own resources). "Others" (muut, toiset) count as an external party when the sentence
states a dependency and the word stands for a party ("toisten aikataulun varassa", "riippuu muista"),
not when it qualifies a thing ("riippuen muista projekteista"). "In our own hands" is read as the
class certain; PROBABILITY_DRIVERS has no driver value for it, so its driver stays None.

>>> classify_probability("Varmaa - itsestä kiinni").probability_class
'certain'
>>> r = classify_probability("Epävarmaa - riippuu rahoituksesta")
>>> (r.probability_class, r.driver)
('uncertain', 'funding')
>>> classify_probability("Valmistumista ei voi pitää varmana").probability_class
'uncertain'
>>> classify_probability(None).probability_class
'unknown'
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from loaders.records import ProbabilityReading
from loaders.text import normalise

# One pass: a word (letters, hyphenated compounds), a sentence end, or a clause break.
_TOKENS = re.compile(
    r"(?P<word>[^\W\d_]+(?:-[^\W\d_]+)*)|(?P<sentence>[.;:!?\n])|(?P<clause>[,()\[\]\"'/=]|\s-+\s|^-+\s)"
)

CLASS_ORDER = ("unlikely", "uncertain", "likely", "certain")  # most pessimistic first
NEGATED = {"certain": "uncertain", "likely": "unlikely", "uncertain": "likely", "unlikely": "likely"}
# "ei välttämättä": not necessarily, so the negated reading is one step nearer the middle.
_NOT_NECESSARILY = {"unlikely": "uncertain", "certain": "likely"}
HEDGED = {
    "degree": {"certain": "likely"},
    "partial": {"certain": "uncertain", "likely": "uncertain"},
}

NEGATION_SCOPE = 4  # tokens after a negator that it can reach, within its clause
BACKWARD_SCOPE = 3  # "Varmuutta ei ole": tokens before the verb
HEDGE_SCOPE = 3
HEDGE_BACKWARD_SCOPE = 2
_MAX_LEMMA_TOKEN = 40  # longer "words" are not Finnish words; they are kept as they are

# simplemma misses some negative-passive and participle forms of the words that matter here.
_SURFACE_LEMMAS = {
    "ehditä": "ehtiä", "pysytä": "pysyä", "pidetä": "pitää", "valmistuta": "valmistua",
    "toteutumaan": "toteutua", "valmistumaan": "valmistua", "omin": "oma", "tiukalla": "tiukka",
}
_LEMMA_FIXES = {"toteutunut": "toteutua", "valmistunut": "valmistua", "onnistunut": "onnistua", "pysyttää": "pysyä"}


# Only a word that may be one of the words below is looked up: the first three letters of the lemmas the
# reader uses, and of their inflected forms where those letters change (käsi: kädessä, ehtiä: ehdi, minä:
# meistä). Other words (names, numbers as words, pasted tables, a hostile blob of random words) keep their
# written form: they can only matter as drivers, which are read from the written form too.
_WORTH_A_LOOKUP = frozenset({
    "ei", "en", "et", "emm", "ett", "eiv", "eik", "enk", "etk", "tus", "ilm", "väl", "var", "taa", "tak",
    "tod", "rea", "epä", "jou", "haa", "koh", "mah", "myö", "vii", "tiu", "lii", "rii", "arm", "hal", "käs",
    "käd", "kät", "oma", "omi", "toi", "voi", "tot", "val", "onn", "ede", "ete", "eht", "ehd", "pys", "odo",
    "aik", "suu", "aja", "ajo", "mää", "saa", "täy", "pit", "pid", "kii", "its", "mei", "min", "muu", "mui",
    "kol", "kun", "org", "tah", "osa", "hyv", "kor", "pie", "hei", "mat", "alh", "usk", "luu", "näy", "näk",
    "vai", "ole", "oll", "olt", "oli", "tie", "lak", "lai", "rah",
})
_MAX_LOOKUPS = 400  # words looked up in one statement; a longer statement is read by written form after that


def _worth_a_lookup(token: str) -> bool:
    return len(token) <= 3 or token[:3] in _WORTH_A_LOOKUP


@lru_cache(maxsize=65536)
def lemma(token: str) -> str:
    """The Finnish lemma of a lower-case token, cached; a token simplemma does not know is its own lemma.

    >>> lemma("hallinnassamme"), lemma("toimittajasta"), lemma("eivät")
    ('hallinta', 'toimittaja', 'ei')
    """
    fixed = _SURFACE_LEMMAS.get(token)
    if fixed is not None:
        return fixed
    if len(token) > _MAX_LEMMA_TOKEN:
        return token
    found = simplemma.lemmatize(token, lang="fi", low_memory=True).lower()
    return _LEMMA_FIXES.get(found, found)


# --- the words ---------------------------------------------------------------------------------------------

_CLASS_LEMMAS = {
    "varma": "certain", "varmuus": "certain", "varmasti": "certain", "taata": "certain",
    "todennäköinen": "likely", "todennäköisesti": "likely", "realistinen": "likely",
    "epävarma": "uncertain", "epävarmuus": "uncertain", "epävarmasti": "uncertain",
    "joustomahdollisuus": "uncertain",
    "haastava": "unlikely", "haasteellinen": "unlikely", "kohtuuton": "unlikely", "epärealistinen": "unlikely",
    "epätodennäköinen": "unlikely", "epätodennäköisesti": "unlikely", "mahdoton": "unlikely",
    "myöhässä": "unlikely",
}
_CLASS_STEMS = (("epäselv", "uncertain"), ("joustomahdollisuu", "uncertain"),
                ("viivästy", "unlikely"), ("myöhästy", "unlikely"))
_ADVERBS = {"varmasti", "todennäköisesti", "varmaan", "epätodennäköisesti"}
_PROBABLY = {"varmaan", "varmaankin"}  # "varmaan" is "probably", not "certainly"
_COMPLETION = {"toteutua", "valmistua", "onnistua", "edetä", "ehtiä", "pysyä"}
_NEEDS_SCHEDULE = {"toteutua", "valmistua", "onnistua", "edetä", "pysyä"}  # ehtiä says "in time" itself
_SCHEDULE_LEMMAS = {"ajallaan", "ajoissa", "suunnitellusti", "määräaika"}
_POTENTIAL = ("nee", "nevat", "nemme", "nette", "neen")  # toteutunee, ehtinee, ehdittäneen
_DEPENDENCY_LEMMAS = {"riippua", "riippuvainen", "riippuvuus", "riippuvaisuus", "varassa"}
_PROBABILITY_GRADES = {
    "hyvä": "likely", "korkea": "likely", "suuri": "likely", "kohtalainen": "likely", "kohtuullinen": "likely",
    "pieni": "unlikely", "heikko": "unlikely", "matala": "unlikely", "alhainen": "unlikely",
}
_DEGREE_HEDGES = {"melko", "suhteellisen", "kohtalaisen", "kohtuullisen", "lähes", "melkein", "miltei",
                  "jokseenkin", "kutakuinkin"}
_DEGREE_HEDGE_PAIRS = {("jossain", "määrin"), ("jossakin", "määrin"), ("tietyssä", "määrin"),
                       ("jonkin", "verran"), ("jonkinlainen", "varmuus")}
_PARTIAL_HEDGES = {"puolittain", "osittain", "osin", "ehkä", "mahdollisesti"}
_CLAUSE_WORDS = {"mutta", "vaan", "ja", "sekä", "tai", "joten", "koska", "kun", "jos", "mikäli", "että",
                 "jotta", "eli", "sillä", "kunhan", "vaikka", "ettei", "jottei", "ellei", "paitsi"}
_CONTRAST_WORDS = {"vaan", "mutta", "paitsi", "kuitenkin", "silti"}
_NEGATION_CONJUNCTIONS = {"ettei", "jottei", "ellei"}  # että + ei ...
_OWN_SURFACES = {"meistä", "meidän", "minun", "itsestä", "itsestämme", "itsestään", "itsemme"}
_OWN_POSSESSIVE = ("mme", "ni")  # käsissämme, hallinnassani
_OTHERS = {"muu", "toinen"}
_BELIEF_VERBS = {"uskoa", "luulla", "näyttää", "vaikuttaa"}  # "emme usko, että ..."
_BELIEF_NEGATIVE_FORMS = {"usko", "uskota", "luule", "luulla", "näytä", "vaikuta"}  # simplemma misreads some
_OTHERS_AND_THIRD = _OTHERS | {"kolmas"}  # "kolmansista osapuolista"
_PARTY_LEMMAS = {"kunta", "organisaatio", "toimija", "taho", "osapuoli"}


def _is_own(surface: str, lemma_: str) -> bool:
    return lemma_ == "oma" or surface in _OWN_SURFACES


# Driver precedence: a named cause (law, money, supplier) is more telling than the generic
# "ulkoisista tekijöistä"; own resources are always in play, so they come last.
_DRIVER_ORDER = ("legislation", "funding", "supplier", "external_party", "own_resources")


def _driver_of(surface: str, lemma_: str) -> str | None:
    """The driver one word names, from its lemma (and its written form, for compounds simplemma does not know)."""
    forms = (lemma_, surface)
    if lemma_ == "laki" or any(
        f.endswith("laki") or f.startswith(("lainsäädä", "lakisäät", "lakimuutos", "lainmuutos", "ministeriö",
                                            "direktiiv", "säädö"))
        or "ministeriö" in f or re.search(r"(?:^|-)asetu[ks]", f) for f in forms
    ):
        return "legislation"
    if lemma_ == "raha" or surface == "rahasta" or any(
        "rahoitu" in f or "määräraha" in f or "budjet" in f or f.startswith("avustu") for f in forms
    ):
        return "funding"
    if any("toimittaj" in f for f in forms):
        return "supplier"
    if any(f.startswith(("ulkoi", "ulkopuoli", "hyvinvointialue", "alueellise", "alueellinen", "omistajataho",
                         "kumppan", "varha", "hva-")) or f == "hva" or "kumppani" in f
           for f in forms):
        return "external_party"
    if any(f.startswith(("resursoin", "resurss", "henkilöstö", "työpanos", "kapasiteet")) or "henkilöriippu" in f
           for f in forms):
        return "own_resources"
    return None


# --- reading ------------------------------------------------------------------------------------------------


@dataclass
class _Cue:
    index: int
    kind: str  # "word", "completion", "dependency", "own_hands", "negated_only"
    positive: str | None  # the class as written, None when the word says nothing unless negated
    negative: str  # the class when negated
    adverb: bool = False
    negator: str | None = None  # "ei", "tuskin", "ilman"
    not_necessarily: bool = False
    conditional: bool = False
    hedge: str | None = None  # "degree", "partial"
    consumed: bool = False  # an adverb whose negation went on to the verb
    own: bool = False  # a dependency on ourselves: "itsestä kiinni"
    dependent: bool = True  # False for "riippumaton": the word itself denies the dependency

    def reading(self) -> str | None:
        if self.consumed:
            return None
        if self.negator is None:
            result = self.positive
            if result is None and self.kind == "completion" and self.hedge == "partial":
                result = "likely"  # "toteutuu osittain": read as on time, then hedged
        elif self.conditional:
            result = "uncertain"
        else:
            result = self.negative
            if self.negator == "tuskin" and self.kind == "dependency" and result == "certain":
                result = "likely"
            if self.not_necessarily:
                result = _NOT_NECESSARILY.get(result, result)
        if result is not None and self.hedge is not None:
            result = HEDGED[self.hedge].get(result, result)
        return result

    def independent(self) -> bool:
        """A dependency the statement denies ("ei riipu toimittajasta", "toimittajasta riippumaton")."""
        if self.kind != "dependency" or self.own or self.consumed or self.negator == "tuskin":
            return False
        return self.dependent == (self.negator is not None)

    def states_dependency(self) -> bool:
        return self.kind == "dependency" and not self.own and not self.independent()


@dataclass
class _Tokens:
    surface: list[str]
    lemma: list[str]
    clause: list[int]  # clause number of each token
    sentence: list[int]
    clause_start: list[int]  # first token of each clause
    clause_end: list[int]  # one past the last token of each clause
    on_schedule: list[bool]  # whether each clause names the schedule ("aikataulussa", "ajallaan")


def _tokenise(text: str) -> _Tokens:
    tokens = _Tokens([], [], [], [], [], [], [])
    clause, sentence, open_clause = -1, 0, False
    lookups = _MAX_LOOKUPS

    def new_clause() -> None:
        nonlocal clause, open_clause
        if open_clause:
            tokens.clause_end.append(len(tokens.surface))
        open_clause = False

    for match in _TOKENS.finditer(text.lower()):
        word = match.group("word")
        if word is None:
            new_clause()
            if match.group("sentence") is not None:
                sentence += 1
            continue
        if lookups > 0 and _worth_a_lookup(word):
            lookups -= 1
            word_lemma = lemma(word)
        else:
            word_lemma = _SURFACE_LEMMAS.get(word, word)
        if word in _CLAUSE_WORDS or (word_lemma == "ei" and word.endswith(("kä", "ka"))):  # eikä, eivätkä
            new_clause()
        if not open_clause:
            clause += 1
            open_clause = True
            tokens.clause_start.append(len(tokens.surface))
        tokens.surface.append(word)
        tokens.lemma.append(word_lemma)
        tokens.clause.append(clause)
        tokens.sentence.append(sentence)
    new_clause()
    tokens.on_schedule = [False] * len(tokens.clause_start)
    for i, (surface, word_lemma) in enumerate(zip(tokens.surface, tokens.lemma)):
        if "aikataulu" in surface or "aikataulu" in word_lemma or word_lemma in _SCHEDULE_LEMMAS:
            tokens.on_schedule[tokens.clause[i]] = True
    return tokens


def _cue_at(t: _Tokens, i: int) -> _Cue | None:
    surface, lem = t.surface[i], t.lemma[i]
    start, end = t.clause_start[t.clause[i]], t.clause_end[t.clause[i]]
    before = t.surface[i - 1] if i > start else ""
    before_lemma = t.lemma[i - 1] if i > start else ""
    after_lemma = t.lemma[i + 1] if i + 1 < end else ""

    def word(klass: str, adverb: bool = False) -> _Cue:
        return _Cue(i, "word", klass, NEGATED[klass], adverb=adverb)

    def dependency(own: bool) -> _Cue:
        return _Cue(i, "dependency", "certain" if own else "uncertain", "uncertain" if own else "certain", own=own)

    if surface in _PROBABLY:
        return word("likely", adverb=True)
    if lem == "tiukka" or surface.startswith("tiuk"):
        return word("unlikely" if before == "liian" else "uncertain")
    if lem in _CLASS_LEMMAS:
        return word(_CLASS_LEMMAS[lem], adverb=lem in _ADVERBS)
    for stem, klass in _CLASS_STEMS:
        if lem.startswith(stem) or surface.startswith(stem):
            return word(klass)
    if lem == "todennäköisyys":
        for j in range(max(start, i - 3), min(end, i + 4)):
            grade = _PROBABILITY_GRADES.get(t.lemma[j])
            if grade:
                return word(grade)
        return None
    if lem == "riippumaton":
        return _Cue(i, "dependency", "certain", "uncertain", dependent=False)  # "toimittajasta riippumaton"
    if lem in _DEPENDENCY_LEMMAS or surface.startswith(("varassa", "armoilla")):
        own = surface.endswith(_OWN_POSSESSIVE) or any(
            _is_own(t.surface[j], t.lemma[j]) for j in range(max(start, i - 2), min(end, i + 3)))
        return dependency(own)
    if surface == "kiinni":
        if before_lemma == "pitää" or after_lemma == "pitää" or (i - 2 >= start and t.lemma[i - 2] == "pitää"):
            if t.on_schedule[t.clause[i]]:
                return word("likely")  # "aikataulusta pidetään kiinni"
            return None
        if before.endswith(("sta", "stä", "stamme", "stämme", "staan", "stään")):
            return dependency(_is_own(before, before_lemma))
        if i + 1 < end:
            return dependency(_is_own(t.surface[i + 1], t.lemma[i + 1]))
        return None
    if (surface == "saatava" and before == "on") or (lem == "saada" and before_lemma == "täytyä"):
        return dependency(False)
    if (lem == "käsi" and "ss" in surface) or surface.startswith(("hallinnassa", "hallussa")):
        if surface.endswith(_OWN_POSSESSIVE) or _is_own(before, before_lemma):
            return _Cue(i, "own_hands", "certain", "uncertain")
        if before and (_driver_of(before, before_lemma) or before_lemma in _OTHERS):
            return dependency(False)  # "toimittajan käsissä"
        return None
    if lem == "toiminta" and before_lemma == "oma":
        return _Cue(i, "own_hands", "certain", "uncertain")  # "omaa toimintaa"
    if lem == "voima" and surface == "voimin" and before_lemma == "oma":
        return _Cue(i, "own_hands", "certain", "uncertain")  # "omin voimin"
    if lem in _COMPLETION:
        on_time = surface.endswith(_POTENTIAL) or lem not in _NEEDS_SCHEDULE or t.on_schedule[t.clause[i]]
        return _Cue(i, "completion", "likely" if on_time else None, "unlikely")
    if surface == "mukaisesti" and ("aikataulu" in before or before_lemma == "suunnitelma"):
        return word("likely")
    if lem == "odottaa" and (before_lemma == "voida" or (i - 2 >= start and t.lemma[i - 2] == "voida")):
        return word("likely")  # "voi odottaa"
    if surface.startswith("tiedossa") or lem == "aikatauluttaa":
        return _Cue(i, "negated_only", None, "uncertain")  # "ei ole tiedossa", "ei ole aikataulutettu"
    if surface.startswith("epä") and len(surface) > 5:  # a prefix negates the word: epäonnistua
        rest = lemma(surface[3:])
        if rest in _CLASS_LEMMAS:
            return word(NEGATED[_CLASS_LEMMAS[rest]])
        if rest in _COMPLETION:
            return _Cue(i, "completion", "unlikely", "likely")
    return None


def _negators(t: _Tokens) -> list[tuple[int, str]]:
    found = []
    for i, (surface, lem) in enumerate(zip(t.surface, t.lemma)):
        if lem == "ei" or surface in _NEGATION_CONJUNCTIONS:
            found.append((i, "ei"))
        elif surface == "tuskin":
            found.append((i, "tuskin"))
        elif surface == "ilman":
            found.append((i, "ilman"))
    return found


def _hedges(t: _Tokens) -> list[tuple[int, str]]:
    """(index of the last hedge word, kind) for each hedge."""
    found = []
    for i, surface in enumerate(t.surface):
        if surface in _DEGREE_HEDGES:
            found.append((i, "degree"))
        elif surface in _PARTIAL_HEDGES:
            found.append((i, "partial"))
        elif i > 0 and t.clause[i - 1] == t.clause[i] and (t.surface[i - 1], surface) in _DEGREE_HEDGE_PAIRS:
            found.append((i, "degree"))
    return found


@dataclass(frozen=True)
class _Reading:
    probability_class: str
    driver: str | None


def _read(text: str) -> _Reading:
    t = _tokenise(normalise(text))
    count = len(t.surface)
    cues: dict[int, _Cue] = {}
    for i in range(count):
        cue = _cue_at(t, i)
        if cue is not None:
            cues[i] = cue
    negators = _negators(t)
    negator_at = {i for i, _ in negators}
    suppressed: set[int] = set()  # tokens whose driver the statement denies

    for n, (i, kind) in enumerate(negators):
        end = min(t.clause_end[t.clause[i]], i + 1 + NEGATION_SCOPE)
        scope = []
        for j in range(i + 1, end):
            if j in negator_at:
                break
            scope.append(j)
        not_necessarily = kind == "ei" and bool(scope) and t.surface[scope[0]] == "välttämättä"
        # "En usko, että ehditään": a denied belief reaches into the että clause after it.
        believes = any(t.lemma[j] in _BELIEF_VERBS or t.surface[j] in _BELIEF_NEGATIVE_FORMS for j in scope)
        if kind == "ei" and believes and end == t.clause_end[t.clause[i]]:
            following = t.clause[i] + 1
            if following < len(t.clause_start) and t.surface[t.clause_start[following]] == "että" \
                    and t.sentence[t.clause_start[following]] == t.sentence[i]:
                first = t.clause_start[following]
                scope += [j for j in range(first + 1, min(t.clause_end[following], first + 1 + NEGATION_SCOPE))
                          if not any(n in negator_at for n in range(first, j + 1))]
        candidates = [cues[j] for j in scope if j in cues and cues[j].negator is None and not cues[j].consumed]
        target = candidates[0] if candidates else None
        if target is not None and target.adverb:
            verbs = [cue for cue in candidates[1:] if not cue.adverb]
            if verbs:
                target.consumed = True
                target = verbs[0]
        if target is None and kind == "ei" and (not scope or t.lemma[scope[0]] == "olla"):
            start = t.clause_start[t.clause[i]]
            for j in range(i - 1, max(start, i - BACKWARD_SCOPE) - 1, -1):
                if j in cues and cues[j].negator is None:
                    target = cues[j]
                    break
        if target is not None:
            target.negator = kind
            target.not_necessarily = not_necessarily
            if t.surface[i] == "ellei":  # "ellei toimittaja viivästy": a condition
                target.conditional = True
            continue
        if kind == "tuskin":
            cues[i] = _Cue(i, "word", "unlikely", "likely")  # "Tuskin." on its own
        elif kind == "ilman":
            later = negators[n + 1][0] if n + 1 < len(negators) else None
            if later is not None and t.clause[later] == t.clause[i]:  # "ilman lisärahoitusta ei toteudu": a condition
                condition_end = later
                for j in range(condition_end + 1, min(t.clause_end[t.clause[i]], condition_end + 1 + NEGATION_SCOPE)):
                    if j in cues:
                        cues[j].conditional = True
                        break
            else:  # "toteutetaan ilman toimittajaa": not a driver
                suppressed.update(scope)

    for i, kind in _hedges(t):
        start, end = t.clause_start[t.clause[i]], min(t.clause_end[t.clause[i]], i + 1 + HEDGE_SCOPE)
        # The next cue, else the one just before: "valmistuu osittain ajallaan".
        for j in (*range(i + 1, end), *range(i - 1, max(start, i - HEDGE_BACKWARD_SCOPE) - 1, -1)):
            cue = cues.get(j)
            if cue is not None and not cue.consumed:
                if cue.hedge != "partial":
                    cue.hedge = kind
                break

    # A denied dependency ("ei riipu toimittajasta", "toimittajasta riippumaton"): its party is no driver,
    # from the start of its clause to the end of the sentence or a contrast ("vaan rahoituksesta").
    clause_cues: dict[int, list[_Cue]] = {}
    for cue in cues.values():
        clause_cues.setdefault(t.clause[cue.index], []).append(cue)
    denied_clauses = {t.clause[cue.index] for cue in cues.values() if cue.independent()}
    clause_count = len(t.clause_start)
    walked = 0  # clauses before this are already walked: each clause is visited once
    for c in sorted(denied_clauses):
        if c < walked:
            continue
        sentence = t.sentence[t.clause_start[c]]
        d = c
        while d < clause_count and t.sentence[t.clause_start[d]] == sentence:
            first = t.surface[t.clause_start[d]]
            if d > c and first in _CONTRAST_WORDS:
                if first == "vaan" and not clause_cues.get(d):  # "ei riipu toimittajasta vaan rahoituksesta"
                    cue = _Cue(t.clause_start[d], "dependency", "uncertain", "certain")
                    cues[cue.index] = cue
                break
            if d > c and any(cue.states_dependency() for cue in clause_cues.get(d, ())):
                break
            suppressed.update(range(t.clause_start[d], t.clause_end[d]))
            d += 1
        walked = d

    readings = {cue.reading() for cue in cues.values()}
    probability_class = next((name for name in CLASS_ORDER if name in readings), "unknown")
    return _Reading(probability_class, _read_driver(t, cues, suppressed))


def _read_driver(t: _Tokens, cues: dict[int, _Cue], suppressed: set[int]) -> str | None:
    found: set[str] = set()
    dependent_sentences = {t.sentence[cue.index] for cue in cues.values() if cue.states_dependency()}
    count = len(t.surface)
    for i in range(count):
        if i in suppressed:
            continue
        driver = _driver_of(t.surface[i], t.lemma[i])
        if driver is None and t.lemma[i] in _OTHERS_AND_THIRD:
            driver = _others_as_party(t, i, dependent_sentences)
        if driver is not None:
            found.add(driver)
    return next((name for name in _DRIVER_ORDER if name in found), None)


def _others_as_party(t: _Tokens, i: int, dependent_sentences: set[int]) -> str | None:
    """ "muiden kuntien", "toisten aikataulun varassa", "riippuu muista" name other parties;
    "riippuen muista projekteista" names other work (the next word agrees with "muista")."""
    following = i + 1 < len(t.surface) and t.clause[i + 1] == t.clause[i]
    if following and t.lemma[i + 1] in _PARTY_LEMMAS:
        return "external_party"
    if t.lemma[i] not in _OTHERS or t.sentence[i] not in dependent_sentences:
        return None
    if following and t.surface[i + 1][-2:] == t.surface[i][-2:]:
        return None  # an attribute of the next word, in the same case
    return "external_party"


def classify_driver(text: str) -> str | None:
    """The one dependency a probability statement names, by the documented precedence.

    >>> classify_driver("Riippuu ulkoisista tekijöistä ja toimittajasta.")
    'supplier'
    """
    return _read(text).driver


def classify_probability(text: str | None) -> ProbabilityReading:
    """Class and driver of a probability statement; None or empty text is "unknown".

    >>> classify_probability("Projekti on käynnissä. Aikataulu tuntuu kohtuuttomalta.").probability_class
    'unlikely'
    >>> classify_probability("Ei riipu toimittajasta").driver is None
    True
    """
    if text is None or not text.strip():
        return ProbabilityReading(text=None)
    stripped = text.strip()
    reading = _read(stripped)
    return ProbabilityReading(text=stripped, probability_class=reading.probability_class, driver=reading.driver)
