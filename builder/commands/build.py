"""The one place that runs the stages in order:
load -> validate -> resolve -> render -> write -> MkDocs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..resolve.dossier import INPUTS, Timings, check, no_cyclic_gc
from ..core.errors import DossierError
from ..model.changes import History, content_dates
from ..review.history import load_history
from ..core.lock import one_build
from ..core.memo import Memo
from ..site.htmlcache import Outcome, drop
from ..core.parallel import in_child, leave_for_exit
from ..core.outputs import link_problem, refuse
from ..pages.render import LATER_FILES, render_pages
from ..pages.rendercache import Previous
from ..resolve.excerpts import publish
from ..resolve.resolved import Resolved
from ..site.build import build_epoch, build_site, refuse_output, write_config
from ..site.config import site_config
from ..core.write import write_if_changed, write_pages


@dataclass
class Project:
    """Where a dossier's inputs and outputs are."""

    root: Path
    config: Path | None = None  # the project's mkdocs.yml (default ROOT/mkdocs.yml, used when present)
    site_dir: Path | None = None
    trust_config: bool = False  # allow what mkdocs.yml may do beyond its schema (config.py)
    notes: list[str] = field(default_factory=list)  # what a build tidied up, for the user
    html: Outcome | None = None  # what the last build's HTML stage converted and reused
    counts: dict[str, int] = field(default_factory=dict)  # pages rendered, reused, written... (generate)
    publication: str | None = None  # the run's publication mode, over content/'s (resolve/excerpts.py)
    history: History | None = None  # the Changes the last generate read (write_data_files)
    memo: Memo | None = None  # what each build keeps for the next in this process (`dossier serve`)

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        self.config_required = self.config is not None  # named with --config: it must exist
        self.config = (self.config or self.root / "mkdocs.yml").resolve()
        self.site_dir = Path(os.path.abspath(self.site_dir or self.root / "site"))  # a link is refused, not followed

    @property
    def build_dir(self) -> Path:
        return self.root / "build"

    @property
    def docs_dir(self) -> Path:
        return self.build_dir / "docs"

    @property
    def html_cache(self) -> Path:
        return self.build_dir / "cache" / "html.marshal"

    @property
    def render_cache(self) -> Path:
        return self.build_dir / "cache" / "render.marshal"


def generate(project: Project, timings: Timings | None = None,
             data_files: bool = True) -> tuple[Resolved, dict[str, int]]:
    """Check, then write the Markdown pages and build/mkdocs.yml. Nothing is written on error.
    data_files: False keeps the data files, the feed and the citations of the previous run as
    they are (render.LATER_FILES: `dossier serve` writes them after the pages, write_data_files);
    project.history is then what they are made from."""
    timings = timings or Timings()
    # render_pages unfreezes the model
    resolved = publish(check(project.root, timings, lasting=True, memo=project.memo), project.publication,
                       project.memo)
    refuse(link_problem(project.docs_dir, project.root), project.docs_dir)
    history = timings.run("history", load_history, project.root, project.build_dir)
    settings = site_config(project.config, project.trust_config, project.config_required)
    repository = settings.get("repo_url")
    if isinstance(repository, str) and repository.startswith(("https://", "http://")):
        history = replace(history, commit_url=repository.rstrip("/") + "/commit/{commit}")  # GitHub, GitLab
    dated(resolved, history, settings.get("site_url"))
    # The source and entity pages are written into build/docs as they are rendered,
    # the others below: check has passed, so nothing is written on an error in the input.
    project.build_dir.mkdir(parents=True, exist_ok=True)
    previous = Previous(project.render_cache, project.docs_dir, project.root)
    pages = timings.run("render", render_pages, resolved, history, previous=previous,  # site.py: directory URLs
                        data_files=data_files, memo=project.memo)
    project.history = history
    kept = previous.in_docs | (set() if data_files else set(LATER_FILES))
    write_config(project.config, resolved, project.build_dir, trust=project.trust_config, required=project.config_required,
                 pages=len(previous.in_docs) + sum(1 for path in pages if path.endswith(".md")))
    counts = timings.run("write", write_pages, pages, project.docs_dir, kept)
    counts["written"] += previous.written
    counts["unchanged"] += len(previous.in_docs) - previous.written
    return resolved, counts | {"rendered": previous.rendered, "reused": len(previous.reused)}


def dated(resolved: Resolved, history: History, site_url: object) -> None:
    """What citations name (pages/citing.py): each page's version, and the site's address."""
    resolved.changed, resolved.first_version = content_dates(history)
    resolved.site_url = site_url if isinstance(site_url, str) and site_url.startswith(("https://", "http://")) else ""


def data_files_written(project: Project) -> bool:
    """Whether build/docs holds every data file, the feed and the citations (render.LATER_FILES:
    a run may leave them to write_data_files)."""
    return all((project.docs_dir / path).is_file() for path in LATER_FILES)


def write_data_files(files: dict[str, bytes], folders: list[Path]) -> int:
    """The data files, the feed and the citations (render.later_files) into each of folders
    where they changed; how many files were written."""
    return sum(write_if_changed(folder / path, content)
               for folder in folders for path, content in files.items())


def _generate_for_build(project: Project) -> tuple[int, dict[str, float], dict[str, int]]:
    timings = Timings()
    resolved, counts = generate(project, timings)
    leave_for_exit(resolved)  # in_child's process ends without freeing it
    return build_epoch(resolved), timings.stages, counts


def build(project: Project, timings: Timings | None = None, verbose: bool = False,
          clean: bool = False) -> None:
    """Check, generate and render into project.site_dir, reusing the HTML of pages that cannot
    have changed unless clean. project.notes: what was tidied up; project.html: what the HTML
    stage did. One build of a dossier at a time (lock.one_build): another running is an error."""
    timings = timings or Timings()
    refuse_output(project.site_dir, project.root)  # before anything is written
    with one_build(project.build_dir, project.root, "build"):  # build/ and the swap into site/
        if clean:
            drop(project.html_cache)
            drop(project.render_cache)
        # The model is not needed by MkDocs: it lives in a child process that exits once the
        # Markdown is written, so the peaks of the two do not add up, and MkDocs' workers fork
        # from a small process. (The child shares the lock's open file: its end releases nothing.)
        epoch, stages, project.counts = in_child(_generate_for_build, project)
        for name, seconds in stages.items():
            timings.stages[name] = timings.stages.get(name, 0.0) + seconds
        built = timings.run("mkdocs", build_site, project.build_dir / "mkdocs.yml", project.site_dir,
                            epoch, verbose, project.root, project.html_cache)
    project.notes, project.html = built.notes, built.outcome


__all__ = ["INPUTS", "DossierError", "Project", "Timings", "build", "check", "generate", "no_cyclic_gc"]
