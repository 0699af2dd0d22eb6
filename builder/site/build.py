"""Stage 6: the generated Markdown -> HTML with MkDocs, into site/ without ever
leaving a half-built site/ behind (build beside it, then swap)."""

from __future__ import annotations

import ctypes
import hashlib
import logging
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, time, timezone
from pathlib import Path

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from . import htmlcache, searchshards
from ..core.errors import DossierError, SourceLoc, error
from .config import site_config
from .settings import entry_name
from ..core.lock import take
from ..core.outputs import inputs_of, place_problem, refuse
from ..core.markup import html_text
from ..core.parallel import STOPPED, in_child_unless
from ..core.write import remove_files, write_if_changed
from ..pages.paths import INDEX_PAGES
from ..resolve.resolved import Resolved


def build_epoch(resolved: Resolved) -> int:
    """A build date derived from the content (the newest source), so builds are reproducible."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    newest = max((a.source.published.end for a in resolved.articles.values() if a.source.published.known),
                 default=None)
    if newest is None:
        return 0
    return int(datetime.combine(newest, time(0), tzinfo=timezone.utc).timestamp())


OFFLINE_SHIM = "assets/vendor/iframe-worker/shim.js"  # see builder/vendor/README.md
THEME = Path(__file__).parent / "theme"  # Dossier's override of the theme's templates
ABOUT_PAGE = "about/index.md"  # the offline copy's "About this copy" page (a folder: pages/paths.py)


SHARDS_FROM_PAGES = 300  # extra.dossier_search: auto; from bench/search.py, see the README ("Search")
SEARCH_SCRIPT = "assets/dossier-search.js"


def search_mode(data: dict, pages: int) -> str:
    """'shards' (searchshards.py: the index in pieces, loaded as a query needs them), 'theme'
    (Material's search: the whole index loaded before the first result) or 'none' (no search
    plugin). The sharded index needs the incremental HTML stage, which knows the theme's
    search entries: other plugins (only with --trust-config) keep the theme's search."""
    plugins = {entry_name(p) for p in data.get("plugins") or []}
    if "search" not in plugins:
        return "none"
    extra = data.get("extra") if isinstance(data.get("extra"), dict) else {}
    wanted = extra.get("dossier_search", "auto")
    if plugins - {"search", "offline"} or not htmlcache.supported_version() or wanted == "theme":
        return "theme"
    return "shards" if wanted == "shards" or pages >= SHARDS_FROM_PAGES else "theme"


def write_config(base_config: Path, resolved: Resolved, build_dir: Path,
                 offline_footer: str | None = None, trust: bool = False, required: bool = False,
                 pages: int = 0) -> Path:
    """build/mkdocs.yml: the shipped site configuration with the project's mkdocs.yml over
    it (config.site_config), plus what the dossier decides.

    Written as a plain file so that `mkdocs build -f build/mkdocs.yml` (or another tool
    that reads mkdocs.yml) renders exactly what `dossier build` does. With offline_footer,
    the settings of the offline copy instead: links to .html files, the theme's offline
    plugin (search index as a script), the local iframe-worker shim, an About page and a
    footer line.
    """
    data = site_config(base_config, trust, required)
    for key, asset in (("extra_css", "assets/dossier.css"), ("extra_javascript", "assets/dossier.js")):
        listed = data.get(key) if isinstance(data.get(key), list) else []
        data[key] = listed + ([asset] if asset not in listed else [])  # the views and cards need them
    theme = data.get("theme")
    theme = data["theme"] = theme if isinstance(theme, dict) else {"name": theme or "material"}
    dossier = resolved.dossier
    data.update(
        # The theme writes these into HTML as they are: give it escaped text.
        site_name=html_text(dossier.title),
        site_description=html_text(dossier.summary),
        docs_dir="docs",
        use_directory_urls=offline_footer is None,
        nav=[{title: path} for path, title in INDEX_PAGES.items()],
    )
    if offline_footer is not None:
        plugins = data.setdefault("plugins", [])
        if not any(entry_name(p) == "offline" for p in plugins):
            plugins.append("offline")
        # Listing a local iframe-worker keeps the plugin from adding https://unpkg.com/iframe-worker.
        data.setdefault("extra", {})["polyfills"] = [OFFLINE_SHIM]
        data["copyright"] = html_text(offline_footer)
        data["nav"].append({"About this copy": ABOUT_PAGE})
    theme["language"] = dossier.language.split("-")[0]
    overrides = ""
    # A trusted mkdocs.yml's own overrides win: no feed link then. Not in the offline copy:
    # no feed reader reads file://, and the theme fetches a sitemap beside each alternate link.
    if "custom_dir" not in theme and offline_footer is None:
        overrides = (THEME / "main.html").read_text(encoding="utf-8")
        (build_dir / "theme").mkdir(parents=True, exist_ok=True)
        write_if_changed(build_dir / "theme" / "main.html", overrides.encode("utf-8"))
        theme["custom_dir"] = "theme"
    if search_mode(data, pages) == "shards":
        data["plugins"] = [p for p in data.get("plugins") or [] if entry_name(p) != "search"]
        data.setdefault("extra", {})["dossier_search"] = "shards"
        data["extra_javascript"].append(SEARCH_SCRIPT)
    elif isinstance(data.get("extra"), dict):
        data["extra"].pop("dossier_search", None)
    path = build_dir / "mkdocs.yml"
    text = "# Generated by dossier from its own mkdocs.yml, ../mkdocs.yml and content/dossier.yml; do not edit.\n"
    if overrides:  # a change of the template is a change of every page (htmlcache.build_key)
        text += f"# theme/main.html: sha256 {hashlib.sha256(overrides.encode()).hexdigest()}\n"
    text += yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


MAX_MKDOCS_MESSAGES = 20


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _environment(epoch: int):
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def run_mkdocs(config_file: Path, out_dir: Path, epoch: int, verbose: bool = False,
               cache_file: Path | None = None, site_dir: Path | None = None,
               search_later: bool = False) -> Built:
    """Render into out_dir with MkDocs in strict mode: a broken link or anchor fails the build.
    With cache_file, pages are reused from the site now at site_dir where they cannot have
    changed (htmlcache.py); otherwise, or where the configuration does not allow it, clean."""
    logger = logging.getLogger("mkdocs")
    collect = _Collect()
    logger.addHandler(collect)
    old_level = logger.level
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    built = Built()
    try:
        with _environment(epoch):
            config = load_config(str(config_file), site_dir=str(out_dir), strict=True)
            why = htmlcache.supported(config)
            if why:
                mkdocs_build(config)
                built.outcome.why_full = why
            else:
                key = htmlcache.build_key(config_file, epoch)
                previous = site_dir if cache_file and site_dir and is_output(site_dir) else None
                try:
                    built.outcome, built.cache = htmlcache.build(config, key, cache_file, previous, site_dir,
                                                                 search_later)
                except htmlcache.Restart as restart:
                    config = load_config(str(config_file), site_dir=str(out_dir), strict=True)
                    built.outcome, built.cache = htmlcache.build(config, key, cache_file, None, site_dir)
                    built.outcome.why_full = str(restart)
    except (MkDocsException, SystemExit) as exc:
        messages = collect.messages or [str(exc)]
        shown = messages[:MAX_MKDOCS_MESSAGES]
        if len(messages) > len(shown):
            shown.append(f"... and {len(messages) - len(shown)} more MkDocs warnings")
        where = SourceLoc(str(config_file))
        raise DossierError([error("mkdocs", f"MkDocs: {m}", where) for m in shown]) from None
    finally:
        logger.removeHandler(collect)
        logger.setLevel(old_level)
    return built


@dataclass
class Built:
    """What the HTML stage did, and what build_site tidied up from an interrupted build."""

    notes: list[str] = field(default_factory=list)
    outcome: htmlcache.Outcome = field(default_factory=htmlcache.Outcome)
    cache: htmlcache.Cache | None = None


MARKER = ".dossier-output"  # in every folder Dossier makes and may replace or delete
_MARKER_TEXT = "Made by Dossier; replaced on every build. Do not put your own files here.\n"
_IGNORE_ALL = "*\n"  # a .gitignore that hides a temporary folder from `git status`


def _fault(step: str) -> None:
    """Tests kill the build at a step of the swap (DOSSIER_FAULT_AT=step) to prove that any
    moment leaves a whole site in place."""
    if os.environ.get("DOSSIER_FAULT_AT") == step:
        os.kill(os.getpid(), signal.SIGKILL)


def is_output(folder: Path) -> bool:
    marker = folder / MARKER
    return marker.is_file() and not marker.is_symlink()


def output_dir_problem(target: Path, root: Path, what: str = "the site folder") -> str | None:
    """Why Dossier may not replace `target` with a site, or None. The project, its ancestors and
    its inputs are never outputs; an existing folder must be empty or one Dossier made."""
    target = Path(os.path.abspath(target))
    problem = place_problem(target, root, what, {**inputs_of(root), "build/": root / "build"})
    if problem:
        return problem
    if target.exists() and not target.is_dir():
        return f"{what} {target} is a file, not a folder"
    if target.is_dir() and any(target.iterdir()) and not is_output(target):
        return (f"{what} {target} holds files that Dossier did not make (it has no {MARKER}); "
                "empty it or choose another folder. A site built by an older Dossier: delete it")
    return None


def refuse_output(site_dir: Path, root: Path) -> None:
    refuse(output_dir_problem(site_dir, root), site_dir)


OWNER = ".owner"  # in each temporary folder beside site/: locked while the build that made it runs


@contextmanager
def _temporary(site_dir: Path) -> Iterator[Path]:
    """A new folder beside site_dir (.site.new-XXXX), for the block: the staging site is built
    in it and, where no exchange is possible, the old site set aside in it. Its OWNER file
    stays locked until the block or the process ends (lock.py), so recover() in any other run,
    of this dossier or of another with the same --site-dir, leaves it alone while its build
    runs. An OSError in the block names site_dir instead of a path inside the folder, or of a
    file being copied into it (_as_written)."""
    folder = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.new-", dir=site_dir.parent))
    held = None
    try:
        held = take(folder / OWNER)  # first: the folder never holds anything without it
        (folder / ".gitignore").write_text(_IGNORE_ALL)
        yield folder
    except OSError as exc:
        raise _as_written(exc, folder, site_dir) from None
    finally:
        _remove(folder)
        if held is not None:
            held.release()


def _remove(folder: Path) -> None:
    """Delete a temporary folder, its .gitignore (which hides it from Git) next to last and
    its OWNER last, so that what a kill midway leaves is still recognised by recover()."""
    for entry in sorted(folder.iterdir(), key=lambda e: (e.name == OWNER, e.name == ".gitignore")):
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    folder.rmdir()


def _as_written(exc: OSError, folder: Path, site_dir: Path) -> OSError:
    """exc naming site_dir when what failed was a write into folder: a copy (shutil, os.link)
    names the file it read as exc.filename (a theme file, build/docs/...) and the one it
    wrote as filename2; a failed write() names none."""
    written = exc.filename2 or exc.filename
    if exc.errno is None or (written is not None and not Path(os.fsdecode(written)).is_relative_to(folder)):
        return exc
    return OSError(exc.errno, exc.strerror, str(site_dir))


def recover(site_dir: Path) -> list[str]:
    """Finish or undo a swap that a killed build left, and delete the temporary folders of
    builds that are gone: those whose OWNER nobody holds (a folder without one is being made
    or deleted by its build). Says what was done."""
    notes = []
    parent, name = site_dir.parent, site_dir.name
    if not parent.is_dir():
        return notes
    for folder in sorted(parent.glob(f".{name}.new-*")):
        try:
            held = take(folder / OWNER, create=False) if folder.is_dir() and not folder.is_symlink() else None
        except OSError:  # no OWNER (or not a file): not a folder to judge
            continue
        if held is None:
            continue  # its build is running
        try:
            if not (folder / OWNER).exists():
                continue  # deleted by the process that held it until a moment ago
            if not site_dir.exists() and not site_dir.is_symlink() and is_output(folder / "old"):
                (folder / "old").rename(site_dir)
                notes.append(f"restored {site_dir} from an interrupted build")
            _remove(folder)
            notes.append(f"removed {folder.name}, left by an interrupted build")
        finally:
            held.release()
    return notes


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return result == 0


def build_site(config_file: Path, site_dir: Path, epoch: int, verbose: bool = False,
               root: Path | None = None, cache_file: Path | None = None) -> Built:
    """Build next to site_dir, then swap it in; on failure site_dir is left as it was, and a
    kill at any moment leaves the old or the new site at site_dir (the next run tidies up).
    With cache_file, pages that cannot have changed are reused from the current site
    (htmlcache.py); the cache is dropped before the swap and saved after it, so it never
    describes another site than the one at site_dir."""
    site_dir = Path(os.path.abspath(site_dir))
    refuse_output(site_dir, root or site_dir.parent)
    notes = recover(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _temporary(site_dir) as folder:
        staging, old = folder / "site", folder / "old"
        staging.mkdir()  # not private as the folder is: a site is for reading
        (staging / MARKER).write_text(_MARKER_TEXT)
        built = run_mkdocs(config_file, staging, epoch, verbose, cache_file, site_dir)
        built.notes = notes
        _fault("built")
        if cache_file is not None:
            htmlcache.drop(cache_file)
        if not site_dir.exists():
            staging.rename(site_dir)
        elif _exchange(staging, site_dir):
            _fault("exchanged")
        else:
            site_dir.rename(old)
            _fault("moved-old")
            staging.rename(site_dir)
        if cache_file is not None and built.cache is not None:
            htmlcache.save(cache_file, built.cache)
    return built


def update_site(config_file: Path, site_dir: Path, epoch: int, cache_file: Path) -> Built:
    """For `dossier serve` only: build into site_dir itself, reusing its pages where they stand
    (htmlcache.py), which spares linking every page into a new folder and deleting the old
    one. Not atomic: a reader may load a page while it is written, and a failed build leaves
    a mix, so its cache is dropped and the next build converts every page. The sharded
    search index is left as it was, for finish_search to write once the pages are shown."""
    site_dir = Path(os.path.abspath(site_dir))
    site_dir.mkdir(parents=True, exist_ok=True)
    (site_dir / MARKER).write_text(_MARKER_TEXT)
    try:
        built = run_mkdocs(config_file, site_dir, epoch, cache_file=cache_file, site_dir=site_dir,
                           search_later=True)
    except BaseException:
        htmlcache.drop(cache_file)
        raise
    if built.cache is not None:
        htmlcache.save(cache_file, built.cache, keep=True)
    return built


def finish_search(site_dir: Path, built: Built, cache_file: Path, stop=None) -> None:
    """The sharded index update_site left for later, written into site_dir; the files of the
    previous index that it no longer has deleted, and the cache saved again to say so.
    stop: see parallel.in_child_unless; the index is then left for the next build's finish."""
    index, cache = built.outcome.search_later, built.cache
    if index is None or cache is None:
        return
    files = in_child_unless(stop, searchshards.build, index) if stop else searchshards.build(index)
    if files is STOPPED:
        return
    built.outcome.search_later = None
    written = set(searchshards.write_files(site_dir, files))
    before = {path for path in cache.outputs if path.startswith(searchshards.FOLDER)}
    remove_files(site_dir, before - written)
    cache.outputs = sorted(set(cache.outputs) - before | written)
    htmlcache.save(cache_file, cache, keep=True)
