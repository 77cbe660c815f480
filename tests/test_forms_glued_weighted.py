"""Rows of a 重庆 table glued without separators (指标值 | 指标权重 | 全年完成值 | 指标得分 after the name and its
计量单位): read only where the table's constraints leave one split."""

from __future__ import annotations

from decimal import Decimal

from assistant.forms.glued_weighted import split_weighted_rows


def _figures(text: str) -> list[tuple[str, str, tuple[Decimal, ...]]]:
    rows, _ = split_weighted_rows(text, 0)
    return [
        (
            r["name"].text,
            r["unit"].text if "unit" in r else "",
            tuple(r[k].number for k in ("target", "points", "actual", "score")),
        )  # type: ignore[misc]
        for r in rows
    ]


def test_one_split_left_is_read_with_its_unit_and_spans() -> None:
    text = "天然林管护当期任务完成率%901010010国家级公益林管护面积万亩2810810"
    assert _figures(text) == [
        ("天然林管护当期任务完成率", "%", (Decimal(90), Decimal(10), Decimal(100), Decimal(10))),
        ("国家级公益林管护面积", "万亩", (Decimal(28), Decimal(10), Decimal(8), Decimal(10))),
    ]
    rows, unread = split_weighted_rows(text, 5)
    assert unread == []
    assert text[rows[1]["actual"].start - 5 : rows[1]["actual"].end - 5] == "8"


def test_a_run_two_splits_fit_is_left_unread() -> None:
    # 0.4 | 10 | 0.1 | 10 and 0.4 | 10 | 0.11 | 0 both fit: no figure of the row is read
    rows, unread = split_weighted_rows("主要林业有害生物成灾率%0.4100.110森林火灾受害率%901010010", 0)
    assert [r["name"].text for r in rows] == ["森林火灾受害率"]
    assert unread == [(0, len("主要林业有害生物成灾率%0.4100.110"))]


def test_a_single_row_may_carry_all_100_points_but_not_one_of_several() -> None:
    assert _figures("资金到位率%100100100100") == [
        ("资金到位率", "%", (Decimal(100), Decimal(100), Decimal(100), Decimal(100)))
    ]
    rows, unread = split_weighted_rows("受害率%0.910010完成率%901010010", 0)
    assert [r["name"].text for r in rows] == ["完成率"] and len(unread) == 1


def test_text_after_the_last_row_is_reported_unread() -> None:
    rows, unread = split_weighted_rows("完成率%901010010公益林提供管", 0)
    assert len(rows) == 1 and unread == [(len("完成率%901010010"), len("完成率%901010010公益林提供管"))]
