"""The walk over the model's type annotations, shared by validation messages and the reference."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel


def without_none(annotation: Any) -> Any:
    """``X | None`` → ``X``; any other annotation as it is."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return annotation


def unwrap(annotation: Any) -> Any:
    """``X | None`` → ``X``; ``Annotated[X, …]`` → ``X``."""
    while True:
        if typing.get_origin(annotation) is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
            continue
        inner = without_none(annotation)
        if inner is annotation:
            return annotation
        annotation = inner


def item_type(annotation: Any) -> Any | None:
    """The type of the items of a list, or of the values of a mapping; None for anything else."""
    if typing.get_origin(annotation) in (list, dict):
        return typing.get_args(annotation)[-1]
    return None


def model_class(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model an annotation names, or None."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None
