"""spaCy makes a new `Token` object on every access (`token.head`, `doc[i]`), so `a is b` between
tokens is never true and a loop waiting for `head.head is head` never ends. The package compares
tokens by `.i`; this test rejects any `is`/`is not` between two expressions that are not
constants, outside a short list of comparisons of objects that really are singletons."""

from __future__ import annotations

import ast

from builders import REPO

PACKAGE = REPO / "detente"

# comparisons (as ast.unparse writes them) of objects that really are singletons, not spaCy's
ALLOWED = {
    "el is not tree",  # lxml element identity within one parsed tree
    "threading.current_thread() is threading.main_thread()",
}


def identity_comparisons(source: str) -> list[tuple[int, str]]:
    """Every `x is y` / `x is not y` in the source where neither side is a literal constant."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare):
            continue
        left = node.left
        for op, right in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, (ast.Is, ast.IsNot)) and not (
                    isinstance(left, ast.Constant) or isinstance(right, ast.Constant)):
                found.append((node.lineno, ast.unparse(node)))
            left = right
    return found


def test_the_checker_flags_token_identity_and_allows_none():
    src = "while head.head is not head:\n    pass\nif x is None or y is not None:\n    pass\n"
    assert identity_comparisons(src) == [(1, "head.head is not head")]


def test_no_identity_comparison_between_objects_in_the_package():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        for line, expr in identity_comparisons(path.read_text(encoding="utf-8")):
            if expr not in ALLOWED:
                offenders.append(f"{rel}:{line}: {expr}")
    assert not offenders, "compare tokens by .i, values with ==:\n" + "\n".join(offenders)
