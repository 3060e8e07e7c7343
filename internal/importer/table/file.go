package table

import (
	"context"
	"errors"
	"path/filepath"

	"github.com/exitdrill/exitdrill/internal/boundedio"
)

// ReadFile reads a whole input file, only when it is a regular file (not a
// pipe, device or directory) no larger than lim.FileBytes.
func ReadFile(ctx context.Context, path string, lim Limits) ([]byte, error) {
	lim = lim.withDefaults()
	data, err := boundedio.ReadAllRegular(ctx, path, lim.FileBytes, "the file", "")
	if err != nil {
		var tl *boundedio.TooLargeError
		if errors.As(err, &tl) {
			return nil, &Error{Loc: Loc{File: filepath.Base(path)}, Problem: "file is larger than the limit of " + boundedio.Bytes(lim.FileBytes)}
		}
		return nil, &Error{Loc: Loc{File: filepath.Base(path)}, Problem: "cannot read the file: " + err.Error()}
	}
	return data, nil
}
