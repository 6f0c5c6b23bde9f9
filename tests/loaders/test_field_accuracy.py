"""The loader against hand labels of the reference documents: project recall and per-field accuracy stay at least
at the floors below (set just under the figures measured when the labels were made, so any regression fails), and
the comparison itself counts right (a wrong value is wrong, a missed project is missed, null = null is right, a
value the document does not state is wrong).

The figures: `.venv/bin/python -m benchmarks.field_accuracy --details`. Labels: tests/fixtures/labels/.
"""
from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from tests.conftest import SEEDS, requires_seeds
from tests.loaders.labels import (
    LABELS_DIR,
    PLAN_FIELDS,
    PROJECT_FIELDS,
    label_files,
    load_labels,
    score_all,
    score_document,
    score_projects,
)

# Document prefix: (project recall, {field: accuracy}) floors, as shares of the labelled projects. Raise them when
# the loader gets better; lower one only with a reason (a label corrected after re-reading the document).
FLOORS = {
    "000": (0.99, {"title": 0.99, "service_area": 0.99, "schedule_start": 0.99, "schedule_end": 0.94,
                   "probability": 0.99, "probability_driver": 0.99, "responsible": 0.92, "cost_one_off": 0.99,
                   "cost_annual": 0.99, "resource_parties": 0.96, "it_resource": 0.96, "has_impact": 0.99,
                   "has_strategic_goal": 0.99, "has_infomgmt": 0.99}),
    "001": (0.99, {"title": 0.99, "service_area": 0.99, "schedule_start": 0.99, "schedule_end": 0.99,
                   "probability": 0.99, "probability_driver": 0.74, "responsible": 0.99, "cost_one_off": 0.94,
                   "cost_annual": 0.94, "resource_parties": 0.64, "it_resource": 0.99, "has_impact": 0.99,
                   "has_strategic_goal": 0.99, "has_infomgmt": 0.99}),
    # 003: the loader takes organisational units (4.1.1-4.1.3, 4.4.2) for projects and does not split out their
    # sub-headed projects, and reads no schedule from the prose.
    "003": (0.59, {"title": 0.59, "service_area": 0.59, "schedule_start": 0.45, "schedule_end": 0.49,
                   "probability": 0.59, "probability_driver": 0.59, "responsible": 0.59, "cost_one_off": 0.59,
                   "cost_annual": 0.59, "resource_parties": 0.59, "it_resource": 0.59, "has_impact": 0.59,
                   "has_strategic_goal": 0.59, "has_infomgmt": 0.59}),
    "004": (0.99, {"title": 0.99, "service_area": 0.99, "schedule_start": 0.99, "schedule_end": 0.99,
                   "probability": 0.99, "probability_driver": 0.64, "responsible": 0.99, "cost_one_off": 0.99,
                   "cost_annual": 0.94, "resource_parties": 0.77, "it_resource": 0.99, "has_impact": 0.99,
                   "has_strategic_goal": 0.99, "has_infomgmt": 0.99}),
}
NO_PROJECTS = {"002"}  # a strategy: a project read from it is invented


@pytest.fixture(scope="module")
def scores():
    return {score.document[:3]: score for score in score_all(SEEDS)}


def test_every_reference_document_has_labels():
    assert [path.name[:3] for path in label_files()] == ["000", "001", "002", "003", "004"]
    for path in label_files():
        labels = load_labels(path)
        assert labels["source"] and labels["document"] == path.stem + ".txt"
        for project in labels["projects"]:
            assert set(PROJECT_FIELDS) <= set(project), f"{path.name} {project.get('code')}: a field is not labelled"


@requires_seeds
@pytest.mark.parametrize("prefix", sorted(FLOORS))
def test_recall_and_field_accuracy_stay_above_their_floors(scores, prefix):
    score = scores[prefix]
    recall_floor, field_floors = FLOORS[prefix]
    assert score.recall >= recall_floor, f"{prefix}: projects not found: {score.missed}"
    below = {name: f"{score.accuracy(name):.2f} < {floor}" for name, floor in field_floors.items()
             if score.accuracy(name) < floor}
    details = [f"{item.project} {item.field}: expected {item.expected!r}, read {item.read!r}"
               for item in score.disagreements if item.field in below]
    assert not below, f"{prefix}: accuracy fell: {below}\n" + "\n".join(details)


@requires_seeds
@pytest.mark.parametrize("prefix", sorted(FLOORS) + sorted(NO_PROJECTS))
def test_plan_facts_are_read_right(scores, prefix):
    score = scores[prefix]
    assert all(score.plan_correct.values()), [(d.field, d.expected, d.read) for d in score.disagreements
                                              if d.project == "(plan)"]


@requires_seeds
@pytest.mark.parametrize("prefix", sorted(NO_PROJECTS))
def test_no_project_is_invented_in_a_strategy(scores, prefix):
    assert scores[prefix].read == 0 and scores[prefix].labelled == 0


# ----------------------------------------------------------------------------------------- the comparison itself
def _label(**values):
    label = {"code": "2.1", "title": "Asset Management", "service_area": "Tietohallinto",
             "schedule_start": "2023-04", "schedule_end": "2023-12", "probability": "likely",
             "probability_driver": "own_resources", "responsible": "it", "cost_one_off": [5000, 10000],
             "cost_annual": None, "resource_parties": ["it", "purchased_services"], "it_resource": None,
             "has_impact": True, "has_strategic_goal": True, "has_infomgmt": True}
    label.update(values)
    return label


def _item(kind, low, high=None, **extra):
    return SimpleNamespace(kind=kind, min_amount=None if low is None else Decimal(low),
                           max_amount=None if high is None and low is None else Decimal(high if high is not None else low),
                           **extra)


def _need(party, low=None, high=None, unit=None, per=None):
    return SimpleNamespace(party=party, amount_min=low if low is None else Decimal(str(low)),
                           amount_max=high if high is None else Decimal(str(high)), unit=unit, per=per)


def _project(**values):
    project = SimpleNamespace(
        code="2.1", title="Asset Management", service_area="Tietohallinto",
        schedule=SimpleNamespace(start="2023-04", end="2023-12"),
        probability=SimpleNamespace(probability_class="likely", driver="own_resources"),
        responsible=SimpleNamespace(responsible_class="it"),
        costs=SimpleNamespace(items=[_item("one_off", "5000", "10000")], flags=()),
        resources=SimpleNamespace(needs=[_need("it"), _need("purchased_services")]),
        impact_text="Omaisuuden hallinta paranee.", strategic_goal="Toiminnan laadullinen parantaminen",
        infomgmt_a="Ei vaikutusta", infomgmt_b=None, infomgmt_c=None, infomgmt_d=None, infomgmt_text=None)
    for name, value in values.items():
        setattr(project, name, value)
    return project


def _wrong_fields(label, project):
    score = score_projects("doc", [label], [project])
    return {item.field for item in score.disagreements}


def test_a_project_read_as_labelled_is_right_in_every_field():
    score = score_projects("doc", [_label()], [_project()])
    assert (score.labelled, score.read, score.matched, score.missed, score.extra) == (1, 1, 1, [], [])
    assert score.correct == dict.fromkeys(PROJECT_FIELDS, 1)


CASES = [
    # (what, label values, read values, the field, counts as right)
    ("a wrong month is wrong", {}, {"schedule": SimpleNamespace(start="2023-05", end="2023-12")}, "schedule_start", False),
    ("a year label is its January as start", {"schedule_start": "2023"},
     {"schedule": SimpleNamespace(start="2023-01", end="2023-12")}, "schedule_start", True),
    ("a year label is its December as end", {"schedule_end": "2023"}, {}, "schedule_end", True),
    ("null label, null read: right", {"schedule_end": None}, {"schedule": SimpleNamespace(start="2023-04", end=None)},
     "schedule_end", True),
    ("null label, a read value: wrong (invented)", {"schedule_end": None}, {}, "schedule_end", False),
    ("a label, nothing read: wrong", {}, {"schedule": SimpleNamespace(start=None, end=None)}, "schedule_start", False),
    ("Decimal and int amounts are equal", {"cost_one_off": 14000},
     {"costs": SimpleNamespace(items=[_item("one_off", "14000.00")], flags=())}, "cost_one_off", True),
    ("a wrong amount is wrong", {"cost_one_off": 14000},
     {"costs": SimpleNamespace(items=[_item("one_off", "1400")], flags=())}, "cost_one_off", False),
    ("an invented cost is wrong", {"cost_annual": None},
     {"costs": SimpleNamespace(items=[_item("one_off", "5000", "10000"), _item("annual", "12500")], flags=())},
     "cost_annual", False),
    ("no costs at all and null labels: right", {"cost_one_off": None}, {"costs": None}, "cost_one_off", True),
    ("items of one kind are summed", {"cost_one_off": 50000},
     {"costs": SimpleNamespace(items=[_item("one_off", "25000"), _item("one_off", "25000")], flags=())},
     "cost_one_off", True),
    ("'no (new) costs' is 0", {"cost_one_off": 0, "cost_annual": 0},
     {"costs": SimpleNamespace(items=[], flags=("no_figure", "none_stated"))}, "cost_annual", True),
    ("'no figure' is not 0", {"cost_one_off": 0},
     {"costs": SimpleNamespace(items=[], flags=("no_figure",))}, "cost_one_off", False),
    ("probability 'unknown' equals a null label", {"probability": None},
     {"probability": SimpleNamespace(probability_class="unknown", driver="own_resources")}, "probability", True),
    ("a guessed probability class is wrong", {"probability": None}, {}, "probability", False),
    ("resource parties compare as sets", {"resource_parties": ["purchased_services", "it"]},
     {"resources": SimpleNamespace(needs=[_need("purchased_services"), _need("it"), _need("it")])},
     "resource_parties", True),
    ("an extra party is wrong", {}, {"resources": SimpleNamespace(needs=[_need("it"), _need("external"),
                                                                         _need("purchased_services")])},
     "resource_parties", False),
    ("an IT amount with its unit and basis", {"it_resource": {"min": 2, "max": 2, "unit": "person_days",
                                                              "per": "prosessi"}},
     {"resources": SimpleNamespace(needs=[_need("it", 2, 2, "person_days", "prosessi"), _need("purchased_services")])},
     "it_resource", True),
    ("an IT amount in another unit is wrong", {"it_resource": {"min": 1, "max": 2, "unit": "persons"}},
     {"resources": SimpleNamespace(needs=[_need("it", 1, 2, "person_years"), _need("purchased_services")])},
     "it_resource", False),
    ("title: spacing and a trailing dot are representation", {"title": "Asset  Management."}, {}, "title", True),
    ("title: other words are wrong", {"title": "Asset management system"},
     {"title": "Asset management"}, "title", False),
    ("service area ignores case", {"service_area": "tietohallinto"}, {}, "service_area", True),
    ("a field missing in the text is False", {"has_infomgmt": False}, {"infomgmt_a": None}, "has_infomgmt", True),
    ("a field read where the text has none is wrong", {"has_impact": False}, {}, "has_impact", False),
]


@pytest.mark.parametrize("what, label_values, read_values, name, right", CASES, ids=[case[0] for case in CASES])
def test_comparison_counts_right(what, label_values, read_values, name, right):
    assert (name not in _wrong_fields(_label(**label_values), _project(**read_values))) is right


def test_a_missed_project_counts_as_missed_and_wrong_in_every_field():
    other = _label(code="2.2", title="Automatisointi, integraatiot")
    score = score_projects("doc", [_label(), other], [_project()])
    assert (score.labelled, score.matched, score.missed) == (2, 1, ["2.2"])
    assert score.recall == 0.5 and all(score.accuracy(name) == 0.5 for name in PROJECT_FIELDS)


def test_an_unlabelled_project_read_is_extra_and_does_not_count_as_a_match():
    score = score_projects("doc", [_label()], [_project(code="1", title="Toimenpidesuunnitelman sisällöstä"), _project()])
    assert (score.matched, score.read, score.extra) == (1, 2, ["1 Toimenpidesuunnitelman sisällöstä"])


@pytest.mark.parametrize("label_values, read_values", [
    ({"code": "6.1"}, {"code": "6.1."}),  # a trailing dot on the code
    ({"code": None}, {"code": "4.1.2"}),  # no code in the document: by title
    ({"code": "9.9"}, {}),  # code differs: still found by title
])
def test_projects_match_by_code_else_by_title(label_values, read_values):
    assert score_projects("doc", [_label(**label_values)], [_project(**read_values)]).matched == 1


def test_each_read_project_matches_one_label_only():
    score = score_projects("doc", [_label(), _label(code=None)], [_project()])
    assert score.matched == 1


def test_plan_facts_and_themes_are_compared():
    labels = {"document": "doc.txt", "projects": [], "themes": [["2.1", "Sähköisen asioinnin tukeminen"]],
              "plan": {"kind": "strategy", "organisation": "Naantali", "period_start_year": 2017,
                       "period_end_year": 2021, "document_date": None}}
    plan = SimpleNamespace(kind="strategy", organisation="Naantali", period_start_year=2017, period_end_year=2021,
                           document_date=None, themes=[("2.1.", "Sähköisen asioinnin tukeminen")], projects=[])
    assert score_document(labels, plan).plan_correct == dict.fromkeys(PLAN_FIELDS, True)
    plan.kind, plan.themes = "action_plan", []
    wrong = {name for name, right in score_document(labels, plan).plan_correct.items() if not right}
    assert wrong == {"kind", "themes"}


def test_labels_dir_is_the_fixtures():
    assert LABELS_DIR.name == "labels" and LABELS_DIR.parent.name == "fixtures"
