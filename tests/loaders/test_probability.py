"""Probability of finishing on schedule: class and driver from the free text.

Ids name the source: "domain-md", a seed section ("001-2.1"), or "invented".
Long real values are shortened to the words that decide the class.
"""
from __future__ import annotations

import pytest

from loaders.probability import classify_driver, classify_probability
from loaders.records import PROBABILITY_CLASSES, PROBABILITY_DRIVERS

# (text, class, driver)
CASES = [
    # certain
    pytest.param("Varmaa - itsestä kiinni", "certain", None, id="domain-md up to us"),
    pytest.param("Varmaa - itsestä kiinni.", "certain", None, id="004-2.3 up to us with full stop"),
    pytest.param("Varmaa – itsestä kiinni", "certain", None, id="invented en dash"),
    pytest.param("Toteuttaminen omissa käsissä. Priorisoitu korkealle.", "certain", None, id="001-2.1 in our hands"),
    pytest.param("Tietohallinnon omaa toimintaa. Priorisoitu korkealle.", "certain", None, id="001-2.2 IT's own work"),
    pytest.param("Varmaa - itsestä kiinni. Vaatii yhteistyötä (=resursseja).", "certain", "own_resources",
                 id="004-2.4 certain but needs resources"),
    # likely
    pytest.param("Suhteellisen varmaa", "likely", None, id="domain-md fairly certain"),
    pytest.param("Suhteellisen varmaa – resursointi henkilöriippuvaista", "likely", "own_resources",
                 id="004-2.1 fairly certain, staffing"),
    pytest.param("Projekti on aikataulutettu ja toteutunee aikataulussa", "likely", None,
                 id="001-5.2.1 will probably be on time"),
    pytest.param("Kevyt toteutus, joten toteutunee iakataulussaan", "likely", None,
                 id="001-6.2 probably on time despite typo"),
    pytest.param("Toteutuu aikataulussa, priorisoitu korkealle.", "likely", None, id="001-2.4 on time"),
    pytest.param("Käynnissä ja ajetaan loppuun aikataulun mukaisesti", "likely", None,
                 id="001-2.3 running and on track"),
    pytest.param("Ollut käynnissä. Jatketaan aikataulun mukaisesti.", "likely", None,
                 id="001-2.5 continues as planned"),
    pytest.param("Käynnissä. Haasteita on mutta aikataulusta pidetään kiinni.",
                 "likely", None, id="001-6.1 challenges but schedule kept"),
    pytest.param("Aikataulu ei ole tiukka mutta suunnittelu aloitettava", "likely", None,
                 id="004-3.6 schedule not tight"),
    pytest.param("Todennäköisesti toteutuu", "likely", None, id="invented probably"),
    # uncertain
    pytest.param("Epävarmaa - riippuu ulkoisista tekijöistä", "uncertain", "external_party",
                 id="domain-md external factors"),
    pytest.param("Epävarmaa - riippuu rahoituksesta", "uncertain", "funding", id="004-5.1 funding"),
    pytest.param("Epävarmaa - riippuu toimittajasta", "uncertain", "supplier", id="domain-md supplier"),
    pytest.param("Epävarmaa, riippuu ulkoisista tekijöistä; riippuu toimittajasta.", "uncertain",
                 "supplier", id="004-3.2 external, then named supplier"),
    pytest.param("Epävarmaa - riippuu ulkoisista tekijöistä, eli Varhan etenemisestä", "uncertain",
                 "external_party", id="004-2.6 external, wellbeing county"),
    pytest.param("Epävarmaa - riippuu ulkoisista tekijöistä. Päällekkäisyyksiä?",
                 "uncertain", "external_party", id="004-3.3 external and overlap"),
    pytest.param("Riippuu lainsäädännöstä ja ministeriöiden ohjeista.", "uncertain", "legislation",
                 id="004-2.8 legislation"),
    pytest.param("Muutos pohjautuu lakiin; riippuu sen voimaantulosta", "uncertain", "legislation",
                 id="invented law"),
    pytest.param("Riippuu osin alueellisen hankkeen etenemisestä mutta osatoteutuksia tulee varmasti",
                 "uncertain", "external_party", id="004-2.2 regional project, partly sure"),
    pytest.param("Rahasta kiinni", "uncertain", "funding", id="004-3.5 money decides"),
    pytest.param("Joustomahdollisuus, riippuen muista projekteista", "uncertain", None,
                 id="004-3.7 flexible"),
    pytest.param("Epävarmaa. Riippuu uuden palvelun aikataulusta.", "uncertain", None,
                 id="004-4.3 depends on a new service"),
    pytest.param("Omistajatahoilta on saatava tukea.", "uncertain",
                 "external_party", id="001-2.6 owners must support"),
    pytest.param("Projektia ei ole aikataulutettu tarkemmin; aloitus aikaisintaan 2024.", "uncertain", None,
                 id="004-5.2 not scheduled in detail"),
    pytest.param("Ei ole varmaa", "uncertain", None, id="invented not certain"),
    # unlikely
    pytest.param("On kiinni HVA-organisaatiosta. Aikataulu vaikuttaa haastavalta.",
                 "unlikely", "external_party", id="001-5.1.1 challenging, depends on HVA"),
    pytest.param("Projekti on käynnissä. Aikataulu tuntuu kohtuuttomalta.",
                 "unlikely", None, id="001-5.1.2 unreasonable outranks running"),
    pytest.param("Aikataulu on epärealistinen", "unlikely", None, id="invented unrealistic"),
    pytest.param("Varmaa, mutta aikataulu on liian tiukka", "unlikely", None, id="invented negative outranks sure"),
    pytest.param("Projekti on viivästynyt toimittajasta johtuen", "unlikely", "supplier", id="invented delayed"),
    # unknown
    pytest.param(None, "unknown", None, id="field missing"),
    pytest.param("", "unknown", None, id="empty"),
    pytest.param("  \n", "unknown", None, id="whitespace"),
    pytest.param("Priorisoitu korkealle.", "unknown", None, id="invented silent on probability"),
]


@pytest.mark.parametrize("text, probability_class, driver", CASES)
def test_probability_text_gives_a_class_and_a_driver(text, probability_class, driver):
    reading = classify_probability(text)
    assert reading.probability_class == probability_class
    assert reading.driver == driver
    assert reading.probability_class in PROBABILITY_CLASSES
    assert reading.driver is None or reading.driver in PROBABILITY_DRIVERS


def test_empty_text_is_kept_as_none():
    assert classify_probability("   ").text is None


def test_text_is_kept_stripped_as_written():
    assert classify_probability(" Rahasta kiinni \n").text == "Rahasta kiinni"


@pytest.mark.parametrize("text, driver", [
    pytest.param("lainsäädännöstä, rahoituksesta ja toimittajasta", "legislation", id="law before money"),
    pytest.param("rahoituksesta ja toimittajasta", "funding", id="money before supplier"),
    pytest.param("ulkoisista tekijöistä ja toimittajasta", "supplier", id="supplier before generic external"),
    pytest.param("ulkoisista tekijöistä ja resursseista", "external_party", id="external before own resources"),
])
def test_one_driver_is_chosen_by_a_fixed_precedence(text, driver):
    assert classify_driver(text) == driver


@pytest.mark.xfail(strict=True, reason="negated risk words ('ei riipu ...') are not understood")
def test_a_negated_dependency_reads_as_certain():
    assert classify_probability("Ei riipu ulkoisista tekijöistä").probability_class == "certain"
