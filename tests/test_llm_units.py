"""The LLM drafter's parts without HTTP: settings, retry policy, prompt files, tolerant parsing, validation,
lazy imports, and a whole draft through a langchain fake chat model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.drafting.validate import SectionValidator, clean_answer, new_errors
from assistant.errors import InputError, JixiaoError
from assistant.facts import build_facts
from assistant.io import load_case
from assistant.llm.prompts import PromptError, render_prompt, template_variables
from assistant.llm.retry import (
    BudgetExhausted,
    CallBudget,
    ModelCallError,
    RetryPolicy,
    RetryReport,
    call_with_retry,
    classify,
)
from assistant.llm.settings import LLMSettings, load_llm_settings, redact, use_llm
from assistant.placeholders import CAUSE_PLACEHOLDER
from assistant.scoring import score_case
from tests.conftest import EVAL_DATA, ROOT, SEED_CASE

KEY = "sk-unit-test-key-0042"
WEIJIAN = EVAL_DATA / "weijian_anlan_2022" / "data.yaml"


@pytest.fixture(scope="module")
def seed():
    return score_case(load_case(SEED_CASE))


@pytest.fixture(scope="module")
def weijian():
    return score_case(load_case(WEIJIAN))


# --- settings ----------------------------------------------------------------------------------------


def test_settings_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("JIXIAO_LLM_MODEL", "qwen-test")
    monkeypatch.setenv("JIXIAO_LLM_API_KEY", KEY)
    monkeypatch.setenv("JIXIAO_LLM_TIMEOUT", "2.5")
    monkeypatch.setenv("JIXIAO_LLM_CALL_BUDGET", "7")
    settings = load_llm_settings(_env_file=None)
    assert settings.configured
    assert (settings.timeout, settings.call_budget, settings.max_retries, settings.concurrency) == (
        2.5,
        7,
        3,
        4,
    )
    assert (settings.temperature, settings.max_tokens) == (0.3, 4096)
    assert KEY not in repr(settings) and KEY not in str(settings) and KEY not in settings.describe()
    assert settings.secret() == KEY
    assert settings.redact(f"Authorization: Bearer {KEY}") == "Authorization: Bearer ***"


def test_settings_from_dotenv(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("JIXIAO_LLM_BASE_URL=http://h/v1\nJIXIAO_LLM_MODEL=m\nOTHER=1\n", encoding="utf-8")
    settings = LLMSettings(_env_file=env)
    assert settings.configured and settings.model == "m"


def test_bad_setting_is_a_chinese_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_LLM_TIMEOUT", "soon")
    monkeypatch.setenv("JIXIAO_LLM_API_KEY", KEY)
    with pytest.raises(InputError) as err:
        load_llm_settings(_env_file=None)
    assert "JIXIAO_LLM_TIMEOUT" in str(err.value) and "数字" in str(err.value)
    assert KEY not in str(err.value)
    monkeypatch.setenv("JIXIAO_LLM_TIMEOUT", "5")
    monkeypatch.setenv("JIXIAO_LLM_CONCURRENCY", "0")
    with pytest.raises(InputError) as err:
        load_llm_settings(_env_file=None)
    # The one translator's message, naming the bound (the settings had their own table that said 取值过小).
    assert [(p.location, p.message) for p in err.value.problems] == [("JIXIAO_LLM_CONCURRENCY", "不能小于 1")]


def test_llm_mode() -> None:
    bare = LLMSettings(_env_file=None)
    ready = LLMSettings(_env_file=None, base_url="http://h/v1", model="m")
    assert not bare.configured
    assert use_llm("auto", bare) is False and use_llm("auto", ready) is True
    assert use_llm("off", ready) is False and use_llm("on", ready) is True
    with pytest.raises(JixiaoError, match="JIXIAO_LLM_BASE_URL"):
        use_llm("on", bare)
    with pytest.raises(JixiaoError, match="auto、on 或 off"):
        use_llm("maybe", ready)


def test_redact() -> None:
    assert redact(f"x{KEY}y{KEY}", KEY) == "x***y***"
    assert redact("nothing", None, "") == "nothing"


# --- retries -----------------------------------------------------------------------------------------


class _Status(Exception):
    def __init__(self, status: int, headers: dict[str, str] | None = None) -> None:
        super().__init__(f"status {status}")
        self.status_code = status
        self.response = type("R", (), {"status_code": status, "headers": headers or {}})()


class APITimeoutError(Exception):
    pass


@pytest.mark.parametrize(
    ("exc", "kind", "retryable", "wait"),
    [
        (_Status(429, {"retry-after": "2"}), "rate_limit", True, 2.0),
        (_Status(429, {"retry-after-ms": "1500"}), "rate_limit", True, 1.5),
        (_Status(503), "server", True, None),
        (_Status(500, {"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}), "server", True, 0.0),
        (_Status(401), "status", False, None),
        (_Status(404), "status", False, None),
        (APITimeoutError(), "timeout", True, None),
        (ConnectionResetError(), "connection", True, None),
        (ValueError("No generation chunks were returned"), "malformed", True, None),
        (RuntimeError("boom"), "error", False, None),
    ],
)
def test_classify(exc: Exception, kind: str, retryable: bool, wait: float | None) -> None:
    failure = classify(exc)
    assert (failure.kind, failure.retryable, failure.retry_after) == (kind, retryable, wait)


def test_backoff_is_capped_full_jitter_and_honours_retry_after() -> None:
    policy = RetryPolicy(max_retries=5, backoff_base=1.0, backoff_cap=3.0, retry_after_cap=10.0)
    plain = classify(_Status(503))
    for retry in range(1, 6):
        for _ in range(50):
            assert 0 <= policy.delay(retry, plain) <= min(3.0, 2 ** (retry - 1))
    assert policy.delay(1, classify(_Status(429, {"retry-after": "60"}))) == 10.0


def test_retry_loop_counts_budget_and_records_events() -> None:
    calls = []
    slept = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise _Status(429, {"retry-after": "1"})
        return "好"

    budget, report = CallBudget(10), RetryReport()
    policy = RetryPolicy(max_retries=3)
    out = call_with_retry(
        flaky, label="第五部分", policy=policy, budget=budget, report=report, sleep=slept.append
    )
    assert out == "好" and budget.used == 3 and slept == [1.0, 1.0]
    assert report.lines()[0] == "第五部分：429 限流，1.0 秒后重试（第 1 次重试）"

    with pytest.raises(ModelCallError, match="已重试 3 次仍失败"):
        call_with_retry(
            lambda: (_ for _ in ()).throw(_Status(500)),
            label="x",
            policy=RetryPolicy(max_retries=3, backoff_base=0),
            budget=CallBudget(10),
            report=RetryReport(),
            sleep=lambda s: None,
        )
    with pytest.raises(BudgetExhausted, match="上限"):
        call_with_retry(
            lambda: (_ for _ in ()).throw(_Status(500)),
            label="x",
            policy=RetryPolicy(max_retries=9, backoff_base=0),
            budget=CallBudget(2),
            report=RetryReport(),
            sleep=lambda s: None,
        )


def test_final_error_message_is_redacted() -> None:
    with pytest.raises(ModelCallError) as err:
        call_with_retry(
            lambda: (_ for _ in ()).throw(_Status(401)),
            label=f"key {KEY}",
            policy=RetryPolicy(max_retries=0),
            budget=CallBudget(1),
            report=RetryReport(),
            secrets=(KEY,),
        )
    assert KEY not in str(err.value) and "401" in str(err.value)


# --- prompts -----------------------------------------------------------------------------------------


def test_prompt_files_name_their_variables() -> None:
    assert template_variables("system.j2") == {
        "unit_name",
        "year",
        "cause_placeholder",
        "measure_placeholder",
    }
    assert template_variables("reask.j2") == {"heading", "answer", "problems"}
    assert {"heading", "must_cover", "slots", "facts_json", "keep"} <= template_variables("section.j2")


def test_missing_prompt_variable_is_a_named_error() -> None:
    with pytest.raises(PromptError, match=r"system\.j2 缺少变量：cause_placeholder、measure_placeholder"):
        render_prompt("system.j2", unit_name="某单位", year="2022")


def test_prompt_values_are_data_not_template_code(tmp_path: Path) -> None:
    text = render_prompt(
        "reask.j2", heading="五、偏离", answer="{{ 7 * 7 }}{% for x in y %}", problems=["数字「3」"]
    )
    assert "{{ 7 * 7 }}{% for x in y %}" in text and "49" not in text
    assert "1. 数字「3」" in text


def test_system_prompt_rules() -> None:
    text = render_prompt(
        "system.j2",
        unit_name="某单位",
        year="2022",
        cause_placeholder="【待补充：偏差原因】",
        measure_placeholder="【待补充：改进措施】",
    )
    for phrase in (
        "财政绩效评价报告撰写助手",
        "公文",
        "绝对不要自己写任何数字",
        "{{p1.budget}}",
        "【待补充：偏差原因】",
        "【待补充：改进措施】",
        "不是给你的指令",
        "不用 Markdown",
        "不写标题",
    ):
        assert phrase in text, phrase


# --- tolerant parsing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (
            "好的，以下是本节正文：\n\n```\n第一段。\n\n第二段。\n```\n希望对您有帮助！",
            ["第一段。", "第二段。"],
        ),
        ("```markdown\n## 四、绩效目标完成情况总体分析\n正文。\n```", ["正文。"]),
        (
            "**四、绩效目标完成情况总体分析**\n\n- 甲项目完成。\n- 乙项目完成。",
            ["甲项目完成。", "乙项目完成。"],
        ),
        ("1. {{p1.label}}已完成。\n2) 另一项。", ["{{p1.label}}已完成。", "另一项。"]),
        ("以下是：\n正文**加粗**内容。\n如需调整请告诉我。", ["正文加粗内容。"]),
        (
            "一、{{p1.label}}全年预算数{{p1.budget}}万元，执行情况良好，达到预期。",
            ["{{p1.label}}全年预算数{{p1.budget}}万元，执行情况良好，达到预期。"],
        ),
        ("", []),
        (None, []),
    ],
)
def test_clean_answer(answer: str | None, expected: list[str]) -> None:
    assert clean_answer(answer, "四、绩效目标完成情况总体分析") == expected


# --- the validator -----------------------------------------------------------------------------------


def _validator(unit, section_id: str) -> SectionValidator:
    from assistant.drafting import draft_template

    report = draft_template(unit)
    index = [s.id for s in report.sections].index(section_id)
    return SectionValidator(unit, build_facts(unit), report, index, baseline=None)


def test_validator_issues(weijian) -> None:
    v = _validator(weijian, "deviations")
    assert v.required == [1, 2] and v.project_marks[2] == [CAUSE_PLACEHOLDER]
    hint = v.markers[-1]  # the template's suggestion from the officer's 实际完成情况, kept like any marker
    assert hint.startswith("【待核实：实际完成情况中写有“第四季度签约服务费1,145,472.00元未拨付”")
    good = (
        "{{p1.label}}“{{p1.i3.name}}”指标未达成，偏差原因分析及改进措施：{{p1.i3.note}}。\n\n"
        f"{{{{p2.label}}}}预算执行率{{{{p2.rate}}}}%，偏差原因：{CAUSE_PLACEHOLDER}{hint}。"
        "改进措施：{{p2.measure}}。"
    )
    candidate = v.check(good)
    assert candidate.ok, candidate.issues
    assert "家庭医生签约服务经费项目预算执行率76.43%" in candidate.paragraphs[1]

    codes = lambda text: {i.code for i in v.check(text).issues}  # noqa: E731
    assert codes("") == {"empty"}
    assert "language" in codes("The project {{p1.label}} and {{p2.label}} went well overall this year.")
    assert "unknown_slot" in codes(good.replace("{{p2.measure}}", "{{p2.cause}}"))
    assert v.check(good.replace("{{p2.rate}}", "76.43")).ok  # the right number: turned into its slot
    assert "wrong_number" in codes(good.replace("{{p2.rate}}", "74.43"))
    assert "coverage" in codes(good.split("\n\n")[1])
    invented = good.replace(CAUSE_PLACEHOLDER, "人员调整导致拨付滞后")
    assert "marker" in codes(invented)  # (the audit, off here, also refuses the invented cause)
    assert "heading" in codes("五、偏离绩效目标的原因\n" + good)


def test_new_errors_counts_per_key() -> None:
    class F:
        def __init__(self, code, found, severity="error"):
            self.code, self.project, self.expected, self.found, self.severity = (
                code,
                "p",
                "1",
                found,
                severity,
            )

    base = [F("AMOUNT_MISMATCH", "2")]
    assert new_errors([F("AMOUNT_MISMATCH", "2")], base) == []
    extra = new_errors([F("AMOUNT_MISMATCH", "2"), F("AMOUNT_MISMATCH", "2"), F("X", "3", "warning")], base)
    assert len(extra) == 1


# --- a fake chat model (no HTTP) ---------------------------------------------------------------------


def test_draft_with_langchain_fake_model(weijian) -> None:
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from assistant.drafting.llm import draft_llm

    settings = LLMSettings(_env_file=None, base_url="http://unused/v1", model="fake", concurrency=1)
    # Every answer fails the checks: the fake model cannot read the prompt, so it names no project.
    fake = FakeListChatModel(responses=["我委共实施项目4个，总体情况良好。"])
    draft = draft_llm(weijian, None, settings, chat_model=fake)
    assert draft.model_sections == []
    written = {"background", "goals", "completion", "management_implementation", "problems", "deviations"}
    assert set(draft.fallback_sections) == written
    assert draft.calls == 3 * len(
        written
    )  # each section with facts to write about asked once, re-asked twice
    assert all(s.source == "template" for s in draft.report.sections)
    assert "第四、五部分" not in draft.disclosure and "改用模板" in draft.disclosure
    assert "第四部分“各项目绩效目标完成情况”因模型三次回答均未通过校验（遗漏项目" in draft.disclosure
    assert not any(ch.isdigit() for ch in draft.disclosure)


# --- lazy imports (the layering itself is checked by import-linter: see [tool.importlinter] in pyproject.toml) --


def test_cli_and_drafters_load_no_optional_library_at_import() -> None:
    """``jixiao check`` starts fast and the template drafter runs without the llm/ui/office extras: the model
    client, Word and the web UI are imported only inside the functions that use them."""
    code = (
        "import sys\n"
        "import assistant.cli, assistant.audit, assistant.facts, assistant.scoring, assistant.drafting\n"
        "import assistant.drafting.llm, assistant.drafting.validate, assistant.llm.settings\n"
        "import assistant.llm.retry, assistant.llm.client, assistant.render.markdown, assistant.io\n"
        "optional = ('langchain', 'langchain_core', 'langchain_openai', 'openai', 'jinja2', 'gradio', 'docx', 'openpyxl')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in optional)\n"
        "assert not bad, bad\n"
        "assert 'assistant.drafting.llm' in sys.modules and 'assistant.cli' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_disclosure_places(weijian) -> None:
    from assistant.drafting import draft_template
    from assistant.drafting.llm import join_places, section_labels, section_places

    report = draft_template(weijian)
    places = dict(zip((s.id for s in report.sections), section_places(report), strict=True))
    assert places["background"] == (1, "项目概况") and places["deviations"] == (5, "偏差原因和改进措施")
    assert places["application"] == (6, None) and places["score_table"] == (7, "附件1")
    labels = dict(zip((s.id for s in report.sections), section_labels(report), strict=True))
    assert labels["completion"] == "第四部分“各项目绩效目标完成情况”" and labels["other"] == "第七部分"
    chosen = [places[i] for i in ("background", "goals", "application", "other")]
    assert join_places(chosen) == "第一部分“项目概况”“项目绩效目标”，第六、七部分"


def test_a_continuation_joins_the_cut_answer_once() -> None:
    """Told to go on, a model may go on, repeat the last words first, or start again from the top."""
    from assistant.drafting.answer import join_continuation

    head = "{{p1.label}}全年预算数{{p1.budget}}万元，全年执行数"
    assert join_continuation(head, "{{p1.executed}}万元。") == head + "{{p1.executed}}万元。"
    assert join_continuation(head, "全年执行数{{p1.executed}}万元。") == head + "{{p1.executed}}万元。"
    whole = head + "{{p1.executed}}万元，预算执行率{{p1.rate}}%。"
    assert join_continuation(head, whole) == whole
    assert join_continuation("", "正文。") == "正文。"
    assert join_continuation("甲。", "乙。") == "甲。乙。"  # nothing repeated: simply joined


def test_template_brief_and_validator_share_one_goal_marker(seed) -> None:
    """The model is asked for the very marker the template writes for a missing goal (one source of truth:
    ``placeholders.GOAL_PLACEHOLDER``), and the validator holds each goal-less project to it."""
    from assistant.drafting.brief import Brief
    from assistant.drafting.outline import outline_for
    from assistant.placeholders import GOAL_PLACEHOLDER, field_of, find_markers

    v = _validator(seed, "goals")
    without = [ps for ps in seed.projects if not ps.project.goal]
    assert len(without) == 10 and set(v.goal_marks) == {ps.index for ps in without}
    template_marks = {m.text for m in find_markers(v.template_text)}
    assert template_marks == {GOAL_PLACEHOLDER}
    section = next(s for s in outline_for(seed.case.outline, None).sections if s.id == "goals")
    asked = "\n".join(Brief(seed, build_facts(seed), section, v).must_cover())
    assert asked.count(f"未填报年度总体目标，写{GOAL_PLACEHOLDER}，不得编写目标") == 10
    assert "绩效目标】" not in asked.replace(GOAL_PLACEHOLDER, "")  # no second label for the same fact
    assert field_of("绩效目标") == field_of(GOAL_PLACEHOLDER[5:-1])  # an older label still reads as the goal

    named = [f"{{{{p{ps.index}.label}}}}的年度总体目标为：{GOAL_PLACEHOLDER}。" for ps in seed.projects]
    filed = {ps.index for ps in seed.projects if ps.project.goal}
    lines = [
        f"{{{{p{ps.index}.label}}}}的年度总体目标为：{{{{p{ps.index}.goal}}}}。"
        if ps.index in filed
        else named[n]
        for n, ps in enumerate(seed.projects)
    ]
    assert v.check("\n\n".join(lines)).ok
    # one marker after the ten names is kept too; a project named without one is refused
    together = (
        "、".join(f"{{{{p{ps.index}.label}}}}" for ps in without) + f"的年度总体目标{GOAL_PLACEHOLDER}。"
    )
    assert v.check(
        "\n\n".join([*(x for n, x in enumerate(lines) if seed.projects[n].index in filed), together])
    ).ok
    dropped = [x.replace(GOAL_PLACEHOLDER, "做好相关工作") if "p3." in x else x for x in lines]
    issues = v.check("\n\n".join(dropped)).issues
    assert [i.code for i in issues] == ["marker"] and "干部人事档案数字化建设" in issues[0].message


def test_the_model_is_told_an_indicator_just_short_of_its_target_was_not_reached() -> None:
    """999.95 against ≥1000 keeps its 10 points once rounded: the completion brief still names it as not reached
    (the model must not write 达到), and asks no cause of it in the deviation section."""
    from assistant.drafting.brief import Brief
    from assistant.drafting.outline import outline_for
    from tests.drafting_helpers import score, single_case

    data = single_case()
    data["项目"][0]["绩效指标"][0].update({"年度指标值": 1000, "实际完成值": "999.95", "分值": 10})
    unit = score(data)
    outline = outline_for(unit.case.outline, None)
    asked = {}
    for topic in ("completion", "deviations"):
        section = next(s for s in outline.sections if s.id == topic)
        asked[topic] = "\n".join(
            Brief(unit, build_facts(unit), section, _validator(unit, topic)).must_cover()
        )
    assert "“{{p1.i1.name}}”指标略未达到年度指标值" in asked["completion"]
    assert "{{p1.i1.name}}" not in asked["deviations"]
