"""Commands only: parse arguments, call the pipeline, print diagnostics, set the exit code."""

from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import sys
import time
from pathlib import Path

from . import __version__
from .core.errors import (DossierError, PrintableStream, as_json, format_diagnostics,
                     github_annotations)
from .site.config import load_config
from .review.lint import lint, old_format_note
from .resolve.dossier import Timings, check, committed_outputs, no_cyclic_gc
from .resolve.withhold import quote_warnings, report
from .core.parallel import ends_without_freeing, leave_for_exit
from .commands.build import Project, build


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _project(args: argparse.Namespace) -> Project:
    return Project(Path(args.root), Path(args.config) if args.config else None,
                   Path(args.site_dir) if getattr(args, "site_dir", None) else None,
                   trust_config=args.trust_config, publication=args.publication)


def cmd_check(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    root = Path(args.root).resolve()
    config = Path(args.config) if args.config else root / "mkdocs.yml"
    memo = _check_memo(args, root, config)
    if memo is not None and (found := memo.get()) is not None and not committed_outputs(root):
        diagnostics, summary = found
        if summary is not None:
            summary["seconds"] = round(time.perf_counter() - start, 3)
        return _report_check(args, root, diagnostics, summary)
    config_problems = load_config(config, args.trust_config)[1] if args.config or config.exists() else []
    private: list = []
    try:
        resolved = check(root, lasting=True, private=private)
    except DossierError as exc:
        return _report_check(args, root, config_problems + exc.diagnostics, None, memo)
    if config_problems:
        return _report_check(args, root, config_problems, None, memo)
    leave_for_exit(resolved)
    with no_cyclic_gc(lasting=True):
        warnings = lint(resolved, single_source=args.single_source)
        warnings += [d for public in private for d in (*report(public), *quote_warnings(public))]
    claims = sum(len(e.claims) for e in resolved.entities.values())
    summary = {"sources": len(resolved.articles), "entities": len(resolved.entities),
               "claims": claims,
               "quotes": sum(len(c.citations) for e in resolved.entities.values() for c in e.claims),
               "cited_facts": sum(len(e.facts) for e in resolved.entities.values()),
               "fact_quotes": sum(len(f.citations) for e in resolved.entities.values() for f in e.facts.values()),
               "disagreements": len(resolved.disagreements),
               "conflicts": sum(d.kind == "conflict" for d in resolved.disagreements),
               "seconds": round(time.perf_counter() - start, 3)}
    return _report_check(args, root, warnings, summary, memo)


def _check_memo(args: argparse.Namespace, root: Path, config: Path):
    """The memo of the last check with these options (commands/checkmemo.py), or None where
    the report may depend on more than the key holds: a trusted config may read the
    environment (!ENV), and a config that is a link is not read before it is checked. The
    messages name files relative to the current folder, which is in the key too."""
    from .commands.checkmemo import CheckMemo

    if args.trust_config or config.is_symlink():
        return None
    try:
        config_bytes = config.read_bytes().hex() if config.is_file() else "no config"
    except OSError:
        return None
    return CheckMemo(root, [os.getcwd(), str(config), config_bytes, f"single_source={args.single_source}"])


def _report_check(args, root: Path, diagnostics: list, summary: dict | None, memo=None) -> int:
    """Print what check found in the chosen format; the exit code. memo: where to keep the
    report for the next check of the same inputs."""
    if memo is not None:
        memo.put(diagnostics, summary)
    errors = sum(d.level == "error" for d in diagnostics)
    warnings = sum(d.level == "warning" for d in diagnostics)  # and notices, which tell
    failed = errors > 0 or (args.strict and warnings > 0)
    if args.format == "json":
        print(json.dumps({"ok": not failed, "errors": errors, "warnings": warnings,
                          "summary": summary, "diagnostics": [as_json(d) for d in diagnostics]},
                         indent=1, ensure_ascii=False))
        return 1 if failed else 0
    if args.format == "github" and diagnostics:
        print(github_annotations(diagnostics, root))
    elif diagnostics:
        print(format_diagnostics(diagnostics), file=sys.stderr)
    note = old_format_note(diagnostics)
    if note and args.format != "github":
        print(note, file=sys.stderr)
    if summary is None:
        print(f"dossier check: {_count(errors, 'error')}", file=sys.stderr)
    else:
        s = summary
        print(f"{'failed' if failed else 'ok'}: {s['sources']} sources, {s['entities']} entities, "
              f"{s['claims']} claims, {s['cited_facts']} cited key facts, "
              f"{s['quotes'] + s['fact_quotes']} quotes verified, "
              f"{_count(s['disagreements'], 'point')} where sources differ ({_count(s['conflicts'], 'conflict')}), "
              f"{_count(warnings, 'warning')}{' (--strict)' if failed else ''} ({s['seconds']:.2f} s)")
    return 1 if failed else 0


def cmd_build(args: argparse.Namespace) -> int:
    project = _project(args)
    timings = Timings()
    build(project, timings, verbose=args.verbose, clean=args.clean)
    for note in project.notes:
        print(f"dossier build: {note}", file=sys.stderr)
    stages = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.stages.items())
    html, counts = project.html, project.counts
    pages = (f"{html.rendered} pages converted, {html.reused} reused" if html.reused
             else f"{html.rendered} pages converted" if html.rendered else "all pages converted")
    if counts.get("reused"):
        pages = f"{counts['rendered']} pages rendered, {counts['reused']} reused; {pages}"
    print(f"built {project.site_dir}: {pages} ({stages})")
    return 0


def cmd_bundle(args: argparse.Namespace) -> int:
    from .commands.bundle import bundle

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


def cmd_diff(args: argparse.Namespace) -> int:
    from .review.diff import compare, to_markdown
    from .review.revisions import load_revision

    root = Path(args.root).resolve()
    old = load_revision(root, args.rev1)
    new = load_revision(root, args.rev2)
    print(to_markdown(compare(old, new), args.rev1, args.rev2 or "working tree"))
    return 0


def cmd_new_source(args: argparse.Namespace) -> int:
    from .curate.newsource import entity_lines, new_source, to_text, write_entity_drafts

    root = Path(args.root)
    result = new_source(root, Path(args.file), force=args.force, source_id=args.id, entities=args.entities)
    print(to_text(result, root))
    if args.entities is None and sys.stdin.isatty() and sys.stdout.isatty() and \
            any(c.listed for c in result.candidates):
        try:
            spec = input("\nDraft sheets for which candidate names? Names separated by commas "
                         "(Name=person|place|organization to set the kind), 'all', or Enter for none: ")
        except EOFError:
            spec = ""
        if spec.strip():
            write_entity_drafts(root, result, spec)
            print("\n".join(entity_lines(result, root)).lstrip("\n"))
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:
    import difflib

    from .core.outputs import link_on_the_way
    from .curate.places import place_suggestions
    from .curate.suggest import MARKER, suggestions, write_suggestions
    from .resolve.dossier import check

    root = Path(args.root).resolve()
    resolved = check(root)
    proposals = suggestions(resolved)
    places = [] if args.no_gazetteer else place_suggestions(resolved)
    changed = write_suggestions(root, resolved, proposals, places)
    cited = sum(new.count(MARKER) - old.count(MARKER) for old, new in changed.values())
    for path, (old, new) in changed.items():
        shown = _shown(path)
        if args.write:
            if link_on_the_way(path, root) is None:
                path.write_text(new, encoding="utf-8")
        else:
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True), shown, shown))
    verb = "wrote" if args.write else "proposes"
    print(f"dossier suggest {verb} {cited} citations (of key facts that cite no source, and coordinates "
          f"and countries from GeoNames) in {len(changed)} sheet{'s' if len(changed) != 1 else ''}"
          + (f"; each is marked '# {MARKER}'" if args.write else
             "; run with --write to write them into the sheets (each marked to check)"), file=sys.stderr)
    for found in proposals:
        if len(found) > 1 and args.verbose:
            first = found[0]
            print(f"  {first.entity_id} {'.'.join(map(str, first.path))}: also "
                  + "; ".join(f"{s.source_id}: “{s.quote}”" for s in found[1:]), file=sys.stderr)
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    from .curate.init import init

    folder = Path(args.folder)
    try:
        written = init(folder)
    except FileExistsError as exc:
        print(f"dossier init: {exc.args[0]}", file=sys.stderr)
        return 2
    print(f"created a new dossier in {_shown(folder.resolve())} ({len(written)} files). Next:\n"
          f"  cd {args.folder}\n"
          "  edit content/dossier.yml (the title and the summary)\n"
          "  put an article's text in seeds/, then: dossier new-source seeds/<file>.txt\n"
          "  dossier build    (the site, in site/)")
    return 0


def cmd_quote(args: argparse.Namespace) -> int:
    from .curate.quote import find_words, to_text

    try:
        found = find_words(Path(args.root), args.source, args.words)
    except LookupError as exc:
        print(f"dossier quote: {exc.args[0]}", file=sys.stderr)
        return 2
    if found is None:
        print(f"dossier quote: the article has no passage like {args.words!r}; look for a few of its "
              "exact words, or open the seed file", file=sys.stderr)
        return 1
    print(to_text(found))
    return 0 if found.exact else 1


def cmd_schema(args: argparse.Namespace) -> int:
    from .core.outputs import refuse
    from .export.schemas import SCHEMA_DIR, output_problem, write_schemas

    if not args.output and not (Path(args.root) / "content").is_dir():
        print("dossier schema: no content/ folder here, so no dossier to write schemas/ into; run it in "
              "the folder that holds content/ (or pass --root), or give --output FOLDER", file=sys.stderr)
        return 2
    folder = Path(args.output) if args.output else Path(args.root) / SCHEMA_DIR
    refuse(output_problem(folder, Path(args.root)), folder)
    for path in write_schemas(folder):
        print(f"wrote {_shown(path.resolve())}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from .resolve.dossier import check
    from .resolve.excerpts import publish
    from .export.opendata import FILES, export_files
    from .core.outputs import files_folder_problem, refuse, write_files

    root = Path(args.root)
    folder = Path(args.output) if args.output else root / "build" / "export"
    refuse(files_folder_problem(folder, root, FILES.__contains__), folder)
    resolved = publish(check(root), args.publication)
    for path in write_files(folder, export_files(resolved)):
        print(f"wrote {_shown(path.resolve())}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .commands.serve import serve

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
        if name in ("build", "bundle", "serve", "export"):
            sub.add_argument("--publication", choices=("full", "excerpts"),
                             help="for this run, every source published in full or in excerpts (the cited "
                                  "passages in their sentences), whatever content/ says: excerpts for a public "
                                  "site, full for the team's own copy")
        if name in ("check", "build", "bundle", "serve"):
            sub.add_argument("--trust-config", action="store_true",
                             help="allow mkdocs.yml settings that can run code (hooks, other "
                                  "plugins or Markdown extensions, theme.custom_dir); only for a "
                                  "mkdocs.yml you have reviewed")
        sub.set_defaults(func=func)
        return sub

    sub = add("check", "Validate and resolve the dossier, verify every quote, and warn about what "
              "a reviewer would look at again; write nothing.", cmd_check)
    sub.add_argument("--config", help="the project's mkdocs.yml to check too (default: ROOT/mkdocs.yml)")
    sub.add_argument("--format", choices=("text", "github", "json"), default="text",
                     help="text (default), github (GitHub Actions annotations) or json")
    sub.add_argument("--strict", action="store_true", help="fail on warnings too")
    sub.add_argument("--single-source", action="store_true",
                     help="also warn about claims that cite one source while other sources "
                          "name the same entity")
    sub = add("diff", "Compare the dossier at two Git revisions (REV2: the working tree): sheets, "
              "claims, disagreements and pages that change, as Markdown for a pull request.", cmd_diff)
    sub.add_argument("rev1", metavar="REV1")
    sub.add_argument("rev2", metavar="REV2", nargs="?", default=None)
    sub = add("new-source", "Start a source sheet for a new article under seeds/: write a draft "
              "(title, date and outlet where the text states them) and list the dossier's "
              "entities it names and the names it does not know yet.", cmd_new_source)
    sub.add_argument("file", metavar="FILE", help="the article text, e.g. seeds/new-article.txt")
    sub.add_argument("--force", action="store_true",
                     help="write a draft even if a sheet already describes the file")
    sub.add_argument("--id", help="the new source's id and file name (default: the title's first words)")
    sub.add_argument("--entities", metavar="NAMES",
                     help="also write a draft sheet for these candidate names: 'all' (every listed name "
                          "of a guessed kind) or 'NAME[=KIND],...' (KIND: person, place, organization); "
                          "without it, a terminal asks")
    sub = add("suggest", "Propose citations for the key facts that cite no source, from the "
              "dossier's own articles: a quote a claim of the sheet already cites, or a sentence "
              "that names the entity and the fact's value; and, from an offline copy of GeoNames' "
              "cities, coordinates and the country of the places that lack them. Prints the "
              "proposals as a patch of the sheets; --write writes them in, each marked for the "
              "curator to check.", cmd_suggest)
    sub.add_argument("--write", action="store_true", help="write the proposals into the sheets")
    sub.add_argument("--verbose", action="store_true", help="also list the other proposals of each fact")
    sub.add_argument("--no-gazetteer", action="store_true",
                     help="do not propose coordinates and countries from GeoNames' cities")
    sub = commands.add_parser("init", help="Create a new, empty dossier that builds.",
                              description="Create a new, empty dossier that builds: content/dossier.yml to "
                              "fill, the folders, a README, editor settings, a pre-commit hook and a CI "
                              "workflow. The site configuration Dossier ships is used; a mkdocs.yml "
                              "added to the folder is merged over it.")
    sub.add_argument("folder", metavar="DIR", help="a new or empty folder")
    sub.set_defaults(func=cmd_init)
    sub = add("quote", "Find words in a source's article: print its exact wording, line and "
              "paragraph anchor, ready to paste as a citation; or, for words it does not have as "
              "given, its closest passage and the words that differ.", cmd_quote)
    sub.add_argument("source", metavar="SOURCE", help="a source id, or its seed file (seeds/x.txt)")
    sub.add_argument("words", metavar="WORDS", help="some words of the passage, in quotes")
    sub = add("export", "Write the dossier as open data: JSON (with its JSON Schema), CSV tables, "
              "FollowTheMoney entities, GeoJSON and TimelineJS.", cmd_export)
    sub.add_argument("--output", "-o", help="folder for the files (default: ROOT/build/export)")
    sub = add("schema", "Write a JSON Schema for each kind of fact sheet, from the model, for "
              "editors (see .vscode/settings.json).", cmd_schema)
    sub.add_argument("--output", "-o", help="folder for the schemas (default: ROOT/schemas)")
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
            sub.add_argument("--clean", action="store_true", help="convert every page again "
                             "(by default, the HTML of pages that cannot have changed is reused)")
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
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = PrintableStream(sys.stdout), PrintableStream(sys.stderr)
    try:
        return _main(argv)
    except BrokenPipeError:
        return BROKEN_PIPE
    finally:
        flushed = _flushed()
        sys.stdout, sys.stderr = streams
        if not flushed:
            return BROKEN_PIPE  # noqa: B012 - the reader left: nothing more to say


BROKEN_PIPE = 141  # as a shell reports a command stopped by SIGPIPE


def _flushed() -> bool:
    """Flush stdout and stderr; False when the reader has gone (`dossier diff … | head`)."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        return False
    return True


def run() -> None:
    """The `dossier` command (and `python -m builder`): main(), then the process ends without
    tearing down what it made (parallel.leave_for_exit). Output is flushed first; every
    child process has been waited for by then."""
    ends_without_freeing()
    code = main()
    logging.shutdown()
    os._exit(code if _flushed() else BROKEN_PIPE)


def _kept(args: argparse.Namespace) -> str:
    """What a failed build or bundle says it left as it was: only what exists."""
    if args.command == "build":
        site = Path(args.site_dir) if args.site_dir else Path(args.root) / "site"
        shown = f"{args.site_dir.rstrip('/')}/" if args.site_dir else "site/"
        return f"; the previous {shown} is unchanged" if site.is_dir() else "; nothing was written"
    if args.command == "bundle":  # the zip's name comes from the title: any zip where it goes
        target = Path(args.output) if args.output else Path(args.root) / "dist"
        zips = [target] if target.suffix.lower() == ".zip" and target.is_file() else \
            sorted(target.glob("*.zip")) if target.is_dir() else []
        return "; no zip was written or changed" if zips else "; nothing was written"
    return ""


def _main(argv: list[str] | None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except DossierError as exc:
        print(format_diagnostics(exc.diagnostics), file=sys.stderr)
        count = len(exc.diagnostics)
        kept = _kept(args)
        print(f"dossier {args.command}: {_count(count, 'error')}{kept}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader of the output left (`| head`): not a folder's fault
        return BROKEN_PIPE
    except OSError as exc:  # the machine refused: a folder not writable, a full disk, a busy port
        written = exc.filename2 or exc.filename  # a copy or a rename names what it read first
        where = f" {written}" if written else ""
        hint = {errno.EEXIST: "a file is where Dossier needs a folder: move or delete it",
                errno.ENOTDIR: "a file is where Dossier needs a folder: move or delete it",
                errno.ENOSPC: "the disk is full: free some space and run again",
                errno.EACCES: "you may not write there: check the folder's permissions",
                errno.EPERM: "you may not write there: check the folder's permissions",
                errno.EROFS: "the file system is read-only: build somewhere writable",
                }.get(exc.errno, "check that the folder exists and is writable")
        print(f"dossier {args.command}: error: cannot write{where} ({exc.strerror or exc}); {hint}. "
              "Anything built before is unchanged", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: one line, the traceback only on request
        if os.environ.get("DOSSIER_DEBUG"):
            raise
        print(f"dossier {args.command}: internal error: {type(exc).__name__}: {exc}. This is a bug "
              "in Dossier: run again with DOSSIER_DEBUG=1 for the traceback and report it",
              file=sys.stderr)
        return 2
