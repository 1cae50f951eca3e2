"""Complaint tables in the column sets offices publish (DOMAIN.md, "Complaint cases: what the published
tables look like"; styles checked against published 一览表 of central and provincial inspections, e.g. the
山西 2025 table naming D3SX/X3SX numbers, 浙江 2024 D3ZJ batches, 海南 2023 Traditional mirrors, 山东
provincial tables without numbers). Contents are written for these tests: real tables' columns, scripts and
layouts (title rows above the header, merged cells, PDF-flattened broken rows), invented cases."""

import csv
import io

import openpyxl

# 1. The central standard set, title rows above the header, a merged title.
STANDARD = {
    "title": "中央生态环境保护督察群众信访举报转办和边督边改公开情况一览表（第三批）",
    "header": ["序号", "受理编号", "交办问题基本情况", "行政区域", "污染类型", "调查核实情况", "是否属实",
               "处理和整改情况", "责任人被处理情况"],
    "rows": [
        ["1", "D3ZJ202406110042*", "莲都区南明山街道某石材加工厂夜间生产，粉尘和噪声扰民。", "丽水市莲都区", "大气、噪声",
         "经现场核查，该厂未落实降尘措施，夜间生产噪声超标。", "属实",
         "责令停产整改，立案处罚1家，罚款3.5万元。", "无"],
        ["2", "X3ZJ202406110007", "青田县某养殖场废水直排溪流。", "青田县", "水\n畜禽养殖污染",
         "现场未发现直排，存在雨污分流不彻底问题。", "部分属实", "责令限期完成雨污分流改造。", "约谈养殖场负责人1人"],
        ["3", "D3ZJ202406110051", "丽水经济技术开发区某化工企业异味扰民。", "丽水经济技术开发区", "大气",
         "企业废气处理设施运行正常，监测达标。", "不属实", "已向举报人反馈核查结果。", "/"],
    ],
}

# 2. The same set mirrored in Traditional script with 问责情况 and 是否辦結.
TRADITIONAL = {
    "title": "中央生態環境保護督察群眾信訪舉報轉辦和邊督邊改公開情況一覽表（第四批）",
    "header": ["序號", "受理編號", "交辦問題基本情況", "行政區域", "污染類型", "調查核實情況", "是否屬實",
               "處理和整改情況", "問責情況", "是否辦結"],
    "rows": [
        ["1", "D3ZJ202406120013", "蓮都區某餐飲店油煙直排，影響居民生活。", "蓮都區", "油煙",
         "經核查，該店未安裝油煙淨化設施。", "屬實", "責令安裝油煙淨化設施，已完成整改。", "無", "已辦結"],
        ["2", "D3ZJ202406120020", "青田縣某礦山開採破壞植被。", "青田縣", "生態破壞",
         "現場核查礦山已停產，生態修復正在推進。", "基本屬實", "制定生態修復方案，限期完成。", "無", "階段性辦結"],
    ],
}

# 3. A provincial table with no number column: 举报内容 / 举报区县 / 举报地点 / 问题类型, 处理处罚和问责情况.
PROVINCIAL = {
    "title": "省生态环境保护督察组交办信访件办理情况（第二批）",
    "header": ["序号", "举报内容", "举报区县", "举报地点", "问题类型", "调查核实情况", "是否属实",
               "处理处罚和问责情况", "是否办结"],
    "rows": [
        ["1", "某建筑工地扬尘严重，未覆盖裸土。", "莲都区", "莲都区紫金街道", "扬尘", "工地裸土覆盖不到位。", "是",
         "责令整改，罚款2000元。", "是"],
        ["2", "某小区地下车库改作仓库，噪音扰民。", "", "青田县鹤城街道", "噪声", "未发现噪声扰民情况。", "否",
         "向举报人做好解释。", "是"],
    ],
}

# 4. A handling system's internal list: enforcement figures in columns, fines in 万元, key flag, complainant.
INTERNAL = {
    "header": ["受理编号", "交办问题基本情况", "行政区域", "污染类型", "督察期间调查核实情况", "是否属实",
               "督察期间处理情况", "办结状态", "责令整改（家次）", "罚款金额（万元）", "立案处罚（家次）", "是否重点件",
               "举报人", "联系方式", "经度", "纬度"],
    "rows": [
        ["D3ZJ202406130001", "莲都区某汽修厂喷漆废气扰民。", "莲都区", "大气", "未办理环评手续，喷漆房无废气处理。", "属实",
         "责令停止喷漆作业，立案查处。", "阶段性办结", "1", "2.35", "1", "是", "张某某", "13800001111",
         "119.912626", "28.445928"],
        ["D3ZJ202406130002", "青田县某企业夜间偷排废水。", "青田县", "水", "现场检查未发现偷排。", "不属实",
         "继续加强夜间巡查。", "已办结", "0", "0", "0", "否", "", "", "", ""],
    ],
}

# 5. A docx table as published in a Word attachment: 反映情况, 涉及区县及部门, 受理方式, 处理类别, 办结目标, 备注,
#    with a row broken by PDF flattening (the continuation has no serial and no number).
DOCX_SET = {
    "header": ["序号", "受理编号", "反映情况", "涉及区县及部门", "污染类型", "受理方式", "调查核实情况", "是否属实",
               "处理类别", "处理和整改情况", "办结目标", "备注"],
    "rows": [
        ["1", "X3ZJ202406140003", "缙云县某废品收购站露天焚烧", "莲都区、市生态环境局", "大气、固废", "来信",
         "现场发现焚烧痕迹", "属实", "立案查处", "责令清理现场，", "6月底前完成清理", ""],
        ["", "", "垃圾，黑烟扰民。", "", "", "", "，已清理完毕。", "", "", "罚款5000元。", "", ""],
        ["2", "D3ZJ202406140010", "青田县某石料厂无证开采。", "青田县", "生态", "来电", "该厂采矿许可证在有效期内。",
         "不属实", "不予处理", "向举报人反馈。", "", "重复件"],
    ],
}

SETS = {"standard": STANDARD, "traditional": TRADITIONAL, "provincial": PROVINCIAL, "internal": INTERNAL,
        "docx": DOCX_SET}


def xlsx(table, *, title_rows=True):
    book = openpyxl.Workbook()
    sheet = book.active
    width = len(table["header"])
    if title_rows and table.get("title"):
        sheet.append([table["title"]] + [None] * (width - 1))
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        sheet.append([table.get("subtitle", "（截至2024年6月20日）")] + [None] * (width - 1))
    sheet.append(table["header"])
    for row in table["rows"]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(table, encoding="utf-8-sig"):
    out = io.StringIO()
    writer = csv.writer(out)
    if table.get("title"):
        writer.writerow([table["title"]])
    if table.get("subtitle"):
        writer.writerow([table["subtitle"]])
    writer.writerow(table["header"])
    writer.writerows(table["rows"])
    return out.getvalue().encode(encoding)


def docx_bytes(table):
    import docx

    document = docx.Document()
    document.add_paragraph(table.get("docx_title", "附件：群众信访举报转办和边督边改公开情况一览表"))
    grid = document.add_table(rows=1 + len(table["rows"]), cols=len(table["header"]))
    for c, name in enumerate(table["header"]):
        grid.cell(0, c).text = name
    for r, row in enumerate(table["rows"], start=1):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
