// End-to-end scenario: the Go client generated from the example DRF backend's schema, run
// against the live server. The values of every response are asserted, not just the absence
// of errors. It mirrors tests/typescript/scenario/support-desk.ts.
//
// Run by tests/e2e/languages/go.sh with DRF_BASE_URL set; the client is the `desk` group of
// the example's clientgen.toml (module example.com/supportdesk/desk), copied into
// ../generated/drf-live, generated from the OAS 3.0.3 schema and then from the 3.1.0 one.
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	api "example.com/supportdesk/desk"
)

func ptr[T any](value T) *T {
	return &value
}

var checks int

func step(name string, body func() error) {
	if err := body(); err != nil {
		fmt.Fprintf(os.Stderr, "  FAIL %s: %v\n", name, err)
		os.Exit(1)
	}
	checks++
	fmt.Printf("  ok   %s\n", name)
}

func check(condition bool, format string, arguments ...any) error {
	if condition {
		return nil
	}
	return fmt.Errorf(format, arguments...)
}

func first(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// expectAPIError checks that err is an *APIError with the given status and returns it.
func expectAPIError(err error, status int) (*api.APIError, error) {
	if err == nil {
		return nil, fmt.Errorf("expected an APIError with status %d, but the call succeeded", status)
	}
	var apiError *api.APIError
	if !errors.As(err, &apiError) {
		return nil, fmt.Errorf("expected an *APIError, got %T: %v", err, err)
	}
	if apiError.StatusCode != status {
		return nil, fmt.Errorf("expected status %d, got %d: %v", status, apiError.StatusCode, apiError)
	}
	return apiError, nil
}

func main() {
	baseURL := os.Getenv("DRF_BASE_URL")
	if baseURL == "" {
		fmt.Fprintln(os.Stderr, "DRF_BASE_URL is not set")
		os.Exit(2)
	}
	apiKey := os.Getenv("DRF_BACKEND_API_KEY")
	if apiKey == "" {
		apiKey = "demo-api-key-0123456789"
	}
	ctx := context.Background()
	anonymous := api.NewClient(baseURL)

	step("public endpoint works without credentials", func() error {
		health, err := anonymous.Health.Retrieve(ctx)
		if err != nil {
			return err
		}
		return check(*health == api.Health{Status: "ok", Version: "1.0.0"}, "health = %+v", *health)
	})

	step("401 without credentials, with DRF's detail message", func() error {
		_, err := anonymous.Tickets.List(ctx, nil)
		apiError, err := expectAPIError(err, 401)
		if err != nil {
			return err
		}
		return first(
			check(strings.Contains(strings.ToLower(apiError.Detail), "credentials were not provided"), "detail = %q", apiError.Detail),
			check(len(apiError.FieldErrors) == 0, "field errors are only for 400: %v", apiError.FieldErrors),
		)
	})

	step("token login: wrong password is a 400 with field errors", func() error {
		_, err := anonymous.Auth.TokenCreate(ctx, api.AuthTokenRequest{Username: "bob", Password: "wrong"})
		apiError, err := expectAPIError(err, 400)
		if err != nil {
			return err
		}
		messages := apiError.FieldErrors["non_field_errors"]
		return check(len(messages) > 0 && strings.Contains(messages[0], "Unable to log in"), "field errors = %v", apiError.FieldErrors)
	})

	var bob *api.Client
	var bobToken string
	step("token login succeeds and WithToken authenticates later calls", func() error {
		token, err := anonymous.Auth.TokenCreate(ctx, api.AuthTokenRequest{Username: "bob", Password: "bob-password"})
		if err != nil {
			return err
		}
		bobToken = token.Token
		bob = api.NewClient(baseURL, api.WithToken(bobToken))
		return check(regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(bobToken), "token = %q", bobToken)
	})

	bobID := 0
	step("accounts: retrieve and partially update the current user", func() error {
		me, err := bob.Accounts.MeRetrieve(ctx)
		if err != nil {
			return err
		}
		if err := first(
			check(me.Username == "bob", "username = %q", me.Username),
			check(me.Profile.Role == api.RoleEnumCustomer, "role = %q", me.Profile.Role),
		); err != nil {
			return err
		}
		bobID = me.ID
		updated, err := bob.Accounts.MePartialUpdate(ctx, &api.PatchedProfileRequest{DisplayName: ptr("Bob the Builder")})
		if err != nil {
			return err
		}
		return first(
			check(updated.Profile.DisplayName != nil && *updated.Profile.DisplayName == "Bob the Builder", "display name = %v", updated.Profile.DisplayName),
			check(updated.ID == bobID, "id = %d", updated.ID),
		)
	})

	baseline := 0
	step("list with pagination (page, page_size) follows count/next/previous", func() error {
		page1, err := bob.Tickets.List(ctx, &api.TicketsListParams{PageSize: ptr(2)})
		if err != nil {
			return err
		}
		baseline = page1.Count
		next, hasNext := page1.Next.Get()
		if err := first(
			check(baseline >= 3, "bob sees the three seeded tickets, got %d", baseline),
			check(len(page1.Results) == 2, "results = %d", len(page1.Results)),
			check(page1.Previous.Present && page1.Previous.Null, "previous = %+v", page1.Previous),
			check(hasNext && strings.Contains(next, "page=2"), "next = %+v", page1.Next),
		); err != nil {
			return err
		}
		page2, err := bob.Tickets.List(ctx, &api.TicketsListParams{Page: ptr(2), PageSize: ptr(2)})
		if err != nil {
			return err
		}
		ids := map[int]bool{}
		for _, ticket := range append(page1.Results, page2.Results...) {
			ids[ticket.ID] = true
		}
		_, hasPrevious := page2.Previous.Get()
		return first(
			check(hasPrevious, "page 2 has a previous link"),
			check(len(ids) == min(baseline, 4), "pages do not overlap: %v", ids),
		)
	})

	step("enum and array query parameters filter on the server", func() error {
		open, err := bob.Tickets.List(ctx, &api.TicketsListParams{Status: ptr(api.TicketStatusEnumOpen), Tags: []string{"login", "ui"}})
		if err != nil {
			return err
		}
		var titles []string
		for _, ticket := range open.Results {
			titles = append(titles, ticket.Title)
		}
		sort.Strings(titles)
		want := []string{"Cannot log in to the customer portal", "Feature request: dark mode"}
		if err := check(reflect.DeepEqual(titles, want), "titles = %q", titles); err != nil {
			return err
		}
		low, err := bob.Tickets.List(ctx, &api.TicketsListParams{Priority: ptr(api.PriorityEnumLow), Search: ptr("dark mode")})
		if err != nil {
			return err
		}
		if err := first(
			check(low.Count == 1 && len(low.Results) == 1, "count = %d", low.Count),
			check(low.Results[0].Priority != nil && *low.Results[0].Priority == api.PriorityEnumLow, "priority = %v", low.Results[0].Priority),
			check(low.Results[0].Category.Present && low.Results[0].Category.Null, "NullEnum: ticket #3 has no category: %+v", low.Results[0].Category),
		); err != nil {
			return err
		}
		ordered, err := bob.Tickets.List(ctx, &api.TicketsListParams{Ordering: ptr(api.TicketsListOrderingMinusPriority), PageSize: ptr(100)})
		if err != nil {
			return err
		}
		var priorities []int
		for _, ticket := range ordered.Results {
			priorities = append(priorities, int(*ticket.Priority))
		}
		return check(slices.IsSortedFunc(priorities, func(a, b int) int { return b - a }), "priorities = %v", priorities)
	})

	var ticket *api.Ticket
	step("create: 201 with server-side defaults, blank category and a decimal string", func() error {
		created, err := bob.Tickets.Create(ctx, api.TicketRequest{
			Title:         "Printer on fire",
			Description:   ptr("Smoke from tray 2"),
			Category:      api.Some[api.CategoryEnum](""),
			Tags:          []string{"scenario", "hardware"},
			EstimateHours: api.Some(api.Decimal("1.50")),
		})
		if err != nil {
			return err
		}
		ticket = created
		category, hasCategory := created.Category.Get()
		estimate, _ := created.EstimateHours.Get()
		listed, err := bob.Tickets.List(ctx, &api.TicketsListParams{PageSize: ptr(100)})
		if err != nil {
			return err
		}
		return first(
			check(created.Title == "Printer on fire", "title = %q", created.Title),
			check(hasCategory && category == "", "BlankEnum: an empty category comes back as \"\": %+v", created.Category),
			check(created.Status != nil && *created.Status == api.TicketStatusEnumOpen, "status = %v", created.Status),
			check(created.Priority != nil && *created.Priority == api.PriorityEnumNormal, "priority = %v", created.Priority),
			check(estimate == "1.50", "estimate = %q", estimate),
			check(created.Reporter == bobID, "reporter = %d", created.Reporter),
			check(created.ClosedAt.Present && created.ClosedAt.Null, "closed_at = %+v", created.ClosedAt),
			check(created.CommentCount == 0, "comment_count = %d", created.CommentCount),
			check(reflect.DeepEqual(created.Tags, []string{"scenario", "hardware"}), "tags = %q", created.Tags),
			check(regexp.MustCompile(`^[0-9a-f-]{36}$`).MatchString(created.UUID), "uuid = %q", created.UUID),
			check(time.Since(created.CreatedAt) < time.Hour, "created_at = %v", created.CreatedAt),
			check(listed.Count == baseline+1, "count = %d, baseline %d", listed.Count, baseline),
		)
	})
	if ticket == nil {
		os.Exit(1)
	}
	id := ticket.ID

	step("retrieve returns the same ticket", func() error {
		fetched, err := bob.Tickets.Retrieve(ctx, id)
		if err != nil {
			return err
		}
		return first(
			check(fetched.ID == id, "id = %d", fetched.ID),
			check(fetched.Description != nil && *fetched.Description == "Smoke from tray 2", "description = %v", fetched.Description),
			check(fetched.UUID == ticket.UUID && fetched.CreatedAt.Equal(ticket.CreatedAt), "fetched = %+v", fetched),
		)
	})

	step("partial update: null and blank choices, enums, PATCH sends only what is given", func() error {
		cleared, err := bob.Tickets.PartialUpdate(ctx, id, &api.PatchedTicketRequest{Category: api.Null[api.CategoryEnum]()})
		if err != nil {
			return err
		}
		if err := check(cleared.Category.Null, "category = %+v", cleared.Category); err != nil {
			return err
		}
		billing, err := bob.Tickets.PartialUpdate(ctx, id, &api.PatchedTicketRequest{
			Category: api.Some(api.CategoryEnumBilling),
			Priority: ptr(api.PriorityEnumUrgent),
			Status:   ptr(api.TicketStatusEnumInProgress),
		})
		if err != nil {
			return err
		}
		category, _ := billing.Category.Get()
		return first(
			check(category == "billing", "category = %+v", billing.Category),
			check(*billing.Priority == 4, "priority = %d", *billing.Priority),
			check(*billing.Status == "in_progress", "status = %q", *billing.Status),
			check(billing.Title == "Printer on fire", "untouched fields keep their values: %q", billing.Title),
		)
	})

	step("full update (PUT) replaces the writable fields", func() error {
		replaced, err := bob.Tickets.Update(ctx, id, api.TicketRequest{Title: "Printer still on fire", Tags: []string{"scenario"}})
		if err != nil {
			return err
		}
		return first(
			check(replaced.Title == "Printer still on fire", "title = %q", replaced.Title),
			check(reflect.DeepEqual(replaced.Tags, []string{"scenario"}), "tags = %q", replaced.Tags),
		)
	})

	step("400 with DRF field errors for invalid input", func() error {
		_, err := bob.Tickets.Create(ctx, api.TicketRequest{Title: "ab", Priority: ptr(api.PriorityEnumUrgent)})
		apiError, err := expectAPIError(err, 400)
		if err != nil {
			return err
		}
		var keys []string
		for key := range apiError.FieldErrors {
			keys = append(keys, key)
		}
		return first(
			check(len(apiError.FieldErrors["title"]) > 0, "field errors = %v", apiError.FieldErrors),
			check(reflect.DeepEqual(keys, []string{"title"}), "keys = %v", keys),
		)
	})

	step("404 for an unknown id", func() error {
		_, err := bob.Tickets.Retrieve(ctx, 987654321)
		apiError, err := expectAPIError(err, 404)
		if err != nil {
			return err
		}
		return check(apiError.Detail == "No Ticket matches the given query.", "detail = %q", apiError.Detail)
	})

	step("nested comments: create, list, partial update, delete (204)", func() error {
		comment, err := bob.Comments.TicketsCommentsCreate(ctx, id, api.CommentRequest{Body: "Have you tried turning it off?"})
		if err != nil {
			return err
		}
		if err := first(
			check(comment.Author.Username == "bob", "author = %+v", comment.Author),
			check(comment.IsInternal != nil && !*comment.IsInternal, "is_internal = %v", comment.IsInternal),
			check(comment.Ticket == id, "ticket = %d", comment.Ticket),
		); err != nil {
			return err
		}
		page, err := bob.Comments.TicketsCommentsList(ctx, id, &api.CommentsTicketsCommentsListParams{})
		if err != nil {
			return err
		}
		if err := check(page.Count == 1 && page.Results[0].Body == "Have you tried turning it off?", "page = %+v", page); err != nil {
			return err
		}
		edited, err := bob.Comments.TicketsCommentsPartialUpdate(ctx, id, comment.ID, &api.PatchedCommentRequest{Body: ptr("Edited")})
		if err != nil {
			return err
		}
		if err := check(edited.Body == "Edited", "body = %q", edited.Body); err != nil {
			return err
		}
		if err := bob.Comments.TicketsCommentsDestroy(ctx, id, comment.ID); err != nil {
			return err
		}
		after, err := bob.Comments.TicketsCommentsList(ctx, id, nil)
		if err != nil {
			return err
		}
		return check(after.Count == 0, "count after delete = %d", after.Count)
	})

	step("multipart upload of a file, then binary download of the same bytes", func() error {
		content := make([]byte, 4096)
		for index := range content {
			content[index] = byte((index*31 + 7) % 256)
		}
		attachment, err := bob.Attachments.TicketsAttachmentsCreate(ctx, id, api.AttachmentRequest{
			File:        api.NewFile("smoke-report.bin", content),
			Description: ptr("photo of the smoke"),
		})
		if err != nil {
			return err
		}
		if err := first(
			check(attachment.Filename == "smoke-report.bin", "filename = %q", attachment.Filename),
			check(attachment.Size == len(content), "size = %d", attachment.Size),
			check(attachment.Description != nil && *attachment.Description == "photo of the smoke", "description = %v", attachment.Description),
			check(attachment.Ticket == id, "ticket = %d", attachment.Ticket),
		); err != nil {
			return err
		}
		listed, err := bob.Attachments.TicketsAttachmentsList(ctx, id)
		if err != nil {
			return err
		}
		if err := check(len(listed) == 1 && listed[0].ID == attachment.ID, "listed = %+v", listed); err != nil {
			return err
		}
		downloaded, err := bob.Attachments.DownloadRetrieve(ctx, attachment.ID)
		if err != nil {
			return err
		}
		return check(bytes.Equal(downloaded, content), "downloaded %d bytes that differ", len(downloaded))
	})

	step("custom action: close sets status and closed_at; closing twice is a 400", func() error {
		closed, err := bob.Tickets.CloseCreate(ctx, id, api.TicketCloseRequest{Resolution: "Extinguished"})
		if err != nil {
			return err
		}
		closedAt, hasClosedAt := closed.ClosedAt.Get()
		if err := first(
			check(*closed.Status == api.TicketStatusEnumClosed, "status = %q", *closed.Status),
			check(closed.Resolution == "Extinguished", "resolution = %q", closed.Resolution),
			check(hasClosedAt && time.Since(closedAt) < time.Hour, "closed_at = %+v", closed.ClosedAt),
		); err != nil {
			return err
		}
		_, err = bob.Tickets.CloseCreate(ctx, id, api.TicketCloseRequest{Resolution: "Again"})
		apiError, err := expectAPIError(err, 400)
		if err != nil {
			return err
		}
		return check(reflect.DeepEqual(apiError.FieldErrors["non_field_errors"], []string{"Ticket is already closed."}), "field errors = %v", apiError.FieldErrors)
	})

	step("API key authentication (X-API-Key) as the agent alice, and a wrong key is a 401", func() error {
		agent := api.NewClient(baseURL, api.WithAPIKey(apiKey))
		all, err := agent.Tickets.List(ctx, &api.TicketsListParams{PageSize: ptr(100)})
		if err != nil {
			return err
		}
		found := slices.ContainsFunc(all.Results, func(item api.Ticket) bool { return item.ID == id })
		if err := first(
			check(found, "the agent sees bob's new ticket"),
			check(all.Count >= baseline+1, "count = %d", all.Count),
		); err != nil {
			return err
		}
		wrong := api.NewClient(baseURL, api.WithAPIKey("not-a-key"))
		_, err = wrong.Tickets.List(ctx, nil)
		apiError, err := expectAPIError(err, 401)
		if err != nil {
			return err
		}
		return check(strings.Contains(strings.ToLower(apiError.Detail), "invalid api key"), "detail = %q", apiError.Detail)
	})

	step("token login as the agent alice: agents see tickets reported by customers", func() error {
		token, err := anonymous.Auth.TokenCreate(ctx, api.AuthTokenRequest{Username: "alice", Password: "alice-password"})
		if err != nil {
			return err
		}
		alice := api.NewClient(baseURL)
		alice.SetToken(token.Token)
		fromAlice, err := alice.Tickets.Retrieve(ctx, id)
		if err != nil {
			return err
		}
		return check(fromAlice.Reporter == bobID, "reporter = %d", fromAlice.Reporter)
	})

	step("WithHeader and WithHTTPClient are honoured", func() error {
		recorder := &headerRecorder{}
		client := api.NewClient(baseURL, api.WithToken(bobToken), api.WithHeader("X-Scenario", "go"), api.WithHTTPClient(recorder.client()))
		fetched, err := client.Tickets.Retrieve(ctx, id)
		if err != nil {
			return err
		}
		return first(
			check(fetched.ID == id, "id = %d", fetched.ID),
			check(recorder.header.Get("X-Scenario") == "go", "X-Scenario = %q", recorder.header.Get("X-Scenario")),
			check(recorder.header.Get("Authorization") == "Token "+bobToken, "Authorization = %q", recorder.header.Get("Authorization")),
		)
	})

	step("delete returns no error; the ticket is gone (404)", func() error {
		if err := bob.Tickets.Destroy(ctx, id); err != nil {
			return err
		}
		_, err := bob.Tickets.Retrieve(ctx, id)
		if _, err := expectAPIError(err, 404); err != nil {
			return err
		}
		listed, err := bob.Tickets.List(ctx, &api.TicketsListParams{PageSize: ptr(100)})
		if err != nil {
			return err
		}
		return check(listed.Count == baseline, "count = %d, baseline %d", listed.Count, baseline)
	})

	step("SetToken(\"\"): back to 401", func() error {
		bob.SetToken("")
		_, err := bob.Tickets.List(ctx, nil)
		_, err = expectAPIError(err, 401)
		return err
	})

	step("a cancelled context stops the call with context.Canceled", func() error {
		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		_, err := anonymous.Health.Retrieve(cancelled)
		return check(errors.Is(err, context.Canceled), "err = %v", err)
	})

	step("a network failure is an error that is not an *APIError", func() error {
		nowhere := api.NewClient("http://127.0.0.1:9")
		_, err := nowhere.Health.Retrieve(ctx)
		var apiError *api.APIError
		var urlError *url.Error
		return first(
			check(err != nil && !errors.As(err, &apiError), "err = %v", err),
			check(errors.As(err, &urlError) && urlError.Op == "Get", "err = %#v", err),
		)
	})

	fmt.Printf("support-desk scenario: %d steps passed\n", checks)
}
