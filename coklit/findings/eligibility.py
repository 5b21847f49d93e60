"""Whether a field record is eligible to be listed, and why in words: from its status, its age
on election day and its marital status.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from coklit import birthdate
from coklit.fields import CATEGORIES, ELIGIBLE_CATEGORIES, TMS_CATEGORIES
from coklit.i18n import t, t_columns, texts


def field_eligibility(field: pd.DataFrame, election_date: dt.date, voting_age: int,
                      lang: str) -> tuple[pd.Series, pd.Series]:
    """(eligible: bool Series, reason: str Series) for field records, from their status, age
    on election day and marital status."""
    kategori = field["kategori"].astype(str)
    age = birthdate.ages(field["tgl_lahir"], election_date)
    age = age.fillna(field["usia_norm"].astype("Int64"))
    married = field["kawin_norm"].isin(["S", "P"]) | kategori.eq("kawin_bawah_17")
    of_age = (age >= voting_age).fillna(False).astype(bool)
    unknown_age = age.isna()
    not_tms = ~kategori.isin(TMS_CATEGORIES)
    eligible = not_tms & (of_age | married | unknown_age)
    label = kategori.map(texts("category", CATEGORIES, lang))
    reason = pd.Series(
        np.select(
            [kategori.isin(ELIGIBLE_CATEGORIES - {"ms", "baru", "ubah"}), married & ~of_age,
             of_age, unknown_age],
            [label.fillna(""),
             t("temuan.kawin", lang),
             t_columns("temuan.usia", lang, usia=age.astype(str)),
             t("temuan.usia_tidak_diketahui", lang)],
            "",
        ),
        index=field.index,
    )
    return eligible.astype(bool), reason
