// Command helper is the worker of procguard's test: it holds a secret in its
// environment, hides its environment when told to, and runs a child that
// tries to read /proc/PARENT/environ, printing what the child saw.
package main

import (
	"fmt"
	"os"
	"os/exec"

	"github.com/exitdrill/exitdrill/internal/procguard"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "hide" {
		if err := procguard.HideEnvironment(); err != nil {
			fmt.Println("hide:", err)
			os.Exit(1)
		}
	}
	// The child reads its parent's (this process's) environment, as a
	// hostile command step would.
	out, err := exec.Command("/bin/sh", "-c", `cat /proc/$PPID/environ 2>&1 | tr '\0' '\n'`).CombinedOutput()
	if err != nil {
		fmt.Println("child:", err)
	}
	os.Stdout.Write(out)
}
