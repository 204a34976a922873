"""The states and territories locator writes out (so that a search need not import ``us``)
are those of the pinned ``us`` package, in its order, with the same codes, names and AP
abbreviations: a place is read the same with either."""

from __future__ import annotations

import us

from locator.data.states import STATES_AND_TERRITORIES


def test_the_written_out_states_are_the_us_packages() -> None:
    assert [tuple(state) for state in STATES_AND_TERRITORIES] == [
        (state.abbr, state.name, state.ap_abbr) for state in us.states.STATES_AND_TERRITORIES
    ]
