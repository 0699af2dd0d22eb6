"""`dossier serve`: a live preview. When content/ or seeds/ change, the pages are generated
again and the site is rebuilt with the same incremental HTML stage as `dossier build`
(htmlcache.py: only pages that can have changed are converted), into a folder of its own;
MkDocs' live-reload server shows it and reloads the browser. A mistake in the input is
printed, and every page shows it until the next edit fixes it.

The builds run in a process of their own (`_Builder`), forked before the server starts its
threads: that process has no threads, so it may fork workers (parallel.py) and use every
core, and the server's file watcher does not compete with it for the interpreter lock."""

from __future__ import annotations

import errno
import gc
import logging
import multiprocessing
import shutil
import signal
import socket
import sys
import tempfile
import time
import traceback
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from ..core.errors import Diagnostic, DossierError, SourceLoc, error, format_diagnostics
from ..core.lock import one_build
from ..core.markup import md
from ..core.memo import Memo
from ..core.parallel import STOPPED, in_child_unless
from ..pages.render import later_files
from .build import Project, data_files_written, generate, write_data_files
from ..resolve.resolved import Resolved
from ..pages.paths import INDEX_PAGES
from ..pages.render import asset_pages
from ..site.build import Built, build_epoch, finish_search, update_site
from ..core.write import write_pages


class _Preview:
    """Generate, then build into the preview folder; what the server calls on each change."""

    def __init__(self, project: Project, site_dir: Path):
        self.project = project
        project.memo = Memo()  # what each build keeps for the next (core/memo.py)
        self.site_dir = site_dir
        self.epoch = 0
        self.built: Built | None = None  # what the last HTML stage did
        self.resolved: Resolved | None = None  # for finish(): the data files
        self.cache_file = project.build_dir / "cache" / "preview.marshal"  # the preview's HTML cache

    def __call__(self, first: bool = False) -> None:
        """first: the build before serving, whose errors stop `dossier serve` instead. The
        data files (data/), the feed and the citations are left as they were when the previous
        build wrote them all: finish() writes them once the pages are shown (a preview's reader
        looks at pages; the files follow a moment later)."""
        with self._one_build():
            self._build(first)

    def _one_build(self):
        """The dossier's build lock (lock.one_build), for each rebuild and each finish(): they
        write build/. Serve runs for hours, so it waits for another build instead of failing."""
        def waiting(other: str) -> None:
            print(f"dossier serve: waiting for {other} to finish", file=sys.stderr)
        return one_build(self.project.build_dir, self.project.root, "serve", waiting)

    def _build(self, first: bool) -> None:
        start = time.perf_counter()
        project = self.project
        self.resolved = None
        try:
            later = not first and data_files_written(project)
            resolved, counts = generate(project, data_files=not later)
            self.epoch = build_epoch(resolved)
            self.resolved = resolved if later else None
            del resolved
            what = f"{counts['written']} pages changed, {counts['removed']} removed"
        except DossierError as exc:
            if first:
                raise
            print(format_diagnostics(exc.diagnostics), file=sys.stderr)
            print("dossier: the preview shows these errors on every page until they are fixed",
                  file=sys.stderr)
            shown = {p.relative_to(project.docs_dir).as_posix() for p in project.docs_dir.rglob("*.md")}
            write_pages(error_pages(exc.diagnostics, shown), project.docs_dir)
            what = "errors shown"
        try:
            built = update_site(project.build_dir / "mkdocs.yml", self.site_dir, self.epoch, self.cache_file)
        except DossierError as exc:
            print(format_diagnostics(exc.diagnostics), file=sys.stderr)
            print("dossier: the preview was not rebuilt", file=sys.stderr)
            self.resolved = None
            return
        self.built = built
        html = built.outcome
        print(f"dossier: rebuilt in {time.perf_counter() - start:.2f} s ({what}; "
              f"{html.rendered} pages converted, {html.reused} reused)", file=sys.stderr)


    def finish(self, stop=None) -> None:
        """After the pages are shown: the sharded search index, then the data files, feed and
        citations the last build left for later, into the preview (and build/docs); the same
        bytes as a full build's. stop: a Connection on which an order to build again comes
        (_build_on_order): what is left then waits for the next finish, so that an edit made
        meanwhile is shown without waiting for them (each is made in a child process that is
        stopped then: at 1,000 sources the data files take 2 s, the index 0.4 s)."""
        if self.built is not None and self.built.outcome.search_later is not None:
            with self._one_build():
                finish_search(self.site_dir, self.built, self.cache_file, stop)
            if self.built.outcome.search_later is not None:
                return  # stopped
        if self.resolved is not None:
            resolved, self.resolved = self.resolved, None
            history = self.project.history
            files = (in_child_unless(stop, later_files, resolved, history) if stop
                     else later_files(resolved, history))
            if files is STOPPED:
                return
            with self._one_build():
                write_data_files(files, [self.project.docs_dir, self.site_dir])


class _Builder:
    """A _Preview run in a forked process that waits for orders: build (first or not), or stop
    when the pipe closes (this process ended or stopped serving). Errors come back as they were
    raised there."""

    def __init__(self, preview: _Preview):
        context = multiprocessing.get_context("fork")
        self.orders, theirs = context.Pipe()
        self.process = context.Process(target=_build_on_order, args=(preview, theirs, self.orders),
                                       name="dossier-preview-builder")
        self.process.start()
        theirs.close()

    def __call__(self, first: bool = False) -> None:
        self.orders.send(first)
        try:
            kind, value = self.orders.recv()
        except EOFError:
            raise DossierError([error("serve", "the preview's build process stopped "
                                      f"(exit code {self.process.exitcode}); start dossier serve again",
                                      SourceLoc("dossier serve", 0, 0))]) from None
        if kind == "error":
            raise DossierError(value)
        if kind == "crash":
            raise RuntimeError(f"in the preview's build process:\n{value}")

    def close(self) -> None:
        self.orders.close()
        self.process.join(timeout=60)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()


def _build_on_order(preview: _Preview, orders, parents_end) -> None:
    parents_end.close()  # so that the pipe ends when the server's process does
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the server, which then closes the pipe
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            first = orders.recv()
        except (EOFError, OSError):
            return
        gc.disable()  # see below
        try:
            preview(first)
            answer: tuple = ("ok", None)
        except DossierError as exc:
            answer = ("error", exc.diagnostics)
        except Exception:  # noqa: BLE001 - shown by the server's process
            answer = ("crash", traceback.format_exc())
        try:
            orders.send(answer)
        except (BrokenPipeError, OSError):
            return
        try:
            preview.finish(orders)  # while the browser reloads; stopped by the next order
        except Exception:  # noqa: BLE001 - shown; without them the next build writes them with the pages
            traceback.print_exc()
            shutil.rmtree(preview.project.docs_dir / "data", ignore_errors=True)
        # The cycle collector runs here, while the curator reads, not during a build: this
        # process keeps the last build's model, MkDocs' structures, the HTML cache and what
        # the next build reuses (core/memo.py), and a full collection in the middle of a
        # build scanned them all (1.5 s at 1,000 sources; 0.8 s here). Not when an edit is
        # waiting already: it is built first, and the garbage collected after it.
        if not orders.poll():
            gc.unfreeze()
            gc.collect()
        gc.enable()


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt  # `kill` stops serving as Ctrl+C does: the preview folder is removed


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
    host, _, port = dev_addr.rpartition(":")
    if not port.isdigit() or not host:
        raise DossierError([error("dev-addr", f"--dev-addr '{dev_addr}' is not HOST:PORT, e.g. "
                                  "127.0.0.1:8000", SourceLoc("dossier serve", 0, 0))])
    try:
        with socket.create_server((host.strip("[]"), int(port))):
            pass  # free: the server takes it next
    except OSError as exc:
        hint = ("another program uses it: pass --dev-addr with another port, e.g. 127.0.0.1:8001"
                if exc.errno == errno.EADDRINUSE else
                "pass --dev-addr with an address of this computer, e.g. 127.0.0.1:8000")
        raise DossierError([error("dev-addr", f"cannot serve on {dev_addr} ({exc.strerror}); {hint}",
                                  SourceLoc("dossier serve", 0, 0))]) from None
    folder = Path(tempfile.mkdtemp(prefix="dossier-preview-"))
    previous_handler = signal.signal(signal.SIGTERM, _stop)
    preview = _Builder(_Preview(project, folder / "site"))  # before any thread starts
    try:
        preview(first=True)  # errors here stop serve before it starts
        if not (folder / "site").is_dir():
            return 1
        server = LiveReloadServer(builder=preview, host=host.strip("[]"), port=int(port),
                                  root=str(folder / "site"))

        def error_handler(code: int) -> bytes | None:
            page = folder / "site" / f"{code}.html"
            return page.read_bytes() if code in (404, 500) and page.is_file() else None

        server.error_handler = error_handler
        for name in ("content", "seeds"):
            if (project.root / name).is_dir():
                server.watch(str(project.root / name))
        print(f"dossier: serving on http://{dev_addr}/ (only this computer can see it unless "
              "--dev-addr says otherwise); Ctrl+C stops", file=sys.stderr)
        logging.getLogger("mkdocs.livereload").setLevel(logging.WARNING)
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
    finally:
        preview.close()
        signal.signal(signal.SIGTERM, previous_handler)
        shutil.rmtree(folder, ignore_errors=True)
    return 0
