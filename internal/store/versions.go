package store

import (
	"context"
	"slices"
	"sync"
)

// versionLocks serialise, per organisation, the transactions that number
// new submissions: a version is the next after those committed, so two
// transactions numbering the same organisation-year at once would both take
// the same one. Taken before the transaction begins (its snapshot must see
// the previous writer's commit) and held until it ends. The database file
// has one process, so a lock in the process is enough; the retry on a write
// conflict stays for what no lock covers.
type versionLocks struct {
	mu   sync.Mutex
	orgs map[string]chan struct{} // one slot per organisation
}

// lock takes the locks of orgs, in sorted order so that two callers never
// wait on each other, and returns their release. It gives up when ctx ends.
func (l *versionLocks) lock(ctx context.Context, orgs []string) (func(), error) {
	sorted := slices.Compact(slices.Sorted(slices.Values(orgs)))
	l.mu.Lock()
	if l.orgs == nil {
		l.orgs = map[string]chan struct{}{}
	}
	slots := make([]chan struct{}, len(sorted))
	for i, org := range sorted {
		if l.orgs[org] == nil {
			l.orgs[org] = make(chan struct{}, 1)
		}
		slots[i] = l.orgs[org]
	}
	l.mu.Unlock()
	release := func(n int) {
		for i := n - 1; i >= 0; i-- {
			<-slots[i]
		}
	}
	for i, slot := range slots {
		select {
		case slot <- struct{}{}:
		case <-ctx.Done():
			release(i)
			return nil, ctx.Err()
		}
	}
	return func() { release(len(slots)) }, nil
}
