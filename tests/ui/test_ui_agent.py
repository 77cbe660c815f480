"""The workspace with a model endpoint configured: a scripted OpenAI-compatible server on 127.0.0.1
answers the chat with tool calls, and the browser shows the resulting change as a diff."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.agent_server import AgentServer, ToolReply
from tests.llm_server import Recorded, Reply, competent_answer
from tests.ui.harness import AppServer, cell, edit_cell, needs_browser, open_app, session_file, show_tab

pytestmark = needs_browser

KEY = "sk-ui-agent-test-0123456789"
QIYI, RATE_COL = 7, 1


def _sections(request: Recorded) -> Reply | None:
    """Section prompts of the report drafter (no tools) get a valid answer; agent turns use the queue."""
    if request.body and "tools" not in request.body:
        return Reply.text(competent_answer(request))
    return None


@pytest.fixture(scope="module")
def model() -> Iterator[AgentServer]:
    with AgentServer(responder=_sections) as server:
        yield server


@pytest.fixture(scope="module")
def app(model: AgentServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    env = {
        "JIXIAO_LLM_BASE_URL": model.base_url,
        "JIXIAO_LLM_MODEL": "scripted-model",
        "JIXIAO_LLM_API_KEY": KEY,
        "JIXIAO_LLM_TIMEOUT": "10",
        "JIXIAO_LLM_MAX_RETRIES": "1",
        "JIXIAO_LLM_BACKOFF_BASE": "0.01",
    }
    with AppServer(tmp_path_factory.mktemp("agent-home"), env=env) as server:
        yield server


def test_chat_tool_call_changes_a_number_and_shows_the_diff(app: AppServer, model: AgentServer, page) -> None:
    model.push(
        ToolReply.calls(("update_field", {"project": "七一", "field": "全年执行数", "value": "28000元"})),
        "好的，已把七一项目的全年执行数改为2.8万元。",
    )
    open_app(page, app.url)
    expect(page.locator("#app-header")).to_contain_text("已配置模型：scripted-model")
    show_tab(page, "对话")
    box = page.locator("#chat-input textarea")
    box.fill("七一项目实际只花了28000元，请改一下")
    box.press("Enter")
    chat = page.locator("#chatbot")
    # The scripted model answers at once, but two model turns and the app can take long on a loaded machine.
    expect(chat).to_contain_text("好的，已把七一项目的全年执行数改为2.8万元。", timeout=90_000)
    diff = chat.locator("table").first
    expect(diff).to_contain_text("5.6万元")
    expect(diff).to_contain_text("2.8万元")
    show_tab(page, "数据")
    expect(cell(page, "score-table", QIYI, RATE_COL)).to_have_text("50.00%")

    agent_turns = [r for r in model.chat_requests if r.body and "tools" in r.body]
    assert len(agent_turns) == 2  # the tool call, then the final answer after the tool result
    assert "七一项目实际只花了28000元" in agent_turns[0].last
    assert agent_turns[0].headers["authorization"] == f"Bearer {KEY}"
    assert KEY not in page.content() and KEY not in app.output()

    show_tab(page, "对话")
    page.click("#chat-undo")
    expect(chat).to_contain_text("已撤销")
    show_tab(page, "数据")
    expect(cell(page, "score-table", QIYI, RATE_COL)).to_have_text("100.00%")


def test_model_drafted_report_is_marked_and_audited(app: AppServer, page) -> None:
    open_app(page, app.url)
    show_tab(page, "报告")
    page.click("#draft-btn")
    # each drafted section goes through the model and the audit: on a loaded machine that takes more than 5 s
    expect(page.locator("#report-msg")).to_contain_text("已起草报告（模型辅助）", timeout=60_000)
    expect(page.locator("#report-status")).to_contain_text("由模型起草")
    expect(page.locator("#findings-list")).to_contain_text("审核发现")


def test_a_finding_is_set_aside_for_good_but_a_placeholder_never(app: AppServer, page) -> None:
    """A model-written report goes stale when the officer changes a figure: its contradictions can be set aside
    (and stay so after a reload); its 【待补充】 cannot."""
    session_id = open_app(page, app.url)
    show_tab(page, "报告")
    page.click("#draft-btn")
    expect(page.locator("#report-msg")).to_contain_text("已起草报告（模型辅助）")
    show_tab(page, "数据")
    edit_cell(page, "projects-table", QIYI, 4, "5")
    expect(cell(page, "score-table", QIYI, RATE_COL)).to_have_text("89.29%")
    show_tab(page, "报告")
    expect(page.locator("#report-status")).to_contain_text("数据在起草后有改动")
    page.locator("#finding-pick input").click()
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    assert not any("待补充" in text for text in options.all_inner_texts())
    options.first.click()
    page.click("#dismiss-btn")
    findings = page.locator("#findings-list")
    expect(findings).to_contain_text("已忽略 1 项")
    expect(findings).to_contain_text("待补充")
    saved = json.loads(session_file(app.home, session_id).read_text(encoding="utf-8"))
    assert len(saved["dismissed"]) == 1
    page.reload(wait_until="load")
    show_tab(page, "报告")
    expect(page.locator("#findings-list")).to_contain_text("已忽略 1 项")
