"""Next year's 工作总结, started from last year's (`gencli init --from`).

As for a 法治政府建设年度报告 (see its rollover), the structure is what carries over: the body
keeps last year's headings as an outline over placeholder paragraphs, last year's text sits
above it as `# 上年内容：` comments, and the title and 成文日期 move on a year.
"""

from __future__ import annotations

from gencli.kinds.skeleton_common import Rolled, Start, a_year_on, outline
from gencli.kinds.work_summary import form
from gencli.kinds.work_summary.skeleton import skeleton


def roll_over(previous: dict, source: str, schema_ref: str, agency: str | None) -> Rolled:
    """Next year's skeleton from `previous` (normalized, with its year), and what to tell."""
    year = previous["year"] + 1
    said, moved = f"{previous['year']}年", f"{year}年"
    title = previous["title"].replace(said, moved)
    start = Start(
        narrative={"body": previous["body"]},
        texts={"body": outline(previous["body"])},
        origin=f"由上年报告 {source} 生成：正文保留上年的标题作提纲，“正文。”处请撰写；"
        "“# 上年内容：”为上年的全文，请改写后删除",
        date=a_year_on(previous.get("date")),
    )
    notes = [
        f"已按上年报告 {source}（{previous['year']}年）生成 {year} 年报告：",
        "  正文保留上年的标题作提纲，标题下的“正文。”请改写（未改写时 validate 给出警告）",
        "  上年全文保留为“# 上年内容：”注释，供参考后删除",
    ]
    if said not in previous["title"]:
        notes.append(f"  上年标题“{previous['title']}”中没有“{said}”，已原样保留，请按需修改")
    return Rolled(form.KIND, skeleton(year, agency, schema_ref, start, title), notes)
