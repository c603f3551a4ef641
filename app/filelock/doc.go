// Package filelock takes and drops advisory locks on open files without waiting: flock on
// Unix, LockFileEx on Windows. The database's one-window lock, its use lock and the opened
// attachments' folder lock all rest on it.
package filelock
