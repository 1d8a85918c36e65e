"""The OpenAPI path items of one model: the routes of ``controllers/routes.py`` with its schemas.

An operation is listed only when the user's access rights allow it (no create paths
for a read-only model), so the document describes what this user can do.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from attrs import frozen

from ...domain.model_info import ModelInfo
from .envelope import PAGINATION, error_ref, json_content, success_response
from .schema import schema_ref
from ...domain.settings import ApiSettings
from ...domain.values import INT4_MAX
from .aggregate import aggregate_operation
from .export import with_file_answers
from .parts import CONTEXT, DOMAIN, new_values_name, parameter_ref, record_name, values_name

READ_ERRORS = (400, 401, 403, 404, 500)
WRITE_ERRORS = (400, 401, 403, 404, 409, 413, 415, 500)
PRECONDITION_ERRORS = (412, 428)
ETAG = {"ETag": {"description": "The record's version (strong): send it back in If-Match or If-None-Match",
                 "schema": {"type": "string"}}}
REPLAYED = {"Idempotent-Replayed": {"description": "`true` when this is the kept answer of an earlier "
                                                   "request with the same Idempotency-Key",
                                    "schema": {"const": "true"}}}
WRITE_VERBS = ("post", "put", "patch", "delete")
COUNT = {"type": "integer", "minimum": 0}
FILE_PARTS = {"type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}
# operationId actions of the one-record and the many-records updates, per verb (PATCH = PUT).
_UPDATE_ACTIONS = {"put": ("update", "update_many"), "patch": ("patch", "patch_many")}
IDS = {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": INT4_MAX}}


def obj(**properties: dict) -> dict:
    """An object schema whose ``properties`` are all required."""
    return {"type": "object", "required": list(properties), "properties": properties}


def operation(tag: str, operation_id: str, summary: str, responses: dict,
              errors: Sequence[int] = READ_ERRORS, parameters: Sequence[str | dict] = (),
              body: dict | None = None, body_required: bool = True) -> dict:
    """One operation: its parameters (names of shared ones, or inline), body and responses."""
    result: dict[str, Any] = {"tags": [tag], "operationId": operation_id, "summary": summary}
    if parameters:
        result["parameters"] = [parameter_ref(p) if isinstance(p, str) else p for p in parameters]
    if body is not None:
        result["requestBody"] = {"required": body_required, "content": json_content(body)}
    result["responses"] = {**responses, **{str(status): error_ref(status) for status in errors},
                           "default": {"$ref": "#/components/responses/Error"}}
    return result


@frozen
class ModelOperations:
    """The operations of one model, with its component schemas at hand."""

    model: ModelInfo
    settings: ApiSettings
    binary_fields: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.model.name

    def _op(self, action: str, summary: str, responses: dict, **kwargs) -> dict:
        return operation(self.name, f"{self.name}.{action}", summary, responses, **kwargs)

    def _body(self, data: dict, **extra: dict) -> dict:
        properties = {"data": data, **extra, "context": schema_ref(CONTEXT)}
        return {"type": "object", "required": ["data"], "additionalProperties": False,
                "properties": properties}

    def paths(self) -> dict[str, dict]:
        """Every path item of the model, keyed by path under ``/api/v1``."""
        base, access = f"/{self.name}", self.model.access
        items: dict[str, dict[str, dict | None]] = {
            base: {"get": self.list_records(), "post": self.create() if access.create else None,
                   "put": self.update_many() if access.write else None,
                   "patch": self.update_many("patch") if access.write else None,
                   "delete": self.delete_many() if access.unlink else None},
            f"{base}/search": {"post": self.search()},
            f"{base}/batch": {"post": self.create_batch() if access.create else None},
            f"{base}/fields": {"get": self.fields()},
            f"{base}/changes": {"get": features.changes_operation(self.name, self.model.description)},
            f"{base}/aggregate": {"get": self.aggregate()},
            f"{base}/{{id}}": {"get": self.read_record(), "put": self.update() if access.write else None,
                               "patch": self.update("patch") if access.write else None,
                               "delete": self.delete() if access.unlink else None},
            f"{base}/{{id}}/{{field}}": {"get": self.download() if self.binary_fields else None,
                                         "put": self.upload() if self.binary_fields and access.write else None,
                                         "delete": self.clear() if self.binary_fields and access.write else None},
            f"{base}/{{id}}/attachments": {"post": self.attachments() if access.write else None},
            f"/object/{self.name}/{{function}}": {"post": self.call(record=False)},
            f"/object/{self.name}/{{id}}/{{function}}": {"post": self.call(record=True)},
        }
        kept = {path: {verb: op for verb, op in item.items() if op is not None}
                for path, item in items.items()}
        return {path: item for path, item in kept.items() if item}

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
            "query": {"type": "string"},
            "limit": {"type": "integer", "minimum": 1, "maximum": self.settings.max_limit},
            "offset": {"type": "integer", "minimum": 0, "maximum": INT4_MAX},
            "order": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
            "context": schema_ref(CONTEXT)}}
        data = obj(records={"type": "array", "items": schema_ref(record_name(self.name))},
                   count=COUNT, total_count=COUNT, offset=COUNT, limit=COUNT)
        return self._op("search", "Search with a JSON body (domain, fields or query, limit, offset, order)",
                        {"200": success_response("The matching records", data)},
                        errors=WRITE_ERRORS, body=body)

    def create(self) -> dict:
        """``POST /{model}``."""
        location = {"Location": {"description": "The new record's URL", "schema": {"type": "string"}}}
        return self._op("create", "Create one record",
                        {"201": success_response("The new record, read back",
                                                 schema_ref(record_name(self.name)), {**location, **ETAG})},
                        errors=WRITE_ERRORS, parameters=("query",),
                        body=self._body(schema_ref(new_values_name(self.name))))

    def create_batch(self) -> dict:
        """``POST /{model}/batch``."""
        data = {"type": "array", "minItems": 1, "maxItems": self.settings.max_ids,
                "items": schema_ref(new_values_name(self.name))}
        answer = obj(records={"type": "array", "items": schema_ref(record_name(self.name))}, count=COUNT)
        return self._op("create_batch", "Create several records, all or nothing",
                        {"201": success_response("The new records, in input order", answer)},
                        errors=WRITE_ERRORS, parameters=("query",), body=self._body(data))

    def read_record(self) -> dict:
        """``GET /{model}/{id}``."""
        not_modified = {"description": "Not modified: If-None-Match names the current version (no body)",
                        "headers": ETAG}
        return self._op("read", "Read one record",
                        {"200": success_response("The record", schema_ref(record_name(self.name)), ETAG),
                         "304": not_modified},
                        parameters=("id", "query", "context", "if_none_match"))

    def update(self, verb: str = "put") -> dict:
        """``PUT /{model}/{id}`` (``verb="patch"``: the same update as ``PATCH``)."""
        values = {"allOf": [schema_ref(values_name(self.name))], "minProperties": 1}
        return self._op(_UPDATE_ACTIONS[verb][0], "Update one record",
                        {"200": success_response("The record, read back", schema_ref(record_name(self.name)),
                                                 ETAG)},
                        errors=WRITE_ERRORS + PRECONDITION_ERRORS, parameters=("id", "query", "if_match"),
                        body=self._body(values))

    def update_many(self, verb: str = "put") -> dict:
        """``PUT /{model}`` (or ``PATCH``) by ``?id=`` or by a filter in the body."""
        values = {"allOf": [schema_ref(values_name(self.name))], "minProperties": 1}
        return self._op(_UPDATE_ACTIONS[verb][1], "Update the records chosen by ?id=[…] or by a filter",
                        {"200": success_response("The ids written", obj(ids=IDS, count=COUNT))},
                        errors=WRITE_ERRORS, parameters=("ids",),
                        body=self._body(values, filter=schema_ref(DOMAIN)))

    def delete(self) -> dict:
        """``DELETE /{model}/{id}``."""
        data = obj(success={"const": True}, message={"type": "string"})
        return self._op("delete", "Delete one record", {"200": success_response("Deleted", data)},
                        errors=(400, 401, 403, 404, 409, 500) + PRECONDITION_ERRORS,
                        parameters=("id", "context", "if_match"))

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

    def download(self) -> dict:
        """``GET /{model}/{id}/{field}`` on a binary field."""
        field = {"name": "field", "in": "path", "required": True, "description": "A binary field",
                 "schema": {"enum": list(self.binary_fields)}}
        encoding = {"name": "encoding", "in": "query", "description": "`base64`: the content as JSON",
                    "schema": {"enum": ["base64"]}}
        data = obj(field={"type": "string"}, filename={"type": "string"}, mimetype={"type": "string"},
                   content={"type": "string", "contentEncoding": "base64"})
        answer = success_response("The content (raw bytes, or JSON with ?encoding=base64)", data)
        answer["content"]["*/*"] = {"schema": {"type": "string", "format": "binary"}}
        partial = {"description": "The bytes of the `Range` asked for, with `Content-Range`",
                   "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}}}
        byte_range = {"name": "Range", "in": "header", "description": "`bytes=first-last` (one range)",
                      "schema": {"type": "string"}}
        return self._op("download", "Download a binary field", {"200": answer, "206": partial},
                        errors=(*READ_ERRORS, 416), parameters=("id", field, encoding, "context", byte_range))

    def _binary_field_parameter(self) -> dict:
        return {"name": "field", "in": "path", "required": True, "description": "A binary field",
                "schema": {"enum": list(self.binary_fields)}}

    def upload(self) -> dict:
        """``PUT /{model}/{id}/{field}``: the raw bytes, or multipart with one file part."""
        data = obj(id={"type": "integer"}, field={"type": "string"}, size=COUNT, mimetype={"type": "string"})
        result = self._op("upload", "Write a binary field (raw bytes or multipart/form-data with one file)",
                          {"200": success_response("What was stored", data)},
                          errors=(*WRITE_ERRORS, 415), parameters=("id", self._binary_field_parameter()))
        result["requestBody"] = {"required": True, "content": {
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            "multipart/form-data": {"schema": FILE_PARTS}}}
        return result

    def clear(self) -> dict:
        """``DELETE /{model}/{id}/{field}``."""
        data = obj(id={"type": "integer"}, field={"type": "string"}, size={"const": 0},
                   mimetype={"type": "null"})
        return self._op("clear", "Empty a binary field", {"200": success_response("Emptied", data)},
                        errors=(400, 401, 403, 404, 409, 500),
                        parameters=("id", self._binary_field_parameter()))

    def attachments(self) -> dict:
        """``POST /{model}/{id}/attachments``."""
        item = obj(id={"type": "integer"}, name={"type": "string"}, mimetype={"type": "string"},
                   file_size=COUNT)
        data = obj(records={"type": "array", "items": item}, count=COUNT)
        result = self._op("attach", "Attach files to a record (multipart/form-data, one or more files)",
                          {"201": success_response("The new attachments", data)},
                          errors=(*WRITE_ERRORS, 415), parameters=("id",))
        result["requestBody"] = {"required": True, "content": {"multipart/form-data": {"schema": FILE_PARTS}}}
        return result

    def call(self, record: bool) -> dict:
        """``POST /object/{model}/{function}`` and its one-record form."""
        body = {"type": "object", "additionalProperties": False, "properties": {
            "args": {"type": "array"}, "kwargs": {"type": "object"}, "context": schema_ref(CONTEXT)}}
        answer = {"200": success_response("What the method returned", obj(result={}))}
        if record:
            return self._op("call_record_method", "Call a public method on one record", answer,
                            errors=WRITE_ERRORS, parameters=("id", "function"), body=body,
                            body_required=False)
        return self._op("call_model_method", "Call a public model method", answer,
                        errors=WRITE_ERRORS, parameters=("function",), body=body, body_required=False)


from . import features  # it builds on this module's helpers (imported last: no cycle)  # noqa: E402
def with_idempotency_keys(paths: dict[str, dict]) -> dict[str, dict]:
    """Every write operation (spec §17) takes an ``Idempotency-Key``, may answer 422 (the key
    used for another request), and says in ``Idempotent-Replayed`` when an answer is a replay."""
    result = {}
    for path, item in paths.items():
        result[path] = {verb: _idempotent(op) if verb in WRITE_VERBS else op for verb, op in item.items()}
    return result


def _idempotent(op: dict) -> dict:
    responses = {}
    for status, response in op["responses"].items():
        if status.startswith("2") and "$ref" not in response:
            response = {**response, "headers": {**response.get("headers", {}), **REPLAYED}}
        responses[status] = response
    responses.setdefault("422", error_ref(422))
    if "default" in responses:  # kept last, as every operation lists it
        responses["default"] = responses.pop("default")
    return {**op, "parameters": [*op.get("parameters", ()), parameter_ref("idempotency_key")],
            "responses": responses}
