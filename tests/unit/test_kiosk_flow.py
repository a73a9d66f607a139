"""The kiosk's scene flow is declared once (kiosk/flow.py): every scene's calls for the next scene, read from the
source, are exactly the table's, and no scene builds another."""

from __future__ import annotations

import ast
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from kiosk.flow import FLOW, SCENES  # noqa: E402

SCENES_DIR = Path(__file__).resolve().parents[2] / "kiosk" / "scenes"


def calls_for_next_scene(cls_node: ast.ClassDef) -> set[str]:
    """Names in ``self.kiosk.go("name", ...)`` and ``self.kiosk.go_attract()`` (the attract scene) in a class."""
    found = set()
    for node in ast.walk(cls_node):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr == "go":
                assert node.args and isinstance(node.args[0], ast.Constant), \
                    f"{cls_node.name}:{node.lineno}: go() needs a scene's name written out"
                found.add(node.args[0].value)
            elif node.func.attr == "go_attract":
                found.add("attract")
    return found


def test_every_scene_is_named_as_it_calls_itself():
    assert set(SCENES) == set(FLOW)
    assert all(cls.name == name for name, cls in SCENES.items())
    assert all(target in SCENES for nexts in FLOW.values() for target in nexts)


def test_the_scenes_go_where_the_table_says_and_nowhere_else():
    by_class = {cls.__name__: name for name, cls in SCENES.items()}
    seen = {}
    for path in sorted(SCENES_DIR.glob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name in by_class:
                seen[by_class[node.name]] = calls_for_next_scene(node)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in by_class, f"{path.name}:{node.lineno} builds {node.func.id} itself"
    assert seen == {name: set(nexts) for name, nexts in FLOW.items()}
