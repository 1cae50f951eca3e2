"""GB 3838-2002 table 1 (地表水环境质量标准基本项目标准限值), as exact decimals.

Limits are the upper bound of each class (≤) except dissolved oxygen, whose
limits are minimums (≥), and pH, whose range 6–9 is the same for classes Ⅰ–Ⅴ.
Units are mg/L; faecal coliform is 个/L; pH has none.

Evaluation per 环办[2011]22号《地表水环境质量评价办法（试行）》 §一(一)1:
the water quality is evaluated on the 21 items of table 1 other than water
temperature, total nitrogen and faecal coliform; those three are reference
items evaluated separately (total nitrogen only for lakes and reservoirs).
The same list is restated by 环办监测函〔2020〕82号《地表水环境质量监测数据
统计技术规定（试行）》: "表1中除水温、粪大肠菌群和总氮以外的21项指标，包括
pH值、溶解氧、高锰酸盐指数、氨氮、总磷、五日生化需氧量、化学需氧量、石油类、
挥发酚、汞、铜、锌、铅、镉、铬(六价)、砷、硒、氟化物、氰化物、硫化物和阴离子
表面活性剂" (MEE release of 2020-03-05).
"""

from decimal import Decimal

CLASSES = ("I", "II", "III", "IV", "V", "劣V")
CLASS_LABELS = {"I": "Ⅰ类", "II": "Ⅱ类", "III": "Ⅲ类", "IV": "Ⅳ类", "V": "Ⅴ类", "劣V": "劣Ⅴ类"}
INFERIOR_V = "劣V"
III = 3  # index (1-based) of class Ⅲ, the reference for exceedance multiples

RIVER, LAKE, RESERVOIR = "river", "lake", "reservoir"
WATERBODY_TYPES = (RIVER, LAKE, RESERVOIR)

# Item code -> Chinese name, in table 1 order.
ITEM_NAMES = {
    "ph": "pH值",
    "do": "溶解氧",
    "codmn": "高锰酸盐指数",
    "cod": "化学需氧量",
    "bod5": "五日生化需氧量",
    "nh3n": "氨氮",
    "tp": "总磷",
    "tn": "总氮",
    "cu": "铜",
    "zn": "锌",
    "fluoride": "氟化物",
    "se": "硒",
    "as": "砷",
    "hg": "汞",
    "cd": "镉",
    "cr6": "铬（六价）",
    "pb": "铅",
    "cyanide": "氰化物",
    "phenol": "挥发酚",
    "petroleum": "石油类",
    "las": "阴离子表面活性剂",
    "sulfide": "硫化物",
    "fecal_coliform": "粪大肠菌群",
}
ITEMS = tuple(ITEM_NAMES)

# The 21 evaluated items (22号 §一(一)1): table 1 minus water temperature
# (not an input here), total nitrogen and faecal coliform.
EVALUATED_ITEMS = tuple(i for i in ITEMS if i not in ("tn", "fecal_coliform"))
# Reference items evaluated on their own; total nitrogen only for lakes and
# reservoirs (table 1 item 9 is headed "总氮（湖、库，以N计）").
REFERENCE_ITEMS = {RIVER: ("fecal_coliform",), LAKE: ("tn", "fecal_coliform"), RESERVOIR: ("tn", "fecal_coliform")}

PH_RANGE = (Decimal(6), Decimal(9))
# Class Ⅰ dissolved oxygen is "饱和率90%（或7.5）": without a saturation
# measurement the 7.5 mg/L alternative applies.
DO_MINIMUMS = tuple(Decimal(v) for v in ("7.5", "6", "5", "3", "2"))


def _d(*values):
    return tuple(Decimal(v) for v in values)


# Upper limits of classes Ⅰ..Ⅴ (≤).
UPPER_LIMITS = {
    "codmn": _d("2", "4", "6", "10", "15"),
    "cod": _d("15", "15", "20", "30", "40"),
    "bod5": _d("3", "3", "4", "6", "10"),
    "nh3n": _d("0.15", "0.5", "1.0", "1.5", "2.0"),
    "tp": _d("0.02", "0.1", "0.2", "0.3", "0.4"),
    "tn": _d("0.2", "0.5", "1.0", "1.5", "2.0"),
    "cu": _d("0.01", "1.0", "1.0", "1.0", "1.0"),
    "zn": _d("0.05", "1.0", "1.0", "2.0", "2.0"),
    "fluoride": _d("1.0", "1.0", "1.0", "1.5", "1.5"),
    "se": _d("0.01", "0.01", "0.01", "0.02", "0.02"),
    "as": _d("0.05", "0.05", "0.05", "0.1", "0.1"),
    "hg": _d("0.00005", "0.00005", "0.0001", "0.001", "0.001"),
    "cd": _d("0.001", "0.005", "0.005", "0.005", "0.01"),
    "cr6": _d("0.01", "0.05", "0.05", "0.05", "0.1"),
    "pb": _d("0.01", "0.01", "0.05", "0.05", "0.1"),
    "cyanide": _d("0.005", "0.05", "0.2", "0.2", "0.2"),
    "phenol": _d("0.002", "0.002", "0.005", "0.01", "0.1"),
    "petroleum": _d("0.05", "0.05", "0.05", "0.5", "1.0"),
    "las": _d("0.2", "0.2", "0.2", "0.3", "0.3"),
    "sulfide": _d("0.05", "0.1", "0.2", "0.5", "1.0"),
    "fecal_coliform": _d("200", "2000", "10000", "20000", "40000"),
}
# Table 1 item 8: total phosphorus of lakes and reservoirs ("湖、库").
LAKE_TP_LIMITS = _d("0.01", "0.025", "0.05", "0.1", "0.2")

# 22号 §二(一)3(1): "当氰化物或铅、铬等重金属超标时，优先作为主要污染指标".
# The method names only lead and chromium "等"; mercury, cadmium, copper, zinc
# and arsenic (a metalloid counted with the heavy metals in Chinese reporting)
# are this module's reading of that "等" (not confirmed from the method).
PRIORITY_ITEMS = frozenset({"cyanide", "pb", "cr6", "hg", "cd", "as", "cu", "zn"})
# 22号 §二(一)3(1): "对于水温、pH值和溶解氧等项目不计算超标倍数".
NO_EXCEEDANCE = frozenset({"ph", "do"})

# 22号 表1 (断面水质定性评价): Ⅰ～Ⅱ类 优, Ⅲ类 良好, Ⅳ类 轻度污染, Ⅴ类 中度污染,
# 劣Ⅴ类 重度污染.
CLASS_VERDICTS = {"I": "优", "II": "优", "III": "良好", "IV": "轻度污染", "V": "中度污染", "劣V": "重度污染"}
