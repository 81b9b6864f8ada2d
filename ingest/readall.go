package ingest

import (
	"bytes"
	"io"
)

// ReadAtMost reads r whole, up to limit bytes, into a buffer of size bytes
// (what the caller knows of r's length, 0 if nothing): growing a buffer from
// 512 bytes to a 3 MB export costs more than reading it. over tells that r
// holds more than limit bytes; data is then not the whole of r.
func ReadAtMost(r io.Reader, size, limit int64) (data []byte, over bool, err error) {
	size = min(max(size, 0), limit) + 1 // the byte past limit tells a file too large
	buf := bytes.NewBuffer(make([]byte, 0, size+bytes.MinRead))
	if _, err := buf.ReadFrom(io.LimitReader(r, limit+1)); err != nil {
		return nil, false, err
	}
	return buf.Bytes(), int64(buf.Len()) > limit, nil
}
