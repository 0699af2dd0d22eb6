"""Random damage to the fixture's sheets and articles, with fixed seeds: whatever is broken,
check, lint and render either succeed or raise DossierError whose every problem is one
located line. Catches the tracebacks a hand-written list of cases would miss."""

import random
import re
import shutil

import pytest

from builder.core.errors import DossierError
from builder.review.lint import lint
from builder.commands.build import check
from builder.pages.render import render_pages
from conftest import FIXTURES

SOURCE = FIXTURES / "lighthouse"
PIECES = ["\x00", "\x1b", "&a", "*a", "<<: *a", "!!python/object:os.system", "!ENV x", "- ", ": ", "'", '"',
          "[", "{", "\t", "\ufeff", "\u202e", "\u200b", "9" * 5000, "1e999", ".nan", "~", "null", "2918-01-01",
          "0000-01-01", "\n", "#", "|", ">", "---\n", "...\n", "?", "%YAML 1.1\n", "é", "🙂", "--- !!map\n",
          "\r", "\x85", "\u2028"]
VALUES = ["5", "-1", "0", "3.5", "true", "null", "~", "[]", "{}", "[1, 2]", "{a: 1}", "''", "[[1]]", "[{}]",
          "!!binary aGVsbG8=", "2018-13-45", "1e308", ".inf", "-.nan", "[null]", "{? [a]: 1}", "'index'",
          "'a-'", "'late 2017 to early 2017'", "'1-0'", "[0]", "[-3]", "{lat: 91, lon: 0}", "{lat: '1', lon: []}",
          "'https://'", "'http://a b'", "9" * 5000, "&x [*x, *x]"]


def damage_text(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 4)):
        pos, op = rng.randint(0, len(text)), rng.random()
        if op < 0.4:
            text = text[:pos] + rng.choice(PIECES) + text[pos:]
        elif op < 0.7:
            text = text[:pos] + text[pos + rng.randint(1, 20):]
        else:
            text = text[:pos]
    return text


def damage_values(text: str, rng: random.Random) -> str:
    lines = text.splitlines()
    for _ in range(rng.randint(1, 3)):
        n = rng.randrange(len(lines))
        field = re.match(r"^(\s*(?:- )?[A-Za-z_]+:)\s*(.*)$", lines[n])
        if field:
            lines[n] = f"{field.group(1)} {rng.choice(VALUES)}"
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("kind", ["text", "values"])
def test_damaged_input_never_raises_anything_but_located_errors(tmp_path, kind):
    rng = random.Random(9)
    files = sorted(p for p in SOURCE.rglob("*") if p.is_file() and p.relative_to(SOURCE).parts[0] in
                   ("content", "seeds") and (kind == "text" or p.suffix == ".yml"))
    failures = 0
    for i in range(150):
        root = tmp_path / f"d{i}"
        shutil.copytree(SOURCE, root, ignore=shutil.ignore_patterns("build"))
        target = root / rng.choice(files).relative_to(SOURCE)
        original = target.read_text(encoding="utf-8")
        damaged = damage_text(original, rng) if kind == "text" else damage_values(original, rng)
        target.write_text(damaged, encoding="utf-8")
        try:
            resolved = check(root, use_cache=False)
            lint(resolved)
            render_pages(resolved)
        except DossierError as exc:
            failures += 1
            for problem in exc.diagnostics:
                assert problem.loc.file and "\n" not in str(problem), (target, damaged, str(problem))
        shutil.rmtree(root)
    assert failures > 50  # the damage is real: most runs must find something
