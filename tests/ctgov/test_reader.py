"""The registry reader: classic study fields and API v2 JSON into one record shape, errors, dedupe."""

from __future__ import annotations

import copy
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from msckg.ctgov.reader import CtgovFormatError, CtgovRecord, dedupe, read_records
from msckg.ctgov.v2map import V2_ENUMS, fallback_piece
from msckg.errors import MsckgError

SHARED_NAME = "ctgov-msc-studyfields-dev.jsonl.gz"

# NCT04288102 (one of the seed trials) as API v2 writes it; values copied from the classic record
# in the shared file, enums and dates in v2 form. CLASSIC is what the reader must make of it: the
# values of the classic record for the same pieces.
V2_STUDY: dict[str, Any] = {
    "protocolSection": {
        "identificationModule": {
            "nctId": "NCT04288102",
            "orgStudyIdInfo": {"id": "2020-013-D"},
            "organization": {"fullName": "Beijing 302 Hospital", "class": "OTHER"},
            "briefTitle": "Treatment With Human Umbilical Cord-derived Mesenchymal Stem Cells for Severe Corona Virus "
                          "Disease 2019 (COVID-19)",
        },
        "statusModule": {
            "overallStatus": "COMPLETED",
            "startDateStruct": {"date": "2020-03-05", "type": "ACTUAL"},
            "primaryCompletionDateStruct": {"date": "2020-05-12", "type": "ACTUAL"},
            "studyFirstSubmitDate": "2020-02-24",
            "lastUpdatePostDateStruct": {"date": "2020-08-19", "type": "ACTUAL"},
        },
        "sponsorCollaboratorsModule": {
            "responsibleParty": {"type": "PRINCIPAL_INVESTIGATOR"},
            "leadSponsor": {"name": "Beijing 302 Hospital", "class": "OTHER"},
            "collaborators": [
                {"name": "Huoshenshan Hospital", "class": "OTHER"},
                {"name": "Maternal and Child Health Hospital of Hubei Province", "class": "OTHER"},
                {"name": "The General Hospital of Central Theater Command", "class": "OTHER"},
                {"name": "VCANBIO Cell & Gene Engineering Corporation, Ltd", "class": "INDUSTRY"},
            ],
        },
        "oversightModule": {"oversightHasDmc": False},
        "conditionsModule": {"conditions": ["Corona Virus Disease 2019(COVID-19)"]},
        "designModule": {
            "studyType": "INTERVENTIONAL",
            "phases": ["PHASE2"],
            "designInfo": {
                "allocation": "RANDOMIZED",
                "interventionModel": "PARALLEL",
                "primaryPurpose": "TREATMENT",
                "maskingInfo": {"masking": "QUADRUPLE",
                                "whoMasked": ["PARTICIPANT", "CARE_PROVIDER", "INVESTIGATOR", "OUTCOMES_ASSESSOR"]},
            },
            "enrollmentInfo": {"count": 100, "type": "ACTUAL"},
        },
        "armsInterventionsModule": {
            "armGroups": [
                {"label": "Human Umbilical Cord-Mesenchymal Stem Cells (UC-MSCs)", "type": "EXPERIMENTAL",
                 "description": "Participants will receive standard of care plus 3 does of UC-MSCs",
                 "interventionNames": ["Biological: UC-MSCs"]},
                {"label": "Placebo", "type": "PLACEBO_COMPARATOR",
                 "description": "Participants will receive standard of care plus 3 does of placebo",
                 "interventionNames": [
                     "Biological: Saline containing 1% Human serum albumin（solution without UC-MSCs）"]},
            ],
            "interventions": [
                {"type": "BIOLOGICAL", "name": "UC-MSCs",
                 "description": "3 does of UC-MSCs(4.0*10E7 cells per time) intravenously at Day 0, Day 3, Day 6.",
                 "armGroupLabels": ["Human Umbilical Cord-Mesenchymal Stem Cells (UC-MSCs)"]},
                {"type": "BIOLOGICAL", "name": "Saline containing 1% Human serum albumin（solution without UC-MSCs）",
                 "description": "3 does of placebo（intravenously at Day 0, Day 3, Day 6）",
                 "armGroupLabels": ["Placebo"]},
            ],
        },
        "outcomesModule": {
            "primaryOutcomes": [{
                "measure": "Change in lesion proportion (%) of full lung volume from baseline to day 28.",
                "description": "Evaluation of Pneumonia Improvement",
                "timeFrame": "Day 28",
            }],
        },
        "eligibilityModule": {"healthyVolunteers": False, "sex": "ALL", "minimumAge": "18 Years",
                              "maximumAge": "75 Years", "stdAges": ["ADULT", "OLDER_ADULT"]},
        "contactsLocationsModule": {
            "overallOfficials": [{"name": "Fu-Sheng Wang, MD, PhD", "role": "STUDY_CHAIR"}],
            "locations": [
                {"facility": "General Hospital of Central Theater Command", "city": "Wuhan", "country": "China"},
                {"facility": "Maternal and Child Hospital of Hubei Province", "city": "Wuhan", "country": "China"},
                {"facility": "Wuhan Huoshenshan Hospital", "city": "Wuhan", "country": "China"},
            ],
        },
        "referencesModule": {"references": [{"pmid": "34963099", "type": "DERIVED"},
                                            {"pmid": "33568628", "type": "DERIVED"}]},
        "ipdSharingStatementModule": {"ipdSharing": "YES"},
    },
    "derivedSection": {
        "conditionBrowseModule": {"meshes": [{"id": "D000086382", "term": "COVID-19"},
                                             {"id": "D000014777", "term": "Virus Diseases"},
                                             {"id": "D000018352", "term": "Coronavirus Infections"}]},
    },
    "hasResults": False,
}

CLASSIC: dict[str, list[str]] = {
    "NCTId": ["NCT04288102"], "OrgStudyId": ["2020-013-D"], "OrgFullName": ["Beijing 302 Hospital"],
    "OrgClass": ["OTHER"],
    "BriefTitle": ["Treatment With Human Umbilical Cord-derived Mesenchymal Stem Cells for Severe Corona Virus "
                   "Disease 2019 (COVID-19)"],
    "OverallStatus": ["Completed"], "StartDate": ["March 5, 2020"], "StartDateType": ["Actual"],
    "PrimaryCompletionDate": ["May 12, 2020"], "PrimaryCompletionDateType": ["Actual"],
    "StudyFirstSubmitDate": ["February 24, 2020"],
    "LastUpdatePostDate": ["August 19, 2020"], "LastUpdatePostDateType": ["Actual"],
    "ResponsiblePartyType": ["Principal Investigator"],
    "LeadSponsorName": ["Beijing 302 Hospital"], "LeadSponsorClass": ["OTHER"],
    "CollaboratorName": ["Huoshenshan Hospital", "Maternal and Child Health Hospital of Hubei Province",
                         "The General Hospital of Central Theater Command",
                         "VCANBIO Cell & Gene Engineering Corporation, Ltd"],
    "CollaboratorClass": ["OTHER", "OTHER", "OTHER", "INDUSTRY"],
    "OversightHasDMC": ["No"],
    "Condition": ["Corona Virus Disease 2019(COVID-19)"],
    "StudyType": ["Interventional"], "Phase": ["Phase 2"], "DesignAllocation": ["Randomized"],
    "DesignInterventionModel": ["Parallel Assignment"], "DesignPrimaryPurpose": ["Treatment"],
    "DesignMasking": ["Quadruple"],
    "DesignWhoMasked": ["Participant", "Care Provider", "Investigator", "Outcomes Assessor"],
    "EnrollmentCount": ["100"], "EnrollmentType": ["Actual"],
    "ArmGroupLabel": ["Human Umbilical Cord-Mesenchymal Stem Cells (UC-MSCs)", "Placebo"],
    "ArmGroupType": ["Experimental", "Placebo Comparator"],
    "ArmGroupDescription": ["Participants will receive standard of care plus 3 does of UC-MSCs",
                            "Participants will receive standard of care plus 3 does of placebo"],
    "ArmGroupInterventionName": ["Biological: UC-MSCs",
                                 "Biological: Saline containing 1% Human serum albumin（solution without UC-MSCs）"],
    "InterventionType": ["Biological", "Biological"],
    "InterventionName": ["UC-MSCs", "Saline containing 1% Human serum albumin（solution without UC-MSCs）"],
    "InterventionDescription": ["3 does of UC-MSCs(4.0*10E7 cells per time) intravenously at Day 0, Day 3, Day 6.",
                                "3 does of placebo（intravenously at Day 0, Day 3, Day 6）"],
    "InterventionArmGroupLabel": ["Human Umbilical Cord-Mesenchymal Stem Cells (UC-MSCs)", "Placebo"],
    "PrimaryOutcomeMeasure": ["Change in lesion proportion (%) of full lung volume from baseline to day 28."],
    "PrimaryOutcomeDescription": ["Evaluation of Pneumonia Improvement"],
    "PrimaryOutcomeTimeFrame": ["Day 28"],
    "HealthyVolunteers": ["No"], "Gender": ["All"], "MinimumAge": ["18 Years"], "MaximumAge": ["75 Years"],
    "StdAge": ["Adult", "Older Adult"],
    "OverallOfficialName": ["Fu-Sheng Wang, MD, PhD"], "OverallOfficialRole": ["Study Chair"],
    "LocationFacility": ["General Hospital of Central Theater Command", "Maternal and Child Hospital of Hubei Province",
                         "Wuhan Huoshenshan Hospital"],
    "LocationCity": ["Wuhan", "Wuhan", "Wuhan"], "LocationCountry": ["China", "China", "China"],
    "ReferencePMID": ["34963099", "33568628"], "ReferenceType": ["derived", "derived"],
    "IPDSharing": ["Yes"],
    "ConditionMeshId": ["D000086382", "D000014777", "D000018352"],
    "ConditionMeshTerm": ["COVID-19", "Virus Diseases", "Coronavirus Infections"],
}


def write(path: Path, text: str, gz: bool = False) -> Path:
    data = text.encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def jsonl(*objects: Any) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objects)


def classic(nct: str, **pieces: list[str]) -> dict[str, list[str]]:
    return {"NCTId": [nct], **pieces}


@pytest.fixture(scope="module")
def shared_records(shared_dir: Path) -> list[CtgovRecord]:
    return list(read_records(shared_dir / "ctgov" / SHARED_NAME))


# ------------------------------------------------------------------------- the shared sample

def test_reads_the_shared_sample(shared_records: list[CtgovRecord]) -> None:
    assert len(shared_records) == 1100
    assert shared_records[0].source == f"{SHARED_NAME}:1" and shared_records[-1].source == f"{SHARED_NAME}:1100"
    first = shared_records[0]
    assert first.nct_id == first.first("NCTId") == "NCT00186914"
    assert first.values("Rank") == ["1"]  # the one piece the classic API wrote as a bare number
    assert all(values for r in shared_records for values in r.fields.values())  # empty lists dropped
    assert all(isinstance(v, str) for r in shared_records for vs in r.fields.values() for v in vs)
    seed = {r.nct_id: r for r in shared_records}["NCT04288102"]
    assert seed.values("Phase") == ["Phase 2"] and seed.first("StartDate") == "March 5, 2020"


def test_the_duplicate_in_the_shared_sample(shared_records: list[CtgovRecord]) -> None:
    twice = [r for r in shared_records if r.nct_id == "NCT02421484"]
    assert [r.source for r in twice] == [f"{SHARED_NAME}:368", f"{SHARED_NAME}:369"]
    kept, dropped = dedupe(shared_records)
    assert len(kept) == 1099 and len({r.nct_id for r in kept}) == 1099
    # both copies were last updated on October 31, 2018: the tie goes to the later line
    assert dropped == [f"{SHARED_NAME}:368"]
    assert next(r for r in kept if r.nct_id == "NCT02421484").source == f"{SHARED_NAME}:369"
    assert [r.nct_id for r in kept] == sorted(r.nct_id for r in kept)  # file order kept (sorted file)


def test_the_v2_study_reads_as_its_classic_record(tmp_path: Path) -> None:
    (record,) = read_records(write(tmp_path / "study.json", json.dumps(V2_STUDY, indent=2)))
    assert record.nct_id == "NCT04288102" and record.source == "study.json"
    for piece, values in CLASSIC.items():
        assert record.values(piece) == values, piece
    assert record.values("HasResults") == ["No"]


def test_the_v2_expectations_are_the_classic_values(shared_records: list[CtgovRecord]) -> None:
    seed = {r.nct_id: r for r in shared_records}["NCT04288102"]
    for piece, values in CLASSIC.items():
        assert seed.values(piece) == values, piece


def test_every_enum_value_of_the_sample_is_mapped(shared_records: list[CtgovRecord]) -> None:
    """The v2 -> classic enum maps were built from the sample: each value it holds is a map target."""
    for piece, mapping in V2_ENUMS.items():
        seen = {v for r in shared_records for v in r.values(piece)}
        assert seen <= set(mapping.values()), (piece, seen - set(mapping.values()))


# ------------------------------------------------------------------------------- input shapes

def test_jsonl_detected_by_content_with_or_without_gzip(tmp_path: Path) -> None:
    text = jsonl(classic("NCT00000001", Phase=["Phase 1"]), classic("NCT00000002", Phase=[]))
    for path in (write(tmp_path / "a.gz", text), write(tmp_path / "b.json", text, gz=True),
                 write(tmp_path / "c", "\ufeff\n" + text, gz=True)):
        records = list(read_records(path))
        assert [r.nct_id for r in records] == ["NCT00000001", "NCT00000002"]
        assert records[0].fields == {"NCTId": ["NCT00000001"], "Phase": ["Phase 1"]}
        assert records[1].fields == {"NCTId": ["NCT00000002"]}  # empty list dropped
    assert [r.source for r in read_records(tmp_path / "c")] == ["c:2", "c:3"]


def test_single_classic_object_wrapper_and_array(tmp_path: Path) -> None:
    one = classic("NCT00000003", Condition=["Knee Osteoarthritis"])
    (r,) = read_records(write(tmp_path / "one.json", json.dumps(one, indent=2)))
    assert r.source == "one.json" and r.values("Condition") == ["Knee Osteoarthritis"]
    wrapped = {"StudyFieldsResponse": {"APIVrs": "1.01.05", "NStudiesReturned": 2,
                                       "StudyFields": [one, classic("NCT00000004")]}}
    records = list(read_records(write(tmp_path / "resp.json", json.dumps(wrapped, indent=1))))
    assert [(r.nct_id, r.source) for r in records] == [
        ("NCT00000003", "resp.json:StudyFields[0]"), ("NCT00000004", "resp.json:StudyFields[1]")]
    records = list(read_records(write(tmp_path / "arr.json", json.dumps([one, one]))))
    assert [r.source for r in records] == ["arr.json:1[0]", "arr.json:1[1]"]


def test_v2_page_and_v2_lines(tmp_path: Path) -> None:
    other = copy.deepcopy(V2_STUDY)
    other["protocolSection"]["identificationModule"]["nctId"] = "NCT00000005"
    page = {"studies": [V2_STUDY, other], "nextPageToken": "NF0g5JGBlPMu"}
    records = list(read_records(write(tmp_path / "page.json", json.dumps(page, indent=2), gz=True)))
    assert [(r.nct_id, r.source) for r in records] == [
        ("NCT04288102", "page.json:studies[0]"), ("NCT00000005", "page.json:studies[1]")]
    records = list(read_records(write(tmp_path / "v2.jsonl", jsonl(V2_STUDY, other))))
    assert [(r.nct_id, r.source) for r in records] == [("NCT04288102", "v2.jsonl:1"), ("NCT00000005", "v2.jsonl:2")]
    assert records[1].values("Phase") == ["Phase 2"]


def test_v2_names_and_values_outside_the_table(tmp_path: Path) -> None:
    study = {
        "protocolSection": {
            "identificationModule": {"nctId": "NCT00000006", "acronym": "MSC-KOA"},
            "statusModule": {"whyStopped": "funding", "expandedAccessInfo": {"hasExpandedAccess": False},
                             "completionDateStruct": {"date": "2021-06", "type": "ESTIMATED"},
                             "studyFirstPostDateStruct": {"date": "2019-01-07", "type": "ESTIMATED"}},
            "sponsorCollaboratorsModule": {"leadSponsor": {"class": "INDUSTRY"}},
            "designModule": {"phases": ["EARLY_PHASE1", "NA"], "designInfo": {"allocation": "NA"}},
            "conditionsModule": {"keywords": ["MSC", "knee"]},
            "eligibilityModule": {"healthyVolunteers": True},
            "contactsLocationsModule": {"locations": [{"zip": "10605", "geoPoint": {"lat": 41.03399, "lon": -73.7}}]},
            "armsInterventionsModule": {"interventions": [{"otherNames": ["hUC-MSC"], "type": "SOME_NEW_TYPE"}]},
        },
        "hasResults": True,
    }
    (r,) = read_records(write(tmp_path / "s.json", json.dumps(study)))
    assert r.fields == {
        "NCTId": ["NCT00000006"], "Acronym": ["MSC-KOA"], "WhyStopped": ["funding"], "HasExpandedAccess": ["No"],
        "CompletionDate": ["June 2021"], "CompletionDateType": ["Anticipated"],
        "StudyFirstPostDate": ["January 7, 2019"], "StudyFirstPostDateType": ["Estimate"],
        "LeadSponsorClass": ["INDUSTRY"], "Phase": ["Early Phase 1", "Not Applicable"], "DesignAllocation": ["N/A"],
        "Keyword": ["MSC", "knee"], "HealthyVolunteers": ["Accepts Healthy Volunteers"],
        "LocationZip": ["10605"], "GeoPointLat": ["41.03399"], "GeoPointLon": ["-73.7"],
        "InterventionOtherName": ["hUC-MSC"], "InterventionType": ["SOME_NEW_TYPE"],  # unknown enum kept
        "HasResults": ["Yes"],
    }


@pytest.mark.parametrize(("path", "is_list", "piece"), [
    ("protocolSection.statusModule.whyStopped", False, "WhyStopped"),
    ("protocolSection.contactsLocationsModule.overallOfficials[].affiliation", False, "OverallOfficialAffiliation"),
    ("protocolSection.contactsLocationsModule.locations[].state", False, "LocationState"),
    ("protocolSection.sponsorCollaboratorsModule.responsibleParty.investigatorFullName", False,
     "ResponsiblePartyInvestigatorFullName"),
    ("protocolSection.statusModule.lastUpdatePostDateStruct.date", False, "LastUpdatePostDate"),
    ("derivedSection.miscInfoModule.removedCountries", True, "RemovedCountry"),
    ("resultsSection.outcomeMeasuresModule.outcomeMeasures[].title", False, "OutcomeMeasureTitle"),
    ("hasResults", False, "HasResults"),
])
def test_fallback_piece_names(path: str, is_list: bool, piece: str) -> None:
    assert fallback_piece(path, is_list) == piece


# ------------------------------------------------------------------------------------- errors

def test_a_record_without_nct_id_names_file_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path / "x.jsonl", jsonl(classic("NCT00000007"), {"BriefTitle": ["no id"]}))
    with pytest.raises(CtgovFormatError) as info:
        list(read_records(path))
    err = info.value
    assert isinstance(err, MsckgError)
    assert (err.source, err.field) == ("x.jsonl:2", "NCTId")
    assert str(err).startswith("x.jsonl:2: field NCTId: ")
    page = {"studies": [{"protocolSection": {"identificationModule": {"briefTitle": "no id"}}}]}
    with pytest.raises(CtgovFormatError, match=r"^p\.json:1:studies\[0\]: field NCTId"):
        list(read_records(write(tmp_path / "p.json", json.dumps(page))))


@pytest.mark.parametrize("bad", [["NCT123"], ["NCT00000001", "NCT00000002"], ["nct00000001x"]])
def test_a_malformed_nct_id_is_an_error(tmp_path: Path, bad: list[str]) -> None:
    with pytest.raises(CtgovFormatError, match="field NCTId"):
        list(read_records(write(tmp_path / "x.jsonl", jsonl({"NCTId": bad}))))


def test_malformed_json_names_file_and_line(tmp_path: Path) -> None:
    lines = jsonl(classic("NCT00000008")) + "\n" + '{"NCTId": ["NCT00000009"\n'
    with pytest.raises(CtgovFormatError, match=r"^bad\.jsonl:3: malformed JSON"):
        list(read_records(write(tmp_path / "bad.jsonl", lines, gz=True)))
    pretty = '{\n  "NCTId": ["NCT00000010"],\n  "Phase": ["Phase 1"]\n  "Condition": []\n}\n'
    with pytest.raises(CtgovFormatError, match=r"^bad\.json:4: malformed JSON"):
        list(read_records(write(tmp_path / "bad.json", pretty)))


def test_unreadable_and_unexpected_input(tmp_path: Path) -> None:
    with pytest.raises(CtgovFormatError, match="cannot read"):
        list(read_records(tmp_path / "missing.jsonl"))
    latin1 = tmp_path / "latin1.jsonl"
    latin1.write_bytes(b'{"NCTId": ["NCT00000012"], "LocationCity": ["M\xe9rida"]}\n')
    with pytest.raises(CtgovFormatError, match="cannot read"):
        list(read_records(latin1))
    with pytest.raises(CtgovFormatError, match="field ConditionBrowseModule: expected strings"):
        list(read_records(write(tmp_path / "nested.jsonl", jsonl({"NCTId": ["NCT00000011"],
                                                                  "ConditionBrowseModule": [{"x": 1}]}))))
    with pytest.raises(CtgovFormatError, match="expected a JSON object"):
        list(read_records(write(tmp_path / "num.jsonl", "42\n")))
    assert list(read_records(write(tmp_path / "empty.jsonl", "\n\n"))) == []


# -------------------------------------------------------------------------------------- dedupe

def rec(nct: str, source: str, updated: str | None) -> CtgovRecord:
    fields = {"NCTId": [nct], **({"LastUpdatePostDate": [updated]} if updated else {})}
    return CtgovRecord(nct, fields, source)


def test_dedupe_keeps_the_latest_update_and_on_a_tie_the_later_record() -> None:
    records = [
        rec("NCT00000001", "f:1", "March 5, 2020"),
        rec("NCT00000002", "f:2", "June 2019"),
        rec("NCT00000001", "f:3", "January 2021"),   # latest: kept
        rec("NCT00000001", "f:4", "March 2020"),     # month only counts as its 1st: before March 5
        rec("NCT00000002", "f:5", "June 1, 2019"),   # same day as "June 2019": tie, the later wins
        rec("NCT00000003", "f:6", None),
        rec("NCT00000003", "f:7", "not a date"),     # no readable date on either: the later wins
    ]
    kept, dropped = dedupe(records)
    assert [r.source for r in kept] == ["f:3", "f:5", "f:7"]
    assert dropped == ["f:1", "f:2", "f:4", "f:6"]
    kept, _ = dedupe(reversed(records))
    assert {r.nct_id: r.source for r in kept}["NCT00000001"] == "f:3"  # the date decides, not the position


def test_dedupe_without_duplicates_changes_nothing() -> None:
    records = [rec("NCT00000002", "f:1", None), rec("NCT00000001", "f:2", "May 2020")]
    assert dedupe(records) == (records, [])
