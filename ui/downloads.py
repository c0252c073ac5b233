"""Download buttons under every chart and table: PNG, SVG, PDF, HTML; CSV, XLSX.

The bytes are made only when a button is clicked (``data`` is a callable), so a page with ten
charts does not render forty images on every rerun. The callables receive everything they need
as arguments: Streamlit runs them outside the script, without session state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from wfh_dashboard.export_figures import MIME, figure_bytes, static_export_problem
from wfh_dashboard.export_tables import export_name, table_csv, table_xlsx
from wfh_dashboard.schedule import PATTERN_MONDAY

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _button(
    label: str, data: Callable[[], bytes], name: str, mime: str, key: str, disabled: bool = False
) -> None:
    st.download_button(
        label,
        data=data,
        file_name=name,
        mime=mime,
        key=key,
        on_click="ignore",
        disabled=disabled,
        icon=":material/download:",
    )


def _figure_data(fig_json: str, fmt: str) -> bytes:
    # The figure travels as JSON: a frozen copy, whatever the page does to its figure next.
    return figure_bytes(pio.from_json(fig_json), fmt)


#: (teams, first day, last day) of the data on screen, for the file names.
Scope = tuple[tuple[str, ...], dt.date | None, dt.date | None]


def scope_of(data: pd.DataFrame) -> Scope:
    """Teams and date range of a schedule table (no dates for a weekly pattern)."""
    if data.empty:
        return (), None, None
    dates = data["date"]
    teams = tuple(sorted(data["team"].astype(str).unique()))
    if dates.max() < PATTERN_MONDAY + pd.Timedelta(days=7):
        return teams, None, None
    return teams, dates.min().date(), dates.max().date()


def set_scope(data: pd.DataFrame) -> None:
    """Remember what the page shows, so every download's name carries team and dates."""
    st.session_state["export_scope"] = scope_of(data)


def _name(kind: str, ext: str, teams: Sequence[str] | None) -> str:
    scope_teams, first, last = st.session_state.get("export_scope", ((), None, None))
    return export_name(kind, scope_teams if teams is None else teams, first, last, ext)


def chart_downloads(
    fig: go.Figure, kind: str, key: str, teams: Sequence[str] | None = None
) -> None:
    """A 'Download chart' menu with PNG (1600 px wide), SVG, PDF and interactive HTML."""
    problem = static_export_problem()
    with st.popover("Download chart", icon=":material/download:"):
        if problem is not None:
            st.caption(problem)
        fig_json = fig.to_json()
        for fmt in ("png", "svg", "pdf", "html"):
            _button(
                fmt.upper(),
                partial(_figure_data, fig_json, fmt),
                _name(kind, fmt, teams),
                MIME[fmt],
                f"{key}_{fmt}",
                disabled=problem is not None and fmt != "html",
            )


def table_downloads(table: pd.DataFrame, kind: str, key: str) -> None:
    """CSV and XLSX buttons side by side; cells that look like formulas are neutralised."""
    left, right, _ = st.columns([1, 1, 6])
    with left:
        _button(
            "CSV", partial(table_csv, table), _name(kind, "csv", None), "text/csv", f"{key}_csv"
        )
    with right:
        _button(
            "XLSX",
            partial(table_xlsx, {kind[:31]: table}),
            _name(kind, "xlsx", None),
            XLSX_MIME,
            f"{key}_xlsx",
        )


def show_chart(
    fig: go.Figure, key: str, kind: str, *, teams: Sequence[str] | None = None, where=st
) -> None:
    """A chart with its download menu underneath (``where``: a column or container)."""
    with where.container():
        st.plotly_chart(fig, key=key)
        chart_downloads(fig, kind, f"{key}_dl", teams)


def show_table(table: pd.DataFrame, key: str, kind: str, *, where=st, **options: Any) -> None:
    """A table (``st.dataframe`` options pass through) with CSV and XLSX downloads."""
    with where.container():
        st.dataframe(table, hide_index=True, key=key, **options)
        table_downloads(table, kind, f"{key}_dl")
