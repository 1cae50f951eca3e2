"""Who leads, who is responsible, who supervises."""

from ducha.plans.reading import parse_text


def _units(text, **kwargs):
    return [(u["name"], u["role"]) for u in parse_text(text, **kwargs)["units"]]


def test_lead_in_running_text():
    assert _units("市纪委监委要牵头成立专项工作组。") == [("市纪委监委", "lead")]
    assert _units("由市生态环境局牵头，会同市发展改革委、市财政局制定实施方案。") == [
        ("市生态环境局", "lead"), ("市发展改革委", "co"), ("市财政局", "co")]


def test_supervising_and_responsible():
    text = "建立由市级牵头部门督办，相关县（市、区）党委、政府负责，相关责任单位承办制度。"
    assert _units(text) == [("市级牵头部门", "supervising"), ("相关县（市、区）党委", "responsible"),
                            ("相关县（市、区）政府", "responsible"), ("相关责任单位", "responsible")]


def test_labelled_lists_first_responsible_unit_leads():
    assert _units("责任单位：市生态环境局、市住建局、各县（市、区）政府。督导单位：市整改办。") == [
        ("市生态环境局", "lead"), ("市住建局", "responsible"), ("各县（市、区）政府", "responsible"),
        ("市整改办", "supervising")]
    assert _units("牵头单位：市水利局；配合单位：市农业农村局、市自然资源局") == [
        ("市水利局", "lead"), ("市农业农村局", "co"), ("市自然资源局", "co")]


def test_people_and_phrases_are_not_units():
    assert _units("各级党委、政府主要负责同志是第一责任人，全面负责整改工作。") == []
    assert _units("党政主要负责人要负起总责。") == []


def test_matching_to_known_units():
    units = parse_text("责任单位：市生态环境局、某某公司。", known_units=["丽水市生态环境局", "丽水市住建局"])["units"]
    assert [(u["name"], u["unit"]) for u in units] == [("市生态环境局", "丽水市生态环境局"), ("某某公司", None)]


def test_numbered_task_lines_in_traditional_script():
    text = ("1.南寧市部分污水處理廠長期超標排放。責任單位：南寧市人民政府（牽頭），自治區住房城鄉建設廳、生態環境廳。\n"
            "2.自治區(qū)紀委監委要牽頭成立專項工作組。")
    assert _units(text) == [("南宁市人民政府", "lead"), ("自治区住房城乡建设厅", "responsible"),
                            ("生态环境厅", "responsible"), ("自治区纪委监委", "lead")]
