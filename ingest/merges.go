package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"
)

// maxColumns bounds how wide a merged range is filled: no export has more
// columns, and a range up to column XFD must not make every row 16,384 wide.
const maxColumns = 512

// merge is a merged range: rows [r1, r2], columns [c1, c2] (0-based). Its
// value is the one of its top-left cell, taken when that row is read.
type merge struct {
	r1, r2, c1, c2 int
	value          string
}

// mergeRef matches <mergeCell ref="A1:C1"/>, with or without a prefix.
var mergeRef = regexp.MustCompile(`<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+):([A-Z]+[0-9]+)"`)

// xlsxMerges reads the merged ranges of every sheet straight from the zip.
// excelize's GetMergeCells would parse the whole sheet into memory, which
// costs more than reading all its rows; the ranges sit after the rows, so a
// byte scan for them is enough.
func xlsxMerges(data []byte) (map[string][]*merge, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/")] = f
	}
	sheets, err := sheetParts(parts)
	if err != nil {
		return nil, err
	}
	out := map[string][]*merge{}
	for name, part := range sheets {
		f, ok := parts[part]
		if !ok {
			continue
		}
		ms, err := scanMerges(f)
		if err != nil {
			return nil, fmt.Errorf("sheet %q: %w", name, err)
		}
		out[name] = ms
	}
	return out, nil
}

// sheetParts maps each sheet name to its part, through the workbook's
// relationships.
func sheetParts(parts map[string]*zip.File) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := decodePart(parts, "xl/workbook.xml", &wb); err != nil {
		return nil, err
	}
	if err := decodePart(parts, "xl/_rels/workbook.xml.rels", &rels); err != nil {
		return nil, err
	}
	targets := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		targets[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = targets[s.RID]
	}
	return out, nil
}

// decodePart unmarshals a small XML part; a missing one decodes to nothing.
func decodePart(parts map[string]*zip.File, name string, v any) error {
	f, ok := parts[name]
	if !ok {
		return nil
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(io.LimitReader(rc, 16<<20)).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// scanMerges streams a sheet part looking for its mergeCells element.
func scanMerges(f *zip.File) ([]*merge, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	const overlap = 16
	buf := make([]byte, 0, 256<<10)
	chunk := make([]byte, 128<<10)
	var tail []byte
	for {
		n, err := rc.Read(chunk)
		if n > 0 {
			window := append(append(buf[:0], tail...), chunk[:n]...)
			if i := bytes.Index(window, []byte("mergeCells")); i >= 0 {
				rest, err := io.ReadAll(io.LimitReader(rc, 16<<20))
				if err != nil {
					return nil, err
				}
				return parseMerges(append(window[i:], rest...))
			}
			tail = append(tail[:0], window[max(0, len(window)-overlap):]...)
		}
		if err == io.EOF {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

func parseMerges(xmlText []byte) ([]*merge, error) {
	var out []*merge
	for _, m := range mergeRef.FindAllSubmatch(xmlText, -1) {
		c1, r1, err := excelize.CellNameToCoordinates(string(m[1]))
		if err != nil {
			return nil, err
		}
		c2, r2, err := excelize.CellNameToCoordinates(string(m[2]))
		if err != nil {
			return nil, err
		}
		if c1 > maxColumns || c2 < c1 || r2 < r1 {
			continue
		}
		out = append(out, &merge{r1: r1, r2: r2, c1: c1 - 1, c2: min(c2, maxColumns) - 1})
	}
	return out, nil
}
