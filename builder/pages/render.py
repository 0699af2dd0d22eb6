"""Stage 4: the resolved model -> pages (Jinja2 with StrictUndefined), each page kind decided
in its own module (entity.py, source.py, overview.py, ...). A page is front matter, Markdown
heading lines and finished HTML (site/prerendered.py says why and how it is read).

render_pages returns {path in the docs folder: text}; it writes nothing, except the source and
entity pages, written into the previous build's docs folder as they come when it is given
(rendercache.Previous). Templates decide the layout; the page modules prepare what they
show. Links are written in the site's final URL style (markup.html_href) and checked by the
HTML stage (site/htmlcache.py) as MkDocs checks Markdown links.
"""

from __future__ import annotations

import gc
from pathlib import Path

from ..core.memo import Memo
from ..core.parallel import chunks, fork_each, fork_map, workers
from ..core.write import check_collisions, write_if_changed
from ..export.opendata import EXPORT_SCHEMA_VERSION, FILES as EXPORT_FILES, export_files
from ..model.changes import History
from ..resolve.dossier import no_cyclic_gc
from ..resolve.resolved import Resolved
from .entity import entity_text
from .overview import OVERVIEW_PARTS, overview_pages
from ..export.cite import csl_json
from .feed import FEED_PATH, atom_feed
from .paths import DATA_PAGE, entity_page, raw_path, source_page
from .rendercache import Digests, Numbering, Previous, RenderCache, text_digest
from .renderer import Renderer
from .source import source_text
from .templates import compile_templates

ASSETS = Path(__file__).parent / "assets"


MIN_DEPS_PER_WORKER = 5000  # a guess: fingerprints of the dependencies of about 50 pages
MIN_PAGES_PER_WORKER = 300  # a guess, not measured finely; at 3,011 pages two workers render in 8-9 s instead of 14-15 s
# A task's process holds what its pages read and make until it ends (tasks of 3,750 pages: 1.6 to
# 2.0 GB each at 10,000 sources), but starts cold: 60 tasks of 500 pages rendered in 257 s there,
# 8 of 3,750 in 121 s.
MAX_PAGES_PER_TASK = 4000


def render_pages(resolved: Resolved, history: History | None = None,
                 directory_urls: bool = True, previous: Previous | None = None,
                 data_files: bool = True, memo: Memo | None = None) -> dict[str, str | bytes]:
    """history: for the Changes page (None: the page says there is none); directory_urls:
    the site's URL style (MkDocs' use_directory_urls), for the links inside SVG views;
    previous: where the last build's pages and their dependencies are, to render again only
    the source and entity pages whose dependencies changed (rendercache.py); data_files:
    False leaves out the LATER_FILES (`dossier serve` writes them after the pages); memo:
    what the last build of this process kept (core/memo.py: `dossier serve`), here the
    fingerprints of the sheets and claims pages read (rendercache.Digests), which are then
    computed in this process, where the next build finds them.

    The model is frozen for the cycle collector (dossier.no_cyclic_gc), which is off; the
    cycles Jinja leaves are collected every 100 pages."""
    with no_cyclic_gc(frozen=True):
        return _render_pages(resolved, history, directory_urls, previous, data_files, memo)


def _render_pages(resolved: Resolved, history: History | None, directory_urls: bool,
                  previous: Previous | None, data_files: bool, memo: Memo | None) -> dict[str, str | bytes]:
    renderer = Renderer(resolved, directory_urls, memo.part("digests", Digests) if memo else None)
    renderer.prepare()
    compile_templates(renderer.env)
    articles, entities = list(resolved.articles.items()), list(resolved.entities.values())
    paths = [source_page(source_id) for source_id, _ in articles] + [entity_page(e.kind, e.id) for e in entities]
    # The data files, the feed and the citations read all of the model: here rather than in
    # a task of their own, where reading it copied most of it (2.6 GB of a peak of 4.5 GB at
    # 10,000 sources); while forked processes work (those that fingerprint the previous
    # build's dependencies, or once the last render task has started), so that they take a
    # core that would wait. At 3,000 sources that took 2.2 s off the render stage of a
    # clean build (42.8 s against 45.0) and added 152 MB to its peak (1,742 MB): what the
    # model pages this process reads while the forked processes share them.
    whole: dict[str, bytes] = {}

    def whole_dossier_files() -> None:
        if data_files and not whole:  # else made while the dependencies were fingerprinted
            whole.update(later_files(resolved, history))

    store = RenderCache(previous, renderer.key()) if previous else None
    kept: set[str] = set()
    if store:
        def fingerprints(deps: list) -> list[bytes]:
            count = 1 if memo else workers(len(deps), MIN_DEPS_PER_WORKER)
            pieces = fork_map(lambda part: renderer.fingerprints([deps[i] for i in part]),
                              chunks(len(deps), count), count, whole_dossier_files)
            now = [fingerprint for piece in pieces for fingerprint in piece]
            renderer._digests.update(zip(deps, now))
            return now
        kept = store.fresh(fingerprints, set(paths))
    todo = [i for i, path in enumerate(paths) if path not in kept]

    def page(i: int) -> str:
        """Page i, its source or entity read through the tracked model: the page depends on it."""
        if i < len(articles):
            source_id = articles[i][0]
            return source_text(renderer, source_id, renderer.r.articles[source_id])
        return entity_text(renderer, renderer.r.entities[entities[i - len(articles)].id])

    def work(task: range | tuple[str, int]) -> dict[str, str] | tuple:
        """The pages of sources and entities are independent of each other: a piece of
        them, or a part of the overview pages, per task (parallel.py). With a previous docs
        folder, the task writes its pages there itself and gives back their digests: the
        texts neither pile up in the task nor cross to this process (3,000 entity pages are
        149 MB of text; the peak of a clean build at 3,000 sources went from 1,877 and 1,944
        MB to 1,198 and 1,331). Each page's dependencies are numbered as it comes, for the
        same reason."""
        if isinstance(task, tuple):  # ("overview", part)
            return overview_pages(renderer, resolved, history, task[1])
        made, numbers, numbering, written = [], [], Numbering(), 0  # made: texts, or their digests
        for n, i in enumerate(task, 1):
            text, deps = renderer.recording(page, todo[i]) if store else (page(todo[i]), set())
            if previous is not None:
                written += write_if_changed(previous.docs / paths[todo[i]], text.encode("utf-8"))
                made.append(text_digest(text))
            else:
                made.append(text)
            numbers.append(numbering.add(deps))
            if n % 100 == 0:  # Jinja's contexts and macros form cycles: collected, and what
                gc.collect()  # survives frozen (as the model is, below), so that the next
                gc.freeze()  # collection looks at the next pages' objects only
        if not store:
            return made, [], [], written
        return made, numbers, numbering.table(), written

    jobs = workers(len(todo), MIN_PAGES_PER_WORKER)
    tasks = chunks(len(todo), jobs, most=MAX_PAGES_PER_TASK)
    first: list = [("overview", n) for n in range(len(OVERVIEW_PARTS))]
    if previous:  # its pages are written as they come: collisions are refused first (write.py)
        check_collisions([*paths, *(raw_path(source_id) for source_id, _ in articles)])
    early: dict[int, object] = {}
    later: dict[int, tuple] = {}  # a task's dependencies, until the tasks before it are added
    rendered: dict[str, str] = {}
    added = 0
    # A process per task (fork_each): it copies only what its pages read of the model, and
    # gives back what it made as soon as it is done.
    for index, result in fork_each(work, [*first, *tasks], max(jobs, workers(2, 1)), whole_dossier_files):
        if index < len(first):
            early[index] = result
            continue
        made, numbers, table, written = result
        names = [paths[todo[i]] for i in tasks[index - len(first)]]
        if previous is None or store is None:
            rendered.update(zip(names, made))
            continue
        previous.written += written
        later[index] = (names, made, numbers, table)
        del made, result
        while len(first) + added in later:  # in task order, so the cache's bytes are the same every time
            # Fingerprinted here, once per dependency (the new cache's numbering), not in
            # each task: the tasks share most dependencies, and a task that fingerprinted
            # its own did the same work again (at 1,000 sources 104,749 fingerprints in 8
            # tasks for 58,918 dependencies, 2.2 s of CPU more). Not kept in _digests: the
            # cache holds them (at 10,000 sources that dict was 130 MB more at the peak).
            store.add(*later.pop(len(first) + added), renderer.fingerprint_once)
            added += 1
    overview: dict[str, str] = {}
    for index in sorted(early):
        overview.update(early[index])
    if store and previous:
        store.save()
        previous.rendered, previous.reused, previous.in_docs = len(todo), frozenset(kept), frozenset(paths)
    pages: dict[str, str | bytes] = dict(rendered)  # none with previous: they are in its docs folder
    for source_id, article in articles:
        if article.publication == "full":  # in excerpts, no copy of the whole text
            pages[raw_path(source_id)] = article.raw_text.encode("utf-8")
    pages.update(overview)
    pages[DATA_PAGE] = renderer.render("data.md.j2", DATA_PAGE, files=EXPORT_FILES,
                                       schema_version=EXPORT_SCHEMA_VERSION)
    pages.update(whole)
    pages.update(asset_pages())
    return pages


# The files made from the whole dossier at once: the data files, the feed and the citations.
LATER_FILES = (*(f"data/{name}" for name in EXPORT_FILES), FEED_PATH, "data/cite.json")


def later_files(resolved: Resolved, history: History | None) -> dict[str, bytes]:
    """The LATER_FILES: what render_pages leaves out with data_files=False, for `dossier
    serve` to write once the pages are shown (no page is made from them: pages only link to them)."""
    with no_cyclic_gc():
        files = {f"data/{name}": content for name, content in export_files(resolved).items()}
        files[FEED_PATH] = atom_feed(resolved, history)
        files["data/cite.json"] = csl_json(resolved)
    return files


def asset_pages() -> dict[str, bytes]:
    """The few files Dossier adds to the theme (assets/), copied into every build. The style
    and script of each view (`view-*.css`, `view-*.js`) are kept apart in the source and
    appended to dossier.css and dossier.js, so that a page loads one file of each."""
    pages = {}
    for asset in sorted(ASSETS.iterdir()):
        view = asset.name.startswith("view-")
        name = f"assets/dossier{asset.suffix}" if view else f"assets/{asset.name}"
        pages[name] = pages.get(name, b"") + (b"\n" if view else b"") + asset.read_bytes()
    return pages
