package store

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
)

// killChildEnv names the database a re-executed test binary must import into
// before it waits to be killed.
const killChildEnv = "INFOCENTRE_STORE_KILL_CHILD_DB"

// killedRows is how many observations the killed import appends: enough for
// DuckDB to write row groups to the file before COMMIT.
const killedRows = 2_000_000

// TestImportKilledMidway kills a process that has appended a large import but
// not committed it, and checks that reopening the file shows the state from
// before that import.
func TestImportKilledMidway(t *testing.T) {
	if path := os.Getenv(killChildEnv); path != "" {
		importUntilKilled(t, path)
		return
	}
	s, path := MustOpen(t)
	mustImport(t, s, importFile("before.csv", domain.StatusApproved, obsOf(t, "FIN", 2022, "received=3 admissible=3")))
	before := dumpTables(t, s.db)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestImportKilledMidway$")
	cmd.Env = append(os.Environ(), killChildEnv+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("appended %d", killedRows+2)
	lines := bufio.NewScanner(out)
	for lines.Scan() && !strings.HasPrefix(lines.Text(), "appended ") {
		t.Logf("child: %s", lines.Text())
	}
	if got := lines.Text(); got != want {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("child said %q, want %q", got, want)
	}
	if info, err := os.Stat(path); err == nil {
		t.Logf("database file is %d bytes when the child is killed", info.Size())
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	err = cmd.Wait()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("child ended with %v, want killed", err)
	}

	ref, err := reference.Load()
	if err != nil {
		t.Fatal(err)
	}
	s2, err := Open(context.Background(), path, ref)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s2.Close()
	compareDumps(t, before, dumpTables(t, s2.db))
	res := mustImport(t, s2, importFile("after.csv", domain.StatusApproved, obsOf(t, "FIN", 2022, "received=4")))
	if len(res.Created) != 1 || res.Created[0].Version != 2 {
		t.Errorf("import after the kill created %+v, want version 2", res.Created)
	}
}

// importUntilKilled is the child: it appends a large import, says how many
// observations its transaction sees, and waits for the parent's SIGKILL
// instead of committing.
func importUntilKilled(t *testing.T, path string) {
	s, ref := openChild(t, path)
	req := ImportRequest{FileName: "killed.csv", SHA256: fakeSHA("killed.csv"), Source: "cli", Kind: domain.KindFile,
		Status: domain.StatusApproved, Observations: sampleObservations(ref, killedRows, 9999, 1)}
	_, err := s.importFile(context.Background(), req, func(ctx context.Context, tx *sql.Tx, _ ImportResult) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM observations`).Scan(&n); err != nil {
			return err
		}
		fmt.Printf("appended %d\n", n)
		select {} // killed here
	})
	t.Fatalf("import returned: %v", err)
}
