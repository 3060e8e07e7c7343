// Command verifyprog is the program of the container step tests' image, built
// FROM scratch: it prints its arguments' instructions and exits as told.
//
//	verifyprog [-env NAME]... [-file PATH]... [-lines N] [-sleep DURATION] [-exit CODE] [TEXT]
//
// -file prints the content of the first of the files named that exists (the
// cgroup v1 or v2 path of a limit).
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

func main() {
	var env multi
	flag.Var(&env, "env", "print NAME=value of this variable (repeatable)")
	var files multi
	flag.Var(&files, "file", "print the content of the first of these files that exists (repeatable)")
	lines := flag.Int("lines", 0, "print this many numbered lines")
	sleep := flag.Duration("sleep", 0, "how long to take")
	code := flag.Int("exit", 0, "exit code")
	flag.Parse()
	for _, k := range env {
		fmt.Printf("%s=%s\n", k, os.Getenv(k))
	}
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil {
			fmt.Print(string(b))
			break
		}
	}
	for i := 1; i <= *lines; i++ {
		fmt.Println(i)
	}
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, strings.Join(flag.Args(), " "))
	}
	time.Sleep(*sleep)
	os.Exit(*code)
}

type multi []string

func (m *multi) String() string     { return strings.Join(*m, ",") }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }
