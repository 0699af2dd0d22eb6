"""What each view costs the builder: its drawing functions timed alone (best of three) on
the bundled dossier (SOURCES 0) or a synthetic one. The site size per view and the whole
build with and without it: bench/build_cost.py --without VIEW.

    python bench/views_cost.py 0
    python bench/views_cost.py 1000
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from builder.resolve.dossier import check  # noqa: E402
from builder.pages.map import map_page, map_point  # noqa: E402
from builder.pages.paths import entity_page  # noqa: E402
from builder.pages.renderer import Renderer  # noqa: E402
from builder.pages.ties import ego_view, graph_page  # noqa: E402
from builder.pages.timeline import time_items  # noqa: E402
from builder.pages.views.map import map_svg  # noqa: E402
from builder.pages.views.timeline import timeline_svg, zoomable_timeline  # noqa: E402
from generate import generate as make_dossier  # noqa: E402


def best(run, times: int = 3) -> float:
    fastest = float("inf")
    for _ in range(times):
        start = time.perf_counter()
        run()
        fastest = min(fastest, time.perf_counter() - start)
    return fastest


def main() -> None:
    sources = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    with tempfile.TemporaryDirectory() as tmp:
        root = make_dossier(Path(tmp) / "d", sources) if sources else REPO
        resolved = check(root, use_cache=False)
        renderer = Renderer(resolved)
        _ = renderer.ties  # computed once per build, for the ties page and the ego graphs alike
        entities = list(resolved.entities.values())
        timeline = sorted(resolved.by_kind("events"), key=lambda e: (e.sheet.date.sort_key, e.sheet.name))

        def small_timelines() -> None:  # as pages/entity.py draws them: an entity with two dated events or more
            for info in entities:
                dated = [resolved.entities[i] for i in info.related
                         if resolved.entities[i].kind == "events" and resolved.entities[i].sheet.date.known]
                if len(dated) > 1 and info.kind != "events":
                    timeline_svg(time_items(renderer, dated, entity_page(info.kind, info.id)), width=700)

        def small_maps() -> None:
            for info in resolved.by_kind("places"):
                if info.sheet.coordinates:
                    map_svg([map_point(renderer, info, entity_page(info.kind, info.id))], width=700, height=360)

        def ego_graphs() -> None:
            for info in entities:
                ego_view(renderer, info, entity_page(info.kind, info.id))

        def cards() -> None:
            renderer._cards.clear()
            for info in entities:
                renderer.card(info.id)

        print(f"{'sources' if sources else 'bundled dossier'} {sources or ''}: {len(entities)} entities")
        for name, run in (("timeline page", lambda: zoomable_timeline(time_items(renderer, timeline, "events/index.md"), "zoom")),
                          ("small timelines", small_timelines), ("map page", lambda: map_page(renderer)),
                          ("small maps", small_maps), ("ties page", lambda: graph_page(renderer)),
                          ("ego graphs", ego_graphs), ("preview cards, one per entity", cards)):
            print(f"  {name:32} {best(run):7.3f} s")


if __name__ == "__main__":
    main()
