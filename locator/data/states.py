"""The US states and territories locator knows: each one's code, name and AP abbreviation.

The 56 of ``us.states.STATES_AND_TERRITORIES`` (the ``us`` package, pinned), in its order,
written out: importing ``us`` loads every county of every state, which a search never needs
(tests/unit/test_states.py checks this copy against it).
"""

from __future__ import annotations

from typing import NamedTuple


class State(NamedTuple):
    """A state or territory."""

    abbr: str  # the two-letter postal code: "UT"
    name: str  # "Utah"
    ap_abbr: str | None  # the Associated Press's abbreviation ("Calif."); None for territories


STATES_AND_TERRITORIES = (
    State("AL", "Alabama", "Ala."),
    State("AK", "Alaska", "Alaska"),
    State("AZ", "Arizona", "Ariz."),
    State("AR", "Arkansas", "Ark."),
    State("CA", "California", "Calif."),
    State("CO", "Colorado", "Colo."),
    State("CT", "Connecticut", "Conn."),
    State("DE", "Delaware", "Del."),
    State("FL", "Florida", "Fla."),
    State("GA", "Georgia", "Ga."),
    State("HI", "Hawaii", "Hawaii"),
    State("ID", "Idaho", "Idaho"),
    State("IL", "Illinois", "Ill."),
    State("IN", "Indiana", "Ind."),
    State("IA", "Iowa", "Iowa"),
    State("KS", "Kansas", "Kan."),
    State("KY", "Kentucky", "Ky."),
    State("LA", "Louisiana", "La."),
    State("ME", "Maine", "Maine"),
    State("MD", "Maryland", "Md."),
    State("MA", "Massachusetts", "Mass."),
    State("MI", "Michigan", "Mich."),
    State("MN", "Minnesota", "Minn."),
    State("MS", "Mississippi", "Miss."),
    State("MO", "Missouri", "Mo."),
    State("MT", "Montana", "Mont."),
    State("NE", "Nebraska", "Neb."),
    State("NV", "Nevada", "Nev."),
    State("NH", "New Hampshire", "N.H."),
    State("NJ", "New Jersey", "N.J."),
    State("NM", "New Mexico", "N.M."),
    State("NY", "New York", "N.Y."),
    State("NC", "North Carolina", "N.C."),
    State("ND", "North Dakota", "N.D."),
    State("OH", "Ohio", "Ohio"),
    State("OK", "Oklahoma", "Okla."),
    State("OR", "Oregon", "Ore."),
    State("PA", "Pennsylvania", "Pa."),
    State("RI", "Rhode Island", "R.I."),
    State("SC", "South Carolina", "S.C."),
    State("SD", "South Dakota", "S.D."),
    State("TN", "Tennessee", "Tenn."),
    State("TX", "Texas", "Texas"),
    State("UT", "Utah", "Utah"),
    State("VT", "Vermont", "Vt."),
    State("VA", "Virginia", "Va."),
    State("WA", "Washington", "Wash."),
    State("WV", "West Virginia", "W.Va."),
    State("WI", "Wisconsin", "Wis."),
    State("WY", "Wyoming", "Wyo."),
    State("AS", "American Samoa", None),
    State("GU", "Guam", None),
    State("MP", "Northern Mariana Islands", None),
    State("PR", "Puerto Rico", None),
    State("VI", "Virgin Islands", None),
    State("DC", "District of Columbia", "D.C."),
)
STATE_CODES = tuple(state.abbr for state in STATES_AND_TERRITORIES)
