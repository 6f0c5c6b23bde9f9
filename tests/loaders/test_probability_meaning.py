"""How the probability reader reads meaning: lemmas, negation scope, hedges, and the work it does.

The case table in test_probability.py holds the wordings; this file holds the rules behind them: every person
of the negation verb, the negation and hedge mappings, where a negation stops, that the lookup filter and the
lookup budget change no reading, and that the reference plans read as they did before the lemma reader.
"""
from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import pytest

from loaders import load_document
from loaders.records import PROBABILITY_CLASSES
from loaders.values import probability
from loaders.values.probability import HEDGED, NEGATED, classify_probability, lemma
from tests.conftest import requires_seeds, seed
from tests.loaders.test_probability import CASES

ROOT = Path(__file__).resolve().parents[2]


def _class(text: str) -> str:
    return classify_probability(text).probability_class


# --- the lemmatiser ---------------------------------------------------------------------------------------


def test_simplemma_is_pinned_and_installed_at_that_version():
    lines = (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert "simplemma==2.0.0" in [line.split("#")[0].strip() for line in lines]
    assert version("simplemma") == "2.0.0"


@pytest.mark.parametrize("token, expected", [
    ("hallinnassamme", "hallinta"),  # possessive, not in the dictionary as written
    ("käsissämme", "käsi"),
    ("toimittajasta", "toimittaja"),
    ("riippuvaisia", "riippuvainen"),
    ("varmuutta", "varmuus"),
    ("eivät", "ei"),
    ("ehditä", "ehtiä"),  # a negative passive simplemma misses, fixed here
])
def test_tokens_lemmatise_offline_with_the_bundled_dictionary(token, expected):
    assert lemma(token) == expected


def test_lemmas_are_cached():
    lemma.cache_clear()
    lemma("riippuvaisia")
    lemma("riippuvaisia")
    info = lemma.cache_info()
    assert (info.hits, info.misses) == (1, 1)
    assert info.maxsize is not None  # bounded: a long document cannot grow it without limit


# --- negation ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("verb", ["ei", "en", "et", "emme", "ette", "eivät"])
def test_every_person_of_the_negation_verb_negates(verb):
    assert _class(f"{verb} voi pitää aikataulua varmana") == "uncertain"
    assert _class(f"{verb} ehdi ajoissa") == "unlikely"
    assert classify_probability(f"{verb.capitalize()} riipu toimittajasta").probability_class == "certain"


def test_the_negation_mapping_covers_every_class_and_never_says_unknown():
    assert set(NEGATED) == set(PROBABILITY_CLASSES) - {"unknown"}
    assert NEGATED == {"certain": "uncertain", "likely": "unlikely", "uncertain": "likely", "unlikely": "likely"}


@pytest.mark.parametrize("text, klass", [
    pytest.param("Ei ole aloitettu, mutta varmaa", "certain", id="comma and mutta"),
    pytest.param("Ei aloitettu. Varmaa.", "certain", id="sentence end"),
    pytest.param("Ei ole varmaa - riippuu toimittajasta", "uncertain", id="spaced dash"),
    pytest.param("Varmaa (ei riippuvuuksia)", "certain", id="brackets: the negation stays inside"),
])
def test_a_negation_stays_in_its_clause(text, klass):
    assert _class(text) == klass


def test_a_negation_reaches_only_the_next_few_tokens():
    near = "Ei " + "tässä " * (probability.NEGATION_SCOPE - 1) + "varmaa"
    far = "Ei " + "tässä " * probability.NEGATION_SCOPE + "varmaa"
    assert (_class(near), _class(far)) == ("uncertain", "certain")


def test_a_denied_dependency_names_no_driver_but_a_following_contrast_does():
    assert classify_probability("Ei riipu toimittajasta eikä rahoituksesta").driver is None
    reading = classify_probability("Ei riipu toimittajasta vaan rahoituksesta")
    assert (reading.probability_class, reading.driver) == ("uncertain", "funding")


# --- hedges -----------------------------------------------------------------------------------------------


def test_no_hedge_leaves_a_statement_certain():
    assert all(mapping.get("certain") != "certain" for mapping in HEDGED.values())
    for hedge in ("melko", "lähes", "kohtalaisen", "jossain määrin", "puolittain", "osittain"):
        assert _class(f"{hedge} varmaa") in ("likely", "uncertain"), hedge


def test_a_degree_hedge_keeps_the_graded_classes():
    assert HEDGED["degree"] == {"certain": "likely"}
    assert [_class(f"melko {word}") for word in ("todennäköinen", "epävarma", "epätodennäköinen")] == [
        "likely", "uncertain", "unlikely"]


# --- the work done ----------------------------------------------------------------------------------------


def test_every_word_the_reader_looks_for_passes_the_lookup_filter():
    words = (set(probability._CLASS_LEMMAS) | probability._COMPLETION | probability._DEPENDENCY_LEMMAS
             | set(probability._PROBABILITY_GRADES) | probability._OTHERS_AND_THIRD | probability._PARTY_LEMMAS
             | probability._BELIEF_VERBS | probability._BELIEF_NEGATIVE_FORMS
             | {"riippumaton", "todennäköisyys", "käsi", "kädessä", "hallinta", "toiminta", "voima", "oma", "omin",
                "odottaa", "voida", "aikatauluttaa", "tiukka", "saada", "saatava", "täytyä", "pitää", "pidetään",
                "olla", "ole", "itse", "meistä", "meidän", "minun", "tiedossa", "laki", "lain", "raha", "rahasta",
                "ei", "en", "et", "emme", "ette", "eivät", "eikä", "ettei", "ehdi", "etenee"})
    assert [word for word in sorted(words) if not probability._worth_a_lookup(word)] == []


@pytest.mark.parametrize("text, probability_class, driver", CASES)
def test_the_lookup_filter_changes_no_reading(monkeypatch, text, probability_class, driver):
    monkeypatch.setattr(probability, "_worth_a_lookup", lambda token: True)
    monkeypatch.setattr(probability, "_MAX_LOOKUPS", 10**9)
    reading = classify_probability(text)
    assert (reading.probability_class, reading.driver) == (probability_class, driver)


def _letters(number: int) -> str:
    """A distinct letters-only word for each number: 0 -> "a", 26 -> "ba"."""
    word = ""
    while True:
        number, digit = divmod(number, 26)
        word = "abcdefghijklmnopqrstuvwxyz"[digit] + word
        if number == 0:
            return word


def test_a_long_statement_looks_up_a_bounded_number_of_words(monkeypatch):
    calls = []
    real = probability.simplemma.lemmatize

    def counting(token, **kwargs):
        calls.append(token)
        return real(token, **kwargs)

    monkeypatch.setattr(probability.simplemma, "lemmatize", counting)
    lemma.cache_clear()
    # 20,000 distinct words that all pass the filter ("var..."), then a clear statement at the end.
    text = " ".join(f"var{_letters(number)}" for number in range(20_000)) + ". Riippuu toimittajasta."
    reading = classify_probability(text)
    lemma.cache_clear()
    assert len(calls) <= 2 * probability._MAX_LOOKUPS
    # Past the budget words are read as written; the driver is read from the written form.
    assert reading.driver == "supplier"


# --- the reference plans ----------------------------------------------------------------------------------

# (plan, code): (class, driver) for every project with a probability statement, as the word-matching reader
# read them before the lemma reader; each was checked against the text. Codes only: no text is copied here.
SEED_READINGS = {
    ("001", "2.1"): ("certain", None), ("001", "2.2"): ("certain", None), ("001", "2.3"): ("likely", None),
    ("001", "2.4"): ("likely", None), ("001", "2.5"): ("likely", None),
    ("001", "2.6"): ("uncertain", "external_party"), ("001", "3.1.1"): ("uncertain", "external_party"),
    ("001", "3.2.1"): ("uncertain", "external_party"), ("001", "3.3.1"): ("certain", None),
    ("001", "4.1.1"): ("certain", None), ("001", "4.1.2"): ("certain", None),
    ("001", "4.2.1"): ("uncertain", "external_party"), ("001", "5.1.1"): ("unlikely", "external_party"),
    ("001", "5.1.2"): ("unlikely", None), ("001", "5.2.1"): ("likely", None), ("001", "5.2.2"): ("likely", None),
    ("001", "6.1"): ("likely", None), ("001", "6.2"): ("likely", None),
    ("004", "2.1"): ("likely", "own_resources"), ("004", "2.2"): ("uncertain", "external_party"),
    ("004", "2.3"): ("certain", None), ("004", "2.4"): ("certain", "own_resources"), ("004", "2.5"): ("certain", None),
    ("004", "2.6"): ("uncertain", "external_party"), ("004", "2.7"): ("certain", None),
    ("004", "2.8"): ("uncertain", "legislation"), ("004", "2.9"): ("uncertain", "external_party"),
    ("004", "2.10"): ("certain", None), ("004", "3.1"): ("certain", None), ("004", "3.2"): ("uncertain", "supplier"),
    ("004", "3.3"): ("uncertain", "external_party"), ("004", "3.4"): ("certain", None),
    ("004", "3.5"): ("uncertain", "funding"), ("004", "3.6"): ("likely", None), ("004", "3.7"): ("uncertain", None),
    ("004", "3.8"): ("uncertain", "external_party"), ("004", "4.1"): ("uncertain", "external_party"),
    ("004", "4.2"): ("uncertain", "external_party"), ("004", "4.3"): ("uncertain", None),
    ("004", "5.1"): ("uncertain", "funding"), ("004", "5.2"): ("uncertain", None),
}


@requires_seeds
def test_the_reference_plans_read_as_before():
    found = {}
    for prefix in ("000", "001", "003", "004"):
        for project in load_document(seed(prefix)).projects:
            if project.probability.text:
                found[(prefix, project.code)] = (project.probability.probability_class, project.probability.driver)
    assert found == SEED_READINGS
