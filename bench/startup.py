"""How long a person waits for a command: wall time of ``backbridge --help``, ``exercises list``,
``log set`` and ``plan``, each as a user runs it (a new process of the installed entry point).

For every command: the **first run** (a new home with no database, in a fresh interpreter,
after dropping the file cache where this machine allows it: root on Linux; otherwise the cache
stays warm and the line says so), then the **median** (and min/max) of ``--runs`` more runs in
that home. ``log set`` gets a home whose safety questions are answered (in-process, before the
clock starts), as any home has before its first set. The 1-minute load average is printed
before and after each command. The homes are temporary folders of this run; nothing else is
touched.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from load_client import load_average

ENTRY = Path(sys.executable).with_name("backbridge")
COMMANDS = {
    "help": ["--help"],
    "exercises list": ["exercises", "list"],
    "log set": ["log", "set", "-e", "banded-clamshell", "--reps", "10", "--side", "left",
                "--band", "yellow", "--rpe", "7", "--pain", "1"],
    "plan": ["plan"],
}  # fmt: skip


def drop_file_cache() -> bool:
    """Empty the kernel's page cache so the first run reads the code from disk; needs root."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def timed(args: list[str], home: Path) -> float:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKBRIDGE_")}
    env.update(BACKBRIDGE_HOME=str(home), COLUMNS="100")
    began = time.perf_counter()
    subprocess.run([str(ENTRY), *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - began


def screened(home: Path) -> None:
    from backbridge.services import build_services
    from backbridge.settings import Settings

    services = build_services(Settings(home=home))
    services.safety.submit(dict.fromkeys((q.id for q in services.safety.questions()), False))
    services.overview.mark_notice_seen()
    services.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("commands", nargs="*", metavar="COMMAND",
                        help=f"which commands (default: all): {', '.join(COMMANDS)}")  # fmt: skip
    options = parser.parse_args()
    unknown = [name for name in options.commands if name not in COMMANDS]
    if unknown:  # checked here: argparse's `choices` refuses an empty `nargs="*"` on 3.11
        parser.error(f"unknown command {unknown[0]!r}; choose from {', '.join(COMMANDS)}")
    options.commands = options.commands or list(COMMANDS)
    python = [timed_python() for _ in range(options.runs)]
    print(f"{os.cpu_count()} CPUs; python -c pass: median {statistics.median(python) * 1000:.0f} "
          f"ms; {options.runs} runs after the first")  # fmt: skip
    print(f"{'command':<18}{'first ms':>9}{'median':>8}{'min':>6}{'max':>6}   cache    load 1m")
    for name in options.commands:
        with tempfile.TemporaryDirectory(prefix="backbridge-startup-") as tmp:
            home = Path(tmp)
            if name == "log set":
                screened(home)
            before = load_average()
            dropped = drop_file_cache()
            first = timed(COMMANDS[name], home)
            runs = [timed(COMMANDS[name], home) for _ in range(options.runs)]
            cache = "dropped" if dropped else "warm"
            label = "--help" if name == "help" else name
            print(f"{label:<18}{first * 1000:>9.0f}{statistics.median(runs) * 1000:>8.0f}"
                  f"{min(runs) * 1000:>6.0f}{max(runs) * 1000:>6.0f}   {cache:<8} "
                  f"{before:.2f}>{load_average():.2f}", flush=True)  # fmt: skip


def timed_python() -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - began


if __name__ == "__main__":
    main()
