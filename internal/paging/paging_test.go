package paging

import (
	"errors"
	"net/url"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
)

func TestParse(t *testing.T) {
	tests := []struct {
		query string
		want  Page
		bad   bool
	}{
		{"", Page{Limit: DefaultLimit}, false},
		{"limit=1&offset=0", Page{Limit: 1}, false},
		{"limit=1000&offset=5000", Page{Limit: 1000, Offset: 5000}, false},
		{"limit=0", Page{}, true},
		{"limit=1001", Page{}, true},
		{"limit=-5", Page{}, true},
		{"limit=ten", Page{}, true},
		{"offset=-1", Page{}, true},
		{"offset=1.5", Page{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, _ := url.ParseQuery(tt.query)
			got, err := Parse(q)
			var de *domain.Error
			if tt.bad != (err != nil) || (err != nil && (!errors.As(err, &de) || de.Code != domain.EINVALID)) || got != tt.want {
				t.Errorf("Parse(%q) = %+v, %v; want %+v, bad %v", tt.query, got, err, tt.want, tt.bad)
			}
		})
	}
}

func TestNext(t *testing.T) {
	q := url.Values{"status": {"approved"}, "limit": {"2"}}
	tests := []struct {
		page  Page
		total int
		want  string
	}{
		{Page{Limit: 2}, 5, "/api/v1/submissions?limit=2&offset=2&status=approved"},
		{Page{Limit: 2, Offset: 2}, 5, "/api/v1/submissions?limit=2&offset=4&status=approved"},
		{Page{Limit: 2, Offset: 4}, 5, ""},
		{Page{Limit: 2, Offset: 3}, 5, ""},
		{Page{Limit: 2, Offset: 9}, 5, ""},
	}
	for _, tt := range tests {
		if got := tt.page.Next("/api/v1/submissions", q, tt.total); got != tt.want {
			t.Errorf("%+v of %d: next %q, want %q", tt.page, tt.total, got, tt.want)
		}
	}
	if q.Get("offset") != "" {
		t.Errorf("Next changed the request's query: %v", q)
	}
}

func TestPrevious(t *testing.T) {
	q := url.Values{"status": {"sent"}, "offset": {"150"}}
	tests := []struct {
		page Page
		q    url.Values
		want string
	}{
		{Page{Limit: 100}, q, ""},
		{Page{Limit: 100, Offset: 150}, q, "/admin/outbox?offset=50&status=sent"},
		{Page{Limit: 100, Offset: 100}, q, "/admin/outbox?status=sent"},
		{Page{Limit: 100, Offset: 30}, url.Values{"offset": {"30"}}, "/admin/outbox"},
	}
	for _, tt := range tests {
		if got := tt.page.Previous("/admin/outbox", tt.q); got != tt.want {
			t.Errorf("%+v: previous %q, want %q", tt.page, got, tt.want)
		}
	}
	if q.Get("offset") != "150" {
		t.Errorf("Previous changed the request's query: %v", q)
	}
}

func TestCollect(t *testing.T) {
	c := Collect[int](Page{Limit: 2}, nil, 0, "/api/v1/audit", nil)
	if c.Items == nil || c.Total != 0 || c.Next != "" {
		t.Errorf("empty collection %+v, want [] of 0 without next", c)
	}
	c = Collect(Page{Limit: 2}, []int{1, 2}, 3, "/api/v1/audit", url.Values{"actor": {"a@b"}})
	if c.Next != "/api/v1/audit?actor=a%40b&limit=2&offset=2" || c.Total != 3 {
		t.Errorf("first page %+v", c)
	}
}
