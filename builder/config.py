"""The project's mkdocs.yml, read as plain YAML and held to an allow-list.

mkdocs.yml can make a build run code (`hooks`, any installed plugin, a Markdown extension,
which is a Python import path, a theme's `custom_dir` of templates) or make every page load
a script from elsewhere (`extra_javascript` with an address, analytics). A pull request can
change mkdocs.yml like any other file, so anything outside the lists below is refused at
mkdocs.yml:line:col, by `dossier check` as well as by the build, unless the maintainer
passes --trust-config on the command line (a flag, because a setting in the file could be
added by the same pull request).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import Diagnostic, DossierError, SourceLoc, display_path, error
from .load import RawDoc, load_yaml
from .markup import url_problem

ALLOWED_KEYS = frozenset({
    "site_name", "site_url", "site_author", "site_description", "repo_url", "repo_name", "edit_uri",
    "copyright", "theme", "plugins", "markdown_extensions", "extra", "extra_css", "extra_javascript",
    "validation", "use_directory_urls", "strict", "dev_addr", "not_in_nav", "exclude_docs",
    "draft_docs", "nav", "docs_dir", "watch"})
ALLOWED_PLUGINS = frozenset({"search", "offline"})
# extra.dossier_search: the theme's search, the sharded index (searchshards.py), or the theme's
# below SHARDS_FROM_PAGES pages and the sharded index from there on.
SEARCH_MODES = ("auto", "theme", "shards")
ALLOWED_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "sane_lists",
    "smarty", "tables", "toc", "markdown.extensions.abbr", "markdown.extensions.admonition",
    "markdown.extensions.attr_list", "markdown.extensions.def_list", "markdown.extensions.footnotes",
    "markdown.extensions.md_in_html", "markdown.extensions.sane_lists", "markdown.extensions.smarty",
    "markdown.extensions.tables", "markdown.extensions.toc", "pymdownx.betterem", "pymdownx.caret",
    "pymdownx.critic", "pymdownx.details", "pymdownx.highlight", "pymdownx.inlinehilite",
    "pymdownx.keys", "pymdownx.mark", "pymdownx.smartsymbols", "pymdownx.superfences",
    "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde"})
ALLOWED_THEMES = frozenset({"material"})
REFUSED_THEME_KEYS = frozenset({"custom_dir", "static_templates"})
UNSAFE_FEATURE = "content.tooltips"  # renders link titles (names) as HTML


def entry_name(item: object) -> str | None:
    """The name of a plugin or extension entry: 'name' or {'name': {options}}."""
    if isinstance(item, str):
        return item
    if isinstance(item, dict) and len(item) == 1:
        return str(next(iter(item)))
    return None


def config_problems(doc: RawDoc) -> list[Diagnostic]:
    """What in mkdocs.yml could run code or load something from elsewhere."""
    data = doc.data
    if not isinstance(data, dict):
        return [error("mkdocs-config", "mkdocs.yml must be a mapping of settings", doc.loc())]
    problems = []

    def refuse(path: tuple, what: str) -> None:
        problems.append(error("unsafe-config", f"{what}; Dossier refuses it because it could run "
                              "code or load script from elsewhere. If you maintain this project and "
                              "trust it, pass --trust-config", doc.key_loc(path)))

    for key in data:
        if key not in ALLOWED_KEYS:
            refuse((key,), f"the setting '{key}' is not one Dossier allows")
    for section, allowed, what in (("plugins", ALLOWED_PLUGINS, "plugin"),
                                   ("markdown_extensions", ALLOWED_EXTENSIONS, "Markdown extension")):
        items = data.get(section) or []
        for i, item in enumerate(items if isinstance(items, list) else [items]):
            name = entry_name(item)
            if name not in allowed:
                refuse((section, i), f"the {what} '{name}' is not on Dossier's list "
                       f"({', '.join(sorted(allowed)) if len(allowed) < 5 else 'see builder/config.py'})")
    theme = data.get("theme")
    if isinstance(theme, dict):
        if theme.get("name", "material") not in ALLOWED_THEMES:
            refuse(("theme", "name"), f"the theme '{theme.get('name')}' is not Material for MkDocs")
        for key in REFUSED_THEME_KEYS & set(theme):
            refuse(("theme", key), f"theme.{key} loads templates from a folder")
        features = theme.get("features") or []
        if isinstance(features, list) and UNSAFE_FEATURE in features:
            problems.append(error(
                "unsafe-theme-feature", f"remove '{UNSAFE_FEATURE}' from theme.features: the theme "
                "shows link titles through innerHTML, and Dossier's link titles carry names from the "
                "fact sheets, so markup in a name would run in the reader's browser. Browsers show "
                "the titles on hover without it", doc.loc(("theme", "features", features.index(UNSAFE_FEATURE)))))
    elif theme is not None and theme not in ALLOWED_THEMES:
        refuse(("theme",), f"the theme '{theme}' is not Material for MkDocs")
    for key in ("extra_javascript", "extra_css"):
        items = data.get(key) or []
        for i, item in enumerate(items if isinstance(items, list) else [items]):
            path = item.get("path") if isinstance(item, dict) else item
            if not isinstance(path, str) or ":" in path or path.startswith(("/", "\\")) or ".." in path:
                refuse((key, i), f"'{path}' in {key} is not a file shipped with the site")
    extra = data.get("extra")
    if isinstance(extra, dict) and "analytics" in extra:
        refuse(("extra", "analytics"), "extra.analytics loads a tracking script from the network")
    if isinstance(extra, dict) and extra.get("dossier_search", "auto") not in SEARCH_MODES:
        problems.append(error("mkdocs-config", f"extra.dossier_search is {extra['dossier_search']!r}; "
                              f"write one of {', '.join(SEARCH_MODES)} (see the README, \"Search\")",
                              doc.loc(("extra", "dossier_search"))))
    for path, value in _strings(data):
        # The theme writes settings such as copyright, social links and consent texts into
        # pages as HTML, unescaped: markup or a script address there would run for readers.
        if "<" in value:
            refuse(path, f"'{_dotted(path)}' holds HTML markup ('<'), which the theme would put in every page")
        elif _SCRIPT_ADDRESS.match(value):
            refuse(path, f"'{_dotted(path)}' is a script address")
        elif path[-1] in URL_KEYS and url_problem(value):
            refuse(path, f"'{_dotted(path)}': {url_problem(value)}")
    return problems


URL_KEYS = frozenset({"repo_url", "site_url", "homepage", "link"})
_SCRIPT_ADDRESS = re.compile(r"^\s*(javascript|vbscript|data):", re.IGNORECASE)


def _strings(value: object, path: tuple = ()):
    """Every text value in the settings, with its data path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _strings(inner, path + (key,))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _strings(inner, path + (i,))


def _dotted(path: tuple) -> str:
    return ".".join(str(p) for p in path)


def load_config(path: Path, trust: bool = False) -> tuple[dict, list[Diagnostic]]:
    """The project's mkdocs.yml as data, and its problems (none of the allow-list's when trusted).
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
        found = [p for p in found if p.code != "unsafe-config"]
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
    `required`: named with --config) over it; the dossier's file is held to the allow-list
    (the shipped one keeps to it too)."""
    data = read_config(SHIPPED)
    if required or path.exists() or path.is_symlink():
        data = merged(data, read_config(path, trust))
    return data
