"""The HTML writer's generic additions: boxes (专栏), chapters (第一章) and run-in headings, parsed
back with the same strict tree builder as the writer's own tests."""

from __future__ import annotations

from gencli.document.model import Box, Cell, Document, Heading, Paragraph, Run, Table
from gencli.writers.html import write_html

from .test_html_writer import parse


def sample() -> Document:
    return Document(
        "某某规划",
        [
            Heading(0, "第一章\u3000", [Run("发展基础")]),
            Heading(1, "一、", [Run("发展基础")]),
            Heading(2, "（一）", [Run("深化改革。")], [Run("全面推行"), Run("某某", bold=True)]),
            Heading(4, "（1）", [Run("第一小点")]),
            Box(
                [Run("重点<工程>")],
                [
                    Heading(3, "1.", [Run("甲工程。")], [Run("建设甲。")]),
                    Paragraph([Run("说明。")]),
                    Table([[Cell([Run("甲")])]], [1]),
                ],
                number="专栏1\u3000",
            ),
        ],
    )


def test_chapters_shift_every_heading_one_level_down():
    tree = parse(write_html(sample()))
    assert tree.find("article").attrs["class"] == "chapters"
    found = [(n.tag, n.text) for n in tree.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    assert found == [
        ("h1", "某某规划"),
        ("h2", "第一章\u3000发展基础"),
        ("h3", "一、发展基础"),
        ("h6", "（1）第一小点"),
    ]


def test_documents_without_chapters_are_unchanged():
    page = write_html(Document("t", [Heading(1, "一、", [Run("总体情况")])]))
    assert "<article>" in page
    assert '<h2><span class="number">一、</span>总体情况</h2>' in page


def test_run_in_heading_is_a_paragraph_led_by_its_heading_words():
    tree = parse(write_html(sample()))
    run_in = [p for p in tree.iter("p") if p.attrs.get("class") == "run-in"]
    assert [p.text for p in run_in] == ["（一）深化改革。全面推行某某", "1.甲工程。建设甲。"]
    lead = run_in[0].find("span")
    assert (lead.attrs["class"], lead.text) == ("level-2", "（一）深化改革。")
    assert run_in[0].find("strong").text == "某某"


def test_box_is_a_labelled_aside_holding_its_blocks():
    tree = parse(write_html(sample()))
    aside = tree.find("aside")
    assert aside.attrs == {"class": "box", "aria-label": "专栏1\u3000重点<工程>"}
    title = aside.find("p")
    assert (title.attrs["class"], title.text) == ("box-title", "专栏1\u3000重点<工程>")
    assert [p.text for p in aside.iter("p")][1:] == ["1.甲工程。建设甲。", "说明。"]
    assert aside.find("table").find("td").text == "甲"


def test_css_styles_chapters_boxes_and_run_in_leads():
    css = parse(write_html(sample())).find("style").text
    for rule in (
        "article.chapters h2",
        "aside.box",
        "p.box-title",
        ".run-in .level-2",
        "border: 1.5px solid #000",
    ):
        assert rule in css, rule
    assert css.count("{") == css.count("}")
