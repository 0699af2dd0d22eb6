"""Commands only: parse arguments, call the pipeline, print diagnostics, set the exit code."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import __version__
from .errors import DossierError, format_diagnostics
from .pipeline import Project, Timings, build, check, generate


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _project(args: argparse.Namespace) -> Project:
    return Project(Path(args.root), Path(args.config) if args.config else None,
                   Path(args.site_dir) if getattr(args, "site_dir", None) else None)


def cmd_check(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    resolved = check(Path(args.root).resolve())
    claims = sum(len(e.claims) for e in resolved.entities.values())
    quotes = sum(len(c.citations) for e in resolved.entities.values() for c in e.claims)
    print(f"ok: {len(resolved.articles)} sources, {len(resolved.entities)} entities, "
          f"{claims} claims, {quotes} quotes verified, {_count(len(resolved.disagreements), 'point')} "
          f"where sources differ ({time.perf_counter() - start:.2f} s)")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    project = _project(args)
    timings = Timings()
    build(project, timings, verbose=args.verbose)
    stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.stages.items())
    print(f"built {project.site_dir} ({stages})")
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from .bundle import bundle

    project = _project(args)
    timings = Timings()
    result = bundle(project, Path(args.output) if args.output else None, timings, args.verbose)
    stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.stages.items())
    print(f"bundled {result.pages} pages, content {result.version.short} of "
          f"{result.version.date_label} ({stages})")
    print(f"search index {result.index_size / 1024:,.0f} KiB; zip {result.size / 1024 / 1024:,.1f} MiB")
    print(f"wrote {_shown(result.path)}: unzip it and open {result.folder}/index.html")
    return 0


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def cmd_serve(args: argparse.Namespace) -> int:
    from .serve import serve

    return serve(_project(args), args.dev_addr)


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="dossier",
        description="Build a cross-linked, searchable website from YAML fact sheets "
                    "(content/) and article texts (seeds/).")
    main.add_argument("--version", action="version", version=f"dossier {__version__}")
    commands = main.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, help_text: str, func) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--root", default=".", help="folder holding content/ and seeds/ "
                         "(default: the current folder)")
        sub.set_defaults(func=func)
        return sub

    add("check", "Validate and resolve the dossier, verify every quote; write nothing.", cmd_check)
    for name, help_text, func in (
        ("build", "Generate the Markdown pages, then build the site with MkDocs into site/.", cmd_build),
        ("bundle", "Build the offline copy: one zip to unzip and read from the file system, "
                   "with search and without any network request. site/ is not touched.", cmd_bundle),
        ("serve", "Preview the site; regenerates when content/ or seeds/ change.", cmd_serve),
    ):
        sub = add(name, help_text, func)
        sub.add_argument("--config", help="the project's mkdocs.yml (default: ROOT/mkdocs.yml)")
        if name == "build":
            sub.add_argument("--site-dir", help="where to put the site (default: ROOT/site)")
        if name == "bundle":
            sub.add_argument("--output", "-o", help="the zip to write, or a folder to "
                             "write it in (default: ROOT/dist/<title of the dossier>.zip)")
        if name in ("build", "bundle"):
            sub.add_argument("--verbose", action="store_true", help="show MkDocs' own messages")
        else:
            sub.add_argument("--dev-addr", default="127.0.0.1:8000",
                             help="address to serve on (default: 127.0.0.1:8000)")
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except DossierError as exc:
        print(format_diagnostics(exc.diagnostics), file=sys.stderr)
        count = len(exc.diagnostics)
        kept = {"build": "; the previous site/ is unchanged", "serve": "; the previous site/ is unchanged",
                "bundle": "; the previous zip is unchanged"}.get(args.command, "")
        print(f"dossier {args.command}: {_count(count, 'error')}{kept}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
