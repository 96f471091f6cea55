"""Narrative conventions beyond CommonMark: run-in headings, ```专栏 boxes, chapter numbering, and
the template vocabulary's <box> and 第X章 headings."""

from __future__ import annotations

import pytest

from gencli.document.markup import parse
from gencli.document.model import Box, Heading, Paragraph, Run
from gencli.document.narrative import blocks, split_run_in, unsupported


@pytest.mark.parametrize(
    ("runs", "head", "tail"),
    [
        ([Run("深化改革。全面推行。")], [Run("深化改革。")], [Run("全面推行。")]),
        ([Run("依法推进决策和执行公开。")], [Run("依法推进决策和执行公开。")], []),
        ([Run("标题。 ")], [Run("标题。 ")], []),
        ([Run("没有句号")], [Run("没有句号")], []),
        (
            [Run("甲"), Run("乙。丙", bold=True), Run("丁")],
            [Run("甲"), Run("乙。", bold=True)],
            [Run("丙", bold=True), Run("丁")],
        ),
    ],
)
def test_split_run_in(runs, head, tail):
    assert split_run_in(runs) == (head, tail)


def test_headings_number_from_the_level_the_template_asks_for():
    found = blocks("# 甲\n## 乙\n### 丙\n#### 丁\n##### 戊\n# 己\n", 0)
    assert [(b.level, b.number) for b in found] == [
        (0, "第一章\u3000"),
        (1, "一、"),
        (2, "（一）"),
        (3, "1."),
        (4, "（1）"),
        (0, "第二章\u3000"),
    ]


def test_chapter_titles_never_run_in():
    (chapter,) = blocks("# 发展基础。占位\n", 0)
    assert (chapter.text, chapter.run_in) == ("第一章\u3000发展基础。占位", [])


def test_a_box_fence_becomes_a_box_whose_headings_print_as_arabic_numbers():
    found = blocks("正文。\n\n```专栏 重点 工程\n# 甲。乙\n\n丙\n```\n\n```\n代码\n```\n", 1)
    assert isinstance(found[1], Box)
    assert found[1].title == [Run("重点 工程")]
    heading, paragraph = found[1].blocks
    assert (heading.number, heading.runs, heading.run_in) == ("1.", [Run("甲。")], [Run("乙")])
    assert paragraph == Paragraph([Run("丙")])
    assert found[2] == Paragraph([Run("代码")], "plain")  # other fences stay literal text


def test_footnotes_and_link_definitions_are_refused_with_their_lines():
    """CommonMark reads `[^1]: 注释` as a link definition: the note would vanish from print."""
    found = unsupported("正文[^1]。\n\n[^1]: 注释。\n[甲]: 乙\n")
    assert [(line, message[:6]) for line, message in found] == [
        (1, "公文不用脚注"),
        (3, "公文不用脚注"),
        (4, "这一行是 M"),
    ]
    assert unsupported("正文[1]。\n") == []


def test_template_boxes_and_chapters_are_numbered_over_the_document():
    xml = (
        '<document title="t"><heading level="0">第二章 总体要求</heading>'
        '<box title="模板专栏"><p>甲</p></box>'
        '<markdown level="1">```专栏 叙述专栏\n乙\n```\n</markdown></document>'
    )
    document = parse(xml, lambda text: text)
    chapter, first, second = document.blocks
    assert chapter == Heading(0, "第二章\u3000", [Run("总体要求")])
    assert (first.text, first.blocks) == ("专栏1\u3000模板专栏", [Paragraph([Run("甲")])])
    assert second.text == "专栏2\u3000叙述专栏"
