"""Fuzz the loaders for a few minutes: mutated real documents and sheets (the reference plans, the sample plan,
the external exports) through every entry point. Prints how many inputs gave records, how many a named error
(LoaderError), how many crashed (any other exception, grouped by type and place) and how many took over a second.

Run: .venv/bin/python -m benchmarks.fuzz_loaders [--minutes 3] [--seed 1]
"""
from __future__ import annotations

import argparse
import io
import logging
import random
import signal
import time
import traceback
import zipfile
from collections import Counter
from pathlib import Path

from loaders import load_document_bytes, load_sheet
from loaders.errors import LoaderError

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
INSERTS = [b"-" * 5000, b"\xe2\x80\x93" * 2000, b" " * 3000, b"9" * 60, b"\x00", b"\xff\xfe", b"\n### 2.1 ", b"\n2.1 ",
           b"Kustannukset: ", b"Aikataulu: ", b"\xe2\x82\xac", b"<!DOCTYPE a>", b"\r", b"\t", b";", b"|", b"\"",
           "Toteutumisen todennäköisyys: ei varma".encode()]
SLOW_S = 1.0
HANG_S = 20


class Hang(Exception):
    pass


def corpus() -> list[tuple[str, bytes]]:
    items = [(path.name, path.read_bytes()) for path in sorted((SHARED / "seeds").glob("*.txt"))]
    items += [(path.name, path.read_bytes()) for path in sorted((ROOT / "sample_data").glob("*.md"))]
    for name in ("uk_2021.csv", "uk_2017.csv"):
        path = SHARED / "external" / "gmpp" / name
        if path.exists():
            items.append((name, path.read_bytes()[:200_000]))
    from benchmarks.plan_generator import make_plan, render_docx, render_pdf

    plan = make_plan(seed=3)
    items += [("generoitu.docx", render_docx(plan)), ("generoitu.pdf", render_pdf(plan))]
    import pandas as pd

    from data_model.workbook import to_xlsx_bytes

    rows = pd.DataFrame({"Hanke": ["Varmuuskopiointi", "Työasemat", "Tilavaraus"], "Palvelualue": ["Tietohallinto"] * 3,
                         "Aikataulu": ["2026-10 – 2027-06", "Q1/2027", "syksy 2027"],
                         "Kustannukset": ["12 000 €", "180 000 – 210 000 €", "3 000 €/v"], "Vastuu": ["IT", "IT", "Tila"]})
    items.append(("salkku.xlsx", to_xlsx_bytes(rows)))
    return items


def mutate(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        choice = rng.random()
        position = rng.randrange(len(data) + 1)
        if choice < 0.3 and data:
            data[min(position, len(data) - 1)] = rng.randrange(256)
        elif choice < 0.6:
            data[position:position] = rng.choice(INSERTS)
        elif choice < 0.75:
            del data[position:position + rng.randint(1, 2000)]
        elif choice < 0.9 and data:
            start = rng.randrange(len(data))
            data[position:position] = data[start:start + rng.randint(1, 4000)]
        else:
            data = data[:position]
    return bytes(data)


def mutate_zip(data: bytes, rng: random.Random) -> bytes:
    """Mutate one member of an Office file and pack it again (so the zip itself stays readable)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = {info.filename: package.read(info) for info in package.infolist()}
    except zipfile.BadZipFile:
        return mutate(data, rng)
    name = rng.choice(sorted(members))
    members[name] = mutate(members[name], rng)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for member, content in members.items():
            package.writestr(member, content)
    return buffer.getvalue()


def run(name: str, data: bytes) -> None:
    if name.endswith((".csv", ".xlsx")):
        load_sheet(name, data)
    else:
        load_document_bytes(name, data)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", action="store_true", help="print the first traceback of each kind of crash")
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings about broken files are expected here
    items = corpus()

    def on_alarm(signum, frame):  # noqa: ANN001, ARG001
        raise Hang

    signal.signal(signal.SIGALRM, on_alarm)
    outcomes: Counter[str] = Counter()
    crashes: Counter[str] = Counter()
    slow: list[tuple[float, str]] = []
    deadline = time.monotonic() + arguments.minutes * 60
    while time.monotonic() < deadline:
        name, original = rng.choice(items)
        data = mutate_zip(original, rng) if name.endswith((".docx", ".xlsx")) else mutate(original, rng)
        started = time.perf_counter()
        signal.alarm(HANG_S)
        try:
            run(name, data)
            outcomes["records"] += 1
        except LoaderError:
            outcomes["named error"] += 1
        except Hang:
            outcomes["hang"] += 1
            crashes[f"hang over {HANG_S} s on {name}"] += 1
        except Exception as error:  # noqa: BLE001  (a crash is what we are counting)
            outcomes["crash"] += 1
            place = traceback.extract_tb(error.__traceback__)[-1]
            key = f"{type(error).__name__} at {Path(place.filename).name}:{place.lineno} ({name})"
            if key not in crashes and arguments.show:
                traceback.print_exception(error)
            crashes[key] += 1
        finally:
            signal.alarm(0)
        elapsed = time.perf_counter() - started
        if elapsed > SLOW_S:
            slow.append((elapsed, name))
    total = sum(outcomes.values())
    print(f"{total} inputs in {arguments.minutes:g} min: " + ", ".join(f"{key} {value}" for key, value in outcomes.items()))
    print(f"crashes: {sum(crashes.values())}")
    for key, value in crashes.most_common():
        print(f"  {value:5d}  {key}")
    print(f"over {SLOW_S:g} s: {len(slow)}" + (f" (slowest {max(slow)[0]:.1f} s, {max(slow)[1]})" if slow else ""))


if __name__ == "__main__":
    main()
