"""Benchmark: hostile inputs that once made the loaders work far longer than their size warrants.

Builds in a temporary folder:
  - a 63 KB plan document: the sample plan with one schedule ("Aikataulu: ") a run of 60,000 dashes, and the same
    with text after the dashes (the case the old schedule and resource patterns backtracked on quadratically);
  - a 2 KB-class workbook with a small table at A1 and one cell at XFD1048576;
  - a 12 MB CSV of 200,000 template rows (Koodi;Hanke;Palveluala;Alku;Loppu;Kertakustannus max).
Each is read in a child process of its own (load_document, load_sheet, preview_sheet), which first reads an
ordinary input to warm up, then reports for the hostile one wall and CPU time, peak resident memory (getrusage
ru_maxrss, with the memory after the warm-up for comparison) and what was read. CPU time is the steadier figure on
a shared machine. A child that runs past --timeout is stopped and reported as such.

Run: .venv/bin/python -m benchmarks.hostile_inputs [--rows 200000] [--dashes 60000] [--timeout 600]
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_PLAN = ROOT / "sample_data" / "esimerkkila_toimenpidesuunnitelma_2027.md"
SCHEDULE_LINE = "**Aikataulu:** 1/2027–6/2027"  # project 2.2 of the sample plan
CSV_HEADER = "Koodi;Hanke;Palveluala;Alku;Loppu;Kertakustannus max"


# --- the inputs ---------------------------------------------------------------------------------------------


def dash_document(dashes: int, after: str = "") -> bytes:
    """The sample plan with project 2.2's schedule replaced by 'Aikataulu: ' and a run of dashes."""
    text = SAMPLE_PLAN.read_text(encoding="utf-8")
    if SCHEDULE_LINE not in text:
        raise SystemExit(f"{SAMPLE_PLAN.name} no longer has the line {SCHEDULE_LINE!r}")
    return text.replace(SCHEDULE_LINE, "Aikataulu: " + "-" * dashes + after).encode("utf-8")


def far_cell_workbook() -> bytes:
    """A header and two rows at A1, and one cell at XFD1048576 (the last cell of a sheet)."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Hankkeet"
    for row in (("Koodi", "Hanke", "Palveluala", "Alku", "Loppu"),
                ("2.1", "Verkon uusiminen", "Tietohallinto", "1/2027", "6/2027"),
                ("2.2", "Työasemien vaihto", "Tietohallinto", "3/2027", "12/2027")):
        sheet.append(row)
    sheet["XFD1048576"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_csv(rows: int, seed: int = 1) -> bytes:
    """A Salkku template CSV (semicolons, UTF-8) of `rows` realistic projects."""
    rnd = random.Random(seed)
    areas = ("Tietohallinto", "Hallintopalvelut", "Sivistyspalvelut", "Tekniset palvelut", "Sosiaali- ja terveyspalvelut")
    titles = ("Verkon uusiminen", "Asiakasjärjestelmä", "Työasemien vaihto", "Kirjastojärjestelmä", "Sähköinen arkisto",
              "Laskutuksen uudistus", "Tilavaraukset", "Katuvalojen ohjaus")
    lines = [CSV_HEADER]
    for index in range(rows):
        start = rnd.randint(1, 12)
        lines.append(f"{index // 100 + 1}.{index % 100 + 1};{rnd.choice(titles)} {index};{rnd.choice(areas)};"
                     f"{start}/2027;{rnd.randint(1, 12)}/2028;{rnd.randint(1, 400) * 500}")
    return ("\n".join(lines) + "\n").encode("utf-8")


# --- one measurement, in a child process ----------------------------------------------------------------------


def _child(kind: str, path: Path) -> None:
    from loaders import load_document, load_sheet, preview_sheet

    data = path.read_bytes()
    # Warm up with an ordinary input first, so one-off costs (imports, compiled patterns, dictionaries the
    # readers load on first use) are not counted against the hostile one.
    if kind == "document":
        load_document(SAMPLE_PLAN)
    else:
        load_sheet("warm_up.csv", template_csv(10))
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    if kind == "document":
        plan = load_document(path)
        unknown = sum("unknown" in project.schedule.flags for project in plan.projects)
        read = f"{len(plan.projects)} projects, {unknown} with the schedule unknown"
    elif kind == "preview":
        table, _ = preview_sheet(path.name, data)
        read = f"{len(table.rows):,} records, {len(table.headers)} columns"
    else:
        plans = load_sheet(path.name, data)
        read = f"{sum(len(plan.projects) for plan in plans):,} projects"
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(json.dumps({"seconds": seconds, "cpu": cpu, "warm_mb": before.ru_maxrss / 1024,
                      "peak_mb": after.ru_maxrss / 1024, "read": read}))


def measure(kind: str, path: Path, timeout: float) -> dict:
    command = [sys.executable, "-m", "benchmarks.hostile_inputs", "--child", kind, str(path)]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"stopped after {time.perf_counter() - started:.0f} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": f"failed: {last[:100]}"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000, help="rows of the CSV")
    parser.add_argument("--dashes", type=int, default=60_000, help="dashes in the schedule of the plan document")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a child is stopped")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.child:
        _child(arguments.child[0], Path(arguments.child[1]))
        return

    with tempfile.TemporaryDirectory() as folder:
        inputs = []
        for name, kind, label, data in (
            ("dashes.md", "document", "plan, schedule of dashes", dash_document(arguments.dashes)),
            ("dashes_then_text.md", "document", "plan, dashes then text", dash_document(arguments.dashes, " ei tiedossa")),
            ("far_cell.xlsx", "sheet", "workbook, cell at XFD1048576", far_cell_workbook()),
            ("far_cell.xlsx", "preview", "  the same, preview_sheet", None),
            ("salkku_rows.csv", "sheet", f"CSV, {arguments.rows:,} rows", template_csv(arguments.rows)),
            ("salkku_rows.csv", "preview", "  the same, preview_sheet", None),
        ):
            path = Path(folder) / name
            if data is not None:
                path.write_bytes(data)
            inputs.append((label, kind, path))

        print(f"{'input':<32}{'size':>10}{'wall s':>9}{'cpu s':>8}{'peak MB':>9}{'(warm)':>10}  read")
        for label, kind, path in inputs:
            size = path.stat().st_size
            size_text = f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.1f} KB"
            result = measure(kind, path, arguments.timeout)
            if "error" in result:
                print(f"{label:<32}{size_text:>10}  {result['error']}")
                continue
            print(f"{label:<32}{size_text:>10}{result['seconds']:>9.2f}{result['cpu']:>8.2f}"
                  f"{result['peak_mb']:>9.0f}{result['warm_mb']:>10.0f}  {result['read']}")


if __name__ == "__main__":
    main()
