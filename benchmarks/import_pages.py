"""`gencli import`'s speed: one page in this process, and a region's pages in a batch.

    python benchmarks/import_pages.py --pages 1000

Prints:

1. in-process: median milliseconds to import one page (read, match to the form, write the YAML
   text, validate it), for each real page in tests/published/, for the .docx of an example
   built by gencli and for a PDF LibreOffice makes of a real page — the target is at most 20 ms
   per HTML page;
2. batch: `gencli import -j 2` over N pages (copies of the real pages, in one folder tree)
   against pandoc converting the same pages to Markdown (`pandoc -f html -t gfm`, one process
   per page, two at a time): the ratio, and gencli's milliseconds per page. pandoc comes from
   Debian (`apt-get install pandoc`); without it that comparison is skipped and said so.

pandoc only converts the page to text; gencli also reads the tables against the form, writes
the YAML and validates it, so the comparison is against the least a regional check would need.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PUBLISHED = ROOT / "tests" / "published"
REPEATS = 15


def _import_once(source: Path, target: Path) -> float:
    from gencli.loading.sources import Source
    from gencli.operations.import_report import ImportTask, import_file

    start = time.perf_counter()
    outcome = import_file(ImportTask(Source(source), target, force=True))
    took = time.perf_counter() - start
    if not outcome.written:
        raise SystemExit(f"{source} 未导入：{outcome.first_error()}")
    return took


def in_process(scratch: Path) -> None:
    print("1. 单个来源（本进程内，中位数）")
    sources = sorted(PUBLISHED.glob("*.html"))
    example = ROOT / "examples" / "fujian-commerce-2020.yaml"
    subprocess.run(
        [sys.executable, "-m", "gencli", "build", str(example), "-o", str(scratch)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    sources.append(scratch / "fujian-commerce-2020.docx")
    soffice = shutil.which("soffice")
    if soffice is not None:  # a text PDF of a real page, as LibreOffice prints it
        subprocess.run(
            [soffice, f"-env:UserInstallation={(scratch / 'profile').as_uri()}", "--headless",
             "--convert-to", "pdf:writer_web_pdf_Export", "--outdir", str(scratch),
             str(PUBLISHED / "pingtan-2023.html")],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
        sources.append(scratch / "pingtan-2023.pdf")
    else:
        print("   LibreOffice 未安装，跳过 PDF")
    for source in sources:
        target = scratch / f"{source.stem}-{source.suffix[1:]}.yaml"
        _import_once(source, target)  # warm: modules imported, schema read
        times = [_import_once(source, target) for _ in range(REPEATS)]
        print(f"   {source.name:<36} {statistics.median(times) * 1000:7.1f} ms")


def batch(scratch: Path, pages: int) -> None:
    print(f"2. {pages} 个网页，两个进程")
    folder = scratch / "pages"
    originals = sorted(PUBLISHED.glob("*.html"))
    for index in range(pages):
        page = originals[index % len(originals)]
        target = folder / f"d{index // 100:02d}" / f"{index:04d}-{page.name}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    out = scratch / "imported"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "gencli", "import", str(folder), "-o", str(out), "-j", "2"],
        capture_output=True,
        check=False,  # the Shanghai copies fail validation (blank totals): exit 1 is expected
        cwd=ROOT,
    )
    ours = time.perf_counter() - start
    written = len(list(out.rglob("*.yaml")))
    print(
        f"   gencli import -j 2：{ours:6.2f} 秒，每页 {ours / pages * 1000:5.1f} ms（写出 {written} 份）"
    )
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        print("   pandoc 未安装（apt-get install pandoc），跳过对比")
        return
    files = sorted(folder.rglob("*.html"))

    def convert(page: Path) -> None:
        subprocess.run(
            [pandoc, "-f", "html", "-t", "gfm", str(page), "-o", str(page.with_suffix(".md"))],
            check=True,
            capture_output=True,
        )

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(convert, files))
    theirs = time.perf_counter() - start
    print(f"   pandoc -f html -t gfm，每页一个进程、两个并行：{theirs:6.2f} 秒")
    print(f"   gencli 快 {theirs / ours:.1f} 倍")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        in_process(Path(scratch))
        batch(Path(scratch), args.pages)


if __name__ == "__main__":
    main()
