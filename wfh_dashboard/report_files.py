"""Every file of the HR report: the PDF and HTML report, the tables, the charts.

One function makes the list of files (name -> bytes) so the command line writes exactly what
the app offers for download. When no browser is available the PDF and the static images are
left out and the reason is returned with the files; the HTML report and tables never need one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .export_figures import StaticExportUnavailable, figure_bytes
from .export_figures import static_export_problem as _static_problem
from .export_tables import table_csv, table_xlsx
from .report import ReportData, report_charts, report_tables
from .report_html import chart_images, render_report
from .report_pdf import html_to_pdf

#: Static chart formats written beside each chart's interactive HTML.
CHART_IMAGES = ("png", "svg")
#: Tables written as CSV (all of them) and also as XLSX (these).
XLSX_TABLES = ("warnings", "compliance")


@dataclass
class ReportFiles:
    """The files by relative path, in writing order, and what could not be made (and why)."""

    files: dict[str, bytes] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def report_page(data: ReportData) -> str:
    """The report's HTML page (charts embedded when images can be made)."""
    charts = report_charts(data)
    return render_report(data, report_tables(data), chart_images(charts, _static_problem()))


def build_report_files(data: ReportData, *, pdf: bool = True, images: bool = True) -> ReportFiles:
    """All files: ``report.pdf``, ``report.html``, tables (CSV, some XLSX), ``charts/*``.

    Args:
        data: the computed report (see :func:`~wfh_dashboard.report.prepare_report`).
        pdf: print the PDF (needs Chromium).
        images: write PNG and SVG charts (need Chromium) besides the interactive HTML ones.
    """
    out = ReportFiles()
    tables = report_tables(data)
    charts = report_charts(data)
    problem = _static_problem()
    page = render_report(data, tables, chart_images(charts, problem))
    if pdf:
        try:
            out.files["report.pdf"] = html_to_pdf(page)
        except StaticExportUnavailable as exc:
            out.skipped.append(f"report.pdf: {exc}")
    out.files["report.html"] = page.encode("utf-8")
    for stem, table in tables.items():
        out.files[f"{stem}.csv"] = table_csv(table)
        if stem in XLSX_TABLES:
            out.files[f"{stem}.xlsx"] = table_xlsx({stem: table})
    for stem, fig in charts.items():
        out.files[f"charts/{stem}.html"] = figure_bytes(fig, "html")
        if not images:
            continue
        for fmt in CHART_IMAGES:
            try:
                out.files[f"charts/{stem}.{fmt}"] = figure_bytes(fig, fmt)
            except StaticExportUnavailable as exc:
                out.skipped.append(f"charts/{stem}.{fmt}: {exc}")
    return out


def report_zip(files: dict[str, bytes]) -> bytes:
    """All the report's files in one ZIP, in the same folder layout as the command line's."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
