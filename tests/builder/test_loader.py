"""The study-file loader: exact numbers in, clear errors naming file, study and field out."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from msckg.builder.loader import load_studies, load_study
from msckg.errors import StudyFileError
from msckg.resources import bundled_studies_dir
from tests.conftest import edit_study

SSC = "ssc-umsct-5y.yaml"


def test_bundled_studies_load_with_exact_decimals() -> None:
    studies = dict((s.id, s) for _, s in load_studies(bundled_studies_dir()))
    assert sorted(studies) == ["covid19-ucmsc-1y", "ra-admsc-phase1-2a", "sle-ucmsc-multicentre", "ssc-umsct-5y"]
    baseline = next(r for r in studies["ssc-umsct-5y"].results if r.endpoint == "mrss" and r.timepoint == "P0D")
    mean = next(s for s in baseline.statistics if s.kind == "mean")
    assert isinstance(mean.value, Decimal) and str(mean.value) == "18.68"
    p = next(s for r in studies["covid19-ucmsc-1y"].results for s in r.statistics if s.reported_as == "p = 0.030")
    assert str(p.value) == "0.030"  # trailing zero as reported


def _error(path: Path) -> StudyFileError:
    with pytest.raises(StudyFileError) as info:
        load_study(path)
    return info.value


def test_malformed_yaml_names_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    err = _error(path)
    assert err.path == path and "YAML" in err.field
    assert "bad.yaml" in str(err)


def test_quoted_number_is_a_wrong_type(studies_copy: Path) -> None:
    path = studies_copy / SSC
    path.write_text(path.read_text().replace("{kind: mean, value: 18.68}", '{kind: mean, value: "18.68"}'))
    err = _error(path)
    assert err.study == "ssc-umsct-5y"
    assert err.field == "results[1].statistics[0].value"
    assert "expected a number" in err.message


def test_bad_nct_id(studies_copy: Path) -> None:
    path = edit_study(studies_copy, SSC, lambda d: d["registrations"][0].update(id="NCT0096292"))
    err = _error(path)
    assert err.field.startswith("registrations[0]") and err.field.endswith(".id")
    assert "NCT" in err.message or "pattern" in err.message


def test_unknown_field_is_rejected(studies_copy: Path) -> None:
    path = edit_study(studies_copy, SSC, lambda d: d["products"][0].update(dosage="lots"))
    err = _error(path)
    assert err.field == "products[0](id=uc-msc).dosage"
    assert "Extra inputs are not permitted" in err.message


def test_dangling_reference(studies_copy: Path) -> None:
    path = edit_study(studies_copy, SSC, lambda d: d["results"][0].update(endpoint="no-such-endpoint"))
    err = _error(path)
    assert err.field == "results[0].endpoint" and "no-such-endpoint" in err.message


def test_unknown_source_document(studies_copy: Path) -> None:
    path = edit_study(studies_copy, SSC, lambda d: d["arms"][0].update(sources=["abstract", "nowhere"]))
    err = _error(path)
    assert err.field == "arms[0].sources" and "nowhere" in err.message


def test_value_and_bound_together_is_rejected(studies_copy: Path) -> None:
    def change(d: dict) -> None:
        d["results"][1]["statistics"][0]["bound"] = {"relation": "<", "value": 1}
    err = _error(edit_study(studies_copy, SSC, change))
    assert err.field == "results[1].statistics[0]" and "exactly one" in err.message


def test_bad_duration(studies_copy: Path) -> None:
    err = _error(edit_study(studies_copy, SSC, lambda d: d["results"][1].update(timepoint="1 year")))
    assert err.field == "results[1].timepoint" and "ISO 8601" in err.message


def test_duplicate_result_key(studies_copy: Path) -> None:
    def change(d: dict) -> None:
        d["results"].append(dict(d["results"][1]))
    err = _error(edit_study(studies_copy, SSC, change))
    assert "same endpoint/population/timepoint" in err.message


def test_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(StudyFileError, match="no \\*.yaml study files"):
        load_studies(tmp_path)
