"""How long does a user wait: catalogue load in-process, and a whole CLI command."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

from backbridge.catalog import load_catalog

RUNS = 10


def main() -> None:
    loads = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        load_catalog()
        loads.append((time.perf_counter() - t0) * 1000)
    print(f"catalogue load:                      median {statistics.median(loads):6.1f} ms")
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "BACKBRIDGE_HOME": home}
        for args in (["exercises", "list", "--json"], ["history", "--json"]):
            runs = []
            for _ in range(RUNS):
                t0 = time.perf_counter()
                subprocess.run([sys.executable, "-m", "backbridge", *args], env=env,
                               check=True, capture_output=True)  # fmt: skip
                runs.append((time.perf_counter() - t0) * 1000)
            label = f"backbridge {' '.join(args)}:"
            print(f"{label:37s}median {statistics.median(runs):6.1f} ms")


if __name__ == "__main__":
    main()
