"""The theme's navigation, rendered once per folder for the pages that are not in it
(htmlcache.py calls it on the theme's Jinja environment before any page is built)."""

from __future__ import annotations

import jinja2

NAV_TEMPLATE = "partials/nav.html"  # the theme's navigation, in the sidebar of every page


def once_per_folder(env: jinja2.Environment, in_nav: set[int]) -> None:
    """The theme's navigation rendered once per folder for the pages that are not in it
    (entity and source pages): nothing in it is active for them, and its links are relative
    to the page's folder, so it is the same text for every page of a folder (at 1,000 sources
    it was an eighth of the HTML stage). Pages in the navigation show it with their own item
    active and are rendered as the theme renders them. tests/test_prerendered.py holds a
    bare `mkdocs build` of the same docs to the same bytes."""
    try:
        template = env.get_template(NAV_TEMPLATE)
    except jinja2.TemplateNotFound:
        return
    render, made = template.root_render_func, {}

    def cached(context):
        page = context.get("page")
        url = getattr(page, "url", None)
        if not isinstance(url, str) or id(page) in in_nav or getattr(page, "parent", None) is not None:
            yield from render(context)
            return
        folder = url.rstrip("/").rpartition("/")[0]
        if folder not in made:
            made[folder] = "".join(render(context))
        yield made[folder]

    template.root_render_func = cached
