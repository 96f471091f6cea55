"""Where a line of printed text may break: between words, never inside one.

Word and LibreOffice break Chinese between any two characters, so a narrow table cell prints
"（三）不予公/开" and a long title "……工作年 / 度报告". The texts that must break are few and fixed
(the statutory forms' labels, the standard titles of each kind, agency names), so the words are
declared here rather than guessed by a general segmenter: jieba would bring a 19 MB dictionary
and a second of loading to split some forty labels. Text outside the lexicon breaks after the
characters that end an administrative unit's name (省, 局, 委员会 …), and between any two
characters only when a piece is wider than a line.

Widths are in characters (em) of the face's size: CJK and full-width marks count 1, digits and
Latin letters ½ — the same measure for a title, a label and a figure.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata

# Marks set full-width in the CJK face (the docx writer's AMBIGUOUS set) though Unicode calls
# them ambiguous.
FULL_WIDTH_MARKS = frozenset("“”‘’—…·")
# No line starts with these (GB/T 15834 and the 避头尾 rule) …
CLOSING = frozenset("，。、；：？！）》」』】〕〉”’…—·%")
# … and none ends with these.
OPENING = frozenset("（《「『【〔〈“‘")

# The words of the forms' labels and of the standard titles (and of common agency names),
# longest first where one contains another, so maximum matching takes the longest.
LEXICON = frozenset(
    """
    政府信息公开 工作 年度报告 年度 报告 法治政府建设 法治政府 建设 工作总结 工作计划 规划
    政府信息 信息公开 申请人 情况 自然人 法人 或 其他 组织 商业 企业 科研 机构 社会 公益 法律
    服务 总计 本列 数据 的 勾稽 关系 为 第一项 第二项 第三项 第四项 加 之和 等于 本年 新收 申请
    数量 上年 结转 本年度 办理 结果 予以公开 部分公开 区分 处理 只计 这一 情形 不计 不予公开
    属于 国家秘密 其他法律 行政法规 禁止公开 危及 三安全一稳定 保护 第三方 合法权益 三类
    内部事务 信息 四类 过程性 行政执法 案卷 行政 查询 事项 无法提供 本机关 不掌握 相关 没有
    现成 需要 另行 制作 补正后 申请内容 仍不明确 不予处理 信访 举报 投诉 类 重复 要求 提供
    公开出版物 无正当理由 大量 反复 确认 重新 出具 已获取 其他处理 逾期 不补正 行政机关 不再
    其 按 收费 通知 缴纳 费用 下年度 继续 行政复议 行政诉讼 未经复议 直接起诉 复议后 起诉
    维持 纠正 尚未 审结 第二十条 信息内容 制发 件数 废止 现行有效 规章 规范性文件 行政许可
    处理决定 行政处罚 行政强制 行政事业性收费 收费金额 单位 万元 元 新制作 新公开 对外公开
    总数量 上一年 项目 增 减 政府集中采购 采购 总金额 对外管理 服务事项 负数 为减少 主要指标
    序号 指标 基期 目标 属性 预期性 约束性 管理委员会 委员会 人民政府 办公室 办公厅 综合
    实验区 市场监督管理局 市场监管局 知识产权局 商务厅 司法局 司法厅 发展和改革委员会
    十四五 五年 市场监管 市场 现代化 知识产权 事业 发展规划 发展 专项规划 高质量
    """.split()
)
_LONGEST = max(len(word) for word in LEXICON)
# Characters that end the name of an administrative unit: text outside the lexicon may break
# after them (福建省|市场…, 平潭综合实验区|管理委员会).
UNIT_ENDS = frozenset("省市县区乡镇局厅委会办院部处室队所站")
# A run of digits and Latin letters, with the 年/月/日 of a date or the 年度 of a year ("2021年",
# "2021年度" never break).
_LATIN_RUN = re.compile(r"[0-9A-Za-z.%．]+(?:年度|[年月日])?")


def width(text: str) -> float:
    """Printed width in em: CJK and full-width marks 1, the rest ½."""
    return sum(
        1.0 if ch in FULL_WIDTH_MARKS or unicodedata.east_asian_width(ch) in "WF" else 0.5
        for ch in text
    )


def words(text: str) -> list[str]:
    """`text` cut into pieces no line may break inside: lexicon words (longest match), runs of
    digits and Latin letters ("2021", "1."), bracketed numbering ("（三）"), and the characters of
    unknown text up to a unit's end. Closing marks join the piece before them, opening marks the
    piece after, so no line starts with "、" or ends with "（"."""
    raw: list[str] = []
    index = 0
    pending = ""  # unknown characters not yet cut off
    while index < len(text):
        latin = _LATIN_RUN.match(text, index)
        if latin:
            step = latin.group(0)
        else:
            step = next(
                (
                    text[index : index + size]
                    for size in range(min(_LONGEST, len(text) - index), 1, -1)
                    if text[index : index + size] in LEXICON
                ),
                "",
            )
        if step:
            if pending:
                raw.append(pending)
                pending = ""
            raw.append(step)
            index += len(step)
            continue
        pending += text[index]
        index += 1
        if pending[-1] in UNIT_ENDS or pending[-1] in CLOSING or pending[-1] in OPENING:
            raw.append(pending)
            pending = ""
    if pending:
        raw.append(pending)
    return _glue(raw)


def _glue(raw: list[str]) -> list[str]:
    """Attach closing marks to the piece before and opening marks to the piece after; keep a
    numbering marker such as "（三）" or "1." whole (it may still end a line)."""
    pieces: list[str] = []
    carry = ""
    for piece in raw:
        if pieces and not carry and piece[0] in CLOSING:
            lead = len(piece) - len(piece.lstrip("".join(CLOSING)))
            pieces[-1] += piece[:lead]
            piece = piece[lead:]
            if not piece:
                continue
        if piece[-1] in OPENING and len(piece.rstrip("".join(OPENING))) == 0:
            carry += piece
            continue
        if piece.endswith(tuple(OPENING)) and len(piece) > 1:
            body = piece.rstrip("".join(OPENING))
            pieces.append(carry + body)
            carry = piece[len(body) :]
            continue
        pieces.append(carry + piece)
        carry = ""
    if carry:
        pieces.append(carry)
    return pieces


@functools.lru_cache(maxsize=4096)
def fill(text: str, capacity: float) -> tuple[str, ...]:
    """`text` as lines no wider than `capacity` em, each as full as it can be, broken only
    between words; a word wider than a line is cut between characters (never before a closing
    mark)."""
    if width(text) <= capacity:
        return (text,)
    lines: list[str] = []
    line = ""
    for piece in _fitting(words(text), capacity):
        if line and width(line + piece) > capacity:
            lines.append(line)
            line = piece
        else:
            line += piece
    if line:
        lines.append(line)
    return tuple(lines)


def _fitting(pieces: list[str], capacity: float) -> list[str]:
    """The pieces, with any wider than `capacity` cut into characters (a closing mark staying
    with the character before it)."""
    out: list[str] = []
    for piece in pieces:
        if width(piece) <= capacity:
            out.append(piece)
            continue
        for ch in piece:
            if out and ch in CLOSING:
                out[-1] += ch
            else:
                out.append(ch)
    return out


YEAR_BONUS = 1.5
MAX_CHOICES = 5000  # ways to cut a title of a few lines; beyond it, `fill`


@functools.lru_cache(maxsize=4096)
def balanced(text: str, capacity: float) -> tuple[str, ...]:
    """`text` in as few lines as `fill` needs, broken between words so that the longest line is
    as short as it can be (GB/T 9704 7.3.1: 词意完整, 排列对称): "平潭综合实验区2021年 /
    政府信息公开工作年度报告". A break after the year ("……2021年 / ……") counts as YEAR_BONUS em
    shorter: the year closes the title's first phrase. Of equally long choices, the one with
    longer lines lower (a trapezoid) wins."""
    count = len(fill(text, capacity))
    if count <= 1:
        return (text,)
    pieces = _fitting(words(text), capacity)
    if math.comb(len(pieces) - 1, count - 1) > MAX_CHOICES:
        return fill(text, capacity)  # a text far longer than a title: greedy lines, in time
    best: tuple[float, list[float], tuple[str, ...]] | None = None
    for cuts in _cuts(len(pieces), count):
        bounds = [0, *cuts, len(pieces)]
        lines = tuple("".join(pieces[a:b]) for a, b in itertools.pairwise(bounds))
        widths = [width(line) for line in lines]
        if max(widths) > capacity:
            continue
        preferred = sum(YEAR_BONUS for cut in cuts if pieces[cut - 1].endswith(("年", "年度")))
        key = (max(widths) - preferred, [-w for w in reversed(widths)], lines)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else fill(text, capacity)


def _cuts(length: int, lines: int) -> list[tuple[int, ...]]:
    """Every way to cut `length` pieces into `lines` non-empty runs (titles: a few dozen)."""
    if lines == 1:
        return [()]
    result = []
    for first in range(1, length - lines + 2):
        for rest in _cuts(length - first, lines - 1):
            result.append((first, *(first + cut for cut in rest)))
    return result
