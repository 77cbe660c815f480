"""The label reader (audit.prose.labels): what a count counts, with what keeps two counts of one noun apart."""

from assistant.audit.document import parse_document
from assistant.audit.prose.facts import read_facts
from assistant.audit.prose.labels import count_label


def _labels(text: str) -> dict[str, object]:
    facts = read_facts(parse_document(text))
    return {s.text: count_label(text, s) for s in facts.statements if s.kind == "count"}


def test_a_stock_verb_and_a_modifier_name_one_role():
    labels = _labels("2021年全县重点村全部配备群测群防员95名。落实地质灾害防治群测群防员99人。")
    first, second = labels["95名"], labels["99人"]
    assert first.noun == "群测群防员" and second.noun == "地质灾害防治群测群防员"
    assert first.action is None and second.action is None  # 配备, 落实: a stock
    assert first.same_quantity(second)


def test_an_action_a_scope_or_a_body_makes_another_quantity():
    labels = _labels(
        "全年培训护林员120名。其中新增护林员12名。局机关现有干部职工128人。所属林场现有干部职工163人。"
    )
    assert labels["120名"].action == "培训"
    assert labels["12名"] is None or "新增" in labels["12名"].scope
    assert not labels["128人"].same_quantity(labels["163人"])


def test_a_generic_noun_is_no_label():
    assert _labels("组织工作人员120人开展排查。")["120人"] is None
