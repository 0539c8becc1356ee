package main

import "net/http"

// headerRecorder is an http.RoundTripper that remembers the headers of the last request.
type headerRecorder struct {
	header http.Header
}

func (h *headerRecorder) RoundTrip(request *http.Request) (*http.Response, error) {
	h.header = request.Header.Clone()
	return http.DefaultTransport.RoundTrip(request)
}

func (h *headerRecorder) client() *http.Client {
	return &http.Client{Transport: h}
}
