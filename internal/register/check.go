package register

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/xuri/excelize/v2"
)

// complaint is one row read: texts as written, dates parsed, codes
// matched.
type complaint struct {
	texts                 [len(roleIndex)]string
	received, ack, closed day
	receivedYear          int
	hasAck, hasClosed     bool
	org, admissible       string // codes
	outcome, typ          string // codes, "" when empty
	// The dates as row hands them to the store.
	ackTime, closedTime time.Time
}

// day is a date as the number of days since 1 January 1970: comparing
// two is comparing numbers, and reading one takes no time.Date.
type day int32

// civilDay numbers the valid date y-m-d (Howard Hinnant's days_from_civil).
func civilDay(y, m, d int) day {
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return day(era*146097 + doe - 719468)
}

// time is the day at midnight UTC.
func (d day) time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// daysIn is the number of days of month m (1-12) of year y.
func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// roleIndex numbers the roles of a complaint's texts.
var roleIndex = [...]string{
	store.RegisterOrganisation, store.RegisterComplaint, store.RegisterReceived, store.RegisterChannel,
	store.RegisterLanguage, store.RegisterAdmissible, store.RegisterOutcome, store.RegisterType,
	store.RegisterAck, store.RegisterClosed, store.RegisterSecondLine,
}

const (
	iOrg = iota
	iComplaint
	iReceived
	iChannel
	iLanguage
	iAdmissible
	iOutcome
	iType
	iAck
	iClosed
	iSecond
)

// rowReader turns cells into complaints and reports what is wrong with them.
type rowReader struct {
	f       *File
	pos     [len(roleIndex)]int               // column of each role, -1 if absent
	matched [len(roleIndex)]map[string]string // per role: text -> code, "" if unknown
	// recent holds, per role, the texts met so far while they are few: a
	// register has a handful per column, and comparing short strings is
	// cheaper than hashing them.
	recent [len(roleIndex)][]textCode
	onBad  func(domain.Problem)
}

func (f *File) newRowReader(onBad func(domain.Problem)) *rowReader {
	rr := &rowReader{f: f, onBad: onBad}
	for i, role := range roleIndex {
		rr.pos[i] = slices.Index(f.columns, role)
		rr.matched[i] = map[string]string{}
	}
	return rr
}

// read fills c from the cells of row num and returns how many problems it
// has; badUTF8 tells that the cells of a CSV line are no UTF-8 text.
func (rr *rowReader) read(num int, cells []string, badUTF8 bool, c *complaint) int {
	bad := 0
	problem := func(i int, value, code, hint string, args ...string) {
		bad++
		place := domain.Place{File: fileName(rr.f), Sheet: rr.f.sheet, Row: num}
		if p := rr.pos[i]; p >= 0 {
			place.Column, place.Header = p+1, rr.f.headers[p]
		}
		p := domain.Errorp(code, place, domain.Clip(value), domain.Args(args...))
		p.HintCode = hint
		rr.onBad(p)
	}
	for i := range roleIndex {
		c.texts[i] = ""
		if p := rr.pos[i]; p >= 0 && p < len(cells) {
			// As written, as DuckDB's load keeps it; a cell of spaces
			// is empty (DuckDB reads no date in it and matches no label).
			if c.texts[i] = cells[p]; blankText(c.texts[i]) {
				c.texts[i] = ""
			}
		}
	}
	if rr.overLimits(cells, c, problem) {
		return bad
	}
	if badUTF8 {
		problem(iComplaint, "", "reg_not_utf8", "")
		return bad
	}
	if rr.pos[iOrg] < 0 {
		c.texts[iOrg], c.org = rr.f.org, rr.f.org
	} else {
		c.org = rr.match(iOrg, c.texts[iOrg])
		switch {
		case c.org == "":
			hint, near := rr.hint(iOrg, c.texts[iOrg])
			problem(iOrg, c.texts[iOrg], "unknown_organisation", hint, "suggestion", near)
		case rr.f.org != "" && c.org != rr.f.org:
			problem(iOrg, c.texts[iOrg], "reg_organisation_differs", "", "given", rr.f.org)
		}
	}
	if c.texts[iComplaint] == "" {
		problem(iComplaint, "", "reg_no_number", "")
	}
	var ok bool
	if c.received, c.receivedYear, ok = rr.date(c.texts[iReceived]); !ok {
		if c.texts[iReceived] == "" {
			problem(iReceived, "", "reg_no_received", "")
		} else {
			problem(iReceived, c.texts[iReceived], "reg_bad_date", "hint.date_format")
		}
	}
	receivedOK := ok
	c.ack, c.hasAck = rr.optionalDate(iAck, c.texts[iAck], problem)
	c.closed, c.hasClosed = rr.optionalDate(iClosed, c.texts[iClosed], problem)
	if receivedOK && c.hasClosed && c.closed < c.received {
		problem(iClosed, c.texts[iClosed], "reg_closed_before", "", "received", c.texts[iReceived])
	}
	if receivedOK && c.hasAck && c.ack < c.received {
		problem(iAck, c.texts[iAck], "reg_ack_before", "", "received", c.texts[iReceived])
	}
	for _, i := range []int{iChannel, iLanguage} {
		if rr.match(i, c.texts[i]) == "" {
			hint, near := rr.hint(i, c.texts[i])
			problem(i, c.texts[i], unknownCode[i], hint, "suggestion", near)
		}
	}
	c.admissible = rr.match(iAdmissible, c.texts[iAdmissible])
	if c.admissible == "" {
		problem(iAdmissible, c.texts[iAdmissible], "reg_admissible", "hint.yes_no")
	}
	if c.texts[iSecond] != "" && rr.match(iSecond, c.texts[iSecond]) == "" {
		problem(iSecond, c.texts[iSecond], "reg_second_line", "hint.yes_no")
	}
	c.outcome, c.typ = "", ""
	if c.texts[iOutcome] != "" {
		if c.outcome = rr.match(iOutcome, c.texts[iOutcome]); c.outcome == "" {
			problem(iOutcome, c.texts[iOutcome], "reg_unknown_outcome", "hint.outcomes")
		}
	}
	if c.texts[iType] != "" {
		if c.typ = rr.match(iType, c.texts[iType]); c.typ == "" {
			hint, near := rr.hint(iType, c.texts[iType])
			problem(iType, c.texts[iType], unknownCode[iType], hint, "suggestion", near)
		}
	}
	if c.admissible == "yes" {
		switch {
		case c.hasClosed && c.texts[iOutcome] == "":
			problem(iOutcome, "", "reg_closed_no_outcome", "")
		case !c.hasClosed && c.texts[iOutcome] != "":
			problem(iOutcome, c.texts[iOutcome], "reg_outcome_not_closed", "")
		case c.hasClosed && (c.outcome == "founded" || c.outcome == "partly_founded") && c.texts[iType] == "":
			problem(iType, "", "reg_founded_no_type", "")
		}
	}
	return bad
}

func fileName(f *File) string { return filepath.Base(f.Name) }

// match reads the text of role i as its code, "" when unknown; the answers
// are remembered, the file having few distinct texts.
func (rr *rowReader) match(i int, text string) string {
	if text == "" {
		return ""
	}
	for _, tc := range rr.recent[i] {
		if tc.text == text {
			return tc.code
		}
	}
	if code, ok := rr.matched[i][text]; ok {
		return code
	}
	var code string
	ref := rr.f.rd.ref
	switch i {
	case iOrg:
		code, _ = ref.OrganisationMatcher().Lookup(text)
	case iChannel, iLanguage, iType:
		code, _ = ref.ValueMatcher(roleIndex[i]).Lookup(text)
	case iAdmissible, iSecond:
		code = yesNo[reference.Normalize(text)]
	case iOutcome:
		code = rr.f.rd.outcomes[reference.Normalize(text)]
	}
	rr.matched[i][text] = code
	if len(rr.recent[i]) < recentTexts {
		rr.recent[i] = append(rr.recent[i], textCode{text, code})
	}
	return code
}

// recentTexts bounds the linear search of rowReader.recent.
const recentTexts = 12

type textCode struct{ text, code string }

// unknownCode is the problem code of a text of role i that matches no
// known value.
var unknownCode = map[int]string{iChannel: "reg_unknown_channel", iLanguage: "reg_unknown_language", iType: "reg_unknown_type"}

// hint returns the hint code and the nearest known label of text for role
// i, or two empty strings when none is near.
func (rr *rowReader) hint(i int, text string) (hint, near string) {
	ref := rr.f.rd.ref
	var m *reference.Matcher
	switch i {
	case iOrg:
		m = ref.OrganisationMatcher()
	case iChannel:
		m = ref.ValueMatcher("channel")
	case iLanguage:
		m = ref.ValueMatcher("language")
	case iType:
		m = ref.ValueMatcher("type")
	}
	if text == "" {
		return "", ""
	}
	if near, _ := m.Nearest(text); near != "" {
		return "hint.nearest", near
	}
	return "", ""
}

func (rr *rowReader) optionalDate(i int, text string, problem func(int, string, string, string, ...string)) (day, bool) {
	if text == "" {
		return 0, false
	}
	d, _, ok := rr.date(text)
	if !ok {
		problem(i, text, "reg_bad_date", "hint.date_format")
	}
	return d, ok
}

// date reads d/m/yyyy or yyyy-m-d, unpadded: DuckDB's load reads each of
// these to the same day (try_cast, then try_strptime); in an XLSX also a
// date cell, which comes as a serial number. It returns the day and its
// year.
func (rr *rowReader) date(text string) (day, int, bool) {
	if text == "" {
		return 0, 0, false
	}
	if rr.f.Format == "xlsx" && !strings.ContainsAny(text, "/-") {
		serial, err := strconv.ParseFloat(text, 64)
		if err != nil || serial < 1 || serial > 2958465 {
			return 0, 0, false
		}
		t, err := excelize.ExcelDateToTime(serial, false)
		if err != nil {
			return 0, 0, false
		}
		return civilDay(t.Year(), int(t.Month()), t.Day()), t.Year(), true
	}
	var y, m, d int
	// The usual shapes first, by position: this runs three times a row.
	if len(text) == 10 && text[4] == '-' && text[7] == '-' {
		y, m, d = atoi4(text[:4]), atoi(text[5:7], 2), atoi(text[8:], 2)
	} else if len(text) == 10 && text[2] == '/' && text[5] == '/' {
		d, m, y = atoi(text[:2], 2), atoi(text[3:5], 2), atoi4(text[6:])
	} else if a, rest, ok := strings.Cut(text, "/"); ok {
		b, c, _ := strings.Cut(rest, "/")
		d, m, y = atoi(a, 2), atoi(b, 2), atoi4(c)
	} else if a, rest, ok := strings.Cut(text, "-"); ok {
		b, c, _ := strings.Cut(rest, "-")
		y, m, d = atoi4(a), atoi(b, 2), atoi(c, 2)
	} else {
		return 0, 0, false
	}
	if y < 0 || m < 1 || m > 12 || d < 1 || d > daysIn(m, y) {
		return 0, 0, false
	}
	return civilDay(y, m, d), y, true
}

// blankText tells whether a cell holds nothing but spaces.
func blankText(s string) bool {
	if s == "" || (s[0] != ' ' && s[len(s)-1] != ' ') {
		return s == ""
	}
	return strings.Trim(s, " ") == ""
}

// atoi reads 1 to width digits, -1 otherwise.
func atoi(s string, width int) int {
	if len(s) < 1 || len(s) > width {
		return -1
	}
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return -1
		}
		n = n*10 + int(r-'0')
	}
	return n
}

// atoi4 reads a four-digit year, -1 otherwise.
func atoi4(s string) int {
	if len(s) != 4 {
		return -1
	}
	return atoi(s, 4)
}

// check runs the validation pass over the whole file, filling rep. With
// keep set (a file DuckDB cannot read, XLSX) the same pass hands keep each
// row while no row so far is bad: the store appends them inside a
// transaction it rolls back if rep ends up refusing the file, duplicates
// included (found only at the end).
func (f *File) check(ctx context.Context, rep *Report, keep func(store.RegisterRow) error) error {
	problems := 0
	rr := f.newRowReader(func(p domain.Problem) {
		problems++
		if len(rep.Problems) < MaxProblems {
			rep.Problems = append(rep.Problems, p)
		}
	})
	// Complaint numbers are the one thing the pass remembers for every row:
	// a 64-bit hash and the row (12 bytes a row, no map to grow); equal
	// hashes are found by sorting them and confirmed by reading the texts
	// again.
	seed := maphash.MakeSeed()
	nums := numbers{hashes: make([]uint64, 0, f.rowsHint), rows: make([]int32, 0, f.rowsHint)}
	lastOrg, orgHash := "", uint64(0)
	orgs := map[string]bool{}
	years := map[int]bool{}
	var c complaint
	err := f.hashedRows(rep, func(num int, cells []string, badUTF8 bool) error {
		if rep.Rows%ctxRows == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		rep.Rows++
		bad := rr.read(num, cells, badUTF8, &c)
		if number := c.texts[iComplaint]; number != "" {
			if c.org != lastOrg {
				lastOrg, orgHash = c.org, maphash.String(seed, c.org)*0x9e3779b97f4a7c15
			}
			h := maphash.String(seed, number) ^ orgHash
			nums.add(h, int32(num), bad > 0)
		}
		if bad > 0 {
			rep.BadRows++
			return nil
		}
		if keep != nil && rep.BadRows == 0 {
			if err := keep(c.row()); err != nil {
				return err
			}
		}
		if !orgs[c.org] {
			orgs[c.org] = true
			rep.Organisations = append(rep.Organisations, c.org)
		}
		years[c.receivedYear] = true
		return nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", fileName(f), err)
	}
	dups, err := f.duplicates(nums.clashes(), MaxProblems)
	if err != nil {
		return fmt.Errorf("%s: %w", fileName(f), err)
	}
	rep.BadRows += dups.newlyBad
	problems += dups.count
	for _, d := range dups.listed {
		p := rr.pos[iComplaint]
		rep.Problems = append(rep.Problems, domain.Errorp("reg_duplicate_number",
			domain.Place{File: fileName(f), Sheet: f.sheet, Row: int(d.row), Column: p + 1, Header: f.headers[p]},
			domain.Clip(d.number), domain.Args("first", strconv.Itoa(int(d.first)))))
	}
	// The listed problems were the first in row order before duplicates
	// joined them; the first of the union are among them.
	slices.SortStableFunc(rep.Problems, func(a, b domain.Problem) int { return a.Place.Row - b.Place.Row })
	rep.Problems = rep.Problems[:min(len(rep.Problems), MaxProblems)]
	rep.MoreProblems = problems - len(rep.Problems)
	for y := range years {
		rep.Years = append(rep.Years, y)
	}
	slices.Sort(rep.Years)
	for i, texts := range rr.matched {
		for text, code := range texts {
			if code != "" {
				rep.values = append(rep.values, store.RegisterValue{Role: roleIndex[i], Text: text, Code: code})
			}
		}
	}
	if rr.pos[iOrg] < 0 {
		rep.values = append(rep.values, store.RegisterValue{Role: store.RegisterOrganisation, Text: f.org, Code: f.org})
	}
	return nil
}

// hashedRows streams the rows of the file to fn and its SHA-256 to
// rep.sha256: a UTF-8 CSV is hashed as it is read, anything else on the side.
func (f *File) hashedRows(rep *Report, fn rowFunc) error {
	h := sha256.New()
	if src, ok := f.src.(csvSource); ok && f.csvPath == f.Name {
		fh, err := os.Open(f.Name)
		if err != nil {
			return err
		}
		defer fh.Close()
		if err := src.read(io.TeeReader(fh, h), fn); err != nil {
			return err
		}
		// The rows may end before the bytes do (a final blank line).
		if _, err := io.Copy(h, fh); err != nil {
			return err
		}
	} else {
		if err := f.src.rows(fn); err != nil {
			return err
		}
		fh, err := os.Open(f.Name)
		if err != nil {
			return err
		}
		defer fh.Close()
		if _, err := io.Copy(h, fh); err != nil {
			return err
		}
	}
	rep.sha256 = hex.EncodeToString(h.Sum(nil))
	return nil
}

// numbers are the hashed complaint numbers of a file, in row order.
type numbers struct {
	hashes []uint64
	rows   []int32
	bad    map[int32]bool // rows with other problems, among those hashed
}

// numbered is a row whose complaint number's hash another row shares.
type numbered struct {
	row int32
	bad bool // the row had other problems
}

func (n *numbers) add(hash uint64, row int32, bad bool) {
	n.hashes, n.rows = append(n.hashes, hash), append(n.rows, row)
	if bad {
		if n.bad == nil {
			n.bad = map[int32]bool{}
		}
		n.bad[row] = true
	}
}

// clashes returns the runs of rows sharing a hash, each in row order.
func (n *numbers) clashes() [][]numbered {
	sorted := sortedHashes(n.hashes)
	shared := map[uint64]int{} // hash -> run
	var sizes []int            // rows of each run
	for i := 1; i < len(sorted); i++ {
		if sorted[i] != sorted[i-1] {
			continue
		}
		r, ok := shared[sorted[i]]
		if !ok {
			r = len(sizes)
			shared[sorted[i]] = r
			sizes = append(sizes, 1)
		}
		sizes[r]++
	}
	if len(shared) == 0 {
		return nil
	}
	// Each run is allocated at its size: a file of one number on every row
	// makes one run of every row.
	runs := make([][]numbered, len(shared))
	for r, size := range sizes {
		runs[r] = make([]numbered, 0, size)
	}
	for i, h := range n.hashes {
		if r, ok := shared[h]; ok {
			runs[r] = append(runs[r], numbered{row: n.rows[i], bad: n.bad[n.rows[i]]})
		}
	}
	return runs
}

// sortedHashes returns hashes sorted. Hashes are spread evenly over 64
// bits: a large list is first dealt into buckets by its top 16 bits, one
// pass, and each bucket of a dozen then sorted within the cache, which
// takes a fifth of the time of sorting them all at once.
func sortedHashes(hashes []uint64) []uint64 {
	if len(hashes) < 1<<16 {
		sorted := slices.Clone(hashes)
		slices.Sort(sorted)
		return sorted
	}
	starts := make([]int32, 1<<16+1)
	for _, h := range hashes {
		starts[h>>48+1]++
	}
	for i := 1; i < len(starts); i++ {
		starts[i] += starts[i-1]
	}
	next := slices.Clone(starts[:1<<16])
	sorted := make([]uint64, len(hashes))
	for _, h := range hashes {
		sorted[next[h>>48]] = h
		next[h>>48]++
	}
	for i := range 1 << 16 {
		slices.Sort(sorted[starts[i]:starts[i+1]])
	}
	return sorted
}

// duplicates reads the file again, for the rows of the runs only (a file
// without runs is not read again), and finds the rows whose organisation
// and number an earlier row has. It lists the first limit of them in row
// order and counts them all: a file of one number repeated on every row
// must not cost a problem per row (issue 23, N2).
func (f *File) duplicates(runs [][]numbered, limit int) (duplicates, error) {
	var dups duplicates
	if len(runs) == 0 {
		return dups, nil
	}
	// The rows of every run in row order, walked beside the file's rows (a
	// slice, not a map: a run may hold every row of the file).
	type member struct {
		row, run int32
		bad      bool
	}
	size := 0
	for _, run := range runs {
		size += len(run)
	}
	members := make([]member, 0, size)
	for r, run := range runs {
		for _, n := range run {
			members = append(members, member{row: n.row, run: int32(r), bad: n.bad})
		}
	}
	slices.SortFunc(members, func(a, b member) int { return cmp.Compare(a.row, b.row) })
	// Each run's first row of every (organisation, number): the key is
	// kept once, duplicates refer to it.
	type key struct{ org, number string }
	first := make([]map[key]int32, len(runs))
	quiet := f.newRowReader(func(domain.Problem) {})
	var c complaint
	next := 0
	err := f.src.rows(func(num int, cells []string, badUTF8 bool) error {
		for next < len(members) && members[next].row < int32(num) {
			next++
		}
		if next == len(members) || members[next].row != int32(num) {
			return nil
		}
		m := members[next]
		quiet.read(num, cells, badUTF8, &c)
		k := key{c.org, c.texts[iComplaint]}
		if first[m.run] == nil {
			first[m.run] = map[key]int32{}
		}
		row, seen := first[m.run][k]
		if !seen {
			first[m.run][k] = int32(num)
			return nil
		}
		dups.count++
		if !m.bad {
			dups.newlyBad++
		}
		if len(dups.listed) < limit {
			dups.listed = append(dups.listed, duplicate{row: int32(num), first: row, number: k.number})
		}
		return nil
	})
	return dups, err
}

// duplicates are the rows of a file whose organisation and complaint number
// an earlier row has.
type duplicates struct {
	listed   []duplicate // the first ones, in row order
	count    int         // all of them
	newlyBad int         // those without other problems
}

// duplicate is a row whose organisation and complaint number an earlier row
// has.
type duplicate struct {
	row, first int32
	number     string
}

// row is the complaint as the store keeps it: texts as written, dates
// parsed. Ack and Closed point into c.
func (c *complaint) row() store.RegisterRow {
	row := store.RegisterRow{
		Organisation: c.texts[iOrg], Complaint: c.texts[iComplaint], Received: c.received.time(),
		Channel: c.texts[iChannel], Language: c.texts[iLanguage], Admissible: c.texts[iAdmissible],
		Outcome: c.texts[iOutcome], Type: c.texts[iType], Second: c.texts[iSecond],
	}
	if c.hasAck {
		c.ackTime = c.ack.time()
		row.Ack = &c.ackTime
	}
	if c.hasClosed {
		c.closedTime = c.closed.time()
		row.Closed = &c.closedTime
	}
	return row
}
