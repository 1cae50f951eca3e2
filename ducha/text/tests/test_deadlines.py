"""Deadlines as ledgers and plans write them (no database needed)."""

import datetime as dt

import pytest

from ducha.text.deadlines import (
    BY_DEADLINE, IMMEDIATE, LONG_TERM, STAGED, DeadlineError, format_deadline, parse_deadline,
)

D = dt.date


@pytest.mark.parametrize("text, date, category", [
    ("2021年12月底前", D(2021, 12, 31), BY_DEADLINE),
    ("2022年6月", D(2022, 6, 30), BY_DEADLINE),
    ("2022年6月底", D(2022, 6, 30), BY_DEADLINE),
    ("2022年2月底前", D(2022, 2, 28), BY_DEADLINE),
    ("2024年2月底前", D(2024, 2, 29), BY_DEADLINE),
    ("2025年底前", D(2025, 12, 31), BY_DEADLINE),
    ("2025年", D(2025, 12, 31), BY_DEADLINE),
    ("2021年10月31日前", D(2021, 10, 31), BY_DEADLINE),
    ("2023年上半年", D(2023, 6, 30), BY_DEADLINE),
    ("2023年下半年", D(2023, 12, 31), BY_DEADLINE),
    ("2022年第三季度", D(2022, 9, 30), BY_DEADLINE),
    ("2021年12月中旬", D(2021, 12, 20), BY_DEADLINE),
    ("2021年12月上旬", D(2021, 12, 10), BY_DEADLINE),
    ("2022年十二月底", D(2022, 12, 31), BY_DEADLINE),
    ("2021.12.31", D(2021, 12, 31), BY_DEADLINE),
    ("2021-12-31", D(2021, 12, 31), BY_DEADLINE),
    ("2021/9/30", D(2021, 9, 30), BY_DEADLINE),
    ("２０２２年６月底前", D(2022, 6, 30), BY_DEADLINE),          # full-width digits
    ("2022 年 6 月\n底前完成", D(2022, 6, 30), BY_DEADLINE),      # spaces and a line break
    ("立行立改", None, IMMEDIATE),
    ("立即整改", None, IMMEDIATE),
    ("立行立改，2021年10月底前完成", D(2021, 10, 31), IMMEDIATE),
    ("长期坚持", None, LONG_TERM),
    ("立行立改，长期坚持", None, LONG_TERM),
    ("立即整改并长期坚持", None, LONG_TERM),
    ("持续推进", None, LONG_TERM),
    ("2021年12月底前完成，长期坚持", D(2021, 12, 31), LONG_TERM),
])
def test_reads_the_forms_ledgers_use(text, date, category):
    deadline = parse_deadline(text)
    assert (deadline.date, deadline.category) == (date, category)


def test_excel_dates_are_deadlines():
    assert parse_deadline(D(2022, 6, 30)) == parse_deadline(dt.datetime(2022, 6, 30, 0, 0))
    assert parse_deadline(D(2022, 6, 30)).category == BY_DEADLINE


def test_two_dates_make_a_staged_task_due_at_the_last_one():
    deadline = parse_deadline("2021年底前取得阶段性成效，2023年12月底前全面完成整改")
    assert deadline.category == STAGED and deadline.date == D(2023, 12, 31)
    assert deadline.stages == (("2021年底前取得阶段性成效", D(2021, 12, 31)),
                               ("2023年12月底前全面完成整改", D(2023, 12, 31)))


def test_long_term_keeps_its_first_milestone():
    deadline = parse_deadline("2022年6月底前完成，2023年底前巩固提升，长期坚持")
    assert deadline.category == LONG_TERM and deadline.date == D(2022, 6, 30) and len(deadline.stages) == 2


@pytest.mark.parametrize("text, reason", [
    ("明年", "无法识别的整改时限"),
    ("尽快", "无法识别的整改时限"),
    ("20211231", "无法识别的整改时限"),
    ("2021年13月", "月份不正确"),
    ("2021年2月30日", "日期不存在"),
    ("", "整改时限为空"),
    (None, "整改时限为空"),
])
def test_unreadable_text_is_refused_with_the_text(text, reason):
    with pytest.raises(DeadlineError) as error:
        parse_deadline(text)
    assert error.value.reason == reason
    # The text is quoted when there is one; an empty cell is not shown as empty quotes.
    assert str(error.value) == (f"{reason}“{text}”" if text else reason)


def test_formatted_dates_read_back():
    for day in (D(2022, 6, 30), D(2021, 1, 1), D(2024, 2, 29)):
        assert parse_deadline(format_deadline(day)).date == day
