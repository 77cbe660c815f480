"""One vocabulary of 自评表 field names: the case file, the workbook reader and writer, the workspace and the chat
all accept the same names for a field, and the nearest-keyword routine they share ranks words one way."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from assistant.chat.indicator_spec import parse_indicator_spec
from assistant.chat.intents import parse
from assistant.io import case_from_data
from assistant.models import Indicator
from assistant.office import load_case_xlsx
from assistant.office.xlsx_layouts import FUND_COLUMNS, INDICATOR_COLUMNS, SUMMARY_COLUMNS
from assistant.vocabulary import (
    BUDGET,
    EXECUTED,
    INDICATOR_TERMS,
    MONEY_TERMS,
    PROJECT_TERMS,
    RATE,
    SELF_SCORE,
    header_table,
    last_keyword,
)
from assistant.workspace.fields import indicator_field, project_field

INDICATOR = {"一级指标": "产出指标", "三级指标": "培训人次", "年度指标值": 100, "实际完成值": 120, "分值": 90}


def _case(project: dict) -> dict:
    return {"单位名称": "某单位", "年度": 2023, "项目": [{"项目名称": "甲", **project}]}


def test_terms_do_not_share_a_name_within_projects_or_indicators() -> None:
    for terms in (PROJECT_TERMS, INDICATOR_TERMS):
        names = [name for term in terms for name in term.names]
        assert len(names) == len(set(names))


@pytest.mark.parametrize("term", MONEY_TERMS, ids=lambda t: t.attr)
def test_every_form_name_of_an_amount_is_a_case_file_key(term) -> None:
    for name in (*term.names, term.attr):
        data = {"全年预算数": 100, "全年执行数": 90, "绩效指标": [INDICATOR]}
        data.pop(term.key, None)
        data[name] = 70
        assert getattr(case_from_data(_case(data)).projects[0], term.attr) == 70, name


def test_spoken_words_are_not_case_file_keys() -> None:
    """ "预算" is what an officer says; a file that writes it as a key is refused, not guessed."""
    with pytest.raises(Exception, match="不认识的字段"):
        case_from_data(_case({"预算": 100, "全年执行数": 90, "绩效指标": [INDICATOR]}))


def test_indicator_form_names_are_case_file_keys() -> None:
    filed = {
        "一级指标": "产出指标",
        "三级指标": "培训人次",
        "指标值": 100,
        "完成值": 120,
        "权重": 90,
        "计量单位": "人次",
    }
    indicator = (
        case_from_data(_case({"全年预算数": 1, "全年执行数": 1, "绩效指标": [filed]}))
        .projects[0]
        .indicators[0]
    )
    assert (indicator.target, indicator.actual, indicator.points, indicator.unit) == (100, 120, 90, "人次")


def test_workbook_tables_come_from_the_vocabulary() -> None:
    assert header_table(BUDGET, spoken=False) == dict.fromkeys(BUDGET.names, "全年预算数")
    for term in MONEY_TERMS:
        assert all(FUND_COLUMNS[name] == term.key for name in term.names)
        assert all(SUMMARY_COLUMNS[word] == term.key for word in term.words)
    assert all(SUMMARY_COLUMNS[word] == "自评得分" for word in SELF_SCORE.words)
    assert FUND_COLUMNS["预算执行率"] == SUMMARY_COLUMNS["预算执行率"] == RATE.key
    for term in INDICATOR_TERMS:
        assert all(INDICATOR_COLUMNS[name] == term.key for name in term.names)
    assert "单位" not in INDICATOR_COLUMNS  # a spoken word is no column header on a form


@pytest.mark.parametrize("word", [w for t in (BUDGET, EXECUTED) for w in (*t.words, t.attr)])
def test_workspace_resolves_every_word_of_an_amount(word: str) -> None:
    assert project_field(word) in ("全年预算数", "全年执行数")


def test_workspace_resolves_indicator_words_and_refuses_the_rate() -> None:
    assert [indicator_field(w) for w in ("指标值", "完成值", "权重", "定性档次")] == [
        "年度指标值",
        "实际完成值",
        "分值",
        "评价档次",
    ]
    with pytest.raises(Exception, match="预算执行率由全年执行数"):
        project_field("预算执行率")


def test_summary_sheet_with_short_header_names(tmp_path: Path) -> None:
    """调整后预算 and 支出数 are read as 全年预算数 and 全年执行数 on a summary sheet (new: from the vocabulary)."""
    wb = Workbook()
    sheet = wb.active
    sheet.append(["某单位2023年度项目支出绩效自评汇总表"])
    sheet.append(["填报单位：某单位"])
    sheet.append(["序号", "项目名称", "年初预算金额", "调整后预算", "支出数", "总得分"])
    sheet.append([1, "甲项目", 90, 100, 80, 88])
    sheet.append([2, "乙项目", 50, 60, 60, 95])
    path = tmp_path / "summary.xlsx"
    wb.save(path)
    case = load_case_xlsx(path)
    first = case.projects[0]
    assert (first.budget_initial, first.budget, first.executed, first.self_score) == (90, 100, 80, 88)
    assert [p.name for p in case.projects] == ["甲项目", "乙项目"] and case.year == 2023


def test_chat_names_a_field_by_any_of_its_words() -> None:
    case = case_from_data(_case({"全年预算数": 100, "全年执行数": 90, "绩效指标": [INDICATOR]}))
    for said in ("把甲项目的全年实际执行数改为5万元", "把甲项目的支出数改为5万元", "甲项目预算执行数为5万元"):
        intent = parse(said, case)
        assert (intent.kind, intent.args.get("field"), intent.args.get("value")) == (
            "set",
            "全年执行数",
            "5万元",
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全年预算数100万元，全年执行数", ("executed", "全年执行数")),  # the nearest end wins
        ("调整后预算执行数", ("executed", "预算执行数")),  # same end: the longer word wins
        ("执行数", ("executed", "执行数")),
        ("预算", ("budget", "预算")),
        ("没有关键词", None),
    ],
)
def test_last_keyword_ranks_by_end_then_length(text: str, expected) -> None:
    table = [("budget", ("全年预算数", "预算")), ("executed", ("全年执行数", "预算执行数", "执行数"))]
    hit = last_keyword(text, table)
    assert (None if hit is None else (hit.field, hit.word)) == expected
    if hit is not None:
        assert text[hit.start : hit.end] == hit.word


def test_last_keyword_keeps_the_earlier_entry_on_a_full_tie() -> None:
    hit = last_keyword("结余资金", [("unspent", ("结余资金",)), ("budget", ("结余资金",))])
    assert hit is not None and hit.field == "unspent"


@pytest.mark.parametrize(
    ("written", "kind"), [("正向指标", "≥"), ("≦", "≤"), ("＝", "="), ("定性指标", "定性")]
)
def test_chat_reads_indicator_kinds_as_the_case_model_does(written: str, kind: str) -> None:
    """One table of 指标性质 spellings (``vocabulary.KIND_VALUES``): the chat used to know only seven."""
    fields = parse_indicator_spec(f"三级指标：投诉率，效益指标，{written}，年度指标值5%，实际3%，分值10")
    assert fields["指标性质"] == kind and fields["一级指标"] == "效益指标"
    values = (
        {"年度指标值": "是", "实际完成值": "是"} if kind == "定性" else {"年度指标值": 5, "实际完成值": 3}
    )
    filed = {"一级指标": "效益指标", "三级指标": "x", "指标性质": written, "分值": 5, **values}
    assert Indicator.model_validate(filed).kind == kind


@pytest.mark.parametrize(
    ("term", "true_value"),
    [(BUDGET, "100"), (EXECUTED, "90"), (MONEY_TERMS[0], "80")],
    ids=("全年", "执行", "年初"),
)
def test_audit_reads_every_word_of_an_amount_as_its_field(term, true_value: str) -> None:
    from assistant.audit import audit_text
    from assistant.scoring import score_case

    unit = score_case(
        case_from_data(
            _case({"年初预算数": 80, "全年预算数": 100, "全年执行数": 90, "绩效指标": [INDICATOR]})
        )
    )
    for word in term.words:
        right = audit_text(f"甲项目{word}{true_value}万元。", unit).findings
        assert [f.code for f in right if f.severity == "error"] == [], word
        wrong = audit_text(f"甲项目{word}77万元。", unit).findings
        errors = [(f.code, f.expected) for f in wrong if f.severity == "error"]
        assert errors == [("AMOUNT_MISMATCH", f"{true_value}万元")], word


def test_self_audit_reads_table_headers_by_their_form_names() -> None:
    from assistant.audit.reference import column_fields

    for budget_name in BUDGET.names:
        for executed_name in EXECUTED.names:
            header = ["项目名称", "年初预算数", budget_name, executed_name, "预算执行率", "自评得分"]
            assert list(column_fields(header).values()) == [
                "name",
                "budget_initial",
                "budget",
                "executed",
                "rate",
                "score",
            ], header
