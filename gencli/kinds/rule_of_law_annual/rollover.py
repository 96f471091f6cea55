"""Next year's 法治政府建设年度报告, started from last year's (`gencli init --from`).

Nothing in it carries over as a figure; what a reports office reuses is its structure. Each
part keeps last year's headings as an outline, each heading over a placeholder paragraph that
validation warns about until it is written, and last year's full text sits above the part as
`# 上年内容：` comments to draw on. The 成文日期 keeps last year's month and day.
"""

from __future__ import annotations

from gencli.kinds.rule_of_law_annual import form as rla
from gencli.kinds.rule_of_law_annual.skeleton import skeleton
from gencli.kinds.skeleton_common import Rolled, Start, a_year_on, outline


def roll_over(previous: dict, source: str, schema_ref: str, agency: str) -> Rolled:
    """Next year's skeleton from `previous` (normalized), and what to tell the user."""
    year = previous["year"] + 1
    keys = [part.key for part in rla.PARTS]
    start = Start(
        narrative={key: previous.get(key) or "" for key in keys},
        texts={
            part.key: outline(previous[part.key])
            for part in rla.PARTS
            if part.required and previous.get(part.key)
        },
        origin=f"由上年报告 {source} 生成：各部分保留上年的标题作提纲，“正文。”处请撰写；"
        "“# 上年内容：”为上年的全文，请改写后删除",
        date=a_year_on(previous.get("date")),
    )
    notes = [
        f"已按上年报告 {source}（{previous['year']}年）生成 {year} 年报告：",
        "  各部分保留上年的标题作提纲，标题下的“正文。”请改写（未改写时 validate 给出警告）",
        "  上年全文保留为“# 上年内容：”注释，供参考后删除",
    ]
    if previous["title"] != rla.default_title(previous["agency"], previous["year"]):
        notes.append(f"  上年自定义了标题“{previous['title']}”，本年未沿用；需要时请加 title:")
    return Rolled(rla.KIND, skeleton(year, agency, schema_ref, start), notes)
