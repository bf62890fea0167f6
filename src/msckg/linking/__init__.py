"""Links to other ontologies: the shipped MONDO/CL/UBERON index, MIREOT slims, the free-text
normaliser and SSSOM export."""

from msckg.linking.index import TermIndex, TermRecord, term_index
from msckg.linking.normalise import Candidate, LinkResult, normalise

__all__ = ["Candidate", "LinkResult", "TermIndex", "TermRecord", "normalise", "term_index"]
