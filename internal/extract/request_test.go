package extract

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/fcmn/infocentre/internal/domain"
)

func TestParseQuery(t *testing.T) {
	tests := []struct {
		name  string
		query string
		want  Request
	}{
		{"defaults", "", Request{Layout: "long", Lang: "en"}},
		{"repeated years sorted and distinct", "year=2020&year=2019&year=2020",
			Request{Years: []int{2019, 2020}, Layout: "long", Lang: "en"}},
		{"range", "year=2019-2022", Request{Years: []int{2019, 2020, 2021, 2022}, Layout: "long", Lang: "en"}},
		{"range and single merged", "year=2021-2022&year=2015&year=2022",
			Request{Years: []int{2015, 2021, 2022}, Layout: "long", Lang: "en"}},
		{"one-year range", "year=2020-2020", Request{Years: []int{2020}, Layout: "long", Lang: "en"}},
		{"codes repeated, order kept, duplicates dropped", "organisation=FIN&organisation=JUST&organisation=FIN&indicator=received&indicator=avg_days",
			Request{Organisations: []string{"FIN", "JUST"}, Indicators: []string{"received", "avg_days"}, Layout: "long", Lang: "en"}},
		{"layout and lang any case", "layout=WIDE&lang=Fr", Request{Layout: "wide", Lang: "fr"}},
		{"dutch", "lang=nl", Request{Layout: "long", Lang: "nl"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ParseQuery(q)
			if err != nil {
				t.Fatalf("ParseQuery(%q): %v", tt.query, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseQuery(%q) = %+v, want %+v", tt.query, got, tt.want)
			}
		})
	}
}

func TestParseQueryRefuses(t *testing.T) {
	tests := []struct {
		query   string
		mention string // the message must name what is wrong
	}{
		{"year=abc", `“abc”`},
		{"year=2025-2019", "ends before it starts"},
		{"year=2019-", `“2019-”`},
		{"year=-2019", `“-2019”`},
		{"year=19", "between 2000 and 2100"},
		{"year=2019-99999", "between 2000 and 2100"},
		{"layout=x", `layout “x”`},
		{"lang=de", `lang “de”`},
		{"organisation=FIN%3BDROP", "organisation"},
		{"indicator=", "indicator"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			_, err = ParseQuery(q)
			var de *domain.Error
			if !errors.As(err, &de) || de.Code != domain.EINVALID {
				t.Fatalf("ParseQuery(%q) error = %v, want a domain.EINVALID error", tt.query, err)
			}
			if !strings.Contains(de.Error(), tt.mention) {
				t.Errorf("message %q does not mention %q", de.Error(), tt.mention)
			}
		})
	}
}

// Unknown codes are well-formed, so ParseQuery lets them through; the
// writers refuse them, with a hint, before writing a byte.
func TestWritersRefuseUnknownCodes(t *testing.T) {
	x, _ := newFixture(t)
	tests := []struct {
		name    string
		req     Request
		mention string
	}{
		{"organisation", Request{Organisations: []string{"FINN"}}, `“FINN” (did you mean FIN`},
		{"indicator", Request{Indicators: []string{"recieved"}}, `“recieved” (did you mean received`},
		{"layout", Request{Layout: "tall"}, `layout “tall”`},
		{"lang", Request{Lang: "de"}, `lang “de”`},
	}
	writers := map[string]func(context.Context, *bytes.Buffer, Request) error{
		"xlsx": func(ctx context.Context, b *bytes.Buffer, r Request) error { return x.WriteXLSX(ctx, b, r) },
		"csv":  func(ctx context.Context, b *bytes.Buffer, r Request) error { return x.WriteCSV(ctx, b, r) },
	}
	for _, tt := range tests {
		for format, write := range writers {
			t.Run(tt.name+"/"+format, func(t *testing.T) {
				var buf bytes.Buffer
				err := write(context.Background(), &buf, tt.req)
				var de *domain.Error
				if !errors.As(err, &de) || de.Code != domain.EINVALID {
					t.Fatalf("error = %v, want a domain.EINVALID error", err)
				}
				if !strings.Contains(de.Error(), tt.mention) {
					t.Errorf("message %q does not mention %q", de.Error(), tt.mention)
				}
				if buf.Len() != 0 {
					t.Errorf("%d bytes written before the error", buf.Len())
				}
			})
		}
	}
}

func TestFileName(t *testing.T) {
	x := &Extractor{}
	tests := []struct {
		req  Request
		ext  string
		want string
	}{
		{Request{Years: []int{2019, 2020, 2021, 2022, 2023, 2024}, Indicators: []string{"received"}}, "xlsx", "infocentre_2019-2024_received.xlsx"},
		{Request{}, ".csv", "infocentre_all-years_all.csv"},
		{Request{Years: []int{2023}, Organisations: []string{"FIN"}, Layout: "wide"}, "xlsx", "infocentre_2023_all_FIN_wide.xlsx"},
		{Request{Years: []int{2024, 2019}, Indicators: []string{"received", "closed"}, Organisations: []string{"FIN", "JUST"}}, "csv", "infocentre_2019-2024_received-closed.csv"},
		{Request{Indicators: []string{"a", "b", "c", "d"}}, "xlsx", "infocentre_all-years_4-indicators.xlsx"},
		{Request{Organisations: []string{`../"evil"`}}, "xlsx", "infocentre_all-years_all_evil.xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := x.FileName(tt.req, tt.ext); got != tt.want {
				t.Errorf("FileName(%+v, %q) = %q, want %q", tt.req, tt.ext, got, tt.want)
			}
		})
	}
}
