package engine

import (
	"strings"
	"testing"

	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"
)

// TestDataConverterCompresses: a plan-sized payload travels compressed, so
// that a drill of thousands of processes stays under the server's payload
// limit; a payload an earlier version wrote without compression still
// reads.
func TestDataConverterCompresses(t *testing.T) {
	type process struct {
		ID, Owner string
		Steps     []string
	}
	var plan []process
	for i := range 2500 {
		plan = append(plan, process{ID: "process-" + strings.Repeat("x", i%7), Owner: "Directie Ruimte", Steps: []string{"command", "wait", "command", "sign-off"}})
	}
	plain, err := converter.GetDefaultDataConverter().ToPayload(plan)
	if err != nil {
		t.Fatal(err)
	}
	p, err := DataConverter.ToPayload(plan)
	if err != nil {
		t.Fatal(err)
	}
	if enc := string(p.GetMetadata()["encoding"]); enc != "binary/zlib" || len(p.GetData())*5 > len(plain.GetData()) {
		t.Errorf("payload %s of %d bytes for %d bytes of JSON, want zlib at a fifth or less", enc, len(p.GetData()), len(plain.GetData()))
	}
	small, err := DataConverter.ToPayload(plan[:10])
	if err != nil {
		t.Fatal(err)
	}
	if enc := string(small.GetMetadata()["encoding"]); enc != "json/plain" {
		t.Errorf("a small payload is encoded %s, want json/plain: compressing every step's input costs CPU for little", enc)
	}
	for _, in := range []struct {
		name string
		p    *commonpb.Payload
	}{{"compressed", p}, {"plain, from an earlier version", plain}} {
		var back []process
		if err := DataConverter.FromPayload(in.p, &back); err != nil || len(back) != len(plan) || back[2499].Owner != "Directie Ruimte" {
			t.Errorf("%s: read back %d processes, %v", in.name, len(back), err)
		}
	}
}
