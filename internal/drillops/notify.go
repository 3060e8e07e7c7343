package drillops

import (
	"github.com/exitdrill/exitdrill/catalog"
	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/scenarios"
)

// notifyOptions are the drill's notification options (see Request.Notify):
// nil, so nobody is told, when the catalog lists no contacts or the drill was
// not asked to notify.
func (r *Request) notifyOptions(cat *catalog.Catalog, sc *scenarios.Scenario) *drill.NotifyOptions {
	if cat == nil || len(cat.Contacts) == 0 {
		return nil
	}
	if !r.Notify && (!r.NotifyConfigured || sc == nil || sc.EffectiveMode() == scenarios.Compressed) {
		return nil
	}
	return &drill.NotifyOptions{ConsoleURL: r.NotifyConsole, Contacts: cat.Contacts}
}
