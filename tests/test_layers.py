"""The builder's modules form floors: a module imports only from floors below it (see
ARCHITECTURE.md). An import cycle, even one hidden inside a function, fails here."""

import ast
from pathlib import Path

BUILDER = Path(__file__).resolve().parent.parent / "builder"


def imports() -> dict[str, set[str]]:
    graph = {}
    for path in sorted(BUILDER.glob("*.py")):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    found.add(node.module.split(".")[0])
                else:
                    found.update(alias.name for alias in node.names)
        graph[path.stem] = found & {p.stem for p in BUILDER.glob("*.py")}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for other in sorted(graph[node]):
            if state.get(other) == "open":
                found.append(stack[stack.index(other):] + [other])
            elif other not in state:
                visit(other, stack + [other])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_the_builder_has_no_import_cycles():
    assert cycles(imports()) == []


def test_the_check_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
