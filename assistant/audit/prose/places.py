"""Names of places and bodies a count counts: "涉及8个乡镇，分别为：东岗镇…" — each name ends in a character of the
counted noun's kind (镇, 乡, 街道's 道 for 乡镇; 村, 社区… for 村).

Why: a list after a count of places names the places counted, whatever figure each carries ("东岗镇6个" is a town
with six centres, not six towns); a list of other things ("岗南镇河道堤防修复") names what was done there. Shared by
the count checks (``checks.text_enumerated_count``, ``checks.text_lists``) so both read a place alike.
"""

from __future__ import annotations

from ..cues import cues

_CUES = cues(__name__)

# characters of a place's own name with its kind ("东岭村", "城关镇"); "农村", "教学" are none
_SHORTEST_PLACE = 3

# A count of places or bodies: each listed name ends in one of these characters of its kind.
_PLACE_ENDINGS = {
    "乡镇": "乡镇街道处",
    "镇": "镇",
    "乡": "乡",
    "村": "村区组屯",
    "社区": "区村",
    "街道": "道处镇",
    "县": "县区市旗",
    "县区": "县区市旗",
    "县市区": "县区市旗",
    "学校": "校学园院",
    "中小学": "校学",
    "幼儿园": "园",
    "医院": "院",
    "卫生院": "院",
    "医疗机构": "院心站所",
    "卫生机构": "院心站所",
    "企业": "司厂社店场",
    "合作社": "社",
    "站点": "站点心所",
    "单位": "位局院所室站中心队馆",
    "场馆": "馆院宫站心厅场室",
    "场所": "馆院宫站心厅场室所屋",
}


def place_endings(noun: str) -> str | None:
    """The characters a name of the counted kind of place or body ends in, or None for a count of other things."""
    return next((v for k, v in _PLACE_ENDINGS.items() if noun.endswith(k)), None)


def all_places(noun: str, names: list[str]) -> bool:
    """Whether the count's noun is a kind of place or body and every name is one of that kind."""
    endings = place_endings(noun)
    return endings is not None and all(n and (n[-1] in endings or n.endswith("中心")) for n in names)


def named_places(noun: str, names: list[str]) -> bool:
    """Whether every name is one place of the counted kind by its own name ("东岗镇", "东风村" of 行政村), not a kind
    of it ("山区乡镇8个，平原乡镇5个" split 12个乡镇 by kind): a name ending with the whole noun is a kind, so a noun of
    one character (村, 镇), which every name ends with, tells neither."""
    return len(noun) >= 2 and all_places(noun, names) and not any(n.endswith(noun) for n in names)


def places_opening(noun: str, names: list[str]) -> list[str] | None:
    """The place of the counted kind each name opens with, when the names are what was done at those places
    ("城关镇中心小学教学楼维修加固" of a count of 学校 opens with 城关镇中心小学), each place named once; else None.
    The place is the name's shortest opening of three characters or more that ends in a character of the kind."""
    endings = place_endings(noun)
    if endings is None or len(names) < 2:
        return None
    places = []
    for name in names:
        end = next((k for k in range(_SHORTEST_PLACE, len(name) + 1) if name[k - 1] in endings), None)
        if end is None or end == len(name):
            return None  # no place, or the whole name is one: read by ``all_places``
        places.append(name[:end])
    return places if len(set(places)) == len(places) else None


def sub_units(noun: str, names: list[str]) -> bool:
    """Whether two names open with one body of the counted kind ("县人民医院急诊中心", "县人民医院胸痛中心" of a count
    of 医院): they are units inside one body, so the names do not count the bodies."""
    endings = place_endings(noun) or ""
    openings = [
        next((name[:k] for k in range(_SHORTEST_PLACE, len(name)) if name[k - 1] in endings), None)
        for name in names
    ]
    inner = [o for o in openings if o is not None]
    return len(set(inner)) < len(inner)


def name_before(text: str, at: int) -> str:
    """The name written right before a figure ("东岗镇" of "、东岗镇6个"), or ""."""
    found = _CUES.name_before.search(text, max(0, at - 16), at)
    return found.group(0) if found else ""
