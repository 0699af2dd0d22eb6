"""The one place that runs the stages in order."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DossierError, raise_if_errors
from .load import load_dossier
from .resolve import Resolved, resolve
from .validate import validate_dossier


@dataclass
class Timings:
    stages: dict[str, float] = field(default_factory=dict)

    def run(self, name: str, func, *args, **kwargs):
        start = time.perf_counter()
        result = func(*args, **kwargs)
        self.stages[name] = self.stages.get(name, 0.0) + time.perf_counter() - start
        return result


def check(root: Path, timings: Timings | None = None) -> Resolved:
    """Load, validate and resolve; raise DossierError with every problem of the first failing stage."""
    timings = timings or Timings()
    raw, problems = timings.run("load", load_dossier, root)
    raise_if_errors(problems)
    valid, problems = timings.run("validate", validate_dossier, raw)
    raise_if_errors(problems)
    resolved, problems = timings.run("resolve", resolve, valid)
    raise_if_errors(problems)
    assert resolved is not None
    return resolved


__all__ = ["DossierError", "Timings", "check"]
