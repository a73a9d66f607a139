"""The wheel carries the repository's top-level personas/ and scenarios/ (the source of truth, where
facilitators edit them) as package data: building copies them into ``auditor/shipped/``, where
auditor/paths.py finds them through importlib.resources. An editable install and a checkout read the
top-level folders themselves, so nothing is copied for them. Everything else is in pyproject.toml."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = ("personas", "scenarios")


class build_py_with_data(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in SHIPPED:
            target = Path(self.build_lib) / "auditor" / "shipped" / name
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(HERE / name, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))


setup(cmdclass={"build_py": build_py_with_data})
