"""End-to-end scenario: the Python client generated from the example DRF backend's schema,
run against the live server, once with the async `APIClient` and once with the sync
`SyncAPIClient`. It covers the same ground as tests/typescript/scenario/support-desk.ts and
asserts the values that come back, not just the absence of exceptions.

Run by tests/e2e/languages/python.sh with DRF_BASE_URL set; the client is the `desk` group
of the example's clientgen.toml (package `desk_client`), generated from the OAS 3.0.3 schema
and then from the 3.1.0 one and installed with `pip install -e`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AbstractAsyncContextManager, AbstractContextManager
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar
from uuid import UUID

import httpx
import pytest
from desk_client import (
    APIClient,
    APIError,
    File,
    NetworkError,
    Response,
    SyncAPIClient,
)
from desk_client.api.accounts import accounts_me_retrieve
from desk_client.api.health import health_retrieve
from desk_client.api.tickets import tickets_list, tickets_retrieve
from desk_client.models import (
    AttachmentRequest,
    AuthTokenRequest,
    CategoryEnum,
    CommentRequest,
    Health,
    PaginatedTicketList,
    PatchedCommentRequest,
    PatchedProfileRequest,
    PatchedTicketRequest,
    PriorityEnum,
    Ticket,
    TicketCloseRequest,
    TicketRequest,
    TicketsListOrdering,
    TicketStatusEnum,
)

BASE_URL = os.environ.get("DRF_BASE_URL", "")
API_KEY = os.environ.get("DRF_BACKEND_API_KEY", "demo-api-key-0123456789")
T = TypeVar("T")

pytestmark = pytest.mark.skipif(not BASE_URL, reason="DRF_BASE_URL is not set")


class Runner:
    """Runs the same scenario with the async or the sync client.

    `call(method, ...)` awaits coroutines on one event loop for the async client, so every
    step reads the same whichever client is under test.
    """

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.loop = asyncio.new_event_loop()
        self.clients: list[APIClient | SyncAPIClient] = []

    def client(self, **options: Any) -> Any:
        client: APIClient | SyncAPIClient
        if self.mode == "async":
            client = APIClient(BASE_URL, **options)
        else:
            client = SyncAPIClient(BASE_URL, **options)
        self.clients.append(client)
        return client

    def call(self, method: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        result = method(*args, **kwargs)
        if isinstance(result, Awaitable):
            return self.loop.run_until_complete(_awaited(result))
        return result

    def collect(self, items: Iterator[T] | AsyncIterator[T]) -> list[T]:
        if isinstance(items, AsyncIterator):
            return self.loop.run_until_complete(_collect(items))
        return list(items)

    def read_stream(
        self,
        manager: AbstractContextManager[httpx.Response]
        | AbstractAsyncContextManager[httpx.Response],
    ) -> bytes:
        if isinstance(manager, AbstractAsyncContextManager):
            return self.loop.run_until_complete(_read_async(manager))
        with manager as response:
            return b"".join(response.iter_bytes())

    def function(self, module: Any, detailed: bool = False) -> Callable[..., Any]:
        """`module.sync` / `module.asyncio` (or their `_detailed` forms)."""
        name = ("asyncio" if self.mode == "async" else "sync") + (
            "_detailed" if detailed else ""
        )
        function: Callable[..., Any] = getattr(module, name)
        return function

    def expect_error(self, status: int, method: Callable[..., Any], *args: Any, **kwargs: Any) -> APIError:
        with pytest.raises(APIError) as raised:
            self.call(method, *args, **kwargs)
        error = raised.value
        assert error.status == status, f"expected {status}, got {error.status}: {error}"
        return error

    def close(self) -> None:
        for client in self.clients:
            if isinstance(client, APIClient):
                self.loop.run_until_complete(client.aclose())
            else:
                client.close()
        self.loop.close()


async def _awaited(value: Awaitable[T]) -> T:
    return await value


async def _collect(items: AsyncIterator[T]) -> list[T]:
    return [item async for item in items]


async def _read_async(manager: AbstractAsyncContextManager[httpx.Response]) -> bytes:
    async with manager as response:
        return b"".join([chunk async for chunk in response.aiter_bytes()])


@pytest.mark.parametrize("mode", ["async", "sync"])
def test_support_desk(mode: str, tmp_path: Path) -> None:
    run = Runner(mode)
    try:
        scenario(run, tmp_path)
    finally:
        run.close()


def scenario(run: Runner, tmp_path: Path) -> None:
    anonymous = run.client()

    # Public endpoint without credentials; the response is a validated model.
    health = run.call(anonymous.health.retrieve)
    assert health == Health(status="ok", version="1.0.0")
    assert run.call(run.function(health_retrieve), client=anonymous) == health

    # 401 without credentials, with DRF's detail message.
    error = run.expect_error(401, anonymous.tickets.list)
    assert "credentials were not provided" in (error.detail or "").lower()
    assert error.field_errors == {}, "field errors are only for 400"
    assert anonymous.is_authenticated is False

    # Token login: a wrong password is a 400 with field errors.
    error = run.expect_error(
        400, anonymous.auth.token_create, AuthTokenRequest(username="bob", password="wrong")
    )
    assert "Unable to log in" in error.field_errors["non_field_errors"][0]

    # Token login succeeds and set_token authenticates later calls.
    bob = run.client()
    token = run.call(
        bob.auth.token_create, AuthTokenRequest(username="bob", password="bob-password")
    ).token
    assert len(token) == 40 and all(character in "0123456789abcdef" for character in token)
    bob.set_token(token, refresh="not-used")
    assert bob.is_authenticated is True
    assert bob.token == token
    assert bob.refresh_token == "not-used"

    # Accounts: retrieve and partially update the current user.
    me = run.call(bob.accounts.me_retrieve)
    assert me.username == "bob"
    assert me.profile.role == "customer"
    bob_id = me.id
    updated = run.call(
        bob.accounts.me_partial_update, PatchedProfileRequest(display_name="Bob the Builder")
    )
    assert updated.profile.display_name == "Bob the Builder"
    assert updated.id == bob_id
    detailed = run.call(run.function(accounts_me_retrieve, detailed=True), client=bob)
    assert isinstance(detailed, Response)
    assert detailed.status_code == 200
    assert detailed.headers["content-type"].startswith("application/json")
    assert detailed.parsed.username == "bob"

    # Pagination: page / page_size with count, next and previous; list_all walks every page.
    first: PaginatedTicketList = run.call(bob.tickets.list, page_size=2)
    baseline = first.count
    assert baseline >= 3, f"bob sees the three seeded tickets, got {baseline}"
    assert len(first.results) == 2
    assert first.previous is None
    assert first.next is not None and "page=2" in first.next
    second: PaginatedTicketList = run.call(bob.tickets.list, page=2, page_size=2)
    assert second.previous is not None
    ids = {ticket.id for ticket in [*first.results, *second.results]}
    assert len(ids) == min(baseline, 4), "pages do not overlap"
    everything = run.collect(bob.tickets.list_all(page_size=2))
    assert len(everything) == baseline
    assert len({ticket.id for ticket in everything}) == baseline
    assert all(isinstance(ticket, Ticket) for ticket in everything)

    # Enum and array query parameters filter on the server; NullEnum comes back as None.
    open_tickets = run.call(bob.tickets.list, status=TicketStatusEnum.OPEN, tags=["login", "ui"])
    assert sorted(ticket.title for ticket in open_tickets.results) == [
        "Cannot log in to the customer portal",
        "Feature request: dark mode",
    ]
    low = run.call(bob.tickets.list, priority=PriorityEnum.LOW, search="dark mode")
    assert low.count == 1
    assert low.results[0].priority == PriorityEnum.LOW
    assert low.results[0].category is None, "NullEnum: the seeded ticket #3 has no category"
    ordered = run.call(bob.tickets.list, ordering=TicketsListOrdering.MINUS_PRIORITY, page_size=100)
    priorities = [ticket.priority or 0 for ticket in ordered.results]
    assert priorities == sorted(priorities, reverse=True)
    same = run.call(run.function(tickets_list), client=bob, page_size=100, ordering=TicketsListOrdering.MINUS_PRIORITY)
    assert same == ordered, "the standalone function and the sub-client send the same request"

    # Create: 201 with server defaults, a blank category and a decimal.
    ticket: Ticket = run.call(
        bob.tickets.create,
        TicketRequest(
            title="Printer on fire",
            description="Smoke from tray 2",
            category="",
            tags=["scenario", "hardware"],
            estimate_hours=Decimal("1.50"),
        ),
    )
    assert ticket.title == "Printer on fire"
    assert ticket.category == "", 'BlankEnum: an empty category comes back as ""'
    assert ticket.status == TicketStatusEnum.OPEN, "server default"
    assert ticket.priority == PriorityEnum.NORMAL, "server default"
    assert ticket.estimate_hours == Decimal("1.50")
    assert ticket.reporter == bob_id
    assert ticket.closed_at is None
    assert ticket.comment_count == 0
    assert ticket.tags == ["scenario", "hardware"]
    assert isinstance(ticket.uuid, UUID)
    assert isinstance(ticket.created_at, dt.datetime)
    assert run.call(bob.tickets.list, page_size=100).count == baseline + 1

    # Retrieve returns the same ticket, through the sub-client and the standalone function.
    fetched = run.call(bob.tickets.retrieve, ticket.id)
    assert fetched.id == ticket.id
    assert fetched.description == "Smoke from tray 2"
    assert run.call(run.function(tickets_retrieve), ticket.id, client=bob) == fetched

    # Partial update: null and blank choices, enums; PATCH sends only what is given.
    cleared = run.call(bob.tickets.partial_update, ticket.id, PatchedTicketRequest(category=None))
    assert cleared.category is None
    billing = run.call(
        bob.tickets.partial_update,
        ticket.id,
        PatchedTicketRequest(
            category=CategoryEnum.BILLING,
            priority=PriorityEnum.URGENT,
            status=TicketStatusEnum.IN_PROGRESS,
        ),
    )
    assert billing.category == CategoryEnum.BILLING
    assert billing.priority == PriorityEnum.URGENT
    assert billing.status == TicketStatusEnum.IN_PROGRESS
    assert billing.title == "Printer on fire", "untouched fields keep their values"

    # Full update (PUT) replaces the writable fields.
    replaced = run.call(
        bob.tickets.update,
        ticket.id,
        TicketRequest(title="Printer still on fire", tags=["scenario"]),
    )
    assert replaced.title == "Printer still on fire"
    assert replaced.tags == ["scenario"]

    # 400 with DRF field errors for invalid input.
    error = run.expect_error(400, bob.tickets.create, TicketRequest(title="ab", priority=PriorityEnum.URGENT))
    assert list(error.field_errors) == ["title"]
    assert error.field_errors["title"][0]

    # 404 for an unknown id.
    error = run.expect_error(404, bob.tickets.retrieve, 987654321)
    assert error.detail == "No Ticket matches the given query."

    # Nested comments: create, list, partial update, delete (204 returns None).
    comment = run.call(
        bob.comments.tickets_comments_create,
        ticket.id,
        CommentRequest(body="Have you tried turning it off?"),
    )
    assert comment.author.username == "bob"
    assert comment.is_internal is False
    assert comment.ticket == ticket.id
    page = run.call(bob.comments.tickets_comments_list, ticket.id)
    assert page.count == 1
    assert page.results[0].body == "Have you tried turning it off?"
    edited = run.call(
        bob.comments.tickets_comments_partial_update,
        ticket.id,
        comment.id,
        PatchedCommentRequest(body="Edited"),
    )
    assert edited.body == "Edited"
    assert run.call(bob.comments.tickets_comments_destroy, ticket.id, comment.id) is None
    assert run.call(bob.comments.tickets_comments_list, ticket.id).count == 0

    # Multipart uploads from bytes, a path and a file object; binary download and streaming.
    data = bytes((index * 31 + 7) % 256 for index in range(4096))
    attachment = run.call(
        bob.attachments.tickets_attachments_create,
        ticket.id,
        AttachmentRequest(
            file=File(data, filename="smoke-report.bin"), description="photo of the smoke"
        ),
    )
    assert attachment.filename == "smoke-report.bin"
    assert attachment.size == len(data)
    assert attachment.description == "photo of the smoke"
    assert attachment.ticket == ticket.id
    assert attachment.content_type == "application/octet-stream"
    path = tmp_path / "notes.txt"
    path.write_text("notes from a path\n")
    from_path = run.call(
        bob.attachments.tickets_attachments_create, ticket.id, AttachmentRequest(file=path)
    )
    assert from_path.filename == "notes.txt"
    assert from_path.content_type == "text/plain"
    from_file = run.call(
        bob.attachments.tickets_attachments_create,
        ticket.id,
        AttachmentRequest(file=io.BytesIO(b"raw bytes")),
    )
    assert from_file.size == len(b"raw bytes")
    listed = run.call(bob.attachments.tickets_attachments_list, ticket.id)
    assert [item.id for item in listed] == [attachment.id, from_path.id, from_file.id]
    assert run.call(bob.attachments.download_retrieve, attachment.id) == data
    assert run.read_stream(bob.attachments.download_retrieve_stream(attachment.id)) == data
    assert run.call(bob.attachments.download_retrieve, from_path.id) == b"notes from a path\n"

    # Custom action: close sets status and closed_at; closing twice is a 400.
    closed = run.call(bob.tickets.close_create, ticket.id, TicketCloseRequest(resolution="Extinguished"))
    assert closed.status == TicketStatusEnum.CLOSED
    assert closed.resolution == "Extinguished"
    assert isinstance(closed.closed_at, dt.datetime)
    error = run.expect_error(
        400, bob.tickets.close_create, ticket.id, TicketCloseRequest(resolution="Again")
    )
    assert error.field_errors == {"non_field_errors": ["Ticket is already closed."]}

    # API key authentication (X-API-Key) as the agent alice; a wrong key is a 401.
    agent = run.client()
    agent.set_api_key(API_KEY)
    every = run.call(agent.tickets.list, page_size=100)
    assert any(item.id == ticket.id for item in every.results), "the agent sees bob's ticket"
    assert every.count >= baseline + 1
    wrong = run.client(api_key="not-a-key")
    error = run.expect_error(401, wrong.tickets.list)
    assert "invalid api key" in (error.detail or "").lower()

    # with_headers returns a new client; the original is unchanged.
    keyed = anonymous.with_headers({"X-API-Key": API_KEY})
    assert keyed is not anonymous
    assert run.call(keyed.tickets.retrieve, ticket.id).id == ticket.id
    run.expect_error(401, anonymous.tickets.retrieve, ticket.id)

    # Token login as alice: agents see tickets reported by customers.
    alice = run.client()
    alice.set_token(
        run.call(
            anonymous.auth.token_create,
            AuthTokenRequest(username="alice", password="alice-password"),
        ).token
    )
    assert run.call(alice.tickets.retrieve, ticket.id).reporter == bob_id

    # Delete returns None; the ticket is gone (404) and the count is back.
    assert run.call(bob.tickets.destroy, ticket.id) is None
    run.expect_error(404, bob.tickets.retrieve, ticket.id)
    assert run.call(bob.tickets.list, page_size=100).count == baseline

    # clear_token: back to 401.
    bob.clear_token()
    assert bob.is_authenticated is False
    run.expect_error(401, bob.tickets.list)

    # NetworkError when no server answers.
    nowhere = (APIClient if run.mode == "async" else SyncAPIClient)("http://127.0.0.1:9")
    run.clients.append(nowhere)
    with pytest.raises(NetworkError) as raised:
        run.call(nowhere.health.retrieve)
    assert raised.value.timed_out is False
    assert raised.value.method == "GET"
