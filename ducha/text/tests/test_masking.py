"""The privacy corpus: texts written like real transferred complaints, with the personal data they carry
masked and the ordinary figures they carry kept."""

import pytest

from ducha.text.masking import leaks, mask_personal

# (text, what must be gone, what must stay)
CORPUS = [
    ("举报人张三反映，莲都区碧湖镇某石材厂夜间生产噪声扰民，联系电话13857812345。",
     ["张三", "13857812345", "57812345"], ["举报人张某反映", "138", "碧湖镇"]),
    ("来信人：李建国，身份证号330102198507121234，反映小区旁养殖场臭气。",
     ["李建国", "198507121234"], ["来信人：李某", "330", "养殖场"]),
    ("投诉人王女士称3号楼楼下餐饮店油烟直排，电话0578-2123456。",
     ["2123456"], ["3号楼", "0578-", "油烟直排"]),
    ("信访人欧阳小明、刘芳反映村口垃圾堆放，手机 139 5780 1234，邮箱ouyang.xm@163.com。",
     ["欧阳小明", "刘芳", "5780 1234", "ouyang.xm", "163.com"], ["欧阳某", "刘某", "垃圾堆放"]),
    ("联系人陈经理，座机5123456，QQ号87654321，称该厂已于2024年6月11日停产。",
     ["陈经理", "5123456", "87654321"], ["陈某", "2024年6月11日", "停产"]),
    ("举报人反映某化工企业偷排废水，经核查，责令整改并罚款5万元，罚款金额50000元。",
     [], ["举报人反映某化工企业", "5万元", "50000元"]),
    ("举报人称其家附近工地夜间施工，举报人多次向街道反映未果。",
     [], ["举报人称其家附近", "举报人多次向街道反映"]),
    ("举报人陈述：某砂场非法开采。受理编号D3ZJ202406110042，关联件X330000201806150031。",
     [], ["举报人陈述", "D3ZJ202406110042", "X330000201806150031"]),
    ("来电人（+86 13905781234）反映丽水经济技术开发区某企业排放异味，坐标119.921286,28.451993。",
     ["13905781234", "+86 139057"], ["119.921286", "28.451993", "开发区"]),
    ("实名举报人吴某某反映，访受〔2021〕0601007号件所涉企业未整改，电话(0578)2234567转8001。",
     ["2234567"], ["吴某", "访受〔2021〕0601007号", "(0578)"]),
    ("反映人身份证号码330102850712123，要求公开处理结果，涉及20240611号文件。",
     ["850712123"], ["20240611号文件", "公开处理结果"]),
    ("投诉人向我局反映，2023年12月至今该厂累计生产3000余吨，占地1.5万平方米。",
     [], ["投诉人向我局反映", "3000余吨", "1.5万平方米"]),
]


@pytest.mark.parametrize("text,gone,kept", CORPUS)
def test_corpus_masks_personal_data_and_keeps_figures(text, gone, kept):
    masked = mask_personal(text)
    for part in gone:
        assert part not in masked, (part, masked)
    for part in kept:
        assert part in masked, (part, masked)
    assert leaks(masked) == []


def test_leaks_finds_what_masking_removes():
    raw = "电话13857812345，身份证330102198507121234"
    assert len(leaks(raw)) == 2
    assert leaks(mask_personal(raw)) == []


def test_empty_and_none():
    assert mask_personal("") == ""
    assert mask_personal(None) == ""
