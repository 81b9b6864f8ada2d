package mail

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/locale"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// composed is a message ready for the outbox.
type composed struct {
	lang, subject, text, html string
}

// content is what every message is made of: paragraphs, an optional
// quoted text and list, and the link to the page to act on.
type content struct {
	Lang       string
	Subject    string
	Greeting   string
	Paragraphs []string
	QuoteTitle string
	Quote      string
	ListTitle  string
	List       []string
	After      string
	WaysTitle  string
	Ways       []mailLink // other pages to act on, before the main link
	LinkLabel  string
	LinkURL    string
	Closing    []string
}

// mailLink is a labelled address in a message.
type mailLink struct {
	Label, URL string
}

var htmlMessage = template.Must(template.New("mail").Parse(`<!DOCTYPE html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Subject}}</title></head>
<body style="font-family: sans-serif; line-height: 1.4">
<p>{{.Greeting}}</p>
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}{{if .Quote}}{{if .QuoteTitle}}<p>{{.QuoteTitle}}</p>{{end}}
<blockquote style="border-left: 3px solid #888; margin-left: 0; padding-left: 1em; white-space: pre-wrap">{{.Quote}}</blockquote>
{{end}}{{if .List}}<p>{{.ListTitle}}</p>
<ul>{{range .List}}<li>{{.}}</li>{{end}}</ul>
{{end}}{{if .After}}<p>{{.After}}</p>
{{end}}{{if .Ways}}<p>{{.WaysTitle}}</p>
<ul>{{range .Ways}}<li><a href="{{.URL}}">{{.Label}}</a></li>{{end}}</ul>
{{end}}<p><a href="{{.LinkURL}}">{{.LinkLabel}}</a></p>
<p>{{range $i, $l := .Closing}}{{if $i}}<br>{{end}}{{$l}}{{end}}</p>
</body></html>
`))

func (c content) render() composed {
	var t strings.Builder
	t.WriteString(c.Greeting + "\n\n")
	for _, p := range c.Paragraphs {
		t.WriteString(p + "\n\n")
	}
	if c.Quote != "" {
		if c.QuoteTitle != "" {
			t.WriteString(c.QuoteTitle + "\n\n")
		}
		for _, line := range strings.Split(c.Quote, "\n") {
			t.WriteString("> " + line + "\n")
		}
		t.WriteString("\n")
	}
	if len(c.List) > 0 {
		t.WriteString(c.ListTitle + "\n")
		for _, item := range c.List {
			t.WriteString("- " + item + "\n")
		}
		t.WriteString("\n")
	}
	if c.After != "" {
		t.WriteString(c.After + "\n\n")
	}
	if len(c.Ways) > 0 {
		t.WriteString(c.WaysTitle + "\n")
		for _, w := range c.Ways {
			t.WriteString("- " + w.Label + ": " + w.URL + "\n")
		}
		t.WriteString("\n")
	}
	t.WriteString(c.LinkLabel + ": " + c.LinkURL + "\n\n")
	t.WriteString(strings.Join(c.Closing, "\n") + "\n")
	var h bytes.Buffer
	if err := htmlMessage.Execute(&h, c); err != nil {
		// The template is fixed and its data plain strings: this cannot fail.
		panic(fmt.Sprintf("mail: render: %v", err))
	}
	return composed{lang: c.Lang, subject: c.Subject, text: t.String(), html: h.String()}
}

// printer writes the texts of internal/locale in one language.
type printer struct {
	*locale.Printer
	lang string
}

func newPrinter(lang string) printer {
	p := locale.NewPrinter(lang)
	return printer{Printer: p, lang: p.Lang()}
}

// Date writes 31 maart 2025, 31 mars 2025, 31 March 2025.
func (p printer) Date(t time.Time) string {
	return fmt.Sprintf("%d %s %d", t.Day(), p.T(fmt.Sprintf("mail.month.%02d", int(t.Month()))), t.Year())
}

func (m *Mailer) start(p printer, subject string) content {
	return content{Lang: p.lang, Subject: subject, Greeting: p.T("mail.greeting"), Closing: strings.Split(p.T("mail.closing"), "\n")}
}

func (m *Mailer) orgName(code, lang string) string {
	if o, ok := m.st.Reference().Organisation(code); ok {
		return o.Name.In(lang)
	}
	return code
}

// orgOfName names an administration as "of the administration" in lang
// (reference.Organisation.OfName): "du SPF Finances".
func (m *Mailer) orgOfName(code, lang string) string {
	o, ok := m.st.Reference().Organisation(code)
	if !ok {
		o = reference.Organisation{Code: code, Name: reference.Labels{NL: code, FR: code, EN: code}}
	}
	return o.OfName(lang)
}

// valueName names a value of an indicator in lang: the indicator's label,
// and the breakdown value's label after a slash; codes for what the
// catalogue does not know.
func (m *Mailer) valueName(indicator, breakdown, lang string) string {
	ref := m.st.Reference()
	name := indicator
	in, ok := ref.Indicator(indicator)
	if ok {
		name = in.Label.In(lang)
	}
	if breakdown != "" {
		label := breakdown
		if ok && in.Breakdown != "" {
			label = ref.BreakdownLabel(in.Breakdown, breakdown, lang)
		}
		name += " / " + label
	}
	return name
}

func (m *Mailer) link(path string) string { return m.baseURL + path }

func (m *Mailer) roundOpen(r domain.Round, rc store.Recipient) composed {
	p := newPrinter(rc.Language)
	deadline := p.Date(r.Deadline)
	c := m.start(p, p.T("mail.round_open.subject", r.Year, deadline))
	c.Paragraphs = []string{p.T("mail.round_open.body", r.Year, m.orgOfName(rc.Organisation, p.lang), deadline)}
	// The coordinator writes in Dutch and French; an English reader gets both.
	var msgs []string
	switch p.lang {
	case "nl":
		msgs = []string{r.MessageNL}
	case "fr":
		msgs = []string{r.MessageFR}
	default:
		msgs = []string{r.MessageNL, r.MessageFR}
	}
	c.Quote = strings.TrimSpace(strings.Join(msgs, "\n\n"))
	c.QuoteTitle = p.T("mail.round_open.message")
	m.ways(&c, p, r.Year)
	c.LinkLabel, c.LinkURL = p.T("mail.round_open.link"), m.link("/submissions/new")
	return c.render()
}

func (m *Mailer) reminder(r domain.Round, rc store.Recipient, kind string) composed {
	p := newPrinter(rc.Language)
	deadline := p.Date(r.Deadline)
	org := m.orgOfName(rc.Organisation, p.lang)
	var c content
	if kind == KindOverdue {
		c = m.start(p, p.T("mail.overdue.subject", r.Year))
		c.Paragraphs = []string{p.T("mail.overdue.body", org, r.Year, deadline)}
	} else {
		c = m.start(p, p.T("mail.reminder.subject", r.Year, deadline))
		c.Paragraphs = []string{p.T("mail.reminder.body", org, r.Year, deadline)}
	}
	m.ways(&c, p, r.Year)
	c.LinkLabel, c.LinkURL = p.T("mail.submit.link"), m.link("/submissions/new")
	return c.render()
}

// ways adds, to a message asking for a year's figures, the two ways in for
// an administration without an export tool: the online form and the
// year's template in the reader's language (issue 28).
func (m *Mailer) ways(c *content, p printer, year int) {
	c.WaysTitle = p.T("mail.ways.title")
	c.Ways = []mailLink{
		{p.T("mail.ways.form"), m.link(fmt.Sprintf("/submissions/form?year=%d", year))},
		{p.T("mail.ways.template"), m.link(fmt.Sprintf("/submissions/template.xlsx?year=%d&lang=%s", year, p.lang))},
	}
}

func (m *Mailer) digest(r domain.Round, rc store.Recipient, entries []domain.RoundEntry, now time.Time) composed {
	p := newPrinter(rc.Language)
	var onTime, late, missing, waiting int
	var names []string
	for _, e := range entries {
		e = r.Timeliness(e, now)
		switch e.Punctuality() {
		case domain.PunctualOnTime:
			onTime++
		case domain.PunctualLate:
			late++
		default:
			missing++
			names = append(names, m.orgName(e.Organisation, p.lang)+" ("+e.Organisation+")")
		}
		if e.Status == domain.StatusSubmitted {
			waiting++
		}
	}
	c := m.start(p, p.T("mail.digest.subject", r.Year))
	c.Paragraphs = []string{p.T("mail.digest.body", r.Year, p.Date(now.In(r.DeadlineAt().Location())), p.Date(r.Deadline),
		onTime, len(entries), late, missing, waiting)}
	c.ListTitle, c.List = p.T("mail.digest.missing"), names
	c.LinkLabel, c.LinkURL = p.T("mail.digest.link"), m.link(fmt.Sprintf("/rounds/%d", r.Year))
	return c.render()
}

func (m *Mailer) returned(sub domain.Submission, rc store.Recipient) composed {
	p := newPrinter(rc.Language)
	org := m.orgName(sub.Organisation, p.lang)
	c := m.start(p, p.T("mail.returned.subject", sub.ID, org, sub.Year))
	c.Paragraphs = []string{p.T("mail.returned.body", sub.ID, m.orgOfName(sub.Organisation, p.lang), sub.Year)}
	c.Quote = sub.Comment
	c.After = p.T("mail.returned.again")
	c.LinkLabel, c.LinkURL = p.T("mail.returned.link"), m.link(fmt.Sprintf("/submissions/%d", sub.ID))
	return c.render()
}

func (m *Mailer) note(sub domain.Submission, n domain.ValueNote, kind string, rc store.Recipient) composed {
	p := newPrinter(rc.Language)
	org := m.orgName(sub.Organisation, p.lang)
	value := m.valueName(n.Indicator, n.Breakdown, p.lang)
	c := m.start(p, p.T("mail."+kind+".subject", value, org, sub.Year))
	c.Paragraphs = []string{p.T("mail."+kind+".body", n.Author, value, sub.ID, org, sub.Year)}
	c.Quote = n.Body
	c.After = p.T("mail.note.merged")
	c.LinkLabel, c.LinkURL = p.T("mail.note.link"), m.link(fmt.Sprintf("/submissions/%d#value-%s-%s", sub.ID, n.Indicator, n.Breakdown))
	return c.render()
}

func (m *Mailer) backupFailed(at time.Time, reason string, rc store.Recipient) composed {
	p := newPrinter(rc.Language)
	c := m.start(p, p.T("mail.backup_failed.subject"))
	c.Paragraphs = []string{p.T("mail.backup_failed.body", p.Date(at), at.In(domain.Brussels()).Format("15:04"))}
	c.Quote = reason
	c.After = p.T("mail.backup_failed.after")
	c.LinkLabel, c.LinkURL = p.T("mail.backup_failed.link"), m.link("/api/v1/backups")
	return c.render()
}
