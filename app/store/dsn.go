package store

import (
	"net/url"
	"path/filepath"
	"strings"
)

// fileDSN is the SQLite "file:" URI of the database at path with the query parameters q. Every
// place that opens a database file builds its URI here. The characters that mean something in a
// URI's path are escaped (%, ? and #: "/tmp/dir#1/shequ.db" would otherwise open /tmp/dir, and
// "p%41" would be pA); a UNC path (\\server\share\…) gets an empty authority, so its server
// name is not read as the URI's host.
func fileDSN(path string, q url.Values) string {
	p := uriPathEscaper.Replace(filepath.ToSlash(path))
	if strings.HasPrefix(p, "//") {
		p = "//" + p
	}
	return "file:" + p + "?" + q.Encode()
}

var uriPathEscaper = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

// readOnlyQuery opens a file for reading only, waiting a while for a writer.
func readOnlyQuery() url.Values {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Set("_busy_timeout", "5000")
	return q
}
