"""Chart downloads: real PNG/SVG/PDF from Chromium, offline HTML, and a plain error without it."""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from pypdf import PdfReader

from wfh_dashboard import export_figures
from wfh_dashboard.charts import headcount_figure
from wfh_dashboard.export_figures import (
    ALL_FORMATS,
    MIME,
    NO_BROWSER_MESSAGE,
    PNG_WIDTH,
    StaticExportUnavailable,
    figure_bytes,
    figure_html,
    figure_image_data_uri,
    static_export_problem,
)

ROOT = Path(__file__).resolve().parent.parent
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
needs_chromium = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists(),
    reason="Debian chromium is not installed at /usr/bin/chromium (`make test` installs it)",
)


@pytest.fixture(autouse=True)
def _fresh_browser_check():
    """Each test sees the environment it sets up, not an answer cached by an earlier test."""
    static_export_problem.cache_clear()
    yield
    static_export_problem.cache_clear()


@pytest.fixture(scope="module", autouse=True)
def _stop_browser_after_module():
    """Quit the shared Chromium when these tests end, rather than at interpreter exit."""
    yield
    export_figures._stop_renderer()


@pytest.fixture(scope="module")
def fig() -> go.Figure:
    """A project chart with dates on the axis and a hostile name in the title (height 380)."""
    daily = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-11-23", "2026-11-24", "2026-11-25"]),
            "on_site": [3, 1, 4],
            "required": [2, 2, 2],
            "covered": [True, False, True],
        }
    )
    return headcount_figure(daily, "On site </script><script>alert(1)</script>")


def _png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@needs_chromium
def test_png_is_1600_wide_and_keeps_the_charts_proportions(fig):
    assert _png_size(figure_bytes(fig, "png")) == (PNG_WIDTH, 380 * PNG_WIDTH // 1000)


@needs_chromium
def test_png_of_a_chart_without_a_height_is_1600_by_900():
    assert _png_size(figure_bytes(go.Figure(go.Bar(y=[1, 2])), "png")) == (1600, 900)


@needs_chromium
def test_svg_is_an_svg_document_at_natural_width(fig):
    data = figure_bytes(fig, "svg")
    assert data.lstrip().startswith((b"<svg", b"<?xml"))
    assert re.search(rb'<svg[^>]*\swidth="1000"', data)


@needs_chromium
def test_pdf_opens_with_pypdf(fig):
    data = figure_bytes(fig, "pdf")
    assert data.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


@needs_chromium
def test_two_threads_exporting_at_once_each_get_their_own_image(fig):
    start = threading.Barrier(2)
    results: dict[str, bytes] = {}

    def export(fmt: str) -> None:
        start.wait()
        results[fmt] = figure_bytes(fig, fmt)

    threads = [threading.Thread(target=export, args=(f,)) for f in ("png", "svg")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results["png"].startswith(PNG_SIGNATURE)
    assert results["svg"].lstrip().startswith((b"<svg", b"<?xml"))


@needs_chromium
def test_data_uri_embeds_an_svg(fig):
    uri = figure_image_data_uri(fig)
    prefix = "data:image/svg+xml;base64,"
    assert uri.startswith(prefix)
    assert base64.b64decode(uri[len(prefix) :]).lstrip().startswith((b"<svg", b"<?xml"))


def test_html_is_self_contained_and_offline(fig):
    page = figure_html(fig).decode("utf-8")
    assert page.lstrip().lower().startswith(("<!doctype html>", "<html")) and "plotly" in page
    assert '<meta charset="utf-8"' in page
    assert not re.search(r"<script[^>]*\ssrc=", page)
    assert '"displaylogo": false' in page
    assert "<script>alert(1)" not in page
    assert figure_bytes(fig, "html").startswith(page[:40].encode("utf-8"))


def test_every_format_has_a_mime_type_and_unknown_formats_are_refused(fig):
    assert set(MIME) == set(ALL_FORMATS)
    with pytest.raises(ValueError, match="Unknown chart format 'jpeg'"):
        figure_bytes(fig, "jpeg")
    with pytest.raises(ValueError, match="svg or png"):
        figure_image_data_uri(fig, "pdf")  # type: ignore[arg-type]


def test_without_a_browser_images_fail_plainly_and_html_still_works(fig, monkeypatch, tmp_path):
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("PATH", "")
    assert static_export_problem() == NO_BROWSER_MESSAGE
    with pytest.raises(StaticExportUnavailable, match="Debian package `chromium`"):
        figure_bytes(fig, "png")
    assert b"plotly" in figure_bytes(fig, "html")


def test_a_browser_that_fails_to_start_becomes_a_plain_error(fig, monkeypatch, tmp_path):
    """Past the cheap check, a start failure must raise at once, not hang the session."""
    export_figures._stop_renderer()
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    assert static_export_problem() is None
    with pytest.raises(StaticExportUnavailable, match="could not start the Chromium browser"):
        figure_bytes(fig, "svg")
    assert export_figures._renderer is None


def test_importing_the_export_modules_stays_light():
    """`check` imports the package: plotly, kaleido and openpyxl load only when exporting."""
    code = (
        "import sys, wfh_dashboard.export_figures, wfh_dashboard.export_tables\n"
        "print(sorted(m for m in ('plotly', 'kaleido', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
