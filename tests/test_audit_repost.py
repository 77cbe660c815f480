"""A converted traditional copy is read in simplified form; findings point at the text as published."""

import pytest

from assistant.audit import audit_text
from assistant.audit.repost import ascii_figures, simplified_reading

_COPY = (
    "| 2021年度項(xiàng)目支出績效自評表 |\n"
    "| 一級指標(biāo) | 二級指標(biāo) | 三級指標(biāo) | 指標(biāo)性質(zhì) | 指標(biāo)值 | 度量單位 | 實(shí)際完成值 | 分值 | 得分 |\n"
    "| 產(chǎn)出指標(biāo) | 質(zhì)量指標(biāo) | 驗收合格率 | ﹦ | 100 | % | 100 | 20 | 17 |\n"
)


def test_a_simplified_text_is_read_as_it_is():
    assert simplified_reading("本项目於年底前完成，预算执行率100%。(A)") is None


def test_the_reading_drops_the_pinyin_and_maps_back():
    reading = simplified_reading(_COPY)
    assert reading is not None
    assert "2021年度项目支出绩效自评表" in reading.text
    assert "(xiàng)" not in reading.text
    start = reading.text.index("项目支出")
    assert _COPY[slice(*reading.span(start, start + 4))] == "項(xiàng)目支出"
    # the same number of lines: line numbers need no mapping
    assert reading.text.count("\n") == _COPY.count("\n")


def test_a_finding_in_a_converted_copy_points_at_the_published_row():
    findings = [f for f in audit_text(_COPY).findings if f.code == "SCORE_MISMATCH"]
    assert len(findings) == 1 and findings[0].span is not None
    # the row from its indicator's name to its score, in the published (traditional) characters
    assert _COPY[slice(*findings[0].span)] == "驗收合格率 | ﹦ | 100 | % | 100 | 20 | 17"
    assert findings[0].line == 3


@pytest.mark.parametrize(
    ("copied", "read"),
    [
        ("抽检血清样品２，４００份，其中", "抽检血清样品2,400份，其中"),
        ("改造面积１２，５００平方米。", "改造面积12,500平方米。"),
        ("共３，１２０人次", "共3,120人次"),
        ("分别为１，２，３", "分别为1，2，3"),  # counted items, no 千分位 figure
    ],
)
def test_full_width_grouped_counts_of_any_unit_are_read_in_ascii(copied: str, read: str) -> None:
    assert ascii_figures(copied) == read
