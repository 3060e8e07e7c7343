//go:build integration

// Command stepper is the program the integration suite's command and container
// steps run inside images built FROM scratch, where there is no shell: it
// records that it started, takes its time, prints and exits as told.
//
//	stepper [-mark FILE] [-sleep DURATION] [-print TEXT] [-exit CODE]
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	mark := flag.String("mark", os.Getenv("STEPPER_MARK"), "append \"started HOSTNAME\" to this file first (default $STEPPER_MARK)")
	sleep := flag.Duration("sleep", 0, "how long to take")
	text := flag.String("print", "", "a line to print on stdout before exiting")
	code := flag.Int("exit", 0, "the exit code")
	flag.Parse()
	if *mark != "" {
		if err := appendLine(*mark); err != nil {
			fmt.Fprintln(os.Stderr, "stepper:", err)
			os.Exit(125)
		}
	}
	time.Sleep(*sleep)
	if *text != "" {
		fmt.Println(*text)
	}
	os.Exit(*code)
}

func appendLine(path string) error {
	host, _ := os.Hostname()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "started %s %s\n", host, time.Now().UTC().Format(time.RFC3339Nano))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
