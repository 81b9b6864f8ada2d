package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/backup"
	"github.com/fcmn/infocentre/internal/mail/mailtest"
	"github.com/fcmn/infocentre/internal/metrics"
	"github.com/fcmn/infocentre/internal/register/gen"
	"github.com/fcmn/infocentre/internal/store"
	"github.com/fcmn/infocentre/internal/storetest"
)

// postBackup asks the server for a backup now.
func postBackup(t *testing.T, base, token string) (int, backup.Info, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/api/v1/backups", nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var info backup.Info
	if resp.StatusCode == http.StatusCreated {
		if err := json.Unmarshal(body, &info); err != nil {
			t.Fatalf("%v: %s", err, body)
		}
	}
	return resp.StatusCode, info, string(body)
}

// TestBackupUnderLoad takes a backup from the real server while four
// indicator files and one register of 100,000 complaints are uploaded at
// once, then restores it with the CLI. The backup file is exactly the
// moment its transaction read (every table's rows and digest, as the
// server answered them); in the restored database every upload is wholly
// there or wholly absent, and every table equals that moment, but for the
// rows of a register caught between its two transactions, which the
// restore removes whole.
func TestBackupUnderLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server in a process of its own")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "live.duckdb")
	token := newToken(t, db, "coord@example.be", "coordinator", "")
	var reg bytes.Buffer
	if err := gen.Write(&reg, gen.Config{Rows: 100_000, FirstYear: 2022, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	files := []string{"BOSA_complaints_2019.csv", "BOSA_complaints_2020.csv", "BOSA_complaints_2021.csv", "BOSA_complaints_2022.csv"}
	p, base := serve(t, "--db", db, "--backup-every", "0")

	var wg sync.WaitGroup
	statuses := make([]int, len(files)+1)
	first := make(chan struct{}, len(files))
	wg.Go(func() {
		statuses[len(files)], _ = upload(t, base+"/api/v1/registers", token, "FIN register.csv", reg.Bytes())
	})
	for i, name := range files {
		data, err := os.ReadFile(filepath.Join("..", "..", "samples", "exports", name))
		if err != nil {
			t.Fatal(err)
		}
		wg.Go(func() {
			statuses[i], _ = upload(t, base+"/api/v1/submissions", token, name, data)
			first <- struct{}{}
		})
	}
	// The backup starts once one upload is in, while the others run.
	<-first
	status, info, body := postBackup(t, base, token)
	wg.Wait()
	if status != http.StatusCreated {
		t.Fatalf("POST /api/v1/backups: %d %s", status, body)
	}
	for i, s := range statuses {
		if s != http.StatusCreated {
			t.Fatalf("upload %d: status %d, want 201: an upload was refused while the backup ran", i, s)
		}
	}
	stopServer(t, p)
	t.Logf("backup %s: %d bytes, data version %d", info.Name, info.Bytes, *info.DataVersion)

	file := filepath.Join(dir, "backups", info.Name)
	got, err := store.CheckFile(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SameTables(info.Tables, got); err != nil {
		t.Fatalf("the backup file is not the moment its transaction read: %v", err)
	}
	restored := filepath.Join(dir, "restored.duckdb")
	if out, code := runCLI(t, "restore", "--from", file, "--db", restored); code != 0 {
		t.Fatalf("restore: exit %d: %s", code, out)
	}
	restoredTables, err := store.CheckFile(context.Background(), restored)
	if err != nil {
		t.Fatal(err)
	}

	// Each upload: in the restored database as in the live one, or absent.
	live, back := openRO(t, db), openRO(t, restored)
	present := map[string]bool{}
	for _, name := range append(files, "FIN register.csv") {
		q := `SELECT count(DISTINCT s.id), count(o.submission_id) FROM submissions s LEFT JOIN observations o ON o.submission_id = s.id WHERE s.file_name = ?`
		var liveSubs, liveObs, subs, obs int64
		if err := live.QueryRow(q, name).Scan(&liveSubs, &liveObs); err != nil {
			t.Fatal(err)
		}
		if err := back.QueryRow(q, name).Scan(&subs, &obs); err != nil {
			t.Fatal(err)
		}
		if liveSubs == 0 {
			t.Fatalf("%s: no submission in the live database", name)
		}
		switch {
		case subs == 0 && obs == 0:
		case subs == liveSubs && obs == liveObs:
			present[name] = true
		default:
			t.Errorf("%s: %d submissions and %d observations restored, live %d and %d: partly there", name, subs, obs, liveSubs, liveObs)
		}
	}
	var uploads, rows int64
	if err := back.QueryRow(`SELECT (SELECT count(*) FROM register_uploads), (SELECT count(*) FROM register_rows)`).Scan(&uploads, &rows); err != nil {
		t.Fatal(err)
	}
	if want := map[bool][2]int64{true: {1, 100_000}, false: {0, 0}}[present["FIN register.csv"]]; uploads != want[0] || rows != want[1] {
		t.Errorf("register present %v: %d uploads and %d rows restored, want %v", present["FIN register.csv"], uploads, rows, want)
	}
	t.Logf("present in the backup: %v", present)

	// Every table equals the moment, but for an unfinished register.
	moment := map[string]store.TableDigest{}
	for _, tb := range info.Tables {
		moment[tb.Name] = tb
	}
	unfinished := moment["register_uploads"].Rows > uploads
	if len(restoredTables) != len(info.Tables) {
		t.Fatalf("%d tables restored, %d backed up", len(restoredTables), len(info.Tables))
	}
	for _, tb := range restoredTables {
		want := moment[tb.Name]
		if unfinished && strings.HasPrefix(tb.Name, "register_") {
			if tb.Rows > want.Rows {
				t.Errorf("table %s: %d rows restored, more than the %d of the moment", tb.Name, tb.Rows, want.Rows)
			}
			continue
		}
		if tb != want {
			t.Errorf("table %s restored %+v, the moment held %+v", tb.Name, tb, want)
		}
	}
	t.Logf("the register was between its two transactions at the moment: %v", unfinished)
}

// openRO opens a DuckDB file read-only for the test's queries.
func openRO(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", path+"?access_mode=READ_ONLY&autoinstall_known_extensions=false&autoload_known_extensions=false")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

type noMail struct{}

func (noMail) BackupFailed(context.Context, string) error { return nil }

// TestDamagedBackupsRefused restores backups damaged in several ways: each
// is refused with one sentence in the CLI's language, and nothing is
// written where the database would go; verify says the same.
func TestDamagedBackupsRefused(t *testing.T) {
	dir := t.TempDir()
	st := storetest.OpenFile(t, filepath.Join(dir, "live.duckdb"))
	b := backup.New(st, filepath.Join(dir, "backups"), 14, noMail{}, (*metrics.Metrics)(nil), slog.New(slog.NewTextHandler(io.Discard, nil)))
	info, err := b.Take(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(filepath.Join(dir, "backups", info.Name))
	if err != nil {
		t.Fatal(err)
	}
	sum := func(data []byte) string { return fmt.Sprintf("%x", sha256.Sum256(data)) }
	flipped := bytes.Clone(good)
	// In the first block after DuckDB's three 4 KiB headers, which a
	// database always uses.
	for i := 3<<12 + 16; i < 3<<12+80; i++ {
		flipped[i] ^= 0xff
	}
	truncated := good[:len(good)/2]
	tests := []struct {
		name     string
		data     []byte
		sumLine  string // "" writes no .sha256
		lang     string
		sentence string
	}{
		{"truncated", truncated, info.SHA256, "en", "is damaged: its contents do not match"},
		{"bytes flipped", flipped, info.SHA256, "nl", "is beschadigd: de inhoud komt niet overeen met"},
		{"bytes flipped, checksum rewritten", flipped, sum(flipped), "fr", "est endommagée : DuckDB ne peut pas lire toutes ses tables"},
		{"truncated, checksum rewritten", truncated, sum(truncated), "en", "is damaged: DuckDB cannot read all of its tables"},
		{"no checksum", good, "", "en", "so it cannot be checked and is not restored"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			work := t.TempDir()
			from := filepath.Join(work, "infocentre-20260101T000000Z.duckdb")
			if err := os.WriteFile(from, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			if tt.sumLine != "" {
				os.WriteFile(from+".sha256", []byte(tt.sumLine+"  infocentre-20260101T000000Z.duckdb\n"), 0o600)
			}
			target := filepath.Join(work, "restored", "new.duckdb")
			out, code := runCLI(t, "restore", "--lang", tt.lang, "--from", from, "--db", target)
			if code != 1 || !strings.Contains(out, tt.sentence) || strings.Count(strings.TrimSpace(out), "\n") != 0 {
				t.Errorf("restore: exit %d, %q; want 1 and one line saying %q", code, out, tt.sentence)
			}
			left, _ := os.ReadDir(filepath.Dir(target))
			if len(left) > 0 {
				t.Errorf("a refused restore left %d entries beside the target (%s)", len(left), left[0].Name())
			}
			if tt.sumLine == "" {
				return
			}
			if out, code := runCLI(t, "verify", "--lang", tt.lang, "--db", from); code != 1 || !strings.Contains(out, tt.sentence) {
				t.Errorf("verify: exit %d, %q; want 1 saying %q", code, out, tt.sentence)
			}
		})
	}

	// The sound backup restores, once; not over an existing file.
	from := filepath.Join(dir, "backups", info.Name)
	if out, code := runCLI(t, "verify", "--db", from); code != 0 || !strings.Contains(out, "is sound") {
		t.Errorf("verify of a sound backup: exit %d, %s", code, out)
	}
	target := filepath.Join(dir, "new.duckdb")
	if out, code := runCLI(t, "restore", "--from", from, "--db", target); code != 0 {
		t.Fatalf("restore of a sound backup: exit %d, %s", code, out)
	}
	if out, code := runCLI(t, "restore", "--from", from, "--db", target); code != 1 || !strings.Contains(out, "already exists") {
		t.Errorf("restore over an existing file: exit %d, %s", code, out)
	}
	if out, code := runCLI(t, "restore", "--from", from, "--db", target, "--force"); code != 0 {
		t.Errorf("restore --force: exit %d, %s", code, out)
	}
}

var metricsListening = regexp.MustCompile(`msg="metrics: listening" addr=(\S+)`)

// scrape reads /metrics and returns each series line's value by its name
// and labels.
func scrape(t *testing.T, url string) map[string]string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	out := map[string]string{}
	for _, line := range strings.Split(string(body), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		out[line[:i]] = line[i+1:]
	}
	return out
}

// TestMetricsSeriesMove scrapes the real server's /metrics (on its own
// address, not the site's), does each action, and checks that its series
// moved: a page, an upload accepted and one refused, a register, a backup
// that fails (its failure counted, mailed once to the coordinator through
// SMTP) and one that succeeds.
func TestMetricsSeriesMove(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the server in a process of its own")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "metrics.duckdb")
	token := newToken(t, db, "coord@example.be", "coordinator", "")
	sink := mailtest.Start(t)
	blocked := filepath.Join(dir, "blocked")
	if err := os.WriteFile(blocked, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	backups := filepath.Join(blocked, "backups") // under a file: cannot be made
	p, base := serve(t, "--db", db, "--metrics-addr", "127.0.0.1:0", "--backup-dir", backups, "--backup-every", "0",
		"--smtp-url", "smtp://"+sink.Addr(), "--mail-from", "infocentre@example.be")
	m := metricsListening.FindStringSubmatch(p.log())
	if m == nil {
		t.Fatalf("no metrics address in the log:\n%s", p.log())
	}
	metricsURL := m[1]
	if resp, err := http.Get(base + "/metrics"); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("/metrics on the public address: %v %v, want 404", resp.StatusCode, err)
	}
	before := scrape(t, metricsURL)
	for _, s := range []string{"go_goroutines", "process_resident_memory_bytes", "infocentre_database_bytes", "infocentre_previews_bytes",
		"infocentre_mail_outbox_oldest_seconds", "infocentre_backup_last_success_timestamp_seconds", "infocentre_register_rows_total",
		"infocentre_backup_failures_total"} {
		if _, ok := before[s]; !ok {
			t.Errorf("no series %s", s)
		}
	}

	resp, err := http.Get(base + "/organisations/FIN")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	data, err := os.ReadFile(filepath.Join("..", "..", "samples", "exports", "BOSA_complaints_2019.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if s, b := upload(t, base+"/api/v1/submissions", token, "BOSA_complaints_2019.csv", data); s != http.StatusCreated {
		t.Fatalf("upload: %d %s", s, b)
	}
	if s, b := upload(t, base+"/api/v1/submissions", token, "BOSA bad.csv", []byte("organisation,year,indicator,breakdown,value\nBOSA,2019,received,,-5\n")); s != http.StatusUnprocessableEntity {
		t.Fatalf("bad upload: %d %s", s, b)
	}
	var reg bytes.Buffer
	if err := gen.Write(&reg, gen.Config{Rows: 1000, FirstYear: 2022, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	if s, b := upload(t, base+"/api/v1/registers", token, "FIN register.csv", reg.Bytes()); s != http.StatusCreated {
		t.Fatalf("register: %d %s", s, b)
	}
	for range 2 { // two failures, one message
		if s, _, b := postBackup(t, base, token); s != http.StatusInternalServerError {
			t.Fatalf("backup into a folder that cannot be made: %d %s", s, b)
		}
	}
	deadline := time.Now().Add(time.Minute)
	for len(sink.Messages()) == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	failed := scrape(t, metricsURL)
	if err := os.Remove(blocked); err != nil {
		t.Fatal(err)
	}
	if s, _, b := postBackup(t, base, token); s != http.StatusCreated {
		t.Fatalf("backup: %d %s", s, b)
	}
	after := scrape(t, metricsURL)

	moved := []struct{ series, from string }{
		{`infocentre_http_requests_total{method="GET",route="/organisations/:code",status="200"}`, ""},
		{`infocentre_http_request_duration_seconds_count{method="POST",route="/api/v1/submissions",status="201"}`, ""},
		{`infocentre_imports_total{reason="",result="accepted"}`, ""},
		{`infocentre_imports_total{reason="value_negative",result="refused"}`, ""},
		{`infocentre_register_rows_total`, "1000"},
		{`infocentre_mail_messages_total{result="sent"}`, ""},
		{`infocentre_backup_failures_total`, "2"},
	}
	for _, m := range moved {
		got := failed[m.series]
		if got == "" || got == before[m.series] || (m.from != "" && got != m.from) {
			t.Errorf("%s: %q before, %q after (want %s)", m.series, before[m.series], got, m.from)
		}
	}
	if after["infocentre_backup_last_success_timestamp_seconds"] == "0" || after["infocentre_database_bytes"] == "0" {
		t.Errorf("backup time %s, database bytes %s", after["infocentre_backup_last_success_timestamp_seconds"], after["infocentre_database_bytes"])
	}
	for series := range after {
		if strings.Contains(series, `route="/organisations/FIN"`) {
			t.Errorf("a raw path is a label: %s", series)
		}
	}
	msgs := sink.Messages()
	if len(msgs) != 1 || !strings.Contains(msgs[0].Subject, "back-up") {
		t.Errorf("%d messages for a run of two failed backups, want 1", len(msgs))
	}
	stopServer(t, p)
}
