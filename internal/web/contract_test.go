package web

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// contract is the router of the OpenAPI document, built once for every
// test: each API answer a test receives is checked against it.
var contract = sync.OnceValues(func() (routers.Router, error) {
	doc, err := openapi3.NewLoader().LoadFromData(openAPI)
	if err != nil {
		return nil, err
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, err
	}
	return legacy.NewRouter(doc)
})

// checkContract fails tb when the answer rec to an /api/ request does not
// match the OpenAPI document: its status must be documented for the
// operation, and its body match the schema of that status. The request
// itself (its body readable again) must match the document too when the
// server accepted it: what a client may send is what the document says.
// A request the server refused (4xx) may well be off the document: many
// tests send one on purpose.
func checkContract(tb testing.TB, req *http.Request, rec *httptest.ResponseRecorder) {
	tb.Helper()
	if !strings.HasPrefix(req.URL.Path, "/api/") {
		return
	}
	router, err := contract()
	if err != nil {
		tb.Fatalf("openapi.json: %v", err)
	}
	route, params, err := router.FindRoute(req)
	if err != nil {
		// No such operation: the answer is a problem all the same.
		if rec.Header().Get("Content-Type") != "application/problem+json" {
			tb.Errorf("%s %s: %d with Content-Type %q, want a problem", req.Method, req.URL, rec.Code, rec.Header().Get("Content-Type"))
		}
		return
	}
	reqIn := &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route,
		Options: &openapi3filter.Options{MultiError: true, AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}}
	if err := openapi3filter.ValidateRequest(context.Background(), reqIn); err != nil && rec.Code < 400 {
		tb.Errorf("%s %s: the server accepted (%d) a request off openapi.json: %v", req.Method, req.URL, rec.Code, err)
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: reqIn,
		Status:                 rec.Code,
		Header:                 rec.Header(),
		Body:                   io.NopCloser(bytes.NewReader(rec.Body.Bytes())),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		tb.Errorf("%s %s: answer %d does not match openapi.json: %v\n%.500s", req.Method, req.URL, rec.Code, err, rec.Body)
	}
}
