// Package testfiles builds hostile files for tests of the importers and the
// upload handlers.
package testfiles

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
)

// XLSXBomb builds an XLSX-looking zip whose worksheet inflates to size
// bytes of zeros. If lie is set, the zip headers claim the part is 1 KB, so
// that only the inflation itself can tell.
func XLSXBomb(size int64, lie bool) ([]byte, error) {
	var compressed bytes.Buffer
	fw, err := flate.NewWriter(&compressed, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	crc := crc32.NewIEEE()
	chunk := make([]byte, 1<<20)
	for written := int64(0); written < size; written += int64(len(chunk)) {
		fw.Write(chunk)
		crc.Write(chunk)
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, part := range []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`},
		{"xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`},
	} {
		w, err := zw.Create(part.name)
		if err != nil {
			return nil, err
		}
		io.WriteString(w, part.body)
	}
	hdr := &zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(compressed.Len()), UncompressedSize64: uint64(size)}
	if lie {
		hdr.UncompressedSize64 = 1024
	}
	w, err := zw.CreateRaw(hdr)
	if err != nil {
		return nil, err
	}
	w.Write(compressed.Bytes())
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// InflateCell rewrites an XLSX, putting size characters "0" in place of the
// text marker wherever the workbook keeps it (a sheet or the shared
// strings): a small file whose one cell unpacks to size bytes.
func InflateCell(xlsx []byte, marker string, size int) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	found := false
	for _, part := range zr.File {
		rc, err := part.Open()
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		w, err := zw.Create(part.Name)
		if err != nil {
			return nil, err
		}
		before, after, ok := bytes.Cut(body, []byte(marker))
		if !ok {
			w.Write(body)
			continue
		}
		found = true
		w.Write(before)
		zeros := bytes.Repeat([]byte("0"), 1<<20)
		for written := 0; written < size; written += len(zeros) {
			w.Write(zeros[:min(len(zeros), size-written)])
		}
		w.Write(after)
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	if !found {
		return nil, fmt.Errorf("testfiles: no %q in the workbook", marker)
	}
	return out.Bytes(), nil
}
