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
    """The sites make 1,205.00 against 1,196.00: 432.75→423.75 and 54.60→45.60 both fit the swap; the digits
    cannot say which, so the whole the sources confirm is flagged, the message naming both."""
    text = SOURCES.format(whole="1,196.00", a="900.00", b="296.00") + (
        "1.一标段432.75万元；\n2.二标段54.60万元；\n3.三标段308.40万元；\n4.四标段409.25万元。\n"
    )
    assert _found(text) == ["1,196.00万元"]


def test_score_rows_without_outer_pipes() -> None:
    """得分 column: 18.60 + 9.25 + 10 + 27.40 + 19.35 = 84.60, the 总分 row (cells parted by inner pipes only,
    the last cell empty in some rows) writes 85.60."""
    text = (
        "一级指标 | 三级指标 | 分值 | 得分 | 说明\n"
        "产出指标 | 完工数量 | 20 | 18.60 | 两处未完工\n"
        "产出指标 | 验收合格率 | 10 | 9.25 |\n"
        "产出指标 | 完工及时率 | 10 | 10 |\n"
        "效益指标 | 受益人口 | 30 | 27.40 | 入住率偏低\n"
        "满意度指标 | 群众满意度 | 20 | 19.35 |\n"
        "总分 | — | 90 | 85.60 | 良\n"
    )
    assert _found(text) == ["85.60"]


def test_named_score_cells_off_their_total() -> None:
    """Cells that name their figure, the closing row shorter: 9.60 + 18.00 + 7.50 + 13.25 + 9.10 = 57.45."""
    text = (
        "预算执行率 | 分值10 | 执行率96.0% | 得分9.60\n"
        "建成站点数 | 分值20 | 目标12个，实际12个 | 得分18.00\n"
        "设备完好率 | 分值10 | 目标≥95%，实际90% | 得分7.50\n"
        "群众受益面 | 分值15 | 实际覆盖88% | 得分13.25\n"
        "服务满意度 | 分值10 | 实际91% | 得分9.10\n"
        "合计 | 分值65 | 得分57.54\n"
    )
    assert _found(text) == ["57.54"]


def test_piped_score_total_of_three_digits() -> None:
    """8.5 + 19 + 27.5 + 18.5 = 73.5 under a 合计 row writing 74.5: the layout ties them, three digits suffice."""
    text = (
        "| 指标 | 分值 | 得分 |\n| 预算执行率 | 10 | 8.5 |\n| 产出数量 | 20 | 19 |\n"
        "| 产出质量 | 30 | 27.5 |\n| 社会效益 | 20 | 18.5 |\n| 合计 | 80 | 74.5 |\n"
    )
    assert _found(text) == ["74.5"]


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
