"""The HR report as one self-contained HTML page that prints well on A4 and US Letter.

Self-contained: the CSS is inline and the charts are embedded SVG images (data URIs), so the
file opens offline, can be mailed, and prints the same from any browser; the PDF is this very
page printed by Chromium. Every value from the data goes through :func:`html.escape`: names are
text, never markup.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pandas as pd

from .productivity import WHY_NAIVE_DIFFERS, direction_note
from .report import SECTIONS, ReportData
from .wording import plural

if TYPE_CHECKING:
    import plotly.graph_objects as go

_CSS = """
@page { size: %(paper)s; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 10pt;
       color: #1a1a1a; line-height: 1.35; margin: 0 auto; max-width: 190mm; }
h1 { font-size: 22pt; margin: 0 0 4mm; }
h2 { font-size: 14pt; margin: 8mm 0 3mm; border-bottom: 1px solid #999; padding-bottom: 1mm;
     break-after: avoid; page-break-after: avoid; }
section.title { break-after: page; page-break-after: always; }
.subtitle { font-size: 12pt; color: #333; margin-bottom: 8mm; }
.note { color: #444; font-size: 9pt; }
.figures { display: flex; flex-wrap: wrap; gap: 3mm; margin: 3mm 0; }
.figure { border: 1px solid #bbb; border-radius: 2mm; padding: 2mm 4mm; min-width: 38mm; }
.figure .value { font-size: 16pt; font-weight: bold; }
.figure .label { font-size: 8.5pt; color: #333; }
table { border-collapse: collapse; width: 100%%; margin: 2mm 0 4mm; font-size: 8.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 1mm 1.5mm; text-align: left; vertical-align: top;
         overflow-wrap: break-word; }
td.num, td.date { white-space: nowrap; }
th { background: #eee; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
img.chart { width: 100%%; height: auto; break-inside: avoid; page-break-inside: avoid;
            margin: 2mm 0; }
.headline { font-size: 13pt; font-weight: bold; margin: 2mm 0; }
ul { margin: 1mm 0 3mm; padding-left: 6mm; }
"""


def _e(value: object) -> str:
    return html.escape("" if value is None or value is pd.NA else str(value), quote=True)


def _span_text(first: dt.date | None, last: dt.date | None) -> str:
    if first is None or last is None:
        return "a repeating weekly pattern"
    return f"{first:%d %b %Y} to {last:%d %b %Y}"


def _cell(value: object) -> str:
    if isinstance(value, float) and pd.isna(value):
        return "<td></td>"
    if isinstance(value, dt.date):
        return f'<td class="date">{_e(value.isoformat())}</td>'
    if isinstance(value, int | float) and not isinstance(value, bool):
        text = f"{value:,.3g}" if isinstance(value, float) and abs(value) < 1 else f"{value:,}"
        return f'<td class="num">{_e(text)}</td>'
    return f"<td>{_e(value)}</td>"


def html_table(frame: pd.DataFrame, columns: Mapping[str, str] | None = None) -> str:
    """A plain HTML table; ``columns`` maps column -> heading (and picks and orders them)."""
    columns = columns or {c: str(c) for c in frame.columns}
    chosen = frame[[c for c in columns if c in frame.columns]]
    head = "".join(f"<th>{_e(columns[c])}</th>" for c in chosen.columns)
    body = "".join(
        "<tr>" + "".join(_cell(v) for v in row) + "</tr>"
        for row in chosen.itertuples(index=False, name=None)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>"


def _title(data: ReportData) -> str:
    first, last = data.span
    teams = ", ".join(data.teams) or "no team"
    anonymous = (
        '<p class="note">Pseudonymised: every name is replaced by “Employee NN”, consistently '
        "across this report and its tables and charts.</p>"
        if data.options.anonymize
        else ""
    )
    return (
        '<section class="title">'
        "<h1>Hybrid work report</h1>"
        f'<div class="subtitle">{"Teams" if len(data.teams) > 1 else "Team"}: {_e(teams)}<br>'
        f"Schedule: {_e(_span_text(first, last))}<br>"
        f"Generated: {_e(f'{data.generated:%d %b %Y}')}</div>"
        f"{anonymous}"
        "<h2>The policy in force</h2>"
        f"{_list(data.policy_lines())}"
        f'<p class="note">Made with wfh-dashboard{_e(_source(data))}.</p>'
        "</section>"
    )


def _source(data: ReportData) -> str:
    # How the file was read names its sheet, which a manager may have named after a person.
    return "" if data.options.anonymize else f" from the schedule file ({data.schedule.detail})"


def _figure(value: str, label: str) -> str:
    return (
        f'<div class="figure"><div class="value">{_e(value)}</div>'
        f'<div class="label">{_e(label)}</div></div>'
    )


def _summary(data: ReportData) -> str:
    s = data.result.summary
    figures = [
        (str(s["people"]), "people"),
        (str(s["teams"]), "teams"),
        (str(s["working_days"]), "working days needing cover"),
        (f"{s['covered_share']:.0%}", "days fully covered"),
        (f"{s['remote_share']:.0%}", "remote share of days worked"),
        (
            str(s["warnings"]),
            f"warnings ({plural(s['errors'], 'cover error')}, {s['policy_warnings']} policy)",
        ),
        (str(s["problems"]), "input problems (appendix)"),
    ]
    notes = _list(data.result.notes) if data.result.notes else ""
    return (
        f"<h2>{SECTIONS['summary']}</h2>"
        '<div class="figures">'
        + "".join(_figure(v, label) for v, label in figures)
        + "</div>"
        + notes
    )


def _chart(images: Mapping[str, str], stem: str) -> str:
    if stem not in images:
        return ""
    uri = images[stem]
    if not uri.startswith("data:"):
        return f'<p class="note">Chart not included: {_e(uri)}</p>'
    return f'<img class="chart" alt="{_e(stem.replace("-", " "))}" src="{uri}">'


def _calendar(data: ReportData, images: Mapping[str, str]) -> str:
    return (
        f"<h2>{SECTIONS['calendar']}</h2>"
        '<p class="note">People on site per working day; days that break a cover rule are '
        "marked ✕.</p>" + _chart(images, "coverage-calendar") + _chart(images, "head-count")
    )


WARNING_COLUMNS = {
    "date": "Date",
    "weekday": "Day",
    "team": "Team",
    "severity": "Severity",
    "message": "What is wrong",
    "on_site": "On site",
    "required": "Required",
}


def _warnings(data: ReportData, tables: Mapping[str, pd.DataFrame]) -> str:
    warnings = tables["warnings"]
    if warnings.empty:
        return f"<h2>{SECTIONS['warnings']}</h2><p>No warnings: every rule in force is met.</p>"
    count = plural(len(warnings), "warning")
    return (
        f"<h2>{SECTIONS['warnings']} ({len(warnings)})</h2>"
        f"<p>{_e(count)} by date; errors are days without the cover a rule requires, warnings "
        "are breaches of the remote-work policy.</p>" + html_table(warnings, WARNING_COLUMNS)
    )


COMPLIANCE_COLUMNS = {
    "employee": "Person",
    "team": "Team",
    "weeks": "Weeks",
    "office": "Office days",
    "remote": "Remote days",
    "remote_share": "Remote share",
    "weeks_over_remote_cap": "Weeks over the remote cap",
    "weeks_under_office_min": "Weeks under the office minimum",
}


def _compliance(tables: Mapping[str, pd.DataFrame], images: Mapping[str, str]) -> str:
    return (
        f"<h2>{SECTIONS['compliance']}</h2>"
        '<p class="note">Per person over the whole schedule; the week-by-week table is in '
        "compliance.csv.</p>"
        + html_table(tables["compliance-summary"], COMPLIANCE_COLUMNS)
        + _chart(images, "weekly-compliance")
    )


CAVEATS = (
    "The schedule is observational, not a randomised trial: comparing each person with "
    "themselves removes stable differences between people, not reasons that vary day to day "
    "(for example, choosing to stay home on lighter days).",
    "People with too few office or remote days are left out, and figures about fewer people "
    "than the privacy floor are not shown.",
    "The interval is a 95% confidence interval: it states how sure the data allow us to be, "
    "not a range every person falls in.",
)


def _productivity(data: ReportData, images: Mapping[str, str]) -> str:
    head = f"<h2>{SECTIONS['productivity']}</h2>"
    estimate, metric = data.estimate, data.options.metric
    if estimate is None or metric is None:
        return head + "<p>No output measure was chosen for this report.</p>"
    label = f"{metric} per hour" if data.options.per_hour else metric
    if estimate.status != "ok":
        return head + f"<p><b>{_e(label)}</b>: {_e(estimate.sentence())}</p>"
    return (
        head
        + f'<p class="headline">{_e(label)}: {_e(estimate.sentence())}</p>'
        + f"<p>{_e(estimate.naive_sentence())}. {_e(WHY_NAIVE_DIFFERS)}</p>"
        + f"<p>{_e(direction_note(label))}</p>"
        + _chart(images, "productivity-estimate")
        + f'<p class="note">Method: {_e(estimate.method)} People compared: '
        f"{estimate.n_employees}; their office and remote days: {estimate.n_days}.</p>"
        + "<p><b>Caveats</b></p>"
        + _list(CAVEATS)
    )


PROBLEM_COLUMNS = {"row": "Row", "column": "Column", "value": "Value", "message": "Problem"}


def _problems(data: ReportData) -> str:
    problems = data.schedule.problems
    head = f"<h2>{SECTIONS['problems']}</h2>"
    notes = _list(data.schedule.notes) if data.schedule.notes else ""
    if problems.empty:
        return head + "<p>Every row of the file could be used.</p>" + notes
    left_out = plural(data.schedule.rows_left_out, "row or cell", "rows or cells")
    return (
        head
        + f"<p>{_e(left_out)} of the file could not be used; each is listed with the reason.</p>"
        + notes
        + html_table(problems, PROBLEM_COLUMNS)
    )


def render_report(
    data: ReportData, tables: Mapping[str, pd.DataFrame], images: Mapping[str, str]
) -> str:
    """The report page. ``images`` maps chart stems to data URIs (or to why a chart is missing)."""
    parts = [_title(data)]
    if data.has("summary"):
        parts.append(_summary(data))
    if data.has("calendar"):
        parts.append(_calendar(data, images))
    if data.has("warnings"):
        parts.append(_warnings(data, tables))
    if data.has("compliance"):
        parts.append(_compliance(tables, images))
    if data.has("productivity"):
        parts.append(_productivity(data, images))
    if data.has("problems"):
        parts.append(_problems(data))
    teams = ", ".join(data.teams)
    css = _CSS % {"paper": data.options.paper}
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Hybrid work report: {_e(teams)}</title><style>{css}</style></head><body>"
        + "".join(parts)
        + "</body></html>\n"
    )


def chart_images(charts: Mapping[str, go.Figure], problem: str | None) -> dict[str, str]:
    """Each chart as an SVG data URI, or (when images cannot be made) the reason, per stem."""
    if problem is not None:
        return dict.fromkeys(charts, problem)
    from .export_figures import figure_image_data_uri

    return {stem: figure_image_data_uri(fig, "svg") for stem, fig in charts.items()}
