"""`dossier serve`: MkDocs' live preview of build/docs, plus a watcher that regenerates
build/docs when content/ or seeds/ change. MkDocs then sees the new pages and reloads
the browser. A mistake in the input is printed and the last good pages stay up."""

from __future__ import annotations

import sys
import threading

from mkdocs.commands.serve import serve as mkdocs_serve
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from .errors import DossierError, format_diagnostics
from .pipeline import Project, generate
from .site import build_epoch, _environment

DEBOUNCE_SECONDS = 0.3


class _Regenerate(FileSystemEventHandler):
    def __init__(self, project: Project):
        self.project = project
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()

    def on_any_event(self, event) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        with self.lock:
            if self.timer:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.regenerate)
            self.timer.start()

    def regenerate(self) -> None:
        try:
            _, counts = generate(self.project)
            print(f"dossier: regenerated ({counts['written']} pages changed, "
                  f"{counts['removed']} removed)", file=sys.stderr)
        except DossierError as exc:
            print(format_diagnostics(exc.diagnostics), file=sys.stderr)
            print("dossier: not regenerated; fix the errors above", file=sys.stderr)


def serve(project: Project, dev_addr: str) -> int:
    resolved, _ = generate(project)  # errors here stop serve before it starts
    handler = _Regenerate(project)
    observer = Observer()
    for folder in ("content", "seeds"):
        if (project.root / folder).is_dir():
            observer.schedule(handler, str(project.root / folder), recursive=True)
    observer.start()
    try:
        with _environment(build_epoch(resolved)):
            mkdocs_serve(str(project.build_dir / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)
    finally:
        observer.stop()
        observer.join()
    return 0
