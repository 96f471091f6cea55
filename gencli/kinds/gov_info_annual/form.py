"""政府信息公开工作年度报告: the official layout of 国办公开办函〔2019〕60号 and 〔2021〕30号.

Everything here is the form as published, its arithmetic (勾稽关系: `APPLICATION_ROW`,
`APPEAL_ROW`, `BALANCE`, the （七）总计 row) and its official sentences included; the schema,
normalizer, skeleton, roll-over, aggregate and messages read them from here. Sources and the
differences between the two formats: docs/official-format.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from gencli.kinds.model import (
    AMOUNT,
    SIGNED,
    TEXT,
    Balance,
    Block,
    CrossYearRule,
    Deadline,
    Figure,
    NarrativeFigure,
    Part,
    Row,
    RowSum,
)

KIND = "gov-info-annual"
NAME = "政府信息公开工作年度报告"
FORMATS = (2019, 2021)
FIRST_YEAR = 2019
REGULATION = "《中华人民共和国政府信息公开条例》"

# 条例第四十九条: a department publishes by 1月31日, a government's own report (published by its
# 政府信息公开工作主管部门) by 3月31日. Which applies is told by the agency's name; a name that
# tells neither gets the later deadline (validation warns only past a deadline surely missed).
DEPARTMENT_ENDINGS = ("局", "厅", "委员会", "委", "办公室", "办", "处", "署", "中心", "院", "所")
PUBLICATION_DEADLINES = (
    Deadline(1, 31, "县级以上人民政府部门", DEPARTMENT_ENDINGS, f"{REGULATION}第四十九条第一款"),
    Deadline(3, 31, "县级以上地方人民政府", ("人民政府",), f"{REGULATION}第四十九条第二款"),
)
TOTAL = "total"


def default_title(agency: str, year: int | str) -> str:
    """The title printed when the report gives none: 福建省商务厅2020年政府信息公开工作年度报告."""
    return f"{agency}{year}年{NAME}"


# What the tables' figure columns must hold on one line, in digits (half-width characters): the
# column widths are computed from these, so every report of a form prints alike. Table 二 holds
# counts of up to 8 digits and amounts such as 24252.311082 or 13989.54万元 (12 half-widths);
# table 三 six digits. Table 四's fifteen columns hold four digits at 五号; a report with larger
# figures there gets its table 四 in a smaller size (小五, 六号), still on one line.
PROACTIVE_DIGITS = 12
APPLICATION_DIGITS = 6
APPEAL_DIGITS = 4

PROBLEMS_RULE = "不得敷衍了事、年年雷同"
BALANCE = Balance(
    left=(("new",), ("carried_over",)),
    right=(("results", TOTAL), ("carried_forward",)),
    rule="第一项加第二项之和，等于第三项加第四项之和",
)


def default_format(year: int) -> int:
    """Reports for 2019 and 2020 use the 2019 format; 2021 and later the 2021 format."""
    return 2019 if year <= 2020 else 2021


PARTS = (
    Part(
        "overview",
        "一、总体情况",
        "narrative",
        description="总体情况（文字描述）：本年度政府信息公开工作的总体情况。",
    ),
    Part(
        "proactive",
        "二、主动公开政府信息情况",
        "table",
        description="《政府信息公开条例》第二十条规定的主动公开事项的数量情况。",
    ),
    Part(
        "applications",
        "三、收到和处理政府信息公开申请情况",
        "table",
        description=f"本年度收到和处理政府信息公开申请的情况；本列数据的勾稽关系为：{BALANCE.rule}。",
    ),
    Part(
        "appeals",
        "四、政府信息公开行政复议、行政诉讼情况",
        "table",
        description="因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
    ),
    Part(
        "problems",
        "五、存在的主要问题及改进情况",
        "narrative",
        description=f"存在的主要问题及改进情况（文字描述）：{PROBLEMS_RULE}。",
    ),
    Part(
        "other",
        "六、其他需要报告的事项",
        "narrative",
        required=False,
        description="其他需要报告的事项（文字描述）；2021年格式起，收取信息处理费的情况在此处报告。",
    ),
)

NO_OTHER_MATTERS = "本机关无其他需要报告的事项。"
NO_FEES = "本年度未收取信息处理费。"
FEES_SENTENCE = "本年度共发出收费通知{notices}件，收取信息处理费{amount}元。"

# ---- 二、主动公开政府信息情况 ----

_NEW = (
    Figure("new_made", "本年新制作数量"),
    Figure("new_published", "本年新公开数量"),
    Figure("total_published", "对外公开总数量"),
)
_ITEMS = (
    Figure("last_year_items", "上一年项目数量"),
    Figure("change", "本年增/减", SIGNED, "本年增/减（负数为减少）"),
    Figure("decisions", "处理决定数量"),
)
_LAWS_2021 = (
    Figure("issued", "本年制发件数"),
    Figure("repealed", "本年废止件数"),
    Figure("in_force", "现行有效件数"),
)
_DECISIONS_2021 = (
    Figure(
        "decisions",
        "本年处理决定数量",
        description="本年处理决定数量（包括已公开和依法未公开的全部处理决定）",
    ),
)

PROACTIVE_2019 = (
    Block(
        "第二十条第（一）项",
        _NEW,
        (
            Row("rules", "规章"),
            Row("normative_documents", "规范性文件"),
        ),
    ),
    Block(
        "第二十条第（五）项",
        _ITEMS,
        (
            Row("licensing", "行政许可"),
            Row("other_services", "其他对外管理服务事项"),
        ),
    ),
    Block(
        "第二十条第（六）项",
        _ITEMS,
        (
            Row("penalty", "行政处罚"),
            Row("coercion", "行政强制"),
        ),
    ),
    Block("第二十条第（八）项", _ITEMS[:2], (Row("fees", "行政事业性收费"),)),
    Block(
        "第二十条第（九）项",
        (
            Figure("projects", "采购项目数量"),
            Figure(
                "amount",
                "采购总金额",
                AMOUNT,
                "采购总金额（官方表格未规定单位，单位由 unit 给出并印在单元格内）",
            ),
            Figure(
                "unit", "单位", TEXT, "采购总金额的单位：万元（默认）或元", ("万元", "元"), "万元"
            ),
        ),
        (Row("procurement", "政府集中采购"),),
    ),
)

PROACTIVE_2021 = (
    Block(
        "第二十条第（一）项",
        _LAWS_2021,
        (
            Row("rules", "规章"),
            Row("normative_documents", "行政规范性文件"),
        ),
    ),
    Block("第二十条第（五）项", _DECISIONS_2021, (Row("licensing", "行政许可"),)),
    Block(
        "第二十条第（六）项",
        _DECISIONS_2021,
        (
            Row("penalty", "行政处罚"),
            Row("coercion", "行政强制"),
        ),
    ),
    Block(
        "第二十条第（八）项",
        (Figure("amount", "本年收费金额（单位：万元）", AMOUNT),),
        (Row("fees", "行政事业性收费"),),
    ),
)

# ---- 三、收到和处理政府信息公开申请情况 ----

APPLICANT_GROUP = "法人或其他组织"
APPLICANT_HEADER = "申请人情况"
BALANCE_NOTE = f"（本列数据的勾稽关系为：{BALANCE.rule}）"

APPLICANT_COLUMNS = (
    Figure("natural_person", "自然人"),
    Figure("commercial", "商业企业", description="法人或其他组织：商业企业"),
    Figure("research", "科研机构", description="法人或其他组织：科研机构"),
    Figure("public_interest", "社会公益组织", description="法人或其他组织：社会公益组织"),
    Figure("legal_services", "法律服务机构", description="法人或其他组织：法律服务机构"),
    Figure("other_org", "其他", description="法人或其他组织：其他"),
)
TOTAL_COLUMN = Figure(TOTAL, "总计", description="总计（等于各类申请人之和）")
APPLICATION_ROW = RowSum(APPLICANT_COLUMNS, TOTAL_COLUMN)
APPLICATION_COLUMNS = APPLICATION_ROW.all

_WITHHELD = Row(
    "withheld",
    "（三）不予公开",
    (
        Row("state_secret", "1.属于国家秘密"),
        Row("prohibited_by_law", "2.其他法律行政法规禁止公开"),
        Row("endangers_safety", "3.危及“三安全一稳定”"),
        Row("third_party", "4.保护第三方合法权益"),
        Row("internal_affairs", "5.属于三类内部事务信息"),
        Row("process_info", "6.属于四类过程性信息"),
        Row("enforcement_files", "7.属于行政执法案卷"),
        Row("inquiry", "8.属于行政查询事项"),
    ),
)
_UNABLE = Row(
    "unable",
    "（四）无法提供",
    (
        Row("not_held", "1.本机关不掌握相关政府信息"),
        Row("needs_creation", "2.没有现成信息需要另行制作"),
        Row("unclear", "3.补正后申请内容仍不明确"),
    ),
)
_NOT_PROCESSED = Row(
    "not_processed",
    "（五）不予处理",
    (
        Row("petition", "1.信访举报投诉类申请"),
        Row("repeated", "2.重复申请"),
        Row("publication", "3.要求提供公开出版物"),
        Row("excessive", "4.无正当理由大量反复申请"),
        Row("confirmation", "5.要求行政机关确认或重新出具已获取信息"),
    ),
)
_OTHER_2019 = Row("other", "（六）其他处理")
_OTHER_2021 = Row(
    "other",
    "（六）其他处理",
    (
        Row(
            "overdue_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
        ),
        Row(
            "unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
        ),
        Row("other", "3.其他"),
    ),
    legacy_leaf="other",
)


def _applications(other: Row) -> tuple[Row, ...]:
    return (
        Row("new", "一、本年新收政府信息公开申请数量"),
        Row("carried_over", "二、上年结转政府信息公开申请数量"),
        Row(
            "results",
            "三、本年度办理结果",
            (
                Row("disclosed", "（一）予以公开"),
                Row(
                    "partially_disclosed",
                    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                ),
                _WITHHELD,
                _UNABLE,
                _NOT_PROCESSED,
                other,
                Row(TOTAL, "（七）总计", description="（七）总计（等于（一）至（六）各项之和）"),
            ),
        ),
        Row("carried_forward", "四、结转下年度继续办理"),
    )


# ---- 四、政府信息公开行政复议、行政诉讼情况 ----

APPEAL_ROW = RowSum(
    (
        Figure("upheld", "结果维持"),
        Figure("corrected", "结果纠正"),
        Figure("other", "其他结果"),
        Figure("pending", "尚未审结"),
    ),
    Figure(TOTAL, "总计", description="总计（等于结果维持、结果纠正、其他结果、尚未审结之和）"),
)
APPEAL_COLUMNS = APPEAL_ROW.all
LITIGATION = "行政诉讼"
APPEAL_GROUPS = (
    Row("review", "行政复议"),
    Row("litigation_direct", "未经复议直接起诉", description="行政诉讼：未经复议直接起诉"),
    Row("litigation_after_review", "复议后起诉", description="行政诉讼：复议后起诉"),
)


@dataclass(frozen=True)
class Format:
    """One edition of the official format."""

    year: int
    document: str
    proactive: tuple[Block, ...]
    applications: tuple[Row, ...]
    cross_year: tuple[CrossYearRule, ...]


_CARRIED = CrossYearRule(
    "error",
    ("applications", "carried_over"),
    (("previous", ("applications", "carried_forward"), 1),),
    "本年“二、上年结转政府信息公开申请数量”应等于上年“四、结转下年度继续办理”",
)

FORMAT_2019 = Format(
    2019,
    "国办公开办函〔2019〕60号",
    PROACTIVE_2019,
    _applications(_OTHER_2019),
    (
        _CARRIED,
        CrossYearRule(
            "warning",
            ("proactive", "*", "last_year_items"),
            (
                ("previous", ("proactive", "*", "last_year_items"), 1),
                ("previous", ("proactive", "*", "change"), 1),
            ),
            "本年“上一年项目数量”应等于上年“上一年项目数量”加上年“本年增/减”",
        ),
        CrossYearRule(
            "warning",
            ("proactive", "*", "total_published"),
            (
                ("previous", ("proactive", "*", "total_published"), 1),
                ("this", ("proactive", "*", "new_published"), 1),
            ),
            "本年“对外公开总数量”应等于上年“对外公开总数量”加本年“本年新公开数量”",
        ),
    ),
)
FORMAT_2021 = Format(
    2021,
    "国办公开办函〔2021〕30号",
    PROACTIVE_2021,
    _applications(_OTHER_2021),
    (
        _CARRIED,
        CrossYearRule(
            "warning",
            ("proactive", "*", "in_force"),
            (
                ("previous", ("proactive", "*", "in_force"), 1),
                ("this", ("proactive", "*", "issued"), 1),
                ("this", ("proactive", "*", "repealed"), -1),
            ),
            "本年“现行有效件数”应等于上年“现行有效件数”加本年“本年制发件数”减本年“本年废止件数”",
        ),
    ),
)
FORMATS_BY_YEAR = {2019: FORMAT_2019, 2021: FORMAT_2021}

# 信息处理费 (《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号): reported in part 六 from 2021.
PROCESSING_FEES = (
    Figure("notices", "收费通知件数", description="本年度发出收费通知的件数"),
    Figure("amount", "收费金额（元）", AMOUNT, "本年度实际收取的信息处理费金额（元）"),
)
PROCESSING_FEES_WHERE = f"印在“{PARTS[-1].title}”开头"
FEES_REGULATION = "《政府信息公开信息处理费管理办法》"
OVERVIEW_LIMIT = 1000
OVERVIEW_LIMIT_TEXT = "篇幅原则上不超过一千字"


def form_for(report: dict) -> Format:
    """The edition of the form a normalized report is written in (for templates)."""
    return FORMATS_BY_YEAR[report["format"]]


# Figures a report's narrative types in words, checked against the tables by validate (a
# warning at the sentence's line): published reports state them in part 一 and part 四's words.
_COUNT = r"(?:共计|共|合计|总计)?\s*(\d+)\s*件"
NARRATIVE_FIGURES = (
    NarrativeFigure(
        r"(?:新收|收到|接收|受理)[^，。；0-9]{0,20}?政府信息公开申请(?:数量)?" + _COUNT,
        (("applications", "new"),),
        "表三“一、本年新收政府信息公开申请数量”的总计",
    ),
    NarrativeFigure(
        r"上年(?:度)?结转(?:的)?(?:政府信息公开)?申请(?:数量)?" + _COUNT,
        (("applications", "carried_over"),),
        "表三“二、上年结转政府信息公开申请数量”的总计",
    ),
    NarrativeFigure(
        r"结转(?:至)?下(?:一)?年度(?:继续)?办理(?:的)?(?:申请)?" + _COUNT,
        (("applications", "carried_forward"),),
        "表三“四、结转下年度继续办理”的总计",
    ),
    NarrativeFigure(
        r"(?<![及和])予以公开" + _COUNT,
        (("applications", "results", "disclosed"),),
        "表三“（一）予以公开”的总计",
    ),
    NarrativeFigure(
        r"行政复议(?:案件)?" + _COUNT,
        (("appeals", "review"),),
        "表四“行政复议”的总计",
    ),
    NarrativeFigure(
        r"行政诉讼(?:案件)?" + _COUNT,
        (("appeals", "litigation_direct"), ("appeals", "litigation_after_review")),
        "表四“行政诉讼”（未经复议直接起诉与复议后起诉）的总计",
    ),
)
