"""More ways real reports write a total and its parts, a count and its items, a change and its rate — each
with a true phrasing that must stay silent and a broken one that must be caught (text only, no data)."""

from __future__ import annotations

import pytest

from assistant.audit import audit_text
from tests.test_audit_prose import FORM

CASES = [
    # (label, text, expected (code, severity) list; [] = silent)
    (
        "words-between-heji-and-total",
        "一批项目总投资3374.3万元，二批项目总投资2069.51万元，三批项目投资778.59万元，三批合计批复总投资6222.4万元。",
        [],
    ),
    (
        "words-between-heji-and-wrong-total",
        "一批项目总投资3374.3万元，二批项目总投资2069.51万元，三批项目投资778.59万元，三批合计批复总投资6322.4万元。",
        [("TOTAL_MISMATCH", "error")],
    ),
    (
        "bracketed-sub-amounts-alongside",
        "一批总投资3374.3万元(其中建筑工程3292万元)，二批总投资2069.51万元(其中建筑工程1975.775万元)，"
        "合计总投资5443.81万元(其中建筑工程5267.775万元)。",
        [],
    ),
    (
        "bracketed-sub-amounts-alongside-wrong",
        "一批总投资3374.3万元(其中建筑工程3292万元)，二批总投资2069.51万元(其中建筑工程1975.775万元)，"
        "合计总投资5443.81万元(其中建筑工程5367.775万元)。",
        [("TOTAL_MISMATCH", "error")],
    ),
    ("parts-in-brackets", "全年发放总额3957.55万元(当年资金3904.82万元,上年结转资金52.73万元)。", []),
    (
        "parts-in-brackets-short-of-total",
        "全年发放总额3957.55万元(当年资金3804.82万元,上年结转资金52.73万元)。",
        [("TOTAL_MISMATCH", "error")],
    ),
    ("rest-item-holds", "老人合计53908人，其中70-79周岁40098人，80-89周岁12673人，90周岁及以上1137人。", []),
    (
        "rest-item-makes-the-list-whole",
        "老人合计63908人，其中70-79周岁40098人，80-89周岁12673人，90周岁及以上1137人。",
        [("TOTAL_MISMATCH", "error")],
    ),
    (
        "levels-down-to-the-county",
        "上级共向我县下达补贴资金4286.49万元，其中省级配套1165.84万元，市级配套1132.8万元，县级配套1887.85万元。",
        [("TOTAL_MISMATCH", "warning")],
    ),
    (
        "levels-stopping-above-the-county",
        "上级共向我县下达补贴资金4286.49万元，其中省级配套1165.84万元，市级配套1132.8万元。",
        [],
    ),
    (
        "summary-after-items",
        "甲村道路硬化700平方米；乙村道路硬化900平方米；丙村道路硬化400平方米。项目共完成道路硬化2000平方米。",
        [],
    ),
    (
        "summary-after-items-wrong",
        "甲村道路硬化700平方米；乙村道路硬化900平方米；丙村道路硬化400平方米。项目共完成道路硬化2100平方米。",
        [("TOTAL_MISMATCH", "warning")],
    ),
    (
        "sum-in-the-next-sentence",
        "下达的转移支付为：慈善会项目40万元；临时救助项目2.75万元；福利院运行经费项目25.85万元。转移支付资金合计下达68.6万元。",
        [],
    ),
    (
        "sum-in-the-next-sentence-wrong",
        "下达的转移支付为：慈善会项目40万元；临时救助项目2.75万元；福利院运行经费项目25.85万元。转移支付资金合计下达78.6万元。",
        [("TOTAL_MISMATCH", "warning")],
    ),
    (
        "numbered-list",
        "1.文化项目资金60万元，实施项目3个，分别是：(1)剧团运转资金20万元。(2)图书馆补助资金30万元。"
        "(3)非遗保护资金10万元。",
        [],
    ),
    (
        "numbered-list-sum-off",
        "1.文化项目资金60.30万元，实施项目3个，分别是：(1)剧团运转资金20.50万元。(2)图书馆补助资金30.10万元。"
        "(3)非遗保护资金10.20万元。",
        [("TOTAL_MISMATCH", "error")],
    ),
    # 70 against 20 + 30 + 10: no single slip of one figure explains the miss, a doubt (audit/unexplained.py)
    (
        "numbered-list-sum-off-by-no-slip",
        "1.文化项目资金70万元，实施项目3个，分别是：(1)剧团运转资金20万元。(2)图书馆补助资金30万元。"
        "(3)非遗保护资金10万元。",
        [("TOTAL_MISMATCH", "warning")],
    ),
    (
        "numbered-list-count-off",
        "1.文化项目资金60万元，实施项目4个，分别是：(1)剧团运转资金20万元。(2)图书馆补助资金30万元。"
        "(3)非遗保护资金10万元。",
        [("COUNT_MISMATCH", "error")],
    ),
    (
        "repeat-at-two-precisions",
        "一、基本情况\n乡村道路养护经费项目全年预算数30.9万元，全年执行数30.9万元。\n"
        "二、绩效分析\n乡村道路养护经费项目全年预算数30.90万元，执行率100%。",
        [],
    ),
    (
        "repeat-with-another-value",
        "一、基本情况\n乡村道路养护经费项目全年预算数30.9万元，全年执行数30.9万元。\n"
        "二、绩效分析\n乡村道路养护经费项目全年预算数61.8万元，执行率100%。",
        [("REPEAT_MISMATCH", "error"), ("RATE_MISMATCH", "warning")],
    ),
    ("growth-holds", "收入792.22万元，比上年度多189.25万元，增幅31.39%。", []),
    ("growth-wrong", "收入792.22万元，比上年度多189.25万元，增幅35.9%。", [("RATE_MISMATCH", "error")]),
    ("decline-holds", "支出500万元，比上年减少100万元，下降16.7%。", []),
    ("decline-wrong", "支出500万元，比上年减少100万元，下降20%。", [("RATE_MISMATCH", "error")]),
]


@pytest.mark.parametrize(("label", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_text_shapes(label, text, expected):
    result = audit_text(text)
    got = [(f.code, f.severity) for f in result.findings if f.severity != "info"]
    assert got == expected, [f.message for f in result.findings]


def test_level_one_heading_above_its_rows_on_a_complete_form():
    """Every row read (their 分值 and the execution item make 100): a heading above its rows is flagged."""
    form = FORM.format(quality="20", total="99")
    assert not [f for f in audit_text(form).findings if f.severity != "info"]
    result = audit_text(
        form.replace("产出指标(50分)", "产出指标(60分)").replace("效益指标(30分)", "效益指标(20分)")
    )
    got = sorted((f.code, f.severity, f.found) for f in result.findings if f.severity != "info")
    assert got == [
        ("WEIGHT_MISMATCH", "error", "30分"),  # 效益指标 rows add up to 30, above its 20
        ("WEIGHT_MISMATCH", "warning", "50分"),  # 产出指标 rows add up to 50, short of its 60
    ], [f.message for f in result.findings]
