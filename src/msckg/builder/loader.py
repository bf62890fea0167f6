"""Read curated study files: YAML in, checked `Study` models out.

Numbers are read as `Decimal` straight from their YAML text, so 18.68 never passes through a
float and 0.030 keeps its reported digits. Every error names the file, the study and the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

import yaml
from pydantic import ValidationError

from msckg.builder.schema import Study
from msckg.errors import StudyFileError


class _ExactLoader(yaml.SafeLoader):
    """SafeLoader whose floats are Decimals built from the scalar's own text."""


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    text = loader.construct_scalar(node).replace("_", "")
    if text.lower().lstrip("+-") in {".inf", ".nan"}:
        raise yaml.constructor.ConstructorError(
            None, None, f"{text!r} is not a reportable number", node.start_mark
        )
    return Decimal(text)


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


def _field(loc: Iterable[int | str], data: object) -> str:
    """Render a pydantic location as a readable path, with list items named by their id."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int):
            ident = node[key].get("id") if isinstance(node, list) and isinstance(node[key], dict) else None
            parts.append(f"[{key}]" + (f"(id={ident})" if ident else ""))
        else:
            parts.append(("." if parts else "") + str(key))
        try:
            node = node[key]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            node = None
    return "".join(parts) or "(top level)"


def load_study(path: Path) -> Study:
    """Parse and check one study file; raise `StudyFileError` naming file, study and field."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_ExactLoader)  # noqa: S506
    except yaml.YAMLError as exc:
        raise StudyFileError(path, None, "(YAML syntax)", str(exc).replace("\n", " ")) from exc
    except OSError as exc:
        raise StudyFileError(path, None, "(file)", str(exc)) from exc
    if not isinstance(data, dict):
        raise StudyFileError(path, None, "(top level)", "expected a mapping of study fields")
    study_id = data.get("id") if isinstance(data.get("id"), str) else None
    try:
        study = Study.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
        raise StudyFileError(path, study_id, _field(first["loc"], data), first["msg"] + more) from exc
    _check_references(path, study)
    return study


def _check_references(path: Path, study: Study) -> None:
    """Every id a record points to must exist in the same file."""
    docs = {d.id for d in study.documents}
    products = {p.id for p in study.products}
    arms = {a.id for a in study.arms}
    conditions = {c.id for c in study.conditions}
    populations = arms | {g.id for g in study.subgroups}
    endpoints = {e.id for e in study.endpoints}

    def need(ok: bool, field: str, message: str) -> None:
        if not ok:
            raise StudyFileError(path, study.id, field, message)

    for section in (
        "registrations", "publications", "conditions", "organizations", "grants",
        "funding_statements", "ethics", "eligibility", "products", "arms", "subgroups",
        "endpoints", "results",
    ):
        for i, rec in enumerate(getattr(study, section)):
            for src in rec.sources:
                need(src in docs, f"{section}[{i}].sources", f"unknown document {src!r}")
    for src in study.design.sources + (study.enrollment.sources if study.enrollment else []):
        need(src in docs, "design.sources", f"unknown document {src!r}")
    for i, arm in enumerate(study.arms):
        need(arm.product is None or arm.product in products, f"arms[{i}].product",
             f"unknown product {arm.product!r}")
    for i, grp in enumerate(study.subgroups):
        need(grp.arm in arms, f"subgroups[{i}].arm", f"unknown arm {grp.arm!r}")
        need(grp.condition is None or grp.condition in conditions, f"subgroups[{i}].condition",
             f"unknown condition {grp.condition!r}")
    seen: dict[str, int] = {}
    for i, res in enumerate(study.results):
        need(res.endpoint in endpoints, f"results[{i}].endpoint", f"unknown endpoint {res.endpoint!r}")
        need(res.population in populations, f"results[{i}].population",
             f"unknown arm or subgroup {res.population!r}")
        for j, stat in enumerate(res.statistics):
            need(stat.comparator is None or stat.comparator in populations,
                 f"results[{i}].statistics[{j}].comparator", f"unknown arm {stat.comparator!r}")
        need(res.key not in seen, f"results[{i}]",
             f"same endpoint/population/timepoint as results[{seen.get(res.key)}]; give one an 'id'")
        seen[res.key] = i
    for section in ("products", "arms", "subgroups", "endpoints", "conditions", "eligibility"):
        ids = [r.id for r in getattr(study, section)]
        dup = sorted({x for x in ids if ids.count(x) > 1})
        need(not dup, section, f"duplicate id {', '.join(dup)}")


def load_studies(folder: Path) -> list[tuple[Path, Study]]:
    """Load every `*.yaml` in a folder, sorted by name; study ids must be unique."""
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    if not files:
        raise StudyFileError(folder, None, "(folder)", "no *.yaml study files found")
    studies: list[tuple[Path, Study]] = []
    owner: dict[str, Path] = {}
    for path in files:
        study = load_study(path)
        if study.id in owner:
            raise StudyFileError(path, study.id, "id", f"study id also used by {owner[study.id].name}")
        owner[study.id] = path
        studies.append((path, study))
    return studies
