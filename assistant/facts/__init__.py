"""The fact sheet: every number (and every quoted officer text) a report may state, keyed and display-formatted.

Drafters never write a number themselves: they write ``{{key}}`` slots and ``FactSheet.fill`` puts in the
display string, so every figure in a draft is true by construction. The audit reads the same sheet to know
what a correct figure looks like. Scoring lives in ``assistant.scoring``; prose lives in ``assistant.drafting``.

The policy for how each kind of number is shown lives in ``display`` (``Formatter``); the sheet and its slots
in ``sheet``; which key holds which fact in ``build``.

Keys (``N`` = the project's 1-based position in the case, ``K`` = the indicator's within its project;
keys marked ? are absent when the data does not give them, and asking for an absent key is an error):

- unit: ``unit.name`` ``unit.year`` ``unit.money_unit`` ``unit.self`` (我部/我局/我单位…)
  ``unit.department``? ``unit.background``? and the officer's own facts (``assistant.placeholders``):
  ``unit.review_organiser``? ``unit.review_basis``? ``unit.problems``? ``unit.result_use``?
  ``unit.disclosure``? ``unit.experience``? ``unit.other_notes``?
- rules: ``rules.id`` ``rules.name`` ``rules.exec_definition`` ``rules.total_points`` ``rules.exec_points``
  ``rules.exec_cap`` ``rules.indicator_points`` ``rules.explain_rate_below`` ``rules.over_percent``
  ``rules.weight.<一级指标>`` (``rules.weight.产出指标``) ``rules.grade_min.<等级>`` ``rules.grade_max.<等级>``
  ``rules.tier_min.<档次>`` ``rules.tier_max.<档次>``
- totals: ``total.projects`` ``total.projects_cn`` ``total.budget_initial``? (only when every project gives
  one) ``total.budget`` ``total.executed`` ``total.unspent`` ``total.rate``? ``total.mean_score``?
  ``total.needing`` ``total.needing_cn`` (projects needing a cause and a measure) ``total.full_rate``
  (projects whose 全年执行数 equals a non-zero 全年预算数) ``total.scored`` ``total.unscored``
  ``total.indicators`` (third-level indicators of all projects) ``total.self_scored`` (projects scored
  from a filed 自评得分, without indicator rows) ``total.no_goal`` (projects without 年度总体目标)
- grades: ``grade_count.<等级>`` for every grade of the rule set (``grade_count.优`` …)
- project: ``pN.index`` ``pN.name`` ``pN.label`` (the name + 项目 unless it ends so; the sentence subject)
  ``pN.budget_initial``? ``pN.budget`` ``pN.executed`` ``pN.unspent`` ``pN.unspent_rate``? ``pN.rate``?
  ``pN.rate_score`` ``pN.score``? ``pN.grade``? ``pN.indicators`` (count) ``pN.indicators_met``
  ``pN.indicators_full`` (scored at full points)
  ``pN.goal``? ``pN.outcome``? ``pN.background``? ``pN.cause``? ``pN.measure``? ``pN.department``?
  ``pN.implementer``? ``pN.src.<appropriation|carry_over|other>.<label|budget_initial|budget|executed>``?
- indicator: ``pN.iK.name`` ``pN.iK.level1`` ``pN.iK.level2`` ``pN.iK.kind`` ``pN.iK.target``?
  ``pN.iK.actual``? ``pN.iK.unit``? ``pN.iK.points`` ``pN.iK.score``? ``pN.iK.completion``? ``pN.iK.tier``?
  ``pN.iK.note``?

``FactSheet.kinds`` names each key's kind (text, amount, rate, score, count, grade, rule, value) and
``FactSheet.raw`` holds the exact ``Decimal`` behind each numeric key (amounts in the case's money unit,
rates and scores before display rounding). ``FactSheet.to_json`` is the shape a prompt receives.
"""

from .build import OFFICER_ATTRS, build_facts
from .display import Formatter, clean_note, count_cn, self_name
from .sheet import SLOT, FactSheet, UnknownSlotError

__all__ = [
    "OFFICER_ATTRS",
    "SLOT",
    "FactSheet",
    "Formatter",
    "UnknownSlotError",
    "build_facts",
    "clean_note",
    "count_cn",
    "self_name",
]
