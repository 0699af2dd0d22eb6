"""`dossier bundle`: the dossier as one reproducible zip, read offline from file://.

Same stages as `dossier build` up to the Markdown, written to build/bundle/docs with an
"About this copy" page; MkDocs renders it with .html links and the theme's offline plugin
into build/bundle/site; a check refuses any page that would load something from the
network; the zip holds the site in one folder, entries sorted, with fixed dates.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone
from html.parser import HTMLParser
from importlib.metadata import PackageNotFoundError, version as package_version
from pathlib import Path

from slugify import slugify

from ..core.errors import DossierError, SourceLoc, error
from ..core.resources import VENDOR
from ..core.outputs import inputs_of, link_problem, place_problem, refuse
from ..review.history import load_history
from ..core.lock import one_build
from ..resolve.dossier import INPUTS, Timings, check
from ..resolve.excerpts import publish
from .build import Project, dated
from ..pages.render import render_pages
from ..pages.renderer import Renderer
from ..resolve.resolved import Resolved
from ..site.build import ABOUT_PAGE, MARKER, OFFLINE_SHIM, build_epoch, build_site, write_config
from ..site.config import site_config
from ..review.revisions import git
from ..core.write import write_pages

LEFT_OUT = {"404.html", "sitemap.xml", "sitemap.xml.gz", MARKER}  # need a web server's root; ours
STORED = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".woff", ".woff2", ".gz", ".zip"}


@dataclass(frozen=True)
class ContentVersion:
    """What the copy was built from."""

    fingerprint: str  # SHA-256 over content/, seeds/ and mkdocs.yml (paths and bytes)
    commit: str | None  # Git commit of the project, when it is a repository
    dirty: bool  # content/, seeds/ or mkdocs.yml differ from that commit
    epoch: int  # the commit's date; without Git, the newest source's date

    @property
    def date_label(self) -> str:
        return datetime.fromtimestamp(self.epoch, timezone.utc).strftime("%Y-%m-%d")

    @property
    def date_note(self) -> str:
        if "SOURCE_DATE_EPOCH" in os.environ:
            return "set by SOURCE_DATE_EPOCH"
        return "date of that commit" if self.commit else "date of the newest source"

    @property
    def short(self) -> str:
        if self.commit:
            return self.commit[:12] + ("+changes" if self.dirty else "")
        return self.fingerprint[:12]


def input_files(root: Path) -> list[Path]:
    """Every entry under content/ and seeds/ that is a file or a link, links not followed."""
    found = []
    for name in INPUTS:
        for folder, dirs, files in os.walk(root / name):  # does not follow links to folders
            found += [Path(folder) / f for f in files]
            found += [Path(folder) / d for d in dirs if (Path(folder) / d).is_symlink()]
    return sorted(found)


def fingerprint(project: Project) -> str:
    digest = hashlib.sha256()
    for path in input_files(project.root) + [project.config]:
        label = path.relative_to(project.root).as_posix() if path.is_relative_to(project.root) else path.name
        if path.is_symlink():  # the link itself, never what it points to
            data = b"link:" + os.fsencode(os.readlink(path))
        elif path.is_file():
            data = path.read_bytes()
        else:
            continue
        digest.update(label.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


def _git(root: Path, *args: str) -> str | None:
    """git's output, or None outside a repository (a copy can be made without Git)."""
    try:
        return git(root, *args).strip()
    except DossierError:
        return None


def content_version(project: Project, resolved: Resolved) -> ContentVersion:
    commit = _git(project.root, "rev-parse", "--verify", "--quiet", "HEAD")
    dirty, epoch = False, build_epoch(resolved)
    tracked = set((_git(project.root, "ls-files", "-z", "--", *INPUTS) or "").split("\0")) - {""}
    if commit and not tracked:
        commit = None  # the dossier sits in a repository that does not track it: no commit to name
    if commit:
        paths = [*INPUTS, str(project.config)]
        on_disk = {p.relative_to(project.root).as_posix() for p in input_files(project.root)}
        dirty = bool(_git(project.root, "status", "--porcelain", "--", *paths)) or bool(on_disk - tracked)
        if "SOURCE_DATE_EPOCH" not in os.environ:
            epoch = int(_git(project.root, "log", "-1", "--format=%ct", commit) or epoch)
    return ContentVersion(fingerprint(project), commit, dirty, epoch)


def _tools() -> list[tuple[str, str]]:
    tools = []
    for label, dist in (("Dossier", "dossier"), ("MkDocs", "mkdocs"),
                        ("Material for MkDocs", "mkdocs-material")):
        try:
            tools.append((label, package_version(dist)))
        except PackageNotFoundError:
            continue
    return tools


class _Loads(HTMLParser):
    """Collects the addresses an HTML page loads by itself (not the links a reader follows)."""

    LOADING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
               ("audio", "src"), ("video", "src"), ("embed", "src"), ("object", "data"),
               ("input", "src"), ("track", "src")}

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if value and ((tag, name) in self.LOADING
                          or (tag == "link" and name == "href" and values.get("rel") != "canonical")):
                self.urls.append(value)


def external_loads(site: Path) -> list[tuple[str, str]]:
    """(page, address) for every resource a page would fetch from outside the copy."""
    found = []
    for page in sorted(site.rglob("*.html")):
        parser = _Loads()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            if url.startswith(("http:", "https:", "//")):
                found.append((page.relative_to(site).as_posix(), url))
    return found


def write_zip(site: Path, target: Path, folder: str, epoch: int) -> None:
    """The site as target, under one folder; the same files give the same bytes."""
    stamp = datetime.fromtimestamp(max(epoch, 315532800), timezone.utc).timetuple()[:6]  # zip: >= 1980
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temp, "w") as archive:
            for path in sorted(site.rglob("*"), key=lambda p: p.relative_to(site).as_posix()):
                rel = path.relative_to(site).as_posix()
                if not path.is_file() or rel in LEFT_OUT:
                    continue
                info = zipfile.ZipInfo(f"{folder}/{rel}", date_time=stamp)
                info.external_attr = 0o100644 << 16
                info.create_system = 3  # Unix, whatever the machine
                info.compress_type = (zipfile.ZIP_STORED if path.suffix.lower() in STORED
                                      else zipfile.ZIP_DEFLATED)
                archive.writestr(info, path.read_bytes(), compresslevel=9)
        os.chmod(temp, 0o644)
        os.replace(temp, target)  # a half-written zip never replaces a good one
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


def zip_output_problem(output: Path, project: Project) -> str | None:
    """Why the zip may not be written at `output`, or None: never through a link, never into
    the project's inputs or outputs (the next build would delete it, or the zip would hold
    itself), never over a file that is not a zip."""
    problem = place_problem(output, project.root, "--output", {
        **inputs_of(project.root), "build/": project.build_dir, "the site folder": project.site_dir})
    if problem:
        return problem
    problem = link_problem(project.build_dir / "bundle", project.root)
    if problem:
        return problem
    if output.exists() and not (output.is_file() and zipfile.is_zipfile(output)):
        return f"--output {output} exists and is not a zip; choose a new name"
    return None


@dataclass(frozen=True)
class BundleResult:
    path: Path
    folder: str  # the one folder inside the zip
    pages: int
    size: int  # bytes of the zip
    index_size: int  # bytes of the search index (search/search_index.js, or the sharded index's files)
    version: ContentVersion


def bundle(project: Project, output: Path | None = None, timings: Timings | None = None,
           verbose: bool = False) -> BundleResult:
    """The offline copy as a zip at output (default: dist/<title>.zip). It writes build/ as a
    build does, so it holds the dossier's build lock throughout (lock.one_build)."""
    with one_build(project.build_dir, project.root, "bundle"):
        return _bundle(project, output, timings or Timings(), verbose)


def _bundle(project: Project, output: Path | None, timings: Timings, verbose: bool) -> BundleResult:
    output = Path(os.path.abspath(output or project.root / "dist"))
    named = output.suffix.lower() == ".zip" and not (output.is_dir() and not output.is_symlink())
    if named:  # refused before anything is read or written (else a folder to put the zip in)
        refuse(zip_output_problem(output, project), output)
    resolved = publish(check(project.root, timings), project.publication)
    version = content_version(project, resolved)
    title = resolved.dossier.title
    folder = slugify(title, max_length=60, word_boundary=True, replacements=[["'", ""], ["’", ""]]) or "dossier"
    if not named:
        output = output / f"{folder}.zip"
        refuse(zip_output_problem(output, project), output)

    def pages() -> dict[str, str | bytes]:
        history = load_history(project.root, project.build_dir)
        dated(resolved, history, site_config(project.config, project.trust_config, project.config_required).get("site_url"))
        result = render_pages(resolved, history, directory_urls=False)
        claims = sum(len(e.claims) for e in resolved.entities.values())
        counts = {"sources": len(resolved.articles), "entities": len(resolved.entities),
                  "claims": claims}
        result[ABOUT_PAGE] = Renderer(resolved).render("about.md.j2", ABOUT_PAGE, version=version,
                                                       counts=counts, tools=_tools())
        result[OFFLINE_SHIM] = (VENDOR / "iframe-worker" / "shim.js").read_bytes()
        result[str(Path(OFFLINE_SHIM).with_name("LICENSE"))] = (VENDOR / "iframe-worker" / "LICENSE").read_bytes()
        return result

    work = project.build_dir / "bundle"
    work.mkdir(parents=True, exist_ok=True)
    rendered = timings.run("render", pages)
    footer = f"Offline copy of {title} · content {version.short} of {version.date_label}"
    config = write_config(project.config, resolved, work, offline_footer=footer,
                          trust=project.trust_config, required=project.config_required,
                          pages=sum(1 for path in rendered if path.endswith(".md")))
    timings.run("write", write_pages, rendered, work / "docs")
    site = work / "site"
    timings.run("mkdocs", build_site, config, site, version.epoch, verbose)
    loads = external_loads(site)
    if loads:
        raise DossierError([error("network-in-bundle", f"{page} would load {url} from the network; "
                                  "the offline copy must not. Remove it from mkdocs.yml (or the "
                                  "theme settings) or ship the file in the copy",
                                  SourceLoc(str(project.config))) for page, url in loads[:20]])
    try:
        timings.run("zip", write_zip, site, output, folder, version.epoch)
    except OSError as exc:
        raise DossierError([error("cannot-write", f"cannot write {output}: {exc.strerror or exc}; "
                                  "pass --output with a folder or .zip path you can write to",
                                  SourceLoc(str(output)))]) from None
    index = sum(p.stat().st_size for p in (site / "search").rglob("*") if p.is_file() and p.suffix == ".js")
    pages = sum(1 for p in site.rglob("*.html") if p.relative_to(site).as_posix() not in LEFT_OUT)
    return BundleResult(output, folder, pages, output.stat().st_size, index, version)
