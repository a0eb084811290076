"""The import picture has no upward arrow: data flows read → clean → analyse → code → dedup →
store → aggregate → present, and no stage imports one above it (nor the command line or the
server, which sit on top). Read from the source with `ast`, so lazy imports inside functions
count too."""

from __future__ import annotations

import ast

from builders import REPO

PACKAGE = REPO / "detente"
TOP = {"cli", "server", "watch", "notebook", "spark_submit", "__main__"}
ABOVE_STORE = {"aggregate", "queries", "present", "ingest", *TOP}
# stage → the parts of detente it must never import
FORBIDDEN = {
    "ontology": {"read", "clean", "analyse", "events", "pipeline", "engines", "dedup", "store", *ABOVE_STORE},
    "models": {"read", "clean", "analyse", "events", "pipeline", "engines", "dedup", "store", *ABOVE_STORE},
    "dyad": {"read", "clean", "analyse", "events", "pipeline", "engines", "dedup", "store", *ABOVE_STORE},
    "resources": {"read", "clean", "analyse", "events", "pipeline", "engines", "dedup", "store", *ABOVE_STORE},
    "read": {"clean", "analyse", "events", "pipeline", "engines", "dedup", "store", *ABOVE_STORE},
    "clean": {"analyse", "events", "pipeline", "engines", "dedup", "store", *ABOVE_STORE},
    "analyse": {"events", "pipeline", "engines", "dedup", "store", *ABOVE_STORE},
    "events": {"pipeline", "engines", "dedup", "store", *ABOVE_STORE},
    "engines": {"dedup", "store", *ABOVE_STORE},
    "dedup": {"engines", *ABOVE_STORE},
    "store": {"analyse", "events", "pipeline", "engines", "dedup", *ABOVE_STORE},
    "aggregate": {"pipeline", "engines", "dedup", "queries", "present", "ingest", *TOP},
    "present": {"engines", "dedup", "ingest", *TOP},
    "queries": {"engines", "dedup", "ingest", *TOP},
    "ingest": TOP,
}


def _stage(path) -> str:
    part = path.relative_to(PACKAGE).parts[0]
    return part[:-3] if part.endswith(".py") else part


def _imported(tree: ast.AST) -> set[str]:
    """The detente parts a module imports (`detente.store.store` → "store"), wherever the import is."""
    out = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "detente":
                names = [alias.name for alias in node.names]
            elif node.module.startswith("detente."):
                names = [node.module.split(".")[1]]
        elif isinstance(node, ast.Import):
            names = [a.name.split(".")[1] for a in node.names if a.name.startswith("detente.")]
        out.update(names)
    return out


def test_no_stage_imports_a_stage_above_it():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        stage = _stage(path)
        bad = _imported(ast.parse(path.read_text(encoding="utf-8"))) & FORBIDDEN.get(stage, set())
        wrong += [f"{path.relative_to(REPO)} imports detente.{name}" for name in sorted(bad)]
    assert wrong == []


def test_the_layer_check_sees_lazy_imports():
    tree = ast.parse("def f():\n    from detente.store.store import Store\n    import detente.cli.main\n")
    assert _imported(tree) == {"store", "cli"}


def test_reading_a_store_does_not_import_the_cleaning_libraries():
    """The query layer names outlets through `detente.clean.outlets`; importing the clean
    package must not bring trafilatura or datasketch (scipy) with it: about a second of every
    `contradictions` and `brief` command."""
    import subprocess
    import sys

    script = ("import sys\n"
              "from detente import queries\n"
              "from detente.aggregate.merge import _outlet\n"
              "assert _outlet(None, 'https://www.example.com/a', None) == 'example.com'\n"
              "print(sorted(m for m in ('trafilatura', 'datasketch', 'scipy', 'spacy') if m in sys.modules))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True)
    assert done.stdout.strip() == "[]"
