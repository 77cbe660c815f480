"""Facts from prose, piece by piece: written-number intervals, statements (subject and 口径), totals with their
listed parts, a flattened 自评表; then the text checks on short phrasings, true ones silent, slips caught."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.audit import audit_text
from assistant.audit.document import parse_document
from assistant.audit.prose.facts import read_facts
from assistant.audit.prose.interval import Interval, total, written

D = Decimal


# --- intervals: rounding to the written precision is never a contradiction --------------------------------

INTERVAL_CASES = [
    # (label, computed interval, stated interval, overlap)
    (
        "86% holds 37.24/43.2",
        written(D("37.24"), 2).divided_by(written(D("43.2"), 1)).scaled(D(100)),
        written(D(86), 0),
        True,
    ),
    (
        "97.80% holds 31.69/32.4",
        written(D("31.69"), 2).divided_by(written(D("32.4"), 1)).scaled(D(100)),
        written(D("97.80"), 2),
        True,
    ),
    (
        "100% fails 48.824/5.6",
        written(D("48.824"), 3).divided_by(written(D("5.6"), 1)).scaled(D(100)),
        written(D(100), 0),
        False,
    ),
    (
        "30.00+30.00+29.99 is not 89.97",
        total([written(D(30), 2), written(D(30), 2), written(D("29.99"), 2)]),
        written(D("89.97"), 2),
        False,
    ),
    ("30+30+30 is 90", total([written(D(30), 0)] * 3), written(D(90), 0), True),
    (
        "3% fails 2.16/59.2",
        (written(D("59.2"), 2) - written(D("57.04"), 2)).divided_by(written(D("59.2"), 2)).scaled(D(100)),
        written(D(3), 0),
        False,
    ),
    ("a count is exact", Interval.exact(D(115)) * written(D(1000), 0), written(D(115000), 0), True),
]


@pytest.mark.parametrize(
    ("label", "computed", "stated", "overlap"), INTERVAL_CASES, ids=[c[0] for c in INTERVAL_CASES]
)
def test_interval_overlap(label, computed, stated, overlap):
    assert computed is not None
    assert computed.overlaps(stated) is overlap


def test_written_interval_is_half_open():
    interval = written(D("62.32"), 2)
    assert (interval.lo, interval.hi) == (D("62.315"), D("62.325"))
    assert interval.holds(D("62.315")) and not interval.holds(D("62.325"))
    assert written(D(90), 0, hedge="超过").holds(D("1000"))


# --- statements: subject and 口径 from the sentence ---------------------------------------------------------

STATEMENT_CASES = [
    (
        "1.党代表活动经费项目：预算金额48.824万元，执行金额48.824万元，执行率100%。",
        [
            ("48.824万元", "budget", "「党代表活动经费」"),
            ("48.824万元", "executed", "「党代表活动经费」"),
            ("100%", "rate", "「党代表活动经费」"),
        ],
    ),
    (
        "我局2023年项目资金合计120万元，其中中央资金60万元、省级资金40万元、县级资金20万元。",
        [
            ("120万元", "budget", "本报告评价对象"),
            ("60万元", "budget", "中央资金"),
            ("40万元", "budget", "省级资金"),
            ("20万元", "budget", "县级资金"),
        ],
    ),
    (
        "项目全年预算数50万元，当年财政拨款支出30万元，上年结转资金支出18万元。",
        [
            ("50万元", "budget", "本报告评价对象"),
            ("30万元", "executed", "当年财政拨款"),
            ("18万元", "executed", "上年结转"),
        ],
    ),
    (
        "中央、省两级下达资金合计1067.2万元。截至12月31日，中央资金完成636.75万元，地方资金投入877.99万元，本级资金20万元。",
        [
            ("1067.2万元", "budget", "本报告评价对象"),
            ("636.75万元", "executed", "中央资金"),
            ("877.99万元", "budget", "地方资金"),
            ("20万元", "budget", "本级资金"),
        ],
    ),
    (
        "困难幼儿入园资助按1000元/生的标准投入434.4万元,其中上级资金370.1万元,本级资金64.3万元。",
        [
            ("1000元", "unit_price", "本报告评价对象"),
            ("434.4万元", "budget", "本报告评价对象"),
            ("370.1万元", "budget", "上级资金"),
            ("64.3万元", "budget", "本级资金"),
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    STATEMENT_CASES,
    ids=["list-item", "sources", "source-spent", "joint-completed-local", "paid-at-a-standard"],
)
def test_statements_of_a_sentence(text, expected):
    facts = read_facts(parse_document(text))
    got = [
        (s.text, s.field, s.subject.label if s.subject else None)
        for s in facts.statements
        if s.kind != "count"
    ]
    assert got == expected


def test_project_names_come_from_the_text_structure():
    text = (
        "一、基本情况\n我单位2023年项目3个，资金60万元，其中：\n"
        "乡村道路养护经费项目：30万元\n农村饮水安全巩固提升项目：20万元\n“春风行动”就业服务经费项目：10万元\n"
    )
    facts = read_facts(parse_document(text))
    assert [p.name for p in facts.projects] == [
        "乡村道路养护经费",
        "农村饮水安全巩固提升",
        "春风行动”就业服务经费",
    ]
    [breakdown] = facts.breakdowns
    assert (breakdown.total.text, len(breakdown.parts), breakdown.exhaustive) == ("60万元", 3, True)


# --- the text checks on short phrasings -------------------------------------------------------------------

TEXT_CASES = [
    # (label, text, expected (code, severity) list; [] = silent)
    (
        "parts-listed-short-with-fenwei",
        "项目资金共96.50万元，分为：培训费40.20万元、设备费30.10万元、宣传费25.20万元。",
        [("TOTAL_MISMATCH", "error")],
    ),
    # A 其中-list short of its total may be partial: a doubt (warning, "uncertain"), never an error.
    (
        "parts-partial-with-qizhong",
        "项目资金共100万元，其中培训费40万元、设备费30万元。",
        [("TOTAL_MISMATCH", "warning")],
    ),
    (
        "parts-exceed-the-whole",
        "项目资金共112.40万元，其中培训费62.40万元、设备费59.00万元。",
        [("TOTAL_MISMATCH", "error")],
    ),
    # a miss no single slip explains (110 for 100): the parts may not be this whole's, a doubt (audit/unexplained.py)
    (
        "parts-exceed-the-whole-by-no-slip",
        "项目资金共100万元，其中培训费60万元、设备费50万元。",
        [("TOTAL_MISMATCH", "warning")],
    ),
    ("parts-then-total", "培训费40万元、设备费30万元，合计70万元。", []),
    (
        "parts-then-wrong-total",
        "培训费40.50万元、设备费30.20万元，合计70.90万元。",
        [("TOTAL_MISMATCH", "error")],
    ),
    (
        "list-ends-at-progress",
        "统筹资金107.13万元，其中管理费1.07万元，截至目前已拨付项目资金106.36万元。",
        [],
    ),
    ("rate-rounded-holds", "项目全年预算数43.2万元，全年执行数37.24万元，执行率86%。", []),
    ("rate-wrong", "项目全年预算数43.2万元，全年执行数37.24万元，执行率96%。", [("RATE_MISMATCH", "error")]),
    ("remainder-holds", "全年预算59.2万元，全年执行数57.04万元，剩余3.65%资金待验收后支付。", []),
    ("tail-part-smaller", "全年预算59.2万元，全年执行数50万元，尚有3%尾款未支付。", []),
    ("remainder-amount-holds", "项目预算253.7万元，支出253.66万元，结余0.04万元。", []),
    (
        "remainder-amount-off",
        "项目预算253.7万元，支出253.66万元，结余4万元。",
        [("REMAINDER_MISMATCH", "error")],
    ),
    ("all-spent-but-not", "项目预算20万元，执行18万元，资金已全部执行完毕。", [("CLAIM_MISMATCH", "error")]),
    (
        "qualitative-over-low-rate",
        "我校项目预算239万元，支出合计87.06万元。\n项目运行正常，没有发现问题。",
        [("CLAIM_MISMATCH", "warning")],
    ),
]


@pytest.mark.parametrize(("label", "text", "expected"), TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_text_checks(label, text, expected):
    result = audit_text(text)
    got = [(f.code, f.severity) for f in result.findings if f.severity != "info"]
    assert got == expected, [f.message for f in result.findings]


# --- a flattened 自评表 --------------------------------------------------------------------------------------

FORM = """项目支出绩效自评表（2023年度）
项目名称 | 村道养护 |
项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
年度资金总额 | 50 | 50 | 45 | 10 | 90% | 9 |
其中：当年财政拨款 | 50 | 50 | 45 |
绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |
产出指标(50分) | 数量指标 | 养护里程 | ≥20公里 | 20公里 | 30 | 30 |
质量指标 | 验收合格率 | 100% | 100% | 20 | {quality} |
效益指标(30分) | 社会效益指标 | 群众出行条件 | 改善 | 改善 | 30 | 30 |
满意度指标(10分) | 服务对象满意度 | 村民满意度 | ≥90% | 95% | 10 | 10 |
总分 | 100 | {total} | 优 |
"""


@pytest.mark.parametrize(
    ("quality", "total", "expected"),
    [
        ("20", "99", []),
        ("15", "94", [("SCORE_MISMATCH", "warning")]),  # met, yet not the full 20: the national rule says 20
        ("20", "95", [("SCORE_MISMATCH", "error")]),  # the scores add up to 99 (96.5–101.5 as integers)
        (
            "25",
            "104",
            [("SCORE_MISMATCH", "error"), ("SCORE_MISMATCH", "error")],
        ),  # above its 分值 and the cap
    ],
    ids=["consistent", "met-not-full", "total-not-sum", "score-above-points"],
)
def test_flattened_form(quality, total, expected):
    result = audit_text(FORM.format(quality=quality, total=total))
    got = sorted((f.code, f.severity) for f in result.findings if f.severity != "info")
    assert got == sorted(expected), [f.message for f in result.findings]
    assert result.coverage.cross_checked >= 20


def test_flattened_form_sub_row_above_its_total_and_weights_against_the_note():
    text = (
        FORM.format(quality="20", total="99")
        .replace("| 50 | 50 | 45 | 10 | 90% | 9 |", "| 0 | 0 | 0 | 10 | 0 | 0 |")
        .replace("产出指标(50分)", "产出指标(60分)")
        + "注：一级指标分值统一设置为：产出指标50分、效益指标30分、满意度指标10分、预算资金执行率10分。\n"
    )
    result = audit_text(text)
    codes = sorted(f.code for f in result.findings if f.severity == "error")
    # the zero total row also gives the execution 0 of 10 points: the scores then add up to 90, not 99
    assert codes == [
        "SCORE_MISMATCH",
        "TOTAL_MISMATCH",
        "WEIGHT_MISMATCH",
        "WEIGHT_MISMATCH",
    ], [f.message for f in result.findings]


def test_every_fund_source_group_has_its_label():
    from assistant.audit.prose import subjects

    groups = subjects._CUES.source_re.groupindex
    assert sorted(groups, key=lambda g: int(g[1:])) == [f"s{k}" for k in range(len(subjects._SOURCE_LABELS))]
