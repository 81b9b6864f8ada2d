package store

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"testing"
)

// lockHolderEnv names the database that a re-executed test binary opens and
// keeps open until its standard input closes.
const lockHolderEnv = "INFOCENTRE_STORE_LOCK_HOLDER_DB"

// TestIsLocked opens a database file held by another process, as the CLI
// meets one held by `infocentre serve`: IsLocked recognises that error and
// no other.
func TestIsLocked(t *testing.T) {
	if path := os.Getenv(lockHolderEnv); path != "" {
		holdUntilStdinCloses(t, path)
		return
	}
	s, path := MustOpen(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	holder := exec.Command(os.Args[0], "-test.run=^TestIsLocked$", "-test.count=1")
	holder.Env = append(os.Environ(), lockHolderEnv+"="+path)
	holder.Stderr = os.Stderr
	release, err := holder.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	said, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { release.Close(); holder.Wait() })
	if line, err := bufio.NewReader(said).ReadString('\n'); line != "holding\n" {
		t.Fatalf("the other process did not open the database: %q %v", line, err)
	}

	_, err = Open(context.Background(), path, s.Reference())
	if err == nil {
		t.Fatal("a database held by another process opened")
	}
	for _, c := range []struct {
		name string
		err  error
		want bool
	}{
		{"held by another process", err, true},
		{"no error", nil, false},
		{"another error", errors.New("store: open x: IO Error: No such file or directory"), false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := IsLocked(c.err); got != c.want {
				t.Errorf("IsLocked(%v) = %v, want %v", c.err, got, c.want)
			}
		})
	}
}

// holdUntilStdinCloses is the other process of TestIsLocked.
func holdUntilStdinCloses(t *testing.T, path string) {
	s, _ := openChild(t, path)
	defer s.Close()
	os.Stdout.WriteString("holding\n")
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
}
