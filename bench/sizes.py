"""The builder's largest modules and classes, in lines: the limits the layout keeps (a module
over 500 lines or a class over 250 is a sign that it holds more than one concern).

    python bench/sizes.py          # the ten largest of each
    python bench/sizes.py --check  # exit 1 when one is over its limit"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

BUILDER = Path(__file__).resolve().parent.parent / "builder"
MAX_MODULE, MAX_CLASS = 500, 250


def sizes() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    modules, classes = [], []
    for path in sorted(BUILDER.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(BUILDER.parent).as_posix()
        modules.append((len(text.splitlines()), name))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.ClassDef):
                classes.append((node.end_lineno - node.lineno + 1, f"{name}:{node.name}"))
    return sorted(modules, reverse=True), sorted(classes, reverse=True)


def main() -> int:
    modules, classes = sizes()
    over = [m for m in modules if m[0] > MAX_MODULE] + [c for c in classes if c[0] > MAX_CLASS]
    for title, rows, limit in (("modules", modules, MAX_MODULE), ("classes", classes, MAX_CLASS)):
        print(f"largest {title} (limit {limit} lines):")
        for lines, name in rows[:10]:
            print(f"  {lines:5} {name}{'  OVER' if lines > limit else ''}")
    return 1 if "--check" in sys.argv and over else 0


if __name__ == "__main__":
    sys.exit(main())
