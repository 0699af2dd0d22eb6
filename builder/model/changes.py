"""The data of the "Changes" page (history.py fills it, render.py shows it)."""

from __future__ import annotations

from dataclasses import dataclass

NO_HISTORY = ("This dossier is not in a Git repository, so there is no history of its changes "
              "to show.")


@dataclass(frozen=True)
class Change:
    commit: str
    date: str  # the commit date, YYYY-MM-DD
    subject: str  # the first line of the commit message
    summary: str
    items: tuple[tuple[str, str, str], ...] = ()  # (what, sheet id or "", text)

    @property
    def short(self) -> str:
        return self.commit[:7]


@dataclass
class History:
    changes: list[Change]
    note: str = ""  # why the list is empty or incomplete
