"""The environmental indicators plans set targets for, by the words that name them.

Each entry: (key, pattern on the indicator's name, polarity). Polarity says
which way is better, because plans write "达到/保持" for both directions:
"PM2.5浓度达到35微克/立方米" means at most 35, "优良天数比例达到90%" at least 90.
"""

import re

HIGHER, LOWER = "higher", "lower"

INDICATORS = [
    ("inferior_v_sections", r"劣\s*[ⅤV]\s*类", LOWER),
    ("pm25_mean", r"PM2\.5|细颗粒物|细悬浮微粒", LOWER),
    ("pm10_mean", r"PM10|可吸入颗粒物|(?<!细)悬浮微粒", LOWER),
    ("heavy_pollution_days", r"重(?:度及以上)?污染天(?:数|气天数)|重度(?:及以上)?污染天数", LOWER),
    ("good_days_ratio", r"优良天数|优良率|空气质量优良|AQI优良|（AQI）达到优良(?:标准)?的天数", HIGHER),
    ("drinking_water_attainment_ratio", r"饮用水.*(?:达标|优良|(?:优于|好于)?\s*(?:Ⅲ|III)\s*类)", HIGHER),
    ("surface_water_good_ratio",
     r"(?:地表水|水质|断面|水体).*(?:优良|[ⅠI]\s*[-~～—至]\s*(?:Ⅲ|III)\s*类|(?:达到或)?(?:优|好)于\s*(?:Ⅲ|III)\s*类|"
     r"(?:Ⅲ|III)\s*类(?:及|或)(?:以上|更好|更优))"
     r"|[ⅠI]\s*[-~～—至]\s*(?:Ⅲ|III)\s*类(?:水质)?(?:断面|水体)(?:占比|比例)", HIGHER),
    ("farmland_safe_use_ratio", r"(?:耕地|农用地).*安全利用", HIGHER),
    ("contaminated_site_safe_use_ratio", r"(?:污染地块|建设用地|地块).*安全利用", HIGHER),
    ("hazardous_waste_disposal_ratio", r"(?:危险废物|危废).*(?:处置率|处置利用率|利用处置率)", HIGHER),
    ("sewage_treatment_ratio", r"污水.*(?:处理率|收集率|集中处理率)", HIGHER),
    ("garbage_sorting_coverage", r"垃圾分类.*覆盖率", HIGHER),
    ("forest_coverage", r"森林覆盖率", HIGHER),
    ("grassland_vegetation_coverage", r"草原.*(?:植被|盖度)", HIGHER),
    ("wetland_area", r"湿地.*(?:面积|保有量)", HIGHER),
    ("emission_reduction", r"减排|排放(?:总)?量.*(?:下降|削减|减少)|(?:削减|减少)量", HIGHER),
]
_COMPILED = [(key, re.compile(p), pol) for key, p, pol in INDICATORS]

_DONE_WORDS = re.compile(r"消除|整治|完成|治理|达标|安全利用")
_LOWER_WORDS = re.compile(r"浓度|排放|劣|重污染|能耗|强度|超标|不达标|黑臭|天数$")


def indicators_of(name: str) -> list[tuple[str, str]]:
    """[(key, polarity)] for the indicators a name speaks of; [("other", …)] when none.

    A name may cover two ("受污染耕地和污染地块安全利用率").
    """
    found = []
    for key, pattern, polarity in _COMPILED:
        if pattern.search(name):
            if key == "surface_water_good_ratio" and re.search(r"饮用水|海域|近岸|海水", name):
                continue  # drinking water has its own key; sea water is "other"
            if key == "good_days_ratio" and not re.search(r"天数|空气|AQI", name) and re.search(r"水|海", name):
                continue  # "河流湖库水质优良率" is about water, not air
            found.append((key, polarity))
            if key == "inferior_v_sections":
                break
    if found:
        return found
    lower = _LOWER_WORDS.search(name) and not _DONE_WORDS.search(name)  # "黑臭水体消除比例" rises
    return [("other", LOWER if lower else HIGHER)]
