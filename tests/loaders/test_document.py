"""The structure parser: headings, tables of contents, numbered lists, labels and page furniture."""
from __future__ import annotations

import pytest

from loaders.documents.structure import clean_line, is_successor, label_of, parse_structure, section_fields


@pytest.mark.parametrize(
    ("previous", "code", "expected"),
    [
        pytest.param(None, (1,), True, id="first heading"),
        pytest.param((2, 1), (2, 2), True, id="next sibling"),
        pytest.param((2, 9), (2, 10), True, id="004 2.9 then 2.10"),
        pytest.param((2, 8), (2, 8, 1), True, id="000 2.8 then child 2.8.1"),
        pytest.param((2, 8, 1), (2, 9), True, id="back up one level"),
        pytest.param((5, 3, 9), (6,), True, id="back to the top level"),
        pytest.param((3,), (3, 1, 1), True, id="003 skipped level 3 then 3.1.1"),
        pytest.param((3, 1, 2), (3, 2, 1), True, id="003 3.1.2 then 3.2.1"),
        pytest.param((6, 1), (1,), False, id="001 numbered list inside 6.1"),
        pytest.param((6, 1), (2, 2), False, id="backwards"),
        pytest.param((2, 1), (2, 4), False, id="gap of three"),
        pytest.param((3,), (2022,), False, id="a year is not a heading"),
    ],
)
def test_successor_rule_accepts_outline_steps_only(previous, code, expected):
    assert is_successor(previous, code) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        pytest.param("Aikataulu: Q3/2022–Q2/2023", ("schedule", "Q3/2022–Q2/2023"), id="001 same line"),
        pytest.param("Aikataulu:10–12/2021", ("schedule", "10–12/2021"), id="000 no space after colon"),
        pytest.param("Aikataulu:", ("schedule", ""), id="004 value on next line"),
        pytest.param("Toteutusaikataulu: 2025", ("schedule", "2025"), id="other wording"),
        pytest.param("Aikataulullinen vastuu on kirjastolla.", None, id="000 body text starting with the word"),
        pytest.param("Aikataulu on tiukka.", None, id="sentence, no colon"),
        pytest.param("Mikä muuttuu: Laajentunut palvelutarjonta", ("impact", "Laajentunut palvelutarjonta"), id="000 impact"),
        pytest.param(
            "Taloudellisten ja toiminnallisten muutosvaikutusten arviointi (mikä muuttuu?)",
            ("impact", ""),
            id="001 impact label without colon",
        ),
        pytest.param("Strateginen tausta projektille: Laatu.", ("strategic_goal", "Laatu."), id="001 4.1.2 background"),
        pytest.param("Projektin arvioitu aloitus: 5/2022", ("schedule_start", "5/2022"), id="001 4.1.2 start"),
        pytest.param("Projektin arvioitu päätyminen: 10/2023", ("schedule_end", "10/2023"), id="001 4.1.2 end"),
        pytest.param("a) Vaikutus tiedonhallinnan järjestämiseen (muutokset)", ("infomgmt_a", ""), id="001 a)"),
        pytest.param("Vaikutus tiedonhallinnan järjestämiseen (muutokset)", ("infomgmt_a", ""), id="004 2.1 a) missing"),
        pytest.param("b) Vaikutukset tietoturvasuuteen (uudet)", ("infomgmt_b", ""), id="001 typo tietoturvasuuteen"),
        pytest.param("Kustannukset noin 15.000 €", None, id="001 cost value is not a label"),
        pytest.param("Kustannusarvio: 15 000 €", ("costs", "15 000 €"), id="other wording for costs"),
        pytest.param("Vastuutaho: Palveluala", ("responsible", "Palveluala"), id="other wording for responsible"),
    ],
)
def test_labels_are_recognised_only_where_they_stand_as_labels(line, expected):
    assert label_of(clean_line(line)[1]) == expected


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        pytest.param("#### **Aikataulu:**", "Aikataulu:", id="004 label as heading"),
        pytest.param("### **3.5 Videot ja tekstityspalvelu**", "3.5 Videot ja tekstityspalvelu", id="004 bold heading"),
        pytest.param("2.1\t<i>Teknisen tietoturvan jatkokehitys</i>\t3", "2.1 Teknisen tietoturvan jatkokehitys 3", id="001 toc"),
        pytest.param("- d) **Vaikutukset asianhallintaan**", "d) Vaikutukset asianhallintaan", id="004 list item label"),
        pytest.param(" 2.2 Tietoliikenne\u00a0verkot ", "2.2 Tietoliikenne verkot", id="000 leading space, nbsp"),
    ],
)
def test_markup_is_removed_before_matching(raw, key):
    assert clean_line(raw)[1] == key


def _codes(text: str) -> list[str]:
    return [section.code_text for section in parse_structure(text).sections]


def test_table_of_contents_entries_are_not_sections():
    text = "\n".join(
        [
            "Sisällys",
            "1\tJohdanto .....\t2",
            "2\tHankkeet, tietohallinto .....\t3",
            "2.1\tEnsimmäinen .....\t3",
            "",
            "1 Johdanto",
            "Teksti.",
            "2 Hankkeet, tietohallinto",
            "2.1 Ensimmäinen",
            "Aikataulu: 2025",
        ]
    )
    structure = parse_structure(text)
    assert [(s.code_text, s.line) for s in structure.sections] == [("1", 6), ("2", 8), ("2.1", 9)]


def test_numbered_list_inside_a_section_is_body_text_even_when_it_reaches_the_next_number():
    text = "\n".join(
        ["1 Johdanto", "", "2 Hankkeet, tekniset palvelut", "", "2.1 Järjestelmä", "Osa-alueet:", ""]
        + [f"{n}. Osa-alue {n}" for n in range(1, 5)]
        + ["", "Aikataulu: 2025", "", "3 Hankkeet, sivistys", "", "3.1 Toinen", "Aikataulu: 2026"]
    )
    structure = parse_structure(text)
    assert [s.code_text for s in structure.sections] == ["1", "2", "2.1", "3", "3.1"]
    body = section_fields(structure.sections[2]).description
    assert "3. Osa-alue 3" in body


def test_title_wrapped_onto_a_second_line_is_joined():
    text = "1 Alku\n\n2 Hankkeet, hallinto\n\n2.1 Ostolaskujen järjestelmän uudistaminen sekä\nlaskutietojen julkaiseminen\n\nKuvaus.\n"
    structure = parse_structure(text)
    assert structure.sections[-1].title == "Ostolaskujen järjestelmän uudistaminen sekä laskutietojen julkaiseminen"


def test_unnumbered_area_heading_becomes_the_implied_parent():
    text = "1. JOHDANTO\n\nTeksti.\n\n2. KEHITYSKOHTEET\n\nEsittely.\n\n Infrastruktuuri \n\n2.1.1. Palvelimet\n\nKuvaus.\n"
    structure = parse_structure(text)
    implied = [s for s in structure.sections if s.implied]
    assert [(s.code_text, s.title) for s in implied] == [("2.1", "Infrastruktuuri")]
    assert structure.sections[-1].parent is implied[0]


def test_repeated_page_footer_is_dropped_from_values():
    footer = "Tietohallinto - toimenpidesuunnitelma syksy 2025 ja vuosi 2026"
    text = f"1 Alku\n\n2 Hankkeet, tietohallinto\n\n2.1 A\n\nKustannusarvio:\n\n{footer}\n\n10 000 €\n\n2.2 B\n\n{footer}\n"
    structure = parse_structure(text)
    assert section_fields(structure.sections[2]).values["costs"] == "10 000 €"


def test_appendix_ends_the_numbered_part():
    text = "1 Alku\n\n2 Hankkeet, hallinto\n\n2.1 A\n\nKuvaus.\n\nLiite 1. Strategiset painopisteet\n\n1. Kuntalainen\n"
    structure = parse_structure(text)
    assert [s.code_text for s in structure.sections] == ["1", "2", "2.1"]
    assert structure.appendix_line == 9
