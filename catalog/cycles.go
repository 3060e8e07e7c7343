package catalog

import (
	"slices"
	"strings"
)

// cycles reports every cycle in dependsOn and in subprocessors, printing the
// cycle. Each cycle is reported once, at the key of its first member in file
// order.
func (v *validator) cycles() {
	apps := make(map[string][]string, len(v.c.Applications))
	appOrder := make([]string, 0, len(v.c.Applications))
	for _, a := range v.c.Applications {
		apps[a.ID] = a.DependsOn
		appOrder = append(appOrder, a.ID)
	}
	for _, cyc := range findCycles(appOrder, apps) {
		a := v.c.applications[cyc[0]]
		v.errs.AddAt(a.Src, "dependsOn", "", "dependency cycle: "+strings.Join(cyc, " -> "), "dependsOn must not lead back to the application")
	}
	sups := make(map[string][]string, len(v.c.Suppliers))
	supOrder := make([]string, 0, len(v.c.Suppliers))
	for _, s := range v.c.Suppliers {
		sups[s.ID] = s.Subprocessors
		supOrder = append(supOrder, s.ID)
	}
	for _, cyc := range findCycles(supOrder, sups) {
		s := v.c.suppliers[cyc[0]]
		v.errs.AddAt(s.Src, "subprocessors", "", "subprocessor cycle: "+strings.Join(cyc, " -> "), "subprocessors must not lead back to the supplier")
	}
}

// frame is a node on the depth-first search stack and the index of the next edge
// to follow from it.
type frame struct {
	node string
	next int
}

// findCycles returns the cycles of the directed graph edges, visiting nodes in
// order. Each cycle is given as its members from the first-visited one back to
// itself (a -> b -> a). Edges to unknown nodes and self-edges are ignored (they are
// reported elsewhere). Iterative, so a deep chain cannot overflow the stack.
func findCycles(order []string, edges map[string][]string) [][]string {
	const (
		white = iota
		grey
		black
	)
	color := make(map[string]int, len(order))
	var out [][]string
	for _, root := range order {
		if color[root] != white {
			continue
		}
		stack := []frame{{node: root}}
		color[root] = grey
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			succ := edges[top.node]
			if top.next >= len(succ) {
				color[top.node] = black
				stack = stack[:len(stack)-1]
				continue
			}
			n := succ[top.next]
			top.next++
			if _, known := edges[n]; !known || n == top.node {
				continue
			}
			switch color[n] {
			case white:
				color[n] = grey
				stack = append(stack, frame{node: n})
			case grey:
				out = append(out, cycleFrom(stack, n))
			}
		}
	}
	return out
}

func cycleFrom(stack []frame, start string) []string {
	var cyc []string
	for i := len(stack) - 1; i >= 0; i-- {
		cyc = append(cyc, stack[i].node)
		if stack[i].node == start {
			break
		}
	}
	slices.Reverse(cyc)
	return append(cyc, start)
}
