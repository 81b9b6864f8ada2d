// Package apiclient is the command line's client of a running server's
// API: `infocentre CMD --server URL --token T` does through it what CMD
// does on a local database. It knows HTTP and JSON, not the rules: those
// stay on the server.
package apiclient

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
)

// maxAnswerBytes bounds an answer read into memory (JSON); downloads are
// copied to their writer as they come.
const maxAnswerBytes = 64 << 20

// Client calls one server with one token, in one language.
type Client struct {
	base  *url.URL
	token string
	lang  string
	http  *http.Client
}

// New is a client of the server at base (http or https URL) acting with
// token; lang is the language of the server's messages.
func New(base, token, lang string) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("apiclient: server %q: want http(s)://HOST[:PORT]", base)
	}
	return &Client{base: u, token: token, lang: lang, http: &http.Client{}}, nil
}

// Error is an answer other than 2xx: its status and the server's message,
// in the client's language.
type Error struct {
	Status  int
	Message string
}

func (e *Error) Error() string { return e.Message }

// JSON sends in (when not nil) as JSON and decodes a 2xx answer into out
// (when not nil).
func (c *Client) JSON(ctx context.Context, method, path string, query url.Values, in, out any) error {
	var body io.Reader
	contentType := ""
	if in != nil {
		raw, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("apiclient: %s %s: %w", method, path, err)
		}
		body, contentType = bytes.NewReader(raw), "application/json"
	}
	_, err := c.do(ctx, method, path, query, body, contentType, out, nil)
	return err
}

// Upload posts a file as the multipart field "file", streamed from data,
// and decodes the answer into out whatever its status: an upload's refusal
// (422) carries its problems. It returns the status.
func (c *Client) Upload(ctx context.Context, path string, query url.Values, name string, data io.Reader, out any) (int, error) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		fw, err := mw.CreateFormFile("file", name)
		if err == nil {
			_, err = io.Copy(fw, data)
		}
		if err == nil {
			err = mw.Close()
		}
		pw.CloseWithError(err)
	}()
	defer pr.Close()
	return c.do(ctx, http.MethodPost, path, query, pr, mw.FormDataContentType(), out, func(status int) bool { return status == http.StatusUnprocessableEntity })
}

// Download copies the body of a 2xx answer to GET path into w and returns
// its length.
func (c *Client) Download(ctx context.Context, path string, query url.Values, w io.Writer) (int64, error) {
	resp, err := c.send(ctx, http.MethodGet, path, query, nil, "")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 {
		return 0, answerError(resp)
	}
	n, err := io.Copy(w, resp.Body)
	if err != nil {
		return n, fmt.Errorf("apiclient: GET %s: %w", path, err)
	}
	return n, nil
}

func (c *Client) do(ctx context.Context, method, path string, query url.Values, body io.Reader, contentType string, out any, decodeAlso func(int) bool) (int, error) {
	resp, err := c.send(ctx, method, path, query, body, contentType)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode/100 != 2 && (decodeAlso == nil || !decodeAlso(resp.StatusCode)) {
		return resp.StatusCode, answerError(resp)
	}
	if out == nil {
		return resp.StatusCode, nil
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxAnswerBytes)).Decode(out); err != nil {
		return resp.StatusCode, fmt.Errorf("apiclient: %s %s: read the answer: %w", method, path, err)
	}
	return resp.StatusCode, nil
}

func (c *Client) send(ctx context.Context, method, path string, query url.Values, body io.Reader, contentType string) (*http.Response, error) {
	u := *c.base
	u.Path = strings.TrimRight(c.base.Path, "/") + path
	u.RawQuery = query.Encode()
	req, err := http.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, fmt.Errorf("apiclient: %s %s: %w", method, path, err)
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Accept-Language", c.lang)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, fmt.Errorf("apiclient: %s %s: %w", method, u.Redacted(), err)
	}
	return resp, nil
}

// answerError reads the server's {"error", "message"} answer.
func answerError(resp *http.Response) error {
	var body struct {
		Error   string `json:"error"`
		Message string `json:"message"`
	}
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if json.Unmarshal(raw, &body) != nil || body.Message == "" {
		body.Message = strings.TrimSpace(resp.Status)
	}
	return &Error{Status: resp.StatusCode, Message: body.Message}
}
