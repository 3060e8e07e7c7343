package drill

import "github.com/exitdrill/exitdrill/internal/yamldoc/defs"

// The notification contract: the Process workflow executes NotifyActivity,
// one activity per delivery (one contact through one channel), by this name
// with these types; the worker registers package internal/notify's
// implementation under the same name when it has a notifications config.

// NotifyActivity is the activity that delivers one notification.
const NotifyActivity = "Notify"

// ErrNotifyPermanent is the application error type of a delivery that
// retrying cannot help: no such channel, an address the guard refuses, a
// receiver that answered 4xx, a config without the secret it names.
const ErrNotifyPermanent = "NotifyPermanent"

// ErrNotifyFailed is the application error type of a delivery that failed
// in a way another attempt may mend (a receiver that is down). Both are
// benign errors: the outcome goes to the evidence, not to the worker's
// error log or the terminal.
const ErrNotifyFailed = "NotifyFailed"

// DefaultContinuityRole is the role told of every escalation besides the
// deputy of the late step's role.
const DefaultContinuityRole = "continuity-manager"

// EmailChannel is the channel name of email; every other channel name is a
// webhook of the notifications config.
const EmailChannel = "email"

// Notification events.
const (
	// NotifyWaiting: a manual step waits for a person.
	NotifyWaiting = "step.waiting"
	// NotifyLate: a manual step passed its expected time (escalation).
	NotifyLate = "step.late"
	// NotifyOverdue: a manual step passed its limit and failed (escalation
	// to the role, its deputy and the continuity manager).
	NotifyOverdue = "step.overdue"
	// NotifyDrillStarted: the drill started.
	NotifyDrillStarted = "drill.started"
	// NotifyDrillEnded: the drill ended, with its verdicts.
	NotifyDrillEnded = "drill.ended"
	// NotifyDrillAborted: the drill was aborted.
	NotifyDrillAborted = "drill.aborted"
	// NotifyInject: an exercise inject, a scenario's message to a role.
	NotifyInject = "inject"
	// NotifyTest: `exitdrill notify test` checks the channels.
	NotifyTest = "test"
)

// NotifyOptions ask a drill to notify people; nil notifies nobody. The CLI
// sets them for live and tabletop drills when a notifications config is
// given, and for compressed drills only with --notify.
type NotifyOptions struct {
	// ConsoleURL is the console's base URL; messages link to the drill there.
	ConsoleURL string `json:"consoleURL,omitempty"`
	// Contacts are the catalog's contacts, by role, sorted by role.
	Contacts []*RoleContacts `json:"contacts,omitempty"`
	// ContinuityRole is told of escalations (default continuity-manager).
	ContinuityRole string `json:"continuityRole,omitempty"`
}

// RoleContacts are the people to tell about a role's manual steps.
type RoleContacts struct {
	Role   string     `yaml:"role" json:"role" required:"true" doc:"The role, as manual steps name it (manual.role), for example process-owner."`
	Deputy string     `yaml:"deputy" json:"deputy,omitempty" doc:"The role told, besides the continuity manager, when a step of this role is past its expected time."`
	People []*Contact `yaml:"people" json:"people" required:"true" doc:"Who holds the role."`

	Src defs.Source `yaml:"-" json:"-"`
}

// Contact is one person and where to reach them. Addresses only: the
// channels' servers, URLs and secrets are in the notifications config.
type Contact struct {
	Name    string `yaml:"name" json:"name" required:"true" doc:"The person's name."`
	Email   string `yaml:"email" json:"email,omitempty" doc:"Email address, sent to through the config's SMTP server."`
	Webhook string `yaml:"webhook" json:"webhook,omitempty" doc:"Name of a webhook channel of the notifications config (a chat channel or a receiver) that reaches this person."`
	// QuietHours hold this person's messages until they end; an escalation
	// past a step's limit goes to the deputy role instead.
	QuietHours QuietHours `yaml:"quietHours" json:"quietHours,omitzero" doc:"Daily span of local time HH:MM-HH:MM (for example 22:00-07:00, it may cross midnight) in which messages to this person are held until it ends; an escalation past a step's limit goes to the deputy role instead. Needs timezone."`
	Timezone   string     `yaml:"timezone" json:"timezone,omitempty" example:"Europe/Amsterdam" doc:"IANA time zone of quietHours, for example Europe/Amsterdam."`

	Src defs.Source `yaml:"-" json:"-"`
}

// ContactsOf returns the contacts of role, or nil.
func (o *NotifyOptions) ContactsOf(role string) *RoleContacts {
	if o == nil {
		return nil
	}
	for _, c := range o.Contacts {
		if c.Role == role {
			return c
		}
	}
	return nil
}

// Message is what a notification says, whatever the channel.
type Message struct {
	Event   string `json:"event"`
	DrillID string `json:"drillId,omitempty"`
	Process string `json:"process,omitempty"`
	Step    string `json:"step,omitempty"`
	// Role is the role the step waits for.
	Role         string `json:"role,omitempty"`
	Subject      string `json:"subject"`
	Text         string `json:"text"`
	Instructions string `json:"instructions,omitempty"`
	// Link points at the step in the console, when a console URL is configured.
	Link     string   `json:"link,omitempty"`
	Expected Duration `json:"expected,omitempty"`
}

// NotifyInput is the input of NotifyActivity: one message to one contact
// through one channel (EmailChannel or a webhook's name).
type NotifyInput struct {
	Message Message `json:"message"`
	To      Contact `json:"to"`
	Channel string  `json:"channel"`
	// Delivery identifies the delivery across retries, so that a receiver
	// can drop a repeat.
	Delivery string `json:"delivery"`
}

// NotifyOutput is a delivery's outcome, for the evidence.
type NotifyOutput struct {
	Channel string `json:"channel"`
	// Detail says what the receiving side answered ("250 2.0.0 queued",
	// "HTTP 200").
	Detail string `json:"detail,omitempty"`
}
