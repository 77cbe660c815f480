"""The sums net alone on layouts a worded check also reads (its own finding would hide the net's in a fixture)."""

from assistant.audit import audit_text
from assistant.audit.checks import net_sums

SOURCES = "全年安排资金{whole}万元，其中省级资金{a}万元、县级资金{b}万元。分标段安排如下：\n"


def _found(text: str) -> list[str]:
    return [f.found for f in audit_text(text, checks=[net_sums.check]).findings]


def test_second_list_part_swapped() -> None:
    """Sources make 1,726.50 exactly; the sites make 1,735.50: 410.85 should be 401.85."""
    text = SOURCES.format(whole="1,726.50", a="1,200.00", b="526.50") + (
        "1.一标段426.80万元；\n2.二标段385.15万元；\n3.三标段512.70万元；\n4.四标段410.85万元。\n"
    )
    assert _found(text) == ["410.85万元"]


def test_second_list_swap_fits_two_parts() -> None:
    """The sites make 1,205.00 against 1,196.00: 432.75→423.75 and 54.60→45.60 both fit the swap."""
    text = SOURCES.format(whole="1,196.00", a="900.00", b="296.00") + (
        "1.一标段432.75万元；\n2.二标段54.60万元；\n3.三标段308.40万元；\n4.四标段409.25万元。\n"
    )
    assert _found(text) == []


def test_second_list_right() -> None:
    text = SOURCES.format(whole="1,726.50", a="1,200.00", b="526.50") + (
        "1.一标段426.80万元；\n2.二标段385.15万元；\n3.三标段512.70万元；\n4.四标段401.85万元。\n"
    )
    assert _found(text) == []


def test_sum_shown_in_the_unit_of_the_whole() -> None:
    """The computed sum is written in the unit the stated whole is written in."""
    text = "甲片区412.35万元，乙片区158.20万元，两片区合计507.55万元。\n"
    messages = [f.message for f in audit_text(text, checks=[net_sums.check]).findings]
    assert messages and messages[0].startswith("412.35万元+158.20万元 = 570.55万元，")
