"""Report structure as the audit reads it: headings, roles, sentences, attached tables, project names."""

from __future__ import annotations

import pytest

from assistant.audit.document import parse_document
from assistant.audit.names import NameIndex, name_key
from tests.conftest import EVAL_DATA

SEED_TEXT = (EVAL_DATA / "seed_yushui_2022" / "report.txt").read_text(encoding="utf-8")


def test_seed_headings_and_roles():
    doc = parse_document(SEED_TEXT)
    level1 = [(h.text, h.role) for h in doc.headings if h.level == 1]
    assert level1 == [
        ("一、基本情况", "basic"),
        ("二、绩效自评工作情况", "method"),
        ("三、综合评价结论", "conclusion"),
        ("四、绩效目标完成情况总体分析", "analysis"),
        ("五、偏离绩效目标的原因和改进措施", "deviation"),
        ("附件：评分表", "attachment"),
    ]
    assert any(
        h.level == 2 and h.text == "（二）预算资金规模、来源及使用情况" and h.role == "funds"
        for h in doc.headings
    )


def test_long_numbered_paragraphs_are_not_headings():
    doc = parse_document(SEED_TEXT)
    assert not any(h.text.startswith("1.党代表活动经费项目") for h in doc.headings)
    assert any(s.text.startswith("1.党代表活动经费项目：预算金额48.824万元") for s in doc.sentences)


def test_sentences_carry_spans_lines_and_sections():
    doc = parse_document(SEED_TEXT)
    sentence = next(s for s in doc.sentences if "执行金额是289.9965万元" in s.text)
    assert doc.text[sentence.start : sentence.end].strip().startswith(sentence.text[:10])
    assert sentence.line == 27
    assert sentence.section.text == "一、基本情况"
    assert "funds" in sentence.roles


def test_seed_table_is_parsed_from_cell_per_line_layout():
    doc = parse_document(SEED_TEXT)
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.header == ["项目名称", "全年预算数(万元)", "全年执行数(万元)", "执行率(%)", "自评得分"]
    assert len(table.rows) == 14
    name, start, end, _line = table.rows[2][0]
    assert name == "干部人事档案数字化建设"
    assert SEED_TEXT[start:end] == name
    assert [cell[0] for cell in table.rows[2][1:]] == ["62.3205", "18.6932", "30", "90"]
    assert doc.body_end == SEED_TEXT.index("附件：评分表")


def test_markdown_pipe_table_and_headings():
    text = "# 标题\n\n## 一、基本情况\n\n正文。\n\n## 附件：评分表\n\n| 序号 | 项目名称 | 全年预算数（万元） |\n| --- | --- | --- |\n| 1 | 甲项目 | 1.5 |\n| 合计 | 1个项目 | 1.5 |\n"
    doc = parse_document(text)
    assert [h.text for h in doc.headings if h.level == 1] == ["一、基本情况", "附件：评分表"]
    assert doc.tables[0].header == ["序号", "项目名称", "全年预算数（万元）"]
    assert [c[0] for c in doc.tables[0].rows[0]] == ["1", "甲项目", "1.5"]
    assert len(doc.tables[0].rows) == 2


def test_name_keys_strip_years_quotes_and_tails():
    assert name_key("2021年度基层党建市级经费") == "基层党建市级"
    assert name_key("“七一“表彰经费及大组工网维护费") == "七一表彰经费及大组工网维护费"
    assert name_key("三名工作室经费") == "三名工作室"
    assert name_key("党建经费") == "党建经费"  # too short to strip


def test_name_index_tolerates_written_variants():
    index = NameIndex(["“七一“表彰经费及大组工网维护费", "干部人事档案数字化建设", "春节区领导走访人才经费"])
    text = (
        "“七一”表彰经费及大组工网维护费经费项目；春节区领导走访人才经费经费项目；档案数字化项目进度；七一项目"
    )
    found = [(m.project, text[m.start : m.end], m.exact) for m in index.find(text)]
    assert found[0] == (0, "七一”表彰经费及大组工网维护费经费项目", True)
    assert (2, "春节区领导走访人才经费经费项目", True) in found
    assert (1, "档案数字化项目", False) in found
    assert (0, "七一项目", False) in found


def test_short_form_that_fits_two_projects_is_not_guessed():
    index = NameIndex(["基层党建市级经费", "基层党建信息化平台建设经费"])
    assert index.find("基层党建项目按计划推进") == []


def test_a_semicolon_inside_a_bracket_does_not_end_the_sentence():
    text = "其中中央资金776.84万元(一般公共预算:323.97万元;彩票公益金:452.87万元);省级资金290.36万元。剩余(未完;\n"
    doc = parse_document(text)
    assert [s.text for s in doc.sentences] == [
        "其中中央资金776.84万元(一般公共预算:323.97万元;彩票公益金:452.87万元);",
        "省级资金290.36万元。",
        "剩余(未完;",  # a bracket never closed on its line: the semicolon still ends the sentence
    ]


def test_an_attachment_label_on_the_first_line_labels_the_whole_text():
    text = "附件3:项目资金绩效评价报告.doc\n关于2021年度某项目资金绩效评价报告 一、项目基本情况 全县配备巡查员95名。\n"
    doc = parse_document(text)
    assert [s.text for s in doc.sentences][
        -1
    ] == "关于2021年度某项目资金绩效评价报告 一、项目基本情况 全县配备巡查员95名。"
    later = parse_document("# 标题\n\n正文。\n\n附件3:项目资金绩效评价报告\n\n附件的正文。\n")
    assert [s.text for s in later.sentences] == ["正文。"]  # below the body, it is an appendix


def test_attachments_listed_in_a_table_of_contents_do_not_end_the_body():
    """A 目录 that lists "附件1 …" among the headings names the appendices; the report's body follows the list
    (before, the first listed 附件 ended the body and no number of the report was read)."""
    text = (
        "某县某局2023年部门整体支出绩效自评报告\n目录\n一、部门概况\n(一)年末结转和结余情况。\n二、绩效目标\n"
        "附件1 成本费用分析报告\n附件2 评价指标体系\n某县某局2023年度部门整体支出绩效评价报告\n一、部门概况\n"
        "本局内设办公室、业务股2个股室，核定编制8人，实有人员7人。\n\n附件1 成本费用分析报告\n附件的正文。\n"
    )
    doc = parse_document(text)
    assert any("核定编制8人" in s.text for s in doc.sentences)
    assert "附件的正文。" not in [s.text for s in doc.sentences]  # the appendix below the body is still one


@pytest.mark.parametrize(
    "head",
    [
        "[ 发布机构 ]\n忠县涂井乡\n[ 发布日期 ]\n2023-04-12\n\n涂井乡2021年度项目绩效自评表\n\n",
        "文章来源: 宿州市某局发表时间:2022-08-10 11:30 责任编辑: 某局浏览量:\n\n附件2\n\n",
        "中央、市级专项转移支付绩效目标自评表\n",
    ],
)
def test_a_form_title_above_no_prose_is_the_texts_own_title_not_an_appendix(head: str):
    """A page that is only a 自评表 (its title, or "附件2", under the page's metadata) is read as the body: before,
    everything after the title was taken for an appendix and not one of its numbers was read."""
    form = "(2021年度)\n年度资金总额:  372.29万元 372.29万元 100%\n成本指标 道路交通设施 713万元 713万元\n"
    doc = parse_document(head + form)
    assert doc.body_end == len(head + form)
    assert any("372.29" in s.text for s in doc.sentences)


def test_a_form_title_after_the_reports_prose_is_its_appendix():
    text = "一、基本情况\n项目预算372.29万元，已全部执行。\n\n涂井乡2021年度项目绩效自评表\n年度资金总额:  372.29万元\n"
    doc = parse_document(text)
    assert doc.body_end == text.index("涂井乡2021年度项目绩效自评表")


def test_a_sentence_runs_on_over_a_pdf_line_end_inside_it():
    """A PDF's line end inside a sentence (even inside a word, "市⏎级资金") no longer ends the sentence; its span
    still points into the text as written (before, the sentence stopped at "市" and the next began at "级资金")."""
    text = (
        "一、项目基本情况\n"
        "本年度农村饮水安全维修项目全年预算 120.00 万元，其中中央资金 90.00 万元、市\n"
        "级资金 30.00 万元，全年执行 114.00 万元，预算执行率 95%。\n"
    )
    doc = parse_document(text)
    sentence = next(s for s in doc.sentences if "中央资金" in s.text)
    assert sentence.text.endswith("预算执行率 95%。")
    assert text[sentence.start : sentence.end] == sentence.text
    assert doc.wraps == {text.index("、市\n") + 2}


@pytest.mark.parametrize(
    "text",
    [
        # a form written one cell a line
        "年度资金总额\n120.00万元\n实际执行数，含结转资金，按财务账列示\n114.00万元\n",
        # short lines
        "项目名称：饮水安全，维修\n实施单位：县水利局\n",
        # a line ending its sentence, a numbered item, an indented paragraph, a blank line, a flattened table row
        "全年预算120.00万元，其中中央资金90.00万元，执行率95%。\n级资金30.00万元，全年执行114.00万元。\n",
        "全年预算120.00万元，其中中央资金90.00万元、市级资金\n2、项目资金使用情况，全年执行114.00万元。\n",
        "全年预算120.00万元，其中中央资金90.00万元、市级资金\n　　30.00万元用于管网维修，全年执行114.00万元。\n",
        "全年预算120.00万元，其中中央资金90.00万元、市级资金\n\n30.00万元用于管网维修，全年执行114.00万元。\n",
        "资金到位率，按到位资金÷预算计 10 10\n预算执行率，按执行数÷预算计 10 9.5\n",
    ],
)
def test_lines_that_are_no_wrapped_prose_are_never_run_together(text: str):
    assert parse_document(text).wraps == frozenset()


def test_a_sentence_with_a_number_at_one_of_its_line_ends_is_read_line_by_line():
    """ "…供9⏎个项目": a number is read with its unit on one line only, so a sentence with a break at a number is
    not run on over any of its breaks (read with an item lost, a list's sum would fall short of its total)."""
    text = (
        "一、绩效目标分解下达情况\n"
        "2020年，上级下达我市抗疫特别国债资金4.54亿元，涉及4个部门单位，共9\n"
        "个项目。其中：市住建局6个项目2.886亿元、市教育局1个项目0.209亿元、市卫健委\n"
        "1个项目0.245亿元，市人民医院1个项目1.2亿元。\n"
    )
    assert parse_document(text).wraps == frozenset()
    assert parse_document(text.replace("共9\n个项目", "共9个项目\n")).wraps != frozenset()


def test_a_run_of_prose_lines_that_opens_inside_a_sentence_is_read_line_by_line():
    """A run of wrapped lines whose sentence began on a line of another shape above it ("本年度批复总投资⏎6222.40万元，
    …") would be read from the middle of that sentence, its total cut off its list: it is read as before."""
    body = "6222.40万元，其中一批项目3577.10万元、二批项目县\n级批复投资2645.30万元，全部用于道路建设。\n"
    assert parse_document("一、基本情况\n本年度批复总投资\n" + body).wraps == frozenset()
    assert parse_document("一、基本情况\n本年度批复总投资" + body).wraps != frozenset()


def test_a_title_with_a_list_mark_is_not_run_on_into_the_text_below():
    """A title may hold a 、 ("…筹集、使用情况公告"): a line whose only marks are 、 opens a run only when it is as
    wide as the next line (a list running over the page), not when it is shorter, as a title is."""
    body = "依据《彩票管理条例》《彩票公益金管理办法》等规定，现将本市2020年度彩票公益金筹集、\n使用情况公告如下。\n"
    title = "2020年某市体育彩票公益金筹集、使用情况公告\n"
    assert parse_document(title + body).wraps == frozenset()
    assert parse_document(title + "\n" + body).wraps == {len(title) + 1 + body.index("筹集、\n") + 3}
