"""Cost values ("Projektin arvioidut kustannukset") read into euro items.

Ids name where a form came from: "domain-md", a seed section such as "004-3.6", or
"invented" for forms from other municipalities. Long real values are shortened.
The rows after "Reading meaning" are our own wordings of forms common in municipal
procurement and ICT plans (VAT restatements, fees named by compound words, contract-period
totals, counts times unit prices); tests/loaders/test_cost_meaning.py checks their notes.
"""
from __future__ import annotations

from decimal import Decimal

import pytest

from loaders.values.costs import parse_costs
from loaders.values.numbers import to_decimal

D = Decimal

# (text, [(kind, min, max, basis)], flags)
ITEM_CASES = [
    pytest.param("50 000 €.", [("one_off", D(50000), D(50000), "no_period_stated")], set(),
                 id="001-3.2 single figure"),
    pytest.param("15 000 000 €", [("one_off", D(15000000), D(15000000), "no_period_stated")], set(),
                 id="001-4.1.2 millions with spaces"),
    pytest.param("14 000 €", [("one_off", D(14000), D(14000), "no_period_stated")], set(), id="004-4.1 figure"),
    pytest.param("30 000 euroa", [("one_off", D(30000), D(30000), "no_period_stated")], set(),
                 id="004-3.7 euroa"),
    pytest.param("30000 €", [("one_off", D(30000), D(30000), "no_period_stated")], set(), id="domain-md no separator"),
    pytest.param("30 000\u00a0€", [("one_off", D(30000), D(30000), "no_period_stated")], set(), id="invented NBSP"),
    pytest.param("30\u202f000 €", [("one_off", D(30000), D(30000), "no_period_stated")], set(),
                 id="invented narrow NBSP thousands"),
    pytest.param("Kustannukset noin 15.000 €", [("one_off", D(15000), D(15000), "no_period_stated")], set(),
                 id="001-6.2 dot thousands with noin"),
    pytest.param("Kustannukset noin 30.000 €. Ei merkittävää työpanosta",
                 [("one_off", D(30000), D(30000), "no_period_stated")], set(), id="001-6.3 figure then remark"),
    pytest.param("Asiantuntijakustannuksia vielä arviolta 15.000 €",
                 [("one_off", D(15000), D(15000), "no_period_stated")], set(), id="001-2.3 arviolta"),
    pytest.param("Investointikustannus n. 40 000 €", [("one_off", D(40000), D(40000), "one_off_stated")], set(),
                 id="004-5.1 investment with n."),
    pytest.param("Arvio käyttöönotosta 50 000 €.", [("one_off", D(50000), D(50000), "one_off_stated")], set(),
                 id="001-3.1 deployment estimate"),
    pytest.param("Riippuu hankintatavasta. Arvio käyttöönotosta 50 000 €.",
                 [("one_off", D(50000), D(50000), "one_off_stated")], set(), id="001-3.1 condition then figure"),
    pytest.param("Asiantuntijoita noin 15 000 € investointina. Jatkuvat ovat jo olemassa.",
                 [("one_off", D(15000), D(15000), "one_off_stated")], set(),
                 id="004-2.7 one-off beside a remark on recurring costs"),
    pytest.param("20 000 – 50 000 € (suurelta osin hankerahoitusta)",
                 [("one_off", D(20000), D(50000), "no_period_stated")], set(), id="domain-md range with en dash"),
    pytest.param("Kokonaisuus investointina luokkaa 5000 – 10000 €",
                 [("one_off", D(5000), D(10000), "one_off_stated")], set(), id="004-2.1 luokkaa range"),
    pytest.param("Kustannukset konsultoinneista n. 5000 – 10000 €",
                 [("one_off", D(5000), D(10000), "no_period_stated")], set(), id="004-2.5 n. range"),
    pytest.param("Kustannukset pääosin työtä. Muita lähinnä integraatiosta 2000 – 5000 €.",
                 [("one_off", D(2000), D(5000), "no_period_stated")], set(),
                 id="004-2.4 range starting at 2000 is money, not a year"),
    pytest.param("laitteet 15 000–18 000 euroa.", [("one_off", D(15000), D(18000), "no_period_stated")], set(),
                 id="001-4.2.1 range in euroa"),
    pytest.param("n. 30.000 € / vuosi", [("annual", D(30000), D(30000), "per_year")], set(),
                 id="domain-md annual dot thousands"),
    pytest.param("Ei suoria investointeja laitteistoihin. Ohjelmiston laajentaminen n. 30.000 € / vuosi.",
                 [("annual", D(30000), D(30000), "per_year")], set(), id="001-2.2 annual after a no-investment remark"),
    pytest.param("noin 8000 €/vuosi", [("annual", D(8000), D(8000), "per_year")], set(), id="004-3.5 per year"),
    pytest.param("50 000 - 80 000 vuosittain", [("annual", D(50000), D(80000), "per_year")], set(),
                 id="004-3.4 yearly range with no currency"),
    pytest.param("(arvio 35000 € / vuosi)", [("annual", D(35000), D(35000), "per_year")], set(),
                 id="invented estimate in parentheses"),
    pytest.param("Jatkuvat kustannukset n. 5 000 €", [("annual", D(5000), D(5000), "per_year")], set(),
                 id="invented recurring costs"),
    pytest.param("3 000 € vuodessa", [("annual", D(3000), D(3000), "per_year")], set(), id="invented vuodessa"),
    pytest.param("per vuosi 3 000 €", [("annual", D(3000), D(3000), "per_year")], set(), id="invented per vuosi first"),
    pytest.param("Käyttö 400 €/kk", [("annual", D(4800), D(4800), "per_month_x12")], set(), id="invented per kk"),
    pytest.param(
        "Perustamiskulut 1 000-2 000 euroa. Käyttö 300-500 euroa per kuukausi.",
        [("one_off", D(1000), D(2000), "one_off_stated"), ("annual", D(3600), D(6000), "per_month_x12")],
        set(), id="domain-md two items one-off and monthly",
    ),
    pytest.param(
        "Perustamiskulut 1 000-2 000 euroa. Käyttökustannukset 300-500 euroa per kuukausi.",
        [("one_off", D(1000), D(2000), "one_off_stated"), ("annual", D(3600), D(6000), "per_month_x12")],
        set(), id="004-4.3 two items one-off and monthly",
    ),
    pytest.param(
        "Investointi 10 000 €, ylläpito 2 000 €/v",
        [("one_off", D(10000), D(10000), "one_off_stated"), ("annual", D(2000), D(2000), "per_year")],
        set(), id="invented investment and upkeep in one sentence",
    ),
    pytest.param(
        "30 000 € + 5 000 €/v",
        [("one_off", D(30000), D(30000), "no_period_stated"), ("annual", D(5000), D(5000), "per_year")],
        set(), id="invented one-off plus annual with currencies",
    ),
    pytest.param("166 000 +(alv 24%) lähdejärjestelmien kustannus.",
                 [("one_off", D(166000), D(166000), "no_period_stated")], set(), id="domain-md figure before VAT"),
    # Decision: "25 000 + 25 000" is read as one one-off sum of 50 000 with a "costs.summed" note;
    # the plan does not say what the two parts are, so splitting them would be a guess.
    pytest.param("25 000 + 25 000 euroa", [("one_off", D(50000), D(50000), "no_period_stated")], set(),
                 id="004-3.6 two figures added up"),
    pytest.param("€ 12 000", [("one_off", D(12000), D(12000), "no_period_stated")], set(),
                 id="invented currency first"),
    pytest.param("12 000 EUR", [("one_off", D(12000), D(12000), "no_period_stated")], set(), id="invented EUR"),
    pytest.param("12 000 eur.", [("one_off", D(12000), D(12000), "no_period_stated")], set(), id="invented eur."),
    pytest.param("12k€", [("one_off", D(12000), D(12000), "no_period_stated")], set(), id="invented k euro"),
    pytest.param("1,5 milj. €", [("one_off", D(1500000), D(1500000), "no_period_stated")], set(),
                 id="invented millions with decimal comma"),
    pytest.param("150 000 euroa (alv 0 %)", [("one_off", D(150000), D(150000), "no_period_stated")], set(),
                 id="invented VAT zero"),
    pytest.param("alle 10 000 €", [("one_off", None, D(10000), "no_period_stated")], set(),
                 id="invented upper bound only"),
    pytest.param("vähintään 10 000 €", [("one_off", D(10000), None, "no_period_stated")], set(),
                 id="invented lower bound only"),
    pytest.param("Laitteet 15 000 € vuonna 2024", [("one_off", D(15000), D(15000), "no_period_stated")], set(),
                 id="invented a year is not money"),
    pytest.param("laitteet 15 000–18 000 euroa. Lisäksi rakennuskulut, joista ei arvioida.",
                 [("one_off", D(15000), D(18000), "no_period_stated")], {"partial"},
                 id="001-4.2.1 figure and an unestimated part"),
    # --- Reading meaning -------------------------------------------------------------------------------------
    # A VAT-inclusive restatement of the figure beside it is one cost, the VAT-free one (quotes and
    # procurement notices state both: "alv 0 %" and "sis. alv", Finnish VAT 24 % or 25,5 %).
    pytest.param("12 000 € + alv (sis. alv noin 15 060 €)", [("one_off", D(12000), D(12000), "no_period_stated")],
                 set(), id="invented VAT-inclusive restatement in brackets"),
    pytest.param("12 000 € (alv 0 %), 15 060 € sis. alv", [("one_off", D(12000), D(12000), "no_period_stated")],
                 set(), id="invented VAT-free then VAT-inclusive after a comma"),
    pytest.param("noin 10 000 € alv 0 % / 12 550 € alv 25,5 %",
                 [("one_off", D(10000), D(10000), "no_period_stated")], set(), id="invented VAT 0 % slash VAT 25,5 %"),
    pytest.param("15 060 € sis. alv (12 000 € alv 0 %)", [("one_off", D(12000), D(12000), "no_period_stated")],
                 set(), id="invented VAT-inclusive first"),
    pytest.param("Hinta 12 000 € (alv 0 %). Verollinen hinta 15 060 €.",
                 [("one_off", D(12000), D(12000), "no_period_stated")], set(), id="invented verollinen hinta"),
    pytest.param("Lisenssit 12 000 € + alv 24 % (alv:n kanssa 14 880 €)",
                 [("one_off", D(12000), D(12000), "no_period_stated")], set(), id="invented alv:n kanssa"),
    pytest.param("Palvelu 1 000 €/kk (sis. alv 1 255 €/kk)", [("annual", D(12000), D(12000), "per_month_x12")],
                 set(), id="invented monthly VAT restatement"),
    pytest.param("Investment 8 000 € excl. VAT, 10 040 € incl. VAT",
                 [("one_off", D(8000), D(8000), "no_period_stated")], set(), id="invented English VAT restatement"),
    # Two different costs with VAT remarks are not a restatement: the ratio is not a VAT rate, or "ja" adds them.
    pytest.param("Laitteet 12 000 € alv 0 %, asennus 20 000 € sis. alv",
                 [("one_off", D(12000), D(12000), "no_period_stated"),
                  ("one_off", D(20000), D(20000), "one_off_stated")], set(), id="invented two costs with VAT remarks"),
    pytest.param("12 000 € alv 0 % ja 15 060 € sis. alv",
                 [("one_off", D(12000), D(12000), "no_period_stated"),
                  ("one_off", D(15060), D(15060), "no_period_stated")], set(), id="invented two costs joined by ja"),
    pytest.param("sis. alv 15 060 €", [("one_off", D(15060), D(15060), "no_period_stated")], set(),
                 id="invented VAT before the figure is not a rate"),
    # Recurring costs named by compound words (licence, upkeep and service fees in supplier quotes).
    pytest.param("Lisenssin vuosimaksu 2 000 €", [("annual", D(2000), D(2000), "per_year")], set(),
                 id="invented vuosimaksu"),
    pytest.param("2 000 € vuosilisenssi", [("annual", D(2000), D(2000), "per_year")], set(),
                 id="invented vuosilisenssi after the figure"),
    pytest.param("Vuotuiset kustannukset 3 000 €", [("annual", D(3000), D(3000), "per_year")], set(),
                 id="invented vuotuiset"),
    pytest.param("Ohjelmiston vuositason kulut 4 500 €", [("annual", D(4500), D(4500), "per_year")], set(),
                 id="invented vuositason"),
    pytest.param("Kuukausilisenssi 50 €", [("annual", D(600), D(600), "per_month_x12")], set(),
                 id="invented kuukausilisenssi"),
    pytest.param("kuukausimaksu 250 euroa", [("annual", D(3000), D(3000), "per_month_x12")], set(),
                 id="invented kuukausimaksu"),
    pytest.param("kk-maksu 200 €", [("annual", D(2400), D(2400), "per_month_x12")], set(), id="invented kk-maksu"),
    pytest.param("lisenssit 3 000 €/kk", [("annual", D(36000), D(36000), "per_month_x12")], set(),
                 id="invented licences per month"),
    pytest.param("Ylläpitomaksu 1 500 €", [("annual", D(1500), D(1500), "per_year")], set(),
                 id="invented ylläpitomaksu"),
    pytest.param("Järjestelmän ylläpito 2 000 €", [("annual", D(2000), D(2000), "per_year")], set(),
                 id="invented ylläpito"),
    pytest.param("tukipalvelu/v 2 000 €", [("annual", D(2000), D(2000), "per_year")], set(),
                 id="invented tukipalvelu/v"),
    pytest.param("Käyttömaksu 500 €", [("annual", D(500), D(500), "per_year")], set(), id="invented käyttömaksu"),
    pytest.param("Pilvipalvelun palvelumaksu vuodessa 800 €", [("annual", D(800), D(800), "per_year")], set(),
                 id="invented palvelumaksu vuodessa"),
    pytest.param("Lisenssimaksut 6 000 €", [("annual", D(6000), D(6000), "per_year")], set(),
                 id="invented lisenssimaksut"),
    pytest.param("vuosittain 5 000 €", [("annual", D(5000), D(5000), "per_year")], set(), id="invented vuosittain"),
    pytest.param("jatkuva kustannus 4 000 €", [("annual", D(4000), D(4000), "per_year")], set(),
                 id="invented jatkuva kustannus"),
    # ... while one-off forms stay one-off, "tukipalvelu" with no period stays unstated, years named are not a rate.
    pytest.param("Käyttöönottomaksu 3 000 €", [("one_off", D(3000), D(3000), "one_off_stated")], set(),
                 id="invented käyttöönottomaksu is one-off"),
    pytest.param("Kertaluonteinen hankinta 8 000 €", [("one_off", D(8000), D(8000), "one_off_stated")], set(),
                 id="invented kertaluonteinen hankinta"),
    pytest.param("Laitehankinta 12 000 €", [("one_off", D(12000), D(12000), "one_off_stated")], set(),
                 id="invented laitehankinta"),
    pytest.param("Tukipalvelu 2 000 €", [("one_off", D(2000), D(2000), "no_period_stated")], set(),
                 id="invented tukipalvelu without a period"),
    pytest.param("Laitteet 15 000 € vuosina 2024-2026", [("one_off", D(15000), D(15000), "no_period_stated")], set(),
                 id="invented vuosina names years"),
    pytest.param("Käyttöönotto 5 000 €, ylläpitomaksu 1 000 €/v",
                 [("one_off", D(5000), D(5000), "one_off_stated"), ("annual", D(1000), D(1000), "per_year")], set(),
                 id="invented deployment and upkeep fee"),
    # A total over a stated contract period is divided into years (SaaS and licence contracts, leasing).
    pytest.param("+ 50 000 laskettuna 48 kk ajalta", [("annual", D(12500), D(12500), "period_total_divided")], set(),
                 id="004-3.2 total over 48 months divided"),
    pytest.param("Sopimuskausi 4 vuotta, yhteensä 200 000 €",
                 [("annual", D(50000), D(50000), "period_total_divided")], set(), id="invented sopimuskausi yhteensä"),
    pytest.param("Sopimuskausi on 4 vuotta. Kokonaiskustannus 200 000 €.",
                 [("annual", D(50000), D(50000), "period_total_divided")], set(),
                 id="invented contract period in another sentence"),
    pytest.param("200 000 € / 4 v", [("annual", D(50000), D(50000), "period_total_divided")], set(),
                 id="invented total per 4 v"),
    pytest.param("3 vuoden sopimus 90 000 €", [("annual", D(30000), D(30000), "period_total_divided")], set(),
                 id="invented 3 vuoden sopimus"),
    pytest.param("Kolmen vuoden palvelusopimus 100 000 €",
                 [("annual", D("33333.33"), D("33333.33"), "period_total_divided")], set(),
                 id="invented period in words, divided to the cent"),
    pytest.param("4-vuotinen leasingsopimus 60 000–80 000 €",
                 [("annual", D(15000), D(20000), "period_total_divided")], set(), id="invented 4-vuotinen range"),
    pytest.param("Käyttöönotto 5 000 € ja lisenssit 48 kk ajalta 20 000 €",
                 [("one_off", D(5000), D(5000), "one_off_stated"),
                  ("annual", D(5000), D(5000), "period_total_divided")], set(),
                 id="invented one-off beside a total over 48 months"),
    pytest.param("Sopimuskausi 4 vuotta, 50 000 €/v", [("annual", D(50000), D(50000), "per_year")], set(),
                 id="invented yearly figure in a contract is not divided"),
    pytest.param("Palvelu 2 000 €/kk, laskettuna 48 kk ajalta 96 000 €",
                 [("annual", D(24000), D(24000), "per_month_x12")], set(),
                 id="invented contract total restating the monthly fee"),
    pytest.param("Käyttöönotto 10 000 €, sopimuskausi 4 vuotta", [("one_off", D(10000), D(10000), "one_off_stated")],
                 set(), id="invented one-off beside a contract period"),
    # Counts times unit prices where the count is stated (workstations, licences, devices).
    pytest.param("20 kpl × 1 200 €", [("one_off", D(24000), D(24000), "no_period_stated")], set(),
                 id="invented kpl times price"),
    pytest.param("2 x 15 000 €", [("one_off", D(30000), D(30000), "no_period_stated")], set(),
                 id="invented bare count times price"),
    pytest.param("10 työasemaa à 900 €", [("one_off", D(9000), D(9000), "no_period_stated")], set(),
                 id="invented työasemaa à"),
    pytest.param("10 työasemaa à 900 €/kpl", [("one_off", D(9000), D(9000), "no_period_stated")], set(),
                 id="invented à with a per-piece price"),
    pytest.param("15 lisenssiä á 40 €/kk", [("annual", D(7200), D(7200), "per_month_x12")], set(),
                 id="invented lisenssiä á per month"),
    pytest.param("1 000 käyttäjää × 5 €/kk", [("annual", D(60000), D(60000), "per_month_x12")], set(),
                 id="invented grouped count of users"),
    pytest.param("1 200 € × 20 kpl", [("one_off", D(24000), D(24000), "no_period_stated")], set(),
                 id="invented price times count"),
    pytest.param("40 €/kk x 15 lisenssiä", [("annual", D(7200), D(7200), "per_month_x12")], set(),
                 id="invented monthly price times count"),
    pytest.param("Kannettavat 20 kpl × 1 200 € = 24 000 €", [("one_off", D(24000), D(24000), "no_period_stated")],
                 set(), id="invented product and its stated total"),
    pytest.param("20 kpl × 1 200 € (yht. 25 000 €)", [("one_off", D(25000), D(25000), "no_period_stated")], set(),
                 id="invented stated total differs from the product"),
]


def _items(reading):
    return [(i.kind, i.min_amount, i.max_amount, i.basis) for i in reading.items]


@pytest.mark.parametrize("text, items, flags", ITEM_CASES)
def test_money_figures_become_one_off_or_annual_items(text, items, flags):
    reading = parse_costs(text)
    assert _items(reading) == items
    assert set(reading.flags) == flags
    assert reading.text == text


# (text, flags, note code)
NO_ITEM_CASES = [
    pytest.param("Ei tietoa", {"unknown"}, "costs.unknown", id="001-5.2.2 no information"),
    pytest.param("-", {"unknown"}, "costs.unknown", id="001-5.2.1 dash"),
    pytest.param("Ei vielä tiedossa, selvitettävä tarkemmin; ei merkittäviä kustannuksia.", {"unknown"},
                 "costs.unknown", id="004-5.2 not yet known"),
    pytest.param("Ei vielä mitään tietoa.", {"unknown"}, "costs.unknown", id="004-3.8 nothing known yet"),
    pytest.param("Merkittävä työpanos. Rahalliset kustannukset eivät ole tiedossa.", {"unknown"}, "costs.unknown",
                 id="001-5.1.1 money costs not known"),
    pytest.param("Kustannuksista ei ole selkeää arviota. Ulkoisia palveluita hankitaan.", {"unknown"},
                 "costs.unknown", id="001-5.1.2 no clear estimate"),
    pytest.param("", {"unknown"}, "costs.missing", id="empty"),
    pytest.param("Kustannukset työtä, ei muita kustannuksia", {"no_figure", "none_stated"}, "costs.none_stated",
                 id="001-2.6 only work, no other costs"),
    pytest.param("Hankinnat tehty. Ei uusia suoria kustannuksia", {"no_figure", "none_stated"},
                 "costs.none_stated", id="004-2.10 no new direct costs"),
    pytest.param("Kustannuksen sisältyvät jo toteutettuun hankintaan.", {"no_figure", "none_stated"},
                 "costs.none_stated", id="004-2.3 included in an earlier purchase"),
    pytest.param("Vain henkilöstökustannuksia", {"no_figure"}, "costs.staff_only", id="004-2.9 staff costs only"),
    pytest.param("Säästöä tulee palvelimen ja lisenssin poistuttua", {"no_figure"}, "costs.savings",
                 id="004-2.6 savings, no figure"),
    pytest.param("Jatkuvat lisenssikustannukset, jotka ovat jo olemassa.", {"no_figure"}, "costs.no_figure",
                 id="001-2.1 existing licences"),
    pytest.param("Asiantuntijakustannukset, investoinnit paketoiteihin", {"no_figure"}, "costs.no_figure",
                 id="001-2.5 kinds of cost, no figure"),
    pytest.param("Sisältää koordinaattorin palkkausta.", {"no_figure"}, "costs.no_figure",
                 id="001-4.1.1 salary mentioned, no figure"),
    pytest.param("Kustannukset käsitelty aiemmin, Ei muutoksia.", {"no_figure"}, "costs.no_figure",
                 id="001-6.1 handled earlier"),
    pytest.param("Mahdolliset ulkoiset asiantuntijapalvelut. Investointeina.", {"no_figure"}, "costs.no_figure",
                 id="004-4.2 possible services, no figure"),
    pytest.param("Osa toimittajista laskuttaa muutoksista. Kyseessä lakiin pohjautuva muutos.", {"no_figure"},
                 "costs.no_figure", id="004-3.3 suppliers may bill"),
    pytest.param("Lisenssit 3 kpl/vuosi, 1 000 käyttäjää, 24 %", {"no_figure"}, "costs.no_figure",
                 id="invented counts and percentages are not money"),
    pytest.param("keskimäärin 3000 € / palvelin. Ei jatkuvia kuluja.", {"per_unit"}, "costs.per_unit",
                 id="001-2.4 price per server"),
    pytest.param("hinnaston mukaan 30 euroa sivu.", {"per_unit"}, "costs.per_unit", id="004-3.1 price per page"),
    pytest.param("ohjeiden mukaan n. 150 euroa/tunti.", {"per_unit"}, "costs.per_unit", id="004-3.1 price per hour"),
    pytest.param("25 € per käyttäjä", {"per_unit"}, "costs.per_unit", id="invented price per user"),
    pytest.param("Kustannukset 2022–2023 yhteensä 100 000 €", {"multi_year_total"}, "costs.multi_year_total",
                 id="invented total over two years"),
    pytest.param("120 000 € sopimuskaudelta", {"multi_year_total"}, "costs.multi_year_total",
                 id="invented total over the contract"),
    # --- Reading meaning: contract totals whose period cannot be read stay text --------------------------------
    pytest.param("Sopimuskausi 2+2 vuotta, yhteensä 200 000 €", {"multi_year_total"}, "costs.multi_year_total",
                 id="invented contract period with option years"),
    pytest.param("Sopimuskauden kokonaiskustannus 120 000 €", {"multi_year_total"}, "costs.multi_year_total",
                 id="invented contract total, no length"),
    pytest.param("Lisenssit 10 000 €, sopimuskausi 4 vuotta", {"period_unclear"}, "costs.contract_period_unclear",
                 id="invented figure beside a contract period, per year or in all"),
    pytest.param("Sopimuskausi 2+2 vuotta, 200 000 €", {"period_unclear"}, "costs.contract_period_unclear",
                 id="invented contract with option years, per year or in all"),
    pytest.param("Vuokra 6 kk ajalta 3 000 €", {"short_period_total"}, "costs.period_total_short",
                 id="invented total over less than a year"),
    pytest.param("Lisenssit 40 €/käyttäjä/kk", {"per_unit"}, "costs.per_unit", id="invented price per user a month"),
]


@pytest.mark.parametrize("text, flags, code", NO_ITEM_CASES)
def test_text_without_a_readable_amount_gives_no_item_but_a_flag_and_note(text, flags, code):
    reading = parse_costs(text)
    assert reading.items == ()
    assert set(reading.flags) == flags
    assert code in [n.code for n in reading.notes]


@pytest.mark.parametrize("text", [p.values[0] for p in ITEM_CASES + NO_ITEM_CASES])
def test_unknown_is_never_zero_and_money_is_decimal(text):
    for item in parse_costs(text).items:
        for value in (item.min_amount, item.max_amount):
            assert value is None or (isinstance(value, Decimal) and value > 0)


@pytest.mark.parametrize("text", [p.values[0] for p in ITEM_CASES + NO_ITEM_CASES])
def test_every_note_is_an_english_sentence_about_costs(text):
    for note in parse_costs(text).notes:
        assert note.field == "costs"
        assert note.code.startswith("costs.")
        assert note.message.endswith(".")


@pytest.mark.parametrize("text, vat", [
    pytest.param("166 000 +(alv 24%) kustannus.", "+ alv 24 %", id="domain-md plus VAT"),
    pytest.param("150 000 euroa (alv 0 %)", "alv 0 %", id="invented VAT zero"),
    pytest.param("12 000 € + alv", "+ alv", id="invented plus VAT without rate"),
    pytest.param("12 000 € (sis. alv 24 %)", "sis. alv 24 %", id="invented VAT included"),
    pytest.param("12 000 € veroton", "alv 0 %", id="invented tax free"),
    pytest.param("Hinnat alv 0 %. Laitteet 5 000 €", "alv 0 %", id="invented VAT for all items"),
    pytest.param("15 060 € sis. alv", "sis. alv", id="invented VAT included after the figure"),
    pytest.param("sis. alv 15 060 €", "sis. alv", id="invented VAT included before the figure"),
    pytest.param("12 000 € + alv (sis. alv noin 15 060 €)", "alv 0 %", id="invented VAT-free figure of a restatement"),
    pytest.param("12 000 € verottomana", "alv 0 %", id="invented verottomana"),
])
def test_a_vat_remark_is_kept_on_the_item_and_its_rate_is_not_money(text, vat):
    reading = parse_costs(text)
    assert len(reading.items) == 1
    assert reading.items[0].vat_note == vat


def test_a_figure_without_currency_is_noted():
    reading = parse_costs("166 000 +(alv 24%)")
    assert "costs.no_currency" in [n.code for n in reading.notes]


def test_two_figures_joined_by_plus_are_summed_and_noted():
    reading = parse_costs("25 000 + 25 000 euroa")
    assert reading.items[0].min_amount == Decimal(50000)
    assert "costs.summed" in [n.code for n in reading.notes]


def test_each_item_keeps_the_sentence_it_came_from():
    reading = parse_costs("Perustamiskulut 1 000-2 000 euroa. Käyttö 300-500 euroa per kuukausi.")
    assert reading.items[0].source_text == "Perustamiskulut 1 000-2 000 euroa"
    assert reading.items[1].source_text == "Käyttö 300-500 euroa per kuukausi"


def test_finnish_numbers_are_read_exactly():
    assert to_decimal("30.000") == Decimal(30000)
    assert to_decimal("15 000 000") == Decimal(15000000)
    assert to_decimal("12,50") == Decimal("12.50")


def test_a_count_times_a_unit_price_gives_the_total():
    assert parse_costs("2 x 15 000 €").items[0].min_amount == Decimal(30000)


def test_a_range_in_thousands_of_euros_is_read():
    reading = parse_costs("20–30 t€")
    assert (reading.items[0].min_amount, reading.items[0].max_amount) == (Decimal(20000), Decimal(30000))


@pytest.mark.xfail(strict=True, reason="amounts written out in words are not read")
def test_an_amount_written_in_words_is_read():
    assert parse_costs("kymmenentuhatta euroa").items[0].min_amount == Decimal(10000)
