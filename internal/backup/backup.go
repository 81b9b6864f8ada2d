// Package backup takes consistent copies of the database while the server
// runs, keeps the newest of them, and restores and verifies them.
package backup

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fcmn/infocentre/internal/store"
)

// Names: prefix, the UTC time to the second, suffix, so that names sort by
// time.
const (
	prefix     = "infocentre-"
	suffix     = ".duckdb"
	timeLayout = "20060102T150405Z"
	// SumSuffix ends the name of the file beside a backup that holds its
	// SHA-256, in the format of sha256sum ("HEX  NAME").
	SumSuffix = ".sha256"
)

// Info describes one backup.
type Info struct {
	Name        string    `json:"name"`
	Bytes       int64     `json:"bytes"`
	SHA256      string    `json:"sha256"`
	DataVersion *int64    `json:"data_version,omitempty"` // known for a backup just taken
	TakenAt     time.Time `json:"taken_at"`
	// Tables are the rows of each table, for a backup just taken.
	Tables []store.TableDigest `json:"tables,omitempty"`
}

// Source is the database being backed up.
type Source interface {
	Backup(ctx context.Context, path string) (store.Snapshot, error)
}

// Notifier tells the coordinators that backups fail.
type Notifier interface {
	BackupFailed(ctx context.Context, reason string) error
}

// Recorder counts backups for /metrics.
type Recorder interface {
	BackupSucceeded(at time.Time)
	BackupFailed()
}

// Backups writes the backups of one database into one folder.
type Backups struct {
	src    Source
	dir    string
	keep   int
	notify Notifier
	rec    Recorder
	log    *slog.Logger

	mu      sync.Mutex // one backup at a time
	failing bool       // the last backup failed: the coordinators know
}

// New returns the backups of src in dir, keeping the newest keep (at
// least one).
func New(src Source, dir string, keep int, notify Notifier, rec Recorder, logger *slog.Logger) *Backups {
	return &Backups{src: src, dir: dir, keep: max(keep, 1), notify: notify, rec: rec, log: logger}
}

// Dir is the folder of the backups.
func (b *Backups) Dir() string { return b.dir }

// Take writes a backup now. A failure is logged, counted, and mailed to
// the coordinators when it starts a run of failures (not again until a
// backup succeeds).
func (b *Backups) Take(ctx context.Context) (Info, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	start := time.Now()
	info, err := b.take(ctx)
	if err != nil {
		b.failed(ctx, err)
		return Info{}, err
	}
	b.failing = false
	b.rec.BackupSucceeded(info.TakenAt)
	b.log.Info("backup: written", "name", info.Name, "bytes", info.Bytes, "seconds", time.Since(start).Seconds())
	return info, nil
}

func (b *Backups) failed(ctx context.Context, err error) {
	b.log.Error("backup: failed", "dir", b.dir, "err", err)
	b.rec.BackupFailed()
	if b.failing {
		return
	}
	b.failing = true
	if nerr := b.notify.BackupFailed(ctx, err.Error()); nerr != nil {
		b.log.Error("backup: the coordinators could not be told", "err", nerr)
	}
}

// Run takes a backup every interval until ctx ends; failures are handled
// by Take.
func (b *Backups) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			b.Take(ctx) // Take logs, counts and mails its failures
		}
	}
}

func (b *Backups) take(ctx context.Context) (Info, error) {
	if err := os.MkdirAll(b.dir, 0o750); err != nil {
		return Info{}, fmt.Errorf("backup: %w", err)
	}
	now := time.Now().UTC()
	name := prefix + now.Format(timeLayout) + suffix
	for exists(filepath.Join(b.dir, name)) {
		// Two backups in one second: the second waits for the next.
		time.Sleep(time.Until(now.Truncate(time.Second).Add(time.Second)))
		now = time.Now().UTC()
		name = prefix + now.Format(timeLayout) + suffix
	}
	final := filepath.Join(b.dir, name)
	partial := filepath.Join(b.dir, "."+name+".partial")
	removeDatabase(partial)
	snap, err := b.src.Backup(ctx, partial)
	if err != nil {
		removeDatabase(partial)
		return Info{}, fmt.Errorf("backup: %w", err)
	}
	sum, size, err := syncAndSum(partial)
	if err != nil {
		removeDatabase(partial)
		return Info{}, fmt.Errorf("backup: %w", err)
	}
	if err := os.Rename(partial, final); err != nil {
		removeDatabase(partial)
		return Info{}, fmt.Errorf("backup: %w", err)
	}
	if err := writeFileAtomic(final+SumSuffix, []byte(sum+"  "+name+"\n")); err != nil {
		return Info{}, fmt.Errorf("backup: %w", err)
	}
	if err := b.prune(); err != nil {
		return Info{}, fmt.Errorf("backup: %w", err)
	}
	v := snap.DataVersion
	return Info{Name: name, Bytes: size, SHA256: sum, DataVersion: &v, TakenAt: now.Truncate(time.Second), Tables: snap.Tables}, nil
}

// List returns the backups of the folder, the newest first.
func (b *Backups) List() ([]Info, error) {
	names, err := b.names()
	if err != nil {
		return nil, fmt.Errorf("backup: list: %w", err)
	}
	out := make([]Info, 0, len(names))
	for _, name := range slices.Backward(names) {
		at, _ := time.Parse(timeLayout, strings.TrimSuffix(strings.TrimPrefix(name, prefix), suffix))
		info := Info{Name: name, TakenAt: at}
		fi, err := os.Stat(filepath.Join(b.dir, name))
		if err != nil {
			continue // removed since it was listed
		}
		info.Bytes = fi.Size()
		info.SHA256, _ = readSum(filepath.Join(b.dir, name) + SumSuffix)
		out = append(out, info)
	}
	return out, nil
}

// names are the backups of the folder, oldest first.
func (b *Backups) names() ([]string, error) {
	entries, err := os.ReadDir(b.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		stamp := strings.TrimSuffix(strings.TrimPrefix(n, prefix), suffix)
		if _, err := time.Parse(timeLayout, stamp); err == nil && n == prefix+stamp+suffix {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names, nil
}

// prune removes all but the newest keep backups.
func (b *Backups) prune() error {
	names, err := b.names()
	if err != nil || len(names) <= b.keep {
		return err
	}
	for _, n := range names[:len(names)-b.keep] {
		p := filepath.Join(b.dir, n)
		if err := errors.Join(os.Remove(p), os.Remove(p+SumSuffix)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", n, err)
		}
		b.log.Info("backup: removed an old backup", "name", n, "keep", b.keep)
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// removeDatabase removes a DuckDB file and what DuckDB and the store keep
// beside it.
func removeDatabase(path string) {
	os.Remove(path)
	os.Remove(path + ".wal")
	os.RemoveAll(path + ".tmp")
}

// syncAndSum flushes the file to disk and returns its SHA-256 and size.
func syncAndSum(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return "", 0, err
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// writeFileAtomic writes data to a temporary name, then renames it.
func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".partial"
	if err := os.WriteFile(tmp, data, 0o640); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// readSum reads the SHA-256 of a sha256sum line.
func readSum(path string) (string, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	sum, _, _ := strings.Cut(strings.TrimSpace(string(raw)), " ")
	if len(sum) != 64 {
		return "", fmt.Errorf("%s: not a sha256sum line", path)
	}
	if _, err := hex.DecodeString(sum); err != nil {
		return "", fmt.Errorf("%s: not a sha256sum line", path)
	}
	return strings.ToLower(sum), nil
}
