"""One normalisation for typed number strings (``numbers.ascii_number``), and what each reader accepts with it.

The case model (``parse_plain_number``: amounts, targets, scores in files and workbooks), the workspace's cell
parsers (amount, score, indicator value) and the model drafter's literal-number check each had a table of their
own beside ``numbers.NORMALIZE``. The rows marked ``# changed`` are where the one table changed what a reader
accepts, decided deliberately:

- the true minus sign (−, which Word substitutes for "-") and the dashes NORMALIZE reads as minus (—, –) now
  make a negative number everywhere: an amount is then refused as negative rather than as "not a number",
  and an indicator value typed with a full-width minus (－５) is a number, as the case model already read it;
- ﹪ (small percent) is a percent sign like ％;
- a percentage is never a score (``score_value`` let "95％" through, checking only the ASCII %).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.drafting.slots import FigureReview
from assistant.errors import InputError
from assistant.facts import build_facts
from assistant.io import case_from_data
from assistant.models import parse_plain_number
from assistant.numbers.numerals import ascii_number, parse_number
from assistant.scoring import score_case
from assistant.workspace.fields import indicator_value, money_value, score_value

ERR = "error"
D = Decimal

# input: (parse_plain_number, indicator_value, money_value in 万元, score_value)
TABLE = {
    "95": (D(95), D(95), D(95), D(95)),
    "９５": (D(95), D(95), D(95), D(95)),
    "95%": (D(95), D(95), ERR, ERR),
    "95％": (D(95), D(95), ERR, ERR),  # changed: a percentage is no score
    "95﹪": (D(95), D(95), ERR, ERR),  # changed: ﹪ is a percent sign
    "95 ％": (D(95), "95 ％", ERR, ERR),  # changed (score)
    "１，２００": (D(1200), D(1200), D(1200), D(1200)),
    "1,200": (D(1200), D(1200), D(1200), D(1200)),
    "１２．５": (D("12.5"), D("12.5"), D("12.5"), D("12.5")),
    "－５": (D(-5), D(-5), D(-5), D(-5)),  # changed (indicator value)
    "−5": (D(-5), D(-5), D(-5), D(-5)),  # changed: the true minus sign
    "—5": (D(-5), D(-5), D(-5), D(-5)),  # changed
    "–5": (D(-5), D(-5), D(-5), D(-5)),  # changed
    "＋5": (D(5), "＋5", D(5), D(5)),
    "≥95%": (D(95), "≥95%", ERR, ERR),
    "＞５": (D(5), "＞５", D(5), D(5)),
    "＜＝5": (None, "＜＝5", ERR, ERR),
    "５万元": (None, "５万元", D(5), ERR),
    "56000元": (None, "56000元", D("5.6"), ERR),
    "９０分": (None, "９０分", ERR, D(90)),
    "（5）": (None, "（5）", ERR, ERR),
    "—": (None, "—", ERR, ERR),
    "1.2.3": (None, "1.2.3", ERR, ERR),
    "５．": (None, "５．", ERR, ERR),
    "abc": (None, "abc", ERR, ERR),
}


def _run(parse, *args):
    try:
        return parse(*args)
    except InputError:
        return ERR


@pytest.mark.parametrize("text", TABLE)
def test_what_each_reader_accepts(text: str) -> None:
    expected = TABLE[text]
    got = (
        parse_plain_number(text),
        _run(indicator_value, text, None),
        _run(money_value, text, "万元"),
        _run(score_value, text),
    )
    assert got == expected


def test_ascii_number_maps_one_character_to_one() -> None:
    wide = "０１２３４５６７８９．，％－＋"
    assert ascii_number(wide) == "0123456789.,%-+"
    assert len(ascii_number("１，２００．５％　")) == len("１，２００．５％　")
    assert parse_number("１，２３４．５") == D("1234.5")


def test_a_percentage_is_no_amount_in_a_case_file() -> None:
    data = {
        "单位名称": "甲",
        "年度": 2023,
        "项目": [{"项目名称": "乙", "全年预算数": "95﹪", "全年执行数": 1}],
    }
    with pytest.raises(InputError, match="不是有效的金额数字"):
        case_from_data(data)
    data["项目"][0]["全年预算数"] = "−5"
    with pytest.raises(InputError, match="金额不能为负数"):
        case_from_data(data)


def test_model_drafter_reads_full_width_literals_as_before() -> None:
    data = {
        "单位名称": "某单位",
        "年度": 2023,
        "项目": [
            {
                "项目名称": "甲项目",
                "全年预算数": 100,
                "全年执行数": 95,
                "绩效指标": [
                    {
                        "一级指标": "产出指标",
                        "三级指标": "人数",
                        "年度指标值": 10,
                        "实际完成值": 12,
                        "分值": 90,
                    }
                ],
            }
        ],
    }
    facts = build_facts(score_case(case_from_data(data)))
    # the full-width rate is the project's rate (turned into its slot), the full-width year is the case year
    review = FigureReview(facts).review(["甲项目预算执行率９５．００％，２０２３年完成。"])
    assert review.paragraphs == ["甲项目预算执行率{{p1.rate}}％，２０２３年完成。"] and not review.issues
    wrong = FigureReview(facts).review(["甲项目预算执行率９４．００％。"])
    assert [issue.code for issue in wrong.issues] == ["wrong_number"] and "{{p1.rate}}" in wrong.issues[
        0
    ].message
