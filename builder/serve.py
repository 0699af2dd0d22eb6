"""`dossier serve`: MkDocs' live preview of build/docs, plus a watcher that regenerates
build/docs when content/ or seeds/ change. MkDocs then sees the new pages and reloads
the browser. A mistake in the input is printed and the last good pages stay up."""

from __future__ import annotations

import errno
import socket
import sys
import threading

from mkdocs.commands.serve import serve as mkdocs_serve
from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from .errors import Diagnostic, DossierError, SourceLoc, error, format_diagnostics
from .markup import md
from .pipeline import Project, generate
from .render import INDEX_PAGES, asset_pages
from .site import build_epoch, _environment
from .write import write_pages

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
            print("dossier: not regenerated; fix the errors above (the browser shows them too)",
                  file=sys.stderr)
            shown = {p.relative_to(self.project.docs_dir).as_posix()
                     for p in self.project.docs_dir.rglob("*.md")}
            write_pages(error_pages(exc.diagnostics, shown), self.project.docs_dir)


def error_pages(diagnostics: list[Diagnostic], paths: set[str] = frozenset()) -> dict[str, str | bytes]:
    """While the dossier has errors, every page the preview had (paths) and every page of the
    navigation shows them instead, so the page the curator is looking at reloads into the
    list of errors; the next good edit brings all pages back."""
    lines = [f"- **{md(str(d.loc))}**: {md(d.message)}" for d in diagnostics]
    page = "\n".join(["---", 'title: "Errors in the dossier"', "search:",
                      "  exclude: true", "---", "",
                      "# The dossier has errors", "",
                      "The preview shows the site again as soon as they are fixed. "
                      f"{len(diagnostics)} error{'s' if len(diagnostics) != 1 else ''}:", "",
                      *lines, ""])
    pages: dict[str, str | bytes] = {path: page for path in sorted(set(INDEX_PAGES) | set(paths))}
    pages.update(asset_pages())
    return pages


def serve(project: Project, dev_addr: str) -> int:
    resolved, _ = generate(project)  # errors here stop serve before it starts
    handler = _Regenerate(project)
    observer = Observer()
    for folder in ("content", "seeds"):
        if (project.root / folder).is_dir():
            observer.schedule(handler, str(project.root / folder), recursive=True)
    observer.start()
    host, _, port = dev_addr.rpartition(":")
    if not port.isdigit() or not host:
        raise DossierError([error("dev-addr", f"--dev-addr '{dev_addr}' is not HOST:PORT, e.g. "
                                  "127.0.0.1:8000", SourceLoc("dossier serve", 0, 0))])
    try:
        with socket.create_server((host.strip("[]"), int(port))):
            pass  # free: MkDocs' server takes it next
    except OSError as exc:
        hint = ("another program uses it: pass --dev-addr with another port, e.g. 127.0.0.1:8001"
                if exc.errno == errno.EADDRINUSE else
                "pass --dev-addr with an address of this computer, e.g. 127.0.0.1:8000")
        raise DossierError([error("dev-addr", f"cannot serve on {dev_addr} ({exc.strerror}); {hint}",
                                  SourceLoc("dossier serve", 0, 0))]) from None
    print(f"dossier: serving on http://{dev_addr}/ (only this computer can see it unless --dev-addr "
          "says otherwise); Ctrl+C stops", file=sys.stderr)
    try:
        with _environment(build_epoch(resolved)):
            mkdocs_serve(str(project.build_dir / "mkdocs.yml"), dev_addr=dev_addr, livereload=True)
    finally:
        observer.stop()
        observer.join()
    return 0
