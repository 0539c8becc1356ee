"""Imports every module of a generated package and builds every model's validator.

Usage: python import_all.py PACKAGE (run from the directory holding the package). Fails on
the first module that does not import or type whose pydantic schema cannot be built.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

from pydantic import BaseModel, TypeAdapter


def main(package_name: str) -> int:
    package = importlib.import_module(package_name)
    modules = 1
    for info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
        importlib.import_module(info.name)
        modules += 1
    models = importlib.import_module(f"{package_name}.models")
    names: list[str] = list(models.__all__)
    for name in names:
        value = getattr(models, name)
        if isinstance(value, type) and issubclass(value, BaseModel):
            value.model_rebuild(raise_errors=True)
            if not value.__pydantic_complete__:
                raise RuntimeError(f"{name} is not fully defined")
        TypeAdapter(value)
    for name in package.__all__:
        getattr(package, name)
    print(f"  imported {modules} modules, built {len(names)} model validators")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
