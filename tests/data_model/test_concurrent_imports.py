"""Imports at the same moment and imports that die: every attempt ends with a clear outcome, never a
traceback, and nothing is half-stored. On a SQLite file and on the real PostgreSQL."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from sqlmodel import Session, select

from benchmarks.plan_generator import make_plan, plan_identity, render_text
from data_model import store
from data_model.db import StoreBusyError, make_engine, try_write_lock, write_session
from data_model.tables import ImportRun, Plan, ProjectEntry
from loaders import load_document_bytes
from tests.conftest import PROJECT_ROOT


def generated(index: int, projects_per_area: int = 4):  # noqa: ANN201
    (genitive, _), year = plan_identity(index)
    text = render_text(make_plan(index, projects_per_area, (genitive, ""), year))
    return f"{genitive.lower()}_{year}.txt", text.encode("utf-8")


@pytest.fixture
def store_url(shared_store_url) -> str:
    return shared_store_url


def run_in_threads(url: str, batches: list[list[tuple[str, bytes]]]) -> list[object]:
    """Start every batch's import at the same moment, each thread with an engine of its own."""
    engines = [make_engine(url) for _ in batches]
    barrier = threading.Barrier(len(batches))
    outcomes: list[object] = [None] * len(batches)

    def work(number: int) -> None:
        records = [load_document_bytes(name, data) for name, data in batches[number]]
        barrier.wait()
        try:
            outcomes[number] = store.import_plans(engines[number], records)
        except Exception as error:  # noqa: BLE001  (the test inspects what came out)
            outcomes[number] = error

    threads = [threading.Thread(target=work, args=(number,)) for number in range(len(batches))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for engine in engines:
        engine.dispose()
    return outcomes


def test_two_imports_of_the_same_file_at_once_both_end_well_and_store_it_once(store_url):
    plan = [generated(0, projects_per_area=6)]
    outcomes = run_in_threads(store_url, [plan, plan])
    assert all(isinstance(outcome, store.ImportSummary) for outcome in outcomes), outcomes
    assert sorted(len(outcome.plans[0].replaced) for outcome in outcomes) == [0, 1]  # one waited, then replaced
    engine = make_engine(store_url)
    with Session(engine) as session:
        assert len(session.exec(select(Plan)).all()) == 1
        assert len(session.exec(select(ProjectEntry)).all()) == 30
        assert [run.outcome for run in session.exec(select(ImportRun)).all()] == ["ok", "ok"]
    engine.dispose()


def test_two_imports_of_different_files_at_once_both_land(store_url):
    outcomes = run_in_threads(store_url, [[generated(1), generated(2)], [generated(3)]])
    assert all(isinstance(outcome, store.ImportSummary) for outcome in outcomes), outcomes
    engine = make_engine(store_url)
    with Session(engine) as session:
        assert len(session.exec(select(Plan)).all()) == 3
        assert len(session.exec(select(ProjectEntry)).all()) == 3 * 20
    engine.dispose()


def test_an_import_that_cannot_wait_long_enough_fails_with_a_clear_message(store_url, monkeypatch):
    monkeypatch.setenv("SALKKU_WRITE_WAIT_SECONDS", "0.5")
    engine = make_engine(store_url)
    record = load_document_bytes(*generated(4))
    with write_session(engine):  # another change holds the store
        result: list[object] = []
        waiting = threading.Thread(target=lambda: result.append(_attempt(store_url, record)))
        waiting.start()
        waiting.join(timeout=30)
    assert isinstance(result[0], StoreBusyError), result
    assert "another change of the store is still being saved" in str(result[0])
    with Session(engine) as session:
        assert session.exec(select(Plan)).all() == []
        # PostgreSQL logs the attempt as failed; a SQLite file cannot take even the log row while held.
        runs = session.exec(select(ImportRun)).all()
        assert all(run.outcome == "failed" and "try again" in run.error for run in runs)
        assert len(runs) == (1 if engine.dialect.name == "postgresql" else 0)
    engine.dispose()


def _attempt(url: str, record) -> object:  # noqa: ANN001
    engine = make_engine(url)
    try:
        return store.import_plans(engine, [record])
    except Exception as error:  # noqa: BLE001
        return error
    finally:
        engine.dispose()


def _cli(url: str, *arguments: str) -> subprocess.Popen:
    environment = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(PROJECT_ROOT)}
    return subprocess.Popen([sys.executable, "-m", "loaders", "import", *arguments], cwd=PROJECT_ROOT, env=environment,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def test_two_command_line_imports_at_once_both_finish_without_a_traceback(store_url, tmp_path):
    files = []
    for index in range(2):
        name, data = generated(10 + index, projects_per_area=8)
        path = tmp_path / name
        path.write_bytes(data)
        files.append(str(path))
    processes = [_cli(store_url, files[0], files[1]), _cli(store_url, files[1], files[0])]
    results = [process.communicate(timeout=120) for process in processes]
    for process, (out, err) in zip(processes, results):
        assert process.returncode == 0, err
        assert "Traceback" not in err and "imported 2 plans, 80 projects" in out
    engine = make_engine(store_url)
    with Session(engine) as session:
        assert len(session.exec(select(Plan)).all()) == 2
        assert len(session.exec(select(ProjectEntry)).all()) == 80
    engine.dispose()


def test_an_import_killed_half_way_stores_nothing_and_is_marked_failed_on_the_next_start(store_url, tmp_path):
    files = []
    for index in range(100):
        name, data = generated(20 + index, projects_per_area=8)
        (tmp_path / name).write_bytes(data)
        files.append(str(tmp_path / name))
    engine = make_engine(store_url)
    process = _cli(store_url, *files)
    try:
        deadline = time.monotonic() + 90
        logged = False
        while time.monotonic() < deadline and process.poll() is None:
            if not logged:  # the attempt is logged (committed) just before the plans are written
                with Session(engine) as session:
                    logged = session.exec(select(ImportRun)).first() is not None
            elif not try_write_lock(engine):  # the import is inside its write transaction now
                break
            time.sleep(0.01)
        assert process.poll() is None, "the import finished before it could be stopped"
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    with Session(engine) as session:  # before the next start: the killed import's row still says running
        assert session.exec(select(ImportRun.outcome)).all() == ["running"]
    engine.dispose()

    engine = make_engine(store_url)  # the next start
    with Session(engine) as session:
        run = session.exec(select(ImportRun)).one()
        assert run.outcome == "failed" and run.error.startswith("interrupted")
        assert session.exec(select(Plan)).all() == []
    engine.dispose()
