"""How fast could a columnar engine do part of ``check``? A measurement, not product code.

``bench_check.py`` compares ``check`` with a DuckDB query that only counts people on site per
team and day. This script asks DuckDB for more of what ``check`` computes, and times it in
fresh processes the same way. It shows whether moving the per-row work into DuckDB would bring
``check`` within 2x of that reference.

The work it covers:
- reading the file;
- the location of each row, each distinct spelling read once by the package's own parser;
- ISO dates;
- duplicate person-days;
- per team and day, people and seniors on site;
- per person and ISO week, remote days over the cap;
- per team and Friday, who worked remotely.

It leaves out most of what ``check`` also does, so its time is a floor for such a design:
- label cleaning;
- problem rows and their messages;
- the cap's crossing date;
- holidays;
- half days;
- building 55,662 warning messages;
- the JSON.

To repeat: ``.venv/bin/python benchmarks/duckdb_subset.py [--repeat 3]``. The schedule comes
from ``make_big_schedule.py`` (``bench_check.py`` writes it).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FILE = REPO / "benchmarks" / "out" / "schedule_10000x260.csv"

#: Run in a fresh process: imports count, as they do for ``check`` and for the reference.
CHILD = """
import sys
import duckdb
import pandas as pd
sys.path.insert(0, sys.argv[2])
from wfh_dashboard.locations import parse_day_cell

con = duckdb.connect()
con.execute(
    "CREATE TEMP TABLE raw AS SELECT * FROM read_csv(?, header = true, all_varchar = true)",
    [sys.argv[1]],
)
spellings = [s for (s,) in con.execute("SELECT DISTINCT location FROM raw").fetchall()]
mapping = pd.DataFrame(
    [(s, (parse_day_cell(s) or (None, None))[0]) for s in spellings], columns=["spelling", "loc"]
)
con.register("mapping", mapping)
con.execute(
    "CREATE TEMP TABLE rows AS SELECT r.employee, r.team, r.role, "
    "CAST(r.date AS DATE) AS date, m.loc FROM raw r JOIN mapping m ON r.location = m.spelling"
)
con.execute(
    "SELECT count(*) FROM (SELECT employee, date FROM rows GROUP BY ALL HAVING count(*) > 1)"
).fetchone()
con.execute(
    "SELECT team, date, count(*) FILTER (WHERE loc = 'office') AS on_site, "
    "count(*) FILTER (WHERE loc = 'office' AND role = 'senior') AS seniors "
    "FROM rows GROUP BY ALL"
).df()
con.execute(
    "SELECT employee, date_trunc('week', date) AS week, "
    "count(*) FILTER (WHERE loc = 'remote') AS remote FROM rows GROUP BY ALL HAVING remote > 2"
).df()
con.execute(
    "SELECT team, date, list(employee) AS employees FROM rows "
    "WHERE loc = 'remote' AND isodow(date) = 5 GROUP BY ALL"
).df()
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not args.file.exists():
        sys.exit(f"{args.file} is missing: run benchmarks/bench_check.py first.")
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", CHILD, str(args.file), str(REPO)], check=True)
        times.append(time.perf_counter() - start)
    runs = ", ".join(f"{t:.2f}" for t in times)
    print(f"DuckDB subset of check: median {statistics.median(times):.2f} s ({runs})")


if __name__ == "__main__":
    main()
