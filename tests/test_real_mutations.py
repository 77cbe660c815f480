"""The real-corpus mutation loop (``assistant.evaluation.real_mutations``): each true relation of a key broken one
number at a time, by its leading digit or by its money unit, and whether the text audit notices."""

from __future__ import annotations

from assistant.evaluation.real_corpus import RealText
from assistant.evaluation.real_mutations import mutate_text

TEXT = "2023年安排项目预算124万元，全年实际支出101.84万元，执行率82.13%，结余0万元。"
ITEM = RealText(
    slug="invented",
    text=TEXT,
    clean=True,
    contradictions=(),
    true_relations=(("预算124万元", "实际支出101.84万元", "执行率82.13%"), ("结余0万元",)),
    relation_notes=("101.84 / 124 = 82.13%", "nothing left"),
)


def test_each_single_number_anchor_has_its_leading_digit_moved_and_is_noticed():
    mutations = {m.anchor: m for m in mutate_text(ITEM)}
    assert set(mutations) == {"预算124万元", "实际支出101.84万元", "执行率82.13%"}  # 0万元: no tenth to move
    assert (mutations["预算124万元"].original, mutations["预算124万元"].changed) == ("124", "224")
    assert all(m.noticed and not m.survives for m in mutations.values())
    assert "RATE_MISMATCH" in mutations["预算124万元"].codes


def test_a_money_unit_written_in_the_other_unit_is_a_slip_that_never_survives():
    mutations = {m.anchor: m for m in mutate_text(ITEM, slip="unit")}
    # a rate has no money unit; 0 is 0 in any unit
    assert set(mutations) == {"预算124万元", "实际支出101.84万元"}
    spent = mutations["实际支出101.84万元"]
    assert (spent.original, spent.changed) == ("101.84万元", "101.84元")
    assert spent.noticed and not spent.survives and "UNIT_SUSPECT" in spent.codes


def test_a_change_nothing_notices_is_reported_as_unnoticed():
    item = RealText("plain", "该项目共举办培训班12期。", True, (), (("培训班12期",),), ("stated once",))
    [mutation] = mutate_text(item)
    assert mutation.changed == "22" and not mutation.noticed
