package sheet

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"strconv"
	"unicode/utf8"
)

// xmlScanner is a small streaming tokenizer for the parts of an .xlsx that shequ reads (the
// worksheet XML, shared strings, the workbook and its relationships). It yields start tags
// (local name and attributes, namespace prefixes dropped), end tags and, only when asked,
// decoded text — without allocating per token, which is where excelize's row iterator spends
// most of an import. Every buffer is bounded: a hostile part gives errXMLLimit, never a full
// memory.
type xmlScanner struct {
	r      *bufio.Reader
	tag    []byte  // the last tag's bytes between '<' and '>'
	local  []byte  // its local name (a slice of tag)
	end    bool    // an end tag
	closed bool    // a start tag that closes itself (<c r="A1"/>)
	attrs  []xattr // its attributes (slices of tag, values still escaped)
	raw    []byte  // text between tags, kept while it is split over buffer refills
	err    error
}

type xattr struct{ local, val []byte }

var (
	errXMLSyntax = errors.New("xml syntax")
	errXMLLimit  = errors.New("xml limit")
	// errXMLFallback: a part declares an encoding other than UTF-8, or holds CDATA or a
	// DOCTYPE; the caller reads it with excelize as before.
	errXMLFallback = errors.New("xml part for excelize")
)

// maxTagBytes bounds one tag with its attributes; maxTextBytes one run of text (Excel's own
// limit is 32,767 characters a cell, under 128 KiB in UTF-8).
const (
	maxTagBytes  = 64 << 10
	maxTextBytes = 1 << 20
)

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: bufio.NewReaderSize(r, 64<<10)}
}

// next moves to the next element tag. When text is not nil, the text before that tag is
// decoded and appended to *text (entities resolved, line ends as encoding/xml gives them);
// otherwise it is skipped. It returns false at the end of the part or on an error (in s.err).
func (s *xmlScanner) next(text *[]byte) bool {
	for s.err == nil && s.readText(text) {
		switch s.readTag() {
		case tagElement:
			return true
		case tagFailed:
			return false
		}
	}
	return false
}

// readText consumes everything up to and including the next '<'; false at the end.
func (s *xmlScanner) readText(text *[]byte) bool {
	s.raw = s.raw[:0]
	for {
		chunk, err := s.r.ReadSlice('<')
		if text != nil {
			s.raw = append(s.raw, chunk...)
			if len(s.raw) > maxTextBytes {
				s.err = errXMLLimit
				return false
			}
		}
		switch {
		case err == nil:
			if text != nil {
				*text, s.err = appendDecoded(*text, s.raw[:len(s.raw)-1])
			}
			return s.err == nil
		case errors.Is(err, bufio.ErrBufferFull):
		case errors.Is(err, io.EOF):
			return false
		default:
			s.err = err
			return false
		}
	}
}

const (
	tagElement = iota
	tagSkipped // a comment or the XML declaration
	tagFailed
)

// readTag reads the tag after a '<'.
func (s *xmlScanner) readTag() int {
	s.tag = s.tag[:0]
	var q byte // the quote open at the end of what is read so far
	for {
		chunk, err := s.r.ReadSlice('>')
		s.tag = append(s.tag, chunk...)
		if len(s.tag) > maxTagBytes {
			s.err = errXMLLimit
			return tagFailed
		}
		if err != nil && !errors.Is(err, bufio.ErrBufferFull) {
			s.err = errXMLSyntax
			return tagFailed
		}
		q = quoteAfter(q, chunk)
		if err == nil && s.tagComplete(q) {
			break
		}
	}
	t := s.tag[:len(s.tag)-1]
	switch {
	case len(t) == 0:
		s.err = errXMLSyntax
	case t[0] == '?':
		if s.prolog(t) {
			return tagSkipped
		}
	case bytes.HasPrefix(t, []byte("!--")):
		return tagSkipped
	case t[0] == '!':
		// CDATA or a DOCTYPE: Excel and WPS write neither; excelize reads such a part as before.
		s.err = errXMLFallback
	default:
		if s.parseTag(t) {
			return tagElement
		}
	}
	return tagFailed
}

// tagComplete: the '>' just read ends the tag (it is not inside a quoted attribute value, q
// being the quote still open, or a comment).
func (s *xmlScanner) tagComplete(q byte) bool {
	t := s.tag
	if bytes.HasPrefix(t, []byte("!--")) {
		return len(t) >= 6 && bytes.HasSuffix(t, []byte("-->"))
	}
	if len(t) > 0 && t[0] == '!' {
		return true // CDATA or DOCTYPE: handed back to excelize, not read on
	}
	return q == 0
}

// quoteAfter is the quote open after chunk when q was open before it. Only the new chunk is
// looked at: scanning the whole tag at each '>' made a tag of quoted '>'s cost its length squared.
func quoteAfter(q byte, chunk []byte) byte {
	for _, c := range chunk {
		switch {
		case q != 0 && c == q:
			q = 0
		case q == 0 && (c == '"' || c == '\''):
			q = c
		}
	}
	return q
}

// prolog refuses a declared encoding other than UTF-8.
func (s *xmlScanner) prolog(t []byte) bool {
	if !bytes.HasPrefix(t, []byte("?xml")) {
		return true
	}
	if _, err := s.parseAttrs(bytes.TrimSuffix(t[4:], []byte("?"))); err != nil {
		s.err = err
		return false
	}
	for _, a := range s.attrs {
		if string(a.local) == "encoding" && !bytes.EqualFold(a.val, []byte("utf-8")) && !bytes.EqualFold(a.val, []byte("utf8")) {
			s.err = errXMLFallback
			return false
		}
	}
	return true
}

func (s *xmlScanner) parseTag(t []byte) bool {
	s.end, s.closed = false, false
	if t[0] == '/' {
		s.end, t = true, bytes.TrimRight(t[1:], " \t\r\n")
	} else if t[len(t)-1] == '/' {
		s.closed, t = true, t[:len(t)-1]
	}
	n := 0
	for n < len(t) && !isSpace(t[n]) {
		n++
	}
	if n == 0 {
		s.err = errXMLSyntax
		return false
	}
	s.local = localName(t[:n])
	s.attrs = s.attrs[:0]
	if s.end {
		if n != len(t) {
			s.err = errXMLSyntax
			return false
		}
		return true
	}
	if _, err := s.parseAttrs(t[n:]); err != nil {
		s.err = err
		return false
	}
	return true
}

// parseAttrs reads name="value" pairs into s.attrs.
func (s *xmlScanner) parseAttrs(t []byte) (int, error) {
	s.attrs = s.attrs[:0]
	for {
		t = bytes.TrimLeft(t, " \t\r\n")
		if len(t) == 0 {
			return len(s.attrs), nil
		}
		eq := bytes.IndexByte(t, '=')
		if eq <= 0 {
			return 0, errXMLSyntax
		}
		name := bytes.TrimRight(t[:eq], " \t\r\n")
		t = bytes.TrimLeft(t[eq+1:], " \t\r\n")
		if len(t) == 0 || (t[0] != '"' && t[0] != '\'') {
			return 0, errXMLSyntax
		}
		end := bytes.IndexByte(t[1:], t[0])
		if end < 0 {
			return 0, errXMLSyntax
		}
		s.attrs = append(s.attrs, xattr{local: localName(name), val: t[1 : 1+end]})
		t = t[end+2:]
		if len(t) > 0 && !isSpace(t[0]) {
			return 0, errXMLSyntax
		}
	}
}

// attr returns the decoded value of the attribute with this local name ("" when absent).
func (s *xmlScanner) attr(name string) string {
	for _, a := range s.attrs {
		if string(a.local) == name {
			if bytes.IndexByte(a.val, '&') < 0 {
				return string(a.val)
			}
			v, err := appendDecoded(nil, a.val)
			if err != nil {
				s.err = err
			}
			return string(v)
		}
	}
	return ""
}

// attrBytes is attr for plain values (cell references, types), without allocating.
func (s *xmlScanner) attrBytes(name string) []byte {
	for _, a := range s.attrs {
		if string(a.local) == name {
			return a.val
		}
	}
	return nil
}

func (s *xmlScanner) is(name string) bool { return string(s.local) == name }

func localName(n []byte) []byte {
	if i := bytes.LastIndexByte(n, ':'); i >= 0 {
		return n[i+1:]
	}
	return n
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// appendDecoded appends XML character data to dst with its entities resolved and its line ends
// normalised ("\r\n" and "\r" become "\n", as encoding/xml gives them).
func appendDecoded(dst, raw []byte) ([]byte, error) {
	for len(raw) > 0 {
		i := bytes.IndexAny(raw, "&\r")
		if i < 0 {
			return append(dst, raw...), nil
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		if raw[0] == '\r' {
			dst = append(dst, '\n')
			raw = raw[1:]
			if len(raw) > 0 && raw[0] == '\n' {
				raw = raw[1:]
			}
			continue
		}
		semi := bytes.IndexByte(raw, ';')
		if semi < 2 || semi > 12 {
			return dst, errXMLSyntax
		}
		ent := raw[1:semi]
		raw = raw[semi+1:]
		switch string(ent) {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			r, ok := charRef(ent)
			if !ok {
				return dst, errXMLSyntax
			}
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst, nil
}

// charRef reads "#123" or "#x7B"; a code point XML does not allow is refused as encoding/xml does.
func charRef(ent []byte) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	var n uint64
	var err error
	if ent[1] == 'x' {
		n, err = strconv.ParseUint(string(ent[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(ent[1:]), 10, 32)
	}
	r := rune(n)
	if err != nil || !xmlChar(r) {
		return 0, false
	}
	return r, true
}

func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}
