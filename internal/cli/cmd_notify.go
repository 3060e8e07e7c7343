package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/spf13/cobra"

	"github.com/exitdrill/exitdrill/drill"
	"github.com/exitdrill/exitdrill/internal/notify"
)

// notifyTestOptions are the flags of notify test.
type notifyTestOptions struct {
	Catalog []string
	Config  string
	Role    string
}

func (o *notifyTestOptions) AddFlags(cmd *cobra.Command) {
	cmd.Flags().StringSliceVar(&o.Catalog, "catalog", nil, "catalog directory or file holding the contacts (repeatable)")
	cmd.Flags().StringVar(&o.Config, "notify-config", "", "notifications config file (default $"+notify.EnvConfig+")")
	cmd.Flags().StringVar(&o.Role, "role", "", "the role whose contacts get the test message")
	_ = cmd.MarkFlagRequired("catalog")
	_ = cmd.MarkFlagRequired("role")
}

func newNotifyCmd(s *Streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "notify",
		Short: "Check the notification channels",
	}
	var o notifyTestOptions
	test := &cobra.Command{
		Use:   "test --catalog DIR --role ROLE [--notify-config FILE]",
		Short: "Send one test message to a role's contacts through every channel that reaches them",
		Long: `notify test sends one test message to each person the catalog lists under
contacts for ROLE, by email and by webhook as the person's entry says, through the
servers and webhooks of the notifications config. Each delivery is reported on its
own line; the exit code is 1 when any failed.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runNotifyTest(cmd.Context(), &o, s) },
	}
	o.AddFlags(test)
	cmd.AddCommand(test)
	return cmd
}

// runNotifyTest sends the test message of notify test.
func runNotifyTest(ctx context.Context, o *notifyTestOptions, s *Streams) error {
	path := o.Config
	if path == "" {
		path = os.Getenv(notify.EnvConfig)
	}
	if path == "" {
		return asUsage(fmt.Errorf("no notifications config: give --notify-config FILE or set %s", notify.EnvConfig))
	}
	cfg, err := notify.LoadConfig(path)
	if err != nil {
		return asUsage(err)
	}
	c, err := loadCatalog(o.Catalog...)
	if err != nil {
		return err
	}
	opts := &drill.NotifyOptions{ConsoleURL: cfg.ConsoleURL, Contacts: c.Contacts}
	rc := opts.ContactsOf(o.Role)
	if rc == nil {
		var roles []string
		for _, r := range c.Contacts {
			roles = append(roles, r.Role)
		}
		slices.Sort(roles)
		return asUsage(fmt.Errorf("--role %q: the catalog has no contacts for it (roles with contacts: %v)", o.Role, roles))
	}
	n := &notify.Notifier{Config: cfg}
	msg := drill.Message{Event: drill.NotifyTest, Role: o.Role, Link: cfg.ConsoleURL,
		Subject: "exitdrill test message for " + o.Role,
		Text:    "This is a test of exitdrill's notifications for the role " + o.Role + ". Nothing needs to be done."}
	failed := 0
	for _, p := range rc.People {
		var chans []string
		if p.Email != "" {
			chans = append(chans, drill.EmailChannel)
		}
		if p.Webhook != "" {
			chans = append(chans, p.Webhook)
		}
		for _, ch := range chans {
			out, err := n.Send(ctx, drill.NotifyInput{Message: msg, To: *p, Channel: ch, Delivery: "test/" + o.Role + "/" + ch + "/" + p.Name})
			if err != nil {
				failed++
				fmt.Fprint(s.Out, s.printer().F("FAIL  %s by %s: %v\n", p.Name, ch, err))
				continue
			}
			fmt.Fprint(s.Out, s.printer().F("ok    %s by %s: %s\n", p.Name, ch, out.Detail))
		}
	}
	if failed > 0 {
		return withCode(1, fmt.Errorf("%d of the test deliveries failed", failed))
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return ctx.Err()
	}
	return nil
}
