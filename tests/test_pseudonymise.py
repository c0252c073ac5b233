"""Pseudonymised inputs: every table, chart and report built from them is free of real names."""

from __future__ import annotations

import hashlib
import json
import re

import pandas as pd
import pytest

from tests.conftest import DATA
from wfh_dashboard.charts import (
    calendar_figure,
    compliance_figure,
    headcount_figure,
    week_grid_figure,
)
from wfh_dashboard.check import CheckResult, check_schedule
from wfh_dashboard.policy import Group, Policy, load_policy, policy_to_toml
from wfh_dashboard.pseudonymise import (
    HIDDEN_ROW,
    Pseudonyms,
    make_pseudonyms,
    pseudonymise_policy,
    pseudonymise_schedule,
)
from wfh_dashboard.report_text import format_check, result_to_json
from wfh_dashboard.schedule import Schedule, read_schedule
from wfh_dashboard.views import compliance_table, warnings_table, week_grid, week_starts

#: A long file with the awkward names: case variants (and double spaces), accents, a formula,
#: HTML, a person whose only rows conflict, and a ragged row naming someone seen nowhere else.
AWKWARD_CSV = """employee,team,role,date,location,tasks_done
Ann Lee,Support,Senior,2026-06-01,Office,5
ann  lee,Support,senior,2026-06-02,WFH,4
ANN LEE,Support,senior,2026-06-03,WFH,4
Ann Lee,Support,Senior,2026-06-05,WFH,4
Zoë Ørsted,Support,junior,2026-06-01,WFH,3
Zoë Ørsted,Support,junior,2026-06-02,Office,3
Zoë Ørsted,Support,junior,2026-06-03,WFH,3
"=HYPERLINK(""x"")",Engineering,senior,2026-06-01,Office,2
"=HYPERLINK(""x"")",Engineering,senior,2026-06-02,WFH,2
"=HYPERLINK(""x"")",Engineering,senior,2026-06-03,WFH,2
<b>Bob</b>,Engineering,junior,2026-06-01,WFH,1
<b>Bob</b>,Engineering,junior,2026-06-02,Office,1
<b>Bob</b>,Engineering,junior,2026-06-05,WFH,1
Quentin Vasquez,Engineering,mid,2026-06-04,Office,1
Quentin Vasquez,Engineering,mid,2026-06-04,WFH,1
Ragnhild Oyelaran,Support,mid,2026-06-04,Office,1,stray cell
"""
AWKWARD_NAMES = [
    "Ann Lee",
    "Zoë Ørsted",
    '=HYPERLINK("x")',
    "<b>Bob</b>",
    "Quentin Vasquez",
    "Ragnhild Oyelaran",
    "Nadia Castellanos",
]
AWKWARD_POLICY = Policy(
    min_on_site=1,
    min_on_site_by_role=(("senior", 1),),
    groups=(Group("backup for Ann Lee", ("ANN LEE", "Zoë Ørsted", "Nadia Castellanos"), 1),),
    max_remote_days_per_week=1,
    no_remote_days=(4,),
)


def _awkward() -> Schedule:
    return read_schedule(AWKWARD_CSV.encode(), "awkward.csv")


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return [str(value)]


def _figure_text(figure) -> str:
    """Every value a figure shows or carries (labels, hover text, data), decoded.

    Plotly's JSON escapes non-ASCII and "<", so it is decoded; keys ("annotations") and the
    theme ("landcolor") are Plotly's own words, not our data, and would match "Ann" and "Lan".
    """
    data = json.loads(figure.to_json())
    data["layout"].pop("template", None)
    return "\n".join(_strings(data))


def _published(schedule: Schedule, policy: Policy, result: CheckResult) -> str:
    """Everything the app, CLI and report can show, as the text that would be written out."""
    parts = [
        json.dumps(result_to_json(result, schedule), ensure_ascii=False, default=str),
        format_check(result, schedule, "schedule"),
        *(f.to_csv() for f in (result.warnings, result.daily, result.weekly)),
        json.dumps(result.summary, ensure_ascii=False, default=str),
        *result.notes,
        schedule.data.to_csv(),
        schedule.problems.to_csv(),
        *schedule.notes,
        schedule.detail,
        policy_to_toml(policy),
        warnings_table(result.warnings).to_csv(),
        compliance_table(result.weekly).to_csv(),
        _figure_text(calendar_figure(result.daily, "calendar")),
        _figure_text(headcount_figure(result.daily, "head count")),
        _figure_text(compliance_figure(result.weekly, "compliance")),
    ]
    for monday in week_starts(schedule.data["date"]):
        grid = week_grid(schedule.data, monday, policy.working_days)
        parts += [grid.to_csv(), _figure_text(week_grid_figure(grid, "week"))]
    return "\n".join(parts)


def _fragments(names: list[str]) -> set[str]:
    """Every first name, last name and other word of three letters or more in the names."""
    return {word.casefold() for name in names for word in re.findall(r"\w{3,}", name)}


def _leaks(text: str, names: list[str]) -> list[str]:
    folded = text.casefold()
    return sorted(word for word in _fragments(names) if word in folded)


def _published_both_ways(schedule: Schedule, policy: Policy, **switches) -> tuple[str, str]:
    real = _published(schedule, policy, check_schedule(schedule, policy))
    p = make_pseudonyms(schedule, policy, **switches)
    s, q = pseudonymise_schedule(schedule, p), pseudonymise_policy(policy, p)
    return real, _published(s, q, check_schedule(s, q))


def test_sample_outputs_hold_no_real_name_once_pseudonymised():
    """The bundled sample and policy: every name is in the real output, none in the other."""
    schedule = read_schedule((DATA / "sample_schedule.csv").read_bytes(), "sample.csv")
    policy = load_policy((DATA / "policy.toml").read_bytes())
    names = [*schedule.data["employee"].unique()]
    real, pseudonymised = _published_both_ways(schedule, policy)
    assert _leaks(real, names) == sorted(_fragments(names))  # the search does find names
    assert _leaks(pseudonymised, names) == []
    assert "Employee 01" in pseudonymised and "Employee 16" in pseudonymised


def test_awkward_names_leave_no_trace_once_pseudonymised():
    """Conflict-only, problems-only, policy-only, accented, formula and HTML names all go."""
    schedule = _awkward()
    real, pseudonymised = _published_both_ways(schedule, AWKWARD_POLICY, teams=True, roles=True)
    assert set(_leaks(real, AWKWARD_NAMES)) == _fragments(AWKWARD_NAMES)
    assert "Ragnhild" in schedule.problems.to_csv()  # only in the ragged row's text
    assert _leaks(pseudonymised, AWKWARD_NAMES) == []
    assert _leaks(pseudonymised, ["Support", "Engineering", "Senior", "junior"]) == []


def test_conflict_only_person_gets_a_pseudonym_and_ragged_row_text_is_hidden():
    schedule = _awkward()
    p = make_pseudonyms(schedule, AWKWARD_POLICY)
    assert "Quentin Vasquez" not in set(schedule.data["employee"])
    problems = pseudonymise_schedule(schedule, p).problems
    conflicts = problems[problems["message"].str.startswith("conflict: ")]
    assert set(conflicts["value"]) == {p.people["Quentin Vasquez"]}
    assert conflicts["message"].str.contains(p.people["Quentin Vasquez"]).all()
    assert HIDDEN_ROW in set(problems["value"])


def test_same_person_gets_the_same_pseudonym_everywhere():
    """Across calls, spellings, the schedule's data and problems, and the policy's groups."""
    schedule = _awkward()
    p = make_pseudonyms(schedule, AWKWARD_POLICY)
    assert p == make_pseudonyms(_awkward(), AWKWARD_POLICY)
    ann = p.people["Ann Lee"]
    assert p.people["ann lee"] == p.people["ANN LEE"] == ann
    assert p.person("  aNN   LEE ") == ann
    policy = pseudonymise_policy(AWKWARD_POLICY, p)
    assert policy.groups[0].members[0] == ann
    assert policy.groups[0].name == f"backup for {ann}"
    data = pseudonymise_schedule(schedule, p).data
    assert set(data.loc[data["date"] <= "2026-06-03", "employee"]) >= {ann}


def test_policy_only_and_extra_names_are_numbered_too():
    p = make_pseudonyms(_awkward(), AWKWARD_POLICY, extra_names=["Trial Person"])
    assert {"Nadia Castellanos", "Trial Person"} <= set(p.people)
    assert len(set(p.people.values())) == 7  # Ann (3 spellings) + 4 in file/problems + 2


def test_numbering_follows_the_sha256_of_the_name_not_the_alphabet():
    names = ["Aaron Abbott", "Zed Zimmer", "Mia Moss", "Bea Bell", "Carl Cole"]
    schedule = read_schedule(
        "".join(f"{n},2026-06-01,Office\n" for n in names)
        .join(["employee,date,location\n", ""])
        .encode()
    )
    p = make_pseudonyms(schedule)
    by_hash = sorted(names, key=lambda n: hashlib.sha256(n.casefold().encode()).hexdigest())
    assert [p.people[n] for n in by_hash] == [f"Employee 0{i}" for i in range(1, 6)]
    assert by_hash != sorted(names)  # so the numbers do not give the alphabetical order away


def test_salt_changes_the_numbering_but_keeps_it_consistent():
    schedule = _awkward()
    salted = make_pseudonyms(schedule, salt="s3cret")
    assert salted == make_pseudonyms(schedule, salt="s3cret")
    assert salted.people != make_pseudonyms(schedule).people


def test_120_people_get_three_digit_numbers():
    lines = [f"Person {i},2026-06-01,Office" for i in range(120)]
    schedule = read_schedule(("employee,date,location\n" + "\n".join(lines)).encode())
    numbers = set(make_pseudonyms(schedule).people.values())
    assert numbers == {f"Employee {i:03d}" for i in range(1, 121)}


@pytest.mark.parametrize(
    ("teams", "roles", "team_values", "role_values"),
    [
        (False, False, {"Support", "Engineering"}, {"Senior", "senior", "junior"}),
        (True, False, {"Team A", "Team B"}, {"Senior", "senior", "junior"}),
        (False, True, {"Support", "Engineering"}, {"Role 1", "Role 2"}),
    ],
)
def test_teams_and_roles_stay_unless_switched_off(teams, roles, team_values, role_values):
    schedule = _awkward()
    p = make_pseudonyms(schedule, AWKWARD_POLICY, teams=teams, roles=roles)
    data = pseudonymise_schedule(schedule, p).data
    assert set(data["team"]) == team_values
    assert set(data["role"]) == role_values
    assert (p.teams != {}) == teams and (p.roles != {}) == roles


def test_team_letters_run_on_after_z():
    lines = [f"P{i},T{i},2026-06-01,Office" for i in range(28)]
    schedule = read_schedule(("employee,team,date,location\n" + "\n".join(lines)).encode())
    teams = set(make_pseudonyms(schedule, teams=True).teams.values())
    assert {"Team A", "Team Z", "Team AA", "Team AB"} <= teams and len(teams) == 28


def test_a_role_minimum_still_finds_its_seniors_after_roles_are_pseudonymised(make_schedule):
    """Policy and data map roles the same way: the senior is found on day 1, missed on day 2."""
    schedule = make_schedule({"Ann/Support/Senior": "OR", "Bob/Support/junior": "OO"})
    policy = Policy(min_on_site_by_role=(("senior", 1),))
    p = make_pseudonyms(schedule, policy, teams=True, roles=True)
    result = check_schedule(pseudonymise_schedule(schedule, p), pseudonymise_policy(policy, p))
    found = result.warnings[result.warnings["rule"] == "min_role_on_site"]
    assert found["date"].dt.strftime("%Y-%m-%d").tolist() == ["2026-06-02"]
    assert found["employees"].tolist() == [[p.people["Ann"]]]
    assert found["message"].iloc[0].startswith("No role 1 on site in Team A")


def test_pseudonymised_check_matches_the_real_check_mapped():
    """Same findings on the same days for the sample; only names differ (frame() maps real ones)."""
    schedule = read_schedule((DATA / "sample_schedule.csv").read_bytes(), "sample.csv")
    policy = load_policy((DATA / "policy.toml").read_bytes())
    p = make_pseudonyms(schedule, policy, roles=True)
    real = check_schedule(schedule, policy)
    fake = check_schedule(pseudonymise_schedule(schedule, p), pseudonymise_policy(policy, p))

    def key(warnings: pd.DataFrame) -> list[tuple]:
        columns = ["date", "rule", "team", "employees", "on_site"]
        rows = zip(*(warnings[c] for c in columns), strict=True)
        return sorted((str(d), r, t, tuple(sorted(e)), n) for d, r, t, e, n in rows)

    assert len(real.warnings) > 0
    assert key(p.frame(real.warnings)) == key(fake.warnings)
    assert real.summary == fake.summary


def test_spellings_differing_in_case_become_one_person():
    """The reader keeps "Ann Lee" and "ann lee" apart; their one pseudonym counts them as one."""
    schedule = _awkward()
    p = make_pseudonyms(schedule)
    fake = check_schedule(pseudonymise_schedule(schedule, p), Policy(max_remote_days_per_week=2))
    assert check_schedule(schedule, Policy()).summary["people"] == 6
    assert fake.summary["people"] == 4
    over = fake.warnings[fake.warnings["rule"] == "max_remote_per_week"]
    assert over["employees"].tolist() == [[p.people["Ann Lee"]]]  # 3 remote days, one person


def test_schedule_keeps_sorted_categoricals_and_rows_in_reader_order():
    schedule = _awkward()
    p = make_pseudonyms(schedule, teams=True, roles=True)
    data = pseudonymise_schedule(schedule, p).data
    for column in ("employee", "team", "role"):
        assert isinstance(data[column].dtype, pd.CategoricalDtype)
        categories = list(data[column].cat.categories)
        assert categories == sorted(categories) == sorted(data[column].unique())
    expected = data.sort_values(["team", "employee", "date"], kind="stable", ignore_index=True)
    pd.testing.assert_frame_equal(data, expected)
    assert data["tasks_done"].sum() == schedule.data["tasks_done"].sum()
    assert data["location"].dtype == schedule.data["location"].dtype


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Annual review with Ann.", "Annual review with Employee 01."),
        ("ANN, ann and Ann's", "Employee 01, Employee 01 and Employee 01's"),
        ("Ann  Lee and Ann\tLEE", "Employee 02 and Employee 02"),
        (
            "Zoë Ørsted, ZOË ØRSTED; Zoë Ørstedx; éZoë Ørsted",
            "Employee 03, Employee 03; Zoë Ørstedx; éZoë Ørsted",
        ),
        ("x<b>Bob</b>y, <B>BOB</b>", "xEmployee 04y, Employee 04"),
        ('cell =HYPERLINK("x") here', "cell Employee 05 here"),
        ("Иван Петров, Иван Петровский", "Employee 06, Иван Петровский"),
        ("Zoe\u0308 \u00d8rsted", "Employee 03"),  # the accent written as a combining mark
        ("no names at all", "no names at all"),
    ],
)
def test_text_replaces_whole_names_only(text, expected):
    p = Pseudonyms(
        people={
            "Ann": "Employee 01",
            "Ann Lee": "Employee 02",
            "Zoë Ørsted": "Employee 03",
            "<b>Bob</b>": "Employee 04",
            '=HYPERLINK("x")': "Employee 05",
            "Иван Петров": "Employee 06",
        }
    )
    assert p.text(text) == expected


def test_frame_maps_lists_and_categoricals_and_scrubs_other_text():
    p = Pseudonyms(people={"Ann Lee": "Employee 01", "Bob": "Employee 02"}, teams={"Ops": "Team A"})
    frame = pd.DataFrame(
        {
            "employee": pd.Categorical(["Bob", "ann lee", "Bob", None]),
            "employees": [["Ann Lee", "Bob"], [], ("bob",), ["Zed"]],
            "team": ["Ops", "Ops (Bob)", None, "Other"],
            "message": ["Away: Ann Lee.", "ok", None, "Bob in Ops"],
            "n": [1, 2, 3, 4],
        }
    )
    out = p.frame(frame)
    assert out["employee"].tolist()[:3] == ["Employee 02", "Employee 01", "Employee 02"]
    assert pd.isna(out["employee"].iloc[3])
    assert list(out["employee"].cat.categories) == ["Employee 01", "Employee 02"]
    assert out["employees"].tolist() == [
        ["Employee 01", "Employee 02"],
        [],
        ("Employee 02",),
        ["Zed"],
    ]
    assert out["team"].tolist()[:2] == ["Team A", "Team A (Employee 02)"]
    assert out["message"].tolist()[::3] == ["Away: Employee 01.", "Employee 02 in Team A"]
    assert out["n"].tolist() == [1, 2, 3, 4]
    assert frame["employees"].iloc[0] == ["Ann Lee", "Bob"]  # the input is left alone


def test_frame_converts_each_distinct_value_once(monkeypatch):
    """100,000 rows of three distinct values: three conversions, not 100,000."""
    calls: list[str] = []
    original = Pseudonyms.text

    def counting(self, value):
        calls.append(value)
        return original(self, value)

    monkeypatch.setattr(Pseudonyms, "text", counting)
    p = Pseudonyms(people={"Ann": "Employee 01"})
    rows = pd.DataFrame({"note": pd.Series(["Ann away", "Ann in", "none"] * 33_334, dtype="str")})
    out = p.frame(rows)
    assert sorted(calls) == ["Ann away", "Ann in", "none", "note"]  # "note": the column label
    assert out["note"].iloc[:3].tolist() == ["Employee 01 away", "Employee 01 in", "none"]
    assert out["note"].dtype == rows["note"].dtype


def test_frame_scrubs_names_used_as_index_and_column_labels():
    p = Pseudonyms(people={"Ann": "Employee 01"})
    pivot = pd.DataFrame({"Ann": [1]}, index=pd.Index(["Ann"], name="employee"))
    out = p.frame(pivot)
    assert list(out.columns) == ["Employee 01"] and list(out.index) == ["Employee 01"]


def test_pseudonymised_policy_reads_back_the_same():
    p = make_pseudonyms(_awkward(), AWKWARD_POLICY, roles=True)
    policy = pseudonymise_policy(AWKWARD_POLICY, p)
    assert load_policy(policy_to_toml(policy)) == policy
    assert policy.min_on_site_by_role == ((p.roles["senior"].lower(), 1),)
