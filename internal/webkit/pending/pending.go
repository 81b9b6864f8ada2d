// Package pending keeps previewed uploads on disk until their uploader
// confirms or cancels them: nothing is stored in the database before that.
package pending

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

// Upload is a previewed file waiting for its uploader to confirm.
type Upload struct {
	AccountID int64
	Name      string
	Data      []byte
	Kind      string // domain.KindForm for the online form's figures, else a file
}

// Limits bound the previews (issue 17): each account has its own, so that
// one account's previews never push out another's; and all of them
// together stay within a byte budget.
type Limits struct {
	PerAccount   int           // an account's newest previews; one more replaces its oldest
	AccountBytes int64         // an account's previews; a new one replaces its oldest
	Budget       int64         // every account's previews: beyond, a preview waits
	TTL          time.Duration // a preview not confirmed by then is dropped
}

// ErrFull is Put's answer when the previews of every account fill the
// budget: the uploader tries again a little later.
var ErrFull = errors.New("pending: previews fill their budget")

// Uploads keeps previewed files in files of a directory of the
// server's own (the store's temporary directory, emptied at start-up and
// removed at shutdown), bounded per account in number and bytes, in bytes
// in all, and in age. A restart loses them, and the uploader simply uploads
// again.
type Uploads struct {
	dir string
	lim Limits
	now func() time.Time

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

// New keeps previews in dir, within lim; now is the time of the previews'
// age.
func New(dir string, lim Limits, now func() time.Time) *Uploads {
	return &Uploads{dir: dir, lim: lim, now: now, items: map[string]pendingFile{}}
}

// Put keeps a file and returns the random id that confirms it. The
// account's oldest previews make room for it; when every account's
// previews fill the budget, it is ErrFull.
func (p *Uploads) Put(u Upload) (string, error) {
	id, err := auth.NewSecret()
	if err != nil {
		return "", fmt.Errorf("pending: upload: %w", err)
	}
	size := int64(len(u.Data))
	p.mu.Lock()
	p.expire()
	for {
		n, bytes, oldest := p.account(u.AccountID)
		if n == 0 || (n < p.lim.PerAccount && bytes+size <= p.lim.AccountBytes) {
			break
		}
		p.drop(oldest)
	}
	if p.bytes+size > p.lim.Budget {
		p.mu.Unlock()
		return "", ErrFull
	}
	p.seq++
	f := pendingFile{accountID: u.AccountID, name: u.Name, kind: u.Kind, size: size, at: p.now(),
		path: filepath.Join(p.dir, "preview-"+strconv.Itoa(p.seq))}
	p.bytes += size // reserved while the file is written
	p.mu.Unlock()

	if err := os.WriteFile(f.path, u.Data, 0o600); err != nil {
		os.Remove(f.path)
		p.mu.Lock()
		p.bytes -= size
		p.mu.Unlock()
		return "", fmt.Errorf("pending: upload: %w", err)
	}
	p.mu.Lock()
	p.items[id] = f
	p.mu.Unlock()
	return id, nil
}

// Take removes and returns the file of id if it belongs to the account: a
// preview can be confirmed or cancelled once, by the one who made it.
func (p *Uploads) Take(id string, accountID int64) (Upload, bool, error) {
	p.mu.Lock()
	p.expire()
	f, ok := p.items[id]
	if !ok || f.accountID != accountID {
		p.mu.Unlock()
		return Upload{}, false, nil
	}
	delete(p.items, id)
	p.mu.Unlock()
	data, err := os.ReadFile(f.path)
	p.remove(f)
	if err != nil {
		return Upload{}, false, fmt.Errorf("pending: upload: %w", err)
	}
	return Upload{AccountID: f.accountID, Name: f.name, Data: data, Kind: f.kind}, true, nil
}

// account counts the previews of an account, their bytes, and finds its
// oldest; p.mu is held.
func (p *Uploads) account(accountID int64) (n int, bytes int64, oldest string) {
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
func (p *Uploads) expire() {
	cutoff := p.now().Add(-p.lim.TTL)
	for id, f := range p.items {
		if f.at.Before(cutoff) {
			p.drop(id)
		}
	}
}

// drop forgets a preview and removes its file; p.mu is held.
func (p *Uploads) drop(id string) {
	f := p.items[id]
	delete(p.items, id)
	os.Remove(f.path)
	p.bytes -= f.size
}

// remove deletes the file of a preview taken out of items.
func (p *Uploads) remove(f pendingFile) {
	os.Remove(f.path)
	p.mu.Lock()
	p.bytes -= f.size
	p.mu.Unlock()
}

// Size is the bytes of the previews kept, or being written.
func (p *Uploads) Size() int64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.bytes
}
