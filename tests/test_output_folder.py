"""Result folders: atomic, locked, never over an input, verified by `coklit laporan`, and
CSV cells that cannot run as formulas."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from test_report_outputs import make_result
from typer.testing import CliRunner

import coklit.report.folder as folder_mod
from coklit.cli import app
from coklit.config import OutputConfig
from coklit.errors import InputError, OutputError
from coklit.report import load_result, open_result_folder, safe_name, write_outputs
from coklit.results import RunResult

runner = CliRunner()
FAST = OutputConfig(html=False, xlsx=False)


def _csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _entries(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _manifest_holds(folder: Path) -> bool:
    """Every file of the folder is in the manifest with its hash, and nothing else is there."""
    info = json.loads((folder / "info_proses.json").read_text(encoding="utf-8"))
    manifest = info["manifest"]
    files = [f for f in _entries(folder) if f != "info_proses.json"]
    if sorted(manifest) != files:
        return False
    return all(hashlib.sha256((folder / f).read_bytes()).hexdigest() == manifest[f]["sha256"]
               for f in files)


def _flat(text: str) -> str:
    """Terminal output without the line breaks rich adds to fit the width."""
    return " ".join(text.split())


def _siblings(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


# --- manifest and replacement -----------------------------------------------------------------


def test_manifest_lists_every_file_with_hash_and_rows(tmp_path: Path) -> None:
    out = tmp_path / "hasil"
    written = write_outputs(make_result(), out, OutputConfig(per_kecamatan=True))
    assert all(p.exists() and out in p.parents for p in written)
    assert _manifest_holds(out)
    info = json.loads((out / "info_proses.json").read_text(encoding="utf-8"))
    assert info["manifest"]["ganda.csv"]["baris"] == 2
    assert "baris" not in info["manifest"]["temuan.xlsx"]
    assert any(k.startswith("per_kecamatan/") for k in info["manifest"])
    assert _manifest_holds(out / "per_kecamatan" / "ILIR_BARAT_II")
    assert _siblings(out) == []  # no lock, staging or old folder left behind


def test_a_new_run_removes_files_of_the_earlier_one(tmp_path: Path) -> None:
    out = tmp_path / "hasil"
    write_outputs(make_result(), out, OutputConfig(per_kecamatan=True))
    assert (out / "cocok.csv").exists() and (out / "per_kecamatan").is_dir()
    result = make_result()
    only = RunResult("validate", {k: result.tables[k] for k in ("tidak_valid", "ditolak")},
                     dict(result.meta, command="validate"))
    write_outputs(only, out, FAST)
    assert _entries(out) == ["ditolak.csv", "info_proses.json", "tidak_valid.csv"]
    assert _manifest_holds(out)


@pytest.mark.parametrize("where", ["same", "inside"])
def test_never_writes_over_an_input(tmp_path: Path, where: str) -> None:
    out = tmp_path / "hasil"
    out.mkdir()
    tms = out / "tms.csv"  # an input named like an output, in the --out folder
    tms.write_text("NIK,NAMA\n1,SITI\n", encoding="utf-8")
    inputs = [out] if where == "same" else [tms]
    with pytest.raises(OutputError) as caught:
        write_outputs(make_result(), out, FAST, inputs=inputs)
    assert caught.value.key == "output.is_input"
    assert tms.read_text(encoding="utf-8") == "NIK,NAMA\n1,SITI\n"


def test_a_folder_with_other_files_is_refused_and_left_alone(tmp_path: Path) -> None:
    out = tmp_path / "dokumen"
    out.mkdir()
    (out / "surat.docx").write_bytes(b"x")
    (out / "ganda.csv").write_text("lama", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        write_outputs(make_result(), out, FAST)
    assert caught.value.key == "output.foreign" and "surat.docx" in caught.value.message()
    assert _entries(out) == ["ganda.csv", "surat.docx"]


def test_out_naming_a_file_is_refused(tmp_path: Path, samples: Path) -> None:
    target = tmp_path / "hasil.csv"
    target.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(samples / "dpt.csv"), "--out", str(target)])
    assert result.exit_code == 2 and "bukan folder" in _flat(result.output)
    assert target.read_text(encoding="utf-8") == "x"


# --- lock -------------------------------------------------------------------------------------


def test_a_second_run_on_the_same_folder_is_refused(tmp_path: Path, samples: Path) -> None:
    out = tmp_path / "hasil"
    holder = open_result_folder(out)
    try:
        with pytest.raises(OutputError) as caught:
            write_outputs(make_result(), out, FAST)
        assert caught.value.key == "output.locked" and f"pid {os.getpid()}" in caught.value.message()
        cli = runner.invoke(app, ["validate", str(samples / "dpt.csv"), "--out", str(out)])
        assert cli.exit_code == 2 and "sedang dipakai" in _flat(cli.output)
        assert f"pid {os.getpid()}" in _flat(cli.output)
    finally:
        holder.close()
    write_outputs(make_result(), out, FAST)  # free again once the holder is done
    assert _siblings(out) == []


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    out = tmp_path / "hasil"
    code = ("import sys,time; from pathlib import Path; from coklit.report import "
            "open_result_folder as o; f=o(Path(sys.argv[1])); print('ok', flush=True); "
            "time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(out)], stdout=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ok"
        with pytest.raises(OutputError):
            write_outputs(make_result(), out, FAST)
    finally:
        proc.kill()
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    write_outputs(make_result(), out, FAST)
    assert _manifest_holds(out)


# --- faults -----------------------------------------------------------------------------------


def _fail_on_xlsx(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    def broken(result, path, cfg):  # type: ignore[no-untyped-def]
        Path(path).write_bytes(b"PK half")
        raise OSError(code, os.strerror(code), str(path))

    import coklit.report.xlsx

    monkeypatch.setattr(coklit.report.xlsx, "write_xlsx", broken)


@pytest.mark.parametrize(("code", "words"), [(errno.ENOSPC, "disk penuh"),
                                             (errno.EROFS, "izin menulis")])
def test_a_failed_write_keeps_the_previous_result(tmp_path: Path, monkeypatch, code, words) -> None:
    out = tmp_path / "hasil"
    write_outputs(make_result(), out, OutputConfig(html=False))
    before = {f: (out / f).read_bytes() for f in _entries(out)}
    _fail_on_xlsx(monkeypatch, code)
    with pytest.raises(OutputError) as caught:
        write_outputs(make_result(), out, OutputConfig(html=False))
    message = caught.value.message()
    assert words in message and str(out) in message and "tidak berubah" in message
    assert {f: (out / f).read_bytes() for f in _entries(out)} == before
    assert _siblings(out) == []


def test_unwritable_location_fails_before_the_work(tmp_path: Path, samples: Path,
                                                   monkeypatch) -> None:
    import coklit.pipeline

    def not_reached(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the pipeline ran although the folder cannot be written")

    real_mkdir = Path.mkdir

    def read_only(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if folder_mod.STAGING_TAG in self.name:
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(coklit.pipeline, "run_validate", not_reached)
    monkeypatch.setattr(Path, "mkdir", read_only)
    result = runner.invoke(app, ["validate", str(samples / "dpt.csv"), "--out",
                                 str(tmp_path / "hasil")])
    assert result.exit_code == 2, result.output
    assert "izin menulis" in _flat(result.output) and "Traceback" not in result.output


def test_a_crash_between_the_two_renames_is_repaired(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "hasil"
    write_outputs(make_result(), out, FAST)
    before = _entries(out)
    monkeypatch.setattr(folder_mod, "_exchange", lambda a, b: False)
    real_rename = os.rename
    calls = []

    def die_on_second(src, dst):  # type: ignore[no-untyped-def]
        calls.append(src)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process dies here: old result aside, new not in place
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", die_on_second)
    with pytest.raises(KeyboardInterrupt):
        write_outputs(make_result(), out, FAST)
    monkeypatch.setattr(os, "rename", real_rename)
    assert not out.exists()
    with open_result_folder(out):  # the next run puts the previous result back first
        restored = _entries(out)
    assert restored == before and _manifest_holds(out)


@pytest.mark.slow
def test_a_kill_at_any_moment_leaves_a_complete_result(tmp_path: Path, samples: Path) -> None:
    """SIGKILL a real `coklit validate` at several moments: --out is always the previous
    complete result or the new complete one, never a mix."""
    out = tmp_path / "hasil"
    command = [sys.executable, "-m", "coklit", "validate", str(samples / "dpt.csv"), "--out",
               str(out)]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    subprocess.run(command, check=True, capture_output=True, env=env)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    full = time.perf_counter() - start
    for fraction in (0.6, 0.85, 0.95):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=env)
        time.sleep(full * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert _manifest_holds(out), fraction
        assert len(load_result(out).tables["tidak_valid"]) > 0
    # the next run cleans up what the kills left next to the folder
    subprocess.run(command, check=True, capture_output=True, env=env)
    assert _siblings(out) == []


# --- per-kecamatan folder names ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("display", "expected"),
    [("ILIR BARAT II", "ILIR_BARAT_II"), ("CON", "CON_"), ("nul", "NUL_"), ("Com1", "COM1_"),
     ("LPT9", "LPT9_"), ("CONTOH", "CONTOH"), ("X" * 300, "X" * 60), ("???", "TANPA_KECAMATAN")],
)
def test_safe_folder_names(display: str, expected: str) -> None:
    assert safe_name(display) == expected


def test_long_and_reserved_kecamatan_names_in_packs(tmp_path: Path) -> None:
    result = make_result()
    for table in result.tables.values():
        if "kecamatan" in table.columns:
            table["kecamatan"] = table["kecamatan"].replace({"ILIR BARAT II": "K" * 300,
                                                             "SEBERANG ULU I": "CON"})
    cocok = result.tables["cocok"]
    cocok["kecamatan_lapangan"] = "NUL"
    out = tmp_path / "hasil"
    write_outputs(result, out, OutputConfig(per_kecamatan=True, html=False))
    names = sorted(p.name for p in (out / "per_kecamatan").iterdir())
    assert names == ["CON_", "K" * 60, "NUL_"]


# --- coklit laporan trusts nothing --------------------------------------------------------------


def _written(tmp_path: Path) -> Path:
    out = tmp_path / "hasil"
    write_outputs(make_result(), out, FAST)
    return out


def _edit_info(out: Path, change) -> None:  # type: ignore[no-untyped-def]
    path = out / "info_proses.json"
    info = json.loads(path.read_text(encoding="utf-8"))
    change(info)
    path.write_text(json.dumps(info), encoding="utf-8")


def test_laporan_refuses_a_changed_table(tmp_path: Path) -> None:
    out = _written(tmp_path)
    with open(out / "ganda.csv", "a", encoding="utf-8") as fh:
        fh.write("9,dpt.csv,99\n")
    with pytest.raises(InputError) as caught:
        load_result(out)
    assert caught.value.key == "report.mismatch" and "ganda.csv" in caught.value.message()
    cli = runner.invoke(app, ["laporan", str(out)])
    assert cli.exit_code == 2 and "ganda.csv" in _flat(cli.output)


def test_laporan_refuses_a_half_written_folder(tmp_path: Path) -> None:
    out = _written(tmp_path)
    data = (out / "tms.csv").read_bytes()
    (out / "tms.csv").write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError):
        load_result(out)
    _edit_info(out, lambda info: info.pop("manifest"))
    with pytest.raises(InputError) as caught:
        load_result(out)
    assert caught.value.key == "report.no_manifest"


@pytest.mark.parametrize("name", ["../v", "/etc/passwd", "..\\v", "ganda/../../v"])
def test_laporan_reads_only_its_own_tables(tmp_path: Path, name: str) -> None:
    out = _written(tmp_path)
    outside = tmp_path / "v.csv"
    outside.write_text("berkas,baris\nx,1\n", encoding="utf-8")

    def crafted(info: dict) -> None:
        info["jumlah_baris"][name] = 1

    _edit_info(out, crafted)
    cli = runner.invoke(app, ["laporan", str(out)])
    assert cli.exit_code == 2, cli.output
    assert "bukan tabel coklit" in _flat(cli.output)
    assert outside.read_text(encoding="utf-8") == "berkas,baris\nx,1\n"


@pytest.mark.parametrize("path", ["../v.csv", "/tmp/v.csv", "C:/v.csv", "a/../../v.csv"])
def test_laporan_refuses_manifest_paths_outside_the_folder(tmp_path: Path, path: str) -> None:
    out = _written(tmp_path)

    def crafted(info: dict) -> None:
        info["manifest"][path] = {"sha256": "0" * 64}

    _edit_info(out, crafted)
    with pytest.raises(InputError) as caught:
        load_result(out)
    assert caught.value.key == "report.mismatch"


def test_laporan_rewrites_a_verified_folder_in_place(tmp_path: Path) -> None:
    out = tmp_path / "hasil"
    write_outputs(make_result(), out, OutputConfig(per_kecamatan=True, html=False))
    cli = runner.invoke(app, ["laporan", str(out), "--lang", "en"])
    assert cli.exit_code == 0, cli.output
    assert (out / "laporan.html").exists() and (out / "per_kecamatan").is_dir()
    assert _manifest_holds(out)


# --- formula injection --------------------------------------------------------------------------

HOSTILE = ['=HYPERLINK("http://x","klik")', "+62 812", "-1+2", "@SUM(A1)", "\tTAB", "\rCR"]


def test_csv_cells_cannot_run_as_formulas_and_xlsx_keeps_the_text(tmp_path: Path) -> None:
    result = make_result()
    ganda = result.tables["ganda"]
    ganda = pd.concat([ganda] * 3, ignore_index=True).head(len(HOSTILE))
    ganda["nama"] = HOSTILE
    ganda["alamat"] = "JL. BIASA"
    result.tables["ganda"] = ganda
    out = tmp_path / "hasil"
    write_outputs(result, out, OutputConfig())
    written = _csv(out / "ganda.csv")
    # a CR inside a cell becomes a line feed (so the row stays one row), then the quote
    assert written["nama"].tolist() == ["'" + v for v in HOSTILE[:-1]] + ["\nCR"]
    assert written["alamat"].tolist() == ["JL. BIASA"] * len(HOSTILE)
    assert load_result(out).tables["ganda"]["nama"].tolist() == [*HOSTILE[:-1], "\nCR"]
    with zipfile.ZipFile(out / "temuan.xlsx") as book:
        sheets = [n for n in book.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = "".join(book.read(n).decode("utf-8") for n in sheets)
    assert "<f>" not in xml and "HYPERLINK" in xml  # text cells, never formulas


def test_loading_keeps_a_leading_quote_the_input_had(tmp_path: Path) -> None:
    result = make_result()
    result.tables["ganda"].loc[0, "nama"] = "'ABDUL"
    out = tmp_path / "hasil"
    write_outputs(result, out, FAST)
    assert _csv(out / "ganda.csv")["nama"].iloc[0] == "'ABDUL"
    assert load_result(out).tables["ganda"]["nama"].iloc[0] == "'ABDUL"
