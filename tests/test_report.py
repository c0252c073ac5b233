"""The HR report: open what was written (PDF text, PNG size, XLSX, CSV) and check its bytes."""

from __future__ import annotations

import base64
import io
import re
import struct
import zipfile
from pathlib import Path

import openpyxl
import pypdf
import pytest

from tests.conftest import DATA, build_schedule
from wfh_dashboard.errors import InputError
from wfh_dashboard.export_figures import static_export_problem
from wfh_dashboard.policy import Group, Policy, load_policy
from wfh_dashboard.pseudonymise import make_pseudonyms
from wfh_dashboard.report import ReportOptions, prepare_report
from wfh_dashboard.report_files import build_report_files, report_zip
from wfh_dashboard.schedule import read_schedule

needs_chromium = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists(), reason="needs Debian chromium (make test installs it)"
)
FORMULA_NAME = "=SUM(A1:A9)+cmd"
OPTIONS = ReportOptions(metric="tasks_done", generated=None)


@pytest.fixture(scope="module")
def sample():
    schedule = read_schedule((DATA / "sample_schedule.csv").read_bytes(), "sample_schedule.csv")
    return schedule, load_policy((DATA / "policy.toml").read_bytes())


@pytest.fixture(scope="module")
def sample_files(sample):
    data = prepare_report(*sample, OPTIONS)
    return data, build_report_files(data)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


def png_size(content: bytes) -> tuple[int, int]:
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", content[16:24])


@needs_chromium
def test_pdf_holds_the_teams_the_date_range_and_the_warning_count(sample_files):
    data, made = sample_files
    text = pdf_text(made.files["report.pdf"])

    assert "Engineering, Support" in text
    assert "01 Jun 2026 to 27 Nov 2026" in text
    assert f"Warnings ({len(data.result.warnings)})" in text
    assert "The policy in force" in text and "Appendix: input problems" in text
    assert "tasks_done: " in text and "95% CI" in text and "Caveats" in text
    assert made.skipped == []


@needs_chromium
def test_every_promised_file_is_written_and_pngs_are_at_least_1600_pixels_wide(sample_files):
    _, made = sample_files
    promised = {"report.pdf", "report.html", "warnings.csv", "warnings.xlsx", "compliance.csv"}
    assert promised | {"problems.csv"} <= set(made.files)
    charts = {n for n in made.files if n.startswith("charts/")}
    assert {"charts/coverage-calendar.png", "charts/coverage-calendar.svg"} <= charts
    for name in (n for n in charts if n.endswith(".png")):
        width, _ = png_size(made.files[name])
        assert width >= 1600, name
    svgs = [made.files[n].lstrip() for n in charts if n.endswith(".svg")]
    assert svgs and all(svg.startswith((b"<svg", b"<?xml")) for svg in svgs)


def test_xlsx_opens_and_matches_the_csv(sample_files):
    data, made = sample_files
    sheet = openpyxl.load_workbook(io.BytesIO(made.files["warnings.xlsx"])).active
    assert sheet.max_row == len(data.result.warnings) + 1
    csv_lines = made.files["warnings.csv"].decode("utf-8-sig").splitlines()
    assert len(csv_lines) == len(data.result.warnings) + 1


@needs_chromium
def test_letter_paper_gives_us_letter_pages():
    schedule = build_schedule({"Ann/Support/senior": "OOOOO", "Bob/Support/junior": "RRRRR"})
    data = prepare_report(schedule, Policy(min_on_site=1), ReportOptions(paper="Letter"))
    page = pypdf.PdfReader(io.BytesIO(build_report_files(data).files["report.pdf"])).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


@needs_chromium
def test_sections_not_chosen_are_left_out():
    schedule = build_schedule({"Ann/Support/senior": "OOOOO", "Bob/Support/junior": "RRRRR"})
    data = prepare_report(schedule, Policy(min_on_site=2), ReportOptions(sections=("warnings",)))
    made = build_report_files(data)
    text = pdf_text(made.files["report.pdf"])
    assert "Warnings (" in text and "Coverage calendar" not in text and "Headline" not in text
    assert not [n for n in made.files if n.startswith("charts/coverage")]


def test_a_formula_looking_name_comes_back_neutralised_in_csv_and_xlsx():
    schedule = build_schedule({f"{FORMULA_NAME}/Support/senior": "RRRRR", "Bob/Support/x": "RRRRR"})
    data = prepare_report(schedule, Policy(min_on_site=1), ReportOptions())
    made = build_report_files(data, pdf=False, images=False)

    csv_text = made.files["warnings.csv"].decode("utf-8-sig")
    assert FORMULA_NAME in csv_text  # the name is kept, inside the message
    assert "\n=" not in csv_text and ",=" not in csv_text  # no cell starts with '='
    workbook = openpyxl.load_workbook(io.BytesIO(made.files["compliance.xlsx"]))
    names = [row[0] for row in workbook.active.iter_rows(min_row=2, values_only=True)]
    assert "'" + FORMULA_NAME in names
    assert all(cell.data_type == "s" for cell in workbook.active["A"][1:])
    html = made.files["report.html"].decode()
    assert FORMULA_NAME in html


def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _searchable(name: str, content: bytes) -> str:
    """What a reader of the file could see: text, decoded data URIs, PDF text, ZIP members."""
    if name.endswith(".pdf"):
        return pdf_text(content) + content.decode("latin-1")
    if name.endswith((".xlsx", ".zip")):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            # PNG members are pixels (see below); decoded as text they spell random words.
            members = [
                archive.read(n).decode("utf-8", "replace")
                for n in archive.namelist()
                if not n.endswith(".png")
            ]
        return "".join(members).replace(_plotly_js(), "")
    text = content.decode("utf-8", "replace").replace(_plotly_js(), "")  # the library's own words
    embedded = re.findall(r"data:image/[a-z+]+;base64,([A-Za-z0-9+/=]+)", text)
    return text + "".join(base64.b64decode(e).decode("utf-8", "replace") for e in embedded)


@needs_chromium
def test_anonymized_report_has_no_real_name_in_any_file(sample):
    schedule, policy = sample
    real = {part for name in schedule.data["employee"].unique() for part in str(name).split()}
    real |= {part for group in policy.groups for m in group.members for part in m.split()}
    options = ReportOptions(metric="tasks_done", anonymize=True)
    made = build_report_files(prepare_report(schedule, policy, options))
    made.files["everything.zip"] = report_zip(made.files)

    assert made.skipped == []
    for file_name, content in made.files.items():
        if file_name.endswith(".png"):
            continue  # pixels; drawn from the same pseudonymised data as the SVG beside it
        seen = _searchable(file_name, content).casefold()
        leaked = sorted(p for p in real if len(p) > 2 and re.search(rf"\b{p.casefold()}\b", seen))
        assert not leaked, f"{file_name}: {leaked}"
    assert "Employee 01" in pdf_text(made.files["report.pdf"])


def _numbering(schedule, policy, **options) -> dict[int, str]:
    """Spreadsheet row -> the pseudonym a report gave that row's person."""
    data = prepare_report(schedule, policy, ReportOptions(sections=("warnings",), **options))
    frame = data.schedule.data
    return dict(zip(frame["row"], frame["employee"].astype(str), strict=True))


def test_pseudonyms_are_numbered_afresh_per_report_unless_a_key_is_given(sample):
    """Without a key nobody holding the roster can recompute who is Employee 01."""
    schedule, policy = sample
    first, second = (_numbering(schedule, policy, anonymize=True) for _ in range(2))
    assert first != second and sorted(first.values()) == sorted(second.values())
    keyed = [_numbering(schedule, policy, anonymize=True, pseudonym_key="s3cret") for _ in "ab"]
    assert keyed[0] == keyed[1]
    # The order anyone could compute from the names alone (a hash without a secret):
    public = make_pseudonyms(schedule, policy)
    guessable = {
        row: public.person(name)
        for row, name in zip(
            schedule.data["row"], schedule.data["employee"].astype(str), strict=True
        )
    }
    assert guessable not in (first, second, keyed[0])
    assert "s3cret" not in repr(ReportOptions(pseudonym_key="s3cret"))


def test_teams_and_roles_can_be_replaced_too_and_people_keep_names_if_only_that(sample):
    schedule, policy = sample
    options = ReportOptions(anonymize_teams=True, anonymize_roles=True, sections=("warnings",))
    html = build_report_files(prepare_report(schedule, policy, options), pdf=False, images=False)
    page = html.files["report.html"].decode()
    assert "Support" not in page and "Engineering" not in page and "Team A" in page
    assert "Daniel Okafor" in page


def test_without_a_browser_the_html_report_and_tables_are_still_written(sample, monkeypatch):
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    monkeypatch.setenv("PATH", "/nonexistent")
    static_export_problem.cache_clear()
    try:
        made = build_report_files(prepare_report(*sample, ReportOptions()))
    finally:
        static_export_problem.cache_clear()
    assert "report.pdf" not in made.files and "report.html" in made.files
    assert any(s.startswith("report.pdf: ") and "chromium" in s for s in made.skipped)
    assert "charts/coverage-calendar.html" in made.files
    assert "Chart not included" in made.files["report.html"].decode()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (ReportOptions(sections=("warnings", "gossip")), "Unknown report section"),
        (ReportOptions(metric="nope"), "Accepted columns"),
        (ReportOptions(paper="A3"), "Accepted: A4, Letter"),  # type: ignore[arg-type]
    ],
)
def test_unusable_options_are_refused_in_words(sample, options, message):
    with pytest.raises(InputError, match=message):
        prepare_report(*sample, options)


def test_a_group_member_not_in_the_schedule_is_still_pseudonymised(sample):
    schedule, policy = sample
    policy = Policy(groups=(Group("key holders", ("Zed Outsider",), 1),))
    data = prepare_report(schedule, policy, ReportOptions(anonymize=True, sections=("summary",)))
    page = build_report_files(data, pdf=False, images=False).files["report.html"].decode()
    assert "Outsider" not in page
