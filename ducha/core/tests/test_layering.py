"""Apps depend downward only, with no cycles: every `import ducha.…` in the application code (tests
excepted: they may build a world from any app) points to its own layer or one below."""

import ast
from pathlib import Path

import ducha

ROOT = Path(ducha.__file__).parent
# Bottom to top. Project wiring (settings, urls, wsgi, cli, conftest) sits above them all.
LAYERS = [
    ("ducha.text", "ducha.standards", "ducha.plans.reading", "ducha.cases.reading", "ducha.db", "ducha.schedule",
     "ducha.workdays", "ducha.similarity"),
    ("ducha.audit",),
    ("ducha.core",),
    ("ducha.jurisdictions",),
    ("ducha.public",),
    ("ducha.notifications", "ducha.evidence", "ducha.holidays"),
    ("ducha.ledger",),
    ("ducha.progress", "ducha.supervision", "ducha.plans", "ducha.quality", "ducha.accountability",
     "ducha.cases"),
    ("ducha.dispatch", "ducha.warnings", "ducha.chronicle", "ducha.revisits"),
    ("ducha.signoff",),
    ("ducha.suspects",),
    ("ducha.overview", "ducha.mywork", "ducha.demo"),
]
WIRING = {"ducha.settings", "ducha.urls", "ducha.api_urls", "ducha.wsgi", "ducha.cli", "ducha.conftest",
          "ducha"}


def owner(module):
    """The package of LAYERS a dotted module name belongs to (the longest that matches)."""
    found = [p for layer in LAYERS for p in layer if module == p or module.startswith(p + ".")]
    return max(found, key=len) if found else None


def layer_of(package):
    return next(i for i, layer in enumerate(LAYERS) if package in layer)


def modules():
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        if "tests" in parts or "migrations" in parts:
            continue
        name = ".".join(parts).removesuffix(".__init__")
        yield name, path


def imports(path, name):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                yield ".".join(base + ([node.module] if node.module else []))
            elif node.module:
                yield node.module


def edges():
    found = set()
    for name, path in modules():
        if name in WIRING:
            continue
        source = owner(name)
        assert source is not None, f"{name} belongs to no layer: add its package to LAYERS"
        for target_module in imports(path, name):
            target = owner(target_module)
            if target is not None and target != source:
                found.add((source, target, name, target_module))
    return found


def test_every_import_points_down_or_sideways():
    upward = sorted(f"{module} imports {imported}" for source, target, module, imported in edges()
                    if layer_of(target) > layer_of(source))
    assert upward == []


def test_core_imports_no_domain_app():
    domain = {p for layer in LAYERS[3:] for p in layer}
    assert sorted(m for s, t, m, i in edges() if s == "ducha.core" and t in domain) == []


def test_no_cycles_between_packages():
    graph = {}
    for source, target, *_ in edges():
        graph.setdefault(source, set()).add(target)

    def reaches(start, goal, seen=()):
        return any(n == goal or (n not in seen and reaches(n, goal, (*seen, n))) for n in graph.get(start, ()))

    assert sorted(p for p in graph if reaches(p, p)) == []
