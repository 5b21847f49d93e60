"""Terminal summary: returns rich renderables; the CLI prints them (nothing is printed here).

This is the only module besides ``coklit/cli.py`` that imports rich.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rich import box  # noqa: TID251 - the terminal renderer is rich's home
from rich.console import Group  # noqa: TID251
from rich.table import Table  # noqa: TID251
from rich.text import Text  # noqa: TID251

from coklit.i18n import family, t
from coklit.report.labels import column_label, column_mapping, ordered_tables, table_title
from coklit.report.words import skip_reason
from coklit.results import PER_KECAMATAN_DIR, TOTAL_LABEL, RunResult

# Columns of rekap_kecamatan shown on screen; the per-code TMS split stays in the files.
REKAP_SCREEN_COLUMNS = (
    "kecamatan",
    "pemilih_dpt",
    "lapangan",
    "cocok",
    "belum_terdaftar",
    "grup_ganda",
    "baris_ganda",
    "tms",
    "tidak_valid",
)
# Short headers so the table fits an 80-column terminal (full names are in the files).
SCREEN_LABELS: dict[str, dict[str, str]] = family("screen")
# Shown only when field records were given (check), not for dedupe/validate.
FIELD_COLUMNS = frozenset({"lapangan", "cocok", "belum_terdaftar"})


def render_summary(result: RunResult, lang: str, written: list[Path]) -> list[Any]:
    """Title and inputs, the rekap per kecamatan (or finding counts), then the files written."""
    out: list[Any] = [_title(result, lang)]
    inputs = result.meta.get("inputs") or []
    if inputs:
        out.append(_inputs_table(inputs, lang))
        out.extend(_columns(inputs, result.meta.get("lembar_dilewati") or {}, lang))
    rekap = result.tables.get("rekap_kecamatan")
    if rekap is not None and len(rekap):
        out.append(_rekap_table(rekap, lang))
    else:
        out.append(_counts_table(result, lang))
    out.extend(_model_lines(result, lang))
    if written:
        out.append(_written(written, lang))
    return out


def _model_lines(result: RunResult, lang: str) -> list[Text]:
    """One line per fitted model: where its weights came from, and the expected errors."""
    lines = []
    parameters = result.meta.get("parameters") or {}
    for key in ("model_ganda", "model_cocok"):
        model = parameters.get(key)
        if not isinstance(model, dict):
            continue
        name = t(f"summary.model.{key}", lang)
        pairs = _number(model.get("pasangan_kandidat", 0), lang)
        sessions = [s["nama"] for s in model.get("sesi_em", []) if s.get("dipakai")]
        if model.get("dipakai_ulang"):
            text = t("summary.model.reused", lang, name=name, pairs=pairs)
        elif sessions:
            decimal = "," if lang == "id" else "."
            text = t("summary.model.em", lang, name=name, sessions=", ".join(sessions),
                     pairs=pairs,
                     false=f"{model.get('perkiraan_keliru', 0):.1f}".replace(".", decimal),
                     missed=f"{model.get('perkiraan_terlewat', 0):.1f}".replace(".", decimal))
        else:
            text = t("summary.model.default", lang, name=name, pairs=pairs)
        lines.append(Text(text))
    return lines


def _title(result: RunResult, lang: str) -> Text:
    command = result.meta.get("command") or result.command
    return Text(t("summary.title", lang, command=command), style="bold")


def _number(value: Any, lang: str) -> str:
    """A count with thousands separators as the language writes them (1.234 / 1,234)."""
    try:
        number = int(float(str(value)))
    except (ValueError, OverflowError):
        return str(value)
    text = f"{number:,}"
    return text.replace(",", ".") if lang == "id" else text


def step_text(key: str, counts: Mapping[str, int], lang: str) -> str:
    """A pipeline step with what it works on, as the spinner shows it: ``Mencari pemilih
    ganda… 1.241.196 baris, 1.103.097 pasangan kandidat`` (counts as ``on_step`` gives them,
    in the order of ``coklit.pipeline.STEP_COUNTS``)."""
    from coklit.pipeline import STEP_COUNTS

    parts = [t(f"step.count.{name}", lang, n=_number(counts[name], lang))
             for name in STEP_COUNTS if name in counts]
    text = t(key, lang)
    return f"{text} {', '.join(parts)}" if parts else text


def _inputs_table(inputs: list[dict], lang: str) -> Table:
    table = Table(title=t("summary.inputs", lang), title_justify="left", title_style="bold")
    table.add_column(t("summary.role", lang))
    table.add_column(t("summary.file", lang))
    for key in ("rows_read", "rows_used", "rows_rejected"):
        table.add_column(t(f"summary.{key}", lang), justify="right")
    for item in inputs:
        role = str(item.get("role", ""))
        table.add_row(
            t(f"summary.role.{role}", lang) if role else "",
            str(item.get("berkas", "")),
            *(
                _number(item.get(key, ""), lang)
                for key in ("rows_read", "rows_used", "rows_rejected")
            ),
        )
    return table


def _columns(inputs: list[dict], skipped: dict, lang: str) -> list[Any]:
    """Per file: header -> field, the headers ignored, and a hint for each ignored header
    that probably names a field (results get worse without it)."""
    groups = column_mapping(inputs)
    if not any(g["used"] or g["ignored"] for g in groups):
        return []
    table = Table(title=t("summary.columns", lang), title_justify="left", title_style="bold")
    table.add_column(t("summary.file", lang))
    table.add_column(t("summary.columns.used", lang))
    table.add_column(t("summary.columns.ignored", lang))
    hints: list[Any] = []
    for group in groups:
        used = ", ".join(f"{h} -> {f}" for h, f in group["used"])
        table.add_row(group["berkas"], used or "-", ", ".join(group["ignored"]) or "-")
        for header, fld in group["suggestions"].items():
            hints.append(Text(t("summary.columns.hint", lang, header=header, berkas=group["berkas"],
                                field=fld), style="yellow"))
    for sheet, why in skipped.items():
        hints.append(Text(t("summary.skipped", lang, sheet=sheet, why=skip_reason(why, lang))))
    return [table, *hints]


def _is_blank(values: Any) -> bool:
    return all(str(v).strip() in ("", "0", "nan", "<NA>") for v in values)


class _FittedTable(Table):
    """The rekap: number columns exactly as wide as their longest value, so no number is ever
    cut ("203.3…"); on a narrow terminal the headers wrap at spaces and long kecamatan names
    wrap onto a second line instead. Widths are chosen when the console's width is known."""

    fit: tuple[list[str], list[int], list[int], int] | None = None

    def _fit(self, max_width: int) -> None:
        if self.fit is None:
            return
        headers, narrow, wide, names = self.fit
        spacing = 2 * len(headers)  # padding and separator per column
        widths = wide if sum(wide[1:]) + spacing + max(names, len(headers[0])) <= max_width \
            else narrow
        first = headers[0] if sum(widths[1:]) + spacing + len(headers[0]) <= max_width \
            else "Kec."
        self.columns[0].header = first
        self.columns[0].min_width = len(first)
        for column, width in zip(self.columns[1:], widths[1:], strict=True):
            column.width = width

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        self._fit(options.max_width)
        return super().__rich_measure__(console, options)

    def __rich_console__(self, console: Any, options: Any) -> Any:
        self._fit(options.max_width)
        yield from super().__rich_console__(console, options)


def _rekap_table(rekap: Any, lang: str) -> Table:
    columns = [c for c in REKAP_SCREEN_COLUMNS if c in rekap.columns]
    if "lapangan" in rekap.columns and _is_blank(rekap["lapangan"]):
        columns = [c for c in columns if c not in FIELD_COLUMNS]
    table = _FittedTable(
        title=table_title("rekap_kecamatan", lang),
        title_justify="left",
        title_style="bold",
        box=box.SIMPLE_HEAD,
        padding=(0, 0, 0, 1),
        pad_edge=False,
    )
    rows = rekap[columns].astype(str).values.tolist()
    # A number is never cut ("203.3…"): its column is as wide as its longest value, headers
    # wrap at spaces instead, and long kecamatan names wrap onto a second line.
    headers, narrow, wide = [], [], []
    for k, column in enumerate(columns):
        short = SCREEN_LABELS.get(column)
        header = short.get(lang, short["id"]) if short else column_label(column, lang)
        widest = max((len(_number(r[k], lang)) for r in rows if r[k].strip()), default=1)
        headers.append(header)
        narrow.append(max(widest, max(len(w) for w in header.split())))
        wide.append(max(widest, len(header)))
    names = max((len(r[0]) for r in rows), default=9)
    table.fit = (headers, narrow, wide, names)
    for k, column in enumerate(columns):
        if column == "kecamatan":
            table.add_column(headers[k], overflow="fold", min_width=len(headers[k]))
        else:
            table.add_column(headers[k], justify="right", width=wide[k])
    for position, row in enumerate(rows):
        is_total = row[0].strip().upper() == TOTAL_LABEL
        next_is_total = position + 1 < len(rows) and rows[position + 1][0].upper() == TOTAL_LABEL
        table.add_row(
            row[0],
            *(_number(v, lang) if v.strip() else "" for v in row[1:]),
            style="bold" if is_total else None,
            end_section=next_is_total,
        )
    return table


def _counts_table(result: RunResult, lang: str) -> Table:
    table = Table(title=t("summary.findings", lang), title_justify="left", title_style="bold")
    table.add_column(t("summary.table", lang))
    table.add_column(t("summary.rows", lang), justify="right")
    for name in ordered_tables(list(result.tables)):
        table.add_row(table_title(name, lang), _number(len(result.tables[name]), lang))
    return table


def _written(written: list[Path], lang: str) -> Group:
    lines: list[Any] = [Text(t("summary.written", lang), style="bold")]
    nested = [Path(p) for p in written if PER_KECAMATAN_DIR in Path(p).parts]
    for path in written:
        if Path(path) not in nested:
            lines.append(Text(f"  {path}"))
    if nested:
        first = nested[0]
        root = Path(*first.parts[: first.parts.index(PER_KECAMATAN_DIR) + 1])
        folders = {p.parent for p in nested}
        lines.append(
            Text(
                "  "
                + t(
                    "summary.per_kecamatan",
                    lang,
                    folder=str(root),
                    folders=len(folders),
                    files=len(nested),
                )
            )
        )
    return Group(*lines)
