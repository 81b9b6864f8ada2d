package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"io"
	"io/fs"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"

	"github.com/fcmn/infocentre/internal/register/gen"
)

// TestServerKilledDuringUploadChangesNothing kills the real server (SIGKILL,
// no clean-up of its own) while it receives a register, once halfway through
// the body and once when the whole body is sent and the server is checking
// and importing it, then starts it again on the same database: every table
// holds exactly what it held before, and the temporary directory is empty.
// The same upload, not interrupted, then changes the database: the file was
// one the server would have taken. The kill between the import's two
// transactions is internal/store's TestRegisterImportKilled: from outside, that
// moment cannot be told apart.
func TestServerKilledDuringUploadChangesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills the server in a process of its own")
	}
	db := filepath.Join(t.TempDir(), "killed.duckdb")
	token := newToken(t, db, "agency@fin.example", "agency", "FIN")
	var reg bytes.Buffer
	if err := gen.Write(&reg, gen.Config{Rows: 250_000, FirstYear: 2022, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	body, contentType := multipartFile(t, "FIN register.csv", reg.Bytes())

	p, _ := serve(t, "--db", db, "--demo")
	stopServer(t, p)
	before := tableDigests(t, db)

	for _, tt := range []struct {
		name    string
		sent    int  // bytes of the body sent before the kill
		writing bool // the kill waits until the database files grow
	}{
		{"halfway through the body", len(body) / 2, false},
		{"whole body received, server checking it", len(body), false},
		{"rows being written, not yet committed", len(body), true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p, base := serve(t, "--db", db)
			pr, pw := io.Pipe()
			req, err := http.NewRequest(http.MethodPost, base+"/api/v1/registers", pr)
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", contentType)
			req.Header.Set("Authorization", "Bearer "+token)
			req.ContentLength = int64(len(body))
			answered := make(chan string, 1)
			go func() {
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					answered <- "error: " + err.Error()
					return
				}
				defer resp.Body.Close()
				answer, _ := io.ReadAll(resp.Body)
				answered <- fmt.Sprintf("%d %.300s", resp.StatusCode, answer)
			}()
			if _, err := pw.Write(body[:tt.sent]); err != nil {
				t.Fatalf("sending the body: %v", err)
			}
			if tt.sent == len(body) {
				waitGrown(t, int64(reg.Len()), db+".tmp")
			}
			if tt.writing {
				waitGrown(t, sizeOnDisk(db)+sizeOnDisk(db+".wal")+1<<20, db, db+".wal")
			}
			if err := p.cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			p.cmd.Wait()
			pw.Close()
			if got := <-answered; !strings.HasPrefix(got, "error: ") {
				t.Fatalf("the server answered before it was killed (%s): the kill came too late to test anything", got)
			}

			p, base = serve(t, "--db", db)
			if resp, err := http.Get(base + "/"); err != nil || resp.StatusCode != http.StatusOK {
				t.Fatalf("the restarted server does not answer its home page: %v %v", resp, err)
			}
			stopServer(t, p)
			assertSameTables(t, before, tableDigests(t, db))
			if left, _ := os.ReadDir(db + ".tmp"); len(left) > 0 {
				t.Errorf("the temporary directory still holds %d entries after a clean start and stop", len(left))
			}
		})
	}

	p, base := serve(t, "--db", db)
	status, answer := upload(t, base+"/api/v1/registers", token, "FIN register.csv", reg.Bytes())
	stopServer(t, p)
	if status != http.StatusCreated {
		t.Fatalf("the same register, not interrupted: %d %.300s", status, answer)
	}
	after := tableDigests(t, db)
	if after["register_rows"] == before["register_rows"] {
		t.Errorf("register_rows unchanged by a register the server took: %s", after["register_rows"])
	}
}

// multipartFile is a request body carrying data as the form file "file".
func multipartFile(t *testing.T, name string, data []byte) ([]byte, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return body.Bytes(), mw.FormDataContentType()
}

// waitGrown waits until the files at paths (directories are walked) hold
// size bytes: the server has received the whole register, or writes rows
// (DuckDB writes a large insert's row groups to the file before it commits).
func waitGrown(t *testing.T, size int64, paths ...string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		var held int64
		for _, p := range paths {
			held += sizeOnDisk(p)
		}
		if held >= size {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s did not reach %d bytes within a minute", strings.Join(paths, " and "), size)
}

// sizeOnDisk is the size of the files at path (a file or a directory
// walked); what is missing or removed meanwhile counts nothing.
func sizeOnDisk(path string) int64 {
	var held int64
	filepath.WalkDir(path, func(_ string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if fi, err := e.Info(); err == nil {
				held += fi.Size()
			}
		}
		return nil
	})
	return held
}

// stopServer ends the server as a service manager does (SIGTERM) and waits
// for it, so that the database file is free.
func stopServer(t *testing.T, p *process) {
	t.Helper()
	if err := p.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(2 * time.Minute):
		t.Fatalf("the server did not stop on SIGTERM:\n%s", p.log())
	}
}

// tableDigests reads, for every table of the database, its row count and an
// order-independent digest of its rows.
func tableDigests(t *testing.T, db string) map[string]string {
	t.Helper()
	conn, err := sql.Open("duckdb", db+"?access_mode=READ_ONLY&autoinstall_known_extensions=false&autoload_known_extensions=false")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rows, err := conn.Query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, table := range tables {
		// A table's name cannot be a parameter; these come from the catalogue.
		var count int64
		var digest string
		q := fmt.Sprintf(`SELECT count(*), coalesce(sum(hash(t)::HUGEINT), 0)::VARCHAR FROM "%s" t`, table)
		if err := conn.QueryRow(q).Scan(&count, &digest); err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		out[table] = fmt.Sprintf("%d rows, digest %s", count, digest)
	}
	if len(out) == 0 {
		t.Fatal("the database has no tables")
	}
	return out
}

func assertSameTables(t *testing.T, before, after map[string]string) {
	t.Helper()
	for table, want := range before {
		if got := after[table]; got != want {
			t.Errorf("table %s: %s, was %s", table, got, want)
		}
	}
	for table := range after {
		if _, ok := before[table]; !ok {
			t.Errorf("table %s appeared", table)
		}
	}
}
