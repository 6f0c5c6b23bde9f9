"""Stable plan keys: one readable identity per plan that survives re-import, a new file name or another format.

A key is made of the organisation, the kind of plan and its period, e.g. `naantali-toimenpidesuunnitelma-2023`.
The same plan read from .txt and later from .docx gets the same key, so the second import replaces the first.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from slugify import slugify

from loaders.records import PlanRecord, SourceFile
from loaders.values.period import year_range

KEY_LIMIT = 200
_KIND_WORDS = {"action_plan": "toimenpidesuunnitelma", "strategy": "strategia"}
_YEAR = r"(?:19|20)\d{2}"


def _slug(text: str | None, limit: int = 80) -> str:
    return slugify(text or "", max_length=limit, word_boundary=True)


def period_slug(period: str | None) -> str:
    """The part of a key that names the period.

    >>> period_slug("syksy 2022, vuosi 2023"), period_slug("2021–2023"), period_slug("2024-26")
    ('2023', '2021-2023', '2024-2026')
    >>> period_slug("loppuvuosi 2021 ja vuosi 2022"), period_slug("2021"), period_slug("kevät"), period_slug(None)
    ('2022', '2021', 'kevat', '')
    """
    if not period:
        return ""
    span = year_range(period)  # "2021–2023", "2024-26": a period over several years is named by both ends
    if span:
        return f"{span[0]}-{span[1]}"
    years = re.findall(_YEAR, period)
    if years:
        return years[-1]  # "autumn 2022, year 2023": the plan is for the year it names last
    return _slug(period, 40)


def plan_key(organisation: str | None, kind: str, period: str | None, title: str = "", part: str | None = None) -> str:
    """The key of one plan; without a period the title stands in, so undated plans do not collide.

    >>> plan_key("Naantali", "action_plan", "syksy 2022, vuosi 2023")
    'naantali-toimenpidesuunnitelma-2023'
    >>> plan_key("Kauniainen", "action_plan", "2021–2023", "ICT-ohjelma")
    'kauniainen-toimenpidesuunnitelma-2021-2023'
    >>> plan_key("US Federal Government", "action_plan", "2011–2012", part="Department of Defense")
    'us-federal-government-toimenpidesuunnitelma-2011-2012-department-of-defense'
    >>> plan_key("Espoo", "action_plan", None, "ICT-hankkeet")
    'espoo-toimenpidesuunnitelma-ict-hankkeet'
    """
    parts = [_slug(organisation, 60) or "tuntematon", _KIND_WORDS.get(kind, _slug(kind, 30))]
    parts.append(period_slug(period) or _slug(title, 60) or "ilman-kautta")
    if part:
        parts.append(_slug(part, 60))
    return "-".join(item for item in parts if item)[:KEY_LIMIT].strip("-")


def assign_plan_keys(plans: Sequence[PlanRecord]) -> None:
    """Give every plan of one file its key. A key the file already states (a Salkku export) is kept; plans
    of one file that would share a key are told apart by their titles, then by a number, in file order."""
    wanted = {id(plan): plan.key or plan_key(plan.organisation, plan.kind, plan.period, plan.title, plan.part)
              for plan in plans}
    counts = Counter(wanted.values())
    taken: set[str] = set()
    for plan in plans:
        key = wanted[id(plan)]
        if counts[key] > 1 and not plan.key:
            key = f"{key}-{_slug(plan.title, 60)}"[:KEY_LIMIT].strip("-")
        candidate, number = key, 2
        while candidate in taken:
            candidate = f"{key[:KEY_LIMIT - 4]}-{number}"
            number += 1
        taken.add(candidate)
        plan.key = candidate


def finish_plans(plans: list[PlanRecord], source: SourceFile) -> list[PlanRecord]:
    """Keys and the source file for the plans read from one file (a document's one plan, a sheet's several)."""
    assign_plan_keys(plans)
    for plan in plans:
        plan.source_file = source
    return plans


def plan_name(organisation: str | None, title: str, period: str | None) -> str:
    """The plan as people name it: organisation, what the plan is, and its year or years.

    >>> plan_name("Naantali", "Tietohallinnon toimenpidesuunnitelma", "syksy 2022, vuosi 2023")
    'Naantali, toimenpidesuunnitelma 2023'
    >>> plan_name("Kauniainen", "ICT-ohjelma", "2021–2023")
    'Kauniainen, ICT-ohjelma 2021–2023'
    >>> plan_name("Naantali", "Tietohallintostrategia", "2017–2021")
    'Naantali, tietohallintostrategia 2017–2021'
    >>> plan_name(None, "Hankelista", None)
    'Hankelista'
    """
    words = title.split()
    what = title
    if words and re.search(r"(suunnitelma|strategia)$", words[-1].lower()):
        what = words[-1].lower() if len(words) > 1 else words[-1][0].lower() + words[-1][1:]
    span = period_slug(period)
    when = span.replace("-", "–") if re.fullmatch(r"\d{4}(-\d{4})?", span) else (period or "")
    name = f"{what} {when}".strip() if when and when not in what else what
    return f"{organisation}, {name}" if organisation else name
