package backup

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/fcmn/infocentre/internal/domain"
	"github.com/fcmn/infocentre/internal/reference"
	"github.com/fcmn/infocentre/internal/store"
)

// Restore checks the backup at from against its .sha256, copies it beside
// to, checks every table, opens it as the store does (migrating it to the
// current schema, removing unfinished register uploads), reads every table
// again and only then renames it to to. It refuses to replace an existing
// to unless force. Whatever fails, nothing is left at to or beside it.
func Restore(ctx context.Context, from, to string, force bool, seed *reference.Catalogue) ([]store.TableDigest, error) {
	if _, err := os.Stat(from); err != nil {
		return nil, err
	}
	if exists(to) && !force {
		return nil, domain.Errorf(domain.ECONFLICT, "error.restore.exists", to)
	}
	if err := checkSum(from, true); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o750); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	work := filepath.Join(filepath.Dir(to), "."+filepath.Base(to)+".restoring")
	removeDatabase(work)
	tables, err := restoreInto(ctx, from, work, seed)
	if err != nil {
		removeDatabase(work)
		return nil, err
	}
	// A log left by the database being replaced would be replayed onto
	// the restored one.
	if err := os.Remove(to + ".wal"); err != nil && !errors.Is(err, fs.ErrNotExist) {
		removeDatabase(work)
		return nil, fmt.Errorf("restore: %w", err)
	}
	if err := os.Rename(work, to); err != nil {
		removeDatabase(work)
		return nil, fmt.Errorf("restore: %w", err)
	}
	return tables, nil
}

func restoreInto(ctx context.Context, from, work string, seed *reference.Catalogue) ([]store.TableDigest, error) {
	if err := copyFile(from, work); err != nil {
		return nil, fmt.Errorf("restore: %w", err)
	}
	if _, err := store.CheckFile(ctx, work); err != nil {
		return nil, domain.Errorf(domain.EINVALID, "error.backup.unreadable", from)
	}
	st, err := store.Open(ctx, work, seed)
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "error.backup.unreadable", from)
	}
	tables, err := st.Digests(ctx)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "error.backup.unreadable", from)
	}
	return tables, nil
}

// Verify checks a database or a backup where it lies, writing nothing: its
// .sha256 when it has one, then every row of every table.
func Verify(ctx context.Context, path string) ([]store.TableDigest, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("verify: %w", err)
	}
	if err := checkSum(path, false); err != nil {
		return nil, err
	}
	tables, err := store.CheckFile(ctx, path)
	if err != nil {
		return nil, domain.Errorf(domain.EINVALID, "error.backup.unreadable", path)
	}
	return tables, nil
}

// checkSum compares the file with the SHA-256 written beside it; a missing
// .sha256 is refused when required.
func checkSum(path string, required bool) error {
	want, err := readSum(path + SumSuffix)
	if errors.Is(err, fs.ErrNotExist) {
		if required {
			return domain.Errorf(domain.EINVALID, "error.backup.no_sum", path)
		}
		return nil
	}
	if err != nil {
		return domain.Errorf(domain.EINVALID, "error.backup.bad_sum", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("check %s: %w", path, err)
	}
	if hex.EncodeToString(h.Sum(nil)) != want {
		return domain.Errorf(domain.EINVALID, "error.backup.damaged", path)
	}
	return nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
