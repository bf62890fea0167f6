"""How ClinicalTrials.gov API v2 JSON maps onto the classic "study fields" piece names.

Why: the classic API flattened every study into `{"PieceName": ["value", ...]}`; API v2 nests the
same data (`protocolSection.designModule.phases`) and writes enums in upper case ("PHASE1").
`msckg.ctgov.reader` turns both into one record shape, the classic one, so that everything
downstream reads `Phase == ["Phase 1"]` whatever the input was.

- `V2_PIECES`: v2 dotted path -> classic piece name. A list of objects is written `name[]`
  (`...armGroups[].label`); a list of strings is a plain leaf (`...conditionsModule.conditions`).
- Paths not in the table get `fallback_piece`: the leaf name capitalised (lists singular), prefixed
  with its parent where classic does so (list items: `locations[].zip` -> `LocationZip`; objects
  other than *Module/*Section/*Info: `leadSponsor.class` -> `LeadSponsorClass`; date structs:
  `startDateStruct.type` -> `StartDateType`).
- `V2_ENUMS`: per piece, v2 enum value -> the classic value. Built from the values present in the
  shared 1,100-record classic sample (listed in the comments); the few values that sample does not
  contain are from the classic data dictionary and marked "(not in sample)". Values missing from a
  map are kept as v2 wrote them.
"""

from __future__ import annotations

import re

_P = "protocolSection."
_ID, _ST, _SP = _P + "identificationModule.", _P + "statusModule.", _P + "sponsorCollaboratorsModule."
_DS, _AI, _OC = _P + "designModule.", _P + "armsInterventionsModule.", _P + "outcomesModule."
_EL, _CL, _RF = _P + "eligibilityModule.", _P + "contactsLocationsModule.", _P + "referencesModule."
_IPD, _OV = _P + "ipdSharingStatementModule.", _P + "oversightModule."

V2_PIECES: dict[str, str] = {
    _ID + "nctId": "NCTId",
    _ID + "nctIdAliases": "NCTIdAlias",
    _ID + "orgStudyIdInfo.id": "OrgStudyId",
    _ID + "orgStudyIdInfo.type": "OrgStudyIdType",
    _ID + "orgStudyIdInfo.link": "OrgStudyIdLink",
    _ID + "secondaryIdInfos[].id": "SecondaryId",
    _ID + "secondaryIdInfos[].type": "SecondaryIdType",
    _ID + "secondaryIdInfos[].domain": "SecondaryIdDomain",
    _ID + "secondaryIdInfos[].link": "SecondaryIdLink",
    _ID + "organization.fullName": "OrgFullName",
    _ID + "organization.class": "OrgClass",
    _ID + "briefTitle": "BriefTitle",
    _ID + "officialTitle": "OfficialTitle",
    _ID + "acronym": "Acronym",
    _ST + "overallStatus": "OverallStatus",
    _ST + "lastKnownStatus": "LastKnownStatus",
    _ST + "startDateStruct.date": "StartDate",
    _ST + "studyFirstSubmitQcDate": "StudyFirstSubmitQCDate",
    _ST + "resultsFirstSubmitQcDate": "ResultsFirstSubmitQCDate",
    _SP + "leadSponsor.name": "LeadSponsorName",
    _SP + "collaborators[].name": "CollaboratorName",
    _OV + "oversightHasDmc": "OversightHasDMC",
    _OV + "isFdaRegulatedDrug": "IsFDARegulatedDrug",
    _OV + "isFdaRegulatedDevice": "IsFDARegulatedDevice",
    _OV + "isUsExport": "IsUSExport",
    _OV + "isPpsd": "IsPPSD",
    _P + "descriptionModule.briefSummary": "BriefSummary",
    _P + "descriptionModule.detailedDescription": "DetailedDescription",
    _P + "conditionsModule.conditions": "Condition",
    _P + "conditionsModule.keywords": "Keyword",
    _DS + "studyType": "StudyType",
    _DS + "phases": "Phase",
    _DS + "designInfo.allocation": "DesignAllocation",
    _DS + "designInfo.interventionModel": "DesignInterventionModel",
    _DS + "designInfo.interventionModelDescription": "DesignInterventionModelDescription",
    _DS + "designInfo.primaryPurpose": "DesignPrimaryPurpose",
    _DS + "designInfo.observationalModel": "DesignObservationalModel",
    _DS + "designInfo.timePerspective": "DesignTimePerspective",
    _DS + "designInfo.maskingInfo.masking": "DesignMasking",
    _DS + "designInfo.maskingInfo.maskingDescription": "DesignMaskingDescription",
    _DS + "designInfo.maskingInfo.whoMasked": "DesignWhoMasked",
    _DS + "enrollmentInfo.count": "EnrollmentCount",
    _DS + "enrollmentInfo.type": "EnrollmentType",
    _AI + "armGroups[].label": "ArmGroupLabel",
    _AI + "armGroups[].description": "ArmGroupDescription",
    _AI + "armGroups[].type": "ArmGroupType",
    _AI + "armGroups[].interventionNames": "ArmGroupInterventionName",
    _AI + "interventions[].name": "InterventionName",
    _AI + "interventions[].description": "InterventionDescription",
    _AI + "interventions[].type": "InterventionType",
    _AI + "interventions[].armGroupLabels": "InterventionArmGroupLabel",
    _AI + "interventions[].otherNames": "InterventionOtherName",
    _EL + "eligibilityCriteria": "EligibilityCriteria",
    _EL + "minimumAge": "MinimumAge",
    _EL + "maximumAge": "MaximumAge",
    _EL + "sex": "Gender",
    _EL + "healthyVolunteers": "HealthyVolunteers",
    _EL + "stdAges": "StdAge",
    _CL + "locations[].facility": "LocationFacility",
    _CL + "locations[].city": "LocationCity",
    _CL + "locations[].country": "LocationCountry",
    _RF + "references[].pmid": "ReferencePMID",
    _RF + "references[].citation": "ReferenceCitation",
    _RF + "references[].type": "ReferenceType",
    _RF + "references[].retractions[].pmid": "RetractionPMID",
    _RF + "references[].retractions[].source": "RetractionSource",
    _RF + "seeAlsoLinks[].url": "SeeAlsoLinkURL",
    _RF + "availIpds[].id": "AvailIPDId",
    _RF + "availIpds[].type": "AvailIPDType",
    _RF + "availIpds[].url": "AvailIPDURL",
    _RF + "availIpds[].comment": "AvailIPDComment",
    _IPD + "ipdSharing": "IPDSharing",
    _IPD + "description": "IPDSharingDescription",
    _IPD + "infoTypes": "IPDSharingInfoType",
    _IPD + "timeFrame": "IPDSharingTimeFrame",
    _IPD + "accessCriteria": "IPDSharingAccessCriteria",
    _IPD + "url": "IPDSharingURL",
}
for _what in ("primary", "secondary", "other"):
    for _leaf in ("measure", "timeFrame", "description"):
        V2_PIECES[f"{_OC}{_what}Outcomes[].{_leaf}"] = f"{_what.title()}Outcome{_leaf[0].upper()}{_leaf[1:]}"
for _kind in ("condition", "intervention"):
    _B, _K = f"derivedSection.{_kind}BrowseModule.", _kind.title()
    V2_PIECES.update({
        _B + "meshes[].id": f"{_K}MeshId", _B + "meshes[].term": f"{_K}MeshTerm",
        _B + "ancestors[].id": f"{_K}AncestorId", _B + "ancestors[].term": f"{_K}AncestorTerm",
        _B + "browseLeaves[].id": f"{_K}BrowseLeafId", _B + "browseLeaves[].name": f"{_K}BrowseLeafName",
        _B + "browseLeaves[].asFound": f"{_K}BrowseLeafAsFound",
        _B + "browseLeaves[].relevance": f"{_K}BrowseLeafRelevance",
        _B + "browseBranches[].abbrev": f"{_K}BrowseBranchAbbrev",
        _B + "browseBranches[].name": f"{_K}BrowseBranchName",
    })

_STATUS = {  # OverallStatus in the sample: all but the last three
    "ACTIVE_NOT_RECRUITING": "Active, not recruiting", "COMPLETED": "Completed",
    "ENROLLING_BY_INVITATION": "Enrolling by invitation", "NOT_YET_RECRUITING": "Not yet recruiting",
    "RECRUITING": "Recruiting", "SUSPENDED": "Suspended", "TERMINATED": "Terminated", "WITHDRAWN": "Withdrawn",
    "AVAILABLE": "Available", "NO_LONGER_AVAILABLE": "No longer available",
    "TEMPORARILY_NOT_AVAILABLE": "Temporarily not available", "UNKNOWN": "Unknown status",
    "APPROVED_FOR_MARKETING": "Approved for marketing", "WITHHELD": "Withheld",  # (not in sample)
}
_ACTUAL_ANTICIPATED = {"ACTUAL": "Actual", "ESTIMATED": "Anticipated"}  # start/completion dates, enrollment
_ACTUAL_ESTIMATE = {"ACTUAL": "Actual", "ESTIMATED": "Estimate"}  # posting dates

V2_ENUMS: dict[str, dict[str, str]] = {
    "Phase": {"EARLY_PHASE1": "Early Phase 1", "PHASE1": "Phase 1", "PHASE2": "Phase 2", "PHASE3": "Phase 3",
              "PHASE4": "Phase 4", "NA": "Not Applicable"},
    "DesignAllocation": {"RANDOMIZED": "Randomized", "NON_RANDOMIZED": "Non-Randomized", "NA": "N/A"},
    "DesignInterventionModel": {
        "SINGLE_GROUP": "Single Group Assignment", "PARALLEL": "Parallel Assignment",
        "SEQUENTIAL": "Sequential Assignment", "CROSSOVER": "Crossover Assignment",
        "FACTORIAL": "Factorial Assignment"},
    "DesignMasking": {"NONE": "None (Open Label)", "SINGLE": "Single", "DOUBLE": "Double", "TRIPLE": "Triple",
                      "QUADRUPLE": "Quadruple"},
    "DesignWhoMasked": {"PARTICIPANT": "Participant", "INVESTIGATOR": "Investigator",
                        "OUTCOMES_ASSESSOR": "Outcomes Assessor", "CARE_PROVIDER": "Care Provider"},
    "DesignPrimaryPurpose": {
        "TREATMENT": "Treatment", "PREVENTION": "Prevention", "OTHER": "Other", "BASIC_SCIENCE": "Basic Science",
        "SUPPORTIVE_CARE": "Supportive Care", "HEALTH_SERVICES_RESEARCH": "Health Services Research",
        "DIAGNOSTIC": "Diagnostic", "DEVICE_FEASIBILITY": "Device Feasibility",
        "SCREENING": "Screening", "ECT": "Educational/Counseling/Training"},  # last two (not in sample)
    "DesignObservationalModel": {"COHORT": "Cohort", "CASE_ONLY": "Case-Only", "CASE_CONTROL": "Case-Control",
                                 "OTHER": "Other"},
    "DesignTimePerspective": {"PROSPECTIVE": "Prospective", "RETROSPECTIVE": "Retrospective",
                              "CROSS_SECTIONAL": "Cross-Sectional", "OTHER": "Other"},
    "StudyType": {"INTERVENTIONAL": "Interventional", "OBSERVATIONAL": "Observational",
                  "EXPANDED_ACCESS": "Expanded Access"},
    "EnrollmentType": _ACTUAL_ANTICIPATED,
    "StartDateType": _ACTUAL_ANTICIPATED,
    "PrimaryCompletionDateType": _ACTUAL_ANTICIPATED,
    "CompletionDateType": _ACTUAL_ANTICIPATED,
    "StudyFirstPostDateType": _ACTUAL_ESTIMATE,
    "LastUpdatePostDateType": _ACTUAL_ESTIMATE,
    "ResultsFirstPostDateType": _ACTUAL_ESTIMATE,
    "DispFirstPostDateType": _ACTUAL_ESTIMATE,
    "OverallStatus": _STATUS,
    "LastKnownStatus": _STATUS,
    "LocationStatus": _STATUS,
    "ArmGroupType": {
        "EXPERIMENTAL": "Experimental", "ACTIVE_COMPARATOR": "Active Comparator",
        "PLACEBO_COMPARATOR": "Placebo Comparator", "NO_INTERVENTION": "No Intervention", "OTHER": "Other",
        "SHAM_COMPARATOR": "Sham Comparator"},
    "InterventionType": {
        "BIOLOGICAL": "Biological", "DRUG": "Drug", "OTHER": "Other", "PROCEDURE": "Procedure", "DEVICE": "Device",
        "GENETIC": "Genetic", "COMBINATION_PRODUCT": "Combination Product", "RADIATION": "Radiation",
        "DIAGNOSTIC_TEST": "Diagnostic Test", "BEHAVIORAL": "Behavioral", "DIETARY_SUPPLEMENT": "Dietary Supplement"},
    "Gender": {"ALL": "All", "FEMALE": "Female", "MALE": "Male"},
    "StdAge": {"CHILD": "Child", "ADULT": "Adult", "OLDER_ADULT": "Older Adult"},
    "ResponsiblePartyType": {"SPONSOR": "Sponsor", "PRINCIPAL_INVESTIGATOR": "Principal Investigator",
                             "SPONSOR_INVESTIGATOR": "Sponsor-Investigator"},
    "OverallOfficialRole": {"PRINCIPAL_INVESTIGATOR": "Principal Investigator", "STUDY_DIRECTOR": "Study Director",
                            "STUDY_CHAIR": "Study Chair"},
    "ReferenceType": {"BACKGROUND": "background", "DERIVED": "derived", "RESULT": "result"},
    "IPDSharing": {"YES": "Yes", "NO": "No", "UNDECIDED": "Undecided"},
}

# v2 booleans: classic writes "Yes"/"No", except HealthyVolunteers ("Accepts Healthy Volunteers"/"No")
BOOLEANS: dict[str, tuple[str, str]] = {"HealthyVolunteers": ("Accepts Healthy Volunteers", "No")}
DEFAULT_BOOLEAN = ("Yes", "No")

_IRREGULAR = {"leaves": "leaf", "analyses": "analysis", "classes": "class", "statuses": "status"}


def _singular(name: str) -> str:
    for plural, single in _IRREGULAR.items():
        if name.lower().endswith(plural):
            return name[: len(name) - len(plural)] + (single if name[-len(plural)].islower() else single.title())
    if name.endswith("ies"):
        return name[:-3] + "y"
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else name


def _cap(name: str) -> str:
    return name[:1].upper() + name[1:]


def fallback_piece(path: str, is_list: bool) -> str:
    """A classic-looking piece name for a v2 path not in `V2_PIECES` (see the module docstring)."""
    parts = path.split(".")
    leaf = _singular(parts[-1]) if is_list else parts[-1]
    parent = parts[-2] if len(parts) > 1 else ""
    if parent.endswith("[]"):
        prefix = _cap(_singular(parent[:-2]))
    elif parent.endswith("Struct"):
        prefix, leaf = _cap(parent[: -len("Struct")]), "" if leaf == "date" else leaf
    elif not parent or re.search(r"(Module|Section|Info)$", parent):
        prefix = ""
    else:
        prefix = _cap(parent)
    return prefix + _cap(leaf)
