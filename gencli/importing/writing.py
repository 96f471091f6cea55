"""An imported report written as gencli YAML, in the words of `gencli init`.

The tables are the `init` skeleton started from the figures read (`skeleton.Start`), so an
imported file reads like one typed from the form: every row present, each with its label as a
comment; (七)总计 and the row totals are kept as printed. The narrative parts, title, date and
preface are filled in; the header says where the file came from and what was assumed, and the
end lists whatever could not be placed. Text goes through ruamel's emitter and is read back
(`base.yaml_writing`), never assembled from strings.
"""

from __future__ import annotations

from collections.abc import Sequence

from gencli.base.yaml_writing import EMPTY, Block, block, flow
from gencli.importing.gov_info_annual import Imported
from gencli.importing.plan import Plan
from gencli.importing.rule_of_law import RuleOfLaw
from gencli.importing.summary import KIND as SUMMARY_KIND
from gencli.importing.summary import Summary
from gencli.kinds.gov_info_annual import form as gia
from gencli.kinds.gov_info_annual.skeleton import document
from gencli.kinds.plan import form as plan_form
from gencli.kinds.rule_of_law_annual import form as rla
from gencli.kinds.skeleton_common import MARKDOWN_HINT, Start, modeline

BLANK_NOTE = "原表空白或为“/”“—”，按 0 读入"


def _header(imported: Imported, source: str) -> list[str]:
    fmt = gia.FORMATS_BY_YEAR[imported.format]
    lines = [f"由 gencli import 从 {source} 导入；原标题：{imported.title}"]
    lines += [f"假定：{line}" for line in imported.assumptions]
    lines += [f"假定：{line}" for line in imported.reading.assumptions]
    blanks = [column for columns in imported.reading.blanks.values() for column in columns]
    if blanks:
        lines.append(f"假定：{len(blanks)} 个空白单元格（空白、“/”或“—”）按 0 读入，见各行注释")
    lines += [f"缺少：{line}" for line in imported.missing]
    lines.append(
        f"表中数字照原文（含原文所印总计），由 gencli validate 核对{fmt.document}的勾稽关系"
    )
    return lines


def _text(markdown: str):
    return block(markdown) if markdown.strip() else EMPTY


def imported_text(imported: Imported, source: str, schema_ref: str) -> str:
    """The YAML text of an imported 政府信息公开工作年度报告."""
    reading = imported.reading
    figures = {
        path: value
        for path, value in reading.figures.items()
        if path[-1] != gia.TOTAL or path[:2] != ("applications", "results")
    }
    if imported.processing_fees:
        figures.update({("processing_fees", k): v for k, v in imported.processing_fees.items()})
    start = Start(
        figures=figures,
        notes={path: BLANK_NOTE for path in reading.blanks},
        origin="\n".join(_header(imported, source)),
        format=imported.format if imported.format != gia.default_format(imported.year) else None,
    )
    report = document(imported.year, imported.agency, schema_ref, start)
    data = report.data
    position = list(data).index("year") + 1 + ("format" in data)
    if imported.title != gia.default_title(imported.agency, imported.year):
        data.insert(list(data).index("agency"), "title", imported.title)
        position += 1
    if imported.date:
        data.insert(position, "date", imported.date)
        position += 1
    if imported.narrative.get("preface"):
        data.insert(position, "preface", block(imported.narrative["preface"]))
    for key in ("overview", "problems"):
        data[key] = _text(imported.narrative.get(key, ""))
    total = reading.figures.get(("applications", "results", gia.TOTAL))
    if total is not None:
        data["applications"]["results"][gia.TOTAL] = flow(total)
    if imported.format >= 2021 and imported.processing_fees is None:
        del data["processing_fees"]
    if imported.narrative.get("other", "").strip():
        report.put("other", block(imported.narrative["other"]))
    _unplaced(report, reading.unplaced)
    return report.text()


def summary_text(summary: Summary, source: str, schema_ref: str) -> str:
    """The YAML text of an imported 工作总结."""
    report = Block()
    _narrative_header(
        report, schema_ref, f"{summary.title}（工作总结）", source, summary.assumptions
    )
    report.put("kind", SUMMARY_KIND)
    report.put("title", summary.title)
    for key, value in (("agency", summary.agency), ("year", summary.year), ("date", summary.date)):
        if value is not None:
            report.put(key, value)
    report.comment("")
    report.put("body", _text(summary.body))
    return report.text()


def _narrative_header(
    report: Block,
    schema_ref: str,
    heading: str,
    source: str,
    assumptions: Sequence[str],
    missing: Sequence[str] = (),
    *hints: str,
) -> None:
    """The comment block atop an imported narrative report: the editor's schema line, what the
    report is, where it came from, and what was assumed or is missing."""
    report.header(
        modeline(schema_ref),
        heading,
        f"由 gencli import 从 {source} 导入",
        *(f"假定：{line}" for line in assumptions),
        *(f"缺少：{line}" for line in missing),
        *hints,
    )


def _unplaced(report: Block, lines: list[str]) -> None:
    """Whatever the importer could not place, as comments at the end (to be copied by hand)."""
    if lines:
        report.comment(
            "", "未能放入报告的内容（请对照原文处理）：", *(f"  {line}" for line in lines)
        )


def rule_of_law_text(imported: RuleOfLaw, source: str, schema_ref: str) -> str:
    """The YAML text of an imported 法治政府建设年度报告: the parts in the form's order, each
    under its printed title as a comment, as `gencli init` writes them."""
    report = Block()
    heading = f"{imported.title}（{rla.REGULATION}第二十五条）"
    _narrative_header(
        report, schema_ref, heading, source, imported.assumptions, imported.missing, MARKDOWN_HINT
    )
    report.put("kind", rla.KIND)
    if imported.agency is not None:
        if imported.title != rla.default_title(imported.agency, imported.year):
            report.put("title", imported.title)
        report.put("agency", imported.agency)
    else:
        report.put("title", imported.title)
    report.put("year", imported.year)
    if imported.date:
        report.put("date", imported.date)
    if imported.preface.strip():
        report.put("preface", block(imported.preface))
    for part in rla.parts_for(imported.year):
        text = imported.parts.get(part.key)
        if text is None and not part.required:
            continue
        report.comment("", part.title)
        report.put(part.key, _text(text or ""))
    _unplaced(report, imported.unplaced)
    return report.text()


def plan_text(imported: Plan, source: str, schema_ref: str) -> str:
    """The YAML text of an imported 规划: title, preface and the chapters in order."""
    from ruamel.yaml.comments import CommentedSeq

    report = Block()
    heading = f"{imported.title}（{plan_form.NAME}）"
    _narrative_header(
        report, schema_ref, heading, source, imported.assumptions, imported.missing, MARKDOWN_HINT
    )
    report.put("kind", plan_form.KIND)
    report.put("title", imported.title)
    for key, value in (("agency", imported.agency), ("date", imported.date)):
        if value is not None:
            report.put(key, value)
    if imported.preface.strip():
        report.put("preface", block(imported.preface))
    chapters = CommentedSeq()
    for chapter in imported.chapters:
        entry = Block(indent=4)
        entry.put("title", chapter.title)
        if chapter.body.strip():
            entry.put("body", block(chapter.body))
        chapters.append(entry.close())
    report.comment("")
    report.put("chapters", chapters)
    _unplaced(report, imported.unplaced)
    return report.text()
