"""The pipeline layer imports only what spacy.load needs, and the package has no import
cycles."""
import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "hedgewatch"


def test_pipeline_imports_no_app_dependencies():
    # spaCy itself imports typer (spacy.cli); count only what hedgewatch adds
    code = (
        "import sys, spacy\n"
        "before = set(sys.modules)\n"
        "import hedgewatch.pipeline, hedgewatch.pipeline.cue_ruler, hedgewatch.pipeline.merger\n"
        "import hedgewatch.pipeline.resolver, hedgewatch.pipeline.suggester, hedgewatch.pipeline.lookups\n"
        "import hedgewatch.pipeline.callbacks\n"
        "nlp = spacy.blank('en')\n"
        "for name in ('hedgewatch_cue_ruler', 'hedgewatch_merger', 'hedgewatch_resolver', 'hedgewatch_profile'):\n"
        "    nlp.add_pipe(name)\n"
        "nlp('Officials said it could be true.')\n"
        "bad = sorted(m for m in set(sys.modules) - before if m.split('.')[0] in ('typer', 'trafilatura', 'lxml', 'torch', 'hedgewatch')"
        " and (m.split('.')[0] != 'hedgewatch' or m.split('.')[1:2] in (['app'], ['project'])))\n"
        "print(bad)\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == "[]"


def _imports(path: Path, package: str):
    """Modules of the package that ``path`` imports at module level (not inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf8"))
    out = set()
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
                names = [f"{mod}.{a.name}" for a in node.names] + [mod]
            else:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            out.update(n for n in names if n and n.startswith("hedgewatch"))
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("hedgewatch"))
    return out


def test_no_import_cycles():
    modules = {}
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC.parent).with_suffix("")
        name = ".".join(rel.parts)
        is_pkg = path.name == "__init__.py"
        if is_pkg:
            name = name[: -len(".__init__")]
        modules[name] = (path, name if is_pkg else name.rsplit(".", 1)[0])
    graph = {name: {m for m in _imports(path, pkg) if m in modules and m != name} for name, (path, pkg) in modules.items()}
    state = {}

    def visit(n, stack):
        state[n] = 1
        for m in graph[n]:
            if state.get(m) == 1:
                pytest.fail("import cycle: " + " -> ".join(stack[stack.index(m):] + [m]) if m in stack else m)
            if m not in state:
                visit(m, stack + [m])
        state[n] = 2

    for n in graph:
        if n not in state:
            visit(n, [n])
