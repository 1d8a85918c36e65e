"""Checking a remote method call's arguments against the method, for both stores."""
from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from ..domain.errors import ValidationError


def public_signature(function: Callable, bound: int) -> str:
    """``function``'s signature as a client calls it: without its first ``bound`` parameters."""
    signature = inspect.signature(function)
    parameters = list(signature.parameters.values())[bound:]
    return str(signature.replace(parameters=parameters, return_annotation=inspect.Signature.empty))


def check_arguments(function: Callable, leading: Sequence[Any], args: Sequence[Any],
                    kwargs: Mapping[str, Any], model: str, method: str) -> None:
    """``ValidationError`` naming the method's signature unless ``args``/``kwargs`` fit it.

    ``leading`` are the arguments the store passes itself (``self``, record ids).
    """
    try:
        inspect.signature(function).bind(*leading, *args, **kwargs)
    except TypeError as exc:
        expected = f"{method}{public_signature(function, len(leading))}"
        raise ValidationError(f"Wrong arguments for {model}.{method}: {exc}; expected {expected}",
                              {"model": model, "method": method, "signature": expected}) from exc
