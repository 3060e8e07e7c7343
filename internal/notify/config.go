// Package notify delivers drill notifications to people: email through an
// SMTP server (STARTTLS and AUTH PLAIN) and webhooks (a signed generic JSON
// body, or Slack, Mattermost and Microsoft Teams payloads), every connection
// through netguard so that no config can reach a metadata address.
package notify

import (
	"fmt"
	"net/url"
	"os"

	"github.com/exitdrill/exitdrill/internal/yamldoc"
)

// ConfigKind is the kind of a notifications config document.
const ConfigKind = "NotifyConfig"

// EnvConfig names the environment variable that points at the notifications
// config when --notify-config is not given.
const EnvConfig = "EXITDRILL_NOTIFY_CONFIG"

// Webhook formats.
const (
	FormatGeneric    = "generic"
	FormatSlack      = "slack"
	FormatMattermost = "mattermost"
	FormatTeams      = "teams"
)

// Config is the notifications config file: where the channels are and which
// environment variables hold their secrets. Contacts (who) are in the catalog.
type Config struct {
	yamldoc.Header `yaml:",inline"`
	ConsoleURL     string     `yaml:"consoleURL" json:"consoleURL,omitempty" doc:"The console's base URL; messages link to the drill there."`
	Email          *SMTP      `yaml:"email" json:"email,omitempty" doc:"The SMTP server email goes through."`
	Webhooks       []*Webhook `yaml:"webhooks" json:"webhooks,omitempty" doc:"Webhook channels, by name; contacts name them."`
}

// SMTP is the mail server. A session always upgrades with STARTTLS before it
// authenticates: a server that does not offer STARTTLS is refused.
type SMTP struct {
	Host         string `yaml:"host" json:"host" required:"true" doc:"SMTP server host name."`
	Port         int    `yaml:"port" json:"port,omitempty" doc:"Submission port (default 587)."`
	From         string `yaml:"from" json:"from" required:"true" doc:"Sender address."`
	Username     string `yaml:"username" json:"username,omitempty" doc:"AUTH PLAIN user; empty sends without authenticating."`
	PasswordEnv  string `yaml:"passwordEnv" json:"passwordEnv,omitempty" doc:"Environment variable holding the AUTH PLAIN password."`
	CAFile       string `yaml:"caFile" json:"caFile,omitempty" doc:"PEM file of the CA that signed the server's certificate (default: the system's roots)."`
	AllowPrivate bool   `yaml:"allowPrivate" json:"allowPrivate,omitempty" doc:"Allow link-local and metadata addresses (refused by default)."`
}

// Webhook is one webhook channel.
type Webhook struct {
	Name         string `yaml:"name" json:"name" required:"true" doc:"Channel name; contacts name it in webhook."`
	URL          string `yaml:"url" json:"url,omitempty" doc:"Receiver URL (http or https). Slack and Teams URLs carry a token: prefer urlEnv."`
	URLEnv       string `yaml:"urlEnv" json:"urlEnv,omitempty" doc:"Environment variable holding the receiver URL."`
	Format       string `yaml:"format" json:"format,omitempty" enum:"generic,slack,mattermost,teams" what:"webhook format" doc:"Payload format (default generic)."`
	SecretEnv    string `yaml:"secretEnv" json:"secretEnv,omitempty" doc:"Environment variable holding the HMAC-SHA256 secret; required for generic."`
	AllowPrivate bool   `yaml:"allowPrivate" json:"allowPrivate,omitempty" doc:"Allow link-local and metadata addresses (refused by default)."`
}

// LoadConfig reads and checks the notifications config at path.
func LoadConfig(path string) (*Config, error) {
	var errs yamldoc.List
	docs := yamldoc.ReadFile(yamldoc.OSFS{}, path, &errs)
	var cfg Config
	switch {
	case errs.Len() > 0:
	case len(docs) != 1 || docs[0].Kind != ConfigKind:
		return nil, fmt.Errorf("notifications config %s: want one %s document", path, ConfigKind)
	default:
		yamldoc.Decode(docs[0], &cfg, "", &errs)
	}
	if errs.Len() == 0 {
		cfg.check(path, &errs)
	}
	if err := errs.Err(); err != nil {
		return nil, fmt.Errorf("notifications config %s: %w", path, err)
	}
	return &cfg, nil
}

func (c *Config) check(file string, errs *yamldoc.List) {
	at := yamldoc.Pos{File: file}
	if c.Email != nil && c.Email.PasswordEnv != "" && !yamldoc.IsEnvName(c.Email.PasswordEnv) {
		errs.Add(at, "email.passwordEnv", c.Email.PasswordEnv, "is not an environment variable name", "letters, digits and _")
	}
	seen := map[string]bool{}
	for i, w := range c.Webhooks {
		key := fmt.Sprintf("webhooks[%d]", i)
		switch {
		case w.Name == "email" || seen[w.Name]:
			errs.Add(at, key+".name", w.Name, "is used twice or is the email channel's name", "a unique name other than email")
		case (w.URL == "") == (w.URLEnv == ""):
			errs.Add(at, key, w.Name, "needs exactly one of url and urlEnv", "url or urlEnv")
		case w.format() == FormatGeneric && w.SecretEnv == "":
			errs.Add(at, key+".secretEnv", "", "is required for a generic webhook (its body is signed)", "an environment variable name")
		}
		seen[w.Name] = true
		if w.URL != "" {
			if u, err := url.Parse(w.URL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				errs.Add(at, key+".url", "(not shown)", "is not an http or https URL", "https://host/path")
			}
		}
	}
}

func (w *Webhook) format() string {
	if w.Format == "" {
		return FormatGeneric
	}
	return w.Format
}

// webhook returns the channel named name, or nil.
func (c *Config) webhook(name string) *Webhook {
	for _, w := range c.Webhooks {
		if w.Name == name {
			return w
		}
	}
	return nil
}

// env reads an environment variable through getenv (os.Getenv when nil).
func env(getenv func(string) string, name string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	return getenv(name)
}
