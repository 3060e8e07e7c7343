//go:build !exitdrill_light

package main

// tuneGC leaves the collector as it is: exitdrill-engine runs the server,
// workers and the console for as long as they are wanted.
func tuneGC() {}
