"""msckg: a knowledge graph of clinical studies of mesenchymal stem cell therapies."""

from importlib.metadata import PackageNotFoundError, version

from msckg.builder.build import BuildSummary, build, build_dataset, study_graph
from msckg.builder.loader import load_studies, load_study
from msckg.errors import GraphFileError, MsckgError, QueryError, StudyFileError
from msckg.validate import ValidationReport, Violation, validate_dataset, validate_file

try:
    __version__ = version("msckg")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0+unknown"

__all__ = [
    "BuildSummary",
    "GraphFileError",
    "MsckgError",
    "QueryError",
    "StudyFileError",
    "ValidationReport",
    "Violation",
    "__version__",
    "build",
    "build_dataset",
    "load_studies",
    "load_study",
    "study_graph",
    "validate_dataset",
    "validate_file",
]
