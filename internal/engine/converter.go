package engine

import "go.temporal.io/sdk/converter"

// DataConverter is how exitdrill's clients and workers encode what they send
// to Temporal: JSON as the SDK does, each payload then compressed with zlib
// when that makes it smaller. A drill's input carries its whole plan and
// definitions, and its evidence activity the plan and every result: for
// thousands of processes they pass the server's 2 MB payload limit and
// gRPC's 4 MB message limit as plain JSON (2,500 processes: a 6.2 MB input,
// 1.3 MB compressed). Payloads written without compression, by earlier
// versions, are read as they are. Everything that decodes a payload the
// client encoded (a drill's input from its history, a memo, a schedule's
// action) must use this converter; search attributes are not encoded by it.
var DataConverter = converter.NewCodecDataConverter(converter.GetDefaultDataConverter(),
	converter.NewZlibCodec(converter.ZlibCodecOptions{}))
