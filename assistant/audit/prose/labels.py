"""What a count counts, by the words the report writes it with: "配备群测群防员95名" counts 群测群防员 that are had
(配备, 落实, 聘请: a stock); "培训群测群防员95名" counts people trained (an action: another quantity).

Why: a report often gives one count twice under a name no subject reader knows (a role, a kind of site, a kind
of project); a reviewer ties the two by the noun. The label is the noun a count quantifies (the words after the
last action verb of its clause, else the noun after its unit: "补助18个年度重点项目" → 年度重点项目), the year written last before it (a count of
"2021年建成…5座" is that year's, an undated "建成…12座" before any year may be all years'), the action
(none for a stock), the unit's kind (名 and 人 both count people), the scope words of its clause (其中, 累计,
新增, 剩余, 每, 月均, 计划…: each names another quantity; 月均领取待遇52,350人 is an average over months, no
count at a moment like 截至12月末领取待遇人数53,106人), the moment of a stock (年初 and 年末 are two), posts allowed or staff had (核定…编制42名 and 实有在编…编制38人
are two) and the place
its sentence opens with ("青阳县落实…").
The beneficiaries are one role whatever verb says so (惠及, 受益, 受惠) and whatever generic noun they are counted
by: "补偿资金共惠及农户18,462户" and "受益农户18,642户" count one quantity (the fund that benefits them is no holder of
its own; a named …项目/…工程 is), while "随机走访农户300户" counts no role (农户 alone is too generic to tie).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..cues import cues
from .model import Statement

_CUES = cues(__name__)
_UNIT_KIND = {"名": "人", "位": "人", "项": "个"}
_MIN_NOUN = 3
_YEAR_REACH = 3000  # how far back the year a count is said of may be written (a heading, an earlier line)


@dataclass(frozen=True)
class Label:
    """The counted noun as written, with what makes two counts of it two quantities."""

    noun: str
    action: str | None
    unit: str
    scope: frozenset[str]
    place: str | None
    # the body named right before the verb or the noun ("局机关现有…" → 局机关), else the words before an action's
    # verb ("墙身(瓷砖)重新喷涂…" → 墙身(瓷砖)重新), or ""
    holder: str
    year: str | None  # the last year written before the count (in the text so far, document titles left out)
    stage: str | None = (
        None  # "plan" or "done": the sentence says what was planned (建设内容为…) or done (实际完成…)
    )
    moment: str | None = (
        None  # "start" (年初) or "end" (年末) of the year a stock is counted at; None: unmarked
    )
    # "authorised" (核定行政编制36名: the posts allowed) or "actual" (实有在编人员…其中事业编制38人: the staff had), by the
    # last such word of the sentence before the count; None: unmarked
    staffing: str | None = None
    # "受资助学生3,421人": the noun is what the verb before it was done to (受 + verb), a restatement of the
    # people an earlier "资助家庭经济困难学生3,412人" counts, even in the same sentence
    passive: bool = False

    def same_quantity(self, other: Label) -> bool:
        """One noun (one name ends with the other: 地质灾害防治群测群防员 and 群测群防员), one action, one unit
        kind, one scope, one place, one year; and not two holders (局机关现有干部职工, 所属国有林场现有干部职工)."""
        short, long = sorted((self.noun, other.noun), key=len)
        holders = {self.holder, other.holder} - {""}
        return (
            long.endswith(short)
            and (self.action, self.unit, self.scope, self.place, self.stage)
            == (other.action, other.unit, other.scope, other.place, other.stage)
            and len(holders) <= 1
            and len({self.moment, other.moment} - {None}) <= 1  # 年初 and 年末 are two; unmarked is either
            and len({self.staffing, other.staffing} - {None}) <= 1  # posts allowed and staff had are two
            and self.year
            == other.year  # "2021年建成…5座" is that year's, an undated "建成…12座" may be all years'
        )


def count_label(text: str, s: Statement) -> Label | None:
    """The label of a count statement, or None when its noun is too generic to tie two counts (人员, 项目) or
    it is a part ("其中飞机防治16万亩": a part of the whole before it, whose own noun the clause does not name)."""
    if s.kind != "count" or s.sentence is None or s.unit is None:
        return None
    head = "".join(text[s.sentence.start : s.span[0]].split())
    clause = _CUES.clause_break.split(head)[-1]
    scope = frozenset(_CUES.scope.findall(clause))
    if "其中" in scope:
        return None
    verbs = list(_CUES.action.finditer(clause))
    stocks = [v for v in verbs if _CUES.stock.fullmatch(v.group())]
    verbs = stocks or verbs  # "落实地质灾害防治群测群防员": 防治 is the role's, the clause says it is had
    action = verbs[-1].group() if verbs else None
    holder, noun = (clause[: verbs[-1].start()], clause[verbs[-1].end() :]) if verbs else ("", clause)
    passive = (
        bool(verbs)
        and _CUES.passive.search(holder) is not None
        and not _CUES.benefit.fullmatch(verbs[-1].group())
    )
    if passive:
        holder = _CUES.passive.sub("", holder)  # "受资助学生": 受 marks the people acted on, no holder
    pieces = _CUES.not_a_word.split(noun)
    holder += "".join(pieces[:-1]) if not verbs else ""
    noun = _CUES.lead.sub("", pieces[-1])
    if not noun:  # "补助18个年度重点项目资金": the noun follows the unit
        after = _CUES.noun_after.match("".join(text[s.span[1] : s.sentence.end].split()))
        noun = after.group("noun") if after else ""
        if _CUES.action.search(noun):
            return None  # "一期工程惠及…": words running on to a verb are a clause (一期 a phase), not a noun
    if not noun and (line := _CUES.line_label.match(head)) is not None:
        noun = line.group("label")  # "（1）农村公路：完成新改建46.8公里": the line's label is what it counts
    noun = _CUES.generic_tail.sub("", noun)
    benefit = action is not None and _CUES.benefit.fullmatch(action) is not None
    if benefit:
        # "惠及农户18,462户" and "受益农户18,642户": the beneficiaries are one quantity whatever the verb, and the
        # verb makes even a generic noun (农户, 群众) a role of its own: the beneficiaries, not every 农户 counted
        action, noun = "受益", "受益" + noun
    elif not passive and (len(noun) < _MIN_NOUN or _CUES.generic.fullmatch(noun)):
        return None
    if action is None:  # "为留守儿童1200名发放学习用品": the count is what the verb after it acts on
        after = _CUES.clause_break.split("".join(text[s.span[1] : s.sentence.end].split()))[0]
        late = _CUES.action.search(after[:6])
        action = late.group() if late else None
    if action is not None and _CUES.stock.fullmatch(action):
        action = None  # 配备, 落实, 聘请, 共有: the stock, as a bare "群测群防员99人" is
    place = _CUES.place.match(text, s.sentence.start)
    unit = _UNIT_KIND.get(s.unit, s.unit)
    owner = _CUES.holder.search(_CUES.not_a_word.sub("", holder))
    # what an action was done to, written before its verb ("墙身(瓷砖)重新喷涂…面积" and "墙身(砖墙)重新喷涂…面积")
    worked = _CUES.lead.sub("", holder) if action is not None else ""
    if (
        _CUES.own_words.match(worked)
        or _CUES.no_holder.fullmatch(
            worked
        )  # "实际新建改建…", "完成新改建…": a stage word, no part worked on
        or (benefit and not _CUES.named_item.search(worked))
    ):
        worked = ""  # "本项目惠及…" and "项目共惠及…": the report's own project, no part of it
    years = _CUES.year.findall(_CUES.title.sub("", text[max(0, s.span[0] - _YEAR_REACH) : s.span[0]]))
    # "项目建设内容为…；砖砌排水沟22米" and "实际完成…；砖砌排水沟68.85米": the paragraph says plan or outcome
    stages = _CUES.stage.findall(_CUES.title.sub("", text[s.sentence.para_start : s.span[0]]))
    return Label(
        noun,
        action,
        unit,
        scope,
        place.group("place") if place else None,
        owner.group("holder") if owner else worked,
        years[-1] if years else None,
        ("done" if _CUES.done.fullmatch(stages[-1]) else "plan") if stages else _heading_stage(s),
        moment.lastgroup if (moment := _CUES.moment.search(clause)) else None,
        _staffing(head),
        passive,
    )


def _staffing(head: str) -> str | None:
    """ "核定行政编制36名、事业编制42名" counts posts allowed; "实有在编人员71人，其中…事业编制38人" the staff had: the
    last word of either kind in the sentence before the count says which (a 编制 named alone may be either)."""
    found = list(_CUES.staffing.finditer(head))
    return found[-1].lastgroup if found else None


def _heading_stage(s: Statement) -> str | None:
    """ "plan" when the heading right above the count's sentence names targets ("（三）绩效目标", "年度绩效目标设定
    情况"): "完成…新建学生宿舍床位600个" there is the plan, and "改造学生宿舍床位640个" under 完成情况 its outcome.
    Only a plan is read off a heading: a count under no such heading stays unmarked, as before."""
    sentence = s.sentence
    heading = None if sentence is None else (sentence.subsection or sentence.section)
    return "plan" if heading is not None and _CUES.plan_heading.search(heading.text) else None
