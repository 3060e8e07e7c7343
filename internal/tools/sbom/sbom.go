package main

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"runtime/debug"
	"strings"
	"time"
)

// SpecVersion is the CycloneDX specification the document follows.
const SpecVersion = "1.5"

// BOM is a CycloneDX 1.5 bill of materials, as much of it as a Go binary's
// build information fills in.
type BOM struct {
	BOMFormat    string       `json:"bomFormat"` // always "CycloneDX"
	SpecVersion  string       `json:"specVersion"`
	SerialNumber string       `json:"serialNumber"` // urn:uuid:…
	Version      int          `json:"version"`      // of this BOM, always 1
	Metadata     Metadata     `json:"metadata"`
	Components   []Component  `json:"components"`
	Dependencies []Dependency `json:"dependencies"`
}

// Metadata says what the BOM describes, when and with which tool it was made.
type Metadata struct {
	Timestamp string    `json:"timestamp"` // RFC 3339
	Tools     Tools     `json:"tools"`
	Component Component `json:"component"`
}

// Tools lists the tools that made the BOM (the 1.5 form: components).
type Tools struct {
	Components []Component `json:"components"`
}

// Component is a module: the binary's main module (type application) or one
// it links (type library).
type Component struct {
	Type       string     `json:"type"`
	BOMRef     string     `json:"bom-ref,omitempty"`
	Name       string     `json:"name"`
	Version    string     `json:"version,omitempty"`
	PURL       string     `json:"purl,omitempty"`
	Hashes     []Hash     `json:"hashes,omitempty"`
	Properties []Property `json:"properties,omitempty"`
}

// Hash is a digest of a component's content: for the main component the
// binary, for a library its module zip (as the Go module proxy serves it).
type Hash struct {
	Alg     string `json:"alg"`     // "SHA-256"
	Content string `json:"content"` // lowercase hex
}

// Property is a name-value pair for what CycloneDX has no field for.
type Property struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// Dependency says which components a component depends on, by bom-ref.
type Dependency struct {
	Ref       string   `json:"ref"`
	DependsOn []string `json:"dependsOn"`
}

// Input is what Build needs besides the build information.
type Input struct {
	Binary     []byte    // the binary itself, hashed for the main component
	Name       string    // the binary's file name
	Time       time.Time // the BOM's timestamp
	ZipSHA256  func(path, version string) (string, bool)
	ToolName   string
	ToolVendor string
}

// Build makes the BOM of a binary from its build information (what `go
// version -m` prints). Its serial number is derived from the binary's hash, so
// the same binary gives the same BOM at the same time.
func Build(bi *debug.BuildInfo, in Input) BOM {
	sum := sha256.Sum256(in.Binary)
	main := Component{
		Type:    "application",
		Name:    bi.Main.Path,
		Version: bi.Main.Version,
		Hashes:  []Hash{{Alg: "SHA-256", Content: hex.EncodeToString(sum[:])}},
	}
	main.PURL = purl(main.Name, main.Version)
	main.BOMRef = main.PURL
	main.Properties = append(main.Properties, Property{"golang:file", in.Name}, Property{"golang:goversion", bi.GoVersion})
	for _, s := range bi.Settings {
		main.Properties = append(main.Properties, Property{"golang:build:" + s.Key, s.Value})
	}
	bom := BOM{
		BOMFormat: "CycloneDX", SpecVersion: SpecVersion, Version: 1,
		SerialNumber: "urn:uuid:" + uuidFrom(sum[:]),
		Metadata: Metadata{
			Timestamp: in.Time.UTC().Format(time.RFC3339),
			Tools:     Tools{Components: []Component{{Type: "application", Name: in.ToolName, Properties: []Property{{"vendor", in.ToolVendor}}}}},
			Component: main,
		},
		Components: []Component{},
	}
	deps := Dependency{Ref: main.BOMRef, DependsOn: []string{}}
	for _, d := range bi.Deps {
		c := library(d, in.ZipSHA256)
		bom.Components = append(bom.Components, c)
		deps.DependsOn = append(deps.DependsOn, c.BOMRef)
	}
	bom.Dependencies = []Dependency{deps}
	return bom
}

// library is the component of module d, or of its replacement.
func library(d *debug.Module, zipSHA256 func(path, version string) (string, bool)) Component {
	m := d
	var props []Property
	switch {
	case d.Replace != nil && (strings.HasPrefix(d.Replace.Path, ".") || strings.HasPrefix(d.Replace.Path, "/")):
		// Replaced by a directory: no version anyone else can fetch.
		m = &debug.Module{Path: d.Path}
		props = append(props, Property{"golang:replaced-by-directory", d.Replace.Path})
	case d.Replace != nil:
		m = d.Replace
		props = append(props, Property{"golang:replaces", d.Path + "@" + d.Version})
	}
	c := Component{Type: "library", Name: m.Path, Version: m.Version, PURL: purl(m.Path, m.Version)}
	c.BOMRef = c.PURL
	if m.Sum != "" {
		props = append(props, Property{"golang:h1", m.Sum})
		if sha, ok := h1Hex(m.Sum); ok {
			props = append(props, Property{"golang:h1:hex", sha})
		}
	}
	if zipSHA256 != nil && m.Version != "" {
		if h, ok := zipSHA256(m.Path, m.Version); ok {
			c.Hashes = []Hash{{Alg: "SHA-256", Content: h}}
		}
	}
	c.Properties = props
	return c
}

// h1Hex decodes a go.sum hash ("h1:" and base64 of a SHA-256 over the
// module's file list) to hex. It is not the SHA-256 of any one file, so it is
// a property, not a CycloneDX hash.
func h1Hex(sum string) (string, bool) {
	b64, ok := strings.CutPrefix(sum, "h1:")
	if !ok {
		return "", false
	}
	b, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(b) != sha256.Size {
		return "", false
	}
	return hex.EncodeToString(b), true
}

// purl is the package URL of a Go module: pkg:golang/PATH@VERSION, each
// segment percent-encoded as the purl specification asks (a version's "+" of
// +incompatible becomes %2B). A module without a version (replaced by a
// directory) gets no @VERSION.
func purl(path, version string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		segs[i] = escape(s)
	}
	p := "pkg:golang/" + strings.Join(segs, "/")
	if version != "" && version != "(devel)" {
		p += "@" + escape(version)
	}
	return p
}

// escape percent-encodes every byte but the unreserved ones of RFC 3986.
func escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// uuidFrom formats the first 16 bytes of a hash as a version 4 (random
// layout) UUID: unique per binary, and the same for the same binary.
func uuidFrom(h []byte) string {
	var u [16]byte
	copy(u[:], h)
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	x := hex.EncodeToString(u[:])
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}
