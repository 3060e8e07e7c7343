// Package middle is a package between indirect and net/http: the checker must
// name it in the chain it reports.
package middle

import "net/http"

// Client is the client indirect reaches net/http through.
var Client = http.DefaultClient
