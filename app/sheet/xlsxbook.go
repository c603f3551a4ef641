package sheet

import (
	"archive/zip"
	"errors"
	"fmt"
	"path"
	"strings"
	"unicode/utf8"
)

// The workbook's own parts, read without excelize: which sheets it has, in order, where each
// one's XML is, and the shared strings. Anything unusual (a part missing, another encoding)
// gives an error, and the caller lets excelize open the file as before.

// book is what the workbook part and its relationships say.
type book struct {
	names []string
	parts []string // zip entry of each sheet's XML, "" when it is not where the rels say
	count int      // the sheets listed; past maxSheets they are counted, not read
}

const officeDocRel = "/officeDocument"

// readBook finds the workbook through _rels/.rels and lists its sheets, the first maxSheets+1
// of them with their parts (a workbook may list millions; matching each took minutes).
func readBook(zr *zip.Reader, maxSheets int) (book, error) {
	var b book
	wbPath := "xl/workbook.xml"
	if rels, err := readRels(zr, "_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, officeDocRel) {
				wbPath = r.target
			}
		}
	}
	dir := path.Dir(wbPath)
	rels, err := readRels(zr, path.Join(dir, "_rels", path.Base(wbPath)+".rels"), dir)
	if err != nil {
		return b, err
	}
	zf := zipEntry(zr, wbPath)
	if zf == nil {
		return b, errors.New("no workbook part")
	}
	rc, err := zf.Open()
	if err != nil {
		return b, err
	}
	defer rc.Close()
	targets := make(map[string]string, len(rels))
	for _, r := range rels {
		targets[r.id] = r.target // the last of an id, as before
	}
	sc := newXMLScanner(rc)
	seen := map[string]string{} // part → the first sheet on it
	for sc.next(nil) {
		if sc.end || !sc.is("sheet") {
			continue
		}
		if b.count++; b.count > maxSheets+1 {
			continue
		}
		name, target := sc.attr("name"), targets[sc.attr("id")]
		if !utf8.ValidString(name) {
			return b, errXMLSyntax // as encoding/xml: excelize then says the file is broken
		}
		b.names = append(b.names, name)
		if zf := zipEntry(zr, target); zf == nil {
			target = ""
		} else if first, ok := seen[zf.Name]; ok {
			return b, &sharedPartError{first: first, second: name}
		} else {
			seen[zf.Name] = name
		}
		b.parts = append(b.parts, target)
	}
	return b, sc.err
}

// sharedPartError: two sheets point at one part, which every sheet read would unpack again
// (255 sheets on one large part: minutes of CPU from a small file). Excel and WPS never do it.
type sharedPartError struct{ first, second string }

func (e *sharedPartError) Error() string {
	return fmt.Sprintf("sheets %q and %q share a part", e.first, e.second)
}

type rel struct{ id, typ, target string }

// readRels reads a relationships part; targets are made paths in the zip relative to dir.
func readRels(zr *zip.Reader, name, dir string) ([]rel, error) {
	zf := zipEntry(zr, name)
	if zf == nil {
		return nil, errors.New("no relationships part")
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var out []rel
	sc := newXMLScanner(rc)
	for sc.next(nil) {
		if sc.end || !sc.is("Relationship") || sc.attr("TargetMode") == "External" {
			continue
		}
		t := sc.attr("Target")
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		out = append(out, rel{id: sc.attr("Id"), typ: sc.attr("Type"), target: t})
	}
	return out, sc.err
}

// zipEntry finds a part by name, ignoring case as Excel does.
func zipEntry(zr *zip.Reader, name string) *zip.File {
	if name == "" {
		return nil
	}
	var fold *zip.File
	for _, zf := range zr.File {
		if zf.Name == name {
			return zf
		}
		if fold == nil && strings.EqualFold(zf.Name, name) {
			fold = zf
		}
	}
	return fold
}

// readSST reads xl/sharedStrings.xml (where excelize looks for it too). The table is held in
// memory, so it is bounded: its text and 16 bytes an entry may not pass maxBytes; past that
// errXMLFallback hands the workbook to excelize, which spills a large table to a temporary file.
func readSST(zr *zip.Reader, maxBytes int64) ([]string, error) {
	zf := zipEntry(zr, "xl/sharedStrings.xml")
	if zf == nil {
		return nil, nil
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	var out []string
	var buf []byte
	size := int64(0)
	sc := newXMLScanner(rc)
	for sc.next(nil) {
		if sc.end && sc.is("sst") || sc.closed && sc.is("sst") {
			return out, nil
		}
		if sc.end || !sc.is("si") {
			continue
		}
		buf = buf[:0]
		if !sc.closed {
			if buf, err = appendRichText(sc, buf, "si"); err != nil {
				return nil, &posError{item: len(out) + 1, err: err}
			}
		}
		if !utf8.Valid(buf) {
			return nil, &posError{item: len(out) + 1, err: errXMLSyntax}
		}
		if size += int64(len(buf)) + 16; size > maxBytes {
			return nil, errXMLFallback
		}
		out = append(out, bstrUnescape(string(buf)))
	}
	if errors.Is(sc.err, errXMLFallback) {
		return nil, sc.err
	}
	return nil, &posError{item: len(out) + 1, err: orSyntax(sc.err)} // cut short, or broken
}
