"""The HTTP runtime shared by the generated clients.

Requests are described by `Request` values that the per-tag request builders return; the
async and sync clients send them with httpx, raise `APIError` for statuses outside 2XX and
`NetworkError` when no response arrives, and parse 2XX bodies into the generated models.

httpx and pydantic are imported on first use, so importing the package stays cheap.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Generator,
    Iterator,
    Mapping,
    Sequence,
)
from contextlib import asynccontextmanager, contextmanager
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import (
    IO,
    TYPE_CHECKING,
    Annotated,
    ClassVar,
    Generic,
    Literal,
    NamedTuple,
    Protocol,
    Self,
    TypeAlias,
    TypeVar,
    cast,
    get_args,
)
from uuid import UUID

if TYPE_CHECKING:
    from contextlib import AbstractAsyncContextManager, AbstractContextManager
    from types import TracebackType

    import httpx
    from pydantic import (
        GetCoreSchemaHandler,
        GetJsonSchemaHandler,
        JsonValue,
        TypeAdapter,
    )
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

__all__ = [
    "BYTES",
    "EMPTY",
    "TEXT",
    "APIError",
    "AsyncBaseClient",
    "ClientError",
    "File",
    "FileContent",
    "JsonParser",
    "NetworkError",
    "Page",
    "Parser",
    "Request",
    "Response",
    "ResponseValidationError",
    "SyncBaseClient",
    "Upload",
]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

ApiKeyLocation: TypeAlias = Literal["header", "query", "cookie"]
"""Where an API key is sent."""


# Errors


class ClientError(Exception):
    """Base class of every error the generated clients raise."""


class APIError(ClientError):
    """The server answered with a status outside 2XX."""

    status: int
    """HTTP status code."""
    reason: str
    """HTTP reason phrase."""
    body: JsonValue
    """The response body: parsed JSON when it was JSON, else the text (None when empty)."""
    headers: httpx.Headers
    """Response headers."""
    method: str
    """Request method."""
    url: str
    """Request URL."""

    def __init__(
        self,
        status: int,
        reason: str,
        body: JsonValue,
        headers: httpx.Headers,
        method: str,
        url: str,
    ) -> None:
        summary = f"{method} {url} failed with {status}"
        if reason:
            summary += f" {reason}"
        super().__init__(summary + _describe(body))
        self.status = status
        self.reason = reason
        self.body = body
        self.headers = headers
        self.method = method
        self.url = url

    @property
    def detail(self) -> str | None:
        """The `detail` message DRF sends with most non-validation errors (401, 403, 404)."""
        if isinstance(self.body, dict):
            detail = self.body.get("detail")
            if isinstance(detail, str):
                return detail
        return None

    @property
    def field_errors(self) -> dict[str, list[str]]:
        """Django REST Framework validation errors of a 400 response, by field.

        Nested errors use dotted paths (`items.0.name`); errors not tied to a field are under
        `non_field_errors`. Empty for other statuses.
        """
        errors: dict[str, list[str]] = {}
        if self.status == 400 and isinstance(self.body, (dict, list)):
            _flatten_errors(self.body, "", errors)
        return errors


class NetworkError(ClientError):
    """No response arrived: the connection failed, or the request timed out."""

    method: str
    """Request method."""
    url: str
    """Request URL."""
    timed_out: bool
    """True when the request hit its time limit."""

    def __init__(self, message: str, method: str, url: str, *, timed_out: bool) -> None:
        super().__init__(message)
        self.method = method
        self.url = url
        self.timed_out = timed_out


class ResponseValidationError(ClientError):
    """A 2XX response body did not match the documented type (the cause says where)."""

    status: int
    """HTTP status code."""
    content: bytes
    """The raw response body."""
    method: str
    """Request method."""
    url: str
    """Request URL."""

    def __init__(
        self, message: str, status: int, content: bytes, method: str, url: str
    ) -> None:
        super().__init__(message)
        self.status = status
        self.content = content
        self.method = method
        self.url = url


def _describe(body: object) -> str:
    if body is None or body == "":
        return ""
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False)
    return ": " + (text[:300] + "…" if len(text) > 300 else text)


def _flatten_errors(data: object, prefix: str, out: dict[str, list[str]]) -> None:
    if isinstance(data, list):
        items = cast("list[object]", data)
        if all(isinstance(item, str) for item in items):
            out.setdefault(prefix or "non_field_errors", []).extend(
                cast("list[str]", items)
            )
        else:
            for index, item in enumerate(items):
                _flatten_errors(
                    item, f"{prefix}.{index}" if prefix else str(index), out
                )
    elif isinstance(data, dict):
        entries = cast("dict[str, object]", data)
        for key, value in entries.items():
            _flatten_errors(value, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(data, str):
        out.setdefault(prefix or "non_field_errors", []).append(data)


# Files


class File:
    """A file to upload, with the name and media type to send it under.

    `content` is the bytes themselves, a binary file object, or a path to read.
    """

    __slots__ = ("content", "content_type", "filename")

    content: bytes | IO[bytes] | os.PathLike[str]
    """The file's bytes, a binary file object, or a path."""
    filename: str | None
    """The name sent to the server (default: the path's or file object's name)."""
    content_type: str | None
    """The media type (default: guessed from the name)."""

    def __init__(
        self,
        content: bytes | IO[bytes] | os.PathLike[str],
        filename: str | None = None,
        content_type: str | None = None,
    ) -> None:
        self.content = content
        self.filename = filename
        self.content_type = content_type

    def __repr__(self) -> str:
        return f"File(filename={self.filename!r}, content_type={self.content_type!r})"


FileContent: TypeAlias = bytes | IO[bytes] | os.PathLike[str] | File
"""What a file field or a binary body accepts: bytes, a binary file object, a path or a `File`."""


class _UploadSchema:
    """Lets pydantic models hold upload values (bytes, file objects, paths) unchanged."""

    def __get_pydantic_core_schema__(
        self, source: object, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(_check_upload)

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "format": "binary"}


def _check_upload(value: object) -> object:
    if isinstance(value, bytearray):
        return bytes(value)
    if _is_upload(value):
        return value
    raise ValueError("expected bytes, a binary file object, a path or a File")


def _is_upload(value: object) -> bool:
    return isinstance(value, (bytes, os.PathLike, File)) or hasattr(value, "read")


Upload: TypeAlias = Annotated[FileContent, _UploadSchema()]
"""The type of `format: binary` fields: any `FileContent`, kept as given."""


def _file_part(value: object) -> tuple[str, bytes, str] | None:
    """`(filename, content, media type)` of an upload value, or None for other values."""
    if isinstance(value, File):
        part = _file_part(value.content)
        if part is None:
            return None
        filename = value.filename or part[0]
        content_type = value.content_type or _guess_type(filename)
        return filename, part[1], content_type
    if isinstance(value, (bytes, bytearray)):
        return "upload", bytes(value), "application/octet-stream"
    if isinstance(value, os.PathLike):
        path = os.fspath(cast("os.PathLike[str]", value))
        with open(path, "rb") as handle:
            content = handle.read()
        filename = os.path.basename(path)
        return filename, content, _guess_type(filename)
    read = getattr(value, "read", None)
    if callable(read):
        data: object = read()
        if isinstance(data, str):
            data = data.encode()
        if not isinstance(data, (bytes, bytearray)):
            return None
        name = getattr(value, "name", None)
        filename = (
            os.path.basename(name) if isinstance(name, str) and name else "upload"
        )
        return filename, bytes(data), _guess_type(filename)
    return None


def _guess_type(filename: str) -> str:
    import mimetypes

    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


# Serialization


def _jsonable(value: object) -> object:
    """A value as plain JSON data: models by their wire names, leaving out unset fields."""
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        return dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Enum):
        return _jsonable(value.value)
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in cast("Sequence[object]", value)]
    if isinstance(value, dict):
        entries = cast("dict[object, object]", value)
        return {str(key): _jsonable(item) for key, item in entries.items()}
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (UUID, Decimal)):
        return str(value)
    return value


def _scalar(value: object) -> str:
    """A value as text in a URL, header or form field."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return _scalar(value.value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (str, int, float, UUID, Decimal)):
        return str(value)
    return json.dumps(_jsonable(value), ensure_ascii=False, separators=(",", ":"))


def _items(value: object) -> list[tuple[str, object]] | None:
    """Key/value pairs of a mapping or model (by wire name), else None."""
    if isinstance(value, Mapping):
        entries = cast("Mapping[object, object]", value)
        return [(str(key), item) for key, item in entries.items()]
    dump = getattr(value, "model_dump", None)
    if callable(dump):
        data = cast(
            "dict[str, object]", dump(mode="json", by_alias=True, exclude_unset=True)
        )
        return list(data.items())
    return None


def _quote(text: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="")


def path_param(
    value: object,
    style: Literal["simple", "label", "matrix"] = "simple",
    explode: bool = False,
    name: str = "",
) -> str:
    """Encodes a path parameter the way OpenAPI `style` and `explode` describe."""

    def encode(item: object) -> str:
        return _quote(_scalar(item))

    entries = _items(value)
    if isinstance(value, (list, tuple)):
        items = [encode(item) for item in cast("Sequence[object]", value)]
        if style == "simple":
            separator = ","
        elif style == "label":
            separator = "." if explode else ","
        else:
            separator = f";{name}=" if explode else ","
        text = separator.join(items)
    elif entries is not None:
        if explode:
            separator = {"simple": ",", "label": ".", "matrix": ";"}[style]
            text = separator.join(
                f"{_quote(key)}={encode(item)}" for key, item in entries
            )
        else:
            text = ",".join(f"{_quote(key)},{encode(item)}" for key, item in entries)
    else:
        text = encode(value)
    if style == "label":
        return "." + text
    if style == "matrix":
        return f";{name}={text}"
    return text


QueryStyle: TypeAlias = Literal["form", "spaceDelimited", "pipeDelimited", "deepObject"]
"""Serialization of a query parameter (OpenAPI `style`)."""


def query(
    *parameters: tuple[str, object] | tuple[str, object, QueryStyle, bool],
) -> tuple[tuple[str, str], ...]:
    """Query pairs of `(name, value)` or `(name, value, style, explode)`; None values are left out."""
    pairs: list[tuple[str, str]] = []
    for parameter in parameters:
        name, value = parameter[0], parameter[1]
        style: QueryStyle = "form"
        explode = True
        if len(parameter) == 4:
            style, explode = parameter[2], parameter[3]
        _append_query(pairs, name, value, style, explode)
    return tuple(pairs)


def _append_query(
    pairs: list[tuple[str, str]],
    name: str,
    value: object,
    style: QueryStyle,
    explode: bool,
) -> None:
    if value is None:
        return
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [
            _scalar(item)
            for item in cast("Sequence[object]", value)
            if item is not None
        ]
        if style == "form" and explode:
            pairs.extend((name, item) for item in items)
        elif items:
            separator = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(style, ",")
            pairs.append((name, separator.join(items)))
        return
    entries = _items(value)
    if entries is not None:
        entries = [(key, item) for key, item in entries if item is not None]
        if style == "deepObject":
            pairs.extend((f"{name}[{key}]", _scalar(item)) for key, item in entries)
        elif explode:
            pairs.extend((key, _scalar(item)) for key, item in entries)
        else:
            pairs.append(
                (name, ",".join(f"{key},{_scalar(item)}" for key, item in entries))
            )
        return
    pairs.append((name, _scalar(value)))


def headers(*parameters: tuple[str, object]) -> tuple[tuple[str, str], ...]:
    """Header pairs; None values are left out and lists are joined with commas."""
    pairs: list[tuple[str, str]] = []
    for name, value in parameters:
        if value is None:
            continue
        if isinstance(value, (list, tuple)):
            pairs.append(
                (
                    name,
                    ",".join(_scalar(item) for item in cast("Sequence[object]", value)),
                )
            )
        else:
            pairs.append((name, _scalar(value)))
    return tuple(pairs)


def cookies(*parameters: tuple[str, object]) -> tuple[tuple[str, str], ...]:
    """Cookie pairs; None values are left out."""
    return tuple(
        (name, _scalar(value)) for name, value in parameters if value is not None
    )


BodyKind: TypeAlias = Literal["json", "multipart", "form", "binary", "text"]
"""How a request body is encoded."""


class Body:
    """A request body and how to encode it."""

    __slots__ = ("content_type", "kind", "value")

    kind: BodyKind
    """The encoding."""
    value: object
    """The value given by the caller (a model, a list, bytes …)."""
    content_type: str
    """The media type sent as `Content-Type` (multipart bodies add their boundary)."""

    def __init__(self, kind: BodyKind, value: object, content_type: str) -> None:
        self.kind = kind
        self.value = value
        self.content_type = content_type


def _body(kind: BodyKind, value: object, content_type: str) -> Body | None:
    return None if value is None else Body(kind, value, content_type)


def json_body(value: object, content_type: str = "application/json") -> Body | None:
    """A JSON body (None: no body); models are sent by wire name, without unset fields."""
    return _body("json", value, content_type)


def multipart_body(
    value: object, content_type: str = "multipart/form-data"
) -> Body | None:
    """A multipart body (None: no body): file fields become file parts."""
    return _body("multipart", value, content_type)


def form_body(
    value: object, content_type: str = "application/x-www-form-urlencoded"
) -> Body | None:
    """A URL-encoded form body (None: no body)."""
    return _body("form", value, content_type)


def binary_body(
    value: object, content_type: str = "application/octet-stream"
) -> Body | None:
    """A raw binary body from bytes, a file object, a path or a `File` (None: no body)."""
    return _body("binary", value, content_type)


def text_body(value: object, content_type: str = "text/plain") -> Body | None:
    """A text body (None: no body)."""
    return _body("text", value, content_type)


def _encode(body: Body) -> tuple[bytes, str]:
    """The bytes of a body and its `Content-Type`."""
    if body.kind == "json":
        text = json.dumps(
            _jsonable(body.value), ensure_ascii=False, separators=(",", ":")
        )
        return text.encode(), body.content_type
    if body.kind == "text":
        return _scalar(body.value).encode(), body.content_type
    if body.kind == "binary":
        part = _file_part(body.value)
        if part is None:
            raise TypeError(
                "a binary body must be bytes, a file object, a path or a File"
            )
        return part[1], body.content_type
    if body.kind == "form":
        pairs: list[tuple[str, str]] = []
        for name, value in _multipart_items(body.value):
            _append_query(pairs, name, "" if value is None else value, "form", True)
        from urllib.parse import urlencode

        return urlencode(pairs).encode(), body.content_type
    boundary = os.urandom(16).hex()
    chunks: list[bytes] = []
    for name, value in _multipart_items(body.value):
        values = (
            list(cast("Sequence[object]", value))
            if isinstance(value, (list, tuple))
            else [value]
        )
        for item in values:
            disposition = f'form-data; name="{_quote_header(name)}"'
            part = _file_part(item)
            if part is None:
                head = f"Content-Disposition: {disposition}\r\n\r\n"
                content = _scalar(item).encode()
            else:
                filename, content, content_type = part
                head = (
                    f'Content-Disposition: {disposition}; filename="{_quote_header(filename)}"'
                    f"\r\nContent-Type: {content_type}\r\n\r\n"
                )
            chunks.append(f"--{boundary}\r\n{head}".encode())
            chunks.append(content)
            chunks.append(b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"{body.content_type}; boundary={boundary}"


def _quote_header(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\r", "")
        .replace("\n", "")
    )


def _multipart_items(value: object) -> list[tuple[str, object]]:
    """Fields of a multipart or form body by wire name, upload values kept as given.

    Fields of a model are read as set (not dumped), so files, enums and nested models reach
    the encoder unchanged; a None that means "left out" (`Omittable`) is not sent.
    """
    fields = getattr(type(value), "model_fields", None)
    set_fields = getattr(value, "model_fields_set", None)
    if isinstance(fields, dict) and isinstance(set_fields, set):
        items: list[tuple[str, object]] = []
        declared = cast("dict[str, object]", fields)
        for name, info in declared.items():
            if name not in set_fields:
                continue
            item: object = getattr(value, name)
            if item is None and getattr(info, "exclude_if", None) is not None:
                continue
            alias = getattr(info, "serialization_alias", None)
            items.append((alias if isinstance(alias, str) else name, item))
        return items
    entries = _items(value)
    return entries if entries is not None else []


# Responses


class Parser(Protocol[T_co]):
    """Turns a 2XX response into the value a call returns."""

    def parse(self, response: httpx.Response) -> T_co:
        """The value of the response."""
        ...


class JsonParser(Generic[T]):
    """Validates a JSON body into `T` with pydantic: `JsonParser[Ticket]()`.

    The type adapter is built on first use, from the type argument.
    """

    def __init__(self, *, optional: bool = False) -> None:
        self._optional = optional
        self._adapter: TypeAdapter[T] | None = None

    def parse(self, response: httpx.Response) -> T:
        """Validates the body; an empty body is None when the type allows it."""
        if self._optional and not response.content:
            return cast("T", None)
        adapter = self._adapter
        if adapter is None:
            from pydantic import TypeAdapter

            alias = getattr(self, "__orig_class__", None)
            if alias is None:
                raise TypeError("create parsers with their type: JsonParser[X]()")
            adapter = TypeAdapter[T](cast("type[T]", get_args(alias)[0]))
            self._adapter = adapter
        return adapter.validate_json(response.content)


class _EmptyParser:
    def parse(self, response: httpx.Response) -> None:
        return None


class _BytesParser:
    def parse(self, response: httpx.Response) -> bytes:
        return response.content


class _TextParser:
    def parse(self, response: httpx.Response) -> str:
        return response.text


EMPTY: Parser[None] = _EmptyParser()
"""The parser of responses without a body."""
BYTES: Parser[bytes] = _BytesParser()
"""The parser of binary responses."""
TEXT: Parser[str] = _TextParser()
"""The parser of text responses."""


class Request(NamedTuple, Generic[T_co]):
    """One call, ready to send: what the request builders of each tag return."""

    method: str
    """HTTP method."""
    path: str
    """Path with its parameters encoded (or an absolute URL, for pagination links)."""
    parser: Parser[T_co]
    """How a 2XX response is read."""
    query: tuple[tuple[str, str], ...] = ()
    """Query pairs."""
    headers: tuple[tuple[str, str], ...] = ()
    """Header parameters."""
    cookies: tuple[tuple[str, str], ...] = ()
    """Cookie parameters."""
    body: Body | None = None
    """The body, if any."""
    accept: str | None = None
    """The `Accept` header."""


class Response(NamedTuple, Generic[T_co]):
    """A 2XX response: status, headers, raw body and the parsed value."""

    status_code: int
    """HTTP status code."""
    headers: httpx.Headers
    """Response headers."""
    content: bytes
    """The raw body."""
    parsed: T_co
    """The body validated into the documented type (None for empty responses)."""


class Page(Protocol[T_co]):
    """A page of a paginated list (`count`/`next`/`previous`/`results`)."""

    @property
    def results(self) -> Sequence[T_co]:
        """The items of this page."""
        ...

    @property
    def next(self) -> str | None:
        """The URL of the next page, None on the last one."""
        ...


# Clients


class _Prepared:
    """A request turned into what httpx needs."""

    __slots__ = ("content", "headers", "method", "params", "url")

    def __init__(
        self,
        method: str,
        url: str,
        params: list[tuple[str, str | int | float | bool | None]],
        headers: dict[str, str],
        content: bytes | None,
    ) -> None:
        self.method = method
        self.url = url
        self.params = params
        self.headers = headers
        self.content = content


class _BaseClient:
    """Settings and credentials shared by the async and sync clients."""

    default_base_url: ClassVar[str] = ""
    """The server URL from the document's `servers`."""
    token_prefix: ClassVar[str] = "Bearer"
    """The word before the token in the `Authorization` header."""
    api_key_location: ClassVar[ApiKeyLocation] = "header"
    """Where the API key goes by default."""
    api_key_name: ClassVar[str] = "X-API-Key"
    """The header, query parameter or cookie the API key goes in by default."""

    _base_url: str
    _headers: dict[str, str]
    _token: str | None
    _refresh_token: str | None
    _api_key: str | None
    _api_key_location: ApiKeyLocation
    _api_key_name: str
    _timeout: float | None

    def _configure(
        self,
        base_url: str | None,
        token: str | None,
        api_key: str | None,
        headers: Mapping[str, str] | None,
        timeout: float | None,
    ) -> None:
        url = self.default_base_url if base_url is None else base_url
        self._base_url = url.rstrip("/")
        self._headers = dict(headers or {})
        self._token = token
        self._refresh_token = None
        self._api_key = api_key
        self._api_key_location = self.api_key_location
        self._api_key_name = self.api_key_name
        self._timeout = timeout

    @property
    def base_url(self) -> str:
        """The server URL requests go to."""
        return self._base_url

    @property
    def token(self) -> str | None:
        """The access token, if one is set."""
        return self._token

    @property
    def refresh_token(self) -> str | None:
        """The refresh token, if one is set."""
        return self._refresh_token

    @property
    def is_authenticated(self) -> bool:
        """True while an access token is set."""
        return self._token is not None

    def set_token(self, access: str, refresh: str | None = None) -> None:
        """Sends `Authorization: <token_prefix> <access>` from now on; keeps `refresh`."""
        self._token = access
        if refresh is not None:
            self._refresh_token = refresh

    def clear_token(self) -> None:
        """Forgets both tokens."""
        self._token = None
        self._refresh_token = None

    def set_api_key(
        self,
        key: str | None,
        header: str | None = None,
        *,
        location: ApiKeyLocation | None = None,
    ) -> None:
        """Sends `key` as the API key from now on (None stops sending it).

        By default it goes where the document's apiKey scheme says; `header` names another
        header, `location` moves it to a query parameter or cookie of that name.
        """
        self._api_key = key
        if header is not None:
            self._api_key_name = header
            self._api_key_location = "header" if location is None else location
        elif location is not None:
            self._api_key_location = location

    def with_headers(self, headers: Mapping[str, str]) -> Self:
        """A copy of this client that also sends `headers`; this client is unchanged.

        The copy shares this client's connection pool.
        """
        clone = copy.copy(self)
        clone._headers = {**self._headers, **headers}
        return clone

    def _prepare(self, request: Request[object]) -> _Prepared:
        path = request.path
        url = path if "://" in path else self._base_url + path
        params: list[tuple[str, str | int | float | bool | None]] = list(request.query)
        headers = dict(self._headers)
        cookie_pairs = list(request.cookies)
        if request.accept is not None:
            headers.setdefault("Accept", request.accept)
        if self._token is not None:
            prefix = self.token_prefix
            headers["Authorization"] = (
                f"{prefix} {self._token}" if prefix else self._token
            )
        if self._api_key is not None:
            if self._api_key_location == "header":
                headers[self._api_key_name] = self._api_key
            elif self._api_key_location == "query":
                params.append((self._api_key_name, self._api_key))
            else:
                cookie_pairs.append((self._api_key_name, self._api_key))
        for name, value in request.headers:
            headers[name] = value
        if cookie_pairs:
            headers["Cookie"] = "; ".join(
                f"{name}={_quote(value)}" for name, value in cookie_pairs
            )
        content = None
        if request.body is not None:
            content, headers["Content-Type"] = _encode(request.body)
        return _Prepared(request.method, url, params, headers, content)

    @staticmethod
    def _error(prepared: _Prepared, response: httpx.Response) -> APIError:
        body: JsonValue = None
        if response.content:
            try:
                body = cast("JsonValue", json.loads(response.content))
            except ValueError:
                body = response.text
        return APIError(
            response.status_code,
            response.reason_phrase,
            body,
            response.headers,
            prepared.method,
            prepared.url,
        )

    @staticmethod
    def _network_error(prepared: _Prepared, error: Exception) -> NetworkError:
        import httpx

        timed_out = isinstance(error, httpx.TimeoutException)
        what = "timed out" if timed_out else f"failed: {error}"
        return NetworkError(
            f"{prepared.method} {prepared.url} {what}",
            prepared.method,
            prepared.url,
            timed_out=timed_out,
        )

    def _finish(
        self, request: Request[T], prepared: _Prepared, response: httpx.Response
    ) -> Response[T]:
        if not response.is_success:
            raise self._error(prepared, response)
        from pydantic import ValidationError

        try:
            parsed = request.parser.parse(response)
        except ValidationError as error:
            raise ResponseValidationError(
                f"{prepared.method} {prepared.url}: the response does not match its type: "
                f"{error}",
                response.status_code,
                response.content,
                prepared.method,
                prepared.url,
            ) from error
        return Response(
            response.status_code, response.headers, response.content, parsed
        )


class _AsyncPool:
    """The httpx.AsyncClient of a client and the copies made with `with_headers`."""

    def __init__(self, client: httpx.AsyncClient | None, timeout: float | None) -> None:
        self.client = client
        self.owned = client is None
        self.timeout = timeout

    def get(self) -> httpx.AsyncClient:
        if self.client is None:
            import httpx

            self.client = httpx.AsyncClient(timeout=self.timeout)
        return self.client


class _SyncPool:
    """The httpx.Client of a client and the copies made with `with_headers`."""

    def __init__(self, client: httpx.Client | None, timeout: float | None) -> None:
        self.client = client
        self.owned = client is None
        self.timeout = timeout

    def get(self) -> httpx.Client:
        if self.client is None:
            import httpx

            self.client = httpx.Client(timeout=self.timeout)
        return self.client


class AsyncBaseClient(_BaseClient):
    """The async transport: sends requests with an `httpx.AsyncClient`."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        token: str | None = None,
        api_key: str | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = 30.0,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        """Creates a client.

        Args:
            base_url: The server URL (default: the document's first server).
            token: An access token (see `set_token`).
            api_key: An API key (see `set_api_key`).
            headers: Headers sent with every request.
            timeout: Seconds before a request fails with a `NetworkError` (None: no limit);
                ignored when `http_client` is given.
            http_client: An httpx.AsyncClient to send requests with; it is not closed by
                `aclose()`.
        """
        self._configure(base_url, token, api_key, headers, timeout)
        self._pool = _AsyncPool(http_client, timeout)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Closes the connection pool (unless it was passed in as `http_client`)."""
        client = self._pool.client
        if client is not None and self._pool.owned:
            self._pool.client = None
            await client.aclose()

    async def send(self, request: Request[T]) -> Response[T]:
        """Sends a request built by a request builder and parses the response.

        Raises:
            APIError: The status is outside 2XX.
            NetworkError: No response arrived.
            ResponseValidationError: The body does not match the documented type.
        """
        import httpx

        prepared = self._prepare(request)
        client = self._pool.get()
        try:
            response = await client.request(
                prepared.method,
                prepared.url,
                params=prepared.params or None,
                headers=prepared.headers,
                content=prepared.content,
            )
        except httpx.TransportError as error:
            raise self._network_error(prepared, error) from error
        return self._finish(request, prepared, response)

    def stream(
        self, request: Request[object]
    ) -> AbstractAsyncContextManager[httpx.Response]:
        """Sends a request and yields the response before its body is read.

        Use `response.aiter_bytes()` inside `async with`; an error status raises `APIError`.
        """
        return self._stream(request)

    @asynccontextmanager
    async def _stream(self, request: Request[object]) -> AsyncGenerator[httpx.Response]:
        import httpx

        prepared = self._prepare(request)
        client = self._pool.get()
        built = client.build_request(
            prepared.method,
            prepared.url,
            params=prepared.params or None,
            headers=prepared.headers,
            content=prepared.content,
        )
        try:
            response = await client.send(built, stream=True)
        except httpx.TransportError as error:
            raise self._network_error(prepared, error) from error
        try:
            if not response.is_success:
                await response.aread()
                raise self._error(prepared, response)
            yield response
        finally:
            await response.aclose()

    async def paginate(self, request: Request[Page[T]]) -> AsyncIterator[T]:
        """Yields the items of every page, following `next` links from the first page."""
        current: Request[Page[T]] = request
        while True:
            page = (await self.send(current)).parsed
            for item in page.results:
                yield item
            if not page.next:
                return
            current = current._replace(path=page.next, query=())


class SyncBaseClient(_BaseClient):
    """The sync transport: sends requests with an `httpx.Client`."""

    def __init__(
        self,
        base_url: str | None = None,
        *,
        token: str | None = None,
        api_key: str | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float | None = 30.0,
        http_client: httpx.Client | None = None,
    ) -> None:
        """Creates a client.

        Args:
            base_url: The server URL (default: the document's first server).
            token: An access token (see `set_token`).
            api_key: An API key (see `set_api_key`).
            headers: Headers sent with every request.
            timeout: Seconds before a request fails with a `NetworkError` (None: no limit);
                ignored when `http_client` is given.
            http_client: An httpx.Client to send requests with; it is not closed by
                `close()`.
        """
        self._configure(base_url, token, api_key, headers, timeout)
        self._pool = _SyncPool(http_client, timeout)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Closes the connection pool (unless it was passed in as `http_client`)."""
        client = self._pool.client
        if client is not None and self._pool.owned:
            self._pool.client = None
            client.close()

    def send(self, request: Request[T]) -> Response[T]:
        """Sends a request built by a request builder and parses the response.

        Raises:
            APIError: The status is outside 2XX.
            NetworkError: No response arrived.
            ResponseValidationError: The body does not match the documented type.
        """
        import httpx

        prepared = self._prepare(request)
        client = self._pool.get()
        try:
            response = client.request(
                prepared.method,
                prepared.url,
                params=prepared.params or None,
                headers=prepared.headers,
                content=prepared.content,
            )
        except httpx.TransportError as error:
            raise self._network_error(prepared, error) from error
        return self._finish(request, prepared, response)

    def stream(
        self, request: Request[object]
    ) -> AbstractContextManager[httpx.Response]:
        """Sends a request and yields the response before its body is read.

        Use `response.iter_bytes()` inside `with`; an error status raises `APIError`.
        """
        return self._stream(request)

    @contextmanager
    def _stream(self, request: Request[object]) -> Generator[httpx.Response]:
        import httpx

        prepared = self._prepare(request)
        client = self._pool.get()
        built = client.build_request(
            prepared.method,
            prepared.url,
            params=prepared.params or None,
            headers=prepared.headers,
            content=prepared.content,
        )
        try:
            response = client.send(built, stream=True)
        except httpx.TransportError as error:
            raise self._network_error(prepared, error) from error
        try:
            if not response.is_success:
                response.read()
                raise self._error(prepared, response)
            yield response
        finally:
            response.close()

    def paginate(self, request: Request[Page[T]]) -> Iterator[T]:
        """Yields the items of every page, following `next` links from the first page."""
        current: Request[Page[T]] = request
        while True:
            page = self.send(current).parsed
            yield from page.results
            if not page.next:
                return
            current = current._replace(path=page.next, query=())
