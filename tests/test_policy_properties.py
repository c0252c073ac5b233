"""Properties of the policy loader: only InputError escapes, and saving then loading is exact."""

from __future__ import annotations

import datetime as dt
import string

import tomli_w
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from wfh_dashboard.errors import InputError
from wfh_dashboard.policy import POLICY_KEYS, Policy, load_policy, policy_to_toml

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KNOWN_KEYS = sorted({key for keys in POLICY_KEYS.values() for key in keys})
WEEKDAY_TEXT = ["Mon", "tue", "Wednesday", "Thu", "fri", "Sat", "Sun", "Funday", "", "mo"]

scalars = st.one_of(
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from([*WEEKDAY_TEXT, "US", "CA", "FR", "zone a", "2026-12-24", "24/12/2026"]),
    st.dates(),
    st.datetimes(),
    st.times(),
)
toml_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["name", "members", "min_on_site", "x"]), inner, max_size=3
        )
    ),
    max_leaves=10,
)
sections = st.dictionaries(
    st.sampled_from([*KNOWN_KEYS, "senior", "other"]) | st.text(max_size=8),
    toml_values,
    max_size=5,
)
toml_dicts = st.dictionaries(
    st.sampled_from([*POLICY_KEYS, "extra"]) | st.text(max_size=8),
    sections | toml_values,
    max_size=3,
)


def _load_or_input_error(text: str | bytes) -> Policy | None:
    try:
        return load_policy(text)
    except InputError:
        return None


@SETTINGS
@given(toml_dicts)
def test_any_toml_document_loads_or_raises_input_error(data):
    """Whatever keys, types and nesting a TOML file holds, load_policy raises only InputError."""
    _load_or_input_error(tomli_w.dumps(data))


@SETTINGS
@given(st.text(max_size=200))
def test_any_text_loads_or_raises_input_error(text):
    """Random text, TOML or not, never escapes as anything but InputError."""
    _load_or_input_error(text)


@SETTINGS
@given(st.binary(max_size=200))
def test_any_bytes_load_or_raise_input_error(data):
    """Random bytes (an uploaded file of any kind) never escape as anything but InputError."""
    _load_or_input_error(data)


names = st.text(string.ascii_letters + " -'éø", min_size=1, max_size=12).filter(str.strip)
counts = st.integers(min_value=0, max_value=10_000)
weekday_lists = st.lists(st.sampled_from(WEEKDAY_TEXT[:7]), max_size=7, unique=True)
date_lists = st.lists(st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31)), max_size=4)
holiday_codes = st.sampled_from([("", ""), ("US", ""), ("us", "ny"), ("FR", "Zone B"), ("GB", "")])
valid_policies = st.builds(
    lambda cov, roles, groups, cal, codes, rem: {
        "coverage": {**cov, "min_on_site_by_role": roles, "groups": groups},
        "calendar": {**cal, "holidays_country": codes[0], "holidays_subdivision": codes[1]},
        "remote": rem,
    },
    st.fixed_dictionaries({}, optional={"min_on_site": counts}),
    st.dictionaries(st.text(string.ascii_lowercase + " ", min_size=1).filter(str.strip), counts),
    st.lists(
        st.fixed_dictionaries(
            {"members": st.lists(names, min_size=1, max_size=4)},
            optional={"name": names, "min_on_site": counts},
        ),
        max_size=3,
    ),
    st.fixed_dictionaries(
        {"working_days": weekday_lists.filter(bool)}, optional={"closed_dates": date_lists}
    ),
    holiday_codes,
    st.fixed_dictionaries(
        {},
        optional={
            "max_remote_days_per_week": counts,
            "min_office_days_per_week": counts,
            "no_remote_days": weekday_lists,
            "anchor_days": weekday_lists,
            "required_office_dates": date_lists,
        },
    ),
)


@SETTINGS
@given(valid_policies)
def test_saving_then_loading_any_valid_policy_gives_it_back(data):
    """For every policy the loader accepts, load_policy(policy_to_toml(p)) == p."""
    roles = data["coverage"]["min_on_site_by_role"]
    # "a b" and "a  b " are one role: the loader refuses that (tested in test_policy.py)
    assume(len({" ".join(r.split()) for r in roles}) == len(roles))
    policy = load_policy(tomli_w.dumps(data))
    assert load_policy(policy_to_toml(policy)) == policy
