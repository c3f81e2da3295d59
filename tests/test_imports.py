"""The code's import graph: no cycle between modules, no private name imported from another module.

The package boundaries themselves are contracts of import-linter (`lint-imports`, pyproject.toml).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

import grimp

from tests.paths import REPO

PACKAGES = ("config", "extractors", "warehouse", "flows")


def _strongly_connected(graph: grimp.ImportGraph) -> Iterator[set[str]]:
    """Yield the strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        yield component
            elif child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])


def test_no_module_takes_part_in_an_import_cycle() -> None:
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True)
    cycles = [sorted(c) for c in _strongly_connected(graph)]
    assert cycles == []


def _private_imports(path: str) -> Iterator[str]:
    tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] in PACKAGES:
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    yield f"{path}: from {node.module} import {alias.name}"


def test_no_private_name_is_imported_from_another_module() -> None:
    files = [p.relative_to(REPO).as_posix() for pkg in PACKAGES for p in (REPO / pkg).rglob("*.py")]
    found = [line for path in sorted(files) for line in _private_imports(path)]
    assert found == []
