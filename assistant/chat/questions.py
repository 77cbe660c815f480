"""Everyday questions about the data, answered offline from the scores: counts, lists, "为啥是97分".

``recognise`` tells which kind of question a message asks and with which arguments (a threshold, a score, a
grade); ``answers`` computes the reply. Nothing here changes data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from assistant.models import Case

QUESTION = re.compile(
    r"[？?]$|[吗呢]$|^(?:为什么|为啥|为何|咋|怎么|哪些|哪个|哪几个|几个|多少|有没有|是不是|是否|什么|啥)"
    r"|(?:为什么|为啥|哪[些个几里儿]|到哪一?步|几个|多少|怎么来的|怎么算的?|怎么样|怎么办|是什么|(?<!没)有什么|干什么|好不好|对不对"
    r"|是啥|啥意思|什么意思|咋样|咋回事|怎么回事|有吗|没有吗|几[处项条份次]"
    r"|要不要|能不能|可不可以|需不需要|用不用|行不行|该不该|几分|多少分|哪来|哪里来|哪儿来|什么时候|啥时候|何时|是不是[^，,。]{0,10}最"
    r"|怎么(?:写|填|说|弄|搞|办|处理)的?(?:呢|啊|呀)?$)"
)


def looks_like_question(text: str) -> bool:
    return bool(QUESTION.search(text))


@dataclass(frozen=True)
class _Ask:
    """One kind of question: the words that ask it and the arguments its match gives."""

    kind: str
    pattern: re.Pattern[str]
    args: Callable[[re.Match[str]], dict] = lambda m: {}
    asked: bool = False  # only in a message that reads as a question ("结余" alone is no question)


def _rate_beyond(*words: str) -> re.Pattern[str]:
    """ "执行率低于90%" and its kin: 执行率, one of ``words`` (a regex each), a threshold (group 1)."""
    return re.compile(rf"执行率\s*(?:{'|'.join(words)})\s*(\d+(?:\.\d+)?)\s*[%％]?")


def _threshold(m: re.Match[str]) -> dict:
    return {"threshold": m.group(1)}


def _score(m: re.Match[str]) -> dict:
    return {"score": m.group(1)}


def _grade(m: re.Match[str]) -> dict:
    return {"grade": next(g for g in m.groups() if g)[0]}


def _rate_extreme(m: re.Match[str]) -> dict:
    return {
        "which": "最低" if m.group(1) in ("低", "慢", "差") or m.group(2) in ("慢", "差") else "最高",
        "by": "rate",
    }


_GRADE_WORD = r"[“\"「]?(优秀?|良好?|中等?|差)[”\"」]?"

# Tried in order; the first that matches is the question.
ASKS = (
    _Ask(
        "rate_below",
        _rate_beyond("不到", "低于", "小于", "未达到?", "没达到", "没到", "不足", "不满", "<", "＜"),
        _threshold,
    ),
    # "哪些项目不到90%": a percentage of projects is their rate
    _Ask(
        "rate_below",
        re.compile(r"项目.{0,4}(?:不到|低于|小于|不足|没到|没达到|未达到?)\s*(\d+(?:\.\d+)?)\s*[%％]"),
        _threshold,
    ),
    _Ask(
        "rate_above", _rate_beyond("达到", "超过", "高于", "大于", "不低于", ">=", "≥", ">", "＞"), _threshold
    ),
    # "30%是怎么算出来的": the projects with that rate, their amounts and the division.
    _Ask(
        "why_rate",
        re.compile(r"(\d+(?:\.\d+)?)\s*[%％].{0,6}?(?:是)?(?:怎么|如何|咋)(?:算|来|得)"),
        lambda m: {"rate": m.group(1)},
    ),
    # "执行率怎么算的": the rule's definition and its points, not a project's figures.
    _Ask(
        "how_rate",
        re.compile(r"执行率(?:是|得分|分)?(?:怎么|如何|咋)(?:算|计算|来)|执行率的?(?:算法|计算方法|公式)"),
    ),
    # "有没有不及格的项目": below 60.
    _Ask("score_below", re.compile(r"不及格|没及格|不合格"), lambda m: {"threshold": "60"}),
    # "低于60分的项目有吗", "得分不到95分的有哪些", "90分以上的项目有几个".
    _Ask(
        "score_below",
        re.compile(r"(?:低于|不到|小于|不足|不满|没到|未达到?|没达到)\s*(\d+(?:\.\d+)?)\s*分"),
        _threshold,
    ),
    _Ask("score_below", re.compile(r"(\d+(?:\.\d+)?)\s*分以下"), _threshold),
    _Ask(
        "score_above",
        re.compile(
            r"(?:高于|超过|大于|不低于|达到|满)\s*(\d+(?:\.\d+)?)\s*分|(\d+(?:\.\d+)?)\s*分(?:以上|及以上)"
        ),
        lambda m: {"threshold": m.group(1) or m.group(2)},
    ),
    # "档案数字化为啥执行率这么低", "执行率为什么才30%": the project's figures and its recorded cause.
    _Ask(
        "why_rate",
        re.compile(
            r"(?:为什么|为啥|为何|咋|怎么).{0,12}执行率.{0,4}(?:这么|那么|才|只有|偏|较)?(?:低|少|慢)"
            r"|执行率.{0,8}(?:为什么|为啥|为何|咋|怎么)(?:这么|那么|才|只有|会)?(?:低|少|慢|\d)"
            r"|(?:为什么|为啥|为何|咋|怎么).{0,12}(?:钱|资金|经费)?(?:没花完|没有花完|没用完|花得慢|执行得?慢)"
        ),
    ),
    # "哪些指标没完成", "有没有指标扣分".
    _Ask(
        "indicators_missed",
        re.compile(
            r"指标.{0,6}(?:没完成|未完成|没达标|未达标|不达标|没达到|未达到|扣分|丢分|失分|扣了分)"
            r"|(?:没完成|未完成|没达标|未达标|不达标|扣分|扣了分)的指标"
        ),
    ),
    # "总分怎么才99.07": the unit's score (the projects' mean), its 分 often left out.
    _Ask(
        "why_score",
        re.compile(
            r"(?:总分|总得分|单位得分|整体得分|平均分)(?:为什么|为啥|为何|怎么|咋)(?:会|就)?(?:是|只有|只得|才)?"
            r"\s*(\d+(?:\.\d+)?)"
        ),
        _score,
    ),
    # "为什么是97分", then "97分是怎么来的".
    _Ask(
        "why_score",
        re.compile(
            r"(?:为什么|为啥|为何|咋|怎么)(?:会|就)?(?:是|只有|只得|才|得了?)?\s*(\d+(?:\.\d+)?)\s*分"
        ),
        _score,
    ),
    _Ask(
        "why_score", re.compile(r"(\d+(?:\.\d+)?)\s*分(?:是)?(?:怎么|咋)(?:来的|算的?|得的|得出来的)"), _score
    ),
    _Ask(
        "not_met",
        re.compile(
            r"(?:哪些|哪个|哪几个|几个|有没有|什么)项目.{0,6}(?:没达标|不达标|未达标|没完成|未完成|没达到|未达到|有问题|要说明|需要说明|偏离|偏差)"
            r"|(?:没达标|不达标|未达标|偏离目标|需要说明原因)的项目"
        ),
    ),
    # "哪些项目是良", "有没有项目评为差的", "优秀的项目有几个", "几个项目得了优".
    _Ask(
        "grade",
        re.compile(
            rf"(?:哪些|哪个|几个|多少个?|有没有|有无|是否有)项目.{{0,4}}(?:是|为|评为|评了|得了?|等级是?)?{_GRADE_WORD}"
            rf"|(?:评为|评了|评上|得了?|等级(?:是|为)?){_GRADE_WORD}的?项目|^{_GRADE_WORD}(?:等级)?的项目"
        ),
        _grade,
    ),
    # Money overspent or left unspent: "哪些项目超支了", "哪些项目钱没花完", "有结余的项目".
    _Ask("overspent", re.compile(r"超支|超预算|花超|超出预算|执行数超过预算"), asked=True),
    _Ask(
        "unspent",
        re.compile(
            r"没花完|没有花完|没用完|没有用完|未用完|没执行完|未执行完|有结余|有剩余|结余|剩下钱|钱剩"
            r"|剩下.{0,4}钱|剩余.{0,4}(?:钱|资金|经费)|还剩.{0,4}(?:钱|资金|经费)|没花的钱|没花掉"
        ),
        asked=True,
    ),
    # "报告写好了吗", "报告写到哪一步了", "报告进度如何".
    _Ask(
        "report_status",
        re.compile(
            r"报告.{0,6}(?:写好|好了|完成|写完|出来|起草|弄好|写到哪|到哪一?步|进展|进度|什么状态|啥状态)"
        ),
        asked=True,
    ),
    # "等级是啥", "评级怎么样": the grade of each project, counted.
    _Ask("grades", re.compile(r"等级|评级|评价等级|档次"), asked=True),
    _Ask("count", re.compile(r"^(?:项目总数|项目数量?|项目个数|总项目数|一共几个项目)[？?。]*$")),
    _Ask(
        "count",
        # not "三个项目一共多少钱" (the money, asked by totals)
        re.compile(
            r"(?:一共|总共|共|有)?(?:几个|多少个?)项目|项目(?:一共|总共|共)?有?(?:几个|多少个?)(?![钱元万])"
        ),
        asked=True,
    ),
    # "执行率最低的", "哪个执行得最慢"; "得分最低的是哪个", "哪个项目扣分最多" (= 最低), "哪个项目分最高".
    _Ask(
        "extreme",
        re.compile(r"执行率(?:最|是?最)(低|高)|执行(?:得)?最(慢|快|好|差)"),
        _rate_extreme,
        asked=True,
    ),
    _Ask(
        "extreme",
        re.compile(r"(?:扣|失|丢)分最多|(?:扣|失|丢)得最多|分(?:数)?最(?:低|少|差)|最低(?:得)?分|最差"),
        lambda m: {"which": "最低"},
        asked=True,
    ),
    # "哪个项目预算最多", "哪个项目花钱最多".
    _Ask(
        "extreme",
        re.compile(r"预算(?:数)?最(多|大|高|少|小|低)|(?:花钱|花的钱|执行数|支出)最(多|大|高|少|小|低)"),
        lambda m: {
            "which": "最低" if (m.group(1) or m.group(2)) in ("少", "小", "低") else "最高",
            "by": "budget" if m.group(1) else "executed",
        },
        asked=True,
    ),
    _Ask(
        "extreme",
        re.compile(r"分(?:数)?最(?:高|多)|最高(?:得)?分|满分最多|最好"),
        lambda m: {"which": "最高"},
        asked=True,
    ),
    _Ask(
        "extreme",
        re.compile(r"(?:得分|分数)?(最低|最高)|(最低|最高)(?:得分|分)"),
        lambda m: {"which": m.group(1) or m.group(2)},
        asked=True,
    ),
    _Ask(
        "totals",
        re.compile(
            r"总预算|预算总额|一共多少钱|总共多少钱|花了多少|执行了多少|总执行率|整体执行率|合计"
            r"|总得分|总分|平均.{0,4}分|均分|整体得分|单位得分|综合得分|整体情况|总体情况"
        ),
        asked=True,
    ),
)


def recognise(text: str, case: Case) -> tuple[str, dict] | None:
    """(kind, arguments) of a question about the data, or None."""
    for ask in ASKS:
        match = ask.pattern.search(text)
        if match and (not ask.asked or looks_like_question(text)):
            return ask.kind, ask.args(match)
    return None
