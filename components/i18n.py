"""The translation catalogue (Finnish first, English on request) and babel formatting of numbers, money and dates.

Pure functions: the language is passed in, so the module needs no Streamlit.
"""
from __future__ import annotations

import math
from datetime import date, datetime
from functools import cache

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from loaders.vocabulary import LABELS
from data_model.money import LOCALES, format_money, symbol as money_symbol

LANGUAGES = ("fi", "en")

# key: (Finnish, English). Placeholders use str.format names.
#
# Counting texts: a language's text may be a dict of Babel plural forms, {"one": ..., "other": ...}
# (the CLDR categories of fi and en). translate() then picks the form by the value passed as `count`
# (which must be a number): Locale.plural_form(count) -> "one" for 1, "other" for 0, 2, 21 ...
# A counting text must be given count=, and shows it with the language's digit grouping (number());
# a missing form falls back to "other".
# A sentence with a second count takes it as a ready phrase from a count.* key,
# e.g. t("plans.deleted", count=plans, projects=t("count.projects", count=projects)).
Text = str | dict[str, str]
TEXTS: dict[str, tuple[Text, Text]] = {
    # frame
    "app.title": ("Salkku", "Salkku"),
    "app.tagline": ("Kuntien tietohallinnon hankesalkku", "Municipal IT project portfolio"),
    "app.language": ("Kieli", "Language"),
    "app.frame_missing": (
        "Tämä sivu avataan Salkun kautta: käynnistä `streamlit run app.py`.",
        "This page opens through Salkku: start `streamlit run app.py`.",
    ),
    "app.error": (
        "Sivua ei voitu näyttää virheen vuoksi. Kerro ylläpidolle viite {reference}; tiedot ovat palvelimen lokissa.",
        "The page could not be shown because of an error. Give the administrators the reference {reference}; "
        "the details are in the server log.",
    ),
    "access.signed_in": ("Kirjautunut: {email} ({role})", "Signed in: {email} ({role})"),
    "access.sign_in": ("Kirjaudu sisään", "Sign in"),
    "access.sign_out": ("Kirjaudu ulos", "Sign out"),
    "access.role.viewer": ("katselija", "viewer"),
    "access.role.editor": ("muokkaaja", "editor"),
    "access.role.admin": ("pääkäyttäjä", "admin"),
    "access.role.none": ("ei oikeuksia", "no access"),
    "access.local": (
        "Paikallinen käyttö: kirjautumista ei ole määritetty. Muutokset kirjataan käyttäjälle {user}.",
        "Local use: sign-in is not configured. Changes are recorded for {user}.",
    ),
    "access.shared_read_only": (
        "Jaettu salkku ilman kirjautumista: vain katselu. Muokkaus vaatii kirjautumisen (tai SALKKU_ALLOW_ANONYMOUS_EDIT=1).",
        "Shared store without sign-in: viewing only. Editing needs sign-in (or SALKKU_ALLOW_ANONYMOUS_EDIT=1).",
    ),
    "access.shared_edit": (
        "Jaettu salkku ilman kirjautumista; muokkaus on sallittu kaikille (SALKKU_ALLOW_ANONYMOUS_EDIT=1).",
        "Shared store without sign-in; everyone may edit (SALKKU_ALLOW_ANONYMOUS_EDIT=1).",
    ),
    "access.sign_in_required": ("Salkun katselu vaatii kirjautumisen.", "Viewing Salkku needs sign-in."),
    "access.not_allowed": (
        "Tunnuksella {email} ei ole oikeutta Salkkuun. Pyydä oikeutta ylläpidolta.",
        "The account {email} has no access to Salkku. Ask the administrators for access.",
    ),
    "access.read_only": (
        "Tämä toiminto vaatii muokkausoikeuden; sinulla on katseluoikeus.",
        "This needs the editor role; you may view.",
    ),
    "access.refused": ("Toiminto evättiin: sinulla ei ole siihen oikeutta. Mitään ei muutettu.",
                       "Refused: you do not have the right for that. Nothing was changed."),
    "nav.section.portfolio": ("Salkku", "Portfolio"),
    "nav.section.details": ("Tiedot", "Details"),
    "nav.section.data": ("Aineisto", "Data"),
    "page.overview": ("Yleiskuva", "Overview"),
    "page.schedule": ("Aikataulu", "Schedule"),
    "page.costs": ("Kustannukset", "Costs"),
    "page.probability": ("Toteutumisen todennäköisyys", "Probability of completion"),
    "page.resources": ("Resurssikuormitus", "Resource load"),
    "page.projects": ("Hankkeet", "Projects"),
    "page.plans": ("Suunnitelmat", "Plans"),
    "page.quality": ("Tietojen laatu", "Data quality"),
    "page.import": ("Tuonti", "Import"),
    # filters
    "filter.header": ("Rajaukset", "Filters"),
    "filter.organisation": ("Organisaatio", "Organisation"),
    "filter.plan": ("Suunnitelma", "Plan"),
    "filter.plan_help": (
        "Oletuksena kunkin organisaation uusin toimenpidesuunnitelma. Tyhjä valinta = kaikki suunnitelmat.",
        "By default each organisation's latest action plan. An empty selection = all plans.",
    ),
    "filter.service_area": ("Palveluala", "Service area"),
    "filter.probability": ("Todennäköisyys", "Probability"),
    "filter.responsible": ("Aikatauluvastuu", "Responsible party"),
    "filter.window_start": ("Ajanjakso alkaen", "Window from"),
    "filter.window_end": ("Ajanjakso päättyen", "Window to"),
    "filter.search": ("Haku", "Search"),
    "filter.search_placeholder": ("Koodi, nimi tai kuvaus", "Code, title or description"),
    "filter.reset": ("Tyhjennä rajaukset", "Reset filters"),
    "filter.currency": ("Valuutta", "Currency"),
    "filter.currency_excluded": (
        {"one": "Kustannusluvut ovat valuutassa {currency}; {count} hanke muussa valuutassa ei ole mukana (summia ei muunneta).",
         "other": "Kustannusluvut ovat valuutassa {currency}; {count} hanketta muissa valuutoissa ei ole mukana (summia ei muunneta)."},
        {"one": "Cost figures are in {currency}; {count} project in another currency is not included (amounts are never converted).",
         "other": "Cost figures are in {currency}; {count} projects in other currencies are not included (amounts are never converted)."},
    ),
    "filter.all": ("Kaikki", "All"),
    "filter.plan_missing": (
        "Linkin suunnitelmaa ei ole salkussa: {keys}. Sen tietoja ei näytetä; valitse suunnitelma sivupalkista.",
        "The link names a plan that is not in the store: {keys}. Nothing is shown for it; choose a plan in the sidebar.",
    ),
    "filter.demo_in_selection": (
        "Valinnassa on esittelyaineistoa (merkitty 'demo'). Sen voi poistaa Suunnitelmat-sivulla.",
        "The selection holds sample data (marked 'demo'). It can be removed on the Plans page.",
    ),
    "plans.demo_badge": ("demo", "demo"),
    "filter.any_month": ("Ei rajausta", "Any"),
    "filter.window_help": (
        "Hankkeet, joiden aikataulu osuu jaksolle. Hankkeet ilman luettavaa aikataulua pysyvät mukana.",
        "Projects whose schedule overlaps the window. Projects without a readable schedule stay in.",
    ),
    "area.none": ("(ei palvelualaa)", "(no service area)"),
    # classes
    "driver.none": ("Ei mainittu", "Not stated"),
    "responsible.none": ("Ei mainittu", "Not stated"),
    # common
    "common.not_stated": ("ei tiedossa", "not stated"),
    "common.cost_not_stated": ("Kustannus ei tiedossa", "Cost not stated"),
    # count phrases, for a sentence's second count (see above)
    "count.projects": ({"one": "{count} hanke", "other": "{count} hanketta"}, {"one": "{count} project", "other": "{count} projects"}),
    "count.notes": ({"one": "{count} huomio", "other": "{count} huomiota"}, {"one": "{count} note", "other": "{count} notes"}),
    "count.records": ({"one": "{count} tietue", "other": "{count} tietuetta"}, {"one": "{count} record", "other": "{count} records"}),
    "count.in_plans": ({"one": "{count} suunnitelmassa", "other": "{count} suunnitelmassa"}, {"one": "in {count} plan", "other": "in {count} plans"}),
    "common.projects": ("Hankkeet", "Projects"),
    "common.empty_selection": (
        "Valinnalla ei löydy hankkeita. Väljennä rajauksia sivupalkissa tai tyhjennä ne.",
        "No projects match the selection. Widen the filters in the sidebar or reset them.",
    ),
    "common.empty_store": (
        "Salkussa ei ole vielä suunnitelmia. Tuo suunnitelma Tuonti-sivulla.",
        "The store holds no plans yet. Import a plan on the Import page.",
    ),
    "common.download_csv": ("Lataa CSV", "Download CSV"),
    "common.download_xlsx": ("Lataa Excel", "Download Excel"),
    # download file names (slugified, then the selection and the date follow)
    "download.projects": ("hankkeet", "projects"),
    "download.portfolio": ("salkku", "portfolio"),
    "download.costs": ("kustannukset", "costs"),
    "download.probability": ("todennakoisyys", "probability"),
    "download.schedule": ("aikataulu", "schedule"),
    "download.resources": ("resurssit", "resources"),
    "download.plans": ("suunnitelmat", "plans"),
    "download.comparison": ("vertailu", "comparison"),
    "download.notes": ("jasennyshuomiot", "parse-notes"),
    "common.data_as_of": ("Tiedot: {plans}", "Data as of: {plans}"),
    "common.plan_as_of": ("{name} ({date})", "{name} ({date})"),
    "common.range": ("{low}–{high}", "{low}–{high}"),
    "common.imported_on": ("tuotu {date}", "imported {date}"),
    "common.count_unknown": (
        {"one": "{count} hankkeen kustannus ei tiedossa", "other": "{count} hankkeen kustannus ei tiedossa"},
        {"one": "{count} project with its cost not stated", "other": "{count} projects with their cost not stated"},
    ),
    # columns
    "col.organisation": ("Organisaatio", "Organisation"),
    "col.plan": ("Suunnitelma", "Plan"),
    "col.period": ("Kausi", "Period"),
    "col.service_area": ("Palveluala", "Service area"),
    "col.code": ("Koodi", "Code"),
    "col.title": ("Hanke", "Project"),
    "col.schedule_text": ("Aikataulu (teksti)", "Schedule (text)"),
    "col.start": ("Alku", "Start"),
    "col.end": ("Loppu", "End"),
    "col.probability": ("Todennäköisyys", "Probability"),
    "col.driver": ("Riippuvuus", "Driver"),
    "col.responsible": ("Aikatauluvastuu", "Responsible"),
    "col.one_off_min": ("Kerta min", "One-off min"),
    "col.one_off_max": ("Kerta max", "One-off max"),
    "col.one_off_max_plain": ("Kertakustannus max", "One-off max"),
    "col.plan_key": ("Tunnus", "Key"),
    "col.annual_min": ("Vuosi min", "Annual min"),
    "col.annual_max": ("Vuosi max", "Annual max"),
    "col.cost_text": ("Kustannukset (teksti)", "Costs (text)"),
    "col.notes": ("Huomiot", "Notes"),
    "col.kind": ("Laji", "Kind"),
    "col.min": ("Min", "Min"),
    "col.max": ("Max", "Max"),
    "col.currency": ("Valuutta", "Currency"),
    "col.vat": ("ALV", "VAT"),
    "col.basis": ("Peruste", "Basis"),
    "col.source_text": ("Lähdeteksti", "Source text"),
    "col.party": ("Osapuoli", "Party"),
    "col.amount_min": ("Määrä min", "Amount min"),
    "col.amount_max": ("Määrä max", "Amount max"),
    "col.unit": ("Yksikkö", "Unit"),
    "col.per": ("Per", "Per"),
    "col.field": ("Kenttä", "Field"),
    "col.note_code": ("Huomion tunnus", "Note code"),
    "col.message": ("Selitys", "Message"),
    "col.excerpt": ("Lähdeteksti", "Source text"),
    "col.source": ("Lähdetiedosto", "Source file"),
    "col.imported_at": ("Tuotu", "Imported"),
    "col.document_date": ("Asiakirjan päiväys", "Document date"),
    "col.kind_plan": ("Tyyppi", "Type"),
    "col.projects": ("Hankkeita", "Projects"),
    "col.month": ("Kuukausi", "Month"),
    "col.quarter": ("Vuosineljännes", "Quarter"),
    "col.status": ("Tila", "Status"),
    "col.similarity": ("Samankaltaisuus", "Similarity"),
    "col.change": ("Muutos", "Change"),
    "col.shift_months": ("{name}, siirtymä kk", "{name}, shift in months"),
    "col.person_days": ("Tietohallinnon htp", "IT person-days"),
    # overview
    "overview.projects": ("Hankkeita", "Projects"),
    "overview.active": ("Käynnissä nyt", "Active now"),
    "overview.starting": ("Alkaa {quarter}", "Starting {quarter}"),
    "overview.ending": ("Päättyy {quarter}", "Ending {quarter}"),
    "overview.one_off": ("Kertakustannukset", "One-off costs"),
    "overview.annual": ("Vuosikustannukset", "Annual costs"),
    "overview.cost_unknown_help": (
        "Hankkeet, joiden kustannusta ei voitu lukea. Niitä ei lasketa nollana.",
        "Projects whose cost could not be read. They are not counted as zero.",
    ),
    "overview.probability_share": ("Hankkeet todennäköisyysluokittain", "Projects by probability class"),
    "overview.busiest": ("Tietohallinnon kiireisimmät kuukaudet", "Busiest months for IT staff"),
    "overview.busiest_row": (
        {"one": "{month}: {count} hanke", "other": "{month}: {count} hanketta"},
        {"one": "{month}: {count} project", "other": "{month}: {count} projects"},
    ),
    "present.previous": ("Edellinen", "Previous"),
    "present.next": ("Seuraava", "Next"),
    "present.position": ("{number} / {total} · {selection} · nuolinäppäimet ← → vaihtavat aihetta",
                         "{number} / {total} · {selection} · the arrow keys ← → change topic"),
    "present.exit": ("Lopeta esitys", "End presentation"),
    "page.presentation": ("Esitystila", "Presentation mode"),
    "overview.busiest_coming": ("Tietohallinnon kiireisimmät tulevat kuukaudet", "Busiest coming months for IT staff"),
    "overview.busiest_window": ("Tietohallinnon kiireisimmät kuukaudet valitulla ajanjaksolla", "Busiest months for IT staff in the chosen period"),
    "overview.busiest_past_only": (
        "Valinnan hankkeilla ei ole tietohallinnon tarvetta tästä kuusta eteenpäin. Kiireisin mennyt kuukausi: {month} ({projects}).",
        "No project of the selection needs IT from this month on. The busiest past month: {month} ({projects}).",
    ),
    "overview.selection": ("Valinta: {selection}", "Selection: {selection}"),
    "overview.present": ("Esitystila", "Presentation mode"),
    "overview.present_help": (
        "Valinta aihe kerrallaan jaetulle näytölle: suuri teksti, ei sivupalkkia; nuolinäppäimet vaihtavat aihetta.",
        "The selection one topic at a time for a shared screen: large type, no sidebar; the arrow keys change topic.",
    ),
    "overview.busiest_none": ("Ei hankkeita, joiden aikataulu ja tietohallinnon tarve tunnetaan.", "No project with a known schedule needs IT."),
    "overview.by_area": ("Hankkeet palvelualoittain", "Projects by service area"),
    "overview.cost_by_area": ("Kertakustannukset palvelualoittain (max)", "One-off costs by service area (max)"),
    "overview.areas_without_cost": ("Ei kertakustannusarviota: {areas}", "No one-off cost estimate: {areas}"),
    "overview.today": ("Tänään {date}; ensi neljännes {quarter}", "Today {date}; next quarter {quarter}"),
    "overview.pack_pdf": ("Kokousaineisto (PDF)", "Meeting pack (PDF)"),
    "overview.pack_file": ("kokousaineisto", "meeting-pack"),
    "overview.pack_pptx": ("Kokousaineisto (PowerPoint)", "Meeting pack (PowerPoint)"),
    "overview.pack_help": ("Valinnan tunnusluvut, aikataulu, kustannukset, riskit, kuormitus ja muutokset ohjausryhmän kokoukseen",
                           "The selection's key figures, schedule, costs, risks, load and changes for the steering group"),
    # meeting pack (reports/meeting_pack.py); its figures, columns and class labels use the app's keys above
    "pack.title": ("Ohjausryhmän kokousaineisto", "Steering group meeting pack"),
    "pack.whole": ("koko salkku", "the whole portfolio"),
    "pack.made": ("Koottu {date}", "Compiled on {date}"),
    "pack.plans": ("Suunnitelmat", "Plans"),
    "pack.areas": ("Palvelualat", "Service areas"),
    "pack.figures": ("Tunnusluvut", "Key figures"),
    "pack.schedule_more": (
        {"one": "{count} hanke, jonka aikataulu on tiedossa, ei mahdu kaavioon.",
         "other": "{count} hanketta, joiden aikataulu on tiedossa, ei mahdu kaavioon."},
        {"one": "{count} more project with a schedule is not in the chart.",
         "other": "{count} more projects with a schedule are not in the chart."},
    ),
    "pack.schedule_unknown": (
        {"one": "{count} hanke ilman luettavaa aikataulua.", "other": "{count} hanketta ilman luettavaa aikataulua."},
        {"one": "{count} project without a readable schedule.", "other": "{count} projects without a readable schedule."},
    ),
    "pack.schedule_beyond": (
        {"one": "{count} hanke jatkuu pidemmälle kuin {date}; sen palkki on katkaistu.",
         "other": "{count} hanketta jatkuu pidemmälle kuin {date}; niiden palkit on katkaistu."},
        {"one": "{count} project runs beyond {date}; its bar is cut.",
         "other": "{count} projects run beyond {date}; their bars are cut."},
    ),
    "pack.costs": ("Kustannukset palvelualoittain", "Costs by service area"),
    "pack.at_risk": ("Epävarmat ja epätodennäköiset hankkeet", "Uncertain and unlikely projects"),
    "pack.none_at_risk": ("Ei epävarmoja eikä epätodennäköisiä hankkeita.", "No uncertain or unlikely projects."),
    "pack.more_rows": (
        {"one": "{count} hanke ei mahdu taulukkoon.", "other": "{count} hanketta ei mahdu taulukkoon."},
        {"one": "{count} more project is not in the table.", "other": "{count} more projects are not in the table."},
    ),
    "pack.load": ("IT-resurssien kuormitus kuukausittain", "IT resource load by month"),
    "pack.load_axis": ("Hankkeita, joissa IT:n työtä", "Projects with IT work"),
    "pack.no_load": ("Yhdessäkään hankkeessa ei ole IT:n työtä aikataulutettuna.", "No project has scheduled IT work."),
    "pack.changes": ("Muutokset edelliseen suunnitelmaan", "Changes since the previous plan"),
    "pack.changes_between": ("{older} → {newer}", "{older} → {newer}"),
    "pack.no_previous": ("Valinnassa ei ole saman organisaation aiempaa suunnitelmaa.",
                         "The selection holds no earlier plan of the same organisation."),
    "pack.new": ("Uusia hankkeita", "New projects"),
    "pack.gone": ("Poistuneita hankkeita", "Projects gone"),
    "pack.moved": ("Loppu siirtynyt myöhemmäksi", "End moved later"),
    "pack.review": ("Avoimet tarkistettavat", "Open review items"),
    "pack.review_open": (
        {"one": "{count} arvo tarkistamatta {values} arvosta", "other": "{count} arvoa tarkistamatta {values} arvosta"},
        {"one": "{count} value of {values} not reviewed", "other": "{count} values of {values} not reviewed"},
    ),
    "pack.no_review": ("Ei tarkistettavia arvoja.", "Nothing to review."),
    # schedule
    "schedule.group_by": ("Ryhmittely", "Group by"),
    "schedule.group.service_area": ("Palveluala", "Service area"),
    "schedule.group.plan": ("Suunnitelma", "Plan"),
    "schedule.group.responsible": ("Aikatauluvastuu", "Responsible party"),
    "schedule.group.probability": ("Todennäköisyys", "Probability"),
    "schedule.today": ("Tänään", "Today"),
    "schedule.unscheduled": ("Ilman luettavaa aikataulua", "Without a readable schedule"),
    "schedule.unscheduled_none": ("Kaikilla valituilla hankkeilla on luettava aikataulu.", "Every selected project has a readable schedule."),
    "schedule.open_note": (
        "Avoin alku tai loppu näkyy palkissa kuukauden mittaisena; alkuperäinen teksti näkyy vihjeessä.",
        "An open start or end is drawn one month long; the original text is in the hover.",
    ),
    "schedule.table": ("Aikataulut", "Schedules"),
    "schedule.none_scheduled": ("Valinnan hankkeilla ei ole luettavaa aikataulua; ne on lueteltu oikealla.", "No selected project has a readable schedule; they are listed on the right."),
    "schedule.too_many": (
        "Kaaviossa on {shown} ensimmäistä {total} hankkeesta. Rajaa valintaa nähdäksesi loput; taulukossa ovat kaikki.",
        "The chart shows the first {shown} of {total} projects. Narrow the selection to see the rest; the table lists all.",
    ),
    # costs
    "costs.one_off_by_area": ("Kertakustannukset palvelualoittain (min–max)", "One-off costs by service area (min–max)"),
    "costs.annual_by_area": ("Vuosikustannukset palvelualoittain (min–max)", "Annual costs by service area (min–max)"),
    "costs.outlook": ("Kustannusennuste vuosineljänneksittäin", "Quarterly cost outlook"),
    "costs.outlook_help": (
        "Kertakustannus jaetaan tasan aikataulun kuukausille; vuosikustannus kertyy 1/12 kuukaudessa aikataulun alusta ennustejakson loppuun. Ennuste käyttää maksimiarvoja; hankkeet ilman aikataulua tai kustannusta jäävät pois ja lasketaan alla.",
        "One-off cost is spread evenly over the schedule's months; annual cost accrues 1/12 a month from the schedule's start to the end of the outlook. The outlook uses maximum figures; projects without a schedule or cost are left out and counted below.",
    ),
    "costs.outlook_left_out": (
        {"one": "Ennusteesta puuttuu {count} hanke, jolla on kustannus mutta ei aikataulua.",
         "other": "Ennusteesta puuttuu {count} hanketta, joilla on kustannus mutta ei aikataulua."},
        {"one": "{count} project with a cost but no schedule is not in the outlook.",
         "other": "{count} projects with a cost but no schedule are not in the outlook."},
    ),
    "costs.items": ("Kustannuserät", "Cost items"),
    "costs.total_one_off": ("Kertakustannukset yhteensä", "One-off total"),
    "costs.total_annual": ("Vuosikustannukset yhteensä", "Annual total"),
    "costs.no_costs": ("Valinnan hankkeille ei ole luettavia kustannuksia.", "No readable costs in the selection."),
    "costs.currency_note": (
        "Yllä olevat summat ovat valitussa valuutassa; kustannuserät näkyvät alkuperäisessä valuutassaan.",
        "The totals above are in the chosen currency; each cost item keeps its own currency.",
    ),
    "costs.series.min": ("Minimi", "Minimum"),
    "costs.series.max": ("Maksimi", "Maximum"),
    "costs.series.one_off": ("Kertakustannus", "One-off"),
    "costs.series.annual": ("Vuosikustannus", "Annual"),
    # probability
    "calibration.heading": ("Mitä luokat ovat tarkoittaneet: pitivätkö päättymisajat", "What the classes have meant: did the end dates hold"),
    "calibration.organisation": ("Organisaatio", "Organisation"),
    "calibration.help": (
        "Jokainen hanke, joka on kahdessa peräkkäisessä suunnitelmassa ja jonka päättyminen on luettavissa molemmista: "
        "piti = uudempi suunnitelma päättää sen enintään kuukautta myöhemmin. Luokka on vanhemman suunnitelman "
        "ilmoittama. Väli on 90 %:n luottamusväli (Jeffreys); pienellä määrällä se on leveä.",
        "Every project in two consecutive plans with a readable end in both: kept = the later plan ends it at most "
        "one month later. The class is the one the earlier plan stated. The range is a 90 % interval (Jeffreys); "
        "with few projects it is wide.",
    ),
    "calibration.none": (
        "Organisaation suunnitelmista ei löydy hankkeita, jotka olisivat kahdessa peräkkäisessä suunnitelmassa "
        "luettavin päättymisajoin.",
        "The organisation's plans hold no project that is in two consecutive plans with a readable end in both.",
    ),
    "calibration.thin": (
        {"one": "Oma historia on ohut ({count} hanke). Vertailuluokka: muiden organisaatioiden suunnitelmat ({others}).",
         "other": "Oma historia on ohut ({count} hanketta). Vertailuluokka: muiden organisaatioiden suunnitelmat ({others})."},
        {"one": "The own history is thin ({count} project). Reference class: the other organisations' plans ({others}).",
         "other": "The own history is thin ({count} projects). Reference class: the other organisations' plans ({others})."},
    ),
    "calibration.thin_alone": (
        {"one": "Oma historia on ohut ({count} hanke), eikä muiden organisaatioiden suunnitelmia ole vertailuksi: "
                "väli on leveä.",
         "other": "Oma historia on ohut ({count} hanketta), eikä muiden organisaatioiden suunnitelmia ole vertailuksi: "
                  "väli on leveä."},
        {"one": "The own history is thin ({count} project) and the store holds no other organisation's plans to "
                "compare with: the range is wide.",
         "other": "The own history is thin ({count} projects) and the store holds no other organisation's plans to "
                  "compare with: the range is wide."},
    ),
    "calibration.reference": ("Vertailuluokka: {others}", "Reference class: {others}"),
    "calibration.own_short": ("Oma historia", "Own history"),
    "calibration.reference_short": ("Vertailuluokka", "Reference class"),
    "calibration.own": ("Oma historia: {organisation}", "Own history: {organisation}"),
    "col.calibration_n": ("Hankkeita", "Projects"),
    "col.calibration_kept": ("Pitivät päättymisen", "Kept their end"),
    "col.calibration_rate": ("Osuus", "Share"),
    "col.calibration_interval": ("90 %:n väli", "90 % range"),
    "col.calibration_slip": ("Siirtyneiden mediaaniviive (kk)", "Median slip of those moved (months)"),
    "col.p50_end": ("Päättyy P50 (simulaatio)", "Ends P50 (simulation)"),
    "col.p80_end": ("Päättyy P80 (simulaatio)", "Ends P80 (simulation)"),
    "col.forecast_basis": ("Simulaation pohja", "Simulation basis"),
    "forecast.basis.own": ("oma historia", "own history"),
    "forecast.basis.reference": ("vertailuluokka", "reference class"),
    "forecast.basis.none": ("ei historiaa", "no history"),
    "forecast.help": (
        "P50 ja P80: päättymiskuukausi, johon mennessä hanke valmistuu puolessa ja neljässä viidesosassa "
        "simuloiduista kulkukuluista, kun sen nykyiseen päättymiseen lisätään luokan aiemmin havaittuja viivästyksiä "
        "(oma historia, muuten vertailuluokka). Simulaatio menneistä viivästyksistä, ei lupaus; tuntematon aikataulu "
        "jää tuntemattomaksi.",
        "P50 and P80: the month by which the project ends in half and in four fifths of the simulated courses, its "
        "current end shifted by the slips its class showed before (own history, else the reference class). A "
        "simulation from past slips, not a promise; an unknown schedule stays unknown.",
    ),
    "probability.stated": ("Suunnitelmien ilmoittamat luokat", "The classes the plans state"),
    "probability.by_area": ("Hankkeet ilmoitetun todennäköisyysluokan ja palvelualan mukaan", "Projects by stated probability class and service area"),
    "probability.at_risk": ("Epävarmoissa ja epätodennäköisissä hankkeissa", "In uncertain and unlikely projects"),
    "probability.at_risk_cost": ("Kertakustannukset (max)", "One-off costs (max)"),
    "probability.at_risk_projects": ("Hankkeita", "Projects"),
    "probability.at_risk_it": ("Tietohallintoa tarvitsevia", "Needing IT"),
    "probability.matrix": ("Todennäköisyys ja kustannus", "Probability against cost"),
    "probability.cost_band": ("Kustannusluokka", "Cost band"),
    "probability.drivers": ("Mainitut riippuvuudet", "Stated drivers"),
    "probability.drivers_none": (
        {"one": "{count} hanke ei mainitse riippuvuutta.", "other": "{count} hanketta ei mainitse riippuvuutta."},
        {"one": "{count} project states no driver.", "other": "{count} projects state no driver."},
    ),
    "probability.mapping": ("Oma oletus: luokkien todennäköisyydet odotusarvoa varten (muokattava)", "Your own assumption: class probabilities for the expected value (editable)"),
    "probability.expected": ("Odotettu kertakustannus (max × todennäköisyys)", "Expected one-off cost (max × probability)"),
    "probability.expected_unknown": ("Mukana eivät ole hankkeet, joilta puuttuu luokka tai kustannus: {count}.", "Projects without a class or cost are not included: {count}."),
    "probability.class": ("Luokka", "Class"),
    "probability.value": ("Todennäköisyys (luku)", "Probability (number)"),
    "probability.band.unknown": ("ei tiedossa", "not stated"),
    "probability.mapping_help": (
        "Muuta lukuja tarpeen mukaan. Luokka 'ei tiedossa' ei saa lukua: sen hankkeet lasketaan erikseen.",
        "Change the figures as needed. 'Unknown' gets no figure: its projects are counted separately.",
    ),
    # resources
    "resources.forecast": ("IT-kuormituksen ennuste (simulaatio)", "IT load forecast (simulation)"),
    "resources.forecast_area": ("Organisaatio ja palveluala", "Organisation and service area"),
    "resources.forecast_planned": ("Suunnitellut päättymiset", "Planned ends"),
    "resources.forecast_p50": ("P50 (simulaatio)", "P50 (simulation)"),
    "resources.forecast_p80": ("P80 (simulaatio)", "P80 (simulation)"),
    "resources.forecast_axis": ("Samanaikaiset IT-hankkeet", "Concurrent IT projects"),
    "resources.forecast_none": (
        "Valinnassa ei ole tietohallintoa tarvitsevia hankkeita, joiden aikataulu on tiedossa: ennustetta ei voi laskea.",
        "The selection holds no project needing IT with a known schedule: there is nothing to forecast.",
    ),
    "resources.forecast_caption": (
        "Simulaatio, ei lupaus: kunkin hankkeen päättymistä siirretään viivästyksillä, jotka organisaation omissa "
        "peräkkäisissä suunnitelmissa on aiemmin nähty (tai muiden organisaatioiden suunnitelmissa, kun oma historia "
        "on niukka). P50: puolessa simuloiduista kulkukuluista käynnissä on enintään näin monta hanketta, P80: neljässä "
        "viidesosassa. Hanke, jolle historiaa ei ole, pysyy suunnitellussa päättymisessään.",
        "A simulation, not a promise: each project's end is shifted by the slips seen before in the organisation's own "
        "consecutive plans (or in other organisations' plans where the own history is thin). P50: in half of the "
        "simulated courses at most this many projects run, P80: in four fifths. A project without history keeps its "
        "planned end.",
    ),
    "resources.forecast_left_out": (
        {"one": "{count} tietohallintoa tarvitseva hanke, jonka aikataulu ei ole tiedossa, jätettiin pois.",
         "other": "{count} tietohallintoa tarvitsevaa hanketta, joiden aikataulu ei ole tiedossa, jätettiin pois."},
        {"one": "{count} project needing IT with an unknown schedule is left out.",
         "other": "{count} projects needing IT with an unknown schedule are left out."},
    ),
    "resources.party": ("Osapuoli", "Party"),
    "resources.heatmap": ("Samanaikaiset hankkeet kuukausittain: {party}", "Concurrent projects by month: {party}"),
    "resources.peak": (
        {"one": "Huippu: {count} hanke ({area}, {month})", "other": "Huippu: {count} hanketta ({area}, {month})"},
        {"one": "Peak: {count} project ({area}, {month})", "other": "Peak: {count} projects ({area}, {month})"},
    ),
    "resources.capacity": ("Tietohallinnon kapasiteetti (samanaikaisia hankkeita)", "IT capacity (concurrent projects)"),
    "resources.capacity_help": (
        "Anna, montako hanketta tietohallinto jaksaa kerralla; tyhjä = ei vertailua.",
        "How many projects IT can carry at once; empty = no comparison.",
    ),
    "resources.capacity_placeholder": ("ei annettu", "not given"),
    "resources.capacity_prompt": (
        "Anna kapasiteetti, niin kuukaudet, joina kysyntä ylittää sen, näkyvät punaisina.",
        "Give a capacity to see in red the months when demand exceeds it.",
    ),
    "resources.demand": ("Tietohallinnon kysyntä ja kapasiteetti", "IT demand and capacity"),
    "resources.demand_series": ("Tietohallintoa tarvitsevat hankkeet", "Projects needing IT"),
    "resources.capacity_series": ("Kapasiteetti", "Capacity"),
    "resources.over": (
        {"one": "Kysyntä ylittää kapasiteetin {count} kuukautena.",
         "other": "Kysyntä ylittää kapasiteetin {count} kuukautena."},
        {"one": "Demand exceeds capacity in {count} month.", "other": "Demand exceeds capacity in {count} months."},
    ),
    "resources.quantified": ("Määrällisesti arvioitu työ", "Quantified effort"),
    "resources.quantified_none": ("Valinnan suunnitelmat eivät anna työmääriä.", "The selected plans state no amounts of work."),
    "resources.no_schedule": (
        {"one": "{count} hanke ilman aikataulua ei näy kuukausinäkymässä.",
         "other": "{count} hanketta ilman aikataulua ei näy kuukausinäkymässä."},
        {"one": "{count} project without a schedule is not in the monthly view.",
         "other": "{count} projects without a schedule are not in the monthly view."},
    ),
    "resources.needs": ("Resurssitarpeet", "Resource needs"),
    "resources.none_for_party": ("Valinnassa ei ole aikataulutettuja hankkeita, jotka tarvitsevat osapuolta {party}.", "No scheduled project in the selection needs {party}."),
    # projects
    "projects.register": ("Hankerekisteri", "Project register"),
    "quality.notes": ("Jäsennyshuomiot", "Parse notes"),
    "review.summary": ("Tarkistettu", "Checked"),
    "review.summary_help": (
        "Hankkeesta tarkistetaan {fields}. Arvo on tarkistettu, kun se on vahvistettu luetuksi tai korjattu.",
        "Per project these values are checked: {fields}. A value is checked once it is confirmed as read or corrected.",
    ),
    "review.values": ("Arvoja", "Values"),
    "review.reviewed": ("Tarkistettu", "Checked"),
    "review.corrected": ("Korjattu", "Corrected"),
    "review.open": ("Avoinna", "Open"),
    "review.share": ("Osuus tarkistettu", "Share checked"),
    "review.conflicts": ("Ristiriidat", "Conflicts"),
    "review.conflicts_help": (
        {"one": "{count} korjaus ei ole voimassa: uudempi asiakirja sanoo muuta kuin arvo, jota korjattiin. Pidä korjaus tai hylkää se.",
         "other": "{count} korjausta ei ole voimassa: uudempi asiakirja sanoo muuta kuin arvo, jota korjattiin. Pidä korjaus tai hylkää se."},
        {"one": "{count} correction is not in effect: a newer document says something else than the value it corrected. Keep or drop it.",
         "other": "{count} corrections are not in effect: a newer document says something else than the value they corrected. Keep or drop each."},
    ),
    "review.old_read": ("Luettu korjattaessa", "Read when corrected"),
    "review.new_read": ("Asiakirja nyt", "Document now"),
    "review.project_gone": ("hanketta ei enää ole", "the project is gone"),
    "review.conflict_choose": ("Ristiriita", "Conflict"),
    "review.keep": ("Pidä korjaus", "Keep the correction"),
    "review.drop": ("Hylkää korjaus", "Drop the correction"),
    "review.kept": ("Korjaus #{number} on taas voimassa.", "Correction #{number} is in effect again."),
    "review.dropped": ("Korjaus #{number} hylätty; asiakirjan arvo on voimassa.", "Correction #{number} dropped; the document's value is in effect."),
    "review.queue": ("Tarkistusjono", "Review queue"),
    "review.queue_help": (
        "Ensin hankkeet, joissa on jäsennyshuomioita tai tuntemattomia arvoja. Valitse rivi vahvistaaksesi arvot luetuiksi tai korjataksesi ne.",
        "Projects with parse notes or values not stated first. Select a row to confirm its values as read, or to correct them.",
    ),
    "review.unknown": ("Ei tiedossa", "Not stated"),
    "review.confirm": ("Vahvista luetuksi", "Confirm as read"),
    "review.correct": ("Korjaa hankkeen arvoja", "Correct the project's values"),
    "review.confirmed": (
        {"one": "Hankkeen {code} {count} arvo vahvistettu luetuksi.",
         "other": "Hankkeen {code} {count} arvoa vahvistettu luetuiksi."},
        {"one": "{count} value of project {code} confirmed as read.",
         "other": "{count} values of project {code} confirmed as read."},
    ),
    "projects.in_effect": ("Arvo", "Value"),
    # corrections
    "correction.field.title": ("Hanke", "Title"),
    "correction.field.service_area": ("Palveluala", "Service area"),
    "correction.field.start": ("Alku", "Start"),
    "correction.field.end": ("Loppu", "End"),
    "correction.field.probability": ("Todennäköisyysluokka", "Probability class"),
    "correction.field.probability_driver": ("Riippuvuus", "Driver"),
    "correction.field.responsible": ("Aikatauluvastuu", "Responsible party"),
    "correction.field.responsible_class": ("Vastuutahon luokka", "Responsible class"),
    "correction.field.costs": ("Kustannukset", "Costs"),
    "correction.field.resources": ("Resurssit", "Resources"),
    "correction.field.not_a_project": ("Ei hanke", "Not a project"),
    "correction.status.applied": ("korjattu", "corrected"),
    "correction.status.conflict": ("ristiriita", "conflict"),
    "correction.status.undone": ("peruttu", "undone"),
    "correction.status.superseded": ("korvattu uudella", "superseded"),
    "correction.marker": ("korjattu", "corrected"),
    "correction.conflict_marker": ("ristiriita: katso korjaukset", "conflict: see corrections"),
    "correction.state": ("Tila", "State"),
    "correction.read": ("Luettu asiakirjasta", "As read"),
    "correction.value": ("Korjattu arvo", "Corrected value"),
    "correction.document_now": ("Asiakirjassa nyt", "Document now"),
    "correction.reason": ("Perustelu", "Reason"),
    "correction.reason_placeholder": ("Miksi arvo korjataan (esim. tarjous saatu 3.11.)", "Why the value is corrected (e.g. offer received on 3 Nov)"),
    "correction.by": ("Korjaaja", "By"),
    "correction.when": ("Aika", "When"),
    "correction.number": ("Nro", "No."),
    "correction.history": ("Korjaukset", "Corrections"),
    "correction.none_yet": ("Hankkeen arvoja ei ole korjattu.", "No value of the project has been corrected."),
    "correction.edit": ("Korjaa arvoja", "Correct values"),
    "correction.form_help": (
        "Muutettu arvo tallentuu korjauksena; asiakirjasta luettu arvo säilyy. Tyhjä kenttä = ei tiedossa (ei nolla).",
        "A changed value is saved as a correction; the value read from the document is kept. Empty = not stated (never zero).",
    ),
    "correction.month_placeholder": ("VVVV-KK", "YYYY-MM"),
    "correction.new_item": ("(uusi rivi)", "(new row)"),
    "correction.remove": ("Poista", "Remove"),
    "correction.hidden_help": (
        "Merkitse, jos kohta ei ole hanke (esim. johdanto). Se jää pois kaikista luvuista; merkinnän voi perua.",
        "Tick when the entry is not a project (e.g. an introduction). It is left out of every figure; this can be undone.",
    ),
    "correction.hidden_yes": ("ei ole hanke (piilotettu)", "not a project (hidden)"),
    "correction.hidden_no": ("hanke", "a project"),
    "correction.hidden_notice": (
        "Tämä kohta on merkitty 'ei hanke': se ei näy rekisterissä eikä luvuissa. Merkinnän voi perua korjauksista.",
        "This entry is marked 'not a project': it is left out of the register and every figure. Undo it among the corrections.",
    ),
    "correction.none": ("ei mainittu", "none stated"),
    "correction.save": ("Tallenna korjaukset", "Save corrections"),
    "correction.not_saved": ("Mitään ei tallennettu:", "Nothing was saved:"),
    "correction.saved": (
        {"one": "Tallennettu {count} korjaus.", "other": "Tallennettu {count} korjausta."},
        {"one": "Saved {count} correction.", "other": "Saved {count} corrections."},
    ),
    "correction.nothing": ("Mikään arvo ei muuttunut; korjauksia ei tallennettu.", "No value changed; nothing was saved."),
    "correction.undo_choose": ("Peruttava korjaus", "Correction to undo"),
    "correction.undo": ("Peru korjaus", "Undo correction"),
    "correction.undone": ("Korjaus #{number} peruttu; asiakirjasta luettu arvo on taas voimassa.", "Correction #{number} undone; the value read is in effect again."),
    "correction.error.reason_required": ("Kirjoita perustelu korjaukselle.", "Write a reason for the correction."),
    "correction.error.end_before_start": ("Loppu {end} on ennen alkua {start}.", "The end {end} is before the start {start}."),
    "correction.error.min_above_max": ("Rivillä {item} minimi on suurempi kuin maksimi.", "On row {item} the minimum is above the maximum."),
    "correction.error.bad_month": ("'{value}' ei ole kuukausi muodossa VVVV-KK.", "'{value}' is not a month as YYYY-MM."),
    "correction.error.unknown_code": ("'{value}' ei ole sallittu arvo.", "'{value}' is not an allowed value."),
    "correction.error.title_required": ("Hankkeella on oltava nimi.", "A project needs a title."),
    "correction.error.too_long": ("Teksti on liian pitkä (enintään {limit} merkkiä).", "The text is too long (at most {limit} characters)."),
    "correction.error.not_a_number": ("'{value}' ei ole luku.", "'{value}' is not a number."),
    "correction.error.too_large": ("{value} on liian suuri tallennettavaksi.", "{value} is too large to store."),
    "correction.error.bad_currency": ("'{value}' ei ole valuuttakoodi (esim. EUR).", "'{value}' is not a currency code (e.g. EUR)."),
    "correction.error.no_project": ("Hanketta {code} ei ole suunnitelmassa {plan}.", "There is no project {code} in the plan {plan}."),
    "correction.error.several_items": ("Hankkeella on {count} saman lajin kustannuserää; korjaa ne eränä kerrallaan.", "The project has {count} cost items of that kind; correct them item by item."),
    "correction.error.no_correction": ("Korjausta {id} ei ole.", "There is no correction {id}."),
    "correction.error.not_active": ("Korjaus {id} ei ole voimassa ({state}).", "Correction {id} is not in effect ({state})."),
    "correction.error.not_conflict": ("Korjaus {id} ei ole ristiriidassa.", "Correction {id} is not a conflict."),
    "correction.error.bad_list": ("Arvon pitää olla luettelo.", "The value must be a list."),
    "correction.error.unknown_field": ("Kenttää '{field}' ei voi korjata.", "The field '{field}' cannot be corrected."),
    "projects.select_hint": ("Valitse rivi nähdäksesi hankkeen kaikki tiedot.", "Select a row to see everything about the project."),
    "projects.missing": (
        "Linkin hanketta {project} ei ole salkussa (suunnitelma on ehkä poistettu).",
        "The project {project} that the link names is not in the store (its plan may have been deleted).",
    ),
    "projects.detail": ("Hankkeen tiedot", "Project details"),
    "projects.source": ("Lähde: {source}, rivi {line}, kohta {path}", "Source: {source}, line {line}, section {path}"),
    "projects.field": ("Kenttä", "Field"),
    "projects.parsed": ("Luettu arvo", "Parsed value"),
    "projects.text": ("Teksti asiakirjassa", "Text in the document"),
    "projects.description": ("Kuvaus", "Description"),
    "projects.impact": ("Muutosvaikutukset", "What changes"),
    "projects.infomgmt": ("Tiedonhallinnan vaikutukset", "Information-management impact"),
    "projects.strategic_goal": ("Strateginen tavoite", "Strategic goal"),
    "projects.no_notes": ("Ei jäsennyshuomioita.", "No parse notes."),
    "projects.notes": ("Jäsennyshuomiot", "Parse notes"),
    "projects.cost_items": ("Kustannuserät", "Cost items"),
    "projects.resource_needs": ("Resurssitarpeet", "Resource needs"),
    "projects.flags": ("Merkinnät: {flags}", "Flags: {flags}"),
    # plans
    "plans.list": ("Suunnitelmat salkussa", "Plans in the store"),
    "plans.manage": ("Poista suunnitelmia", "Delete plans"),
    "plans.change_log": ("Muutoshistoria: kuka muutti mitä ja milloin", "Change log: who changed what, when"),
    "plans.revision": ("Versio", "Revision"),
    "plans.action": ("Muutos", "Change"),
    "plans.detail": ("Tiedot", "Details"),
    "plans.action.import": ("tuonti", "import"),
    "plans.action.delete": ("poisto", "deletion"),
    "plans.action.correction": ("korjaus", "correction"),
    "plans.action.undo": ("korjauksen peruminen", "correction undone"),
    "plans.action.review": ("tarkistus", "review"),
    "plans.action.reparse": ("uudelleenluku", "re-reading"),
    "plans.action.profile": ("sarakemäärittely", "mapping profile"),
    "plans.action.upgrade": ("päivitys", "upgrade"),
    "plans.delete_choose": ("Poistettavat suunnitelmat", "Plans to delete"),
    "plans.delete_placeholder": ("Valitse suunnitelmat", "Choose plans"),
    "plans.delete_confirm": (
        {"one": "Poistetaan {count} suunnitelma ja sen {projects}: {plans}. Muut suunnitelmat eivät muutu. Poistoa ei voi perua; suunnitelman voi tuoda uudelleen.",
         "other": "Poistetaan {count} suunnitelmaa ja niiden {projects}: {plans}. Muut suunnitelmat eivät muutu. Poistoa ei voi perua; suunnitelman voi tuoda uudelleen."},
        {"one": "Deleting {count} plan and its {projects}: {plans}. No other plan changes. This cannot be undone; a plan can be imported again.",
         "other": "Deleting {count} plans and their {projects}: {plans}. No other plan changes. This cannot be undone; a plan can be imported again."},
    ),
    "plans.delete_button": ("Vahvista poisto", "Confirm deletion"),
    "plans.deleted": (
        {"one": "Poistettu {count} suunnitelma ({projects}).", "other": "Poistettu {count} suunnitelmaa ({projects})."},
        {"one": "Deleted {count} plan ({projects}).", "other": "Deleted {count} plans ({projects})."},
    ),
    "plans.demo_help": (
        {"one": "Salkussa on esittelyaineistoa: {count} suunnitelma, {projects} (lyhennetyt viiteasiakirjat ja keksitty Esimerkkilä).",
         "other": "Salkussa on esittelyaineistoa: {count} suunnitelmaa, {projects} (lyhennetyt viiteasiakirjat ja keksitty Esimerkkilä)."},
        {"one": "The store holds sample data: {count} plan, {projects} (shortened reference documents and the invented Esimerkkilä).",
         "other": "The store holds sample data: {count} plans, {projects} (shortened reference documents and the invented Esimerkkilä)."},
    ),
    "plans.demo_confirm": ("Poista esittelyaineisto salkusta", "Remove the sample data from the store"),
    "plans.demo_button": ("Poista esittelyaineisto", "Remove sample data"),
    "plans.compare": ("Vertaa kahta saman organisaation suunnitelmaa", "Compare two plans of one organisation"),
    "plans.compare_org": ("Organisaatio", "Organisation"),
    "plans.older": ("Aiempi suunnitelma", "Earlier plan"),
    "plans.newer": ("Uudempi suunnitelma", "Later plan"),
    "plans.need_two": ("Organisaatiolla on vain yksi toimenpidesuunnitelma; vertailuun tarvitaan kaksi.", "The organisation has only one action plan; comparing needs two."),
    "history.heading": ("Hankkeet suunnitelmasta toiseen", "Projects from one plan to the next"),
    "history.moved": ("Siirtyneet edellisestä suunnitelmasta ({older} → {newer})", "Moved since the previous plan ({older} → {newer})"),
    "history.moved_none": ("Yhdenkään yhdistetyn hankkeen alku tai päättyminen ei siirtynyt yli kuukautta.", "No matched project's start or end moved by more than a month."),
    "history.not_consecutive": ("Valitut suunnitelmat eivät ole peräkkäiset: siirtymät lasketaan peräkkäisistä suunnitelmista.", "The chosen plans are not consecutive: moves are counted between consecutive plans."),
    "history.chains": ("Hankeketjut", "Project chains"),
    "history.chains_help": (
        "Ketju on saman hankkeen kohdat organisaation suunnitelmissa, vanhimmasta uusimpaan. Lähtötaso on ensimmäinen "
        "suunnitelma. Tila: jatkuu (uusimmassa suunnitelmassa), valmis suunnitellusti (poistui suunnitellun päättymisen "
        "jälkeen), poistui ennen päättymistä (luovuttu tai yhdistetty) tai henkilön asettama.",
        "A chain is one project's entries in the organisation's plans, oldest to newest. The baseline is the first "
        "plan. Status: continuing (in the newest plan), finished as planned (gone after its planned end), gone "
        "before its end (dropped or merged) or set by a person.",
    ),
    "history.trend": ("Päättymisen kehitys", "Milestone trend"),
    "history.trend_of": ("Näytä", "Show"),
    "history.trend_project": ("Hanke: {name}", "Project: {name}"),
    "history.trend_area": ("Palveluala: {name}", "Service area: {name}"),
    "history.trend_help": ("Vaakasuora viiva piti päättymisensä; nouseva viiva siirtyi myöhemmäksi.", "A level line kept its end; a rising line slipped."),
    "history.trend_none": ("Yhdelläkään ketjulla ei ole kahta luettavaa päättymistä.", "No chain has two readable ends."),
    "history.plan_date": ("Suunnitelman päivä", "Plan date"),
    "history.planned_end": ("Suunniteltu päättyminen", "Planned end"),
    "col.plans_count": ("Suunnitelmia", "Plans"),
    "col.baseline_end": ("Päättyminen, lähtötaso", "End, baseline"),
    "col.baseline_start": ("Alku, lähtötaso", "Start, baseline"),
    "col.latest_start": ("Alku, uusin", "Start, latest"),
    "col.baseline_cost": ("Kertakustannus (max), lähtötaso", "One-off cost (max), baseline"),
    "col.latest_cost": ("Kertakustannus (max), uusin", "One-off cost (max), latest"),
    "col.step_slip": ("Suurin siirtymä kerralla (kk)", "Largest slip in one step (months)"),
    "download.chains": ("hankeketjut", "project-chains"),
    "col.latest_end": ("Päättyminen, uusin", "End, latest"),
    "col.end_slip": ("Siirtymä (kk)", "Slip (months)"),
    "col.chain_status": ("Tila", "Status"),
    "chain.status.continuing": ("jatkuu", "continuing"),
    "chain.status.finished_as_planned": ("valmis suunnitellusti", "finished as planned"),
    "chain.status.gone_before_end": ("poistui ennen päättymistä", "gone before its end"),
    "chain.status.done": ("valmis (henkilö)", "done (person)"),
    "chain.status.cancelled": ("peruttu (henkilö)", "cancelled (person)"),
    "chain.status.merged": ("yhdistetty (henkilö)", "merged (person)"),
    "plans.status.new": ("Uusi", "New"),
    "plans.status.continued": ("Jatkuu", "Continued"),
    "plans.status.gone": ("Poistunut", "Gone"),
    "plans.summary": ("Uusia {new}, jatkuvia {continued}, poistuneita {gone}", "New {new}, continued {continued}, gone {gone}"),
    "plans.changes": ("Jatkuvien hankkeiden muutokset", "Changes in continued projects"),
    "plans.themes": ("Strategiset painopisteet", "Strategic themes"),
    "plans.match_help": (
        "Hankkeet yhdistetään nimen sanojen perusteella (kynnys {threshold} %; sama koodi ja palveluala tukevat). "
        "Nimet, jotka kumpikin nimeävät jotain muuta (”Merimaskun …” / ”Velkuan …”), eivät yhdisty. Taulukon hankkeet "
        "yhdistetään sama-tunniste-sarakkeen mukaan. Henkilön päätökset (alla) pysyvät uudelleentuonnin yli.",
        "Projects are matched by the words of their titles (threshold {threshold} %; the same code and service area "
        "support a match). Titles that each name something else (“Merimaskun …” / “Velkuan …”) are not matched. "
        "Projects of sheets are matched by their identifier column. A person's decisions (below) outlive a re-import.",
    ),
    "col.match_basis": ("Peruste", "Basis"),
    "lineage.basis.title": ("nimi", "title"),
    "lineage.basis.identifier": ("tunniste", "identifier"),
    "lineage.basis.person": ("henkilö", "person"),
    "lineage.decide": ("Korjaa vastaavuuksia", "Correct the matches"),
    "lineage.pair": ("Yhdistetty pari", "Matched pair"),
    "lineage.confirm": ("Vahvista sama hanke", "Confirm: same project"),
    "lineage.reject": ("Ei sama hanke", "Not the same project"),
    "lineage.split": ("Hanke jaettiin", "The project was split"),
    "lineage.link_older": ("Poistunut hanke (vanhempi suunnitelma)", "Gone project (earlier plan)"),
    "lineage.link_newer": ("Uusi hanke (uudempi suunnitelma)", "New project (later plan)"),
    "lineage.link": ("Yhdistä samaksi hankkeeksi", "Link as the same project"),
    "lineage.status_project": ("Hanke, jonka tila asetetaan", "Project whose status is set"),
    "lineage.status": ("Tila", "Status"),
    "lineage.status.done": ("valmis", "done"),
    "lineage.status.cancelled": ("peruttu", "cancelled"),
    "lineage.status.merged": ("yhdistetty toiseen", "merged into another"),
    "lineage.merged_into": ("Yhdistetty hankkeeseen", "Merged into"),
    "lineage.save_status": ("Tallenna tila", "Save the status"),
    "lineage.saved": ("Päätös tallennettu: {what}.", "Decision saved: {what}."),
    "lineage.nothing": ("Ei valittavia hankkeita.", "No projects to choose from."),
    "lineage.history": ("Päätökset", "Decisions"),
    "plans.action.lineage": ("hankkeiden vastaavuus", "project lineage"),
    # quality
    "quality.summary": (
        {"one": "{count} huomio {plans}", "other": "{count} huomiota {plans}"},
        {"one": "{count} note {plans}", "other": "{count} notes {plans}"},
    ),
    "quality.by_field": ("Huomiot kentittäin ja suunnitelmittain", "Notes by field and plan"),
    "quality.all": ("Kaikki huomiot", "All notes"),
    "quality.none": ("Valinnassa ei ole jäsennyshuomioita.", "The selection has no parse notes."),
    "quality.field_filter": ("Kenttä", "Field"),
    # import
    "import.upload": (
        "Suunnitelma-asiakirjat (txt, md, docx, pdf) ja salkkutaulukot (xlsx, xlsm, csv, tsv)",
        "Plan documents (txt, md, docx, pdf) and portfolio sheets (xlsx, xlsm, csv, tsv)",
    ),
    "import.organisation": ("Organisaatio (jos asiakirja ei kerro)", "Organisation (if the document does not say)"),
    "import.period": ("Kausi (jos asiakirja ei kerro)", "Period (if the document does not say)"),
    "import.preview": ("Esikatselu: {name}", "Preview: {name}"),
    "import.file_ok": (
        "{name}: {organisation}, {period}, {projects}, {notes}",
        "{name}: {organisation}, {period}, {projects}, {notes}",
    ),
    "import.file_error": ("{name}: {error}", "{name}: {error}"),
    "import.confirm": ("Tallenna salkkuun", "Save to the store"),
    "import.blocked": ("Korjaa tai poista virheelliset tiedostot: mitään ei tallenneta ennen kuin kaikki tiedostot ovat luettavia.", "Fix or remove the failing files: nothing is saved until every file can be read."),
    "import.done": ("Tallennettu. Suunnitelmia: {plans}, hankkeita: {projects}, huomioita: {notes}.", "Saved. Plans: {plans}, projects: {projects}, notes: {notes}."),
    "import.failed": ("Tallennus epäonnistui, mitään ei muutettu: {error}", "Saving failed, nothing was changed: {error}"),
    "import.limits": (
        "Enintään {files} tiedostoa kerralla, yhteensä {total} Mt; yksi tiedosto enintään 20 Mt.",
        "At most {files} files at a time, {total} MB in all; one file at most 20 MB.",
    ),
    "import.too_many": (
        {"one": "{count} tiedosto, yhteensä {size} Mt: kerralla voi tuoda enintään {files} tiedostoa ja {total} Mt. Mitään ei luettu; poista tiedosto.",
         "other": "{count} tiedostoa, yhteensä {size} Mt: kerralla voi tuoda enintään {files} tiedostoa ja {total} Mt. Mitään ei luettu; poista osa tiedostoista."},
        {"one": "{count} file, {size} MB in all: one import takes at most {files} files and {total} MB. Nothing was read; remove the file.",
         "other": "{count} files, {size} MB in all: one import takes at most {files} files and {total} MB. Nothing was read; remove some files."},
    ),
    "import.clear": ("Tyhjennä tiedostot", "Clear the files"),
    "import.replaces_head": (
        {"one": "Tallennus korvaa {count} salkussa jo olevan suunnitelman (sama suunnitelma tai sama tiedosto):",
         "other": "Tallennus korvaa {count} salkussa jo olevaa suunnitelmaa (sama suunnitelma tai sama tiedosto):"},
        {"one": "Saving replaces {count} plan already in the store (the same plan, or the same file):",
         "other": "Saving replaces {count} plans already in the store (the same plan, or the same file):"},
    ),
    "import.replaces_one": (
        "{plan} ({organisation}): {projects}, tuotu {imported} tiedostosta {stored}; korvataan tiedostolla {source}",
        "{plan} ({organisation}): {projects}, imported {imported} from {stored}; replaced by {source}",
    ),
    "import.replaces_confirm": ("Korvaa nämä suunnitelmat", "Replace these plans"),
    "import.done_plan": (
        "{plan}: {projects}, {notes}",
        "{plan}: {projects}, {notes}",
    ),
    "import.done_replaced": ("(korvasi aiemman)", "(replaced the earlier one)"),
    "import.busy": (
        "Salkkuun tallennetaan juuri toista tuontia; mitään ei muutettu. Yritä hetken kuluttua uudelleen.",
        "Another import is being saved right now; nothing was changed. Try again in a moment.",
    ),
    "import.hint": ("Tiedostot luetaan ensin; tallennus tapahtuu vasta vahvistuksesta.", "Files are read first; nothing is stored until you confirm."),
    "import.themes": (
        {"one": "Strategia: {count} painopiste", "other": "Strategia: {count} painopistettä"},
        {"one": "Strategy: {count} theme", "other": "Strategy: {count} themes"},
    ),
    "sheet.field.organisation": ('Organisaatio', 'Organisation'),
    "sheet.field.plan": ('Suunnitelma', 'Plan'),
    "sheet.field.period": ('Kausi', 'Period'),
    "sheet.field.code": ('Koodi', 'Code'),
    "sheet.field.title": ('Hanke', 'Title'),
    "sheet.field.service_area": ('Palveluala', 'Service area'),
    "sheet.field.description": ('Kuvaus', 'Description'),
    "sheet.field.start": ('Alku', 'Start'),
    "sheet.field.end": ('Loppu', 'End'),
    "sheet.field.schedule_text": ('Aikataulu (teksti)', 'Schedule (text)'),
    "sheet.field.probability": ('Todennäköisyysluokka tai arvio', 'Probability class or rating'),
    "sheet.field.probability_text": ('Todennäköisyys (teksti)', 'Probability (text)'),
    "sheet.field.probability_driver": ('Riippuvuus', 'Driver'),
    "sheet.field.responsible": ('Aikatauluvastuu', 'Responsible'),
    "sheet.field.cost_one_off_min": ('Kertakustannus min', 'One-off cost min'),
    "sheet.field.cost_one_off_max": ('Kertakustannus max (tai ainoa luku)', 'One-off cost max (or the only figure)'),
    "sheet.field.cost_annual_min": ('Vuosikustannus min', 'Annual cost min'),
    "sheet.field.cost_annual_max": ('Vuosikustannus max (tai ainoa luku)', 'Annual cost max (or the only figure)'),
    "sheet.field.currency": ('Valuutta-sarake', 'Currency column'),
    "sheet.field.resources_service_area": ('Resurssit: palveluala', 'Resources: service area'),
    "sheet.field.resources_it": ('Resurssit: tietohallinto', 'Resources: IT'),
    "sheet.field.resources_purchased_services": ('Resurssit: ostopalvelut', 'Resources: purchased services'),
    "sheet.field.resources_external": ('Resurssit: ulkoinen', 'Resources: external'),
    "sheet.field.resources_other": ('Resurssit: muu', 'Resources: other'),
    "sheet.profile": ("Sarakemäärittely", "Column mapping"),
    "sheet.profile_auto": ("Automaattinen ehdotus", "Automatic suggestion"),
    "sheet.field": ("Kenttä", "Field"),
    "sheet.column": ("Sarake taulukossa", "Column in the sheet"),
    "sheet.currency": ("Valuutta", "Currency"),
    "sheet.unit": ("Kustannusten yksikkö (kerroin)", "Cost unit (multiplier)"),
    "sheet.day_first": ("Päivä ennen kuukautta (3/4/2024 = 3. huhtikuuta)", "Day before month (3/4/2024 = 3 April)"),
    "sheet.ratings_help": ("Arviot todennäköisyysluokiksi:", "Ratings to probability classes:"),
    "sheet.rating": ("Arvio taulukossa", "Rating in the sheet"),
    "sheet.class": ("Luokka", "Class"),
    "sheet.save": ("Tallenna määrittely profiiliksi", "Save the mapping as a profile"),
    "sheet.profile_name": ("Profiilin nimi", "Profile name"),
    "sheet.save_button": ("Tallenna profiili", "Save profile"),
    "sheet.saved": ("Profiili tallennettu salkkuun: {name}", "Profile saved in the store: {name}"),
    "sheet.profile_organisation": ("Organisaatio, jonka tuonteja profiili koskee", "Organisation the profile is for"),
    "sheet.profile_any": ("kaikki organisaatiot", "any organisation"),
    "sheet.delete_profile": ("Poista profiili {name}", "Remove the profile {name}"),
    "sheet.deleted_profile": ("Profiili poistettu: {name}", "Profile removed: {name}"),
    "sheet.profile_error.name_required": ("Anna profiilille nimi.", "Give the profile a name."),
    "sheet.profile_error.name_too_long": ("Profiilin nimi on enintään {limit} merkkiä (nyt {length}).", "A profile name is at most {limit} characters (this one has {length})."),
    "sheet.profile_error.name_characters": ("Profiilin nimessä voi olla kirjaimia, numeroita, välilyöntejä ja merkit . , ( ) ' & + -.", "A profile name may hold letters, digits, spaces and . , ( ) ' & + - only."),
    "sheet.profile_error.shipped": ("'{name}' on Salkun mukana tuleva profiili; tallenna omasi toisella nimellä.", "'{name}' is shipped with Salkku; save yours under another name."),
    "sheet.profile_error.not_yours": ("Profiilin '{name}' on tallentanut {owner}; vain hän tai pääkäyttäjä voi muuttaa sitä.", "'{name}' was saved by {owner}; only they or an admin may change it."),
    "sheet.profile_error.missing": ("Profiilia '{name}' ei ole.", "There is no profile '{name}'."),
    "sheet.download_profile": ("Lataa profiili (JSON)", "Download profile (JSON)"),
    "sheet.read": (
        "{name}: {records}, otsikot rivillä {where}{layout}{encoding}",
        "{name}: {records}, headers on line {where}{layout}{encoding}",
    ),
    "sheet.transposed": (", transponoitu (hanke per sarake)", ", transposed (one project per column)"),
    "sheet.template": ("Salkku-pohja", "Salkku template"),
    "sheet.salkku_workbook": (
        "{name}: Salkun vientitiedosto; suunnitelmat luetaan sellaisinaan, sarakemäärittelyä ei tarvita.",
        "{name}: a Salkku export; its plans are read as they are, no column mapping is needed.",
    ),
    "sheet.template_download": ("Lataa tyhjä pohja (Excel)", "Download an empty template (Excel)"),
    "sheet.export": ("Vie salkku", "Export portfolio"),
    "sheet.export_xlsx": ("Vie valinta (Excel)", "Export the selection (Excel)"),
    "sheet.export_csv": ("Vie valinta (CSV)", "Export the selection (CSV)"),
    "error.LoaderError": ("tiedostoa ei voi lukea", "the file cannot be read"),
    "error.MissingOrganisationError": ("organisaatio puuttuu", "the organisation is missing"),
    "import.no_organisation": (
        "{name}: asiakirjasta ei löytynyt kunnan nimeä. Anna se kentässä ”Organisaatio”, niin tiedosto luetaan uudelleen.",
        "{name}: the document does not name its municipality. Give it in the “Organisation” field and the file is read again.",
    ),
    "error.PlanConflictError": ("suunnitelmaa ei voi tallentaa näin", "the plan cannot be saved like this"),
    "error.UnsupportedFormatError": ("tiedostotyyppiä ei tueta", "unsupported file type"),
    "error.FileTooLargeError": ("tiedosto on liian suuri", "the file is too large"),
    "error.EmptyDocumentError": ("tiedosto on tyhjä", "the file is empty"),
    "error.NotTextError": ("tiedostossa ei ole tekstiä vaan binääridataa", "the file holds binary data, not text"),
    "error.EncodingError": ("teksti ei ole UTF-8-muodossa", "the text is not UTF-8"),
    "error.CorruptDocumentError": ("asiakirja on vioittunut tai väärää tyyppiä", "the document is damaged or of the wrong type"),
    "error.NoProjectsError": ("asiakirjasta ei tunnistettu hankkeita", "no projects were recognised"),
    "error.ProtectedFileError": ("tiedosto on salasanasuojattu", "the file is password-protected"),
    "error.ZipBombError": ("tiedosto purkautuisi epäilyttävän suureksi", "the file would expand suspiciously large"),
    "error.NotAFileError": ("polku ei ole luettava tiedosto", "the path is not a readable file"),
    "error.DecompressionBombError": ("asiakirja purkautuisi epäilyttävän suureksi", "the document would expand suspiciously large"),
    "error.UnsafeDocumentError": ("asiakirjassa on vaarallinen rakenne (DTD)", "the document holds an unsafe structure (a DTD)"),
    "error.UnstorableValueError": ("arvoa ei voi tallentaa", "a value cannot be stored"),
}


# Class labels come from the shared vocabulary (also used by the exported workbook and its reader).
for _prefix, _vocabulary in (("probability", "probability"), ("driver", "driver"), ("responsible", "responsible"),
                             ("party", "party"), ("unit", "unit"), ("kind", "cost_kind"), ("kind", "plan_kind")):
    for _code, _names in LABELS[_vocabulary].items():
        TEXTS.setdefault(f"{_prefix}.{_code}", _names)


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(LOCALES.get(language, LOCALES["fi"]))


def plural_form(count: object, language: str) -> str:
    """Babel's (CLDR) plural category of `count` in `language`: 'one' or 'other' in fi and en."""
    return _locale(language).plural_form(abs(count))


def translate(key: str, language: str, **values: object) -> str:
    """The text for `key` in `language` ('fi' or 'en'), with placeholders filled.

    A counting text (a dict of plural forms, see TEXTS) takes its form from the value named `count`."""
    finnish, english = TEXTS[key]
    text = english if language == "en" else finnish
    if isinstance(text, dict):
        if "count" not in values:
            raise TypeError(f"the text {key!r} counts something: pass count=")
        count = values["count"]
        text = text.get(plural_form(count, language)) or text["other"]
        values = {**values, "count": number(count, language)}
    return text.format(**values) if values else text


def _missing(value: object) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def unknown(language: str) -> str:
    """What a table shows for a value the plan does not state: 'ei tiedossa' / 'not stated' (never None)."""
    return translate("common.not_stated", language)


def money(value: float | int | None, language: str, currency: str = "EUR") -> str:
    """'166 000 €' in Finnish, '€166,000' in English; unknown reads 'ei tiedossa' / 'not stated'."""
    if _missing(value):
        return unknown(language)
    return format_money(value, currency if isinstance(currency, str) and currency else "EUR", language)


def currency_symbol(currency: str, language: str) -> str:
    return money_symbol(currency, language)


# Up to this many cells a table goes to st.dataframe as a pandas Styler: the numbers stay numbers (they sort as
# numbers) and are shown in the language's format ("12 000 €", "0,5"), which Streamlit's printf column formats
# cannot write. pandas styles every cell of a Styler (about 0.3 s per 50,000 cells), so a larger table gets its
# formatted columns as text instead: still readable, sorted as text.
STYLED_CELLS = 50_000


def formatted_table(table: pd.DataFrame, formats: dict[str, object]):  # noqa: ANN201
    """`table` for st.dataframe with `formats` (column -> function of one value) applied to what is shown; a
    missing value is blank. Returns a Styler, or for a table over STYLED_CELLS a frame with text columns."""
    if not formats:
        return table
    def blank_if_missing(function):  # noqa: ANN001, ANN202
        return lambda value: "" if _missing(value) else function(value)
    if table.size <= STYLED_CELLS:
        return table.style.format({column: blank_if_missing(function) for column, function in formats.items()})
    table = table.copy()
    for column, function in formats.items():
        distinct = {value: function(value) for value in table[column].dropna().unique()}
        table[column] = table[column].map(distinct).astype(object).where(table[column].notna(), None)
    return table


def number_formats(columns, language: str, decimals: int = 2) -> dict[str, object]:  # noqa: ANN001
    """Formatters for plain quantities (effort, counts): '0,5' and '1 200' in Finnish, '0.5' and '1,200' in English."""
    pattern = "#,##0." + "#" * decimals
    return {column: (lambda value: format_decimal(value, format=pattern, locale=LOCALES[language])) for column in columns}


def money_table(table: pd.DataFrame, amounts: dict[str, object], language: str,
                extra_formats: dict[str, object] | None = None) -> tuple[object, dict]:
    """Money columns for st.dataframe, each amount in its own row's currency (`amounts`: column -> currencies).

    When a column's known amounts share one currency, they stay numbers (they sort) shown in the language's
    money format (see formatted_table); otherwise each cell is written out with its own symbol. Pounds and
    dollars never show as euros. Returns what to give st.dataframe and its column config.
    """
    table = table.copy()
    formats = dict(extra_formats or {})
    for column, currencies in amounts.items():
        codes = (currencies.astype(object).set_axis(table.index) if isinstance(currencies, pd.Series)
                 else pd.Series(list(currencies), index=table.index, dtype=object))
        present = codes[table[column].notna()].dropna().unique().tolist()
        if len(present) <= 1:
            code = present[0] if present else "EUR"
            formats[column] = lambda value, code=code: money(value, language, code)
        else:
            table[column] = [None if _missing(value) else money(value, language, code)
                             for value, code in zip(table[column], codes)]
    return formatted_table(table, formats), {}


def money_range(low: float | None, high: float | None, language: str, currency: str = "EUR") -> str:
    if _missing(low) and _missing(high):
        return unknown(language)
    if _missing(low) or _missing(high) or round(float(low)) == round(float(high)):
        return money(high if _missing(low) else low, language, currency)
    return translate("common.range", language, low=money(low, language, currency), high=money(high, language, currency))


def number(value: float | int | None, language: str, decimals: int = 0) -> str:
    if _missing(value):
        return unknown(language)
    pattern = "#,##0" if decimals == 0 else "#,##0." + "0" * decimals
    return format_decimal(value, format=pattern, locale=LOCALES[language])


def percent(value: float | None, language: str) -> str:
    if _missing(value):
        return unknown(language)
    return format_percent(value, locale=LOCALES[language])


def month_label(value: date | datetime | pd.Timestamp | None, language: str) -> str:
    """'maalis 2024' / 'Mar 2024'."""
    if _missing(value):
        return unknown(language)
    return format_date(pd.Timestamp(value).date(), "LLL yyyy", locale=LOCALES[language])


def month_labels(values: pd.Series, language: str) -> pd.Series:
    """month_label for a whole column, formatting each distinct month once."""
    distinct = {value: month_label(value, language) for value in values.dropna().unique()}
    return values.map(distinct).astype(object).where(values.notna(), None)


def date_label(value: date | datetime | pd.Timestamp | None, language: str) -> str:
    """'5.3.2024' / '5 Mar 2024'."""
    if _missing(value):
        return unknown(language)
    return format_date(pd.Timestamp(value).date(), "medium", locale=LOCALES[language])


def quarter_label(value: pd.Timestamp | pd.Period, language: str) -> str:
    period = value if isinstance(value, pd.Period) else pd.Timestamp(value).to_period("Q")
    return f"Q{period.quarter}/{period.year}" if language == "fi" else f"{period.year} Q{period.quarter}"


def per_value(*columns: pd.Series, text) -> list[str]:  # noqa: ANN001
    """text(*values) for each row of the columns, worked out once per distinct value (or combination): the tables
    have a row per project or note, their texts come from a handful of values."""
    import numpy as np

    keys = columns[0] if len(columns) == 1 else pd.MultiIndex.from_arrays(columns)
    codes, uniques = pd.factorize(keys, use_na_sentinel=False)
    texts = [text(value) if len(columns) == 1 else text(*value) for value in uniques]
    return np.array(texts, dtype=object)[codes].tolist()


def labels(prefix: str, values: pd.Series, language: str) -> list[str]:
    """label() for a whole column, each distinct code translated once."""
    return per_value(values, text=lambda value: label(prefix, value, language))


def label(prefix: str, value: str | None, language: str) -> str:
    """Translated class label, e.g. label('probability', 'likely', 'fi') -> 'Todennäköinen'."""
    key = f"{prefix}.{'none' if _missing(value) or not value else value}"
    if key in TEXTS:
        return translate(key, language)
    return value or unknown(language)


# Finnish explanations of parse-note codes; in English the loader's own message is shown.
NOTE_MESSAGES_FI: dict[str, str] = {
    "organisation.not_found": "Asiakirjasta ei löytynyt kunnan nimeä; anna se tuonnissa.",
    "period.not_found": "Suunnitelmakautta ei löytynyt; anna se tuonnissa.",
    "structure.prose_only": "Kohdassa ei ole nimettyjä kenttiä; aikataulu, kustannus ja todennäköisyys eivät ole tiedossa.",
    "structure.repeated_label": "Sama kenttä esiintyy kohdassa useasti; arvot luettiin yhdessä.",
    "probability.unclassified": "Todennäköisyyslausuma ei vastaa mitään luokkaa; se näkyy tekstinä ja luokka on 'ei tiedossa'.",
    "probability.missing": "Suunnitelma kertoo todennäköisyyden muille hankkeille, mutta ei tälle.",
    "responsible.missing": "Suunnitelma kertoo aikatauluvastuun muille hankkeille, mutta ei tälle.",
    "schedule.missing": "Aikataulu puuttuu.",
    "structure.code_generated": "Taulukossa ei ole hanketunnusta tälle riville; hanke numeroitiin taulukon järjestyksessä (T‹taulukko›.‹rivi›).",
    "structure.code_duplicate": "Sama tunnus on jo toisella tämän suunnitelman hankkeella; tämä hanke tallennettiin uudella tunnuksella.",
    "structure.table_columns_unmatched": "Taulukon joitakin sarakkeita ei voitu yhdistää mihinkään kenttään; niiden solut liitettiin hankkeen kuvaukseen.",
    "structure.table_repeats_projects": "Taulukon rivit toistavat hankkeita, jotka suunnitelma kuvaa omien otsikoidensa alla; niitä ei luettu uusiksi hankkeiksi.",
    "structure.table_row_width": "Rivillä on enemmän soluja kuin otsikkorivillä; ylimääräiset solut luettiin viimeiseen sarakkeeseen.",
    "structure.table_continuation": "Taulukon rivi ilman hankkeen nimeä luettiin edellisen rivin jatkoksi.",
    "structure.table_no_title": "Taulukon riviltä puuttuu hankkeen nimi.",
    "costs.implausible": "Luku on hankkeen kustannukseksi epäuskottavan suuri (yli 10¹² €); se näkyy tekstinä eikä sitä laskettu mukaan. Tarkista teksti.",
    "schedule.unreadable": "Aikataulusta ei löytynyt luettavaa päivämäärää; se näkyy tekstinä.",
    "schedule.bad_date": "Aikataulussa on mahdoton päivämäärä; sitä ei käytetty.",
    "schedule.end_before_start": "Aikataulun loppu on ennen alkua.",
    "schedule.several_phases": "Aikataulussa on useita vaiheita: käytettiin aikaisinta alkua ja myöhäisintä loppua.",
    "schedule.open_start": "Aikataulun alku on avoin.",
    "schedule.open_end": "Aikataulun loppu on avoin.",
    "schedule.open": "Aikataulu on ilmoitettu avoimeksi.",
    "schedule.unknown": "Aikataulu ei ole tiedossa.",
    "schedule.ongoing": "Jatkuva toiminta ilman päivämääriä.",
    "schedule.season": "Aikataulu on ilmoitettu vuodenaikana; kuukausia ei arvattu.",
    "schedule.recurring": "Vuosittain toistuva työ; päivämääriä ei arvattu.",
    "schedule.placeholder": "Aikataulussa on paikkamerkki (esim. 202X); sitä ei tulkittu.",
    "schedule.tentative": "Osa aikataulusta on ilmoitettu alustavana (suluissa).",
    "schedule.estimate": "Aikataulu on merkitty arvioksi.",
    "schedule.range_in_range": "Aikataulun loppu on itsessään kuukausiväli; käytettiin sen loppua.",
    "schedule.vague_end": "Aikataulun loppu on epätarkka.",
    "schedule.vague_start": "Aikataulun alku on epätarkka.",
    "costs.missing": "Suunnitelma kertoo kustannukset muille hankkeille, mutta ei tälle.",
    "costs.unknown": "Kustannus ei ole tiedossa; sitä ei lasketa nollana.",
    "costs.no_figure": "Kustannuksista ei ole euromäärää.",
    "costs.none_stated": "Suunnitelman mukaan erillisiä kustannuksia ei ole; nollaa ei silti tallennettu.",
    "costs.staff_only": "Kustannukset ovat omaa työtä; euromäärää ei ole.",
    "costs.savings": "Teksti puhuu säästöistä; euromäärää ei ole.",
    "costs.per_unit": "Hinta on yksikköä kohden ilman määrää; summaa ei laskettu.",
    "costs.multi_year_total": "Usean vuoden kokonaissumma; sitä ei jaettu vuosille.",
    "costs.partial": "Osa kustannuksista on arvioimatta.",
    "costs.partly_unknown": "Osa kustannuksista on arvioimatta.",
    "costs.summed": "Useampi summa laskettiin yhteen.",
    "costs.no_currency": "Summasta puuttuu valuutta; se luettiin euroina.",
    "costs.range_reversed": "Vaihteluvälin päät olivat väärin päin; ne käännettiin.",
    "costs.vat_restatement": "Sama summa oli ilmoitettu myös arvonlisäverollisena; summia ei laskettu yhteen, vaan käytettiin verotonta summaa.",
    "costs.monthly_x12": "Kuukausihinta kerrottiin 12:lla vuosikustannukseksi.",
    "costs.period_total_divided": "Usean vuoden (esim. sopimuskauden) kokonaissumma jaettiin tasan ilmoitetun kauden vuosille; vuosikustannus koskee vain sitä kautta.",
    "costs.period_total_short": "Alle vuoden jakson kokonaissumma näkyy tekstinä; sitä ei muutettu vuosi- eikä kertakustannukseksi.",
    "costs.contract_period_unclear": "Sopimuskausi mainitaan, mutta ei käy ilmi, onko summa vuodessa vai koko kaudelta; summa näkyy tekstinä.",
    "costs.restated_total": "Sopimuskauden kokonaissumma toistaa viereisen vuosi- tai kuukausihinnan; sitä ei laskettu toiseen kertaan.",
    "costs.count_x_unit": "Kappalemäärä kerrottiin yksikköhinnalla kokonaissummaksi.",
    "costs.count_total_differs": "Ilmoitettu yhteissumma poikkeaa kappalemäärän ja yksikköhinnan tulosta; käytettiin ilmoitettua yhteissummaa.",
    "resources.missing": "Suunnitelma kertoo resurssit muille hankkeille, mutta ei tälle.",
    "resources.unknown": "Resurssitarve ei ole tiedossa.",
    "resources.no_party": "Tekstistä ei löytynyt osapuolta.",
    "resources.own_work_as_it": "'Oma työ' tulkittiin tietohallinnon työksi.",
    "resources.amount_without_party": "Määrä ilman osapuolta; sitä ei kohdistettu.",
    "resources.amount_party_ambiguous": "Määrä kohdistettiin lähimpään osapuoleen; kohdistus on epävarma.",
    "resources.unsupported_unit": "Yksikköä ei tueta (esim. henkilötyökuukausi); määrää ei tallennettu.",
    "resources.repeated_party": "Sama osapuoli mainitaan useasti; suurin määrä jäi voimaan.",
    "resources.conflicting_amounts": "Samalle osapuolelle on eri yksiköin ilmoitettuja määriä.",
    "encoding.utf16_bom": "Tiedosto luettiin UTF-16-merkistönä (tiedoston alussa on BOM-tunniste).",
    "encoding.utf32_bom": "Tiedosto luettiin UTF-32-merkistönä (tiedoston alussa on BOM-tunniste).",
    "encoding.utf16": "Tiedosto luettiin UTF-16-merkistönä, joka tunnistettiin tavujen järjestyksestä (BOM-tunnistetta ei ole).",
    "encoding.cp1252": "Tiedosto ei ole UTF-8-muodossa; se luettiin Windows-merkistönä (cp1252). Tarkista ääkköset ja erikoismerkit.",
}
FIELD_NAMES = {
    "encoding": ("Merkistö", "Encoding"),
    "schedule": ("Aikataulu", "Schedule"),
    "costs": ("Kustannukset", "Costs"),
    "probability": ("Todennäköisyys", "Probability"),
    "responsible": ("Aikatauluvastuu", "Responsible party"),
    "resources": ("Resurssit", "Resources"),
    "structure": ("Rakenne", "Structure"),
    "organisation": ("Organisaatio", "Organisation"),
    "period": ("Kausi", "Period"),
}


SHEET_NOTE_PREFIX_FI = {
    "sheet.schedule": "Päivämäärää ei voitu lukea",
    "sheet.costs": "Summaa ei voitu lukea",
    "sheet.probability": "Arviota ei löydy määrittelystä",
    "sheet.resources": "Resurssimäärää ei voitu lukea",
    "sheet.no_title": "Hankkeen nimi puuttuu",
    "sheet.missing_columns": "Määrittelyn sarakkeita ei löydy taulukosta",
    "costs.negative": "Negatiivinen kustannus säilytettiin sellaisenaan (säästö vai kirjoitusvirhe?)",
    "costs.min_above_max": "Minimi on suurempi kuin maksimi; molemmat säilytettiin sellaisinaan",
    # Encoding notes on a plan: the stored text names the lines, or the encoding the user gave.
    "encoding.mixed": "Tiedosto on UTF-8-muodossa lukuun ottamatta joitakin rivejä, jotka luettiin Windows-merkistönä (cp1252)",
    "encoding.given": "Tiedosto luettiin tuonnissa annetulla merkistöllä",
}


def note_message(code: str, stored_message: str, language: str) -> str:
    """A parse note explained in the UI language (the loader stores English). Sheet notes keep the stored
    text after a Finnish lead, since it names the sheet, row and column."""
    if language == "fi" and code in NOTE_MESSAGES_FI:
        return NOTE_MESSAGES_FI[code]
    if language == "fi" and code in SHEET_NOTE_PREFIX_FI:
        return f"{SHEET_NOTE_PREFIX_FI[code]}: {stored_message}"
    return stored_message


def field_name(field: str, language: str) -> str:
    names = FIELD_NAMES.get(field)
    if names is None:
        return field
    return names[1] if language == "en" else names[0]
