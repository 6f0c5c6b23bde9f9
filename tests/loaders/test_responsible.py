"""Who answers for the schedule ("Projektin aikatauluvastuullinen taho")."""
from __future__ import annotations

import pytest

from loaders.values.responsible import classify_responsible, first_clause

# (text, kept text, class)
CASES = [
    pytest.param("Tietohallinto", "Tietohallinto", "it", id="001-2.1 IT"),
    pytest.param("tietohallinto", "tietohallinto", "it", id="invented lower case"),
    pytest.param("Tietohallinto, tuki palvelualoilta", "Tietohallinto", "it", id="001-2.6 IT with support"),
    pytest.param("IT-yksikkö", "IT-yksikkö", "it", id="invented IT unit"),
    pytest.param("ICT", "ICT", "it", id="invented ICT"),
    pytest.param("Palveluala", "Palveluala", "service_area", id="001-3.1 service area"),
    pytest.param("Palvelualue; tietohallinto tukee", "Palvelualue", "service_area", id="invented semicolon"),
    pytest.param("Toimiala", "Toimiala", "service_area", id="invented sector"),
    pytest.param("Tulosalue. Tarkemmin myöhemmin.", "Tulosalue", "service_area", id="invented full stop"),
    pytest.param("Sivistyspalvelut", "Sivistyspalvelut", "service_area", id="invented named service area"),
    pytest.param("Palveluala ja tietohallinto", "Palveluala ja tietohallinto", "service_area",
                 id="invented first named wins"),
    pytest.param("Ulkoinen toimija", "Ulkoinen toimija", "external", id="004-2.8 external party"),
    pytest.param("Järjestelmätoimittaja", "Järjestelmätoimittaja", "external", id="invented supplier"),
    pytest.param("Hyvinvointialue", "Hyvinvointialue", "external", id="invented wellbeing county"),
    pytest.param("Alueellinen hanke", "Alueellinen hanke", "external", id="invented regional project"),
    pytest.param("Kaupunginhallitus", "Kaupunginhallitus", "other", id="invented city board"),
    pytest.param("  Tietohallinto \n", "Tietohallinto", "it", id="invented surrounding whitespace"),
    pytest.param("Tietohallinto\nPalveluala", "Tietohallinto", "it", id="invented two lines"),
    pytest.param("", None, None, id="empty"),
    pytest.param(None, None, None, id="field missing"),
]


@pytest.mark.parametrize("text, kept, responsible_class", CASES)
def test_the_first_clause_is_kept_and_classified(text, kept, responsible_class):
    reading = classify_responsible(text)
    assert reading.text == kept
    assert reading.responsible_class == responsible_class


def test_the_first_clause_ends_at_the_first_comma():
    assert first_clause("Tietohallinto, tuki palvelualoilta") == "Tietohallinto"


@pytest.mark.xfail(strict=True, reason="units inside a service area (e.g. early education) are not recognised")
def test_a_unit_of_a_service_area_counts_as_the_service_area():
    assert classify_responsible("Varhaiskasvatus").responsible_class == "service_area"
