package cli

import "github.com/exitdrill/exitdrill/reports"

// renderReports renders the reports every evidence bundle carries.
var renderReports = reports.All
