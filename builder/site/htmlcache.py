"""Stage 6's incremental path: MkDocs' own build steps (those of
`mkdocs.commands.build.build`, MkDocs 1.6), except that a page whose output cannot have
changed is not converted again: its finished HTML is taken from the previous site (a hard
link), and its search entries, anchors and links from the cache. A page that is built is
not converted from Markdown either when the builder wrote it (prerendered.py), and its
search sections are read by searchtext.py.

A page is reused only when all of these are as they were at the previous build:
- its Markdown file (bytes; read and hashed only when its size, times or inode changed);
- the configuration (build/mkdocs.yml), the build date, and the versions of MkDocs, the
  theme, Python-Markdown, Jinja2, this module and searchshards.py;
- the navigation as every page shows it (titles, URLs and the front matter of its pages);
- what each link of the page resolved to (a target added or removed makes it stale);
- its file in the previous site (size and modification time).

Everything else is built as in a clean build: theme files, sitemap, 404 page, and the whole
search index, which holds the reused pages' entries in the order of a clean build. Anchors
are checked on every page, reused or not, against the anchors every page holds now, so a
link to an anchor that a changed page dropped still fails the build. The result is
byte-identical to a clean build (tests/test_incremental.py).

`dossier serve` builds in place instead (`final_site` is `config.site_dir`, site.update_site):
reused pages stay where they are, static files are copied only when newer, and the files of
the previous build that this one does not make are deleted (the cache lists them).

Only used with the plugins whose behaviour this reproduces (the theme's search); any other
configuration builds clean through `mkdocs.commands.build.build`.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import marshal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import markdown
import material
import mkdocs
from material.plugins.search.plugin import SearchIndex
from mkdocs import utils
from mkdocs.commands import build as mk
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, BuildError
from mkdocs.structure.files import File, Files, InclusionLevel, set_exclusions
from mkdocs.structure.nav import Navigation, Section, get_navigation
from mkdocs.structure.pages import Page

from . import navigation, prerendered, searchshards, searchtext
from ..core.outputs import replace_file
from ..core.write import file_key, file_stat, place_file, remove_files
from ..core.parallel import chunks, fork_map, workers

log = logging.getLogger("mkdocs.commands.build")

FORMAT = 5
_SUPPORTED_MKDOCS = "1.6."
_SUPPORTED_PLUGINS = {"material/search", "material/offline"}


@dataclass
class Outcome:
    """What the HTML stage did: pages converted, pages reused."""

    rendered: int = 0
    reused: int = 0
    why_full: str = ""  # why nothing was reused, when nothing was
    search_later: list | None = None  # the sharded index's input, when it is left for later (build)


class Restart(Exception):
    """The navigation changed under a reused page: build again without a previous site."""


@dataclass
class Cache:
    key: str
    site: str
    nav: str = ""
    pages: dict[str, dict] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)  # the files made from docs/ and the theme, the search shards


def supported_version() -> bool:
    return mkdocs.__version__.startswith(_SUPPORTED_MKDOCS)


def supported(config: MkDocsConfig) -> str | None:
    """Why this configuration must be built by MkDocs' own build, or None."""
    if not supported_version():
        return f"MkDocs {mkdocs.__version__}"
    plugins = set(config.plugins)
    if plugins - _SUPPORTED_PLUGINS:
        return "plugins " + ", ".join(sorted(plugins - _SUPPORTED_PLUGINS))
    return None


def _code_hash() -> str:
    """This module's and those that make what the cache keeps: pages written from the
    builder's HTML, their search sections and the sharded index's terms."""
    return hashlib.sha256(b"".join(Path(module.__file__).read_bytes() for module in (
        prerendered, searchtext, searchshards)) + Path(__file__).read_bytes()).hexdigest()


def build_key(config_file: Path, epoch: int) -> str:
    digest = hashlib.sha256()
    for part in (str(FORMAT), _code_hash(), mkdocs.__version__, material.__version__ if hasattr(
            material, "__version__") else "", markdown.__version__, jinja2.__version__, str(epoch)):
        digest.update(part.encode() + b"\0")
    digest.update(config_file.read_bytes())
    return digest.hexdigest()


_KEPT: dict[str, Cache] = {}  # `dossier serve`: its cache, kept in memory, by file name


def _load(cache_file: Path, key: str, site: Path) -> tuple[Cache | None, str]:
    cache = _KEPT.get(str(cache_file))
    try:
        if cache is not None:
            data = {"format": FORMAT, "key": cache.key, "site": cache.site}
        else:
            data = marshal.loads(cache_file.read_bytes())
    except FileNotFoundError:
        return None, "no previous build"
    except (OSError, EOFError, ValueError, TypeError):
        return None, "its cache is unreadable"
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None, "its cache is from another version"
    if data.get("key") != key:
        return None, "the configuration, date or versions changed"
    if data.get("site") != str(site):
        return None, "it was built into another folder"
    return cache or Cache(key, str(site), data["nav"], data["pages"], data["outputs"]), ""


def save(cache_file: Path, cache: Cache, keep: bool = False) -> None:
    """Written after the new site is in place, so the cache always describes site_dir.
    keep: only kept in memory, for the next build in this process (`dossier serve`, whose
    site is a temporary folder no other process builds again)."""
    if keep:
        _KEPT[str(cache_file)] = cache
        cache_file.unlink(missing_ok=True)
        return
    replace_file(cache_file, marshal.dumps({"format": FORMAT, "key": cache.key, "site": cache.site,
                                            "nav": cache.nav, "pages": cache.pages,
                                            "outputs": cache.outputs}))


def drop(cache_file: Path) -> None:
    _KEPT.pop(str(cache_file), None)
    cache_file.unlink(missing_ok=True)


def _nav_signature(nav: Navigation) -> str:
    """The navigation as every page shows it."""
    parts: list[str] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, Section):
                parts.append(f"{depth}S{item.title}")
                walk(item.children, depth + 1)
            elif isinstance(item, Page):  # the theme's navigation may show its meta (icon, status)
                meta = json.dumps(item.meta, sort_keys=True, default=str)
                parts.append(f"{depth}P{item.title}\0{item.url}\0{meta}")
            else:
                parts.append(f"{depth}L{item.title}\0{item.url}")

    walk(nav.items, 0)
    if nav.homepage is not None:
        parts.append(f"H{nav.homepage.url}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class _Recorder:
    """What each lookup of a link target resolved to while one page was converted."""

    def __init__(self, files: Files):
        self.files = files
        self.lookups: dict[str, str | None] = {}

    def __call__(self, path: str):
        found = Files.get_file_from_path(self.files, path)
        self.lookups[path] = found.src_uri if found else None
        return found


def _reusable(entry: dict | None, digest: str, file_at: Callable[[str], File | None], previous_site: Path,
              dest: str) -> bool:
    if not entry or entry["md"] != digest or entry["dest"] != dest:
        return False
    for path, target in entry["lookups"].items():
        found = file_at(path)
        if (found.src_uri if found else None) != target:
            return False
    return file_stat(previous_site / dest) == entry["stat"]


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per process: MkDocs makes a new environment for
    every build, which `dossier serve` runs on every edit (0.15 s at each). Keyed by Jinja
    by template and source checksum, so a changed template is compiled again."""

    def __init__(self) -> None:
        self.codes: dict[str, tuple[str, object]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = self.codes.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.codes[bucket.key] = (bucket.checksum, bucket.code)


_THEME_TEMPLATES = _CompiledTemplates()


MIN_PAGES_PER_WORKER = 10  # the 38 pages of a one-word edit at 1,000 sources: 0.68 s in one process, 0.47 s in two


@dataclass
class _Job:
    """What converting a page needs; forked workers inherit it."""

    config: MkDocsConfig
    files: Files
    doc_files: list
    nav: Navigation
    env: object
    search: object
    stale: list
    extract: object = None  # without the theme's search plugin: its entries, for the sharded index
    in_nav: frozenset = frozenset()  # id() of the navigation's pages, whose titles other pages show
    targets: dict | None = None  # site_targets, where pages in the builder's form are not converted


def _populate(file, config: MkDocsConfig, files: Files, targets: dict | None = None) -> None:
    """Convert one page's Markdown (MkDocs' _populate_page), recording what its links
    resolved to; the page keeps the lookups for _convert. targets: the site's files by URL,
    when the configuration is Dossier's own (prerendered.applies): a page in the builder's
    form is then written by prerendered.convert, and its links checked here."""
    if targets is not None and prerendered.populate(file.page, config, files, targets):
        return
    recorder = _Recorder(files)
    files.get_file_from_path = recorder  # type: ignore[method-assign]
    try:
        mk._populate_page(file.page, config, files)
    finally:
        del files.get_file_from_path
    file.page._dossier_lookups = recorder.lookups


def _convert(job: _Job, indices: range) -> dict[str, dict]:
    """Convert and build the stale pages job.stale[indices]; their files are written, and
    what the cache and the checks need is returned, keyed by source path."""
    index_ = job.extract or (job.search.search_index if job.search is not None else None)
    entries = index_.entries if index_ is not None else None
    out = {}
    for index in indices:
        file = job.stale[index]
        page = file.page
        if page.content is None:
            _populate(file, job.config, job.files, job.targets)
        before = len(entries) if entries is not None else 0
        if job.extract is not None and not file.inclusion.is_excluded():
            searchtext.add_entries(job.extract, page)  # what the plugin does for the page's context
        mk._build_page(page, job.config, job.doc_files, job.nav, job.env,
                       excluded=file.inclusion.is_excluded())
        search = entries[before:] if entries is not None else []
        if entries is not None:
            del entries[before:]  # added in clean-build order by the caller
        out[file.src_uri] = {
            "dest": file.dest_uri,
            "title": page._title_from_render,
            "lookups": page._dossier_lookups,
            "anchors": sorted(page.present_anchor_ids or ()),
            "links": {target.src_uri: dict(links) for target, links in (page.links_to_anchors or {}).items()},
            "search": search,
            "stat": file_stat(file.abs_dest_path),
        }
        if job.extract is not None:  # what the sharded index holds of the page, computed once
            out[file.src_uri]["index"] = searchshards.page_index(search)
        page.content = None  # built: free it (large pages add up)
        if id(page) not in job.in_nav:
            page.markdown, page.toc = None, []  # only the navigation's pages show on others
    return out


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))


def _convert_all(job: _Job, count: int) -> dict[str, dict]:
    """_convert over all stale pages, in count processes. A worker's MkDocs messages are
    captured and logged here (where strict mode counts them); its error stops the build."""
    if count <= 1:
        return _convert(job, range(len(job.stale)))

    def in_worker(indices: range) -> tuple[dict[str, dict], list[tuple[int, str]], str | None]:
        logger = logging.getLogger("mkdocs")
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
        capture = _Capture()
        logger.addHandler(capture)
        logger.propagate = False
        try:
            return _convert(job, indices), capture.records, None
        except Exception as exc:  # handed to the parent, which stops the build
            return {}, capture.records, f"{type(exc).__name__}: {exc}"

    results: dict[str, dict] = {}
    failed = None
    for done, records, error in fork_map(in_worker, chunks(len(job.stale), count), count):
        for level, message in records:
            log.log(level, message)
        results.update(done)
        failed = failed or error
    if failed:
        raise BuildError(failed)
    return results

def build(config: MkDocsConfig, key: str, cache_file: Path, previous_site: Path | None,
          final_site: Path, search_later: bool = False) -> tuple[Outcome, Cache]:
    """MkDocs' build (1.6) into config.site_dir with pages reused from previous_site (the
    site now at final_site). Returns what was done and the cache describing the new site, to
    be saved once it is in place. Raises Restart when the navigation changed; build again
    without a previous site then. search_later: when the site is built in place, leave the
    previous sharded index as it is and its input in the outcome (site/build.py:
    finish_search)."""
    outcome = Outcome()
    old, outcome.why_full = (None, "no previous site") if previous_site is None else _load(
        cache_file, key, final_site)
    in_place = old is not None and previous_site == Path(config.site_dir)  # `dossier serve`
    new = Cache(key, str(final_site))
    logger = logging.getLogger("mkdocs")
    warning_counter = utils.CountHandler()
    warning_counter.setLevel(logging.WARNING)
    if config.strict:
        logger.addHandler(warning_counter)
    inclusion = InclusionLevel.is_included
    search = config.plugins.get("material/search")
    try:
        start = time.monotonic()
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        if search is not None:  # the theme's sections, read faster (searchtext.py)
            index = search.search_index
            index.add_entry_from_context = functools.partial(searchtext.add_entries, index)
        if not in_place:
            utils.clean_directory(config.site_dir)

        files = mk.get_files(config)
        env = config.theme.get_env()
        env.bytecode_cache = _THEME_TEMPLATES
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)

        doc_files = files.documentation_pages(inclusion=inclusion)
        digests: dict[str, str] = {}  # of each page's Markdown (not the bytes: 1 GB at 30,000 pages)
        sources: dict[str, tuple | None] = {}
        for file in doc_files:
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
            assert file.page is not None
            sources[file.src_uri] = found = file_key(file.abs_src_path)  # None: a plugin's page
            entry = old.pages.get(file.src_uri) if old is not None else None
            if found is not None and entry is not None and entry.get("src") == found:
                digests[file.src_uri] = entry["md"]  # the file the previous build read
            else:
                digests[file.src_uri] = hashlib.sha256(file.content_bytes).hexdigest()
        reuse: set[str] = set()
        targets = prerendered.site_targets(files) if prerendered.applies(config) else None

        def find(path: str) -> File | None:
            """A link's target: by source path (MkDocs' lookups) or by URL (_link's, 'url:')."""
            if path.startswith("url:"):
                return (targets or {}).get(path[4:])
            return files.get_file_from_path(path)

        file_at = functools.lru_cache(maxsize=None)(find)  # the same targets, page after page
        in_nav = {id(page) for page in nav.pages}
        if old is not None:
            for file in doc_files:
                entry = old.pages.get(file.src_uri)
                if entry and _reusable(entry, digests[file.src_uri], file_at, previous_site, file.dest_uri):
                    reuse.add(file.src_uri)
                    if id(file.page) in in_nav:  # other pages show its title and front matter
                        file.page.read_source(config)
                    file.page._title_from_render = entry["title"]
        stale = [file for file in doc_files if file.src_uri not in reuse]
        # The navigation shows the titles of its pages: convert those first, here, so that
        # it is complete before any page is built.
        first = [file for file in stale if id(file.page) in in_nav]
        for file in first:
            _populate(file, config, files, targets)
        new.nav = _nav_signature(nav)
        if reuse and new.nav != old.nav:
            raise Restart("the navigation changed")  # every page shows it: nothing is reusable
        # A reused page's links to anchors of pages also reused were checked by the build that
        # made them, against the same anchors (that build failed on a broken one: strict mode);
        # only its links into pages built again are checked again (1.3 of a 7 s preview edit).
        recheck_all = config.validation.links.anchors < logging.WARNING or not config.strict
        for uri in reuse:
            entry = old.pages[uri]
            page = file_at(uri).page
            page.present_anchor_ids = set(entry["anchors"])
            page.links_to_anchors = {file_at(target): dict(links) for target, links in entry["links"].items()
                                     if recheck_all or target not in reuse}
            new.pages[uri] = entry
            entry["src"] = sources[uri]

        env = config.plugins.on_env(env, config=config, files=files)
        navigation.once_per_folder(env, in_nav)
        outputs = {file.dest_uri for file in files if inclusion(file.inclusion)}
        files.copy_static_files(dirty=in_place, inclusion=inclusion)
        for template in config.theme.static_templates:
            mk._build_theme_template(template, env, files, config, nav)
        for template in config.extra_templates:
            mk._build_extra_template(template, files, config, nav)

        shards = config.extra.get("dossier_search") == "shards"
        extract = SearchIndex() if shards else None
        job = _Job(config, files, doc_files, nav, env, search, stale, extract, frozenset(in_nav), targets)
        for uri, done in _convert_all(job, workers(len(stale), MIN_PAGES_PER_WORKER)).items():
            file = file_at(uri)
            file.page.present_anchor_ids = set(done["anchors"])
            file.page.links_to_anchors = {file_at(target): dict(links) for target, links in done["links"].items()}
            done["md"], done["src"] = digests[uri], sources[uri]
            new.pages[uri] = done
        entries = search.search_index.entries if search is not None else []
        folders: set[str] = set()
        for file in doc_files:
            entry = new.pages[file.src_uri]
            entries.extend(entry["search"])
            if file.src_uri in reuse and not in_place:
                place_file(previous_site / file.dest_uri, file.abs_dest_path, folders)
        if shards:
            index = [(new.pages[file.src_uri]["search"], new.pages[file.src_uri].get("index"))
                     for file in doc_files]
            if search_later and in_place:
                outputs.update(path for path in old.outputs if path.startswith(searchshards.FOLDER))
                outcome.search_later = index
            else:
                outputs.update(searchshards.write(Path(config.site_dir), index))
        new.outputs = sorted(outputs)
        if in_place:
            assert old is not None
            remove_files(Path(config.site_dir), set(old.outputs) - outputs)
        outcome.reused, outcome.rendered = len(reuse), len(stale)

        log_level = config.validation.links.anchors
        for file in doc_files:
            file.page.validate_anchor_links(files=files, log_level=log_level)

        config.plugins.on_post_build(config=config)
        if counts := warning_counter.get_counts():
            msg = ", ".join(f"{v} {k.lower()}s" for k, v in counts)
            raise Abort(f"Aborted with {msg} in strict mode!")
        for file in doc_files:
            if file.src_uri in reuse:
                new.pages[file.src_uri]["stat"] = file_stat(file.abs_dest_path)
        log.info(f"Documentation built in {time.monotonic() - start:.2f} seconds")
    except Exception as e:
        config.plugins.on_build_error(error=e)
        if isinstance(e, BuildError):
            log.error(str(e))
            raise Abort("Aborted with a BuildError!")
        raise
    finally:
        logger.removeHandler(warning_counter)
    return outcome, new
