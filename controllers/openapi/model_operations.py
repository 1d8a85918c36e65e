"""The OpenAPI operations of one model: the builders the ``{model}`` routes of ``controllers/routes.py``
carry, each called once per documented model.

A builder answers None when the user's access rights leave its operation out (no create
operation for a read-only model), so the document describes what this user can do.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from attrs import frozen

from ...domain.external_ids import EXTERNAL_ID
from ...domain.model_info import ModelInfo
from ...domain.settings import ApiSettings
from ...domain.limits import INT4_MAX
from . import features
from .aggregate import aggregate_operation
from .envelope import PAGINATION, success_response
from .export import with_file_answers
from .operation import CAPABILITY_ERRORS, COUNT, READ_ERRORS, WRITE_ERRORS, obj, operation
from . import examples
from .parts import (CONTEXT, id_parameter, new_values_name, query_parameter, record_name, required_on_create,
                    selection_name, upsert_values_name, values_name, writable_fields)
from .query_language import DOMAIN
from .schema import schema_ref

PRECONDITION_ERRORS = (412, 428)
ETAG = {"ETag": {"description": "The record's version (strong): send it back in If-Match or If-None-Match",
                 "schema": {"type": "string"}}}
# At least one file part (a 400 without); its name is free, ``file`` is the one documented.
FILE_PARTS = {"type": "object", "required": ["file"], "properties": {"file": {"type": "string", "format": "binary"}}}
# operationId actions of the one-record and the many-records updates, per verb (PATCH = PUT).
_UPDATE_ACTIONS = {"put": ("update", "update_many"), "patch": ("patch", "patch_many")}
IDS = {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": INT4_MAX}}


LOCATION = {"Location": {"description": "The new record's URL", "schema": {"type": "string"}}}

def _allowed_if(*needs: str) -> Callable[[Callable[..., dict]], Callable[..., dict | None]]:
    """The builder, answering None unless the user has each of ``needs`` (``ModelOperations.allows``)."""
    def wrap(build: Callable[..., dict]) -> Callable[..., dict | None]:
        @wraps(build)
        def checked(self: ModelOperations, *args, **kwargs) -> dict | None:
            return build(self, *args, **kwargs) if all(self.allows(need) for need in needs) else None
        return checked
    return wrap


@frozen
class ModelOperations:
    """The operations of one model, with its component schemas at hand."""

    model: ModelInfo
    settings: ApiSettings
    binary_fields: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.model.name

    def allows(self, need: str) -> bool:
        """Whether the user may ``create``, ``write`` or ``unlink`` records, or the model has ``binary``
        fields the user may read."""
        access = self.model.access
        return {"create": access.create, "write": access.write, "unlink": access.unlink,
                "binary": bool(self.binary_fields)}[need]

    def _op(self, action: str, summary: str, responses: dict, **kwargs) -> dict:
        """An operation of this model; its ``query`` parameter is the model's (``model_parameters``)."""
        parameters = [query_parameter(self.name) if p == "query" else p for p in kwargs.pop("parameters", ())]
        return operation(self.name, f"{self.name}.{action}", summary, responses, parameters=parameters, **kwargs)

    def _values(self, create: bool = False, suffix: str = "") -> dict:
        """Example values of a create (the fields it must name) or an update."""
        writable = writable_fields(self.model, self.settings.sensitive_fields)
        return examples.values_example(writable, required_on_create(writable) if create else (), suffix)

    def _body(self, data: dict, **extra: dict) -> dict:
        properties = {"data": data, **extra, "context": schema_ref(CONTEXT)}
        return {"type": "object", "required": ["data"], "additionalProperties": False,
                "properties": properties}

    def list_records(self) -> dict:
        """``GET /{model}``."""
        data = obj(records={"type": "array", "items": schema_ref(record_name(self.name))},
                   pagination=schema_ref(PAGINATION))
        return with_file_answers(self._op(
            "list", f"List {self.model.description} records",
            {"200": success_response("A page of records", data)},
            parameters=("query", "filter", "order", "limit", "page", "page_size", "context")))

    def search(self) -> dict:
        """``POST /{model}/search``."""
        body = {"type": "object", "additionalProperties": False, "properties": {
            "domain": schema_ref(DOMAIN), "fields": {"type": "array", "items": {"type": "string"}},
            "query": schema_ref(selection_name(self.name)),
            "limit": {"type": "integer", "minimum": 1, "maximum": self.settings.max_limit},
            "offset": {"type": "integer", "minimum": 0, "maximum": INT4_MAX},
            "order": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
            "context": schema_ref(CONTEXT)},
            # ``fields`` or ``query``, not both (a 400)
            "not": {"required": ["fields", "query"], "properties": {"fields": {}, "query": {}}}}
        data = obj(records={"type": "array", "items": schema_ref(record_name(self.name))},
                   count=COUNT, total_count=COUNT, offset=COUNT, limit=COUNT)
        example = {"domain": examples.DOMAIN, "limit": 10,
                   "query": examples.selection_example(self.model, self.settings.sensitive_fields)}
        return self._op("search", "Search with a JSON body (domain, fields or query, limit, offset, order)",
                        {"200": success_response("The matching records", data)},
                        errors=WRITE_ERRORS, body=body, body_example=example)

    @_allowed_if("create")
    def create(self) -> dict:
        """``POST /{model}``."""
        return self._op("create", "Create one record",
                        {"201": success_response("The new record, read back",
                                                 schema_ref(record_name(self.name)), {**LOCATION, **ETAG})},
                        errors=WRITE_ERRORS, parameters=("query",),
                        body=self._body(schema_ref(new_values_name(self.name))),
                        body_example={"data": self._values(create=True)})

    @_allowed_if("create")
    def create_batch(self) -> dict:
        """``POST /{model}/batch``."""
        data = {"type": "array", "minItems": 1, "maxItems": self.settings.max_ids,
                "items": schema_ref(new_values_name(self.name))}
        answer = obj(records={"type": "array", "items": schema_ref(record_name(self.name))}, count=COUNT)
        return self._op("create_batch", "Create several records, all or nothing",
                        {"201": success_response("The new records, in input order", answer)},
                        errors=WRITE_ERRORS, parameters=("query",), body=self._body(data),
                        body_example={"data": [self._values(create=True, suffix=" 2")]})

    @_allowed_if("create", "write")
    def upsert(self) -> dict:
        """``POST /{model}/upsert`` (issue 24)."""
        data = {"type": "array", "minItems": 1, "maxItems": self.settings.max_ids,
                "items": schema_ref(upsert_values_name(self.name))}
        match = {"type": "string", "description": "Match rows to records by this field (stored, writable: "
                 "char, integer, many2one or selection) instead of by external_id"}
        record = obj(id={"type": "integer"}, external_id={"type": ["string", "null"]},
                     created={"type": "boolean"})
        answer = obj(records={"type": "array", "items": record}, created=COUNT, updated=COUNT)
        example = {"data": [{EXTERNAL_ID: f"shop.{self.name.replace('.', '_')}_42", **self._values(create=True)}]}
        return self._op("upsert", "Create or update records matched by external id (or by the field `match`), "
                        "all or nothing", {"200": success_response("Each row's record, in input order", answer)},
                        errors=WRITE_ERRORS, body=self._body(data, match=match), body_example=example)

    def read_record(self) -> dict:
        """``GET /{model}/{id}``."""
        not_modified = {"description": "Not modified: If-None-Match names the current version (no body)",
                        "headers": ETAG}
        return self._op("read", "Read one record",
                        {"200": success_response("The record", schema_ref(record_name(self.name)), ETAG),
                         "304": not_modified},
                        parameters=("id", "query", "context", "if_none_match"))

    @_allowed_if("write")
    def update(self, verb: str = "put") -> dict:
        """``PUT /{model}/{id}`` (``verb="patch"``: the same update as ``PATCH``)."""
        values = {"allOf": [schema_ref(values_name(self.name))], "minProperties": 1}
        responses = {"200": success_response("The record, read back", schema_ref(record_name(self.name)), ETAG)}
        if verb == "put" and self.allows("create"):  # PUT on an external id no record has: an upsert
            responses["201"] = success_response("Created with the external id of the path, read back",
                                                schema_ref(record_name(self.name)), {**LOCATION, **ETAG})
        return self._op(_UPDATE_ACTIONS[verb][0], "Update one record (PUT on an unknown external id creates it)"
                        if verb == "put" else "Update one record", responses,
                        errors=WRITE_ERRORS + PRECONDITION_ERRORS + CAPABILITY_ERRORS,
                        parameters=("id", "query", "if_match"),
                        body=self._body(values), body_example={"data": self._values()})

    @_allowed_if("write")
    def update_many(self, verb: str = "put") -> dict:
        """``PUT /{model}`` (or ``PATCH``) by ``?id=`` or by a filter in the body."""
        values = {"allOf": [schema_ref(values_name(self.name))], "minProperties": 1}
        return self._op(_UPDATE_ACTIONS[verb][1], "Update the records chosen by ?id=[…] or by a filter",
                        {"200": success_response("The ids written", obj(ids=IDS, count=COUNT))},
                        errors=WRITE_ERRORS, parameters=("ids",),
                        body=self._body(values, filter=schema_ref(DOMAIN)),
                        body_example={"data": self._values(), "filter": [["id", "=", examples.RECORD_ID]]})

    @_allowed_if("unlink")
    def delete(self) -> dict:
        """``DELETE /{model}/{id}``."""
        data = obj(success={"const": True}, message={"type": "string"})
        return self._op("delete", "Delete one record", {"200": success_response("Deleted", data)},
                        errors=(400, 401, 403, 404, 409, 500) + PRECONDITION_ERRORS + CAPABILITY_ERRORS,
                        parameters=(id_parameter(examples.DELETED_ID), "context", "if_match"))

    @_allowed_if("unlink")
    def delete_many(self) -> dict:
        """``DELETE /{model}?id=[…]``."""
        data = obj(success={"const": True}, message={"type": "string"}, ids=IDS, count=COUNT)
        return self._op("delete_many", "Delete the records ?id=[…], all or nothing",
                        {"200": success_response("Deleted", data)},
                        errors=(400, 401, 403, 404, 409, 500), parameters=("required_ids", "context"))

    def fields(self) -> dict:
        """``GET /{model}/fields``."""
        data = obj(fields={"type": "object", "additionalProperties": schema_ref("FieldDescription")})
        return self._op("fields", "Field metadata", {"200": success_response("The readable fields", data)},
                        parameters=("attributes",))

    def aggregate(self) -> dict:
        """``GET /{model}/aggregate``."""
        return aggregate_operation(self._op, self.model, self.settings.sensitive_fields)

    @_allowed_if("binary")
    def download(self) -> dict:
        """``GET /{model}/{id}/{field}`` on a binary field."""
        encoding = {"name": "encoding", "in": "query", "description": "`base64`: the content as JSON",
                    "schema": {"enum": ["base64"]}, "example": "base64"}
        data = obj(field={"type": "string"}, filename={"type": "string"}, mimetype={"type": "string"},
                   content={"type": "string", "contentEncoding": "base64"})
        answer = success_response("The content (raw bytes, or JSON with ?encoding=base64)", data)
        answer["content"]["*/*"] = {"schema": {"type": "string", "format": "binary"}}
        partial = {"description": "The bytes of the `Range` asked for, with `Content-Range`",
                   "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}}
        # Any text: a Range the server cannot read is ignored (RFC 9110), the whole content answered.
        byte_range = {"name": "Range", "in": "header", "description": "`bytes=first-last` (one range)",
                      "schema": {"type": "string"}, "example": "bytes=0-1"}
        return self._op("download", "Download a binary field", {"200": answer, "206": partial},
                        errors=(*READ_ERRORS, 416),
                        parameters=(id_parameter(examples.BINARY_ID), self._binary_field_parameter(), encoding,
                                    "context", byte_range))

    def _binary_field_parameter(self) -> dict:
        return {"name": "field", "in": "path", "required": True, "description": "A binary field",
                "schema": {"enum": list(self.binary_fields)}, "example": self.binary_fields[0]}

    @_allowed_if("binary", "write")
    def upload(self) -> dict:
        """``PUT /{model}/{id}/{field}``: the raw bytes, or multipart with one file part."""
        data = obj(id={"type": "integer"}, field={"type": "string"}, size=COUNT, mimetype={"type": "string"})
        result = self._op("upload", "Write a binary field (raw bytes or multipart/form-data with one file)",
                          {"200": success_response("What was stored", data)},
                          errors=(*WRITE_ERRORS, 415, *CAPABILITY_ERRORS),
                          parameters=("id", self._binary_field_parameter()))
        result["requestBody"] = {"required": True, "content": {
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            "multipart/form-data": {"schema": FILE_PARTS}}}
        return result

    @_allowed_if("binary", "write")
    def clear(self) -> dict:
        """``DELETE /{model}/{id}/{field}``."""
        data = obj(id={"type": "integer"}, field={"type": "string"}, size={"const": 0},
                   mimetype={"type": "null"})
        return self._op("clear", "Empty a binary field", {"200": success_response("Emptied", data)},
                        errors=(400, 401, 403, 404, 409, 500, *CAPABILITY_ERRORS),
                        parameters=("id", self._binary_field_parameter()))

    @_allowed_if("write")
    def attachments(self) -> dict:
        """``POST /{model}/{id}/attachments``."""
        item = obj(id={"type": "integer"}, name={"type": "string"}, mimetype={"type": "string"},
                   file_size=COUNT)
        data = obj(records={"type": "array", "items": item}, count=COUNT)
        result = self._op("attach", "Attach files to a record (multipart/form-data, one or more files)",
                          {"201": success_response("The new attachments", data)},
                          errors=(*WRITE_ERRORS, 415, *CAPABILITY_ERRORS), parameters=("id",))
        result["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": FILE_PARTS}}}
        return result

    def _call(self, action: str, summary: str, parameters: tuple[str, ...]) -> dict:
        body = {"type": "object", "additionalProperties": False, "properties": {
            "args": {"type": "array", "description": "Positional arguments (any JSON values)", "items": {}},
            "kwargs": {"type": "object", "description": "Keyword arguments"}, "context": schema_ref(CONTEXT)}}
        answer = {"200": success_response("What the method returned", obj(result={}))}
        return self._op(action, summary, answer, errors=WRITE_ERRORS, parameters=parameters, body=body,
                        body_required=False, body_example={"args": ["Example"]})

    def call_model_method(self) -> dict:
        """``POST /object/{model}/{function}``."""
        return self._call("call_model_method", "Call a public model method", ("function",))

    def call_record_method(self) -> dict:
        """``POST /object/{model}/{id}/{function}``."""
        return self._call("call_record_method", "Call a public method on one record", ("id", "function"))

    def changes(self) -> dict:
        """``GET /{model}/changes``."""
        return features.changes_operation(self.name, self.model.description)
