"""OpenAPI post-processing: the error answers every operation can give.

drf-spectacular documents the success answer only; a client (and the
schemathesis run in the suite) must also know the shape of the refusals the
exception handler in ducha.core.api writes: 400 {field: [messages]} and
401/403/404/415 {"detail": message}.
"""

FIELD_ERRORS = {
    "type": "object",
    "description": "输入有误：键为字段名（或 non_field_errors），值为中文说明 / "
                   "bad input: field name (or non_field_errors) to messages",
    "additionalProperties": {},
}
DETAIL = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
ERRORS = {
    "400": ("FieldErrors", "输入有误 / bad input, by field"),
    "401": ("Detail", "未认证 / not authenticated"),
    "403": ("Detail", "无权操作 / not allowed"),
    "404": ("Detail", "不存在或不可见 / not found or not visible"),
}
BODY_ERRORS = {"415": ("Detail", "不支持的请求格式 / unsupported media type")}


def _ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema):
    return {"application/json": {"schema": schema}}


def document_errors(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.setdefault("FieldErrors", FIELD_ERRORS)
    schemas.setdefault("Detail", DETAIL)
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            errors = dict(ERRORS, **(BODY_ERRORS if "requestBody" in operation else {}))
            for status, (name, description) in errors.items():
                documented = responses.setdefault(status, {"description": description})
                if not documented.get("content"):
                    documented["content"] = _json(_ref(name))
                    continue
                # An operation that documents its own 400 (the import report) may
                # still refuse malformed input before it gets that far.
                for media in documented.get("content", {}).values():
                    own = media.get("schema")
                    if own is not None and own != _ref(name):
                        media["schema"] = {"anyOf": [own, _ref(name)]}
    return result
