import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Nullable is a value that may also be JSON null, and that remembers whether it was given at
// all. Nullable fields use it; optional fields that are not nullable are pointers instead.
//
// The zero value is "not present": an optional field is left out of the JSON object (the
// struct tag has omitzero) and a required one is sent as null.
type Nullable[T any] struct {
	// Value is the value when Present is true and Null is false.
	Value T
	// Null is true for an explicit JSON null.
	Null bool
	// Present is true when the value or null was given (set by Some and Null, and when
	// decoding a JSON object that has the key).
	Present bool
}

// Some returns a Nullable holding value.
func Some[T any](value T) Nullable[T] {
	return Nullable[T]{Value: value, Present: true}
}

// Null returns a Nullable holding JSON null.
func Null[T any]() Nullable[T] {
	return Nullable[T]{Null: true, Present: true}
}

// Get returns the value and true when there is one (present and not null).
func (n Nullable[T]) Get() (T, bool) {
	return n.Value, n.Present && !n.Null
}

// IsZero reports whether the value was not given; encoding/json's omitzero uses it.
func (n Nullable[T]) IsZero() bool {
	return !n.Present
}

// MarshalJSON writes the value, or null when it is null or not present.
func (n Nullable[T]) MarshalJSON() ([]byte, error) {
	if !n.Present || n.Null {
		return []byte("null"), nil
	}
	return json.Marshal(n.Value)
}

// UnmarshalJSON reads the value or null.
func (n *Nullable[T]) UnmarshalJSON(data []byte) error {
	var zero T
	n.Value = zero
	n.Present = true
	n.Null = string(bytes.TrimSpace(data)) == "null"
	if n.Null {
		return nil
	}
	return json.Unmarshal(data, &n.Value)
}

// NullValue is a value that can only be JSON null (a schema of type "null").
type NullValue struct{}

// MarshalJSON writes null.
func (NullValue) MarshalJSON() ([]byte, error) {
	return []byte("null"), nil
}

// UnmarshalJSON accepts only null.
func (*NullValue) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) != "null" {
		return fmt.Errorf("expected null, got %s", preview(data))
	}
	return nil
}

// Date is a calendar date without a time zone (format "date", "2006-01-02").
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date of t in t's location.
func DateOf(t time.Time) Date {
	year, month, day := t.Date()
	return Date{Year: year, Month: month, Day: day}
}

// ParseDate parses "2006-01-02".
func ParseDate(text string) (Date, error) {
	t, err := time.Parse(time.DateOnly, text)
	if err != nil {
		return Date{}, err
	}
	return DateOf(t), nil
}

// String formats the date as "2006-01-02".
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalJSON writes the date as a JSON string.
func (d Date) MarshalJSON() ([]byte, error) {
	return json.Marshal(d.String())
}

// UnmarshalJSON reads a "2006-01-02" JSON string.
func (d *Date) UnmarshalJSON(data []byte) error {
	var text string
	if err := json.Unmarshal(data, &text); err != nil {
		return err
	}
	parsed, err := ParseDate(text)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// Decimal is an exact decimal number (format "decimal", Django's DecimalField), kept as its
// text so that no precision is lost: "1.50" stays "1.50". It is sent as a JSON string and
// read from a JSON string or number. Convert it with math/big (new(big.Rat).SetString) or a
// decimal library when arithmetic is needed.
type Decimal string

// MarshalJSON writes the decimal as a JSON string.
func (d Decimal) MarshalJSON() ([]byte, error) {
	return json.Marshal(string(d))
}

// UnmarshalJSON reads a JSON string or number.
func (d *Decimal) UnmarshalJSON(data []byte) error {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] != '"' {
		var number json.Number
		if err := json.Unmarshal(trimmed, &number); err != nil {
			return err
		}
		*d = Decimal(number.String())
		return nil
	}
	var text string
	if err := json.Unmarshal(trimmed, &text); err != nil {
		return err
	}
	*d = Decimal(text)
	return nil
}

// File is binary content (format "binary"): a file part of a multipart body. In JSON it is
// written as a string of its bytes.
type File struct {
	// Name is the file name sent with the part ("blob" when empty).
	Name string
	// ContentType is the part's Content-Type ("application/octet-stream" when empty).
	ContentType string
	// Content is read when the request is sent.
	Content io.Reader
}

// NewFile returns a File with the given name and content.
func NewFile(name string, content []byte) File {
	return File{Name: name, Content: bytes.NewReader(content)}
}

// MarshalJSON reads the content and writes it as a JSON string.
func (f File) MarshalJSON() ([]byte, error) {
	if f.Content == nil {
		return []byte(`""`), nil
	}
	content, err := io.ReadAll(f.Content)
	if err != nil {
		return nil, err
	}
	return json.Marshal(string(content))
}

// UnmarshalJSON reads a JSON string as the content.
func (f *File) UnmarshalJSON(data []byte) error {
	var text string
	if err := json.Unmarshal(data, &text); err != nil {
		return err
	}
	f.Content = strings.NewReader(text)
	return nil
}

// preview shortens JSON text for error messages.
func preview(data []byte) string {
	text := string(bytes.TrimSpace(data))
	if len(text) > 80 {
		return text[:80] + "…"
	}
	return text
}

// jsonKind classifies JSON text by its first byte: '{', '[', '"', 'n' (null), 'b' (a
// boolean) or '0' (a number); 0 when it is empty.
func jsonKind(data []byte) byte {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return 0
	}
	switch trimmed[0] {
	case '{', '[', '"', 'n':
		return trimmed[0]
	case 't', 'f':
		return 'b'
	}
	return '0'
}

// hasKeys reports whether data is a JSON object with every one of keys.
func hasKeys(data []byte, keys ...string) bool {
	var object map[string]json.RawMessage
	if err := json.Unmarshal(data, &object); err != nil {
		return false
	}
	for _, key := range keys {
		if _, ok := object[key]; !ok {
			return false
		}
	}
	return true
}

// hasValue reports whether data is a JSON object whose key holds exactly the JSON value want.
func hasValue(data []byte, key string, want string) bool {
	var object map[string]json.RawMessage
	if err := json.Unmarshal(data, &object); err != nil {
		return false
	}
	value, ok := object[key]
	if !ok {
		return false
	}
	var got, expected any
	if json.Unmarshal(value, &got) != nil || json.Unmarshal([]byte(want), &expected) != nil {
		return false
	}
	return fmt.Sprint(got) == fmt.Sprint(expected)
}

// discriminatorValue returns the string held by key in the JSON object data.
func discriminatorValue(data []byte, key string) (string, error) {
	var object map[string]json.RawMessage
	if err := json.Unmarshal(data, &object); err != nil {
		return "", err
	}
	raw, ok := object[key]
	if !ok {
		return "", fmt.Errorf("the discriminator %q is missing", key)
	}
	var value string
	if err := json.Unmarshal(raw, &value); err != nil {
		return "", fmt.Errorf("the discriminator %q is not a string: %w", key, err)
	}
	return value, nil
}

// marshalTagged marshals value and makes sure the JSON object has key set to tag.
func marshalTagged(value any, key string, tag string) ([]byte, error) {
	data, err := json.Marshal(value)
	if err != nil {
		return nil, err
	}
	var object map[string]json.RawMessage
	if err := json.Unmarshal(data, &object); err != nil {
		return data, nil
	}
	if current, ok := object[key]; ok && string(current) != `""` && string(current) != "null" {
		return data, nil
	}
	encoded, err := json.Marshal(tag)
	if err != nil {
		return nil, err
	}
	object[key] = encoded
	return json.Marshal(object)
}

// mergeObjects marshals each part and merges the JSON objects (later keys win).
func mergeObjects(parts ...any) ([]byte, error) {
	merged := map[string]json.RawMessage{}
	for _, part := range parts {
		data, err := json.Marshal(part)
		if err != nil {
			return nil, err
		}
		if string(data) == "null" {
			continue
		}
		var object map[string]json.RawMessage
		if err := json.Unmarshal(data, &object); err != nil {
			return nil, fmt.Errorf("part of an allOf is not an object: %w", err)
		}
		for key, value := range object {
			merged[key] = value
		}
	}
	return json.Marshal(merged)
}

// marshalWithExtra marshals known (a struct without custom methods) and adds the keys of extra.
func marshalWithExtra[V any](known any, extra map[string]V) ([]byte, error) {
	data, err := json.Marshal(known)
	if err != nil || len(extra) == 0 {
		return data, err
	}
	var object map[string]json.RawMessage
	if err := json.Unmarshal(data, &object); err != nil {
		return nil, err
	}
	for key, value := range extra {
		if _, ok := object[key]; ok {
			continue
		}
		encoded, err := json.Marshal(value)
		if err != nil {
			return nil, err
		}
		object[key] = encoded
	}
	return json.Marshal(object)
}

// extraKeys decodes the keys of the JSON object data that are not in known.
func extraKeys[V any](data []byte, known ...string) (map[string]V, error) {
	var object map[string]json.RawMessage
	if err := json.Unmarshal(data, &object); err != nil {
		return nil, err
	}
	for _, key := range known {
		delete(object, key)
	}
	if len(object) == 0 {
		return nil, nil
	}
	extra := make(map[string]V, len(object))
	for key, raw := range object {
		var value V
		if err := json.Unmarshal(raw, &value); err != nil {
			return nil, fmt.Errorf("%q: %w", key, err)
		}
		extra[key] = value
	}
	return extra, nil
}

// sortedKeys returns the keys of m in order, so that requests are built deterministically.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for key := range m {
		keys = append(keys, key)
	}
	sort.Strings(keys)
	return keys
}

// jsonText is the JSON text of value, for objects sent in query strings, headers and form
// fields.
func jsonText(value any) (string, error) {
	data, err := json.Marshal(value)
	if err != nil {
		return "", err
	}
	return string(data), nil
}

// objectEntries returns the top-level entries of value's JSON object as text, sorted by key.
func objectEntries(value any) ([][2]string, error) {
	data, err := json.Marshal(value)
	if err != nil {
		return nil, err
	}
	var object map[string]json.RawMessage
	if err := json.Unmarshal(data, &object); err != nil {
		return nil, errors.New("the value is not a JSON object")
	}
	entries := make([][2]string, 0, len(object))
	for _, key := range sortedKeys(object) {
		raw := object[key]
		var text string
		if err := json.Unmarshal(raw, &text); err != nil {
			text = string(raw)
			if text == "null" {
				text = ""
			}
		}
		entries = append(entries, [2]string{key, text})
	}
	return entries, nil
}

// formatBytes encodes binary data for a query string or form field (base64).
func formatBytes(data []byte) string {
	return base64.StdEncoding.EncodeToString(data)
}

// formatFloat formats a number the shortest way that reads back exactly.
func formatFloat(value float64, bits int) string {
	return strconv.FormatFloat(value, 'f', -1, bits)
}

// decodeKeys decodes the keys of the JSON object data that are present into their targets
// (pointers), for properties whose names cannot be struct tags.
func decodeKeys(data []byte, targets map[string]any) error {
	var object map[string]json.RawMessage
	if err := json.Unmarshal(data, &object); err != nil {
		return err
	}
	for key, target := range targets {
		raw, ok := object[key]
		if !ok {
			continue
		}
		if err := json.Unmarshal(raw, target); err != nil {
			return fmt.Errorf("%q: %w", key, err)
		}
	}
	return nil
}
