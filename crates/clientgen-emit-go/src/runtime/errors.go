import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// APIError is the error returned for a response whose status is not 2XX.
type APIError struct {
	// StatusCode is the HTTP status code (404).
	StatusCode int
	// Status is the status line ("404 Not Found").
	Status string
	// Method and URL are those of the request.
	Method string
	URL    string
	// Header holds the response headers.
	Header http.Header
	// Body is the response body as received.
	Body []byte
	// Detail is the "detail" message Django REST Framework sends with most errors other
	// than validation errors (401, 403, 404, …); empty when there is none.
	Detail string
	// FieldErrors are Django REST Framework's validation errors of a 400 response, by
	// field. Nested errors use dotted paths ("items.0.name"); errors not tied to a field
	// are under "non_field_errors". Nil for other statuses.
	FieldErrors map[string][]string
}

func newAPIError(resp *http.Response, method, url string, body []byte) *APIError {
	err := &APIError{
		StatusCode: resp.StatusCode,
		Status:     resp.Status,
		Method:     method,
		URL:        url,
		Header:     resp.Header,
		Body:       body,
	}
	var data any
	if json.Unmarshal(body, &data) != nil {
		return err
	}
	if object, ok := data.(map[string]any); ok {
		if detail, ok := object["detail"].(string); ok {
			err.Detail = detail
		}
	}
	if resp.StatusCode == http.StatusBadRequest {
		err.FieldErrors = map[string][]string{}
		flattenErrors(data, "", err.FieldErrors)
	}
	return err
}

// Error describes the failed request and what the server said.
func (e *APIError) Error() string {
	message := fmt.Sprintf("%s %s failed with %s", e.Method, e.URL, e.Status)
	text := strings.TrimSpace(string(e.Body))
	if text == "" {
		return message
	}
	if len(text) > 300 {
		text = text[:300] + "…"
	}
	return message + ": " + text
}

func flattenErrors(data any, prefix string, out map[string][]string) {
	key := prefix
	if key == "" {
		key = "non_field_errors"
	}
	switch value := data.(type) {
	case []any:
		allStrings := true
		for _, item := range value {
			if _, ok := item.(string); !ok {
				allStrings = false
			}
		}
		if allStrings {
			for _, item := range value {
				out[key] = append(out[key], item.(string))
			}
			return
		}
		for index, item := range value {
			flattenErrors(item, joinPath(prefix, strconv.Itoa(index)), out)
		}
	case map[string]any:
		keys := make([]string, 0, len(value))
		for name := range value {
			keys = append(keys, name)
		}
		sort.Strings(keys)
		for _, name := range keys {
			flattenErrors(value[name], joinPath(prefix, name), out)
		}
	case string:
		out[key] = append(out[key], value)
	}
}

func joinPath(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}
