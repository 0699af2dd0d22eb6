"""The data of the "Changes" page (history.py fills it, render.py shows it)."""

from __future__ import annotations

from dataclasses import dataclass

NO_HISTORY = ("This dossier is not in a Git repository, so there is no history of its changes "
              "to show.")
NO_FACT_CHANGE = "no change to the facts"  # a comparison's summary when no fact changed


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

    @property
    def factless(self) -> bool:
        """A change to the sheets or texts that changed no fact (a description reworded)."""
        return not self.items and self.summary == NO_FACT_CHANGE


@dataclass
class History:
    changes: list[Change]
    note: str = ""  # why the list is empty or incomplete
    commit_url: str = ""  # a commit's address, "{commit}" replaced by its id (from repo_url), or none


def content_dates(history: History) -> tuple[dict[str, str], str]:
    """({sheet id: the date of the last commit that changed it}, the date of the first
    commit): the version of each page that a citation names."""
    dates: dict[str, str] = {}
    for change in sorted(history.changes, key=lambda c: c.date):
        for _, sheet_id, _ in change.items:
            if sheet_id:
                dates[sheet_id] = change.date
    first = min((c.date for c in history.changes), default="")
    return dates, first
