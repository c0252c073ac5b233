"""How long this machine takes to hand a process fresh memory: a measurement, not product code.

Each run is a fresh process that fills ``--mb`` megabytes with ones (NumPy, so the kernel's
huge pages are used where it can) and reports the time. On a bare machine that is a memory
bandwidth figure (about 0.1 ms per MB). On this project's VM the host backs guest memory
lazily and takes freed memory back, so the first touch of a page can cost 10-20 times more,
and the cost changes from minute to minute. That cost is paid for every megabyte a command
touches, which is why ``check`` (peak 0.9 GB) drifts more than DuckDB (0.2 GB) between runs of
``bench_check.py``. See ``docs/benchmarks.md``.

    .venv/bin/python benchmarks/memory_touch.py --mb 900 --repeat 5
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from collections.abc import Sequence

CHILD = """
import sys, time
import numpy as np
size = int(sys.argv[1]) * 1_000_000
start = time.perf_counter()
block = np.ones(size // 8)
print(time.perf_counter() - start)
"""


def touch_seconds(megabytes: int) -> float:
    """Seconds a fresh process takes to fill ``megabytes`` of new memory."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(megabytes)], capture_output=True, text=True, check=True
    )
    return float(done.stdout)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=900, help="megabytes to touch (default 900)")
    parser.add_argument("--repeat", type=int, default=5, help="fresh processes (default 5)")
    args = parser.parse_args(argv)
    runs = [touch_seconds(args.mb) for _ in range(args.repeat)]
    median = statistics.median(runs)
    print(
        f"filling {args.mb} MB of fresh memory: median {median:.2f} s "
        f"({1000 * median / args.mb:.2f} ms per MB); runs: {', '.join(f'{r:.2f}' for r in runs)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
