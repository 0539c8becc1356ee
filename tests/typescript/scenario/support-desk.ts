// End-to-end scenario: the TypeScript client generated from the example DRF backend's schema,
// run against the live server. Every response is validated with the generated zod schemas
// (the fetchers do it themselves; sub-client results are parsed explicitly) and the values are
// asserted, not just the absence of exceptions.
//
// Run by tests/e2e/run.sh with DRF_BASE_URL set; the client is generated into
// ../generated/drf-live from the OAS 3.0.3 schema and then from the 3.1.0 one.

import assert from "node:assert/strict";

import {
  API,
  APIError,
  CategoryEnum,
  NetworkError,
  PriorityEnum,
  TicketStatusEnum,
  AttachmentSchema,
  HealthSchema,
  PaginatedTicketListSchema,
  TicketSchema,
  accountsMePartialUpdate,
  accountsMeRetrieve,
  attachmentsDownloadRetrieve,
  authTokenCreate,
  configureAPI,
  getAPI,
  healthRetrieve,
  ticketsAttachmentsCreate,
  ticketsAttachmentsList,
  ticketsCloseCreate,
  ticketsCommentsCreate,
  ticketsCommentsDestroy,
  ticketsCommentsList,
  ticketsCommentsPartialUpdate,
  ticketsCreate,
  ticketsDestroy,
  ticketsList,
  ticketsPartialUpdate,
  ticketsRetrieve,
  ticketsUpdate,
  type Ticket,
} from "../generated/drf-live";

const baseUrl = process.env["DRF_BASE_URL"];
const apiKey = process.env["DRF_BACKEND_API_KEY"] ?? "demo-api-key-0123456789";
if (baseUrl === undefined) {
  throw new Error("DRF_BASE_URL is not set");
}

let checks = 0;
async function step(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
    checks += 1;
    console.log(`  ok   ${name}`);
  } catch (error) {
    console.error(`  FAIL ${name}`);
    throw error;
  }
}

/** Runs `body`, expecting it to reject with an APIError of `status`; returns the error. */
async function expectAPIError(status: number, body: () => Promise<unknown>): Promise<APIError> {
  try {
    await body();
  } catch (error) {
    assert.ok(error instanceof APIError, `expected an APIError, got ${String(error)}`);
    assert.equal(error.status, status, `expected status ${status}, got ${error.status}: ${error.message}`);
    return error;
  }
  assert.fail(`expected an APIError with status ${status}, but the call succeeded`);
}

const anonymous = new API(baseUrl);

await step("public endpoint works without credentials; response matches HealthSchema", async () => {
  const health = HealthSchema.parse(await anonymous.health.retrieve());
  assert.deepEqual(health, { status: "ok", version: "1.0.0" });
  // The standalone fetcher validates by itself.
  assert.deepEqual(await healthRetrieve(anonymous), health);
});

await step("401 without credentials, with DRF's detail message", async () => {
  const error = await expectAPIError(401, () => anonymous.tickets.list());
  assert.match(error.detail ?? "", /credentials were not provided/i);
  assert.deepEqual(error.fieldErrors, {}, "fieldErrors are only for 400");
  assert.equal(anonymous.isAuthenticated(), false);
});

await step("token login: wrong password is a 400 with field errors", async () => {
  const error = await expectAPIError(400, () => authTokenCreate({ username: "bob", password: "wrong" }, anonymous));
  assert.ok(error.fieldErrors["non_field_errors"]?.[0]?.includes("Unable to log in"), JSON.stringify(error.fieldErrors));
});

const bob = new API(baseUrl);
await step("token login succeeds and setToken authenticates later calls", async () => {
  const { token } = await authTokenCreate({ username: "bob", password: "bob-password" }, bob);
  assert.match(token, /^[0-9a-f]{40}$/);
  bob.setToken(token);
  assert.equal(bob.isAuthenticated(), true);
  assert.equal(bob.getToken(), token);
});

let bobId = 0;
await step("accounts: retrieve and partially update the current user", async () => {
  const me = await accountsMeRetrieve(bob);
  assert.equal(me.username, "bob");
  assert.equal(me.profile.role, "customer");
  bobId = me.id;
  const updated = await accountsMePartialUpdate({ display_name: "Bob the Builder" }, bob);
  assert.equal(updated.profile.display_name, "Bob the Builder");
  assert.equal(updated.id, bobId);
});

let baseline = 0;
await step("list with pagination (page, page_size) follows count/next/previous", async () => {
  const first = await ticketsList({ page_size: 2 }, bob);
  baseline = first.count;
  assert.ok(baseline >= 3, `bob sees the three seeded tickets, got ${baseline}`);
  assert.equal(first.results.length, 2);
  assert.equal(first.previous, null);
  assert.ok(first.next !== null && first.next !== undefined && first.next.includes("page=2"), String(first.next));
  const second = await ticketsList({ page: 2, page_size: 2 }, bob);
  assert.ok(second.previous !== null && second.previous !== undefined);
  const ids = new Set([...first.results, ...second.results].map((ticket) => ticket.id));
  assert.equal(ids.size, Math.min(baseline, 4), "pages do not overlap");
});

await step("listAll walks every page by following the next links", async () => {
  const titles: string[] = [];
  for await (const item of bob.tickets.listAll({ page_size: 1, ordering: "created_at" })) {
    TicketSchema.parse(item);
    titles.push(item.title);
  }
  assert.equal(titles.length, baseline, "one page per ticket, all of them");
  assert.equal(new Set(titles).size, titles.length);
  assert.ok(titles.includes("Feature request: dark mode"));
});

await step("enum and array query parameters filter on the server", async () => {
  const open = await ticketsList({ status: TicketStatusEnum.Open, tags: ["login", "ui"] }, bob);
  const titles = open.results.map((ticket) => ticket.title).sort();
  assert.deepEqual(titles, ["Cannot log in to the customer portal", "Feature request: dark mode"]);
  const low = await ticketsList({ priority: PriorityEnum.Low, search: "dark mode" }, bob);
  assert.equal(low.count, 1);
  assert.equal(low.results[0]?.priority, 1);
  assert.equal(low.results[0]?.category, null, "NullEnum: the seeded ticket #3 has no category");
  const ordered = await ticketsList({ ordering: "-priority", page_size: 100 }, bob);
  const priorities = ordered.results.map((item) => item.priority ?? 0);
  assert.deepEqual(priorities, [...priorities].sort((left, right) => right - left));
});

let ticket: Ticket | undefined;
await step("create: 201 with server-side defaults, blank category and a decimal string", async () => {
  ticket = await ticketsCreate(
    {
      title: "Printer on fire",
      description: "Smoke from tray 2",
      category: "",
      tags: ["scenario", "hardware"],
      estimate_hours: "1.50",
    },
    bob,
  );
  assert.equal(ticket.title, "Printer on fire");
  assert.equal(ticket.category, "", "BlankEnum: an empty category comes back as \"\"");
  assert.equal(ticket.status, "open", "server default");
  assert.equal(ticket.priority, 2, "server default: PriorityEnum.Normal");
  assert.equal(ticket.estimate_hours, "1.50");
  assert.equal(ticket.reporter, bobId);
  assert.equal(ticket.closed_at, null);
  assert.equal(ticket.comment_count, 0);
  assert.deepEqual(ticket.tags, ["scenario", "hardware"]);
  assert.match(ticket.uuid, /^[0-9a-f-]{36}$/);
  const listed = await ticketsList({ page_size: 100 }, bob);
  assert.equal(listed.count, baseline + 1);
});

function created(): Ticket {
  assert.ok(ticket !== undefined, "the create step ran");
  return ticket;
}

await step("retrieve returns the same ticket; TicketSchema accepts it", async () => {
  const fetched = await ticketsRetrieve(created().id, bob);
  assert.equal(fetched.id, created().id);
  assert.equal(fetched.description, "Smoke from tray 2");
  assert.deepEqual(TicketSchema.parse(await bob.tickets.retrieve(created().id)), fetched);
});

await step("partial update: null and blank choices, enums, PATCH sends only what is given", async () => {
  const cleared = await ticketsPartialUpdate(created().id, { category: null }, bob);
  assert.equal(cleared.category, null);
  const billing = await ticketsPartialUpdate(
    created().id,
    { category: CategoryEnum.Billing, priority: PriorityEnum.Urgent, status: TicketStatusEnum.InProgress },
    bob,
  );
  assert.equal(billing.category, "billing");
  assert.equal(billing.priority, 4);
  assert.equal(billing.status, "in_progress");
  assert.equal(billing.title, "Printer on fire", "untouched fields keep their values");
});

await step("full update (PUT) replaces the writable fields", async () => {
  const replaced = await ticketsUpdate(created().id, { title: "Printer still on fire", tags: ["scenario"] }, bob);
  assert.equal(replaced.title, "Printer still on fire");
  assert.deepEqual(replaced.tags, ["scenario"]);
});

await step("400 with DRF field errors for invalid input", async () => {
  const error = await expectAPIError(400, () => ticketsCreate({ title: "ab", priority: 4 }, bob));
  assert.ok(error.fieldErrors["title"]?.[0] !== undefined, JSON.stringify(error.fieldErrors));
  assert.deepEqual(Object.keys(error.fieldErrors), ["title"]);
});

await step("404 for an unknown id", async () => {
  const error = await expectAPIError(404, () => ticketsRetrieve(987654321, bob));
  assert.equal(error.detail, "No Ticket matches the given query.");
});

await step("nested comments: create, list, partial update, delete (204 → void)", async () => {
  const comment = await ticketsCommentsCreate(created().id, { body: "Have you tried turning it off?" }, bob);
  assert.equal(comment.author.username, "bob");
  assert.equal(comment.is_internal, false);
  assert.equal(comment.ticket, created().id);
  const page = await ticketsCommentsList(created().id, {}, bob);
  assert.equal(page.count, 1);
  assert.equal(page.results[0]?.body, "Have you tried turning it off?");
  const edited = await ticketsCommentsPartialUpdate(created().id, comment.id, { body: "Edited" }, bob);
  assert.equal(edited.body, "Edited");
  const removed = await ticketsCommentsDestroy(created().id, comment.id, bob);
  assert.equal(removed, undefined);
  assert.equal((await ticketsCommentsList(created().id, undefined, bob)).count, 0);
});

await step("multipart upload of a file, then binary download of the same bytes", async () => {
  const bytes = new Uint8Array(4096);
  for (let index = 0; index < bytes.length; index += 1) {
    bytes[index] = (index * 31 + 7) % 256;
  }
  const file = new File([bytes], "smoke-report.bin", { type: "application/octet-stream" });
  const attachment = await ticketsAttachmentsCreate(created().id, { file, description: "photo of the smoke" }, bob);
  assert.equal(attachment.filename, "smoke-report.bin");
  assert.equal(attachment.size, bytes.length);
  assert.equal(attachment.description, "photo of the smoke");
  assert.equal(attachment.ticket, created().id);
  const listed = await ticketsAttachmentsList(created().id, bob);
  assert.deepEqual(listed.map((item) => item.id), [attachment.id]);
  AttachmentSchema.parse(listed[0]);
  const blob = await attachmentsDownloadRetrieve(attachment.id, bob);
  assert.ok(blob instanceof Blob);
  assert.deepEqual(new Uint8Array(await blob.arrayBuffer()), bytes);
});

await step("custom action: close sets status and closed_at; closing twice is a 400", async () => {
  const closed = await ticketsCloseCreate(created().id, { resolution: "Extinguished" }, bob);
  assert.equal(closed.status, "closed");
  assert.equal(closed.resolution, "Extinguished");
  assert.ok(closed.closed_at !== null && !Number.isNaN(Date.parse(closed.closed_at)));
  const error = await expectAPIError(400, () => ticketsCloseCreate(created().id, { resolution: "Again" }, bob));
  assert.deepEqual(error.fieldErrors["non_field_errors"], ["Ticket is already closed."]);
});

await step("API key authentication (X-API-Key) as the agent alice, and a wrong key is a 401", async () => {
  const agent = new API(baseUrl);
  agent.setApiKey(apiKey);
  const all = PaginatedTicketListSchema.parse(await agent.tickets.list({ page_size: 100 }));
  assert.ok(all.results.some((item) => item.id === created().id), "the agent sees bob's new ticket");
  assert.ok(all.count >= baseline + 1);
  const wrong = new API(baseUrl, { apiKey: "not-a-key" });
  const error = await expectAPIError(401, () => wrong.tickets.list());
  assert.match(error.detail ?? "", /invalid api key/i);
});

await step("token login as the agent alice: agents see tickets reported by customers", async () => {
  const alice = new API(baseUrl);
  alice.setToken((await authTokenCreate({ username: "alice", password: "alice-password" }, anonymous)).token);
  const fromAlice = await ticketsRetrieve(created().id, alice);
  assert.equal(fromAlice.reporter, bobId, "agents see every ticket");
});

await step("configureAPI/getAPI: fetchers use the configured default instance", async () => {
  const configured = configureAPI(baseUrl, { token: bob.getToken() ?? "" });
  assert.equal(getAPI(), configured);
  const fetched = await ticketsRetrieve(created().id);
  assert.equal(fetched.id, created().id);
});

await step("delete returns void; the ticket is gone (404)", async () => {
  assert.equal(await ticketsDestroy(created().id, bob), undefined);
  await expectAPIError(404, () => ticketsRetrieve(created().id, bob));
  assert.equal((await ticketsList({ page_size: 100 }, bob)).count, baseline);
});

await step("clearToken: back to 401", async () => {
  bob.clearToken();
  assert.equal(bob.isAuthenticated(), false);
  await expectAPIError(401, () => bob.tickets.list());
});

await step("NetworkError when no server answers", async () => {
  const nowhere = new API("http://127.0.0.1:9");
  await assert.rejects(nowhere.health.retrieve(), (error: unknown) => {
    assert.ok(error instanceof NetworkError, String(error));
    assert.equal(error.timedOut, false);
    assert.equal(error.method, "GET");
    return true;
  });
});

console.log(`support-desk scenario: ${checks} steps passed`);
