// Package clean breaks no rule.
package clean

import "strings"

// Upper is strings.ToUpper.
var Upper = strings.ToUpper
