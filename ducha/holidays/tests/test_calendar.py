"""Entering and correcting the official calendar: who may, what it changes, how it is audited."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from ducha.audit.models import AuditEntry
from ducha.holidays import actions, official_calendar
from ducha.holidays.models import CalendarDay, CalendarYear

D = dt.date
YEAR_2027 = "日期,类型,节日\n2027-01-01,放假,元旦\n2027-02-06,上班,春节\n" + "".join(
    f"2027-02-{day:02d},放假,春节\n" for day in range(10, 18))


def test_only_administrators_correct_the_calendar(world):
    for name in ("coord", "ld_officer", "supervisor", "ld_leader"):
        with pytest.raises(PermissionDenied):
            actions.set_day(acting_user=world.users[name], date=D(2027, 1, 1), working=False, name="元旦")
    assert not CalendarDay.objects.exists()
    actions.set_day(acting_user=world.users["admin"], date=D(2027, 1, 1), working=False, name="元旦")
    assert not official_calendar().is_working_day(D(2027, 1, 1))
    entry = AuditEntry.objects.get(action="calendar.set_day")
    assert entry.actor == world.users["admin"] and entry.after["date"] == "2027-01-01"


def test_a_weekday_cannot_be_made_an_adjusted_working_day(world):
    with pytest.raises(ValidationError) as error:
        actions.set_day(acting_user=world.users["admin"], date=D(2027, 1, 5), working=True)
    assert "working" in error.value.message_dict


def test_removing_an_entry_restores_the_published_day(world):
    admin = world.users["admin"]
    actions.set_day(acting_user=admin, date=D(2026, 10, 7), working=False, name="国庆节", note="误录更正测试")
    actions.set_day(acting_user=admin, date=D(2026, 10, 8), working=False, name="国庆节")
    assert official_calendar().add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 9)
    actions.remove_day(acting_user=admin, date=D(2026, 10, 8))
    assert official_calendar().add_working_days(D(2026, 9, 30), 1) == D(2026, 10, 8)
    with pytest.raises(ValidationError):
        actions.remove_day(acting_user=admin, date=D(2026, 10, 8))


def test_loading_next_years_arrangement_by_command(world, tmp_path):
    path = tmp_path / "2027.csv"
    path.write_text(YEAR_2027, encoding="utf-8")
    assert official_calendar().missing_years(D(2027, 1, 1), D(2027, 1, 1)) == [2027]
    out = io.StringIO()
    call_command("calendar", "load", str(path), "--year", "2027", "--source", "国办发明电〔2026〕7号",
                 "--user", "admin", stdout=out)
    assert "10 个日期" in out.getvalue()
    calendar = official_calendar()
    assert 2027 in calendar.years
    assert calendar.add_working_days(D(2027, 2, 5), 1) == D(2027, 2, 6)  # Saturday worked
    assert calendar.add_working_days(D(2027, 2, 9), 1) == D(2027, 2, 18)
    assert CalendarYear.objects.get(year=2027).entered_by == world.users["admin"]
    # Loading again replaces the year's entries rather than adding to them.
    path.write_text("2027-01-01,放假,元旦\n", encoding="utf-8")
    call_command("calendar", "load", str(path), "--year", "2027", "--source", "更正", stdout=io.StringIO())
    assert CalendarDay.objects.filter(date__year=2027).count() == 1
    out = io.StringIO()
    call_command("calendar", "count", "2027-02-09", "1", stdout=out, stderr=io.StringIO())
    assert out.getvalue().strip() == "2027-02-10"


@pytest.mark.parametrize("text, where", [
    ("2027-13-01,放假,元旦\n", "第 1 行“日期”列"),
    ("2027-01-01,调休,元旦\n", "第 1 行“类型”列"),
    ("2026-12-31,放假,元旦\n", "第 1 行"),
    ("2027-01-01,放假\n2027-01-01,放假\n", "第 2 行"),
])
def test_a_bad_year_file_names_the_row_and_writes_nothing(world, tmp_path, text, where):
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("calendar", "load", str(path), "--year", "2027", "--source", "x", stdout=io.StringIO())
    assert where in str(error.value)
    assert not CalendarDay.objects.exists() and not CalendarYear.objects.exists()


def test_the_calendar_page_shows_the_year_and_lets_only_admins_edit(world, client):
    client.force_login(world.users["coord"])
    page = client.get("/calendar/2026/").content.decode()
    assert "春节" in page and "调休上班" in page and 'id="day-form"' not in page
    client.post("/calendar/2026/days/", {"date": "2026-12-31", "working": "0"})
    assert not CalendarDay.objects.exists()
    assert "尚未收录" in client.get("/calendar/2027/").content.decode()
    assert client.get("/calendar/1800/").status_code == 404
    client.force_login(world.users["admin"])
    assert 'id="day-form"' in client.get("/calendar/2027/").content.decode()
    client.post("/calendar/2027/days/", {"date": "2027-01-01", "working": "0", "name": "元旦"})
    assert CalendarDay.objects.get(date=D(2027, 1, 1)).entered_by == world.users["admin"]
    upload = io.BytesIO(YEAR_2027.encode())
    upload.name = "2027.csv"
    client.post("/calendar/2027/publish/", {"source": "国办发明电〔2026〕7号", "file": upload})
    assert "本年度安排已录入" in client.get("/calendar/2027/").content.decode()
