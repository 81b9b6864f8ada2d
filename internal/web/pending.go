package web

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/fcmn/infocentre/internal/auth"
)

// pendingUpload is a previewed file waiting for its uploader to confirm:
// nothing is stored in the database before that.
type pendingUpload struct {
	accountID int64
	name      string
	data      []byte
	kind      string // domain.KindForm for the online form's figures, else a file
}

// The bounds of previews (issue 17): each account has its own, so that one
// account's previews never push out another's; the files wait on disk, not
// in memory; and all of them together stay within a byte budget.
const (
	previewsPerAccount = 4                // an account's newest previews; a fifth replaces its oldest
	previewAccountMB   = 50               // an account's previews, in MB; a new one replaces its oldest
	previewBudgetMB    = 1024             // every account's previews, in MB: beyond, a preview waits (503)
	previewTTL         = 30 * time.Minute // a preview not confirmed by then is dropped
)

// errPreviewsFull is put's answer when the previews of every account fill
// the budget: the uploader tries again a little later.
var errPreviewsFull = errors.New("web: previews fill their budget")

// pendingUploads keeps previewed files in files of a directory of the
// server's own (the store's temporary directory, emptied at start-up and
// removed at shutdown), bounded per account in number and bytes, in bytes
// in all, and in age. A restart loses them, and the uploader simply uploads
// again.
type pendingUploads struct {
	dir          string
	perAccount   int
	accountBytes int64
	budget       int64
	ttl          time.Duration
	now          func() time.Time

	mu    sync.Mutex
	seq   int
	bytes int64 // of every preview kept, or being written
	items map[string]pendingFile
}

// pendingFile is a preview on disk.
type pendingFile struct {
	accountID int64
	name      string
	kind      string
	path      string
	size      int64
	at        time.Time
}

func newPendingUploads(dir string, perAccount int, accountBytes, budget int64, ttl time.Duration) *pendingUploads {
	return &pendingUploads{dir: dir, perAccount: perAccount, accountBytes: accountBytes, budget: budget, ttl: ttl,
		now: time.Now, items: map[string]pendingFile{}}
}

// put keeps a file and returns the random id that confirms it. The
// account's oldest previews make room for it; when every account's
// previews fill the budget, it is errPreviewsFull.
func (p *pendingUploads) put(u pendingUpload) (string, error) {
	id, err := auth.NewSecret()
	if err != nil {
		return "", fmt.Errorf("web: pending upload: %w", err)
	}
	size := int64(len(u.data))
	p.mu.Lock()
	p.expire()
	for {
		n, bytes, oldest := p.account(u.accountID)
		if n == 0 || (n < p.perAccount && bytes+size <= p.accountBytes) {
			break
		}
		p.drop(oldest)
	}
	if p.bytes+size > p.budget {
		p.mu.Unlock()
		return "", errPreviewsFull
	}
	p.seq++
	f := pendingFile{accountID: u.accountID, name: u.name, kind: u.kind, size: size, at: p.now(),
		path: filepath.Join(p.dir, "preview-"+strconv.Itoa(p.seq))}
	p.bytes += size // reserved while the file is written
	p.mu.Unlock()

	if err := os.WriteFile(f.path, u.data, 0o600); err != nil {
		os.Remove(f.path)
		p.mu.Lock()
		p.bytes -= size
		p.mu.Unlock()
		return "", fmt.Errorf("web: pending upload: %w", err)
	}
	p.mu.Lock()
	p.items[id] = f
	p.mu.Unlock()
	return id, nil
}

// take removes and returns the file of id if it belongs to the account: a
// preview can be confirmed or cancelled once, by the one who made it.
func (p *pendingUploads) take(id string, accountID int64) (pendingUpload, bool, error) {
	p.mu.Lock()
	p.expire()
	f, ok := p.items[id]
	if !ok || f.accountID != accountID {
		p.mu.Unlock()
		return pendingUpload{}, false, nil
	}
	delete(p.items, id)
	p.mu.Unlock()
	data, err := os.ReadFile(f.path)
	p.remove(f)
	if err != nil {
		return pendingUpload{}, false, fmt.Errorf("web: pending upload: %w", err)
	}
	return pendingUpload{accountID: f.accountID, name: f.name, data: data, kind: f.kind}, true, nil
}

// account counts the previews of an account, their bytes, and finds its
// oldest; p.mu is held.
func (p *pendingUploads) account(accountID int64) (n int, bytes int64, oldest string) {
	for id, f := range p.items {
		if f.accountID != accountID {
			continue
		}
		n++
		bytes += f.size
		if oldest == "" || f.at.Before(p.items[oldest].at) {
			oldest = id
		}
	}
	return n, bytes, oldest
}

// expire drops the previews older than ttl; p.mu is held.
func (p *pendingUploads) expire() {
	cutoff := p.now().Add(-p.ttl)
	for id, f := range p.items {
		if f.at.Before(cutoff) {
			p.drop(id)
		}
	}
}

// drop forgets a preview and removes its file; p.mu is held.
func (p *pendingUploads) drop(id string) {
	f := p.items[id]
	delete(p.items, id)
	os.Remove(f.path)
	p.bytes -= f.size
}

// remove deletes the file of a preview taken out of items.
func (p *pendingUploads) remove(f pendingFile) {
	os.Remove(f.path)
	p.mu.Lock()
	p.bytes -= f.size
	p.mu.Unlock()
}

// size is the bytes of the previews kept, or being written.
func (p *pendingUploads) size() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.bytes
}
