"""Bad case files (YAML/JSON) through ``assistant.io.load_case``: each ends as a correct ``Case`` or one Chinese
``InputError`` naming the file (and the project and field where there is one) — never another exception,
never unbounded memory. Whatever loads must also score, draft, audit and render without crashing.
"""

from __future__ import annotations

import json
import re
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import event, given
from hypothesis import strategies as st

from assistant.errors import InputError
from assistant.io import load_case
from assistant.models import Case, parse_plain_number
from assistant.yamlfile import load_yaml
from tests.conftest import EVAL_DATA, SEED_CASE
from tests.robustness.conftest import MB, ROBUST, load_or_refuse, peak_python_memory, run_measured

SEED_TEXT = SEED_CASE.read_text(encoding="utf-8")
WEIJIAN = EVAL_DATA / "weijian_anlan_2022" / "data.yaml"  # amounts in 元, indicators of every kind
SMALL = """单位名称: 测试局
年度: 2023
项目:
  - 项目名称: 甲项目
    全年预算数: 62.3205
    全年执行数: 18.6932
    自评得分: 90
"""


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def refused(path: Path) -> str:
    with pytest.raises(InputError) as err:
        load_case(path)
    message = str(err.value)
    assert str(path) in message and re.search(r"[\u4e00-\u9fff]", message), message
    return message


def exercise(case: Case, out: Path) -> None:
    """A loaded case must go all the way: score, template draft, audit, Markdown + Word + Excel files."""
    from assistant.pipeline import draft_case, write_outputs

    draft = draft_case(case, llm="off")
    assert draft.markdown.startswith("#")
    paths = write_outputs(draft, out, ("md", "docx", "xlsx"))
    assert all(p.stat().st_size > 0 for p in paths)


# --- a table of hand-made bad files -------------------------------------------------------------------

_BAD_YAML = {
    "nested_1e5_lists": ("[" * 100_000, "嵌套层级过深"),
    "nested_1e5_closed": ("a: " + "[" * 100_000 + "]" * 100_000, "嵌套层级过深"),
    "nested_maps": ("".join("  " * i + "a:\n" for i in range(3000)), "嵌套层级过深"),
    "amount_1e400": (SMALL.replace("62.3205", "1.0e+400"), "第1个项目「甲项目」字段「全年预算数」"),
    "amount_1e400_plain": (SMALL.replace("62.3205", "1e400"), "不是有效的金额数字"),
    "amount_inf": (SMALL.replace("62.3205", ".inf"), "无穷大"),
    "amount_minus_inf": (SMALL.replace("62.3205", "-.inf"), "无穷大"),
    "amount_nan": (SMALL.replace("62.3205", ".nan"), "NaN"),
    "amount_Infinity_text": (SMALL.replace("62.3205", "Infinity"), "不是有效的金额数字"),
    "amount_negative": (SMALL.replace("62.3205", "-5"), "金额不能为负数"),
    "amount_5000_digits": (SMALL.replace("62.3205", "9" * 5000), "数字位数过多"),
    "amount_1e20": (SMALL.replace("62.3205", "100000000000000000000"), "数值过大"),
    "amount_tiny": (SMALL.replace("62.3205", "0.000000000001"), "小数位数过多"),
    "amount_float_tag_text": (SMALL.replace("62.3205", "!!float abc"), "不是有效数字"),
    "amount_is_list": (SMALL.replace("62.3205", "[1, 2]"), "应为数字"),
    "amount_is_map": (SMALL.replace("62.3205", "{a: 1}"), "应为数字"),
    "amount_is_date": (SMALL.replace("62.3205", "2023-01-01"), "字段「全年预算数」"),
    "amount_is_bool": (SMALL.replace("62.3205", "yes"), "字段「全年预算数」"),
    "amount_percent": (SMALL.replace("62.3205", "95%"), "不是有效的金额数字"),
    "year_huge": (SMALL.replace("2023", "9" * 40), "数字位数过多"),
    "year_text": (SMALL.replace("2023", "二〇二三"), "字段「年度」"),
    "year_float": (SMALL.replace("2023", "2023.5"), "字段「年度」"),
    "unit_is_list": (SMALL.replace("测试局", "[a, b]"), "字段「单位名称」"),
    "unit_empty": (SMALL.replace("测试局", "''"), "字段「单位名称」"),
    "duplicate_project": (SMALL + SMALL[SMALL.index("  - 项目名称") :], "项目名称「甲项目」重复"),
    "duplicate_key": (SMALL.replace("年度: 2023", "年度: 2023\n年度: 2024"), "字段「年度」重复出现"),
    "duplicate_amount_key": (
        SMALL.replace("    全年执行数", "    全年预算数: 1\n    全年执行数"),
        "重复出现",
    ),
    "python_tag": (SMALL.replace("测试局", "!!python/object/apply:os.system ['true']"), "不支持的 YAML 标签"),
    "undefined_alias": (SMALL.replace("测试局", "*nowhere"), "未定义的锚点"),
    "two_documents": (SMALL + "---\n" + SMALL, "只能有一个 YAML 文档"),
    "tab_indent": (SMALL.replace("    全年预算数", "\t全年预算数"), "YAML 格式错误"),
    "unclosed_quote": (SMALL.replace("测试局", '"测试局'), "YAML 格式错误"),
    "top_level_list": ("- 单位名称: 测试局\n", "顶层应为键值表"),
    "top_level_scalar": ("测试局", "顶层应为键值表"),
    "empty": ("", "案例文件为空"),
    "no_projects": (SMALL[: SMALL.index("项目:")] + "项目: []\n", "至少需要一项"),
    "int_key": ("1: 2\n", "字段「1」"),
    "unknown_field": (SMALL + "    执行率: 30%\n", "不认识的字段"),
    "nul_bytes": (SMALL.replace("测试局", "测试\x00局"), "YAML 格式错误"),
}


@pytest.mark.parametrize("name", sorted(_BAD_YAML))
def test_bad_yaml_is_a_located_chinese_error(tmp_path: Path, name: str) -> None:
    text, needle = _BAD_YAML[name]
    assert needle in refused(write(tmp_path, f"{name}.yaml", text))


def test_billion_laughs_costs_no_memory(tmp_path: Path) -> None:
    """Aliases nine deep (9^9 references) stay shared references: refused quickly, in little memory."""
    levels = ['a0: &a0 ["哈哈哈哈哈哈哈哈"]']
    for n in range(1, 10):
        levels.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    for where in ("项目: *a9", "单位名称: *a9", "项目:\n  - 项目名称: 甲\n    绩效指标: *a9"):
        text = "\n".join(levels) + "\n" + where + "\n"
        path = write(tmp_path, "laughs.yaml", text)
        result, peak = peak_python_memory(lambda path=path: load_case(path))
        assert isinstance(result, InputError), result
        assert peak < 50 * MB, peak


_BAD_JSON = {
    "nested_1e5": ("[" * 100_000 + "]" * 100_000, "嵌套层级过深"),
    "nested_1e5_open": ("[" * 100_000, "JSON"),
    "nan": ('{"单位名称": "测试局", "年度": NaN}', "不支持的数值 NaN"),
    "infinity": ('{"单位名称": "测试局", "年度": -Infinity}', "不支持的数值 -Infinity"),
    "amount_1e400": (
        '{"单位名称": "测试局", "年度": 2023, "项目": [{"项目名称": "甲", "全年预算数": 1e400, "全年执行数": 1}]}',
        "第1个项目「甲」字段「全年预算数」",
    ),
    "amount_1e30": (
        '{"单位名称": "测试局", "年度": 2023, "项目": [{"项目名称": "甲", "全年预算数": 1e30, "全年执行数": 1}]}',
        "数值过大",
    ),
    "int_5000_digits": ('{"单位名称": "测试局", "年度": 1' + "0" * 5000 + "}", "数字位数过多"),
    "duplicate_key": ('{"单位名称": "测试局", "单位名称": "别的局"}', "字段「单位名称」在同一处重复出现"),
    "trailing_comma": ('{"单位名称": "测试局",}', "字段名应使用英文双引号"),
    "single_quotes": ("{'单位名称': '测试局'}", "JSON 格式错误"),
    "extra_data": ('{"单位名称": "测试局"} {}', "多余内容"),
    "unterminated": ('{"单位名称": "测试局', "没有结束的引号"),
    "control_char": ('{"单位名称": "测\n试局"}', "控制字符"),
    "bad_escape": ('{"单位名称": "测\\q试局"}', "转义"),
    "wrong_types": ('{"单位名称": 1, "年度": "x", "项目": {}}', "发现 3 处输入问题"),
}


@pytest.mark.parametrize("name", sorted(_BAD_JSON))
def test_bad_json_is_a_located_chinese_error(tmp_path: Path, name: str) -> None:
    text, needle = _BAD_JSON[name]
    assert needle in refused(write(tmp_path, f"{name}.json", text))


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("binary.yaml", bytes(range(256)) * 8, "不是 UTF-8 或 GB18030"),
        ("utf16_broken.yaml", b"\xff\xfe" + b"\x00\xd8", "UTF-16"),
        ("dir.yaml", None, "这是一个目录"),
        ("missing.yaml", False, "文件不存在"),
        ("case.xls", b"\xd0\xcf\x11\xe0", "不支持的案例文件类型"),
        ("noext", SMALL.encode(), "无扩展名"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, content: bytes | bool | None, needle: str) -> None:
    path = tmp_path / name
    if content is None:
        path.mkdir()
    elif content is not False:
        path.write_bytes(content)  # type: ignore[arg-type]
    assert needle in refused(path)


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    """Windows 记事本 saves "Unicode" as UTF-16 with a BOM."""
    case = load_case(write(tmp_path, "case.yaml", SMALL.encode("utf-16")))
    assert case.projects[0].budget == Decimal("62.3205")


def test_zero_amounts_score(tmp_path: Path) -> None:
    """Zero budget and zero execution are legal: the case loads and drafts; no division by zero."""
    text = SMALL.replace("62.3205", "0").replace("18.6932", "0")
    case = load_case(write(tmp_path, "zero.yaml", text))
    assert case.projects[0].budget == 0
    exercise(case, tmp_path / "out")


def test_amounts_at_the_accepted_limits_go_all_the_way(tmp_path: Path) -> None:
    big = "99999999999.9999999999"  # just under 1e11 万元, ten decimal places
    text = SMALL.replace("62.3205", big).replace("18.6932", "0.0000000001")
    case = load_case(write(tmp_path, "limits.yaml", text))
    assert case.projects[0].budget == Decimal(big)
    exercise(case, tmp_path / "out")


def test_yuan_amounts_are_limited_as_written(tmp_path: Path) -> None:
    """In a 元 file 0.0000001 元 has seven places as written (eleven once converted to 万元)."""
    text = WEIJIAN.read_text(encoding="utf-8")
    amount = re.search(r"全年执行数: (\S+)", text).group(1)  # type: ignore[union-attr]
    message = refused(write(tmp_path, "yuan.yaml", text.replace(amount, "0.0000001", 1)))
    assert "小数位数过多（最多 6 位）" in message


# --- property-based: random bytes, truncations, mutated structures ------------------------------------


@ROBUST
@given(content=st.binary(max_size=2000), suffix=st.sampled_from([".yaml", ".json"]))
def test_random_bytes(tmp_path_factory: pytest.TempPathFactory, content: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("bytes") / f"case{suffix}"
    path.write_bytes(content)
    load_or_refuse(lambda: load_case(path), path)


@ROBUST
@given(fraction=st.floats(min_value=0, max_value=1), suffix=st.sampled_from(["yaml", "json"]))
def test_truncated_files(tmp_path_factory: pytest.TempPathFactory, fraction: float, suffix: str) -> None:
    """A file cut anywhere (even inside a UTF-8 character) loads as a smaller valid case or is refused."""
    data = load_yaml(SEED_TEXT)
    full = (SEED_TEXT if suffix == "yaml" else dump_json(data)).encode("utf-8")
    path = tmp_path_factory.mktemp("cut") / f"case.{suffix}"
    path.write_bytes(full[: int(len(full) * fraction)])
    result = load_or_refuse(lambda: load_case(path), path)
    if isinstance(result, Case):
        assert len(result.projects) <= len(data["项目"])


NASTY: st.SearchStrategy[Any] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [Decimal("1E+400"), Decimal("-0"), Decimal("1E-400"), Decimal("0.1"), Decimal("99999999999")]
    ),
    st.text(max_size=30),
    st.sampled_from(
        [
            "",
            " ",
            "95%",
            "１２",
            "1,200.5",
            "≥95",
            "定性",
            "=",
            "NaN",
            "1e400",
            "../../etc/passwd",
            "\u202e",
            "甲\x07乙",
            "\x00",
            "\ud800",
            "\ufffe",
            "a\x0bb",
        ]
    ),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)

PLAUSIBLE: st.SearchStrategy[Any] = st.one_of(
    st.decimals(min_value=0, max_value=Decimal("1e10"), places=4),
    st.integers(min_value=0, max_value=120),
    st.text(alphabet="资金项目完成率偏差原因改进措施按计划执行未达到万元个次", min_size=1, max_size=12),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated_cases(draw: st.DrawFn) -> dict[str, Any]:
    """A real case with one to three fields replaced, removed or added, or a project duplicated."""
    source = draw(
        st.sampled_from([SEED_CASE, WEIJIAN, EVAL_DATA / "lincao_siyuan_yunnan_2024" / "data.yaml"])
    )
    data = load_yaml(source.read_text(encoding="utf-8"))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        path = draw(st.sampled_from(paths))
        *parents, last = path
        holder = data
        for key in parents:
            holder = holder[key]
        action = draw(st.sampled_from(["replace", "replace", "replace", "delete", "add", "duplicate"]))
        if action == "replace":
            holder[last] = draw(st.one_of(PLAUSIBLE, PLAUSIBLE, NASTY))
        elif action == "delete":
            del holder[last]
        elif action == "add" and isinstance(holder, dict):
            holder[draw(st.sampled_from(["全年预算数", "备注", "项目名称", "绩效指标"]))] = draw(NASTY)
        elif action == "duplicate" and isinstance(data.get("项目"), list) and data["项目"]:
            data["项目"].append(data["项目"][0])
    return data


class _Dumper(yaml.SafeDumper):
    pass


def _decimal_scalar(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    text = (
        ".nan"
        if value.is_nan()
        else ("-.inf" if value < 0 else ".inf")
        if value.is_infinite()
        else str(value)
    )
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


_Dumper.add_representer(Decimal, _decimal_scalar)


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def dump_json(data: Any, ensure_ascii: bool = False) -> str:
    """JSON with Decimals written as raw numbers (NaN/Infinity as the JSON constants Python accepts)."""
    marks: list[str] = []

    def mark(value: Any) -> str:
        if isinstance(value, Decimal):
            marks.append(
                "NaN"
                if value.is_nan()
                else ("-Infinity" if value < 0 else "Infinity")
                if value.is_infinite()
                else str(value)
            )
            return f"__DECIMAL_{len(marks) - 1}__"
        raise TypeError(type(value))

    text = json.dumps(data, ensure_ascii=ensure_ascii, default=mark)
    return re.sub(r'"__DECIMAL_(\d+)__"', lambda m: marks[int(m.group(1))], text)


@ROBUST
@given(data=mutated_cases(), as_json=st.booleans())
def test_mutated_cases_load_and_go_all_the_way_or_are_refused(
    tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any], as_json: bool
) -> None:
    folder = tmp_path_factory.mktemp("mutated")
    if as_json:
        path = folder / "case.json"
        text = dump_json(data)
        path.write_text(text if _encodable(text) else dump_json(data, ensure_ascii=True), encoding="utf-8")
    else:
        path = folder / "case.yaml"
        text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True)
        if not _encodable(text):  # lone surrogates: written as \uD800 escapes instead
            text = yaml.dump(data, Dumper=_Dumper, allow_unicode=False)
        path.write_text(text, encoding="utf-8")
    result = load_or_refuse(lambda: load_case(path), path)
    event("loaded" if isinstance(result, Case) else "refused")
    if isinstance(result, Case):
        exercise(result, folder / "out")
    else:
        assert "Error" not in str(result) and "error" not in str(result), str(
            result
        )  # no raw English exception


# --- a 10,000-project case ----------------------------------------------------------------------------


def big_case(count: int) -> dict[str, Any]:
    base = load_yaml(WEIJIAN.read_text(encoding="utf-8"))
    projects = []
    for n in range(count):
        project = dict(base["项目"][n % len(base["项目"])])
        if n % 3:  # two in three filed with a 自评得分 only, like the seed
            project.pop("绩效指标", None)
            project.pop("资金来源", None)
            project["自评得分"] = 90
        project["项目名称"] = f"{project['项目名称']}（第{n + 1}号）"
        projects.append(project)
    return {**base, "项目": projects}


def test_ten_thousand_projects_score_in_bounded_time_and_memory(tmp_path: Path, record_property: Any) -> None:
    """Load and score in process (timed, not asserted), then ``jixiao score --json`` with its peak memory."""
    from assistant.rules import load_ruleset
    from assistant.scoring import score_case

    timings = {}
    for count in (2_500, 10_000):
        path = tmp_path / f"big{count}.json"
        data = big_case(count)
        path.write_text(dump_json(data), encoding="utf-8")
        started = time.perf_counter()
        case = load_case(path)
        unit = score_case(case, load_ruleset(case.rules))
        timings[count] = time.perf_counter() - started
        assert len(unit.projects) == count
        expected = sum(parse_plain_number(p["全年预算数"]) for p in data["项目"]) / 10000  # filed in 元
        assert sum(p.project.budget for p in unit.projects) == expected
    record_property("load_score_seconds", timings)
    print(f"\nload+score: 2,500 projects {timings[2_500]:.2f} s, 10,000 projects {timings[10_000]:.2f} s")

    run, peak = run_measured("score", "--json", tmp_path / "big10000.json", tmp=tmp_path, timeout=300)
    assert run.code in (0, 1), run.stderr
    assert len(json.loads(run.stdout)["projects"]) == 10_000
    record_property("score_cli_peak_bytes", peak)
    print(f"jixiao score --json on 10,000 projects: peak RSS {peak / MB:.0f} MB")
    assert peak < 800 * MB
