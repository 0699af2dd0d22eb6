"""The project's mkdocs.yml, read as plain YAML and held to a schema.

mkdocs.yml can make a build run code (`hooks`, any installed plugin, a Markdown extension,
which is a Python import path, a theme's `custom_dir` of templates) or make every page load
a script from elsewhere (`extra.polyfills`, `extra.analytics`, `extra_javascript` with an
address). The theme writes many settings into every page as they are. A pull request can
change mkdocs.yml like any other file, so every setting Dossier accepts is described below
(SCHEMA: its type, at every level) and anything else is refused at mkdocs.yml:line:col, by
`dossier check` as well as by the build: a key not described, a value of another type (a
text where a list is expected is an error, never interpreted), a setting that loads or runs
something. A maintainer who has reviewed a file that needs more passes --trust-config on the
command line (a flag, because a setting in the file could be added by the same pull request).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

from ..core.errors import Diagnostic, DossierError, SourceLoc, display_path, error
from ..read.load import RawDoc, load_yaml
from ..core.markup import as_browser_href, as_browsers_read, url_problem, url_scheme
from .settings import (Entries, Leaf, OneOf, Problem, Seq, _dotted, _matches, _one_of, check_value, enum,
                       options, record, refused)

# extra.dossier_search: the theme's search, the sharded index (searchshards.py), or the theme's
# below SHARDS_FROM_PAGES pages and the sharded index from there on.
SEARCH_MODES = ("auto", "theme", "shards")
UNSAFE_FEATURE = "content.tooltips"  # renders link titles (names) as HTML
TRUST_HINTS = {  # the problems --trust-config allows, and what is said of them
    "unsafe-config": "; Dossier refuses what could run code or load something from elsewhere. If you "
                     "maintain this project and trust this file, pass --trust-config",
    "mkdocs-schema": "; Dossier accepts only the settings it describes (SECURITY.md). If you maintain "
                     "this project and trust this file, pass --trust-config"}
LIFTED_BY_TRUST = frozenset(TRUST_HINTS)


# -- the schema of mkdocs.yml -----------------------------------------------------------------

_SHIPPED = re.compile(r"assets/[A-Za-z0-9_-]+(?:[./][A-Za-z0-9_-]+)*")


def _shipped_file(value: str) -> str | None:
    """A file of the theme's or Dossier's own under assets/: every other file of the site is
    made from the dossier's content (an article's text is published as sources/raw/<id>.txt,
    which a browser would run as a script), and Dossier copies no other file into the site.
    Plain characters only: no '..' and no percent-encoding, which a browser decodes ('%2e%2e')."""
    if not _SHIPPED.fullmatch(value) or ".." in value:
        return ("it is not a file of the theme's or Dossier's own (a path under assets/ of letters, "
                "digits, - and _); the site holds no other file that a page may load")
    return None


def _site_path(value: str) -> str | None:
    """A path on this site (extra.scope): relative or from the site's root, no address, no
    percent-encoding."""
    if url_problem(value, relative=True) or url_scheme(value) or "%" in value:
        return "it is not a path on this site (such as / or a relative path; no address)"
    return None


# Material's page script asks these hosts' APIs for a repository's stars and forks on every
# page (its own patterns, assets/javascripts/bundle.*.js): a request from each reader elsewhere.
_FETCHED_REPOSITORY = (re.compile(r"^.+github\.com/([^/]+)/?([^/]+)?", re.I),
                       re.compile(r"^.+?([^/]*gitlab[^/]+)/(.+?)/?$", re.I))


_ASCII_HOST = re.compile(r"[a-z0-9-]+(\.[a-z0-9-]+)*")


def _repository(value: str) -> str | None:
    problem = url_problem(value)
    if problem:
        return problem
    host = urlsplit(as_browsers_read(value)).hostname or ""
    if not _ASCII_HOST.fullmatch(host):
        return ("write the repository's host in plain letters, digits, dots and hyphens: the theme "
                "reads the address as the browser folds it, which Dossier cannot check otherwise")
    if any(pattern.match(as_browser_href(value)) for pattern in _FETCHED_REPOSITORY):
        return ("the theme asks this host's API for the repository's stars and forks from every "
                "reader's browser, on every page; leave repo_url out, or accept the requests")
    return None


TEXT = Leaf("a text")


def _regex(value: str) -> str | None:
    """A pattern the theme's search compiles (JavaScript's syntax is close to Python's for
    what a separator needs): one that does not compile would stop the build."""
    try:
        re.compile(value)
    except re.error as exc:
        return f"a regular expression that compiles ({exc}); for example '[\\s\\-]+'"
    return None


PATTERN = Leaf("a regular expression", (str,), _regex)
BOOL = Leaf("true or false", (bool,))
NAME = Leaf("a name", (str,), _matches(r"[A-Za-z0-9][A-Za-z0-9._-]*", "a name (letters, digits, . _ -)"))
_ICON_NAME = re.compile(r"[a-z0-9-]+(/[a-z0-9_-]+)+")


def _icon(value: str) -> str | None:
    """One of the theme's icons: the theme includes the file .icons/<name>.svg into pages, and
    a name it lacks fails the build (reported by MkDocs far from this line)."""
    import material

    if not _ICON_NAME.fullmatch(value):
        return "it is not an icon name such as material/home"
    if not (Path(material.__file__).parent / "templates" / ".icons" / f"{value}.svg").is_file():
        return "the theme has no icon of that name (see Material for MkDocs' icon search)"
    return None


ICON = Leaf("an icon name", (str,), _icon)
SITE_PATH = Leaf("a path on the site", (str,), _site_path, "unsafe-config")
SHIPPED_FILE = Leaf("a file of the theme's or Dossier's own", (str,), _shipped_file, "unsafe-config")
URL = Leaf("an http(s) address", (str,), url_problem, "unsafe-config")
LINK = Leaf("an http(s) address or a path in the site", (str,), lambda v: url_problem(v, relative=True),
            "unsafe-config")
LEVEL_1_TO_6 = Leaf("a heading level from 1 to 6", (int,),
                    lambda v: None if 1 <= v <= 6 else f"it is {v}, not 1 to 6")
HEADING_RANGE = Leaf("a range of heading levels such as 2-3", (str,),
                     _matches(r"[1-6]-[1-6]", "a range such as 2-3"))
LEVEL = Leaf("warn, info or ignore", (str,), _one_of("warn", "info", "ignore"))


FEATURES = ("announce.dismiss", "content.action.edit", "content.action.view", "content.code.annotate",
            "content.code.copy", "content.code.select", "content.footnote.tooltips", "content.lazy",
            "content.tabs.link", "content.tooltips", "header.autohide", "navigation.expand",
            "navigation.footer", "navigation.indexes", "navigation.instant", "navigation.instant.prefetch",
            "navigation.instant.preview", "navigation.instant.progress", "navigation.path",
            "navigation.prune", "navigation.sections", "navigation.tabs", "navigation.tabs.sticky",
            "navigation.top", "navigation.tracking", "search.highlight", "search.share", "search.suggest",
            "toc.follow", "toc.integrate")
COLOURS = ("red", "pink", "purple", "deep purple", "indigo", "blue", "light blue", "cyan", "teal", "green",
           "light green", "lime", "yellow", "amber", "orange", "deep orange", "brown", "grey", "blue grey",
           "black", "white", "custom")
PALETTE = record("a palette (a mapping)", media=TEXT, scheme=NAME, primary=enum(*COLOURS, what="a colour"),
                 accent=enum(*COLOURS, what="a colour"), toggle=record("a mapping", icon=ICON, name=TEXT))
ICONS = record("a mapping of icon names", **{key: ICON for key in (
    "logo", "repo", "edit", "view", "top", "share", "menu", "alternate", "search", "close", "previous",
    "next", "annotation")}, admonition=record("a mapping of icon names", other=ICON),
    tag=record("a mapping of icon names", other=ICON))
FONT_LOADS = refused("theme.font with a font name loads the font from Google Fonts on every page "
                     "(write `font: false` for the reader's system fonts)")

THEME = record(
    "a theme (a mapping)",
    fixed={"language": "content/dossier.yml's language", "locale": "content/dossier.yml's language"},
    name=enum("material", what="the theme's name"),
    features=Seq("a list of feature names", item=enum(*FEATURES, what="a feature name")),
    palette=OneOf("a palette or a list of palettes", options=(PALETTE, Seq("", item=PALETTE))),
    font=OneOf("false", options=(Leaf("false", (bool,), lambda v: None if v is False else "must be false"),
                                 FONT_LOADS)),
    logo=SHIPPED_FILE, favicon=SHIPPED_FILE, icon=ICONS, direction=enum("ltr", "rtl"),
    custom_dir=refused("theme.custom_dir replaces the theme's templates, which run in every page"),
    static_templates=refused("theme.static_templates renders templates from a folder"),
)

EXTRA = record(
    "a mapping (extra)",
    homepage=LINK,
    social=Seq("a list of links", item=record("a link", icon=ICON, link=URL, name=TEXT)),
    generator=BOOL,
    consent=record("a mapping", title=TEXT, description=TEXT,
                   actions=Seq("a list", item=enum("accept", "reject", "manage")),
                   cookies=record("a mapping", other=OneOf("a text or a mapping", options=(
                       TEXT, record("a mapping", name=TEXT, checked=BOOL))))),
    alternate=Seq("a list of languages", item=record("a language", name=TEXT, link=LINK, lang=NAME)),
    version=record("a mapping", provider=enum("mike"), default=OneOf("a text or a list", options=(
        TEXT, Seq("", item=TEXT))), alias=BOOL),
    tags=record("a mapping of tags to identifiers", other=NAME),
    status=record("a mapping of statuses to texts", other=TEXT),
    annotate=record("a mapping of languages to lists of classes", other=Seq("a list", item=NAME)),
    scope=SITE_PATH,
    dossier_search=Leaf("the search", (str,), lambda v: None if v in SEARCH_MODES else
                        f"it is {v!r}; write one of {', '.join(SEARCH_MODES)} (see the README, \"Search\")",
                        "mkdocs-config"),
    analytics=refused("extra.analytics loads a tracking script from the network"),
    polyfills=refused("extra.polyfills loads scripts into every page"),
)

SCRIPT = OneOf("a file of the theme's or Dossier's own, or a mapping with its path", options=(
    SHIPPED_FILE, record("a script", path=SHIPPED_FILE, type=enum("module", "text/javascript"), defer=BOOL,
                         **{"async": BOOL})))

_HIGHLIGHT = options(use_pygments=BOOL, linenums=BOOL,
                     linenums_style=enum("table", "pymdownx-inline", "inline"),
                     anchor_linenums=BOOL, line_spans=TEXT, line_anchors=TEXT, pygments_lang_class=BOOL,
                     auto_title=BOOL, css_class=NAME, default_lang=NAME, guess_lang=BOOL,
                     language_prefix=TEXT)
# Markdown extensions: only those under which the text Dossier escapes (markup.md) stays the
# text it is, and that leave the raw HTML of its pages (JSON in scripts, SVG views) alone,
# proved on every one of them by tests/test_hostile_input.py. Not def_list, smarty, critic,
# caret, tilde, mark, keys, smartsymbols, details, tabbed or superfences: each turns some text
# of a name or a quote (or of a view's SVG) into a tag, or changes its characters.
_EXTENSIONS = {
    "abbr": options(), "admonition": options(), "attr_list": options(), "md_in_html": options(),
    "sane_lists": options(), "tables": options(),
    "footnotes": options(PLACE_MARKER=TEXT, UNIQUE_IDS=BOOL, BACKLINK_TEXT=TEXT, SUPERSCRIPT_TEXT=TEXT,
                         BACKLINK_TITLE=TEXT, SEPARATOR=TEXT, USE_DEFINITION_ORDER=BOOL),
    "toc": options(marker=TEXT, title=TEXT, title_class=NAME, toc_class=NAME, anchorlink=BOOL,
                   anchorlink_class=NAME, permalink=OneOf("true, false or a text", options=(BOOL, TEXT)),
                   permalink_class=NAME, permalink_title=TEXT, permalink_leading=BOOL, baselevel=LEVEL_1_TO_6,
                   separator=TEXT, toc_depth=OneOf("a level from 1 to 6 or a range such as 2-3",
                                                   options=(LEVEL_1_TO_6, HEADING_RANGE))),
}
EXTENSIONS = {**_EXTENSIONS, **{f"markdown.extensions.{name}": rule for name, rule in _EXTENSIONS.items()},
              "pymdownx.betterem": options(smart_enable=enum("all", "asterisk", "underscore", "none")),
              "pymdownx.highlight": _HIGHLIGHT,
              "pymdownx.inlinehilite": options(style_plain_text=BOOL, css_class=NAME),
              "pymdownx.tasklist": options(custom_checkbox=BOOL, clickable_checkbox=BOOL)}
PLUGINS = {"search": options(enabled=BOOL, separator=PATTERN,
                             lang=OneOf("a language or a list", options=(NAME, Seq("", item=NAME))),
                             pipeline=Seq("a list", item=enum("stemmer", "stopWordFilter", "trimmer"))),
           "offline": options(enabled=BOOL)}

BY_DOSSIER = "content/ and content/dossier.yml"
SCHEMA = record(
    "a mapping of settings",
    fixed={"site_name": "content/dossier.yml's title", "site_description": "content/dossier.yml's summary",
           "docs_dir": BY_DOSSIER, "nav": BY_DOSSIER, "use_directory_urls": "the kind of build",
           "site_dir": "--site-dir", "dev_addr": "`dossier serve --dev-addr`",
           "not_in_nav": BY_DOSSIER, "exclude_docs": BY_DOSSIER, "draft_docs": BY_DOSSIER},
    site_url=URL, site_author=TEXT, repo_url=Leaf("an http(s) address", (str,), _repository, "unsafe-config"),
    repo_name=TEXT, edit_uri=LINK, copyright=TEXT,
    theme=OneOf("a theme", options=(enum("material", what="the theme's name"), THEME)),
    plugins=Entries("a list of plugins", allowed=PLUGINS, noun="plugin"),
    markdown_extensions=Entries("a list of Markdown extensions", allowed=EXTENSIONS,
                                noun="Markdown extension"),
    extra=EXTRA,
    extra_css=Seq("a list of files of the theme's or Dossier's own", item=SHIPPED_FILE),
    extra_javascript=Seq("a list of scripts in the site", item=SCRIPT),
    validation=record("a mapping",
                      nav=record("a mapping", omitted_files=LEVEL, not_found=LEVEL, absolute_links=LEVEL),
                      links=record("a mapping", not_found=LEVEL, anchors=LEVEL, absolute_links=LEVEL,
                                   unrecognized_links=LEVEL)),
    strict=BOOL,
    hooks=refused("hooks are Python files that run during the build"),
    INHERIT=refused("INHERIT reads another configuration file"),
    extra_templates=refused("extra_templates renders templates from the docs folder"),
    watch=refused("watch makes `serve` read folders outside the dossier"),
)


# -- checking mkdocs.yml --------------------------------------------------------------------

def _features(data: dict) -> list[tuple[tuple, object]]:
    theme = data.get("theme")
    features = theme.get("features") if isinstance(theme, dict) else None
    if isinstance(features, list):
        return [(("theme", "features", i), f) for i, f in enumerate(features)]
    return [(("theme", "features"), features)] if features is not None else []


def config_problems(doc: RawDoc) -> list[Diagnostic]:
    """What in mkdocs.yml is not described by SCHEMA, or could run code or load something."""
    data = doc.data
    if not isinstance(data, dict):
        return [error("mkdocs-config", "mkdocs.yml must be a mapping of settings", doc.loc())]
    found: list[Problem] = []
    check_value(SCHEMA, data, (), found)
    reported = {p.path for p in found}
    for path, value in _strings(data):
        if path in reported:
            continue
        # The theme writes settings such as copyright, social links and consent texts into
        # pages as HTML, unescaped (MkDocs' templates do not escape): markup, a double quote
        # that would end an attribute (and start another, such as onfocus), or a script
        # address there would run for readers.
        if "<" in value:
            found.append(Problem(path, f"'{_dotted(path)}' holds HTML markup ('<'), which the theme "
                                 "would put in every page", "unsafe-config"))
        elif '"' in value:
            found.append(Problem(path, f"'{_dotted(path)}' holds a double quote, which would end the HTML "
                                 "attribute the theme writes it into; write “ ” instead", "unsafe-config"))
        elif url_scheme(value) in SCRIPT_SCHEMES:
            found.append(Problem(path, f"'{_dotted(path)}' is a script address", "unsafe-config"))
    problems = []
    # Each problem points at the setting's key (a list item: at the item).
    for p in sorted(set(found), key=lambda p: (doc.key_loc(p.path), p.message)):
        problems.append(error(p.code, p.message + TRUST_HINTS.get(p.code, ""),
                              doc.key_loc(p.path)))
    for path, value in _features(data):
        # Material tests a feature with includes(), a substring test on a text: ban it in any form.
        if isinstance(value, str) and UNSAFE_FEATURE in value:
            problems.append(error(
                "unsafe-theme-feature", f"remove '{UNSAFE_FEATURE}' from theme.features: the theme "
                "shows link titles through innerHTML, and Dossier's link titles carry names from the "
                "fact sheets, so markup in a name would run in the reader's browser. Browsers show "
                "the titles on hover without it", doc.loc(path)))
    return problems


SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data"})


def _strings(value: object, path: tuple = ()):
    """Every text value in the settings, and every key of a mapping, with its data path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if isinstance(key, str):
                yield path + (key,), key
            yield from _strings(inner, path + (key,))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _strings(inner, path + (i,))


def load_config(path: Path, trust: bool = False) -> tuple[dict, list[Diagnostic]]:
    """The project's mkdocs.yml as data, and its problems (none of the schema's when trusted).
    Shown relative to the current folder when it is inside it, as editors and CI expect."""
    shown = display_path(Path(os.path.abspath(path)), Path.cwd())
    if not path.exists() and not path.is_symlink():
        return {}, [error("no-mkdocs-config", f"{shown} not found; pass --config with the path of "
                          "the project's mkdocs.yml", SourceLoc(shown, 0, 0))]
    doc, problems = load_yaml(path, shown, "mkdocs", path.parent)
    if doc is None:
        return {}, [p if "YAML" not in p.message else error(
            p.code, p.message + " (use plain YAML here, without !!python or !ENV tags)", p.loc)
            for p in problems]
    found = config_problems(doc)
    if trust:
        found = [p for p in found if p.code not in LIFTED_BY_TRUST]
    return doc.data if isinstance(doc.data, dict) else {}, problems + found


def read_config(path: Path, trust: bool = False) -> dict:
    data, problems = load_config(path, trust)
    if problems:
        raise DossierError(problems)
    return data


SHIPPED = Path(__file__).parent / "mkdocs.yml"  # the site configuration Dossier ships


def merged(base: dict, override: dict) -> dict:
    """`override` over `base`: mappings merged key by key, any other value replaced (as
    MkDocs' INHERIT merges a configuration over the one it inherits)."""
    out = dict(base)
    for key, value in override.items():
        out[key] = merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


def site_config(path: Path, trust: bool = False, required: bool = False) -> dict:
    """The shipped configuration, with the dossier's mkdocs.yml (when there is one, or when
    `required`: named with --config) over it; the dossier's file is held to the schema
    (the shipped one keeps to it too)."""
    data = read_config(SHIPPED)
    if required or path.exists() or path.is_symlink():
        own = read_config(path, trust)
        if isinstance(own.get("theme"), str):  # `theme: material` names the theme the shipped
            own = {**own, "theme": {"name": own["theme"]}}  # settings are for: keep them (font: false)
        data = merged(data, own)
    return data
