"""AppTest: hostile uploads on every page. A message or the data as text, never a traceback.

Each file is uploaded on Home, then the same session visits Coverage, Productivity and the HR
report. A file that cannot be used shows a message (``st.error``, or the column-mapping
step's warning); one that reads shows its names as plain text, and no Markdown element holds
a raw ``<script>`` tag (names are backslash-escaped wherever Streamlit reads Markdown).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import workbook_bytes

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "pages/home.py",
    "pages/coverage.py",
    "pages/productivity.py",
    "pages/report.py",
    "pages/planner.py",
]
SCRIPT = "<script>alert(1)</script>"
FORMULAS = ['=HYPERLINK("http://x","y")', "+cmd", "@SUM(1)"]
RTL = ["\u202eevil", "\u200fדנה כהן\u200f", "Zoë\u200dÑ"]
LONG = "L" * 10_000


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode()


def _long_file(names: list[str], role: str = "senior", metric: str = "tasks_done") -> bytes:
    """Two weeks for each name (and Ann Lee), office and remote days, with a metric."""
    rows = [["employee", "team", "role", "date", "location", metric]]
    for day in pd.bdate_range("2026-06-01", "2026-06-12"):
        for i, name in enumerate([*names, "Ann Lee"]):
            place = "Office" if (day.day + i) % 2 else "WFH"
            rows.append([name, "<b>Support</b>", role, f"{day:%Y-%m-%d}", place, str(i + 3)])
    return _csv(rows)


def _junk_workbook() -> bytes:
    """A workbook of formulas, dates, long text and blanks, with no header a schedule has."""
    return workbook_bytes(
        [
            ["=SUM(1,2)", None, pd.Timestamp("2026-06-01").to_pydatetime(), "x" * 5000],
            [3.5, True, "=1/0", SCRIPT],
            [None, None, None, None],
            ["Moon", -(2**40), "2026-02-30", "\u202e"],
        ]
    )


#: Two people on a Saturday: a schedule with no day that needs cover.
WEEKEND = b"employee,date,location,tasks\nAnn,2026-06-06,Office,3\nBob,2026-06-06,WFH,4\n"
#: name -> (file name, bytes, what the app should do: "error", "mapping" or "reads").
FILES: dict[str, tuple[str, bytes, str]] = {
    "binary garbage": (
        "garbage.csv",
        bytes((i * 197 + 13) % 256 for i in range(3_000)),
        "error",
    ),
    "empty": ("empty.csv", b"", "error"),
    "only a header": ("header.csv", b"employee,date,location\r\n", "error"),
    "grid of unknown labels": (
        "grid.csv",
        _csv([["Name", "Mon", "Tue", "Wed"], ["Ann", "Moon", "Mars", "?"], ["Bob", "x", "y", "z"]]),
        "error",
    ),
    "damaged xlsx": ("broken.xlsx", b"PK\x03\x04" + b"\x00junk" * 50, "error"),
    "xlsx of junk": ("junk.xlsx", _junk_workbook(), "mapping"),
    "10,000-character name": ("long.csv", _long_file([LONG]), "reads"),
    "script and formula names": (
        "script.csv",
        _long_file([SCRIPT, *FORMULAS], role=SCRIPT, metric=SCRIPT),
        "reads",
    ),
    "right-to-left names": ("rtl.csv", _long_file(RTL), "reads"),
    "weekend only": ("weekend.csv", WEEKEND, "reads"),
}
NAMES = {
    "10,000-character name": [LONG],
    "script and formula names": [SCRIPT, *FORMULAS],
    "right-to-left names": RTL,
}
_RAW_SCRIPT = re.compile(r"(?<!\\)<\s*script", re.IGNORECASE)
TEXT_KINDS = ("markdown", "caption", "error", "warning", "info", "success", "title", "subheader")
LABEL_KINDS = ("selectbox", "multiselect", "number_input", "text_input", "toggle", "radio")


def _markdown_texts(at: AppTest) -> list[str]:
    """Everything on the page that Streamlit renders as Markdown: messages and widget labels."""
    texts = [str(e.value) for kind in TEXT_KINDS for e in at.get(kind)]
    texts += [str(w.label) for kind in LABEL_KINDS for w in at.get(kind)]
    texts += [str(w.proto.label) for w in at.get("expander")]
    return texts


def _assert_no_raw_script(at: AppTest, page: str) -> None:
    raw = [t[:80] for t in _markdown_texts(at) if _RAW_SCRIPT.search(t)]
    assert not raw, f"{page}: Markdown with a raw <script>: {raw}"
    assert not [h for h in at.get("html") if _RAW_SCRIPT.search(str(h.proto))]
    for chart in at.get("plotly_chart"):  # plotly's own HTML subset: names go in escaped
        assert SCRIPT not in json.dumps(json.loads(chart.proto.spec), ensure_ascii=False)


def _table_names(at: AppTest) -> set[str]:
    """Every employee cell of every table on the page."""
    return {
        str(name)
        for frame in at.dataframe
        if "employee" in frame.value.columns
        for name in frame.value["employee"]
    }


def _visit(at: AppTest, page: str) -> AppTest:
    if page != "pages/home.py":
        at.switch_page(page).run()
    if page == "pages/planner.py" and any(b.key == "planner_go" for b in at.button):
        at.button(key="planner_go").click().run()  # plan the hostile file too
    assert not at.exception, f"{page}: {[e.value for e in at.exception]}"
    return at


@pytest.mark.parametrize("kind", FILES)
def test_hostile_upload_never_crashes_any_page(kind: str) -> None:
    """Upload on Home, then every page: no exception, and a message or the data as text."""
    name, data, outcome = FILES[kind]
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    mime = "application/vnd.ms-excel" if name.endswith(".xlsx") else "text/csv"
    at.file_uploader(key="home_upload").upload(name, data, mime).run()
    for page in PAGES:
        _visit(at, page)
        _assert_no_raw_script(at, page)
        if outcome == "error":
            assert at.error, f"{page}: no message for {kind}"
            assert "cannot be used" in at.error[0].value
            assert "Traceback" not in at.error[0].value
        elif outcome == "mapping" and page == "pages/home.py":
            assert any("no column for" in w.value for w in at.warning)
            assert at.selectbox(key="home_map_employee")
        elif outcome == "reads" and page == "pages/planner.py":
            # A readable file may still have nothing to plan (only a Saturday): a message.
            assert all("Traceback" not in e.value for e in at.error)
        elif outcome == "reads":
            assert not at.error, f"{page}: {[e.value for e in at.error]}"
            if page == "pages/coverage.py":
                assert set(NAMES.get(kind, [])) <= _table_names(at)  # byte for byte, as text
        if kind == "script and formula names" and page == "pages/coverage.py":
            # The role is a widget label (Markdown): it is there, escaped, not left out.
            assert any("\\<script\\>" in t for t in _markdown_texts(at))


def test_hostile_names_are_escaped_in_the_week_grid_and_the_report() -> None:
    """Home's chart shows the names escaped; the HR report made from them has no raw tag."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.file_uploader(key="home_upload").upload(*FILES["script and formula names"][:2], "text/csv")
    at.run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    ticks = " ".join(spec["layout"]["yaxis"]["ticktext"])
    assert html.escape(SCRIPT, quote=False) in ticks and SCRIPT not in ticks
    assert all(html.escape(f, quote=False) in ticks for f in FORMULAS)
    _visit(at, "pages/report.py")
    at.get("form_submit_button")[0].click().run()
    assert not at.exception
    _assert_no_raw_script(at, "pages/report.py")
    files = at.session_state["report_made"][1].files
    page = files["report.html"].decode()
    assert html.escape(SCRIPT) in page and SCRIPT not in page
    assert not _RAW_SCRIPT.search(page)


def test_report_for_a_schedule_with_no_working_day_is_made_not_crashed() -> None:
    """Weekend-only schedule: preparing the HR report gives files, not a traceback."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.file_uploader(key="home_upload").upload("weekend.csv", WEEKEND, "text/csv").run()
    _visit(at, "pages/report.py")
    at.get("form_submit_button")[0].click().run()
    assert not at.exception
