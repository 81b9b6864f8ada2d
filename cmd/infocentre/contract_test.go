package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// contractProxy stands between the CLI and the server at base: it passes
// every exchange on and checks it against the OpenAPI document the server
// serves, as kin-openapi's openapi3filter reads it. A request the server
// accepted must match the document (a refused one may be off it, that is
// why it was refused), and every answer must be one the document gives for
// its operation. It returns the proxy's address and how many exchanges it
// checked so far.
func contractProxy(t *testing.T, base string) (string, func() int64) {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(raw)
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	router, err := legacy.NewRouter(doc)
	if err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	target, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	var checked atomic.Int64
	proxy := httputil.NewSingleHostReverseProxy(target)
	proxy.ModifyResponse = func(res *http.Response) error {
		req := res.Request
		if !strings.HasPrefix(req.URL.Path, "/api/") {
			return nil
		}
		body, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil {
			return err
		}
		res.Body = io.NopCloser(bytes.NewReader(body))
		sent, _ := req.Context().Value(sentBody{}).([]byte)
		// The request as the server saw it: a path, no scheme or host,
		// which the document's relative server matches.
		req = req.Clone(req.Context())
		req.URL = &url.URL{Path: req.URL.Path, RawQuery: req.URL.RawQuery}
		req.Body = io.NopCloser(bytes.NewReader(sent))
		route, params, err := router.FindRoute(req)
		if err != nil {
			t.Errorf("%s %s: no operation of openapi.json: %v", req.Method, req.URL.Path, err)
			return nil
		}
		in := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
			Options: &openapi3filter.Options{MultiError: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
		if err := openapi3filter.ValidateRequest(context.Background(), in); err != nil && res.StatusCode < 400 {
			t.Errorf("%s %s: the CLI sent a request off openapi.json that the server accepted (%d): %v", req.Method, req.URL, res.StatusCode, err)
		}
		out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: res.StatusCode, Header: res.Header,
			Body: io.NopCloser(bytes.NewReader(body)), Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
		if err := openapi3filter.ValidateResponse(context.Background(), out); err != nil {
			t.Errorf("%s %s: answer %d off openapi.json: %v\n%.300s", req.Method, req.URL, res.StatusCode, err, body)
		}
		checked.Add(1)
		return nil
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The request's body, kept for the check once the answer is in.
		sent, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(sent))
		proxy.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), sentBody{}, sent)))
	}))
	t.Cleanup(srv.Close)
	return srv.URL, checked.Load
}

// sentBody is the context key of a request's body in contractProxy.
type sentBody struct{}
