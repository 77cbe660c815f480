"""Held-out everyday phrasings for the offline chat, written before they were first run (issue 18).

Each sentence is what an officer might type while the interview's first question is open. None may fall through
to "这句话我没听懂", none may be taken as the answer to the open question unless it is one, and each reply must
carry the figure or the action that answers it (read from the data, not from the sentence).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from assistant.chat import ChatReply, greet, respond
from assistant.chat.intents import parse
from assistant.io import load_case
from assistant.workspace import SessionStore, Workspace
from tests.conftest import EVAL_DATA

ARCHIVE, PARTY_IT = 2, 10  # 干部人事档案数字化建设 (30 %), 基层党建信息化平台建设经费 (96.35 %)
NOT_UNDERSTOOD = "这句话我没听懂"
REMINDER = "（刚才的问题还没回答"


def _own(text: str) -> str:
    """The reply without the reminder of the open question (which quotes figures of its own)."""
    return text.split(REMINDER)[0]


def _names(ws: Workspace, *indices: int) -> list[str]:
    return [ws.case.projects[i].name for i in indices]


def _answered_not_filed(ws: Workspace, message: str, expected: list[str], own: bool = False) -> ChatReply:
    """Say ``message`` with the interview's first question open: the reply carries each ``expected`` part, and no
    data changed (the message was not taken as the answer)."""
    greet(ws)
    before = ws.case.to_data()
    reply = respond(ws, message)
    assert NOT_UNDERSTOOD not in reply.text and not reply.error, reply.text
    for part in expected:
        assert part in (_own(reply.text) if own else reply.text), (message, reply.text)
    assert ws.case.to_data() == before, "taken as the answer to the open question"
    return reply


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # questions about the figures
        ("现在一共多少个项目啊", ["14 个"]),
        ("有多少项目执行率低于90%", ["1 个", "干部人事档案数字化建设"]),
        ("执行率最低的是哪个项目", ["干部人事档案数字化建设", "30.00%"]),
        # "执行得最慢" is the lowest rate (the recogniser once read its 慢 as 最高)
        ("哪个项目执行得最慢？", ["干部人事档案数字化建设", "30.00%"]),
        ("哪个项目分最低", ["干部人事档案数字化建设", "90"]),
        ("单位总得分是多少", ["99.07"]),
        ("档案数字化那个项目为什么才90分", ["90"]),
        ("钱一共花了多少", ["244.2"]),
        ("预算一共多少钱", ["289.9965"]),
        ("哪些项目钱没花完", ["干部人事档案数字化建设", "基层党建信息化平台建设经费"]),
        ("有没有项目评为差的", ["没有"]),
        ("优秀的项目有几个", ["14 个"]),
        ("基层党建那个项目执行率多少", ["96.35%"]),
        ("为什么基层党建信息化平台只有97分", ["97"]),
        ("还差哪些没填", ["干部人事档案数字化建设", "偏差原因"]),
        # commands in everyday words
        ("写个报告吧", ["已按模板起草报告"]),
        ("出一版报告看看", ["已按模板起草报告"]),
        ("给我导出word文档", ["待补充"]),
        ("下载报告", ["待补充"]),
        # no report yet: the reply says how to get one (expectation corrected after the first run: it said 审核)
        ("帮我查查报告有没有问题", ["起草报告"]),
        ("你能做什么", ["干部人事档案数字化建设"]),
    ],
)
def test_everyday_phrasings_are_answered_from_the_data(
    seed: Workspace, message: str, expected: list[str]
) -> None:
    greet(seed)
    reply = respond(seed, message)
    assert NOT_UNDERSTOOD not in reply.text and not reply.error, reply.text
    for part in expected:
        assert part in _own(reply.text), (message, reply.text)
    assert seed.case.projects[ARCHIVE].deviation_cause is None, "taken as the answer to the open question"


@pytest.mark.parametrize(
    "message", ["把第五部分写详细些", "第三部分太啰嗦了，精简一下", "第二部分写得再具体一点"]
)
def test_style_requests_in_everyday_words_change_no_text(seed: Workspace, message: str) -> None:
    respond(seed, "写个报告吧")
    before, data = seed.report_markdown, seed.case.to_data()
    reply = respond(seed, message)
    assert NOT_UNDERSTOOD not in reply.text and not reply.error, reply.text
    assert "模板" in reply.text  # offline: says what the template can and cannot do for that section
    assert seed.report_markdown == before and seed.case.to_data() == data


def test_a_cause_and_a_measure_said_plainly_go_where_they_belong(seed: Workspace) -> None:
    greet(seed)
    reply = respond(seed, "档案数字化项目的钱没用完，是因为合同尾款要等验收以后才付")
    assert not reply.error and "合同尾款" in (seed.case.projects[ARCHIVE].deviation_cause or ""), reply.text
    reply = respond(seed, "以后签合同的时候把付款节点排在年内，验收完马上付")
    assert "付款节点" in (seed.case.projects[ARCHIVE].improvement or ""), reply.text


def test_a_number_changed_in_everyday_words_then_taken_back(seed: Workspace) -> None:
    reply = respond(seed, "把基层党建信息化平台的执行数改为58万")
    assert not reply.error and str(seed.case.projects[PARTY_IT].executed) == "58", reply.text
    reply = respond(seed, "刚才改错了，退回去")
    assert not reply.error and str(seed.case.projects[PARTY_IT].executed) == "57.04", reply.text


def test_another_units_help_speaks_of_its_own_projects(store: SessionStore) -> None:
    ws = store.create(load_case(EVAL_DATA / "weijian_anlan_2022" / "data.yaml"))
    reply = respond(ws, "你能做什么")
    assert NOT_UNDERSTOOD not in reply.text
    assert any(name in reply.text for name in _names(ws, *range(len(ws.case.projects))))
    assert "档案数字化" not in reply.text and "七一" not in reply.text


# --- a second held-out batch, on another unit (amounts in 元), written after the first batch was fixed ---------

FAMILY_DOCTOR, MENTAL = 1, 2  # 家庭医生签约服务经费 (76.43 %, 89.85 分, 良), 严重精神障碍患者救治救助


@pytest.fixture
def weijian(store: SessionStore) -> Workspace:
    return store.create(load_case(EVAL_DATA / "weijian_anlan_2022" / "data.yaml"))


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("家庭医生那个项目为啥才89.85分", ["89.85"]),
        ("良的项目是哪个", ["家庭医生签约服务经费"]),
        ("执行率没到95%的有哪些", ["家庭医生签约服务经费"]),
        ("有哪几个项目要写偏差原因", ["基本公共卫生服务补助资金", "家庭医生签约服务经费"]),
        ("四个项目平均多少分", ["96.02"]),
        ("整体执行率多少", ["94.19%"]),
        ("家庭医生签约服务经费的执行数是多少", ["3714528"]),
        ("哪个项目扣分最多", ["家庭医生签约服务经费"]),
        ("先出个初稿吧", ["已按模板起草报告"]),
        ("保存成Word文件", ["待补充"]),
        # the first open question is 家庭医生's (基本公卫 has its cause filed); expectation corrected after the first run
        ("有什么要我补充的", ["家庭医生签约服务经费 · 偏差原因"]),
        ("这个助手怎么用", ["家庭医生签约服务经费"]),
    ],
)
def test_second_batch_on_another_unit(weijian: Workspace, message: str, expected: list[str]) -> None:
    _answered_not_filed(weijian, message, expected, own=True)


def test_second_batch_answers_changes_and_style(weijian: Workspace) -> None:
    greet(weijian)
    # The open question is 家庭医生's cause (corrected after the first run, which assumed the first project's).
    reply = respond(weijian, "主要是老年人体检的时候有些人外出打工了，没联系上")
    assert "外出打工" in (weijian.case.projects[FAMILY_DOCTOR].deviation_cause or ""), reply.text
    budget = weijian.case.projects[MENTAL].budget
    reply = respond(weijian, "严重精神障碍那个项目的预算改成70万元")
    assert not reply.error and weijian.case.projects[MENTAL].budget != budget, reply.text
    reply = respond(weijian, "不改了，恢复原来的")
    assert not reply.error and weijian.case.projects[MENTAL].budget == budget, reply.text
    respond(weijian, "先出个初稿吧")
    text = weijian.report_markdown
    reply = respond(weijian, "第四部分语言太生硬，改得通顺点")
    assert NOT_UNDERSTOOD not in reply.text and "模板" in reply.text and weijian.report_markdown == text


# --- a third held-out batch: answers that look like something else, each said to its own question -------------


def _ask_until(ws: Workspace, word: str) -> str:
    """Skip questions until the open one is about ``word``; its text."""
    text = respond(ws, "还差什么").text
    for _ in range(30):
        asked = text.strip().splitlines()[-1]
        if word in asked:
            return asked
        text = respond(ws, "跳过").text
    raise AssertionError(f"no question about {word}")


@pytest.mark.parametrize(
    ("topic", "answer", "field", "kept"),
    [
        ("没花完的原因", "主要是审计发现问题后暂停了支付", "偏差原因", "审计"),
        ("怎么改进", "下一步每月核对一次支出数据，发现慢了就督办", "改进措施", "核对"),
        ("牵头", "办公室牵头，各股室配合", "评价组织", "办公室"),
        ("通知", "按区财政局的通知做的", "评价依据", "通知"),
        ("存在哪些问题", "没有", "存在问题", "无"),
        ("存在哪些问题", "暂时没有", "存在问题", "无"),  # "nothing" to a question that allows it, not a skip
        ("存在哪些问题", "目前没发现什么问题", "存在问题", "无"),
        ("怎么应用", "把自评结果作为明年分配预算的依据", "结果应用", "明年分配预算"),
        ("公开", "在单位网站上公开了", "公开情况", "网站"),
    ],
)
def test_answers_that_look_like_other_things_go_to_the_question_asked(
    seed: Workspace, topic: str, answer: str, field: str, kept: str
) -> None:
    greet(seed)
    _ask_until(seed, topic)
    reply = respond(seed, answer)
    data = seed.case.to_data()
    value = data["项目"][ARCHIVE].get(field) if field in ("偏差原因", "改进措施") else data.get(field)
    assert value and kept in value, (answer, reply.text)


def test_a_funding_source_in_everyday_words(seed: Workspace) -> None:
    greet(seed)
    _ask_until(seed, "资金来源")
    reply = respond(seed, "都是区财政的钱")
    assert all(p.sources for p in seed.case.projects), reply.text


# --- a fourth held-out batch (session 12): written before it was first run; 9 of its 20 phrasings failed then, and
# three of them (等级是啥, 你好, 谢谢) were filed as the answer to the open question ---------------------------------


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("帮我看看哪些指标没完成", ["没有扣分的指标"]),
        ("低于60分的项目有吗", ["没有得分低于 60 分的项目", "最低 90 分"]),
        (
            "档案数字化为啥执行率这么低",
            ["干部人事档案数字化建设", "30.00%", "结余 43.6273万元", "偏差原因还没有填写"],
        ),
        ("基层党建为什么执行率这么低", ["基层党建信息化平台建设经费", "96.35%", "验收"]),
        ("等级是啥", ["“优”14个"]),
        ("剩下多少钱没花", ["43.6273万元", "2.16万元"]),
        ("哪个项目预算最多", ["62.3205万元", "干部人事档案数字化建设"]),
        ("七一活动经费花了多少", ["“七一“表彰经费及大组工网维护费", "全年执行数：5.6"]),
        ("你好", ["您好"]),
        ("谢谢", ["不客气"]),
        ("好的", ["好的"]),
    ],
)
def test_fourth_batch_questions_and_small_talk_are_not_answers(
    seed: Workspace, message: str, expected: list[str]
) -> None:
    reply = _answered_not_filed(seed, message, expected, own=True)
    assert REMINDER in reply.text  # the open question is asked again


def test_a_missed_indicator_is_listed_with_target_actual_and_points(weijian: Workspace) -> None:
    """On a unit with indicators that lost points, the list gives each one's target, actual and score."""
    reply = respond(weijian, "哪些指标没完成？")
    lost = [
        (ps.project.name, ind.indicator.name)
        for ps in weijian.unit().projects
        for ind in ps.indicators
        if ind.missed or ind.score < ind.indicator.points
    ]
    assert lost, "the fixture unit should have a missed indicator"
    assert f"未完成或扣分的指标有 {len(lost)} 个" in reply.text, reply.text
    for project, indicator in lost:
        assert f"{project}「{indicator}」" in reply.text


# --- a fifth batch (session 12), also written before its first run: 5 of 12 were filed as the open question's
# answer ("你帮我写一个吧", "这个先不填", "项目总数", "现在报告有几处待补充", "上一个问题我答错了") ------------------------


def test_asking_the_assistant_to_make_up_an_answer_is_refused_and_the_question_stays(seed: Workspace) -> None:
    greet(seed)
    before = seed.case.to_data()
    reply = respond(seed, "你帮我写一个吧")
    assert "只能由您提供" in reply.text and "不能替您编写" in reply.text, reply.text
    assert seed.case.to_data() == before
    assert reply.text.rstrip().endswith("？"), "the open question is asked again"


@pytest.mark.parametrize("message", ["这个先不填", "回头再补吧", "先放一放", "还没想好"])
def test_putting_off_an_answer_skips_the_question(seed: Workspace, message: str) -> None:
    greet(seed)
    before = seed.case.to_data()
    reply = respond(seed, message)
    assert "先跳过" in reply.text and seed.case.to_data() == before, reply.text


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("项目总数", ["14 个项目"]),
        ("现在报告有几处待补充", ["报告还差这些内容", "干部人事档案数字化建设 · 偏差原因"]),
        ("报告写好了吗", ["报告还没有起草", "写报告"]),
    ],
)
def test_fifth_batch_requests_are_not_answers(seed: Workspace, message: str, expected: list[str]) -> None:
    _answered_not_filed(seed, message, expected)


def test_saying_an_answer_was_wrong_takes_it_back(seed: Workspace) -> None:
    greet(seed)
    respond(seed, "合同尾款要等验收以后才付")
    assert "合同尾款" in (seed.case.projects[ARCHIVE].deviation_cause or "")
    reply = respond(seed, "上一个问题我答错了")
    assert not reply.error and seed.case.projects[ARCHIVE].deviation_cause is None, reply.text


# --- a sixth batch (session 12), written before its run: 3 of 8 were filed as answers ------------------------------


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("档案数字化项目的预算", ["干部人事档案数字化建设", "全年预算数：62.3205"]),
        ("我不明白你的问题", ["这一项要填的是", "偏差原因"]),
        ("这是啥意思", ["这一项要填的是"]),
        ("保存一下", ["自动保存"]),
    ],
)
def test_sixth_batch_look_ups_and_talk_about_the_question_are_not_answers(
    seed: Workspace, message: str, expected: list[str]
) -> None:
    _answered_not_filed(seed, message, expected)


def test_asking_for_another_question_skips(seed: Workspace) -> None:
    greet(seed)
    assert "先跳过" in respond(seed, "能换个问题吗").text


def test_a_cause_said_while_the_measure_is_asked_goes_to_the_cause(seed: Workspace) -> None:
    greet(seed)
    respond(seed, "跳过")  # the cause question is put off; the measure is asked now
    respond(seed, "合同尾款要等验收后才付，所以执行率低")
    project = seed.case.projects[ARCHIVE]
    assert "合同尾款" in (project.deviation_cause or "") and project.improvement is None
    respond(seed, "由于人手不足，下一步增加人员加快进度")  # a measure that gives its reason stays a measure
    project = seed.case.projects[ARCHIVE]
    assert "增加人员" in (project.improvement or "") and "合同尾款" in (project.deviation_cause or "")


# --- a seventh batch (session 12) on the 元 unit, written before its run: 2 of 10 went wrong (a project's own
# indicators came back for every project; "帮我把偏差原因写成：…" was filed with its instruction) ----------------


def test_one_projects_missed_indicators(weijian: Workspace) -> None:
    reply = respond(weijian, "基本公卫的指标哪些没完成")
    assert "未完成或扣分的指标有 2 个" in reply.text and "家庭医生签约服务经费「" not in reply.text, (
        reply.text
    )


def test_an_answer_given_as_an_instruction_is_filed_without_the_instruction(weijian: Workspace) -> None:
    greet(weijian)
    respond(weijian, "帮我把偏差原因写成：签约居民外出务工多")
    assert weijian.case.projects[FAMILY_DOCTOR].deviation_cause == "签约居民外出务工多"


@pytest.mark.parametrize("message", ["要不要写具体金额", "原因能不能写得笼统一点"])
def test_a_question_about_how_to_answer_is_explained_not_filed(seed: Workspace, message: str) -> None:
    greet(seed)
    before = seed.case.to_data()
    reply = respond(seed, message)
    assert "这一项要填的是" in reply.text and seed.case.to_data() == before, reply.text


# --- an eighth batch (session 12): corrections of figures in everyday words, written before its run; 4 of 6 had
# been filed as the open question's answer -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "project", "field", "value"),
    [
        ("七一项目执行数少填了，应该是5.8万", 7, "executed", "5.8"),
        ("档案数字化的预算其实是60万", ARCHIVE, "budget", "60"),
        ("档案数字化的执行数写错了，正确的是19万", ARCHIVE, "executed", "19"),
    ],
)
def test_a_correction_said_plainly_changes_the_figure(
    seed: Workspace, message: str, project: int, field: str, value: str
) -> None:
    greet(seed)
    reply = respond(seed, message)
    assert not reply.error and str(getattr(seed.case.projects[project], field)) == value, reply.text
    assert seed.case.projects[ARCHIVE].deviation_cause is None, "taken as the answer to the open question"


@pytest.mark.parametrize(
    ("message", "field"),
    [
        ("档案数字化的执行数多写了一个0", "全年执行数"),
        ("改一下七一的预算", "全年预算数"),
        ("档案数字化的年初预算多写了一个0", "年初预算数"),
    ],
)
def test_a_wrong_figure_without_its_value_is_asked_for_not_guessed(
    seed: Workspace, message: str, field: str
) -> None:
    greet(seed)
    before = seed.case.to_data()
    reply = respond(seed, message)
    assert f"的{field}现在是" in reply.text and "正确的数是多少" in reply.text, reply.text
    assert seed.case.to_data() == before


def test_words_about_another_project_are_not_filed_under_the_one_asked(seed: Workspace) -> None:
    greet(seed)
    before = seed.case.to_data()
    reply = respond(seed, "七一项目那边也是合同没到期")
    assert "这句话说的是「“七一“表彰经费及大组工网维护费」" in reply.text and seed.case.to_data() == before
    assert reply.text.rstrip().endswith("？")  # the open question again


# --- a ninth batch (session 12) on a third unit (执行率20分 rules), written before its run after the fixes above:
# 5 of 9 went wrong ("你好，我是新来的", "我想改一下预算" and "原因我也说不清楚" tried as the funding answer; "有没有不及格的
# 项目" not understood; "执行率怎么算的" asked which project) --------------------------------------------------------


@pytest.fixture
def jiedao(store: SessionStore) -> Workspace:
    return store.create(load_case(EVAL_DATA / "jiedao_guihua_exec20_2024" / "data.yaml"))


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("你好，我是新来的", ["您好"]),
        ("有没有不及格的项目", ["没有得分低于 60 分的项目", "最低 70.69 分"]),
        ("原因我也说不清楚", ["先跳过"]),
        ("我想改一下预算", ["要改哪个项目的全年预算数"]),
        ("执行率怎么算的", ["全年执行数 ÷ 全年预算数", "执行率 × 20 分"]),
    ],
)
def test_ninth_batch_on_a_third_unit(jiedao: Workspace, message: str, expected: list[str]) -> None:
    _answered_not_filed(jiedao, message, expected)


# --- a tenth batch (session 12) on the 元 unit, written before its run: 8 of 9 went wrong, 3 of them filed as
# answers ("我先走了", "等一下", "这个问题跳过，下一个") ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("评价组织是哪些人", ["这一项要填的是“单位 · 评价组织”"]),
        ("基本公卫的执行率是多少", ["基本公共卫生服务补助资金", "预算执行率：96.31%"]),
        ("为什么家庭医生只有良", ["「家庭医生签约服务经费」得分 89.85 分，等级“良”"]),
        ("帮我看看报告写得怎么样", ["还没有起草报告"]),
        ("我先走了", ["已自动保存"]),
        ("等一下", ["好的"]),
        ("现在进度怎么样", ["报告还差这些内容"]),
        ("这个问题跳过，下一个", ["先跳过"]),
    ],
)
def test_tenth_batch(weijian: Workspace, message: str, expected: list[str]) -> None:
    _answered_not_filed(weijian, message, expected)


def test_words_of_not_understanding_inside_an_answer_are_its_content(seed: Workspace) -> None:
    greet(seed)
    respond(seed, "施工队不懂新的验收规范，返工拖了两个月")
    assert "验收规范" in (seed.case.projects[ARCHIVE].deviation_cause or "")


@pytest.mark.parametrize(
    "answer", ["要改善预算执行进度，按月调度", "年初预算与实际需求不对应，下一步细化测算"]
)
def test_a_measure_that_mentions_the_budget_is_still_an_answer(seed: Workspace, answer: str) -> None:
    greet(seed)
    respond(seed, "跳过")  # the measure question is open now
    respond(seed, answer)
    assert seed.case.projects[ARCHIVE].improvement, "the measure was not filed"


# --- an eleventh batch (session 13) on the seed unit, written before its run: 10 of 20 went wrong, 6 of them filed
# as the cause ("这个报告什么时候要交", "刚才说到哪了", "我不知道原因，要问一下项目负责人", "数字化这个项目是不是执行率
# 最低的", "不对", "其他单位一般怎么写的"); "你是机器人吗", "七一慰问那个项目预算多少", "30%是怎么算出来的" not understood;
# "总分怎么才99.07" asked which project ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("你是机器人吗", ["绩效自评报告助手"]),
        ("这个报告什么时候要交", ["通知为准"]),
        ("七一慰问那个项目预算多少", ["“七一“表彰经费", "全年预算数：5.6"]),
        ("30%是怎么算出来的", ["18.6932 ÷ 62.3205 = 30.00%"]),
        ("能不能导出word", ["待补充"]),
        ("刚才说到哪了", ["干部人事档案数字化建设 · 偏差原因"]),
        ("撤销", ["没有可以撤销的修改"]),
        ("数字化这个项目是不是执行率最低的", ["干部人事档案数字化建设", "30.00%"]),
        ("总分怎么才99.07", ["14 个项目得分的平均数"]),
        ("多谢", ["不客气"]),
        ("嗯", ["好的"]),
        ("好的", ["好的"]),
        ("不对", ["撤销"]),
        ("这个要写多少字", ["偏差原因"]),
        ("其他单位一般怎么写的", ["偏差原因"]),
    ],
)
def test_eleventh_batch(seed: Workspace, message: str, expected: list[str]) -> None:
    _answered_not_filed(seed, message, expected, own=True)


def test_an_answer_to_be_fetched_from_someone_else_skips_the_question(seed: Workspace) -> None:
    greet(seed)
    reply = respond(seed, "我不知道原因，要问一下项目负责人")
    assert "先跳过" in reply.text and seed.case.projects[ARCHIVE].deviation_cause is None


def test_a_cause_learnt_by_asking_is_an_answer(seed: Workspace) -> None:
    greet(seed)
    respond(seed, "问一下才知道是设备问题，验收拖到了12月")
    assert "设备问题" in (seed.case.projects[ARCHIVE].deviation_cause or "")


@pytest.mark.parametrize(
    ("answer", "filed"),
    [
        ("因为疫情，供应商来不了，设备一直没装", "供应商来不了，设备一直没装"),
        ("主要是合同签晚了", "合同签晚了"),
        ("资金10月才到位", "资金10月才到位"),
        ("项目延期了", "项目延期了"),
    ],
)
def test_eleventh_batch_answers_are_filed(seed: Workspace, answer: str, filed: str) -> None:
    greet(seed)
    respond(seed, answer)
    assert filed in (seed.case.projects[ARCHIVE].deviation_cause or "")


# --- a twelfth batch (session 13) on a fourth unit (农业, 3 projects), written before its run after the fixes above:
# 6 of 19 went wrong, 2 filed as the 评价组织 answer ("高标准农田那个项目得了几分", "算了，不弄了"); "三个项目一共多少钱"
# answered with the count; "你好，在吗", "牵头的是我们局吗", "为啥耕地地力补贴只有良" not understood. (A seventh, "哪个项目没花
# 完钱", was keyed with a project guessed wrongly before the data were read; the reply was right.) -----------------


@pytest.fixture
def nongye(store: SessionStore) -> Workspace:
    return store.create(load_case(EVAL_DATA / "nongye_anning_sichuan_2023" / "data.yaml"))


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("耕地地力保护补贴执行了多少", ["全年执行数：1236.4576"]),
        ("高标准农田那个项目得了几分", ["2023年高标准农田建设项目", "得分 96.79 分"]),
        ("哪个项目没花完钱", ["2023年高标准农田建设项目", "重大动物疫病强制免疫"]),
        ("牵头的是我们局吗", ["单位 · 评价组织"]),
        ("你好，在吗", ["您好"]),
        ("评价依据是什么", ["单位 · 评价依据"]),
        ("强制免疫项目的执行率", ["预算执行率：98.47%"]),
        ("三个项目一共多少钱", ["全年预算数合计 4902.1806万元"]),
        ("为啥耕地地力补贴只有良", ["「耕地地力保护补贴」得分 98.50 分，等级“优”"]),
        ("算了，不弄了", ["已自动保存"]),
        ("帮我查一下有没有错", ["还没有起草报告"]),
    ],
)
def test_twelfth_batch_on_a_fourth_unit(nongye: Workspace, message: str, expected: list[str]) -> None:
    _answered_not_filed(nongye, message, expected, own=True)


@pytest.mark.parametrize(
    "answer", ["由局计财股牵头，农业股、畜牧股、农田建设股参加", "计财股牵头的，各业务股室配合", "办公室负责"]
)
def test_twelfth_batch_answers_are_filed(nongye: Workspace, answer: str) -> None:
    greet(nongye)
    respond(nongye, answer)
    assert nongye.case.review_organiser == answer


# --- a thirteenth batch (session 13) on a fifth unit (林草, 3 projects, the 资金来源 question open), written before
# its run: 10 of 17 went wrong. Three true answers were refused ("中央和省级财政补助资金，县级没有配套", "都是上级转移支付
# 资金", "财政拨款，其中生态护林员补助是中央资金": transfers from another level are 财政拨款 too); "好，继续", "我再想想",
# "谢谢你的帮助" were told the funding answer could not be read; "资金来源指的是什么" showed a project ------------------


@pytest.fixture
def lincao(store: SessionStore) -> Workspace:
    return store.create(load_case(EVAL_DATA / "lincao_siyuan_yunnan_2024" / "data.yaml"))


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("资金来源指的是什么", ["全部项目 · 资金来源"]),
        ("生态护林员补助的钱是哪来的", ["项目名称：生态护林员补助"]),
        ("森林抚育那个项目为什么资金收回", ["项目名称：森林抚育补助（资金收回）", "全年预算数：0"]),
        ("防灭火经费的得分", ["得分 98.70 分"]),
        ("哪些项目不到90%", ["执行率低于 90% 的项目没有"]),
        ("好，继续", ["报告还差这些内容"]),
        ("谢谢你的帮助", ["不客气"]),
    ],
)
def test_thirteenth_batch_on_a_fifth_unit(lincao: Workspace, message: str, expected: list[str]) -> None:
    _answered_not_filed(lincao, message, expected, own=True)


def test_wanting_to_think_it_over_skips(lincao: Workspace) -> None:
    greet(lincao)
    before = lincao.case.to_data()
    assert "“全部项目 · 资金来源”先跳过" in respond(lincao, "我再想想").text
    assert lincao.case.to_data() == before


@pytest.mark.parametrize(
    "answer",
    [
        "全部是当年财政拨款",
        "中央和省级财政补助资金，县级没有配套",
        "都是上级转移支付资金",
        "财政拨款，其中生态护林员补助是中央资金",
    ],
)
def test_every_level_of_government_money_is_the_years_appropriation(lincao: Workspace, answer: str) -> None:
    greet(lincao)
    reply = respond(lincao, answer)
    assert "把全部 3 个项目的资金来源记为当年财政拨款" in reply.text, reply.text


@pytest.mark.parametrize("answer", ["一部分是财政拨款，一部分自筹", "中央资金和上年结转资金"])
def test_money_from_two_sources_is_not_recorded_as_one(lincao: Workspace, answer: str) -> None:
    greet(lincao)
    before = lincao.case.to_data()
    respond(lincao, answer)
    assert lincao.case.to_data() == before


# --- a fourteenth batch (session 13): answers that must be filed, written before their run, each said when its
# question is open; 2 of 14 went wrong ("为什么没花完？因为设备到货晚…" was taken as a question, "没有什么措施，等验收
# 就行" as one too: 没有什么 read as 有什么) ------------------------------------------------------------------------


def _answer_when_asked(ws: Workspace, field: str, answer: str) -> None:
    greet(ws)
    for _ in range(60):
        gap = ws.next_gap()
        assert gap is not None, f"no open {field} question"
        if gap.field == field:
            break
        respond(ws, "跳过")
    respond(ws, answer)


@pytest.mark.parametrize(
    ("field", "answer", "filed"),
    [
        ("偏差原因", "为什么没花完？因为设备到货晚，12月底才验收", "设备到货晚，12月底才验收"),
        ("偏差原因", "档案数字化项目主要是招标延误了两个月", "招标延误了两个月"),
        ("偏差原因", "剩余43.6万元是质保金，要验收合格后才能付", "剩余43.6万元是质保金"),
        ("偏差原因", "一是疫情影响施工，二是供应商资质审查时间长", "二是供应商资质审查时间长"),
        ("偏差原因", "跟去年一样，还是审批流程慢", "审批流程慢"),
        ("改进措施", "下一步加快进度，争取明年6月前付完", "加快进度"),
        ("改进措施", "以后提前做好预算，别再年底突击", "提前做好预算"),
        ("改进措施", "没有什么措施，等验收就行", "等验收就行"),
    ],
)
def test_fourteenth_batch_project_answers_are_filed(
    seed: Workspace, field: str, answer: str, filed: str
) -> None:
    _answer_when_asked(seed, field, answer)
    project = seed.case.projects[ARCHIVE]
    value = project.deviation_cause if field == "偏差原因" else project.improvement
    assert filed in (value or ""), value
    assert not (value or "").startswith("为什么")


@pytest.mark.parametrize(
    ("field", "answer", "attribute"),
    [
        ("评价组织", "组织部办公室牵头，各科室配合", "review_organiser"),
        ("评价依据", "按照区财政局《关于开展2022年度绩效自评的通知》", "review_basis"),
        ("存在问题", "有的项目绩效目标设得不够细，指标不好量化", "problems"),
        ("结果应用", "自评结果作为明年预算安排的参考", "result_use"),
    ],
)
def test_fourteenth_batch_unit_answers_are_filed(
    seed: Workspace, field: str, answer: str, attribute: str
) -> None:
    _answer_when_asked(seed, field, answer)
    assert getattr(seed.case, attribute) == answer


def test_a_change_with_its_reason_is_a_change_not_an_answer(seed: Workspace) -> None:
    greet(seed)
    respond(seed, "把档案数字化的执行数改为20万，因为之前填错了")
    project = seed.case.projects[ARCHIVE]
    assert project.executed == 20 and project.deviation_cause is None


@pytest.mark.parametrize(
    ("message", "field"),
    [("金额单位改成元", "金额单位"), ("把单位名称改为清江县财政局", "单位名称"), ("年度改成2023", "年度")],
)
def test_a_change_of_the_whole_cases_setting_is_not_taken_for_a_project(
    seed: Workspace, message: str, field: str
) -> None:
    # "金额单位改成元" was read as project 「金额」's field 单位: "没有找到项目「金额」" and a list of 14 projects
    greet(seed)
    before = seed.case.to_data()
    reply = respond(seed, message)
    said = _own(reply.text)
    assert f"「{field}」" in said and "整份案例" in said and "没有找到项目" not in said, said
    assert seed.case.to_data() == before


# --- session 33: forty everyday phrasings kept as data (tests/fixtures/phrasings/everyday_s33.yaml), written
# before their first run; the file's top comment records the first and the final pass counts --------------------

EVERYDAY_S33 = Path(__file__).parent / "fixtures" / "phrasings" / "everyday_s33.yaml"
_ENTRY_KEYS = {"id", "say", "intent", "expect"}
# turns of the interview are handled before the message is parsed: told by what the reply says
_TURN_MARKERS = {
    "resume": "报告还差这些内容",
    "skip": "先跳过",
    "clarify": "这一项要填的是",
    "answer": "已记下",
}
_CHANGES = ("set", "answer")


def _everyday_s33() -> list[dict[str, Any]]:
    entries = yaml.safe_load(EVERYDAY_S33.read_text(encoding="utf-8"))["phrasings"]
    for entry in entries:
        unknown = set(entry) - _ENTRY_KEYS
        assert not unknown and _ENTRY_KEYS <= set(entry), f"{entry.get('id')}: keys {sorted(set(entry))}"
    return entries


@pytest.mark.parametrize("entry", _everyday_s33(), ids=lambda entry: entry["id"])
def test_everyday_s33(seed: Workspace, entry: dict[str, Any]) -> None:
    greet(seed)
    before = seed.case.to_data()
    message, intent = entry["say"], entry["intent"]
    if intent not in _TURN_MARKERS:
        parsed = parse(message, seed.case)
        kind = parsed.kind
        if kind in ("ask", "chitchat"):
            kind += "." + (parsed.args["kind"])
        assert kind == intent, (message, parsed)
    reply = respond(seed, message)
    assert NOT_UNDERSTOOD not in reply.text and not reply.error, reply.text
    said = _own(reply.text)
    if intent in _TURN_MARKERS:
        assert _TURN_MARKERS[intent] in said, (message, said)
    for part in entry["expect"]:
        assert part in said, (message, part, said)
    if intent not in _CHANGES:
        assert seed.case.to_data() == before, "taken as the answer to the open question"
