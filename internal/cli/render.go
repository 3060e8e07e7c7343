package cli

import "github.com/exitdrill/exitdrill/reports"

// renderReports renders the reports every evidence bundle carries: a drill's
// report in every format of the reports' format table.
var renderReports = reports.All
