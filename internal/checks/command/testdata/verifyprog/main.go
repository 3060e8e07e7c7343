// Command verifyprog is the program of the container step tests' image, built
// FROM scratch: it prints its arguments' instructions and exits as told.
//
//	verifyprog [-env NAME]... [-lines N] [-sleep DURATION] [-exit CODE] [TEXT]
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
	lines := flag.Int("lines", 0, "print this many numbered lines")
	sleep := flag.Duration("sleep", 0, "how long to take")
	code := flag.Int("exit", 0, "exit code")
	flag.Parse()
	for _, k := range env {
		fmt.Printf("%s=%s\n", k, os.Getenv(k))
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
