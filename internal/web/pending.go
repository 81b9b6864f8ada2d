package web

import (
	"fmt"
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
	at        time.Time
}

// pendingUploads keeps previewed files in memory, bounded in count and age
// so that abandoned previews cannot pile up; the oldest goes first. A
// restart loses them, and the uploader simply uploads again.
type pendingUploads struct {
	max int
	ttl time.Duration
	now func() time.Time

	mu    sync.Mutex
	items map[string]pendingUpload
}

func newPendingUploads(max int, ttl time.Duration) *pendingUploads {
	return &pendingUploads{max: max, ttl: ttl, now: time.Now, items: map[string]pendingUpload{}}
}

// put keeps a file and returns the random id that confirms it.
func (p *pendingUploads) put(u pendingUpload) (string, error) {
	id, err := auth.NewSecret()
	if err != nil {
		return "", fmt.Errorf("web: pending upload: %w", err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.expire()
	for len(p.items) >= p.max {
		oldest := ""
		for k, it := range p.items {
			if oldest == "" || it.at.Before(p.items[oldest].at) {
				oldest = k
			}
		}
		delete(p.items, oldest)
	}
	u.at = p.now()
	p.items[id] = u
	return id, nil
}

// take removes and returns the file of id if it belongs to the account: a
// preview can be confirmed or cancelled once, by the one who made it.
func (p *pendingUploads) take(id string, accountID int64) (pendingUpload, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.expire()
	u, ok := p.items[id]
	if !ok || u.accountID != accountID {
		return pendingUpload{}, false
	}
	delete(p.items, id)
	return u, true
}

// expire drops the files older than ttl; p.mu is held.
func (p *pendingUploads) expire() {
	cutoff := p.now().Add(-p.ttl)
	for k, it := range p.items {
		if it.at.Before(cutoff) {
			delete(p.items, k)
		}
	}
}
