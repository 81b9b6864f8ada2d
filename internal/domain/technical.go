package domain

import (
	"errors"
	"io/fs"
	"syscall"

	"github.com/fcmn/infocentre/internal/locale"
)

// fileErrorKeys are the errors of the file system a person can act on, with
// the locale key that says them; the path they name is kept as data.
var fileErrorKeys = []struct {
	err error
	key string
}{
	{fs.ErrNotExist, "error.file.not_found"},
	{fs.ErrPermission, "error.file.permission"},
	{syscall.EISDIR, "error.file.is_directory"},
}

// fileErrorKey returns the key that says a file-system error on a path (a
// missing file, a file one may not read or write, a folder where a file was
// expected) and the path; ok is false for any other error.
func fileErrorKey(err error) (key, path string, ok bool) {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return "", "", false
	}
	for _, fe := range fileErrorKeys {
		if errors.Is(err, fe.err) {
			return fe.key, pe.Path, true
		}
	}
	return "", "", false
}

// fileErrorText says a file-system error in pr's language, the path kept as
// it is.
func fileErrorText(err error, pr *locale.Printer) (string, bool) {
	key, path, ok := fileErrorKey(err)
	if !ok {
		return "", false
	}
	return pr.T(key, path), true
}

// IsFileError reports whether err is one of the file-system errors that
// ErrorText says in the reader's language: the file, not the program, is
// at fault.
func IsFileError(err error) bool {
	_, _, ok := fileErrorKey(err)
	return ok
}
