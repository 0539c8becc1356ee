import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"strings"
)

// Option configures a Client.
type Option func(*Client)

// WithToken sends "Authorization: <prefix> <token>" with every request; the prefix is the one
// the document's security schemes imply unless WithTokenPrefix sets another.
func WithToken(token string) Option {
	return func(c *Client) {
		c.token = token
	}
}

// WithTokenPrefix changes the word before the token in the Authorization header ("Token" for
// DRF's TokenAuthentication, "Bearer" for JWT); an empty prefix sends the token alone.
func WithTokenPrefix(prefix string) Option {
	return func(c *Client) {
		c.tokenPrefix = prefix
	}
}

// WithAPIKey sends key as the API key, where the document's apiKey security scheme says.
func WithAPIKey(key string) Option {
	return func(c *Client) {
		c.apiKey = key
	}
}

// WithHTTPClient sets the *http.Client requests go through (default http.DefaultClient);
// use it for timeouts, proxies and transports.
func WithHTTPClient(client *http.Client) Option {
	return func(c *Client) {
		if client != nil {
			c.httpClient = client
		}
	}
}

// WithHeader adds a header sent with every request.
func WithHeader(name, value string) Option {
	return func(c *Client) {
		c.headers.Add(name, value)
	}
}

// BaseURL returns the server URL requests go to.
func (c *Client) BaseURL() string {
	return c.baseURL
}

// SetToken replaces the token sent in the Authorization header ("" stops sending it).
func (c *Client) SetToken(token string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.token = token
}

// SetAPIKey replaces the API key ("" stops sending it).
func (c *Client) SetAPIKey(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.apiKey = key
}

// request is one HTTP request as the generated methods describe it.
type request struct {
	method      string
	path        string
	query       url.Values
	header      http.Header
	cookies     []string
	body        io.Reader
	contentType string
	accept      string
	err         error
}

func newRequest(method, path string) *request {
	return &request{method: method, path: path, query: url.Values{}, header: http.Header{}}
}

// fail records the first error met while building the request.
func (r *request) fail(err error) {
	if r.err == nil && err != nil {
		r.err = err
	}
}

func (r *request) addCookie(name, value string) {
	r.cookies = append(r.cookies, name+"="+url.QueryEscape(value))
}

func (r *request) setJSON(body any, contentType string) {
	data, err := json.Marshal(body)
	if err != nil {
		r.fail(fmt.Errorf("encoding the request body: %w", err))
		return
	}
	r.body = bytes.NewReader(data)
	r.contentType = contentType
}

func (r *request) setForm(values url.Values) {
	r.body = strings.NewReader(values.Encode())
	r.contentType = "application/x-www-form-urlencoded"
}

func (r *request) setMultipart(form *multipartForm) {
	if err := form.writer.Close(); err != nil {
		form.fail(err)
	}
	r.fail(form.err)
	r.body = &form.buffer
	r.contentType = form.writer.FormDataContentType()
}

// multipartForm builds a multipart/form-data body.
type multipartForm struct {
	buffer bytes.Buffer
	writer *multipart.Writer
	err    error
}

func newMultipartForm() *multipartForm {
	form := &multipartForm{}
	form.writer = multipart.NewWriter(&form.buffer)
	return form
}

func (f *multipartForm) fail(err error) {
	if f.err == nil && err != nil {
		f.err = err
	}
}

func (f *multipartForm) field(name, value string) {
	f.fail(f.writer.WriteField(name, value))
}

func (f *multipartForm) jsonField(name string, value any) {
	text, err := jsonText(value)
	f.fail(err)
	f.field(name, text)
}

func (f *multipartForm) file(name string, file File) {
	fileName := file.Name
	if fileName == "" {
		fileName = "blob"
	}
	contentType := file.ContentType
	if contentType == "" {
		contentType = "application/octet-stream"
	}
	header := make(textproto.MIMEHeader)
	header.Set("Content-Disposition", fmt.Sprintf(`form-data; name="%s"; filename="%s"`, escapeQuotes(name), escapeQuotes(fileName)))
	header.Set("Content-Type", contentType)
	part, err := f.writer.CreatePart(header)
	if err != nil {
		f.fail(err)
		return
	}
	if file.Content != nil {
		_, err = io.Copy(part, file.Content)
		f.fail(err)
	}
}

var quoteEscaper = strings.NewReplacer("\\", "\\\\", `"`, "\\\"")

func escapeQuotes(text string) string {
	return quoteEscaper.Replace(text)
}

// send performs the request and returns the body of a 2XX response; any other status is an
// *APIError, and a failure to get a response is returned wrapped.
func (c *Client) send(ctx context.Context, r *request) ([]byte, error) {
	if r.err != nil {
		return nil, fmt.Errorf("%s %s: %w", r.method, r.path, r.err)
	}
	c.mu.RLock()
	token, apiKey := c.token, c.apiKey
	c.mu.RUnlock()
	if apiKey != "" && c.apiKeyIn == "query" {
		r.query.Set(c.apiKeyName, apiKey)
	}
	target := c.baseURL + r.path
	if len(r.query) > 0 {
		target += "?" + r.query.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, r.method, target, r.body)
	if err != nil {
		return nil, err
	}
	for name, values := range c.headers {
		req.Header[name] = append([]string(nil), values...)
	}
	for name, values := range r.header {
		req.Header[name] = values
	}
	if token != "" {
		if c.tokenPrefix == "" {
			req.Header.Set("Authorization", token)
		} else {
			req.Header.Set("Authorization", c.tokenPrefix+" "+token)
		}
	}
	cookies := r.cookies
	if apiKey != "" {
		switch c.apiKeyIn {
		case "header":
			req.Header.Set(c.apiKeyName, apiKey)
		case "cookie":
			cookies = append(cookies, c.apiKeyName+"="+url.QueryEscape(apiKey))
		}
	}
	if len(cookies) > 0 {
		req.Header.Set("Cookie", strings.Join(cookies, "; "))
	}
	if r.contentType != "" {
		req.Header.Set("Content-Type", r.contentType)
	}
	if r.accept != "" && req.Header.Get("Accept") == "" {
		req.Header.Set("Accept", r.accept)
	}
	resp, err := c.httpClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("%s %s: reading the response: %w", r.method, target, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, newAPIError(resp, r.method, target, body)
	}
	return body, nil
}

// sendJSON performs the request and decodes a JSON response into out; it reports false when
// the response has no body.
func (c *Client) sendJSON(ctx context.Context, r *request, out any) (bool, error) {
	body, err := c.send(ctx, r)
	if err != nil {
		return false, err
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return false, nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		return true, fmt.Errorf("%s %s: decoding the response: %w", r.method, r.path, err)
	}
	return true, nil
}

// sendEmpty performs a request whose response has no body worth reading.
func (c *Client) sendEmpty(ctx context.Context, r *request) error {
	_, err := c.send(ctx, r)
	return err
}

// jsonText is the JSON text of value for a query string or header; a failure is recorded.
func (r *request) jsonText(value any) string {
	text, err := jsonText(value)
	r.fail(err)
	return text
}

// jsonText is the JSON text of value for a form field; a failure is recorded.
func (f *multipartForm) jsonText(value any) string {
	text, err := jsonText(value)
	f.fail(err)
	return text
}

// nullableText formats a nullable value with format; null and absent values are "".
func nullableText[T any](value Nullable[T], format func(T) string) string {
	if inner, ok := value.Get(); ok {
		return format(inner)
	}
	return ""
}

// pathList formats the items of an array path parameter, comma-separated.
func pathList[T any](items []T, format func(T) string) string {
	return joinList(items, ",", format)
}

// joinList formats items and joins them with separator.
func joinList[T any](items []T, separator string, format func(T) string) string {
	texts := make([]string, 0, len(items))
	for _, item := range items {
		texts = append(texts, format(item))
	}
	return strings.Join(texts, separator)
}

// mapEntries formats the entries of a map, sorted by key.
func mapEntries[V any](m map[string]V, format func(V) string) [][2]string {
	entries := make([][2]string, 0, len(m))
	for _, key := range sortedKeys(m) {
		entries = append(entries, [2]string{key, format(m[key])})
	}
	return entries
}

// objectEntries returns the entries of an object's JSON form, sorted by key; a failure is
// recorded.
func (r *request) objectEntries(value any) [][2]string {
	entries, err := objectEntries(value)
	r.fail(err)
	return entries
}

// joinEntries joins entries as "k,v,k,v" (separator ",") or "k=v,k=v" (separator "=").
func joinEntries(entries [][2]string, separator string) string {
	texts := make([]string, 0, 2*len(entries))
	for _, entry := range entries {
		if separator == "=" {
			texts = append(texts, entry[0]+"="+entry[1])
		} else {
			texts = append(texts, entry[0], entry[1])
		}
	}
	return strings.Join(texts, ",")
}
