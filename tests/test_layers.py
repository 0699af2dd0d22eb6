"""The builder's packages form layers: a module imports only from its own package or from
packages below it in LAYERS (ARCHITECTURE.md states the same order, and a test below holds
the two together). cli.py, on top, may import any package; nothing imports it. An import
cycle among modules, even one hidden inside a function, fails here too."""

import ast
import re
from pathlib import Path

BUILDER = Path(__file__).resolve().parent.parent / "builder"
ARCHITECTURE = BUILDER.parent / "ARCHITECTURE.md"
LAYERS = ("core", "model", "read", "resolve", "export", "pages", "site", "review", "curate", "commands")


def modules(root: Path) -> dict[str, Path]:
    """Dotted module name (relative to the builder package, "" for its __init__) -> file."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(root: Path) -> dict[str, set[str]]:
    """Module -> the builder's modules it imports (anywhere in it, even inside a function)."""
    known = modules(root)
    graph = {}
    for name, path in known.items():
        parts = name.split(".") if name else []
        package = parts if path.name == "__init__.py" else parts[:-1]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[:len(package) - (node.level - 1)] if node.level > 1 else package
                target = [*base, *(node.module.split(".") if node.module else [])]
                for alias in node.names:  # `from . import x` imports the module x when there is one
                    sub = ".".join([*target, alias.name])
                    found.add(sub if sub in known else ".".join(target))
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                found.update(n.removeprefix("builder").lstrip(".") for n in names
                             if n == "builder" or n.startswith("builder."))
        graph[name] = {target for target in found if target in known and target != name}
    return graph


def layer(module: str) -> str:
    """A module's package, "" for the modules at the top (cli, __main__, the package's own
    __init__ holding the version)."""
    return module.split(".")[0] if module.split(".")[0] in LAYERS else ""


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for source, targets in sorted(graph.items()):
        for target in sorted(targets):
            here, there = layer(source), layer(target)
            if here == there or target == "":  # its own package; the package root's __version__
                continue
            if there == "":
                wrong.append(f"{source} imports {target}, which is above every package")
            elif here and LAYERS.index(there) > LAYERS.index(here):
                wrong.append(f"{source} ({here}) imports {target} ({there}), a package above it")
    return wrong


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


def test_packages_import_only_downward():
    assert upward_imports(imports(BUILDER)) == []


def test_the_builder_has_no_import_cycles():
    assert cycles(imports(BUILDER)) == []


def test_every_package_is_a_layer_with_a_docstring_saying_what_it_may_import():
    packages = sorted(p.name for p in BUILDER.iterdir() if (p / "__init__.py").is_file())
    assert packages == sorted(LAYERS)
    for name in LAYERS:
        doc = ast.get_docstring(ast.parse((BUILDER / name / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "May import:" in doc, name
        allowed = doc.split("May import:")[1]
        for lower in LAYERS[:LAYERS.index(name)]:
            assert name == "commands" or lower in allowed, (name, lower)
        for higher in LAYERS[LAYERS.index(name) + 1:]:
            assert not re.search(rf"\b{higher}\b", allowed), (name, higher)
    assert [p.name for p in BUILDER.glob("*.py")] and {p.stem for p in BUILDER.glob("*.py")} <= {
        "__init__", "__main__", "cli"}


def test_architecture_states_the_same_layer_order():
    text = ARCHITECTURE.read_text(encoding="utf-8")
    assert " < ".join(LAYERS) in text


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_check_finds_an_upward_import_even_inside_a_function(tmp_path):
    root = write(tmp_path, {
        "__init__.py": "", "cli.py": "from .commands.build import build\n",
        "core/__init__.py": "", "core/errors.py": "def f():\n    from ..pages.render import x\n",
        "pages/__init__.py": "", "pages/render.py": "from ..core.errors import f\nfrom . import paths\n",
        "pages/paths.py": "from .. import __version__\n",
        "commands/__init__.py": "", "commands/build.py": "from ..cli import main\nimport builder.core.errors\n",
    })
    assert upward_imports(imports(root)) == [
        "commands.build imports cli, which is above every package",
        "core.errors (core) imports pages.render (pages), a package above it",
    ]
    assert cycles(imports(root)) == [["cli", "commands.build", "cli"],
                                     ["core.errors", "pages.render", "core.errors"]]


def test_the_check_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_architecture_names_only_files_that_exist():
    """Every file or folder ARCHITECTURE.md names in backquotes is there: in the project, in
    builder/, in tests/ or bench/, or in the package whose table row names it. What a build
    writes (build/, site/) is not there in a fresh clone and is left out."""
    root, missing = BUILDER.parent, []
    for line in ARCHITECTURE.read_text(encoding="utf-8").splitlines():
        row = re.match(r"\| `builder/(\w+)/`", line)
        for name in re.findall(r"`([\w./-]+(?:\.(?:py|yml|j2|md|js|css|json)|/))`", line):
            if name.startswith(("build/", "site/")):
                continue
            places = [root, BUILDER, root / "tests", root / "bench"] + ([BUILDER / row[1]] if row else [])
            if not any((place / name).exists() for place in places):
                missing.append(name)
    assert missing == []
