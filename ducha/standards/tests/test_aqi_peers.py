"""Where the published python-aqi library (ALGO_MEP) differs from HJ 633, and why
ours is the standard's answer.

python-aqi's MEP table uses US-style gapped segments (0-35, 36-75, ... with
IAQI 0-50, 51-100, ...), truncates the concentration to an integer
(ROUND_DOWN) before indexing, and rounds the IAQI half to even. HJ 633 uses
continuous segments (formula (1) takes the "相近的" breakpoints, the upper
one of a segment being the lower one of the next), no truncation (HJ
633-2026 rounds inputs per GB/T 8170 instead), and rounds IAQI UP
(HJ 633-2026 §4.2.6 "全部向上进位取整").
"""

import aqi as python_aqi
import pytest
from aqi.constants import POLLUTANT_CO_1H, POLLUTANT_CO_24H, POLLUTANT_PM10, POLLUTANT_PM25

from ducha.standards.aqi import iaqi

# (python-aqi pollutant, our indicator, value, edition, python-aqi's answer, ours, why)
DIFFERENCES = [
    (POLLUTANT_CO_24H, "co_24h", "2.2", "2012", 50, 55, "truncates 2.2 to 2; HJ 633: 50 + 25*0.2 = 55 exactly"),
    (POLLUTANT_CO_1H, "co_1h", "65.4", "2012", 215, 218, "truncates to 65 and uses the gapped 61-90 segment; exact: 218"),
    (POLLUTANT_PM25, "pm25_24h", "45", "2012", 62, 63, "half-even on 62.3 (gapped); continuous: 62.5 rounded up"),
    (POLLUTANT_PM25, "pm25_24h", "35.5", "2012", 50, 51, "truncates to 35; 50.625 rounded up is 51"),
    (POLLUTANT_PM25, "pm25_24h", "36", "2012", 51, 52, "gapped segment starts at 36 = IAQI 51; continuous: 51.25 -> 52"),
    (POLLUTANT_PM25, "pm25_24h", "60", "2012", 81, 82, "gapped 36-75: 81.15 -> 81; continuous 35-75: 81.25 -> 82"),
    (POLLUTANT_PM25, "pm25_24h", "60", "2026", 81, 100, "python-aqi has only the 2012 table; HJ 633-2026 moved 75 to 60"),
    (POLLUTANT_PM10, "pm10_24h", "50.5", "2012", 50, 51, "truncates to 50; 50.25 rounded up is 51"),
    (POLLUTANT_PM10, "pm10_24h", "120", "2026", 85, 100, "HJ 633-2026 PM10 IAQI 100 breakpoint is 120"),
]


@pytest.mark.parametrize("pollutant,indicator,value,edition,theirs,ours,why", DIFFERENCES)
def test_python_aqi_differs_and_we_follow_hj633(pollutant, indicator, value, edition, theirs, ours, why):
    assert int(python_aqi.to_iaqi(pollutant, value, algo=python_aqi.ALGO_MEP)) == theirs, why
    assert iaqi(indicator, value, edition) == ours, why


def test_agreement_on_breakpoints_themselves():
    # On the breakpoints both give the table's IAQI: the difference is only between them.
    for value, expected in (("35", 50), ("75", 100), ("115", 150), ("250", 300)):
        assert int(python_aqi.to_iaqi(POLLUTANT_PM25, value, algo=python_aqi.ALGO_MEP)) == expected
        assert iaqi("pm25_24h", value, "2012") == expected
