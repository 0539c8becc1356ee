// Compile-only check that the generated SWR hooks are usable from React components
// (type-checked by tests/e2e/run.sh with jsx: react-jsx).

import { useState } from "react";

import { CategoryEnum, TicketStatusEnum, type Ticket } from "../generated/drf-live";
import {
  useAccountsMeRetrieve,
  useTicketsCloseCreate,
  useTicketsCreate,
  useTicketsList,
  useTicketsPartialUpdate,
  useTicketsRetrieve,
} from "../generated/drf-live/_utils/hooks";

export function TicketList({ page }: { page: number }) {
  const { data, error, isLoading } = useTicketsList({ page, status: TicketStatusEnum.Open, tags: ["login"] });
  if (error) {
    return <p role="alert">{error.status === 401 ? "Please sign in" : error.message}</p>;
  }
  if (isLoading || data === undefined) {
    return <p>Loading…</p>;
  }
  return (
    <ul>
      {data.results.map((ticket: Ticket) => (
        <li key={ticket.id}>
          {ticket.title} ({ticket.category === null ? "no category" : ticket.category || "blank"})
        </li>
      ))}
    </ul>
  );
}

export function TicketEditor({ id }: { id: number | null }) {
  // A null id pauses the request until a ticket is chosen.
  const { data: ticket } = useTicketsRetrieve(id);
  const { data: me } = useAccountsMeRetrieve({ revalidateOnFocus: false });
  const { trigger: update, isMutating } = useTicketsPartialUpdate();
  const { trigger: close, error: closeError } = useTicketsCloseCreate();
  const { trigger: create } = useTicketsCreate({ onSuccess: (created) => console.log(created.id) });
  const [title, setTitle] = useState("");
  if (ticket === undefined || id === null) {
    return null;
  }
  const fieldErrors = closeError?.fieldErrors ?? {};
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const saved: Ticket = await update({ id, data: { title, category: CategoryEnum.Billing } });
        console.log(saved.updated_at, me?.username);
      }}
    >
      <input value={title} onChange={(event) => setTitle(event.target.value)} disabled={isMutating} />
      <button type="button" onClick={() => void close({ id, data: { resolution: "Done" } })}>
        Close
      </button>
      <button type="button" onClick={() => void create({ data: { title: "Copy of " + ticket.title } })}>
        Duplicate
      </button>
      {fieldErrors["non_field_errors"]?.map((message) => <p key={message}>{message}</p>)}
    </form>
  );
}
