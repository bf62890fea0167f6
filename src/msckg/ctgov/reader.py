"""Read ClinicalTrials.gov records, classic "study fields" or API v2 JSON, into one record shape.

Why: the registry has published the same studies in two shapes. The classic API (and the shared
sample in ../shared/ctgov) flattens a study into `{"PieceName": ["value", ...]}`; API v2 nests it
and writes enums in upper case. The builder should not care which one it was given, so both
become a `CtgovRecord` with classic piece names and classic values (see `msckg.ctgov.v2map`).

Accepted input, recognised by content (not by file name); gzip is detected by its magic bytes:
- JSON Lines, one study per line (classic or v2; a line may also hold a v2 page or a list);
- one JSON document: a classic record, a classic `{"StudyFieldsResponse": {"StudyFields": [...]}}`,
  a v2 study `{"protocolSection": ...}`, a v2 page `{"studies": [...], "nextPageToken": ...}`,
  or a JSON array of any of these.
Every record keeps a `source` ("file.jsonl:12", "page.json:studies[3]") for error messages.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from msckg.ctgov.textparse import parse_date
from msckg.ctgov.v2map import BOOLEANS, DEFAULT_BOOLEAN, V2_ENUMS, V2_PIECES, fallback_piece
from msckg.errors import MsckgError

__all__ = ["CtgovFormatError", "CtgovRecord", "dedupe", "read_records"]

NCT_ID = re.compile(r"NCT\d{8}")


class CtgovFormatError(MsckgError):
    """A registry file is unreadable or malformed, or a record in it lacks what every record needs."""

    def __init__(self, source: str, field: str | None, message: str) -> None:
        self.source, self.field, self.message = source, field, message
        super().__init__(f"{source}: " + (f"field {field}: " if field else "") + message)

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        # rebuilt from its fields when it crosses a process boundary (build workers)
        return (type(self), (self.source, self.field, self.message,))


@dataclass(frozen=True)
class CtgovRecord:
    """One study: its NCT id, its pieces (classic names -> non-empty lists of strings), its source."""

    nct_id: str
    fields: dict[str, list[str]]
    source: str

    def values(self, piece: str) -> list[str]:
        """All values of a piece ([] when the registry reports none)."""
        return self.fields.get(piece, [])

    def first(self, piece: str) -> str | None:
        """The first value of a piece, or None."""
        values = self.fields.get(piece)
        return values[0] if values else None


def read_records(path: Path) -> Iterator[CtgovRecord]:
    """Yield every record of a classic or v2 file in file order (duplicates included; see `dedupe`)."""
    path = Path(path)
    try:
        with _open_text(path) as fh:
            yield from _read(fh, path.name)
    except (OSError, EOFError, UnicodeDecodeError, zlib.error) as e:
        raise CtgovFormatError(str(path), None, f"cannot read: {e}") from e


def _read(fh: IO[str], name: str) -> Iterator[CtgovRecord]:
    """JSON Lines when the first non-blank line is a JSON value by itself, else one JSON document."""
    lines = ((n, line) for n, line in enumerate(fh, 1) if line.strip())
    first = next(lines, None)
    if first is None:
        return
    lineno, line = first
    try:
        value = json.loads(line, parse_float=Decimal)
    except json.JSONDecodeError:
        # the first line is not a JSON value by itself: the file is one (pretty-printed) document
        yield from _records(_loads(line + fh.read(), name, lineno), name)
        return
    yield from _records(value, f"{name}:{lineno}")
    for lineno, line in lines:
        yield from _records(_loads(line.rstrip("\r\n"), name, lineno), f"{name}:{lineno}")


def _loads(text: str, name: str, first_line: int) -> Any:
    """Parse JSON exactly (decimals as Decimal); an error names the file and the line."""
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as e:
        at = first_line - 1 + e.lineno
        raise CtgovFormatError(f"{name}:{at}", None, f"malformed JSON: {e.msg} (column {e.colno})") from e


def _open_text(path: Path) -> IO[str]:
    """The file as text, gunzipped when it starts with the gzip magic bytes; a BOM is dropped."""
    with path.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
    if gzipped:
        return gzip.open(path, "rt", encoding="utf-8-sig")
    return path.open("r", encoding="utf-8-sig")


def _records(obj: Any, source: str) -> Iterator[CtgovRecord]:
    """Dispatch one parsed JSON value on its shape."""
    if isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _records(item, f"{source}[{i}]")
    elif not isinstance(obj, dict):
        raise CtgovFormatError(source, None, f"expected a JSON object, got {type(obj).__name__}")
    elif isinstance(obj.get("StudyFieldsResponse"), dict):
        for i, item in enumerate(obj["StudyFieldsResponse"].get("StudyFields") or []):
            yield _classic(item, f"{source}:StudyFields[{i}]")
    elif isinstance(obj.get("studies"), list):
        for i, item in enumerate(obj["studies"]):
            yield _v2(item, f"{source}:studies[{i}]")
    elif "protocolSection" in obj:
        yield _v2(obj, source)
    else:
        yield _classic(obj, source)


def _record(fields: dict[str, list[str]], source: str) -> CtgovRecord:
    ids = fields.get("NCTId", [])
    if not ids:
        raise CtgovFormatError(source, "NCTId", "the record has no NCT id")
    if len(ids) > 1:
        raise CtgovFormatError(source, "NCTId", f"the record has {len(ids)} NCT ids: {', '.join(ids)}")
    nct_id = ids[0].strip()
    if not NCT_ID.fullmatch(nct_id):
        raise CtgovFormatError(source, "NCTId", f"{ids[0]!r} is not an NCT id (NCT and 8 digits)")
    return CtgovRecord(nct_id, fields, source)


def _classic(obj: Any, source: str) -> CtgovRecord:
    """A classic record: every piece a list of strings (a lone scalar such as `"Rank": 1` is allowed)."""
    if not isinstance(obj, dict):
        raise CtgovFormatError(source, None, f"expected a JSON object, got {type(obj).__name__}")
    fields: dict[str, list[str]] = {}
    for piece, value in obj.items():
        values = value if isinstance(value, list) else [value]
        out = []
        for v in values:
            if isinstance(v, (dict, list)):
                raise CtgovFormatError(source, piece, "expected strings, found nested JSON (not a study-fields record)")
            if v is not None:
                out.append(_scalar(v, DEFAULT_BOOLEAN))
        if out:
            fields[piece] = out
    return _record(fields, source)


def _scalar(v: Any, booleans: tuple[str, str]) -> str:
    if isinstance(v, bool):
        return booleans[0] if v else booleans[1]
    return v if isinstance(v, str) else str(v)


def _v2(study: Any, source: str) -> CtgovRecord:
    """A v2 study flattened to classic pieces: mapped names, classic enum values and dates."""
    if not isinstance(study, dict):
        raise CtgovFormatError(source, None, f"expected a v2 study object, got {type(study).__name__}")
    fields: dict[str, list[str]] = {}

    def leaf(path: str, values: list[Any], is_list: bool) -> None:
        piece = V2_PIECES.get(path) or fallback_piece(path, is_list)
        out = [_v2_value(piece, v) for v in values if v is not None]
        if out:
            fields.setdefault(piece, []).extend(out)

    def walk(node: dict[str, Any], path: str) -> None:
        for key, value in node.items():
            child = f"{path}.{key}" if path else key
            if isinstance(value, dict):
                walk(value, child)
            elif isinstance(value, list):
                if any(isinstance(v, dict) for v in value):
                    for item in value:
                        if isinstance(item, dict):
                            walk(item, child + "[]")
                else:
                    leaf(child, [v for v in value if not isinstance(v, list)], True)
            else:
                leaf(child, [value], False)

    walk(study, "")
    return _record(fields, source)


_ISO_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


def _v2_value(piece: str, v: Any) -> str:
    if isinstance(v, bool):
        return _scalar(v, BOOLEANS.get(piece, DEFAULT_BOOLEAN))
    if not isinstance(v, str):
        return str(v)
    if piece in V2_ENUMS:
        return V2_ENUMS[piece].get(v, v)
    if piece.endswith("Date") and _ISO_DATE.fullmatch(v):
        return _classic_date(v)
    return v


def _classic_date(iso: str) -> str:
    """"2020-03-05" -> "March 5, 2020"; "2020-03" -> "March 2020" (the classic form)."""
    parts = [int(p) for p in iso.split("-")]
    month = dt.date(parts[0], parts[1], 1).strftime("%B")
    return f"{month} {parts[2]}, {parts[0]}" if len(parts) == 3 else f"{month} {parts[0]}"


def _updated(record: CtgovRecord) -> tuple[int, int, int]:
    """When the record was last updated, for ordering: (year, month, day); a month-only date is the 1st."""
    text = record.first("LastUpdatePostDate")
    parsed = parse_date(text) if text else None
    if parsed is None:
        return (0, 0, 0)
    y, m, *d = (int(p) for p in parsed.value.split("-"))
    return (y, m, d[0] if d else 1)


def dedupe(records: Iterable[CtgovRecord]) -> tuple[list[CtgovRecord], list[str]]:
    """Keep one record per NCT id: the latest `LastUpdatePostDate`, on a tie the later in file order.

    Returns the kept records (in the order of their first occurrence in the input) and the
    `source` of every dropped record (in input order). A record without a readable date loses to
    any record with one.
    """
    chosen: dict[str, tuple[tuple[int, int, int], int, CtgovRecord]] = {}
    order: list[CtgovRecord] = list(records)
    for index, record in enumerate(order):
        key = (_updated(record), index)
        best = chosen.get(record.nct_id)
        if best is None or key >= best[:2]:
            chosen[record.nct_id] = (*key, record)
    kept_ids = {id(best[2]) for best in chosen.values()}
    first_seen: dict[str, int] = {}
    for index, record in enumerate(order):
        first_seen.setdefault(record.nct_id, index)
    kept = sorted((best[2] for best in chosen.values()), key=lambda r: first_seen[r.nct_id])
    dropped = [r.source for r in order if id(r) not in kept_ids]
    return kept, dropped
