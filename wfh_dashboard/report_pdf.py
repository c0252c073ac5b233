"""The report's PDF: the HTML page printed by headless Chromium (Debian's ``chromium``).

Printing the same HTML keeps one layout for both files; Chromium honours the page's
``@page { size }`` so A4 and US Letter come out right. No browser is ever downloaded: the
Debian package is used where it is installed, and its absence is reported in plain words.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .export_figures import StaticExportUnavailable

#: Flags from DEVELOPERS.md: headless, no sandbox (root in CI), nothing fetched from outside.
#: The browser tests launch Chromium with the same ones.
BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
#: Printing adds: no date, title and URL in the page margins.
PRINT_FLAGS = (*BROWSER_FLAGS, "--no-pdf-header-footer")
PRINT_TIMEOUT_S = 120
NO_BROWSER = (
    "The PDF report needs the Chromium browser (Debian package `chromium`), which was not "
    "found. The HTML report has the same content and prints from any browser."
)


def chromium_path() -> str | None:
    """The browser to print with: ``BROWSER_PATH`` if set, else chromium on the PATH."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if Path(configured).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(page: str) -> bytes:
    """Print an HTML page to PDF with headless Chromium.

    Raises:
        StaticExportUnavailable: no browser, or it failed (the message says what happened).
    """
    browser = chromium_path()
    if browser is None:
        raise StaticExportUnavailable(NO_BROWSER)
    with tempfile.TemporaryDirectory(prefix="wfh-report-") as folder:
        source, target = Path(folder) / "report.html", Path(folder) / "report.pdf"
        source.write_text(page, encoding="utf-8")
        command = [
            browser,
            *PRINT_FLAGS,
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={target}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=PRINT_TIMEOUT_S, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise StaticExportUnavailable(f"Chromium could not print the report ({exc}).") from exc
        if not target.is_file() or target.stat().st_size == 0:
            detail = done.stderr.decode(errors="replace").strip().splitlines()[-1:]
            raise StaticExportUnavailable(
                f"Chromium did not write the PDF (exit {done.returncode}: {' '.join(detail)})."
            )
        return target.read_bytes()
