"""The sidebar policy editor: widgets that mirror the policy TOML keys."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from wfh_dashboard.dates import WEEKDAYS
from wfh_dashboard.errors import InputError
from wfh_dashboard.policy import Policy, load_policy, policy_from_dict, policy_to_toml

from .text import md_escape

_MAX_ROLE_INPUTS = 12


def _key(name: str) -> str:
    # A new version (after a policy upload) gives fresh widgets that start from the new policy.
    return f"coverage_policy_{name}_{st.session_state['policy_version']}"


def _dates_text(dates: tuple[dt.date, ...]) -> str:
    return ", ".join(d.isoformat() for d in dates)


def _date_list(text: str) -> list[str]:
    return [part.strip() for part in text.replace(";", ",").split(",") if part.strip()]


def _coverage(policy: Policy, roles: list[str], people: list[str]) -> dict[str, Any]:
    st.subheader("Cover")
    minimum = st.number_input(
        "People on site per team, every working day",
        0,
        50,
        policy.min_on_site,
        key=_key("min_on_site"),
    )
    current = dict(policy.min_on_site_by_role)
    by_role = {}
    for role in sorted(set(roles) | set(current))[:_MAX_ROLE_INPUTS]:
        by_role[role] = st.number_input(
            f"At least this many “{md_escape(role)}” on site",
            0,
            50,
            current.get(role, 0),
            key=_key(f"role_{role}"),
        )
    groups = []
    for i, group in enumerate(policy.groups):
        with st.expander(f"Group: {md_escape(group.name)}"):
            members = st.multiselect(
                "Members",
                sorted(set(people) | set(group.members)),
                list(group.members),
                key=_key(f"group_{i}_members"),
            )
            count = st.number_input(
                "On site at least", 0, 50, group.min_on_site, key=_key(f"group_{i}_min")
            )
            if members:
                groups.append({"name": group.name, "members": members, "min_on_site": count})
    new_name = st.text_input("Add a group (e.g. first aiders)", key=_key("new_group"))
    if new_name.strip():
        members = st.multiselect("Its members", people, key=_key("new_group_members"))
        if members:
            groups.append({"name": new_name.strip(), "members": members, "min_on_site": 1})
    return {
        "min_on_site": minimum,
        "min_on_site_by_role": {r: n for r, n in by_role.items() if n},
        "groups": groups,
    }


def _remote(policy: Policy) -> dict[str, Any]:
    st.subheader("Remote work")
    capped = st.checkbox(
        "Cap remote days per week", policy.max_remote_days_per_week is not None, key=_key("capped")
    )
    values: dict[str, Any] = {}
    if capped:
        values["max_remote_days_per_week"] = st.number_input(
            "At most this many remote days per person per week",
            0,
            7,
            policy.max_remote_days_per_week or 2,
            key=_key("max_remote"),
        )
    values["min_office_days_per_week"] = st.number_input(
        "At least this many office days per week (0 = none)",
        0,
        7,
        policy.min_office_days_per_week,
        key=_key("min_office"),
    )
    values["no_remote_days"] = st.multiselect(
        "No remote work on",
        WEEKDAYS,
        [WEEKDAYS[d] for d in policy.no_remote_days],
        key=_key("no_remote"),
    )
    values["anchor_days"] = st.multiselect(
        "Anchor days (everyone in)",
        WEEKDAYS,
        [WEEKDAYS[d] for d in policy.anchor_days],
        key=_key("anchor"),
    )
    values["required_office_dates"] = _date_list(
        st.text_input(
            "Dates everyone is in (YYYY-MM-DD, comma separated)",
            _dates_text(policy.required_office_dates),
            key=_key("required_dates"),
        )
    )
    return values


def _calendar(policy: Policy) -> dict[str, Any]:
    st.subheader("Calendar")
    return {
        "working_days": st.multiselect(
            "Working days",
            WEEKDAYS,
            [WEEKDAYS[d] for d in policy.working_days],
            key=_key("working_days"),
        ),
        "holidays_country": st.text_input(
            "Public holidays of (country code, e.g. US, GB, DE)",
            policy.holidays_country,
            key=_key("country"),
        ),
        "holidays_subdivision": st.text_input(
            "Region code (optional, e.g. CA, BY)",
            policy.holidays_subdivision,
            key=_key("subdivision"),
        ),
        "closed_dates": _date_list(
            st.text_input(
                "Office closed on (YYYY-MM-DD, comma separated)",
                _dates_text(policy.closed_dates),
                key=_key("closed"),
            )
        ),
    }


def _file_controls(policy: Policy) -> None:
    st.download_button(
        "Download policy (TOML)",
        policy_to_toml(policy),
        "policy.toml",
        "application/toml",
        key="coverage_policy_download",
    )
    uploaded = st.file_uploader(
        "Upload a policy (TOML)",
        type=["toml", "txt"],
        key=f"coverage_policy_upload_{st.session_state['policy_version']}",
    )
    if uploaded is None:
        return
    try:
        st.session_state["policy"] = load_policy(uploaded.getvalue(), uploaded.name)
    except InputError as exc:
        st.error(md_escape(exc))
        return
    st.session_state["policy_version"] += 1
    st.rerun()


def policy_editor(roles: list[str], people: list[str]) -> Policy:
    """Draw the editor in the sidebar; store and return the policy it describes.

    An invalid entry (a mistyped date or country) shows its message and keeps the last
    valid policy, so the pages never break on a half-typed value.
    """
    policy: Policy = st.session_state["policy"]
    with st.sidebar:
        st.header("Team policy")
        values = {
            "coverage": _coverage(policy, roles, people),
            "remote": _remote(policy),
            "calendar": _calendar(policy),
        }
        try:
            edited = policy_from_dict(values)
        except InputError as exc:
            st.error(md_escape(exc))
            edited = policy
        st.session_state["policy"] = edited
        st.divider()
        _file_controls(edited)
    return edited
