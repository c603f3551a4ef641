package store

import (
	"net/url"
	"path/filepath"
)

// fileDSN is the SQLite "file:" URI of the database at path with the query parameters q. Every
// place that opens a database file builds its URI here.
func fileDSN(path string, q url.Values) string {
	return "file:" + filepath.ToSlash(path) + "?" + q.Encode()
}

// readOnlyQuery opens a file for reading only, waiting a while for a writer.
func readOnlyQuery() url.Values {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Set("_busy_timeout", "5000")
	return q
}
