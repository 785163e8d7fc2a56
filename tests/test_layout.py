"""The package's layout: stage subpackages in layers, no import cycle, no module over 500 lines.

Layers, lowest first: corpus <- scoring <- release <- interchange and baselines <- commands <- the
command line. A module imports only from its own layer or lower ones; of the two packages on one layer,
interchange may use the baselines (suggestions run the time-expression baseline), never the reverse.
Imports are read from the source with `ast`, wherever they stand (inside functions and under
`if TYPE_CHECKING:` too), so nothing has to be imported to check them.
"""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "hadath"
MAX_LINES = 500
LAYERS = {"corpus": 0, "scoring": 1, "release": 2, "interchange": 3, "baselines": 3, "commands": 4}
TOP = 5  # hadath/cli.py, __main__.py and the re-exports the README documents
TOP_MODULES = {"__init__", "__main__", "cli", "evaluation", "tokens"}


def _modules() -> dict[str, Path]:
    """Dotted name → file, for every module of the package (the schema folder holds no code)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of the package that `name` imports, by name."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets = [module] + [f"{module}.{alias.name}" for alias in node.names]
        else:
            continue
        found.update(t for t in targets if t in modules and t != name)
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, modules) for name, path in modules.items()}


def _layer(name: str) -> int:
    parts = name.split(".")
    if len(parts) == 1:
        return -1  # `hadath` itself: only the version, importable from anywhere
    return LAYERS.get(parts[1], TOP)


def test_no_module_is_over_500_lines():
    long = {name: n for name, path in _modules().items()
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"modules over {MAX_LINES} lines: {long}"


def test_the_top_of_the_package_holds_only_the_entry_points():
    loose = {p.stem for p in PACKAGE.glob("*.py")} - TOP_MODULES
    assert not loose, f"modules outside the stage subpackages: {sorted(loose)}; put each in its stage"


def test_each_layer_imports_only_from_the_layers_below():
    wrong = []
    for name, imported in _graph().items():
        for other in imported:
            if _layer(other) > _layer(name):
                wrong.append(f"{name} -> {other}")
            elif name.startswith("hadath.baselines") and other.startswith("hadath.interchange"):
                wrong.append(f"{name} -> {other}")
    assert not wrong, "imports from a higher layer: " + ", ".join(sorted(wrong))


def test_no_import_cycle():
    graph = _graph()
    cycles, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for other in sorted(graph[node]):
            if state.get(other) == "open":
                cycles.append(" -> ".join(stack[stack.index(other):] + [other]))
            elif other not in state:
                visit(other)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "import cycles: " + "; ".join(cycles)


def test_every_subpackage_says_what_it_holds_and_may_import():
    for package in LAYERS:
        doc = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "import" in doc.lower(), f"hadath/{package}/__init__.py: a docstring naming what it may import"


def test_the_paths_the_readme_documents_still_import():
    evaluation = importlib.import_module("hadath.evaluation")
    assert callable(evaluation.evaluate_files) and evaluation.Options().split == "test"
    tokens = importlib.import_module("hadath.tokens")
    assert tokens.tokenize("قال الرئيس.") == [(0, 3), (4, 10), (10, 11)]
    assert tokens.sentences is importlib.import_module("hadath.corpus.tokens").sentences
