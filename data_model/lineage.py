"""Project lineage across plan versions: which entry of a newer plan is the same project as an entry of the older.

Every year's plan restates the projects with new codes, dates and wordings. Two entries of consecutive plans of
one organisation (and one sub-portfolio of a split sheet) are matched by their titles, with the code and the
service area as supporting evidence; entries of sheets with an identifier column (GMPP `project_number`, IT
Dashboard `Project ID`, read into the code) are matched by that identifier alone.

Titles are compared as sets of Finnish lemmas, each word weighted by how much it names (a generic word such as
"kehittäminen" or "hankinta" weighs little). The false-match guard: two titles that each hold a naming word the
other lacks ("Merimaskun omatoimikirjasto" / "Velkuan omatoimikirjasto") name different things, and a one-word
title does not match a longer title that narrows it ("Kameravalvonta" / "Jäähallin kameravalvonta").

A person's decisions (data_model.tables.LineageDecision) are applied on top: a rejected or split pair is no
match, a link joins two entries the matcher left apart, and a project's own status (done, cancelled, merged
into another) is kept. Decisions name entries by plan key and code, so they survive a re-import.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from scipy.optimize import linear_sum_assignment
from sqlmodel import Session, select

from data_model import queries
from data_model.tables import LineageDecision

THRESHOLD = 0.55  # the title similarity a match needs (0..1)
PREFILTER = 70  # rapidfuzz token-set score (0..100) of the naming words below which two titles are not weighed
CODE_BONUS = 0.10  # the same code in both plans: supporting evidence, never enough alone
AREA_BONUS = 0.05  # the same (or a similarly named) service area
SHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls", ".ods", ".tsv")
PAIR_KINDS = ("confirm", "reject", "split", "link")  # a person's decision on a pair of entries
STATUS_KINDS = ("done", "cancelled", "merged")  # a person's decision on a project (its latest entry)

# Words that say what is done to a thing, not which thing: they weigh little in a title.
GENERIC_WORDS = frozenset({
    "ja", "sekä", "tai", "eli", "the", "of", "and", "for", "to", "a", "an", "in",
    "kehittäminen", "kehitys", "jatkokehitys", "jatkokehittäminen", "edelleenkehittäminen", "edelleen",
    "uudistaminen", "uudistus", "uusiminen", "hankinta", "hankkiminen", "käyttöönotto", "päivitys", "päivittäminen",
    "toteutus", "toteuttaminen", "määrittely", "suunnittelu", "selvitys", "vaihe", "ii", "iii", "iv", "osa",
    "projekti", "hanke", "ohjelma", "programme", "program", "project", "phase", "uusi", "uudempi", "laajentaminen",
    "optimointi", "parantaminen", "ylläpito", "kartoitus", "pilotointi", "pilotti", "jatko",
})
GENERIC_WEIGHT = 0.15
_WORD = re.compile(r"[0-9a-zåäöéüõ]+", re.IGNORECASE)


@lru_cache(maxsize=8192)
def title_words(title: str) -> tuple[str, ...]:
    """A title's words as lower-case Finnish lemmas, in order, each once.

    >>> title_words("Teknisen tietoturvan jatkokehitys")
    ('tekninen', 'tietoturva', 'jatkokehitys')
    """
    from loaders.values.probability import lemma

    words: list[str] = []
    for token in _WORD.findall(str(title).lower()):
        word = lemma(token) if not token.isdigit() else token
        if word not in words:
            words.append(word)
    return tuple(words)


@lru_cache(maxsize=65_536)
def _weight(word: str) -> float:
    return GENERIC_WEIGHT if word in GENERIC_WORDS or len(word) <= 2 and not word.isdigit() else 1.0


@lru_cache(maxsize=262_144)
def _same_word(a: str, b: str) -> bool:
    """Equal lemmas, a compound and its head or first part ("säilytys" / "säilytysjärjestelmä"), or a form the
    lemmatiser left inflected ("laitehallinnan" / "laitehallinta")."""
    if a == b:
        return True
    if a.isdigit() or b.isdigit():
        return False
    short, long = sorted((a, b), key=len)
    if len(short) >= 5 and (long.startswith(short) or long.endswith(short)):
        return True
    return len(short) >= 6 and fuzz.ratio(a, b) >= 88


def _naming_text(title: str) -> str:
    """The title's naming words (generic ones left out), for the first pass; all words when it has no other."""
    words = title_words(title)
    return " ".join([word for word in words if _weight(word) == 1.0] or words)


@dataclass(frozen=True)
class TitleMatch:
    """How alike two titles are (0..1) and, when the guard refuses them, why."""

    similarity: float
    refused: str | None = None  # "both_name_more" | "narrowed_one_word"


@lru_cache(maxsize=262_144)  # plans restate the same titles: each pair is weighed once
def compare_titles(older: str, newer: str) -> TitleMatch:
    """The weighted share of the two titles' words that the other title also has, with the false-match guard.

    >>> compare_titles("Merimaskun omatoimikirjasto", "Velkuan omatoimikirjasto").refused
    'both_name_more'
    >>> compare_titles("Kameravalvonta", "Jäähallin kameravalvonta").refused
    'narrowed_one_word'
    >>> round(compare_titles("Tekninen tietoturva", "Teknisen tietoturvan jatkokehitys").similarity, 2)
    0.96
    """
    a, b = title_words(older), title_words(newer)
    if not a or not b:
        return TitleMatch(0.0)
    a_set, b_set = set(a), set(b)
    a_found = [word in b_set or any(_same_word(word, other) for other in b) for word in a]
    b_found = [word in a_set or any(_same_word(word, other) for other in a) for word in b]
    shared = sum(_weight(w) for w, found in zip(a, a_found) if found) + sum(_weight(w) for w, found in zip(b, b_found) if found)
    total = sum(_weight(w) for w in a) + sum(_weight(w) for w in b)
    similarity = shared / total if total else 0.0
    a_names_more = [w for w, found in zip(a, a_found) if not found and _weight(w) == 1.0]
    b_names_more = [w for w, found in zip(b, b_found) if not found and _weight(w) == 1.0]
    if a_names_more and b_names_more:
        return TitleMatch(similarity, "both_name_more")
    naming_shared = [w for w, found in zip(a, a_found) if found and _weight(w) == 1.0]
    if (a_names_more or b_names_more) and len(naming_shared) <= 1:
        return TitleMatch(similarity, "narrowed_one_word")
    return TitleMatch(similarity)


def is_sheet(source_name: str) -> bool:
    """A plan read from a sheet (its entries' codes are identifiers, not positions in a document)."""
    return str(source_name).split("#", 1)[0].lower().endswith(SHEET_SUFFIXES)


def is_numbering(codes: pd.Series) -> bool:
    """Codes that only number the rows (1, 2, 3 … or the sheet's row numbers, as the loader gives projects of a
    sheet without an identifier column, e.g. GMPP 2014 and 2017): not identifiers that hold from year to year.

    >>> is_numbering(pd.Series(["2", "3", "4", "5"])), is_numbering(pd.Series(["656", "1024", "77"]))
    (True, False)
    >>> is_numbering(pd.Series(["MOD_0106_1617-Q1", "CO_0024_2021-Q2"]))
    False
    """
    texts = codes.dropna().astype(str).str.strip()
    if texts.empty or not texts.str.fullmatch(r"\d{1,6}").all():
        return False
    numbers = sorted(set(texts.astype(int)))
    return numbers[-1] - numbers[0] + 1 == len(numbers)


MATCH_COLUMNS = ["older_entry_id", "newer_entry_id", "score", "basis"]


def match_entries(older: pd.DataFrame, newer: pd.DataFrame, *, by_identifier: bool = False) -> pd.DataFrame:
    """Pairs of the same project in two plans: `older_entry_id`, `newer_entry_id`, `score` (0..1.15) and `basis`
    ("identifier" or "title"). Each entry is in at most one pair; among the possible pairs the set with the
    highest total score is chosen (not the first best one, which let a subset title take an exact one's match).
    Frames need entry_id, code, title and service_area."""
    if older.empty or newer.empty:
        return pd.DataFrame(columns=MATCH_COLUMNS)
    if by_identifier:
        pairs = older[["entry_id", "code"]].merge(newer[["entry_id", "code"]], on="code", suffixes=("_old", "_new"))
        pairs = pairs[pairs["code"].astype(str).str.strip() != ""].drop_duplicates("entry_id_old").drop_duplicates("entry_id_new")
        return pd.DataFrame({"older_entry_id": pairs["entry_id_old"].to_numpy(), "newer_entry_id": pairs["entry_id_new"].to_numpy(),
                             "score": 1.0, "basis": "identifier"}, columns=MATCH_COLUMNS)
    old_titles, new_titles = older["title"].astype(str).tolist(), newer["title"].astype(str).tolist()
    old_codes, new_codes = older["code"].astype(str).tolist(), newer["code"].astype(str).tolist()
    old_areas = older["service_area"].fillna("").astype(str).tolist()
    new_areas = newer["service_area"].fillna("").astype(str).tolist()
    scores = np.zeros((len(older), len(newer)))
    # A cheap first pass in rapidfuzz's C++ (token-set similarity of the lemma strings) picks the candidate pairs;
    # only those are weighed word by word.
    candidates = process.cdist([_naming_text(title) for title in old_titles], [_naming_text(title) for title in new_titles],
                               scorer=fuzz.token_set_ratio, score_cutoff=PREFILTER, workers=1)
    for i, j in zip(*np.nonzero(candidates)):
        title, other = old_titles[i], new_titles[j]
        found = compare_titles(title, other)
        if found.refused or found.similarity < THRESHOLD:
            continue
        area = old_areas[i] and new_areas[j] and fuzz.ratio(old_areas[i].lower(), new_areas[j].lower()) >= 80
        scores[i, j] = found.similarity + CODE_BONUS * (old_codes[i] == new_codes[j]) + AREA_BONUS * bool(area)
    rows, columns = linear_sum_assignment(scores, maximize=True)
    chosen = scores[rows, columns] > 0
    return pd.DataFrame({
        "older_entry_id": older["entry_id"].to_numpy()[rows[chosen]],
        "newer_entry_id": newer["entry_id"].to_numpy()[columns[chosen]],
        "score": np.round(scores[rows[chosen], columns[chosen]], 3), "basis": "title",
    }, columns=MATCH_COLUMNS)


def plan_date(plans: pd.DataFrame) -> pd.Series:
    """A plan's date for the time axis: the document's date, else 1 January of its period's first year, else the
    import time."""
    first_year = pd.to_datetime(plans["period_start_year"].astype("Int64").astype(str) + "-01-01", errors="coerce")
    imported = pd.to_datetime(plans["imported_at"], utc=True, errors="coerce").dt.tz_localize(None).dt.normalize()
    return pd.to_datetime(plans["document_date"], errors="coerce").fillna(first_year).fillna(imported)


def version_series(plans: pd.DataFrame) -> list[pd.DataFrame]:
    """The action plans of each organisation (and each sub-portfolio of a split sheet), oldest first."""
    action = queries.sort_plans(plans[plans["kind"] == "action_plan"].copy())
    action["plan_date"] = plan_date(action).to_numpy()
    action["series_part"] = action["part"].fillna("") if "part" in action else ""
    return [group.reset_index(drop=True) for _, group in action.groupby(["organisation", "series_part"], sort=True)]


def decisions(session: Session) -> pd.DataFrame:
    """Every decision a person made on matches and project statuses, newest last."""
    rows = session.exec(select(LineageDecision).order_by(LineageDecision.id)).all()
    columns = ["id", "kind", "older_plan_key", "older_code", "newer_plan_key", "newer_code", "actor", "decided_at", "note"]
    return pd.DataFrame([{name: getattr(row, name) for name in columns} for row in rows], columns=columns)


def record_decision(session: Session, kind: str, older: tuple[str, str], newer: tuple[str, str] | None = None, *,
                    actor: str, note: str | None = None) -> LineageDecision:
    """Keep a person's decision (the caller commits). A newer decision on the same pair (or project) replaces the
    effect of an older one; all stay in the history."""
    if kind not in PAIR_KINDS + STATUS_KINDS:
        raise ValueError(f"unknown lineage decision {kind!r}")
    if kind in PAIR_KINDS and newer is None:
        raise ValueError(f"a {kind!r} decision names two entries")
    if kind == "merged" and newer is None:
        raise ValueError("a merged project names the project it was merged into")
    decision = LineageDecision(kind=kind, older_plan_key=older[0], older_code=older[1],
                               newer_plan_key=newer[0] if newer else None, newer_code=newer[1] if newer else None,
                               actor=actor, note=note)
    session.add(decision)
    return decision


def decide(engine, kind: str, older: tuple[str, str], newer: tuple[str, str] | None = None, *,  # noqa: ANN001
           actor: str, note: str | None = None) -> None:
    """Save a person's decision in its own transaction, as a change of the store (every server's pages then
    show it on their next rerun)."""
    from data_model.db import write_session
    from data_model.store import record_change

    with write_session(engine) as session:
        record_decision(session, kind, older, newer, actor=actor, note=note)
        target = f" -> {newer[0]}/{newer[1]}" if newer else ""
        record_change(session, "lineage", [older[0], *([newer[0]] if newer else [])],
                      f"{kind}: {older[0]}/{older[1]}{target}", actor)


def _latest_per_pair(frame: pd.DataFrame) -> pd.DataFrame:
    pairs = frame[frame["kind"].isin(PAIR_KINDS)]
    return pairs.drop_duplicates(["older_plan_key", "older_code", "newer_plan_key", "newer_code"], keep="last")


def _decided_pairs(pair_decisions: pd.DataFrame) -> tuple[set, set]:
    """The pairs a person refused (rejected or split) and those confirmed, as (older key, code, newer key, code)."""
    def pairs(kinds: tuple[str, ...]) -> set:
        return {(row.older_plan_key, row.older_code, row.newer_plan_key, row.newer_code)
                for row in pair_decisions.itertuples() if row.kind in kinds}

    return pairs(("reject", "split")), pairs(("confirm",))


ENTRY_COLUMNS = ["entry_id", "plan_key", "code", "title", "service_area", "start", "end", "one_off_max", "currency",
                 "probability_class", "needs_it", "organisation"]


@dataclass
class Lineage:
    """Matches and chains of the store's plans (or one organisation's)."""

    matches: pd.DataFrame  # one row per matched pair, with both entries' fields (see LINK columns) and `basis`
    entries: pd.DataFrame  # one row per entry of a chain: chain_id, plan_order, is_latest_plan, person_status ...
    plans: pd.DataFrame  # the compared plans with plan_date and series


def build(session: Session, *, organisation: str | None = None) -> Lineage:
    """Match every pair of consecutive plan versions, apply the decisions, and number the chains."""
    all_plans = queries.plans(session)
    if organisation is not None:
        all_plans = all_plans[all_plans["organisation"] == organisation]
    series = version_series(all_plans)
    keys = [key for group in series for key in group["key"]]
    entries = queries.projects(session, selection=queries.PortfolioFilter(plan_keys=tuple(keys))) if keys else \
        pd.DataFrame(columns=ENTRY_COLUMNS)
    entries = entries[[column for column in ENTRY_COLUMNS if column in entries]].copy()
    by_plan = {key: frame for key, frame in entries.groupby("plan_key", sort=False)}
    empty = entries.iloc[0:0]
    made = decisions(session)
    pair_decisions = _latest_per_pair(made)
    refused, confirmed = _decided_pairs(pair_decisions)
    code_to_id = {(row.plan_key, row.code): row.entry_id for row in entries[["plan_key", "code", "entry_id"]].itertuples()}
    id_to_key = {entry_id: key for key, entry_id in code_to_id.items()}

    edges: list[dict] = []
    plan_rows = []
    for group in series:
        for order, row in enumerate(group.itertuples()):
            plan_rows.append({"plan_key": row.key, "organisation": row.organisation, "series": row.series_part,
                              "plan_order": order, "plan_date": row.plan_date, "is_latest_plan": order == len(group) - 1,
                              "plan_name": row.name})
        for older_row, newer_row in zip(group.itertuples(), list(group.itertuples())[1:]):
            older, newer = by_plan.get(older_row.key, empty), by_plan.get(newer_row.key, empty)
            edges += _pair_edges(older, newer, identified=_identified(older, newer, older_row.source_name,
                                                                     newer_row.source_name),
                                 id_to_key=id_to_key, refused=refused, confirmed=confirmed)
    edges += _linked_edges(pair_decisions, code_to_id, edges)
    plan_info = pd.DataFrame(plan_rows, columns=["plan_key", "organisation", "series", "plan_order", "plan_date",
                                                 "is_latest_plan", "plan_name"])

    # Chains: follow each entry's successor; an entry no one precedes starts a chain.
    successor = {edge["older_entry_id"]: edge["newer_entry_id"] for edge in edges}
    preceded = set(successor.values())
    chain_of: dict[int, int] = {}
    for number, start in enumerate(sorted(entry for entry in entries["entry_id"] if entry not in preceded), start=1):
        entry = start
        while entry is not None and entry not in chain_of:
            chain_of[entry] = number
            entry = successor.get(entry)
    entries = entries.merge(plan_info.drop(columns=["organisation"]), on="plan_key", how="left")
    entries["chain_id"] = entries["entry_id"].map(chain_of).astype("Int64")
    status = made[made["kind"].isin(STATUS_KINDS)].drop_duplicates(["older_plan_key", "older_code"], keep="last")
    status_of = {(row.older_plan_key, row.older_code): (row.kind, row.newer_plan_key, row.newer_code)
                 for row in status.itertuples()}
    found = [status_of.get((key, code)) for key, code in zip(entries["plan_key"], entries["code"])]
    entries["person_status"] = [item[0] if item else None for item in found]
    entries["merged_into"] = [f"{item[1]}/{item[2]}" if item and item[0] == "merged" else None for item in found]

    matches = pd.DataFrame(edges, columns=["older_entry_id", "newer_entry_id", "score", "basis", "confirmed"])
    matches = links_frame(matches, entries)
    return Lineage(matches=matches, entries=entries.sort_values(["organisation", "chain_id", "plan_order"]).reset_index(drop=True),
                   plans=plan_info)


def _identified(older: pd.DataFrame, newer: pd.DataFrame, older_source: str, newer_source: str) -> bool:
    """Both plans are sheets whose codes are identifiers (not a numbering of rows): the code decides."""
    return (is_sheet(older_source) and is_sheet(newer_source)
            and not is_numbering(older["code"]) and not is_numbering(newer["code"]))


def _pair_edges(older: pd.DataFrame, newer: pd.DataFrame, *, identified: bool, id_to_key: dict, refused: set,
                confirmed: set) -> list[dict]:
    edges = []
    for match in match_entries(older, newer, by_identifier=identified).itertuples():
        pair = (*id_to_key[match.older_entry_id], *id_to_key[match.newer_entry_id])
        if pair not in refused:
            edges.append({"older_entry_id": match.older_entry_id, "newer_entry_id": match.newer_entry_id,
                          "score": match.score, "basis": match.basis, "confirmed": pair in confirmed})
    return edges


def _linked_edges(pair_decisions: pd.DataFrame, code_to_id: dict, edges: list[dict]) -> list[dict]:
    """A person's links, where both entries are in the store and neither is matched already (else it waits)."""
    taken_old = {edge["older_entry_id"] for edge in edges}
    taken_new = {edge["newer_entry_id"] for edge in edges}
    linked = []
    for row in pair_decisions[pair_decisions["kind"] == "link"].itertuples():
        older_id = code_to_id.get((row.older_plan_key, row.older_code))
        newer_id = code_to_id.get((row.newer_plan_key, row.newer_code))
        if older_id is None or newer_id is None or older_id in taken_old or newer_id in taken_new:
            continue
        linked.append({"older_entry_id": older_id, "newer_entry_id": newer_id, "score": np.nan, "basis": "person",
                       "confirmed": True})
        taken_old.add(older_id)
        taken_new.add(newer_id)
    return linked


def compare_plans(session: Session, older: pd.DataFrame, newer: pd.DataFrame, *, older_source: str,
                  newer_source: str) -> pd.DataFrame:
    """The matches between any two plans of one organisation (the Plans page's comparison), the decisions applied:
    older_entry_id, newer_entry_id, score, basis, confirmed."""
    pair_decisions = _latest_per_pair(decisions(session))
    refused, confirmed = _decided_pairs(pair_decisions)
    both = pd.concat([older, newer])
    code_to_id = {(key, code): entry for key, code, entry in zip(both["plan_key"], both["code"], both["entry_id"])}
    id_to_key = {entry: key for key, entry in code_to_id.items()}
    edges = _pair_edges(older, newer, identified=_identified(older, newer, older_source, newer_source),
                        id_to_key=id_to_key, refused=refused, confirmed=confirmed)
    keys = set(older["plan_key"]) | set(newer["plan_key"])
    mine = pair_decisions[pair_decisions["older_plan_key"].isin(keys) & pair_decisions["newer_plan_key"].isin(keys)]
    edges += _linked_edges(mine, code_to_id, edges)
    return pd.DataFrame(edges, columns=["older_entry_id", "newer_entry_id", "score", "basis", "confirmed"])


def links_frame(edges: pd.DataFrame, entries: pd.DataFrame) -> pd.DataFrame:
    """The matched pairs with both entries' fields, as data_model.calibration reads them."""
    fields = ["entry_id", "plan_key", "plan_date", "code", "title", "service_area", "start", "end", "one_off_max",
              "probability_class", "organisation", "chain_id"]
    side = entries[fields]
    older = side.rename(columns={name: f"older_{name}" for name in fields if name not in ("organisation", "chain_id")})
    newer = side.drop(columns=["organisation", "chain_id"]).rename(columns={name: f"newer_{name}" for name in fields})
    frame = edges.merge(older, on="older_entry_id", how="inner").merge(newer, on="newer_entry_id", how="inner")
    frame = frame.rename(columns={"older_service_area": "service_area", "older_probability_class": "probability_class"})
    return frame.reset_index(drop=True)
