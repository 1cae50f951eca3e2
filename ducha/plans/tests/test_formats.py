"""The same plan as .txt in three encodings, .docx (with a task table), .pdf and a web page."""

import io
import json
import os
from pathlib import Path

import pytest
from django.core.management import call_command

from ducha.plans.reading import parse_bytes, parse_path, parse_text
from ducha.plans.reading.formats import UnreadableDocument
from ducha.plans.tests.plan_files import TIANMEN

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def _essence(result):
    return {
        "date": result["date"],
        "targets": [(t["indicator"], t["comparator"], t["value"], t["year"]) for t in result["targets"]],
        "deadlines": [d["date"] for d in result["deadlines"]],
        "counts": [(c["what"], c["value"]) for c in result["counts"]],
        "sections": [(s["level"], s["marker"], s["heading"]) for s in result["sections"]],
    }


@pytest.fixture(scope="module")
def plan_text():
    return TIANMEN.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def expected(plan_text):
    return _essence(parse_text(plan_text))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_text_files_in_any_chinese_encoding(plan_text, expected, encoding):
    assert _essence(parse_bytes(plan_text.encode(encoding), "plan.txt")) == expected


def test_big5_text_file(plan_text):
    import opencc

    traditional = opencc.OpenCC("s2t").convert(plan_text)
    data = traditional.encode("big5", errors="ignore")
    result = parse_bytes(data, "plan.txt")
    assert result["source"]["script"] == "traditional"
    assert result["date"] == "2017-08-03"
    assert ("pm25_mean", "<=", "58", 2017) in _essence(result)["targets"]


def test_a_damaged_byte_loses_one_character_not_the_file(plan_text, expected):
    data = plan_text.encode("gb18030")
    at = data.index("特制定如下整改方案".encode("gb18030"))
    result = parse_bytes(data[:at] + b"\xff" + data[at:], "plan.txt")
    assert "replacement_characters" in result["source"]["repairs"]
    assert _essence(result) == expected


def _docx_bytes(paragraphs, table_rows=None):
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    if table_rows:
        table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
        for r, row in enumerate(table_rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    document.add_paragraph("附件：整改任务清单")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_word_document_with_a_task_table(plan_text, expected):
    rows = [
        ["序号", "整改任务", "整改目标", "责任单位", "整改时限"],
        ["1", "黄标车淘汰", "全面淘汰黄标车", "市公安局、市环保局", "2017年10月底前"],
        ["2", "河湖长制", "建成市镇两级河湖长制", "市水务局", "2017年底前"],
    ]
    data = _docx_bytes(plan_text.split("\n"), rows)
    result = parse_bytes(data, "方案.docx")
    assert result["source"]["format"] == "docx"
    essence = _essence(result)
    assert essence["targets"] == expected["targets"]
    assert essence["sections"] == expected["sections"]
    # The table rows read as "列名：值" sentences.
    units = {(u["name"], u["role"]) for u in result["units"]}
    assert {("市公安局", "lead"), ("市环保局", "responsible"), ("市水务局", "responsible")} <= units
    assert essence["deadlines"].count("2017-10-31") == 2


def test_pdf(plan_text, expected):
    if not FONT.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"{FONT} missing: apt-get install -y fonts-wqy-zenhei")
        pytest.skip("no CJK font for fpdf2 (apt-get install -y fonts-wqy-zenhei)")
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("wqy", fname=str(FONT))
    pdf.set_font("wqy", size=11)
    pdf.add_page()
    for line in plan_text.split("\n"):
        if line.strip():
            pdf.multi_cell(0, 7, line.strip(), new_x="LMARGIN", new_y="NEXT")
    result = parse_bytes(bytes(pdf.output()), "plan.pdf")
    essence = _essence(result)
    assert result["source"]["format"] == "pdf"
    for key in ("date", "targets", "deadlines", "sections"):
        assert essence[key] == expected[key], key


def test_web_page_keeps_the_article_and_drops_the_rest(plan_text, expected):
    body = "".join(f"<p>{line}</p>" for line in plan_text.split("\n") if line.strip())
    html = f"""<html><head><meta charset="gb2312"><title>天门市人民政府</title>
    <meta name="ArticleTitle" content="天门市贯彻落实中央第三环境保护督察组督察反馈意见整改方案">
    <meta name="PubDate" content="2017-08-10 09:00"><meta name="ContentSource" content="天门市环保局">
    <script>var x = "2099年底前";</script></head><body>
    <div class="nav"><a>首页</a> <a>政务公开</a> <a>办事服务</a></div>
    <div id="zoom" class="TRS_Editor">{body}</div>
    <div class="footer">鄂ICP备05005537号 主办单位：天门市人民政府办公室</div></body></html>"""
    result = parse_bytes(html.encode("gb18030"), "index.shtml")
    assert result["source"]["format"] == "html"
    assert result["title"] == "天门市贯彻落实中央第三环境保护督察组督察反馈意见整改方案"
    essence = _essence(result)
    for key in ("date", "targets", "deadlines", "sections"):
        assert essence[key] == expected[key], key
    assert "2099-12-31" not in essence["deadlines"]


def test_a_task_table_on_a_web_page_reads_like_a_word_table():
    """A plan published as a web page with its task list as a table: each row reads "列名：值", so the units
    and the deadline are found, as from the same table in Word (the cells used to run together)."""
    html = """<html><head><meta charset="utf-8"><title>某某县整改方案</title></head><body>
    <div class="content"><p>某某县贯彻落实督察反馈意见整改方案</p><table border="1">
    <tr><td colspan="3">附件：整改任务清单</td></tr>
    <tr><th>整改任务</th><th>责任单位</th><th>整改时限</th></tr>
    <tr><td>关停违规企业</td><td>县生态环境分局、县经信局</td><td>2026年12月底前</td></tr>
    </table></div></body></html>"""
    result = parse_bytes(html.encode(), "plan.html")
    assert [(u["name"], u["role"]) for u in result["units"]] == [("县生态环境分局", "lead"), ("县经信局", "responsible")]
    assert [d["date"] for d in result["deadlines"]] == ["2026-12-31"]


def test_word_table_with_a_caption_row():
    import docx

    document = docx.Document()
    document.add_paragraph("某某县整改方案")
    table = document.add_table(rows=3, cols=3)
    caption = table.cell(0, 0).merge(table.cell(0, 2))
    caption.text = "附件：整改任务清单"
    for c, value in enumerate(["整改任务", "责任单位", "整改时限"]):
        table.cell(1, c).text = value
    for c, value in enumerate(["关停违规企业", "县生态环境分局、县经信局", "立行立改"]):
        table.cell(2, c).text = value
    buf = io.BytesIO()
    document.save(buf)
    result = parse_bytes(buf.getvalue(), "plan.docx")
    assert [(u["name"], u["role"]) for u in result["units"]] == [("县生态环境分局", "lead"), ("县经信局", "responsible")]
    assert [d["kind"] for d in result["deadlines"]] == ["immediate"]


def test_unreadable_files_say_why(tmp_path):
    with pytest.raises(UnreadableDocument, match="不支持的文件格式"):
        parse_bytes(b"x", "plan.xls")
    with pytest.raises(UnreadableDocument, match="无法读取 Word"):
        parse_bytes(b"not a zip", "plan.docx")
    with pytest.raises(UnreadableDocument, match="文件为空"):
        parse_bytes(b"", "plan.txt")
    with pytest.raises(UnreadableDocument, match="无法打开文件"):
        parse_path(tmp_path / "missing.txt")


def test_command_prints_json_and_a_chinese_summary(capsys):
    call_command("plan", "parse", str(TIANMEN), "--json")
    result = json.loads(capsys.readouterr().out)
    assert result["date"] == "2017-08-03"
    call_command("plan", "parse", str(TIANMEN))
    out = capsys.readouterr().out
    assert "标题：天门市贯彻落实中央第三环境保护督察组督察反馈意见整改方案" in out
    assert "PM2.5年均浓度（pm25_mean）不高于58微克/立方米" in out
    call_command("plan", "normalize", str(TIANMEN))
    out = capsys.readouterr().out
    assert "ICP备" not in out and out.startswith("天门市贯彻落实")


def test_command_exits_2_on_an_unreadable_file(tmp_path, capsys):
    bad = tmp_path / "plan.docx"
    bad.write_bytes(b"broken")
    with pytest.raises(SystemExit) as exc:
        call_command("plan", "parse", str(bad))
    assert exc.value.code == 2
    assert "无法读取 Word 文件" in capsys.readouterr().err
