"""Cases entering the web UI (uploads, table and chat edits, saved sessions) pass the CLI loader's checks, and
may name only built-in rule sets and outlines, never a file on the server. No browser needed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from assistant.errors import InputError
from assistant.io import load_case
from assistant.workspace import SessionStore, Workspace
from assistant.workspace.intake import load_uploaded_case, parse_year
from tests.conftest import SEED_CASE

QIYI = 7  # a project of the seed case filed with 全年执行数 5.6 万元


def seed_with(tmp_path: Path, name: str = "case.yaml", **changes: str) -> Path:
    """The seed case file with top-level fields replaced, written where an upload would land."""
    data = yaml.safe_load(SEED_CASE.read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("1e40", "不是有效的金额"),
        ("1" + "0" * 40, "数值过大"),
        ("100000000000", "数值过大"),
        ("0.000000000001", "小数位数过多"),
    ],
)
def test_table_edit_out_of_range_is_refused_and_previous_value_kept(
    seed: Workspace, value: str, why: str
) -> None:
    before = seed.case.model_copy(deep=True)
    saved = seed.path.read_text(encoding="utf-8")
    with pytest.raises(InputError) as caught:
        seed.apply_table_edit("projects", QIYI, "全年执行数", value)
    message = str(caught.value)
    assert "第8行「全年执行数」" in message and "已保留原值「5.6」" in message
    assert why in message
    assert seed.case == before and not seed.history
    assert seed.path.read_text(encoding="utf-8") == saved


def test_chat_style_field_edit_with_1e40_is_refused(seed: Workspace) -> None:
    name = seed.case.projects[QIYI].name
    with pytest.raises(InputError, match=r"「1e40」不是有效的金额.*已保留原值「5\.6」"):
        seed.set_field(name, "全年预算数", "1e40")
    with pytest.raises(InputError, match=r"数值过大.*已保留原值「5\.6」"):
        seed.set_field(name, "全年预算数", "1" + "0" * 40)
    assert seed.case.projects[QIYI].budget == load_case(SEED_CASE).projects[QIYI].budget


def test_table_edit_text_is_cleaned_like_a_case_file(seed: Workspace) -> None:
    seed.apply_table_edit("projects", QIYI, "偏差原因", "按计划\x07执行\x0b完毕")
    assert seed.case.projects[QIYI].deviation_cause == "按计划执行完毕"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("评分规则", "/etc/passwd.yaml"),
        ("评分规则", "my_rules.yml"),
        ("评分规则", "..\\rules\\national_2020"),
        ("报告提纲", "/tmp/outline.yaml"),
    ],
)
def test_uploaded_case_may_not_point_at_a_server_file(tmp_path: Path, field: str, value: str) -> None:
    path = seed_with(tmp_path, **{field: value})
    with pytest.raises(InputError) as caught:
        load_uploaded_case(path)
    message = str(caught.value)
    assert f"字段「{field}」" in message
    # a path with a YAML suffix is what the CLI would read: the UI says why it may not; others are unknown ids
    expected = "网页界面只能使用内置的" if value.endswith((".yaml", ".yml")) else f"未知的{field}"
    assert expected in message
    assert str(path) in message


def test_the_same_case_file_still_loads_from_the_cli(tmp_path: Path) -> None:
    """A deployment's own rule file by path stays a CLI feature; only the UI refuses it."""
    assert load_case(seed_with(tmp_path, 评分规则="/etc/passwd.yaml")).rules == "/etc/passwd.yaml"


def test_a_session_cannot_be_created_or_reopened_with_a_path(tmp_path: Path, store: SessionStore) -> None:
    case = load_case(seed_with(tmp_path, 评分规则="/etc/passwd.yaml"))
    with pytest.raises(InputError, match="网页界面只能使用内置的评分规则"):
        store.create(case)
    assert store.list() == []
    ws = store.create(load_case(SEED_CASE))
    data = json.loads(ws.path.read_text(encoding="utf-8"))
    data["case"]["评分规则"] = "/etc/passwd.yaml"
    ws.path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError):
        SessionStore(store.root).open(ws.id)


def test_built_in_rule_sets_are_accepted(tmp_path: Path) -> None:
    case = load_uploaded_case(seed_with(tmp_path, 评分规则="sichuan"))
    assert case.rules == "sichuan"


def test_uploaded_case_with_huge_amount_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(SEED_CASE.read_text(encoding="utf-8"))
    data["项目"][0]["全年预算数"] = 10**12  # 1e12 万元
    path = tmp_path / "huge.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError, match="数值过大"):
        load_uploaded_case(path)


def test_typed_years_are_read_or_refused_in_chinese() -> None:
    assert [parse_year(v) for v in ("2023", " 2023年 ", "２０２３年度", "", None)] == [
        2023,
        2023,
        2023,
        None,
        None,
    ]
    for bad in ("二〇二三", "1800", "20x3"):
        with pytest.raises(InputError, match="不是有效的年份"):
            parse_year(bad)


def test_upload_defaults_fill_only_what_the_file_lacks(tmp_path: Path) -> None:
    bare = seed_with(tmp_path, "bare.yaml")
    text = "\n".join(
        line for line in bare.read_text(encoding="utf-8").splitlines() if not line.startswith("年度:")
    )
    bare.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="年度"):
        load_uploaded_case(bare)
    case = load_uploaded_case(bare, unit="别的单位", year=2021)
    assert (case.unit, case.year) == (load_case(SEED_CASE).unit, 2021)  # the file's unit wins
