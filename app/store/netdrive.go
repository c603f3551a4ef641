package store

import (
	"os"
	"path/filepath"
)

// A desk database must live on a local disk: SQLite's WAL relies on shared memory and file locks
// that SMB and NFS do not provide reliably, and a dropped connection in the middle of a write
// corrupts the file. Backups are whole files written by VACUUM INTO and may go to a network folder.

// OnNetworkDrive reports whether path (or, when it does not exist yet, its nearest existing
// folder) lies on a network file system, and which kind.
func OnNetworkDrive(path string) (bool, string) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false, ""
	}
	return networkProbe(existingAncestor(abs))
}

// networkProbe is networkFS; tests replace it to stand for a mounted share.
var networkProbe = networkFS

func existingAncestor(p string) string {
	for {
		if _, err := os.Stat(p); err == nil {
			return p
		}
		parent := filepath.Dir(p)
		if parent == p {
			return p
		}
		p = parent
	}
}

func refuseNetworkDrive(path string) error {
	if remote, kind := OnNetworkDrive(path); remote {
		return newFailure(path, "", ErrNetworkDrive, &networkDriveError{kind: kind})
	}
	return nil
}

type networkDriveError struct{ kind string }

func (e *networkDriveError) Error() string { return "network file system: " + e.kind }
