package pending

import (
	"bytes"
	"errors"
	"os"
	"testing"
	"time"
)

// onDisk counts the preview files in dir and their bytes.
func onDisk(t *testing.T, dir string) (files int, size int64) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		size += info.Size()
	}
	return len(entries), size
}

// TestUploads: an account's previews push out only its own oldest, by
// number and by bytes; beyond the budget of all accounts a preview is
// ErrFull and frees nobody else's; a preview is taken once, by its
// account only, and is gone after its time. What is kept is on disk,
// counted by Size.
func TestUploads(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	p := New(dir, Limits{PerAccount: 2, AccountBytes: 25, Budget: 40, TTL: time.Hour}, func() time.Time { return now })
	put := func(account int64, name string, size int) string {
		t.Helper()
		now = now.Add(time.Second) // the oldest is the first put
		id, err := p.Put(Upload{AccountID: account, Name: name, Data: bytes.Repeat([]byte("x"), size)})
		if err != nil {
			t.Fatalf("put %s: %v", name, err)
		}
		return id
	}
	a1 := put(1, "a1", 10)
	a2 := put(1, "a2", 10)
	b1 := put(2, "b1", 10)
	a3 := put(1, "a3", 10) // a third of account 1: a1 goes
	a4 := put(1, "a4", 20) // a2 goes, as a third; a3 with a4 would be 30 bytes: a3 goes
	if files, size := onDisk(t, dir); files != 2 || size != 30 || p.Size() != 30 {
		t.Errorf("%d files, %d bytes on disk, Size %d; want b1 and a4: 2 files, 30 bytes", files, size, p.Size())
	}
	if _, err := p.Put(Upload{AccountID: 3, Name: "c1", Data: make([]byte, 15)}); !errors.Is(err, ErrFull) {
		t.Errorf("a preview beyond the budget: %v, want ErrFull", err)
	}
	for _, tt := range []struct {
		id      string
		account int64
		want    string // the name taken, "" for none
	}{
		{a1, 1, ""},   // pushed out by number
		{a2, 1, ""},   // pushed out by number
		{a3, 1, ""},   // pushed out by bytes
		{b1, 1, ""},   // another account's
		{b1, 2, "b1"}, // its own
		{b1, 2, ""},   // once
	} {
		u, ok, err := p.Take(tt.id, tt.account)
		if err != nil || ok != (tt.want != "") || u.Name != tt.want {
			t.Errorf("take %s as %d: %q %v %v; want %q", tt.id, tt.account, u.Name, ok, err, tt.want)
		}
		if ok && (u.AccountID != tt.account || len(u.Data) == 0) {
			t.Errorf("take %s: %+v", tt.id, u)
		}
	}
	now = now.Add(time.Hour + time.Minute)
	if _, ok, err := p.Take(a4, 1); ok || err != nil {
		t.Errorf("take after its time: %v %v, want none", ok, err)
	}
	if files, size := onDisk(t, dir); files != 0 || size != 0 || p.Size() != 0 {
		t.Errorf("%d files, %d bytes left on disk, Size %d", files, size, p.Size())
	}
}
