"""The base class of the generated pydantic models."""

from __future__ import annotations

import typing
from typing import TYPE_CHECKING, Annotated, TypeAlias, TypeVar

from pydantic import BaseModel, ConfigDict, Field

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler
    from pydantic_core import CoreSchema

__all__ = ["Model", "Never", "Omittable"]

T = TypeVar("T")


def _is_none(value: object) -> bool:
    return value is None


Omittable: TypeAlias = Annotated[T | None, Field(exclude_if=_is_none)]
"""A property that may be left out but is never null: None means "not sent"."""


class _NoValue:
    """Lets pydantic handle `Never`: every value fails validation."""

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(_reject)


def _reject(value: object) -> typing.Never:
    raise ValueError("the API allows no value here")


Never: TypeAlias = Annotated[typing.Never, _NoValue()]
"""A type without values (`enum: []`, `not: {}`): validation always fails."""


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
