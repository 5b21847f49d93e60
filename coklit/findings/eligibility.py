"""Whether a field record is eligible to be listed, and why (a coded cell): from its status, its age
on election day and its marital status.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from coklit import birthdate
from coklit.coded import code, code_columns, codes
from coklit.fields import CATEGORIES, ELIGIBLE_CATEGORIES, TMS_CATEGORIES


def field_eligibility(field: pd.DataFrame, election_date: dt.date, voting_age: int
                      ) -> tuple[pd.Series, pd.Series]:
    """(eligible: bool Series, reason: coded cell Series) for field records, from their status, age
    on election day and marital status."""
    kategori = field["kategori"].astype(str)
    age = birthdate.ages(field["tgl_lahir"], election_date)
    age = age.fillna(field["usia_norm"].astype("Int64"))
    married = field["kawin_norm"].isin(["S", "P"]) | kategori.eq("kawin_bawah_17")
    of_age = (age >= voting_age).fillna(False).astype(bool)
    unknown_age = age.isna()
    not_tms = ~kategori.isin(TMS_CATEGORIES)
    eligible = not_tms & (of_age | married | unknown_age)
    label = kategori.map(codes("category", CATEGORIES))
    reason = pd.Series(
        np.select(
            [kategori.isin(ELIGIBLE_CATEGORIES - {"ms", "baru", "ubah"}), married & ~of_age,
             of_age, unknown_age],
            [label.fillna(""),
             code("temuan.kawin"),
             code_columns("temuan.usia", usia=age.astype(str)),
             code("temuan.usia_tidak_diketahui")],
            "",
        ),
        index=field.index,
    )
    return eligible.astype(bool), reason
