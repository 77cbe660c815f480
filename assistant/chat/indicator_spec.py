"""An indicator written in a chat message ("培训人次，数量指标，≥，年度指标值100人次，实际120，分值10") read into
the 自评表's indicator fields, the way a filed form's cells are read."""

from __future__ import annotations

import re

from assistant.office.xlsx_values import SplitValue, split_value
from assistant.vocabulary import KIND_VALUES, LEVEL1_NAMES, LEVEL1_OF
from assistant.workspace.fields import INDICATOR_FIELDS, field_words

QUOTED = re.compile(r"[“\"「『‘']([^”\"」』’']+)[”\"」』’']")
_ACHIEVED = re.compile(r"^(?:实际完成值?|实际|完成值?|达到|实现)[为是：:]?\s*(\d.*)$")
_FIELD_VALUE = re.compile(r"^(?P<key>.+?)\s*(?:[：:=＝]|为|是)\s*(?P<value>.+)$")
_NUMBER_UNIT = re.compile(r"^(?P<number>[-+]?\d+(?:\.\d+)?)\s*(?P<unit>[^\d\s].*)?$")


def parse_indicator_spec(spec: str) -> dict[str, str]:
    """ "三级指标：培训人次，数量指标，≥，年度指标值100人次，实际120，分值10" → indicator fields."""
    fields: dict[str, str] = {}
    text = spec.strip().lstrip("：:，, ")
    quoted = QUOTED.search(text)
    if quoted:
        fields["三级指标"] = quoted.group(1).strip()
        text = text[: quoted.start()] + "，" + text[quoted.end() :]
    words = field_words(INDICATOR_FIELDS)
    for piece in re.split(r"[，,；;、\n]+", text):
        piece = piece.strip().strip("。")
        if not piece:
            continue
        target = None if any(piece.startswith(word) for word, _ in words) else _named_target(piece)
        if target:
            name, value = target
            fields.setdefault("三级指标", name)
            fields.setdefault("指标性质", value.kind or "=")
            fields.setdefault("年度指标值", format(value.number, "f"))
            if value.unit:
                fields.setdefault("度量单位", value.unit)
            continue
        key, value = _spec_piece(piece, words)
        if key and value and key not in fields:
            fields[key] = value
    target = fields.get("年度指标值")
    if target and "度量单位" not in fields:
        number = _NUMBER_UNIT.match(target)
        if number and number.group("unit"):
            fields["年度指标值"], fields["度量单位"] = number.group("number"), number.group("unit").strip()
    actual = fields.get("实际完成值")
    unit = fields.get("度量单位")
    if actual and unit and actual.endswith(unit):
        fields["实际完成值"] = actual[: -len(unit)].strip()
    return fields


def _named_target(piece: str) -> tuple[str, SplitValue] | None:
    """ "数字化档案数量不少于1000卷" → ("数字化档案数量", ≥ 1000 卷): a name, then a value with its comparison,
    read the way filed 自评表 cells are (``split_value``)."""
    for at in range(1, len(piece)):
        name = piece[:at].strip()
        if any(ch.isdigit() for ch in name):
            return None
        value = split_value(piece[at:])
        if value.kind and value.number is not None:
            return name, value
    return None


def _spec_piece(piece: str, words: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    if piece in LEVEL1_NAMES:
        return "一级指标", piece
    if piece in LEVEL1_OF:
        return "二级指标", piece
    if piece in KIND_VALUES:
        return "指标性质", KIND_VALUES[piece]
    achieved = _ACHIEVED.match(piece)
    if achieved:
        return "实际完成值", achieved.group(1).strip()
    pair = _FIELD_VALUE.match(piece)
    if pair:
        for word, key in words:
            if pair.group("key").strip() == word:
                return key, pair.group("value").strip()
    for word, key in words:
        if piece.startswith(word) and len(piece) > len(word):
            return key, piece[len(word) :].strip().lstrip("：:=为是").strip()
    return None, None
