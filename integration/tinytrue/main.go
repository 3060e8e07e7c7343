//go:build integration

// Command tinytrue writes the smallest program that does nothing: a static
// ELF executable for this machine's architecture (amd64 or arm64) that exits
// 0 at once, like true(1). The scale benchmark's trivial command steps run
// it inside images built FROM scratch, where there is no `true`: the
// integration suite's stepper, a Go program, spends about 10 ms of CPU
// starting its runtime (perf stat: 10 ms against 2 ms for Debian's dynamic
// /bin/true and 0.5 ms for this), which the benchmark would count as
// exitdrill's.
//
//	tinytrue FILE
package main

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"fmt"
	"os"
	"runtime"
)

// exit0 is exit(0) as machine code, by architecture.
var exit0 = map[string]struct {
	machine elf.Machine
	code    []byte
}{
	// mov eax, 60 (exit); xor edi, edi; syscall
	"amd64": {elf.EM_X86_64, []byte{0xb8, 0x3c, 0x00, 0x00, 0x00, 0x31, 0xff, 0x0f, 0x05}},
	// mov x0, #0; mov x8, #93 (exit); svc #0
	"arm64": {elf.EM_AARCH64, []byte{0x00, 0x00, 0x80, 0xd2, 0xa8, 0x0b, 0x80, 0xd2, 0x01, 0x00, 0x00, 0xd4}},
}

// base is where the one segment, the whole file, is loaded; the sizes are
// those of an ELF64 file header and program header.
const (
	base      = 0x400000
	ehdr64    = 64
	phdr64    = 56
	headers64 = ehdr64 + phdr64
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: tinytrue FILE")
		os.Exit(2)
	}
	b, err := program(runtime.GOARCH)
	if err == nil {
		err = os.WriteFile(os.Args[1], b, 0o755)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tinytrue:", err)
		os.Exit(1)
	}
}

// program is the executable for arch: an ELF header, one loadable segment
// (read and execute) that maps the file, and the code after them.
func program(arch string) ([]byte, error) {
	a, ok := exit0[arch]
	if !ok {
		return nil, fmt.Errorf("no exit(0) machine code for %s (amd64 and arm64 only)", arch)
	}
	size := uint64(headers64 + len(a.code))
	h := elf.Header64{
		Type: uint16(elf.ET_EXEC), Machine: uint16(a.machine), Version: uint32(elf.EV_CURRENT),
		Entry: base + headers64, Phoff: ehdr64, Ehsize: ehdr64, Phentsize: phdr64, Phnum: 1,
	}
	copy(h.Ident[:], elf.ELFMAG)
	h.Ident[elf.EI_CLASS], h.Ident[elf.EI_DATA], h.Ident[elf.EI_VERSION] = byte(elf.ELFCLASS64), byte(elf.ELFDATA2LSB), byte(elf.EV_CURRENT)
	p := elf.Prog64{Type: uint32(elf.PT_LOAD), Flags: uint32(elf.PF_R | elf.PF_X), Vaddr: base, Paddr: base, Filesz: size, Memsz: size, Align: 0x1000}
	var buf bytes.Buffer
	for _, v := range []any{h, p} {
		if err := binary.Write(&buf, binary.LittleEndian, v); err != nil {
			return nil, err
		}
	}
	buf.Write(a.code)
	return buf.Bytes(), nil
}
