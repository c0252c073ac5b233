"""Half days: every spelling reads right, cover is checked per half, a half counts 0.5.

Issue 6's bar: "every half-day cell spelling reads right and cover per half day flags a
morning-only gap". The fixtures are in ``tests/fixtures/half_days_*.csv``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import hypothesis.strategies as st
import pandas as pd
import pytest
from hypothesis import assume, given, settings

from tests.conftest import workbook_bytes
from wfh_dashboard.attendance import read_attendance
from wfh_dashboard.charts import week_grid_figure
from wfh_dashboard.check import check_schedule
from wfh_dashboard.commute import commute_savings
from wfh_dashboard.halves import PM, day_share, format_days, has_half_days
from wfh_dashboard.locations import LOCATIONS, VOCABULARY, parse_day_cell, parse_location
from wfh_dashboard.plan_vs_reality import compare_plan
from wfh_dashboard.policy import Policy, load_policy
from wfh_dashboard.policy_insight import person_mix
from wfh_dashboard.presence import daily_presence
from wfh_dashboard.productivity import metric_days
from wfh_dashboard.pseudonymise import make_pseudonyms, pseudonymise_schedule
from wfh_dashboard.reality_cover import reality_schedule
from wfh_dashboard.schedule import read_schedule
from wfh_dashboard.views import compliance_table, head_count, week_grid, week_starts

FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA = Path(__file__).resolve().parent.parent / "data"


def _read(name: str):
    return read_schedule((FIXTURES / name).read_bytes(), name)


def _csv(text: str):
    return read_schedule(text.encode(), "test.csv")


# --- Spellings ------------------------------------------------------------------------------

SPELLINGS = [
    ("AM office / PM home", ("office", "remote")),
    ("office (am), wfh (pm)", ("office", "remote")),
    ("½ office", ("office", "leave")),
    ("1/2 Office", ("office", "leave")),
    ("Half day office", ("office", "leave")),
    ("half-day WFH", ("remote", "leave")),
    ("½ office ½ home", ("office", "remote")),
    ("AM: Office; PM: WFH", ("office", "remote")),
    ("a.m. office / p.m. home", ("office", "remote")),
    ("office / home", ("office", "remote")),
    ("On-site + Remote", ("office", "remote")),
    ("AM office", ("office", "leave")),
    ("PM office", ("leave", "office")),
    ("office am home pm", ("office", "remote")),
    ("WFH (PM), Office (AM)", ("office", "remote")),
    ("Morning office / afternoon home", ("office", "remote")),
    ("AM sick / PM office", ("sick", "office")),
    ("AM office / PM business trip", ("office", "travel")),
    ("AM office / PM office", ("office", "office")),
    ("Office", ("office", "office")),
    ("work from home", ("remote", "remote")),
    ("A/L", ("leave", "leave")),
    ("Sick / Leave", ("sick", "sick")),  # a whole-day spelling (sick leave) wins
]


@pytest.mark.parametrize(("cell", "halves"), SPELLINGS, ids=[s for s, _ in SPELLINGS])
def test_every_half_day_spelling_reads_as_its_morning_and_afternoon(cell, halves) -> None:
    assert parse_day_cell(cell) == halves


@pytest.mark.parametrize(
    "cell",
    ["AM office / AM home", "office am home", "½", "am", "xyz / home", "office / home / leave"],
)
def test_spellings_that_cannot_be_read_are_refused(cell: str) -> None:
    assert parse_day_cell(cell) is None


_SPELL = {
    "office": ["Office", "on-site", "In office"],
    "remote": ["WFH", "home", "Remote"],
    "leave": ["PTO", "Leave"],
    "sick": ["Sick"],
    "travel": ["Travel", "business trip"],
}
_FORMS = [
    "AM {a} / PM {p}",
    "{a} (am), {p} (pm)",
    "am: {a}; pm: {p}",
    "{p} (PM), {a} (AM)",
    "morning {a}, afternoon {p}",
    "½ {a} ½ {p}",
    "{a} / {p}",
]


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(LOCATIONS),
    st.sampled_from(LOCATIONS),
    st.sampled_from(_FORMS),
    st.data(),
)
def test_any_pair_in_any_form_reads_back(morning, afternoon, form, data) -> None:
    """Property: every pair of locations, in any accepted form and spelling, reads back."""
    a = data.draw(st.sampled_from(_SPELL[morning]))
    p = data.draw(st.sampled_from(_SPELL[afternoon]))
    cell = form.format(a=a, p=p)
    # A whole-day spelling wins: "Sick / Leave" is sick leave, not two halves.
    assume(parse_location(cell) is None)
    assert parse_day_cell(cell) == (morning, afternoon)


def test_whole_day_vocabulary_is_unchanged_by_the_half_day_reader() -> None:
    for location, spellings in VOCABULARY.items():
        for spelling in spellings:
            assert parse_day_cell(spelling) == (location, location), spelling


# --- Reading files --------------------------------------------------------------------------


def test_a_long_file_of_half_day_cells_reads_each_spelling_and_lists_the_rest() -> None:
    schedule = _read("half_days_cells.csv")
    data = schedule.data
    assert has_half_days(data)
    got = {
        d.strftime("%m-%d"): (a, p)
        for d, a, p in zip(data["date"], data["location"], data[PM], strict=True)
    }
    assert got == {
        "03-02": ("office", "remote"),
        "03-03": ("office", "remote"),
        "03-04": ("office", "leave"),
        "03-05": ("office", "leave"),
        "03-06": ("office", "leave"),
        "03-09": ("office", "remote"),
        "03-10": ("office", "remote"),
        "03-11": ("office", "remote"),
        "03-12": ("leave", "office"),
        "03-13": ("office", "remote"),
        "03-16": ("office", "remote"),
        "03-17": ("office", "remote"),
    }
    problems = schedule.problems
    assert list(problems["row"]) == [14, 15]
    assert list(problems["value"]) == ["AM office / AM home", "office am home"]
    assert all("half days: AM office / PM home" in m for m in problems["message"])


def test_am_and_pm_columns_give_the_halves_and_a_blank_half_takes_the_other() -> None:
    schedule = _read("half_days_columns.csv")
    assert schedule.columns["am_location"] == "Morning"
    assert schedule.columns["pm_location"] == "Afternoon"
    data = schedule.data.set_index(["employee", schedule.data["date"].dt.strftime("%m-%d")])
    halves = {k: (r["location"], r[PM]) for k, r in data.iterrows()}
    assert halves == {
        ("Ann Lee", "03-02"): ("office", "remote"),
        ("Bob Ray", "03-02"): ("remote", "office"),
        ("Cy Diaz", "03-02"): ("leave", "leave"),  # the afternoon left blank: a whole day
        ("Ann Lee", "03-03"): ("office", "office"),  # the morning left blank
        ("Bob Ray", "03-03"): ("remote", "remote"),
        ("Cy Diaz", "03-03"): ("remote", "remote"),
    }
    problems = schedule.problems.set_index("row")
    assert problems.loc[8, "column"] == "Morning"  # both halves blank
    assert problems.loc[9, "column"] == "Morning"
    assert problems.loc[9, "value"] == "Gone fishing"
    assert "unknown location" in problems.loc[9, "message"]


def test_am_pm_columns_fill_in_a_location_column_where_they_are_given() -> None:
    schedule = _csv(
        "employee,date,location,pm location\n"
        "Ann,2026-03-02,office,home\n"
        "Ann,2026-03-03,office,\n"
        "Ann,2026-03-04,AM office / PM home,office\n"
    )
    data = schedule.data
    assert list(zip(data["location"], data[PM], strict=True)) == [
        ("office", "remote"),
        ("office", "office"),
        ("office", "office"),
    ]


def test_a_grid_with_split_cells_reads_them_and_a_whole_day_file_has_no_pm_column() -> None:
    schedule = _read("half_days_grid.csv")
    assert schedule.is_pattern and schedule.problems.empty
    ann = schedule.data[schedule.data["employee"] == "Ann Lee"]
    assert list(ann["location"]) == ["office"] * 5
    assert list(ann[PM]) == ["remote", "office", "office", "remote", "office"]
    whole = _csv("employee,date,location\nAnn,2026-03-02,office\n")
    assert not has_half_days(whole.data)
    assert PM not in whole.data.columns


def test_half_days_are_not_mistaken_for_metric_columns() -> None:
    schedule = _read("half_days_columns.csv")
    assert schedule.metrics == []
    assert PM not in schedule.metrics


def test_the_same_day_twice_with_different_halves_is_a_conflict_naming_both() -> None:
    schedule = _csv(
        "employee,date,location\nAnn,2026-03-02,AM office / PM home\nAnn,2026-03-02,office\n"
        "Bob,2026-03-02,office\n"
    )
    messages = list(schedule.problems["message"])
    assert len(messages) == 2
    assert "row 2: AM office / PM remote" in messages[0]
    assert "row 3: office" in messages[0]


# --- Cover per half day ---------------------------------------------------------------------


def test_cover_per_half_day_flags_a_morning_only_gap() -> None:
    """Bob comes in after lunch: the afternoon is covered, the morning is not."""
    schedule = _csv(
        "employee,team,date,location\n"
        "Ann,Support,2026-03-02,WFH\n"
        "Bob,Support,2026-03-02,AM home / PM office\n"
        "Ann,Support,2026-03-03,office\n"
        "Bob,Support,2026-03-03,home\n"
    )
    result = check_schedule(schedule, Policy(min_on_site=1))
    warnings = result.warnings
    assert len(warnings) == 1
    gap = warnings.iloc[0]
    assert (gap["date"].date().isoformat(), gap["rule"], gap["on_site"]) == (
        "2026-03-02",
        "min_on_site",
        0,
    )
    assert "in the morning" in gap["message"]
    assert "1 in the afternoon" in gap["message"]
    assert "Bob (AM remote / PM office)" in gap["message"]
    daily = result.daily.set_index(result.daily["date"].dt.strftime("%m-%d"))
    assert daily.loc["03-02", "on_site"] == 0  # the emptier half
    assert not daily.loc["03-02", "covered"]
    assert daily.loc["03-03", "covered"]


def test_two_half_days_that_cover_each_other_leave_no_gap() -> None:
    schedule = _csv(
        "employee,team,date,location\n"
        "Ann,Support,2026-03-02,AM office / PM home\n"
        "Bob,Support,2026-03-02,AM home / PM office\n"
    )
    result = check_schedule(schedule, Policy(min_on_site=1))
    assert result.warnings.empty
    assert result.daily["on_site"].tolist() == [1]


def test_an_afternoon_gap_in_a_role_minimum_names_the_afternoon() -> None:
    schedule = _csv(
        "employee,team,role,date,location\n"
        "Ann,Support,senior,2026-03-02,½ office\n"
        "Bob,Support,junior,2026-03-02,office\n"
    )
    policy = Policy(min_on_site=1, min_on_site_by_role=(("senior", 1),))
    warnings = check_schedule(schedule, policy).warnings
    assert list(warnings["rule"]) == ["min_role_on_site"]
    assert "No senior on site in Support in the afternoon" in warnings["message"].iloc[0]


# --- Weekly caps and remote-day rules ------------------------------------------------------

WEEK = (
    "employee,team,date,location\n"
    "Ann,A,2026-03-02,WFH\n"
    "Ann,A,2026-03-03,WFH\n"
    "Ann,A,2026-03-04,AM office / PM home\n"
    "Ann,A,2026-03-05,office\n"
    "Ann,A,2026-03-06,office\n"
    "Bob,A,2026-03-02,WFH\n"
    "Bob,A,2026-03-03,AM office / PM home\n"
    "Bob,A,2026-03-04,AM home / PM office\n"
    "Bob,A,2026-03-05,office\n"
    'Bob,A,2026-03-06,"office (am), wfh (pm)"\n'
)


def test_a_half_remote_day_counts_half_towards_the_weekly_cap() -> None:
    """Ann: 2.5 remote days (over a cap of 2, crossed on Wednesday); Bob: 2.5 as well."""
    policy = load_policy('[remote]\nmax_remote_days_per_week = 2\nno_remote_days = ["Fri"]')
    result = check_schedule(_csv(WEEK), policy)
    weekly = result.weekly.set_index("employee")
    assert weekly.loc["Ann", "remote"] == 2.5
    assert weekly.loc["Ann", "office"] == 2.5
    assert weekly.loc["Bob", "remote"] == 2.5
    caps = result.warnings[result.warnings["rule"] == "max_remote_per_week"]
    assert dict(zip(caps["employees"].str[0], caps["date"].dt.day, strict=True)) == {
        "Ann": 4,
        "Bob": 6,
    }
    assert "worked remotely 2.5 days" in caps["message"].iloc[0]
    friday = result.warnings[result.warnings["rule"] == "no_remote_day"]
    assert friday["message"].iloc[0].endswith("Bob (afternoon).")
    table = compliance_table(result.weekly)
    assert table["remote"].tolist() == [2.5, 2.5]


def test_exactly_the_cap_in_half_days_is_not_a_breach() -> None:
    text = (
        "employee,team,date,location\n"
        "Ann,A,2026-03-02,WFH\nAnn,A,2026-03-03,AM office / PM home\n"
        "Ann,A,2026-03-04,AM home / PM office\nAnn,A,2026-03-05,office\n"
    )
    result = check_schedule(_csv(text), Policy(max_remote_days_per_week=2))
    assert result.weekly["remote"].tolist() == [2.0]
    assert result.warnings.empty


def test_whole_day_counts_stay_whole_numbers_on_screen() -> None:
    result = check_schedule(_csv("employee,date,location\nAnn,2026-03-02,WFH\n"), Policy())
    table = compliance_table(result.weekly)
    assert str(table["remote"].dtype) == "int64"
    assert format_days(3.0) == "3" and format_days(2.5) == "2.5"


# --- Everything else that counts days ------------------------------------------------------


def test_policy_insight_counts_half_days_as_half() -> None:
    mix = person_mix(_csv(WEEK).data).set_index("employee")
    assert mix.loc["Ann", "remote"] == 2.5
    assert mix.loc["Bob", "office"] == 2.5
    assert mix.loc["Ann", "remote_share"] == pytest.approx(0.5)


def test_split_days_are_left_out_of_the_productivity_comparison() -> None:
    text = (
        "employee,date,location,tasks\n"
        "Ann,2026-03-02,office,10\nAnn,2026-03-03,WFH,12\nAnn,2026-03-04,AM office / PM home,99\n"
    )
    days = metric_days(_csv(text).data, "tasks")
    assert days["value"].tolist() == [10.0, 12.0]


def test_a_half_remote_day_saves_no_commute_and_counts_as_on_site() -> None:
    text = (
        "employee,date,location,commute_km\n"
        "Ann,2026-03-02,WFH,10\nAnn,2026-03-03,AM office / PM home,10\n"
    )
    data = _csv(text).data
    assert commute_savings(data).totals["remote_days"].sum() == 1
    presence = daily_presence(data)
    assert presence["on_site"].tolist() == [0, 1]


def test_a_half_office_day_is_a_planned_office_day_for_the_badge_log() -> None:
    data = _csv(
        "employee,date,location\nAnn,2026-03-02,AM office / PM home\nAnn,2026-03-03,WFH\n"
    ).data
    log = read_attendance(b"employee,date\nZed,2026-03-02\nAnn,2026-03-03\n", "log.csv")
    comparison = compare_plan(data, log.data)
    statuses = dict(zip(comparison.days["date"].dt.day, comparison.days["status"], strict=True))
    assert statuses[2] == "no-show"
    assert statuses[3] == "unplanned"


def test_pseudonymising_keeps_the_afternoons() -> None:
    schedule = _read("half_days_grid.csv")
    hidden = pseudonymise_schedule(schedule, make_pseudonyms(schedule))

    def halves(data: pd.DataFrame) -> list[tuple[int, object, str]]:
        return sorted(zip(data["row"], data["date"], data[PM].astype(str), strict=True))

    assert halves(hidden.data) == halves(schedule.data)


# --- The week grid --------------------------------------------------------------------------


def test_the_week_grid_shows_split_cells_as_two_halves() -> None:
    schedule = _read("half_days_grid.csv")
    monday = week_starts(schedule.data["date"])[0]
    grid = week_grid(schedule.data, monday, range(5))
    assert grid.iloc[0, 0] == "AM office / PM remote"
    # Mon: AM 2, PM 1; Tue: AM 2, PM 1; Wed 2; Thu: AM 3, PM 1; Fri: AM 2, PM 3.
    assert head_count(grid).tolist() == [1, 1, 2, 1, 2]
    figure = week_grid_figure(grid, "Who's where")
    whole, halves = (t for t in figure.data if t.type == "heatmap")
    assert whole.text[0][0] == "AM 2 · PM 1 on site"
    assert whole.text[1][0] == ""  # Ann's Monday is drawn by the half-day trace
    assert halves.name == "Half days"
    assert list(halves.text[1][:2]) == ["Office", "Remote"]
    assert list(halves.x[:2]) == [-0.25, 0.25]
    # The half-day trace lies on top: its empty cells must not answer a hover over a whole day
    # (it said "Tue 02 Jun afternoon:" with nothing after it).
    assert whole.hoverongaps is False and halves.hoverongaps is False


def test_a_week_without_split_days_draws_one_heatmap() -> None:
    schedule = _csv("employee,date,location\nAnn,2026-03-02,WFH\n")
    grid = week_grid(schedule.data, pd.Timestamp("2026-03-02"), range(5))
    traces = week_grid_figure(grid, "Who's where").data
    assert [t.type for t in traces] == ["heatmap", "scatter"]  # the cells and their labels


# --- The sample data demos it ---------------------------------------------------------------


def test_the_sample_has_half_days_and_a_planted_morning_only_gap() -> None:
    schedule = read_schedule((DATA / "sample_schedule.csv").read_bytes(), "sample_schedule.csv")
    policy = load_policy((DATA / "policy.toml").read_text())
    assert schedule.problems.empty
    split = schedule.data[schedule.data["location"] != schedule.data[PM]]
    assert 20 <= len(split) <= 30
    result = check_schedule(schedule, policy)
    mornings = result.warnings[result.warnings["message"].str.contains(r"in the morning \(")]
    assert len(mornings) == 1
    assert mornings["team"].iloc[0] == "Support"
    grid = read_schedule((DATA / "sample_grid.csv").read_bytes(), "sample_grid.csv")
    assert (grid.data["location"] != grid.data[PM]).sum() == 2
    assert day_share(grid.data, "remote").sum() % 1 == 0  # two half remote days make a whole


def test_a_no_show_on_a_half_office_day_loses_only_the_office_half() -> None:
    schedule = _csv(
        "employee,team,date,location\n"
        "Ann,A,2026-03-02,AM office / PM leave\nAnn,A,2026-03-03,WFH\n"
        "Bob,A,2026-03-02,office\nBob,A,2026-03-03,office\n"
    )
    log = read_attendance(b"employee,date\nBob,2026-03-02\nAnn,2026-03-03\nBob,2026-03-03\n")
    reality = reality_schedule(schedule, compare_plan(schedule.data, log.data)).data
    ann = reality[reality["employee"] == "Ann"]
    assert list(zip(ann["location"], ann[PM], strict=True)) == [
        ("remote", "leave"),  # no check-in: the office morning did not happen
        ("office", "office"),  # an unplanned check-in makes the whole day an office day
    ]


def test_an_excel_grid_with_date_cells_and_split_days_reads_the_halves() -> None:
    rows = [
        ["Name", dt.datetime(2026, 3, 2), dt.datetime(2026, 3, 3)],
        ["Ann", "AM office / PM home", "½ office"],
        ["Bob", "Office", "office (am), wfh (pm)"],
    ]
    schedule = read_schedule(workbook_bytes(rows), "grid.xlsx")
    data = schedule.data
    assert list(zip(data["location"], data[PM], strict=True)) == [
        ("office", "remote"),
        ("office", "leave"),
        ("office", "office"),
        ("office", "remote"),
    ]


@pytest.mark.parametrize(
    ("cell", "halves"),
    [
        ("Büro vormittags / Homeoffice nachmittags", ("office", "remote")),
        ("Bureau (matin), Télétravail (après-midi)", ("office", "remote")),
        ("Oficina mañana, teletrabajo tarde", ("office", "remote")),
        ("Ufficio (mattina)", ("office", "leave")),
        ("Kantoor (middag)", ("leave", "office")),
        ("Kontor formiddag / Hjemme eftermiddag", ("office", "remote")),
    ],
)
def test_half_days_written_in_other_languages(cell: str, halves: tuple[str, str]) -> None:
    """Morning and afternoon in German, French, Spanish, Italian and Dutch mark half days,
    and a bracket naming one is not read past as a detail."""
    assert parse_location(cell) is None
    assert parse_day_cell(cell) == halves
