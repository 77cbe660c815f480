"""Which 口径 a number states: 年初/全年预算, 执行, 结余, 资金来源, 调整额, 执行率, 剩余比例, 得分, 指标值…

Decided from the words written before the number in its sentence (project names masked out, see ``claims``) and
the words right after it. Attribution to a project lives in ``claims``; the checks compare per field.
"""

from __future__ import annotations

import re

from assistant import vocabulary
from assistant.numbers import NumberMention
from assistant.numbers.precision import hedge_kind
from assistant.vocabulary import KeywordTable, last_keyword

from .cues import cues

# Project names are blanked with this character before keywords are looked up ("经费" inside a name is no 口径).
NAME_MASK = "\ue000"
# Indicator names of the attributed project are blanked with this one (no 口径 inside "节约资金").
INDICATOR_MASK = "\ue001"

# 一级 and 二级 indicator categories: words around indicator names that are never one ("满意度指标"); longest
# first, so "服务对象满意度指标" is blanked before the "满意度指标" inside it.
LEVEL_WORDS = tuple(sorted({*vocabulary.LEVEL1_NAMES, *vocabulary.LEVEL1_OF}, key=len, reverse=True))
# An indicator's 年度指标值/实际完成值 written in a money or score unit ("年度指标值458千元", "实际完成值84分"):
# a value of the indicator, never a project amount or score.
INDICATOR_VALUE_WORDS = (*vocabulary.TARGET.names, *vocabulary.ACTUAL.names)

# 口径 keywords: the field names of the vocabulary (with their synonyms), then the verbs and nouns of running
# prose; the keyword nearest before the number decides (``nearest_keyword``). "other_basis" amounts (结算价款,
# 合同金额, 中标价, 工程造价…) are of another basis than budget and execution: no check compares them.
AMOUNT_FIELDS: KeywordTable = (
    ("indicator_value", INDICATOR_VALUE_WORDS),
    ("unit_price", ("单价", "人均", "生均", "标准为", "标准", "平均", "户均", "亩均", "均价")),
    (
        "other_basis",
        (
            "结算价款",
            "结算金额",
            "结算价",
            "合同金额",
            "合同价款",
            "合同价",
            "中标价",
            "中标金额",
            "工程造价",
            "造价",
            "上缴",  # money paid up or handed back ("应上缴资金额128.5万元"): neither budget nor spending
            # money a unit or its people earn ("业务收入达到55万元", "农民人均纯收入"): an outcome, never the budget
            # or the money spent (事业收入 and 经营收入 are left out: a department form splits its year money by them)
            "业务收入",
            "医疗收入",
            "营业收入",
            "销售收入",
            "门诊收入",
            "纯收入",
            "可支配收入",
            "集体经济收入",
            "集体收入",
            "经济收入",
            "增收",
        ),
    ),
    ("unspent_part", ("尾款", "质保金", "保证金")),
    (
        "unspent",
        (
            "结余",
            "剩余",
            "未执行",
            "尚未支付",
            "未支付",
            "余额",
            "结转",
            "未执行资金",
            "结余资金",
            "剩余资金",
            "结转资金",
            "未支付资金",
            "收回",
            "未支",
            "未支出",  # "未支出资金41.25万元": longer than 支出, so the money left wins over the money spent
            "未使用",
            "未拨付",
            "节约",  # "预算30万元，实际支出24万元，节约6万元": what the budget left unspent
        ),
    ),
    ("budget_initial", vocabulary.BUDGET_INITIAL.names),
    ("arrived", ("到位",)),
    (
        "executed",
        (
            *vocabulary.EXECUTED.words,
            "实际执行",
            "决算数",
            "决算金额",
            "已执行",
            "执行",
            "支出",
            "支付",
            "使用",
            "拨付",
            "用款",
            "发放",
            "兑付",  # "全年兑付补贴资金7921.36万元": subsidies paid out to those entitled
            "花费",
        ),
    ),
    (
        "budget",
        (
            *vocabulary.BUDGET.words,
            "预算总额",
            "预算资金",
            "资金总额",
            "总预算",
            "安排资金",
            "下达资金",
            "资金",
            "经费",
            "总额",
            "转移支付",  # the kind of money, not a payment made: longer than 支付, so it wins
            "应到位资金",  # the money due to arrive (the 到位率's base), not money that came: longer than 到位资金
            "应到位",
            "应到账",
            "应拨付",  # money due to be paid on: the base of a 拨付率, longer than 拨付
            "投资",
            "投入",
            "安排",
            # the money a year may spend, its budget and last year's balance together ("可使用资金合计3471.35万元"):
            # longer than 使用, so it wins
            "可使用",
            "可用资金",
            # the money left to spend once a late batch is set aside ("剔除…65.00万元后，当年可支出资金847.40万元"):
            # the rate's base, no spending; longer than 支出, so it wins
            "可支出",
        ),
    ),
)
# 资金来源 words: in the number's own clause they make it a source amount even before 支出 ("当年财政拨款支出…").
SOURCE_WORDS = (
    "当年财政拨款",
    "财政拨款",
    "上年结转资金",
    "上年结转",
    "其他资金",
    "中央资金",
    "省级资金",
    "市级资金",
    "县级资金",
    "区级资金",
    "上级资金",
    "本级资金",
    "当年安排",
    "上年结余",
)
# A carry-in from the year before (上年结转, 年初结转) is a fund source, though its name holds 结余 ("上年结转结余263.90万元"), and so is
# money "2022年底结转2023年的" (carried from one year's end into the next: the receiving year's source; a report of
# the earlier year says 结转下年 or 结转至2023年 of its remainder).
CARRY_IN = re.compile(r"(?:上年|年初)(?:结转)?结余|(?:上年|年初)结转|\d{4}年(?:底|末)结转\d{4}年(?:度)?的")
PERCENT_FIELDS: KeywordTable = (
    ("remainder", ("剩余", "结余", "尾款", "未支付", "未执行", "余下", "质保金", "节约率")),
    # the share of an amount paid out, allocated or handed over: paid ÷ (paid + unpaid), or an unstated base
    ("pay_rate", ("支付率", "拨付率", "发放率", "兑付率", "分配率", "支出率", "拨付进度", "支付进度")),
    ("rate", (*vocabulary.RATE.words, "支出进度", "执行进度", "使用完成比率", "使用完成率", "使用率")),
    ("completion", ("完成率", "达成率", "完工率", "完成")),
    ("satisfaction", ("满意度", "满意率")),
    ("other", ("到位率", "覆盖率", "合格率", "增长", "提高", "下降", "降低", "占比", "比例", "占")),
)
SCORE_FIELDS: KeywordTable = (
    ("indicator_value", (*INDICATOR_VALUE_WORDS, "实际完成")),
    ("points", (*vocabulary.POINTS.names, "满分", "百分制", "分为")),
    # "总分为88.5分" is the score (as "总分88.5分" is), not the "分为" of a rule or of full marks
    ("score", (*vocabulary.SCORE.names, *vocabulary.SELF_SCORE.names, "评分", "自评分", "评价分", "总分为")),
    ("rate_score", ("执行率得分", "执行得分")),
)
INDICATOR_FIELDS: KeywordTable = (
    ("target", (*vocabulary.TARGET.names, "计划")),
    ("actual", (*vocabulary.ACTUAL.names, "实际完成", "实际")),
    ("completion", ("完成率", "完成比例")),
    ("score", (*vocabulary.SCORE.names, "得")),
    ("points", vocabulary.POINTS.names),
)
# Every 口径 keyword: an indicator named exactly so ("预算执行率") keeps its word meaning.
FIELD_WORDS = frozenset(
    word
    for table in (AMOUNT_FIELDS, PERCENT_FIELDS, SCORE_FIELDS, INDICATOR_FIELDS)
    for _, words in table
    for word in words
)
# Fields that speak of a project's money or its execution, never of one indicator.
PROJECT_FIELDS = frozenset(
    {
        "budget",
        "budget_initial",
        "executed",
        "unspent",
        "unspent_part",
        "source",
        "change",
        "difference",
        "rate",
        "rate_score",
        "remainder",
    }
)

# Nouns that only say "money": a more specific word in the same clause decides ("支出救助资金…" is 执行).
_GENERIC = frozenset({"资金", "经费", "安排", "投入", "总额"})
_CLAUSE_MARKS = "，,；;：:。"

_CUES = cues(__name__)
EXCEPT_CLAUSE = _CUES.except_clause
_SHARE = "占"


def clause_of(window: str) -> str:
    """The last clause of ``window`` (after its last comma, semicolon or colon)."""
    return window[max(window.rfind(mark) for mark in _CLAUSE_MARKS) + 1 :]


def names_difference(window: str) -> bool:
    """Is the number after ``window`` a difference ("超出计划2个", "比上年多…"), not the quantity itself?"""
    return _CUES.difference_before.search(clause_of(window)) is not None


def first_clause(window: str) -> str:
    """The first clause of ``window`` (up to its first comma, semicolon, colon or full stop)."""
    ends = [at for mark in _CLAUSE_MARKS if (at := window.find(mark)) >= 0]
    return window[: min(ends)] if ends else window


def nearest_keyword(window: str, table: KeywordTable) -> str | None:
    """The field whose keyword ends closest to the end of ``window`` (``vocabulary.last_keyword``).

    A generic money noun loses to a specific keyword earlier in the same clause ("支出救助资金…" is 执行).
    """
    best = last_keyword(window, table)
    if best is None:
        return None
    if any(window.endswith(word, 0, best.end) for word in _GENERIC):
        clause = clause_of(window)
        specific = last_keyword(
            clause, [(name, [w for w in words if w not in _GENERIC]) for name, words in table]
        )
        if specific is not None:
            return specific.field
    return best.field


def generic_only(clause: str) -> bool:
    """Does ``clause`` name money by a generic noun only ("人员经费", "专项资金"), no word of a stage (预算, 支出,
    到位…)? Then the noun says what kind of money the amount is, not which 口径."""
    specific = [(name, [w for w in words if w not in _GENERIC]) for name, words in AMOUNT_FIELDS]
    return last_keyword(clause, AMOUNT_FIELDS) is not None and last_keyword(clause, specific) is None


def is_restatement(number: NumberMention, window: str, previous: tuple[str, str | None] | None) -> bool:
    """ "未执行资金99.1005万元，近100万元": a hedged number right after one of the same kind rounds it."""
    if previous is None or previous[0] != number.kind:
        return False
    between = window.strip(" \u3000，,、（()）")
    if restates(between):
        return True  # "3,950,000.00元，即395.00万元": the same amount in another unit
    return hedge_kind(number.hedge) is not None and not between


def restates(between: str) -> bool:
    """Do the words between two amounts write the first again ("…元，即…万元", "折合")?"""
    return _CUES.restated_as.search(between.strip(" \u3000，,、（()）")) is not None


def without_aside(words: str) -> str:
    """The words before an amount without the bracketed aside that closes them: "其他资金(含结转结余资金、利息收入)"
    describes 其他资金; its 结转结余 is not the amount's 口径."""
    return _CUES.aside_before.sub("", words)


def is_factor(before: str, after: str) -> bool:
    """Is a number written between ``before`` and ``after`` one factor of a product written out ("150人×300元×12个月":
    a × right after it, or a count and × right before it)?"""
    return bool(_CUES.factor_around.match(after) or _CUES.factor_around.search(before))


def amount_field(
    number: NumberMention, window: str, after: str, previous: tuple[str, str | None] | None
) -> str | None:
    """The 口径 of an amount; ``previous`` is (kind, field) of the claim before it in the sentence."""
    # "其他资金(含结转结余资金、利息收入)551万元": an aside right before the number describes the item named before it
    window = _CUES.fund_names.sub("资金", without_aside(window))
    window = _CUES.balance_used.sub("", window)  # "教育结余用于项目建设等，合计…": a use, not money left
    window = _CUES.tax_names.sub("税", window)  # "城镇土地使用税完成2.99亿元": a tax's name, not money used
    window = _CUES.standard_manner.sub(
        "", window
    )  # "按1000元/生的标准投入434.4万元": the total, at that standard
    window = _CUES.high_standard.sub("", window)  # "高标准农田建设资金": a name, no standard
    clause = clause_of(window)
    if _CUES.per_unit.search(clause) or _CUES.standard_after.match(after):
        return "unit_price"
    if is_factor(clause, after):
        return "unit_price"  # "150人×300元×12个月": one factor of a product, not money of the project
    if _CUES.one_payment.search(clause):
        return None  # "单笔最大支付为…3,286,540.25元": one payment of many, no 口径 of the project's money
    if previous == ("amount", "unit_price") and hedge_kind(number.hedge) in ("at_least", "at_most"):
        return "unit_price"  # "人均2732元，控制在2800元以内"
    if previous == ("amount", "unit_price") and _CUES.standard_restated.search(clause):
        return "unit_price"  # "补助标准每生每天4元，实际按4元执行": the standard applied, not money spent
    if is_restatement(number, window, previous):
        return previous[1] if previous else None
    if _CUES.change_before.search(clause) or _CUES.cut_before.search(clause):
        return "change"
    if _CUES.difference_before.search(clause):
        return "difference"
    if _CUES.adjusted_to.search(clause):
        return "budget"
    if _CUES.adjusted_from.search(clause) and _CUES.adjust_after.match(after):
        return "budget_initial"
    if _CUES.unspent_after.match(after):
        # "剩余10万元未支付" is all that is left; "对应预算10.652万元未支出" only the part it names
        return "unspent" if _CUES.remainder_before.search(clause) else "unspent_part"
    if _CUES.not_yet_before.search(clause):
        return "unspent_part"  # "已拨付…但尚未兑付的44.14万元": between two stages, not money spent
    # "加上2019年结转资金52.80万元": a balance a year names, added to this year's money, is carried in as well
    uncarried = _CUES.added_balance.sub("", CARRY_IN.sub("", clause))
    if (any(word in clause for word in SOURCE_WORDS) or uncarried != clause) and not re.search(
        r"结余|剩余|未执行|结转下年", uncarried
    ):
        return "source"
    found = nearest_keyword(window, AMOUNT_FIELDS)
    same = _CUES.same_as_after.match(after)
    if found is None and same:
        found = nearest_keyword(same.group(1), AMOUNT_FIELDS)  # "合计66.4388万元，与未执行资金一致"
    if found is None and any(word in window for word in SOURCE_WORDS):
        return "source"
    if found is None and issued_name(clause):
        # "省级下达就业补助资金2,150.00万元": the project's money handed down, its name masked
        return "budget"
    bare = _CUES.lead.sub("", window).strip(" \u3000:：，,（(“”\"'")
    if found is None and bare and set(bare) == {NAME_MASK}:
        return "budget"  # "…经费项目：62.3205万元": an amount right after the name is its budget
    if found == "budget" and "年初" in clause and "全年" not in clause[clause.index("年初") :]:
        return "budget_initial"  # "年初以省级提前下达资金安排…42.68万元"
    if found == "executed" and _CUES.later_use.search(clause):
        return "unspent"  # "结转下年继续使用436.50万元", "收回财政统筹使用": money left, to be used after the year
    if found == "unspent" and _CUES.carry_spent.search(clause):
        return (
            None  # "同时支出以前年度结转资金532.00万元": carried-in money spent this year, not what is left
        )
    if found == "unspent" and _CUES.taken_back_midyear.search(window):
        return "change"  # "年中因建设内容调整，收回资金80万元": a cut of the budget, not money left at the year's end
    if found == "unspent" and _CUES.taken_back.search(clause) and _CUES.adjusted_after.match(after):
        return "change"  # "收回结余资金118.40万元，变更后预算901.60万元": a cut the adjusted budget is net of
    if found == "unspent" and "剩余" in clause and _CUES.handed_out_after.match(after):
        return None  # "又把剩余的清算资金120万元分配到位": the rest of an allocation, handed out, not money unspent
    return found


def issued_name(clause: str) -> bool:
    """ "省级下达⟨就业补助资金⟩2,150.00万元": a verb of handing money down right before a masked project name."""
    return clause.endswith(NAME_MASK) and bool(_CUES.issued_name.search(clause.rstrip(NAME_MASK)))


def opens_rest_parts(between: str) -> bool:
    """Do the words right after a left-over amount ("结转下年继续使用436.50万元，包括…") open a list of its parts?"""
    return _CUES.rest_parts_open.match(between) is not None


def rest_part(field: str | None, clause: str) -> bool:
    """Is an amount of ``field`` in a list of a left-over amount's parts one of those parts: named by no word of a
    stage ("尚未结算的工程款354.78万元", "未到验收节点的补助资金81.72万元") or by a word of what is left? A generic money
    noun names the part's kind, not the budget."""
    if field in ("unspent", "unspent_part") or field is None:
        return True
    return field == "budget" and generic_only(clause)


def percent_field(
    number: NumberMention, window: str, after: str, previous: tuple[str, str | None] | None
) -> str | None:
    """The meaning of a percentage: rate, remainder (share of the budget left), completion, a cap or condition."""
    clause = clause_of(window)
    if _CUES.cap_before.search(window) and _CUES.cap_after.match(after):
        return "cap"
    if hedge_kind(number.hedge) in ("at_least", "at_most") and _CUES.condition_after.match(after):
        return "condition"
    if is_restatement(number, window, previous):
        return previous[1] if previous else None
    if _SHARE in clause:
        # "未执行资金66.4388万元，占全年预算数的18.66%": the share of the budget the amount before it is.
        if previous and previous[0] == "amount" and previous[1] in ("unspent", "unspent_part"):
            return "remainder"
        if nearest_keyword(clause[: clause.index(_SHARE)], PERCENT_FIELDS) == "remainder":
            return "remainder"
        return "other"
    if _CUES.budget_done.search(clause):
        return "rate"  # "执行125.25万元，完成预算的83.50%": executed over budget, as a 执行率 is
    if window.rstrip().endswith("的"):
        return "ratio"  # "达到年度指标值的130%以上"
    found = nearest_keyword(window, PERCENT_FIELDS)
    if found == "completion" and _CUES.money_completion.search(clause):
        return "rate"  # "资金补贴完成率17%": money used over money available
    if found is None and _CUES.remainder_after.match(after):
        return "remainder"  # "尚有5.6%的资金未支出": the share left, named after the number
    return found


def score_field(window: str) -> str:
    if _CUES.deducted.search(window):
        return "deduction"  # "发放不及时扣3分": points taken off, not a score obtained
    if _CUES.score_is.search(window):
        return "score"  # "得分为13.5分": 分为 here is no 分值
    if _CUES.goal_stated.search(window):
        return "indicator_value"  # "年度总体目标：考核得分达到90分": a target, not the score obtained
    return nearest_keyword(window, SCORE_FIELDS) or "score"


def indicator_field(number: NumberMention, window: str, after: str) -> str | None:
    """The field of a number said of one indicator (年度指标值, 实际完成值, 完成率, 得分, 分值)."""
    if number.kind == "percent" and window.rstrip().endswith("的"):
        return "ratio"
    found = nearest_keyword(window, INDICATOR_FIELDS)
    if number.kind == "score" and found is None:
        return "unlabeled"  # "考核得分达到93分": the indicator's value or its score, whichever holds
    if number.kind == "score" and found == "completion":
        return "score"
    if found == "score" and number.kind != "score":
        return None  # "得" before a count is no score
    return found
