"""Realistic synthetic voter lists for ``coklit sample`` (everything invented).

``generate(out_dir, voters, seed, field_fraction=0.05, profile="standar", columns="lengkap")
-> {"pemilih": n, "lapangan": m}`` writes into ``out_dir``:

- ``dpt.csv``: a KPU-style list for Kota Palembang (18 kecamatan, 107 kelurahan, TPS of at
  most 600 voters; with ``wilayah="sumsel"``, or above 2,000,000 voters, the 241 kecamatan
  of Sumatera Selatan, see :func:`coklit.synth.places.kecamatan_of`), households of 1-6 voters, NIK/NKK with the real structure, placeholder
  birth dates, mixed-origin names with titles; plus injected duplicates, hard negatives and
  under-age rows.
- ``lapangan.csv``: Bawaslu field records from household spot checks (about
  ``field_fraction`` of voters, whole households) retyped with typos, masked or missing NIK,
  other date formats and spellings, statuses as officers write them; plus people missing from
  the list (eligible and a few ineligible).
- ``kunci/``: the answer key (``ganda``, ``tautan``, ``belum_terdaftar``, ``tms``,
  ``negatif_sulit``, ``lapangan`` CSVs and ``README.txt``). Every ``baris`` is the
  spreadsheet row (header row 1, first record row 2).

A duplicate group has one *original* row (the person's row in their own household) and one
or two copies placed elsewhere; field records of that person link (``tautan.csv``) to the
original. The same seed and profile give byte-identical files.

Rates and mixes live in a :class:`coklit.synth.profile.Profile`: ``"standar"`` (default) or
``"uji"``, a held-out configuration for evaluation only (other noise rates, another duplicate
mix, twice the hard negatives, and kinds ``"standar"`` never produces). ``columns="minimal"``
writes only NAMA, TANGGAL LAHIR, ALAMAT and KELURAHAN (plus STATUS and KETERANGAN in the field
file); rows and answer key are those of the full columns.
"""

from coklit.synth.field import STATUS_CATEGORY
from coklit.synth.generator import generate
from coklit.synth.profile import PROFILES, Profile

__all__ = ["generate", "STATUS_CATEGORY", "Profile", "PROFILES"]
