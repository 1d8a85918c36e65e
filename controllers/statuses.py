"""The one place where the core's errors become HTTP statuses."""
from __future__ import annotations

from ..domain.errors import (AccessError, ApiError, AuthenticationError, BadGateway, Conflict,
                             GatewayTimeout, Gone, IdempotencyKeyReused, InternalError, MethodNotAllowed,
                             NotFound, NotSupported, PayloadTooLarge, PreconditionFailed,
                             PreconditionRequired, QuerySyntaxError, RangeNotSatisfiable, ServiceUnavailable,
                             TooManyRequests, UnsupportedMediaType, ValidationError)

HTTP_STATUS: dict[type[ApiError], int] = {
    ValidationError: 400,
    QuerySyntaxError: 400,
    AuthenticationError: 401,
    AccessError: 403,
    NotFound: 404,
    MethodNotAllowed: 405,
    Conflict: 409,
    PayloadTooLarge: 413,
    UnsupportedMediaType: 415,
    PreconditionFailed: 412,
    IdempotencyKeyReused: 422,
    PreconditionRequired: 428,
    RangeNotSatisfiable: 416,
    TooManyRequests: 429,
    InternalError: 500,
    Gone: 410,
    NotSupported: 501,
    ServiceUnavailable: 503,
    BadGateway: 502,
    GatewayTimeout: 504,
}


def http_status(error: ApiError) -> int:
    """The HTTP status of an error: the nearest class in ``HTTP_STATUS``, else 500."""
    for cls in type(error).__mro__:
        if cls in HTTP_STATUS:
            return HTTP_STATUS[cls]
    return 500
