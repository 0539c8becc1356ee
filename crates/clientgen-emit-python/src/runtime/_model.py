"""The base class of the generated pydantic models."""

from __future__ import annotations

from typing import Annotated, TypeAlias, TypeVar

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Model", "Omittable"]

T = TypeVar("T")


def _is_none(value: object) -> bool:
    return value is None


Omittable: TypeAlias = Annotated[T | None, Field(exclude_if=_is_none)]
"""A property that may be left out but is never null: None means "not sent"."""


class Model(BaseModel):
    """Base of every generated model.

    Fields use Python names; `validation_alias`/`serialization_alias` hold the wire names
    where they differ, and both are accepted when validating. Unknown keys are ignored.
    """

    model_config = ConfigDict(
        populate_by_name=True,
        protected_namespaces=(),
        extra="ignore",
    )
