"""Lists written apart from the amount they break down. A fund's list of uses apart from the fund's amount: "省里向我县下达体育强省(快乐健身)专项资金63.2万元。…
（二）…2023年我县体育强省资金的安排为：支持体育设施建设5万元，…，支持快乐健身点位器材维护12万元。"

Also a fund passed on whole to its recipients, listed ("将补助资金全部分配至6个县，分别为：甲县…"): its total is the
amount the earlier clause naming that fund states.
Why: a report often states what it received in one section and how it arranged the money in the next; the two are
one fund, and an arrangement summing above or below the allocation is worth a reviewer's look. The list sentence
names the fund but states no total of its own; its total is the one amount the text stated earlier for a fund of
that name. The pairing rests on the name, and an arrangement may leave part of the money aside, so a mismatch is
only a warning (``loose``, not ``exhaustive``).
Also a list of the sources the money came from ("项目资金来源为：中央财政资金2560万元，省级…，县级…") apart from the
one budget the text states for their subject ("项目总投资4860万元" in the section before): the sources are of that
money; which stage the budget is of rests on reading, so a mismatch is only a warning too. A list that names the
money whose sources it gives ("项目支出资金来源为：…") is of the amount stated under that name ("项目支出5,214.80万元"),
not of the whole budget; with no such amount, nothing is said. So is a sentence that
says what the project's money is made of ("本项目资金由中央…300万元、省级…200万元和县级配套160万元组成"; a source
there with no 口径 word of its own is its share of the same money).
And the local level's share stated apart from a list of government levels that stops above it ("资金共计845万元，其中
省级…500万元、市级…200万元，区级财政按比例落实配套资金" … "区级财政已足额落实县级配套资金125万元"): with it the levels
run down to the local one, most likely every level that paid (a warning at most, as for such a list in one place).
And a numbered block headed by the name of a kind of money ("（一）基本支出。人员经费…；公用经费…") apart from the one
amount stated earlier under that name ("其中基本支出2846.37万元"): the block lists that money's items. So does the
text under a numbered heading line of that name alone ("（二）项目支出" on its own line, then "项目支出分为三类：…").
And the money spent told by its two kinds in sentences of their own ("2024年基本支出1,873.20万元…" and "2024年项目支出
762.28万元…", the 部门整体 outline's 基本支出 and 项目支出) apart from the headline amount spent ("全年支出2,615.48万元"):
the two kinds make up the spending (a warning: some reports keep other kinds, 上缴上级支出, apart).
And the money spent told by the same fund sources the budget was told by ("其中中央资金600万元、省级…、县级…" …
"分来源看，中央资金支出…、省级…、县级…") apart from the headline amount spent: every source spent, so all the spending.
And what was counted sorted by place in a list of its own ("按乡镇分：甲镇3个…；乙镇2个…") apart from the one count of
that unit stated before ("共实施项目12个"): the places' counts make it up (a warning).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..cues import cues
from ..document import Document, Sentence
from ..fields import clause_of
from .model import Statement, Subject
from .parts import Breakdown
from .parts_levels import down_to_local, levels_only, listed_own_level
from .parts_rules import denied

_CUES = cues(__name__)


def apart(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """Breakdowns whose list sentence names a fund whose one amount stands in an earlier sentence."""
    found = []
    for sentence in doc.sentences:
        match = _CUES.arranged.search(sentence.text)
        allotted = match is None
        match = match or _CUES.allotted.search(sentence.text)
        if match is None:
            continue
        opened = sentence.start + match.end()
        own = [s for s in statements if s.sentence is sentence and s.kind == "amount" and s.role == "value"]
        if any(s.span[0] < opened for s in own):
            continue  # a total in the list's own sentence: the listed shapes read it
        parts = [s for s in own if s.span not in taken]
        if len(parts) < 2 or len(parts) != len(own):
            continue
        name = _CUES.generic.sub("", match.group("name"))
        if len(name) < 2:
            continue  # "资金的安排为": no name to find the fund by
        earlier = [
            s
            for s in statements
            if s.span[1] <= sentence.start
            and s.kind == "amount"
            and s.role == "value"
            and s.field in ("budget", None)
            and s.sentence is not None
            and name in _named_by(doc.text[s.sentence.start : s.span[0]], allotted)
        ]
        if len({s.interval() for s in earlier}) != 1 or any(s.unit != earlier[0].unit for s in parts):
            continue  # no amount, or several, for a fund of that name: no safe total
        found.append(Breakdown(earlier[-1], tuple(parts), False, "安排", loose=True))
    return found


def _named_by(head: str, own_clause: bool) -> str:
    """The words that name an earlier amount: its sentence before it, or only its own clause — a fund passed on
    whole ("将补助资金全部分配至…") is the amount its clause names, not the 其中 parts after it in that sentence."""
    return clause_of(head) if own_clause else head


def referred(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """ "…向我市下达土壤污染防治资金1300万元。我市…将这笔资金下拨乌拉特前旗，用于"…"(723万元)和"…"(577万元)。": a
    sentence that takes up the money of the sentence before by a pointing word (这笔资金, 上述资金, 将其下拨) and lists
    amounts after it, none before. The pointing word ties the list to the one amount the sentence before states; the
    uses may leave part of the money aside, so a mismatch is only a warning (``loose``)."""
    found = []
    for k, sentence in enumerate(doc.sentences[1:], start=1):
        match = _CUES.pointing.search(sentence.text)
        if match is None:
            continue
        pointed = sentence.start + match.start()
        own = [s for s in statements if s.sentence is sentence and s.kind == "amount"]
        if any(s.span[0] < pointed for s in own):
            continue  # an amount before the pointing word: the sentence states money of its own
        # "用于"A项目"(723万元)和"B项目"(577万元)": amounts in brackets after each use are its share
        parts = [s for s in own if s.role in ("value", "aside") and s.span not in taken]
        if len(parts) < 2 or len(parts) != len(own) or len({s.unit for s in parts}) != 1:
            continue
        before = doc.sentences[k - 1]
        if before.para_start != sentence.para_start:
            continue  # the money pointed at is in the same paragraph, right before
        earlier = [s for s in statements if s.sentence is before and s.kind == "amount"]
        if (
            len(earlier) != 1
            or earlier[0].role != "value"
            or earlier[0].field not in ("budget", "arrived", None)
        ):
            continue  # no amount, or several: which one is pointed at is a guess
        found.append(Breakdown(earlier[0], tuple(parts), False, "这笔资金", loose=True))
    return found


def sources(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """ "项目资金来源为：中央…2560万元，省级…1180万元，…" (or "按资金来源分，中央…、省级…") with no total in the
    sentence: the subject's one budget
    stated in an earlier sentence is their total (every earlier budget of that subject agreeing). So is it of a list
    that opens by pointing back at that money ("该项资金中，中央资金1932万元，省级资金614万元…", 上述资金中, 以上
    资金中, 该项资金由…组成): the pointer names the money stated before, and with one budget of the subject stated, that is it; with
    two different budgets before it, which one it points at is a reading, and nothing is said."""
    found = []
    for sentence in doc.sentences:
        own = [s for s in statements if s.sentence is sentence and s.kind == "amount"]
        if len(own) < 2 or any(s.span in taken or not _listed_source(s) for s in own):
            continue
        if not any(_a_source(s) for s in own):
            continue
        parent = own[0].subject.parent if own[0].subject is not None else None
        subjects = {s.subject for s in own}
        if parent is None or len(subjects) != len(own) or any(s.subject.parent != parent for s in own):
            continue  # one fund named twice, or sources of different holders: no one list
        head = doc.text[sentence.start : own[0].span[0]]
        # "按资金来源分，其中中央…、省级…、县级…": split by source, the list is every source, as 来源为： opens it
        opened = _CUES.sources_open.search(head) or _CUES.sources_spent.match(head)
        if opened is None and not _CUES.sources_pointed.match(head):
            continue
        named = _named_part(doc, head[: opened.start()] if opened is not None else "")
        if named:
            # "项目支出资金来源为：中央…、省级…、县级…" after "…；项目支出5,214.80万元": the sources of the money of that
            # name, not of the whole budget; no amount of that name before: which money it is, is a guess
            whole = _amount_named(doc, statements, sentence.start, named, own)
        else:
            whole = one_budget_before(statements, sentence.start, parent, own)
        if whole is None:
            continue  # no budget of the holder, or several: no safe total
        if opened is None and _split_where_stated(whole, statements):
            continue  # "共安排1250万元，其中上年结转50万元" … "上述资金中，中央…": the lists may split it between them
        # "来源为：" opens the whole list of sources, "该项资金中，" only names some of them (as 其中 does); the
        # pairing with the budget is the reading (``loose``)
        found.append(Breakdown(whole, tuple(own), opened is not None, "来源", loose=True))
    return found


def spent_by_source(
    doc: Document, statements: list[Statement], taken: set[tuple[int, int]]
) -> list[Breakdown]:
    """ "分来源看，中央资金支出600万元、省级资金支出240万元、县级资金支出90万元" with no total in the sentence: when
    the sources are every source the holder's budget was earlier told by (its 其中-list of sources), the list is all
    the money spent, and its total is the holder's one headline amount spent stated before. Which amount spent that
    is rests on reading (``loose``): a warning."""
    found = []
    for sentence in doc.sentences:
        match = _CUES.sources_spent.match(sentence.text)
        if match is None:
            continue
        own = [s for s in statements if s.sentence is sentence and s.kind == "amount" and s.role == "value"]
        if len(own) < 2 or any(s.span in taken or s.field != "executed" or not _of_a_source(s) for s in own):
            continue
        parent = own[0].subject.parent if own[0].subject is not None else None
        named = {s.subject for s in own}
        if parent is None or len(named) != len(own) or any(s.subject.parent != parent for s in own):
            continue
        budgeted = {s.subject for s in statements if s.span[1] <= sentence.start and _a_source(s)}
        if {s for s in budgeted if s is not None and s.parent == parent} != named:
            continue  # the budget was told by other sources (or not at all): the list may be some of them
        whole = one_budget_before(statements, sentence.start, parent, own, "executed")
        if whole is not None:
            found.append(Breakdown(whole, tuple(own), True, "分来源", loose=True))
    return found


def kinds_apart(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """ "分类别看，车辆购置512.00万元，个人防护装备198.50万元，…" with no total in the sentence: the money sorted into
    its kinds is the subject's one budget stated in an earlier sentence (every one agreeing). Which stage the kinds
    are of is a reading (``loose``): a warning, and a sum short of the budget is said with its doubt (the kinds may
    leave some money aside). So is the money spent sorted by its structure ("从支出结构看，A支出…、B…、C…") of the
    subject's one headline amount spent stated earlier ("全年支出356万元" in the section before)."""
    found = []
    for sentence in doc.sentences:
        match = _CUES.by_kind.search(sentence.text)
        spent = match is None
        match = match or _CUES.by_spending.search(sentence.text)
        if match is None:
            continue
        fields = (None, "budget", "executed") if spent else (None, "budget")
        own = [s for s in statements if s.sentence is sentence and s.kind == "amount" and s.role == "value"]
        if len(own) < 2 or any(
            s.span[0] < sentence.start + match.end() or s.span in taken or s.field not in fields for s in own
        ):
            continue  # a total before the list, or amounts of other 口径: not the kinds of one budget
        subject = own[0].subject
        if subject is None or any(s.subject != subject for s in own):
            continue
        whole = one_budget_before(statements, sentence.start, subject, own, "executed" if spent else "budget")
        if whole is not None:
            found.append(Breakdown(whole, tuple(own), False, "分类别", loose=True))
    return found


def one_budget_before(
    statements: list[Statement], start: int, holder: Subject, parts: list[Statement], field: str = "budget"
) -> Statement | None:
    """The holder's budget (or other ``field``: its headline amount spent) stated before ``start``, when every such
    statement agrees and the parts share its unit."""
    earlier = [
        s
        for s in statements
        if s.span[1] <= start
        and s.kind == "amount"
        and s.subject == holder
        and s.field == field
        and s.role == "value"
        and (field == "budget" or "headline" in s.extra)
    ]
    if len({s.interval() for s in earlier}) != 1 or any(s.unit != earlier[0].unit for s in parts):
        return None
    return earlier[-1]


def _named_part(doc: Document, before: str) -> str:
    """The money a source list names before its 资金来源 ("项目支出资金来源为：" → 项目支出), or "" when the words name
    only the report's own money (项目资金来源为, 资金来源：, 本项目资金由)."""
    name = _CUES.list_lead.sub("", clause_of(before).strip()).removesuffix("的")
    return "" if _CUES.own_money.fullmatch(name) else name


def _amount_named(
    doc: Document, statements: list[Statement], start: int, name: str, parts: list[Statement]
) -> Statement | None:
    """The one amount stated before ``start`` right after the words ``name`` ("项目支出5,214.80万元"), in the parts'
    unit: the money a list of that name's sources splits."""
    found = [
        s
        for s in statements
        if s.span[1] <= start
        and s.kind == "amount"
        and s.role == "value"
        and s.sentence is not None
        and _CUES.name_tail.sub("", clause_of(doc.text[s.sentence.start : s.span[0]])).endswith(name)
    ]
    if len({s.interval() for s in found}) != 1 or any(p.unit != found[0].unit for p in parts):
        return None
    return found[-1]


def _split_where_stated(whole: Statement, statements: list[Statement]) -> bool:
    """Does the whole's own sentence state more money after it (a part of its own: "其中上年结转资金50万元")?"""
    return any(
        s.sentence is whole.sentence and s.kind == "amount" and s.span[0] >= whole.span[1] for s in statements
    )


def _a_source(statement: Statement) -> bool:
    """A stated budget of one fund source ("中央财政资金2560万元")."""
    return statement.field == "budget" and _of_a_source(statement)


def _listed_source(statement: Statement) -> bool:
    """A fund source's budget in a list of sources, or a source written there with no 口径 word of its own
    ("…省级资金200万元和县级配套160万元组成"): beside the others' budgets it is its share of the same money."""
    return _a_source(statement) or (statement.field is None and _of_a_source(statement))


def _of_a_source(statement: Statement) -> bool:
    """A stated amount of one fund source, of any 口径."""
    subject = statement.subject
    return statement.role == "value" and subject is not None and subject.kind == "source"


def labelled(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """ "支出合计3978.62万元，其中基本支出2846.37万元…" (一) … "（一）基本支出。人员经费2431.92万元，…；公用经费424.45万元，
    …" (三): a numbered block headed by the name of a kind of money lists that money's items, each named by a money
    noun; its total is the one amount the text stated earlier under that name (the amount written right after it).
    The block may leave items out, so a mismatch is only a warning (``loose``, not ``exhaustive``)."""
    found = []
    for label, start, block in _label_blocks(doc):
        parts = [s for s in statements if any(s.sentence is b for b in block) and s.kind == "amount"]
        if len(parts) < 2 or any(
            s.span in taken or s.role != "value" or s.unit != parts[0].unit for s in parts
        ):
            continue
        if not all(
            _CUES.item_noun.fullmatch(clause_of(doc.text[p.sentence.start : p.span[0]])) for p in parts
        ):
            continue  # an amount of no item of its own (a change, a comparison): not a list of the money's items
        whole = _amount_named(doc, statements, start, label, parts)
        if whole is None:
            continue  # the name stated with no amount, or with several: no safe total
        found.append(Breakdown(whole, tuple(parts), False, label, loose=True))
    return found


def _label_blocks(doc: Document) -> Iterator[tuple[str, int, list[Sentence]]]:
    """(label, start, sentences) of each block headed by the name of a kind of money: a numbered sentence of the name
    alone ("（一）基本支出。") and the sentences after it, or a numbered heading line of the name alone ("（二）项目支出"
    on its own line) and the sentences under it."""
    sentences = doc.sentences
    for k, head in enumerate(sentences):
        match = _CUES.block_label.fullmatch(head.text.strip())
        if match is None:
            continue
        block = []
        for sentence in sentences[k + 1 :]:
            if _CUES.block_label.match(sentence.text.strip()) or sentence.section is not head.section:
                break
            block.append(sentence)
        yield match.group("label"), head.start, block
    headings = {id(s.subsection): s.subsection for s in sentences if s.subsection is not None}
    for heading in headings.values():
        match = _CUES.block_label.fullmatch(heading.text.strip())
        if match is not None:
            yield match.group("label"), heading.start, [s for s in sentences if s.subsection is heading]


def with_local_apart(
    text: str, statements: list[Statement], breakdown: Breakdown, taken: set[tuple[int, int]]
) -> Breakdown:
    """The breakdown with the local level's share the text states apart added, when its parts are government
    levels in order that stop above the local one and the list does not say it is whole: "其中省级资金500万元、市级
    资金200万元" … (another paragraph) "县级配套资金125万元". The local amount must be the one amount of a local
    level of the same holder in the text (stated again only with the same value), in a sentence of neither the
    total nor the parts, and in no list of its own. Taken as the whole down to the local level (``assumed_whole``)
    and a reading across sentences (``loose``): a mismatch is a warning. Not a 本级 that names a level already
    listed ("其中…市级配套资金180万元" … "市本级安排…60万元": the 市级 share's own part, not a level below it). Nor a
    local share its own clause says did not reach the total's stage ("到位资金1,080万元，其中中央…、省级…；县级配套资金
    160万元尚未到位", ``denied``): it is what is missing, no part of what came. Nor one kept out of the total
    (``_kept_out``): the total came from the levels above ("上级共下达我县…1,474.00万元，其中中央…、省级…" …
    "县级…配套资金120.00万元"), or the share's sentence sets it apart ("…单独开展自评，不在本报告范围内")."""
    parts = list(breakdown.parts)
    if breakdown.exhaustive or not levels_only(parts) or down_to_local(parts):
        return breakdown
    holder = parts[0].subject.parent if parts[0].subject is not None else None
    own = {id(breakdown.total.sentence), *(id(p.sentence) for p in parts)}
    local = [
        s
        for s in statements
        if s.kind == "amount"
        and s.role == "value"
        and s.field in ("budget", None)
        and s.subject is not None
        and s.subject.kind == "source"
        and s.subject.parent == holder
        and levels_only([s])
        and down_to_local([s])
    ]
    if not local or len({(s.subject.name, s.interval()) for s in local}) != 1:  # type: ignore[union-attr]
        return breakdown  # no local share stated, or two different ones: no safe part
    extra = local[0]
    if id(extra.sentence) in own or extra.span in taken or extra.unit != parts[0].unit:
        return breakdown
    # "到位资金1,080万元，其中中央…、省级…；县级配套资金160万元尚未到位": not of what came
    if denied(text, breakdown.total, extra) or _kept_out(text, breakdown.total, extra):
        return breakdown
    if not down_to_local([*parts, extra]):
        return breakdown
    assert extra.sentence is not None
    if listed_own_level(parts, extra.sentence.text[: extra.span[0] - extra.sentence.start]):
        return (
            breakdown  # "其中…市级配套资金180万元" … "市本级安排…60万元": the listed 市级 level's own share
        )
    return Breakdown(breakdown.total, (*parts, extra), True, breakdown.cue, loose=True, assumed_whole=True)


def _kept_out(text: str, total: Statement, extra: Statement) -> bool:
    """Is the local share said to stand outside the total: the total is what came from the levels above (上级共下达
    我县…1,474.00万元), or the share's own sentence keeps it apart (另行安排, 单独开展自评, 不在本报告范围内)?"""
    assert total.sentence is not None and extra.sentence is not None
    before_total = clause_of(text[total.sentence.start : total.span[0]])
    return bool(_CUES.from_above.search(before_total) or _CUES.kept_apart.search(extra.sentence.text))


def two_kinds_apart(
    doc: Document, statements: list[Statement], taken: set[tuple[int, int]]
) -> list[Breakdown]:
    """The subject's one 基本支出 and one 项目支出, each opening its own sentence, against its one headline amount spent
    stated in another sentence: a loose breakdown (``two_kinds_apart`` in the module's docstring)."""
    kinds: dict[str, list[Statement]] = {}
    for s in statements:
        if (
            s.kind != "amount"
            or s.role != "value"
            or s.field != "executed"
            or s.sentence is None
            or s.span in taken
        ):
            continue
        found = _CUES.spending_kind.search(clause_of(doc.text[s.sentence.start : s.span[0]]))
        if found is not None:
            kinds.setdefault(found.group(1), []).append(s)
    basic, project = kinds.get("基本", []), kinds.get("项目", [])
    if len(basic) != 1 or len(project) != 1 or basic[0].subject != project[0].subject:
        return []
    parts = [basic[0], project[0]]
    if basic[0].sentence is project[0].sentence or basic[0].subject is None:
        return []  # told in one sentence: the list readers read it
    headlines = [
        s
        for s in statements
        if s.kind == "amount"
        and s.role == "value"
        and s.field == "executed"
        and "headline" in s.extra
        and s.subject == basic[0].subject
        and s.sentence not in (basic[0].sentence, project[0].sentence)
    ]
    if len({s.interval() for s in headlines}) != 1 or any(s.unit != headlines[0].unit for s in parts):
        return []
    return [Breakdown(headlines[0], tuple(parts), False, "基本支出和项目支出", loose=True)]


def places_apart(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """ "按乡镇分：甲镇3个，安排资金96万元；乙镇2个，…" with no total in the list: the items sort what the text counted
    earlier by place (the cue opening a line; the items run over the sentences that end in ；), one count of one unit
    an item, so their counts are the parts of the one count of that unit stated before (every earlier count of the
    unit agreeing). Which count that is rests on reading (``loose``): a warning."""
    found = []
    sentences = doc.sentences
    for k, sentence in enumerate(sentences):
        if _CUES.by_place.search(sentence.text) is None:
            continue
        items = [sentence]
        while _CUES.item_end.search(items[-1].text) and k + len(items) < len(sentences):
            following = sentences[k + len(items)]
            if following.para_start != sentence.para_start:
                break
            items.append(following)
        counts = [
            [s for s in statements if s.sentence is item and s.kind == "count" and s.role == "value"]
            for item in items
        ]
        own = [c[0] for c in counts if len(c) == 1]
        if len(items) < 2 or len(own) != len(items) or len({s.unit for s in own}) != 1:
            continue  # an item with no count or two: not one count a place
        if any(s.span in taken or not s.exact_claim for s in own):
            continue
        earlier = [
            s
            for s in statements
            if s.span[1] <= sentence.start
            and s.kind == "count"
            and s.role == "value"
            and s.unit == own[0].unit
        ]
        if earlier and len({s.value for s in earlier}) == 1 and earlier[-1].exact_claim:
            found.append(Breakdown(earlier[-1], tuple(own), True, "分地区", loose=True))
    return found
