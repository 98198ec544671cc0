"""How long a person waits for a command: wall time of ``backbridge --help``, ``exercises list``,
``log set``, ``plan`` and ``plan --json``, each as a user runs it (a new process of the
installed entry point).

For every command: the **first run** (a new home with no database and an empty catalogue
cache, in a fresh interpreter, after dropping the file cache where this machine allows it: root
on Linux; otherwise the cache stays warm and the line says so), then the **median** (and
min/max) of ``--runs`` more runs in that home, then a **cold** run: the file cache dropped again
but the home and the catalogue cache kept, as a person's first command after the computer
started. ``log set`` gets a home whose safety questions are answered (in-process, before the
clock starts, with a catalogue cache of its own that the command does not see), as any home has
before its first set. The 1-minute load average is printed before and after each command.

Bytecode as installed: pip compiles an installed package's modules at install time, but this
machine's environment may say ``PYTHONDONTWRITEBYTECODE``, which would make every start
compile backbridge from source. So the commands run without it, with ``PYTHONPYCACHEPREFIX``
pointing into this run's temporary folder (nothing is written into the checkout), compiled
once before any timing (each command run once, untimed, in a scratch home); ``--no-bytecode``
measures the other way. Homes, caches and bytecode
are temporary folders of this run; nothing else is touched.
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
    "plan --json": ["plan", "--json"],
}  # fmt: skip


def drop_file_cache() -> bool:
    """Empty the kernel's page cache so the first run reads the code from disk; needs root."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def environment(home: Path, cache: Path, pycache: Path | None) -> dict[str, str]:
    """The user's environment without backbridge settings, with this run's home and cache and
    the bytecode setting of the run."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BACKBRIDGE_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("PYTHONPYCACHEPREFIX", None)
    if pycache is None:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    else:
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    env.update(BACKBRIDGE_HOME=str(home), BACKBRIDGE_CACHE_DIR=str(cache), COLUMNS="100")
    return env


def timed(args: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run([str(ENTRY), *args], env=env, check=True, capture_output=True)
    return time.perf_counter() - began


def compile_bytecode(pycache: Path, scratch: Path) -> None:
    """Write the bytecode of every module the commands import into ``pycache``, as pip does at
    install, by running each once in a scratch home (untimed; the file cache is dropped
    before each first run all the same)."""
    for number, args in enumerate(COMMANDS.values()):
        env = environment(scratch / f"home-{number}", scratch / "cache", pycache)
        subprocess.run([str(ENTRY), *args], env=env, check=False, capture_output=True)


def screened(home: Path, cache: Path) -> None:
    from backbridge.services import build_services
    from backbridge.settings import Settings

    services = build_services(Settings(home=home, cache_dir=cache))
    services.safety.submit(dict.fromkeys((q.id for q in services.safety.questions()), False))
    services.overview.mark_notice_seen()
    services.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--no-bytecode", action="store_true",
                        help="compile at every start (PYTHONDONTWRITEBYTECODE)")  # fmt: skip
    parser.add_argument("commands", nargs="*", metavar="COMMAND",
                        help=f"which commands (default: all): {', '.join(COMMANDS)}")  # fmt: skip
    options = parser.parse_args()
    unknown = [name for name in options.commands if name not in COMMANDS]
    if unknown:  # checked here: argparse's `choices` refuses an empty `nargs="*"` on 3.11
        parser.error(f"unknown command {unknown[0]!r}; choose from {', '.join(COMMANDS)}")
    options.commands = options.commands or list(COMMANDS)
    with tempfile.TemporaryDirectory(prefix="backbridge-startup-") as tmp:
        pycache = None if options.no_bytecode else Path(tmp) / "pycache"
        if pycache is not None:
            compile_bytecode(pycache, Path(tmp) / "scratch")
        python = [timed_python() for _ in range(options.runs)]
        bytecode = "none, compiled at every start" if pycache is None else "as installed"
        print(f"{os.cpu_count()} CPUs; python -c pass: median "
              f"{statistics.median(python) * 1000:.0f} ms; {options.runs} runs after the first; "
              f"bytecode: {bytecode}")  # fmt: skip
        print(f"{'command':<18}{'first ms':>9}{'median':>8}{'min':>6}{'max':>6}{'cold':>6}"
              "   cache    load 1m")  # fmt: skip
        for number, name in enumerate(options.commands):
            home, cache = Path(tmp) / f"home-{number}", Path(tmp) / f"cache-{number}"
            if name == "log set":
                screened(home, Path(tmp) / f"cache-{number}-setup")
            env = environment(home, cache, pycache)
            before = load_average()
            dropped = drop_file_cache()
            first = timed(COMMANDS[name], env)
            runs = [timed(COMMANDS[name], env) for _ in range(options.runs)]
            drop_file_cache()
            cold = timed(COMMANDS[name], env)
            label = "--help" if name == "help" else name
            print(f"{label:<18}{first * 1000:>9.0f}{statistics.median(runs) * 1000:>8.0f}"
                  f"{min(runs) * 1000:>6.0f}{max(runs) * 1000:>6.0f}{cold * 1000:>6.0f}   "
                  f"{'dropped' if dropped else 'warm':<8} {before:.2f}>{load_average():.2f}",
                  flush=True)  # fmt: skip


def timed_python() -> float:
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    return time.perf_counter() - began


if __name__ == "__main__":
    main()
