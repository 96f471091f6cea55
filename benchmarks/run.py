"""gencli's speed and memory, measured side by side in one run.

    python benchmarks/run.py --reports 1000

Generates N synthetic valid reports (benchmarks/synthetic.py: seeded, varied figures and
narrative, arithmetic that holds) and their Markdown twins, then prints:

1. batch: `gencli build -j 2` over the N reports against pandoc (Markdown → docx, one process
   per document, two at a time) — the ratio, and gencli's milliseconds per report;
2. warm: one report in this process (check + docx + html), median milliseconds, with the
   stages (check, render, docx, html);
3. cold: `gencli build examples/fujian-amr-2020.yaml` in a new interpreter, with a warm cache
   (compiled templates and the .docx package stored by an earlier run, as after any first use),
   against the floor — a bare interpreter importing the third-party libraries gencli is built on
   (FLOOR_LIBRARIES), so everything gencli does on top of them counts; the two are measured in
   turn, the median of each taken. The first-ever build (an empty cache folder) is shown apart;
4. lazy imports: what `gencli --help` and `gencli validate` import of python-docx, Jinja and
   markdown-it (nothing), and cold `validate` against its own floor;
5. memory: the peak RSS of each build worker for 100 reports and for N.

Absolute times depend on the machine and on what else it runs; the ratios hold better, which
is why each comparison is made in the same run. The cold runs (3, 4) start gencli as it starts
once installed: its modules compiled to bytecode once, as pip compiles them and the libraries'
(PYTHONDONTWRITEBYTECODE is lifted for them and the bytecode written to a scratch folder, never
into the source tree), and a scratch cache folder. pandoc comes from Debian (`apt-get install
pandoc`); without it that comparison is skipped and said so.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic

HEAVY = ("docx", "jinja2", "markdown_it")
FLOOR_LIBRARIES = ("click", "ruamel.yaml", "yaml", "jsonschema", "jinja2", "docx", "markdown_it")
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "fujian-amr-2020.yaml"
GENCLI = [sys.executable, "-m", "gencli"]
PROBE = """
import json, sys
from gencli.cli.commands import main
try:
    main(sys.argv[2:], standalone_mode=False)
except SystemExit:
    pass
with open(sys.argv[1], "w") as out:
    json.dump(sorted(sys.modules), out)
"""


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (
        f"nproc {cores}, {model}, Python {platform.python_version()} "
        f"({platform.python_implementation()}), {platform.system()} {platform.release()}"
    )


def _peak_rss_kb(pid: int) -> int:
    """VmHWM: the most memory the process has held resident so far (Linux)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def batch(folder: Path, out: Path, jobs: int) -> tuple[float, list[int]]:
    """Seconds for `gencli build FOLDER -o OUT -j JOBS`, and each worker's peak RSS in KiB."""
    log = out.with_suffix(".log")
    out.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as stderr:  # a file, not a pipe: a full pipe would stall the build
        start = time.perf_counter()
        process = subprocess.Popen(
            [*GENCLI, "build", str(folder), "-o", str(out), "-j", str(jobs)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
        )
        peaks: dict[int, int] = {}
        while process.poll() is None:
            for child in _children(process.pid):
                peaks[child] = max(peaks.get(child, 0), _peak_rss_kb(child))
            time.sleep(0.02)
        seconds = time.perf_counter() - start
    if process.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        sys.exit(f"gencli build failed ({process.returncode}):\n{tail}")
    return seconds, sorted(peaks.values())


def pandoc(twins: list[Path], out: Path, parallel: int = 2) -> float:
    """Seconds for pandoc to turn every Markdown twin into a .docx, `parallel` at a time."""
    out.mkdir(parents=True, exist_ok=True)

    def one(source: Path) -> None:
        subprocess.run(["pandoc", str(source), "-o", str(out / f"{source.stem}.docx")], check=True)

    start = time.perf_counter()
    with ThreadPoolExecutor(parallel) as pool:
        list(pool.map(one, twins))
    return time.perf_counter() - start


def warm(reports: list[Path], rounds: int) -> tuple[float, list[float]]:
    """Milliseconds for one report in this process once warm (check, render, docx, html):
    the median over `reports` of each one's best of `rounds` runs, and of each stage."""
    from gencli.checking.validation import check_file
    from gencli.document.templating import render_document
    from gencli.writers.docx.writer import write_docx
    from gencli.writers.html import write_html

    def stages(path: Path) -> list[float]:
        marks = [time.perf_counter()]
        checked = check_file(path)
        marks.append(time.perf_counter())
        document = render_document(checked.normalized)
        marks.append(time.perf_counter())
        write_docx(document)
        marks.append(time.perf_counter())
        write_html(document)
        marks.append(time.perf_counter())
        return [(b - a) * 1000 for a, b in itertools.pairwise(marks)]

    for path in reports:
        stages(path)
    # Each report's best of `rounds` runs (as timeit does: the slower runs measure the machine's
    # other work, not gencli's), then the median over the reports.
    best = []
    for path in reports:
        runs = [stages(path) for _ in range(rounds)]
        best.append(min(runs, key=sum))
    total = statistics.median(sum(sample) for sample in best)
    return total, [statistics.median(column) for column in zip(*best)]


def cold_environment(scratch: Path) -> dict[str, str]:
    """The environment of the cold runs: bytecode kept (in a scratch folder), as for an installed
    package; without it every start would compile gencli's own modules anew while the libraries'
    come compiled. The cache folder is a scratch one, warmed by the first run."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(scratch / "pycache"))
    env["GENCLI_CACHE_DIR"] = str(scratch / "cache")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _once(command: list[str], env: dict[str, str], check: bool = False) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    seconds = time.perf_counter() - start
    if check and done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()[-2000:]}")
    return seconds


def _seconds(command: list[str], runs: int, env: dict[str, str]) -> float:
    return statistics.median(_once(command, env) for _ in range(runs))


def cold_build(scratch: Path, runs: int) -> tuple[float, float, float]:
    """Median seconds of the floor (a bare interpreter importing FLOOR_LIBRARIES) and of
    `gencli build EXAMPLE` with a warm cache, run in turn `runs` times so that both meet the
    same load; and of a first-ever build, each with a new, empty cache folder."""
    env = cold_environment(scratch)
    floor = [sys.executable, "-c", "import " + ", ".join(FLOOR_LIBRARIES)]
    build = [*GENCLI, "build", str(EXAMPLE), "-o", str(scratch / "out-cold")]
    for _ in range(2):  # bytecode compiled, the cache filled
        _once(floor, env, check=True)
        _once(build, env, check=True)
    floors, builds = [], []
    for _ in range(runs):
        floors.append(_once(floor, env))
        builds.append(_once(build, env, check=True))
    firsts = []
    for _ in range(max(5, runs // 3)):
        empty = tempfile.mkdtemp(prefix="cache-", dir=scratch)
        firsts.append(_once(build, {**env, "GENCLI_CACHE_DIR": empty}, check=True))
    return statistics.median(floors), statistics.median(builds), statistics.median(firsts)


def _modules(args: list[str], scratch: Path) -> list[str]:
    """The modules a gencli command imports beyond those of a bare interpreter."""
    listing = scratch / "modules.json"
    subprocess.run(
        [sys.executable, "-c", PROBE, str(listing), *args],
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    used = json.loads(listing.read_text())
    bare = json.loads(
        subprocess.run(
            [sys.executable, "-c", "import json, sys; print(json.dumps(sorted(sys.modules)))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    return [
        name
        for name in used
        if name not in bare and name != "__main__" and not name.endswith(".__main__")
    ]


def cold(args: list[str], scratch: Path, runs: int) -> tuple[float, float, list[str]]:
    """Median seconds of `gencli ARGS` in a new interpreter, of its floor (a bare interpreter
    importing the same modules), and the modules."""
    modules = _modules(args, scratch)
    floor = (
        f"import importlib\nfor name in {modules!r}:\n    try:\n"
        "        importlib.import_module(name)\n    except Exception:\n        pass\n"
    )
    env = cold_environment(scratch)
    command = _seconds([*GENCLI, *args], runs, env)
    baseline = _seconds([sys.executable, "-c", floor], runs, env)
    return command, baseline, modules


def row(name: str, value: str, target: str, met: bool | None) -> str:
    verdict = "" if met is None else ("met" if met else "NOT MET")
    return f"  {name:<42} {value:<28} {target:<22} {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=1000, help="how many synthetic reports")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=2, help="gencli build -j")
    parser.add_argument("--rounds", type=int, default=5, help="warm rounds over 50 reports")
    parser.add_argument("--cold-runs", type=int, default=31)
    parser.add_argument("--keep", type=Path, help="keep the generated files in this folder")
    options = parser.parse_args()

    scratch = options.keep or Path(tempfile.mkdtemp(prefix="gencli-bench-"))
    print(f"machine: {machine()}")
    print(f"generating {options.reports} reports in {scratch} (seed {options.seed}) …")
    reports, twins = synthetic.write(scratch / "all", options.reports, options.seed)
    small = scratch / "hundred" / "yaml"
    small.mkdir(parents=True, exist_ok=True)
    for path in reports[:100]:
        shutil.copy(path, small / path.name)
    lines = []

    # The hundred first: it also fills the cache (compiled templates, the Word package), so the
    # big batch and the hundred both run as after any first use — a first run imports
    # python-docx and lxml in every worker, which would count as growth with N.
    _, hundred = batch(small, scratch / "out-hundred", options.jobs)
    seconds, workers = batch(reports[0].parent, scratch / "out-gencli", options.jobs)
    per_report = seconds * 1000 / len(reports)
    if shutil.which("pandoc"):
        theirs = pandoc(twins, scratch / "out-pandoc", 2)
        lines.append(
            row(
                f"1. batch: pandoc / gencli -j {options.jobs} ({len(reports)} docs)",
                f"{theirs / seconds:.1f}× ({theirs:.1f} s / {seconds:.1f} s)",
                "≥ 3×",
                theirs / seconds >= 3,
            )
        )
    else:
        lines.append(
            row(
                "1. batch: pandoc comparison",
                "skipped: pandoc not installed (apt-get install pandoc)",
                "",
                None,
            )
        )
    lines.append(
        row(
            f"1. batch: gencli per report (-j {options.jobs})",
            f"{per_report:.1f} ms",
            "≤ 20 ms",
            per_report <= 20,
        )
    )

    total, stage = warm(reports[:50], options.rounds)
    lines.append(
        row("2. warm, one report in-process (median)", f"{total:.1f} ms", "≤ 15 ms", total <= 15)
    )
    lines.append(row("   (of 50 reports, each one's best of", f"{options.rounds} runs)", "", None))
    lines.append(
        row(
            "   stages: check / render / docx / html",
            " / ".join(f"{value:.1f}" for value in stage) + " ms",
            "",
            None,
        )
    )

    floor, command, first = cold_build(scratch, options.cold_runs)
    lines.append(
        row(
            "3. cold build / libraries' import floor",
            f"{command / floor:.2f}× ({command * 1000:.0f} / {floor * 1000:.0f} ms)",
            "≤ 1.25×",
            command / floor <= 1.25,
        )
    )
    lines.append(
        row(
            "   (warm cache; median of",
            f"{options.cold_runs} runs each)",
            "",
            None,
        )
    )
    lines.append(
        row(
            "3. cold build, first run (empty cache)",
            f"{first * 1000:.0f} ms ({first / floor:.2f}× the floor)",
            "",
            None,
        )
    )

    command, floor, modules = cold(["validate", str(reports[0])], scratch, options.cold_runs)
    heavy_validate = sorted(m for m in HEAVY if m in modules)
    heavy_help = sorted(m for m in HEAVY if m in _modules(["--help"], scratch))
    lines.append(
        row(
            "4. heavy modules: --help / validate",
            f"{heavy_help or 'none'} / {heavy_validate or 'none'}",
            "none",
            not heavy_help and not heavy_validate,
        )
    )
    lines.append(
        row(
            "4. cold validate / its import floor",
            f"{command / floor:.2f} ({command * 1000:.0f} / {floor * 1000:.0f} ms)",
            "≤ 1.25",
            command / floor <= 1.25,
        )
    )

    growth = max(workers) / max(hundred) if workers and hundred else float("nan")
    lines.append(
        row(
            f"5. worker peak RSS: 100 → {len(reports)} reports",
            f"{max(hundred) / 1024:.0f} → {max(workers) / 1024:.0f} MiB ({growth:.2f}×)",
            "≤ 1.10×",
            growth <= 1.10,
        )
    )

    print(
        "\n".join(["", f"gencli benchmarks ({len(reports)} reports, seed {options.seed})", *lines])
    )
    if options.keep is None:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
