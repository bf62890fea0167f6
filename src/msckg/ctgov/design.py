"""ClinicalTrials.gov's coded design values, mapped to msckg design individuals.

Each table is keyed by the registry's own wording (classic "study fields" values; the reader maps
API v2 enums to the same words). A value not in a table is a mapping error naming the field, so a
new registry vocabulary is noticed rather than dropped.
"""

from __future__ import annotations

from rdflib import URIRef

from msckg.namespaces import MSCKG

PHASES: dict[str, URIRef | None] = {
    "Early Phase 1": MSCKG.EarlyPhase1, "Phase 1": MSCKG.Phase1, "Phase 2": MSCKG.Phase2,
    "Phase 3": MSCKG.Phase3, "Phase 4": MSCKG.Phase4, "Not Applicable": None,
}
ALLOCATION: dict[str, URIRef | None] = {
    "Randomized": MSCKG.Randomized, "Non-Randomized": MSCKG.NonRandomized, "N/A": None,
}
INTERVENTION_MODEL: dict[str, URIRef] = {
    "Single Group Assignment": MSCKG.SingleGroupAssignment, "Parallel Assignment": MSCKG.ParallelAssignment,
    "Crossover Assignment": MSCKG.CrossoverAssignment, "Factorial Assignment": MSCKG.FactorialAssignment,
    "Sequential Assignment": MSCKG.SequentialAssignment,
}
MASKING: dict[str, URIRef] = {
    "None (Open Label)": MSCKG.OpenLabel, "Single": MSCKG.SingleBlind, "Double": MSCKG.DoubleBlind,
    "Triple": MSCKG.TripleBlind, "Quadruple": MSCKG.QuadrupleBlind,
}
STUDY_TYPE: dict[str, URIRef] = {
    "Interventional": MSCKG.Interventional, "Observational": MSCKG.Observational,
    "Expanded Access": MSCKG.ExpandedAccess,
}
TIME_PERSPECTIVE: dict[str, URIRef | None] = {
    "Prospective": MSCKG.Prospective, "Retrospective": MSCKG.Retrospective,
    "Cross-Sectional": None, "Other": None,
}
ARM_ROLE: dict[str, str] = {
    "Experimental": "experimental", "Active Comparator": "active-comparator",
    "Placebo Comparator": "placebo-comparator", "No Intervention": "no-intervention",
    "Sham Comparator": "sham-comparator", "Other": "other",
}
# UBERON classes for the tissue-source keys of msckg.ctgov.textparse (checked against the index by tests)
TISSUE_UBERON: dict[str, str] = {
    "umbilical-cord": "UBERON:0002331", "wharton-jelly": "UBERON:0003422", "adipose": "UBERON:0001013",
    "bone-marrow": "UBERON:0002371", "placenta": "UBERON:0001987", "amnion": "UBERON:0000305",
    "amniotic-fluid": "UBERON:0000173", "dental-pulp": "UBERON:0001754", "menstrual-blood": "UBERON:8480042",
    "cord-blood": "UBERON:0012168", "peripheral-blood": "UBERON:0000178", "chorion": "UBERON:0003124",
    "decidua": "UBERON:0002450", "endometrium": "UBERON:0001295", "synovium": "UBERON:0007616",
    "skin": "UBERON:0002097", "muscle": "UBERON:0002385",
}
# the Cell Ontology has MSC subtypes for four tissues; others stay CL:0000134 with their tissue
TISSUE_CELL: dict[str, str] = {
    "umbilical-cord": "CL:0002569", "wharton-jelly": "CL:0002568", "adipose": "CL:0002570",
    "bone-marrow": "CL:0002540",
}
MSC = "CL:0000134"
ROUTES: dict[str, URIRef] = {
    "intravenous": MSCKG.Intravenous, "intramuscular": MSCKG.Intramuscular,
    "subcutaneous": MSCKG.Subcutaneous, "intra-articular": MSCKG.Intraarticular,
    "intrathecal": MSCKG.Intrathecal, "intradermal": MSCKG.Intradermal,
    "intralesional": MSCKG.Intralesional, "intracoronary": MSCKG.Intracoronary,
    "intramyocardial": MSCKG.Intramyocardial, "intra-arterial": MSCKG.Intraarterial,
    "intranasal": MSCKG.Intranasal, "inhalation": MSCKG.Inhalation, "topical": MSCKG.Topical,
    "intradiscal": MSCKG.Intradiscal, "intraperitoneal": MSCKG.Intraperitoneal,
    "intravitreal": MSCKG.Intravitreal, "intracerebral": MSCKG.Intracerebral,
    "intraosseous": MSCKG.Intraosseous, "endobronchial": MSCKG.Endobronchial,
}
