package store

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/reference"
)

// registerKillEnv tells a re-executed test binary where and when to stop a
// register import and wait to be killed: "DB|STAGE".
const registerKillEnv = "INFOCENTRE_STORE_REGISTER_KILL"

// killedRegisterRows is how many complaints the killed import appends.
const killedRegisterRows = 300_000

// TestRegisterImportKilled kills a process importing a register at several
// points (loading its rows, and once the rows are kept but before the
// submissions are written, where issue 17 found an upload record and
// 190,400 rows left over) and checks that reopening the database leaves no
// upload without a submission, no row of one, and nothing in the store's
// temporary directory, and says so in the log.
func TestRegisterImportKilled(t *testing.T) {
	if env := os.Getenv(registerKillEnv); env != "" {
		path, stage, _ := strings.Cut(env, "|")
		importRegisterUntilKilled(t, path, stage)
		return
	}
	for _, stage := range []string{"loading", "rows_kept"} {
		t.Run(stage, func(t *testing.T) {
			s, path := MustOpen(t)
			before := dumpTables(t, s.db)
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			tmp := t.TempDir() // the child's system temporary folder
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestRegisterImportKilled$")
			cmd.Env = append(os.Environ(), registerKillEnv+"="+path+"|"+stage, "TMPDIR="+tmp)
			cmd.Stderr = os.Stderr
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			lines := bufio.NewScanner(out)
			for lines.Scan() && !strings.HasPrefix(lines.Text(), "stopped ") {
				t.Logf("child: %s", lines.Text())
			}
			if got := lines.Text(); got != "stopped "+stage {
				cmd.Process.Kill()
				cmd.Wait()
				t.Fatalf("child said %q, want %q", got, "stopped "+stage)
			}
			left, _ := os.ReadDir(path + ".tmp")
			if len(left) == 0 {
				t.Fatalf("the child wrote nothing in %s.tmp", path)
			}
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			err = cmd.Wait()
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("child ended with %v, want killed", err)
			}

			var log bytes.Buffer
			prev := slog.Default()
			slog.SetDefault(slog.New(slog.NewTextHandler(&log, nil)))
			ref, err := reference.Load()
			if err != nil {
				t.Fatal(err)
			}
			s2, err := Open(context.Background(), path, ref)
			slog.SetDefault(prev)
			if err != nil {
				t.Fatalf("reopen after kill: %v", err)
			}
			defer s2.Close()
			compareDumps(t, before, dumpTables(t, s2.db))
			for _, q := range []string{`SELECT count(*) FROM register_uploads`, `SELECT count(*) FROM register_rows`, `SELECT count(*) FROM register_values`} {
				var n int
				if err := s2.db.QueryRow(q).Scan(&n); err != nil || n != 0 {
					t.Errorf("%s: %d (%v), want 0", q, n, err)
				}
			}
			if left, err := os.ReadDir(s2.TempDir()); err != nil || len(left) != 0 {
				t.Errorf("the store's temporary directory holds %d entries (%v)", len(left), err)
			}
			if left, _ := os.ReadDir(tmp); len(left) != 0 {
				t.Errorf("the system temporary folder holds %v", left)
			}
			want := "removed the temporary files a stopped process left"
			if stage == "rows_kept" {
				want = "removed the register uploads a stopped process left unfinished"
			}
			if !strings.Contains(log.String(), want) {
				t.Errorf("the log does not say %q:\n%s", want, &log)
			}
		})
	}
}

// importRegisterUntilKilled is the child: it receives a register in the
// store's temporary directory, as the server does, imports it, and stops
// at stage to wait for the parent's SIGKILL.
func importRegisterUntilKilled(t *testing.T, path, stage string) {
	s, _ := openChild(t, path)
	dir, err := os.MkdirTemp(s.TempDir(), "register-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "FIN register.csv"), bytes.Repeat([]byte("C1,2023-01-10,email\n"), 1000), 0o600); err != nil {
		t.Fatal(err)
	}
	stop := func() {
		fmt.Printf("stopped %s\n", stage)
		select {} // killed here
	}
	if stage == "rows_kept" {
		s.rowsKept = stop
	}
	received := time.Date(2023, 1, 10, 0, 0, 0, 0, time.UTC)
	_, err = s.ImportRegister(context.Background(), RegisterRequest{
		FileName: "FIN register.csv", Source: "cli", Status: "submitted",
		Rows: func(yield func(RegisterRow) error) (RegisterCheck, error) {
			for i := range killedRegisterRows {
				if err := yield(RegisterRow{Organisation: "FIN", Complaint: fmt.Sprint("C", i), Received: received,
					Channel: "email", Language: "nl", Admissible: "yes"}); err != nil {
					return RegisterCheck{}, err
				}
			}
			if stage == "loading" {
				stop()
			}
			return RegisterCheck{Accepted: true, SHA256: fakeSHA("FIN register.csv"), Rows: killedRegisterRows,
				Values: []RegisterValue{{Role: RegisterOrganisation, Text: "FIN", Code: "FIN"}}}, nil
		},
	})
	t.Fatalf("import returned: %v", err)
}
