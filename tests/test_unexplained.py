"""A text-read sum or repeat whose miss no slip of the hand explains is a doubt, not a proof (audit/unexplained.py):
the slips one retyping explains stay errors, misses of any size between figures tied by the text's form stay errors,
and everything else is still shown, as an uncertain warning."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.audit import Finding, audit_text
from assistant.audit.unexplained import NOTES, doubt_unexplained
from assistant.numbers.keystroke import one_hand_slip


@pytest.mark.parametrize(
    ("stated", "other", "places", "slip"),
    [
        ("2386.42", "2376.42", 2, True),  # a digit struck for another
        ("1486.30", "1468.30", 2, True),  # neighbours swapped
        ("1867.48", "1768.48", 2, True),  # two digits swapped, not neighbours
        ("1802.60", "1792.60", 2, True),  # a carry lost
        ("867.48", "1867.48", 2, True),  # a digit dropped
        ("12.5", "125", 1, True),  # the point shifted
        ("5", "4", 0, True),  # a count off by one
        ("3050", "6050", 0, False),  # the leading digit: as likely a different figure
        ("400", "450", 0, False),  # round figures differ in one digit by plain arithmetic
        ("2", "20", 0, False),  # a one-digit count times ten is no slip worth the name
        ("120.00", "10.00", 2, False),  # a round figure's zeros: no digit of it was dropped
        ("343.50", "40.00", 2, False),
        ("2166.20", "2134.15", 2, False),
        ("934.50", "222.90", 2, False),
    ],
)
def test_one_hand_slip(stated: str, other: str, places: int, slip: bool) -> None:
    assert one_hand_slip(Decimal(stated), Decimal(other), places) is slip


def _total(found: str, expected: str, message: str = "", **kw: object) -> Finding:
    return Finding(
        "TOTAL_MISMATCH",
        message or f"所列各项之和为 {expected}，文中总数 {found}",
        "",
        found=found,
        expected=expected,
        **kw,
    )  # type: ignore[arg-type]


def test_a_miss_one_retyping_closes_stays_an_error() -> None:
    swapped_whole = _total("1,486.30万元", "1,468.30万元")
    part_mistyped = _total(
        "500.00万元", "508.00万元", "所列 3 项（236.40万元、143.60万元、128.00万元）之和为 508.00万元"
    )
    hair_off = _total("1,446.02万元", "1,446.14万元")  # within 1 %: a slip of addition
    for finding in (swapped_whole, part_mistyped, hair_off):
        doubt_unexplained(finding)
        assert (finding.severity, finding.verdict) == ("error", "false"), finding.message


def test_a_miss_no_slip_explains_is_an_uncertain_warning_still_shown() -> None:
    finding = _total(
        "343.50万元",
        "40万元（39.99万元～40.01万元）",
        "所列 2 项（35.00万元、5.00万元）之和为 40万元，少于文中总数 343.50万元",
    )
    doubt_unexplained(finding)
    assert (finding.severity, finding.verdict) == ("warning", "uncertain")
    assert finding.message.endswith(NOTES["TOTAL_MISMATCH"])
    assert "343.50万元" in finding.message  # the evidence is kept


def test_what_is_not_doubted() -> None:
    tied = _total("343.50万元", "40万元", tied=True)
    several = _total("0、0、0", "90、89.974、89.974")
    warned = _total("343.50万元", "40万元", severity="warning")
    rate = Finding("RATE_MISMATCH", "执行率应为 81.00%", "", found="97.00%", expected="81.00%")
    doubled = Finding(
        "REPEAT_MISMATCH", "前文写作 30.9万元，此处写作 61.8万元", "", found="61.8万元", expected="30.9万元"
    )
    for finding in (tied, several, warned, rate, doubled):
        before = (finding.severity, finding.message)
        doubt_unexplained(finding)
        assert (finding.severity, finding.message) == before


def test_spaced_thousands_read_as_the_text_writes_them() -> None:
    finding = _total("2 010.07", "2000.07")  # a carry's digit off, as the copy spaces its thousands
    doubt_unexplained(finding, spaced=True)
    assert finding.severity == "error"


def _total_findings(text: str) -> list[Finding]:
    return [f for f in audit_text(text).findings if f.code == "TOTAL_MISMATCH"]


def test_in_the_audit_a_wild_gap_in_prose_is_doubted_but_a_slip_is_not() -> None:
    wild = _total_findings(
        "本年专项资金合计960.00万元，其中设备购置236.40万元、人员培训143.60万元、宣传印刷128.00万元。"
    )
    slip = _total_findings(
        "本年专项资金合计500.00万元，其中设备购置236.40万元、人员培训143.60万元、宣传印刷128.00万元。"
    )
    assert [(f.severity, f.verdict) for f in wild] == [("warning", "uncertain")]
    assert [(f.severity, f.verdict) for f in slip] == [("error", "false")]


def test_in_the_audit_a_total_tied_by_form_is_proven_at_any_gap() -> None:
    buckets = _total_findings(
        "我局项目共计12个,财政资金500万元。其中自评“优”的项目8个财政资金320万元;自评“良”的项目4个财政资金130万元。"
    )
    table = _total_findings(
        "| 类别 | 人数 | 标准（元/月） | 月数 | 金额（万元） |\n|---|---|---|---|---|\n"
        "| 保洁员 | 200 | 500 | 12 | 120.00 |\n| 护林员 | 100 | 800 | 12 | 96.00 |\n| 合计 | 300 | | | 260.00 |\n"
    )
    assert [f.severity for f in buckets] == ["error"]
    assert [f.severity for f in table] == ["error"]


def test_the_stated_whole_is_not_mended_as_one_of_its_parts() -> None:
    # 12 + 9 = 21 would be 12 with its digits swapped: the whole read again as a part "explains" nothing
    finding = Finding(
        "TOTAL_MISMATCH",
        "所列 2 项（2辆、1辆）之和为 3辆，少于文中总数 12辆",
        "购置压缩式垃圾转运车12辆，其中2辆于一季度交付，1辆于二季度交付。",
        found="12辆",
        expected="3辆",
    )
    doubt_unexplained(finding)
    assert finding.severity == "warning"
