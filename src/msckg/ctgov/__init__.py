"""ClinicalTrials.gov input: a reader for registry records and parsers for their free text.

`reader` turns classic "study fields" files and API v2 JSON into one record shape
(`CtgovRecord`, classic piece names); `textparse` pulls dates, doses, tissue sources, donor
relations, routes, administration schedules and time frames out of the registry's free text, each
value together with the exact text (and offsets) it came from.
"""
