package drillops

import (
	"fmt"

	"google.golang.org/protobuf/proto"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/engine"
)

// PayloadLimit is the largest payload Temporal accepts by default (the
// server's limit.blobSize.error, 2 MiB; Temporal Cloud's too). Three
// payloads of a drill grow with its size: the Drill workflow's input (the
// plan, the definitions, the shipped files), the input of its evidence step
// (that input again and every process's summary, see
// drill.ProcessResult.Summary) and its result. A command whose payload
// passes the limit is not refused but ends the workflow: the server
// terminates it (BAD_SCHEDULE_ACTIVITY_ATTRIBUTES), so a drill too large for
// its evidence step would run to its end and then lose everything, its
// evidence included.
const PayloadLimit = 2 << 20

// ProcessRoom is the room CheckPayload keeps for each process's summary in
// the Drill's result, as exitdrill's converter encodes it
// (internal/engine.DataConverter: JSON, then zlib): the steps' results stay
// in the Process children's results and are not counted. Measured by
// TestCheckPayloadAtScale on the summaries of a generated catalog of 2,500
// processes: 68 bytes a process, its run id (random) the least compressible.
const ProcessRoom = 120

// CheckPayload refuses, before anything starts, a drill whose evidence step
// would not fit in limit bytes (0: PayloadLimit): the drill's input as it
// travels plus ProcessRoom for each process. It says how large each part is
// and what to do. The refusal is an *InvalidError (exit 2): what was asked
// cannot be drilled as one drill.
func CheckPayload(in drill.DrillInput, limit int) error {
	if limit <= 0 {
		limit = PayloadLimit
	}
	p, err := engine.DataConverter.ToPayloads(in)
	if err != nil {
		return fmt.Errorf("encode the drill's input: %w", err)
	}
	size := proto.Size(p)
	procs := len(in.Plan.Processes)
	projected := size + procs*ProcessRoom
	if projected <= limit {
		return nil
	}
	return &InvalidError{Err: fmt.Errorf("drill %s is too large to run as one drill: its input is %s as Temporal stores it "+
		"(plan, definitions and shipped files, compressed) and the summaries of its %d processes need about %s more (%d bytes a process), "+
		"%s in all, over Temporal's payload limit of %s; the server would end the drill when it writes its evidence. "+
		"Drill fewer processes at once: lose fewer suppliers in one scenario, or split the catalog",
		in.Plan.DrillID, kb(size), procs, kb(procs*ProcessRoom), ProcessRoom, kb(projected), kb(limit))}
}

// kb shows a payload size in KiB, as limits are compared.
func kb(n int) string { return fmt.Sprintf("%d KiB", (n+1023)/1024) }
