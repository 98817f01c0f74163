"""The exercise library: the YAML format, its safe loader and the library of every source.

Public API::

    library = load_library(home, extra_dirs=[pack_dir])
    library.exercises["active-listening"]     # Exercise models, by id
    library.problems                          # [Problem]; str(p) -> "path:line:col: message"
    library.categories()                      # {category: [Exercise, ...]}
    programs = load_programs(library)         # Programs(programs={id: Program}, problems=[...])
"""

from workbook.exercises.loader import (
    Library,
    Problem,
    Programs,
    Source,
    load_exercise_file,
    load_library,
    load_paths,
    load_programs,
)
from workbook.exercises.models import Exercise, Pack, Program, text

__all__ = [
    "Exercise",
    "Library",
    "Pack",
    "Problem",
    "Program",
    "Programs",
    "Source",
    "load_exercise_file",
    "load_library",
    "load_paths",
    "load_programs",
    "text",
]
