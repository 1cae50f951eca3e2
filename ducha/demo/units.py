"""Units of the 丽水市 demo: (key, name, kind, division code, aliases)."""

CITY = "331100"
COUNTIES = {
    "liandu": ("331102", "莲都区"),
    "qingtian": ("331121", "青田县"),
    "jinyun": ("331122", "缙云县"),
    "suichang": ("331123", "遂昌县"),
    "songyang": ("331124", "松阳县"),
    "yunhe": ("331125", "云和县"),
    "qingyuan": ("331126", "庆元县"),
    "jingning": ("331127", "景宁畲族自治县"),
    "longquan": ("331181", "龙泉市"),
}

UNITS = [
    ("office", "丽水市生态环境保护督察整改工作领导小组办公室", "office", CITY, ["市整改办", "丽水市督察整改办"]),
    ("city_gov", "丽水市人民政府", "government", CITY, ["市政府", "丽水市委市政府"]),
    ("eco", "丽水市生态环境局", "department", CITY, ["市生态环境局"]),
    ("ndrc", "丽水市发展和改革委员会", "department", CITY, ["市发改委", "丽水市发改委"]),
    ("nr", "丽水市自然资源和规划局", "department", CITY, ["市自然资源和规划局", "市自然资源规划局"]),
    ("housing", "丽水市住房和城乡建设局", "department", CITY, ["市建设局", "市住建局"]),
    ("econ", "丽水市经济和信息化局", "department", CITY, ["市经信局"]),
    ("agri", "丽水市农业农村局", "department", CITY, ["市农业农村局"]),
    ("water", "丽水市水利局", "department", CITY, ["市水利局"]),
    ("enforce", "丽水市综合行政执法局", "department", CITY, ["市综合执法局", "市执法局"]),
    ("forest", "丽水市林业局", "department", CITY, ["市林业局"]),
    ("transport", "丽水市交通运输局", "department", CITY, ["市交通运输局"]),
    ("finance", "丽水市财政局", "department", CITY, ["市财政局"]),
    ("publicity", "中共丽水市委宣传部", "department", CITY, ["市委宣传部"]),
    ("discipline", "丽水市纪委市监委", "discipline", CITY, ["市纪委市监委", "中共丽水市纪律检查委员会"]),
    *[
        (f"{key}_gov", f"{name}人民政府", "government", code, [f"{name}党委和政府", f"{name[:-1]}县委县政府"]
         if name.endswith("县") else [f"{name}党委和政府"])
        for key, (code, name) in COUNTIES.items()
    ],
    ("songyang_eco", "丽水市生态环境局松阳分局", "department", "331124", ["松阳生态环境分局"]),
    ("longquan_eco", "丽水市生态环境局龙泉分局", "department", "331181", ["龙泉生态环境分局"]),
    ("qingyuan_eco", "丽水市生态环境局庆元分局", "department", "331126", ["庆元生态环境分局"]),
    ("jinyun_eco", "丽水市生态环境局缙云分局", "department", "331122", ["缙云生态环境分局"]),
    # Enterprises are anonymised the way published bulletins do ("某").
    ("songyang_steel", "松阳县某不锈钢管业有限公司", "enterprise", "331124", []),
    ("longquan_steel", "龙泉市某不锈钢制品有限公司", "enterprise", "331181", []),
    ("lakou_plant", "青田县腊口污水处理厂", "enterprise", "331121", ["腊口污水处理厂"]),
]
# 景宁's county government also goes by the short county name.
ALIASES_EXTRA = {"jingning_gov": ["景宁县人民政府", "景宁县委县政府"]}
