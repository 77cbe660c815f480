"""assistant.numbers against the wording of real 绩效自评报告: phrasing table, seed report, numeral parsers."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, get_args

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.numbers import (
    NON_CLAIM_KINDS,
    Kind,
    NumberMention,
    amount_factor,
    count_factor,
    find_numbers,
    is_amount_unit,
    parse_chinese_numeral,
    parse_number,
)

FIXTURES = Path(__file__).parent / "fixtures" / "numbers"
SEED = (FIXTURES / "seed_yushui_2022.txt").read_text(encoding="utf-8")
PHRASINGS: dict[str, list[dict[str, Any]]] = yaml.safe_load(
    (FIXTURES / "phrasings.yaml").read_text(encoding="utf-8")
)
_OPTIONAL = ("unit", "raw", "places", "noun")


# ---- the phrasing table ---------------------------------------------------------------------------------


def _expected(line: str) -> dict[str, Any]:
    """ "span | kind | value | key=value ..." → the fields to compare, values as Decimal where numeric."""
    span, kind, value, *rest = (part.strip() for part in line.split("|"))
    fields: dict[str, Any] = {
        "text": span,
        "kind": kind,
        "value": Decimal(value),
        "hedge": None,
        "high": None,
    }
    for item in rest[0].split() if rest else ():
        key, _, raw = item.partition("=")
        assert key in ("hedge", "high", *_OPTIONAL), f"unknown key {key!r} in {line!r}"
        fields[key] = None if raw == "-" else raw
    if fields["high"] is not None:
        fields["high"] = Decimal(fields["high"])
    if fields.get("raw") is not None:
        fields["raw"] = Decimal(fields["raw"])
    if "places" in fields:
        fields["places"] = int(fields["places"])
    return fields


def _actual(mention: NumberMention, keys: Any) -> dict[str, Any]:
    source = {
        "text": mention.text,
        "kind": mention.kind,
        "value": mention.value,
        "hedge": mention.hedge,
        "high": mention.high,
        "unit": mention.unit,
        "raw": mention.raw_value,
        "places": mention.places,
        "noun": mention.noun,
    }
    return {key: source[key] for key in keys}


def _phrasing_params() -> list[Any]:
    params = []
    for group, cases in PHRASINGS.items():
        for case in cases:
            assert isinstance(case["text"], str), f"quote the text of {case['id']} in phrasings.yaml"
            params.append(pytest.param(case["text"], case["expect"], id=f"{group}-{case['id']}"))
    return params


@pytest.mark.parametrize(("text", "expect"), _phrasing_params())
def test_phrasing(text: str, expect: list[str]) -> None:
    wanted = [_expected(line) for line in expect]
    found = find_numbers(text)
    assert [m.text for m in found] == [w["text"] for w in wanted], "spans differ"
    assert [_actual(m, w) for m, w in zip(found, wanted, strict=True)] == wanted
    for m in found:
        assert m.is_claim is (m.kind not in NON_CLAIM_KINDS)


def test_phrasing_table_is_large_and_ids_unique() -> None:
    ids = [p.id for p in _phrasing_params()]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 300


# ---- invariants -----------------------------------------------------------------------------------------

_KINDS = set(get_args(Kind))


def _assert_well_formed(text: str, mentions: list[NumberMention]) -> None:
    previous_end = 0
    for m in mentions:
        assert previous_end <= m.start < m.end <= len(text), m
        assert m.text == text[m.start : m.end]
        assert m.kind in _KINDS
        assert m.is_claim is (m.kind not in NON_CLAIM_KINDS)
        assert m.places >= 0
        assert isinstance(m.value, Decimal) and isinstance(m.raw_value, Decimal)
        assert m.high is None or m.high >= m.value, m
        previous_end = m.end


def test_all_table_texts_are_well_formed() -> None:
    for cases in PHRASINGS.values():
        for case in cases:
            _assert_well_formed(case["text"], find_numbers(case["text"]))
    _assert_well_formed(SEED, find_numbers(SEED))


def test_empty_and_numberless_text() -> None:
    assert find_numbers("") == []
    assert find_numbers("坚持真实、科学、公正的原则；坚持定量分析与定性分析的原则。") == []


_ALPHABET = list(
    "0123456789.,%~-:、（）()〔〕 \n\t一二三四五六七八九十百千万亿两零〇第个项名人元分年月日号届度约近以上余多的和是为之"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=60))
def test_random_text_is_well_formed(text: str) -> None:
    _assert_well_formed(text, find_numbers(text))


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=0, max_value=99999, places=4, allow_nan=False, allow_infinity=False),
    st.sampled_from(["预算金额", "执行金额", "结余资金", "年度资金总额"]),
)
def test_any_wan_yuan_amount_round_trips(amount: Decimal, label: str) -> None:
    written = f"{amount:f}"
    text = f"{label}{written}万元，"
    [mention] = find_numbers(text)
    assert (mention.kind, mention.unit, mention.value, mention.text) == (
        "amount",
        "万元",
        amount,
        f"{written}万元",
    )
    assert mention.places == (len(written.split(".")[1]) if "." in written else 0)


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False))
def test_any_rate_round_trips(rate: Decimal) -> None:
    [mention] = find_numbers(f"预算执行率为{rate:f}%，")
    assert (mention.kind, mention.value, mention.places) == ("percent", rate, 2)


# ---- the seed report ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_mentions() -> list[NumberMention]:
    return find_numbers(SEED)


def _prose(mentions: list[NumberMention]) -> list[NumberMention]:
    """Mentions before the attached 评分表."""
    return [m for m in mentions if m.start < SEED.index("附件：评分表")]


def test_seed_amounts(seed_mentions: list[NumberMention]) -> None:
    amounts = {(m.text, m.value) for m in seed_mentions if m.kind == "amount"}
    for text, value in [
        ("48.824万元", "48.824"),
        ("5.6万元", "5.6"),
        ("59.2万元", "59.2"),
        ("57.04万元", "57.04"),
        ("289.9965万元", "289.9965"),
        ("62.3205万元", "62.3205"),
        ("1.92万元", "1.92"),
        ("15.0816万元", "15.0816"),
        ("18.8704万元", "18.8704"),
        ("1000元", "0.1"),
        ("2500元", "0.25"),
        ("2000元", "0.2"),
    ]:
        assert (text, Decimal(value)) in amounts
    assert all(m.unit in ("万元", "元") for m in seed_mentions if m.kind == "amount")
    # by line: total 1, listed projects 14, total again 2, then 2 + 3 + 3 + 5 + 4 in 四、 and 3 in 五、
    assert sum(1 for m in seed_mentions if m.kind == "amount") == 37


def test_seed_rates_and_scores(seed_mentions: list[NumberMention]) -> None:
    percents = [m for m in seed_mentions if m.kind == "percent"]
    assert {(m.value, m.places) for m in percents} == {
        (Decimal(100), 0),
        (Decimal("96.35"), 2),
        (Decimal(3), 0),
    }
    scores = [m.value for m in _prose(seed_mentions) if m.kind == "score" and m.high is None]
    assert Decimal(97) in scores and Decimal(100) in scores


def test_seed_counts(seed_mentions: list[NumberMention]) -> None:
    counts = [(m.text, m.unit, m.noun, m.hedge) for m in seed_mentions if m.kind == "count"]
    assert ("14项", "项", "经费", None) in counts
    assert ("14个", "个", "项目", None) in counts
    assert ("十四个", "个", "项目", None) in counts
    assert ("115名", "名", None, None) in counts
    assert ("6台", "台", None, None) in counts
    assert ("10个以上", "个", None, "以上") in counts
    assert sum(1 for text, *_ in counts if text == "8人") == 4  # line 16, 52 (twice), 评分表


def test_seed_item_four_is_a_section_then_eight_people(seed_mentions: list[NumberMention]) -> None:
    line_start = SEED.index("4.8人赴")
    here = [m for m in seed_mentions if line_start <= m.start < line_start + 5]
    assert [(m.text, m.kind, m.value) for m in here] == [("4.", "section", 4), ("8人", "count", 8)]
    assert all(m.value != Decimal("4.8") for m in seed_mentions)


def test_seed_item_five_is_a_section_then_a_year(seed_mentions: list[NumberMention]) -> None:
    line_start = SEED.index("5.2022年春节")
    here = [m for m in seed_mentions if line_start <= m.start < line_start + 8]
    assert [(m.text, m.kind) for m in here] == [("5.", "section"), ("2022年", "year")]


def test_seed_grading_sentence(seed_mentions: list[NumberMention]) -> None:
    ranges = [(m.text, m.value, m.high) for m in seed_mentions if m.high is not None]
    assert ranges == [
        ("90～100分", Decimal(90), Decimal(100)),
        ("80～90分", Decimal(80), Decimal(90)),
        ("60～80分", Decimal(60), Decimal(80)),
    ]
    [below] = [m for m in seed_mentions if m.hedge == "低于"]
    assert (below.text, below.kind, below.value) == ("低于60分", "score", Decimal(60))


def test_seed_non_claims(seed_mentions: list[NumberMention]) -> None:
    ordinals = [m.text for m in seed_mentions if m.kind == "ordinal"]
    assert ordinals == ["第八届", "第八届"]
    years = {m.value for m in seed_mentions if m.kind == "year"}
    assert years == {Decimal(2021), Decimal(2022)}
    sections = [m.text for m in _prose(seed_mentions) if m.kind == "section"]
    assert sections[:4] == ["一、", "（一）", "1、", "2、"]
    assert {"二、", "三、", "四、", "五、", "1.", "2.", "3.", "4.", "5."} <= set(sections)
    assert not any(m.is_claim for m in seed_mentions if m.kind in NON_CLAIM_KINDS)


@pytest.mark.parametrize(
    "word", ["七一", "大组工网", "三名工作室", "一级指标", "二级指标", "三级指标", "百分制"]
)
def test_seed_words_with_numerals_stay_silent(seed_mentions: list[NumberMention], word: str) -> None:
    start = 0
    while (at := SEED.find(word, start)) >= 0:
        assert not [m for m in seed_mentions if m.start < at + len(word) and at < m.end], word
        start = at + 1
    assert start > 0, f"{word} is not in the seed report"


def test_seed_title_year_and_table_cells(seed_mentions: list[NumberMention]) -> None:
    table = [m for m in seed_mentions if m.start > SEED.index("附件：评分表")]
    assert (table[0].text, table[0].kind) == ("2022", "year")
    plain = [m.value for m in table if m.kind == "plain"]
    # 14 rows × 4 cells: budget, executed, rate, score
    assert len(plain) == 56
    assert plain[8:12] == [Decimal("62.3205"), Decimal("18.6932"), Decimal(30), Decimal(90)]


def test_seed_golden(seed_mentions: list[NumberMention]) -> None:
    """The whole seed report, mention by mention (reviewed by hand; regenerate only after review)."""
    golden = (FIXTURES / "seed_mentions.txt").read_text(encoding="utf-8").splitlines()
    assert [f"{m.text}|{m.kind}|{m.value}" for m in seed_mentions] == golden


def test_a_large_text_reads_as_its_copies_do() -> None:
    """50 seed reports (~390 KB) joined read as 50 times one (its speed is measured by ``make bench``)."""
    assert len(find_numbers(SEED * 50)) == 50 * len(find_numbers(SEED))


# ---- parse_chinese_numeral ------------------------------------------------------------------------------

CHINESE_NUMERALS = [
    ("十四", "14"),
    ("十", "10"),
    ("一十四", "14"),
    ("一百一十五", "115"),
    ("两", "2"),
    ("零", "0"),
    ("壹佰贰拾", "120"),
    ("叁仟零伍", "3005"),
    ("三千零五", "3005"),
    ("一千零五十", "1050"),
    ("一百零五", "105"),
    ("三百五", "350"),
    ("两千五", "2500"),
    ("一万二千", "12000"),
    ("一万二", "12000"),
    ("一万零二", "10002"),
    ("一万零二百", "10200"),
    ("十万", "100000"),
    ("十万零一十五", "100015"),
    ("一百万", "1000000"),
    ("三千万", "30000000"),
    ("一亿二千万", "120000000"),
    ("一亿零五百万", "105000000"),
    ("一万亿", "1000000000000"),
    ("两亿", "200000000"),
    ("百", "100"),
    ("千", "1000"),
    ("万", "10000"),
    ("零点五", "0.5"),
    ("三点一四", "3.14"),
    ("九十五点五", "95.5"),
    ("九十六点三五", "96.35"),
    ("二十万零三", "200003"),
    ("陆", "6"),
    ("玖拾玖", "99"),
    ("捌佰", "800"),
    ("壹萬", "10000"),
    (" 十四 ", "14"),
]


@pytest.mark.parametrize(("text", "value"), CHINESE_NUMERALS, ids=[c[0].strip() for c in CHINESE_NUMERALS])
def test_parse_chinese_numeral(text: str, value: str) -> None:
    result = parse_chinese_numeral(text)
    assert isinstance(result, Decimal)
    assert result == Decimal(value)


NOT_CHINESE_NUMERALS = [
    "",
    "一一",
    "七一",
    "十四五",
    "万一",
    "一百十",
    "二十两",
    "十两",
    "一百零",
    "五零",
    "点五",
    "三点",
    "三点两",
    "十百",
    "一千一千",
    "abc",
    "12",
    "一个",
    "第一",
]


@pytest.mark.parametrize("text", NOT_CHINESE_NUMERALS, ids=[t or "empty" for t in NOT_CHINESE_NUMERALS])
def test_parse_chinese_numeral_rejects_junk(text: str) -> None:
    with pytest.raises(ValueError):
        parse_chinese_numeral(text)


_DIGITS = "零一二三四五六七八九"


def _section(n: int) -> str:
    out, gap = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit:
            out += ("零" if gap else "") + _DIGITS[digit] + name
            gap = False
        elif out:
            gap = True
    return out


def _to_chinese(n: int) -> str:
    """The standard reading of 0 ≤ n < 10**12 ("一万零二百", "十五")."""
    if n == 0:
        return "零"
    yi, rest = divmod(n, 10**8)
    wan, low = divmod(rest, 10**4)
    text = _to_chinese(yi) + "亿" if yi else ""
    if wan:
        text += ("零" if text and wan < 1000 else "") + _section(wan) + "万"
    if low:
        text += ("零" if text and low < 1000 else "") + _section(low)
    return text[1:] if text.startswith("一十") else text


_DAXIE = str.maketrans("一二三四五六七八九十百千万", "壹贰叁肆伍陆柒捌玖拾佰仟萬")


@settings(max_examples=500, deadline=None)
@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numeral_round_trip(n: int) -> None:
    text = _to_chinese(n)
    assert parse_chinese_numeral(text) == n
    assert parse_chinese_numeral(text.translate(_DAXIE)) == n


def test_round_trip_helper_writes_standard_forms() -> None:
    assert [_to_chinese(n) for n in (15, 115, 10200, 100015, 100010000, 105000000)] == [
        "十五",
        "一百一十五",
        "一万零二百",
        "十万零一十五",
        "一亿零一万",
        "一亿零五百万",
    ]


# ---- parse_number ---------------------------------------------------------------------------------------

NUMBERS = [
    ("0", "0"),
    ("100", "100"),
    ("96.35", "96.35"),
    ("289.9965", "289.9965"),
    ("1,234.56", "1234.56"),
    ("1,200,000", "1200000"),
    ("１２３．４", "123.4"),
    ("１，２３４", "1234"),
    ("-3.5", "-3.5"),
    ("+2", "2"),
    (" 42 ", "42"),
    ("1.2万", "12000"),
    ("3千万", "30000000"),
    ("1.5亿", "150000000"),
    ("十四", "14"),
    ("一百一十五", "115"),
    ("壹佰贰拾", "120"),
    ("两", "2"),
    ("零点五", "0.5"),
    ("负三", "-3"),
]


@pytest.mark.parametrize(("text", "value"), NUMBERS, ids=[n[0].strip() for n in NUMBERS])
def test_parse_number(text: str, value: str) -> None:
    result = parse_number(text)
    assert isinstance(result, Decimal)
    assert result == Decimal(value)


def test_parse_number_keeps_written_places() -> None:
    assert str(parse_number("30.00")) == "30.00"
    assert str(parse_number("１２．５０")) == "12.50"


NOT_NUMBERS = [
    "",
    " ",
    "12,34",
    "1,2345",
    "1.2.3",
    "%",
    "95%",
    "1.",
    ".5",
    "abc",
    "1e5",
    "NaN",
    "一一",
    "万元",
    "--1",
]


@pytest.mark.parametrize("text", NOT_NUMBERS, ids=[t.strip() or "blank" for t in NOT_NUMBERS])
def test_parse_number_rejects_junk(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "wan"),
    [
        ("资金5.6万元", "5.6"),
        ("资金56000元", "5.6"),
        ("资金56千元", "5.6"),
        ("资金5.6万", "5.6"),
        ("资金0.2亿元", "2000"),
        ("资金0.2亿", "2000"),
        ("补贴4万亿", "400000000"),  # 万亿 is one multiplier: no 4万
        ("资金1.26万亿元", "126000000"),
    ],
)
def test_amount_factor_turns_every_written_amount_unit_into_wan(text: str, wan: str) -> None:
    (mention,) = find_numbers(text)
    assert mention.kind == "amount"
    assert mention.raw_value * amount_factor(mention.unit) == Decimal(wan)
    assert mention.value == Decimal(wan)


@pytest.mark.parametrize(
    ("unit", "factor"),
    # 千米 is kilometres, a unit of its own, not 千 × 米 (a form cell "16千米" read as 16000 once)
    [("万亩", 10000), ("万人次", 10000), ("亩", 1), ("万元", 1), ("%", 1), (None, 1), ("个", 1), ("千米", 1)],
)
def test_count_factor_scales_a_form_cell_as_the_prose_reader_does(unit, factor):
    """A 自评表 cell "16.3万亩" and a sentence's "16.3万亩" must be one number: 163000 亩."""
    assert count_factor(unit) == factor
    if factor != 1:
        (mention,) = find_numbers(f"完成16.3{unit}")
        assert mention.value == Decimal("16.3") * factor


@pytest.mark.parametrize("text", ["全年服务15.4万小时", "累计培训15.4万学时", "服务15.4万个小时"])
def test_hours_counted_in_wan_are_no_money(text: str) -> None:
    """ "全年服务15.4万小时，每小时补贴20元": 154000 hours worked, not a bare 15.4万 of money."""
    (mention,) = find_numbers(text)
    assert mention.kind == "duration"
    assert mention.value == Decimal(154000)


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("年节约用电45万千瓦时以上", "万千瓦时", 450000),
        ("回收废旧农膜3.2万千克", "万千克", 32000),
        ("改造农村公路1.2万千米", "万千米", 12000),
        ("新增装机2万千瓦", "万千瓦", 20000),
    ],
)
def test_a_measure_starting_with_qian_takes_a_multiplier(text: str, unit: str, value: int) -> None:
    """ "年节约用电45万千瓦时": 450000 kWh, not a bare 45万 of money (read once as an unspent 45万元)."""
    (mention,) = find_numbers(text)
    assert (mention.kind, mention.unit, mention.value) == ("count", unit, Decimal(value))


@pytest.mark.parametrize(
    ("unit", "wan"), [("万亿元", "100000000"), ("万亿", "100000000"), ("亿", "10000"), ("千元", "0.1")]
)
def test_amount_factor_reads_a_multiplier_before_an_amount_unit(unit: str, wan: str) -> None:
    """ "4万亿元" is 万 × 亿元, as a bare "4万亿" is: both 4 × 10^8 万元."""
    assert amount_factor(unit) == Decimal(wan)


@pytest.mark.parametrize(
    ("unit", "money"),
    [
        ("元", True),
        ("千元", True),
        ("百元", True),
        ("万元", True),
        ("亿元", True),
        ("万", False),
        ("万亩", False),
        ("千米", False),
        ("人次", False),
        ("%", False),
        (None, False),
    ],
)
def test_is_amount_unit(unit: str | None, money: bool) -> None:
    """A form's indicator cell in one of these is money on the 万元 scale (66千元 = 6.6万元), not a count."""
    assert is_amount_unit(unit) is money


@pytest.mark.parametrize(
    ("text", "value"), [("为全县9家乡镇卫生院配置设备", 9), ("辖区内12家乡镇卫生院均已达标", 12)]
)
def test_jia_before_xiangzhen_counts_health_centres(text: str, value: int) -> None:
    """ "9家乡镇卫生院" is nine township health centres: after a figure 家乡 is never "hometown"."""
    (mention,) = find_numbers(text)
    assert (mention.kind, mention.unit, mention.value) == ("count", "家", Decimal(value))


def test_jia_before_a_family_word_is_still_no_measure() -> None:
    """ "3家庭" is no count of 家: the block list still holds for the words 家 starts."""
    assert not [m for m in find_numbers("资助困难家庭3家庭院改造") if m.unit == "家"]
