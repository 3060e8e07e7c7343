package engine

import (
	commonpb "go.temporal.io/api/common/v1"
	"go.temporal.io/sdk/converter"
	"google.golang.org/protobuf/proto"
)

// DataConverter is how exitdrill's clients and workers encode what they send
// to Temporal: JSON as the SDK does, and each payload of at least
// compressFrom bytes then compressed with zlib (the SDK's codec) when that
// makes it smaller. A drill's input carries its whole plan and definitions,
// and its evidence activity the plan and every result: for thousands of
// processes they pass the server's 2 MB payload limit and gRPC's 4 MB
// message limit as plain JSON (2,500 processes: a 6.2 MB input, 1.3 MB
// compressed). Smaller payloads — a step's input and result, thousands of
// them in a drill — are not compressed: that would cost CPU on every step
// for little. Payloads written without compression, by earlier versions,
// are read as they are. Everything that decodes a payload the client
// encoded (a drill's input from its history, a memo, a schedule's action)
// must use this converter; search attributes are not encoded by it.
var DataConverter = converter.NewCodecDataConverter(converter.GetDefaultDataConverter(),
	largeOnly{zlib: converter.NewZlibCodec(converter.ZlibCodecOptions{})})

// compressFrom is the size from which a payload is compressed.
const compressFrom = 64 << 10

// largeOnly compresses payloads of at least compressFrom bytes with zlib and
// decodes every payload zlib encoded.
type largeOnly struct{ zlib converter.PayloadCodec }

// Encode implements converter.PayloadCodec.
func (c largeOnly) Encode(payloads []*commonpb.Payload) ([]*commonpb.Payload, error) {
	out := make([]*commonpb.Payload, len(payloads))
	for i, p := range payloads {
		out[i] = p
		if proto.Size(p) < compressFrom {
			continue
		}
		enc, err := c.zlib.Encode([]*commonpb.Payload{p})
		if err != nil {
			return payloads, err
		}
		out[i] = enc[0]
	}
	return out, nil
}

// Decode implements converter.PayloadCodec: the zlib codec leaves payloads
// it did not encode as they are.
func (c largeOnly) Decode(payloads []*commonpb.Payload) ([]*commonpb.Payload, error) {
	return c.zlib.Decode(payloads)
}
