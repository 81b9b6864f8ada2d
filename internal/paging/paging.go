// Package paging reads the limit and offset of a request for a page of a
// list that grows (the API's submissions, its backups) and says where the
// next page is. The list itself is cut where it is held: in SQL for what
// the database holds.
package paging

import (
	"net/url"
	"strconv"

	"github.com/fcmn/infocentre/internal/domain"
)

// DefaultLimit is the size of a page when the request names none;
// MaxLimit the largest a request may ask.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// Page is the part of a list a request asks for: Limit items from the
// Offset-th (0 is the first).
type Page struct {
	Limit  int
	Offset int
}

// Parse reads the query's limit (1 to MaxLimit, DefaultLimit when absent)
// and offset (from 0, 0 when absent). A value out of range or not a whole
// number is a domain.EINVALID error naming the parameter and the value.
func Parse(q url.Values) (Page, error) {
	p := Page{Limit: DefaultLimit}
	if raw := q.Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > MaxLimit {
			return Page{}, domain.Errorf(domain.EINVALID, "error.param_limit", "limit", raw, MaxLimit)
		}
		p.Limit = n
	}
	if raw := q.Get("offset"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 0 {
			return Page{}, domain.Errorf(domain.EINVALID, "error.param_offset", "offset", raw)
		}
		p.Offset = n
	}
	return p, nil
}

// Next is the address of the page after p of a list of total items: path
// with the query q, its limit and offset set; "" when p is the last page.
func (p Page) Next(path string, q url.Values, total int) string {
	if p.Offset+p.Limit >= total {
		return ""
	}
	return at(path, q, func(v url.Values) {
		v.Set("limit", strconv.Itoa(p.Limit))
		v.Set("offset", strconv.Itoa(p.Offset+p.Limit))
	})
}

// Previous is the address of the page before p: path with the query q,
// its offset set (dropped on the first page); "" when p is the first page.
func (p Page) Previous(path string, q url.Values) string {
	if p.Offset == 0 {
		return ""
	}
	return at(path, q, func(v url.Values) {
		v.Del("offset")
		if o := max(p.Offset-p.Limit, 0); o > 0 {
			v.Set("offset", strconv.Itoa(o))
		}
	})
}

// at is path with a copy of the query q changed by set (q stays as it is).
func at(path string, q url.Values, set func(url.Values)) string {
	v := url.Values{}
	for k, vs := range q {
		v[k] = append([]string(nil), vs...)
	}
	set(v)
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// Collection is a page of a list as the API answers it, Belgif's
// collection object: the items, how many the list holds, and the address
// of the next page (absent on the last).
type Collection[T any] struct {
	Items []T    `json:"items"`
	Total int    `json:"total"`
	Next  string `json:"next,omitempty"`
}

// Collect is the collection of items, page p of a list of total items
// found at path with the query q.
func Collect[T any](p Page, items []T, total int, path string, q url.Values) Collection[T] {
	if items == nil {
		items = []T{} // an empty page is [], not null
	}
	return Collection[T]{Items: items, Total: total, Next: p.Next(path, q, total)}
}
