"""The other outputs: PDF through one LibreOffice run against one per report, and xlsx.

    python benchmarks/outputs.py --reports 100

Generates N synthetic reports (benchmarks/synthetic.py), builds their .docx once, then prints:

1. pdf: `gencli build --to pdf` over the N reports (one soffice run for the batch) against
   converting the same .docx files with one `soffice --convert-to pdf` per report, as a script
   calling LibreOffice for each file would — the ratio (goal ≥ 3×);
2. xlsx: milliseconds per report to write the workbook in this process (median), against the
   .docx writer on the same documents as the floor.

LibreOffice must be installed (`apt-get install libreoffice-writer-nogui`).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402

from gencli.checking.validation import check_file  # noqa: E402
from gencli.document.templating import render_document  # noqa: E402
from gencli.writers.docx.writer import write_docx  # noqa: E402
from gencli.writers.xlsx import write_xlsx  # noqa: E402

GOAL = 3.0


def one_run(folder: Path, out: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "gencli", "build", str(folder), "-o", str(out), "--to", "pdf"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"gencli build --to pdf failed:\n{done.stderr[-2000:]}")
    return time.perf_counter() - start


def one_per_report(docx_files: list[Path], out: Path) -> float:
    soffice = shutil.which("soffice")
    assert soffice is not None
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="gencli-bench-lo-") as profile:
        for path in docx_files:
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={Path(profile).as_uri()}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(out),
                    str(path),
                ],
                capture_output=True,
                check=True,
            )
    return time.perf_counter() - start


def per_report_ms(documents: list, write) -> float:
    times = []
    for document in documents:
        start = time.perf_counter()
        write(document)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    if shutil.which("soffice") is None:
        sys.exit("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory(prefix="gencli-bench-outputs-") as scratch:
        folder = Path(scratch)
        reports, _ = synthetic.write(folder / "all", options.reports, options.seed)
        documents = [render_document(check_file(path).normalized) for path in reports]
        docx_folder = folder / "docx"
        docx_folder.mkdir()
        docx_files = []
        for path, document in zip(reports, documents):
            target = docx_folder / f"{path.stem}.docx"
            target.write_bytes(write_docx(document))
            docx_files.append(target)
        batch = one_run(reports[0].parent, folder / "pdf-batch")
        each = one_per_report(docx_files, folder / "pdf-each")
        write_xlsx(documents[0])  # openpyxl imported before timing
        xlsx = per_report_ms(documents, write_xlsx)
        docx = per_report_ms(documents, write_docx)
    ratio = each / batch
    print(f"gencli outputs ({options.reports} reports, seed {options.seed})")
    print(
        f"  pdf: one soffice run {batch:.1f} s, one soffice per report {each:.1f} s: "
        f"{ratio:.1f}× faster (goal ≥ {GOAL:.0f}×) {'met' if ratio >= GOAL else 'NOT MET'}"
    )
    print(f"  xlsx: {xlsx:.1f} ms per report (median); the .docx writer {docx:.1f} ms (floor)")


if __name__ == "__main__":
    main()
