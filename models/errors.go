// Package models holds shequ's domain types, value types and validation.
// It imports no Fyne, no GORM dialect and nothing from app/.
package models

import (
	"errors"
	"strings"
)

// Sentinel errors; wrap them with %w so callers can test with errors.Is.
var (
	ErrNotFound = errors.New("记录不存在")
	ErrInvalid  = errors.New("数据不合法")
	ErrConflict = errors.New("记录冲突")
)

// FieldError is one validation failure: which field, and a Chinese sentence for the user.
type FieldError struct {
	Field   string // the Chinese field label shown to the user
	Message string
}

// ValidationError collects every field problem of one record, so the user sees all of them at once.
type ValidationError struct {
	Fields []FieldError
}

func (e *ValidationError) Add(field, msg string) { e.Fields = append(e.Fields, FieldError{field, msg}) }

// Err returns nil when nothing was added, so validators can end with `return v.Err()`.
func (e *ValidationError) Err() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

func (e *ValidationError) Error() string {
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + "：" + f.Message
	}
	return strings.Join(parts, "；")
}

func (e *ValidationError) Unwrap() error { return ErrInvalid }
